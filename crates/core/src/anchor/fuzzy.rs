//! Fuzzy matching: bounded edit distance search near the expected place and, with a stricter
//! floor, anywhere a piece of the quote occurs exactly; each candidate scored on the quote,
//! prefix, suffix and distance from the expected position.

use super::myers::{levenshtein, Pattern};
use super::{Anchorer, Query, MIN_FAR_QUOTE_SIMILARITY, MIN_SCORE, SELF_EVIDENT_LEN};

// Weights of the fuzzy score, as in the Hypothesis client: the quote matters most, the context
// decides between candidates, and the position only breaks ties.
const QUOTE_WEIGHT: f32 = 50.0;
const PREFIX_WEIGHT: f32 = 20.0;
const SUFFIX_WEIGHT: f32 = 20.0;
const POSITION_WEIGHT: f32 = 2.0;

impl Anchorer<'_> {
    /// Similarity of stored context to the text, 0.0–1.0. A side with no stored context (the quote
    /// was at the start or end of the article) is neutral.
    fn context_similarity(&self, stored: &[char], actual: impl Iterator<Item = char>) -> f32 {
        if stored.is_empty() {
            return 0.5;
        }
        let actual: Vec<char> = actual.collect();
        1.0 - levenshtein(stored, &actual) as f32 / stored.len().max(actual.len()) as f32
    }

    /// The best fuzzy match in normalised `window` as (from, to, score), if any reaches the floors.
    /// Fuzzy search far from the expected place, where a wrong match is likeliest, so it asks for
    /// more: at most one edit in ten characters ([`MIN_FAR_QUOTE_SIMILARITY`]). That also makes
    /// it fast. Split the quote into `k + 1` pieces for `k` allowed edits: a match keeps at least
    /// one piece intact (pigeonhole), so only the places where some piece occurs exactly are
    /// checked, instead of the whole text.
    pub(super) fn find_fuzzy_anywhere(&self, query: &Query, expected: usize) -> Option<(usize, usize, f32)> {
        let m = query.len();
        let max_edits = ((m as f32) * (1.0 - MIN_FAR_QUOTE_SIMILARITY)).floor() as usize;
        if max_edits == 0 {
            return None;
        }
        let piece = m / (max_edits + 1);
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for p in 0..=max_edits {
            let offset = p * piece;
            let text: String = query.exact_chars[offset..offset + piece].iter().collect();
            for byte in memchr::memmem::find_iter(self.norm.as_bytes(), text.as_bytes()) {
                let at = self.norm_byte.partition_point(|&b| (b as usize) < byte);
                let from = at.saturating_sub(offset + max_edits);
                windows.push((from, (at + m + max_edits).saturating_sub(offset).min(self.norm_len())));
            }
        }
        windows.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (from, to) in windows {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        self.find_fuzzy(query, &merged, expected, max_edits)
    }

    pub(super) fn find_fuzzy(
        &self,
        query: &Query,
        windows: &[(usize, usize)],
        expected: usize,
        max_edits: usize,
    ) -> Option<(usize, usize, f32)> {
        if windows.is_empty() {
            return None;
        }
        let pattern = Pattern::new(query.exact_chars.iter().copied());
        // Runs of ends with acceptable distance, each reduced to its ends of least distance (a few:
        // "2025" edited to "2026" matches as well ending before the "6" as after it, and the
        // context decides).
        const ENDS_PER_RUN: usize = 8;
        let mut ends: Vec<(usize, usize)> = Vec::new();
        for &(from, to) in windows {
            let mut run: Vec<(usize, usize)> = Vec::new();
            pattern.scan(self.norm_chars(from, to), false, |j, d| {
                if d <= max_edits {
                    match run.first() {
                        Some(&(_, best)) if d > best => {}
                        Some(&(_, best)) if d == best => {
                            if run.len() < ENDS_PER_RUN {
                                run.push((from + j + 1, d));
                            }
                        }
                        _ => run = vec![(from + j + 1, d)],
                    }
                } else {
                    ends.append(&mut run);
                }
            });
            ends.append(&mut run);
        }

        let reversed = Pattern::new(query.exact_chars.iter().rev().copied());
        let text_len = self.norm_len().max(1) as f32;
        let mut best: Option<(usize, usize, f32)> = None;
        for (end, d) in ends {
            // The start: align the reversed quote leftwards from the end, start fixed at `end`.
            let left = end.saturating_sub(query.len() + max_edits);
            let mut start = None;
            let reversed_text = self.norm_str(left, end).chars().rev();
            reversed.scan(reversed_text, true, |j, rd| {
                if rd == d && start.is_none() {
                    start = Some(end - (j + 1));
                }
            });
            let Some(start) = start else { continue };
            let quote_sim = 1.0 - d as f32 / query.len() as f32;
            let before = self.norm_chars(start.saturating_sub(query.prefix.len()), start);
            let after = self.norm_chars(end, (end + query.suffix.len()).min(self.norm_len()));
            let prefix_sim = self.context_similarity(&query.prefix, before);
            let suffix_sim = self.context_similarity(&query.suffix, after);
            let position_sim = 1.0 - start.abs_diff(expected) as f32 / text_len;
            let score = (QUOTE_WEIGHT * quote_sim
                + PREFIX_WEIGHT * prefix_sim
                + SUFFIX_WEIGHT * suffix_sim
                + POSITION_WEIGHT * position_sim)
                / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
            // Short quotes match too much by chance: their context has to agree as well.
            let context_ok = query.len() >= SELF_EVIDENT_LEN / 2 || (prefix_sim + suffix_sim) / 2.0 >= 0.6;
            if score >= MIN_SCORE && context_ok && best.is_none_or(|(_, _, s)| score > s) {
                best = Some((start, end, score));
            }
        }
        best
    }
}
