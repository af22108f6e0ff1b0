//! Text analysis for search: words folded, stemmed and split as each
//! language needs (`analyze`), and the words of every document collected
//! into one vocabulary per language as files are parsed (`vocabulary`),
//! with a filter of each document's word pairs (`pairs`).
//! The search index is made from these; nothing here knows of pages.

pub mod analyze;
pub mod pairs;
pub mod vocabulary;

/// Field weights: a word in the title counts as five in the body.
pub const TITLE_WEIGHT: u32 = 5;
pub const TAKEAWAY_WEIGHT: u32 = 3;
