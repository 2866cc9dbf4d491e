//! Exact matching: the quote where it is expected, or its best trustworthy occurrence in a window,
//! chosen by how much of the stored prefix and suffix agrees.

use super::{Anchorer, Query, CONTEXT_EVIDENCE, SELF_EVIDENT_LEN};

impl Anchorer<'_> {
    /// Whether the normalised quote is at normalised offset `at`.
    pub(super) fn quote_at(&self, query: &Query, at: usize) -> bool {
        let end = at + query.len();
        end <= self.norm_len() && self.norm_str(at, end) == query.exact
    }

    /// How many characters of stored prefix and suffix agree with the text around `from..to`,
    /// counting outwards from the quote.
    fn context_agreement(&self, query: &Query, from: usize, to: usize) -> usize {
        let before = self.norm_str(from.saturating_sub(query.prefix.len()), from).chars().rev();
        let prefix = before.zip(query.prefix.iter().rev()).take_while(|(a, b)| a == *b).count();
        let after = self.norm_chars(to, (to + query.suffix.len()).min(self.norm_len()));
        let suffix = after.zip(query.suffix.iter()).take_while(|(a, b)| a == *b).count();
        prefix + suffix
    }

    /// Whether an exact occurrence at `from..to` is trustworthy on its own or by its context.
    pub(super) fn context_backs(&self, query: &Query, from: usize, to: usize, unique: bool) -> bool {
        let available = query.prefix.len() + query.suffix.len();
        let needed = CONTEXT_EVIDENCE.min(available);
        query.len() >= SELF_EVIDENT_LEN
            || (unique && query.len() >= SELF_EVIDENT_LEN / 2)
            || self.context_agreement(query, from, to) >= needed
    }

    /// The best exact occurrence of the quote in normalised `window`, chosen by context and then
    /// by distance from `expected`, if it is trustworthy.
    pub(super) fn find_exact(
        &self,
        query: &Query,
        window: (usize, usize),
        expected: usize,
        whole: bool,
    ) -> Option<usize> {
        let (from, to) = window;
        let hay = self.norm_str(from, to).as_bytes();
        let base = self.norm_byte[from] as usize;
        let mut best: Option<(usize, usize, usize)> = None; // (agreement, -distance as key, at)
        let mut count = 0usize;
        for byte in memchr::memmem::find_iter(hay, query.exact.as_bytes()) {
            let at = self.norm_byte.partition_point(|&b| (b as usize) < base + byte);
            count += 1;
            let agreement = self.context_agreement(query, at, at + query.len());
            let distance = at.abs_diff(expected);
            let better = match best {
                None => true,
                Some((a, d, _)) => agreement > a || (agreement == a && distance < d),
            };
            if better {
                best = Some((agreement, distance, at));
            }
        }
        let (_, _, at) = best?;
        // Uniqueness only counts when the whole text was searched.
        (self.context_backs(query, at, at + query.len(), whole && count == 1)).then_some(at)
    }
}
