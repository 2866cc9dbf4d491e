//! The seed-article classroom scenario end to end, natively: the teacher's exercise, two
//! students' work scored exactly, their submission files, and the class summary. The numbers
//! are in `tests/fixtures/classroom/scenario.json` (and its README), which the browser
//! end-to-end test reads too.

mod classroom_fixture;

use std::collections::BTreeMap;

use claimmark_core::classroom::*;
use claimmark_core::model::Verdict;
use classroom_fixture as fx;
use serde_json::Value;

fn unmet_name(u: &Unmet) -> &'static str {
    match u {
        Unmet::Source => "source",
        Unmet::Verdict => "verdict",
        Unmet::WrongVerdict { .. } => "wrong_verdict",
    }
}

/// Checks a score against the `expected` block of a student in scenario.json.
fn check_expected(score: &Score, expected: &Value, exercise: &Exercise) {
    let ids = |v: &Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(score.points, expected["points"].as_u64().unwrap() as u32, "points");
    assert_eq!(score.max_points, expected["max_points"].as_u64().unwrap() as u32, "max_points");
    assert_eq!(score.percent(), expected["percent"].as_u64().unwrap() as u32, "percent");
    assert_eq!(score.sources_attached, expected["sources_attached"].as_u64().unwrap() as usize, "sources");
    let complete: Vec<String> =
        score.found.iter().filter(|f| f.is_complete()).map(|f| f.key_id.clone()).collect();
    assert_eq!(complete, ids(&expected["complete"]), "complete");
    let partial: BTreeMap<String, Vec<String>> = score
        .found
        .iter()
        .filter(|f| !f.is_complete())
        .map(|f| (f.key_id.clone(), f.unmet.iter().map(|u| unmet_name(u).to_owned()).collect()))
        .collect();
    let want: BTreeMap<String, Vec<String>> =
        expected["partial"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), ids(v))).collect();
    assert_eq!(partial, want, "partial");
    let missed: Vec<String> = score.missed.iter().map(|m| m.key_id.clone()).collect();
    assert_eq!(missed, ids(&expected["missed"]), "missed");
    let extra: Vec<(String, String, Option<String>)> = score
        .extra
        .iter()
        .map(|e| {
            let (reason, key) = match &e.reason {
                ExtraReason::NotInKey => ("not_in_key", None),
                ExtraReason::Imprecise { key_id } => ("imprecise", key_id.clone()),
                ExtraReason::Duplicate { key_id } => ("duplicate", Some(key_id.clone())),
                ExtraReason::NotFound => ("not_found", None),
            };
            (e.quote.clone(), reason.to_owned(), key)
        })
        .collect();
    let want: Vec<(String, String, Option<String>)> = expected["extra"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let key = e.get("key").and_then(Value::as_str).map(str::to_owned);
            (e["quote"].as_str().unwrap().to_owned(), e["reason"].as_str().unwrap().to_owned(), key)
        })
        .collect();
    assert_eq!(extra, want, "extra");
    for f in &score.found {
        assert_eq!(f.explanation, exercise.key_item(&f.key_id).unwrap().explanation);
    }
}

#[test]
fn every_quote_occurs_once_and_the_key_is_as_documented() {
    let exercise = fx::exercise();
    assert_eq!(exercise.key.len(), 5);
    assert_eq!(exercise.max_points(), 12);
    let points: Vec<u32> = exercise.key.iter().map(|k| k.max_points()).collect();
    assert_eq!(points, [2, 2, 3, 2, 3]);
    // Student quotes: `annotations` panics on a quote that is missing or repeated.
    assert_eq!(fx::annotations(0).len(), 6);
    assert_eq!(fx::annotations(1).len(), 5);
}

#[test]
fn exercise_file_round_trips() {
    let exercise = fx::exercise();
    let file = exercise.to_json();
    let back = Exercise::from_json(&file).unwrap();
    assert_eq!(back, exercise);
    assert_eq!(back.checksum(), exercise.checksum());
    assert_eq!(back.to_json(), file);
    // Self-describing: format and version first.
    let value: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(value["format"], "claimmark-exercise");
    assert_eq!(value["version"], 1);
    assert_eq!(value["created"], "2024-09-02T08:00:00.000Z");
    assert_eq!(value["key"][3]["expected_verdict"], "true");
    assert!(file.starts_with("{\n  \"format\": \"claimmark-exercise\",\n  \"version\": 1,"));
}

#[test]
fn the_good_student_scores_11_of_12() {
    let exercise = fx::exercise();
    let scenario = fx::scenario();
    let score = score(&exercise, &fx::annotations(0), Reveal::Answers);
    check_expected(&score, &scenario["students"][0]["expected"], &exercise);
    let k4 = score.found_key("k4").unwrap();
    assert_eq!(k4.unmet, [Unmet::WrongVerdict { given: Verdict::MostlyTrue, expected: Some(Verdict::True) }]);
    assert_eq!((k4.points, k4.max_points), (1, 2));
    assert_eq!(k4.quote, "annualized rate of 14.2%");
    assert_eq!(k4.key_quote, "14.2%");
}

#[test]
fn the_poor_student_scores_2_of_12() {
    let exercise = fx::exercise();
    let scenario = fx::scenario();
    let score = score(&exercise, &fx::annotations(1), Reveal::Answers);
    check_expected(&score, &scenario["students"][1]["expected"], &exercise);
    assert_eq!(score.missed[0].answer.as_ref().unwrap().quote, exercise.key[0].quote());
}

#[test]
fn students_see_hints_only_until_answers_are_shown() {
    let mut exercise = fx::exercise();
    assert_eq!(Reveal::for_student(&exercise), Reveal::Hints);
    let ben = score(&exercise, &fx::annotations(1), Reveal::for_student(&exercise));
    assert!(ben.missed.iter().all(|m| m.answer.is_none() && !m.hint.is_empty()));
    assert_eq!(ben.missed[0].hint, "A head of state is quoted word for word.");
    assert!(ben.extra.iter().all(|e| !matches!(e.reason, ExtraReason::Imprecise { key_id: Some(_) })));
    let amira = score(&exercise, &fx::annotations(0), Reveal::for_student(&exercise));
    let k4 = amira.found_key("k4").unwrap();
    assert_eq!(k4.unmet, [Unmet::WrongVerdict { given: Verdict::MostlyTrue, expected: None }]);
    // Hiding answers changes what is shown, never the points.
    assert_eq!((amira.points, ben.points), (11, 2));

    exercise.show_answers = true;
    let ben = score(&exercise, &fx::annotations(1), Reveal::for_student(&exercise));
    let answer = ben.missed[1].answer.as_ref().unwrap();
    assert_eq!((answer.quote.as_str(), answer.require_verdict), ("01 May 1948", true));
}

#[test]
fn drifted_offsets_do_not_matter() {
    // The students worked on a copy with a note above the article and different spacing: every
    // stored position is off, and anchoring finds the words again.
    let exercise = fx::exercise();
    let article = fx::seed_article();
    let drifted =
        format!("Editor's note: this article was updated.\n\n{}", article.body.replacen(". ", ".  ", 3));
    for n in 0..2 {
        let moved = fx::annotations_on(n, &article.id, &drifted);
        let here = fx::annotations(n);
        assert_ne!(moved[0].target.span(), here[0].target.span());
        let a = score(&exercise, &moved, Reveal::Answers);
        let b = score(&exercise, &here, Reveal::Answers);
        assert_eq!(a, b, "student {n}");
    }
}

#[test]
fn submission_files_round_trip_and_match_golden() {
    let exercise = fx::exercise();
    for (n, name) in [(0, "amira.submission.json"), (1, "ben.submission.json")] {
        let submission = fx::submission(&exercise, n);
        assert_eq!(submission.student.name, fx::student_name(n));
        assert_eq!(submission.exercise, exercise.reference());
        let file = submission.to_json();
        fx::golden(name, &file);
        let back = Submission::from_json(&file).unwrap();
        assert_eq!(back, submission);
        assert!(back.check_against(&exercise).is_ok());
        // The file's work scores as the live work does.
        assert_eq!(
            score(&exercise, &back.annotations, Reveal::Answers),
            score(&exercise, &fx::annotations(n), Reveal::Answers)
        );
    }
    let amira = fx::submission(&exercise, 0);
    assert_eq!(amira.file_name(), "checking-a-bilateral-relations-op-ed.amira-qureshi.submission.json");
}

#[test]
fn submission_csv_lists_the_work() {
    let exercise = fx::exercise();
    let csv = fx::submission(&exercise, 1).to_csv();
    assert!(csv.starts_with('\u{FEFF}'));
    let mut reader = ::csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[..5], ["exercise_id", "exercise_title", "student", "annotation_id", "claim"]);
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5); // Ben: five claims, one source among them
    assert_eq!(&rows[0][2], "Ben Carter");
    assert_eq!(&rows[0][4], "$277M");
    let with_source: Vec<&::csv::StringRecord> = rows.iter().filter(|r| !r[11].is_empty()).collect();
    assert_eq!(with_source.len(), 1);
    assert_eq!(&with_source[0][11], "https://en.wikipedia.org/wiki/Freedom_of_religion");
    assert!(csv.contains("\r\n"));
}

#[test]
fn class_summary_of_both_students() {
    let exercise = fx::exercise();
    let scenario = fx::scenario();
    let submissions = [fx::submission(&exercise, 0), fx::submission(&exercise, 1)];
    let summary = ClassSummary::new(&exercise, &submissions);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    // (name, found, partial, missed, extra, sources attached, points, max points)
    type Row<'a> = (&'a str, usize, usize, usize, usize, usize, u32, u32);
    let rows: Vec<Row> = summary
        .students
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.found,
                s.partial,
                s.missed,
                s.extra,
                s.sources_attached,
                s.points,
                s.max_points,
            )
        })
        .collect();
    assert_eq!(rows, [("Amira Qureshi", 5, 1, 0, 1, 5, 11, 12), ("Ben Carter", 2, 2, 3, 3, 1, 2, 12)]);
    let per_key = |field: &str| -> Vec<u64> {
        exercise.key.iter().map(|k| scenario["summary"][field][&k.id].as_u64().unwrap()).collect()
    };
    let found_by: Vec<u64> = summary.key_items.iter().map(|k| k.found_by as u64).collect();
    assert_eq!(found_by, per_key("found_by"));
    let complete_by: Vec<u64> = summary.key_items.iter().map(|k| k.complete_by as u64).collect();
    assert_eq!(complete_by, per_key("complete_by"));
    let chart: Vec<u64> = summary.hit_rate_chart().iter().map(|b| u64::from(b.percent)).collect();
    assert_eq!(chart, per_key("hit_rate"));
    assert_eq!(summary.hit_rate_chart()[0].label, "“insulting the Last Prophet (M-SAWW) do…");
    fx::golden("summary.csv", &summary.to_csv());
}
