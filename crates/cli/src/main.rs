//! `claimmark`: the command line. `claimmark extract`, `export`, `validate`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") => {
            println!("claimmark {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: claimmark <extract|export|validate> ...");
            ExitCode::from(2)
        }
    }
}
