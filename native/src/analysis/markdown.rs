//! Markdown → non-prose regions (byte offsets). CommonMark/GFM structure comes from pulldown-cmark;
//! extension syntax (MkDocs/pymdown blocks, includes, template tags, attribute lists) from line and
//! regex scans. Admonition and tab bodies are indented by four spaces, which CommonMark would read as
//! an indented code block, so they are dedented and parsed as documents of their own.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::{Kind, Region};

/// Nested admonitions deeper than this are left to pulldown-cmark (their bodies read as code, which
/// errs on the safe side) so that a pathological input cannot recurse without bound.
const MAX_DEPTH: usize = 8;

pub fn regions(text: &str) -> Vec<Region> {
    let mut out = Vec::new();
    let lines = line_spans(text);
    match front_matter(text, &lines) {
        Some(last) => {
            let end = lines[last].content;
            out.push(Region::new(Kind::FrontMatter, 0, end));
            // the rest is parsed with the front matter blanked out (offsets unchanged)
            let rest = blank_out(text, std::iter::once(0..end));
            document(&rest, &lines, 0, &mut out);
        }
        None => document(text, &lines, 0, &mut out),
    }
    extensions(text, &mut out);
    out
}

/// `text` with the byte ranges replaced by spaces, line breaks kept: every offset stays the same.
fn blank_out(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        for b in &mut bytes[range] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes).expect("only whole characters are replaced")
}

/// One line: `start..end` includes the line break, `content` is where the text ends before `\r\n`.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    content: usize,
    end: usize,
}

fn line_spans(text: &str) -> Vec<Line> {
    super::line_bounds(text)
        .map(|(start, end)| Line {
            start,
            content: start + text[start..end].trim_end_matches(['\n', '\r']).len(),
            end,
        })
        .collect()
}

/// `---` (YAML, closed by `---` or `...`) or `+++` (TOML) on the very first line: the index of the
/// closing line.
fn front_matter(text: &str, lines: &[Line]) -> Option<usize> {
    let line = |l: &Line| {
        text[l.start..l.content]
            .trim_start_matches('\u{feff}')
            .trim_end()
    };
    let (closers, key): (&[&str], char) = match line(lines.first()?) {
        "---" => (&["---", "..."], ':'),
        "+++" => (&["+++"], '='),
        _ => return None,
    };
    let close = (1..lines.len()).find(|&i| closers.contains(&line(&lines[i])))?;
    // Front matter holds keys (`title: x`, `title = "x"`); a thematic break over a paragraph does not.
    let keyed = lines[1..close].iter().any(|l| line(l).contains(key));
    keyed.then_some(close)
}

/// Leading whitespace of a line: (columns, with tabs to the next multiple of 4; bytes).
fn indent(line: &str) -> (usize, usize) {
    let mut cols = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => return (cols, i),
        }
    }
    (cols, line.len())
}

/// Bytes of leading whitespace to cut so that `cols` columns are removed (fewer on short lines).
fn dedent_bytes(line: &str, cols: usize) -> usize {
    let (mut col, mut cut) = (0, 0);
    for b in line.bytes() {
        if col >= cols {
            break;
        }
        match b {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => break,
        }
        cut += 1;
    }
    cut
}

/// Block-level extension lines (without their indent): `!!! note "T"`, `??? tip`, `???+ x`,
/// `=== "Tab"` (these open a body indented by four more columns), `/// note | Title`, `//// tab | x`
/// and the bare `///` closers.
fn block_line_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r#"(?x)^(?:
              (?:!!!|\?\?\?\+?)[\ \t]+[\w-]+(?:[\ \t]+[\w-]+)*(?:[\ \t]+"[^"]*")?
            | ===!?\+?[\ \t]+"[^"]*"
            | /{3,}(?:[\ \t]+\S.*)?
            )[\ \t]*$"#,
        )
        .expect("block line pattern compiles")
    })
}

/// Regions of a document or of an admonition body (`depth` > 0).
fn document(text: &str, lines: &[Line], depth: usize, out: &mut Vec<Region>) {
    // Lines to blank out before the main parse: extension lines and admonition bodies.
    let mut hidden: Vec<Range<usize>> = Vec::new();
    let mut candidates = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let s = text[line.start..line.content].trim_start_matches([' ', '\t']);
        // cheap pre-check so that the regex runs only on plausible lines
        let first = s.bytes().next();
        if matches!(first, Some(b'!' | b'?' | b'=' | b'/')) && block_line_pattern().is_match(s) {
            candidates.push((i, first != Some(b'/')));
        }
    }
    if !candidates.is_empty() {
        // What looks like an extension line inside a code or HTML block is part of that block.
        let blocks = code_blocks(text);
        let in_block = |pos: usize| {
            let k = blocks.partition_point(|r| r.start <= pos);
            k > 0 && pos < blocks[k - 1].end
        };
        let mut next = 0;
        for (i, has_body) in candidates {
            let line = lines[i];
            let (cols, lead) = indent(&text[line.start..line.content]);
            if i < next || in_block(line.start + lead) {
                continue;
            }
            out.push(Region::new(
                Kind::Directive,
                line.start + lead,
                line.content,
            ));
            let mut last = i;
            if has_body && depth < MAX_DEPTH {
                for (j, body) in lines.iter().enumerate().skip(i + 1) {
                    let s = &text[body.start..body.content];
                    if s.trim().is_empty() {
                        continue;
                    }
                    if indent(s).0 < cols + 4 {
                        break;
                    }
                    last = j;
                }
                sub_document(text, &lines[i + 1..=last], cols + 4, depth + 1, out);
            }
            hidden.extend(lines[i..=last].iter().map(|l| l.start..l.content));
            next = last + 1;
        }
    }
    if hidden.is_empty() {
        parse(text, out);
    } else {
        // blank lines also end the paragraph before and start a new block after, as the blocks do
        parse(&blank_out(text, hidden), out);
    }
}

/// Parse an indented body dedented by `cols` columns and map its regions back to `text`.
fn sub_document(text: &str, body: &[Line], cols: usize, depth: usize, out: &mut Vec<Region>) {
    let mut sub = String::new();
    // (offset in `sub`, offset in `text`) of each body line's first kept byte
    let mut map = Vec::with_capacity(body.len());
    for line in body {
        let cut = dedent_bytes(&text[line.start..line.content], cols);
        map.push((sub.len(), line.start + cut));
        sub.push_str(&text[line.start + cut..line.end]);
    }
    let mut inner = Vec::new();
    document(&sub, &line_spans(&sub), depth, &mut inner);
    let to_text = |p: usize| {
        let k = map.partition_point(|m| m.0 <= p) - 1;
        map[k].1 + (p - map[k].0)
    };
    // Map the last byte rather than the end, so a region never swallows the next line's indent.
    out.extend(
        inner
            .into_iter()
            .filter(|r| r.end > r.start)
            .map(|r| Region::new(r.kind, to_text(r.start), to_text(r.end - 1) + 1)),
    );
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// Code and HTML block ranges, sorted.
fn code_blocks(text: &str) -> Vec<Range<usize>> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)))
        .map(|(_, range)| range)
        .collect()
}

/// An open link or image: where it starts, its type, and how far its text reaches so far.
struct OpenLink {
    link_type: LinkType,
    text_end: usize,
}

fn parse(text: &str, out: &mut Vec<Region>) {
    let mut links: Vec<OpenLink> = Vec::new();
    // Children of a link extend its text; whatever follows the text (`](dest "title")`) is the URL.
    let reach = |links: &mut Vec<OpenLink>, end: usize| {
        if let Some(link) = links.last_mut() {
            link.text_end = link.text_end.max(end);
        }
    };
    let mut events = Parser::new_ext(text, options()).into_offset_iter();
    for (event, range) in events.by_ref() {
        let kind = match &event {
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) => {
                reach(&mut links, range.end);
                let opener = if text[range.start..].starts_with('!') {
                    2
                } else {
                    1
                };
                links.push(OpenLink {
                    link_type: *link_type,
                    text_end: range.start + opener,
                });
                match link_type {
                    LinkType::Autolink | LinkType::Email => Some(Kind::Url),
                    _ => None,
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(link) = links.pop() {
                    if matches!(link.link_type, LinkType::Inline | LinkType::Reference) {
                        out.push(Region::new(Kind::Url, link.text_end, range.end));
                    }
                }
                reach(&mut links, range.end);
                None
            }
            _ => {
                reach(&mut links, range.end);
                match &event {
                    Event::Start(Tag::CodeBlock(_)) => Some(Kind::Code),
                    Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => {
                        Some(Kind::Html)
                    }
                    Event::Code(_) => Some(Kind::InlineCode),
                    Event::InlineMath(_) | Event::DisplayMath(_) => Some(Kind::Math),
                    Event::FootnoteReference(_) | Event::TaskListMarker(_) => Some(Kind::Directive),
                    // two trailing spaces (or a backslash) before a line break are a `<br>`, not layout
                    Event::HardBreak => Some(Kind::Directive),
                    Event::Start(Tag::FootnoteDefinition(_)) => {
                        // only the `[^label]:` is markup; the definition's text is prose
                        let label = text[range.clone()].find("]:").map_or(0, |i| i + 2);
                        out.push(Region::new(
                            Kind::Directive,
                            range.start,
                            range.start + label,
                        ));
                        None
                    }
                    _ => None,
                }
            }
        };
        if let Some(kind) = kind {
            out.push(Region::new(kind, range.start, range.end));
        }
    }
    for (_, def) in events.reference_definitions().iter() {
        out.push(Region::new(Kind::Directive, def.span.start, def.span.end));
    }
}

/// Inline extension syntax, anywhere in the text: template tags, includes, attribute lists, snippet
/// lines, GitHub alert markers.
fn extension_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r#"(?xm)
              \{\{[<%].*?[%>]\}\}          # Hugo shortcode {{< x >}}, {{% x %}}
            | \{\{.*?\}\}                  # Jinja expression, mdBook {{#include x}}
            | \{%.*?%\}                    # Jinja statement
            | \{\#.*?\#\}                  # Jinja comment
            | \{\*.*?\*\}                  # {* ../file.py hl[3] *}
            | \{:?[\ \t]*[\#.][\w-][^{}\n]*\}  # attribute list {#id .class}, {: .class }
            | \{:[^{}\n]*\}                # {: target="_blank" }
            | ^[\ \t]*;?-+8<-+[^\r\n]*     # snippet line --8<-- "file.md"
            | ^[\ \t]*>[\ \t]*\[![A-Za-z]+\]  # GitHub alert > [!NOTE]
            "#,
        )
        .expect("extension pattern compiles")
    })
}

fn extensions(text: &str, out: &mut Vec<Region>) {
    for m in extension_pattern().find_iter(text) {
        let lead = m.as_str().len() - m.as_str().trim_start_matches([' ', '\t', '>']).len();
        out.push(Region::new(Kind::Directive, m.start() + lead, m.end()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::*;

    /// The merged regions as (kind, slice) pairs.
    fn found(text: &str) -> Vec<(Kind, &str)> {
        normalize(regions(text))
            .into_iter()
            .map(|r| (r.kind, &text[r.start..r.end]))
            .collect()
    }

    use Kind::*;

    #[test]
    fn plain_prose_has_no_regions() {
        let text =
            "# A heading\n\nSome *prose* with **emphasis**, a list:\n\n- one\n- two\n\n> quoted\n";
        assert_eq!(found(text), vec![]);
    }

    #[test]
    fn a_hard_line_break_is_markup() {
        let text = "first line  \nsecond\\\nthird\n";
        let breaks: Vec<_> = found(text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(breaks, vec!["  \n", "\\\n"]);
    }

    #[test]
    fn fenced_and_indented_code() {
        let text = "Intro.\n\n```py title=\"x\"\nprint(1)\n```\n\ntext\n\n~~~\nraw\n~~~\n\n    indented\n    more\n\nend\n";
        assert_eq!(
            found(text),
            vec![
                (Code, "```py title=\"x\"\nprint(1)\n```"),
                (Code, "~~~\nraw\n~~~"),
                (Code, "indented\n    more\n"),
            ]
        );
    }

    #[test]
    fn fence_in_nested_list_item() {
        let text = "- one `a`\n  - two\n\n    ```sh\n    ls\n    ```\n- three\n";
        assert_eq!(
            found(text),
            vec![(InlineCode, "`a`"), (Code, "```sh\n    ls\n    ```")]
        );
    }

    #[test]
    fn inline_code_of_any_length() {
        let text = "Use `x` or ``a`b`` or ```c``` here.";
        assert_eq!(
            found(text),
            vec![
                (InlineCode, "`x`"),
                (InlineCode, "``a`b``"),
                (InlineCode, "```c```")
            ]
        );
    }

    #[test]
    fn table_cells_are_prose() {
        let text = "| Name | Value |\n|---|:--:|\n| café `x=1` | 日本 |\n";
        assert_eq!(found(text), vec![(InlineCode, "`x=1`")]);
    }

    #[test]
    fn html_blocks_inline_tags_and_comments() {
        let text = "<div class=\"a\">\nhi\n</div>\n\nSee <span class=\"b\" id=x>this</span> <!-- note -->.\n";
        assert_eq!(
            found(text),
            vec![
                (Html, "<div class=\"a\">\nhi\n</div>\n"),
                (Html, "<span class=\"b\" id=x>"),
                (Html, "</span>"),
                (Html, "<!-- note -->"),
            ]
        );
    }

    #[test]
    fn front_matter_yaml_and_toml() {
        let yaml = "---\ntitle: Café\n---\n\n# Heading\n\n---\n\nnot front matter\n\n---\n";
        assert_eq!(found(yaml), vec![(FrontMatter, "---\ntitle: Café\n---")]);
        let toml = "+++\ntitle = \"x\"\n+++\nBody.\n";
        assert_eq!(found(toml), vec![(FrontMatter, "+++\ntitle = \"x\"\n+++")]);
        // a thematic break above and below a paragraph is not front matter
        assert_eq!(found("---\n\nIntro para.\n\n---\n"), vec![]);
    }

    #[test]
    fn links_keep_their_text() {
        let text = "A [link *text*](https://x.org \"Title\"), ![alt](img.png), [ref link][r], <https://a.b> and <me@x.org>.\n\n[r]: https://r.org \"R\"\n";
        assert_eq!(
            found(text),
            vec![
                (Url, "](https://x.org \"Title\")"),
                (Url, "](img.png)"),
                (Url, "][r]"),
                (Url, "<https://a.b>"),
                (Url, "<me@x.org>"),
                (Directive, "[r]: https://r.org \"R\""),
            ]
        );
    }

    #[test]
    fn footnotes_and_task_lists() {
        let text = "Claim[^1].\n\n[^1]: The source.\n\n- [ ] todo\n- [x] done\n";
        assert_eq!(
            found(text),
            vec![
                (Directive, "[^1]"),
                (Directive, "[^1]:"),
                (Directive, "[ ]"),
                (Directive, "[x]")
            ]
        );
    }

    #[test]
    fn math() {
        let text = "Let $x^2$ be.\n\n$$\n\\sum_i i\n$$\n";
        assert_eq!(
            found(text),
            vec![(Math, "$x^2$"), (Math, "$$\n\\sum_i i\n$$")]
        );
    }

    #[test]
    fn admonition_body_is_prose_and_code_inside_is_code() {
        let text = "!!! note \"Titre é\"\n    Body with `code`.\n\n    ```py\n    x = 1\n    ```\n\n    Still prose.\n\nAfter.\n";
        let got = found(text);
        assert_eq!(
            got,
            vec![
                (Directive, "!!! note \"Titre é\""),
                (InlineCode, "`code`"),
                (Code, "```py\n    x = 1\n    ```")
            ]
        );
        let code = normalize(regions(text))[2];
        assert_eq!(
            (code.start, code.end),
            (text.find("```").unwrap(), text.rfind("```").unwrap() + 3)
        );
    }

    #[test]
    fn nested_admonitions_and_tabs_with_crlf() {
        let text = "??? tip\r\n\r\n    Outer.\r\n\r\n    ???+ warning \"Deep\"\r\n        Inner `x`.\r\n\r\n            real code\r\n\r\n=== \"Tab 日本\"\r\n\r\n    Tab text.\r\n";
        assert_eq!(
            found(text),
            vec![
                (Directive, "??? tip"),
                (Directive, "???+ warning \"Deep\""),
                (InlineCode, "`x`"),
                (Code, "real code\r\n"),
                (Directive, "=== \"Tab 日本\""),
            ]
        );
    }

    #[test]
    fn admonition_in_list_item_and_admonition_examples_in_code() {
        let text = "1. Step:\n\n    !!! info\n\n        Do `this`.\n\n2. Next\n\n```md\n!!! note\n    Example body.\n```\n";
        assert_eq!(
            found(text),
            vec![
                (Directive, "!!! info"),
                (InlineCode, "`this`"),
                (Code, "```md\n!!! note\n    Example body.\n```"),
            ]
        );
    }

    #[test]
    fn slash_blocks_and_fenced_rust_comments() {
        let text = "/// note | Heads up\n\nSome *prose*.\n\n//// tab | Python\nCode: `x`\n////\n///\n\n```rust\n/// Doc comment\nfn f() {}\n```\n";
        assert_eq!(
            found(text),
            vec![
                (Directive, "/// note | Heads up"),
                (Directive, "//// tab | Python"),
                (InlineCode, "`x`"),
                (Directive, "////"),
                (Directive, "///"),
                (Code, "```rust\n/// Doc comment\nfn f() {}\n```"),
            ]
        );
    }

    #[test]
    fn includes_and_template_tags() {
        let text = "{* ../src/app.py hl[3] *}\n\n--8<-- \"snippets/a.md\"\n\n{{#include file.rs:2:4}}\n\n{{< note title=\"x\" >}}Prose here.{{< /note >}} and {{% tip %}}\n\n{% if user %}Hi {{ user.name }}{% endif %} {# hidden #}\n";
        assert_eq!(
            found(text),
            vec![
                (Directive, "{* ../src/app.py hl[3] *}"),
                (Directive, "--8<-- \"snippets/a.md\""),
                (Directive, "{{#include file.rs:2:4}}"),
                (Directive, "{{< note title=\"x\" >}}"),
                (Directive, "{{< /note >}}"),
                (Directive, "{{% tip %}}"),
                (Directive, "{% if user %}"),
                (Directive, "{{ user.name }}"),
                (Directive, "{% endif %}"),
                (Directive, "{# hidden #}"),
            ]
        );
    }

    #[test]
    fn attribute_lists_and_alerts() {
        let text = "# Résumé { #resume }\n\n## Other {#other .wide}\n\nA paragraph.\n{: .lead }\n\n> [!NOTE]\n> Careful.\n";
        assert_eq!(
            found(text),
            vec![
                (Directive, "{ #resume }"),
                (Directive, "{#other .wide}"),
                (Directive, "{: .lead }"),
                (Directive, "[!NOTE]"),
            ]
        );
    }
}
