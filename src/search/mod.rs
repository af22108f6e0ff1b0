//! Search that works from disk: an index per language, built here, split
//! into `<script>` shards that `search.js` loads on demand.

pub mod analyze;
pub mod index;
