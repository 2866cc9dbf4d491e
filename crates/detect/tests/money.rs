//! Money: currency before or after, scales, separators, ranges; and what is not money.
mod common;

t!(m001_dollar_suffix_m, "$13.2M", [("money", "$13.2M", "US$ 13.2 million")]);
t!(m002_us_dollar_range, "US$ 2-3 billion", [("money", "US$ 2-3 billion", "US$ 2–3 billion")]);
t!(m003_dollar_range, "a $2-3 billion deal", [("money", "$2-3 billion", "US$ 2–3 billion")]);
t!(m004_rs_glued_bn, "Rs5bn", [("money", "Rs5bn", "Rs 5 billion")]);
t!(m005_rs_dot, "a fine of Rs. 500", [("money", "Rs. 500", "Rs 500")]);
t!(m006_crore, "Rs 5 crore", [("money", "Rs 5 crore", "Rs 50 million")]);
t!(m007_pkr_code, "PKR 2.5 billion", [("money", "PKR 2.5 billion", "PKR 2.5 billion")]);
t!(m008_euro_grouped, "€1,500", [("money", "€1,500", "€ 1,500")]);
t!(m009_pound_bn, "£3.4bn", [("money", "£3.4bn", "£ 3.4 billion")]);
t!(m010_yen, "¥3,000", [("money", "¥3,000", "¥ 3,000")]);
t!(m011_lakh_crore, "₹2 lakh crore", [("money", "₹2 lakh crore", "₹ 2 trillion")]);
t!(m012_million_dollars, "5 million dollars", [("money", "5 million dollars", "US$ 5 million")]);
t!(m013_rupees_word, "200 rupees", [("money", "200 rupees", "200 rupees")]);
t!(m014_us_dollars, "3 billion US dollars", [("money", "3 billion US dollars", "US$ 3 billion")]);
t!(
    m015_pakistani_rupees,
    "10 million Pakistani rupees",
    [("money", "10 million Pakistani rupees", "PKR 10 million")]
);
t!(m016_usd_before, "USD 500 million", [("money", "USD 500 million", "US$ 500 million")]);
t!(m017_trillion, "$1.2 trillion", [("money", "$1.2 trillion", "US$ 1.2 trillion")]);
t!(m018_grouped, "$500,000", [("money", "$500,000", "US$ 500,000")]);
t!(m019_space_after_sign, "$ 45", [("money", "$ 45", "US$ 45")]);
t!(m020_aud, "A$50m", [("money", "A$50m", "AUD 50 million")]);
t!(m021_hkd, "HK$3 billion", [("money", "HK$3 billion", "HKD 3 billion")]);
t!(m022_to_range, "$5 to $7 million", [("money", "$5 to $7 million", "US$ 5–7 million")]);
t!(m023_indian_grouping, "2,50,000 rupees", [("money", "2,50,000 rupees", "250,000 rupees")]);
t!(m024_k_suffix, "$3.5k", [("money", "$3.5k", "US$ 3,500")]);
t!(m025_euros_word, "1.5 billion euros", [("money", "1.5 billion euros", "€ 1.5 billion")]);
t!(m026_lakh, "Rs 12.5 lakh", [("money", "Rs 12.5 lakh", "Rs 1.25 million")]);
t!(m027_mn, "$40mn", [("money", "$40mn", "US$ 40 million")]);
t!(m028_decimal_cents, "$4.99", [("money", "$4.99", "US$ 4.99")]);
t!(m029_en_dash_range, "€2–3bn", [("money", "€2–3bn", "€ 2–3 billion")]);
t!(m030_rupee_sign, "₹500", [("money", "₹500", "₹ 500")]);
t!(
    m031_news_imf,
    "The IMF approved a $6 billion bailout package in July 2019.",
    [("money", "$6 billion", "US$ 6 billion"), ("date", "July 2019", "2019-07")]
);
t!(
    m032_news_budget,
    "The federal budget for 2021-22 is Rs8.48 trillion, with defence at Rs1.37tr.",
    [
        ("date", "2021-22", "2021/2022"),
        ("money", "Rs8.48 trillion", "Rs 8.48 trillion"),
        ("money", "Rs1.37tr", "Rs 1.37 trillion")
    ]
);
t!(
    m033_news_sold,
    "Tesla sold $1.5bn worth of bitcoin in February.",
    [("money", "$1.5bn", "US$ 1.5 billion")]
);
t!(m034_yuan, "800 billion yuan", [("money", "800 billion yuan", "CNY 800 billion")]);
t!(m035_canadian, "C$12 million", [("money", "C$12 million", "CAD 12 million")]);
t!(m036_eur_code_after, "40 million EUR", [("money", "40 million EUR", "€ 40 million")]);
t!(m037_two_groups, "$5,479,761", [("money", "$5,479,761", "US$ 5.48 million")]);
t!(m038_three_groups, "$100,000,000", [("money", "$100,000,000", "US$ 100 million")]);
t!(m039_groups_and_cents, "€1,234,567.89", [("money", "€1,234,567.89", "€ 1.235 million")]);
t!(m040_indian_crore_grouping, "Rs 1,00,00,000", [("money", "Rs 1,00,00,000", "Rs 10 million")]);
t!(m041_six_groups, "$1,000,000,000,000,000", [("money", "$1,000,000,000,000,000", "US$ 1,000 trillion")]);
t!(
    m042_news_grouped,
    "The fund paid out $5,479,761 in 2019.",
    [("money", "$5,479,761", "US$ 5.48 million"), ("date", "2019", "2019")]
);
// What is not money.
t!(m100_count_with_scale, "13.2 million people live there", []);
t!(m101_bare_scale, "5 million", []);
t!(m102_dollar_word_alone, "the dollar fell against the rupee", []);
t!(m103_pounds_weight, "2 pounds of sugar", []);
t!(m104_sign_alone, "costs $ and more", []);
t!(m105_code_alone, "USD and PKR", []);
t!(m106_count_grouped, "1,500 people", []);
t!(m107_bad_grouping, "1,23,4 dollars", []);
t!(m108_short_last_group, "$1,234,56", []);
t!(m109_indian_after_three, "123,45,678 rupees", []);
t!(m110_two_after_three, "$1,000,00", []);
t!(m111_long_group, "$1,0000", []);
t!(m112_list_of_groups, "$1,000,000,0", []);
t!(m113_url, "https://example.com/$5,000/2019/05/01", []);
t!(m114_email, "mail $5m@example.com", []);
t!(m115_encoded, "q=%24500%20million", []);
t!(
    m116_url_beside_figure,
    "See http://x.com/5-million-dollars \"for the $5 million we lost\"",
    [
        ("quote", "\"for the $5 million we lost\"", "quotation, 6 words, speaker not named"),
        ("money", "$5 million", "US$ 5 million")
    ]
);
t!(
    m043_between_and_scale,
    "between $5 and $7 billion",
    [("money", "between $5 and $7 billion", "US$ 5–7 billion")]
);
t!(m044_dash_scale, "$5-7 billion", [("money", "$5-7 billion", "US$ 5–7 billion")]);
t!(m045_to_scale_words, "5 to 7 million dollars", [("money", "5 to 7 million dollars", "US$ 5–7 million")]);
t!(
    m046_between_words,
    "between 5 and 7 million dollars",
    [("money", "between 5 and 7 million dollars", "US$ 5–7 million")]
);
t!(
    m047_between_scale_once,
    "between $5 and 7 billion",
    [("money", "between $5 and 7 billion", "US$ 5–7 billion")]
);
t!(
    m048_news_between,
    "The deal is worth between €2 and €3bn, officials said.",
    [("money", "between €2 and €3bn", "€ 2–3 billion")]
);
t!(m117_between_count, "between $500 and 1,000 people", [("money", "$500", "US$ 500")]);
t!(
    m118_and_without_between,
    "$5 and $7 billion",
    [("money", "$5", "US$ 5"), ("money", "$7 billion", "US$ 7 billion")]
);
