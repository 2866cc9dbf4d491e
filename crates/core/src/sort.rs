//! One sort for all of claimmark's lists.
//!
//! Each call of the standard library's `sort*` with a new element type or comparison compiles
//! another copy of its sort (quicksort, pivot choice, the small sorts: 1 to 5 KB of wasm each),
//! and claimmark sorts a dozen kinds of list. [`sort_by`] sorts the positions of the elements
//! instead, with the comparison behind a `&dyn Fn`, so that every caller shares one copy, and then
//! moves the elements into place. A comparison through a pointer costs a few nanoseconds; the
//! largest list sorted is the checklist of a 100,000-word article, about 12,000 items.
//!
//! The sort is stable: elements that compare equal keep their order.
//!
//! ```
//! let mut words = vec!["pear", "fig", "apple", "kiwi"];
//! claimmark_core::sort::sort_by_key(&mut words, |w| w.len());
//! assert_eq!(words, ["fig", "pear", "kiwi", "apple"]);
//! ```

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` by the key `key` gives each element, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, &|a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, &T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them, equal ones in position order. Not generic:
/// this is the one copy of the standard library's sort that every caller shares.
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn same_as_std_stable_sort(v in prop::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |e| e.0);
            let mut theirs = v;
            theirs.sort_by_key(|e| e.0);
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["c", "a", "b", "a"].iter().map(|s| (*s).to_owned()).collect();
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
        let mut one = vec![String::from("x")];
        sort(&mut one);
        assert_eq!(one, ["x"]);
        let mut none: Vec<String> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
    }
}
