//! The Python face of the core: `corpusclean._core.analyze_batch`, a batch of texts in, plain tuples out,
//! the GIL released while the batch is analysed.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, JoinHandle};

use crate::analysis::{analyze, Analysis, Format};
use crate::boilerplate;
use crate::counts;
use crate::fingerprints;
use crate::lang::LangGuess;
use crate::near;
use crate::offsets::{byte_indices, char_indices};
use crate::patterns;
use crate::spelling;
use crate::tables;
use crate::words::words;
use crate::zones;

type PyLang = (&'static str, &'static str, f64, bool, bool);
type PyRegion = (&'static str, usize, usize);
type PyBlock = (usize, usize, PyLang);
type PyAnalysis = (&'static str, Vec<PyRegion>, Vec<PyBlock>, PyLang);

fn lang_tuple(guess: &LangGuess) -> PyLang {
    (
        guess.lang,
        guess.script,
        guess.confidence,
        guess.reliable,
        guess.inherited,
    )
}

/// The analysis with code-point offsets, as Python indexes strings.
fn to_python(text: &str, analysis: &Analysis) -> PyAnalysis {
    let mut positions = Vec::with_capacity(2 * (analysis.regions.len() + analysis.blocks.len()));
    for r in &analysis.regions {
        positions.extend([r.start, r.end]);
    }
    // Only the paragraphs whose language differs from the document's cross over: a novel has thousands
    // of paragraphs, and Python asks for a paragraph's language only to find a departure.
    let departing: Vec<_> = analysis
        .blocks
        .iter()
        .filter(|b| {
            let (own, doc) = (&b.lang, &analysis.lang);
            (own.lang, own.script, own.reliable) != (doc.lang, doc.script, doc.reliable)
        })
        .collect();
    for b in &departing {
        positions.extend([b.start, b.end]);
    }
    let chars = char_indices(text, &positions);
    let mut at = chars.chunks_exact(2);
    let regions = analysis
        .regions
        .iter()
        .map(|r| {
            let pair = at.next().expect("two offsets a region");
            (r.kind.name(), pair[0], pair[1])
        })
        .collect();
    let blocks = departing
        .iter()
        .map(|b| {
            let pair = at.next().expect("two offsets a block");
            (pair[0], pair[1], lang_tuple(&b.lang))
        })
        .collect();
    (
        analysis.format.name(),
        regions,
        blocks,
        lang_tuple(&analysis.lang),
    )
}

/// Analyse `texts`, each in the format named at the same index (`plain`, `markdown`, `rst`, `html`).
#[pyfunction]
fn analyze_batch(
    py: Python<'_>,
    texts: Vec<String>,
    formats: Vec<String>,
) -> PyResult<Vec<PyAnalysis>> {
    if texts.len() != formats.len() {
        return Err(PyValueError::new_err("texts and formats differ in length"));
    }
    let parsed = formats
        .iter()
        .map(|f| {
            Format::parse(f).ok_or_else(|| PyValueError::new_err(format!("unknown format {f:?}")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(py.allow_threads(|| {
        texts
            .iter()
            .zip(parsed)
            .map(|(text, format)| to_python(text, &analyze(text, format)))
            .collect()
    }))
}

/// A pack's patterns as automata; offsets in and out are code points, as Python indexes strings.
///
/// Compiled on first use, or ahead of it in a thread of its own (`warm`): a pack takes up to tens of
/// milliseconds to compile, which a one-file run can spend reading and counting instead.
#[pyclass(frozen)]
struct LinePatterns {
    spec: Arc<(String, bool, bool)>,
    compiled: Arc<OnceLock<Result<patterns::LinePatterns, String>>>,
    worker: Mutex<Option<JoinHandle<()>>>,
}

fn compile(spec: &(String, bool, bool)) -> Result<patterns::LinePatterns, String> {
    let (alternation, case_insensitive, whole_lines) = spec;
    patterns::LinePatterns::new(alternation, *case_insensitive, *whole_lines)
}

impl LinePatterns {
    fn compiled(&self, py: Python<'_>) -> PyResult<&patterns::LinePatterns> {
        py.allow_threads(|| self.compiled.get_or_init(|| compile(&self.spec)))
            .as_ref()
            .map_err(|e| PyValueError::new_err(e.clone()))
    }
}

#[pymethods]
impl LinePatterns {
    #[new]
    fn new(alternation: String, case_insensitive: bool, whole_lines: bool) -> Self {
        LinePatterns {
            spec: Arc::new((alternation, case_insensitive, whole_lines)),
            compiled: Arc::new(OnceLock::new()),
            worker: Mutex::new(None),
        }
    }

    /// Start compiling in the background (once); `find` waits for it, or compiles itself when no
    /// thread could be started.
    fn warm(&self) {
        let mut worker = self.worker.lock().unwrap_or_else(|e| e.into_inner());
        if worker.is_some() || self.compiled.get().is_some() {
            return;
        }
        let (spec, compiled) = (Arc::clone(&self.spec), Arc::clone(&self.compiled));
        let spawned = thread::Builder::new().spawn(move || {
            compiled.get_or_init(|| compile(&spec));
        });
        *worker = spawned.ok();
    }

    /// Wait until no compile runs in the background: a process must not fork with one half done.
    fn settle(&self, py: Python<'_>) {
        let handle = self.worker.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(handle) = handle {
            py.allow_threads(|| handle.join().ok());
        }
    }

    /// In the document's `zone` (`top`, `bottom`: its first or last `zone_lines` non-blank lines;
    /// `any`): the lines that match whole (`bare`: or by their text without an extractor's marks), or
    /// the matches (their `cut…` groups), as compiled for.
    #[pyo3(signature = (text, zone, zone_lines, max_chars, bare=false))]
    fn find_in_zone(
        &self,
        py: Python<'_>,
        text: &str,
        zone: &str,
        zone_lines: usize,
        max_chars: usize,
        bare: bool,
    ) -> PyResult<Vec<(usize, usize)>> {
        let compiled = self.compiled(py)?;
        Ok(py.allow_threads(|| {
            let (start, end) = zones::edge_zone(text, zone, zone_lines);
            let found = compiled.find(text, start, end, max_chars, bare);
            let flat: Vec<usize> = found.iter().flat_map(|&(s, e)| [s, e]).collect();
            char_indices(text, &flat)
                .chunks_exact(2)
                .map(|pair| (pair[0], pair[1]))
                .collect()
        }))
    }

    /// Between `start` and `end`: the lines that match whole (`bare`: or by their text without an
    /// extractor's marks), or the matches (their `cut…` groups), as the patterns were compiled for.
    #[pyo3(signature = (text, start, end, max_chars, bare=false))]
    fn find(
        &self,
        py: Python<'_>,
        text: &str,
        start: usize,
        end: usize,
        max_chars: usize,
        bare: bool,
    ) -> PyResult<Vec<(usize, usize)>> {
        let compiled = self.compiled(py)?;
        Ok(py.allow_threads(|| {
            in_chars(text, start, end, |s, e| {
                compiled.find(text, s, e, max_chars, bare)
            })
        }))
    }
}

/// The code-point range of a document's edge zone (`corpusclean.text.lines.edge_region`).
#[pyfunction]
fn edge_zone(text: &str, zone: &str, zone_lines: usize) -> (usize, usize) {
    let (start, end) = zones::edge_zone(text, zone, zone_lines);
    let chars = char_indices(text, &[start, end]);
    (chars[0], chars[1])
}

/// A line's fingerprint (16 hex digits), or None for a line too short to judge.
#[pyfunction]
fn fingerprint(line: &str) -> Option<String> {
    fingerprints::fingerprint(line)
}

/// A line's exact key (16 hex digits), or None for a line without a letter or digit.
#[pyfunction]
fn exact_key(line: &str) -> Option<String> {
    fingerprints::exact_key(line)
}

/// The line without the marks an extractor leaves around it (`* Home` is `Home`).
#[pyfunction]
fn bare(line: &str) -> &str {
    fingerprints::bare(line)
}

type PyLearnable = (usize, usize, bool, Option<String>, Option<String>);

/// The learnable lines of a document (`fingerprints.rs`) as (index, characters, at an edge, fingerprint,
/// exact key), and the number of its non-blank lines; `blocked`: the indexes of lines code or markup
/// touches; `plain`: markup lines are learned by their bare text.
#[pyfunction]
#[pyo3(signature = (text, blocked, edges_only, plain=false))]
fn learnable_lines(
    py: Python<'_>,
    text: &str,
    mut blocked: Vec<usize>,
    edges_only: bool,
    plain: bool,
) -> (Vec<PyLearnable>, usize) {
    blocked.sort_unstable();
    py.allow_threads(|| {
        let (found, filled) = fingerprints::learnable_lines(text, &blocked, edges_only, plain);
        let found = found
            .into_iter()
            .map(|l| (l.index, l.chars, l.at_edge, l.fingerprint, l.key))
            .collect();
        (found, filled)
    })
}

/// Check a pattern's syntax without compiling it; a ValueError says where and what is wrong.
#[pyfunction]
fn check_pattern(pattern: &str) -> PyResult<()> {
    patterns::check(pattern).map_err(PyValueError::new_err)
}

/// Run `find` on the byte range of code points `start..end`, and give its spans back in code points.
fn in_chars(
    text: &str,
    start: usize,
    end: usize,
    find: impl Fn(usize, usize) -> Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let bytes = byte_indices(text, &[start, end]);
    let spans = find(bytes[0], bytes[1]);
    let flat: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    char_indices(text, &flat)
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1]))
        .collect()
}

/// The words of `text` as `WORD.findall` gives them, with their code-point spans.
/// The fewest edits from `intended` to `observed`: (kind, first, second), as `spelling::alignment`.
#[pyfunction]
fn alignment(intended: &str, observed: &str) -> Vec<(&'static str, String, String)> {
    let (a, b): (Vec<char>, Vec<char>) = (intended.chars().collect(), observed.chars().collect());
    spelling::alignment(&a, &b)
        .into_iter()
        .map(|(kind, x, y)| (kind, x.to_string(), y.to_string()))
        .collect()
}

#[pyfunction]
fn word_spans(text: &str) -> Vec<(&str, usize, usize)> {
    words(text)
        .iter()
        .map(|w| (&text[w.start..w.end], w.char_start, w.char_end))
        .collect()
}

type CountDicts<'py> = (
    u64,
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
);

/// Pass 1's token counts, accumulated natively; they pickle as bytes and export as dicts.
/// Equal when they hold the same counts, in whatever order (as `Counter`s compare).
#[pyclass(eq, module = "corpusclean._core")]
#[derive(Default, PartialEq)]
struct WordCounts(counts::WordCounts);

#[pymethods]
impl WordCounts {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Count one document, given as its prose pieces.
    fn observe(&mut self, py: Python<'_>, pieces: Vec<String>) {
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        py.allow_threads(|| self.0.observe(&pieces));
    }

    /// A new state holding both counts.
    fn merged(&self, other: &WordCounts) -> WordCounts {
        let mut out = counts::WordCounts::clone(&self.0);
        out.merge(&other.0);
        WordCounts(out)
    }

    /// How often `first second` (lowercase words) stand next to each other.
    fn pair(&self, first: &str, second: &str) -> u64 {
        self.0.pairs.get(first, second)
    }

    /// `limit` word pairs (first, second, count), drawn by count, the same in any counting order.
    fn sample_pairs(&self, limit: usize) -> Vec<(String, String, u64)> {
        self.0
            .pairs
            .sample(limit)
            .into_iter()
            .map(|(a, b, n)| (a.to_owned(), b.to_owned(), n))
            .collect()
    }

    /// How many distinct word pairs there are.
    fn pair_count(&self) -> usize {
        self.0.pairs.len()
    }

    /// For each of `words`, the words seen right before or after it, `common` ones left out.
    fn neighbours(
        &self,
        py: Python<'_>,
        words: Vec<String>,
        common: Vec<String>,
    ) -> HashMap<String, Vec<String>> {
        py.allow_threads(|| self.0.pairs.neighbours(&words, &common))
    }

    /// Add `other`'s counts to these, in place.
    fn absorb(&mut self, other: &WordCounts) {
        self.0.merge(&other.0);
    }

    #[getter]
    fn documents(&self) -> u64 {
        self.0.documents
    }

    /// (documents, count, docs, pairs), the maps as dicts in first-seen order, or with their keys sorted
    /// (`sort`: the order saved statistics are written in); without `pairs`, an empty dict for them.
    #[pyo3(signature = (sort = false, pairs = true))]
    fn to_dicts<'py>(&self, py: Python<'py>, sort: bool, pairs: bool) -> PyResult<CountDicts<'py>> {
        let with_pairs = pairs;
        let (count, docs, pairs) = (PyDict::new(py), PyDict::new(py), PyDict::new(py));
        let mut forms: Vec<(&String, &counts::Tally)> = self.0.forms.iter().collect();
        let mut pair_keys: Vec<(String, u64)> = self
            .0
            .pairs
            .iter()
            .filter(|_| with_pairs)
            .map(|(first, second, n)| (format!("{first} {second}"), n))
            .collect();
        if sort {
            forms.sort_unstable_by(|a, b| a.0.cmp(b.0));
            pair_keys.sort_unstable();
        }
        for (key, t) in forms {
            let key = PyString::new(py, key);
            count.set_item(&key, t.count)?;
            docs.set_item(&key, t.docs)?;
        }
        for (key, n) in pair_keys {
            pairs.set_item(key, n)?;
        }
        Ok((self.0.documents, count, docs, pairs))
    }

    /// Counts rebuilt from `to_dicts`' parts (saved statistics): `docs` has the keys of `count`.
    #[staticmethod]
    fn from_dicts(
        documents: u64,
        count: Vec<(String, u64)>,
        docs: HashMap<String, u64>,
        pairs: Vec<(String, u64)>,
    ) -> PyResult<Self> {
        let forms = count
            .into_iter()
            .map(|(key, count)| {
                let docs = docs.get(&key).copied().unwrap_or(0);
                (key, counts::Tally { count, docs })
            })
            .collect();
        let mut numbered = counts::Pairs::default();
        for (key, n) in pairs {
            let (first, second) = key
                .split_once(' ')
                .ok_or_else(|| PyValueError::new_err(format!("not a word pair: {key:?}")))?;
            numbered.add(first, second, n);
        }
        Ok(WordCounts(counts::WordCounts {
            documents,
            forms,
            pairs: numbered,
        }))
    }

    fn __getstate__<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.to_bytes())
    }

    fn __setstate__(&mut self, state: &[u8]) -> PyResult<()> {
        self.0 = counts::WordCounts::from_bytes(state).map_err(PyValueError::new_err)?;
        Ok(())
    }
}

/// The run's word forms, numbered; `scan` turns a text into `DocWords`.
#[pyclass(module = "corpusclean._core")]
#[derive(Default)]
struct Vocabulary(tables::Vocabulary);

#[pyclass(frozen, module = "corpusclean._core")]
struct DocWords(tables::DocWords);

#[pymethods]
impl Vocabulary {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    fn scan(&mut self, text: &str) -> DocWords {
        DocWords(self.0.scan(text))
    }

    fn forms(&self, ids: Vec<u32>) -> Vec<String> {
        ids.iter().map(|&id| self.0.form(id).to_owned()).collect()
    }
}

#[pymethods]
impl DocWords {
    fn __len__(&self) -> usize {
        self.0.ids.len()
    }
}

/// One rule's per-form decisions: 0 not a hit, 1 and up a hit carrying that value.
#[pyclass(module = "corpusclean._core")]
#[derive(Default)]
struct FormTable(tables::FormTable);

#[pymethods]
impl FormTable {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    fn undecided(&self, doc: &DocWords) -> Vec<u32> {
        self.0.undecided(&doc.0)
    }

    fn decide(&mut self, ids: Vec<u32>, values: Vec<u32>) -> PyResult<()> {
        if ids.len() != values.len() {
            return Err(PyValueError::new_err("ids and values differ in length"));
        }
        self.0.decide(&ids, &values);
        Ok(())
    }

    fn hits(&self, doc: &DocWords) -> Vec<(u32, usize, usize)> {
        self.0.hits(&doc.0)
    }
}

/// Keys within one edit by lookup (`near.rs`); keys and answers are numbered as given.
#[pyclass(frozen, module = "corpusclean._core")]
struct DeleteIndex(near::DeleteIndex);

#[pymethods]
impl DeleteIndex {
    #[new]
    fn new(py: Python<'_>, keys: Vec<String>) -> Self {
        DeleteIndex(py.allow_threads(|| near::DeleteIndex::new(keys)))
    }

    /// The numbers of the keys that share a delete key with `key`, ascending.
    fn sharing(&self, key: &str) -> Vec<u32> {
        self.0.sharing(key)
    }

    /// The numbers of the keys exactly one edit from `key` (optimal string alignment), ascending.
    fn one_edit(&self, key: &str) -> Vec<u32> {
        self.0.one_edit(key)
    }
}

/// A dictionary's correction candidates (`spelling.rs`).
#[pyclass(frozen, module = "corpusclean._core")]
struct Dictionary(spelling::Dictionary);

#[pymethods]
impl Dictionary {
    #[new]
    fn new(py: Python<'_>, words: Vec<String>) -> Self {
        Dictionary(py.allow_threads(|| spelling::Dictionary::new(words)))
    }

    /// Words one edit from `word` after its first letter, or with its first two letters swapped.
    fn one_edit(&self, word: &str) -> Vec<String> {
        self.0.one_edit(word)
    }

    /// Words of six letters or more exactly two edits from `word`, with its first letter.
    fn two_edits(&self, py: Python<'_>, word: &str) -> Vec<String> {
        py.allow_threads(|| self.0.two_edits(word))
    }
}

type PyTree = (Vec<(usize, usize, f64)>, Vec<(usize, f64)>);
type PyScores = (Vec<f64>, Vec<bool>, Vec<Vec<(usize, f64)>>);

/// AR09's trees (`boilerplate.rs`): built once from the model file's (node, feature, cut) splits and
/// (node, value) values per tree.
#[pyclass(frozen, module = "corpusclean._core")]
struct LineModel(boilerplate::Forest);

#[pymethods]
impl LineModel {
    #[new]
    fn new(base: f64, trees: Vec<PyTree>) -> PyResult<Self> {
        let mut built = Vec::with_capacity(trees.len());
        for (splits, values) in trees {
            let size = splits
                .iter()
                .map(|s| 2 * s.0 + 3)
                .chain(values.iter().map(|v| v.0 + 1))
                .max()
                .unwrap_or(1);
            let mut tree = boilerplate::Tree {
                split: vec![None; size],
                value: vec![0.0; size],
            };
            for (node, feature, cut) in splits {
                if feature >= boilerplate::FEATURES {
                    return Err(PyValueError::new_err(format!("no feature {feature}")));
                }
                tree.split[node] = Some((feature, cut));
            }
            for (node, value) in values {
                tree.value[node] = value;
            }
            built.push(tree);
        }
        Ok(LineModel(boilerplate::Forest { base, trees: built }))
    }

    /// Each line's probability of being boilerplate; whether it carries a sign only a web page has
    /// (`boilerplate.rs: sign`, with `template` the share of the site's documents that makes a template);
    /// and, for each line scored `report` or more, the `top` features that pushed it most towards
    /// boilerplate as (feature index, the line's value) (empty for the others). One pass over the lines.
    fn score(
        &self,
        py: Python<'_>,
        lines: Vec<String>,
        shared: Vec<(f64, f64)>,
        template: f64,
        report: f64,
        top: usize,
    ) -> PyScores {
        py.allow_threads(|| {
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let rows = boilerplate::features(&refs, &shared);
            let mut out = (Vec::new(), Vec::new(), Vec::new());
            for row in &rows {
                let p = self.0.probability(row);
                out.0.push(p);
                out.1.push(boilerplate::sign(row, template));
                out.2.push(if p >= report {
                    self.0
                        .reasons(row, top)
                        .into_iter()
                        .map(|j| (j, row[j]))
                        .collect()
                } else {
                    Vec::new()
                });
            }
            out
        })
    }

    /// The probability of each row of features.
    fn probabilities(&self, py: Python<'_>, rows: Vec<Vec<f64>>) -> PyResult<Vec<f64>> {
        if rows.iter().any(|row| row.len() != boilerplate::FEATURES) {
            return Err(PyValueError::new_err(format!(
                "rows of {} features expected",
                boilerplate::FEATURES
            )));
        }
        Ok(py.allow_threads(|| rows.iter().map(|row| self.0.probability(row)).collect()))
    }
}

/// Each line's exact key without the marks an extractor leaves (`exact_key(bare(line))`), in one call.
#[pyfunction]
fn line_keys(lines: Vec<String>) -> Vec<Option<String>> {
    lines
        .iter()
        .map(|line| fingerprints::exact_key(fingerprints::bare(line)))
        .collect()
}

/// The features of each of a document's non-blank lines (`boilerplate.rs`), as training reads them.
#[pyfunction]
fn line_features(py: Python<'_>, lines: Vec<String>, shared: Vec<(f64, f64)>) -> Vec<Vec<f64>> {
    py.allow_threads(|| {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        boilerplate::features(&refs, &shared)
            .into_iter()
            .map(|row| row.to_vec())
            .collect()
    })
}

#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(analyze_batch, module)?)?;
    module.add_class::<LinePatterns>()?;
    module.add_function(wrap_pyfunction!(check_pattern, module)?)?;
    module.add_function(wrap_pyfunction!(edge_zone, module)?)?;
    module.add_function(wrap_pyfunction!(learnable_lines, module)?)?;
    module.add_function(wrap_pyfunction!(fingerprint, module)?)?;
    module.add_function(wrap_pyfunction!(exact_key, module)?)?;
    module.add_function(wrap_pyfunction!(bare, module)?)?;
    module.add_function(wrap_pyfunction!(line_features, module)?)?;
    module.add_function(wrap_pyfunction!(line_keys, module)?)?;
    module.add_class::<LineModel>()?;
    module.add_function(wrap_pyfunction!(word_spans, module)?)?;
    module.add_function(wrap_pyfunction!(alignment, module)?)?;
    module.add_class::<WordCounts>()?;
    module.add_class::<Vocabulary>()?;
    module.add_class::<DocWords>()?;
    module.add_class::<FormTable>()?;
    module.add_class::<DeleteIndex>()?;
    module.add_class::<Dictionary>()?;
    Ok(())
}
