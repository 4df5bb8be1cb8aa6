//! Words within one edit, by lookup (the SymSpell idea): every key is indexed under itself and each
//! string one deleted character away, so two keys within one edit share an entry. The Python reference
//! is `corpusclean.text.lexicon.delete_keys` plus a dictionary of sets; characters are code points.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::spelling::osa_distance;

pub struct DeleteIndex {
    keys: Vec<String>,
    entries: FxHashMap<String, Vec<u32>>,
}

/// `key` and every string one deletion away from it.
pub fn delete_keys(key: &str) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    out.insert(key.to_owned());
    for (at, c) in key.char_indices() {
        let mut deleted = String::with_capacity(key.len());
        deleted.push_str(&key[..at]);
        deleted.push_str(&key[at + c.len_utf8()..]);
        out.insert(deleted);
    }
    out
}

impl DeleteIndex {
    pub fn new(keys: Vec<String>) -> Self {
        let mut entries: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (index, key) in keys.iter().enumerate() {
            for deleted in delete_keys(key) {
                entries.entry(deleted).or_default().push(index as u32);
            }
        }
        DeleteIndex { keys, entries }
    }

    /// The indexed keys (by number, ascending) that share a delete key with `key`: all keys within one
    /// edit, and some two substitutions away.
    pub fn sharing(&self, key: &str) -> Vec<u32> {
        let mut found: Vec<u32> = delete_keys(key)
            .iter()
            .filter_map(|deleted| self.entries.get(deleted))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The indexed keys exactly one edit from `key` (a deletion, an insertion, a substitution, or a swap
    /// of neighbouring characters: optimal string alignment distance 1).
    pub fn one_edit(&self, key: &str) -> Vec<u32> {
        let mut found = self.sharing(key);
        found.retain(|&index| one_edit_apart(key, &self.keys[index as usize]));
        found
    }

    pub fn key(&self, index: u32) -> &str {
        &self.keys[index as usize]
    }
}

/// Whether the optimal string alignment distance between `a` and `b` is exactly 1.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    osa_distance(&a, &b, 1) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_in_every_way_and_no_more() {
        for (a, b) in [
            ("raqqa", "raqa"),
            ("raqa", "raqqa"),
            ("teh", "the"),
            ("cat", "cut"),
            ("zürich", "zurich"),
            ("ab", "ba"),
        ] {
            assert!(one_edit_apart(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("same", "same"),
            ("abc", "cba"),
            ("ab", "abcd"),
            ("kitten", "sitting"),
        ] {
            assert!(!one_edit_apart(a, b), "{a} {b}");
        }
    }

    #[test]
    fn the_index_finds_keys_one_edit_away() {
        let index = DeleteIndex::new(
            ["raqqa", "rafiqa", "tabqa", "raqa"]
                .map(String::from)
                .to_vec(),
        );
        let near = |key| {
            index
                .one_edit(key)
                .iter()
                .map(|&i| index.key(i).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(near("raqq"), vec!["raqqa", "raqa"]);
        assert_eq!(near("raqqa"), vec!["raqa"]); // not itself: distance 0
        assert!(index.sharing("rafiqa").contains(&1));
        assert!(near("xyz").is_empty());
    }
}
