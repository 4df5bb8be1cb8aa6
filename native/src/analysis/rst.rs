//! reStructuredText → non-prose regions (byte offsets).
//!
//! reST block structure is decided by indentation, so this is a line-based state machine: a
//! construct that owns a block (a literal block, a code directive, a comment) swallows every
//! following line that is blank or indented deeper than the line that opened it. Prose-bearing
//! directives (`.. note::`) get no state beyond their option lines: their body lines are ordinary
//! lines, which is what makes nesting (a `.. code-block::` inside a `.. note::`) work. Inline markup
//! is found by one regex pass over each prose paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Region};

/// Directives whose content is code or markup, not prose (beyond any name containing `code`,
/// `literal`, `include`, `auto` or `math`).
const CODE_DIRECTIVES: &str = "\
    sourcecode highlight raw graphviz graph digraph doctest testsetup testcleanup testoutput \
    toctree index image csv-table productionlist ipython jupyter-execute plot mermaid uml \
    plantuml program-output command-output tabularcolumns";
/// Directives whose argument (if any) is prose: a title, or the first words of the body.
const PROSE_DIRECTIVES: &str = "\
    note warning tip important hint attention caution danger error seealso todo admonition topic \
    sidebar rubric tab tabs tab-set tab-item dropdown card table list-table centered epigraph \
    pull-quote highlights compound glossary hlist title";
/// Directives whose argument is a version number, followed by prose.
const VERSION_DIRECTIVES: &str = "\
    versionadded versionchanged deprecated versionremoved";

static DIRECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z0-9](?:[-_+.:]?[A-Za-z0-9])*)::(?:\s|$)").unwrap());
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[(?:#[\w.-]*|\*|\d+|[A-Za-z][\w.-]*)\](?:\s|$)").unwrap());
/// A field name (`:param x:`) or directive option (`:linenos:`) at the start of a line; a role
/// (`:func:` followed by a backtick) is not one.
static FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^:[^:\s`](?:[^:`]*[^:\s`])?:(?:\s|$)").unwrap());
static TABLE_BORDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\+(?:[-=]+\+)+|=+(?: +=+)+|-+(?: +-+)+)$").unwrap());
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<literal>``\S(?s:.*?)``)
      | (?P<stray>``)  # an unclosed literal: consumed so its second backtick opens nothing
      | (?P<interp>(?::(?P<pre>[A-Za-z][\w.+:-]*):)?`(?:\\.|[^`\\])+`
                   (?::(?P<post>[A-Za-z][\w.+:-]*):)?(?P<ref>__?)?)
      | (?P<subst>\|[^|\s](?:[^|\n]*[^|\s])?\|(?:__?)?)
      | (?P<footnote>\[(?:\#[\w.-]*|\*|\d+|[A-Za-z][\w.-]*)\]_)
      | (?P<word>[^\W_](?:[\w.+-]*[^\W_])?__?)
        ",
    )
    .unwrap()
});

pub fn regions(text: &str) -> Vec<Region> {
    let lines = lines(text);
    let mut scanner = Scanner {
        text,
        out: Vec::new(),
        state: State::Normal,
        para: None,
        literal_after: None,
        span: None,
    };
    for (i, line) in lines.iter().enumerate() {
        scanner.line(*line, lines.get(i + 1));
    }
    scanner.close_block();
    scanner.flush_span();
    let mut out = scanner.out;
    fixed_width_lines(text, &lines, &mut out);
    out
}

/// Lines whose width the markup depends on: a section title (its adornment must be at least as long),
/// and the rows of grid and simple tables (columns must line up). A fix that changes a word's length
/// there breaks the document, so they are not prose.
fn fixed_width_lines(text: &str, lines: &[Line], out: &mut Vec<Region>) {
    let t = |i: usize| &text[lines[i].text..lines[i].end];
    let is_text =
        |i: usize| !lines[i].is_blank() && !is_adornment(t(i)) && !TABLE_BORDER.is_match(t(i));
    let mut marked = usize::MAX;
    let mut mark = |i: usize| {
        if marked != i {
            out.push(Region::new(Kind::Directive, lines[i].text, lines[i].end));
            marked = i;
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let line = t(i);
        if is_adornment(line) {
            if i > 0 && is_text(i - 1) {
                mark(i - 1); // the title above its underline
            } else if i + 2 < lines.len() && is_text(i + 1) && is_adornment(t(i + 2)) {
                mark(i + 1); // the title between an overline and an underline
            }
        } else if line.starts_with('|') && line.ends_with('|') && line.len() > 1 {
            mark(i); // a grid table row
        } else if TABLE_BORDER.is_match(line) && line.starts_with('=') {
            // A simple table: every row up to the border followed by a blank line (or the end).
            let start = i;
            let mut j = i + 1;
            while j < lines.len() && (!lines[j].is_blank() || TABLE_BORDER.is_match(t(j - 1))) {
                let closes =
                    TABLE_BORDER.is_match(t(j)) && lines.get(j + 1).is_none_or(Line::is_blank);
                j += 1;
                if closes {
                    (start + 1..j - 1)
                        .filter(|&k| !lines[k].is_blank())
                        .for_each(&mut mark);
                    break;
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
}

/// A line: where it starts, where its text starts and ends (without indentation, trailing
/// whitespace and line break), and its indentation in columns.
#[derive(Clone, Copy)]
struct Line {
    text: usize,
    end: usize,
    indent: usize,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.text == self.end
    }
}

fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (start, next) in super::line_bounds(text) {
        let (mut pos, mut indent) = (start, 0);
        while pos < next && matches!(bytes[pos], b' ' | b'\t') {
            indent = if bytes[pos] == b'\t' {
                indent / 8 * 8 + 8
            } else {
                indent + 1
            };
            pos += 1;
        }
        let end = pos + text[pos..next].trim_end().len();
        out.push(Line {
            text: pos,
            end,
            indent,
        });
    }
    out
}

enum State {
    Normal,
    /// After a directive line: option lines (`:name: value`) right below it are markup; `body` is
    /// the kind of the directive's content when that content is not prose.
    Options {
        indent: usize,
        body: Option<Kind>,
    },
    /// A non-prose block: the lines that are blank or indented deeper than `parent`, or (doctest
    /// blocks) the lines up to the next blank one. The region ends at its last non-blank line.
    Block {
        parent: usize,
        kind: Kind,
        start: Option<usize>,
        end: usize,
        to_blank: bool,
    },
}

/// The current paragraph: its text indentation and whether its last line ends with `::`.
struct Para {
    indent: usize,
    literal: bool,
}

enum Arg {
    Prose,
    Version,
    Markup,
}

struct Scanner<'t> {
    text: &'t str,
    out: Vec<Region>,
    state: State,
    para: Option<Para>,
    /// A blank line followed a paragraph ending in `::` indented this much.
    literal_after: Option<usize>,
    /// Prose lines since the last blank line or block, scanned for inline markup when it ends.
    span: Option<(usize, usize)>,
}

impl Scanner<'_> {
    fn line(&mut self, line: Line, next: Option<&Line>) {
        if let State::Block {
            parent,
            start,
            end,
            to_blank,
            ..
        } = &mut self.state
        {
            let inside = if line.is_blank() {
                !*to_blank
            } else {
                *to_blank || line.indent > *parent
            };
            if inside {
                if !line.is_blank() {
                    start.get_or_insert(line.text);
                    *end = line.end;
                }
                return;
            }
            self.close_block();
        }
        if let State::Options { indent, body } = self.state {
            let deeper = !line.is_blank() && line.indent > indent;
            if deeper && FIELD.is_match(&self.text[line.text..line.end]) {
                return self.push(Kind::Directive, line.text, line.end);
            }
            self.state = State::Normal;
            if let Some(kind) = body {
                self.state = State::Block {
                    parent: indent,
                    kind,
                    start: None,
                    end: 0,
                    to_blank: false,
                };
                return self.line(line, next);
            }
        }
        self.normal(line, next);
    }

    fn normal(&mut self, line: Line, next: Option<&Line>) {
        if line.is_blank() {
            self.flush_span();
            if let Some(para) = self.para.take() {
                self.literal_after = para.literal.then_some(para.indent);
            }
            return;
        }
        let t = &self.text[line.text..line.end];
        // A paragraph ending in `::` makes the next, deeper-indented block a literal block.
        if let Some(indent) = self.literal_after.take() {
            if line.indent > indent {
                return self.open_block(indent, Kind::Code, line, false);
            }
        }
        if t == ".." || t.starts_with(".. ") || t.starts_with("..\t") {
            return self.explicit(line, t, next);
        }
        if t.starts_with("__ ") {
            return self.open_block(line.indent, Kind::Directive, line, false); // anonymous target
        }
        if is_adornment(t) || TABLE_BORDER.is_match(t) {
            self.para = None;
            return self.push(Kind::Directive, line.text, line.end);
        }
        if self.para.is_none() && (t == ">>>" || t.starts_with(">>> ")) {
            return self.open_block(line.indent, Kind::Code, line, true);
        }
        if let Some(m) = FIELD.find(t) {
            let name = t[..m.end()].trim_end();
            self.push(Kind::Directive, line.text, line.text + name.len());
        }
        let literal = t.ends_with("::");
        if literal {
            self.push(Kind::Directive, line.end - 2, line.end);
        }
        match &mut self.para {
            Some(para) if para.indent == line.indent => para.literal = literal,
            _ => {
                self.para = Some(Para {
                    indent: line.indent + list_marker_len(t),
                    literal,
                })
            }
        }
        self.extend_span(line.text, line.end);
    }

    /// A line starting with `..`: directive, footnote, target, substitution definition or comment.
    fn explicit(&mut self, line: Line, t: &str, next: Option<&Line>) {
        self.flush_span();
        self.para = None;
        let rest = t[2..].trim_start();
        let rest_at = line.end - rest.len();
        if rest.is_empty() {
            // An empty comment swallows an indented block only if one follows directly.
            if next.is_some_and(|n| !n.is_blank() && n.indent > line.indent) {
                return self.open_block(line.indent, Kind::Directive, line, false);
            }
            return self.push(Kind::Directive, line.text, line.end);
        }
        if let Some(m) = FOOTNOTE.find(rest) {
            // The label is markup, the footnote's text is prose.
            let label_end = rest_at + rest[..m.end()].trim_end().len();
            self.push(Kind::Directive, line.text, label_end);
            return self.extend_span(label_end, line.end);
        }
        let Some(captures) = DIRECTIVE.captures(rest) else {
            // Targets, substitution definitions and comments, with their indented continuation.
            return self.open_block(line.indent, Kind::Directive, line, false);
        };
        let name = captures.get(1).expect("group 1");
        let after_colons = rest_at + name.end() + 2;
        let (arg, body) = classify(name.as_str());
        let head_end = match arg {
            Arg::Prose => after_colons,
            Arg::Version => {
                let arg = self.text[after_colons..line.end].trim_start();
                let version = arg.find(char::is_whitespace).unwrap_or(arg.len());
                line.end - arg.len() + version
            }
            Arg::Markup => line.end,
        };
        self.push(Kind::Directive, line.text, head_end);
        self.extend_span(head_end, line.end);
        self.state = State::Options {
            indent: line.indent,
            body,
        };
    }

    fn open_block(&mut self, parent: usize, kind: Kind, first: Line, to_blank: bool) {
        self.flush_span();
        self.para = None;
        let (start, end) = (Some(first.text), first.end);
        self.state = State::Block {
            parent,
            kind,
            start,
            end,
            to_blank,
        };
    }

    fn close_block(&mut self) {
        if let State::Block {
            kind,
            start: Some(start),
            end,
            ..
        } = std::mem::replace(&mut self.state, State::Normal)
        {
            self.push(kind, start, end);
        }
    }

    fn push(&mut self, kind: Kind, start: usize, end: usize) {
        self.out.push(Region::new(kind, start, end));
    }

    fn extend_span(&mut self, from: usize, end: usize) {
        let from = end - self.text[from..end].trim_start().len();
        if from < end {
            self.span = Some((self.span.map_or(from, |(start, _)| start), end));
        }
    }

    /// Inline markup in the prose lines gathered since the last blank line or block.
    fn flush_span(&mut self) {
        let Some((start, end)) = self.span.take() else {
            return;
        };
        let text = self.text;
        // Most paragraphs hold no markup character at all; skip the regex for them.
        let span = &text.as_bytes()[start..end];
        if memchr::memchr3(b'`', b'|', b'[', span).is_none() && memchr::memchr(b'_', span).is_none()
        {
            return;
        }
        for caps in INLINE.captures_iter(&text[start..end]) {
            let whole = caps.get(0).expect("group 0");
            let (s, e) = (start + whole.start(), start + whole.end());
            if caps.name("stray").is_some() {
                continue;
            } else if caps.name("literal").is_some() {
                self.push(Kind::InlineCode, s, e);
            } else if caps.name("interp").is_some() {
                let role = caps.name("pre").or(caps.name("post")).map(|r| r.as_str());
                if let Some(role) = role {
                    let math = role == "math" || role.ends_with(":math");
                    self.push(if math { Kind::Math } else { Kind::InlineCode }, s, e);
                } else if let Some(suffix) = caps.name("ref") {
                    // `text <url>`_: the link text is prose, the target is not. A bare `name`_
                    // must match its target's name, so it is markup as a whole.
                    let inner = &text[s + 1..e - suffix.len() - 1];
                    match inner.rfind('<').filter(|_| inner.ends_with('>')) {
                        Some(lt) => self.push(Kind::Url, s + 1 + lt, e),
                        None => self.push(Kind::Directive, s, e),
                    }
                } else {
                    self.push(Kind::InlineCode, s, e);
                }
            } else if caps.name("subst").is_some() {
                // Not `a|b|c` inside a word.
                if !text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                {
                    self.push(Kind::Directive, s, e);
                }
            } else if caps.name("footnote").is_some() {
                self.push(Kind::Directive, s, e);
            } else {
                // `name_`: a whole word ending in `_`, not the `foo_` of `foo_bar` or `__init__`.
                let word_char = |c: char| c.is_alphanumeric() || c == '_';
                let before = text[..s].chars().next_back().is_some_and(word_char);
                let after = text[e..].chars().next().is_some_and(word_char);
                if !before && !after {
                    self.push(Kind::Directive, s, e);
                }
            }
        }
    }
}

/// How a directive's argument and content are treated.
fn classify(name: &str) -> (Arg, Option<Kind>) {
    let name = name.to_ascii_lowercase();
    // Domain directives (`py:function`) are classified by their base name.
    let base = name.rsplit(':').next().unwrap_or(&name);
    if base.contains("math") {
        (Arg::Markup, Some(Kind::Math))
    } else if is_listed(CODE_DIRECTIVES, base)
        || ["code", "literal", "include", "auto"]
            .iter()
            .any(|w| base.contains(w))
    {
        (Arg::Markup, Some(Kind::Code))
    } else if is_listed(VERSION_DIRECTIVES, base) {
        (Arg::Version, None)
    } else if is_listed(PROSE_DIRECTIVES, base) {
        (Arg::Prose, None)
    } else {
        (Arg::Markup, None) // unknown, signatures (`.. function:: f(x)`), paths (`.. figure::`)
    }
}

fn is_listed(list: &str, name: &str) -> bool {
    list.split_whitespace().any(|listed| listed == name)
}

/// A section adornment or transition: three or more of one punctuation character.
fn is_adornment(t: &str) -> bool {
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    t.len() >= 3
        && "=-`:.'\"~^_*+#<>!$%&(),/;?@[\\]{|}".contains(first)
        && chars.all(|c| c == first)
}

/// The width of a bullet or enumerator (`- `, `1. `, `(a) `) starting a list item's first line,
/// so that the item's text, not its marker, sets the paragraph's indentation.
fn list_marker_len(t: &str) -> usize {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-*+•‣⁃]|(?:\d+|#|[A-Za-z])[.)]|\((?:\d+|#|[A-Za-z])\))(?:\s+|$)").unwrap()
    });
    MARKER.find(t).map_or(0, |m| t[..m.end()].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Kind)> {
        let mut regions = regions(text);
        regions.sort();
        regions
            .iter()
            .map(|r| (&text[r.start..r.end], r.kind))
            .collect()
    }

    use Kind::{Code, Directive, InlineCode, Math, Url};

    #[test]
    fn plain_prose_has_no_regions() {
        assert_eq!(
            found("Just a paragraph.\nIt goes on, with no markup at all.\n\nAnother one."),
            vec![]
        );
        assert_eq!(found(""), vec![]);
    }

    #[test]
    fn literal_blocks_after_double_colon() {
        let text = "Example::\n\n    pip install x\n\n      indented more\n\nBack to prose.\n\n::\n\n   $ make\n\nDone.";
        assert_eq!(
            found(text),
            vec![
                ("::", Directive),
                ("pip install x\n\n      indented more", Code),
                ("::", Directive),
                ("$ make", Code),
            ]
        );
        // In a list item the block must be indented deeper than the item's text.
        let text = "- Example::\n\n    code\n\n- next item";
        assert_eq!(found(text), vec![("::", Directive), ("code", Code)]);
    }

    #[test]
    fn code_block_with_options() {
        let text = ".. code-block:: python\n   :linenos:\n   :caption: Demo\n\n   def f():\n       return 1\n\nProse.";
        assert_eq!(
            found(text),
            vec![
                (".. code-block:: python", Directive),
                (":linenos:", Directive),
                (":caption: Demo", Directive),
                ("def f():\n       return 1", Code),
            ]
        );
    }

    #[test]
    fn note_body_is_prose_with_roles_and_nested_code() {
        let text = ".. note::\n   :class: tip\n\n   Call :func:`flask.Flask` first.\n\n   .. code-block:: python\n\n      app = Flask()\n\n   Then relax.\n";
        assert_eq!(
            found(text),
            vec![
                (".. note::", Directive),
                (":class: tip", Directive),
                (":func:`flask.Flask`", InlineCode),
                (".. code-block:: python", Directive),
                ("app = Flask()", Code),
            ]
        );
        let text = ".. versionchanged:: 2.0\n   Now faster.\n\n.. deprecated:: 1.2 Use ``y``.\n.. warning:: Do not.";
        assert_eq!(
            found(text),
            vec![
                (".. versionchanged:: 2.0", Directive),
                (".. deprecated:: 1.2", Directive),
                ("``y``", InlineCode),
                (".. warning::", Directive),
            ]
        );
    }

    #[test]
    fn unknown_directives_keep_a_prose_body_unless_named_like_code() {
        let text = ".. mydirective:: arg\n\n   Body prose.\n\n.. my-include:: file.txt\n\n   hidden\n\nEnd.";
        assert_eq!(
            found(text),
            vec![
                (".. mydirective:: arg", Directive),
                (".. my-include:: file.txt", Directive),
                ("hidden", Code)
            ]
        );
    }

    #[test]
    fn inline_markup() {
        let text = "Use ``x = 1`` and `default` with :py:meth:`Foo.bar`, see `Flask <https://flask.dev/>`_,\nPython_ or `the docs`_, |sub| and [1]_ [#]_ and :math:`a^2`. Not snake_case_name or __init__.";
        assert_eq!(
            found(text),
            vec![
                ("``x = 1``", InlineCode),
                ("`default`", InlineCode),
                (":py:meth:`Foo.bar`", InlineCode),
                ("<https://flask.dev/>`_", Url),
                ("Python_", Directive),
                ("`the docs`_", Directive),
                ("|sub|", Directive),
                ("[1]_", Directive),
                ("[#]_", Directive),
                (":math:`a^2`", Math),
            ]
        );
        // An inline literal may span lines of one paragraph, not a blank line.
        assert_eq!(found("a ``b\nc`` d"), vec![("``b\nc``", InlineCode)]);
        assert_eq!(found("a ``b\n\nc`` d"), vec![]);
        assert_eq!(
            found("An ``unclosed one and `x`_."),
            vec![("`x`_", Directive)]
        );
    }

    #[test]
    fn substitutions_targets_and_comments() {
        let text = ".. |logo| image:: logo.png\n   :width: 20\n\n.. _install-guide:\n\n.. _Python: https://python.org\n\n.. this is a comment\n   still comment\n\n.. corpusclean: off\n\n__ https://x.org\n\nText.";
        assert_eq!(
            found(text),
            vec![
                (".. |logo| image:: logo.png\n   :width: 20", Directive),
                (".. _install-guide:", Directive),
                (".. _Python: https://python.org", Directive),
                (".. this is a comment\n   still comment", Directive),
                (".. corpusclean: off", Directive),
                ("__ https://x.org", Directive),
            ]
        );
        // An empty comment followed by a blank line does not swallow the next block.
        assert_eq!(found("..\n\n   Quoted prose."), vec![("..", Directive)]);
        assert_eq!(
            found("..\n   hidden\n\nShown."),
            vec![("..\n   hidden", Directive)]
        );
    }

    #[test]
    fn field_list_names() {
        let text = ":param x: The value.\n:returns: Nothing.\n:Version: 1.0\n:func:`f` is a role, not a field.";
        assert_eq!(
            found(text),
            vec![
                (":param x:", Directive),
                (":returns:", Directive),
                (":Version:", Directive),
                (":func:`f`", InlineCode)
            ]
        );
    }

    #[test]
    fn footnotes_and_citations() {
        let text = ".. [1] First note.\n.. [#] Auto.\n.. [CIT2002] Cited.";
        assert_eq!(
            found(text),
            vec![
                (".. [1]", Directive),
                (".. [#]", Directive),
                (".. [CIT2002]", Directive)
            ]
        );
    }

    #[test]
    fn doctest_blocks() {
        let text = "Intro.\n\n>>> print(1)\n1\n\nAfter.";
        assert_eq!(found(text), vec![(">>> print(1)\n1", Code)]);
    }

    #[test]
    fn adornments_titles_and_table_rows_keep_their_width() {
        let text = "=====\nTitle\n=====\n\nText.\n\nSection\n-------\n\n+----+----+\n| a  | b  |\n+====+====+\n\n=====  =====\nA      B\n=====  =====\n\nAfter.\n";
        assert_eq!(
            found(text),
            vec![
                ("=====", Directive),
                ("Title", Directive),
                ("=====", Directive),
                ("Section", Directive),
                ("-------", Directive),
                ("+----+----+", Directive),
                ("| a  | b  |", Directive),
                ("+====+====+", Directive),
                ("=====  =====", Directive),
                ("A      B", Directive),
                ("=====  =====", Directive),
            ]
        );
    }

    #[test]
    fn long_inputs_stay_fast() {
        // An unclosed ``` `` ``` or backtick must not make every later match rescan the paragraph.
        let n = 20_000;
        let texts = [
            format!("``x `y {}", "word_ |a| ".repeat(n)),
            ".. note::\n   :class: x\n".repeat(n),
            "Example::\n\n    code\n".repeat(n),
            format!("..\n{}", "   x\n\n".repeat(n)),
        ];
        for text in texts {
            let start = std::time::Instant::now();
            regions(&text);
            assert!(start.elapsed().as_secs() < 3, "slow on {:?}…", &text[..12]);
        }
    }

    #[test]
    fn multibyte_text_and_crlf() {
        let text = "Café::\r\n\r\n    日本 = 1\r\n    é\r\n\r\nÉtude :ref:`日本 <x>` ``é``.\r\n.. note:: Voilà\r\n   :class: x\r\n";
        assert_eq!(
            found(text),
            vec![
                ("::", Directive),
                ("日本 = 1\r\n    é", Code),
                (":ref:`日本 <x>`", InlineCode),
                ("``é``", InlineCode),
                (".. note::", Directive),
                (":class: x", Directive),
            ]
        );
    }
}
