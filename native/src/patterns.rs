//! Line patterns of the artifact packs as finite automata (the `regex` crate): linear time by
//! construction, whatever the line. Python's backtracking `re` took seconds to minutes on lines such as
//! `Updated` followed by two dozen digits.
//!
//! A pack's patterns are one alternation. `lines` finds the whole lines (surrounding white space aside)
//! that match it; `matches` finds matches anywhere, for residue inside a line. A pattern may name a group
//! `cut…` (`(?P<cut>…)`): then only that group is the finding. It stands in for lookaround, which automata
//! do not have: `[.!?](?P<cut> Jane Doe contributed to this report\.)$` deletes the credit, not the period.

use regex::{Regex, RegexBuilder};

use crate::{fingerprints, zones};

/// Compiled programs may be large: a pack's date and time fragment, case-insensitive and Unicode-aware,
/// repeated in several patterns.
const SIZE_LIMIT: usize = 64 << 20;

/// The lazy DFA's cache: a pack's Unicode-aware, case-insensitive alternation has many states, and a
/// cache too small for them makes the engine fall back to a slower one line after line.
const DFA_CACHE: usize = 32 << 20;

/// Whether `pattern` is valid syntax, without compiling it (compiling a pack takes tens of milliseconds,
/// parsing it microseconds): the error names the position and what is wrong.
pub fn check(pattern: &str) -> Result<(), String> {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// A pack's patterns, compiled for one use: whole lines (`lines`) or matches anywhere (`matches`).
pub struct LinePatterns {
    regex: Regex,
    whole_lines: bool,
    cuts: Vec<usize>,
}

impl LinePatterns {
    /// Compile `alternation` for whole lines or for matches anywhere; the error names the position and
    /// what is wrong (`regex`'s message).
    pub fn new(
        alternation: &str,
        case_insensitive: bool,
        whole_lines: bool,
    ) -> Result<Self, String> {
        let build = |pattern: &str, multi_line: bool| {
            RegexBuilder::new(pattern)
                .case_insensitive(case_insensitive)
                .multi_line(multi_line)
                .crlf(true)
                .size_limit(SIZE_LIMIT)
                .dfa_size_limit(DFA_CACHE)
                .build()
                .map_err(|e| e.to_string())
        };
        let regex = if whole_lines {
            build(&format!(r"\A(?:{alternation})\z"), false)?
        } else {
            build(alternation, true)?
        };
        let cuts = regex
            .capture_names()
            .enumerate()
            .filter(|(_, name)| name.is_some_and(|n| n.starts_with("cut")))
            .map(|(index, _)| index)
            .collect();
        Ok(LinePatterns {
            regex,
            whole_lines,
            cuts,
        })
    }

    /// Byte spans between `start` and `end` (byte offsets): the whole lines that match, or the matches
    /// (each its `cut…` group when it has one), as compiled for. Blank ones, and ones over `max_chars`
    /// characters, are prose. With `bare`, a whole line also matches by its text without the marks an
    /// extractor leaves (`* Advertisement`: plain text; in Markdown a list item is structure).
    pub fn find(
        &self,
        text: &str,
        start: usize,
        end: usize,
        max_chars: usize,
        bare: bool,
    ) -> Vec<(usize, usize)> {
        let zone = &text[start..end];
        let judged = |part: &str| !part.trim().is_empty() && part.chars().count() <= max_chars;
        let found = if self.whole_lines {
            self.lines(zone, judged, bare)
        } else {
            let mut found = self.matches(zone);
            found.retain(|&(s, e)| judged(&zone[s..e]));
            found
        };
        found
            .into_iter()
            .map(|(s, e)| (start + s, start + e))
            .collect()
    }

    /// The lines of `zone` whose text, white space around it aside, matches as a whole; only the lines
    /// `judged` lets through are matched (a novel's prose lines are too long to be furniture).
    fn lines(&self, zone: &str, judged: impl Fn(&str) -> bool, bare: bool) -> Vec<(usize, usize)> {
        zones::lines(zone)
            .into_iter()
            .filter(|&(start, end, _)| {
                let line = &zone[start..end];
                judged(line)
                    && (self.regex.is_match(line.trim())
                        || bare && self.regex.is_match(fingerprints::bare(line)))
            })
            .map(|(start, end, _)| (start, end))
            .collect()
    }

    /// The matches in `zone`, each the match or its `cut…` group.
    fn matches(&self, zone: &str) -> Vec<(usize, usize)> {
        self.regex
            .captures_iter(zone)
            .map(|caps| {
                let part = self.cuts.iter().find_map(|&index| caps.get(index));
                let part = part.unwrap_or_else(|| caps.get(0).expect("group 0 is the match"));
                (part.start(), part.end())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_match_with_their_white_space_aside() {
        let patterns = LinePatterns::new(r"(?:updated)(?:\s*\d{1,4})*", true, true).unwrap();
        let text = "  Updated 2024 \r\nThe list was updated on Monday.\nUPDATED\n";
        let spans = patterns.find(text, 0, text.len(), 120, true);
        let lines: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(lines, vec!["  Updated 2024 ", "UPDATED"]);
    }

    #[test]
    fn lines_match_by_their_bare_text_too() {
        let patterns = LinePatterns::new("advertisement|related articles", true, true).unwrap();
        let text = "* Advertisement\n| ADVERTISEMENT |\n## Related Articles\nAn advertisement\n";
        let spans = patterns.find(text, 0, text.len(), 100, true);
        assert_eq!(spans.len(), 3);
        assert_eq!(&text[spans[0].0..spans[0].1], "* Advertisement");
    }

    #[test]
    fn long_lines_are_prose_and_the_zone_bounds_the_search() {
        let patterns = LinePatterns::new("advertisement", true, true).unwrap();
        let text = "Advertisement\nAdvertisement\n";
        assert_eq!(patterns.find(text, 0, text.len(), 5, true), vec![]);
        assert_eq!(patterns.find(text, 0, 14, 100, true), vec![(0, 13)]);
    }

    #[test]
    fn a_cut_group_is_the_finding_instead_of_lookbehind() {
        let patterns = LinePatterns::new(
            r"[.!?](?P<cut> +[A-Z]\w+ contributed to this report\.) *$",
            false,
            false,
        )
        .unwrap();
        let text = "It ended. Jane contributed to this report.\nNext line.";
        let spans = patterns.find(text, 0, text.len(), 200, true);
        assert_eq!(spans, vec![(9, 42)]);
        assert_eq!(&text[9..42], " Jane contributed to this report.");
    }

    #[test]
    fn the_backtracking_cases_of_the_old_packs_get_their_answer() {
        // Python's re took 17 s on this shape (digits that split many ways, then a mismatch); the time
        // is measured by `make bench`, the answer here.
        let patterns = LinePatterns::new(r"updated(?:\s*(?:\d{1,4}|at|on))+", true, true).unwrap();
        let text = format!("Updated {}x\nUpdated 1 2\n", "1".repeat(5000));
        let spans = patterns.find(&text, 0, text.len(), 10_000, true);
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].0..spans[0].1], "Updated 1 2");
    }

    #[test]
    fn checking_finds_what_compiling_would_refuse() {
        assert!(check(r"(?:updated)\s*\d{1,4}").is_ok());
        let error = check("ab(?<=a)").err().unwrap();
        assert!(
            error.contains("look-around") && error.contains("  ^^^^"),
            "{error}"
        );
        assert!(check("(?P<cut>a)|(?P<cut>b)").is_err());
    }

    #[test]
    fn a_bad_pattern_says_where() {
        let error = LinePatterns::new("(?<=a)b", false, true).err().unwrap();
        assert!(error.contains("look-around"), "{error}");
    }
}
