//! Hostile and broken input, as a rapporteur's commit or an untrusted pull
//! request can bring it, and a machine that fails under the build: each
//! case gives a clear error naming the file, within seconds (a hang fails
//! the test instead of stalling it), and leaves the previous output whole,
//! as `verify` checks it against its manifest.

mod common;

use common::*;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far more than any case takes when it works, far less than a hang or a
/// run out of memory: the cases took minutes, or never ended, before.
const DEADLINE: Duration = Duration::from_secs(30);

/// Runs the tool; fails the test if it does not end before `DEADLINE`.
/// Returns the exit status and what it printed, both streams together.
fn igf(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_igf-archive"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let readers = [
        std::thread::spawn(move || drain(&mut out)),
        std::thread::spawn(move || drain(&mut err)),
    ];
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("igf-archive {args:?} did not end within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = readers.map(|r| r.join().unwrap()).concat();
    (status.code(), text)
}

/// `build --root root --output out`.
fn build_into(root: &Path, out: &Path) -> (Option<i32>, String) {
    let (root, out) = (root.to_str().unwrap(), out.to_str().unwrap());
    igf(&["build", "--root", root, "--output", out, "--quiet"])
}

fn drain(stream: &mut impl std::io::Read) -> String {
    let mut text = String::new();
    let _ = stream.read_to_string(&mut text);
    text
}

/// The basic fixture, copied and built once into `public/`.
struct Archive {
    _dir: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

impl Archive {
    fn built() -> Archive {
        let dir = copy_fixture("basic");
        let root = dir.path().to_path_buf();
        let out = root.join("public");
        build(&root, &out);
        Archive {
            _dir: dir,
            root,
            out,
        }
    }

    fn sessions(&self) -> PathBuf {
        self.root.join("content/2020/sessions")
    }

    fn run(&self, command: &str) -> (Option<i32>, String) {
        let root = self.root.to_str().unwrap();
        match command {
            "build" => igf(&["build", "--root", root, "--quiet"]),
            _ => igf(&[command, "--root", root]),
        }
    }

    /// `check` and `build` both fail, naming `file` with `message`; the
    /// previous output is whole.
    fn assert_refused(&self, file: &str, message: &str) {
        for command in ["check", "build"] {
            let (code, text) = self.run(command);
            assert_eq!(code, Some(1), "{command}: {text}");
            assert!(
                text.contains(&format!("--> content/2020/sessions/{file}")),
                "{command} names the file: {text}"
            );
            assert!(text.contains(message), "{command}: {text}");
            assert!(!text.contains("root:x:0:0"), "{command} quoted the host");
        }
        assert_whole(&self.out);
    }
}

fn assert_whole(out: &Path) {
    let (code, text) = igf(&["verify", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "the previous output is whole: {text}");
}

#[test]
fn a_report_linked_outside_the_archive_is_not_read() {
    let archive = Archive::built();
    symlink("/etc/passwd", archive.sessions().join("x.md")).unwrap();
    archive.assert_refused(
        "x.md",
        "a symbolic link to /etc/passwd, outside the archive",
    );
}

#[test]
fn a_report_linked_to_dev_zero_is_not_read() {
    let archive = Archive::built();
    symlink("/dev/zero", archive.sessions().join("zero.md")).unwrap();
    archive.assert_refused("zero.md", "outside the archive");
}

#[test]
fn a_link_inside_the_archive_is_followed() {
    let archive = Archive::built();
    let sessions = archive.sessions();
    fs::rename(sessions.join("of-2.md"), archive.root.join("of-2.md")).unwrap();
    symlink("../../../of-2.md", sessions.join("of-2.md")).unwrap();
    let (code, text) = archive.run("check");
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn a_symlink_loop_is_an_error() {
    let archive = Archive::built();
    symlink("loop.md", archive.sessions().join("loop.md")).unwrap();
    archive.assert_refused("loop.md", "cannot be followed");
}

#[test]
fn a_named_pipe_named_like_a_report_does_not_hang() {
    let archive = Archive::built();
    if !make_fifo(&archive.sessions().join("pipe.md")) {
        return;
    }
    archive.assert_refused("pipe.md", "a named pipe (FIFO), not a regular file");
}

#[test]
fn a_folder_named_like_a_report_is_an_error() {
    let archive = Archive::built();
    fs::create_dir(archive.sessions().join("ws-9.md")).unwrap();
    archive.assert_refused("ws-9.md", "a folder where only documents belong");
}

#[test]
fn a_report_over_the_size_limit_is_refused_without_reading_it() {
    let archive = Archive::built();
    let file = fs::File::create(archive.sessions().join("huge.md")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    archive.assert_refused("huge.md", "over the limit of 10485760 bytes");
}

#[test]
fn invalid_utf8_and_lone_carriage_returns_are_quoted_at_their_line() {
    let archive = Archive::built();
    // Line ends written as lone CRs (classic Mac OS), a typo on line 5.
    let report = fs::read_to_string(archive.sessions().join("ws-1.md"))
        .unwrap()
        .replace("tracks: [data]", "tracks: [dat]")
        .replace('\n', "\r");
    fs::write(archive.sessions().join("ws-1.md"), report).unwrap();
    fs::write(
        archive.sessions().join("ws-8.md"),
        b"---\ncode: WS 8\ntitle: Caf\xE9 talks\n---\n",
    )
    .unwrap();
    let (code, text) = archive.run("check");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("5 | tracks: [dat]\n"), "{text}");
    assert!(
        text.contains("--> content/2020/sessions/ws-8.md:3:11"),
        "{text}"
    );
    assert!(text.contains("3 | title: Caf\u{FFFD} talks\n"), "{text}");
    assert_whole(&archive.out);
}

#[test]
fn yaml_aliases_that_expand_a_small_file_are_refused() {
    let archive = Archive::built();
    let items = vec!["x"; 10_000].join(", ");
    let aliases = vec!["*a"; 10_000].join(", ");
    fs::write(
        archive.sessions().join("bomb.md"),
        format!("---\nspeakers: &a [{items}]\norganizers: [{aliases}]\n---\n"),
    )
    .unwrap();
    archive.assert_refused(
        "bomb.md",
        "error: the YAML expands to far more than it spells out",
    );
}

#[test]
fn a_long_block_scalar_with_many_lines_is_checked_quickly() {
    let archive = Archive::built();
    let mut report = fs::read_to_string(archive.sessions().join("ws-1.md"))
        .unwrap()
        .replace("title: Data flows and privacy\n", "");
    let title = format!(
        "title: |\n  {}:\n{}",
        "t".repeat(100_000),
        "   - x\n".repeat(10_000)
    );
    report.insert_str(4, &title);
    fs::write(archive.sessions().join("ws-1.md"), report).unwrap();
    let (code, text) = archive.run("check");
    assert!(code == Some(0) || code == Some(1), "{text}");
}

#[test]
fn a_long_broken_link_in_a_large_archive_is_reported_quickly() {
    let archive = Archive::built();
    let original = fs::read_to_string(archive.sessions().join("ws-1.md")).unwrap();
    for n in 100..2_100 {
        let report = original.replace("code: \"WS #1\"", &format!("code: \"WS #{n}\""));
        fs::write(archive.sessions().join(format!("ws-{n}.md")), report).unwrap();
    }
    let target = "x".repeat(1_000_000);
    fs::write(
        archive.sessions().join("ws-1.md"),
        format!("{original}\n[broken](@/2020/sessions/{target}.md)\n"),
    )
    .unwrap();
    let (code, text) = archive.run("check");
    assert_eq!(code, Some(1));
    assert!(
        text.contains("link to a missing document"),
        "{}",
        &text[..text.len().min(2_000)]
    );
}

#[test]
fn a_symlinked_output_folder_is_built_into_and_stays_a_link() {
    let archive = Archive::built();
    let site = archive.root.join("www/site");
    fs::create_dir_all(site.parent().unwrap()).unwrap();
    fs::rename(&archive.out, &site).unwrap();
    symlink("www/site", &archive.out).unwrap();
    let (code, text) = archive.run("build");
    assert_eq!(code, Some(0), "{text}");
    assert!(
        fs::symlink_metadata(&archive.out)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_whole(&site);
    assert!(!archive.root.join(".public.old").exists());
}

#[test]
fn verify_reads_nothing_outside_the_copy() {
    let (_dir, out) = built_fixture();
    let manifest_path = out.join("manifest.json");
    let manifest = fs::read_to_string(&manifest_path).unwrap();
    let first = manifest.find("\"path\": \"").map(|i| i + 9).unwrap();
    let end = first + manifest[first..].find('"').unwrap();
    let name = manifest[first..end].to_string();
    for outside in ["../../etc/hostname", "/etc/hostname"] {
        fs::write(&manifest_path, manifest.replacen(&name, outside, 1)).unwrap();
        let (code, text) = igf(&["verify", out.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{text}");
        assert!(text.contains("a path outside the site's folder"), "{text}");
    }
    fs::write(&manifest_path, &manifest).unwrap();
    fs::remove_file(out.join(&name)).unwrap();
    symlink("/dev/zero", out.join(&name)).unwrap();
    let (code, text) = igf(&["verify", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains(&format!("altered:    {name}")), "{text}");
}

/// A tmpfs of `size` at `path`, unmounted when dropped; `None` where this
/// user cannot mount one (only root can).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(path: &Path, options: &str) -> Option<Tmpfs> {
        fs::create_dir_all(path).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipped: cannot mount a tmpfs here (it needs root)");
        }
        mounted.then(|| Tmpfs(path.to_path_buf()))
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// The basic fixture and its output on a tmpfs with room for `room`
/// times the output; None where none can be mounted.
fn on_tmpfs(room: f64) -> Option<(tempfile::TempDir, Tmpfs, PathBuf, PathBuf)> {
    let (_built, site) = built_fixture();
    // tmpfs takes whole pages: a file of a few bytes takes 4 KiB.
    let pages: usize = read_tree(&site)
        .values()
        .map(|bytes| bytes.len().div_ceil(4096).max(1))
        .sum();
    let size = (pages as f64 * 4096.0 * room) as usize;
    let dir = copy_fixture("basic");
    let disk = Tmpfs::mount(&dir.path().join("disk"), &format!("size={size}"))?;
    let out = disk.0.join("public");
    let (code, text) = build_into(dir.path(), &out);
    assert_eq!(code, Some(0), "{text}");
    let root = dir.path().to_path_buf();
    Some((dir, disk, root, out))
}

#[test]
fn a_full_disk_fails_the_build_and_keeps_the_previous_output() {
    let Some((_dir, _disk, root, out)) = on_tmpfs(1.5) else {
        return;
    };
    // A new title changes every page: the new site needs room of its own.
    let config = fs::read_to_string(root.join("site.yaml")).unwrap();
    fs::write(
        root.join("site.yaml"),
        config.replace("Fixture Archive", "Fixture Archive Again"),
    )
    .unwrap();
    let (code, text) = build_into(&root, &out);
    assert_ne!(code, Some(0), "{text}");
    assert!(text.contains("No space left on device"), "{text}");
    assert_whole(&out);
    assert_eq!(
        fs::read_dir(out.parent().unwrap()).unwrap().count(),
        1,
        "no staging folder left"
    );
}

#[test]
fn a_read_only_output_fails_the_build_and_keeps_the_previous_output() {
    let Some((_dir, disk, root, out)) = on_tmpfs(3.0) else {
        return;
    };
    disk.remount("ro");
    let (code, text) = build_into(&root, &out);
    assert_ne!(code, Some(0), "{text}");
    assert!(text.contains("Read-only file system"), "{text}");
    assert_whole(&out);
}

#[test]
fn an_unreadable_report_is_an_error_that_names_it() {
    use std::os::unix::fs::PermissionsExt as _;
    let archive = Archive::built();
    let report = archive.sessions().join("ws-1.md");
    fs::set_permissions(&report, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&report).is_ok() {
        eprintln!("skipped: this user reads files whatever their permissions (root)");
        return;
    }
    archive.assert_refused("ws-1.md", "Permission denied");
}
