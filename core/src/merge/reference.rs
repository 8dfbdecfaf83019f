//! The merge of the reference data: entries matched by table and code, attribute by attribute
//! (`"communes/SLY/name_fr"`), with the dots of [`ReferenceMeta`]. Entries are never deleted
//! (they are retired), so an entry one side lacks is simply added; the other side's order is not
//! meaningful, and added entries go at the end of their table, sorted by code.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::field::{Decision, Side, decide};
use super::{Choice, Conflict, ConflictKind, MergedReference, ReferenceMerge, Target, join_versions};
use crate::dataset::{Dataset, FieldChange};
use crate::fields::json;
use crate::history::{self, ChangedField};
use crate::id::Id;
use crate::record::{Dot, ReferenceMeta};
use crate::reference::ReferenceData;

/// What the merge decided for the reference data before conflicts are settled.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    base: ReferenceData,
    base_versions: BTreeMap<Id, u64>,
    /// The merged tables as JSON, conflicting attributes holding this device's values.
    joined: Map<String, Value>,
    meta: ReferenceMeta,
    conflicts: Vec<usize>,
}

/// The name of an attribute of an entry.
fn key(table: &str, code: &str, attribute: &str) -> String {
    format!("{table}/{code}/{attribute}")
}

/// Splits `"table/code/attribute"`; the code may itself hold slashes.
fn split(key: &str) -> Option<(&str, &str, &str)> {
    let (table, rest) = key.split_once('/')?;
    let (code, attribute) = rest.rsplit_once('/')?;
    Some((table, code, attribute))
}

fn tables(reference: &ReferenceData) -> Map<String, Value> {
    match json(reference) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn entries(tables: &Map<String, Value>, table: &str) -> Vec<Map<String, Value>> {
    tables.get(table).and_then(Value::as_array).into_iter().flatten().filter_map(|e| e.as_object().cloned()).collect()
}

fn code(entry: &Map<String, Value>) -> String {
    entry.get("code").and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// An attribute's value; an absent optional attribute is `null`.
fn attribute(entry: &Map<String, Value>, name: &str) -> Value {
    entry.get(name).cloned().unwrap_or(Value::Null)
}

fn set_attribute(entry: &mut Map<String, Value>, name: &str, value: &Value) {
    if value.is_null() {
        entry.remove(name);
    } else {
        entry.insert(name.to_owned(), value.clone());
    }
}

/// Every attribute of every entry, by `"table/code/attribute"` (an absent optional attribute is
/// not listed).
pub(crate) fn attributes(reference: &ReferenceData) -> BTreeMap<String, Value> {
    let tables = tables(reference);
    let mut all = BTreeMap::new();
    for table in tables.keys() {
        for entry in entries(&tables, table) {
            let entry_code = code(&entry);
            for (name, value) in entry.iter().filter(|(k, _)| *k != "code") {
                all.insert(key(table, &entry_code, name), value.clone());
            }
        }
    }
    all
}

/// Plans the merge of the reference data; conflicts are appended to `conflicts`.
pub(super) fn plan(current: &Dataset, incoming: &Dataset, conflicts: &mut Vec<Conflict>) -> (ReferenceMerge, Option<Pending>) {
    let (ours_meta, theirs_meta) = (current.reference_meta(), incoming.reference_meta());
    let (ours_tables, theirs_tables) = (tables(current.reference()), tables(incoming.reference()));
    let mut summary = ReferenceMerge::default();
    let mut joined = Map::new();
    let mut written: BTreeMap<String, Dot> = BTreeMap::new();
    let mut mine = Vec::new();
    let names: BTreeSet<&String> = ours_tables.keys().chain(theirs_tables.keys()).collect();
    for table in names {
        let theirs_entries = entries(&theirs_tables, table);
        let theirs_by_code: BTreeMap<String, &Map<String, Value>> = theirs_entries.iter().map(|e| (code(e), e)).collect();
        let ours_entries = entries(&ours_tables, table);
        let ours_codes: BTreeSet<String> = ours_entries.iter().map(code).collect();
        let mut merged = Vec::new();
        for entry in &ours_entries {
            let entry_code = code(entry);
            let mut result = entry.clone();
            let Some(other) = theirs_by_code.get(&entry_code) else {
                copy_dots(ours_meta, table, &entry_code, entry, &mut written);
                merged.push(Value::Object(result));
                continue;
            };
            let attributes: BTreeSet<&String> = entry.keys().chain(other.keys()).filter(|k| *k != "code").collect();
            for name in attributes {
                let field = key(table, &entry_code, name);
                let (a, b) = (attribute(entry, name), attribute(other, name));
                let ours = Side { value: &a, dot: ours_meta.written.get(&field).copied(), versions: &ours_meta.versions };
                let theirs = Side { value: &b, dot: theirs_meta.written.get(&field).copied(), versions: &theirs_meta.versions };
                let (decision, dot) = decide(&ours, &theirs, false);
                match decision {
                    Decision::Theirs => {
                        set_attribute(&mut result, name, &b);
                        summary.changes.push(FieldChange { field: field.clone(), old: Some(a.clone()), new: Some(b.clone()) });
                    }
                    Decision::Conflict => {
                        mine.push(conflicts.len());
                        let id = conflicts.len();
                        conflicts.push(Conflict {
                            id,
                            target: Target::Reference,
                            field: field.clone(),
                            kind: ConflictKind::Field,
                            ours: a.clone(),
                            theirs: b.clone(),
                            choice: None,
                        });
                    }
                    Decision::Ours | Decision::Union => {}
                }
                if let Some(dot) = dot {
                    written.insert(field, dot);
                }
            }
            merged.push(Value::Object(result));
        }
        let mut added: Vec<&Map<String, Value>> = theirs_entries.iter().filter(|e| !ours_codes.contains(&code(e))).collect();
        added.sort_by_key(|e| code(e));
        for entry in added {
            let entry_code = code(entry);
            copy_dots(theirs_meta, table, &entry_code, entry, &mut written);
            summary.added.push(format!("{table}/{entry_code}"));
            merged.push(Value::Object(entry.clone()));
        }
        joined.insert(table.clone(), Value::Array(merged));
    }
    let meta = ReferenceMeta {
        versions: join_versions(&ours_meta.versions, &theirs_meta.versions),
        written,
        history: history::union(&ours_meta.history, &theirs_meta.history),
    };
    if joined == ours_tables && meta == *ours_meta && mine.is_empty() {
        return (summary, None);
    }
    let pending = Pending { base: current.reference().clone(), base_versions: ours_meta.versions.clone(), joined, meta, conflicts: mine };
    (summary, Some(pending))
}

/// Keeps the dots one side has for the attributes of an entry only it holds.
fn copy_dots(meta: &ReferenceMeta, table: &str, entry_code: &str, entry: &Map<String, Value>, written: &mut BTreeMap<String, Dot>) {
    for name in entry.keys().filter(|k| *k != "code") {
        let field = key(table, entry_code, name);
        if let Some(dot) = meta.written.get(&field) {
            written.insert(field, *dot);
        }
    }
}

impl Pending {
    /// The merged reference data with its conflicts settled as chosen, checked; the error says
    /// why the combination is not valid reference data.
    pub(super) fn settle(&self, conflicts: &[Conflict]) -> Result<MergedReference, String> {
        let mut joined = self.joined.clone();
        let mut resolved = Vec::new();
        for conflict in self.conflicts.iter().filter_map(|i| conflicts.get(*i)) {
            let theirs_wins = conflict.choice == Some(Choice::Theirs);
            if theirs_wins && let Some((table, entry_code, name)) = split(&conflict.field) {
                let entry = joined
                    .get_mut(table)
                    .and_then(Value::as_array_mut)
                    .and_then(|entries| entries.iter_mut().filter_map(Value::as_object_mut).find(|e| code(e) == entry_code));
                if let Some(entry) = entry {
                    set_attribute(entry, name, &conflict.theirs);
                }
            }
            let (old, new) = if theirs_wins { (&conflict.ours, &conflict.theirs) } else { (&conflict.theirs, &conflict.ours) };
            resolved.push(ChangedField { field: conflict.field.clone(), old: old.clone(), new: new.clone() });
        }
        let reference: ReferenceData = serde_json::from_value(Value::Object(joined)).map_err(|error| error.to_string())?;
        Ok(MergedReference { reference, meta: self.meta.clone(), base: self.base.clone(), base_versions: self.base_versions.clone(), resolved })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attribute_key_splits_back_even_when_the_code_holds_a_slash() {
        assert_eq!(split(&key("sectors", "AGR/LAI", "name_fr")), Some(("sectors", "AGR/LAI", "name_fr")));
        assert_eq!(split("communes"), None);
    }
}
