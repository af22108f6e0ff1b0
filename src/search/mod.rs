//! Search that works from disk: one index for every language, built here,
//! split into `<script>` shards that `search.js` loads on demand.

pub mod index;
