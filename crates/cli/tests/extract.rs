//! `claimmark extract`, run as a user runs it: the built binary, files, standard input.

use std::process::Output;

mod common;
use common::{stderr, stdout, temp_file};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::run_with_stdin(args, stdin)
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed-article.txt");

#[test]
fn seed_article_as_json() {
    let out = run(&["extract", SEED], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let claims: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(claims.len(), 23);
    let first = &claims[0];
    assert_eq!(first["kind"], "date");
    assert_eq!(first["text"], "23-24 Feb");
    assert_eq!(first["start"], 151);
    assert_eq!(first["end"], 160);
    assert_eq!(first["offsets_in"], "body");
    assert_eq!(first["value"]["type"], "date");
    assert_eq!(first["value"]["start"], "--02-23");
    let quote = claims.iter().find(|c| c["kind"] == "quote").unwrap();
    assert_eq!(quote["speaker"], "President Vladimir Putin");
    let trend = claims.iter().find(|c| c["kind"] == "trend").unwrap();
    assert_eq!(trend["value"]["check"]["consistent"], true);
    assert!(trend["value"]["check"]["arithmetic"].as_str().unwrap().contains("(277 ÷ 13.2)^(1/23)"));
}

#[test]
fn utf16_offsets_count_code_units() {
    let out = run(&["extract", "--plain", "-"], Some("😀 In 2001 it began.".as_bytes()));
    let claims: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(claims[0]["start"], 5);
    assert_eq!(claims[0]["start_utf16"], 6);
    assert_eq!(claims[0]["offsets_in"], "plain");
}

#[test]
fn plain_sentence_from_stdin() {
    let out = run(&["extract", "--plain"], Some(b"Inflation hit 38% in May 2023."));
    assert!(out.status.success());
    let claims: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let texts: Vec<&str> = claims.iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["38%", "May 2023"]);
}

#[test]
fn plain_keeps_a_headline_like_first_line() {
    // Without --plain a short first line is taken as the headline and its claims dropped.
    let text = b"Exports hit $5bn in 2020\n\nThey rose 10%.";
    let plain = run(&["extract", "--plain", "--format", "jsonl"], Some(text));
    let article = run(&["extract", "--format", "jsonl"], Some(text));
    assert_eq!(stdout(&plain).lines().count(), 3);
    assert_eq!(stdout(&article).lines().count(), 1);
}

#[test]
fn jsonl_has_one_claim_per_line() {
    let out = run(&["extract", "--format=jsonl", SEED], None);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 23);
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["kind"].is_string() && v["start"].is_u64() && v["end"].is_u64());
    }
}

#[test]
fn tsv_has_a_header_and_escapes_newlines() {
    let out = run(&["extract", SEED, "--format", "tsv"], None);
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("kind\tstart\tend\ttext\tlabel\tspeaker"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 23);
    assert!(rows.iter().all(|r| r.split('\t').count() == 6));
    assert!(text.contains("relations.\\n\\n”"));
}

#[test]
fn empty_result_is_an_empty_array() {
    let out = run(&["extract", "--plain"], Some(b"Nothing to check here."));
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn missing_file_exits_2_with_a_message() {
    let out = run(&["extract", "/no/such/article.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read '/no/such/article.txt'"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn non_utf8_exits_2_and_says_where() {
    let path = temp_file("latin1.txt", b"Title\n\nCaf\xe9 prices rose 5%.");
    let out = run(&["extract", path.to_str().unwrap()], None);
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("not UTF-8") && err.contains("line 3"), "{err}");
}

#[test]
fn non_utf8_on_stdin_exits_2() {
    let out = run(&["extract", "-"], Some(b"\xff\xfe"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input"));
}

#[test]
fn empty_input_exits_2() {
    let out = run(&["extract"], Some(b"  \n\n "));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty"));
}

#[test]
fn bad_flag_exits_2() {
    let out = run(&["extract", "--frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown option '--frobnicate'"));
}

#[test]
fn bad_format_exits_2() {
    let out = run(&["extract", "--format", "xml", SEED], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown format 'xml'"));
    let out = run(&["extract", "--format"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format needs a value"));
}

#[test]
fn two_inputs_exit_2() {
    let out = run(&["extract", SEED, SEED], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("one input only"));
}

#[test]
fn unknown_command_and_no_command_exit_2() {
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(run(&[], None).status.code(), Some(2));
}

#[test]
fn help_and_version_succeed() {
    let out = run(&["extract", "--help"], None);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Offsets (start, end) count Unicode characters of the article body"));
    let out = run(&["--version"], None);
    assert!(stdout(&out).starts_with("claimmark "));
}

#[test]
fn date_resolves_relative_dates() {
    let text: &[u8] = b"Prices rose last year and fell yesterday.";
    let out = run(&["extract", "--plain", "--date", "2019-01-01"], Some(text));
    assert!(out.status.success(), "{}", stderr(&out));
    let claims: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let labels: Vec<&str> = claims.iter().map(|c| c["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["1 year before publication: 2018", "1 day before publication: 2018-12-31"]);
    assert_eq!(claims[0]["value"]["start"], "2018");
    assert_eq!(claims[0]["value"]["relative"]["offset"], -1);
    assert_eq!(claims[0]["value"]["relative"]["unit"], "year");
    // The inline form, and no date: the offset only.
    let inline = run(&["extract", "--plain", "--date=2019-01-01"], Some(text));
    assert_eq!(stdout(&inline), stdout(&out));
    let undated = run(&["extract", "--plain"], Some(text));
    let claims: Vec<serde_json::Value> = serde_json::from_str(&stdout(&undated)).unwrap();
    assert_eq!(claims[0]["label"], "1 year before publication");
    assert_eq!(claims[0]["value"]["start"], "");
}

#[test]
fn bad_date_exits_2_naming_the_flag_and_the_value() {
    for bad in ["2019-02-30", "01/02/2019", "yesterday"] {
        let out = run(&["extract", "--plain", "--date", bad], None);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = stderr(&out);
        assert!(err.contains("--date") && err.contains(&format!("'{bad}'")), "{err}");
    }
    let out = run(&["extract", "--plain", "--date"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date needs a value"), "{}", stderr(&out));
}
