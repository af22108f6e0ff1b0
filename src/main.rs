//! The command line: parses arguments and calls the library. Nothing else.

use clap::{Parser, Subcommand};
use igf_archive::diagnostics::{self, Diagnostic};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            quiet,
        } => build(root, output, quiet),
    }
}

fn build(root: PathBuf, output: Option<PathBuf>, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let output = output.unwrap_or_else(|| root.join("public"));
    let color = std::io::stderr().is_terminal();
    let show = |found: &[Diagnostic]| {
        let lookup = diagnostics::disk_lookup(root.clone());
        eprint!("{}", diagnostics::format_human(found, &lookup, color));
    };
    match igf_archive::build(&root, &output) {
        Ok(summary) => {
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
            }
            ExitCode::SUCCESS
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
