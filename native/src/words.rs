//! Word tokens as Python's `corpusclean.text.tokens.WORD` draws them: `[^\W\d_]+(?:['’][^\W\d_]+)*`.
//!
//! A letter is what Python's `re` calls `[^\W\d_]`: a word character (`str.isalnum`) that is neither a
//! decimal digit (category Nd) nor `_`, that is the letters (L*) and the other numerics (Nl, No: `²`,
//! `Ⅻ`). Combining marks (Mn, Mc) are not word characters to Python, so they split words here as well.
//! The categories come from Unicode 14.0, the version of Python 3.11's `unicodedata`.

use unicode_general_category::{get_general_category, GeneralCategory as G};

/// Whether `c` is a letter as Python's `[^\W\d_]` matches it.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::LetterNumber
            | G::OtherNumber
    )
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// A word: its byte span and its code-point span in the text it was drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

/// The words of `text` in order: a run of letters, with inner apostrophes (`don't`, `O’Brien`).
pub fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::with_capacity(text.len() / 6);
    let mut chars = text.char_indices().peekable();
    let mut index = 0usize; // code points consumed so far
    while let Some((start, c)) = chars.next() {
        index += 1;
        if !is_letter(c) {
            continue;
        }
        let char_start = index - 1;
        let mut end = start + c.len_utf8();
        loop {
            match chars.peek() {
                Some(&(at, next)) if is_letter(next) => {
                    chars.next();
                    index += 1;
                    end = at + next.len_utf8();
                }
                // An apostrophe joins only when a letter follows it: `dogs'` ends before it.
                Some(&(at, next)) if is_apostrophe(next) => {
                    let after = at + next.len_utf8();
                    match text[after..].chars().next() {
                        Some(letter) if is_letter(letter) => {
                            chars.next();
                            index += 1;
                            end = after;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        found.push(Word {
            start,
            end,
            char_start,
            char_end: index,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| &text[w.start..w.end]).collect()
    }

    #[test]
    fn letters_apostrophes_digits_and_underscores() {
        assert_eq!(
            strings("Don't O’Brien's dogs' x2y snake_case l'été"),
            vec![
                "Don't",
                "O’Brien's",
                "dogs",
                "x",
                "y",
                "snake",
                "case",
                "l'été"
            ]
        );
        assert_eq!(strings("'tis ''a'' b''c"), vec!["tis", "a", "b", "c"]);
    }

    #[test]
    fn other_numerics_are_letters_and_marks_split() {
        // `²` (No) joins a word as in Python; a combining acute (Mn) splits it; Arabic-Indic digits split.
        assert_eq!(
            strings("x² cafe\u{301}s a٣b"),
            vec!["x²", "cafe", "s", "a", "b"]
        );
    }

    #[test]
    fn spans_count_code_points() {
        let text = "é\r\n€ ab’c 𝄞dé";
        let spans: Vec<_> = words(text)
            .iter()
            .map(|w| (w.char_start, w.char_end))
            .collect();
        assert_eq!(spans, vec![(0, 1), (5, 9), (11, 13)]);
    }
}
