//! Quotations: marks, nesting, speakers, the pushed closing mark; and what is not a quotation.
//! A quotation nested in another is part of it, not a claim of its own (issue 20); see also
//! `quotes_news.rs`.
mod common;

t!(
    q001_curly_said_that,
    "President Vladimir Putin publically said that, “insulting the Last Prophet does not count”.",
    [(
        "quote",
        "“insulting the Last Prophet does not count”",
        "quotation, 7 words, by President Vladimir Putin"
    )]
);
t!(
    q002_said_after,
    "“We will not back down,” said Imran Khan.",
    [("quote", "“We will not back down,”", "quotation, 5 words, by Imran Khan")]
);
t!(
    q003_name_said_after,
    "“We will not back down,” Khan said.",
    [("quote", "“We will not back down,”", "quotation, 5 words, by Khan")]
);
t!(
    q004_straight,
    "He said, \"We will not back down from this fight.\"",
    [("quote", "\"We will not back down from this fight.\"", "quotation, 8 words, speaker not named")]
);
t!(
    q005_president_before,
    "President Joe Biden said, “We are going to fix this economy.”",
    [("quote", "“We are going to fix this economy.”", "quotation, 7 words, by President Joe Biden")]
);
t!(
    q006_nested_curly,
    "“He told me ‘we will win the war’ yesterday,” she said.",
    [
        ("quote", "“He told me ‘we will win the war’ yesterday,”", "quotation, 9 words, speaker not named"),
        ("date", "yesterday", "1 day before publication")
    ]
);
t!(
    q007_nested_straight,
    "\"He told me 'we will win this war' yesterday,\" she said.",
    [
        (
            "quote",
            "\"He told me 'we will win this war' yesterday,\"",
            "quotation, 9 words, speaker not named"
        ),
        ("date", "yesterday", "1 day before publication")
    ]
);
t!(
    q008_pushed_closer,
    "In summary, “There is a solid foundation for relations.\n\n” What all they need is sincerity.",
    [("quote", "“There is a solid foundation for relations.\n\n”", "quotation, 7 words, speaker not named")]
);
t!(q009_unclosed_paragraph, "“This never ends here.\n\nA new paragraph starts.", []);
t!(
    q010_date_inside,
    "“We signed the deal on 5 May 2020 in Moscow,” said Lavrov.",
    [
        ("quote", "“We signed the deal on 5 May 2020 in Moscow,”", "quotation, 10 words, by Lavrov"),
        ("date", "5 May 2020", "2020-05-05")
    ]
);
t!(
    q011_according_to,
    "According to Daniel Markey, “Russia and Pakistan have more in common.”",
    [("quote", "“Russia and Pakistan have more in common.”", "quotation, 7 words, by Daniel Markey")]
);
t!(
    q012_single_top_level,
    "‘This is a historic day for both nations,’ said the minister.",
    [("quote", "‘This is a historic day for both nations,’", "quotation, 8 words, speaker not named")]
);
t!(
    q013_split_quote,
    "“We will,” said Mr. Smith, “do whatever it takes to win.”",
    [("quote", "“do whatever it takes to win.”", "quotation, 6 words, by Mr. Smith")]
);
t!(
    q014_colon,
    "The minister told reporters: “The talks were productive and frank.”",
    [("quote", "“The talks were productive and frank.”", "quotation, 6 words, speaker not named")]
);
t!(
    q015_told_after,
    "“Prices will come down next month,” Finance Minister Ishaq Dar told parliament.",
    [
        ("quote", "“Prices will come down next month,”", "quotation, 6 words, by Finance Minister Ishaq Dar"),
        ("date", "next month", "1 month after publication")
    ]
);
t!(
    q016_percent_inside,
    "“Growth will reach 5% this year,” the governor said.",
    [
        ("quote", "“Growth will reach 5% this year,”", "quotation, 6 words, speaker not named"),
        ("percent", "5%", "5%"),
        ("date", "this year", "the year of publication")
    ]
);
t!(
    q017_news_reuters,
    "\"We are not going to raise taxes,\" Sunak told the BBC.",
    [("quote", "\"We are not going to raise taxes,\"", "quotation, 7 words, by Sunak")]
);
t!(
    q018_says_present,
    "“The economy is recovering,” says Mohamed El-Erian.",
    [("quote", "“The economy is recovering,”", "quotation, 4 words, by Mohamed El-Erian")]
);
// What is not a quotation.
t!(q100_scare_curly, "the so-called “experts” said", []);
t!(q101_scare_straight, "the \"deal\" fell through", []);
t!(q102_two_words, "a “historic agreement” was signed", []);
t!(q103_apostrophes, "John’s Hopkins and the realist’s view, it's Imran Khan’s", []);
t!(q104_plural_possessive, "the students’ union and the teachers’ pay", []);
t!(q105_stray_closer, "a stray ” mark here", []);
t!(q106_inches, "a 12\" pipe and a 6\" one", []);
t!(q107_title_single, "the film ‘Joyland’ won", []);
t!(
    q_space_before_closing_mark,
    "He said: \"She told me 'we will see this through clearly.' \" Then he left.",
    [(
        "quote",
        "\"She told me 'we will see this through clearly.' \"",
        "quotation, 9 words, speaker not named"
    ),]
);
t!(
    q_lone_spaced_mark_opens_nothing,
    "The sign read \" and nothing else was written on the wall that day.",
    []
);
