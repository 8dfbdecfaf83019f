//! `Dataset`: every record of the app (rulebooks, cooperatives, projects, meetings, visits,
//! success stories) with the reference data
//! they point to; changed only through [`Dataset::apply`], checked by [`Dataset::validate`],
//! compared by [`Dataset::diff`].

mod diff;
mod edit;
mod merged;
mod rollback;
mod validate;

pub use diff::{Diff, FieldChange, RecordChange};
pub use edit::{Applied, Checks, Edit, EditContext, Refused};
pub use rollback::Rollback;

use crate::cooperative::Cooperative;
use crate::finding::Finding;
use crate::history::Change;
use crate::id::Id;
use crate::meeting::Meeting;
use crate::project::Project;
use crate::record::{Record, RecordKind, RecordRef, Records, ReferenceMeta};
use crate::reference::ReferenceData;
use crate::rules::Rulebook;
use crate::story::Story;
use crate::visit::Visit;

/// All the records of one prefecture's follow-up, with the reference data they use.
///
/// Records are kept sorted by id; finding paths such as `projects[3]` count in that order, which
/// is also the order of the export. Deleted records stay as tombstones so the deletion travels.
/// The fields are private: every change goes through [`Dataset::apply`], the single place where
/// edits are checked and metadata kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    reference: ReferenceData,
    reference_meta: ReferenceMeta,
    rulebooks: Records<Rulebook>,
    cooperatives: Records<Cooperative>,
    projects: Records<Project>,
    meetings: Records<Meeting>,
    visits: Records<Visit>,
    stories: Records<Story>,
}

/// The records of a dataset being read, one list per kind.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    pub(crate) rulebooks: Vec<Record<Rulebook>>,
    pub(crate) cooperatives: Vec<Record<Cooperative>>,
    pub(crate) projects: Vec<Record<Project>>,
    pub(crate) meetings: Vec<Record<Meeting>>,
    pub(crate) visits: Vec<Record<Visit>>,
    pub(crate) stories: Vec<Record<Story>>,
}

impl Dataset {
    /// An empty dataset using this reference data.
    pub fn new(reference: ReferenceData) -> Dataset {
        Dataset {
            reference,
            reference_meta: ReferenceMeta::default(),
            rulebooks: Records::default(),
            cooperatives: Records::default(),
            projects: Records::default(),
            meetings: Records::default(),
            visits: Records::default(),
            stories: Records::default(),
        }
    }

    /// Builds a dataset from records already read (by the import); every id must be unique
    /// within its kind, otherwise the repeated id is returned with its kind.
    pub(crate) fn from_parts(reference: ReferenceData, reference_meta: ReferenceMeta, parts: Parts) -> Result<Dataset, RecordRef> {
        let Parts { rulebooks, cooperatives, projects, meetings, visits, stories } = parts;
        let repeated = |kind| move |id| RecordRef { kind, id };
        Ok(Dataset {
            reference,
            reference_meta,
            rulebooks: Records::from_vec(rulebooks).map_err(repeated(RecordKind::Rulebook))?,
            cooperatives: Records::from_vec(cooperatives).map_err(repeated(RecordKind::Cooperative))?,
            projects: Records::from_vec(projects).map_err(repeated(RecordKind::Project))?,
            meetings: Records::from_vec(meetings).map_err(repeated(RecordKind::Meeting))?,
            visits: Records::from_vec(visits).map_err(repeated(RecordKind::Visit))?,
            stories: Records::from_vec(stories).map_err(repeated(RecordKind::Story))?,
        })
    }

    /// A dataset of cooperatives and projects only, as [`crate::outline`] reads one: built
    /// apart from [`Dataset::from_parts`] so that a start, which reads an outline, carries the
    /// code for two kinds of record and not six.
    pub(crate) fn from_outline(reference: ReferenceData, cooperatives: Vec<Record<Cooperative>>, projects: Vec<Record<Project>>) -> Result<Dataset, RecordRef> {
        let repeated = |kind| move |id| RecordRef { kind, id };
        Ok(Dataset {
            cooperatives: Records::from_vec(cooperatives).map_err(repeated(RecordKind::Cooperative))?,
            projects: Records::from_vec(projects).map_err(repeated(RecordKind::Project))?,
            ..Dataset::new(reference)
        })
    }

    /// The reference data (communes, sectors, programmes and axes, funders).
    pub fn reference(&self) -> &ReferenceData {
        &self.reference
    }

    /// The merge and history metadata of the reference data.
    pub fn reference_meta(&self) -> &ReferenceMeta {
        &self.reference_meta
    }

    /// What happened to a record, change by change, oldest first: who, when, on which device,
    /// which fields from which value to which. Empty for an unknown record, and for the changes
    /// made before histories were kept (schema version 3).
    pub fn history(&self, target: RecordRef) -> &[Change] {
        let meta = match target.kind {
            RecordKind::Rulebook => self.rulebooks.get(target.id).map(|r| &r.meta),
            RecordKind::Cooperative => self.cooperatives.get(target.id).map(|r| &r.meta),
            RecordKind::Project => self.projects.get(target.id).map(|r| &r.meta),
            RecordKind::Meeting => self.meetings.get(target.id).map(|r| &r.meta),
            RecordKind::Visit => self.visits.get(target.id).map(|r| &r.meta),
            RecordKind::Story => self.stories.get(target.id).map(|r| &r.meta),
        };
        meta.map_or(&[], |meta| &meta.history)
    }

    /// What happened to the reference data, change by change, oldest first.
    pub fn reference_history(&self) -> &[Change] {
        &self.reference_meta.history
    }

    /// Records that the reference data changed from `before` to what it is now, by `author`:
    /// one history change listing every attribute that changed, each marked with the change's
    /// dot so that a merge knows this device wrote it. Nothing is recorded when nothing changed.
    ///
    /// The edit that changes reference data (`Edit::Reference`, which the registry screens add)
    /// calls this after carrying the change out, so that reference edits merge like record edits;
    /// until then only the tests call it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn note_reference_change(&mut self, before: &ReferenceData, author: &crate::record::Author) {
        let (old, new) = (crate::merge::attributes(before), crate::merge::attributes(&self.reference));
        let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
        crate::sorting::sort(&mut keys);
        keys.dedup();
        let null = serde_json::Value::Null;
        let fields: Vec<crate::history::ChangedField> = keys
            .into_iter()
            .filter(|k| old.get(*k) != new.get(*k))
            .map(|k| crate::history::ChangedField { field: k.clone(), old: old.get(k).unwrap_or(&null).clone(), new: new.get(k).unwrap_or(&null).clone() })
            .collect();
        if !fields.is_empty() {
            self.reference_meta.touch(author, crate::history::Action::Update, fields);
        }
    }

    /// Changes the reference data with `change` and records it (tests only, until
    /// `Edit::Reference` exists).
    #[cfg(test)]
    pub(crate) fn change_reference_in_test(&mut self, author: &crate::record::Author, change: impl FnOnce(&mut ReferenceData)) {
        let before = self.reference.clone();
        change(&mut self.reference);
        self.note_reference_change(&before, author);
    }

    /// The rulebooks of the calls, tombstones included.
    pub fn rulebooks(&self) -> &Records<Rulebook> {
        &self.rulebooks
    }

    /// The cooperatives, tombstones included.
    pub fn cooperatives(&self) -> &Records<Cooperative> {
        &self.cooperatives
    }

    /// The projects, tombstones included.
    pub fn projects(&self) -> &Records<Project> {
        &self.projects
    }

    /// The meetings, tombstones included.
    pub fn meetings(&self) -> &Records<Meeting> {
        &self.meetings
    }

    /// The follow-up visits, tombstones included.
    pub fn visits(&self) -> &Records<Visit> {
        &self.visits
    }

    /// The success stories, tombstones included.
    pub fn stories(&self) -> &Records<Story> {
        &self.stories
    }

    /// The live projects of a cooperative, in id order.
    pub fn projects_of(&self, cooperative: Id) -> impl Iterator<Item = &Record<Project>> {
        self.projects.live().filter(move |p| p.data.cooperative == cooperative)
    }

    /// The live projects judged by a rulebook, in id order.
    pub fn projects_under(&self, rulebook: Id) -> impl Iterator<Item = &Record<Project>> {
        self.projects.live().filter(move |p| p.data.call.rulebook == rulebook)
    }

    /// Every finding on every live record, sorted by path then code, each once.
    ///
    /// Loading, importing, merging and migrating call this to *show* findings; none of them is
    /// ever refused because of a finding, whatever its level.
    pub fn validate(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (index, record) in self.rulebooks.all().iter().enumerate() {
            if record.is_live() {
                validate::rulebook(self, index, record, &mut findings);
            }
        }
        for (index, record) in self.cooperatives.all().iter().enumerate() {
            if record.is_live() {
                validate::cooperative(self, index, record, &mut findings);
            }
        }
        for (index, record) in self.projects.all().iter().enumerate() {
            if record.is_live() {
                validate::project(self, index, record, &mut findings);
            }
        }
        for (index, record) in self.meetings.all().iter().enumerate() {
            if record.is_live() {
                validate::meeting(self, index, record, &mut findings);
            }
        }
        for (index, record) in self.visits.all().iter().enumerate() {
            if record.is_live() {
                validate::visit(self, index, record, &mut findings);
            }
        }
        for (index, record) in self.stories.all().iter().enumerate() {
            if record.is_live() {
                validate::story(self, index, record, &mut findings);
            }
        }
        crate::sorting::sort(&mut findings);
        findings.dedup();
        findings
    }

    /// The findings of the live projects judged by `rulebook`, as after editing that rulebook.
    pub fn findings_under(&self, rulebook: Id) -> Vec<Finding> {
        let mut findings = Vec::new();
        for project in self.projects_under(rulebook) {
            self.findings_of(RecordRef { kind: RecordKind::Project, id: project.id }, &mut findings);
        }
        crate::sorting::sort(&mut findings);
        findings.dedup();
        findings
    }

    /// The findings of one record's own checks, sorted: what its page shows. Nothing for a
    /// tombstone or an unknown id.
    pub fn findings_for(&self, target: RecordRef) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.findings_of(target, &mut findings);
        crate::sorting::sort(&mut findings);
        findings.dedup();
        findings
    }

    /// Appends the findings of one record's own checks (nothing for a tombstone or unknown id).
    pub(crate) fn findings_of(&self, target: RecordRef, findings: &mut Vec<Finding>) {
        match target.kind {
            RecordKind::Rulebook => {
                if let Some(index) = self.rulebooks.index_of(target.id) {
                    let record = &self.rulebooks.all()[index];
                    if record.is_live() {
                        validate::rulebook(self, index, record, findings);
                    }
                }
            }
            RecordKind::Cooperative => {
                if let Some(index) = self.cooperatives.index_of(target.id) {
                    let record = &self.cooperatives.all()[index];
                    if record.is_live() {
                        validate::cooperative(self, index, record, findings);
                    }
                }
            }
            RecordKind::Project => {
                if let Some(index) = self.projects.index_of(target.id) {
                    let record = &self.projects.all()[index];
                    if record.is_live() {
                        validate::project(self, index, record, findings);
                    }
                }
            }
            RecordKind::Meeting => {
                if let Some(index) = self.meetings.index_of(target.id) {
                    let record = &self.meetings.all()[index];
                    if record.is_live() {
                        validate::meeting(self, index, record, findings);
                    }
                }
            }
            RecordKind::Visit => {
                if let Some(index) = self.visits.index_of(target.id) {
                    let record = &self.visits.all()[index];
                    if record.is_live() {
                        validate::visit(self, index, record, findings);
                    }
                }
            }
            RecordKind::Story => {
                if let Some(index) = self.stories.index_of(target.id) {
                    let record = &self.stories.all()[index];
                    if record.is_live() {
                        validate::story(self, index, record, findings);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
