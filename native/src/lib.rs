//! The native core behind `corpusclean._core`: one analysis per document, shared by every rule.
//!
//! A document's text and format go in; out come the regions that are not prose (code, markup, URLs,
//! front matter, ...) and the language of each prose block. Offsets are byte offsets inside the crate
//! and code-point offsets at the Python boundary (`offsets.rs`). The artifact packs' line patterns run
//! here too, as automata (`patterns.rs`), and so do the per-word loops: tokenizing (`words.rs`), pass 1's
//! counts (`counts.rs`) and the rules' per-form decision tables (`tables.rs`), and AR09's line features and trees
//! (`boilerplate.rs`).

pub mod analysis;
pub mod boilerplate;
pub mod counts;
pub mod fingerprints;
pub mod lang;
pub mod near;
pub mod offsets;
pub mod patterns;
#[cfg(feature = "python")]
mod py;
pub mod spelling;
pub mod tables;
pub mod words;
pub mod zones;

pub use analysis::{analyze, Analysis, Block, Format, Kind, Region};
