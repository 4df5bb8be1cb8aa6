//! Decide once per form, apply by lookup. A run's distinct word forms get numbers (`Vocabulary`); a
//! document becomes the numbers of its words and their spans (`DocWords`), hashed once whatever the
//! number of rules; each rule's `FormTable` holds its decision per form number, so finding a rule's hits
//! in a document is an array lookup per word. Python decides the forms a table has not seen yet.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::words::words;

/// Every distinct form seen in this run, numbered in first-seen order.
#[derive(Default)]
pub struct Vocabulary {
    ids: FxHashMap<String, u32>,
    forms: Vec<String>,
}

/// A document's words: their form numbers and code-point spans, in text order.
pub struct DocWords {
    pub ids: Vec<u32>,
    pub spans: Vec<(usize, usize)>,
}

impl Vocabulary {
    pub fn scan(&mut self, text: &str) -> DocWords {
        let found = words(text);
        let mut ids = Vec::with_capacity(found.len());
        let mut spans = Vec::with_capacity(found.len());
        for word in found {
            let form = &text[word.start..word.end];
            let id = match self.ids.get(form) {
                Some(&id) => id,
                None => {
                    let id = self.forms.len() as u32;
                    self.ids.insert(form.to_owned(), id);
                    self.forms.push(form.to_owned());
                    id
                }
            };
            ids.push(id);
            spans.push((word.char_start, word.char_end));
        }
        DocWords { ids, spans }
    }

    pub fn form(&self, id: u32) -> &str {
        &self.forms[id as usize]
    }
}

/// One rule's decisions: per form number, undecided, not a hit (0), or a hit with a value the rule
/// gave (1 and up).
#[derive(Default)]
pub struct FormTable {
    decided: Vec<Option<u32>>,
}

impl FormTable {
    /// The distinct forms of `doc` this table has no decision for, in first-seen order.
    pub fn undecided(&self, doc: &DocWords) -> Vec<u32> {
        let mut seen = FxHashSet::default();
        doc.ids
            .iter()
            .copied()
            .filter(|&id| self.get(id).is_none() && seen.insert(id))
            .collect()
    }

    pub fn decide(&mut self, ids: &[u32], values: &[u32]) {
        for (&id, &value) in ids.iter().zip(values) {
            let at = id as usize;
            if at >= self.decided.len() {
                self.decided.resize(at + 1, None);
            }
            self.decided[at] = Some(value);
        }
    }

    /// The words of `doc` decided as hits: (value, start, end), in text order.
    pub fn hits(&self, doc: &DocWords) -> Vec<(u32, usize, usize)> {
        doc.ids
            .iter()
            .zip(&doc.spans)
            .filter_map(|(&id, &(start, end))| match self.get(id) {
                Some(value) if value > 0 => Some((value, start, end)),
                _ => None,
            })
            .collect()
    }

    fn get(&self, id: u32) -> Option<u32> {
        self.decided.get(id as usize).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undecided_forms_then_hits_by_lookup() {
        let mut vocabulary = Vocabulary::default();
        let doc = vocabulary.scan("Teh cat, teh dog; é Teh");
        let mut table = FormTable::default();
        let new = table.undecided(&doc);
        let forms: Vec<_> = new.iter().map(|&id| vocabulary.form(id)).collect();
        assert_eq!(forms, vec!["Teh", "cat", "teh", "dog", "é"]);
        table.decide(&new, &[2, 0, 1, 0, 0]);
        assert!(table.undecided(&doc).is_empty());
        assert_eq!(table.hits(&doc), vec![(2, 0, 3), (1, 9, 12), (2, 20, 23)]);
        // a second document: only its new forms are undecided
        let other = vocabulary.scan("teh bird");
        let new = table.undecided(&other);
        assert_eq!(vocabulary.form(new[0]), "bird");
        assert_eq!(new.len(), 1);
    }
}
