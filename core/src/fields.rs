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
//! A field may instead be declared a *set* (`union [...]` in `record_fields!`): when two
//! devices change it without seeing each other's change, the merge keeps every element of both
//! (the attendance of a meeting, checked in on several tablets; its invitation list, testimonials
//! and challenges). A set field's type says how it unites ([`Set`]): a sorted list keeps every
//! element of both, the attendance keeps every attendee of both once.

use serde::Serialize;
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

    /// Adds to a set field every element of `other`'s that it lacks, keeping the set sorted
    /// (and its own version of an element both hold); `false` (and nothing changed) for a name
    /// that is not a set field.
    fn unite(&mut self, field: &str, other: &Self) -> bool;

    /// For a set field, the elements both hold in different versions, as JSON (this one's,
    /// `other`'s); `None` when there are none or the name is not a set field ([`Set::disputed`]).
    fn disputed(&self, field: &str, other: &Self) -> Option<(Value, Value)>;
}

/// A value that merges as a set: the union of two versions, unchanged by a second union with
/// either, and the same whichever side it starts from unless the two sides hold different
/// versions of one element (a cooperative checked in with different counts on two tablets):
/// those are [`Set::disputed`], a conflict a person settles, never a silent choice.
pub trait Set: Clone {
    /// Every element of both; where both hold a different version of one element, `self`'s.
    fn union(&self, other: &Self) -> Self;

    /// The elements both sides hold in different versions: `self`'s and `other`'s, as values of
    /// the set; `None` when there are none (always, for a plain list).
    fn disputed(&self, other: &Self) -> Option<(Self, Self)> {
        let _ = other;
        None
    }
}

impl<T: Ord + Clone> Set for Vec<T> {
    fn union(&self, other: &Vec<T>) -> Vec<T> {
        union(self, other)
    }
}

/// Every element of both lists, each once, in order: how a list set field merges.
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
            fn unite(&mut self, field: &str, other: &Self) -> bool {
                match field {
                    $($($set => self.$($set_part).+ = $crate::fields::Set::union(&self.$($set_part).+, &other.$($set_part).+),)*)?
                    _ => return false,
                }
                #[allow(unreachable_code)]
                true
            }

            #[allow(unused_variables)]
            fn disputed(&self, field: &str, other: &Self) -> Option<(serde_json::Value, serde_json::Value)> {
                match field {
                    $($($set => $crate::fields::Set::disputed(&self.$($set_part).+, &other.$($set_part).+)
                        .map(|(ours, theirs)| ($crate::fields::json(&ours), $crate::fields::json(&theirs))),)*)?
                    _ => None,
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

    #[test]
    fn a_set_field_unites_with_another_version_and_other_fields_do_not() {
        let mut ours = Meeting { title: "AG".into(), attendance: vec!["Amina".into(), "Omar".into()] };
        let theirs = Meeting { title: "AG 2025".into(), attendance: vec!["Nadia".into(), "Omar".into()] };
        assert_eq!(Meeting::UNION, ["attendance"]);
        assert!(!ours.unite("title", &theirs));
        assert!(ours.unite("attendance", &theirs));
        assert_eq!(ours.attendance, vec!["Amina", "Nadia", "Omar"]);
        assert_eq!(ours.title, "AG");
        check_fields(&Meeting { title: "a".into(), attendance: vec![] }, &Meeting { title: "b".into(), attendance: vec!["x".into()] });
    }
}
