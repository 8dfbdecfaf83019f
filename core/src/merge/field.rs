//! The rule for one field: given each side's value, the change that last wrote it (its dot) and
//! each side's version vector, keep one side, unite both (set fields), or ask (a conflict).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::id::Id;
use crate::record::Dot;

/// One side of a field: its value, the change that last wrote it (`None`: a change every device
/// knows, as for reference data never changed since tracking began), and the side's version
/// vector.
pub(super) struct Side<'a> {
    pub(super) value: &'a Value,
    pub(super) dot: Option<Dot>,
    pub(super) versions: &'a BTreeMap<Id, u64>,
}

/// What the merge does with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Decision {
    /// Keep this device's value.
    Ours,
    /// Take the other device's value.
    Theirs,
    /// Keep every element of both (set fields only).
    Union,
    /// Both changed it differently without seeing each other's change: ask.
    Conflict,
}

fn known(dot: Option<Dot>, versions: &BTreeMap<Id, u64>) -> bool {
    dot.is_none_or(|dot| dot.is_known_to(versions))
}

/// Decides a field, and which dot the merged field carries (for a conflict, ours until the
/// resolution writes its own).
///
/// - Same dot: the same write; equal values stay, different values (data edited outside the
///   app) are a conflict, or a union for a set.
/// - One side has seen the other's write and the other has not seen its write: it is newer and
///   wins, whatever the clocks say.
/// - Neither has seen the other's write (or, in inconsistent data, both): equal values merge
///   (the larger dot is kept, so both sides of a merge agree); different values are a conflict,
///   or a union for a set.
///
/// The rule is symmetric: swapping the sides swaps `Ours` and `Theirs` and keeps the dot, so
/// merging A into B and B into A give the same field.
pub(super) fn decide(ours: &Side<'_>, theirs: &Side<'_>, set: bool) -> (Decision, Option<Dot>) {
    let same_value = ours.value == theirs.value;
    if ours.dot == theirs.dot {
        return match (same_value, set) {
            (true, _) => (Decision::Ours, ours.dot),
            (false, true) => (Decision::Union, ours.dot),
            (false, false) => (Decision::Conflict, ours.dot),
        };
    }
    let ours_saw_theirs = known(theirs.dot, ours.versions);
    let theirs_saw_ours = known(ours.dot, theirs.versions);
    match (ours_saw_theirs, theirs_saw_ours) {
        (true, false) => (Decision::Ours, ours.dot),
        (false, true) => (Decision::Theirs, theirs.dot),
        _ => {
            let larger = ours.dot.max(theirs.dot);
            match (same_value, set) {
                (true, _) if larger == ours.dot => (Decision::Ours, larger),
                (true, _) => (Decision::Theirs, larger),
                (false, true) => (Decision::Union, larger),
                (false, false) => (Decision::Conflict, ours.dot),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const A: Id = Id::from_u128(0xa);
    const B: Id = Id::from_u128(0xb);

    fn dot(device: Id, counter: u64) -> Option<Dot> {
        Some(Dot { device, counter })
    }

    fn side<'a>(value: &'a Value, dot: Option<Dot>, versions: &'a BTreeMap<Id, u64>) -> Side<'a> {
        Side { value, dot, versions }
    }

    #[test]
    fn the_side_that_saw_the_other_write_wins_whatever_the_values() {
        let (old, new) = (json!("active"), json!("inactive"));
        let behind = BTreeMap::from([(A, 1)]);
        let ahead = BTreeMap::from([(A, 1), (B, 1)]);
        let ours = side(&old, dot(A, 1), &behind);
        let theirs = side(&new, dot(B, 1), &ahead);
        assert_eq!(decide(&ours, &theirs, false), (Decision::Theirs, dot(B, 1)));
        assert_eq!(decide(&theirs, &ours, false), (Decision::Ours, dot(B, 1)));
    }

    #[test]
    fn writes_that_did_not_see_each_other_conflict_unless_they_agree() {
        let (x, y) = (json!("x"), json!("y"));
        let va = BTreeMap::from([(A, 2)]);
        let vb = BTreeMap::from([(A, 1), (B, 1)]);
        assert_eq!(decide(&side(&x, dot(A, 2), &va), &side(&y, dot(B, 1), &vb), false).0, Decision::Conflict);
        let agree = decide(&side(&x, dot(A, 2), &va), &side(&x, dot(B, 1), &vb), false);
        let swapped = decide(&side(&x, dot(B, 1), &vb), &side(&x, dot(A, 2), &va), false);
        assert_eq!((agree.1, swapped.1), (dot(B, 1), dot(B, 1)));
    }

    #[test]
    fn a_set_field_unites_concurrent_values_instead_of_asking() {
        let (x, y) = (json!(["a"]), json!(["b"]));
        let va = BTreeMap::from([(A, 2)]);
        let vb = BTreeMap::from([(A, 1), (B, 1)]);
        assert_eq!(decide(&side(&x, dot(A, 2), &va), &side(&y, dot(B, 1), &vb), true), (Decision::Union, dot(B, 1)));
        assert_eq!(decide(&side(&x, dot(B, 1), &va), &side(&y, dot(B, 1), &vb), true).0, Decision::Union);
    }

    #[test]
    fn an_untracked_value_is_known_everywhere_so_a_tracked_change_beats_it_and_two_untracked_values_conflict() {
        let (x, y) = (json!("x"), json!("y"));
        let none = BTreeMap::new();
        let va = BTreeMap::from([(A, 1)]);
        assert_eq!(decide(&side(&x, None, &none), &side(&y, dot(A, 1), &va), false), (Decision::Theirs, dot(A, 1)));
        assert_eq!(decide(&side(&x, None, &none), &side(&y, None, &none), false).0, Decision::Conflict);
    }
}
