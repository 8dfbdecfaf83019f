//! Three-way merge of another device's data into this one's: records matched by id, field by
//! field, with every disagreement shown and settled by a person, never by the newer clock.
//!
//! # How the merge knows the common ancestor
//!
//! Every record carries a version vector (how many changes each device made to it) and a field
//! clock ([`crate::record::Written`]: the change — device and counter, a *dot* — that last wrote
//! each field). For each field, comparing the two sides' dots with the other side's vector says
//! everything a common ancestor would:
//!
//! - the same dot on both sides: nobody changed the field since they parted;
//! - one side's vector covers the other's dot but not the reverse: that side saw the other's
//!   write and wrote after it, so its value wins (a field only one device touched);
//! - neither covers the other's dot: both changed the field without seeing each other; equal
//!   values merge, different values are a **conflict**, shown with both values.
//!
//! The tombstone flag is a field like the others, so a deletion the other device did not see
//! beats a record it left untouched. A deletion on one side while the other side changed fields
//! the deleting side never saw is a **conflict** too (delete or edit), whichever way the clocks
//! go. Set fields ([`crate::fields::Fields::UNION`]: a meeting's invitations, check-ins,
//! testimonials, challenges) changed on both sides merge element by element, each side's history
//! telling which elements its unseen changes added, removed or changed
//! ([`crate::fields::join_set`]): additions of both are kept, a removal wins over an element the
//! other side left alone, and an element both touched differently (a check-in corrected here
//! and taken back there, or counted differently) is a conflict on the field showing both
//! versions of the disputed elements only; settling it keeps every other element.
//!
//! Reference data merges the same way, entry by entry (`"table/code/attribute"`): entries are
//! never deleted, so an entry on one side only is added; attributes carry dots in
//! [`crate::record::ReferenceMeta`]. Rulebooks are records and merge like them.
//!
//! A clean merge adds no change of its own: the merged record is the same whichever device
//! merges and whichever way, and merging again changes nothing. Settling conflicts is a change by
//! the person merging (history action `resolve`), with its own dot, so the choice wins on every
//! device it reaches instead of being asked again.
//!
//! # Use
//!
//! ```
//! use taawun_core::{demo, merge::{self, Choice}, record::{Author, Timestamp}, id::Id};
//! let mut office = demo::dataset();
//! let tablet = demo::dataset();
//! let plan = merge::plan(&office, &tablet);
//! assert_eq!(plan.summary().conflicts, 0);
//! let author = Author { at: Timestamp::EPOCH, user: "Salma".into(), device: Id::from_u128(1), device_name: "bureau".into() };
//! let report = merge::apply(&mut office, &plan, &author).unwrap();
//! assert!(report.written.is_empty());
//! ```

mod field;
mod reference;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use crate::cooperative::Cooperative;
use crate::dataset::{Dataset, Edit, EditContext, FieldChange};
use crate::fields::Fields;
use crate::finding::Finding;
use crate::history::{self, ChangedField, Names, field_label, show_field_value};
use crate::id::Id;
use crate::lang::Lang;
use crate::meeting::Meeting;
use crate::project::Project;
use crate::record::{Author, DELETED, Dot, Record, RecordKind, RecordRef, Records, ReferenceMeta, Written};
use crate::reference::ReferenceData;
use crate::rules::Rulebook;
use crate::story::Story;
use crate::text::Localised;
use crate::visit::Visit;

use field::{Decision, Side, decide};
pub(crate) use reference::attributes;

/// Which version a conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// This device's value.
    Ours,
    /// The other device's value.
    Theirs,
}

/// What a merge changes: a record, or the reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A record.
    Record(RecordRef),
    /// The reference data.
    Reference,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Record(record) => write!(f, "{} {}", record.kind.list_name(), record.id),
            Target::Reference => f.write_str("reference"),
        }
    }
}

/// The kinds of conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both devices changed the field to different values.
    Field,
    /// One device deleted the record while the other changed it (or restored it); the field is
    /// [`DELETED`] and the values say which side deleted.
    DeleteEdit,
}

/// One question for the person merging: which value to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// Its number, for [`MergePlan::resolve`].
    pub id: usize,
    /// The record (or the reference data).
    pub target: Target,
    /// The field (`"status"`, `"deleted"`, `"communes/SLY/name_fr"`); see
    /// [`crate::history::field_label`].
    pub field: String,
    /// What kind of disagreement.
    pub kind: ConflictKind,
    /// This device's value, as JSON (`null` when absent); for a set field (the attendance), only
    /// the elements in dispute (the check-ins of attendees both devices counted differently).
    pub ours: Value,
    /// The other device's value (for a set field, its versions of the disputed elements).
    pub theirs: Value,
    /// The choice made so far.
    pub choice: Option<Choice>,
}

impl Localised for Conflict {
    /// What the two sides did (`« statut » modifié des deux côtés`).
    fn message(&self, lang: Lang) -> String {
        let label = field_label(&self.field, lang);
        let deleted_here = self.ours == Value::Bool(true);
        match (self.kind, lang, deleted_here) {
            (ConflictKind::Field, Lang::Fr, _) => format!("« {label} » modifié des deux côtés"),
            (ConflictKind::Field, Lang::Ar, _) => format!("«{label}» عُدّل في الجهازين بقيمتين مختلفتين"),
            (ConflictKind::DeleteEdit, Lang::Fr, true) => "supprimé sur cet appareil, modifié sur l'autre".to_owned(),
            (ConflictKind::DeleteEdit, Lang::Fr, false) => "modifié sur cet appareil, supprimé sur l'autre".to_owned(),
            (ConflictKind::DeleteEdit, Lang::Ar, true) => "حُذف في هذا الجهاز وعُدّل في الجهاز الآخر".to_owned(),
            (ConflictKind::DeleteEdit, Lang::Ar, false) => "عُدّل في هذا الجهاز وحُذف في الجهاز الآخر".to_owned(),
        }
    }
}

impl Conflict {
    /// One side's value as the person merging reads it ([`show_field_value`]: check-ins as
    /// `name : 3 personnes, dont 1 femme`, names for ids); for a set field, a side without the
    /// disputed elements took them off: it says so rather than show an empty list.
    pub fn show(&self, choice: Choice, names: Names<'_>, lang: Lang) -> String {
        let value = match choice {
            Choice::Ours => &self.ours,
            Choice::Theirs => &self.theirs,
        };
        let set = matches!(self.target, Target::Record(record) if record.kind == RecordKind::Meeting) && Meeting::UNION.contains(&self.field.as_str());
        if set && value.as_array().is_some_and(Vec::is_empty) {
            return match lang {
                Lang::Fr => "retiré de la liste".to_owned(),
                Lang::Ar => "حُذف من اللائحة".to_owned(),
            };
        }
        show_field_value(&self.field, value, names, lang)
    }
}

/// What the merge does to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A record this device did not have (a live one).
    Added,
    /// Fields change, without conflict.
    Updated,
    /// The record gets deleted (a deletion from the other device).
    Deleted,
    /// The record comes back (a restoration from the other device).
    Restored,
    /// At least one conflict to settle.
    Conflict,
    /// Its content stays as it is (its merge metadata may still be brought up to date).
    Unchanged,
}

/// The merge of one record, as the merge screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordMerge {
    /// Which record.
    pub record: RecordRef,
    /// What happens to it.
    pub outcome: Outcome,
    /// The fields that change without conflict: this device's value (`old`) and the merged one
    /// (`new`). Conflicting fields are in [`MergePlan::conflicts`].
    pub changes: Vec<FieldChange>,
}

/// The merge of the reference data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReferenceMerge {
    /// Entries the other device has and this one lacks (`"funders/ADS"`).
    pub added: Vec<String>,
    /// Attributes that change without conflict (`"communes/SLY/name_fr"`).
    pub changes: Vec<FieldChange>,
}

/// The counts of a merge, for the summary shown before anything is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records added.
    pub added: usize,
    /// Records updated without conflict.
    pub updated: usize,
    /// Records deleted by the other device's deletion.
    pub deleted: usize,
    /// Records restored by the other device.
    pub restored: usize,
    /// Conflicts (questions), records and reference data together.
    pub conflicts: usize,
    /// Conflicts still without a choice.
    pub unresolved: usize,
    /// Records whose content stays the same.
    pub unchanged: usize,
    /// Reference entries added and attributes changed.
    pub reference_changes: usize,
}

/// What the merge decided for one record before conflicts are settled.
#[derive(Debug, Clone)]
struct Pending<T> {
    /// This device's version vector of the record when the plan was made; `None` if absent.
    base: Option<BTreeMap<Id, u64>>,
    /// The merged record, conflicting fields holding this device's values.
    joined: Record<T>,
    /// The other device's record, for the conflicts settled its way.
    theirs: Record<T>,
    /// The record's conflicts (indexes into [`MergePlan::conflicts`]).
    conflicts: Vec<usize>,
}

/// Everything a merge would do, computed before anything is written; conflicts are settled on it
/// with [`MergePlan::resolve`], then [`apply`] writes it.
#[derive(Debug, Clone)]
pub struct MergePlan {
    records: Vec<RecordMerge>,
    reference: ReferenceMerge,
    conflicts: Vec<Conflict>,
    rulebooks: Vec<Pending<Rulebook>>,
    cooperatives: Vec<Pending<Cooperative>>,
    projects: Vec<Pending<Project>>,
    meetings: Vec<Pending<Meeting>>,
    visits: Vec<Pending<Visit>>,
    stories: Vec<Pending<Story>>,
    reference_pending: Option<reference::Pending>,
}

/// Why a merge could not be applied, or a conflict not settled. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    /// No conflict has this number.
    #[error("there is no conflict {id}")]
    UnknownConflict {
        /// The number given.
        id: usize,
    },
    /// Some conflicts have no choice yet.
    #[error("{count} conflict(s) not settled, the first on {first} ({field})")]
    Unresolved {
        /// How many.
        count: usize,
        /// The record (or reference data) of the first.
        first: Target,
        /// Its field.
        field: String,
    },
    /// This device's data changed after the plan was made; the merge must be prepared again.
    #[error("{target} changed since the merge was prepared")]
    Stale {
        /// What changed.
        target: Target,
    },
    /// The merged reference data breaks its own rules (a parent that may not be one, say); only
    /// possible when reference data was changed outside the app on both sides.
    #[error("the merged reference data is not valid: {message}")]
    InvalidReference {
        /// What is wrong, as the reference data check says it.
        message: String,
    },
}

impl Localised for MergeError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MergeError::UnknownConflict { id }, Lang::Fr) => format!("le conflit {id} n'existe pas"),
            (MergeError::UnknownConflict { id }, Lang::Ar) => format!("التعارض {id} غير موجود"),
            (MergeError::Unresolved { count, .. }, Lang::Fr) => format!("{count} conflit(s) à régler avant la fusion"),
            (MergeError::Unresolved { count, .. }, Lang::Ar) => format!("يجب حل {count} تعارض(ات) قبل الدمج"),
            (MergeError::Stale { .. }, Lang::Fr) => "les données ont changé depuis la préparation de la fusion ; préparez-la à nouveau".to_owned(),
            (MergeError::Stale { .. }, Lang::Ar) => "تغيرت المعطيات منذ تحضير الدمج؛ أعد تحضيره".to_owned(),
            (MergeError::InvalidReference { .. }, Lang::Fr) => {
                "les données de référence fusionnées ne sont pas valides ; gardez la version de cet appareil pour leurs conflits".to_owned()
            }
            (MergeError::InvalidReference { .. }, Lang::Ar) => "المعطيات المرجعية المدمجة غير صالحة؛ احتفظ بنسخة هذا الجهاز في تعارضاتها".to_owned(),
        }
    }
}

/// What [`apply`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    /// The records written (added, changed, or only their merge metadata brought up to date).
    pub written: Vec<RecordRef>,
    /// Whether the reference data (or its metadata) was written.
    pub reference_written: bool,
    /// Findings on the merged data that were not there before, for the person merging to see;
    /// they never stop a merge.
    pub new_findings: Vec<Finding>,
}

/// What [`Edit::Merge`] carries: the merged version of one record or of the reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    /// A rulebook.
    Rulebook(MergedRecord<Rulebook>),
    /// A cooperative.
    Cooperative(MergedRecord<Cooperative>),
    /// A project.
    Project(MergedRecord<Project>),
    /// A meeting.
    Meeting(MergedRecord<Meeting>),
    /// A follow-up visit.
    Visit(MergedRecord<Visit>),
    /// A success story.
    Story(MergedRecord<Story>),
    /// The reference data.
    Reference(MergedReference),
}

impl Merged {
    /// The record concerned; `None` for the reference data.
    pub fn target(&self) -> Option<RecordRef> {
        let (kind, id) = match self {
            Merged::Rulebook(m) => (RecordKind::Rulebook, m.record.id),
            Merged::Cooperative(m) => (RecordKind::Cooperative, m.record.id),
            Merged::Project(m) => (RecordKind::Project, m.record.id),
            Merged::Meeting(m) => (RecordKind::Meeting, m.record.id),
            Merged::Visit(m) => (RecordKind::Visit, m.record.id),
            Merged::Story(m) => (RecordKind::Story, m.record.id),
            Merged::Reference(_) => return None,
        };
        Some(RecordRef { kind, id })
    }
}

/// The merged version of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedRecord<T> {
    /// The record as merged, metadata included (version vectors joined, histories united).
    pub record: Record<T>,
    /// The version vector this device's record had when the merge was prepared (`None`: it
    /// had no such record); the edit is refused if the record moved on since.
    pub base: Option<BTreeMap<Id, u64>>,
    /// The conflicts settled: for each field, the value set aside (`old`) and the value kept
    /// (`new`). When there are any, applying adds one `resolve` change by the person merging.
    pub resolved: Vec<ChangedField>,
}

/// The merged reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedReference {
    /// The tables as merged.
    pub reference: ReferenceData,
    /// Their metadata as merged.
    pub meta: ReferenceMeta,
    /// This device's tables when the merge was prepared; the edit is refused if they changed.
    pub base: ReferenceData,
    /// This device's reference version vector when the merge was prepared.
    pub base_versions: BTreeMap<Id, u64>,
    /// The conflicts settled, as for a record.
    pub resolved: Vec<ChangedField>,
}

/// Prepares the merge of `incoming` (another device's data, read from its export) into
/// `current`: what would be added, updated, deleted, what conflicts, what stays. Nothing is
/// written; see [`apply`].
pub fn plan(current: &Dataset, incoming: &Dataset) -> MergePlan {
    let mut plan = MergePlan {
        records: Vec::new(),
        reference: ReferenceMerge::default(),
        conflicts: Vec::new(),
        rulebooks: Vec::new(),
        cooperatives: Vec::new(),
        projects: Vec::new(),
        meetings: Vec::new(),
        visits: Vec::new(),
        stories: Vec::new(),
        reference_pending: None,
    };
    plan.rulebooks = plan_kind(RecordKind::Rulebook, current.rulebooks(), incoming.rulebooks(), &mut plan.records, &mut plan.conflicts);
    plan.cooperatives = plan_kind(RecordKind::Cooperative, current.cooperatives(), incoming.cooperatives(), &mut plan.records, &mut plan.conflicts);
    plan.projects = plan_kind(RecordKind::Project, current.projects(), incoming.projects(), &mut plan.records, &mut plan.conflicts);
    plan.meetings = plan_kind(RecordKind::Meeting, current.meetings(), incoming.meetings(), &mut plan.records, &mut plan.conflicts);
    plan.visits = plan_kind(RecordKind::Visit, current.visits(), incoming.visits(), &mut plan.records, &mut plan.conflicts);
    plan.stories = plan_kind(RecordKind::Story, current.stories(), incoming.stories(), &mut plan.records, &mut plan.conflicts);
    let (summary, pending) = reference::plan(current, incoming, &mut plan.conflicts);
    plan.reference = summary;
    plan.reference_pending = pending;
    plan
}

impl MergePlan {
    /// Every record of either side, in kind then id order, with what happens to it.
    pub fn records(&self) -> &[RecordMerge] {
        &self.records
    }

    /// What happens to the reference data.
    pub fn reference(&self) -> &ReferenceMerge {
        &self.reference
    }

    /// Every conflict, with both values and the choice made so far.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The counts, for the summary shown before the merge.
    pub fn summary(&self) -> Summary {
        let count = |outcome| self.records.iter().filter(|r| r.outcome == outcome).count();
        Summary {
            added: count(Outcome::Added),
            updated: count(Outcome::Updated),
            deleted: count(Outcome::Deleted),
            restored: count(Outcome::Restored),
            conflicts: self.conflicts.len(),
            unresolved: self.conflicts.iter().filter(|c| c.choice.is_none()).count(),
            unchanged: count(Outcome::Unchanged),
            reference_changes: self.reference.added.len() + self.reference.changes.len(),
        }
    }

    /// Whether applying would write nothing at all (not even merge metadata).
    pub fn is_empty(&self) -> bool {
        self.rulebooks.is_empty()
            && self.cooperatives.is_empty()
            && self.projects.is_empty()
            && self.meetings.is_empty()
            && self.visits.is_empty()
            && self.stories.is_empty()
            && self.reference_pending.is_none()
    }

    /// Settles a conflict (again, if it was already settled).
    pub fn resolve(&mut self, id: usize, choice: Choice) -> Result<(), MergeError> {
        let conflict = self.conflicts.get_mut(id).ok_or(MergeError::UnknownConflict { id })?;
        conflict.choice = Some(choice);
        Ok(())
    }

    /// Settles every conflict the same way.
    pub fn resolve_all(&mut self, choice: Choice) {
        for conflict in &mut self.conflicts {
            conflict.choice = Some(choice);
        }
    }
}

/// Writes a merge: every record the plan changes and the reference data, each through
/// [`Dataset::apply`] as recorded data ([`EditContext::recorded`] with `author`, the person
/// merging on this device). All or nothing: every conflict must be settled, and if this
/// device's data changed since the plan was made nothing is written.
pub fn apply(dataset: &mut Dataset, plan: &MergePlan, author: &Author) -> Result<MergeReport, MergeError> {
    if let Some(first) = plan.conflicts.iter().find(|c| c.choice.is_none()) {
        let count = plan.conflicts.iter().filter(|c| c.choice.is_none()).count();
        return Err(MergeError::Unresolved { count, first: first.target, field: first.field.clone() });
    }
    let context = EditContext::recorded(author.clone());
    let before = dataset.validate();
    let mut next = dataset.clone();
    let mut written = Vec::new();
    let mut edits: Vec<Merged> = Vec::new();
    edits.extend(plan.rulebooks.iter().map(|p| Merged::Rulebook(settle(p, &plan.conflicts))));
    edits.extend(plan.cooperatives.iter().map(|p| Merged::Cooperative(settle(p, &plan.conflicts))));
    edits.extend(plan.projects.iter().map(|p| Merged::Project(settle(p, &plan.conflicts))));
    edits.extend(plan.meetings.iter().map(|p| Merged::Meeting(settle(p, &plan.conflicts))));
    edits.extend(plan.visits.iter().map(|p| Merged::Visit(settle(p, &plan.conflicts))));
    edits.extend(plan.stories.iter().map(|p| Merged::Story(settle(p, &plan.conflicts))));
    if let Some(pending) = &plan.reference_pending {
        edits.push(Merged::Reference(pending.settle(&plan.conflicts).map_err(|message| MergeError::InvalidReference { message })?));
    }
    for merged in edits {
        let target = merged.target();
        if next.apply(Edit::Merge(Box::new(merged)), &context).is_err() {
            return Err(MergeError::Stale { target: target.map_or(Target::Reference, Target::Record) });
        }
        if let Some(record) = target {
            written.push(record);
        }
    }
    let new_findings = next.validate().into_iter().filter(|f| !before.contains(f)).collect();
    *dataset = next;
    Ok(MergeReport { written, reference_written: plan.reference_pending.is_some(), new_findings })
}

/// The merged record with every conflict settled as chosen.
fn settle<T: Fields>(pending: &Pending<T>, conflicts: &[Conflict]) -> MergedRecord<T> {
    let mut record = pending.joined.clone();
    let mut resolved = Vec::new();
    for conflict in pending.conflicts.iter().filter_map(|i| conflicts.get(*i)) {
        let theirs_wins = conflict.choice == Some(Choice::Theirs);
        if theirs_wins {
            if conflict.field == DELETED {
                record.meta.deleted = pending.theirs.meta.deleted;
            } else if T::UNION.contains(&conflict.field.as_str()) {
                // A set keeps every element merged; the other device's versions (or absence)
                // of the disputed elements replace this one's.
                record.data.settle_set(&conflict.field, &conflict.ours, &conflict.theirs);
            } else {
                record.data.take(&conflict.field, &pending.theirs.data);
            }
        }
        let (old, new) = if theirs_wins { (&conflict.ours, &conflict.theirs) } else { (&conflict.theirs, &conflict.ours) };
        resolved.push(ChangedField { field: conflict.field.clone(), old: old.clone(), new: new.clone() });
    }
    MergedRecord { record, base: pending.base.clone(), resolved }
}

fn plan_kind<T: Fields>(
    kind: RecordKind,
    ours: &Records<T>,
    theirs: &Records<T>,
    summaries: &mut Vec<RecordMerge>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Pending<T>> {
    let mut ids: Vec<Id> = ours.all().iter().chain(theirs.all()).map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    let mut pending = Vec::new();
    for id in ids {
        let record = RecordRef { kind, id };
        match (ours.get(id), theirs.get(id)) {
            (Some(_), None) | (None, None) => summaries.push(RecordMerge { record, outcome: Outcome::Unchanged, changes: Vec::new() }),
            (None, Some(incoming)) => {
                // A tombstone this device never had is kept, so that the record does not come
                // back from a third device that still has it live; its content is not news.
                let outcome = if incoming.is_live() { Outcome::Added } else { Outcome::Unchanged };
                summaries.push(RecordMerge { record, outcome, changes: Vec::new() });
                pending.push(Pending { base: None, joined: incoming.clone(), theirs: incoming.clone(), conflicts: Vec::new() });
            }
            (Some(mine), Some(incoming)) if mine == incoming => summaries.push(RecordMerge { record, outcome: Outcome::Unchanged, changes: Vec::new() }),
            (Some(mine), Some(incoming)) => {
                let join = join(mine, incoming);
                let mut ids = Vec::new();
                for (field, kind, ours_value, theirs_value) in join.conflicts {
                    ids.push(conflicts.len());
                    conflicts.push(Conflict {
                        id: conflicts.len(),
                        target: Target::Record(record),
                        field,
                        kind,
                        ours: ours_value,
                        theirs: theirs_value,
                        choice: None,
                    });
                }
                let changes = field_changes(mine, &join.record);
                let outcome = if !ids.is_empty() {
                    Outcome::Conflict
                } else if mine.is_live() && !join.record.is_live() {
                    Outcome::Deleted
                } else if !mine.is_live() && join.record.is_live() {
                    Outcome::Restored
                } else if changes.iter().any(|c| c.field != DELETED) {
                    Outcome::Updated
                } else {
                    Outcome::Unchanged
                };
                summaries.push(RecordMerge { record, outcome, changes });
                if join.record != *mine || !ids.is_empty() {
                    pending.push(Pending { base: Some(mine.meta.versions.clone()), joined: join.record, theirs: incoming.clone(), conflicts: ids });
                }
            }
        }
    }
    pending
}

/// The fields of `merged` that differ from `mine`, the tombstone included.
fn field_changes<T: Fields>(mine: &Record<T>, merged: &Record<T>) -> Vec<FieldChange> {
    let mut changes: Vec<FieldChange> =
        crate::fields::changes(&mine.data, &merged.data).into_iter().map(|c| FieldChange { field: c.field, old: Some(c.old), new: Some(c.new) }).collect();
    if mine.meta.deleted != merged.meta.deleted {
        changes.push(FieldChange { field: DELETED.to_owned(), old: Some(mine.meta.deleted.into()), new: Some(merged.meta.deleted.into()) });
    }
    changes
}

/// A record merged from both sides, and its conflicts (field, kind, ours, theirs).
struct Join<T> {
    record: Record<T>,
    conflicts: Vec<(String, ConflictKind, Value, Value)>,
}

/// Whether the vector `a` counts at least every change `b` counts.
fn covers(a: &BTreeMap<Id, u64>, b: &BTreeMap<Id, u64>) -> bool {
    b.iter().all(|(device, count)| a.get(device).is_some_and(|mine| mine >= count))
}

/// The pointwise largest of two version vectors.
pub(crate) fn join_versions(a: &BTreeMap<Id, u64>, b: &BTreeMap<Id, u64>) -> BTreeMap<Id, u64> {
    let mut joined = a.clone();
    for (device, count) in b {
        let entry = joined.entry(*device).or_insert(0);
        *entry = (*entry).max(*count);
    }
    joined
}

/// Merges a set field of two versions of a record into `data` (this device's version), and
/// returns the dot the merged field carries when one side saw every change of the other (that
/// side's), `None` to keep the dot [`decide`] gives.
///
/// Which side saw what is read from the record's version vectors, not from the field's dot: the
/// value of a set merged cleanly was written by no single change, so its dot cannot say which
/// elements the other side has seen. When neither side saw every change of the other, the set
/// merges element by element ([`crate::fields::join_set`]), each side's unseen changes (from
/// its history) telling what it added, removed or changed.
fn join_set_field<T: Fields>(
    ours: &Record<T>,
    theirs: &Record<T>,
    name: &str,
    data: &mut T,
    conflicts: &mut Vec<(String, ConflictKind, Value, Value)>,
) -> Option<Option<Dot>> {
    let (ov, tv) = (&ours.meta.versions, &theirs.meta.versions);
    match (covers(ov, tv), covers(tv, ov)) {
        (true, false) => Some(Some(ours.meta.written.dot(name))),
        (false, true) => {
            data.take(name, &theirs.data);
            Some(Some(theirs.meta.written.dot(name)))
        }
        _ => {
            if ours.data.value(name) != theirs.data.value(name)
                && let Some((ours_value, theirs_value)) = data.join_set(name, &theirs.data, &unseen(ours, tv, name), &unseen(theirs, ov, name))
            {
                conflicts.push((name.to_owned(), ConflictKind::Field, ours_value, theirs_value));
            }
            None
        }
    }
}

/// The changes of `side` to `field` that a copy whose version vector is `other` has not seen,
/// as the history wrote them (old and new values); `None` when the history lacks some of the
/// changes its version vector counts beyond `other` (made before the history was kept).
fn unseen<'a, T>(side: &'a Record<T>, other: &BTreeMap<Id, u64>, field: &str) -> crate::fields::Unseen<'a> {
    let counted: u64 = side.meta.versions.iter().map(|(device, count)| count.saturating_sub(other.get(device).copied().unwrap_or(0))).sum();
    let changes: Vec<&history::Change> = side.meta.history.iter().filter(|change| !change.dot().is_known_to(other)).collect();
    if (changes.len() as u64) < counted {
        return None;
    }
    Some(changes.into_iter().flat_map(|change| change.fields.iter().filter(|f| f.field == field).map(|f| (&f.old, &f.new))).collect())
}

/// Merges two versions of one record, field by field (see the module documentation).
fn join<T: Fields>(ours: &Record<T>, theirs: &Record<T>) -> Join<T> {
    let (ov, tv) = (&ours.meta.versions, &theirs.meta.versions);
    let mut data = ours.data.clone();
    let mut dots: Vec<(&str, Dot)> = Vec::new();
    let mut conflicts = Vec::new();
    for name in T::NAMES {
        let (a, b) = (ours.data.value(name).unwrap_or(Value::Null), theirs.data.value(name).unwrap_or(Value::Null));
        let ours_side = Side { value: &a, dot: Some(ours.meta.written.dot(name)), versions: ov };
        let theirs_side = Side { value: &b, dot: Some(theirs.meta.written.dot(name)), versions: tv };
        let set = T::UNION.contains(name);
        let (decision, dot) = decide(&ours_side, &theirs_side, set);
        if set {
            let dot = join_set_field(ours, theirs, name, &mut data, &mut conflicts).unwrap_or(dot);
            dots.push((name, dot.unwrap_or(ours.meta.written.dot(name))));
            continue;
        }
        match decision {
            Decision::Ours | Decision::Union => {}
            Decision::Theirs => {
                data.take(name, &theirs.data);
            }
            Decision::Conflict => conflicts.push(((*name).to_owned(), ConflictKind::Field, a.clone(), b.clone())),
        }
        dots.push((name, dot.unwrap_or(ours.meta.written.dot(name))));
    }

    let (a, b) = (Value::Bool(ours.meta.deleted), Value::Bool(theirs.meta.deleted));
    let ours_side = Side { value: &a, dot: Some(ours.meta.written.dot(DELETED)), versions: ov };
    let theirs_side = Side { value: &b, dot: Some(theirs.meta.written.dot(DELETED)), versions: tv };
    let (decision, dot) = decide(&ours_side, &theirs_side, false);
    let deleted = match decision {
        Decision::Theirs => theirs.meta.deleted,
        _ => ours.meta.deleted,
    };
    // A deletion wins cleanly only if the deleting side saw every change the other side made to
    // the record's fields; otherwise someone edited what someone else deleted, and a person
    // decides.
    let unseen_edit = |live: &Record<T>, deleting: &Record<T>| T::NAMES.iter().any(|name| !live.meta.written.dot(name).is_known_to(&deleting.meta.versions));
    let delete_edit = decision == Decision::Conflict
        || (deleted && ours.meta.deleted != theirs.meta.deleted && {
            let (live, deleting) = if ours.meta.deleted { (theirs, ours) } else { (ours, theirs) };
            unseen_edit(live, deleting)
        });
    // Until the conflict is settled, the merged record keeps this device's tombstone flag.
    let (deleted, dot) = if delete_edit { (ours.meta.deleted, Some(ours.meta.written.dot(DELETED))) } else { (deleted, dot) };
    dots.push((DELETED, dot.unwrap_or(ours.meta.written.dot(DELETED))));
    if delete_edit {
        conflicts.push((DELETED.to_owned(), ConflictKind::DeleteEdit, a, b));
    }

    let versions = join_versions(ov, tv);
    let newest = match (covers(ov, tv), covers(tv, ov)) {
        (true, false) => ours,
        (false, true) => theirs,
        // Equal vectors (the same changes), or changes on both sides: the later last change,
        // ties broken by device, so that both directions of a merge agree.
        _ => {
            let key = |r: &Record<T>| (r.meta.updated, r.meta.device, r.meta.updated_by.clone());
            if key(theirs) > key(ours) { theirs } else { ours }
        }
    };
    let base = match (covers(ov, tv), covers(tv, ov)) {
        (true, _) => ours.meta.written.base,
        (false, true) => theirs.meta.written.base,
        (false, false) => ours.meta.written.base.max(theirs.meta.written.base),
    };
    let mut written = Written { base, fields: BTreeMap::new() };
    for (name, dot) in dots {
        written.set(name, dot);
    }
    let mut meta = newest.meta.clone();
    meta.created = ours.meta.created.min(theirs.meta.created);
    meta.revision = versions.values().fold(0u64, |sum, n| sum.saturating_add(*n));
    meta.versions = versions;
    meta.deleted = deleted;
    meta.written = written;
    meta.history = history::union(&ours.meta.history, &theirs.meta.history);
    Join { record: Record { id: ours.id, meta, data }, conflicts }
}
