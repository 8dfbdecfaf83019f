//! `Dataset`: every record of the app (rulebooks, cooperatives, projects) with the reference data
//! they point to; changed only through [`Dataset::apply`], checked by [`Dataset::validate`],
//! compared by [`Dataset::diff`].

mod diff;
mod edit;
mod validate;

pub use diff::{Diff, FieldChange, RecordChange};
pub use edit::{Applied, Checks, Edit, EditContext, Refused};

use crate::cooperative::Cooperative;
use crate::finding::Finding;
use crate::id::Id;
use crate::project::Project;
use crate::record::{Record, RecordKind, RecordRef, Records};
use crate::reference::ReferenceData;
use crate::rules::Rulebook;

/// All the records of one prefecture's follow-up, with the reference data they use.
///
/// Records are kept sorted by id; finding paths such as `projects[3]` count in that order, which
/// is also the order of the export. Deleted records stay as tombstones so the deletion travels.
/// The fields are private: every change goes through [`Dataset::apply`], the single place where
/// edits are checked and metadata kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    reference: ReferenceData,
    rulebooks: Records<Rulebook>,
    cooperatives: Records<Cooperative>,
    projects: Records<Project>,
}

impl Dataset {
    /// An empty dataset using this reference data.
    pub fn new(reference: ReferenceData) -> Dataset {
        Dataset { reference, rulebooks: Records::default(), cooperatives: Records::default(), projects: Records::default() }
    }

    /// Builds a dataset from records already read (by the import); every id must be unique
    /// within its kind, otherwise the repeated id is returned with its kind.
    pub(crate) fn from_parts(
        reference: ReferenceData,
        rulebooks: Vec<Record<Rulebook>>,
        cooperatives: Vec<Record<Cooperative>>,
        projects: Vec<Record<Project>>,
    ) -> Result<Dataset, RecordRef> {
        let repeated = |kind| move |id| RecordRef { kind, id };
        Ok(Dataset {
            reference,
            rulebooks: Records::from_vec(rulebooks).map_err(repeated(RecordKind::Rulebook))?,
            cooperatives: Records::from_vec(cooperatives).map_err(repeated(RecordKind::Cooperative))?,
            projects: Records::from_vec(projects).map_err(repeated(RecordKind::Project))?,
        })
    }

    /// The reference data (communes, sectors, programmes and axes, funders).
    pub fn reference(&self) -> &ReferenceData {
        &self.reference
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
        findings.sort();
        findings.dedup();
        findings
    }

    /// The findings of the live projects judged by `rulebook`, as after editing that rulebook.
    pub fn findings_under(&self, rulebook: Id) -> Vec<Finding> {
        let mut findings = Vec::new();
        for project in self.projects_under(rulebook) {
            self.findings_of(RecordRef { kind: RecordKind::Project, id: project.id }, &mut findings);
        }
        findings.sort();
        findings.dedup();
        findings
    }

    /// The findings of one record's own checks, sorted: what its page shows. Nothing for a
    /// tombstone or an unknown id.
    pub fn findings_for(&self, target: RecordRef) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.findings_of(target, &mut findings);
        findings.sort();
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
        }
    }
}

#[cfg(test)]
mod tests;
