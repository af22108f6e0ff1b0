//! `site.yaml`: a file's bytes through what `config::load` does with them
//! (`source::decode`, then `config::parse`).
//!
//! Asserts: no panic; every diagnostic is about `site.yaml`, at a line of
//! the file and a column ≥ 1; a configuration that is accepted has a
//! language, its default language among them, an absolute http(s)
//! `base_url` without a trailing `/`, language tags that are tags and a
//! theme name that is a plain folder name.
#![no_main]

use igf_archive::config;
use igf_archive::source::decode;
use igf_archive_fuzz::line_count;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match decode(data, "site.yaml") {
        Ok(text) => text,
        Err(d) => {
            assert!(d.is_error() && d.line >= 1 && d.column >= 1, "{d:?}");
            return;
        }
    };
    match config::parse(&text) {
        Ok(c) => {
            assert!(!c.languages.is_empty(), "no languages: {c:?}");
            assert!(c.has_language(&c.default_language), "{c:?}");
            assert!(
                c.base_url.starts_with("https://") || c.base_url.starts_with("http://"),
                "{c:?}"
            );
            assert!(!c.base_url.ends_with('/'), "{c:?}");
            for language in &c.languages {
                assert!(config::is_language_tag(&language.code), "{c:?}");
            }
            assert!(
                !c.theme.is_empty()
                    && c.theme
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'),
                "{c:?}"
            );
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            let lines = line_count(&text);
            for d in &diagnostics {
                assert_eq!(d.path, "site.yaml");
                assert!(d.is_error(), "{d:?}");
                assert!(d.line >= 1 && d.column >= 1, "{d:?}");
                assert!(
                    d.line <= lines + 1,
                    "diagnostic outside the file ({lines} lines): {d:?}"
                );
            }
        }
    }
});
