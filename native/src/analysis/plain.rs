//! Tokens inside prose that are not prose: URLs, e-mail addresses, handles, file paths, command-line
//! flags and code-like words (`snake_case`, `camelCase`, `f(x)`, `a.b.c`, words glued to digits).
//! Applied to every format, after the format's own regions.

use std::sync::OnceLock;

use regex::Regex;

use super::{Kind, Region};

fn token_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r#"(?x)
            (?P<url>(?:[A-Za-z][A-Za-z0-9+.-]{1,15}://|www\.)[^\s<>"`]+)
          | (?P<email>[\w.%+-]+@[\w-]+(?:\.[\w-]+)+)
          | (?P<handle>@\w+)
          | (?P<flag>--?[A-Za-z][\w-]*)
          | (?P<path>(?:~|\.{1,2})?/[\w.@%+~-]+(?:/[\w.@%+~-]*)*
                   | [\w.-]+(?:/[\w.-]+){2,}
                   | [A-Za-z]:\\[\w\\. -]+)
          | (?P<word>\w[\w'’]*(?:(?:\.|::|->)\w+)*(?:\([^()\s]*\))?)
            "#,
        )
        .expect("token pattern compiles")
    })
}

/// Non-prose token regions of `text` that lie outside `regions` (sorted, merged).
pub fn regions_in_prose(text: &str, regions: &[Region]) -> Vec<Region> {
    let mut out = Vec::new();
    let mut from = 0;
    for region in regions.iter().chain(std::iter::once(&Region::new(
        Kind::Token,
        text.len(),
        text.len(),
    ))) {
        if region.start > from {
            scan(text, from, region.start, &mut out);
        }
        from = from.max(region.end);
    }
    out
}

/// Whitespace-separated chunks of `text[start..end]` that may hold a token: a plain word of letters and
/// sentence punctuation (nearly all of prose) is skipped without running the pattern.
fn scan(text: &str, start: usize, end: usize, out: &mut Vec<Region>) {
    let bytes = text.as_bytes();
    let mut at = start;
    while at < end {
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let chunk_start = at;
        while at < end && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if chunk_start < at && worth_matching(&bytes[chunk_start..at]) {
            scan_chunk(text, chunk_start, at, out);
        }
    }
}

/// Whether a chunk has anything a token needs: a digit, `_`, `/`, `\`, `@`, `(`, `:`, an inner `.` or
/// `-`, a leading `-`, or a capital after a lowercase letter (every token below is marked by one).
fn worth_matching(chunk: &[u8]) -> bool {
    let last = chunk.len() - 1;
    chunk.iter().enumerate().any(|(i, &b)| {
        b.is_ascii_digit()
            || matches!(b, b'_' | b'/' | b'\\' | b'@' | b'(' | b':')
            || (matches!(b, b'.' | b'-') && (i == 0 || i < last))
            || (b.is_ascii_uppercase() && i > 0 && chunk[i - 1].is_ascii_lowercase())
    })
}

fn scan_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Region>) {
    let pattern = token_pattern();
    let gap = &text[start..end];
    for caps in pattern.captures_iter(gap) {
        let whole = caps.get(0).expect("group 0");
        let (s, e) = (start + whole.start(), start + whole.end());
        let before = text[..s].chars().next_back();
        let kind = if caps.name("url").is_some() || caps.name("email").is_some() {
            Some((Kind::Url, trim_trailing_punctuation(text, s, e)))
        } else if caps.name("handle").is_some() {
            (!before.is_some_and(|c| c.is_alphanumeric())).then_some((Kind::Token, e))
        } else if caps.name("flag").is_some() {
            before
                .is_none_or(|c| c.is_whitespace() || "([`'\"".contains(c))
                .then_some((Kind::Token, e))
        } else if caps.name("path").is_some() {
            // `and/or`: a slash after a word joins a compound, it does not start a path
            (!before.is_some_and(|c| c.is_alphanumeric()))
                .then(|| (Kind::Token, trim_trailing_punctuation(text, s, e)))
        } else if is_code_like(&text[s..e]) {
            Some((Kind::Token, e))
        } else {
            None
        };
        if let Some((kind, e)) = kind {
            if e > s {
                out.push(Region::new(kind, s, e));
            }
        }
    }
}

/// A sentence's full stop, comma or closing bracket after a URL or path is not part of it.
fn trim_trailing_punctuation(text: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        let c = text[..end].chars().next_back().expect("non-empty");
        let opens = |open: char| text[start..end].matches(open).count();
        let unbalanced =
            (c == ')' && opens('(') < opens(')')) || (c == ']' && opens('[') < opens(']'));
        if ".,;:!?'\"’”*_".contains(c) || unbalanced {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Whether a word-like token is an identifier rather than a word of prose.
fn is_code_like(token: &str) -> bool {
    let has_letter = token.chars().any(char::is_alphabetic);
    if !has_letter {
        return false;
    }
    if token.contains('_') || token.ends_with(')') || token.contains("::") || token.contains("->") {
        return true;
    }
    if token.contains('.') {
        return true; // `os.path`, `example.com`, `e.g`: dotted names are not words
    }
    if token.chars().any(|c| c.is_ascii_digit()) {
        return true; // `mp3`, `utf8`, `h264`
    }
    // camelCase: an ASCII identifier with a lowercase start and a capital later (`getValue`, `iPhone`);
    // `McDonald` is a name, and mojibake (`doesnÃ¢`) has capitals inside words too.
    let mut chars = token.chars();
    let first = chars.next().expect("non-empty");
    token.chars().all(|c| c.is_ascii_alphanumeric())
        && first.is_ascii_lowercase()
        && chars.any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<&str> {
        regions_in_prose(text, &[])
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect()
    }

    #[test]
    fn urls_emails_handles_paths_and_flags_are_not_prose() {
        let text = "See https://example.com/a_b?x=1. Mail jo.doe@example.org or @jdoe, run --verbose in ~/src/app.";
        assert_eq!(
            marked(text),
            vec![
                "https://example.com/a_b?x=1",
                "jo.doe@example.org",
                "@jdoe",
                "--verbose",
                "~/src/app"
            ]
        );
    }

    #[test]
    fn code_like_words_are_not_prose_but_words_are() {
        let text = "Call get_value() or getValue, see os.path.join and f(x), mp3 files; don't fix McDonald's \
                    or doesnÃ¢â‚¬â„¢t.";
        assert_eq!(
            marked(text),
            vec!["get_value()", "getValue", "os.path.join", "f(x)", "mp3"]
        );
    }

    #[test]
    fn a_dash_inside_prose_is_not_a_flag_and_compounds_are_not_paths() {
        assert_eq!(
            marked("well-known and/or retail/grocery -- a pause - done"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn scans_only_outside_given_regions() {
        let text = "`snake_case` then snake_case";
        let code = [Region::new(Kind::InlineCode, 0, 12)];
        let found = regions_in_prose(text, &code);
        assert_eq!(found, vec![Region::new(Kind::Token, 18, 28)]);
    }
}
