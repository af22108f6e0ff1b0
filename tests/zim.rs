//! `build --zim`: the ZIM file read back by the real readers. libzim (its
//! Python binding, `tests/zim/readback.py`) reads every entry back equal
//! to `public/`, with the metadata; kiwix-serve serves the file to Chromium
//! (`tests/zim/kiwix.mjs`), which finds no broken request and a working
//! search in Latin, Arabic and Chinese script.
//!
//! Needs python3 with libzim (Debian's python3-libzim, or `pip install
//! libzim`), kiwix-serve (Debian's kiwix-tools), node, Chromium and `npm ci`
//! in tests/browser. Without them those tests are skipped, with a note on
//! stderr; where the `CI` variable is set they fail instead.

mod common;

use common::*;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `root` into `out` with its ZIM file `zim`.
fn build_zim(root: &Path, out: &Path, zim: &Path) -> Result<igf_archive::BuildSummary, String> {
    igf_archive::build_with_zim(root, out, Some(zim), &|_| {}).map_err(|e| format!("{e:?}"))
}

/// False (after a note) when a reader is missing here; panics instead when
/// `CI` is set, since CI must run every reader.
fn available(missing: &[String]) -> bool {
    if missing.is_empty() {
        return true;
    }
    let why = format!("the ZIM reader check needs {}", missing.join("; "));
    if std::env::var_os("CI").is_some() {
        panic!("{why}");
    }
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
    false
}

/// A python3 that imports libzim: the one on the PATH, else Debian's.
fn python_with_libzim() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import libzim.reader, libzim.suggestion"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Reads `zim` back with libzim against the site in `site`; `expected` is
/// the JSON that `tests/zim/readback.py` describes.
fn read_back(zim: &Path, site: &Path, expected: serde_json::Value) {
    let Some(python) = python_with_libzim() else {
        available(&["python3 with libzim (apt install python3-libzim)".into()]);
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let expected_path = dir.path().join("expected.json");
    std::fs::write(&expected_path, expected.to_string()).unwrap();
    let output = Command::new(python)
        .arg(manifest_dir().join("tests/zim/readback.py"))
        .args([zim, site, &expected_path])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "libzim read {} back wrong:\n{stdout}{}",
        zim.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{}", stdout.trim_end());
}

#[test]
fn libzim_reads_the_fixture_back_whole_with_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let (out, zim) = (dir.path().join("public"), dir.path().join("fixture.zim"));
    build_zim(&fixture("basic"), &out, &zim).unwrap();
    read_back(
        &zim,
        &out,
        serde_json::json!({
            "metadata": {
                "Name": "fixture-archive_mul_all",
                "Title": "Fixture Archive",
                "Description": "An archive of the outputs of the Internet Governance Forum, readable offline.",
                "Language": "eng,fra,spa,rus,zho,ara",
                "Creator": "Internet Governance Forum",
                "Publisher": "Internet Governance Forum",
                "Date": "2021-12-10",
                "Source": "https://fixture.example.org/archive",
                "Tags": "igf;internet-governance;_pictures:no;_videos:no;_ftindex:no",
            },
            "site_titles": ["Fixture Archive", "Archive d'essai"],
            "suggest": [
                ["Data flows", "en/2020/sessions/ws-1/index.html"],
                ["تدفقات البيانات", "ar/2020/sessions/ws-1/index.html"],
                ["数据流动", "zh/2020/sessions/ws-1/index.html"],
            ],
        }),
    );
}

#[test]
fn libzim_reads_this_repositorys_archive_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (out, zim) = (dir.path().join("public"), dir.path().join("igf.zim"));
    build_zim(&manifest_dir(), &out, &zim).unwrap();
    read_back(
        &zim,
        &out,
        serde_json::json!({
            "metadata": {
                "Name": "igf-outputs-archive_mul_all",
                "Title": "IGF Outputs Archive",
                "Language": "eng,fra,spa,rus,zho,ara",
                "Source": "https://archive.example.org/igf",
            },
            "site_titles": ["IGF Outputs Archive", "互联网治理论坛成果档案"],
            "suggest": [[
                "Best Practice Forum on Cybersecurity",
                "en/2020/sessions/bpf-cybersecurity/index.html"
            ]],
        }),
    );
}

#[test]
fn site_yaml_overrides_every_metadata_field() {
    let archive = copy_fixture("basic");
    let root = archive.path();
    let mut config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    config.push_str(concat!(
        "zim:\n",
        "  name: igf-fixture_en_all\n",
        "  title: IGF fixture\n",
        "  description: A test archive\n",
        "  long_description: A longer description of the test archive.\n",
        "  creator: IGF Secretariat\n",
        "  publisher: A mirror\n",
        "  source: https://mirror.example.org/\n",
        "  tags: [igf, test]\n",
        "  language: [eng, fra]\n",
        "  date: 2022-01-31\n",
        "  illustration: icon.png\n",
    ));
    std::fs::write(root.join("site.yaml"), config).unwrap();
    let icon = std::fs::read(manifest_dir().join("src/zim/illustration.png")).unwrap();
    std::fs::write(root.join("icon.png"), icon).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let (out, zim) = (out_dir.path().join("public"), out_dir.path().join("f.zim"));
    build_zim(root, &out, &zim).unwrap();
    read_back(
        &zim,
        &out,
        serde_json::json!({
            "metadata": {
                "Name": "igf-fixture_en_all",
                "Title": "IGF fixture",
                "Description": "A test archive",
                "LongDescription": "A longer description of the test archive.",
                "Language": "eng,fra",
                "Creator": "IGF Secretariat",
                "Publisher": "A mirror",
                "Date": "2022-01-31",
                "Source": "https://mirror.example.org/",
                "Tags": "igf;test;_ftindex:no",
            },
            "site_titles": ["Fixture Archive"],
            "suggest": [],
        }),
    );
    // An illustration that is not 48×48 is an error naming the field.
    std::fs::write(root.join("icon.png"), b"not a png").unwrap();
    let error = build_zim(root, &out, &zim).unwrap_err();
    assert!(error.contains("zim.illustration"), "{error}");
}

#[test]
fn the_same_archive_gives_the_same_zim_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.zim");
    let second = dir.path().join("b.zim");
    build_zim(&fixture("basic"), &dir.path().join("one"), &first).unwrap();
    build_zim(&fixture("basic"), &dir.path().join("two"), &second).unwrap();
    let bytes = std::fs::read(&first).unwrap();
    assert!(bytes.starts_with(b"ZIM\x04"));
    assert!(
        bytes == std::fs::read(&second).unwrap(),
        "two builds differ"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_zim_and_site_intact() {
    let archive = copy_fixture("basic");
    let root = archive.path();
    let dir = tempfile::tempdir().unwrap();
    let (out, zim) = (dir.path().join("public"), dir.path().join("site.zim"));
    build_zim(root, &out, &zim).unwrap();
    let before = std::fs::read(&zim).unwrap();
    // A broken report: the build stops before anything is written.
    let report = root.join("content/2020/sessions/ws-1.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replacen("title:", "titel:", 1)).unwrap();
    assert!(build_zim(root, &out, &zim).is_err());
    assert!(std::fs::read(&zim).unwrap() == before);
    // A ZIM that cannot be written: the site is not replaced either.
    std::fs::write(&report, text.replace("Data flows", "Data flows (rev.)")).unwrap();
    let site_before = read_tree(&out);
    let blocked = dir.path().join("blocked.zim");
    std::fs::create_dir_all(blocked.join("occupied")).unwrap();
    let error = build_zim(root, &out, &blocked).unwrap_err();
    assert!(error.contains("blocked.zim"), "{error}");
    assert!(read_tree(&out) == site_before, "the site changed");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter().all(|name| !name.ends_with(".tmp")),
        "left behind: {left:?}"
    );
}

/// kiwix-serve on a free loopback port, stopped when dropped.
struct KiwixServe {
    child: Child,
    port: u16,
}

impl KiwixServe {
    fn start(zim: &Path) -> KiwixServe {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("kiwix-serve")
            .arg(format!("--port={port}"))
            .arg("--address=127.0.0.1")
            .arg(zim)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = KiwixServe { child, port };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("kiwix-serve did not start on port {port}");
    }
}

impl Drop for KiwixServe {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn kiwix_missing() -> Vec<String> {
    let mut missing = Vec::new();
    if Command::new("kiwix-serve")
        .arg("--version")
        .output()
        .is_err()
    {
        missing.push("kiwix-serve on the PATH (apt install kiwix-tools)".into());
    }
    let chromium = std::env::var_os("CHROMIUM").map_or("/usr/bin/chromium".into(), PathBuf::from);
    if !chromium.is_file() {
        missing.push(format!("Chromium at {}", chromium.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node on the PATH".into());
    }
    let playwright = manifest_dir().join("tests/browser/node_modules/playwright-core/package.json");
    if !playwright.is_file() {
        missing.push("playwright-core (run `npm ci` in tests/browser)".into());
    }
    missing
}

/// Builds `root` with its ZIM file, serves the file with kiwix-serve and
/// runs `tests/zim/kiwix.mjs` on it with `queries` ([lang, query, path]).
fn check_in_kiwix(root: &Path, queries: serde_json::Value) {
    if !available(&kiwix_missing()) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (out, zim) = (dir.path().join("public"), dir.path().join("book.zim"));
    build_zim(root, &out, &zim).unwrap();
    let queries_path = dir.path().join("queries.json");
    std::fs::write(&queries_path, queries.to_string()).unwrap();
    let server = KiwixServe::start(&zim);
    // kiwix-serve names a book after its file.
    let book = format!("http://127.0.0.1:{}/book/", server.port);
    let output = Command::new("node")
        .arg(manifest_dir().join("tests/zim/kiwix.mjs"))
        .arg(&book)
        .arg(&queries_path)
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "Chromium on kiwix-serve failed for {}:\n{stdout}{}",
        root.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{}", stdout.trim_end());
}

#[test]
fn kiwix_serves_every_page_and_the_search_works_in_three_scripts() {
    check_in_kiwix(
        &fixture("basic"),
        serde_json::json!([
            ["en", "privacy frameworks", "en/2020/sessions/ws-1/"],
            ["ar", "الحدود", "ar/2020/sessions/ws-1/"],
            ["zh", "跨境", "zh/2020/sessions/ws-1/"],
        ]),
    );
}

#[test]
fn kiwix_serves_this_repositorys_archive_whole() {
    check_in_kiwix(
        &manifest_dir(),
        serde_json::json!([
            ["en", "cybersecurity", "en/2020/sessions/bpf-cybersecurity/"],
            ["ar", "الأمن", "ar/2020/sessions/main-trust/"],
            ["zh", "网络安全", "zh/2020/sessions/main-trust/"],
        ]),
    );
}
