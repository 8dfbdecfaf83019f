//! The fields of each kind of record, as history and merge see them: one name per value a person
//! edits in one input (`"members.women"`, `"contact.phone"`, `"contributions"`), with a way to
//! read it as JSON and to copy it from another version of the record.
//!
//! Groups that are always there (a cooperative's `members`, a project's `call`, a rulebook's
//! rules) are split into their parts, so that one tablet changing the phone number and another
//! changing the address merge without asking. Lists (`contributions`, `tranches`,
//! `disbursements`) and optional groups (`milieu_override`, `register_number`) are one field each:
//! their items hang together (the contributions sum to the total cost), so two different edits of
//! them are a conflict.
//!
//! A field may instead be declared a *set* (`union [...]` in `record_fields!`): the invitation
//! list, the attendance, the testimonials and the challenges of a meeting, which several tablets
//! fill in at once. When two devices change a set field without seeing each other's change, the
//! merge works element by element ([`join_set`]): the history of each side says which elements
//! its unseen changes touched (added, removed, or — for a check-in — changed), so an element added
//! on either side is kept, an element removed on one side and untouched on the other is removed,
//! and an element both sides touched differently (removed here, corrected there; counted twice
//! differently) is a conflict. When a side's history cannot tell (changes made before the
//! history was kept), a difference is a conflict too: never a silent resurrection or loss.
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cooperative::Cooperative;
use crate::meeting::Meeting;
use crate::project::Project;
use crate::rules::Rulebook;
use crate::story::Story;
use crate::visit::Visit;

/// The fields of a kind of record.
pub trait Fields: Clone + PartialEq {
    /// Every field's name, in document order.
    const NAMES: &'static [&'static str];

    /// The fields that merge as sets (a subset of [`Fields::NAMES`]).
    const UNION: &'static [&'static str];

    /// The field's value as it is written in the document; `None` for an unknown name.
    fn value(&self, field: &str) -> Option<Value>;

    /// Copies the field from `other`; `false` (and nothing changed) for an unknown name.
    fn take(&mut self, field: &str, other: &Self) -> bool;

    /// Merges a set field element by element with `other`'s (see [`join_set`]): `ours` and
    /// `theirs` are each side's changes to the field the other side has not seen. Puts the
    /// merged value in `self` (this side's version of each disputed element standing) and
    /// returns the disputed elements as JSON (this side's, `other`'s); `None` when nothing is
    /// disputed or the name is not a set field.
    fn join_set(&mut self, field: &str, other: &Self, ours: &Unseen<'_>, theirs: &Unseen<'_>) -> Option<(Value, Value)>;

    /// Settles a conflict on a set field: the elements of `set_aside` and `kept` (the two sides'
    /// versions of the disputed elements, as JSON) give way to those of `kept`, every other
    /// element staying; `false` (and nothing changed) for a name that is not a set field or
    /// values that are not versions of it.
    fn settle_set(&mut self, field: &str, set_aside: &Value, kept: &Value) -> bool;
}

/// A value that merges as a set: elements, each identified by a key that stays the same across
/// versions of the element (a check-in's attendee; for a plain list, the element itself).
pub trait Set: Clone + Serialize + DeserializeOwned {
    /// What identifies an element from one version to the next.
    type Key: Ord + Clone;
    /// One element.
    type Element: Clone + PartialEq;

    /// Every element, by key.
    fn elements(&self) -> BTreeMap<Self::Key, Self::Element>;

    /// The set of these elements (their keys all different), in its order.
    fn from_elements(elements: Vec<Self::Element>) -> Self;
}

impl<T: Ord + Clone + Serialize + DeserializeOwned> Set for Vec<T> {
    type Key = T;
    type Element = T;

    fn elements(&self) -> BTreeMap<T, T> {
        self.iter().map(|element| (element.clone(), element.clone())).collect()
    }

    fn from_elements(elements: Vec<T>) -> Vec<T> {
        union(&elements, &[])
    }
}

/// One side's changes to a set field that the other side has not seen: the old and new value
/// of each, as the history wrote them; `None` when the side's history lacks some of its unseen
/// changes (made before schema version 3), so that it cannot tell what they touched.
pub type Unseen<'a> = Option<Vec<(&'a Value, &'a Value)>>;

/// The keys of the elements a side's unseen changes touched (added, removed or changed); `None`
/// when its history cannot tell, or holds a value that is not a version of the set.
fn touched<S: Set>(changes: &Unseen<'_>) -> Option<BTreeSet<S::Key>> {
    let mut keys = BTreeSet::new();
    for (old, new) in changes.as_ref()? {
        let old = serde_json::from_value::<S>((*old).clone()).ok()?.elements();
        let new = serde_json::from_value::<S>((*new).clone()).ok()?.elements();
        keys.extend(old.keys().chain(new.keys()).filter(|key| old.get(*key) != new.get(*key)).cloned());
    }
    Some(keys)
}

/// A set field merged element by element, and the elements in dispute.
#[derive(Debug, Clone, PartialEq)]
pub struct SetJoin<S> {
    /// Every element kept, this side's version (or absence) of each disputed element standing.
    pub merged: S,
    /// This side's versions of the disputed elements and the other side's (either may lack an
    /// element: removed on that side); `None` when nothing is disputed.
    pub disputed: Option<(S, S)>,
}

/// The three-way merge of a set field changed on both sides, element by element, told by what
/// each side's unseen changes touched (see the module documentation):
///
/// - an element both sides hold alike stays (and one neither holds stays away);
/// - an element only one side's changes touched takes that side's version, or absence: an
///   addition is kept, a removal or a correction wins over an element the other side left as it
///   was;
/// - an element both sides touched into different versions (or one removed, the other
///   changed), or that differs although neither side's history touched it, is disputed.
///
/// The same whichever side it starts from, apart from which side's disputed versions stand.
pub fn join_set<S: Set>(ours: &S, theirs: &S, ours_changes: &Unseen<'_>, theirs_changes: &Unseen<'_>) -> SetJoin<S> {
    let (ours_touched, theirs_touched) = (touched::<S>(ours_changes), touched::<S>(theirs_changes));
    let (mine, other) = (ours.elements(), theirs.elements());
    let keys: BTreeSet<&S::Key> = mine.keys().chain(other.keys()).collect();
    let (mut merged, mut disputed_ours, mut disputed_theirs) = (Vec::new(), Vec::new(), Vec::new());
    for key in keys {
        let (a, b) = (mine.get(key), other.get(key));
        let touched_by = |keys: &Option<BTreeSet<S::Key>>| keys.as_ref().map(|keys| keys.contains(key));
        let kept = if a == b {
            a
        } else {
            match (touched_by(&ours_touched), touched_by(&theirs_touched)) {
                (Some(true), Some(false)) => a,
                (Some(false), Some(true)) => b,
                _ => {
                    disputed_ours.extend(a.cloned());
                    disputed_theirs.extend(b.cloned());
                    a
                }
            }
        };
        merged.extend(kept.cloned());
    }
    let disputed = (!disputed_ours.is_empty() || !disputed_theirs.is_empty()).then(|| (S::from_elements(disputed_ours), S::from_elements(disputed_theirs)));
    SetJoin { merged: S::from_elements(merged), disputed }
}

/// `current` with the elements of `set_aside` and `kept` replaced by those of `kept`: how a
/// person's choice on a disputed set field is carried out.
pub fn settle_set<S: Set>(current: &S, set_aside: &S, kept: &S) -> S {
    let (set_aside, kept) = (set_aside.elements(), kept.elements());
    let mut elements = current.elements();
    elements.retain(|key, _| !set_aside.contains_key(key) && !kept.contains_key(key));
    elements.extend(kept);
    S::from_elements(elements.into_values().collect())
}

/// Every element of both lists, each once, in order: how a set list is kept (sorted, each
/// element once, so that every device holds the same list).
///
/// ```
/// use taawun_core::fields::union;
/// assert_eq!(union(&[1, 3, 5], &[2, 3]), vec![1, 2, 3, 5]);
/// assert_eq!(union(&[2, 3], &[1, 3, 5]), union(&[1, 3, 5], &[2, 3]));
/// ```
pub fn union<T: Ord + Clone>(ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut all: Vec<T> = ours.iter().chain(theirs).cloned().collect();
    crate::sorting::sort(&mut all);
    all.dedup();
    all
}

/// A value as it is written in the document.
pub(crate) fn json<T: Serialize>(value: &T) -> Value {
    // Every value of a record serialises to JSON without error (maps have string keys only).
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A value read back from its JSON.
pub(crate) fn from_json<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value.clone())
}

/// Implements [`Fields`] for a record type from its list of fields: `"name" => path.to.field`,
/// then optionally `union ["name" => path]` for set fields (of a type implementing [`Set`]).
macro_rules! record_fields {
    ($t:ty, [$($name:literal => $($part:ident).+),* $(,)?] $(, union [$($set:literal => $($set_part:ident).+),* $(,)?])?) => {
        impl $crate::fields::Fields for $t {
            const NAMES: &'static [&'static str] = &[$($name,)* $($($set,)*)?];
            const UNION: &'static [&'static str] = &[$($($set,)*)?];

            fn value(&self, field: &str) -> Option<serde_json::Value> {
                match field {
                    $($name => Some($crate::fields::json(&self.$($part).+)),)*
                    $($($set => Some($crate::fields::json(&self.$($set_part).+)),)*)?
                    _ => None,
                }
            }

            fn take(&mut self, field: &str, other: &Self) -> bool {
                match field {
                    $($name => self.$($part).+ = other.$($part).+.clone(),)*
                    $($($set => self.$($set_part).+ = other.$($set_part).+.clone(),)*)?
                    _ => return false,
                }
                true
            }

            #[allow(unused_variables)]
            fn join_set(&mut self, field: &str, other: &Self, ours: &$crate::fields::Unseen<'_>, theirs: &$crate::fields::Unseen<'_>) -> Option<(serde_json::Value, serde_json::Value)> {
                match field {
                    $($($set => {
                        let joined = $crate::fields::join_set(&self.$($set_part).+, &other.$($set_part).+, ours, theirs);
                        self.$($set_part).+ = joined.merged;
                        joined.disputed.map(|(ours, theirs)| ($crate::fields::json(&ours), $crate::fields::json(&theirs)))
                    })*)?
                    _ => None,
                }
            }

            #[allow(unused_variables)]
            fn settle_set(&mut self, field: &str, set_aside: &serde_json::Value, kept: &serde_json::Value) -> bool {
                match field {
                    $($($set => {
                        let (Ok(set_aside), Ok(kept)) = ($crate::fields::from_json(set_aside), $crate::fields::from_json(kept)) else { return false };
                        self.$($set_part).+ = $crate::fields::settle_set(&self.$($set_part).+, &set_aside, &kept);
                        true
                    })*)?
                    _ => false,
                }
            }
        }
    };
}

record_fields!(Rulebook, [
    "name_ar" => name_ar,
    "name_fr" => name_fr,
    "max_indh_share.rate" => max_indh_share.rate,
    "max_indh_share.severity" => max_indh_share.severity,
    "indh_ceiling.cooperative" => indh_ceiling.cooperative,
    "indh_ceiling.union" => indh_ceiling.union,
    "indh_ceiling.gie" => indh_ceiling.gie,
    "indh_ceiling.severity" => indh_ceiling.severity,
    "min_own_share.rate" => min_own_share.rate,
    "min_own_share.severity" => min_own_share.severity,
    "max_in_kind_share_of_own.rate" => max_in_kind_share_of_own.rate,
    "max_in_kind_share_of_own.severity" => max_in_kind_share_of_own.severity,
    "min_women_youth_share.rate" => min_women_youth_share.rate,
    "min_women_youth_share.severity" => min_women_youth_share.severity,
    "youth_ages.min_age" => youth_ages.min_age,
    "youth_ages.max_age" => youth_ages.max_age,
    "min_members.minimum" => min_members.minimum,
    "min_members.severity" => min_members.severity,
    "programme_period.first_year" => programme_period.first_year,
    "programme_period.last_year" => programme_period.last_year,
    "programme_period.severity" => programme_period.severity,
]);

record_fields!(Cooperative, [
    "name_ar" => name_ar,
    "name_fr" => name_fr,
    "legal_form" => legal_form,
    "register_number" => register_number,
    "ice" => ice,
    "created_on" => created_on,
    "commune" => commune,
    "milieu_override" => milieu_override,
    "sector" => sector,
    "members.total" => members.total,
    "members.women" => members.women,
    "members.youth" => members.youth,
    "president_gender" => president_gender,
    "status" => status,
    "contact.phone" => contact.phone,
    "contact.email" => contact.email,
    "contact.address" => contact.address,
    "notes" => notes,
]);

record_fields!(Project, [
    "title_ar" => title_ar,
    "title_fr" => title_fr,
    "cooperative" => cooperative,
    "programme" => programme,
    "axis" => axis,
    "call.year" => call.year,
    "call.rulebook" => call.rulebook,
    "total_cost" => total_cost,
    "contributions" => contributions,
    "submitted_on" => submitted_on,
    "cpdh_approved_on" => cpdh_approved_on,
    "convention_signed_on" => convention_signed_on,
    "tranches" => tranches,
    "disbursements" => disbursements,
    "jobs.total" => jobs.total,
    "jobs.women" => jobs.women,
    "jobs.youth" => jobs.youth,
    "status" => status,
    "notes" => notes,
]);

record_fields!(Meeting, [
    "title_ar" => title_ar,
    "title_fr" => title_fr,
    "date" => date,
    "start_time" => start_time,
    "place" => place,
    "organisers" => organisers,
    "partners" => partners,
    "agenda" => agenda,
    "follow_ups" => follow_ups,
], union [
    "invited" => invited,
    "attendance" => attendance,
    "testimonials" => testimonials,
    "challenges" => challenges,
]);

record_fields!(Visit, [
    "cooperative" => cooperative,
    "date" => date,
    "visitor" => visitor,
    "purpose" => purpose,
    "state" => state,
    "observations" => observations,
    "needs" => needs,
    "next_steps" => next_steps,
    "next_visit_on" => next_visit_on,
]);

record_fields!(Story, [
    "project" => project,
    "story_ar" => story_ar,
    "story_fr" => story_fr,
    "jobs" => jobs,
    "turnover_before" => turnover_before,
    "turnover_after" => turnover_after,
    "photos" => photos,
]);

/// Every changed field between two versions of a record, old and new values as JSON, in field
/// order.
pub(crate) fn changes<T: Fields>(old: &T, new: &T) -> Vec<crate::history::ChangedField> {
    T::NAMES
        .iter()
        .filter_map(|name| {
            let (before, after) = (old.value(name).unwrap_or(Value::Null), new.value(name).unwrap_or(Value::Null));
            (before != after).then(|| crate::history::ChangedField { field: (*name).to_owned(), old: before, new: after })
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;

    /// The leaf names of a record's JSON, splitting the groups `Fields` splits: what the list of
    /// fields must match exactly, so a field added to a type and forgotten here fails a test.
    fn leaves<T: Fields + Serialize>(record: &T) -> BTreeSet<String> {
        let Value::Object(map) = json(record) else { panic!("a record is a JSON object") };
        let mut names = BTreeSet::new();
        for (key, value) in map {
            let split = T::NAMES.iter().any(|name| name.starts_with(&format!("{key}.")));
            match value {
                Value::Object(group) if split => names.extend(group.keys().map(|part| format!("{key}.{part}"))),
                _ => {
                    names.insert(key);
                }
            }
        }
        names
    }

    /// Checks that the field list covers every value of `T`, and that copying each field from
    /// `b` changes that field alone; `a` and `b` must differ in every field.
    pub(crate) fn check_fields<T: Fields + Serialize + std::fmt::Debug>(a: &T, b: &T) {
        let names: BTreeSet<String> = T::NAMES.iter().map(|n| (*n).to_owned()).collect();
        assert_eq!(leaves(a), names, "the field list and the JSON of the type disagree");
        let mut copy = a.clone();
        for name in T::NAMES {
            assert_ne!(a.value(name), b.value(name), "the samples must differ in {name}");
            let mut one = a.clone();
            assert!(one.take(name, b));
            assert_eq!(changes(a, &one).iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), vec![*name]);
            assert!(copy.take(name, b));
        }
        assert_eq!(&copy, b, "copying every field gives the other record");
        assert!(!copy.take("no_such_field", a) && copy.value("no_such_field").is_none());
    }

    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub(crate) struct Meeting {
        pub(crate) title: String,
        pub(crate) attendance: Vec<String>,
    }

    record_fields!(Meeting, ["title" => title], union ["attendance" => attendance]);

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn list(elements: &[&str]) -> Value {
        json(&names(elements))
    }

    /// One side's unseen changes, each from its old to its new list.
    fn steps(steps: &[(Value, Value)]) -> Vec<(&Value, &Value)> {
        steps.iter().map(|(old, new)| (old, new)).collect()
    }

    #[test]
    fn only_set_fields_merge_element_by_element_and_settle() {
        let mut ours = Meeting { title: "AG".into(), attendance: names(&["Amina"]) };
        let theirs = Meeting { title: "AG 2025".into(), attendance: names(&["Amina", "Nadia"]) };
        assert_eq!(Meeting::UNION, ["attendance"]);
        assert_eq!(ours.join_set("title", &theirs, &Some(vec![]), &Some(vec![])), None);
        assert!(!ours.settle_set("title", &list(&[]), &list(&[])));
        assert_eq!(ours.title, "AG");
        check_fields(&Meeting { title: "a".into(), attendance: vec![] }, &Meeting { title: "b".into(), attendance: vec!["x".into()] });
    }

    #[test]
    fn elements_added_on_either_side_are_all_kept() {
        let ours_steps = [(list(&["Omar"]), list(&["Amina", "Omar"]))];
        let theirs_steps = [(list(&["Omar"]), list(&["Nadia", "Omar"]))];
        let (ours, theirs) = (names(&["Amina", "Omar"]), names(&["Nadia", "Omar"]));
        let one = join_set(&ours, &theirs, &Some(steps(&ours_steps)), &Some(steps(&theirs_steps)));
        let other = join_set(&theirs, &ours, &Some(steps(&theirs_steps)), &Some(steps(&ours_steps)));
        assert_eq!(one, SetJoin { merged: names(&["Amina", "Nadia", "Omar"]), disputed: None });
        assert_eq!(other, one);
    }

    #[test]
    fn an_element_removed_on_one_side_and_left_alone_on_the_other_stays_removed() {
        // The office took Omar off the list while the tablet added Nadia.
        let ours_steps = [(list(&["Amina", "Omar"]), list(&["Amina"]))];
        let theirs_steps = [(list(&["Amina", "Omar"]), list(&["Amina", "Nadia", "Omar"]))];
        let (ours, theirs) = (names(&["Amina"]), names(&["Amina", "Nadia", "Omar"]));
        let one = join_set(&ours, &theirs, &Some(steps(&ours_steps)), &Some(steps(&theirs_steps)));
        assert_eq!(one, SetJoin { merged: names(&["Amina", "Nadia"]), disputed: None });
        assert_eq!(join_set(&theirs, &ours, &Some(steps(&theirs_steps)), &Some(steps(&ours_steps))), one);
    }

    #[test]
    fn an_edited_element_replaces_the_old_one_even_when_the_other_side_added_another() {
        let ours_steps = [(list(&["a"]), list(&["a (corrigé)"]))];
        let theirs_steps = [(list(&["a"]), list(&["a", "b"]))];
        let one = join_set(&names(&["a (corrigé)"]), &names(&["a", "b"]), &Some(steps(&ours_steps)), &Some(steps(&theirs_steps)));
        assert_eq!(one, SetJoin { merged: names(&["a (corrigé)", "b"]), disputed: None });
    }

    #[test]
    fn an_element_removed_on_one_side_and_added_back_or_changed_on_the_other_is_disputed() {
        // Both touched "Omar": the office removed it, the tablet removed it and added it again.
        let ours_steps = [(list(&["Omar"]), list(&[]))];
        let theirs_steps = [(list(&["Omar"]), list(&[])), (list(&[]), list(&["Omar"]))];
        let one = join_set(&names(&[]), &names(&["Omar"]), &Some(steps(&ours_steps)), &Some(steps(&theirs_steps)));
        assert_eq!(one, SetJoin { merged: names(&[]), disputed: Some((names(&[]), names(&["Omar"]))) });
        // Taking the other side's version brings it back, and only it.
        assert_eq!(settle_set(&names(&["Amina"]), &names(&[]), &names(&["Omar"])), names(&["Amina", "Omar"]));
        assert_eq!(settle_set(&names(&["Amina", "Omar"]), &names(&["Omar"]), &names(&[])), names(&["Amina"]));
    }

    #[test]
    fn a_difference_no_history_explains_is_disputed_rather_than_brought_back() {
        // The office's history lacks its changes (made before histories were kept): whether
        // "Omar" was removed there or added on the tablet cannot be known.
        let theirs_steps = [(list(&["Amina"]), list(&["Amina", "Nadia"]))];
        let one = join_set(&names(&["Amina"]), &names(&["Amina", "Nadia", "Omar"]), &None, &Some(steps(&theirs_steps)));
        assert_eq!(one.disputed, Some((names(&[]), names(&["Nadia", "Omar"]))));
        // Both histories complete but neither touched "Omar": still asked.
        let one = join_set(&names(&["Amina"]), &names(&["Amina", "Omar"]), &Some(vec![]), &Some(vec![]));
        assert_eq!(one, SetJoin { merged: names(&["Amina"]), disputed: Some((names(&[]), names(&["Omar"]))) });
    }
}
