//! `verify`'s manifest reading: `manifest.json`'s bytes through
//! `mirror::parse_manifest`, which refuses paths that would leave the
//! folder being verified.
//!
//! Asserts: no panic; every entry it accepts has a path that is relative,
//! non-empty, `/`-separated, with no `..`, `.` or empty segment, no
//! backslash and no NUL, and that `Path` reads as plain names only.
#![no_main]

use igf_archive::mirror::parse_manifest;
use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path};

fuzz_target!(|data: &[u8]| {
    let Ok(entries) = parse_manifest(data) else {
        return;
    };
    for entry in &entries {
        let path: &str = &entry.path;
        assert!(!path.is_empty(), "an empty path");
        assert!(!path.starts_with('/'), "an absolute path {path:?}");
        assert!(!path.contains('\\'), "a backslash in {path:?}");
        assert!(!path.contains('\0'), "a NUL in {path:?}");
        for segment in path.split('/') {
            assert!(
                !matches!(segment, "" | "." | ".."),
                "segment {segment:?} in {path:?}"
            );
        }
        assert!(
            Path::new(path)
                .components()
                .all(|c| matches!(c, Component::Normal(_))),
            "{path:?} is not plain names"
        );
    }
});
