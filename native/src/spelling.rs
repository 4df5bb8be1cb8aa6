//! Correction candidates from a dictionary: the words one edit from an unknown word (edits generated and
//! looked up), and the long words exactly two edits from it (a scan of the few words that can be, with a
//! banded distance). The Python reference is `corpusclean.text.lexicon.candidates`; characters are code
//! points, and edits insert or substitute only `LETTERS`.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// The letters an edit may insert or substitute: corrections are English words.
pub const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz'";
/// Words shorter than this are not candidates at distance two (`a`, `of`: any short typo is two edits
/// from them, and the channel model, not the search, weighs the rest).
const LONG_WORD: usize = 3;

pub struct Dictionary {
    words: FxHashSet<String>,
    /// Long words by (first character, length in characters), with their characters and letter mask:
    /// built on the first search at distance two (a one-file run rarely makes one).
    by_size: OnceLock<FxHashMap<(char, usize), Vec<Long>>>,
}

struct Long {
    word: String,
    chars: Vec<char>,
    mask: u32,
}

/// Which characters a word holds, folded into 32 bits: a character `a` has and `b` lacks costs an edit,
/// so more than two such bits rule a pair out of distance two before any alignment.
fn mask(chars: &[char]) -> u32 {
    chars.iter().fold(0, |mask, &c| mask | 1 << (c as u32 % 32))
}

impl Dictionary {
    pub fn new(words: Vec<String>) -> Self {
        Dictionary {
            words: words.into_iter().collect(),
            by_size: OnceLock::new(),
        }
    }

    fn by_size(&self) -> &FxHashMap<(char, usize), Vec<Long>> {
        self.by_size.get_or_init(|| {
            let mut by_size: FxHashMap<(char, usize), Vec<Long>> = FxHashMap::default();
            for word in &self.words {
                let chars: Vec<char> = word.chars().collect();
                if let (Some(&first), true) = (chars.first(), chars.len() >= LONG_WORD) {
                    let long = Long {
                        word: word.clone(),
                        mask: mask(&chars),
                        chars,
                    };
                    by_size
                        .entry((first, long.chars.len()))
                        .or_default()
                        .push(long);
                }
            }
            by_size
        })
    }

    /// Dictionary words one deletion, transposition, substitution or insertion from `word` after its first
    /// character (which stays), besides `word` itself; and `word` with its first two characters swapped,
    /// when the dictionary has it.
    pub fn one_edit(&self, word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let Some(&first) = chars.first() else {
            return Vec::new();
        };
        let mut found: FxHashSet<String> = FxHashSet::default();
        let mut consider = |rest: &[char]| {
            let candidate: String = std::iter::once(first).chain(rest.iter().copied()).collect();
            if candidate != word && self.words.contains(&candidate) {
                found.insert(candidate);
            }
        };
        let rest = &chars[1..];
        let mut edited: Vec<char> = Vec::with_capacity(rest.len() + 1);
        for at in 0..=rest.len() {
            if at < rest.len() {
                edited.clear();
                edited.extend(&rest[..at]);
                edited.extend(&rest[at + 1..]);
                consider(&edited); // deletion
            }
            if at + 1 < rest.len() {
                edited.clear();
                edited.extend(rest);
                edited.swap(at, at + 1);
                consider(&edited); // transposition
            }
            for letter in LETTERS.chars() {
                if at < rest.len() {
                    edited.clear();
                    edited.extend(rest);
                    edited[at] = letter;
                    consider(&edited); // substitution
                }
                edited.clear();
                edited.extend(&rest[..at]);
                edited.push(letter);
                edited.extend(&rest[at..]);
                consider(&edited); // insertion
            }
        }
        if chars.len() > 2 {
            let swapped: String = [chars[1], chars[0]]
                .into_iter()
                .chain(chars[2..].iter().copied())
                .collect();
            if self.words.contains(&swapped) {
                found.insert(swapped);
            }
        }
        found.into_iter().collect()
    }

    /// Long dictionary words exactly two edits (optimal string alignment) from `word`, with its first
    /// character and a length within two of its own.
    pub fn two_edits(&self, word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let Some(&first) = chars.first() else {
            return Vec::new();
        };
        let mine = mask(&chars);
        let mut rows = Rows::default();
        let mut found = Vec::new();
        for size in chars.len().saturating_sub(2)..=chars.len() + 2 {
            for long in self.by_size().get(&(first, size)).into_iter().flatten() {
                let apart = (mine & !long.mask)
                    .count_ones()
                    .max((long.mask & !mine).count_ones());
                if apart <= 2 && rows.osa_distance(&chars, &long.chars, 2) == 2 {
                    found.push(long.word.clone());
                }
            }
        }
        found
    }
}

/// The optimal string alignment distance of `a` and `b`, or `limit + 1` when it is over `limit`.
pub fn osa_distance(a: &[char], b: &[char], limit: usize) -> usize {
    Rows::default().osa_distance(a, b, limit)
}

/// The fewest edits that turn `intended` into `observed` (optimal string alignment), as (kind, first,
/// second): `sub` (intended letter, typed letter), `del` (letter before or `^`, dropped letter), `ins`
/// (letter before or `^`, added letter), `swap` (the two intended letters), in word order. Ties prefer a
/// match, then a substitution, a swap, a deletion. The channel model (`corpusclean.text.channel`) weighs
/// each edit.
pub fn alignment(intended: &[char], observed: &[char]) -> Vec<(&'static str, char, char)> {
    let (a, b) = (intended, observed);
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        d[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (d[at(i - 1, j)] + 1)
                .min(d[at(i, j - 1)] + 1)
                .min(d[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && cost == 1 {
                value = value.min(d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = value;
        }
    }
    let mut found = Vec::new();
    let (mut i, mut j) = (a.len(), b.len());
    while i > 0 || j > 0 {
        let here = d[at(i, j)];
        let before = if i > 1 { a[i - 2] } else { '^' };
        if i > 0 && j > 0 && a[i - 1] == b[j - 1] && here == d[at(i - 1, j - 1)] {
            i -= 1;
            j -= 1;
        } else if i > 0 && j > 0 && here == d[at(i - 1, j - 1)] + 1 {
            found.push(("sub", a[i - 1], b[j - 1]));
            i -= 1;
            j -= 1;
        } else if i > 1
            && j > 1
            && a[i - 1] == b[j - 2]
            && a[i - 2] == b[j - 1]
            && here == d[at(i - 2, j - 2)] + 1
        {
            found.push(("swap", a[i - 2], a[i - 1]));
            i -= 2;
            j -= 2;
        } else if i > 0 && here == d[at(i - 1, j)] + 1 {
            found.push(("del", before, a[i - 1]));
            i -= 1;
        } else {
            found.push(("ins", if i > 0 { a[i - 1] } else { '^' }, b[j - 1]));
            j -= 1;
        }
    }
    found.reverse();
    found
}

/// The three rows of the alignment table the distance needs, reused from pair to pair.
#[derive(Default)]
struct Rows([Vec<usize>; 3]);

impl Rows {
    fn osa_distance(&mut self, a: &[char], b: &[char], limit: usize) -> usize {
        if a.len().abs_diff(b.len()) > limit {
            return limit + 1;
        }
        let width = b.len() + 1;
        for row in &mut self.0 {
            row.clear();
            row.resize(width, 0);
        }
        let rows = &mut self.0;
        for (j, cell) in rows[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            // this row, the previous one and the one two back, by i modulo 3
            let (current, previous, before) = (i % 3, (i + 2) % 3, (i + 1) % 3);
            rows[current][0] = i;
            let mut best = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut value = (rows[previous][j] + 1)
                    .min(rows[current][j - 1] + 1)
                    .min(rows[previous][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = value.min(rows[before][j - 2] + 1);
                }
                rows[current][j] = value;
                best = best.min(value);
            }
            if best > limit {
                return limit + 1;
            }
        }
        rows[a.len() % 3][b.len()].min(limit + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary() -> Dictionary {
        Dictionary::new(
            [
                "the",
                "then",
                "that",
                "receive",
                "received",
                "government",
                "governments",
                "tie",
            ]
            .map(String::from)
            .to_vec(),
        )
    }

    #[test]
    fn one_edit_keeps_the_first_letter_or_swaps_the_first_two() {
        assert_eq!(dictionary().one_edit("teh"), vec!["the"]); // a swap after the first letter
        assert_eq!(dictionary().one_edit("hte"), vec!["the"]); // the first two swapped
        let mut near = dictionary().one_edit("thet");
        near.sort();
        assert_eq!(near, vec!["that", "the", "then"]);
        assert!(dictionary().one_edit("the").iter().all(|w| w != "the"));
    }

    #[test]
    fn two_edits_scan_words_of_three_letters_or_more() {
        assert_eq!(dictionary().two_edits("govrnmnt"), vec!["government"]);
        assert!(dictionary().two_edits("ab").is_empty());
    }

    #[test]
    fn alignment_names_the_edits_in_word_order() {
        let chars = |w: &str| w.chars().collect::<Vec<char>>();
        assert_eq!(
            alignment(&chars("receive"), &chars("recieve")),
            vec![("swap", 'e', 'i')]
        );
        assert_eq!(
            alignment(&chars("raqqa"), &chars("raqq")),
            vec![("del", 'q', 'a')]
        );
        assert_eq!(
            alignment(&chars("the"), &chars("xthe")),
            vec![("ins", '^', 'x')]
        );
        assert_eq!(
            alignment(&chars("from"), &chars("fomr")).len(),
            2,
            "two edits, not a swap"
        );
        assert!(alignment(&chars("same"), &chars("same")).is_empty());
    }

    #[test]
    fn osa_counts_a_swap_of_neighbours_as_one_edit() {
        let d = |a: &str, b: &str| {
            osa_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
                2,
            )
        };
        assert_eq!(d("abcd", "acbd"), 1);
        assert_eq!(d("ca", "abc"), 3); // OSA, not Damerau: no edit of a swapped pair
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("recieve", "receive"), 1);
        assert_eq!(d("govrnmnt", "government"), 2);
    }
}
