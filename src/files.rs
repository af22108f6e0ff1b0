//! Reading the archive's own files and nothing else: regular files inside
//! a root, up to a size.
//!
//! A content file is whatever a pull request commits, and git stores
//! symbolic links: a report linked to `/etc/passwd` would have `check`
//! quote a file of the host in a CI log, one linked to `/dev/zero` would be
//! read until memory runs out, and a named pipe would hang a build or
//! `serve`'s watcher for good. Links are followed only to files inside the
//! root; reads never follow a link, open only regular files, and stop at a
//! size limit. Not for the output folder, which this tool writes itself.

use std::fmt;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

/// The largest source file read: a real session report is under 100 KB,
/// the largest output documents a few hundred.
pub const MAX_SOURCE_BYTES: u64 = 10 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    /// A symbolic link to a file outside the root.
    Outside(PathBuf),
    /// A link that cannot be followed: a loop, or a missing target.
    Unresolvable(io::Error),
    /// Not a regular file: a folder, a named pipe, a device or a socket.
    Special(&'static str),
    /// A link met when reading, where none was expected.
    Link,
    /// Its size and the limit.
    TooLarge(u64, u64),
    Io(io::Error),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Outside(target) => write!(
                f,
                "this is a symbolic link to {}, outside the archive",
                target.display()
            ),
            Refused::Unresolvable(error) => {
                write!(f, "this symbolic link cannot be followed: {error}")
            }
            Refused::Special(kind) => write!(f, "this is {kind}, not a regular file"),
            Refused::Link => write!(f, "this became a symbolic link while it was being read"),
            Refused::TooLarge(size, limit) => {
                write!(
                    f,
                    "this file is {size} bytes, over the limit of {limit} bytes"
                )
            }
            Refused::Io(error) => write!(f, "cannot read the file: {error}"),
        }
    }
}

impl Refused {
    /// What to do about it, for a diagnostic's `help`.
    pub fn hint(&self) -> &'static str {
        match self {
            Refused::Outside(_) | Refused::Unresolvable(_) | Refused::Link => {
                "only files inside the archive are read: put the file itself here instead of a link"
            }
            Refused::Special(_) => "remove it: documents are plain text files",
            Refused::TooLarge(..) => {
                "a session report is usually under 100 KB: is this the right file?"
            }
            Refused::Io(_) => "check that the file exists and can be read",
        }
    }
}

/// The file `path` names, for reading: itself, or where its symbolic link
/// leads if that is inside `root`. Refuses folders and special files.
pub fn resolve_inside(root: &Path, path: &Path) -> Result<PathBuf, Refused> {
    let meta = fs::symlink_metadata(path).map_err(Refused::Io)?;
    if !meta.file_type().is_symlink() {
        return regular(&meta).map(|()| path.to_path_buf());
    }
    let target = fs::canonicalize(path).map_err(Refused::Unresolvable)?;
    let root = fs::canonicalize(root).map_err(Refused::Io)?;
    if !target.starts_with(&root) {
        return Err(Refused::Outside(target));
    }
    regular(&fs::metadata(&target).map_err(Refused::Io)?)?;
    Ok(target)
}

/// Reads the regular file `path`, not following a link, up to `limit`
/// bytes (`MAX_SOURCE_BYTES` for sources).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    let meta = fs::symlink_metadata(path).map_err(Refused::Io)?;
    if meta.file_type().is_symlink() {
        return Err(Refused::Link);
    }
    regular(&meta)?;
    if meta.len() > limit {
        return Err(Refused::TooLarge(meta.len(), limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Bounded even if the file grows between the check and the read.
    fs::File::open(path)
        .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// `resolve_inside`, then `read_regular` up to `MAX_SOURCE_BYTES`.
pub fn read_inside(root: &Path, path: &Path) -> Result<Vec<u8>, Refused> {
    read_regular(&resolve_inside(root, path)?, MAX_SOURCE_BYTES)
}

fn regular(meta: &fs::Metadata) -> Result<(), Refused> {
    if meta.is_file() {
        return Ok(());
    }
    Err(Refused::Special(kind(&meta.file_type())))
}

/// What a file that is not a regular one is, in words.
pub fn kind(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_followed_only_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        fs::create_dir(&root).unwrap();
        fs::write(root.join("a.md"), "inside").unwrap();
        fs::write(dir.path().join("secret"), "outside").unwrap();
        symlink("a.md", root.join("b.md")).unwrap();
        symlink("../secret", root.join("c.md")).unwrap();
        symlink("/dev/zero", root.join("d.md")).unwrap();
        symlink("e.md", root.join("e.md")).unwrap();
        assert_eq!(read_inside(&root, &root.join("b.md")).unwrap(), b"inside");
        assert!(matches!(
            read_inside(&root, &root.join("c.md")),
            Err(Refused::Outside(_))
        ));
        assert!(matches!(
            read_inside(&root, &root.join("d.md")),
            Err(Refused::Outside(_))
        ));
        assert!(matches!(
            read_inside(&root, &root.join("e.md")),
            Err(Refused::Unresolvable(_))
        ));
        assert!(matches!(
            read_regular(&root.join("b.md"), MAX_SOURCE_BYTES),
            Err(Refused::Link)
        ));
    }

    #[test]
    fn special_files_and_large_files_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(
                matches!(read_regular(&fifo, MAX_SOURCE_BYTES), Err(Refused::Special(k)) if k.contains("FIFO"))
            );
        } else {
            eprintln!("skipped: mkfifo is not available");
        }
        assert!(matches!(
            read_regular(dir.path(), MAX_SOURCE_BYTES),
            Err(Refused::Special("a folder"))
        ));
        let large = dir.path().join("large.md");
        fs::File::create(&large)
            .unwrap()
            .set_len(MAX_SOURCE_BYTES + 1)
            .unwrap();
        assert!(matches!(
            read_regular(&large, MAX_SOURCE_BYTES),
            Err(Refused::TooLarge(..))
        ));
    }
}
