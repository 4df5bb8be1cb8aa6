//! Pass 1's token statistics, counted natively: how often each surface form occurs, in how many
//! documents, and which lowercase words stand next to each other. The Python reference is
//! `corpusclean.stats.tokens.TokenCollector.observe`; `tests/test_native_tokens.py` holds them equal.
//!
//! Maps keep first-seen order (as Python's `Counter` does), so `forms()` lists the corpus as before.
//! Merging adds counts: associative and commutative up to that order.

use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashSet};

use crate::words::{is_letter, words};

pub type Counts = IndexMap<String, u64, FxBuildHasher>;

/// Particles written before a name with a space or a hyphen (`al Nuri`, `van-Gogh`), and those only with
/// a hyphen (English words before a space): `corpusclean.text.tokens` lists the same.
const SPACED: [&str; 16] = [
    "al", "el", "ul", "abu", "bin", "ibn", "ben", "van", "von", "de", "del", "da", "di", "du",
    "la", "le",
];
const HYPHENED: [&str; 7] = ["an", "ar", "as", "ash", "at", "ad", "az"];

#[derive(Default, Debug, Clone, PartialEq)]
pub struct WordCounts {
    pub documents: u64,
    pub count: Counts,
    pub docs: Counts,
    pub pairs: Counts,
}

fn add(map: &mut Counts, key: &str, n: u64) {
    match map.get_mut(key) {
        Some(value) => *value += n,
        None => {
            map.insert(key.to_owned(), n);
        }
    }
}

impl WordCounts {
    /// Count one document, given as its prose pieces: words on either side of a gap between pieces
    /// (code, markup) are not neighbours.
    pub fn observe(&mut self, pieces: &[&str]) {
        let mut distinct: FxHashSet<&str> = FxHashSet::default();
        let mut pair = String::new();
        for piece in pieces {
            let found = words(piece);
            let mut previous: Option<String> = None;
            for word in &found {
                let form = &piece[word.start..word.end];
                add(&mut self.count, form, 1);
                distinct.insert(form);
                let lower = form.to_lowercase();
                if let Some(before) = previous {
                    pair.clear();
                    pair.push_str(&before);
                    pair.push(' ');
                    pair.push_str(&lower);
                    add(&mut self.pairs, &pair, 1);
                }
                previous = Some(lower);
            }
        }
        for form in &distinct {
            add(&mut self.docs, form, 1);
        }
        let names = particle_names(&pieces.join(" "), &distinct);
        let mut named: FxHashSet<&str> = FxHashSet::default();
        for name in &names {
            add(&mut self.count, name, 1);
            named.insert(name);
        }
        for name in named {
            add(&mut self.docs, name, 1);
        }
        self.documents += 1;
    }

    /// Add `other`'s counts to these.
    pub fn merge(&mut self, other: &WordCounts) {
        self.documents += other.documents;
        for (mine, theirs) in [
            (&mut self.count, &other.count),
            (&mut self.docs, &other.docs),
            (&mut self.pairs, &other.pairs),
        ] {
            for (key, n) in theirs {
                add(mine, key, *n);
            }
        }
    }

    /// The counts as bytes (for pickling between processes): documents, then each map as its length
    /// and (key length, key, count) entries, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend(self.documents.to_le_bytes());
        for map in [&self.count, &self.docs, &self.pairs] {
            out.extend((map.len() as u64).to_le_bytes());
            for (key, n) in map {
                out.extend((key.len() as u64).to_le_bytes());
                out.extend(key.as_bytes());
                out.extend(n.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut reader = Reader { bytes, at: 0 };
        let documents = reader.number()?;
        let mut maps = Vec::with_capacity(3);
        for _ in 0..3 {
            let len = reader.number()? as usize;
            let mut map = Counts::with_capacity_and_hasher(len.min(1 << 20), FxBuildHasher);
            for _ in 0..len {
                let key_len = reader.number()? as usize;
                let key = reader.text(key_len)?;
                map.insert(key, reader.number()?);
            }
            maps.push(map);
        }
        if reader.at != bytes.len() {
            return Err("trailing bytes after the word counts".into());
        }
        let pairs = maps.pop().unwrap_or_default();
        let docs = maps.pop().unwrap_or_default();
        let count = maps.pop().unwrap_or_default();
        Ok(WordCounts {
            documents,
            count,
            docs,
            pairs,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("word counts cut short")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn number(&mut self) -> Result<u64, String> {
        let raw = self.take(8)?;
        Ok(u64::from_le_bytes(raw.try_into().expect("8 bytes")))
    }

    fn text(&mut self, n: usize) -> Result<String, String> {
        String::from_utf8(self.take(n)?.to_vec()).map_err(|e| e.to_string())
    }
}

/// The names with a particle in `text` (`al-Nuri`, `Van Gogh`), for the particles among `distinct` (the
/// document's words, as written: `al` or `Al`): each particle in code-point order, each in text order.
/// A name starts with an ASCII capital, is a whole run of letters, and is not the first half of a
/// hyphenated word; the particle is not the end of a longer word (`Royal-Navy`).
pub fn particle_names(text: &str, distinct: &FxHashSet<&str>) -> Vec<String> {
    let mut particles: Vec<(String, bool)> = SPACED
        .iter()
        .map(|p| (p, true))
        .chain(HYPHENED.iter().map(|p| (p, false)))
        .flat_map(|(p, spaced)| [(p.to_string(), spaced), (capitalize(p), spaced)])
        .filter(|(form, _)| distinct.contains(form.as_str()))
        .collect();
    particles.sort();
    let mut found = Vec::new();
    for (form, spaced) in particles {
        let mut resume = 0; // a match is not searched again inside the previous one
        for (at, _) in text.match_indices(form.as_str()) {
            if at < resume {
                continue;
            }
            let Some(end) = name_after(text, at + form.len(), spaced) else {
                continue;
            };
            resume = end;
            let letter_before = text[..at].chars().next_back().is_some_and(is_letter);
            if !letter_before {
                found.push(text[at..end].to_owned());
            }
        }
    }
    found
}

/// The end of a name written at `at` after a particle: a separator, an ASCII capital, the rest of the
/// letter run, and no `-` plus a letter after it.
fn name_after(text: &str, at: usize, spaced: bool) -> Option<usize> {
    let rest = &text[at..];
    let mut chars = rest.char_indices();
    let (_, separator) = chars.next()?;
    if !(separator == '-' || (spaced && separator == ' ')) {
        return None;
    }
    let (_, capital) = chars.next()?;
    if !capital.is_ascii_uppercase() {
        return None;
    }
    let mut end = rest.len();
    for (offset, c) in chars.by_ref() {
        if !is_letter(c) {
            end = offset;
            break;
        }
    }
    let after = &rest[end..];
    let mut next = after.chars();
    if next.next() == Some('-') && next.next().is_some_and(is_letter) {
        return None;
    }
    Some(at + end)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(pieces: &[&str]) -> WordCounts {
        let mut counts = WordCounts::default();
        counts.observe(pieces);
        counts
    }

    #[test]
    fn forms_documents_and_pairs() {
        let mut counts = counted(&["The cat saw the Cat.", "cat"]);
        counts.observe(&["the end"]);
        assert_eq!(counts.documents, 2);
        assert_eq!(
            counts
                .count
                .iter()
                .map(|(k, v)| (k.as_str(), *v))
                .collect::<Vec<_>>(),
            vec![
                ("The", 1),
                ("cat", 2),
                ("saw", 1),
                ("the", 2),
                ("Cat", 1),
                ("end", 1)
            ]
        );
        assert_eq!(counts.docs["the"], 2);
        assert_eq!(counts.docs["cat"], 1);
        // pairs are lowercase, within a piece only: no `cat cat` across the gap
        assert_eq!(counts.pairs["the cat"], 2);
        assert!(!counts.pairs.contains_key("cat cat"));
    }

    #[test]
    fn names_with_particles_are_counted_whole() {
        let counts =
            counted(&["Nasr al-Nuri and Al Nuri met al-jazeera, Royal-Navy and al-Nuri-Smith"]);
        assert_eq!(counts.count.get("al-Nuri"), Some(&1));
        assert_eq!(counts.count.get("Al Nuri"), Some(&1));
        assert_eq!(counts.docs.get("al-Nuri"), Some(&1));
        let mut whole: Vec<_> = counts
            .count
            .keys()
            .filter(|k| k.contains(['-', ' ']))
            .collect();
        whole.sort();
        assert_eq!(whole, vec!["Al Nuri", "al-Nuri"]);
    }

    #[test]
    fn merge_adds_and_bytes_round_trip() {
        let mut a = counted(&["one two two"]);
        let b = counted(&["two three"]);
        a.merge(&b);
        assert_eq!(a.count["two"], 3);
        assert_eq!(a.docs["two"], 2);
        assert_eq!(a.documents, 2);
        assert_eq!(WordCounts::from_bytes(&a.to_bytes()).unwrap(), a);
        assert!(WordCounts::from_bytes(&a.to_bytes()[..9]).is_err());
    }
}
