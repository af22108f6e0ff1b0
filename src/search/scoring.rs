//! The build's half of the ranking rule, BM25F: each term's counts in a
//! document's fields become one level from 0 to `LEVELS - 1`, written with
//! the posting. `search-query.js` does the rest, the same for every query:
//!
//! 1. the reader's language first;
//! 2. an exact title: every query word in the title, and the title no
//!    longer than the query (`Analyzed::title_words`);
//! 3. every query word in the title;
//! 4. for the rest, the query's words together in one key takeaway or
//!    call to action, the closer the better: the shortest stretch there
//!    that holds them all, counted when it is at most two positions per
//!    word after the first (one other word between each). A reader who
//!    remembers a report remembers its key messages, as words that stood
//!    together, in their order or not; scattered through a long body, the
//!    same common words say little. Of a query of more than three words,
//!    only its three rarest count (a word as rare as its rarest term; a
//!    Chinese word, a run of characters, with all its pairs): a title
//!    half remembered is mostly common words, whose key-text positions
//!    would be read whole, one word after another.
//!    From the positions of the key text (title, takeaways and calls to
//!    action; `index.rs`), loaded rarest word first, and only for the
//!    documents that can reach the first page. A pair of Chinese
//!    characters stands where its first character does; a Chinese word
//!    alone is one word;
//! 5. the sum over the query's words of `idf · (level + ½) / LEVELS`, with
//!    `idf = ln(1 + (n − df + ½) / (df + ½))`;
//! 6. among the first hits, for equal scores: the query's words closer
//!    together anywhere (the shortest stretch of text that holds them all,
//!    from their positions), when those positions are in at most 8 files,
//!    read before or not (common words' positions of a dozen documents
//!    are in dozens; the tie then goes to the next step);
//! 7. the newer meeting (the index's order).
//!
//! `tests/search-vectors.json`'s ranking cases prove the two halves agree.

use crate::analysis::FIELDS;

/// How much a word counts in each field, title first: a word of the title
/// counts as five of the body.
const WEIGHTS: [f32; FIELDS] = [5.0, 3.0, 1.0];
/// How much each field's length matters (BM25's `b`): titles are all short.
const LENGTH_WEIGHTS: [f32; FIELDS] = [0.3, 0.75, 0.75];
/// BM25's saturation: more of a word counts less and less.
const K1: f32 = 1.2;
/// The levels a term's weight in a document is rounded to: four bits, so a
/// posting of a common word (gap and level) still fits one character.
pub(super) const LEVELS: u32 = 16;

/// Each document's length normalisation in each field,
/// `1 − b + b · length / average length`.
pub(super) struct Norms(Vec<[f32; FIELDS]>);

impl Norms {
    pub(super) fn new(lengths: &[[u32; FIELDS]]) -> Self {
        let count = lengths.len().max(1) as f32;
        let mut averages = [0.0f32; FIELDS];
        for length in lengths {
            for (average, &l) in averages.iter_mut().zip(length) {
                *average += l as f32 / count;
            }
        }
        let norms = lengths
            .iter()
            .map(|length| {
                std::array::from_fn(|f| {
                    let b = LENGTH_WEIGHTS[f];
                    1.0 - b + b * length[f] as f32 / averages[f].max(1.0)
                })
            })
            .collect();
        Norms(norms)
    }

    /// The level of a term with `counts` in each field of document `doc`.
    pub(super) fn level(&self, doc: usize, counts: [u32; FIELDS]) -> u32 {
        let norms = &self.0[doc];
        let tf: f32 = (0..FIELDS)
            .map(|f| WEIGHTS[f] * counts[f] as f32 / norms[f])
            .sum();
        let saturation = tf / (tf + K1);
        ((saturation * LEVELS as f32) as u32).min(LEVELS - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_word_outweighs_a_body_word_and_levels_do_not_saturate() {
        let norms = Norms::new(&[[6, 20, 1000], [6, 20, 1000]]);
        let title = norms.level(0, [1, 0, 0]);
        let body = norms.level(0, [0, 0, 1]);
        let both = norms.level(0, [1, 0, 1]);
        assert!(title > body, "{title} > {body}");
        assert!(
            both > title,
            "{both} > {title}: a word in title and body counts more"
        );
        assert!(norms.level(0, [0, 0, 3]) > body);
        assert!(norms.level(0, [5, 5, 50]) < LEVELS);
    }
}
