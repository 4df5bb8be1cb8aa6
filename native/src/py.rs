//! The Python face of the core: `corpusclean._core.analyze_batch`, a batch of texts in, plain tuples out,
//! the GIL released while the batch is analysed.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::analysis::{analyze, Analysis, Format};
use crate::lang::LangGuess;
use crate::offsets::{byte_indices, char_indices};
use crate::patterns;

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
#[pyclass(frozen)]
struct LinePatterns(patterns::LinePatterns);

#[pymethods]
impl LinePatterns {
    #[new]
    fn new(alternation: &str, case_insensitive: bool, whole_lines: bool) -> PyResult<Self> {
        patterns::LinePatterns::new(alternation, case_insensitive, whole_lines)
            .map(LinePatterns)
            .map_err(PyValueError::new_err)
    }

    /// Between `start` and `end`: the lines that match whole, or the matches (their `cut…` groups),
    /// as the patterns were compiled for.
    fn find(
        &self,
        py: Python<'_>,
        text: &str,
        start: usize,
        end: usize,
        max_chars: usize,
    ) -> Vec<(usize, usize)> {
        py.allow_threads(|| in_chars(text, start, end, |s, e| self.0.find(text, s, e, max_chars)))
    }
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

#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(analyze_batch, module)?)?;
    module.add_class::<LinePatterns>()?;
    module.add_function(wrap_pyfunction!(check_pattern, module)?)?;
    Ok(())
}
