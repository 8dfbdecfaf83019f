//! `Edit::Merge` carried out: puts the merged version of a record (or of the reference data) in
//! place if this device's version is still the one the merge was prepared from, and records the
//! settled conflicts as one `resolve` change by the person merging.

use super::edit::{edit_finding, position};
use super::{Applied, Dataset, Refused};
use crate::document::JsonPath;
use crate::fields::Fields;
use crate::finding::{Code, Finding, Level};
use crate::history::Action;
use crate::merge::{Merged, MergedRecord, MergedReference};
use crate::record::{Author, RecordKind, RecordRef, Records};

fn stale(path: JsonPath, target: RecordRef) -> Refused {
    let finding = edit_finding(
        path,
        Code::StaleRevision,
        Level::Block,
        target,
        "تم تعديل هذا السجل منذ تحضير الدمج؛ أعد تحضيره".into(),
        "cet enregistrement a changé depuis la préparation de la fusion ; préparez-la à nouveau".into(),
    );
    Refused { findings: vec![finding] }
}

impl Dataset {
    /// Carries out a merge edit. Findings are reported and never refuse it; only a record (or
    /// reference data) that changed since the merge was prepared does.
    pub(super) fn apply_merged(&mut self, merged: Merged, author: &Author) -> Result<Applied, Refused> {
        match merged {
            Merged::Rulebook(m) => self.put_merged(RecordKind::Rulebook, m, author, |d| &mut d.rulebooks),
            Merged::Cooperative(m) => self.put_merged(RecordKind::Cooperative, m, author, |d| &mut d.cooperatives),
            Merged::Project(m) => self.put_merged(RecordKind::Project, m, author, |d| &mut d.projects),
            Merged::Meeting(m) => self.put_merged(RecordKind::Meeting, m, author, |d| &mut d.meetings),
            Merged::Visit(m) => self.put_merged(RecordKind::Visit, m, author, |d| &mut d.visits),
            Merged::Story(m) => self.put_merged(RecordKind::Story, m, author, |d| &mut d.stories),
            Merged::Reference(m) => self.put_merged_reference(m, author),
        }
    }

    fn put_merged<T: Fields>(
        &mut self,
        kind: RecordKind,
        merged: MergedRecord<T>,
        author: &Author,
        list: fn(&mut Dataset) -> &mut Records<T>,
    ) -> Result<Applied, Refused> {
        let MergedRecord { mut record, base, resolved } = merged;
        let target = RecordRef { kind, id: record.id };
        let mut scope = self.scope(target);
        let before = self.findings_in(&scope);
        let records = list(self);
        if records.get(record.id).map(|r| &r.meta.versions) != base.as_ref() {
            let path = JsonPath::root().key(kind.list_name()).index(position(records, record.id));
            return Err(stale(path, target));
        }
        if !resolved.is_empty() {
            record.meta.touch(author, Action::Resolve, resolved);
        }
        let revision = record.meta.revision;
        match records.get_mut(record.id) {
            Some(slot) => *slot = record,
            None => {
                records.insert(record);
            }
        }
        // A merged project may now belong to another cooperative or rulebook: judge both.
        scope.extend(self.scope(target));
        scope.sort();
        scope.dedup();
        let findings = self.findings_in(&scope);
        let new_findings = findings.iter().filter(|f| !before.contains(f)).cloned().collect();
        Ok(Applied { record: Some(target), revision, findings, new_findings, rollback: None })
    }

    fn put_merged_reference(&mut self, merged: MergedReference, author: &Author) -> Result<Applied, Refused> {
        let MergedReference { reference, mut meta, base, base_versions, resolved } = merged;
        if self.reference != base || self.reference_meta.versions != base_versions {
            let finding = Finding {
                path: JsonPath::root().key("reference"),
                code: Code::StaleRevision,
                level: Level::Block,
                record: None,
                message: crate::finding::Text {
                    ar: "تغيرت المعطيات المرجعية منذ تحضير الدمج؛ أعد تحضيره".into(),
                    fr: "les données de référence ont changé depuis la préparation de la fusion ; préparez-la à nouveau".into(),
                },
            };
            return Err(Refused { findings: vec![finding] });
        }
        let before = self.validate();
        if !resolved.is_empty() {
            meta.touch(author, Action::Resolve, resolved);
        }
        self.reference = reference;
        self.reference_meta = meta;
        let findings = self.validate();
        let new_findings = findings.iter().filter(|f| !before.contains(f)).cloned().collect();
        Ok(Applied { record: None, revision: 0, findings, new_findings, rollback: None })
    }
}
