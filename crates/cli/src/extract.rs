//! `claimmark extract [FILE|-] [--plain] [--format json|jsonl|tsv] [--date YYYY-MM-DD]`: the
//! claims in an article.
//!
//! The input is read as the widget reads it (headline, byline and page furniture removed) and the
//! offsets index the article body: the paragraphs joined by a blank line, counted in Unicode
//! characters (`start`, `end`) and in UTF-16 code units (`start_utf16`, `end_utf16`, as the DOM
//! counts). Each record says so in `offsets_in`. `--plain` takes the whole input as the body, so
//! that a single sentence can be checked. `--date` gives the publication date, against which
//! relative dates ("last year", "yesterday") are resolved.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use claimmark_core::article::{utf8, Article};
use claimmark_core::detect::{detect_with, CalendarDate, Claim, ClaimValue, DetectOptions};
use claimmark_core::text::TextIndex;
use serde::Serialize;
use thiserror::Error;

const HELP: &str = "\
usage: claimmark extract [FILE|-] [--plain] [--format json|jsonl|tsv] [--date YYYY-MM-DD]

Finds the checkable claims in an article: money, percentages, dates, quotations (with the speaker)
and trend figures (with a check of the stated rate).

  FILE             the article as plain text; '-' or nothing reads standard input
  --plain          take the whole input as body text: no headline, byline or furniture detection
  --format FORMAT  json (default): an array of claims; jsonl: one claim per line;
                   tsv: a header line, then kind, start, end, text, label, speaker
  --date DATE      the publication date, YYYY-MM-DD: relative dates (\"last year\",
                   \"yesterday\") are resolved against it; without it they are given as an
                   offset from publication (\"1 year before publication\")

Offsets (start, end) count Unicode characters of the article body: its paragraphs joined by a
blank line, with the headline, byline and page furniture removed (or the whole input with
--plain). start_utf16 and end_utf16 count UTF-16 code units of the same text.

Exit status: 0 on success, 2 when the file is missing, is not UTF-8 or the options are wrong.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Jsonl,
    Tsv,
}

#[derive(Debug)]
struct Options {
    input: Option<OsString>,
    plain: bool,
    format: Format,
    published: Option<CalendarDate>,
}

/// What can go wrong, with the message shown.
#[derive(Debug, Error)]
enum ExtractError {
    #[error(
        "{0}\n\nusage: claimmark extract [FILE|-] [--plain] [--format json|jsonl|tsv] [--date YYYY-MM-DD]"
    )]
    Usage(String),
    #[error("cannot read '{path}': {source}")]
    Read { path: String, source: io::Error },
    #[error("{path}: {source}")]
    Article { path: String, source: claimmark_core::article::ParseError },
}

fn parse_args(args: Vec<OsString>) -> Result<Option<Options>, ExtractError> {
    let mut options = Options { input: None, plain: false, format: Format::Json, published: None };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else {
            // A file name that is not UTF-8 is still a file name.
            set_input(&mut options, arg)?;
            continue;
        };
        let (flag, inline) = match text.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (text, None),
        };
        match flag {
            "-h" | "--help" => return Ok(None),
            "--plain" if inline.is_none() => options.plain = true,
            "--format" | "-f" => {
                let value = match inline {
                    Some(v) => v,
                    None => args.next().and_then(|v| v.into_string().ok()).ok_or_else(|| {
                        ExtractError::Usage("--format needs a value: json, jsonl or tsv".into())
                    })?,
                };
                options.format = match value.as_str() {
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    "tsv" => Format::Tsv,
                    other => {
                        return Err(ExtractError::Usage(format!(
                            "unknown format '{other}': use json, jsonl or tsv"
                        )))
                    }
                };
            }
            "--date" => {
                let value = match inline {
                    Some(v) => v,
                    None => args.next().and_then(|v| v.into_string().ok()).ok_or_else(|| {
                        ExtractError::Usage("--date needs a value: the publication date, YYYY-MM-DD".into())
                    })?,
                };
                let date = value.parse().map_err(|e| ExtractError::Usage(format!("--date: {e}")))?;
                options.published = Some(date);
            }
            "-" => set_input(&mut options, arg)?,
            f if f.starts_with('-') => return Err(ExtractError::Usage(format!("unknown option '{text}'"))),
            _ => set_input(&mut options, arg)?,
        }
    }
    Ok(Some(options))
}

fn set_input(options: &mut Options, arg: OsString) -> Result<(), ExtractError> {
    if let Some(first) = &options.input {
        return Err(ExtractError::Usage(format!(
            "one input only: got '{}' and '{}'",
            first.to_string_lossy(),
            arg.to_string_lossy()
        )));
    }
    options.input = Some(arg);
    Ok(())
}

fn read_input(input: Option<&OsString>) -> Result<(String, Vec<u8>), ExtractError> {
    match input.filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            let name = path.to_string_lossy().into_owned();
            let bytes =
                std::fs::read(path).map_err(|source| ExtractError::Read { path: name.clone(), source })?;
            Ok((name, bytes))
        }
        None => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|source| ExtractError::Read { path: "standard input".into(), source })?;
            Ok(("standard input".into(), bytes))
        }
    }
}

/// One claim as written in the output.
#[derive(Serialize)]
struct Record<'a> {
    kind: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
    start_utf16: usize,
    end_utf16: usize,
    /// Which text the offsets index: "body" (the article body) or "plain" (the whole input).
    offsets_in: &'a str,
    value: &'a ClaimValue,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
}

fn record<'a>(claim: &'a Claim, index: &TextIndex<'_>, offsets_in: &'a str) -> Record<'a> {
    Record {
        kind: claim.kind.as_str(),
        text: &claim.text,
        start: claim.span.start.0,
        end: claim.span.end.0,
        start_utf16: index.char_to_utf16(claim.span.start).0,
        end_utf16: index.char_to_utf16(claim.span.end).0,
        offsets_in,
        value: &claim.value,
        label: claim.value_label(),
        speaker: claim.speaker.as_deref(),
    }
}

/// Makes a field safe for one TSV cell.
fn tsv_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}

fn write_output(
    out: &mut impl Write,
    claims: &[Claim],
    body: &str,
    plain: bool,
    format: Format,
) -> io::Result<()> {
    let index = TextIndex::new(body);
    let offsets_in = if plain { "plain" } else { "body" };
    let records: Vec<Record<'_>> = claims.iter().map(|c| record(c, &index, offsets_in)).collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &records)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for r in &records {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
        }
        Format::Tsv => {
            writeln!(out, "kind\tstart\tend\ttext\tlabel\tspeaker")?;
            for r in &records {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    r.kind,
                    r.start,
                    r.end,
                    tsv_cell(r.text),
                    tsv_cell(&r.label),
                    tsv_cell(r.speaker.unwrap_or(""))
                )?;
            }
        }
    }
    out.flush()
}

/// Runs `claimmark extract` with the arguments after the subcommand.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let options = match parse_args(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&e),
    };
    let (name, bytes) = match read_input(options.input.as_ref()) {
        Ok(read) => read,
        Err(e) => return fail(&e),
    };
    let article = utf8(&bytes)
        .and_then(|text| if options.plain { Article::parse_plain(text) } else { Article::parse(text) })
        .map_err(|source| ExtractError::Article { path: name, source });
    let article = match article {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    let claims = detect_with(&article.body, &DetectOptions { published: options.published });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write_output(&mut out, &claims, &article.body, options.plain, options.format) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimmark extract: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn fail(e: &ExtractError) -> ExitCode {
    eprintln!("claimmark extract: {e}");
    ExitCode::from(2)
}
