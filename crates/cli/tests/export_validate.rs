//! `claimmark export` and `claimmark validate`, run as a user runs them: the built binary on files.

use std::path::PathBuf;
use std::process::Output;

mod common;
use common::{stderr, stdout, temp_file};

fn run(args: &[&str]) -> Output {
    common::run_with_stdin(args, None)
}

const CORE_TESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests");

fn golden(name: &str) -> String {
    format!("{CORE_TESTS}/golden/export/{name}")
}

fn fixture(name: &str) -> String {
    format!("{CORE_TESTS}/fixtures/export/{name}")
}

/// A backup made from the W3C golden file, through the CLI.
fn backup() -> PathBuf {
    let out = run(&["export", "--from", &golden("annotations.jsonld"), "--format", "backup"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    temp_file("backup.json", &out.stdout)
}

#[test]
fn validate_names_format_and_count() {
    let cases = [
        (
            golden("annotations.jsonld"),
            "valid claimmark W3C Web Annotation export, 9 annotations (1 dismissed)",
        ),
        (fixture("hypothesis_search.json"), "valid Hypothesis API search response, 3 annotations, 2 skipped"),
        (fixture("w3c_other_tool.json"), "valid W3C Web Annotation JSON-LD, 2 annotations"),
        (backup().to_string_lossy().into_owned(), "valid claimmark backup, 9 annotations (1 dismissed)"),
    ];
    for (path, expected) in cases {
        let out = run(&["validate", &path]);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", stderr(&out));
        assert!(stdout(&out).starts_with(&format!("{path}: {expected}")), "{}", stdout(&out));
    }
    let out = run(&["validate", &fixture("hypothesis_search.json")]);
    assert!(stdout(&out).contains("  skipped rows[3]: a reply to another annotation"));
}

#[test]
fn validate_lists_every_problem_and_exits_2() {
    let bad = temp_file(
        "bad.json",
        br#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": [
            {"type": "Annotation", "target": {"selector": [{"type": "MagicSelector"}]}},
            {"type": "Annotation", "body": {"type": "SpecificResource", "source": "javascript:alert(1)"},
             "target": {"selector": {"type": "TextQuoteSelector", "exact": "x"}}}]}"#,
    );
    let out = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("invalid W3C Web Annotation JSON-LD, 2 problems"), "{text}");
    assert!(text.contains("  items[0].target.selector[0]: unknown selector type 'MagicSelector'"), "{text}");
    assert!(
        text.contains("  items[1].body.source: source url 'javascript:alert(1)' is not http or https"),
        "{text}"
    );

    let truncated = temp_file("truncated.json", br#"{"rows": [{"id": "a","#);
    let out = run(&["validate", truncated.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("line 1, column 21: the file ends too soon"), "{}", stdout(&out));

    let out = run(&["validate", "/nonexistent/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read"));
    assert_eq!(run(&["validate"]).status.code(), Some(2));
}

#[test]
fn export_formats_match_the_golden_files() {
    let backup = backup();
    let backup = backup.to_str().unwrap();
    let out = run(&[
        "export",
        "--from",
        backup,
        "--format",
        "annotations",
        "--article-url",
        "https://news.example/2020/03/council-budget",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), std::fs::read_to_string(golden("annotations.jsonld")).unwrap());

    let out = run(&["export", "--from", backup, "--format", "csv"]);
    assert_eq!(stdout(&out), std::fs::read_to_string(golden("claims.csv")).unwrap());

    let out = run(&[
        "export",
        "--from",
        backup,
        "--format",
        "claimreview",
        "--org",
        "Check Desk",
        "--org-url",
        "https://www.checkdesk.example/",
        "--review-url",
        "https://checkdesk.example/reviews/council-budget",
        "--article-url",
        "https://news.example/2020/03/council-budget",
        "--author",
        "By Jana Novák",
        "--published",
        "2020-03-04",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), std::fs::read_to_string(golden("claimreview.jsonld")).unwrap());
    assert!(stderr(&out)
        .contains("warning: claim 03030303-0303-4303-8303-030303030303: claimReviewed is 77 characters"));
}

#[test]
fn export_writes_to_a_file_and_round_trips() {
    let out_path =
        std::env::temp_dir().join(format!("claimmark-cli-export-{}-out.jsonld", std::process::id()));
    let out = run(&[
        "export",
        "--from",
        &golden("annotations.jsonld"),
        "--format",
        "annotations",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(written, std::fs::read_to_string(golden("annotations.jsonld")).unwrap());
}

#[test]
fn export_usage_errors_exit_2() {
    let cases: [&[&str]; 5] = [
        &["export"],
        &["export", "--from", "x.json"],
        &["export", "--from", "x.json", "--format", "pdf"],
        &["export", "--format", "csv"],
        &["export", "--from", "/nonexistent/x.json", "--format", "csv"],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("claimmark export: "), "{}", stderr(&out));
    }
    let bad = temp_file("bad-source.json", br#"[{"type": "Annotation", "body": "data:text/html,x", "target": {"selector": {"type": "TextQuoteSelector", "exact": "x"}}}]"#);
    let out = run(&["export", "--from", bad.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[0].body: source url 'data:text/html,x' is not http or https"),
        "{}",
        stderr(&out)
    );
    assert!(run(&["export", "--help"]).status.success());
    assert!(run(&["validate", "--help"]).status.success());
}
