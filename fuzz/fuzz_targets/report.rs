//! A report file through what `check` and `build` do with it, which must
//! agree.
//!
//! The input is the bytes of one file, `content/2020/<kind>/fuzz.md`, in
//! an archive that is otherwise fixed: this repository's
//! `content/2020/meeting.yaml`, the report `ws-1.md` of
//! `tests/fixtures/basic` and its French translation, and a `site.yaml` in
//! English, French and Arabic. The kind follows from the front matter: a
//! line starting `track:` makes it the IGF Messages, else one starting
//! `code:` a session report, else one starting `type:` an output, else a
//! session report.
//!
//! `check` is `load_archive`: each file parsed with `Keep::default()`,
//! then `assemble`. `build` is `build_with_progress`: each file parsed
//! keeping its search analysis and its HTML (an `HtmlBudget` large enough
//! for every body, so the render stage reads no file), `assemble`, then
//! `site_files` into memory. Asserts:
//! - decoding errors point into the file;
//! - the two parses agree: the same diagnostics, the same front matter,
//!   table of contents, links and text (build keeps its beginning), and
//!   the HTML build keeps is what the render stage would make again;
//! - the two archives have the same diagnostics; each has a path, and
//!   those of this file a line of it and a column ≥ 1;
//! - with no error, `site_files` succeeds, and what it makes stays safe:
//!   every page is only the theme's chrome around inert content
//!   (`igf_archive_fuzz::check_page`), feeds and the sitemap are
//!   well-formed XML, open data is JSON, search shards are one call with
//!   JSON arguments. (A file already found good with the same bytes is
//!   not checked again: most pages do not change from one run to the next.)
//!
//! With `IGF_FUZZ_REPORT_VIA_FILE=1`, every file is instead read by
//! `parse_file` from a tmpfs and build keeps no HTML, so the render stage
//! reads the bodies again, as a build does once its HTML budget is spent.
#![no_main]

use igf_archive::analysis::vocabulary::Vocabularies;
use igf_archive::config::SiteConfig;
use igf_archive::content::Kind;
use igf_archive::content::discover::{Place, SourceFile};
use igf_archive::content::parse::{HtmlBudget, Keep, Parsed, parse_document, parse_file};
use igf_archive::diagnostics::{Diagnostic, has_errors, sort};
use igf_archive::source::{decode, split_front_matter};
use igf_archive::theme::Theme;
use igf_archive_fuzz::{check_site_file_once, file_line_count};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

const SITE: &str = "title: {en: Fuzz Archive, fr: Archive de test, ar: أرشيف}
base_url: https://fuzz.example.org/archive
languages:
  en: {name: English}
  fr: {name: Français}
  ar: {name: العربية, direction: rtl}
";
const YEAR: u16 = 2020;
const MEETING: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/2020/meeting.yaml");
/// The other documents: (path in the archive, text, slug, language).
const OTHERS: &[(&str, &str, &str, &str)] = &[
    (
        "content/2020/sessions/ws-1.md",
        include_str!("../../tests/fixtures/basic/content/2020/sessions/ws-1.md"),
        "ws-1",
        "en",
    ),
    (
        "content/2020/sessions/ws-1.fr.md",
        include_str!("../../tests/fixtures/basic/content/2020/sessions/ws-1.fr.md"),
        "ws-1",
        "fr",
    ),
];

struct Fixed {
    config: SiteConfig,
    theme: Theme,
    meeting: Parsed,
    /// Where files are written for `parse_file`, when reading through it.
    via_file: Option<PathBuf>,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let config = igf_archive::config::parse(SITE).expect("the fixed site.yaml");
        let theme = igf_archive::theme::load(Path::new(env!("CARGO_MANIFEST_DIR")), &config)
            .unwrap_or_else(|d| panic!("the built-in theme: {d:?}"));
        let source = SourceFile {
            path: PathBuf::from(MEETING),
            display: "content/2020/meeting.yaml".into(),
            year: YEAR,
            place: Place::Meeting,
        };
        let meeting = match parse_file(&source, Keep::default()) {
            (Some(meeting), _) => meeting,
            (None, d) => panic!("{MEETING}: {d:?}"),
        };
        let via_file = std::env::var_os("IGF_FUZZ_REPORT_VIA_FILE").map(|_| {
            let dir =
                Path::new("/dev/shm").join(format!("igf-archive-fuzz-{}", std::process::id()));
            for (path, text, _, _) in OTHERS {
                let file = dir.join(path);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(file, text).unwrap();
            }
            dir
        });
        Fixed {
            config,
            theme,
            meeting,
            via_file,
        }
    })
}

/// The kind of document the text is, from its front matter's fields.
fn kind_of(text: &str) -> Kind {
    let has = |field: &str| text.lines().any(|l| l.starts_with(field));
    if has("track:") {
        Kind::Messages
    } else if has("code:") {
        Kind::Session
    } else if has("type:") {
        Kind::Output
    } else {
        Kind::Session
    }
}

type FileResult = (Option<Parsed>, Vec<Diagnostic>);

/// One file parsed as `load_archive_with` parses it.
fn parse(
    fixed: &Fixed,
    path: &str,
    bytes: &[u8],
    (kind, slug, lang): (Kind, &str, &str),
    keep: Keep<'_>,
) -> FileResult {
    if let Some(dir) = &fixed.via_file {
        let source = SourceFile {
            path: dir.join(path),
            display: path.to_string(),
            year: YEAR,
            place: Place::Document {
                kind,
                slug: slug.to_string(),
                lang: lang.to_string(),
            },
        };
        return parse_file(&source, keep);
    }
    let text = match decode(bytes, path) {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    match parse_document(&text, path, kind, lang, keep) {
        Ok((version, warnings)) => {
            let parsed = Parsed::Document {
                year: YEAR,
                kind,
                slug: slug.to_string(),
                version,
            };
            (Some(parsed), warnings)
        }
        Err(diagnostics) => (None, diagnostics),
    }
}

/// `load_archive_with` on the fixed files and this one, already parsed:
/// every diagnostic sorted, and the archive.
fn load(
    fixed: &Fixed,
    this: FileResult,
    keep: Keep<'_>,
) -> (Vec<Diagnostic>, igf_archive::content::Archive) {
    let mut diagnostics = Vec::new();
    let mut parsed = vec![fixed.meeting.clone()];
    let others = OTHERS.iter().map(|(path, text, slug, lang)| {
        parse(
            fixed,
            path,
            text.as_bytes(),
            (Kind::Session, slug, lang),
            keep,
        )
    });
    for (item, file_diagnostics) in others.chain([this]) {
        diagnostics.extend(file_diagnostics);
        parsed.extend(item);
    }
    let (archive, more) = igf_archive::assemble(fixed.config.clone(), parsed, &[YEAR]);
    diagnostics.extend(more);
    sort(&mut diagnostics);
    (diagnostics, archive)
}

fn version(result: &FileResult) -> Option<&igf_archive::content::Version> {
    match &result.0 {
        Some(Parsed::Document { version, .. }) => Some(version),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let fixed = fixed();
    let lossy = String::from_utf8_lossy(data);
    let kind = kind_of(&lossy);
    let path = format!("content/{YEAR}/{}/fuzz.md", kind.folder());
    if let Some(dir) = &fixed.via_file {
        let file = dir.join(&path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, data).unwrap();
    }
    let what = (kind, "fuzz", "en");

    let check = parse(fixed, &path, data, what, Keep::default());
    let vocabularies = Vocabularies::default();
    let budget = HtmlBudget::new(1 << 30);
    let build_keep = Keep {
        search: Some(&vocabularies),
        html: fixed.via_file.is_none().then_some(&budget),
        ..Keep::default()
    };
    let build = parse(fixed, &path, data, what, build_keep);

    // The two parses agree.
    assert_eq!(
        check.1, build.1,
        "check and build parse with different diagnostics"
    );
    assert_eq!(
        check.0.is_some(),
        build.0.is_some(),
        "check and build disagree on the parse"
    );
    if let (Some(c), Some(b)) = (version(&check), version(&build)) {
        assert_eq!(c.meta, b.meta);
        assert_eq!(c.keys, b.keys);
        assert_eq!(c.body.toc, b.body.toc);
        assert_eq!(c.body.links, b.body.links);
        assert!(
            c.body.text.starts_with(&b.body.text),
            "build keeps a text that is not the beginning of check's"
        );
        assert!(c.body.html.is_none() && c.analysis.is_none());
        assert!(b.analysis.is_some());
        if fixed.via_file.is_none() {
            let text = decode(data, &path).expect("parsed, so decoded");
            let split = split_front_matter(&text, &path).expect("parsed, so split");
            let again = igf_archive::markdown::html(split.body, &path, split.body_line);
            assert_eq!(
                b.body.html.as_ref(),
                Some(&again),
                "kept HTML differs from what the render stage would make again"
            );
        }
    }

    let (check_diagnostics, _) = load(fixed, check, Keep::default());
    let (build_diagnostics, archive) = load(fixed, build, build_keep);
    assert_eq!(
        check_diagnostics, build_diagnostics,
        "check and build report differently"
    );
    let lines = file_line_count(data);
    for d in &check_diagnostics {
        assert!(!d.path.is_empty(), "a diagnostic without a path: {d:?}");
        if d.path == path {
            assert!(d.line >= 1 && d.column >= 1, "{d:?}");
            assert!(
                d.line <= lines + 1,
                "diagnostic outside the file ({lines} lines): {d:?}"
            );
        }
    }
    if has_errors(&check_diagnostics) {
        return;
    }

    let files = Mutex::new(Vec::new());
    let result = igf_archive::site_files(
        &archive,
        &fixed.theme,
        &vocabularies,
        &igf_archive::history::ChangeTimes::default(),
        &|file| files.lock().unwrap().push(file),
        &|_, _| {},
    );
    if let Err(d) = result {
        panic!("check passes but the build fails: {d:#?}");
    }
    for file in files.into_inner().unwrap() {
        if let Err(problem) = check_site_file_once(&file.path, &file.bytes) {
            panic!("unsafe or broken output: {problem}");
        }
    }
});
