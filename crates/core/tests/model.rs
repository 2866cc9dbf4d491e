//! Model tests: ids, timestamps, dates, verdicts, source URLs, edits and their clocks.

use claimmark_core::model::*;
use claimmark_core::text::CharSpan;
use proptest::prelude::*;

#[test]
fn model_ids_are_uuid_v4() {
    let id = AnnotationId::from_random_bytes([0xab; 16]);
    assert_eq!(id.as_str(), "abababab-abab-4bab-abab-abababababab");
    assert_eq!(serde_json::to_string(&id).unwrap(), "\"abababab-abab-4bab-abab-abababababab\"");
    // Imported ids are kept as they are, within limits.
    assert!(AnnotationId::parse("hyp:Zx3k_9-aB").is_ok());
    assert_eq!(AnnotationId::parse("").unwrap_err().to_string(), "id '' is not usable: it is empty");
    assert!(AnnotationId::parse("a b").is_err());
    assert!(serde_json::from_str::<AnnotationId>("\"\"").is_err());
}

#[test]
fn model_timestamps_rfc3339() {
    // (input, milliseconds, canonical form)
    let rows: &[(&str, i64, &str)] = &[
        ("1970-01-01T00:00:00Z", 0, "1970-01-01T00:00:00.000Z"),
        ("2024-05-01T09:30:00Z", 1_714_555_800_000, "2024-05-01T09:30:00.000Z"),
        ("2024-05-01T09:30:00.5Z", 1_714_555_800_500, "2024-05-01T09:30:00.500Z"),
        ("2024-05-01t09:30:00.123456z", 1_714_555_800_123, "2024-05-01T09:30:00.123Z"),
        ("2024-05-01 11:30:00+02:00", 1_714_555_800_000, "2024-05-01T09:30:00.000Z"),
        ("2024-04-30T23:30:00-10:00", 1_714_555_800_000, "2024-05-01T09:30:00.000Z"),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000, "2024-02-29T00:00:00.000Z"),
        ("1969-12-31T23:59:59.999Z", -1, "1969-12-31T23:59:59.999Z"),
        ("2016-12-31T23:59:60Z", 1_483_228_799_999, "2016-12-31T23:59:59.999Z"),
        ("0000-01-01T00:00:00Z", Timestamp::MIN.as_millis(), "0000-01-01T00:00:00.000Z"),
    ];
    for &(input, millis, canonical) in rows {
        let ts = Timestamp::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(ts.as_millis(), millis, "{input}");
        assert_eq!(ts.to_rfc3339(), canonical, "{input}");
    }
    for bad in [
        "",
        "2024-05-01",
        "2024-05-01T09:30Z",
        "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-05-01T24:00:00Z",
        "2024-05-01T09:30:00",
        "2024-05-01T09:30:00.Z",
        "2024-05-01T09:30:00+0200",
        "２０２４-05-01T09:30:00Z",
    ] {
        assert!(Timestamp::parse(bad).is_err(), "{bad:?} accepted");
    }
    assert_eq!(
        Timestamp::parse("0000-01-01T00:00:00+01:00").unwrap_err().to_string(),
        "timestamp -62167222800000 ms is outside the years 0000 to 9999"
    );
    // Stored as a number, read from a number or a string.
    let ts = Timestamp::from_millis(1_714_555_800_000);
    assert_eq!(serde_json::to_string(&ts).unwrap(), "1714555800000");
    assert_eq!(serde_json::from_str::<Timestamp>("\"2024-05-01T09:30:00Z\"").unwrap(), ts);
    assert_eq!(Timestamp::from_js_millis(f64::NAN).as_millis(), 0);
    assert_eq!(Timestamp::from_millis(i64::MAX), Timestamp::MAX);
}

proptest! {
    #[test]
    fn model_timestamp_round_trips(ms in Timestamp::MIN.as_millis()..=Timestamp::MAX.as_millis()) {
        let ts = Timestamp::from_millis(ms);
        prop_assert_eq!(Timestamp::parse(&ts.to_rfc3339()).unwrap(), ts);
    }

    #[test]
    fn model_timestamp_parse_never_panics(s in "\\PC{0,40}") {
        let _ = Timestamp::parse(&s);
        let _ = IsoDate::parse(&s);
        let _ = SourceUrl::parse(&s);
    }
}

#[test]
fn model_iso_dates() {
    assert_eq!(IsoDate::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    assert!(IsoDate::parse("2023-02-29").is_err());
    assert!(IsoDate::parse("2024-2-9").is_err());
    assert_eq!(
        IsoDate::parse("2024-05-01T00:00:00Z").unwrap_err().to_string(),
        "'2024-05-01T00:00:00Z' is not a date in YYYY-MM-DD form"
    );
    assert_eq!(Timestamp::from_millis(1_714_555_800_000).date().to_string(), "2024-05-01");
}

#[test]
fn model_source_urls() {
    // (input, Ok(stored form) or Err(message))
    let rows: &[(&str, Result<&str, &str>)] = &[
        ("https://example.org/report.pdf", Ok("https://example.org/report.pdf")),
        ("  HTTP://Example.org/a?b=c#d ", Ok("http://Example.org/a?b=c#d")),
        ("https://user@example.org:8443/x", Ok("https://user@example.org:8443/x")),
        ("https://[2001:db8::1]/x", Ok("https://[2001:db8::1]/x")),
        ("javascript:alert(1)", Err("source url 'javascript:alert(1)' is not http or https")),
        ("data:text/html,<b>x</b>", Err("source url 'data:text/html,<b>x</b>' is not http or https")),
        ("ftp://example.org/x", Err("source url 'ftp://example.org/x' is not http or https")),
        ("example.org/x", Err("source url 'example.org/x' is not http or https")),
        ("https:///x", Err("source url 'https:///x' is not a valid web address: it has no host name")),
        (
            "https://exa mple.org",
            Err("source url 'https://exa mple.org' is not a valid web address: it contains spaces or control characters"),
        ),
    ];
    for &(input, want) in rows {
        let got = SourceUrl::parse(input).map(|u| u.as_str().to_owned()).map_err(|e| e.to_string());
        assert_eq!(got.as_deref().map_err(String::as_str), want, "{input}");
    }
    let too_long = format!("https://example.org/{}", "a".repeat(5000));
    assert!(SourceUrl::parse(&too_long).is_err());
    // Checked when read from storage or an import too.
    assert!(serde_json::from_str::<SourceUrl>("\"javascript:alert(1)\"").is_err());
}

#[test]
fn model_verdicts() {
    for v in Verdict::ALL {
        assert_eq!(Verdict::parse(v.as_str()).unwrap(), v);
        assert_eq!(Verdict::parse(v.label()).unwrap(), v);
        assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", v.as_str()));
        if let Some(r) = v.rating() {
            assert!((Verdict::WORST_RATING..=Verdict::BEST_RATING).contains(&r));
            assert_eq!(Verdict::from_rating(r), Some(v));
        }
    }
    assert_eq!(Verdict::parse("MOSTLY-TRUE").unwrap(), Verdict::MostlyTrue);
    assert_eq!(Verdict::True.rating(), Some(5));
    assert_eq!(Verdict::False.rating(), Some(1));
    assert_eq!(Verdict::Unverifiable.rating(), None);
    assert!(!Verdict::default().is_rated());
}

#[test]
fn model_selectors_are_w3c_shaped() {
    let target = Target::describe("art-1", "He said 😀 it rose 5%.", CharSpan::new(18, 20));
    let json = serde_json::to_value(&target).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "source": "art-1",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "5%", "prefix": "He said 😀 it rose ", "suffix": "."},
                {"type": "TextPositionSelector", "start": 18, "end": 20}
            ]
        })
    );
    assert_eq!(serde_json::from_value::<Target>(json).unwrap(), target);
    let only_position = serde_json::json!({"source": "a", "selector": [{"type": "TextPositionSelector", "start": 1, "end": 2}]});
    assert_eq!(
        serde_json::from_value::<Target>(only_position).unwrap_err().to_string(),
        "target has no TextQuoteSelector"
    );
}

#[test]
fn model_edits_bump_field_clocks() {
    let t0 = Timestamp::from_millis(1_000_000);
    let target = Target::describe("a", "Prices rose 4% in May.", CharSpan::new(12, 14));
    let mut a =
        Annotation::from_detected(AnnotationId::from_random_bytes([1; 16]), target, ClaimKind::Percent, t0);
    assert_eq!((a.origin, a.created, a.modified), (Origin::Detected, t0, t0));
    assert!(!a.has_work());
    assert_eq!(a.clock(Field::Verdict), t0);

    a.set_verdict(Verdict::HalfTrue, t0.plus_millis(10));
    assert_eq!(a.clock(Field::Verdict), t0.plus_millis(10));
    assert_eq!(a.clock(Field::Note), t0);
    assert_eq!(a.modified, t0.plus_millis(10));
    assert!(a.has_work());

    // A clock that went backwards still moves the field forward.
    a.set_verdict(Verdict::False, t0.plus_millis(5));
    assert_eq!(a.clock(Field::Verdict), t0.plus_millis(11));

    a.set_tags([" roads ", "Roads", "", "budget"], t0.plus_millis(20));
    assert_eq!(a.tags, ["roads", "budget"]);

    let url = SourceUrl::parse("https://example.org/x").unwrap();
    let source = Source::new(SourceId::from_random_bytes([2; 16]), url, t0.plus_millis(30));
    a.add_source(source.clone(), t0.plus_millis(30));
    let mut edited = source.clone();
    edited.title = "Report".into();
    a.update_source(edited, t0.plus_millis(40));
    assert_eq!(a.sources.len(), 1);
    assert_eq!((a.sources[0].title.as_str(), a.sources[0].added), ("Report", t0.plus_millis(30)));
    assert_eq!(a.sources[0].modified, t0.plus_millis(40));
    assert!(a.remove_source(&source.id, t0.plus_millis(50)).is_some());
    assert!(a.remove_source(&source.id, t0.plus_millis(51)).is_none());
    assert_eq!(a.removed_sources.len(), 1);
    assert_eq!(a.modified, t0.plus_millis(50));

    let dismissed = Annotation::dismissed_candidate(
        AnnotationId::from_random_bytes([3; 16]),
        a.target.clone(),
        ClaimKind::Percent,
        t0,
    );
    assert!(dismissed.dismissed && !dismissed.has_work());
}

#[test]
fn model_stored_annotation_omits_defaults() {
    let t0 = Timestamp::from_millis(1_714_555_800_000);
    let target = Target::describe("a", "Prices rose 4% in May.", CharSpan::new(12, 14));
    let a = Annotation::new_user(AnnotationId::from_random_bytes([1; 16]), target, ClaimKind::Percent, t0);
    let json = serde_json::to_string(&a).unwrap();
    for absent in ["verdict", "sources", "note", "tags", "dismissed", "clocks"] {
        assert!(!json.contains(absent), "{absent} in {json}");
    }
    assert_eq!(serde_json::from_str::<Annotation>(&json).unwrap(), a);
}
