//! Time to anchor 5,000 annotations on a generated 100,000-word article, on unchanged text and on
//! edited text, and the stored size of an annotation.
//!
//! Run: `cargo bench -p claimmark-core --bench anchor`

use claimmark_core::anchor::{Anchorer, Anchoring};
use claimmark_core::model::*;
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_core::text::CharSpan;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const WORDS: usize = 100_000;
const ANNOTATIONS: usize = 5_000;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// An article of `WORDS` words over a vocabulary of 6,000 made-up words with a skewed (roughly
/// Zipfian) frequency, as prose has, plus curly quotes, accents and an emoji now and then.
///
/// `vocabulary` = 40 gives a pathologically repetitive text, the worst case for the fuzzy search.
fn article(rng: &mut Rng, vocabulary: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ta", "ro", "mi", "sen", "ku", "la", "ver", "do", "pe", "zan", "o", "li", "gra", "tu", "ne", "bo",
        "fi", "dar", "e", "sho", "pli", "an", "ü", "“re”",
    ];
    const EXTRA: [&str; 6] = ["$277M", "4%", "2019", "😀", "the", "council"];
    let words: Vec<String> = (0..vocabulary)
        .map(|i| {
            if i < EXTRA.len() {
                return EXTRA[i].to_owned();
            }
            let n = 1 + rng.next() % 3;
            (0..n).map(|_| SYLLABLES[rng.next() % SYLLABLES.len()]).collect()
        })
        .collect();
    let mut out = String::new();
    for i in 0..WORDS {
        let x = rng.next() % vocabulary;
        let word = &words[rng.next() % (x + 1)];
        out.push_str(word);
        out.push_str(if i % 23 == 22 { ".\n\n" } else { " " });
    }
    out
}

/// The same article after an editor's pass: a paragraph inserted every ~5,000 characters, a word
/// changed every ~3,000, and a passage deleted every ~20,000.
fn edited(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 10);
    let mut i = 0;
    while i < chars.len() {
        let r = rng.next() % 20_000;
        if r < 4 {
            out.push_str("An update was added here by the editor after publication. ");
        } else if r < 11 && chars[i] == ' ' {
            out.push_str(" revised");
        } else if r == 11 {
            i += 400; // deleted passage
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn selectors(text: &str, rng: &mut Rng) -> Vec<Selectors> {
    let anchorer = Anchorer::new(text);
    let len = anchorer.text_index().char_len();
    (0..ANNOTATIONS)
        .map(|_| {
            let start = rng.next() % (len - 200);
            anchorer.describe(CharSpan::new(start, start + 8 + rng.next() % 120))
        })
        .collect()
}

/// Bytes of stored JSON per annotation: a typical worked claim, and a dismissed candidate.
fn stored_sizes(text: &str, all: &[Selectors]) -> (usize, usize) {
    let t0 = Timestamp::from_millis(1_714_555_800_000);
    let make = |i: usize, worked: bool| {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&(i as u64).to_be_bytes());
        let id = AnnotationId::from_random_bytes(bytes);
        let target = Target { article_id: "council-budget-2019".into(), selectors: all[i].clone() };
        if !worked {
            return Annotation::dismissed_candidate(id, target, ClaimKind::Money, t0);
        }
        let mut a = Annotation::from_detected(id, target, ClaimKind::Money, t0);
        a.set_verdict(Verdict::MostlyTrue, t0.plus_millis(60_000));
        let url = SourceUrl::parse("https://www.example.gov/finance/budget-2019-adopted.pdf").unwrap();
        bytes[15] ^= 0xff;
        let mut source = Source::new(SourceId::from_random_bytes(bytes), url, t0.plus_millis(120_000));
        source.title = "Adopted budget 2019".into();
        source.publisher = "City of Example".into();
        a.add_source(source, t0.plus_millis(120_000));
        a.set_note("Adopted figure is $276.8M; rounding.", t0.plus_millis(180_000));
        a
    };
    let size = |worked: bool| {
        let mut doc = StoreDocument::new(ArticleInfo::new("council-budget-2019", "Council budget", text));
        for i in 0..all.len() {
            doc.insert(make(i, worked));
        }
        let empty = StoreDocument::new(doc.article.clone()).to_json().len();
        (doc.to_json().len() - empty) / all.len()
    };
    (size(true), size(false))
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(42);
    let text = article(&mut rng, 6_000);
    let all = selectors(&text, &mut rng);
    let changed = edited(&text, &mut rng);
    let repetitive = article(&mut rng, 40);
    let repetitive_all = selectors(&repetitive, &mut rng);
    let repetitive_changed = edited(&repetitive, &mut rng);

    let count = |results: &[Anchoring]| {
        let exact = results.iter().filter(|r| matches!(r, Anchoring::Exact(_))).count();
        let fuzzy = results.iter().filter(|r| matches!(r, Anchoring::Fuzzy { .. })).count();
        (exact, fuzzy, results.len() - exact - fuzzy)
    };
    let (worked, dismissed) = stored_sizes(&text, &all);
    println!(
        "article: {} words, {} chars ({} bytes); edited: {} chars",
        WORDS,
        text.chars().count(),
        text.len(),
        changed.chars().count()
    );
    println!("stored JSON per annotation: {worked} bytes (verdict, one source, note), {dismissed} bytes (dismissed)");
    println!("unchanged text: (exact, fuzzy, orphan) = {:?}", count(&Anchorer::new(&text).anchor_all(&all)));
    println!(
        "edited text:    (exact, fuzzy, orphan) = {:?}",
        count(&Anchorer::new(&changed).anchor_all(&all))
    );
    println!(
        "edited repetitive text (40-word vocabulary): (exact, fuzzy, orphan) = {:?}",
        count(&Anchorer::new(&repetitive_changed).anchor_all(&repetitive_all))
    );

    let mut group = c.benchmark_group("anchor_5000_on_100k_words");
    group.sample_size(10);
    group.bench_function("index_only", |b| b.iter(|| Anchorer::new(black_box(&text))));
    group.bench_function("unchanged", |b| {
        b.iter(|| Anchorer::new(black_box(&text)).anchor_all(black_box(&all)))
    });
    group.bench_function("edited", |b| {
        b.iter(|| Anchorer::new(black_box(&changed)).anchor_all(black_box(&all)))
    });
    group.bench_function("edited_repetitive_text", |b| {
        b.iter(|| Anchorer::new(black_box(&repetitive_changed)).anchor_all(black_box(&repetitive_all)))
    });
    group.finish();

    let mut doc = StoreDocument::new(ArticleInfo::new("a", "A", &text));
    let t0 = Timestamp::from_millis(1_714_555_800_000);
    for (i, s) in all.iter().enumerate() {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&(i as u64).to_be_bytes());
        let target = Target { article_id: "a".into(), selectors: s.clone() };
        doc.insert(Annotation::new_user(
            AnnotationId::from_random_bytes(bytes),
            target,
            ClaimKind::Other,
            t0,
        ));
    }
    let json = doc.to_json();
    c.bench_function("store_from_json_5000", |b| {
        b.iter(|| StoreDocument::from_json(black_box(&json)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
