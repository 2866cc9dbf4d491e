//! CSV export: golden file, one row per claim and source, quoting that survives a CSV reader.

mod export_fixture;

use claimmark_core::export::csv::{self, HEADER};
use export_fixture::*;

#[test]
fn golden() {
    check_golden("claims.csv", &csv::to_string(&document()));
}

fn records(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn one_row_per_claim_and_source() {
    let doc = document();
    let text = csv::to_string(&doc);
    assert!(text.starts_with('\u{FEFF}'), "byte order mark for spreadsheets");
    assert!(text.contains("\r\n"));
    let (header, rows) = records(&text);
    // The reader skips the byte order mark.
    assert_eq!(header, HEADER);
    let expected: usize =
        doc.annotations.iter().filter(|a| !a.dismissed).map(|a| a.sources.len().max(1)).sum();
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|r| r.len() == HEADER.len()));

    let col = |name: &str| HEADER.iter().position(|h| *h == name).unwrap();
    let money: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("claim")] == "$277M").collect();
    assert_eq!(money.len(), 2);
    assert_eq!(money[0][col("source_number")], "1");
    assert_eq!(money[0][col("source_title")], "Budget 2019, \"final\" version");
    assert_eq!(money[0][col("source_publisher")], "Città di Zürich");
    assert_eq!(money[0][col("source_excerpt")], "Total spending:\n$276.8M");
    assert_eq!(money[0][col("note")], "Budget book p. 12 says \"$276.8M\";\nrounded, fine.");
    assert_eq!(money[0][col("tags")], "budget; council, city");
    assert_eq!(money[0][col("verdict")], "Mostly true");
    assert_eq!(money[0][col("rating")], "4");
    assert_eq!(money[1][col("source_url")], "http://archive.example/council?id=1&lang=en");
    assert_eq!(money[1][col("source_accessed")], "");

    // Astral characters survive, and a formula-like note is defused.
    let quote = rows.iter().find(|r| r[col("claim")].ends_with("🇸🇪")).unwrap();
    assert_eq!(quote[col("note")], "'=HYPERLINK(\"https://evil.example\")");
    assert_eq!(quote[col("source_url")], "");

    // The dismissed candidate is not a row.
    assert!(!rows.iter().any(|r| r[col("claim")] == "on Tuesday"));
}

#[test]
fn empty_document_is_just_the_header() {
    let doc = claimmark_core::store::StoreDocument::new(document().article);
    let text = csv::to_string(&doc);
    assert_eq!(text, format!("\u{FEFF}{}\r\n", HEADER.join(",")));
}
