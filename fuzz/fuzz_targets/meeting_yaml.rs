//! `content/<year>/meeting.yaml`: a file's bytes through what `parse_file`
//! does with a meeting (`source::decode`, then `parse_meeting`).
//!
//! Asserts: no panic; every diagnostic is about this file, at a line of it
//! and a column ≥ 1; a meeting is returned exactly when there is no error,
//! for the right year, starting no later than it ends, with track ids that
//! are slugs.
#![no_main]

use igf_archive::content::parse::Parsed;
use igf_archive::diagnostics::{Diagnostic, has_errors};
use igf_archive_fuzz::file_line_count;
use libfuzzer_sys::fuzz_target;

const PATH: &str = "content/2020/meeting.yaml";
const YEAR: u16 = 2020;

fn parse(data: &[u8]) -> (Option<Parsed>, Vec<Diagnostic>) {
    match igf_archive::source::decode(data, PATH) {
        Ok(text) => igf_archive::content::parse::parse_meeting(&text, PATH, YEAR),
        Err(d) => (None, vec![d]),
    }
}


fuzz_target!(|data: &[u8]| {
    let (meeting, diagnostics) = parse(data);
    let lines = file_line_count(data);
    for d in &diagnostics {
        assert_eq!(d.path, PATH);
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        assert!(
            d.line <= lines + 1,
            "diagnostic outside the file ({lines} lines): {d:?}"
        );
    }
    match meeting {
        Some(Parsed::Meeting(m)) => {
            assert!(
                !has_errors(&diagnostics),
                "a meeting with errors: {diagnostics:?}"
            );
            assert_eq!(m.year, YEAR);
            assert_eq!(m.source, PATH);
            assert!(m.start <= m.end, "{m:?}");
            for id in m.tracks.keys() {
                assert!(igf_archive::content::discover::is_slug(id), "track {id:?}");
            }
        }
        Some(other) => panic!("a meeting.yaml parsed as {other:?}"),
        None => assert!(has_errors(&diagnostics), "no meeting and no error"),
    }
});
