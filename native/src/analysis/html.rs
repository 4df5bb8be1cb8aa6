//! HTML → non-prose regions (byte offsets).
//!
//! A small hand-written scanner, not an HTML parser: only text nodes are prose, so all we need is
//! where each tag, comment or declaration ends and which elements hold code. It follows the HTML
//! tokenizer where that matters (quoted attribute values may contain `>`, `<script>` ends only at
//! `</script`) and falls back to text where the tokenizer would swallow the rest of a document
//! (a `<` that cannot start a tag, a tag that never ends). Every byte is looked at a bounded number
//! of times: failed look-aheads are remembered so they are not repeated.

use memchr::{memchr, memchr3, memmem};

use super::{Kind, Region};

/// Elements whose content is code, not prose, from the opening tag to the end of the closing one.
const CODE_ELEMENTS: [&str; 14] = [
    "pre", "code", "kbd", "samp", "var", "tt", "template", "svg", "math", "script", "style",
    "textarea", "xmp", "listing",
];
/// Of those, the ones whose content is not parsed for tags: `if (a<b)` in a script is no tag.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "xmp"];

pub fn regions(text: &str) -> Vec<Region> {
    let mut scanner = Scanner {
        text,
        out: Vec::new(),
        open: [0; CODE_ELEMENTS.len()],
        depth: 0,
        code_start: 0,
        quotes: true,
        no_gt_from: usize::MAX,
    };
    scanner.run();
    scanner.out
}

/// A scanned tag, comment or declaration: where it ends and, for start and end tags, the name.
struct Markup<'t> {
    end: usize,
    name: Option<&'t str>,
    closing: bool,
    self_closing: bool,
}

struct Scanner<'t> {
    text: &'t str,
    out: Vec<Region>,
    /// How many of each code element are open; `depth` is their sum. Counting per name instead of
    /// keeping a stack keeps misnested input (`<pre><code></pre>`) linear and still closes.
    open: [u32; CODE_ELEMENTS.len()],
    depth: u32,
    code_start: usize,
    /// Cleared once a quoted attribute value is found unterminated: from then on tags end at their
    /// first `>`, so a stray quote cannot make every later tag rescan to the end of the text.
    quotes: bool,
    /// No `>` at or after this offset (learned from a failed search).
    no_gt_from: usize,
}

impl<'t> Scanner<'t> {
    fn run(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while let Some(offset) = memchr(b'<', &bytes[i..]) {
            let lt = i + offset;
            let Some(markup) = self.markup(lt) else {
                i = lt + 1; // not markup: the `<` is text
                continue;
            };
            i = markup.end;
            let code = markup.name.and_then(|name| {
                CODE_ELEMENTS
                    .iter()
                    .position(|e| e.eq_ignore_ascii_case(name))
            });
            match code {
                Some(k) if !markup.closing && !markup.self_closing => {
                    if RAW_TEXT.contains(&CODE_ELEMENTS[k]) {
                        i = self.raw_text_end(markup.end, CODE_ELEMENTS[k]);
                        if self.depth == 0 {
                            self.out.push(Region::new(Kind::Code, lt, i));
                        }
                        continue;
                    }
                    if self.depth == 0 {
                        self.code_start = lt;
                    }
                    self.open[k] += 1;
                    self.depth += 1;
                }
                Some(k) if markup.closing && self.open[k] > 0 => {
                    self.open[k] -= 1;
                    self.depth -= 1;
                    if self.depth == 0 {
                        self.out
                            .push(Region::new(Kind::Code, self.code_start, markup.end));
                    }
                }
                // Tags inside code are covered by the code region.
                _ if self.depth == 0 => self.out.push(Region::new(Kind::Html, lt, markup.end)),
                _ => {}
            }
        }
        if self.depth > 0 {
            // An unclosed `<pre>` runs to the end, as in a browser.
            self.out
                .push(Region::new(Kind::Code, self.code_start, self.text.len()));
        }
    }

    /// The markup starting at the `<` at `lt`, or `None` if that `<` is text.
    fn markup(&mut self, lt: usize) -> Option<Markup<'t>> {
        let bytes = self.text.as_bytes();
        let rest = &bytes[lt..];
        let other = |end| Markup {
            end,
            name: None,
            closing: false,
            self_closing: false,
        };
        let after = |from: usize, close: &[u8]| {
            memmem::find(&bytes[from..], close).map_or(bytes.len(), |p| from + p + close.len())
        };
        match *rest.get(1)? {
            b'!' if rest[2..].starts_with(b"--") => Some(other(match &rest[4..] {
                // `<!-->` and `<!--->` are empty comments; an unclosed comment runs to the end.
                r if r.starts_with(b">") => lt + 5,
                r if r.starts_with(b"->") => lt + 6,
                _ => after(lt + 4, b"-->"),
            })),
            b'!' if rest[2..].starts_with(b"[CDATA[") => Some(other(after(lt + 9, b"]]>"))),
            // Doctype, other declarations, processing instructions.
            b'!' | b'?' => self.gt_after(lt + 2).map(other),
            b'/' if rest.get(2).is_some_and(u8::is_ascii_alphabetic) => self.tag(lt + 2, true),
            b'/' => self.gt_after(lt + 2).map(other), // `</>`, `</ x>`: bogus markup
            c if c.is_ascii_alphabetic() => self.tag(lt + 1, false),
            _ => None,
        }
    }

    /// A start or end tag whose name starts at `name_start`.
    fn tag(&mut self, name_start: usize, closing: bool) -> Option<Markup<'t>> {
        let bytes = self.text.as_bytes();
        // Stopping at `<` too keeps `<a<a<a…` from rescanning one long name per `<`.
        let name_end = bytes[name_start..]
            .iter()
            .position(|&c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>' | b'<'))
            .map_or(bytes.len(), |p| name_start + p);
        let end = self.tag_end(name_end)?;
        Some(Markup {
            end,
            name: Some(&self.text[name_start..name_end]),
            closing,
            self_closing: bytes[..end - 1].ends_with(b"/"),
        })
    }

    /// The end of a tag whose name ends at `from`: after the first `>` outside quoted values.
    fn tag_end(&mut self, from: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut i = from;
        while self.quotes {
            let Some(p) = memchr3(b'>', b'"', b'\'', &bytes[i..]).map(|p| i + p) else {
                self.quotes = false;
                break;
            };
            if bytes[p] == b'>' {
                return Some(p + 1);
            }
            // A quote opens a value only after `=`: `<a title=it's>` is one unquoted value.
            let before = bytes[from..p]
                .iter()
                .rposition(|c| !c.is_ascii_whitespace());
            if before.is_some_and(|b| bytes[from + b] == b'=') {
                match memchr(bytes[p], &bytes[p + 1..]) {
                    Some(q) => i = p + 1 + q + 1,
                    None => self.quotes = false,
                }
            } else {
                i = p + 1;
            }
        }
        self.gt_after(from)
    }

    /// Just after the first `>` at or after `from`.
    fn gt_after(&mut self, from: usize) -> Option<usize> {
        if from >= self.no_gt_from {
            return None;
        }
        let found = memchr(b'>', &self.text.as_bytes()[from..]).map(|p| from + p + 1);
        if found.is_none() {
            self.no_gt_from = from;
        }
        found
    }

    /// The end of a raw-text element's content and closing tag: the first `</name` (any case)
    /// followed by a delimiter, through its `>`; the end of the text if it never closes.
    fn raw_text_end(&self, from: usize, name: &str) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from;
        while let Some(offset) = memchr(b'<', &bytes[i..]) {
            let lt = i + offset;
            let name_end = lt + 2 + name.len();
            let closes = bytes.get(lt + 1) == Some(&b'/')
                && bytes
                    .get(lt + 2..name_end)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(name_end)
                    .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>');
            if closes {
                return memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |p| name_end + p + 1);
            }
            i = lt + 1;
        }
        bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Kind)> {
        regions(text)
            .iter()
            .map(|r| (&text[r.start..r.end], r.kind))
            .collect()
    }

    #[test]
    fn plain_prose_and_entities_have_no_regions() {
        assert_eq!(found("Just words, caf&eacute; &amp; &#233; here."), vec![]);
        assert_eq!(found(""), vec![]);
    }

    #[test]
    fn tags_with_quoted_gt_in_attributes_are_one_region() {
        let text = r#"<p class="a>b" title='x > y' data-x=1>Hello <b>world</b></p>"#;
        assert_eq!(
            found(text),
            vec![
                (r#"<p class="a>b" title='x > y' data-x=1>"#, Kind::Html),
                ("<b>", Kind::Html),
                ("</b>", Kind::Html),
                ("</p>", Kind::Html),
            ]
        );
        // An apostrophe in an unquoted value does not open a quote.
        assert_eq!(
            found("<a title=it's>x</a>"),
            vec![("<a title=it's>", Kind::Html), ("</a>", Kind::Html)]
        );
    }

    #[test]
    fn comments_doctype_cdata_and_processing_instructions() {
        let text = "<!DOCTYPE html><?xml version=\"1.0\"?>A<!-- a > b -->B<![CDATA[x<y]]>C<!-->D";
        assert_eq!(
            found(text),
            vec![
                ("<!DOCTYPE html>", Kind::Html),
                ("<?xml version=\"1.0\"?>", Kind::Html),
                ("<!-- a > b -->", Kind::Html),
                ("<![CDATA[x<y]]>", Kind::Html),
                ("<!-->", Kind::Html),
            ]
        );
        assert_eq!(
            found("a <!-- never closed <p>"),
            vec![("<!-- never closed <p>", Kind::Html)]
        );
    }

    #[test]
    fn script_and_style_end_only_at_their_closing_tag() {
        let text = "<script>if (a<b) { s = \"</p>\"; }</SCRIPT >Text<style>p > a { }</style>";
        assert_eq!(
            found(text),
            vec![
                ("<script>if (a<b) { s = \"</p>\"; }</SCRIPT >", Kind::Code),
                ("<style>p > a { }</style>", Kind::Code),
            ]
        );
        // `</scripts` is not `</script`.
        assert_eq!(
            found("<script>x</scripts>y"),
            vec![("<script>x</scripts>y", Kind::Code)]
        );
    }

    #[test]
    fn code_elements_cover_their_content_and_nested_tags() {
        let text = "Run <code>ls -l</code> or <PRE><code class=\"sh\">a <i>b</i></code></PRE> now <kbd>Ctrl</kbd>.";
        assert_eq!(
            found(text),
            vec![
                ("<code>ls -l</code>", Kind::Code),
                (
                    "<PRE><code class=\"sh\">a <i>b</i></code></PRE>",
                    Kind::Code
                ),
                ("<kbd>Ctrl</kbd>", Kind::Code),
            ]
        );
        assert_eq!(found("A <svg/> B"), vec![("<svg/>", Kind::Html)]);
    }

    #[test]
    fn unclosed_pre_runs_to_the_end() {
        assert_eq!(
            found("Hi <pre>x\n<b>y</b>"),
            vec![("<pre>x\n<b>y</b>", Kind::Code)]
        );
    }

    #[test]
    fn a_lone_lt_is_text() {
        assert_eq!(found("a < b, c <= d, x<3, a <b no end"), vec![]);
        let text = "if a < b then <em>c</em> <";
        assert_eq!(
            found(text),
            vec![("<em>", Kind::Html), ("</em>", Kind::Html)]
        );
    }

    #[test]
    fn an_unterminated_quote_does_not_swallow_the_document() {
        let text = "<a href=\"x>y</a> and <b class='c'>bold</b>";
        assert_eq!(
            found(text),
            vec![
                ("<a href=\"x>", Kind::Html),
                ("</a>", Kind::Html),
                ("<b class='c'>", Kind::Html),
                ("</b>", Kind::Html),
            ]
        );
    }

    #[test]
    fn multibyte_text_and_crlf() {
        let text = "<p lang=\"fr\">Café 日本</p>\r\n<!-- é -->\r\n<code>日本</code>\r\nÉtude";
        assert_eq!(
            found(text),
            vec![
                ("<p lang=\"fr\">", Kind::Html),
                ("</p>", Kind::Html),
                ("<!-- é -->", Kind::Html),
                ("<code>日本</code>", Kind::Code),
            ]
        );
    }

    #[test]
    fn pathological_input_stays_fast() {
        // Each of these would be quadratic with a naive rescan per `<`.
        let n = 200_000;
        for text in [
            "<a".repeat(n),
            "<a x=\">\"".repeat(n),
            "<!x".repeat(n),
            "<pre>".repeat(n),
        ] {
            let start = std::time::Instant::now();
            regions(&text);
            assert!(start.elapsed().as_secs() < 2, "slow on {:?}…", &text[..10]);
        }
    }
}
