//! One sort routine for every type: the standard library's sort brings several kilobytes of
//! code for each element type and comparison it is used with, and the app downloads that code
//! at start for each (over a hundred of them). These sort positions with a comparison behind a
//! reference, so the routine is compiled once; the per-type part is a few lines.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping items that compare equal in their order (a stable sort).
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.is_sorted_by(|a, b| compare(a, b) != Ordering::Greater) {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => compare(a, b),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order.into_iter().filter_map(|at| slots.get_mut(at).and_then(Option::take)).collect();
}

/// Sorts `items` in their order (stable).
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Sorts `items` by the key `key` gives (stable).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Positions by `compare`, positions that compare equal in increasing order: the one sort.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_unstable_by(|a, b| compare(*a, *b).then(a.cmp(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scrambled sequence with many repeats: (key, position given).
    fn scrambled(n: usize) -> Vec<(u32, usize)> {
        (0..n).map(|at| (((at * 7919) % 37) as u32, at)).collect()
    }

    #[test]
    fn sorting_gives_what_the_standard_stable_sort_gives() {
        for n in [0, 1, 2, 3, 10, 100, 1_000] {
            let given = scrambled(n);
            let mut ours = given.clone();
            sort_by_key(&mut ours, |(key, _)| *key);
            let mut std = given.clone();
            std.sort_by_key(|(key, _)| *key);
            assert_eq!(ours, std, "{n} items, equal keys in the order given");
            let mut reversed = given.clone();
            sort_by(&mut reversed, |a, b| b.0.cmp(&a.0));
            std.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
            assert_eq!(reversed, std, "{n} items, another comparison");
            let mut plain = given;
            sort(&mut plain);
            assert!(plain.is_sorted());
        }
    }

    #[test]
    fn sorted_items_are_left_as_they_are() {
        let mut words = vec!["a", "b", "b", "c"];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "b", "c"]);
    }
}
