//! `Dataset::diff`: what separates two datasets, record by record and field by field, for the
//! import preview (an import replaces the data, so every difference is a change). The merge
//! preview does not use it: a diff cannot tell an edit from the other side from an edit on this
//! one, so it cannot know conflicts; [`crate::merge::plan`] and its `summary()` (added, updated,
//! deleted, restored, conflicts, unchanged) are the merge's one source.

use serde::Serialize;
use serde_json::Value;

use super::Dataset;
use crate::document::JsonPath;
use crate::record::{Record, RecordKind, RecordRef, Records};

/// What separates one dataset (`self`, usually the current one) from another (the incoming one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Records live in the other dataset and absent or deleted in this one.
    pub added: Vec<RecordRef>,
    /// Records live in both that differ, with each differing field.
    pub changed: Vec<RecordChange>,
    /// Records live in this dataset and absent or deleted in the other.
    pub deleted: Vec<RecordRef>,
    /// Differences in the reference data, with paths from `reference`.
    pub reference: Vec<FieldChange>,
}

impl Diff {
    /// Whether the two datasets hold the same live records and reference data.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.deleted.is_empty() && self.reference.is_empty()
    }
}

/// A record live on both sides whose content differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordChange {
    /// Which record.
    pub record: RecordRef,
    /// Each differing field of the content, in path order. Metadata (`meta.revision`, the
    /// history, the field clock) is left out: it differs between any two devices and says
    /// nothing a person would check in a preview; the merge compares it on its own.
    pub fields: Vec<FieldChange>,
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's path inside the record (`contributions[1].amount`, `meta.revision`).
    pub field: String,
    /// Its value on this side, as JSON; `None` when the field (or list item) is not there.
    pub old: Option<Value>,
    /// Its value on the other side.
    pub new: Option<Value>,
}

/// Appends to `changes` every leaf-level difference between `old` and `new` under `path`.
///
/// Objects are compared key by key and lists position by position, so a changed amount in the
/// second contribution reads `contributions[1].amount` rather than "the whole list changed".
pub(crate) fn compare(path: &JsonPath, old: Option<&Value>, new: Option<&Value>, changes: &mut Vec<FieldChange>) {
    match (old, new) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            crate::sorting::sort(&mut keys);
            keys.dedup();
            for key in keys {
                compare(&path.key(key), a.get(key), b.get(key), changes);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for index in 0..a.len().max(b.len()) {
                compare(&path.index(index), a.get(index), b.get(index), changes);
            }
        }
        (a, b) if a == b => {}
        (a, b) => changes.push(FieldChange { field: path.to_string(), old: a.cloned(), new: b.cloned() }),
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    // Every type of the dataset serialises to JSON without error (string keys only).
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A record as JSON without its metadata.
fn content<T: Serialize>(record: &Record<T>) -> Value {
    let mut value = to_value(record);
    if let Value::Object(map) = &mut value {
        map.remove("meta");
    }
    value
}

fn live<T>(record: Option<&Record<T>>) -> Option<&Record<T>> {
    record.filter(|r| r.is_live())
}

fn diff_records<T: Serialize>(kind: RecordKind, mine: &Records<T>, theirs: &Records<T>, diff: &mut Diff) {
    let mut ids: Vec<_> = mine.all().iter().chain(theirs.all()).map(|r| r.id).collect();
    crate::sorting::sort(&mut ids);
    ids.dedup();
    for id in ids {
        let record = RecordRef { kind, id };
        match (live(mine.get(id)), live(theirs.get(id))) {
            (None, None) => {}
            (None, Some(_)) => diff.added.push(record),
            (Some(_), None) => diff.deleted.push(record),
            (Some(a), Some(b)) => {
                let mut fields = Vec::new();
                compare(&JsonPath::root(), Some(&content(a)), Some(&content(b)), &mut fields);
                if !fields.is_empty() {
                    diff.changed.push(RecordChange { record, fields });
                }
            }
        }
    }
}

impl Dataset {
    /// Describes what separates this dataset from `other`: records added, changed (field by
    /// field, with old and new values as JSON) and deleted, and reference data changes.
    ///
    /// Tombstones count as absent. Records are listed in kind then id order.
    pub fn diff(&self, other: &Dataset) -> Diff {
        let mut diff = Diff::default();
        diff_records(RecordKind::Rulebook, &self.rulebooks, &other.rulebooks, &mut diff);
        diff_records(RecordKind::Cooperative, &self.cooperatives, &other.cooperatives, &mut diff);
        diff_records(RecordKind::Project, &self.projects, &other.projects, &mut diff);
        diff_records(RecordKind::Meeting, &self.meetings, &other.meetings, &mut diff);
        diff_records(RecordKind::Visit, &self.visits, &other.visits, &mut diff);
        diff_records(RecordKind::Story, &self.stories, &other.stories, &mut diff);
        compare(&JsonPath::root(), Some(&to_value(&self.reference)), Some(&to_value(&other.reference)), &mut diff.reference);
        diff
    }
}
