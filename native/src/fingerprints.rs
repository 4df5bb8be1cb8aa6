//! The lines of a document that may be boilerplate, and their fingerprints (AR05 learns repeated lines
//! from them in pass 1 and looks its candidates up in pass 2). The Python reference is in
//! `tests/test_native_tokens.py`; `corpusclean.stats.lines` documents the rules.
//!
//! A line is learnable when it is not blank, not a markup line (heading, list item, table row, fence,
//! directive, comment), not a title underlined with `===`/`---` nor the underline, and not touched by
//! code or markup (`blocked`, computed from the analysis). Its fingerprint is the 8-byte BLAKE2b of the
//! line lowercased, its words joined by one space and digit runs written `0`, when it has three words and
//! twelve characters so; `© 2019` and `© 2020` are one footer. Its exact key is the same without the
//! digit masking and the minimum length: per site, `Home` and `Reuter` are template lines, and a date
//! `July 24, 2012` is itself, not every date.
//!
//! In plain text (scraped pages) the marks extractors leave are not words: `bare` strips list bullets,
//! table pipes, heading hashes, quote marks and emphasis around the line, and a markup line is
//! learnable by its bare text (`* Contact Us` is `Contact Us`). In Markdown, reST and HTML a markup line
//! is structure and never learnable.

use std::sync::OnceLock;

use blake2::digest::{Update, VariableOutput};
use blake2::Blake2bVar;
use regex::Regex;
use unicode_general_category::{get_general_category, GeneralCategory};

use crate::zones::{self, is_python_space};

pub const EDGE_LINES: usize = 6;
const MIN_WORDS: usize = 3;
const MIN_CHARS: usize = 12;

/// Python's `\w` (`str.isalnum` or `_`) written for the `regex` crate, whose own `\w` adds marks.
const WORD: &str = r"[\p{L}\p{N}_]";

fn markup_line() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let pattern = format!(
            r"^[ \t]*(?:\#{{1,6}}(?:[ \t]|$)|[-*+][ \t]|\d{{1,3}}[.)][ \t]|\||>|<!--|</?[A-Za-z]|\.\.(?:[ \t]|$)|```|~~~|!!!|\?\?\?|///|===[ \t]|:(?:{WORD}|-)+:|\{{[{{%\#*]|--8<--)"
        );
        Regex::new(&pattern).expect("the markup line pattern compiles")
    })
}

fn underline() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^ {0,3}(?:=+|-+|~+|\^+|\*+|#+)[ \t]*$")
            .expect("the underline pattern compiles")
    })
}

/// A learnable line: its index among the document's lines, its length in characters, whether it lies
/// in an edge zone, its fingerprint (None: too short to judge) and its exact key (None: no letter or
/// digit).
pub struct Learnable {
    pub index: usize,
    pub chars: usize,
    pub at_edge: bool,
    pub fingerprint: Option<String>,
    pub key: Option<String>,
}

/// The line without the marks an extractor leaves around it: leading list bullets (`*`, `-`, `+`, `•`,
/// `·`), quote marks, heading hashes and table pipes, trailing pipes and closing hashes (after a space:
/// `C#` keeps its hash), and emphasis (`**`, `__`, `*`, `_`) that wraps the whole rest (`*a* and *b*`
/// keeps its marks). `| Search | Contact Us |` is `Search | Contact Us`.
pub fn bare(line: &str) -> &str {
    let mut rest = line.trim_matches(is_python_space);
    loop {
        let before = rest.len();
        for lead in ["* ", "- ", "+ ", "• ", "· ", "> ", "| ", "|"] {
            if let Some(stripped) = rest.strip_prefix(lead) {
                rest = stripped;
            }
        }
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\t']) {
            rest = &rest[hashes..];
        }
        rest = rest.trim_end_matches('|');
        let closing = rest.trim_end_matches('#');
        if closing.len() < rest.len() && (closing.is_empty() || closing.ends_with([' ', '\t'])) {
            rest = closing;
        }
        for mark in ["**", "__", "*", "_"] {
            if let Some(inner) = rest
                .strip_prefix(mark)
                .and_then(|r| r.strip_suffix(mark))
                .filter(|inner| !inner.is_empty() && !inner.contains(mark))
            {
                rest = inner;
            }
        }
        rest = rest.trim_matches(is_python_space);
        if rest.len() == before {
            return rest;
        }
    }
}

/// The learnable lines of `text` (only those in the edge zones when `edges_only`), and the number of
/// its non-blank lines. `blocked` holds the indexes of lines that code or markup touches, sorted; in
/// `plain` text a markup line is learnable by its bare text.
pub fn learnable_lines(
    text: &str,
    blocked: &[usize],
    edges_only: bool,
    plain: bool,
) -> (Vec<Learnable>, usize) {
    let lines: Vec<&str> = zones::lines(text)
        .into_iter()
        .map(|(start, end, _)| &text[start..end])
        .collect();
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].chars().all(is_python_space))
        .collect();
    let head = filled.iter().take(EDGE_LINES);
    let tail = filled.iter().skip(filled.len().saturating_sub(EDGE_LINES));
    let mut edges: Vec<usize> = head.chain(tail).copied().collect();
    edges.sort_unstable();
    edges.dedup();
    let heading = |i: usize| {
        (i > 0 && underline().is_match(lines[i]))
            || (i + 1 < lines.len() && underline().is_match(lines[i + 1]))
    };
    let candidates = if edges_only { &edges } else { &filled };
    let learnable = candidates
        .iter()
        .copied()
        .filter(|&i| {
            blocked.binary_search(&i).is_err()
                && (plain || !markup_line().is_match(lines[i]))
                && !heading(i)
        })
        .map(|i| {
            let line = if plain { bare(lines[i]) } else { lines[i] };
            Learnable {
                index: i,
                chars: lines[i].chars().count(),
                at_edge: edges.binary_search(&i).is_ok(),
                fingerprint: fingerprint(line),
                key: exact_key(line),
            }
        })
        .collect();
    (learnable, filled.len())
}

/// The line's exact key: 16 hex digits of the line lowercased with its words joined by one space, or
/// None when it holds no letter or digit.
pub fn exact_key(line: &str) -> Option<String> {
    if !line.chars().any(char::is_alphanumeric) {
        return None;
    }
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower
        .split(is_python_space)
        .filter(|w| !w.is_empty())
        .collect();
    Some(digest(&words.join(" ")))
}

fn digest(normal: &str) -> String {
    let mut hasher = Blake2bVar::new(8).expect("8 bytes is a valid BLAKE2b size");
    hasher.update(normal.as_bytes());
    let mut digest = [0u8; 8];
    hasher
        .finalize_variable(&mut digest)
        .expect("the buffer is the digest size");
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The line's fingerprint as 16 hex digits, or None for a line too short to judge.
pub fn fingerprint(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower
        .split(is_python_space)
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut normal = String::with_capacity(lower.len());
    let mut in_digits = false;
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            normal.push(' ');
            in_digits = false;
        }
        for c in word.chars() {
            if get_general_category(c) == GeneralCategory::DecimalNumber {
                if !in_digits {
                    normal.push('0');
                }
                in_digits = true;
            } else {
                normal.push(c);
                in_digits = false;
            }
        }
    }
    if normal.chars().count() < MIN_CHARS {
        return None;
    }
    Some(digest(&normal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_fold_case_spacing_and_digits() {
        assert_eq!(
            fingerprint("© 2019 Example News.  All rights"),
            fingerprint("© 2020 example news. all   RIGHTS")
        );
        assert!(fingerprint("Yes. Thank you.").is_some());
        assert!(fingerprint("Thank you.").is_none()); // two words
        assert!(fingerprint("a b c").is_none()); // under twelve characters
        assert_eq!(fingerprint("one two three four").map(|f| f.len()), Some(16));
    }

    #[test]
    fn markup_blank_and_underlined_lines_are_not_learnable() {
        let text = "# Heading line here\r\nFirst real line\r\n\r\n- a list item\nTitle of it\n=====\nLast line\n";
        let (found, filled) = learnable_lines(text, &[], false, false);
        let indexes: Vec<usize> = found.iter().map(|l| l.index).collect();
        assert_eq!(indexes, vec![1, 6]);
        assert_eq!(filled, 6);
        let (found, _) = learnable_lines(text, &[1], true, false);
        assert_eq!(found.iter().map(|l| l.index).collect::<Vec<_>>(), vec![6]);
        // in plain text, markup lines are learned by their bare text
        let (found, _) = learnable_lines(text, &[], false, true);
        let indexes: Vec<usize> = found.iter().map(|l| l.index).collect();
        assert_eq!(indexes, vec![0, 1, 3, 6]);
        assert_eq!(found[2].key, exact_key("a list item"));
    }

    #[test]
    fn marks_around_a_line_are_not_words() {
        assert_eq!(bare("  * Contact Us "), "Contact Us");
        assert_eq!(bare("| ADVERTISEMENT |"), "ADVERTISEMENT");
        assert_eq!(
            bare("| Search | Contact Us | Site Map |"),
            "Search | Contact Us | Site Map"
        );
        assert_eq!(bare("## **Related Articles**"), "Related Articles");
        assert_eq!(bare("- * Home"), "Home");
        assert_eq!(bare("#hashtag"), "#hashtag");
        assert_eq!(bare("C#"), "C#");
        assert_eq!(bare("## Title ##"), "Title");
        assert_eq!(bare("*a* and *b*"), "*a* and *b*");
        assert_eq!(bare("**Related:**"), "Related:");
        assert_eq!(bare("*"), "*");
        assert_eq!(bare("2 * 3 = 6"), "2 * 3 = 6");
    }

    #[test]
    fn exact_keys_keep_digits_and_short_lines() {
        assert_eq!(exact_key("Reuter"), exact_key("  REUTER "));
        assert_ne!(exact_key("July 24, 2012"), exact_key("July 25, 2012"));
        assert_eq!(exact_key("* * *"), None);
    }
}
