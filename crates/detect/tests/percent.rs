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
// What is not a percentage.
t!(p100_percentage_of, "a percentage of the people", []);
t!(p101_per_capita, "per capita income", []);
t!(p102_perhaps, "perhaps ten people", []);
t!(p103_per_year, "5 per year", []);
t!(p104_percentile, "the 90th percentile", []);
t!(p105_a_percent, "not a percent more", []);
