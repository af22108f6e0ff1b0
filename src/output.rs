//! Writing the site: all or nothing, and without touching what did not change.
//!
//! The new site is assembled in a staging folder beside the output and put
//! in place by renaming, so a failed build leaves the previous output as it
//! was. A file whose bytes did not change is hard-linked from the previous
//! output instead of written, so it keeps its modification time and tools
//! such as rsync transfer only what changed. Every build writes
//! `SHA256SUMS` and `manifest.json`, which mirrors verify copies against.

use crate::render::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
    size: usize,
    sha256: String,
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

/// Adds `SHA256SUMS` and `manifest.json` describing `files`.
pub fn with_manifest(
    mut files: Vec<OutputFile>,
    title: &str,
    content_commit: Option<&str>,
) -> Vec<OutputFile> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let entries: Vec<ManifestEntry> = files
        .par_iter()
        .map(|f| ManifestEntry {
            path: &f.path,
            size: f.bytes.len(),
            sha256: sha256_hex(&f.bytes),
        })
        .collect();
    let sums = checksums(
        &entries
            .iter()
            .map(|e| (e.path, e.sha256.as_str()))
            .collect::<Vec<_>>(),
    );
    let manifest = Manifest {
        generator: format!("igf-archive {}", env!("CARGO_PKG_VERSION")),
        title,
        content_commit,
        files: entries,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    json.push(b'\n');
    files.push(OutputFile {
        path: CHECKSUMS.into(),
        bytes: sums.into_bytes(),
    });
    files.push(OutputFile {
        path: MANIFEST.into(),
        bytes: json,
    });
    files
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

/// Replaces the folder `output` with exactly `files`.
pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<WriteReport> {
    if output.exists() && !is_replaceable(output)? {
        return Err(io::Error::other(format!(
            "{} exists and is not a previous igf-archive output (it has no {MANIFEST}); refusing to replace it",
            output.display()
        )));
    }
    let staging = sibling(output, "tmp");
    let previous = sibling(output, "old");
    for leftover in [&staging, &previous] {
        if leftover.exists() {
            fs::remove_dir_all(leftover)?;
        }
    }
    let result = stage(output, &staging, files);
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    if output.exists() {
        fs::rename(output, &previous)?;
    }
    if let Err(error) = fs::rename(&staging, output) {
        // Put the previous output back rather than leave nothing.
        let _ = fs::rename(&previous, output);
        return Err(error);
    }
    if previous.exists() {
        fs::remove_dir_all(&previous)?;
    }
    Ok(report)
}

fn stage(output: &Path, staging: &Path, files: &[OutputFile]) -> io::Result<WriteReport> {
    fs::create_dir_all(staging)?;
    let folders: std::collections::BTreeSet<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent())
        .collect();
    for folder in folders {
        fs::create_dir_all(staging.join(folder))?;
    }
    // Both manifests say which files kept their bytes, without reading the
    // previous output back.
    let previous = read_manifest(&fs::read(output.join(MANIFEST)).unwrap_or_default());
    let next = files
        .iter()
        .find(|f| f.path == MANIFEST)
        .map(|f| read_manifest(&f.bytes))
        .unwrap_or_default();
    let unchanged: Vec<bool> = files
        .par_iter()
        .map(|file| -> io::Result<bool> {
            let target = staging.join(&file.path);
            let old = output.join(&file.path);
            let same = match (previous.get(&file.path), next.get(&file.path)) {
                (Some(before), Some(now)) => {
                    before == now && fs::metadata(&old).is_ok_and(|m| m.len() == now.0)
                }
                _ => same_bytes(&old, &file.bytes),
            };
            if same && fs::hard_link(&old, &target).is_ok() {
                return Ok(true);
            }
            fs::write(&target, &file.bytes)?;
            Ok(false)
        })
        .collect::<io::Result<_>>()?;
    let kept = unchanged.iter().filter(|u| **u).count();
    Ok(WriteReport {
        files: files.len(),
        written: files.len() - kept,
        unchanged: kept,
    })
}

/// Path → (size, SHA-256) from a manifest's bytes; empty if unreadable.
fn read_manifest(bytes: &[u8]) -> std::collections::HashMap<String, (u64, String)> {
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

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
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
        let first = with_manifest(
            vec![
                file("a/index.html", "A"),
                file("b.html", "B"),
                file("gone.html", "G"),
            ],
            "T",
            None,
        );
        write_site(&out, &first).unwrap();
        let inode =
            |p: &str| std::os::unix::fs::MetadataExt::ino(&fs::metadata(out.join(p)).unwrap());
        let a_before = inode("a/index.html");
        let b_before = inode("b.html");
        let second = with_manifest(
            vec![file("a/index.html", "A"), file("b.html", "B2")],
            "T",
            None,
        );
        let report = write_site(&out, &second).unwrap();
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
    fn refuses_to_replace_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let error = write_site(dir.path(), &[file("index.html", "x")]).unwrap_err();
        assert!(error.to_string().contains("refusing"));
        assert!(dir.path().join("precious.txt").exists());
    }

    #[test]
    fn manifest_lists_every_file_with_its_hash() {
        let files = with_manifest(vec![file("index.html", "abc")], "T", None);
        let sums = String::from_utf8(
            files
                .iter()
                .find(|f| f.path == CHECKSUMS)
                .unwrap()
                .bytes
                .clone(),
        )
        .unwrap();
        assert_eq!(
            sums,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  index.html\n"
        );
    }
}
