//! What the search analysis costs on its own: parses every file of an
//! archive without analysing it and then with, three times (or ROUNDS), on the
//! calling thread, and prints the difference.
//!
//! `RAYON_NUM_THREADS=1 cargo run --release --example bench-analysis -- DIR [ROUNDS]`

use igf_archive::analysis::vocabulary::Vocabularies;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), String> {
    let root = std::env::args()
        .nth(1)
        .ok_or("usage: bench-analysis ARCHIVE_DIR")?;
    let root = std::path::Path::new(&root);
    let rounds: u32 = match std::env::args().nth(2) {
        Some(n) => n.parse().map_err(|_| "ROUNDS is a number")?,
        None => 3,
    };
    let config = igf_archive::config::load(root).map_err(|d| format!("{d:?}"))?;
    let (files, _) = igf_archive::content::discover::discover(root, &config);
    let parse_all = |search: Option<&Vocabularies>| {
        let started = Instant::now();
        for file in &files {
            let keep = igf_archive::content::parse::Keep {
                search,
                ..Default::default()
            };
            let _ = igf_archive::content::parse::parse_file(file, keep);
        }
        started.elapsed()
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for round in 1..=rounds {
        let without = parse_all(None);
        let vocabularies = Vocabularies::default();
        let with = parse_all(Some(&vocabularies));
        println!(
            "round {round}: parse {:.0} ms, parse and analyse {:.0} ms: analysis {:.0} ms",
            ms(without),
            ms(with),
            ms(with.saturating_sub(without)),
        );
    }
    Ok(())
}
