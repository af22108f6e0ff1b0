//! Where the words of each term stand, for exact phrases and for ranking
//! by how close the query's words are: `p-<n>.js` files of blocks, each
//! block the positions of one term in a run of its documents.
//!
//! A term's positions are, for each of its documents in order, their
//! count and then their gaps (the first from the document's start).
//! Positions that fit in a few characters are written with the term's
//! postings instead; longer ones are cut into blocks of about
//! `BLOCK_CHARS`, so that a phrase loads only the blocks of the documents
//! that have all its words, not every position of a common word.

use super::encoding::{push_varint, script};
use crate::analysis::packing::unpack_varint;
use crate::pages::{Emit, OutputFile};
use rayon::prelude::*;
use serde_json::json;

/// Positions up to this long are written with the postings.
const INLINE_CHARS: usize = 24;
/// A block is closed once it holds about this many characters.
const BLOCK_CHARS: usize = 4096;
/// A file holds blocks up to this many characters: two of a common
/// word's blocks (each a little over `BLOCK_CHARS`), or many small ones.
/// A browser reading from disk spends about a millisecond on each file
/// however small, far less per kilobyte; a build, a file system entry.
const FILE_CHARS: usize = 9216;

/// One term's positions, encoded: inline, or cut into blocks.
pub(super) enum Encoded {
    Inline(String),
    /// Each block's text and the number of documents it covers.
    Blocks(Vec<(String, u32)>),
}

/// Encodes one term's positions: `packed` holds, for each of its
/// documents, the count then the gaps, as `pack_varint` writes them.
pub(super) fn encode(packed: &[u8]) -> Encoded {
    let mut blocks = Vec::new();
    let mut block = String::new();
    let mut documents = 0;
    let mut at = 0;
    while at < packed.len() {
        if block.len() >= BLOCK_CHARS {
            blocks.push((std::mem::take(&mut block), documents));
            documents = 0;
        }
        let count = unpack_varint(packed, &mut at);
        push_varint(&mut block, count);
        for _ in 0..count {
            push_varint(&mut block, unpack_varint(packed, &mut at));
        }
        documents += 1;
    }
    if blocks.is_empty() && block.len() <= INLINE_CHARS {
        return Encoded::Inline(block);
    }
    blocks.push((block, documents));
    Encoded::Blocks(blocks)
}

/// The `p-<n>.js` files, filled with blocks in the order terms are
/// written, and written in parallel a batch at a time: thousands of
/// small files, one after another, would hold up the whole index.
#[derive(Default)]
pub(super) struct Files {
    blocks: Vec<String>,
    chars: usize,
    /// The number of the file being filled.
    next: usize,
    /// Full files not yet written: their numbers and blocks.
    full: Vec<(usize, Vec<String>)>,
}

impl Files {
    /// Adds a term's positions; returns what its postings carry: `.` and
    /// the positions, or for each block its file, its place in the file
    /// and its number of documents.
    pub(super) fn add(&mut self, encoded: Encoded) -> String {
        let blocks = match encoded {
            Encoded::Inline(text) => return format!(".{text}"),
            Encoded::Blocks(blocks) => blocks,
        };
        let mut pointers = String::new();
        for (text, documents) in blocks {
            if self.chars + text.len() > FILE_CHARS && !self.blocks.is_empty() {
                self.close();
            }
            push_varint(&mut pointers, self.next as u32);
            push_varint(&mut pointers, self.blocks.len() as u32);
            push_varint(&mut pointers, documents);
            self.chars += text.len();
            self.blocks.push(text);
        }
        pointers
    }

    fn close(&mut self) {
        self.full
            .push((self.next, std::mem::take(&mut self.blocks)));
        self.chars = 0;
        self.next += 1;
    }

    /// Writes the full files, and with `last` the one being filled.
    pub(super) fn write(&mut self, last: bool, emit: Emit) {
        if last && !self.blocks.is_empty() {
            self.close();
        }
        std::mem::take(&mut self.full)
            .into_par_iter()
            .for_each(|(number, blocks)| emit(file(number, &blocks)));
    }
}

fn file(number: usize, blocks: &[String]) -> OutputFile {
    script(
        &format!("p-{number}.js"),
        "positions",
        Some(number),
        &json!(blocks),
    )
}
