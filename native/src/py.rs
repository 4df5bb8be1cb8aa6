//! The Python face of the core: `corpusclean._core.analyze_batch`, a batch of texts in, plain tuples out,
//! the GIL released while the batch is analysed.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::analysis::{analyze, Analysis, Format};
use crate::lang::LangGuess;
use crate::offsets::char_indices;

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

#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(analyze_batch, module)?)?;
    Ok(())
}
