//! Text analysis for search: words folded, stemmed and split as each
//! language needs (`analyze`), and the words of every document collected
//! into one vocabulary per language as files are parsed (`vocabulary`),
//! each term with its counts per field and its positions.
//! The search index is made from these; nothing here knows of pages.

pub mod analyze;
pub mod packing;
pub mod vocabulary;

/// The fields of a document, each with its own term counts and length, so
/// that the index can weigh a word in the title above one in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The title, without a session's code: what a reader types to find it.
    Title = 0,
    /// A session's code, key takeaways and calls to action.
    Highlights = 1,
    /// The body, and the titles of the tracks.
    Body = 2,
}

/// The number of fields.
pub const FIELDS: usize = 3;
