//! The site as one ZIM file, the format Kiwix reads offline (its apps,
//! and its hotspots in schools and libraries): `build --zim FILE.zim`.
//!
//! The ZIM is made from the staged site, after every file is written and
//! before the site is put in place, so that it holds exactly the files of
//! the output, and a failed ZIM leaves the previous site and the previous
//! ZIM as they were. Not for reading ZIM files; the tests use libzim and
//! kiwix-serve for that.

mod format;
mod metadata;
mod site;

pub use format::Written;
pub use metadata::{Metadata, iso_639_3};

use crate::content::Archive;
use crate::theme::Theme;
use std::io;
use std::path::{Path, PathBuf};

/// A ZIM file must be named `.zim` (Kiwix opens nothing else) and lie
/// outside the output folder, which each build replaces as a whole.
pub fn check_path(file: &Path, output: &Path) -> Result<(), String> {
    if file.extension().is_none_or(|e| e != "zim") {
        return Err(format!("--zim makes a .zim file, not {}", file.display()));
    }
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or(p.to_path_buf());
    if absolute(file).starts_with(absolute(output)) {
        return Err(format!(
            "--zim {} is inside the output folder {}, which each build replaces; write it elsewhere",
            file.display(),
            output.display()
        ));
    }
    Ok(())
}

/// A ZIM file to write once the site is staged: what it needs of the
/// archive, taken before the archive is freed.
#[derive(Debug, Clone)]
pub struct ZimJob {
    file: PathBuf,
    metadata: Metadata,
    pretty_urls: bool,
    /// ` · IGF Outputs Archive`, in each language: taken off page titles,
    /// so that a page is listed and suggested by its own name.
    title_suffixes: Vec<String>,
}

impl ZimJob {
    /// The job of writing `file` for `archive`; an error names what to set
    /// in site.yaml.
    pub fn prepare(
        file: &Path,
        archive: &Archive,
        theme: &Theme,
        root: &Path,
    ) -> Result<ZimJob, String> {
        let config = &archive.config;
        let default = config.default_language.as_str();
        let mut title_suffixes: Vec<String> = config
            .languages
            .iter()
            .map(|l| format!(" · {}", config.title.get(&l.code, default)))
            .collect();
        title_suffixes.sort();
        title_suffixes.dedup();
        Ok(ZimJob {
            file: file.to_path_buf(),
            metadata: metadata::metadata(archive, theme, root)?,
            pretty_urls: config.pretty_urls,
            title_suffixes,
        })
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Writes the ZIM of the site in `site` beside its file, then renames
    /// it into place; on failure the half-written file is removed and a
    /// previous ZIM is left as it was.
    pub fn write(&self, site: &Path) -> io::Result<Written> {
        let name = self
            .file
            .file_name()
            .map_or_else(|| "site.zim".into(), |n| n.to_string_lossy().into_owned());
        let partial = self.file.with_file_name(format!(".{name}.tmp"));
        let written = self.write_to(site, &partial).and_then(|written| {
            std::fs::rename(&partial, &self.file)?;
            Ok(written)
        });
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        written.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", self.file.display())))
    }

    fn write_to(&self, site: &Path, partial: &Path) -> io::Result<Written> {
        let mut entries = site::entries(site, self.pretty_urls, &self.title_suffixes)?;
        entries.extend(self.metadata.entries());
        entries.push(format::Entry {
            namespace: format::Namespace::WellKnown,
            path: "mainPage".into(),
            title: String::new(),
            body: format::Body::Redirect {
                // The language chooser.
                target: (format::Namespace::Content, "index.html".into()),
            },
        });
        let mut out = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(partial)?;
        format::write(entries, &mut out)
    }
}
