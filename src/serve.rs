//! `igf-archive serve`: a live preview for rapporteurs.
//!
//! The site is built into memory (never into `public/`) and served over
//! HTTP on loopback. Edits to `content/`, `site.yaml` or the theme are
//! picked up by `notify`; an edited report is re-read alone, its own pages
//! are rendered and shown first, then the lists, indexes, feeds and search
//! shards that show it. Open pages reload themselves through server-sent
//! events; the script that listens is added to pages as they are served,
//! so it never reaches a built site. Content that stops building shows its
//! diagnostics as a page until it is fixed.
//!
//! Requests are read and answered in `http`, from the in-memory site only,
//! so no path, with `..`, encoded or not, or through a symlink, can reach
//! other files. `connections` bounds what clients can hold: each has a
//! deadline for its request head and one for reading the response, and the
//! connections answered at once are capped, event streams by a smaller cap
//! of their own, so that a slow or idle client cannot hold the server, nor
//! tabs left open keep pages from loading. Which pages an edited report
//! changes is `affected`'s to say.

use crate::analysis::vocabulary::Vocabularies;
use crate::config::SiteConfig;
use crate::content::Archive;
use crate::content::discover::{Place, SourceFile, discover};
use crate::content::parse::{Keep, Parsed, parse_file};
use crate::diagnostics::{self, Diagnostic};
use crate::pages::{OutputFile, page_path};
use crate::render::render_pages;
use crate::theme::Theme;
use affected::{DocumentKey, indices_of, own_pages, pages_showing};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock, mpsc};
use std::time::{Duration, Instant};

mod affected;
mod connections;
mod http;

pub use connections::Limits;
pub use http::{Request, parse_request, parse_request_line};

/// The site as served: files by path, or the diagnostics that stop it.
#[derive(Default)]
struct Site {
    files: HashMap<String, Arc<Vec<u8>>>,
    broken: Option<String>,
}

/// What the HTTP threads share with the watcher.
struct Shared {
    site: RwLock<Site>,
    /// A generation number and the JSON of the last change, for the event
    /// streams; the condition variable wakes them.
    change: Mutex<(u64, String)>,
    changed: Condvar,
}

impl Shared {
    fn publish(&self, message: String) {
        let mut change = self.change.lock().unwrap_or_else(|e| e.into_inner());
        change.0 += 1;
        change.1 = message;
        self.changed.notify_all();
    }

    /// Replaces files whose bytes changed; returns their paths.
    fn update(&self, files: Vec<OutputFile>, replace_all: bool) -> Vec<String> {
        let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
        let mut changed = Vec::new();
        if replace_all {
            let fresh: HashMap<String, Arc<Vec<u8>>> = files
                .into_iter()
                .map(|f| (f.path, Arc::new(f.bytes)))
                .collect();
            for (path, bytes) in &fresh {
                if site.files.get(path).is_none_or(|old| old != bytes) {
                    changed.push(path.clone());
                }
            }
            site.files = fresh;
        } else {
            for file in files {
                if site
                    .files
                    .get(&file.path)
                    .is_none_or(|old| **old != file.bytes)
                {
                    changed.push(file.path.clone());
                    site.files.insert(file.path, Arc::new(file.bytes));
                }
            }
        }
        site.broken = None;
        changed
    }
}

/// Runs the preview server until the process ends. `ready` is called with
/// the address once the site is built and the server listens.
pub fn serve(root: &Path, address: SocketAddr, ready: impl FnOnce(SocketAddr)) -> io::Result<()> {
    serve_with(root, address, Limits::default(), ready)
}

/// `serve` with other limits on clients than the default ones.
pub fn serve_with(
    root: &Path,
    address: SocketAddr,
    limits: Limits,
    ready: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    let listener = TcpListener::bind(address)?;
    let local = listener.local_addr()?;
    let shared = Arc::new(Shared {
        site: RwLock::new(Site::default()),
        change: Mutex::new((0, String::new())),
        changed: Condvar::new(),
    });

    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading files (as every rebuild does) is not a change.
        if let Ok(event) = event
            && !matches!(
                event.kind,
                notify::EventKind::Access(_)
                    | notify::EventKind::Modify(notify::event::ModifyKind::Metadata(_))
            )
        {
            let _ = events.send(event.paths);
        }
    })
    .map_err(io::Error::other)?;
    use notify::Watcher as _;
    for watched in [
        root.join("content"),
        root.join("site.yaml"),
        root.join("themes"),
    ] {
        if watched.exists() {
            watcher
                .watch(&watched, notify::RecursiveMode::Recursive)
                .map_err(io::Error::other)?;
        }
    }

    let mut workspace = Workspace::new(root.to_path_buf());
    let started = Instant::now();
    match workspace.full_build() {
        Ok(files) => {
            shared.update(files, true);
            eprintln!("Built the site in {} ms", started.elapsed().as_millis());
        }
        Err(found) => show_broken(&shared, &workspace.root, &found),
    }

    let server = Arc::clone(&shared);
    std::thread::spawn(move || connections::accept(listener, server, limits));
    ready(local);
    watch(&mut workspace, &shared, &changes);
    drop(watcher);
    Ok(())
}

fn show_broken(shared: &Shared, root: &Path, found: &[Diagnostic]) {
    let lookup = diagnostics::disk_lookup(root.to_path_buf());
    let report = diagnostics::format_human(found, &lookup, false);
    eprint!("{report}");
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>The archive does not build</title>\
         <style>body{{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5}}pre{{white-space:pre-wrap;background:#f3f5f7;color:#1b1f24;padding:1rem;border-radius:6px}}</style></head>\
         <body><main><h1>The archive does not build</h1><p>Fix the problems below and save: this page reloads by itself.</p><pre>{}</pre></main></body></html>",
        crate::text::escape_html(&report)
    );
    shared
        .site
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .broken = Some(page);
    shared.publish("{\"all\":true}".into());
}

/// Waits for changes, lets them settle for a moment, and rebuilds.
fn watch(workspace: &mut Workspace, shared: &Shared, changes: &mpsc::Receiver<Vec<PathBuf>>) {
    // Changes that arrived while a rebuild was under way.
    let waiting: std::cell::RefCell<BTreeSet<PathBuf>> = Default::default();
    loop {
        let mut paths = std::mem::take(&mut *waiting.borrow_mut());
        if paths.is_empty() {
            match changes.recv() {
                Ok(first) => paths.extend(first),
                Err(_) => return,
            }
        }
        // Editors save in several steps; wait until they are done.
        while let Ok(more) = changes.recv_timeout(Duration::from_millis(25)) {
            paths.extend(more);
        }
        let paths: Vec<PathBuf> = paths.into_iter().filter(|p| !is_editor_noise(p)).collect();
        if paths.is_empty() {
            continue;
        }
        let started = Instant::now();
        // A new save interrupts the slow part of a rebuild: the reader's
        // latest edit comes first, and the rest is caught up afterwards.
        let interrupted = || {
            while let Ok(more) = changes.try_recv() {
                waiting
                    .borrow_mut()
                    .extend(more.into_iter().filter(|p| !is_editor_noise(p)));
            }
            !waiting.borrow().is_empty()
        };
        workspace.rebuild(&paths, shared, started, &interrupted);
    }
}

fn is_editor_noise(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// The archive as the watcher keeps it between edits.
struct Workspace {
    root: PathBuf,
    config: Option<SiteConfig>,
    theme: Option<Theme>,
    sources: BTreeMap<PathBuf, SourceFile>,
    parsed: BTreeMap<PathBuf, (Option<Parsed>, Vec<Diagnostic>)>,
    discovery: Vec<Diagnostic>,
    archive: Option<Archive>,
    /// Pages whose rebuild an edit interrupted, to render with the next one.
    deferred: BTreeSet<String>,
    /// The words met so far, numbered: each file is analysed for search as
    /// it is parsed, so a rebuilt index analyses only what was edited.
    search: Vocabularies,
    /// When each file last changed in git, read at each full build.
    history: crate::history::ChangeTimes,
}

/// What the server keeps of each file it parses: the analysis for search,
/// not the HTML, which would stay in memory as long as it runs.
fn keep(search: &Vocabularies) -> Keep<'_> {
    Keep {
        search: Some(search),
        html: None,
        all_digests: true,
    }
}

impl Workspace {
    fn new(root: PathBuf) -> Self {
        Workspace {
            root,
            config: None,
            theme: None,
            sources: BTreeMap::new(),
            parsed: BTreeMap::new(),
            discovery: Vec::new(),
            archive: None,
            deferred: BTreeSet::new(),
            search: Vocabularies::default(),
            history: Default::default(),
        }
    }

    /// Reads everything again and renders the whole site.
    fn full_build(&mut self) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        self.archive = None;
        self.deferred.clear();
        let config = crate::config::load(&self.root)?;
        let theme = crate::theme::load(&self.root, &config)?;
        let (files, discovery) = discover(&self.root, &config);
        self.parsed = files
            .par_iter()
            .map(|f| (f.path.clone(), parse_file(f, keep(&self.search))))
            .collect();
        self.sources = files.into_iter().map(|f| (f.path.clone(), f)).collect();
        self.discovery = discovery;
        self.config = Some(config);
        self.theme = Some(theme);
        self.history = crate::history::ChangeTimes::read(&self.root);
        let archive = self.assemble()?;
        let theme = self.theme.as_ref().ok_or_else(Vec::new)?;
        let (result, files) = crate::pages::collect(|emit| {
            crate::site_files(
                &archive,
                theme,
                &self.search,
                &self.history,
                emit,
                &|_, _| {},
            )
        });
        result?;
        self.archive = Some(archive);
        Ok(files)
    }

    /// Cross-file checks and links over the parsed files kept in memory.
    fn assemble(&self) -> Result<Archive, Vec<Diagnostic>> {
        let config = self.config.clone().ok_or_else(Vec::new)?;
        let mut found = self.discovery.clone();
        let mut parsed = Vec::with_capacity(self.parsed.len());
        for (item, file_diagnostics) in self.parsed.values() {
            found.extend(file_diagnostics.iter().cloned());
            parsed.extend(item.iter().cloned());
        }
        let meeting_years = crate::meeting_years(self.sources.values());
        let (archive, more) = crate::assemble(config, parsed, &meeting_years);
        found.extend(more);
        diagnostics::sort(&mut found);
        if diagnostics::has_errors(&found) {
            Err(found)
        } else {
            Ok(archive)
        }
    }

    fn rebuild(
        &mut self,
        paths: &[PathBuf],
        shared: &Shared,
        started: Instant,
        interrupted: &dyn Fn() -> bool,
    ) {
        // Temporary files that editors (or sed -i) create and rename away.
        let paths: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| self.sources.contains_key(*p) || p.exists())
            .collect();
        if paths.is_empty() {
            return;
        }
        let was_broken = shared
            .site
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .broken
            .is_some();
        let edited: Option<Vec<PathBuf>> = paths.iter().map(|p| self.edited_document(p)).collect();
        let result = match (edited, &self.archive) {
            (Some(edited), Some(_)) => {
                self.rebuild_documents(&edited, shared, started, interrupted)
            }
            _ => self.full_build().map(|files| {
                let changed = shared.update(files, true);
                (changed, true)
            }),
        };
        match result {
            Ok((changed, all)) => {
                eprintln!(
                    "Rebuilt in {} ms ({} files changed)",
                    started.elapsed().as_millis(),
                    changed.len()
                );
                // Pages that showed the diagnostics all need to reload.
                let all = all || was_broken;
                shared.publish(serde_json::json!({"all": all, "paths": changed}).to_string());
            }
            Err(found) => show_broken(shared, &self.root, &found),
        }
    }

    /// The document file an edit changed, if it is one that already exists
    /// (anything else — a new or deleted file, site.yaml, a meeting, the
    /// theme — calls for a full rebuild).
    fn edited_document(&self, path: &Path) -> Option<PathBuf> {
        let source = self.sources.get(path)?;
        (matches!(source.place, Place::Document { .. }) && path.is_file())
            .then(|| path.to_path_buf())
    }

    /// Re-reads the edited files alone; renders their pages first, then the
    /// pages, feeds, data and search shards that show them.
    fn rebuild_documents(
        &mut self,
        edited: &[PathBuf],
        shared: &Shared,
        started: Instant,
        interrupted: &dyn Fn() -> bool,
    ) -> Result<(Vec<String>, bool), Vec<Diagnostic>> {
        self.reparse(edited);
        let archive = self.assemble()?;
        let theme = self.theme.as_ref().ok_or_else(Vec::new)?;
        let previous = self.archive.take();
        let keys = self.document_keys(edited);
        let indices = indices_of(&archive, &keys);

        // First the edited documents' own pages: what the rapporteur looks at.
        let own = own_pages(&archive, &indices);
        let mut changed = shared.update(render_pages(&archive, theme, &own)?, false);
        eprintln!(
            "Rendered the edited page in {} ms",
            started.elapsed().as_millis()
        );
        shared.publish(serde_json::json!({"all": false, "paths": changed}).to_string());

        // Then everything that shows them.
        let pages = pages_showing(
            &archive,
            previous.as_ref(),
            (&keys, &indices),
            &own,
            &self.deferred,
        );
        if interrupted() {
            // Another save is waiting: show it first, do this afterwards.
            self.deferred
                .extend(pages.iter().map(|p| page_path(&archive, p)));
            self.archive = Some(archive);
            return Ok((changed, false));
        }
        let files = render_pages(&archive, theme, &pages)?;
        self.deferred.clear();
        changed.extend(update_derived(
            &archive,
            theme,
            (&self.search, &self.history),
            files,
            shared,
            interrupted,
        ));
        self.archive = Some(archive);
        Ok((changed, false))
    }

    /// Parses the edited files again, in place of what they held.
    fn reparse(&mut self, edited: &[PathBuf]) {
        for path in edited {
            if let Some(source) = self.sources.get(path) {
                self.parsed
                    .insert(path.clone(), parse_file(source, keep(&self.search)));
            }
        }
    }

    /// The documents the edited files are versions of.
    fn document_keys(&self, edited: &[PathBuf]) -> Vec<DocumentKey> {
        edited
            .iter()
            .filter_map(|p| match &self.sources.get(p)?.place {
                Place::Document { kind, slug, .. } => {
                    Some((self.sources[p].year, *kind, slug.clone()))
                }
                Place::Meeting => None,
            })
            .collect()
    }
}

/// Puts the rendered `pages` on the site, with the feeds and data files;
/// then the search index, unless another save is waiting. Returns the
/// paths that changed.
fn update_derived(
    archive: &Archive,
    theme: &Theme,
    (search, history): (&Vocabularies, &crate::history::ChangeTimes),
    mut files: Vec<OutputFile>,
    shared: &Shared,
    interrupted: &dyn Fn() -> bool,
) -> Vec<String> {
    files.extend(crate::feeds::files(archive, history));
    files.extend(crate::export::files(archive));
    files.extend(crate::translations::files(archive));
    files.extend(crate::citations::files(archive));
    let mut changed = shared.update(files, false);
    // The search index is reassembled from every version's analysis,
    // made when its file was parsed: only the edited file was analysed
    // again. When a save interrupts, the rebuild that follows it brings
    // the index up to date.
    if !interrupted() {
        let ((), index) = crate::pages::collect(|emit| {
            crate::search::index::files_with(archive, theme, search, emit)
        });
        changed.extend(shared.update(index, false));
    }
    changed
}
