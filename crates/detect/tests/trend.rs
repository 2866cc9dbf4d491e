//! Trend figures and their consistency check.
mod common;

use claimmark_detect::{detect, ClaimKind, ClaimValue, Direction};

t!(
    r001_seed_sentence,
    "Pakistani exports to Russia have increased at an annualized rate of 14.2%, from $13.2M in 1996 to $277M in 2019.",
    [
        (
            "trend",
            "exports to Russia have increased at an annualized rate of 14.2%, from $13.2M in 1996 to $277M in 2019",
            "14.2% a year, US$ 13.2 million (1996) → US$ 277 million (2019); check: consistent"
        ),
        ("percent", "14.2%", "14.2%"),
        ("money", "$13.2M", "US$ 13.2 million"),
        ("date", "1996", "1996"),
        ("money", "$277M", "US$ 277 million"),
        ("date", "2019", "2019")
    ]
);
t!(
    r002_mismatch,
    "Exports grew at an annual rate of 20%, from $10M in 2000 to $20M in 2010.",
    [
        (
            "trend",
            "Exports grew at an annual rate of 20%, from $10M in 2000 to $20M in 2010",
            "20% a year, US$ 10 million (2000) → US$ 20 million (2010); check: DOES NOT MATCH"
        ),
        ("percent", "20%", "20%"),
        ("money", "$10M", "US$ 10 million"),
        ("date", "2000", "2000"),
        ("money", "$20M", "US$ 20 million"),
        ("date", "2010", "2010")
    ]
);
t!(
    r003_total_change,
    "Sales rose 50%, from $2 billion to $3 billion.",
    [
        (
            "trend",
            "Sales rose 50%, from $2 billion to $3 billion",
            "50%, US$ 2 billion → US$ 3 billion; check: consistent"
        ),
        ("percent", "50%", "50%"),
        ("money", "$2 billion", "US$ 2 billion"),
        ("money", "$3 billion", "US$ 3 billion")
    ]
);
t!(
    r004_percent_figures,
    "Unemployment fell from 5.2% in 2019 to 4.1% in 2022.",
    [
        (
            "trend",
            "Unemployment fell from 5.2% in 2019 to 4.1% in 2022",
            "5.2% (2019) → 4.1% (2022); not checked"
        ),
        ("percent", "5.2%", "5.2%"),
        ("date", "2019", "2019"),
        ("percent", "4.1%", "4.1%"),
        ("date", "2022", "2022")
    ]
);
t!(
    r005_rate_after,
    "The population grew from 1.2 million in 1990 to 2.4 million in 2020, an annual rate of 2.3%.",
    [
        (
            "trend",
            "population grew from 1.2 million in 1990 to 2.4 million in 2020, an annual rate of 2.3%",
            "2.3% a year, 1,200,000 (1990) → 2,400,000 (2020); check: consistent"
        ),
        ("date", "1990", "1990"),
        ("date", "2020", "2020"),
        ("percent", "2.3%", "2.3%")
    ]
);
t!(
    r006_direction_wrong,
    "Debt rose from $10bn in 2010 to $8bn in 2015.",
    [
        (
            "trend",
            "Debt rose from $10bn in 2010 to $8bn in 2015",
            "US$ 10 billion (2010) → US$ 8 billion (2015); check: DOES NOT MATCH"
        ),
        ("money", "$10bn", "US$ 10 billion"),
        ("date", "2010", "2010"),
        ("money", "$8bn", "US$ 8 billion"),
        ("date", "2015", "2015")
    ]
);
t!(r100_plain_numbers, "from 1 to 10", []);
t!(r101_days, "from Monday to Friday", []);
t!(r102_years_only, "from 1996 to 2019", [("date", "1996 to 2019", "1996/2019")]);

fn trend(text: &str) -> ClaimValue {
    detect(text).into_iter().find(|c| c.kind == ClaimKind::Trend).expect("a trend").value
}

#[test]
fn r200_seed_check_shows_arithmetic() {
    let ClaimValue::Trend { direction, rate, annualised, from, to, unit, from_year, to_year, check } = trend(
        "exports to Russia have increased at an annualized rate of 14.2%, from $13.2M in 1996 to $277M in 2019",
    ) else {
        unreachable!()
    };
    assert_eq!(direction, Direction::Up);
    assert_eq!(rate, Some(14.2));
    assert!(annualised);
    assert_eq!((from, to), (13_200_000.0, 277_000_000.0));
    assert_eq!(unit.as_deref(), Some("USD"));
    assert_eq!((from_year, to_year), (Some(1996), Some(2019)));
    let check = check.expect("checked");
    assert!(check.consistent);
    assert!((check.implied_rate - 14.15).abs() < 0.01, "{}", check.implied_rate);
    assert_eq!(
        check.arithmetic,
        "(277 ÷ 13.2)^(1/23) − 1 = 14.15% a year; stated 14.2%: consistent within the rounding of the figures"
    );
}

#[test]
fn r201_mismatch_shows_arithmetic() {
    let ClaimValue::Trend { check: Some(check), .. } =
        trend("Exports grew at an annual rate of 20%, from $10M in 2000 to $20M in 2010.")
    else {
        unreachable!()
    };
    assert!(!check.consistent);
    assert_eq!(
        check.arithmetic,
        "(20 ÷ 10)^(1/10) − 1 = 7.18% a year; stated 20%: does not match the figures, even allowing for rounding"
    );
}

#[test]
fn r202_rounding_edge_is_consistent() {
    // (277 / 13.2)^(1/23) − 1 is 14.15%; a writer who rounded to 14% is within the rounding of "14%".
    let ClaimValue::Trend { check: Some(check), .. } =
        trend("exports grew at an annual rate of 14%, from $13.2M in 1996 to $277M in 2019")
    else {
        unreachable!()
    };
    assert!(check.consistent, "{}", check.arithmetic);
}

#[test]
fn r203_fall_stated_as_positive() {
    let ClaimValue::Trend { direction, check: Some(check), .. } =
        trend("Imports fell 25%, from $4 billion to $3 billion.")
    else {
        unreachable!()
    };
    assert_eq!(direction, Direction::Down);
    assert!(check.consistent, "{}", check.arithmetic);
}

#[test]
fn r204_fall_stated_with_its_sign() {
    let ClaimValue::Trend { direction, rate, check: Some(check), .. } =
        trend("Imports fell -25%, from $4 billion to $3 billion.")
    else {
        unreachable!()
    };
    assert_eq!(direction, Direction::Down);
    assert_eq!(rate, Some(-25.0));
    assert!(check.consistent, "{}", check.arithmetic);
}
