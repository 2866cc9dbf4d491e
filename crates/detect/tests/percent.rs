//! Percentages: signs, words, points, ranges; and what is not a percentage.
mod common;

t!(p001_sign, "14.2%", [("percent", "14.2%", "14.2%")]);
t!(p002_per_cent, "14.2 per cent", [("percent", "14.2 per cent", "14.2%")]);
t!(p003_percent, "14.2 percent", [("percent", "14.2 percent", "14.2%")]);
t!(p004_words, "fourteen percent", [("percent", "fourteen percent", "14%")]);
t!(p005_hyphen_words, "twenty-five per cent", [("percent", "twenty-five per cent", "25%")]);
t!(p006_hundred_words, "one hundred percent", [("percent", "one hundred percent", "100%")]);
t!(p007_points, "3 percentage points", [("percent", "3 percentage points", "3 percentage points")]);
t!(p008_basis_points, "25 basis points", [("percent", "25 basis points", "25 basis points")]);
t!(p009_range, "2-3%", [("percent", "2-3%", "2–3%")]);
t!(p010_to_range, "2 to 3 per cent", [("percent", "2 to 3 per cent", "2–3%")]);
t!(p011_rise, "a 5% rise", [("percent", "5%", "5%")]);
t!(p012_pc, "inflation of 12pc", [("percent", "12pc", "12%")]);
t!(p013_space_sign, "14.2 %", [("percent", "14.2 %", "14.2%")]);
t!(
    p014_single_point,
    "0.25 percentage point",
    [("percent", "0.25 percentage point", "0.25 percentage points")]
);
t!(p015_capital_words, "Fifty percent of voters", [("percent", "Fifty percent", "50%")]);
t!(p016_bps, "a 50bps cut", [("percent", "50bps", "50 basis points")]);
t!(p017_pct, "up 4 pct", [("percent", "4 pct", "4%")]);
t!(
    p018_news_inflation,
    "Inflation hit 38% in May 2023, the highest in Asia.",
    [("percent", "38%", "38%"), ("date", "May 2023", "2023-05")]
);
t!(
    p019_news_gdp,
    "GDP grew by 5.97 percent in fiscal year 2021.",
    [("percent", "5.97 percent", "5.97%"), ("date", "2021", "2021")]
);
t!(
    p020_news_turnout,
    "Turnout was 51.7 per cent, down 3.3 percentage points.",
    [("percent", "51.7 per cent", "51.7%"), ("percent", "3.3 percentage points", "3.3 percentage points")]
);
t!(p021_en_dash_range, "10–15%", [("percent", "10–15%", "10–15%")]);
t!(p022_ten_percent, "ten per cent", [("percent", "ten per cent", "10%")]);
t!(p023_minus, "GDP shrank -2.1% last quarter", [("percent", "-2.1%", "-2.1%")]);
t!(p024_plus, "sales +31.4% on the year", [("percent", "+31.4%", "+31.4%")]);
t!(p025_unicode_minus, "a change of \u{2212}2.1%", [("percent", "\u{2212}2.1%", "-2.1%")]);
t!(p026_signed_per_cent, "(-0.5 per cent)", [("percent", "-0.5 per cent", "-0.5%")]);
t!(p027_signed_points, "+3 percentage points", [("percent", "+3 percentage points", "+3 percentage points")]);
t!(
    p028_pp,
    "up 2.1pp on last year",
    [("percent", "2.1pp", "2.1 percentage points"), ("date", "last year", "1 year before publication")]
);
t!(p029_percent_points, "a 3% points lead", [("percent", "3% points", "3 percentage points")]);
t!(p030_per_cent_points, "5 per cent points", [("percent", "5 per cent points", "5 percentage points")]);
t!(
    p031_words_points,
    "three percentage points",
    [("percent", "three percentage points", "3 percentage points")]
);
t!(p032_signed_start, "-4% in May 2023", [("percent", "-4%", "-4%"), ("date", "May 2023", "2023-05")]);
// What is not a percentage.
t!(p100_percentage_of, "a percentage of the people", []);
t!(p101_per_capita, "per capita income", []);
t!(p102_perhaps, "perhaps ten people", []);
t!(p103_per_year, "5 per year", []);
t!(p104_percentile, "the 90th percentile", []);
t!(p105_a_percent, "not a percent more", []);
t!(p106_hyphen_range_not_signed, "a 2-3% rise", [("percent", "2-3%", "2–3%")]);
t!(p107_name_before_dash, "COVID-19% of", [("percent", "19%", "19%")]);
t!(p108_phone_plus, "call +92 300 1234567", []);
t!(p109_pages, "a book of 300 pp", []);
t!(p110_index_points, "the Dow fell 300 points", []);
t!(p111_plus_count, "+5 more", []);
t!(p112_minus_count, "-5 degrees", []);
t!(p113_url_encoded, "You can go to https://www.test.com/search?q=30%25%2020% now", []);
t!(p114_encoded_without_scheme, "search?q=30%25%2020%", []);
t!(p115_encoded_quote, "the%E2%80%99s 5%20off", []);
t!(p116_www, "see www.example.com/50%-off", []);
t!(p117_email, "write to sales2020@example.com or 10%off@example.com", []);
t!(
    p118_url_then_figure,
    "(http://x.org/a?p=5%25) 14.2% in 2020",
    [("percent", "14.2%", "14.2%"), ("date", "2020", "2020")]
);

/// Exports (JSON) of unsigned percentages stay as they were; a written sign adds `"signed": true`.
#[test]
fn p200_sign_in_the_export() {
    let json = |text: &str| serde_json::to_string(&claimmark_detect::detect(text)[0].value).unwrap();
    assert_eq!(json("14.2%"), r#"{"type":"percent","value":14.2,"unit":"percent"}"#);
    assert_eq!(json("-2.1%"), r#"{"type":"percent","value":-2.1,"unit":"percent","signed":true}"#);
    assert_eq!(json("2.1pp"), r#"{"type":"percent","value":2.1,"unit":"percentage_points"}"#);
}
