//! Bad exercise and submission files: damaged, of another kind, from a newer claimmark, or made
//! for another version of the exercise. Each gets a clear error naming what and where, and
//! reading never panics. Static files are in `tests/fixtures/classroom/bad/` (see the README).

mod classroom_fixture;

use claimmark_core::classroom::*;
use claimmark_core::export::{self, ExportFormat};
use claimmark_core::store::{ArticleInfo, StoreDocument};
use classroom_fixture as fx;
use serde_json::{json, Value};

fn exercise_err(text: &str) -> FileError {
    Exercise::from_json(text).expect_err("should be refused")
}

fn submission_err(text: &str) -> FileError {
    Submission::from_json(text).expect_err("should be refused")
}

/// The exercise file as JSON, changed by `edit`.
fn edited_exercise(edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&fx::exercise().to_json()).unwrap();
    edit(&mut value);
    value.to_string()
}

fn edited_submission(edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&fx::fixture("ben.submission.json")).unwrap();
    edit(&mut value);
    value.to_string()
}

/// An exercise whose k4 accepted any verdict: the version Amira worked on before the teacher
/// made the key stricter.
fn earlier_exercise() -> Exercise {
    let mut earlier = fx::exercise();
    earlier.key[3].expected_verdict = None;
    earlier.validate().unwrap();
    earlier
}

#[test]
fn truncated_exercise() {
    let file = fx::exercise().to_json();
    let cut = &file[..file.find("\"paragraphs\"").unwrap()];
    fx::golden("bad/exercise-truncated.json", cut);
    let err = exercise_err(&fx::fixture("bad/exercise-truncated.json"));
    assert!(matches!(err, FileError::Syntax { .. }), "{err:?}");
    assert!(err.to_string().starts_with("the file is damaged or not JSON: line "), "{err}");
    // Cut anywhere, never a panic, never accepted.
    let mut at = 0;
    while at < file.len() {
        if file.is_char_boundary(at) {
            assert!(Exercise::from_json(&file[..at]).is_err(), "accepted a file cut at {at}");
        }
        at += 97;
    }
}

#[test]
fn newer_exercise_version() {
    let err = exercise_err(&fx::fixture("bad/exercise-newer-version.json"));
    assert_eq!(err, FileError::NewerVersion { kind: FileKind::Exercise, found: 2, supported: 1 });
    assert_eq!(
        err.to_string(),
        "this exercise was made by a newer claimmark (version 2); this one reads up to version 1"
    );
    let err = submission_err(&edited_submission(|v| v["version"] = json!(7)));
    assert_eq!(
        err.to_string(),
        "this submission was made by a newer claimmark (version 7); this one reads up to version 1"
    );
}

#[test]
fn other_kinds_of_file_are_named() {
    let rows: Vec<(String, &str)> = vec![
        (
            fx::fixture("ben.submission.json"),
            "expected a claimmark exercise, but this file is a claimmark submission (a student's work)",
        ),
        (
            fx::fixture("bad/backup-as-exercise.json"),
            "expected a claimmark exercise, but this file is a claimmark backup of annotations",
        ),
        (
            "[]".to_owned(),
            "expected a claimmark exercise, but this file is not one (it has no \"format\" mark)",
        ),
        (
            "{\"title\": \"x\"}".to_owned(),
            "expected a claimmark exercise, but this file is not one (it has no \"format\" mark)",
        ),
    ];
    for (file, message) in rows {
        assert_eq!(exercise_err(&file).to_string(), message);
    }
    // Our own exports, opened by mistake.
    let text = "Spending rose to $277M in 2019.";
    let doc = StoreDocument::new(ArticleInfo::new("budget", "Budget", text));
    let details = export::ArticleDetails::default();
    let w3c = export::export(&doc, &details, ExportFormat::Annotations, None).text;
    assert_eq!(
        exercise_err(&w3c),
        FileError::WrongKind { expected: FileKind::Exercise, found: Some(FileKind::WebAnnotations) }
    );
    let claimreview = json!([{"@context": "https://schema.org", "@type": "ClaimReview"}]).to_string();
    assert_eq!(
        exercise_err(&claimreview).to_string(),
        "expected a claimmark exercise, but this file is a ClaimReview export"
    );
    let hypothesis = json!({"total": 0, "rows": []}).to_string();
    assert_eq!(
        exercise_err(&hypothesis).to_string(),
        "expected a claimmark exercise, but this file is a Hypothesis annotation export"
    );
    // And the other way round.
    let err = submission_err(&fx::exercise().to_json());
    assert_eq!(
        err.to_string(),
        "expected a claimmark submission (a student's work), but this file is a claimmark exercise"
    );
    let err = exercise_err(&edited_exercise(|v| v["format"] = json!("claimmark-quiz")));
    assert_eq!(err.to_string(), "format: 'claimmark-quiz' is not a claimmark file format");
}

/// `(name, edit, expected error)`: one change to a valid exercise file and the error it gets.
type Row = (&'static str, fn(&mut Value), &'static str);

#[test]
fn exercise_errors_name_the_path() {
    let rows: Vec<Row> = vec![
        ("no id", |v| drop(v.as_object_mut().unwrap().remove("id")), "id: missing"),
        ("blank id", |v| v["id"] = json!("a b"), "id: 'a b' contains whitespace or control characters"),
        ("blank title", |v| v["title"] = json!("  "), "title: is empty"),
        ("version text", |v| v["version"] = json!("1"), "version: expected a whole number from 1, found \"1\""),
        ("created", |v| v["created"] = json!("yesterday"), "created: 'yesterday' is not an RFC 3339 timestamp such as 2024-05-01T09:30:00Z"),
        ("article list", |v| v["article"] = json!([]), "article: invalid length 0, expected the article (an object)"),
        ("edited text", |v| v["article"]["paragraphs"][3] = json!("Something else entirely."),
            "article.fingerprint: does not match the article text: the file was changed or damaged after it was made"),
        ("no paragraphs", |v| v["article"]["paragraphs"] = json!([]), "article.paragraphs: is empty: the article has no text"),
        ("paragraph number", |v| v["article"]["paragraphs"][2] = json!(3), "article.paragraphs[2]: invalid type: integer `3`, expected a string"),
        ("no key", |v| v["key"] = json!([]), "key: is empty: mark at least one claim for students to find"),
        ("key object", |v| v["key"] = json!({}), "key: invalid type: map, expected a sequence"),
        ("key item string", |v| v["key"][1] = json!("k2"), "key[1]: invalid type: string \"k2\", expected a key item (an object)"),
        ("require text", |v| v["key"][2]["require_source"] = json!("yes"), "key[2].require_source: invalid type: string \"yes\", expected a boolean"),
        ("kind", |v| v["key"][0]["kind"] = json!("rumour"), "key[0].kind: unknown variant `rumour`, expected one of `money`, `percent`, `date`, `quote`, `trend`, `other`"),
        ("verdict", |v| v["key"][3]["expected_verdict"] = json!("pants on fire"),
            "key[3].expected_verdict: unknown variant `pants on fire`, expected one of `true`, `mostly_true`, `half_true`, `misleading`, `false`, `unverifiable`, `unrated`"),
        ("unrated", |v| v["key"][3]["expected_verdict"] = json!("unrated"),
            "key[3].expected_verdict: 'unrated' cannot be expected; leave it out (null) to accept any verdict"),
        ("expected without requiring", |v| v["key"][4]["require_verdict"] = json!(false), "key[4].expected_verdict: is set, but require_verdict is false"),
        ("selector type", |v| v["key"][0]["target"]["selector"][0]["type"] = json!("MagicSelector"),
            "key[0].target.selector[0].type: unknown variant `MagicSelector`, expected `TextQuoteSelector` or `TextPositionSelector`"),
        ("selector exact", |v| drop(v["key"][0]["target"]["selector"][0].as_object_mut().unwrap().remove("exact")),
            "key[0].target.selector[0].exact: missing"),
        ("backwards position", |v| v["key"][1]["target"]["selector"][1]["end"] = json!(3),
            "key[1].target.selector[1]: text position 1549..3 ends before it starts"),
        ("no quote", |v| v["key"][1]["target"]["selector"] = json!([{"type": "TextPositionSelector", "start": 1, "end": 3}]),
            "key[1].target: target has no TextQuoteSelector"),
        ("not in text", |v| v["key"][1]["target"]["selector"][0]["exact"] = json!("March 2033"),
            "key[1].target: the passage 'March 2033' is not in the article text"),
        ("other article", |v| v["key"][1]["target"]["source"] = json!("another-article"),
            "key[1].target.source: 'another-article' is not this exercise's article 'evolving-nature-of-pak-russia-bilateral-relationship'"),
        ("duplicate id", |v| v["key"][4]["id"] = json!("k1"), "key[4].id: 'k1' is used twice"),
        ("same passage", |v| v["key"][4]["target"] = v["key"][3]["target"].clone(), "key[4].target: marks the same passage as key[3]"),
    ];
    for (name, edit, message) in rows {
        let err = exercise_err(&edited_exercise(edit));
        assert_eq!(err.to_string(), message, "row '{name}'");
        assert!(matches!(err, FileError::Invalid { .. }), "row '{name}': {err:?}");
    }
}

#[test]
fn harmless_differences_are_accepted() {
    // A byte order mark, unknown extra fields, and optional fields left out.
    let file = edited_exercise(|v| {
        v["comment"] = json!("added by a teacher's script");
        let k = v["key"][0].as_object_mut().unwrap();
        for field in ["hint", "explanation", "expected_verdict"] {
            k.remove(field);
        }
    });
    let exercise = Exercise::from_json(&format!("\u{FEFF}{file}")).unwrap();
    assert_eq!(exercise.key[0].hint, "");
    // Hints are not in the checksum, so this is still the same exercise for submissions.
    assert_eq!(exercise.checksum(), fx::exercise().checksum());
    let err = exercise_err(&" ".repeat(MAX_FILE_BYTES + 1));
    assert!(matches!(err, FileError::TooLarge { .. }), "{err:?}");
}

#[test]
fn submission_errors_name_the_path() {
    let err = submission_err(&fx::fixture("bad/submission-bad-url.json"));
    assert_eq!(
        err.to_string(),
        "annotations[0].sources[0].url: source url 'javascript:alert(1)' is not http or https"
    );
    assert_eq!(err.path(), Some("annotations[0].sources[0].url"));
    let rows: Vec<Row> = vec![
        ("no exercise", |v| drop(v.as_object_mut().unwrap().remove("exercise")), "exercise: missing"),
        ("checksum", |v| v["exercise"]["checksum"] = json!("abc"), "exercise.checksum: 'abc' is not a checksum (16 hexadecimal digits)"),
        ("name", |v| v["student"]["name"] = json!(" "), "student.name: is empty"),
        ("student", |v| v["student"] = json!("Ben"), "student: invalid type: string \"Ben\", expected the student (an object)"),
        ("annotations", |v| v["annotations"] = json!(null), "annotations: invalid type: null, expected a sequence"),
        ("selector", |v| v["annotations"][2]["target"]["selector"][0]["type"] = json!("XPathSelector"),
            "annotations[2].target.selector[0].type: unknown variant `XPathSelector`, expected `TextQuoteSelector` or `TextPositionSelector`"),
        ("verdict", |v| v["annotations"][2]["verdict"] = json!("yes"),
            "annotations[2].verdict: unknown variant `yes`, expected one of `true`, `mostly_true`, `half_true`, `misleading`, `false`, `unverifiable`, `unrated`"),
        ("id", |v| v["annotations"][1]["id"] = json!(""), "annotations[1].id: id '' is not usable: it is empty"),
        ("submitted", |v| v["submitted"] = json!(true), "submitted: invalid type: boolean `true`, expected milliseconds since 1970 or an RFC 3339 timestamp"),
    ];
    for (name, edit, message) in rows {
        assert_eq!(submission_err(&edited_submission(edit)).to_string(), message, "row '{name}'");
    }
    assert!(matches!(submission_err("{\"format\": \"claimmark-submission\", "), FileError::Syntax { .. }));
}

#[test]
fn a_submission_for_another_version_is_detected_not_scored() {
    let exercise = fx::exercise();
    let earlier = earlier_exercise();
    assert_ne!(earlier.checksum(), exercise.checksum());
    let stale = Submission::new(&earlier, "Amira Qureshi", fx::annotations(0), fx::t("2024-09-01T10:00:00Z"))
        .unwrap();
    fx::golden("bad/submission-other-version.json", &stale.to_json());
    let stale = Submission::from_json(&fx::fixture("bad/submission-other-version.json")).unwrap();

    let err = stale.check_against(&exercise).unwrap_err();
    assert!(matches!(err, Mismatch::OtherVersion { .. }));
    assert!(err.to_string().starts_with(
        "this submission was made for another version of 'Checking a bilateral-relations op-ed' (checksum "
    ));
    let mut elsewhere = fx::submission(&exercise, 1);
    elsewhere.exercise.id = "another-exercise".into();
    elsewhere.exercise.title = "Another exercise".into();
    assert_eq!(
        elsewhere.check_against(&exercise).unwrap_err().to_string(),
        "this submission is for another exercise, 'Another exercise' (another-exercise), not \
         'Checking a bilateral-relations op-ed' (seed-pak-russia)"
    );

    let submissions = [fx::submission(&exercise, 0), stale, fx::submission(&exercise, 1), elsewhere];
    let summary = ClassSummary::new(&exercise, &submissions);
    let scored: Vec<(&str, usize)> =
        summary.students.iter().map(|s| (s.name.as_str(), s.submission)).collect();
    assert_eq!(scored, [("Amira Qureshi", 0), ("Ben Carter", 2)]);
    let warnings: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    // Only two: the stale Amira file is not scored, so it is no duplicate of the scored one.
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0]
        .starts_with("Amira Qureshi (file 2) was not scored: this submission was made for another version"));
    assert!(warnings[1]
        .starts_with("Ben Carter (file 4) was not scored: this submission is for another exercise"));
    // Hit rates count scored students only: the same as with the two good files.
    let rates: Vec<u32> = summary.hit_rate_chart().iter().map(|b| b.percent).collect();
    assert_eq!(rates, [50, 100, 50, 50, 100]);
    let csv = summary.to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 7);
    assert!(lines[2].starts_with("Amira Qureshi,not scored: another version of this exercise,,,"));
    assert!(lines[4].starts_with("Ben Carter,not scored: another exercise,"));
    assert_eq!(lines[5], "Found by (of 2),,,,,,,,,,,1,2,1,1,2");
}

#[test]
fn duplicate_names_ignore_case_and_spacing() {
    let exercise = fx::exercise();
    let mut again = fx::submission(&exercise, 1);
    again.student.name = "  ben   CARTER ".into();
    let summary =
        ClassSummary::new(&exercise, &[fx::submission(&exercise, 1), fx::submission(&exercise, 0), again]);
    assert_eq!(summary.students.len(), 3);
    assert_eq!(
        summary.warnings,
        [SummaryWarning::DuplicateName { name: "Ben Carter".into(), submissions: vec![0, 2] }]
    );
    // Two Bens: k5 found by all three, k1 by Amira alone.
    let rates: Vec<u32> = summary.hit_rate_chart().iter().map(|b| b.percent).collect();
    assert_eq!(rates, [33, 100, 33, 33, 100]);
}

#[test]
fn no_students_no_division_by_zero() {
    let summary = ClassSummary::new(&fx::exercise(), &[]);
    assert!(summary.hit_rate_chart().iter().all(|b| b.percent == 0));
    assert_eq!(summary.to_csv().lines().count(), 3);
}
