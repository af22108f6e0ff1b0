//! Search that works from disk: one index for every language, built here,
//! split into `<script>` shards that `search-engine.js` loads on demand.

mod encoding;
mod facets;
pub mod index;
mod key_order;
mod positions;
mod results;
mod scoring;
