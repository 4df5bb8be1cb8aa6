//! Pass 1's token statistics, counted natively: how often each surface form occurs, in how many
//! documents, and which lowercase words stand next to each other. The Python reference is
//! `corpusclean.stats.tokens.TokenCollector.observe`; `tests/test_native_tokens.py` holds them equal.
//!
//! Maps keep first-seen order (as Python's `Counter` does), so `forms()` lists the corpus as before.
//! Merging adds counts: associative and commutative up to that order.

use indexmap::{IndexMap, IndexSet};
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::words::{is_letter, words};

/// Particles written before a name with a space or a hyphen (`al Nuri`, `van-Gogh`), and those only with
/// a hyphen (English words before a space): `corpusclean.text.tokens` lists the same.
const SPACED: [&str; 16] = [
    "al", "el", "ul", "abu", "bin", "ibn", "ben", "van", "von", "de", "del", "da", "di", "du",
    "la", "le",
];
const HYPHENED: [&str; 7] = ["an", "ar", "as", "ash", "at", "ad", "az"];

/// How often a form occurs, and in how many documents.
#[derive(Default, Debug, Clone, Copy, PartialEq)]
pub struct Tally {
    pub count: u64,
    pub docs: u64,
}

pub type Forms = IndexMap<String, Tally, FxBuildHasher>;

#[derive(Default, Debug, Clone, PartialEq)]
pub struct WordCounts {
    pub documents: u64,
    pub forms: Forms,
    pub pairs: Pairs,
}

/// Neighbouring lowercase words and how often they stand together. The words are numbered once, so a
/// pair is one integer key: a corpus has millions of distinct pairs, and string keys cost a cache miss
/// and a comparison each.
#[derive(Default, Debug, Clone)]
pub struct Pairs {
    words: IndexSet<String, FxBuildHasher>,
    counts: FxHashMap<u64, u64>,
}

impl Pairs {
    pub fn number(&mut self, word: &str) -> u32 {
        match self.words.get_index_of(word) {
            Some(index) => index as u32,
            None => self.words.insert_full(word.to_owned()).0 as u32,
        }
    }

    pub fn add_numbered(&mut self, first: u32, second: u32, n: u64) {
        *self
            .counts
            .entry(u64::from(first) << 32 | u64::from(second))
            .or_default() += n;
    }

    pub fn add(&mut self, first: &str, second: &str, n: u64) {
        let (a, b) = (self.number(first), self.number(second));
        self.add_numbered(a, b, n);
    }

    pub fn get(&self, first: &str, second: &str) -> u64 {
        match (
            self.words.get_index_of(first),
            self.words.get_index_of(second),
        ) {
            (Some(a), Some(b)) => self
                .counts
                .get(&((a as u64) << 32 | b as u64))
                .copied()
                .unwrap_or(0),
            _ => 0,
        }
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// For each of `words`, the words seen right before or after it, leaving out `common` ones (they
    /// stand next to anything), in no particular order.
    pub fn neighbours(
        &self,
        words: &[String],
        common: &[String],
    ) -> std::collections::HashMap<String, Vec<String>> {
        let wanted: FxHashSet<&str> = words.iter().map(String::as_str).collect();
        let common: FxHashSet<&str> = common.iter().map(String::as_str).collect();
        let mut found: FxHashMap<&str, FxHashSet<&str>> =
            wanted.iter().map(|&w| (w, FxHashSet::default())).collect();
        for (first, second, _) in self.iter() {
            for (word, other) in [(first, second), (second, first)] {
                if !common.contains(other) {
                    if let Some(set) = found.get_mut(word) {
                        set.insert(other);
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|(word, set)| {
                (
                    word.to_owned(),
                    set.into_iter().map(str::to_owned).collect(),
                )
            })
            .collect()
    }

    /// A weighted sample of `limit` pairs, each drawn with a chance that grows with its count (the
    /// Efraimidis-Spirakis keys `ln(u) / count`, `u` a hash of the pair): the same pairs whatever order
    /// the corpus was counted or merged in, so a sample is the same under `--jobs` and Ray.
    pub fn sample(&self, limit: usize) -> Vec<(&str, &str, u64)> {
        let mut heap: BinaryHeap<Reverse<Keyed<'_>>> =
            BinaryHeap::with_capacity(limit.min(self.len()) + 1);
        for (first, second, n) in self.iter() {
            let key = unit_hash(first, second).ln() / n as f64;
            heap.push(Reverse(Keyed(key, first, second, n)));
            if heap.len() > limit {
                heap.pop();
            }
        }
        let mut kept: Vec<Keyed<'_>> = heap.into_iter().map(|Reverse(k)| k).collect();
        kept.sort_by(|a, b| b.cmp(a));
        kept.into_iter()
            .map(|Keyed(_, a, b, n)| (a, b, n))
            .collect()
    }

    /// Every pair as (first word, second word, count), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, u64)> {
        self.counts.iter().map(|(&key, &n)| {
            let word = |i: u64| self.words.get_index(i as usize).map_or("", String::as_str);
            (word(key >> 32), word(key & 0xFFFF_FFFF), n)
        })
    }
}

/// A sampled pair and its key, ordered by key, then by the words (ties broken the same way every time).
struct Keyed<'a>(f64, &'a str, &'a str, u64);

impl Ord for Keyed<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| (other.1, other.2).cmp(&(self.1, self.2)))
    }
}

impl PartialOrd for Keyed<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Keyed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Keyed<'_> {}

/// A number in (0, 1] from the pair's words (FNV-1a, then a mixer): stable across runs, platforms and
/// processes.
fn unit_hash(first: &str, second: &str) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in first.as_bytes().iter().chain(b" ").chain(second.as_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // FNV-1a leaves the high bits of short inputs poorly mixed (`a b`, `b c` drew near 1): finish with
    // MurmurHash3's 64-bit mixer so every bit depends on every input byte
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    ((hash >> 11) + 1) as f64 / (1u64 << 53) as f64
}

/// Equal when the same word pairs have the same counts, however the words were numbered.
impl PartialEq for Pairs {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(a, b, n)| other.get(a, b) == n)
    }
}

fn tally(map: &mut Forms, key: &str, count: u64, docs: u64) {
    let entry = match map.get_mut(key) {
        Some(entry) => entry,
        None => map.entry(key.to_owned()).or_default(),
    };
    entry.count += count;
    entry.docs += docs;
}

impl WordCounts {
    /// Count one document, given as its prose pieces: words on either side of a gap between pieces
    /// (code, markup) are not neighbours. The document is counted in small maps first (they stay in
    /// cache, and a form repeated in it costs one lookup in the corpus's maps, not one per use).
    pub fn observe(&mut self, pieces: &[&str]) {
        let mut forms: IndexMap<&str, u64, FxBuildHasher> = IndexMap::default();
        let mut lower_of: Vec<u32> = Vec::new(); // by form index: its lowercase's index
        let mut lowers: IndexMap<String, (), FxBuildHasher> = IndexMap::default();
        let mut pairs: IndexMap<(u32, u32), u64, FxBuildHasher> = IndexMap::default();
        // (particle, start, end in the pieces joined by spaces, whether a name after it counts)
        let mut particles: Vec<(&str, usize, usize, bool)> = Vec::new();
        let mut offset = 0; // where the piece starts in the pieces joined by spaces
        for piece in pieces {
            let mut previous: Option<u32> = None;
            for word in words(piece) {
                let form = &piece[word.start..word.end];
                for (particle, whole) in trailing_particles(form) {
                    let end = offset + word.end;
                    particles.push((particle, end - particle.len(), end, whole));
                }
                let entry = forms.entry(form);
                let index = entry.index();
                *entry.or_insert(0) += 1;
                if index == lower_of.len() {
                    let lower = if form.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
                        form.to_owned()
                    } else {
                        form.to_lowercase()
                    };
                    lower_of.push(lowers.insert_full(lower, ()).0 as u32);
                }
                let lower = lower_of[index];
                if let Some(before) = previous {
                    *pairs.entry((before, lower)).or_default() += 1;
                }
                previous = Some(lower);
            }
            offset += piece.len() + 1;
        }
        for (form, &n) in &forms {
            tally(&mut self.forms, form, n, 1);
        }
        let distinct: FxHashSet<&str> = forms.keys().copied().collect();
        let names = if particles.is_empty() {
            Vec::new()
        } else {
            particle_names(&pieces.join(" "), particles, &distinct)
        };
        let mut named: FxHashSet<&str> = FxHashSet::default();
        for name in &names {
            let first = named.insert(name.as_str());
            tally(&mut self.forms, name, 1, u64::from(first));
        }
        let numbers: Vec<u32> = lowers.keys().map(|w| self.pairs.number(w)).collect();
        for (&(a, b), &n) in &pairs {
            self.pairs
                .add_numbered(numbers[a as usize], numbers[b as usize], n);
        }
        self.documents += 1;
    }

    /// Add `other`'s counts to these.
    pub fn merge(&mut self, other: &WordCounts) {
        self.documents += other.documents;
        for (key, t) in &other.forms {
            tally(&mut self.forms, key, t.count, t.docs);
        }
        for (a, b, n) in other.pairs.iter() {
            self.pairs.add(a, b, n);
        }
    }

    /// The counts as bytes (for pickling between processes), little-endian: documents; the number of
    /// forms and each as (key length, key, count, documents); the number of pairs and each as (first
    /// word's length, first word, second's length, second word, count).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend(self.documents.to_le_bytes());
        out.extend((self.forms.len() as u64).to_le_bytes());
        for (key, t) in &self.forms {
            put_key(&mut out, key);
            out.extend(t.count.to_le_bytes());
            out.extend(t.docs.to_le_bytes());
        }
        out.extend((self.pairs.len() as u64).to_le_bytes());
        for (a, b, n) in self.pairs.iter() {
            put_key(&mut out, a);
            put_key(&mut out, b);
            out.extend(n.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut reader = Reader { bytes, at: 0 };
        let documents = reader.number()?;
        let len = reader.number()? as usize;
        let mut forms = Forms::with_capacity_and_hasher(len.min(1 << 20), FxBuildHasher);
        for _ in 0..len {
            let key = reader.key()?;
            let (count, docs) = (reader.number()?, reader.number()?);
            forms.insert(key, Tally { count, docs });
        }
        let len = reader.number()? as usize;
        let mut pairs = Pairs::default();
        for _ in 0..len {
            let (a, b) = (reader.key()?, reader.key()?);
            pairs.add(&a, &b, reader.number()?);
        }
        if reader.at != bytes.len() {
            return Err("trailing bytes after the word counts".into());
        }
        Ok(WordCounts {
            documents,
            forms,
            pairs,
        })
    }
}

fn put_key(out: &mut Vec<u8>, key: &str) {
    out.extend((key.len() as u64).to_le_bytes());
    out.extend(key.as_bytes());
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

    fn key(&mut self) -> Result<String, String> {
        let n = self.number()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|e| e.to_string())
    }
}

/// The particles a word ends with: its last part after an apostrophe (`d'al`) when that is a particle
/// (`al` or `Al`), and the particles that part merely ends with (`McDe`, `Royal`). A name after the
/// latter is not counted, but Python's search matched it there and then went on after it, so it hides
/// a name that starts inside it (`McDe De Gaulle` holds none): (particle, whether it is the whole part).
fn trailing_particles(word: &str) -> impl Iterator<Item = (&str, bool)> {
    let last = word.rfind(['\'', '\u{2019}']).map_or(word, |at| {
        let apostrophe = word[at..].chars().next().map_or(1, char::len_utf8);
        &word[at + apostrophe..]
    });
    [2, 3].into_iter().filter_map(move |size| {
        let at = last.len().checked_sub(size)?;
        let part = last.get(at..)?;
        is_particle(part).then_some((part, at == 0))
    })
}

/// `al` or `Al` (not `AL`) for each particle.
fn is_particle(part: &str) -> bool {
    if !part.is_ascii() || part.bytes().skip(1).any(|b| !b.is_ascii_lowercase()) {
        return false;
    }
    let lower = part.to_ascii_lowercase();
    SPACED.iter().chain(&HYPHENED).any(|p| *p == lower)
}

/// The names with a particle in `text` (`al-Nuri`, `Van Gogh`), as Python's `particle_names` finds them:
/// for each particle that is also a word of the document (`distinct`), in code-point order, its
/// occurrences in text order. `found` lists where the words of `text` end in a particle, and whether a
/// name after it counts: not when the particle ends a longer run of letters (`Royal-Navy`); every run
/// of letters is a word or the part of one after an apostrophe. A name starts with an ASCII capital
/// after a space (spaced particles) or a hyphen, is a whole run of letters, and is not the first half
/// of a hyphenated word; a match is not searched again inside the previous one of the same particle.
pub fn particle_names(
    text: &str,
    mut found: Vec<(&str, usize, usize, bool)>,
    distinct: &FxHashSet<&str>,
) -> Vec<String> {
    found.retain(|(particle, ..)| distinct.contains(particle));
    found.sort_by_key(|&(particle, start, ..)| (particle, start));
    let mut names = Vec::new();
    let mut resume: Option<(&str, usize)> = None;
    for (particle, start, end, counts) in found {
        if resume.is_some_and(|(p, at)| p == particle && start < at) {
            continue;
        }
        let lower = particle.to_ascii_lowercase();
        let spaced = SPACED.contains(&lower.as_str());
        if let Some(name_end) = name_after(text, end, spaced) {
            resume = Some((particle, name_end));
            if counts {
                names.push(text[start..name_end].to_owned());
            }
        }
    }
    names
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

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(pieces: &[&str]) -> WordCounts {
        let mut counts = WordCounts::default();
        counts.observe(pieces);
        counts
    }

    #[test]
    fn a_sample_is_the_same_in_any_counting_order_and_prefers_frequent_pairs() {
        let texts = ["a b c d e f g h", "i j k l m n", "x y x y x y x y x y x y"];
        let mut forward = WordCounts::default();
        for text in texts {
            forward.observe(&[text]);
        }
        let mut backward = WordCounts::default();
        for text in texts.iter().rev() {
            backward.observe(&[text]);
        }
        assert_eq!(forward.pairs.sample(4), backward.pairs.sample(4));
        assert_eq!(forward.pairs.sample(4).len(), 4);
        assert_eq!(forward.pairs.sample(100).len(), forward.pairs.len());
        // two pairs seen 6 and 5 times, 11 once (all words, and so all hashes, differ per round):
        // drawn by count, the frequent ones lead half the rounds, uniformly 2 in 13
        let mut leads = 0;
        for round in 0..50 {
            let tag: String = [round / 26, round % 26]
                .iter()
                .map(|&i| char::from(b'a' + i as u8))
                .collect();
            let (x, y) = (format!("x{tag}"), format!("y{tag}"));
            let frequent = [x.as_str(), y.as_str()].repeat(6).join(" ");
            let mut counts = WordCounts::default();
            for text in &texts[..2] {
                let renamed: Vec<String> = text.split(' ').map(|w| format!("{w}{tag}")).collect();
                counts.observe(&[renamed.join(" ").as_str()]);
            }
            counts.observe(&[frequent.as_str()]);
            leads += usize::from(
                counts
                    .pairs
                    .sample(1)
                    .iter()
                    .all(|(a, _, _)| *a == x || *a == y),
            );
        }
        assert!(
            leads > 15,
            "frequent pairs lead {leads} of 50 samples (uniform: about 8)"
        );
    }

    #[test]
    fn forms_documents_and_pairs() {
        let mut counts = counted(&["The cat saw the Cat.", "cat"]);
        counts.observe(&["the end"]);
        assert_eq!(counts.documents, 2);
        assert_eq!(
            counts
                .forms
                .iter()
                .map(|(k, t)| (k.as_str(), t.count))
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
        assert_eq!(counts.forms["the"].docs, 2);
        assert_eq!(counts.forms["cat"].docs, 1);
        // pairs are lowercase, within a piece only: no `cat cat` across the gap
        assert_eq!(counts.pairs.get("the", "cat"), 2);
        assert_eq!(counts.pairs.get("cat", "cat"), 0);
    }

    #[test]
    fn names_with_particles_are_counted_whole() {
        let counts =
            counted(&["Nasr al-Nuri and Al Nuri met al-jazeera, Royal-Navy and al-Nuri-Smith"]);
        assert_eq!(counts.forms["al-Nuri"], Tally { count: 1, docs: 1 });
        assert_eq!(counts.forms["Al Nuri"], Tally { count: 1, docs: 1 });
        let mut whole: Vec<_> = counts
            .forms
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
        assert_eq!(a.forms["two"], Tally { count: 3, docs: 2 });
        assert_eq!(a.documents, 2);
        assert_eq!(WordCounts::from_bytes(&a.to_bytes()).unwrap(), a);
        assert!(WordCounts::from_bytes(&a.to_bytes()[..9]).is_err());
    }
}
