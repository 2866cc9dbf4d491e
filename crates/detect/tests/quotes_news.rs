//! Quotations as news prints them (issue 20): a quotation that runs over several paragraphs, a
//! quotation nested in another (one claim, not two), and titles, slogans and scare quotes, which are
//! not quotations unless the sentence attributes them. Rows in the format of `common::check`.
mod common;

use claimmark_detect::{detect, ClaimKind, ClaimValue};

// A quotation over several paragraphs: each later paragraph opens with a quote mark, and only the
// last one closes.
t!(
    m001_two_paragraphs_speaker_after,
    "“The first paragraph of the statement.\n\n“The second paragraph ends here,” said Jane Smith.",
    [(
        "quote",
        "“The first paragraph of the statement.\n\n“The second paragraph ends here,”",
        "quotation, 11 words, by Jane Smith"
    )]
);
t!(
    m002_straight_marks,
    "\"One paragraph without an end.\n\n\"And the last one closes it,\" Khan said.",
    [(
        "quote",
        "\"One paragraph without an end.\n\n\"And the last one closes it,\"",
        "quotation, 11 words, by Khan"
    )]
);
t!(
    m003_three_paragraphs_speaker_first,
    "Jane Smith said: “We start here.\n\n“We go on.\n\n“And we stop.”",
    [("quote", "“We start here.\n\n“We go on.\n\n“And we stop.”", "quotation, 9 words, by Jane Smith")]
);
t!(
    m004_date_inside_second_paragraph,
    "“The talks went well.\n\n“We meet again on 5 May 2020,” Lavrov said.",
    [
        (
            "quote",
            "“The talks went well.\n\n“We meet again on 5 May 2020,”",
            "quotation, 11 words, by Lavrov"
        ),
        ("date", "5 May 2020", "2020-05-05")
    ]
);
// Not a quotation: the quotation never closes, or the next paragraph does not open with a mark.
t!(m005_next_paragraph_without_mark, "“This never ends here.\n\nA new paragraph starts.", []);
t!(m006_runs_on_then_stops, "“First part runs on.\n\n“Second part too.\n\nThird has no mark at all.", []);
t!(m007_never_closed, "“First part runs on.\n\n“Second part too.", []);
// The scraped variant in the seed article: the closing mark pushed to the start of the next
// paragraph, before a space. A straight `"` before a space closes; before a word it opens.
t!(
    m008_pushed_straight_closer,
    "In summary, \"There is a solid foundation for relations.\n\n\" What all they need is sincerity.",
    [(
        "quote",
        "\"There is a solid foundation for relations.\n\n\"",
        "quotation, 7 words, speaker not named"
    )]
);
// Emoji (outside the Basic Multilingual Plane) inside a quotation over two paragraphs: spans count
// characters, and `common::check` checks each span against its text.
t!(
    m009_emoji_across_paragraphs,
    "😀 Jane Smith said: “We love this city 😀 and its people.\n\n“Every one of them 🎉.”",
    [(
        "quote",
        "“We love this city 😀 and its people.\n\n“Every one of them 🎉.”",
        "quotation, 13 words, by Jane Smith"
    )]
);

#[test]
fn m010_emoji_offsets_are_characters() {
    let text = "😀😀 Ann Lee said: “We 🎉 won.\n\n“Again 🎉 and again.”";
    let claims = detect(text);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let q = &claims[0];
    // Two emoji and a space, then "Ann Lee said: " (14 characters).
    assert_eq!(q.span.start.0, 17);
    assert_eq!(q.span.end.0, text.chars().count());
    let speaker = q.attribution.as_ref().expect("a speaker");
    assert_eq!((speaker.name.as_str(), speaker.span.start.0, speaker.span.end.0), ("Ann Lee", 3, 10));
    let ClaimValue::Quote { content, words } = &q.value else { panic!("{q:?}") };
    // The opening mark of the second paragraph is not one of the words.
    assert_eq!((content.as_str(), *words), ("We 🎉 won. Again 🎉 and again.", 7));
}

#[test]
fn m011_too_many_paragraphs_is_not_one_quotation() {
    let mut text = String::from("“One.");
    for _ in 0..12 {
        text.push_str("\n\n“More of the same words.");
    }
    text.push_str("\n\n“The end of it all,” she said.");
    let quotes: Vec<_> = detect(&text).into_iter().filter(|c| c.kind == ClaimKind::Quote).collect();
    assert!(quotes.iter().all(|q| !q.text.starts_with("“One.")), "{quotes:?}");
}

#[test]
fn m012_seed_article_pushed_closer() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed-article.txt");
    let Ok(seed) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is absent");
        return;
    };
    let quotes: Vec<_> = detect(&seed).into_iter().filter(|c| c.kind == ClaimKind::Quote).collect();
    let q = quotes
        .iter()
        .find(|q| q.text.starts_with("“There is a solid foundation"))
        .expect("the summary quotation");
    assert!(q.text.ends_with(".\n\n”"), "{:?}", q.text);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
}

// Nested once: the inner quotation is part of the outer one, not a claim of its own.
t!(
    n001_single_inside_curly_double,
    "“They told us ‘the border is closed now’ at dawn,” Ahmed said.",
    [("quote", "“They told us ‘the border is closed now’ at dawn,”", "quotation, 10 words, by Ahmed")]
);
t!(
    n002_single_inside_straight_double,
    "\"The sign said 'no entry for anyone here' in red,\" said Lee.",
    [("quote", "\"The sign said 'no entry for anyone here' in red,\"", "quotation, 10 words, by Lee")]
);
t!(
    n003_nested_in_a_quotation_over_paragraphs,
    "“He wrote ‘we will return to the city’.\n\n“Then he left,” said Ann Lee.",
    [(
        "quote",
        "“He wrote ‘we will return to the city’.\n\n“Then he left,”",
        "quotation, 11 words, by Ann Lee"
    )]
);
t!(
    n004_top_level_single_still_counts,
    "‘We will hold the line tonight,’ said Ahmed.",
    [("quote", "‘We will hold the line tonight,’", "quotation, 6 words, by Ahmed")]
);
t!(
    n005_nested_with_emoji,
    "“She wrote ‘see you 🎉 soon’ and left,” Lee said.",
    [("quote", "“She wrote ‘see you 🎉 soon’ and left,”", "quotation, 8 words, by Lee")]
);

// Titles, slogans and scare quotes of one to three words are not quotations...
t!(s001_film_title, "the film “Dune” won", []);
t!(s002_so_called, "the so-called “reforms” were reversed", []);
t!(s003_slogan_called, "a plan called “Build Back Better” passed", []);
t!(s004_three_word_slogan, "the “Build Back Better” agenda stalled", []);
t!(s005_title_after_said, "He said the film “Dune” was long.", []);
// "on Monday" is a relative date (date/relative.rs), not part of the quotation.
t!(
    s006_scare_before_said,
    "the three “experts” said on Monday",
    [("date", "Monday", "Monday on or before publication")]
);
t!(s007_song, "they sang “Happy Birthday” loudly", []);
t!(s008_straight_title, "the album \"Thriller\" sold well", []);
// ... unless the sentence attributes them, however short.
t!(
    s100_called_it,
    "Trump called it a “disaster”.",
    [("quote", "“disaster”", "quotation, 1 words, by Trump")]
);
t!(
    s101_short_said_after,
    "“No comment,” said Imran Khan.",
    [("quote", "“No comment,”", "quotation, 2 words, by Imran Khan")]
);
t!(
    s102_pronoun_after,
    "“Never,” she said.",
    [("quote", "“Never,”", "quotation, 1 words, speaker not named")]
);
t!(
    s103_colon,
    "The minister told reporters: “Not now.”",
    [("quote", "“Not now.”", "quotation, 2 words, speaker not named")]
);
t!(
    s104_emoji_short,
    "Ahmed called it “a 🎉 party”.",
    [("quote", "“a 🎉 party”", "quotation, 3 words, by Ahmed")]
);
t!(
    s105_lowercase_with_named_speaker,
    "Governor Ann Lee called the plan “reckless and unfair” on Monday.",
    [
        ("quote", "“reckless and unfair”", "quotation, 3 words, by Governor Ann Lee"),
        ("date", "Monday", "Monday on or before publication")
    ]
);
t!(
    s106_lowercase_according_to_after,
    "The plane flew at “very low height” according to Ann Lee.",
    [("quote", "“very low height”", "quotation, 3 words, by Ann Lee")]
);
// Not on their own: a capitalised title in a sentence that names someone, and the first part of
// a split quotation (the second part is the claim).
t!(s107_title_in_attributed_sentence, "Ann Lee said she watched “The Lion King” twice.", []);
t!(
    s108_split_quotation_first_part,
    "“Overall,” Ann Lee continued, “the results look very good for us.”",
    [("quote", "“the results look very good for us.”", "quotation, 7 words, by Ann Lee")]
);
// Four words or more are a quotation without attribution.
t!(
    s200_four_words,
    "the sign read “no entry after dark” in red",
    [("quote", "“no entry after dark”", "quotation, 4 words, speaker not named")]
);
