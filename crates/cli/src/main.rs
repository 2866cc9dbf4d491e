//! `claimmark`: the command line. `claimmark extract`, `export`, `validate`.
//!
//! Each subcommand lives in its own module with a `run(args) -> ExitCode`. Exit codes are shared:
//! 0 success, 1 an output error, 2 bad usage or bad input (a missing file, text that is not UTF-8).
//! Arguments are parsed by hand: there are few of them, and it keeps the binary small.

use std::ffi::OsString;
use std::process::ExitCode;

mod export;
mod extract;
mod validate;

const USAGE: &str = "\
usage: claimmark <command> [options]

commands:
  extract [FILE|-] [--plain] [--format json|jsonl|tsv] [--date YYYY-MM-DD]
          find checkable claims (money, percentages, dates, quotations, trend figures)
  export  --from FILE --format annotations|claimreview|csv|backup [--org NAME --org-url URL]
          write annotations as W3C Web Annotations, ClaimReview, CSV or a backup
  validate FILE
          check that a backup, W3C Web Annotation or Hypothesis file can be imported

  claimmark <command> --help   shows the options of a command
  claimmark --version";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(command) = args.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest: Vec<OsString> = args.collect();
    match command.to_str() {
        Some("extract") => extract::run(rest),
        Some("export") => export::run(rest),
        Some("validate") => validate::run(rest),
        Some("--version" | "-V") => {
            println!("claimmark {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("claimmark: unknown command '{other}'\n\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("claimmark: the command is not valid UTF-8: {}\n\n{USAGE}", command.to_string_lossy());
            ExitCode::from(2)
        }
    }
}
