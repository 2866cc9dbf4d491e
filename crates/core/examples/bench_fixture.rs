//! Writes a large article and a storage document with many annotations on it, for the browser
//! benchmarks (`bench/browser.mjs`).
//!
//! `cargo run --release -p claimmark-core --example bench_fixture -- OUT_DIR WORDS ANNOTATIONS...`
//! writes `OUT_DIR/big-article.txt` and one `OUT_DIR/store-<N>.json` per annotation count, each
//! the document the widget stores under `claimmark:v1:<article id>`.

use claimmark_core::article::Article;
use claimmark_core::model::{
    Annotation, AnnotationId, ClaimKind, Source, SourceId, SourceUrl, Target, Timestamp, Verdict,
};
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_core::text::{CharSpan, TextIndex};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// News-like prose: sentences with figures, dates and quotations, in paragraphs of ~60 words.
fn article(words: usize, rng: &mut Rng) -> String {
    const SENTENCES: [&str; 8] = [
        "Exports to the region rose 14.2% in 2019, to $277M, the ministry said.",
        "The council approved a budget of €1.5 billion on 12 March 2021 after a long debate.",
        "“We will not raise taxes this year,” said the finance minister, Ana Ruiz.",
        "Unemployment fell to 4.1 per cent in the early 1990s, according to the statistics office.",
        "Critics say the plan, first proposed in January-1966, was never fully funded.",
        "Officials met in Karachi and Moscow to discuss energy, trade and security 😀.",
        "The report, published in December 2021, counted 2,019 projects across 14 provinces.",
        "Analysts expect growth of 3 percentage points over the next decade.",
    ];
    let mut out = String::from("A very long report on trade and politics | By A. Benchmark\n\n");
    let mut count = 0;
    let mut in_paragraph = 0;
    while count < words {
        let sentence = SENTENCES[rng.next() % SENTENCES.len()];
        out.push_str(sentence);
        count += sentence.split_whitespace().count();
        in_paragraph += 1;
        out.push_str(if in_paragraph % 5 == 0 { "\n\n" } else { " " });
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(words)) = (args.first(), args.get(1).and_then(|w| w.parse::<usize>().ok())) else {
        eprintln!("usage: bench_fixture OUT_DIR WORDS ANNOTATIONS...");
        std::process::exit(2);
    };
    let mut rng = Rng(42);
    let text = article(words, &mut rng);
    std::fs::create_dir_all(dir).expect("create the output folder");
    std::fs::write(format!("{dir}/big-article.txt"), &text).expect("write the article");
    let parsed = Article::parse(&text).expect("the generated article parses");
    let index = TextIndex::new(&parsed.body);
    let len = index.char_len();
    for count in args.iter().skip(2).filter_map(|n| n.parse::<usize>().ok()) {
        let mut doc = StoreDocument::new(ArticleInfo::new(&parsed.id, &parsed.title, &parsed.body));
        let now = Timestamp::from_millis(1_764_000_000_000);
        for i in 0..count {
            let start = rng.next() % (len - 40);
            let span = CharSpan::new(start, start + 8 + rng.next() % 30);
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&(i as u64 + 1).to_be_bytes());
            let target = Target::describe(&parsed.id, &parsed.body, span);
            let mut annotation =
                Annotation::new_user(AnnotationId::from_random_bytes(bytes), target, ClaimKind::Other, now);
            if i % 2 == 0 {
                annotation.set_verdict(Verdict::ALL[i % 6], now);
            }
            if i % 3 == 0 {
                let url = SourceUrl::parse("https://example.org/source").expect("a valid url");
                let mut source = Source::new(SourceId::from_random_bytes(bytes), url, now);
                source.title = format!("Source {i}");
                annotation.add_source(source, now);
                annotation.set_note(format!("Checked against source {i}."), now);
            }
            doc.insert(annotation);
        }
        std::fs::write(format!("{dir}/store-{count}.json"), doc.to_json()).expect("write the store");
        println!("{dir}/store-{count}.json: {count} annotations, key claimmark:v1:{}", parsed.id);
    }
    println!("{dir}/big-article.txt: {} words, {} characters", words, len);
}
