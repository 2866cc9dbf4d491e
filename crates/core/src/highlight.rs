//! Nested highlights laid out as a tree of segments, ready to become `<mark>` elements.
//!
//! Claims overlap: a date sits inside a quotation, a money figure inside a trend claim, and a
//! reader's highlight may cross a detected one. The DOM needs properly nested elements, so
//! [`layout`] cuts a text range at every highlight boundary into atoms, gives each atom the ordered
//! list of highlights covering it (outermost first: earlier start, then longer), and groups runs of
//! atoms that share a cover prefix into nested marks. A highlight that crosses another's end becomes
//! two marks with the same key, both still clickable.
//!
//! ```
//! use claimmark_core::highlight::{layout, Segment};
//! use claimmark_core::text::CharSpan;
//! // "the 1965 war" inside a quotation covering everything.
//! let segments = layout(CharSpan::new(0, 12), &[CharSpan::new(0, 12), CharSpan::new(4, 8)]);
//! assert_eq!(segments, vec![Segment::Mark { key: 0, span: CharSpan::new(0, 12), children: vec![
//!     Segment::Text(CharSpan::new(0, 4)),
//!     Segment::Mark { key: 1, span: CharSpan::new(4, 8), children: vec![Segment::Text(CharSpan::new(4, 8))] },
//!     Segment::Text(CharSpan::new(8, 12)),
//! ]}]);
//! ```

use crate::text::CharSpan;

/// A piece of laid-out text: plain text, or a mark around further segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(CharSpan),
    /// `key` is the index of the highlight in the slice given to [`layout`]; `span` is the part of
    /// it this mark covers.
    Mark {
        key: usize,
        span: CharSpan,
        children: Vec<Segment>,
    },
}

struct Atom {
    span: CharSpan,
    covers: Vec<usize>,
}

/// Lays out `highlights` (clipped to `range`) over `range`.
///
/// Empty highlights and highlights outside `range` are left out. The result covers `range`
/// exactly, in order.
pub fn layout(range: CharSpan, highlights: &[CharSpan]) -> Vec<Segment> {
    let mut order: Vec<(usize, CharSpan)> = highlights
        .iter()
        .enumerate()
        .filter_map(|(key, span)| {
            let start = span.start.max(range.start);
            let end = span.end.min(range.end);
            (start < end).then_some((key, CharSpan { start, end }))
        })
        .collect();
    // Outermost first: earlier start, then longer; the key keeps the order total and stable.
    order.sort_by_key(|&(key, span)| (span.start, std::cmp::Reverse(span.end), key));

    let mut cuts: Vec<usize> = vec![range.start.0, range.end.0];
    for (_, span) in &order {
        cuts.push(span.start.0);
        cuts.push(span.end.0);
    }
    cuts.sort();
    cuts.dedup();

    let atoms: Vec<Atom> = cuts
        .windows(2)
        .map(|w| {
            let span = CharSpan::new(w[0], w[1]);
            let covers = order.iter().filter(|(_, h)| h.contains(&span)).map(|&(key, _)| key).collect();
            Atom { span, covers }
        })
        .collect();
    group(&atoms, 0)
}

fn group(atoms: &[Atom], depth: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let Some(&key) = atoms[i].covers.get(depth) else {
            out.push(Segment::Text(atoms[i].span));
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < atoms.len() && atoms[j].covers.get(depth) == Some(&key) {
            j += 1;
        }
        let span = CharSpan { start: atoms[i].span.start, end: atoms[j - 1].span.end };
        out.push(Segment::Mark { key, span, children: group(&atoms[i..j], depth + 1) });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(a: usize, b: usize) -> CharSpan {
        CharSpan::new(a, b)
    }
    fn text(a: usize, b: usize) -> Segment {
        Segment::Text(s(a, b))
    }
    fn mark(key: usize, a: usize, b: usize, children: Vec<Segment>) -> Segment {
        Segment::Mark { key, span: s(a, b), children }
    }

    #[test]
    fn no_highlights_is_one_text() {
        assert_eq!(layout(s(5, 9), &[]), vec![text(5, 9)]);
    }

    #[test]
    fn crossing_highlights_split_the_later_one() {
        let got = layout(s(0, 20), &[s(0, 10), s(5, 15)]);
        assert_eq!(
            got,
            vec![
                mark(0, 0, 10, vec![text(0, 5), mark(1, 5, 10, vec![text(5, 10)])]),
                mark(1, 10, 15, vec![text(10, 15)]),
                text(15, 20),
            ]
        );
    }

    #[test]
    fn identical_spans_nest_by_key() {
        let got = layout(s(0, 4), &[s(0, 4), s(0, 4)]);
        assert_eq!(got, vec![mark(0, 0, 4, vec![mark(1, 0, 4, vec![text(0, 4)])])]);
    }

    #[test]
    fn clipped_to_range() {
        let got = layout(s(10, 20), &[s(0, 12), s(18, 30), s(25, 26)]);
        assert_eq!(
            got,
            vec![mark(0, 10, 12, vec![text(10, 12)]), text(12, 18), mark(1, 18, 20, vec![text(18, 20)])]
        );
    }

    fn flatten(segments: &[Segment], out: &mut Vec<CharSpan>) {
        for segment in segments {
            match segment {
                Segment::Text(span) => out.push(*span),
                Segment::Mark { children, .. } => flatten(children, out),
            }
        }
    }

    fn marked(segments: &[Segment], key: usize, out: &mut usize) {
        for segment in segments {
            if let Segment::Mark { key: k, span, children } = segment {
                if *k == key {
                    *out += span.len();
                } else {
                    marked(children, key, out);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn layout_covers_range_and_each_highlight(spans in proptest::collection::vec((0usize..60, 0usize..20), 0..12)) {
            let highlights: Vec<CharSpan> = spans.iter().map(|&(a, l)| s(a, a + l)).collect();
            let range = s(0, 70);
            let segments = layout(range, &highlights);
            let mut texts = Vec::new();
            flatten(&segments, &mut texts);
            // The text pieces tile the range in order.
            let mut at = 0;
            for t in &texts {
                prop_assert_eq!(t.start.0, at);
                at = t.end.0;
            }
            prop_assert_eq!(at, 70);
            // Each highlight is marked over exactly its length (once, never twice).
            for (key, h) in highlights.iter().enumerate() {
                let mut covered = 0;
                marked(&segments, key, &mut covered);
                prop_assert_eq!(covered, h.overlap(&range));
            }
        }
    }
}
