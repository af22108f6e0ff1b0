//! Writing the site: all or nothing, and without touching what did not change.
//!
//! The new site is assembled in a staging folder beside the output and put
//! in place by renaming, so a failed build leaves the previous output as it
//! was. A file whose bytes did not change is hard-linked from the previous
//! output instead of written, so it keeps its modification time and tools
//! such as rsync transfer only what changed. Every build writes
//! `SHA256SUMS` and `manifest.json`, which mirrors verify copies against.

use crate::pages::OutputFile;
use crate::sync::lock;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a write did, for the closing summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteReport {
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
}

#[derive(Serialize)]
struct Manifest<'a> {
    generator: String,
    title: &'a str,
    /// The git commit of the archive's content, when it is in git.
    content_commit: Option<&'a str>,
    files: Vec<ManifestEntry<'a>>,
}

#[derive(Serialize)]
struct ManifestEntry<'a> {
    path: &'a str,
    size: u64,
    sha256: &'a str,
}

pub const MANIFEST: &str = "manifest.json";
pub const CHECKSUMS: &str = "SHA256SUMS";

/// Hex-encoded SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    hex
}

/// The text of `SHA256SUMS`, the format `sha256sum -c` reads.
pub fn checksums(files: &[(&str, &str)]) -> String {
    let mut sums = String::new();
    for (path, sha256) in files {
        sums.push_str(sha256);
        sums.push_str("  ");
        sums.push_str(path);
        sums.push('\n');
    }
    sums
}

/// `SHA256SUMS` and `manifest.json` for files given as (path, size,
/// SHA-256), in any order.
fn manifest_files(
    mut entries: Vec<(String, u64, String)>,
    title: &str,
    content_commit: Option<&str>,
) -> [OutputFile; 2] {
    entries.sort_unstable();
    let sums = checksums(
        &entries
            .iter()
            .map(|(path, _, sha)| (path.as_str(), sha.as_str()))
            .collect::<Vec<_>>(),
    );
    let manifest = Manifest {
        generator: format!("igf-archive {}", env!("CARGO_PKG_VERSION")),
        title,
        content_commit,
        files: entries
            .iter()
            .map(|(path, size, sha256)| ManifestEntry {
                path,
                size: *size,
                sha256,
            })
            .collect(),
    };
    let mut json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    json.push(b'\n');
    [
        OutputFile {
            path: CHECKSUMS.into(),
            bytes: sums.into_bytes(),
        },
        OutputFile {
            path: MANIFEST.into(),
            bytes: json,
        },
    ]
}

/// The commit checked out in the archive's git repository, if it is one.
pub fn content_commit(root: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()?;
    let commit = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && commit.len() == 40).then_some(commit)
}

/// A new site being written, file by file, into a staging folder beside
/// `output`: each file is written (or hard-linked from the previous output
/// when its bytes did not change) as soon as it is made, and its bytes
/// dropped. `finish` adds the manifest and puts the folder in place;
/// dropped unfinished, the staging folder is removed and `output` is left
/// as it was.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// The previous output's manifest: path → (size, SHA-256).
    previous: HashMap<String, (u64, String)>,
    entries: Mutex<Vec<(String, u64, String)>>,
    folders: Mutex<HashSet<PathBuf>>,
    unchanged: AtomicUsize,
    /// The first write that failed: reported by `finish`.
    failure: Mutex<Option<io::Error>>,
    finished: bool,
}

impl Staging {
    /// Starts a site that will replace `output`, which must be missing,
    /// empty, or a previous output of this tool.
    pub fn begin(output: &Path) -> io::Result<Staging> {
        let output = &resolve_link(output)?;
        if output.exists() && !is_replaceable(output)? {
            return Err(io::Error::other(format!(
                "{} exists and is not a previous igf-archive output (it has no {MANIFEST}); refusing to replace it",
                output.display()
            )));
        }
        let staging = sibling(output, "tmp");
        for leftover in [&staging, &sibling(output, "old")] {
            if leftover.exists() {
                fs::remove_dir_all(leftover)?;
            }
        }
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            output: output.to_path_buf(),
            previous: read_manifest(&fs::read(output.join(MANIFEST)).unwrap_or_default()),
            staging,
            entries: Mutex::default(),
            folders: Mutex::default(),
            unchanged: AtomicUsize::new(0),
            failure: Mutex::default(),
            finished: false,
        })
    }

    /// Writes one file of the site; a failure is kept for `finish`.
    pub fn add(&self, file: OutputFile) {
        if let Err(error) = self.write(&file) {
            lock(&self.failure).get_or_insert(error);
        }
    }

    /// Writes many files, in parallel.
    pub fn add_all(&self, files: Vec<OutputFile>) {
        files.into_par_iter().for_each(|file| self.add(file));
    }

    fn write(&self, file: &OutputFile) -> io::Result<()> {
        let sha256 = sha256_hex(&file.bytes);
        let size = file.bytes.len() as u64;
        let target = self.staging.join(&file.path);
        if let Some(folder) = target.parent()
            && !lock(&self.folders).contains(folder)
        {
            fs::create_dir_all(folder)?;
            lock(&self.folders).insert(folder.to_path_buf());
        }
        let old = self.output.join(&file.path);
        let same = self
            .previous
            .get(&file.path)
            .is_some_and(|(before, sha)| *before == size && *sha == sha256)
            && fs::metadata(&old).is_ok_and(|m| m.len() == size);
        if same && fs::hard_link(&old, &target).is_ok() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        } else {
            fs::write(&target, &file.bytes)?;
        }
        lock(&self.entries).push((file.path.clone(), size, sha256));
        Ok(())
    }

    /// Adds `SHA256SUMS` and `manifest.json` and replaces the output with
    /// the staging folder.
    pub fn finish(self, title: &str, content_commit: Option<&str>) -> io::Result<WriteReport> {
        self.finish_sealed(title, content_commit, |_| Ok(()))
    }

    /// `finish`, running `seal` on the complete staged site (manifest
    /// included) before it is put in place: a failed `seal` fails the
    /// build and leaves the output as it was. `build --zim` packs the site
    /// there.
    pub fn finish_sealed(
        mut self,
        title: &str,
        content_commit: Option<&str>,
        seal: impl FnOnce(&Path) -> io::Result<()>,
    ) -> io::Result<WriteReport> {
        if let Some(error) = lock(&self.failure).take() {
            return Err(error);
        }
        let entries = std::mem::take(&mut *lock(&self.entries));
        let files = entries.len();
        for file in manifest_files(entries, title, content_commit) {
            fs::write(self.staging.join(&file.path), &file.bytes)?;
        }
        seal(&self.staging)?;
        let previous = sibling(&self.output, "old");
        if self.output.exists() {
            fs::rename(&self.output, &previous)?;
        }
        if let Err(error) = fs::rename(&self.staging, &self.output) {
            // Put the previous output back rather than leave nothing.
            let _ = fs::rename(&previous, &self.output);
            return Err(error);
        }
        self.finished = true;
        if previous.exists() {
            remove_tree(&previous)?;
        }
        let unchanged = self.unchanged.load(Ordering::Relaxed);
        Ok(WriteReport {
            files: files + 2,
            written: files + 2 - unchanged,
            unchanged,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Replaces the folder `output` with exactly `files` and their manifest.
pub fn write_site(
    output: &Path,
    files: Vec<OutputFile>,
    title: &str,
    content_commit: Option<&str>,
) -> io::Result<WriteReport> {
    let staging = Staging::begin(output)?;
    staging.add_all(files);
    staging.finish(title, content_commit)
}

/// Path → (size, SHA-256) from a manifest's bytes; empty if unreadable.
fn read_manifest(bytes: &[u8]) -> HashMap<String, (u64, String)> {
    #[derive(serde::Deserialize)]
    struct Entry {
        path: String,
        size: u64,
        sha256: String,
    }
    #[derive(serde::Deserialize)]
    struct Manifest {
        files: Vec<Entry>,
    }
    serde_json::from_slice::<Manifest>(bytes)
        .map(|m| {
            m.files
                .into_iter()
                .map(|e| (e.path, (e.size, e.sha256)))
                .collect()
        })
        .unwrap_or_default()
}

/// The folder a symlinked output points to, so that the site replaces
/// that folder and the link stays: mirrors build into `www/site` through
/// a link `public`. Renaming the link itself would move the link aside and
/// leave the folder it points to to be deleted as the previous output.
fn resolve_link(output: &Path) -> io::Result<PathBuf> {
    if !fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(output.to_path_buf());
    }
    fs::canonicalize(output).map_err(|error| {
        io::Error::new(
            error.kind(),
            format!(
                "{} is a symbolic link to a folder that cannot be reached ({error}); create the folder it points to, or remove the link",
                output.display()
            ),
        )
    })
}

/// `fs::remove_dir_all`, on every core: the previous output is thousands
/// of files, removed at the end of every build while nothing else runs.
/// A symbolic link is removed, never followed.
fn remove_tree(folder: &Path) -> io::Result<()> {
    if fs::symlink_metadata(folder)?.file_type().is_symlink() {
        return fs::remove_file(folder);
    }
    let entries: Vec<fs::DirEntry> = fs::read_dir(folder)?.collect::<io::Result<_>>()?;
    entries.into_par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(folder)
}

/// Only an empty folder or one this tool wrote may be replaced.
fn is_replaceable(output: &Path) -> io::Result<bool> {
    if !output.is_dir() {
        return Ok(false);
    }
    if output.join(MANIFEST).is_file() {
        return Ok(true);
    }
    Ok(fs::read_dir(output)?.next().is_none())
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = vec![
            file("a/index.html", "A"),
            file("b.html", "B"),
            file("gone.html", "G"),
        ];
        write_site(&out, first, "T", None).unwrap();
        let inode =
            |p: &str| std::os::unix::fs::MetadataExt::ino(&fs::metadata(out.join(p)).unwrap());
        let a_before = inode("a/index.html");
        let b_before = inode("b.html");
        let second = vec![file("a/index.html", "A"), file("b.html", "B2")];
        let report = write_site(&out, second, "T", None).unwrap();
        assert_eq!(inode("a/index.html"), a_before);
        assert_ne!(inode("b.html"), b_before);
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "B2");
        assert!(!out.join("gone.html").exists());
        assert_eq!(report.unchanged, 1);
        assert!(
            !dir.path().join(".public.tmp").exists() && !dir.path().join(".public.old").exists()
        );
    }

    #[test]
    fn an_unfinished_site_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![file("index.html", "old")], "T", None).unwrap();
        let staging = Staging::begin(&out).unwrap();
        staging.add(file("index.html", "new"));
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!dir.path().join(".public.tmp").exists());
    }

    #[test]
    fn a_symlinked_output_replaces_the_folder_it_points_to_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www/site");
        write_site(&target, vec![file("index.html", "one")], "T", None).unwrap();
        let link = dir.path().join("public");
        std::os::unix::fs::symlink("www/site", &link).unwrap();
        write_site(&link, vec![file("index.html", "two")], "T", None).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "two"
        );
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[test]
    fn a_dangling_output_link_is_an_error_that_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("public");
        std::os::unix::fs::symlink("nowhere", &link).unwrap();
        let error = write_site(&link, vec![file("index.html", "x")], "T", None).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let error = write_site(dir.path(), vec![file("index.html", "x")], "T", None).unwrap_err();
        assert!(error.to_string().contains("refusing"));
        assert!(dir.path().join("precious.txt").exists());
    }

    #[test]
    fn manifest_lists_every_file_with_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![file("index.html", "abc")], "T", None).unwrap();
        assert_eq!(
            fs::read_to_string(out.join(CHECKSUMS)).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  index.html\n"
        );
    }
}
