//! Bit-parallel bounded edit distance for fuzzy anchoring: Myers' algorithm, with Hyyrö's blocks
//! for patterns longer than 64 characters, and a plain Levenshtein distance for short context.

// Myers / Hyyrö bit-parallel edit distance

/// A pattern prepared for bit-parallel matching: for each character, a bit mask (in 64-bit
/// blocks) of the positions where it occurs.
pub(super) struct Pattern {
    len: usize,
    blocks: usize,
    /// `ascii[c * blocks + b]`: block `b` of the mask of ASCII character `c`.
    ascii: Vec<u64>,
    /// Masks of the other characters (a quote has few distinct ones, so a list is fastest).
    other: Vec<(char, Vec<u64>)>,
    zero: Vec<u64>,
}

impl Pattern {
    pub(super) fn new(chars: impl Iterator<Item = char> + Clone) -> Pattern {
        let len = chars.clone().count();
        let blocks = len.div_ceil(64).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: Vec<(char, Vec<u64>)> = Vec::new();
        for (i, c) in chars.enumerate() {
            let (block, bit) = (i / 64, 1u64 << (i % 64));
            if c.is_ascii() {
                ascii[c as usize * blocks + block] |= bit;
            } else if let Some((_, mask)) = other.iter_mut().find(|(o, _)| *o == c) {
                mask[block] |= bit;
            } else {
                let mut mask = vec![0u64; blocks];
                mask[block] |= bit;
                other.push((c, mask));
            }
        }
        Pattern { len, blocks, ascii, other, zero: vec![0; blocks] }
    }

    fn peq(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            let at = c as usize * self.blocks;
            &self.ascii[at..at + self.blocks]
        } else {
            self.other.iter().find(|(o, _)| *o == c).map_or(&self.zero[..], |(_, m)| &m[..])
        }
    }

    /// Edit distance of the whole pattern against text ending at each position of `text`: calls
    /// `visit(j, d)` where `d` is the distance of the best match ending after `j + 1` characters.
    ///
    /// With `anchored_start` the match must start at the first character of `text` (global
    /// alignment of the start); otherwise it may start anywhere (search).
    pub(super) fn scan(
        &self,
        text: impl Iterator<Item = char>,
        anchored_start: bool,
        mut visit: impl FnMut(usize, usize),
    ) {
        if self.len == 0 {
            return;
        }
        let blocks = self.blocks;
        let mut pv = vec![u64::MAX; blocks];
        let mut mv = vec![0u64; blocks];
        // Score at the bottom row of each block but the last, D[64(b+1)][j]; D[r][0] = r.
        let mut score: Vec<isize> = (0..blocks).map(|b| (64 * (b + 1)) as isize).collect();
        let last = blocks - 1;
        let last_rows = self.len - 64 * last;
        let last_mask = if last_rows == 64 { u64::MAX } else { (1u64 << last_rows) - 1 };
        for (j, c) in text.enumerate() {
            let peq = self.peq(c);
            // Horizontal delta entering block 0 from row 0: D[0][j] is 0 when searching and j when
            // the start is anchored.
            let mut hin: i32 = i32::from(anchored_start);
            for b in 0..blocks {
                let (p, m) = (pv[b], mv[b]);
                let mut eq = peq[b];
                let hin_neg = u64::from(hin < 0);
                let xv = eq | m;
                eq |= hin_neg;
                let xh = (((eq & p).wrapping_add(p)) ^ p) | eq;
                let mut ph = m | !(xh | p);
                let mut mh = p & xh;
                let hout = ((ph >> 63) as i32) - ((mh >> 63) as i32);
                ph <<= 1;
                mh <<= 1;
                mh |= hin_neg;
                ph |= u64::from(hin > 0);
                pv[b] = mh | !(xv | ph);
                mv[b] = ph & xv;
                if b < last {
                    score[b] += hout as isize;
                }
                hin = hout;
            }
            // D[len][j] = D[top of last block][j] + vertical deltas inside the last block down to
            // the pattern's last row (rows below it are padding and never flow upwards).
            let top = if last == 0 {
                if anchored_start {
                    j as isize + 1
                } else {
                    0
                }
            } else {
                score[last - 1]
            };
            let d = top + (pv[last] & last_mask).count_ones() as isize
                - (mv[last] & last_mask).count_ones() as isize;
            visit(j, d.max(0) as usize);
        }
    }
}

/// Levenshtein distance of two short strings (context, at most [`CONTEXT_CHARS`](super::CONTEXT_CHARS) characters).
pub(super) fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diag = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distances(pattern: &str, text: &str, anchored: bool) -> Vec<usize> {
        let p = Pattern::new(pattern.chars());
        let mut out = Vec::new();
        p.scan(text.chars(), anchored, |_, d| out.push(d));
        out
    }

    /// Reference semi-global / anchored edit distance by dynamic programming.
    fn reference(pattern: &str, text: &str, anchored: bool) -> Vec<usize> {
        let p: Vec<char> = pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        let mut col: Vec<usize> = (0..=p.len()).collect();
        let mut out = Vec::new();
        for (j, tc) in t.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; p.len() + 1];
            for i in 1..=p.len() {
                next[i] = (col[i - 1] + usize::from(p[i - 1] != *tc)).min(col[i] + 1).min(next[i - 1] + 1);
            }
            out.push(next[p.len()]);
            col = next;
        }
        out
    }

    #[test]
    fn myers_matches_dynamic_programming() {
        let long: String = "the quick brown fox jumps over the lazy dog ".repeat(4);
        let cases = [
            ("abc", "xxabcxxabxcx"),
            ("survey", "surgery survey servey"),
            ("h😀llo", "hello h😀llo h😀lo"),
            (long.as_str(), &format!("zz{}zz{}", long.replace("fox", "cat"), long)),
        ];
        for (p, t) in cases {
            for anchored in [false, true] {
                assert_eq!(distances(p, t, anchored), reference(p, t, anchored), "{p:?} in {t:?} {anchored}");
            }
        }
    }

    #[test]
    fn levenshtein_basics() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&c("kitten"), &c("sitting")), 3);
        assert_eq!(levenshtein(&c(""), &c("abc")), 3);
    }

    proptest::proptest! {
        #[test]
        fn myers_equals_reference(p in "[ab😀]{1,70}", t in "[ab😀c]{0,90}", anchored in proptest::bool::ANY) {
            proptest::prop_assert_eq!(distances(&p, &t, anchored), reference(&p, &t, anchored));
        }
    }
}
