//! `claimmark export --from FILE --format annotations|claimreview|csv|backup`: a fact-check in
//! the format other tools read.
//!
//! `--from` takes anything `claimmark validate` accepts (a backup, W3C Web Annotation JSON-LD, a
//! Hypothesis API response), so the command also converts between formats. The export goes to
//! standard output, or to `--out FILE`. ClaimReview warnings (a claim over 75 characters, a url
//! off the publisher's domain) go to standard error and do not fail the command.

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use claimmark_core::export::claimreview::ClaimReviewConfig;
use claimmark_core::export::import::{self, ImportError};
use claimmark_core::export::{export, ArticleDetails, ExportFormat};
use claimmark_core::model::{IsoDate, Timestamp};
use claimmark_core::store::{ArticleInfo, StoreDocument};
use thiserror::Error;

const USAGE: &str =
    "usage: claimmark export --from FILE --format annotations|claimreview|csv|backup [options]";

const HELP: &str = "\
usage: claimmark export --from FILE --format annotations|claimreview|csv|backup [options]

Writes the annotations of FILE (a claimmark backup, W3C Web Annotation JSON-LD or a Hypothesis
API response) to standard output as:
  annotations   W3C Web Annotation JSON-LD (an AnnotationCollection)
  claimreview   schema.org ClaimReview JSON-LD, one per rated claim
  csv           one row per claim and source, with a header row
  backup        the claimmark storage document

options:
  --out FILE             write to FILE instead of standard output
  --article-url URL      the article's web address (default: the one in FILE, if any)
  --author NAME          the article's author (ClaimReview's claim author)
  --published YYYY-MM-DD when the article was published
  --org NAME             the fact-checking organisation (ClaimReview's author)
  --org-url URL          the organisation's home page; its domain is the publisher's domain
  --publisher-domain D   the domain reviews are published on, if not the --org-url's
  --review-url URL       where the reviews are published (default: the article's url)

Exit status: 0 on success (ClaimReview warnings are printed to standard error), 1 when the output
cannot be written, 2 when the options are wrong or FILE cannot be read or imported.";

#[derive(Debug, Error)]
enum ExportError {
    #[error("{0}\n\n{USAGE}")]
    Usage(String),
    #[error("cannot read '{path}': {source}")]
    Read { path: String, source: io::Error },
    #[error("{path}: {error}")]
    Import { path: String, error: Box<ImportError> },
    #[error("cannot write '{path}': {source}")]
    Write { path: String, source: io::Error },
}

impl ExportError {
    fn code(&self) -> u8 {
        match self {
            ExportError::Write { .. } => 1,
            _ => 2,
        }
    }
}

#[derive(Debug, Default)]
struct Options {
    from: Option<String>,
    format: Option<ExportFormat>,
    out: Option<String>,
    details: ArticleDetails,
    config: ClaimReviewConfig,
}

fn parse_args(args: Vec<OsString>) -> Result<Option<Options>, ExportError> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.into_string().map_err(|a| {
            ExportError::Usage(format!("the argument '{}' is not valid UTF-8", a.to_string_lossy()))
        })?;
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if matches!(flag.as_str(), "-h" | "--help") {
            return Ok(None);
        }
        let mut value = || -> Result<String, ExportError> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args
                    .next()
                    .and_then(|v| v.into_string().ok())
                    .ok_or_else(|| ExportError::Usage(format!("{flag} needs a value"))),
            }
        };
        match flag.as_str() {
            "--from" => options.from = Some(value()?),
            "--format" | "-f" => {
                let name = value()?;
                options.format = Some(ExportFormat::parse(&name).ok_or_else(|| {
                    ExportError::Usage(format!(
                        "unknown format '{name}' (expected annotations, claimreview, csv or backup)"
                    ))
                })?);
            }
            "--out" | "-o" => options.out = Some(value()?),
            "--article-url" => options.details.url = Some(value()?),
            "--author" => options.details.author = Some(value()?),
            "--published" => {
                let date = value()?;
                options.details.published =
                    Some(IsoDate::parse(&date).map_err(|e| ExportError::Usage(format!("--published: {e}")))?);
            }
            "--org" => options.config.org_name = value()?,
            "--org-url" => options.config.org_url = Some(value()?),
            "--publisher-domain" => options.config.publisher_domain = Some(value()?),
            "--review-url" => options.config.review_url = Some(value()?),
            other => return Err(ExportError::Usage(format!("unknown option '{other}'"))),
        }
    }
    if options.from.is_none() {
        return Err(ExportError::Usage("--from FILE is required".to_owned()));
    }
    if options.format.is_none() {
        return Err(ExportError::Usage("--format is required".to_owned()));
    }
    Ok(Some(options))
}

/// The file as a storage document: a backup as it is, anything else with the article it names.
fn document(path: &str, now: Timestamp) -> Result<(StoreDocument, Option<String>), ExportError> {
    let bytes = std::fs::read(path).map_err(|source| ExportError::Read { path: path.to_owned(), source })?;
    let file = import::read(&bytes, now)
        .map_err(|error| ExportError::Import { path: path.to_owned(), error: Box::new(error) })?;
    let article = file.article.clone().unwrap_or_else(|| {
        let id = file.annotations.first().map(|a| a.target.article_id.clone()).unwrap_or_default();
        ArticleInfo {
            id: if id.is_empty() { "article".to_owned() } else { id },
            title: String::new(),
            fingerprint: String::new(),
        }
    });
    let mut doc = StoreDocument::new(article);
    doc.annotations = file.annotations;
    doc.tombstones = file.tombstones;
    doc.normalize();
    Ok((doc, file.article_url))
}

fn now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Timestamp::from_millis(millis)
}

fn export_to(options: Options) -> Result<(), ExportError> {
    let path = options.from.unwrap_or_default();
    let (doc, file_url) = document(&path, now())?;
    let mut details = options.details;
    if details.url.is_none() {
        details.url = file_url;
    }
    let format = options.format.unwrap_or(ExportFormat::Backup);
    let exported = export(&doc, &details, format, Some(&options.config));
    for warning in &exported.warnings {
        eprintln!("warning: {warning}");
    }
    let mut text = exported.text;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match options.out {
        Some(out) => std::fs::write(&out, text).map_err(|source| ExportError::Write { path: out, source }),
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(text.as_bytes())
                .and_then(|()| lock.flush())
                .map_err(|source| ExportError::Write { path: "standard output".to_owned(), source })
        }
    }
}

pub fn run(args: Vec<OsString>) -> ExitCode {
    let result = parse_args(args).and_then(|options| match options {
        None => {
            println!("{HELP}");
            Ok(())
        }
        Some(options) => export_to(options),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimmark export: {e}");
            if let ExportError::Import { error, .. } = &e {
                let problems = error.problems();
                if problems.len() > 1 {
                    for problem in problems {
                        eprintln!("  {problem}");
                    }
                }
            }
            ExitCode::from(e.code())
        }
    }
}
