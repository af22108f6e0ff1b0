//! igf-archive: compiles the outputs of the Internet Governance Forum —
//! session reports, IGF Messages, BPF and Policy Network outputs — into a
//! static, multilingual archive that works from disk.
//!
//! The pipeline runs one way, each stage a function of the previous one's
//! output:
//!
//! ```text
//! discover → parse → validate → link → render → write
//! ```

// A diagnostic is returned at most once per file, never in a hot loop;
// boxing it would only add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod analysis;
pub mod citations;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod export;
pub mod feeds;
pub mod figures;
pub mod files;
pub mod history;
pub mod markdown;
pub mod mirror;
pub mod output;
pub mod pages;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
pub(crate) mod sync;
pub mod text;
pub mod theme;
pub mod translations;
pub mod yaml;
pub mod zim;

use content::Archive;
use diagnostics::Diagnostic;
use rayon::prelude::*;
use std::path::Path;
use sync::lock;

/// Reads, checks and links the archive in `root`. On success the archive
/// comes with its warnings; on failure, every diagnostic found.
pub fn load_archive(root: &Path) -> Result<(Archive, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_archive_with(root, content::parse::Keep::default())
}

/// `load_archive`, keeping of each document what `keep` asks for as it is
/// parsed: its analysis for the search index, its HTML.
pub fn load_archive_with(
    root: &Path,
    keep: content::parse::Keep<'_>,
) -> Result<(Archive, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = config::load(root)?;
    let (files, mut diagnostics) = content::discover::discover(root, &config);
    // Digests only of the documents with translations, unless all asked.
    let translated = if keep.all_digests {
        Default::default()
    } else {
        content::parse::translated(&files)
    };
    let results: Vec<_> = files
        .par_iter()
        .map(|file| {
            let all_digests = keep.all_digests
                || content::parse::document_of(file).is_some_and(|d| translated.contains(&d));
            content::parse::parse_file(
                file,
                content::parse::Keep {
                    all_digests,
                    ..keep
                },
            )
        })
        .collect();
    let mut parsed = Vec::with_capacity(results.len());
    for (item, file_diagnostics) in results {
        diagnostics.extend(file_diagnostics);
        parsed.extend(item);
    }
    let meeting_files = meeting_years(&files);
    let (archive, more) = assemble(config, parsed, &meeting_files);
    diagnostics.extend(more);
    diagnostics::sort(&mut diagnostics);
    if diagnostics::has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    Ok((archive, diagnostics))
}

/// The years whose meeting.yaml exists, parsed or not.
pub fn meeting_years<'a>(
    files: impl IntoIterator<Item = &'a content::discover::SourceFile>,
) -> Vec<u16> {
    files
        .into_iter()
        .filter(|f| f.place == content::discover::Place::Meeting)
        .map(|f| f.year)
        .collect()
}

/// The checks across files, and links: parsed files → archive.
pub fn assemble(
    config: config::SiteConfig,
    parsed: Vec<content::parse::Parsed>,
    meeting_files: &[u16],
) -> (Archive, Vec<Diagnostic>) {
    let (archive, mut diagnostics) = content::validate::validate(config, parsed, meeting_files);
    let (archive, link_diagnostics) = content::link::link(archive);
    diagnostics.extend(link_diagnostics);
    (archive, diagnostics)
}

/// Every file of the site but the manifest: pages, static files, feeds,
/// the sitemap, open data and the search index, each handed to `emit` as
/// soon as it is made. `search` keeps the text analysis of each version for
/// the next build; `timed` is told each stage's duration as it ends, for
/// `build --timings`.
///
/// Feeds, open data and the search index need none of the pages, so they
/// are made while the pages render: their serial parts then fill the cores
/// that the pages' own tails leave idle, instead of running after them.
pub fn site_files(
    archive: &Archive,
    theme: &theme::Theme,
    search: &analysis::vocabulary::Vocabularies,
    history: &history::ChangeTimes,
    emit: pages::Emit,
    timed: &(dyn Fn(&'static str, std::time::Duration) + Sync),
) -> Result<(), Vec<Diagnostic>> {
    let emit_all = |files: Vec<pages::OutputFile>| files.into_par_iter().for_each(emit);
    let (pages, ()) = rayon::join(
        || {
            stage("render and write pages", timed, || {
                render::render(archive, theme, emit)
            })
        },
        || {
            stage("feeds and data", timed, || {
                emit_all(feeds::files(archive, history));
                emit_all(export::files(archive));
                emit_all(translations::files(archive));
                emit_all(citations::files(archive));
            });
            stage("search index", timed, || {
                search::index::files_with(archive, theme, search, emit)
            });
        },
    );
    pages
}

/// Runs one stage of `site_files`, telling `timed` how long it took.
fn stage<R>(
    name: &'static str,
    timed: &(dyn Fn(&'static str, std::time::Duration) + Sync),
    work: impl FnOnce() -> R,
) -> R {
    let started = std::time::Instant::now();
    let result = work();
    timed(name, started.elapsed());
    result
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    pub documents: usize,
    pub pages: usize,
    pub languages: usize,
    pub write: output::WriteReport,
    pub warnings: Vec<Diagnostic>,
    /// Each stage's name and duration, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// What the ZIM file holds, when one was asked for.
    pub zim: Option<zim::Written>,
}

/// Why a build failed: problems in the archive, or in writing the output.
#[derive(Debug)]
pub enum BuildError {
    Content(Vec<Diagnostic>),
    Io(std::io::Error),
}

/// What a build tells whoever shows its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A stage begins.
    Stage(&'static str),
    /// One more file of the site is written.
    Wrote,
}

/// How much body HTML a build keeps from parsing to rendering, rather than
/// reading and rendering the file again (a tenth of a build's time). At
/// 10,000 reports the bodies' HTML is about 190 MB, two thirds kept; at
/// 100,000, a fifteenth. 256 MB took 100,000 reports past the 3 GB they
/// may use, once the search index kept word positions.
const KEPT_HTML_BYTES: usize = 128 << 20;

/// Builds the archive in `root` into `output`. Nothing is written unless
/// every stage succeeds; then `output` is replaced as a whole.
pub fn build(root: &Path, output: &Path) -> Result<BuildSummary, BuildError> {
    build_with_progress(root, output, &|_| {})
}

/// `build`, telling `progress` what it is doing.
pub fn build_with_progress(
    root: &Path,
    output: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildSummary, BuildError> {
    build_with_zim(root, output, None, progress)
}

/// `build_with_progress`, also writing the site as the ZIM file `zim`
/// (see the `zim` module) when asked: the site and the ZIM are replaced
/// together, or neither is.
pub fn build_with_zim(
    root: &Path,
    output: &Path,
    zim: Option<&Path>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildSummary, BuildError> {
    progress(Progress::Stage("reading and checking"));
    let mut timings = Timings::start();
    let vocabularies = analysis::vocabulary::Vocabularies::default();
    let html = content::parse::HtmlBudget::new(KEPT_HTML_BYTES);
    let keep = content::parse::Keep {
        search: Some(&vocabularies),
        html: Some(&html),
        all_digests: false,
    };
    let (archive, warnings) = load_archive_with(root, keep).map_err(BuildError::Content)?;
    timings.lap("read and check");
    let theme = theme::load(root, &archive.config).map_err(BuildError::Content)?;
    let zim = zim
        .map(|file| zim::ZimJob::prepare(file, &archive, &theme, root))
        .transpose()
        .map_err(|message| {
            BuildError::Content(vec![Diagnostic::error(
                "site.yaml",
                diagnostics::Position::default(),
                message,
            )])
        })?;
    let staging = output::Staging::begin(output).map_err(BuildError::Io)?;
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let emit = |file: pages::OutputFile| {
        if file.path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        staging.add(file);
        progress(Progress::Wrote);
    };
    progress(Progress::Stage(
        "rendering pages, feeds and the search index",
    ));
    let stages = std::sync::Mutex::new(Vec::new());
    let history = history::ChangeTimes::read(root);
    site_files(
        &archive,
        &theme,
        &vocabularies,
        &history,
        &emit,
        &|stage, duration| {
            lock(&stages).push((stage, duration));
        },
    )
    .map_err(BuildError::Content)?;
    timings.overlapping(std::mem::take(&mut *lock(&stages)));
    progress(Progress::Stage("manifest"));
    let default = &archive.config.default_language;
    let title = archive.config.title.get(default, default).to_string();
    let (documents, languages) = (archive.documents.len(), archive.config.languages.len());
    let commit = output::content_commit(root);
    // Freeing the archive and the vocabularies takes a tenth of a second
    // at 10,000 reports: done on the other core while the manifest is
    // written and the output put in place.
    let zim_written = std::sync::Mutex::new(None);
    let ((), write) = rayon::join(
        move || drop((archive, vocabularies)),
        || {
            staging.finish_sealed(&title, commit.as_deref(), |staged| {
                if let Some(job) = &zim {
                    progress(Progress::Stage("ZIM file"));
                    *lock(&zim_written) = Some(job.write(staged)?);
                }
                Ok(())
            })
        },
    );
    let write = write.map_err(BuildError::Io)?;
    timings.lap(if zim.is_some() {
        "manifest and ZIM file"
    } else {
        "manifest"
    });
    Ok(BuildSummary {
        documents,
        pages: pages.into_inner(),
        languages,
        write,
        warnings: warnings.into_iter().chain(theme.warnings).collect(),
        timings: timings.stages,
        zim: zim_written.into_inner().unwrap_or_else(|e| e.into_inner()),
    })
}

/// How long each stage of a build took.
#[derive(Debug, Default)]
struct Timings {
    stages: Vec<(&'static str, std::time::Duration)>,
    last: Option<std::time::Instant>,
}

impl Timings {
    fn start() -> Self {
        Timings {
            stages: Vec::new(),
            last: Some(std::time::Instant::now()),
        }
    }

    /// Records stages that ran alongside each other, each with its own
    /// duration, and starts the next lap after them.
    fn overlapping(&mut self, stages: Vec<(&'static str, std::time::Duration)>) {
        self.stages.extend(stages);
        self.last = Some(std::time::Instant::now());
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        let started = *self.last.get_or_insert(now);
        self.stages.push((stage, now - started));
        self.last = Some(now);
    }
}
