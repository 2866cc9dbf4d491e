//! Relative dates, with and without a publication date; and the durations and compounds that
//! are not dates.
//!
//! A row is `r!(name, published, input, [(text, label), ...])`: every date claim that
//! `detect_with` returns on `input`, in order, with `published` ("" for none). Claims of other
//! kinds are not compared. An empty list is a negative case.

use claimmark_detect::offsets::CharSpan;
use claimmark_detect::{detect, detect_with, ClaimKind, ClaimValue, DetectOptions, PartialDate};

fn check(published: &str, input: &str, expected: &[(&str, &str)]) {
    let options = DetectOptions { published: (!published.is_empty()).then(|| published.parse().unwrap()) };
    let claims = detect_with(input, &options);
    for c in &claims {
        assert_eq!(slice(input, c.span), c.text, "span and text disagree for {c:?}");
    }
    let got: Vec<(String, String)> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Date)
        .map(|c| (c.text.clone(), c.value_label()))
        .collect();
    let want: Vec<(String, String)> = expected.iter().map(|(t, l)| (t.to_string(), l.to_string())).collect();
    assert_eq!(got, want, "\ninput: {input:?}, published: {published:?}");
}

fn slice(text: &str, span: CharSpan) -> &str {
    let byte = |at: usize| text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    let start = byte(span.start.0);
    &text[start..byte(span.end.0).max(start)]
}

macro_rules! r {
    ($name:ident, $published:expr, $input:expr, [$(($text:expr, $label:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            check($published, $input, &[$(($text, $label)),*]);
        }
    };
}

const P: &str = "2022-03-15"; // a Tuesday

// Days.
r!(
    r001_yesterday,
    P,
    "The mayor resigned yesterday.",
    [("yesterday", "1 day before publication: 2022-03-14")]
);
r!(r002_today, P, "Today, the court rules.", [("Today", "the day of publication: 2022-03-15")]);
r!(r003_tomorrow, P, "Voting ends tomorrow.", [("tomorrow", "1 day after publication: 2022-03-16")]);
r!(r004_yesterday_no_date, "", "The mayor resigned yesterday.", [("yesterday", "1 day before publication")]);
r!(
    r005_yesterday_new_year,
    "2021-01-01",
    "It snowed yesterday.",
    [("yesterday", "1 day before publication: 2020-12-31")]
);
r!(r006_yesterdays, P, "yesterday's vote", [("yesterday", "1 day before publication: 2022-03-14")]);
r!(
    r007_days_ago_leap,
    "2020-03-01",
    "Three days ago it began.",
    [("Three days ago", "3 days before publication: 2020-02-27")]
);
r!(
    r008_ten_days_ago,
    P,
    "It opened 10 days ago.",
    [("10 days ago", "10 days before publication: 2022-03-05")]
);
// Weeks: Monday to Sunday.
r!(
    r010_last_week,
    P,
    "Talks failed last week.",
    [("last week", "1 week before publication: 2022-03-07/2022-03-13")]
);
r!(
    r011_this_week,
    "2022-03-13",
    "this week",
    [("this week", "the week of publication: 2022-03-07/2022-03-13")]
);
r!(
    r012_next_week,
    P,
    "He will visit next week.",
    [("next week", "1 week after publication: 2022-03-21/2022-03-27")]
);
r!(
    r013_two_weeks_ago,
    P,
    "two weeks ago",
    [("two weeks ago", "2 weeks before publication: 2022-02-28/2022-03-06")]
);
// Months.
r!(r020_last_month, P, "Prices rose last month.", [("last month", "1 month before publication: 2022-02")]);
r!(
    r021_last_month_january,
    "2022-01-20",
    "last month",
    [("last month", "1 month before publication: 2021-12")]
);
r!(r022_this_month, P, "This month the rules change.", [("This month", "the month of publication: 2022-03")]);
r!(
    r023_next_month_december,
    "2021-12-02",
    "next month",
    [("next month", "1 month after publication: 2022-01")]
);
r!(
    r024_earlier_this_month,
    P,
    "as he said earlier this month",
    [("earlier this month", "the month of publication: 2022-03 (earlier)")]
);
r!(r025_six_months_ago, P, "six months ago", [("six months ago", "6 months before publication: 2021-09")]);
r!(
    r026_fourteen_months_ago,
    P,
    "14 months ago",
    [("14 months ago", "14 months before publication: 2021-01")]
);
// Years and decades.
r!(r030_last_year, P, "Prices rose last year.", [("last year", "1 year before publication: 2021")]);
r!(r031_last_year_no_date, "", "Prices rose last year.", [("last year", "1 year before publication")]);
r!(r032_this_years_budget, P, "this year's budget", [("this year", "the year of publication: 2022")]);
r!(r033_next_year, P, "elections next year", [("next year", "1 year after publication: 2023")]);
r!(
    r034_earlier_this_year,
    P,
    "Earlier this year, the",
    [("Earlier this year", "the year of publication: 2022 (earlier)")]
);
r!(r035_later_this_year, "", "due later this year", [("later this year", "the year of publication (later)")]);
r!(
    r036_late_last_year,
    P,
    "in late last year",
    [("late last year", "1 year before publication: 2021 (late)")]
);
r!(
    r037_years_ago,
    "2019-06-12",
    "He died 41 years ago.",
    [("41 years ago", "41 years before publication: 1978")]
);
r!(r038_a_year_ago, P, "a year ago", [("a year ago", "1 year before publication: 2021")]);
r!(r039_a_decade_ago, P, "about a decade ago", [("a decade ago", "1 decade before publication: 2012")]);
r!(r040_two_decades_no_date, "", "two decades ago", [("two decades ago", "2 decades before publication")]);
r!(r041_twelve_years, P, "twelve years ago", [("twelve years ago", "12 years before publication: 2010")]);
r!(
    r042_beside_absolute,
    P,
    "Last year, in May 2021, it rose.",
    [("Last year", "1 year before publication: 2021"), ("May 2021", "2021-05"),]
);
// Spans count characters outside the BMP.
r!(
    r043_astral,
    P,
    "😀𝄞 It fell last week 😀 and yesterday.",
    [
        ("last week", "1 week before publication: 2022-03-07/2022-03-13"),
        ("yesterday", "1 day before publication: 2022-03-14"),
    ]
);
r!(
    r044_dash_of_an_hour,
    P,
    "Ten years ago—exactly—it began.",
    [("Ten years ago", "10 years before publication: 2012")]
);
r!(
    r045_capitalised,
    P,
    "Yesterday it rained. Tomorrow? Decades ago.",
    [
        ("Yesterday", "1 day before publication: 2022-03-14"),
        ("Tomorrow", "1 day after publication: 2022-03-16"),
    ]
);
r!(
    r046_week_across_year,
    "2021-01-01",
    "last week",
    [("last week", "1 week before publication: 2020-12-21/2020-12-27")]
);
// Weekdays: "last" is the one before publication, "next" the one after, a bare "on Friday" the
// nearest on or before it, unless the sentence speaks of the future ("will", "due", …).
r!(
    r050_on_friday,
    P,
    "The minister resigned on Friday.",
    [("Friday", "Friday on or before publication: 2022-03-11")]
);
r!(r051_on_the_day, P, "He spoke on Tuesday.", [("Tuesday", "Tuesday on or before publication: 2022-03-15")]);
r!(
    r052_last_tuesday,
    P,
    "Talks broke down last Tuesday.",
    [("last Tuesday", "Tuesday before publication: 2022-03-08")]
);
r!(r053_next_monday, P, "next Monday", [("next Monday", "Monday after publication: 2022-03-21")]);
r!(r054_next_tuesday, P, "next Tuesday", [("next Tuesday", "Tuesday after publication: 2022-03-22")]);
r!(
    r055_future_on_monday,
    P,
    "The vote will be held on Monday.",
    [("Monday", "Monday after publication: 2022-03-21")]
);
r!(
    r056_future_other_sentence,
    P,
    "It will rain. He left on Wednesday.",
    [("Wednesday", "Wednesday on or before publication: 2022-03-09")]
);
r!(
    r062_future_in_a_quotation,
    P,
    "\"It will change,\" he said on Friday. “We will go”, she said on Monday.",
    [
        ("Friday", "Friday on or before publication: 2022-03-11"),
        ("Monday", "Monday on or before publication: 2022-03-14"),
    ]
);
r!(
    r063_due_to,
    P,
    "It closed due to a landslide on Saturday.",
    [("Saturday", "Saturday on or before publication: 2022-03-12")]
);
r!(r058_no_date, "", "It happened on Friday.", [("Friday", "Friday on or before publication")]);
r!(r059_last_no_date, "", "last Thursday", [("last Thursday", "Thursday before publication")]);
r!(
    r060_across_year,
    "2021-01-01",
    "last Saturday and on Friday",
    [
        ("last Saturday", "Saturday before publication: 2020-12-26"),
        ("Friday", "Friday on or before publication: 2021-01-01"),
    ]
);
r!(
    r061_due_on,
    P,
    "The report is due on Thursday.",
    [("Thursday", "Thursday after publication: 2022-03-17")]
);
// Ranges: the decade up to publication, and parts of a year.
r!(
    r070_past_decade,
    P,
    "Emissions fell over the past decade.",
    [("past decade", "the decade before publication: 2012/2022")]
);
r!(r071_last_decade_no_date, "", "in the last decade", [("last decade", "the decade before publication")]);
r!(
    r072_third_quarter,
    P,
    "Sales grew in the third quarter of the year.",
    [("third quarter of the year", "the third quarter of the year of publication: 2022-07/2022-09")]
);
r!(
    r073_second_half,
    P,
    "the second half of the year",
    [("second half of the year", "the second half of the year of publication: 2022-07/2022-12")]
);
r!(
    r074_first_half_last_year,
    P,
    "In the first half of last year,",
    [("first half of last year", "the first half of 1 year before publication: 2021-01/2021-06")]
);
r!(
    r075_fourth_quarter_next_year,
    "",
    "by the fourth quarter of next year",
    [("fourth quarter of next year", "the fourth quarter of 1 year after publication")]
);
r!(
    r160_decade_durations,
    P,
    "the last decade of the century, past decades, a past decade, his last decade",
    []
);
r!(
    r076_quarters_with_a_year,
    "",
    "Q3 2019 and H1 2020; the second quarter of 2018.",
    [
        ("Q3 2019", "2019-07/2019-09"),
        ("H1 2020", "2020-01/2020-06"),
        ("second quarter of 2018", "2018-04/2018-06"),
    ]
);
r!(r162_not_quarters, "", "Q5 2019, AQ3 2019, q3 2019, H3 2020, a quarter of 2018 voters", []);
r!(r161_third_half, P, "the third half of the year, the quarter of the year, the first part of the year", []);
r!(r150_good_friday, P, "on Good Friday and Black Friday", []);
r!(r151_weekday_alone, P, "Friday was hot. Monday's vote. Tuesdays are quiet.", []);
r!(r152_the_last_friday, P, "the last Friday of the month, the next Monday", []);
r!(r153_lowercase, P, "on friday, last monday", []);
r!(r155_other_prepositions, P, "closed since Sunday, until Monday, by Friday; from Monday to Friday", []);
r!(r154_glued, P, "on Fridays, on xFriday, lastFriday", []);
// Durations, compounds and names are not dates.
r!(r100_for_days, P, "They marched for 10 days.", []);
r!(r101_years_no_ago, P, "He served 41 years in office.", []);
r!(r102_the_last_year, P, "the last year of his term", []);
r!(r103_the_next_month, P, "in the next month or so", []);
r!(r104_past_year, P, "over the past year", []);
r!(r105_compound_day, P, "his 10-day visit", []);
r!(r106_year_long, P, "a year-long inquiry", []);
r!(r107_five_year_old, P, "a five-year-old boy", []);
r!(r108_usa_today, P, "USA Today reported it.", []);
r!(r109_every_year, P, "It happens every year and each month.", []);
r!(r110_half_a_year, P, "half a year ago", []);
r!(r111_million_years, P, "65 million years ago", []);
r!(r112_disagreeing_count, P, "5 year ago, 1 years ago", []);
r!(r113_days_alone, P, "Days passed. A week is long. The year was hard.", []);
r!(r114_yearly, P, "yearly, weekly, monthly, todays", []);
r!(r115_glued, P, "lastyear, 2years ago, thisyear", []);
r!(r116_his_last_week, P, "his last week in office", []);
r!(r117_years_earlier, P, "ten years earlier, two weeks later", []);
r!(r118_thousand_years, P, "1,000 years ago", []);

#[test]
fn detect_is_detect_with_no_publication_date() {
    let text = "Last year prices rose; yesterday they fell; 41 years ago they were lower.";
    assert_eq!(detect(text), detect_with(text, &DetectOptions::default()));
    let c = &detect(text)[0];
    let ClaimValue::Date { start, end, relative: Some(r), .. } = &c.value else { panic!("{c:?}") };
    assert_eq!((*start, *end), (PartialDate::default(), None));
    assert_eq!((r.offset, r.unit), (-1, claimmark_detect::RelativeUnit::Year));
}

#[test]
fn relative_dates_round_trip_through_json() {
    for published in [None, "2022-03-15".parse().ok()] {
        let claims = detect_with("Earlier this year and last week.", &DetectOptions { published });
        let json = serde_json::to_string(&claims).unwrap();
        assert!(json.contains(r#""relative":{"offset":-1,"unit":"week"}"#), "{json}");
        let back: Vec<claimmark_detect::Claim> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, claims);
    }
    // Weekdays, the past decade and parts of a year have units of their own.
    for published in [None, "2022-03-15".parse().ok()] {
        let text = "It fell on Friday, over the past decade and in the third quarter of last year.";
        let claims = detect_with(text, &DetectOptions { published });
        let json = serde_json::to_string(&claims).unwrap();
        for unit in [
            r#"{"offset":0,"unit":"friday"}"#,
            r#"{"offset":-1,"unit":"pastdecade"}"#,
            r#"{"offset":-1,"unit":"q3"}"#,
        ] {
            assert!(json.contains(unit), "{unit} not in {json}");
        }
        let back: Vec<claimmark_detect::Claim> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, claims);
    }
    // An absolute date does not gain the field.
    let json = serde_json::to_string(&detect("in May 2021")).unwrap();
    assert!(!json.contains("relative"), "{json}");
}

#[test]
fn publication_dates_are_checked() {
    for bad in ["2022-02-30", "2022-13-01", "22-03-15", "2022-3-15", "2022-03-15x", "", "yesterday"] {
        let parsed: Result<claimmark_detect::CalendarDate, _> = bad.parse();
        let err = parsed.expect_err(bad);
        assert!(err.to_string().contains(&format!("'{bad}'")), "{err}");
    }
    assert_eq!("2024-02-29".parse::<claimmark_detect::CalendarDate>().unwrap().to_string(), "2024-02-29");
}

/// How many relative dates the Wikinews development articles hold, resolved against each
/// article's date: `cargo test -p claimmark-detect --test relative -- --ignored --nocapture`.
#[test]
#[ignore = "prints figures on ../shared; run by hand"]
fn wikinews_relative_dates() {
    const WEEKDAYS: [&str; 7] =
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/wikinews-dev");
    let Ok(index) = std::fs::read_to_string(format!("{dir}/index.tsv")) else {
        println!("skipped: {dir} is absent");
        return;
    };
    let (mut articles, mut total, mut after) = (0, 0, 0);
    let mut by_unit = std::collections::BTreeMap::new();
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let text = std::fs::read_to_string(format!("{dir}/articles/{}", cols[0])).unwrap();
        let options = DetectOptions { published: Some(cols[1].parse().unwrap()) };
        articles += 1;
        for c in detect_with(&text, &options) {
            if let ClaimValue::Date { relative: Some(r), .. } = &c.value {
                total += 1;
                *by_unit.entry(format!("{:?}", r.unit)).or_insert(0) += 1;
                after += i32::from(WEEKDAYS.contains(&format!("{:?}", r.unit).as_str()) && r.offset > 0);
                println!("{}\t{}\t{}", cols[1], c.text, c.value_label());
            }
        }
    }
    println!("{total} relative dates in {articles} articles; by unit: {by_unit:?}");
    let weekdays: i32 = WEEKDAYS.iter().map(|d| by_unit.get(*d).copied().unwrap_or(0)).sum();
    println!("{weekdays} weekdays, {after} of them read as after publication");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// A publication date changes values only: the same claims at the same places, and every
    /// relative date resolved to at least a year.
    #[test]
    fn a_publication_date_changes_values_only(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "last", "this", "next", "year", "years", "month", "week", "days", "decade", "ago", "a", "the",
            "two", "41", "10-", "yesterday", "Today", "tomorrow", "earlier", "late", "😀", " ", " ", ",",
            "May", "2019", "-", "'s", "on", "Friday", "Sunday", "will", "past", "quarter", "half", "of",
            "third", "first", "Q3",
        ]), 0..30),
        days in 0i64..3_000_000,
    ) {
        let text = pieces.join(" ");
        let d: claimmark_detect::CalendarDate =
            format!("{:04}-{:02}-{:02}", 1 + days / 372 % 9999, 1 + days / 31 % 12, 1 + days % 28).parse().unwrap();
        let with = detect_with(&text, &DetectOptions { published: Some(d) });
        let without = detect(&text);
        let place = |c: &claimmark_detect::Claim| (c.kind, c.span, c.text.clone());
        proptest::prop_assert_eq!(with.iter().map(place).collect::<Vec<_>>(), without.iter().map(place).collect::<Vec<_>>());
        for c in &with {
            if let ClaimValue::Date { start, relative: Some(_), .. } = &c.value {
                proptest::prop_assert!(start.year.is_some() || d.year() <= 41, "{c:?} from {d}");
            }
        }
    }
}
