//! The words the detectors look for, in one table.
//!
//! Every word list (month names, scale words, prepositions that take years, speech verbs…) stays
//! where it is used; this module enters all of them once into a small hash table keyed by the word
//! packed into a `u64` (five bits a letter, ASCII case folded). Asking whether a word is a month, a
//! count noun or a speech verb then costs one packing and one probe, instead of a comparison with
//! every word of the list, which is what made the detectors slow in WebAssembly: at `opt-level =
//! "z"` each comparison is a call.

use std::sync::OnceLock;

use super::{date, money, percent, quote, trend};

// Categories, one bit each. A word may be in several.
pub(crate) const MONTH: u32 = 1;
pub(crate) const SCALE_WORD: u32 = 1 << 1;
pub(crate) const CURRENCY_WORD: u32 = 1 << 2;
/// The first word of a national adjective before "dollars" or "rupees" ("us", "sri", "indian").
pub(crate) const NATIONAL_FIRST: u32 = 1 << 3;
pub(crate) const YEAR_PREPOSITION: u32 = 1 << 4;
pub(crate) const WEAK_PREPOSITION: u32 = 1 << 5;
pub(crate) const LABEL: u32 = 1 << 6;
pub(crate) const QUALIFIER: u32 = 1 << 7;
pub(crate) const COUNT_NOUN: u32 = 1 << 8;
pub(crate) const AFTER_YEAR: u32 = 1 << 9;
pub(crate) const EVENT_NOUN: u32 = 1 << 10;
pub(crate) const SPEECH_VERB: u32 = 1 << 11;
pub(crate) const BETWEEN_SPEAKER_AND_VERB: u32 = 1 << 12;
pub(crate) const NOT_NAME: u32 = 1 << 13;
pub(crate) const TITLE: u32 = 1 << 14;
pub(crate) const UP: u32 = 1 << 15;
pub(crate) const DOWN: u32 = 1 << 16;
pub(crate) const NEUTRAL: u32 = 1 << 17;
pub(crate) const METRIC: u32 = 1 << 18;
pub(crate) const ANNUAL: u32 = 1 << 19;
pub(crate) const NUMBER_WORD: u32 = 1 << 20;
pub(crate) const OFFICE: u32 = 1 << 21;
pub(crate) const TAKES_OBJECT: u32 = 1 << 22;
pub(crate) const NAME_LINK: u32 = 1 << 23;

/// The longest word [`key`] packs: 12 letters of 5 bits.
const MAX_LETTERS: usize = 12;

/// A word packed for the table: each ASCII letter, case folded, as 1..=26 in five bits. Different
/// words of at most 12 letters get different keys; anything else (an empty slice, a longer word,
/// a byte that is not an ASCII letter) gets 0, which no listed word has.
pub(crate) fn key(word: &[u8]) -> u64 {
    if word.is_empty() || word.len() > MAX_LETTERS {
        return 0;
    }
    let mut k = 0u64;
    for &b in word {
        let letter = (b | 0x20).wrapping_sub(b'a');
        if letter >= 26 {
            return 0;
        }
        k = k << 5 | u64::from(letter + 1);
    }
    k
}

/// [`key`] of a lowercase listed word, for comparisons with one word ("from", "the").
pub(crate) const fn key_of(word: &str) -> u64 {
    let w = word.as_bytes();
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() {
        k = k << 5 | (w[i] - b'a' + 1) as u64;
        i += 1;
    }
    k
}

/// What the table knows of a word: its categories, and for the lists that carry a value (a month's
/// number, a number word's value, an index into a list), that value.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    key: u64,
    pub cats: u32,
    pub value: u8,
}

impl Entry {
    #[inline(always)]
    pub fn is(&self, cats: u32) -> bool {
        self.cats & cats != 0
    }
}

const SLOTS: usize = 1024;

struct Table {
    slots: Vec<Entry>,
}

fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize
}

impl Table {
    fn add(&mut self, word: &str, cats: u32, value: u8) {
        let k = key(word.as_bytes());
        debug_assert!(k != 0, "{word:?} cannot be a key");
        let mut i = slot(k);
        loop {
            let e = &mut self.slots[i];
            if e.key == k || e.key == 0 {
                // A word carries at most one value: the lists with values do not share words.
                debug_assert!(e.key == 0 || e.value == 0 || value == 0 || e.value == value, "{word:?}");
                e.key = k;
                e.cats |= cats;
                e.value = e.value.max(value);
                return;
            }
            i = (i + 1) % SLOTS;
        }
    }

    fn add_all(&mut self, words: &[&str], cats: u32) {
        for w in words {
            self.add(w, cats, 0);
        }
    }

    fn build() -> Table {
        let mut t = Table { slots: vec![Entry::default(); SLOTS] };
        for (k, name) in date::word_lists::MONTHS.iter().enumerate() {
            let m = k as u8 + 1;
            t.add(name, MONTH, m);
            t.add(&name[..3], MONTH, m);
        }
        t.add("sept", MONTH, 9);
        for (k, (w, _)) in money::SCALE_WORDS.iter().enumerate() {
            t.add(w, SCALE_WORD, k as u8 + 1);
        }
        for (k, (w, _)) in money::WORDS_AFTER.iter().enumerate() {
            t.add(w, CURRENCY_WORD, k as u8 + 1);
        }
        for (adj, _, _) in money::NATIONAL {
            t.add(adj.split(' ').next().unwrap_or(adj), NATIONAL_FIRST, 0);
        }
        t.add_all(date::word_lists::YEAR_PREPOSITIONS, YEAR_PREPOSITION);
        t.add_all(date::word_lists::WEAK_PREPOSITIONS, WEAK_PREPOSITION);
        t.add_all(date::word_lists::LABELS, LABEL);
        for (k, q) in date::word_lists::QUALIFIERS.iter().enumerate() {
            t.add(q, QUALIFIER, k as u8 + 1);
        }
        t.add_all(date::word_lists::COUNT_NOUNS, COUNT_NOUN);
        t.add_all(date::word_lists::AFTER_YEAR, AFTER_YEAR);
        t.add_all(date::word_lists::EVENT_NOUNS, EVENT_NOUN);
        t.add_all(quote::SPEECH_VERBS, SPEECH_VERB);
        t.add_all(quote::BETWEEN_SPEAKER_AND_VERB, BETWEEN_SPEAKER_AND_VERB);
        t.add_all(quote::NOT_NAMES, NOT_NAME);
        t.add_all(quote::TITLES, TITLE);
        t.add_all(quote::OFFICES, OFFICE);
        t.add_all(quote::TAKES_OBJECT, TAKES_OBJECT);
        t.add_all(quote::NAME_LINKS, NAME_LINK);
        t.add_all(trend::UP, UP);
        t.add_all(trend::DOWN, DOWN);
        t.add_all(trend::NEUTRAL, NEUTRAL);
        t.add_all(trend::METRICS, METRIC);
        t.add_all(trend::ANNUAL, ANNUAL);
        for (w, v) in percent::UNITS {
            // Values are kept plus one, so that "zero" has a value too.
            t.add(w, NUMBER_WORD, *v as u8 + 1);
        }
        t
    }

    fn get(&self, k: u64) -> Entry {
        if k == 0 {
            return Entry::default();
        }
        let mut i = slot(k);
        loop {
            let e = self.slots[i];
            if e.key == k || e.key == 0 {
                return if e.key == k { e } else { Entry::default() };
            }
            i = (i + 1) % SLOTS;
        }
    }
}

static TABLE: OnceLock<Table> = OnceLock::new();

/// What the table knows of `word`; nothing for a word in no list.
pub(crate) fn get(word: &[u8]) -> Entry {
    TABLE.get_or_init(Table::build).get(key(word))
}

/// What the table knows of `bytes[s..e]`.
#[inline(always)]
pub(crate) fn lookup(bytes: &[u8], (s, e): (usize, usize)) -> Entry {
    get(&bytes[s..e])
}

/// Whether `bytes[s..e]` is a word of one of the categories `cats`, ignoring ASCII case.
#[inline(always)]
pub(crate) fn is(bytes: &[u8], w: (usize, usize), cats: u32) -> bool {
    lookup(bytes, w).is(cats)
}

/// [`key`] of `bytes[s..e]`.
#[inline(always)]
pub(crate) fn key_at(bytes: &[u8], (s, e): (usize, usize)) -> u64 {
    key(&bytes[s..e])
}

/// Whether `bytes[s..e]` is the word whose [`key_of`] is `k`, ignoring ASCII case.
#[inline(always)]
pub(crate) fn is_word(bytes: &[u8], w: (usize, usize), k: u64) -> bool {
    key_at(bytes, w) == k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_words_apart_and_fold_case() {
        assert_eq!(key(b"May"), key(b"may"));
        assert_eq!(key(b"MAY"), key_of("may"));
        assert_ne!(key(b"may"), key(b"mays"));
        assert_ne!(key(b"a"), key(b"aa"));
        assert_eq!(key(b""), 0);
        assert_eq!(key(b"don't"), 0);
        assert_eq!(key(b"abcdefghijklm"), 0);
        assert_eq!(key("é".as_bytes()), 0);
        assert_eq!(key(b"@"), 0); // the bytes around the letters are not letters
        assert_eq!(key(b"["), 0);
    }

    #[test]
    fn every_listed_word_is_found_with_its_category() {
        let t = Table::build();
        let lists: &[(&[&str], u32)] = &[
            (date::word_lists::YEAR_PREPOSITIONS, YEAR_PREPOSITION),
            (date::word_lists::WEAK_PREPOSITIONS, WEAK_PREPOSITION),
            (date::word_lists::LABELS, LABEL),
            (date::word_lists::QUALIFIERS, QUALIFIER),
            (date::word_lists::COUNT_NOUNS, COUNT_NOUN),
            (date::word_lists::AFTER_YEAR, AFTER_YEAR),
            (date::word_lists::EVENT_NOUNS, EVENT_NOUN),
            (quote::SPEECH_VERBS, SPEECH_VERB),
            (quote::BETWEEN_SPEAKER_AND_VERB, BETWEEN_SPEAKER_AND_VERB),
            (quote::NOT_NAMES, NOT_NAME),
            (quote::TITLES, TITLE),
            (trend::UP, UP),
            (trend::DOWN, DOWN),
            (trend::NEUTRAL, NEUTRAL),
            (trend::METRICS, METRIC),
            (trend::ANNUAL, ANNUAL),
        ];
        for (list, cat) in lists {
            for w in *list {
                assert!(w.len() <= MAX_LETTERS && w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
                assert!(t.get(key(w.as_bytes())).is(*cat), "{w}");
                assert!(t.get(key(w.to_uppercase().as_bytes())).is(*cat), "{w}");
            }
        }
        for (k, (w, _)) in money::SCALE_WORDS.iter().enumerate() {
            let e = t.get(key(w.as_bytes()));
            assert!(e.is(SCALE_WORD) && e.value as usize == k + 1, "{w}");
        }
        for (w, v) in percent::UNITS {
            let e = t.get(key(w.as_bytes()));
            assert!(e.is(NUMBER_WORD) && u32::from(e.value) == v + 1, "{w}");
        }
        assert_eq!(t.get(key(b"Sept")).value, 9);
        assert_eq!(t.get(key(b"dec")).value, 12);
        assert_eq!(t.get(key(b"xylophone")).cats, 0);
        assert_eq!(t.get(key(b"people")).cats, COUNT_NOUN);
    }
}
