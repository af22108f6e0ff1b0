//! For mirrors: checking a copy of the site against its manifest, and
//! packing the site into one file to hand out on media.

use crate::output::{CHECKSUMS, MANIFEST, checksums, sha256_hex};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::Path;

#[derive(Deserialize)]
struct Manifest {
    files: Vec<ManifestEntry>,
}

/// One file of a manifest, as `parse_manifest` accepts it.
#[derive(Debug, Deserialize)]
pub struct ManifestEntry {
    /// Relative to the site's folder, `/`-separated, never leaving it.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// The entries of a `manifest.json`. Refuses a manifest that names a file
/// outside its folder (`..`, an absolute path, a backslash, NUL): `verify`
/// checks copies that came from elsewhere, and must not read the host's
/// files on their say-so.
pub fn parse_manifest(bytes: &[u8]) -> Result<Vec<ManifestEntry>, String> {
    let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    for entry in &manifest.files {
        let inside = !entry.path.is_empty()
            && !entry.path.contains(['\\', '\0'])
            && entry
                .path
                .split('/')
                .all(|part| !matches!(part, "" | "." | ".."));
        if !inside {
            return Err(format!(
                "it lists `{}`, a path outside the site's folder",
                entry.path.escape_debug()
            ));
        }
    }
    Ok(manifest.files)
}

/// What `verify` found: a copy is whole when all three lists are empty.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct VerifyReport {
    pub checked: usize,
    pub missing: Vec<String>,
    pub altered: Vec<String>,
    pub unexpected: Vec<String>,
}

impl VerifyReport {
    pub fn is_whole(&self) -> bool {
        self.missing.is_empty() && self.altered.is_empty() && self.unexpected.is_empty()
    }
}

/// Checks every file of `dir` against its `manifest.json`, hashing in
/// parallel; `progress` is told each time a file is done.
pub fn verify(dir: &Path, progress: &(dyn Fn() + Sync)) -> Result<VerifyReport, String> {
    let manifest_path = dir.join(MANIFEST);
    let text = crate::files::resolve_inside(dir, &manifest_path)
        .and_then(|path| crate::files::read_regular(&path, u64::MAX))
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let files = parse_manifest(&text).map_err(|e| {
        format!(
            "{} is not an igf-archive manifest: {e}",
            manifest_path.display()
        )
    })?;
    let mut report = VerifyReport {
        checked: files.len(),
        ..VerifyReport::default()
    };
    let problems: Vec<(bool, String)> = files
        .par_iter()
        .filter_map(|entry| {
            let result = check_file(dir, entry);
            progress();
            result
        })
        .collect();
    for (missing, path) in problems {
        if missing {
            report.missing.push(path)
        } else {
            report.altered.push(path)
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_dir() {
            continue;
        }
        let path = crate::diagnostics::display_path(dir, entry.path());
        if !expected.contains(path.as_str()) && path != MANIFEST && path != CHECKSUMS {
            report.unexpected.push(path);
        }
    }
    let sums: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    match fs::read(dir.join(CHECKSUMS)) {
        Ok(bytes) if bytes == checksums(&sums).into_bytes() => {}
        Ok(_) => report.altered.push(CHECKSUMS.to_string()),
        Err(_) => report.missing.push(CHECKSUMS.to_string()),
    }
    report.missing.sort();
    report.altered.sort();
    Ok(report)
}

// `None` when the file is as the manifest says; else (missing?, path).
// A link that leaves the folder, or anything but a regular file, is an
// altered file, and is not read.
fn check_file(dir: &Path, entry: &ManifestEntry) -> Option<(bool, String)> {
    let path = dir.join(&entry.path);
    let found = match crate::files::resolve_inside(dir, &path) {
        Ok(found) => found,
        Err(crate::files::Refused::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some((true, entry.path.clone()));
        }
        Err(_) => return Some((false, entry.path.clone())),
    };
    match crate::files::read_regular(&found, entry.size) {
        Ok(bytes) if bytes.len() as u64 == entry.size && sha256_hex(&bytes) == entry.sha256 => None,
        _ => Some((false, entry.path.clone())),
    }
}

/// Packs the site in `dir` into a gzipped tar archive, under one folder
/// named `folder`. Deterministic: sorted paths, no times, no owners.
pub fn bundle(dir: &Path, file: &Path, folder: &str) -> std::io::Result<()> {
    let out = fs::File::create(file)?;
    let encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(out, flate2::Compression::default());
    let mut tar = tar::Builder::new(encoder);
    tar.mode(tar::HeaderMode::Deterministic);
    let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    paths.sort_by(|a, b| a.path().cmp(b.path()));
    for entry in paths {
        let relative = crate::diagnostics::display_path(dir, entry.path());
        let bytes = fs::read(entry.path())?;
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_cksum();
        tar.append_data(
            &mut header,
            format!("{folder}/{relative}"),
            bytes.as_slice(),
        )?;
    }
    let mut encoder = tar.into_inner()?;
    encoder.flush()?;
    encoder.finish()?;
    Ok(())
}
