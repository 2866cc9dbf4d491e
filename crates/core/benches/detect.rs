//! Criterion benchmarks for claim detection.
//!
//! - `detect/seed-article`: the seed article body, one call (the widget's case);
//! - `detect/news-4mb`: ~4 MB of news-like text built from the seed article and sentences below
//!   with their figures varied, detected paragraph by paragraph;
//! - `detect/adversarial-{1,5}mb`: inputs made to hurt a backtracking matcher (unclosed quotation
//!   marks, digit runs, month names and currency signs with nothing after them). Time per byte at
//!   5 MB must stay that of 1 MB: this is the linear-time check, set by a benchmark and not by a
//!   timed unit test.
//!
//! `cargo bench -p claimmark-core --bench detect`. The side-by-side run with the JS peers is
//! `bench/run.sh`.

use claimmark_core::article::Article;
use claimmark_core::detect::detect;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed-article.txt"));

const SENTENCES: &[&str] = &[
    "The IMF approved a $6 billion bailout package in July 2019.",
    "Inflation hit 38% in May 2023, the highest rate in Asia.",
    "The central bank raised its policy rate by 100 basis points to 22 per cent on Monday.",
    "On November 3, 2020, voters turned out in record numbers.",
    "“We will not back down,” said the prime minister, Imran Khan.",
    "The government announced a relief package of Rs 1.2 trillion on 24 March 2020.",
    "Poverty fell from 64.3 percent in 2001 to 24.3 percent in 2015.",
    "The talks were described by both sides as frank and constructive.",
    "Officials said the measures would be reviewed at the next meeting of the committee.",
    "Analysts cautioned that the outlook remained uncertain because of global conditions.",
    "Residents of the area complained about power cuts and water shortages.",
    "The team won 3-2 after extra time, and the shop is open 24/7.",
];

/// A xorshift generator, so the corpus is the same on every run.
struct Rng(u32);
impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
}

fn news_corpus(bytes: usize) -> Vec<String> {
    let article = Article::parse(SEED).expect("the seed article parses");
    let mut rng = Rng(0x2545_f491);
    let vary = |s: &str, rng: &mut Rng| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_digit() && rng.next() % 10 < 3 {
                    char::from(b'0' + (rng.next() % 10) as u8)
                } else {
                    c
                }
            })
            .collect()
    };
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < bytes {
        let p = if rng.next() % 100 < 35 {
            let k = rng.next() as usize % article.paragraphs.len();
            vary(&article.paragraphs[k].text, &mut rng)
        } else {
            let n = 2 + rng.next() as usize % 4;
            (0..n)
                .map(|_| vary(SENTENCES[rng.next() as usize % SENTENCES.len()], &mut rng))
                .collect::<Vec<_>>()
                .join(" ")
        };
        size += p.len() + 2;
        paragraphs.push(p);
    }
    paragraphs
}

fn adversarial(bytes: usize) -> String {
    let blocks = [
        format!("“{}", "word ".repeat(20)),
        format!("\"{} ", "a\"b".repeat(10)),
        format!("‘{}", "it’s ".repeat(10)),
        format!("{} ", "1-".repeat(40)),
        format!("{} ", "1,".repeat(40)),
        format!("{} ", "1.".repeat(40)),
        format!("{} ", "9".repeat(200)),
        "May ".repeat(30),
        "from $1 in 2000 to ".repeat(10),
        format!("{} Rs Rs Rs ", "$".repeat(50)),
        format!("{}percent ", "per ".repeat(30)),
        "2019 ".repeat(30),
        "early mid-late ".repeat(10),
        "\n\n”".repeat(10),
    ];
    let mut out = String::with_capacity(bytes + 256);
    for b in blocks.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(b);
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("detect");
    let article = Article::parse(SEED).expect("the seed article parses");
    group.throughput(Throughput::Bytes(article.body.len() as u64));
    group.bench_function("seed-article", |b| b.iter(|| detect(black_box(&article.body))));

    let corpus = news_corpus(4 << 20);
    let bytes: usize = corpus.iter().map(|p| p.len() + 2).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("news-4mb", |b| {
        b.iter(|| corpus.iter().map(|p| detect(black_box(p)).len()).sum::<usize>())
    });

    for mb in [1, 5] {
        let text = adversarial(mb * 1_000_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("adversarial", format!("{mb}mb")), &text, |b, t| {
            b.iter(|| detect(black_box(t)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
