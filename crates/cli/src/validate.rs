//! `claimmark validate FILE`: can claimmark import this file, and what is in it?
//!
//! Prints the format (claimmark backup, claimmark's W3C export, other W3C Web Annotation JSON-LD,
//! a Hypothesis API response), how many annotations it holds and which items would be skipped;
//! or, for a file that cannot be imported, every problem with its path inside the file
//! (`first.items[3].target.selector[0]: unknown selector type 'MagicSelector'`). The checks are
//! exactly those of the widget's import, so a file that validates here imports there.

use std::ffi::OsString;
use std::process::ExitCode;

use claimmark_core::export::import;
use claimmark_core::model::Timestamp;

const HELP: &str = "\
usage: claimmark validate FILE

Checks that FILE can be imported into claimmark: a claimmark backup, W3C Web Annotation JSON-LD
(one annotation, a list, an AnnotationPage or an AnnotationCollection), or a Hypothesis API search
response or annotation. Prints the format and the number of annotations, or every problem with its
path inside the file.

Exit status: 0 when the file is valid, 2 when it is not or cannot be read.";

pub fn run(args: Vec<OsString>) -> ExitCode {
    let mut files = Vec::new();
    for arg in args {
        match arg.to_str() {
            Some("-h" | "--help") => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            Some(flag) if flag.starts_with("--") => {
                eprintln!("claimmark validate: unknown option '{flag}'\n\nusage: claimmark validate FILE");
                return ExitCode::from(2);
            }
            _ => files.push(arg),
        }
    }
    let [file] = files.as_slice() else {
        eprintln!("claimmark validate: give exactly one FILE\n\nusage: claimmark validate FILE");
        return ExitCode::from(2);
    };
    let path = file.to_string_lossy();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("claimmark validate: cannot read '{path}': {e}");
            return ExitCode::from(2);
        }
    };
    // The time only fills in missing timestamps, which validation does not show.
    match import::read(&bytes, Timestamp::from_millis(0)) {
        Ok(parsed) => {
            let dismissed = parsed.annotations.iter().filter(|a| a.dismissed).count();
            let mut line =
                format!("{path}: valid {}, {} annotation", parsed.format, parsed.annotations.len());
            if parsed.annotations.len() != 1 {
                line.push('s');
            }
            if dismissed > 0 {
                line.push_str(&format!(" ({dismissed} dismissed)"));
            }
            if !parsed.tombstones.is_empty() {
                line.push_str(&format!(", {} deleted", parsed.tombstones.len()));
            }
            if !parsed.skipped.is_empty() {
                line.push_str(&format!(", {} skipped", parsed.skipped.len()));
            }
            println!("{line}");
            for skipped in &parsed.skipped {
                println!("  skipped {skipped}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let problems = error.problems();
            let what = error.format().map(|f| format!(" {f}")).unwrap_or_default();
            let count = if problems.len() == 1 {
                "1 problem".to_owned()
            } else {
                format!("{} problems", problems.len())
            };
            println!("{path}: invalid{what}, {count}");
            for problem in problems {
                println!("  {problem}");
            }
            ExitCode::from(2)
        }
    }
}
