//! The command line: parses arguments and calls the library. Nothing else.

use clap::{Parser, Subcommand};

// At 100,000 reports glibc's allocator spent a fifth of the time in
// `_int_malloc` walking fragmented bins (perf); see the history of
// BENCHMARKS.md (`git log -p BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use igf_archive::diagnostics::{self, Diagnostic};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(
    name = "igf-archive",
    version,
    about = "Builds a static, multilingual archive of Internet Governance Forum outputs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the archive into a static site that works from disk
    Build {
        /// The archive: the folder with site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where the site goes [default: ROOT/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print nothing but errors
        #[arg(long, short)]
        quiet: bool,
        /// Print how long each stage took
        #[arg(long)]
        timings: bool,
        /// Also pack the verified site into FILE.tar.gz, to hand out on media
        #[arg(long, value_name = "FILE.tar.gz")]
        bundle: Option<PathBuf>,
        /// Also write the site as one ZIM file, which Kiwix opens offline
        #[arg(long, value_name = "FILE.zim")]
        zim: Option<PathBuf>,
    },
    /// Preview the archive while editing it: builds into memory, serves it
    /// on loopback and rebuilds what each saved change touches
    Serve {
        /// The archive: the folder with site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; keep it on loopback unless you mean to
        /// share the preview
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in a browser
        #[arg(long)]
        open: bool,
    },
    /// Check a copy of the site against its manifest
    ///
    /// Reports every missing, altered and unexpected file. Exit status 0
    /// only when the copy is whole.
    Verify {
        /// The copy: a folder with manifest.json
        dir: PathBuf,
    },
    /// Start a new session report, or a new archive
    #[command(subcommand)]
    New(New),
    /// Check the archive and report every problem, without building
    ///
    /// Exit status: 0 when there are no errors (warnings alone pass unless
    /// --deny-warnings), 1 when there are errors, 2 when the archive cannot
    /// be read at all.
    Check {
        /// The archive: the folder with site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// human (with the offending line), json (one array), or github
        /// (workflow commands that annotate a pull request)
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Fail on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Report outdated translations, but do not let them fail
        /// --deny-warnings: translators may follow an edit days later
        #[arg(long)]
        allow_outdated_translations: bool,
    },
    /// Show which translations are current, outdated, unmarked or missing,
    /// per language, year and kind; or record translations as current
    ///
    /// A translation records its original's state in its `translates`
    /// field; --record writes it, once the translation says what the
    /// original says now.
    Translations {
        /// The archive: the folder with site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// human (totals, then each translation to do) or json
        #[arg(long, value_enum, default_value = "human")]
        format: StatusFormat,
        /// Record these translations as translating their original as it
        /// is now
        #[arg(long, value_name = "FILE", num_args = 1..)]
        record: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StatusFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum New {
    /// Write a session report template (or a translation of one)
    ///
    /// The file goes to content/YEAR/sessions/<slug>.md, the slug made from
    /// the code (WS 123 → ws-123); with --lang, to <slug>.<lang>.md, with the
    /// original's code, type, date and tracks filled in.
    Session {
        /// The archive: the folder with site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The meeting's year; content/YEAR/meeting.yaml must exist
        #[arg(long)]
        year: u16,
        /// The session's code on the schedule, e.g. "WS #123"
        #[arg(long)]
        code: String,
        /// The session's title
        #[arg(long)]
        title: String,
        /// workshop, open-forum, main-session, bpf, dc, nri, high-level,
        /// parliamentary, youth, lightning-talk, town-hall, launch, other
        #[arg(long = "type")]
        session_type: Option<String>,
        /// A track id of the year's meeting.yaml (repeat for several)
        #[arg(long = "track")]
        tracks: Vec<String>,
        /// Write a translation in this language instead of the original
        #[arg(long)]
        lang: Option<String>,
    },
    /// Write a meeting.yaml template for a year
    ///
    /// The file goes to content/YEAR/meeting.yaml, with a comment on every
    /// field; what is not given is left empty for `check` to name.
    Meeting {
        /// The archive: the folder with site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The meeting's year (the IGF first met in 2006)
        #[arg(long)]
        year: u16,
        /// The meeting's title (default: "21st Internet Governance Forum" for 2026)
        #[arg(long)]
        title: Option<String>,
        /// The meeting's overarching theme
        #[arg(long)]
        theme: Option<String>,
        /// Where it met: the city and country, or Online
        #[arg(long)]
        location: Option<String>,
        /// Its first day, YYYY-MM-DD
        #[arg(long)]
        start: Option<String>,
        /// Its last day, YYYY-MM-DD
        #[arg(long)]
        end: Option<String>,
        /// A track id (repeat for several); its title is left to fill in
        #[arg(long = "track")]
        tracks: Vec<String>,
    },
    /// Create a new archive, in the current year, that builds at once
    Archive {
        /// The folder to create it in
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            quiet,
            timings,
            bundle,
            zim,
        } => build(root, output, quiet, timings, bundle, zim),
        Command::Verify { dir } => verify(dir),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => serve(root, std::net::SocketAddr::new(bind, port), open),
        Command::Check {
            root,
            format,
            deny_warnings,
            allow_outdated_translations,
        } => check(root, format, deny_warnings, allow_outdated_translations),
        Command::Translations {
            root,
            format,
            record,
        } => translations(root, format, &record),
        Command::New(what) => new(what),
    }
}

fn build(
    root: PathBuf,
    output: Option<PathBuf>,
    quiet: bool,
    timings: bool,
    bundle: Option<PathBuf>,
    zim: Option<PathBuf>,
) -> ExitCode {
    if let Some(file) = &bundle
        && !file.to_string_lossy().ends_with(".tar.gz")
    {
        eprintln!(
            "error: --bundle makes a .tar.gz file, not {}",
            file.display()
        );
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let output = output.unwrap_or_else(|| root.join("public"));
    if let Some(file) = &zim
        && let Err(message) = igf_archive::zim::check_path(file, &output)
    {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let color = std::io::stderr().is_terminal();
    let show = |found: &[Diagnostic]| {
        let lookup = diagnostics::disk_lookup(root.clone());
        eprint!("{}", diagnostics::format_human(found, &lookup, color));
    };
    let bar = build_progress(quiet);
    let result =
        igf_archive::build_with_zim(&root, &output, zim.as_deref(), &|event| match event {
            igf_archive::Progress::Stage(stage) => bar.set_message(stage),
            igf_archive::Progress::Wrote => bar.inc(1),
        });
    bar.finish_and_clear();
    match result {
        Ok(summary) => {
            if timings {
                for (stage, duration) in &summary.timings {
                    eprintln!("{stage:>22}: {:>8.1} ms", duration.as_secs_f64() * 1000.0);
                }
            }
            if !summary.warnings.is_empty() && !quiet {
                show(&summary.warnings);
            }
            if !quiet {
                println!(
                    "Built {} documents into {} pages in {} languages in {:.2} s ({} files written, {} unchanged) → {}",
                    summary.documents,
                    summary.pages,
                    summary.languages,
                    started.elapsed().as_secs_f64(),
                    summary.write.written,
                    summary.write.unchanged,
                    output.display()
                );
                if let (Some(file), Some(written)) = (&zim, &summary.zim) {
                    println!(
                        "Wrote {} entries in {} clusters ({:.1} MB) → {}",
                        written.entries,
                        written.clusters,
                        written.bytes as f64 / 1e6,
                        file.display()
                    );
                }
            }
            match bundle {
                Some(file) => pack(&output, &file, quiet),
                None => ExitCode::SUCCESS,
            }
        }
        Err(igf_archive::BuildError::Content(found)) => {
            show(&found);
            eprintln!("The build failed; {} was left as it was.", output.display());
            ExitCode::FAILURE
        }
        Err(igf_archive::BuildError::Io(error)) => {
            eprintln!("error: cannot write {}: {error}", output.display());
            ExitCode::FAILURE
        }
    }
}

/// A spinner with the stage and the count of files written, on a terminal
/// only; builds of a few seconds are where it helps.
fn build_progress(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos} files written [{elapsed}]")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Whether `root` holds an archive; if not, says so.
fn is_archive(root: &std::path::Path) -> bool {
    let found = root.join("site.yaml").is_file() && root.join("content").is_dir();
    if !found {
        eprintln!(
            "error: {} is not an archive: it needs site.yaml and a content/ folder\nhelp: pass --root DIR, or create one with `igf-archive new archive DIR`",
            root.display()
        );
    }
    found
}

fn check(root: PathBuf, format: Format, deny_warnings: bool, allow_outdated: bool) -> ExitCode {
    if !is_archive(&root) {
        return ExitCode::from(2);
    }
    let found = match igf_archive::load_archive(&root) {
        Ok((_, warnings)) => warnings,
        Err(diagnostics) => diagnostics,
    };
    let report = match format {
        Format::Human => {
            let lookup = diagnostics::disk_lookup(root.clone());
            diagnostics::format_human(&found, &lookup, std::io::stdout().is_terminal())
        }
        Format::Json => diagnostics::format_json(&found),
        Format::Github => diagnostics::format_github(&found),
    };
    print!("{report}");
    let denied = |d: &&Diagnostic| {
        !(allow_outdated && d.code == Some(igf_archive::content::translation::OUTDATED))
    };
    let failed =
        diagnostics::has_errors(&found) || (deny_warnings && found.iter().any(|d| denied(&d)));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn translations(root: PathBuf, format: StatusFormat, record: &[PathBuf]) -> ExitCode {
    if !is_archive(&root) {
        return ExitCode::from(2);
    }
    if !record.is_empty() {
        let recorded = igf_archive::config::load(&root)
            .map_err(|found| {
                found
                    .iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .and_then(|config| igf_archive::translations::record(&root, &config, record));
        return match recorded {
            Ok(files) => {
                for file in files {
                    println!("Recorded {file} as current");
                }
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        };
    }
    match igf_archive::load_archive(&root) {
        Ok((archive, _)) => {
            let report = igf_archive::translations::report(&archive);
            match format {
                StatusFormat::Human => print!("{}", report.to_text()),
                StatusFormat::Json => print!("{}", report.to_json()),
            }
            ExitCode::SUCCESS
        }
        Err(found) => {
            let lookup = diagnostics::disk_lookup(root.clone());
            eprint!(
                "{}",
                diagnostics::format_human(&found, &lookup, std::io::stderr().is_terminal())
            );
            eprintln!("The archive has errors; `igf-archive check` lists them.");
            ExitCode::FAILURE
        }
    }
}

fn new(what: New) -> ExitCode {
    let result = match what {
        New::Session {
            root,
            year,
            code,
            title,
            session_type,
            tracks,
            lang,
        } => igf_archive::config::load(&root)
            .map_err(|d| {
                d.iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .and_then(|config| {
                let request = igf_archive::scaffold::SessionRequest {
                    year,
                    code,
                    title,
                    session_type,
                    tracks,
                    lang,
                };
                igf_archive::scaffold::new_session(&root, &config, &request).map(|p| vec![p])
            }),
        New::Meeting {
            root,
            year,
            title,
            theme,
            location,
            start,
            end,
            tracks,
        } => {
            let request = igf_archive::scaffold::MeetingRequest {
                year,
                title,
                theme,
                location,
                start,
                end,
                tracks,
            };
            igf_archive::scaffold::new_meeting(&root, &request).map(|p| vec![p])
        }
        New::Archive { dir } => igf_archive::scaffold::new_archive(&dir),
    };
    match result {
        Ok(paths) => {
            for path in paths {
                println!("Created {}", path.display());
            }
            println!("Next: fill it in, then run `igf-archive check` until it is clean.");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn progress_bar(length: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(length as u64);
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar
}

fn verify(dir: PathBuf) -> ExitCode {
    let bar = progress_bar(0);
    let tick = || bar.inc(1);
    if let Ok(text) = std::fs::read_to_string(dir.join(igf_archive::output::MANIFEST)) {
        bar.set_length(text.matches("\"sha256\"").count() as u64);
    }
    let result = igf_archive::mirror::verify(&dir, &tick);
    bar.finish_and_clear();
    match result {
        Ok(report) => {
            for path in &report.missing {
                println!("missing:    {path}");
            }
            for path in &report.altered {
                println!("altered:    {path}");
            }
            for path in &report.unexpected {
                println!("unexpected: {path}");
            }
            if report.is_whole() {
                println!(
                    "{}: all {} files are as the manifest says",
                    dir.display(),
                    report.checked
                );
                ExitCode::SUCCESS
            } else {
                println!(
                    "{}: {} missing, {} altered, {} unexpected, of {} files",
                    dir.display(),
                    report.missing.len(),
                    report.altered.len(),
                    report.unexpected.len(),
                    report.checked
                );
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Verifies the fresh output, then packs it.
fn pack(output: &std::path::Path, file: &std::path::Path, quiet: bool) -> ExitCode {
    match igf_archive::mirror::verify(output, &|| {}) {
        Ok(report) if report.is_whole() => {}
        Ok(report) => {
            eprintln!(
                "error: {} does not match its manifest: {report:?}",
                output.display()
            );
            return ExitCode::FAILURE;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    }
    let folder = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    match igf_archive::mirror::bundle(output, file, &folder) {
        Ok(()) => {
            if !quiet {
                println!("Packed {} into {}", output.display(), file.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", file.display());
            ExitCode::FAILURE
        }
    }
}

fn serve(root: PathBuf, address: std::net::SocketAddr, open: bool) -> ExitCode {
    let ready = |local: std::net::SocketAddr| {
        let url = format!("http://{local}/");
        println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
        if open {
            let _ = std::process::Command::new(if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            })
            .arg(&url)
            .spawn();
        }
    };
    match igf_archive::serve::serve(&root, address, ready) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot serve on {address}: {error}");
            ExitCode::FAILURE
        }
    }
}
