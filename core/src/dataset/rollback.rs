//! `Edit::Rollback`: takes back the last edit of a record made on this device (the app's one-click
//! undo), putting the record back exactly as it was, metadata included.
//!
//! Why not a new change (a restoration after a deletion)? It would count two changes where a
//! person made none that lasts: the revision goes up by two, the history says "deleted, restored"
//! for a slip of the finger, and the field clock of the tombstone names the restoration, so a
//! merge with a device that never saw either treats the record as edited here. Putting the record
//! back leaves its version vector, field clock and history as if the edit had never been made, so
//! merge bases stay what the other devices know.
//!
//! This is only coherent while the edit has not left the device: once exported, another device may
//! hold its dot, and this device's next change would reuse that dot for something else. The caller
//! drops the rollback when the data is exported (or replaced); core refuses it when the record
//! changed since (its revision moved on, or the one change since is not this device's).

use crate::cooperative::Cooperative;
use crate::document::JsonPath;
use crate::finding::{Code, Level};
use crate::id::Id;
use crate::meeting::Meeting;
use crate::project::Project;
use crate::record::{Record, RecordKind, RecordRef, Records};
use crate::rules::Rulebook;
use crate::story::Story;
use crate::visit::Visit;

use super::edit::{edit_finding, position};
use super::{Applied, Dataset, Refused};

/// A record as it was just before an edit, and its revision just after: what
/// [`super::Edit::Rollback`] needs to take the edit back. [`Applied::rollback`] gives one for
/// every edit of an existing record (update, deletion, restoration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollback {
    previous: Previous,
    /// The record's revision just after the edit.
    revision: u64,
    /// The device that made the edit.
    device: Id,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Previous {
    Rulebook(Box<Record<Rulebook>>),
    Cooperative(Box<Record<Cooperative>>),
    Project(Box<Record<Project>>),
    Meeting(Box<Record<Meeting>>),
    Visit(Box<Record<Visit>>),
    Story(Box<Record<Story>>),
}

impl Rollback {
    pub(super) fn new(previous: Previous, revision: u64, device: Id) -> Rollback {
        Rollback { previous, revision, device }
    }

    /// The record the rollback puts back.
    pub fn target(&self) -> RecordRef {
        let (kind, id) = match &self.previous {
            Previous::Rulebook(r) => (RecordKind::Rulebook, r.id),
            Previous::Cooperative(r) => (RecordKind::Cooperative, r.id),
            Previous::Project(r) => (RecordKind::Project, r.id),
            Previous::Meeting(r) => (RecordKind::Meeting, r.id),
            Previous::Visit(r) => (RecordKind::Visit, r.id),
            Previous::Story(r) => (RecordKind::Story, r.id),
        };
        RecordRef { kind, id }
    }

    /// The record's revision once rolled back (the one it had before the edit).
    pub fn revision(&self) -> u64 {
        self.revision.saturating_sub(1)
    }

    /// The photos the record put back names: a story's (those of any other record: none).
    pub fn photos(&self) -> impl Iterator<Item = Id> + '_ {
        let photos: &[String] = match &self.previous {
            Previous::Story(story) => &story.data.photos,
            _ => &[],
        };
        photos.iter().filter_map(|name| Id::parse(name).ok())
    }
}

/// Puts `previous` back in `records` if the record there is `previous` plus exactly one change,
/// by `device`, and at `revision`.
fn put_back<T>(records: &mut Records<T>, previous: Record<T>, revision: u64, device: Id, target: RecordRef) -> Result<(), Refused> {
    let path = JsonPath::root().key(target.kind.list_name()).index(position(records, target.id));
    let Some(current) = records.get_mut(previous.id) else {
        let finding = edit_finding(
            path,
            Code::RecordMissing,
            Level::Block,
            target,
            format!("لا يوجد سجل بالمعرف {}", target.id),
            format!("aucun enregistrement n'a l'identifiant {}", target.id),
        );
        return Err(Refused { findings: vec![finding] });
    };
    let mut expected = previous.meta.versions.clone();
    *expected.entry(device).or_insert(0) += 1;
    if current.meta.revision != revision || previous.meta.revision.saturating_add(1) != revision || current.meta.versions != expected {
        let now = current.meta.revision;
        let finding = edit_finding(
            path,
            Code::StaleRevision,
            Level::Block,
            target,
            format!("تغير هذا السجل منذ ذلك (المراجعة {now})؛ لا يمكن التراجع"),
            format!("cet enregistrement a changé depuis (révision {now}) ; l'annulation n'est plus possible"),
        );
        return Err(Refused { findings: vec![finding] });
    }
    *current = previous;
    Ok(())
}

impl Dataset {
    /// Carries out [`super::Edit::Rollback`] (see the module documentation). Findings are
    /// reported, never a reason to refuse: the record goes back to a state it had.
    pub(super) fn roll_back(&mut self, rollback: Rollback) -> Result<Applied, Refused> {
        let target = rollback.target();
        let before = self.findings_for(target);
        let Rollback { previous, revision, device } = rollback;
        match previous {
            Previous::Rulebook(r) => put_back(&mut self.rulebooks, *r, revision, device, target)?,
            Previous::Cooperative(r) => put_back(&mut self.cooperatives, *r, revision, device, target)?,
            Previous::Project(r) => put_back(&mut self.projects, *r, revision, device, target)?,
            Previous::Meeting(r) => put_back(&mut self.meetings, *r, revision, device, target)?,
            Previous::Visit(r) => put_back(&mut self.visits, *r, revision, device, target)?,
            Previous::Story(r) => put_back(&mut self.stories, *r, revision, device, target)?,
        }
        let findings = self.findings_for(target);
        let new_findings = findings.iter().filter(|f| !before.contains(f)).cloned().collect();
        Ok(Applied { record: Some(target), revision: revision.saturating_sub(1), findings, new_findings, rollback: None })
    }
}
