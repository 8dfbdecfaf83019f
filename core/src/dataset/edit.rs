//! `Edit` and `Dataset::apply`: the one way data changes, for forms, imports, merges, undo and
//! history alike; each edit is checked and answered with every finding it leads to.

use std::fmt;

use super::Dataset;
use super::rollback::{Previous, Rollback};
use super::validate::{List, lookup};
use crate::cooperative::Cooperative;
use crate::document::JsonPath;
use crate::fields::{self, Fields};
use crate::finding::{Code, Finding, Level, Text};
use crate::history::{Action, ChangedField};
use crate::id::Id;
use crate::lang::Lang;
use crate::meeting::Meeting;
use crate::merge::Merged;
use crate::project::Project;
use crate::record::{Author, DELETED, Meta, Record, RecordKind, RecordRef, Records};
use crate::reference::ReferenceChange;
use crate::rules::Rulebook;
use crate::story::Story;
use crate::text::{self, Localised, Noun};
use crate::visit::Visit;

/// One change to a dataset.
///
/// Updates carry the whole new value of the record and the revision the change was based on:
/// if the record moved on since (another tab, another device), the edit is refused rather than
/// silently overwriting. Deleting leaves a tombstone; restoring brings it back. Every edit carried
/// out adds one change to the history of what it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Adds a rulebook under a new id.
    CreateRulebook {
        /// The new record's id, chosen at random by the caller.
        id: Id,
        /// Its content.
        rulebook: Rulebook,
    },
    /// Replaces a rulebook; its projects are judged again and the new findings listed.
    UpdateRulebook {
        /// Which rulebook.
        id: Id,
        /// The revision the change was made from.
        base_revision: u64,
        /// The new content.
        rulebook: Rulebook,
    },
    /// Adds a cooperative under a new id.
    CreateCooperative {
        /// The new record's id, chosen at random by the caller.
        id: Id,
        /// Its content.
        cooperative: Cooperative,
    },
    /// Replaces a cooperative.
    UpdateCooperative {
        /// Which cooperative.
        id: Id,
        /// The revision the change was made from.
        base_revision: u64,
        /// The new content.
        cooperative: Cooperative,
    },
    /// Adds a project under a new id.
    CreateProject {
        /// The new record's id, chosen at random by the caller.
        id: Id,
        /// Its content.
        project: Project,
    },
    /// Replaces a project.
    UpdateProject {
        /// Which project.
        id: Id,
        /// The revision the change was made from.
        base_revision: u64,
        /// The new content.
        project: Project,
    },
    /// Adds a meeting under a new id (its set fields are stored sorted, each element once).
    CreateMeeting {
        /// The new record's id, chosen at random by the caller.
        id: Id,
        /// Its content.
        meeting: Meeting,
    },
    /// Replaces a meeting: a check-in, a testimonial, a change of agenda.
    UpdateMeeting {
        /// Which meeting.
        id: Id,
        /// The revision the change was made from.
        base_revision: u64,
        /// The new content.
        meeting: Meeting,
    },
    /// Adds a follow-up visit under a new id.
    CreateVisit {
        /// The new record's id, chosen at random by the caller.
        id: Id,
        /// Its content.
        visit: Visit,
    },
    /// Replaces a follow-up visit.
    UpdateVisit {
        /// Which visit.
        id: Id,
        /// The revision the change was made from.
        base_revision: u64,
        /// The new content.
        visit: Visit,
    },
    /// Adds a success story under a new id.
    CreateStory {
        /// The new record's id, chosen at random by the caller.
        id: Id,
        /// Its content.
        story: Story,
    },
    /// Replaces a success story.
    UpdateStory {
        /// Which story.
        id: Id,
        /// The revision the change was made from.
        base_revision: u64,
        /// The new content.
        story: Story,
    },
    /// Deletes a record, leaving a tombstone.
    Delete {
        /// Which record.
        target: RecordRef,
        /// The revision the change was made from.
        base_revision: u64,
    },
    /// Brings a deleted record back.
    Restore {
        /// Which record.
        target: RecordRef,
        /// The revision the change was made from.
        base_revision: u64,
    },
    /// Brings in what a merge with another device's data decided for one record, or for the
    /// reference data: built by [`crate::merge::apply`], never by hand. Always recorded data:
    /// findings are reported, never a reason to refuse.
    Merge(Box<Merged>),
    /// Takes back the last edit of a record made on this device, putting the record back exactly
    /// as it was (see [`Rollback`]): the one-click undo. Refused if the record changed since.
    Rollback(Box<Rollback>),
    /// Changes the reference data (communes, sectors, funders…): adds, renames, retires or
    /// reinstates an entry; entries are never deleted.
    Reference(ReferenceChange),
    /// Several edits carried out in order as one: all of them, or none (a spreadsheet import's
    /// rows). Each is checked as if applied alone, with the batch's context; the first refused
    /// leaves the dataset exactly as it was before the batch.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The record the edit changes; `None` for a change to the reference data, which is not a
    /// record.
    pub fn target(&self) -> Option<RecordRef> {
        let (kind, id) = match self {
            Edit::CreateRulebook { id, .. } | Edit::UpdateRulebook { id, .. } => (RecordKind::Rulebook, *id),
            Edit::CreateCooperative { id, .. } | Edit::UpdateCooperative { id, .. } => (RecordKind::Cooperative, *id),
            Edit::CreateProject { id, .. } | Edit::UpdateProject { id, .. } => (RecordKind::Project, *id),
            Edit::CreateMeeting { id, .. } | Edit::UpdateMeeting { id, .. } => (RecordKind::Meeting, *id),
            Edit::CreateVisit { id, .. } | Edit::UpdateVisit { id, .. } => (RecordKind::Visit, *id),
            Edit::CreateStory { id, .. } | Edit::UpdateStory { id, .. } => (RecordKind::Story, *id),
            Edit::Delete { target, .. } | Edit::Restore { target, .. } => return Some(*target),
            Edit::Merge(merged) => return merged.target(),
            Edit::Rollback(rollback) => return Some(rollback.target()),
            Edit::Reference(_) | Edit::Batch(_) => return None,
        };
        Some(RecordRef { kind, id })
    }
}

/// How findings weigh on an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// A person is editing (a form): a `block` finding refuses the edit.
    Enforce,
    /// Data already recorded elsewhere is being brought in (import, merge, migration, undo,
    /// history): findings are reported and nothing is refused for them. Only an edit that cannot
    /// be carried out at all (unknown id, id taken, stale revision) is refused.
    Report,
}

/// Who edits, when, on which device, and how findings weigh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditContext {
    /// Time, user and device of the change.
    pub author: Author,
    /// Whether blocking findings refuse the edit.
    pub checks: Checks,
}

impl EditContext {
    /// A person editing through a form: blocking findings refuse the edit.
    pub fn form(author: Author) -> EditContext {
        EditContext { author, checks: Checks::Enforce }
    }

    /// Data already recorded being brought in: findings are only reported.
    pub fn recorded(author: Author) -> EditContext {
        EditContext { author, checks: Checks::Report }
    }
}

/// An edit that was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The record changed; `None` for a change to the reference data.
    pub record: Option<RecordRef>,
    /// Its revision now (0 for a change to the reference data, which has no revision).
    pub revision: u64,
    /// Every finding of the records the edit concerns, after it: the record itself and those
    /// that depend on it (a cooperative's projects, a rulebook's projects). Sorted, each once.
    pub findings: Vec<Finding>,
    /// Those of `findings` that were not there before the edit.
    pub new_findings: Vec<Finding>,
    /// How to take the edit back ([`Edit::Rollback`]), for an edit of a record that existed
    /// (update, deletion, restoration); `None` for a creation, a merge, a rollback and a change
    /// to the reference data.
    pub rollback: Option<Rollback>,
}

/// An edit that was refused; the dataset is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Every finding, blocking ones and warnings alike, so a form can show them all at once.
    pub findings: Vec<Finding>,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let blocking: Vec<String> = self.findings.iter().filter(|f| f.blocks()).map(ToString::to_string).collect();
        write!(f, "edit refused: {}", blocking.join("; "))
    }
}

impl std::error::Error for Refused {}

pub(super) fn edit_finding(path: JsonPath, code: Code, level: Level, target: RecordRef, ar: String, fr: String) -> Finding {
    Finding { path, code, level, record: Some(target), message: Text { ar, fr } }
}

/// Where a record is or would be in its list, for paths.
pub(super) fn position<T>(records: &Records<T>, id: Id) -> usize {
    records.index_of(id).unwrap_or_else(|| records.all().partition_point(|r| r.id < id))
}

/// What the edit needs to undo itself if it is refused.
enum Undo<T> {
    Remove(Id),
    Put(Box<Record<T>>),
}

fn undo<T>(records: &mut Records<T>, undo: Undo<T>) {
    match undo {
        Undo::Remove(id) => records.remove(id),
        Undo::Put(record) => {
            let id = record.id;
            if let Some(slot) = records.get_mut(id) {
                *slot = *record;
            }
        }
    }
}

/// Applies one edit to one list: creates, replaces, deletes or restores a record, and records the
/// change in its history with the fields it wrote.
fn change<T: Fields>(
    records: &mut Records<T>,
    target: RecordRef,
    base_revision: Option<u64>,
    operation: Operation<T>,
    author: &Author,
) -> Result<(Undo<T>, u64), Finding> {
    let path = JsonPath::root().key(target.kind.list_name()).index(position(records, target.id));
    let structural = |code, ar: String, fr: String| edit_finding(path.clone(), code, Level::Block, target, ar, fr);
    let id = target.id;
    if let Operation::Create(data) = operation {
        let record = Record { id, meta: Meta::created_by(author), data };
        if !records.insert(record) {
            return Err(structural(Code::IdTaken, format!("المعرف {id} مستعمل من قبل"), format!("l'identifiant {id} est déjà pris")));
        }
        return Ok((Undo::Remove(id), 1));
    }
    let Some(record) = records.get_mut(id) else {
        return Err(structural(Code::RecordMissing, format!("لا يوجد سجل بالمعرف {id}"), format!("aucun enregistrement n'a l'identifiant {id}")));
    };
    if let Some(base) = base_revision
        && record.meta.revision != base
    {
        let now = record.meta.revision;
        return Err(structural(
            Code::StaleRevision,
            format!("تم تعديل هذا السجل في مكان آخر (المراجعة {now} بدل {base})؛ أعد تحميله"),
            format!("cet enregistrement a été modifié ailleurs (révision {now} au lieu de {base}) ; rechargez-le"),
        ));
    }
    let previous = Box::new(record.clone());
    let tombstone = |deleted: bool| vec![ChangedField { field: DELETED.to_owned(), old: (!deleted).into(), new: deleted.into() }];
    let (action, written) = match operation {
        // A creation was carried out above; this arm only completes the match.
        Operation::Create(_) => return Err(structural(Code::IdTaken, format!("المعرف {id} مستعمل من قبل"), format!("l'identifiant {id} est déjà pris"))),
        Operation::Replace(data) => {
            if record.meta.deleted {
                return Err(structural(
                    Code::RecordDeleted,
                    "هذا السجل محذوف؛ استرجعه أولا".into(),
                    "cet enregistrement est supprimé ; restaurez-le d'abord".into(),
                ));
            }
            let written = fields::changes(&record.data, &data);
            record.data = data;
            (Action::Update, written)
        }
        Operation::Delete => {
            if record.meta.deleted {
                return Err(structural(Code::RecordDeleted, "هذا السجل محذوف من قبل".into(), "cet enregistrement est déjà supprimé".into()));
            }
            record.meta.deleted = true;
            (Action::Delete, tombstone(true))
        }
        Operation::Restore => {
            if !record.meta.deleted {
                return Err(structural(Code::RecordNotDeleted, "هذا السجل غير محذوف".into(), "cet enregistrement n'est pas supprimé".into()));
            }
            record.meta.deleted = false;
            (Action::Restore, tombstone(false))
        }
    };
    record.meta.touch(author, action, written);
    Ok((Undo::Put(previous), record.meta.revision))
}

enum Operation<T> {
    Create(T),
    Replace(T),
    Delete,
    Restore,
}

impl Dataset {
    /// Checks and applies one edit.
    ///
    /// Returns every finding of the records the edit concerns. With [`Checks::Enforce`] (a form),
    /// the edit is refused, and the dataset left exactly as it was, when it leads to a `block`
    /// finding on the edited record, to a new `block` finding on a record that depends on it (a
    /// project of an edited cooperative), or breaks an edit rule (a status transition the law
    /// does not allow, a new project for a dissolved cooperative). Editing a rulebook is never
    /// refused for its projects' findings: they are listed, and no record changes. With
    /// [`Checks::Report`], findings are only reported.
    ///
    /// An edit that cannot be carried out at all is always refused: unknown id, id already taken,
    /// stale base revision, update of a deleted record.
    pub fn apply(&mut self, edit: Edit, context: &EditContext) -> Result<Applied, Refused> {
        let target = match edit {
            Edit::Merge(merged) => return self.apply_merged(*merged, &context.author),
            Edit::Rollback(rollback) => return self.roll_back(*rollback),
            Edit::Reference(change) => return self.change_reference(change, &context.author),
            Edit::Batch(edits) => return self.apply_batch(edits, context),
            ref record_edit => match record_edit.target() {
                Some(target) => target,
                // Only merges and reference changes have no target, and both were handled above.
                None => return Err(Refused { findings: Vec::new() }),
            },
        };
        let scope = self.scope(target);
        let before = self.findings_in(&scope);
        let edit_findings = self.edit_findings(&edit);

        let author = &context.author;
        let outcome = match edit {
            Edit::CreateRulebook { rulebook, .. } => {
                change(&mut self.rulebooks, target, None, Operation::Create(rulebook), author).map(|(u, r)| (Undos::Rulebook(u), r))
            }
            Edit::UpdateRulebook { base_revision, rulebook, .. } => {
                change(&mut self.rulebooks, target, Some(base_revision), Operation::Replace(rulebook), author).map(|(u, r)| (Undos::Rulebook(u), r))
            }
            Edit::CreateCooperative { cooperative, .. } => {
                change(&mut self.cooperatives, target, None, Operation::Create(cooperative), author).map(|(u, r)| (Undos::Cooperative(u), r))
            }
            Edit::UpdateCooperative { base_revision, cooperative, .. } => {
                change(&mut self.cooperatives, target, Some(base_revision), Operation::Replace(cooperative), author).map(|(u, r)| (Undos::Cooperative(u), r))
            }
            Edit::CreateProject { project, .. } => {
                change(&mut self.projects, target, None, Operation::Create(project), author).map(|(u, r)| (Undos::Project(u), r))
            }
            Edit::UpdateProject { base_revision, project, .. } => {
                change(&mut self.projects, target, Some(base_revision), Operation::Replace(project), author).map(|(u, r)| (Undos::Project(u), r))
            }
            Edit::CreateMeeting { meeting, .. } => {
                change(&mut self.meetings, target, None, Operation::Create(meeting.normalised()), author).map(|(u, r)| (Undos::Meeting(u), r))
            }
            Edit::UpdateMeeting { base_revision, meeting, .. } => {
                change(&mut self.meetings, target, Some(base_revision), Operation::Replace(meeting.normalised()), author).map(|(u, r)| (Undos::Meeting(u), r))
            }
            Edit::CreateVisit { visit, .. } => change(&mut self.visits, target, None, Operation::Create(visit), author).map(|(u, r)| (Undos::Visit(u), r)),
            Edit::UpdateVisit { base_revision, visit, .. } => {
                change(&mut self.visits, target, Some(base_revision), Operation::Replace(visit), author).map(|(u, r)| (Undos::Visit(u), r))
            }
            Edit::CreateStory { story, .. } => change(&mut self.stories, target, None, Operation::Create(story), author).map(|(u, r)| (Undos::Story(u), r)),
            Edit::UpdateStory { base_revision, story, .. } => {
                change(&mut self.stories, target, Some(base_revision), Operation::Replace(story), author).map(|(u, r)| (Undos::Story(u), r))
            }
            Edit::Delete { base_revision, .. } => self.change_any(target, base_revision, false, author),
            Edit::Restore { base_revision, .. } => self.change_any(target, base_revision, true, author),
            // Merges and reference changes were carried out above; these arms only complete the match.
            Edit::Merge(_) | Edit::Rollback(_) | Edit::Batch(_) => return Err(Refused { findings: Vec::new() }),
            Edit::Reference(_) => return Err(Refused { findings: edit_findings }),
        };
        let (undo_info, revision) = match outcome {
            Ok(done) => done,
            Err(finding) => {
                let mut findings = edit_findings;
                findings.push(finding);
                crate::sorting::sort(&mut findings);
                return Err(Refused { findings });
            }
        };

        let after = self.findings_in(&scope);
        let mut own = Vec::new();
        self.findings_of(target, &mut own);
        let mut findings = after.clone();
        findings.extend(edit_findings.iter().cloned());
        crate::sorting::sort(&mut findings);
        findings.dedup();

        let refuse = context.checks == Checks::Enforce
            && (edit_findings.iter().any(Finding::blocks)
                || own.iter().any(Finding::blocks)
                || (target.kind != RecordKind::Rulebook && after.iter().any(|f| f.blocks() && !before.contains(f))));
        if refuse {
            match undo_info {
                Undos::Rulebook(u) => undo(&mut self.rulebooks, u),
                Undos::Cooperative(u) => undo(&mut self.cooperatives, u),
                Undos::Project(u) => undo(&mut self.projects, u),
                Undos::Meeting(u) => undo(&mut self.meetings, u),
                Undos::Visit(u) => undo(&mut self.visits, u),
                Undos::Story(u) => undo(&mut self.stories, u),
            }
            return Err(Refused { findings });
        }
        let new_findings = findings.iter().filter(|f| !before.contains(f)).cloned().collect();
        let rollback = match undo_info {
            Undos::Rulebook(Undo::Put(r)) => Some(Previous::Rulebook(r)),
            Undos::Cooperative(Undo::Put(r)) => Some(Previous::Cooperative(r)),
            Undos::Project(Undo::Put(r)) => Some(Previous::Project(r)),
            Undos::Meeting(Undo::Put(r)) => Some(Previous::Meeting(r)),
            Undos::Visit(Undo::Put(r)) => Some(Previous::Visit(r)),
            Undos::Story(Undo::Put(r)) => Some(Previous::Story(r)),
            _ => None,
        }
        .map(|previous| Rollback::new(previous, revision, author.device));
        Ok(Applied { record: Some(target), revision, findings, new_findings, rollback })
    }

    /// Carries out `edits` in order on a copy and keeps the copy only if every one was applied:
    /// the findings are those of all the edits, sorted, each once; the refusal is the first
    /// edit's that was refused. A batch has no single record, so no rollback: the app keeps the
    /// data as it was for its undo.
    fn apply_batch(&mut self, edits: Vec<Edit>, context: &EditContext) -> Result<Applied, Refused> {
        let mut work = self.clone();
        let mut findings = Vec::new();
        let mut new_findings = Vec::new();
        for edit in edits {
            let applied = work.apply(edit, context)?;
            findings.extend(applied.findings);
            new_findings.extend(applied.new_findings);
        }
        for list in [&mut findings, &mut new_findings] {
            crate::sorting::sort(list);
            list.dedup();
        }
        *self = work;
        Ok(Applied { record: None, revision: 0, findings, new_findings, rollback: None })
    }

    /// Changes the reference data, or refuses with the reason as a finding on the table.
    ///
    /// Reference changes never change a record's findings: retiring an entry leaves the records
    /// that use it valid (only choosing it anew is warned about), and adding or renaming cannot
    /// break a record. The findings listed are therefore none. The change is noted in the
    /// reference data's history and field clocks, so merges between devices see it.
    fn change_reference(&mut self, change: ReferenceChange, author: &Author) -> Result<Applied, Refused> {
        let table = change.table();
        let before = self.reference.clone();
        match change.carry_out(&mut self.reference) {
            Ok(()) => {
                self.note_reference_change(&before, author);
                Ok(Applied { record: None, revision: 0, findings: Vec::new(), new_findings: Vec::new(), rollback: None })
            }
            Err(error) => {
                let path = JsonPath::root().key("reference").key(&table.to_string());
                let message = Text { ar: error.message(Lang::Ar), fr: error.message(Lang::Fr) };
                Err(Refused { findings: vec![Finding { path, code: Code::ReferenceRefused, level: Level::Block, record: None, message }] })
            }
        }
    }

    fn change_any(&mut self, target: RecordRef, base_revision: u64, restore: bool, author: &Author) -> Result<(Undos, u64), Finding> {
        match target.kind {
            RecordKind::Meeting => {
                change(&mut self.meetings, target, Some(base_revision), if restore { Operation::Restore } else { Operation::Delete }, author)
                    .map(|(u, r)| (Undos::Meeting(u), r))
            }
            RecordKind::Visit => change(&mut self.visits, target, Some(base_revision), if restore { Operation::Restore } else { Operation::Delete }, author)
                .map(|(u, r)| (Undos::Visit(u), r)),
            RecordKind::Story => change(&mut self.stories, target, Some(base_revision), if restore { Operation::Restore } else { Operation::Delete }, author)
                .map(|(u, r)| (Undos::Story(u), r)),
            RecordKind::Rulebook => {
                let operation = if restore { Operation::Restore } else { Operation::Delete };
                change(&mut self.rulebooks, target, Some(base_revision), operation, author).map(|(u, r)| (Undos::Rulebook(u), r))
            }
            RecordKind::Cooperative => {
                let operation = if restore { Operation::Restore } else { Operation::Delete };
                change(&mut self.cooperatives, target, Some(base_revision), operation, author).map(|(u, r)| (Undos::Cooperative(u), r))
            }
            RecordKind::Project => {
                let operation = if restore { Operation::Restore } else { Operation::Delete };
                change(&mut self.projects, target, Some(base_revision), operation, author).map(|(u, r)| (Undos::Project(u), r))
            }
        }
    }

    /// The records whose findings an edit of `target` can change: the record, and what depends
    /// on it.
    pub(super) fn scope(&self, target: RecordRef) -> Vec<RecordRef> {
        let mut scope = vec![target];
        let dependents: Vec<Id> = match target.kind {
            RecordKind::Cooperative => self.projects.all().iter().filter(|p| p.data.cooperative == target.id).map(|p| p.id).collect(),
            RecordKind::Rulebook => self.projects.all().iter().filter(|p| p.data.call.rulebook == target.id).map(|p| p.id).collect(),
            RecordKind::Project | RecordKind::Meeting | RecordKind::Visit | RecordKind::Story => Vec::new(),
        };
        scope.extend(dependents.into_iter().map(|id| RecordRef { kind: RecordKind::Project, id }));
        scope
    }

    pub(super) fn findings_in(&self, scope: &[RecordRef]) -> Vec<Finding> {
        let mut findings = Vec::new();
        for target in scope {
            self.findings_of(*target, &mut findings);
        }
        crate::sorting::sort(&mut findings);
        findings.dedup();
        findings
    }

    /// Findings that belong to the change rather than to the data: status transitions, a new
    /// project for a closed cooperative, newly chosen retired codes, deleting what is in use.
    fn edit_findings(&self, edit: &Edit) -> Vec<Finding> {
        let Some(target) = edit.target() else {
            return Vec::new();
        };
        let list_path = JsonPath::root().key(target.kind.list_name());
        let mut findings = Vec::new();
        let mut push = |path: JsonPath, code, level, ar: String, fr: String| findings.push(edit_finding(path, code, level, target, ar, fr));
        match edit {
            Edit::UpdateCooperative { id, cooperative, .. } => {
                let path = list_path.index(position(&self.cooperatives, *id));
                if let Some(old) = self.cooperatives.get(*id)
                    && !old.data.status.can_become(cooperative.status)
                {
                    let (from, to) = (old.data.status, cooperative.status);
                    push(
                        path.key("status"),
                        Code::TransitionNotAllowed,
                        Level::Block,
                        format!("لا يمكن الانتقال من الوضعية «{}» إلى «{}»", from.name(Lang::Ar), to.name(Lang::Ar)),
                        format!("le statut ne peut pas passer de « {} » à « {} »", from.name(Lang::Fr), to.name(Lang::Fr)),
                    );
                }
                let old = self.cooperatives.get(*id).map(|r| &r.data);
                self.retired(&path, "commune", List::Commune, &cooperative.commune, old.map(|o| o.commune.as_str()), &mut push);
                self.retired(&path, "sector", List::Sector, &cooperative.sector, old.map(|o| o.sector.as_str()), &mut push);
            }
            Edit::CreateCooperative { id, cooperative } => {
                let path = list_path.index(position(&self.cooperatives, *id));
                self.retired(&path, "commune", List::Commune, &cooperative.commune, None, &mut push);
                self.retired(&path, "sector", List::Sector, &cooperative.sector, None, &mut push);
            }
            Edit::CreateProject { id, project } | Edit::UpdateProject { id, project, .. } => {
                let path = list_path.index(position(&self.projects, *id));
                let old = self.projects.get(*id).map(|r| &r.data);
                if let Some(old) = old
                    && !old.status.can_become(project.status)
                {
                    let (from, to) = (old.status, project.status);
                    push(
                        path.key("status"),
                        Code::TransitionNotAllowed,
                        Level::Block,
                        format!("لا يمكن الانتقال من الوضعية «{}» إلى «{}»", from.name(Lang::Ar), to.name(Lang::Ar)),
                        format!("le statut ne peut pas passer de « {} » à « {} »", from.name(Lang::Fr), to.name(Lang::Fr)),
                    );
                }
                let moves_in = old.is_none_or(|o| o.cooperative != project.cooperative);
                if let Some(cooperative) = self.cooperatives.get(project.cooperative).filter(|_| moves_in)
                    && !cooperative.data.status.may_receive_new_project()
                {
                    let status = cooperative.data.status;
                    push(
                        path.key("cooperative"),
                        Code::CooperativeClosed,
                        Level::Block,
                        format!("لا يمكن فتح مشروع جديد لتعاونية {}", status.name(Lang::Ar)),
                        format!("impossible d'ouvrir un nouveau projet pour une coopérative {}", status.name(Lang::Fr)),
                    );
                }
                self.retired(&path, "programme", List::Programme, &project.programme, old.map(|o| o.programme.as_str()), &mut push);
                self.retired(&path, "axis", List::Axis, &project.axis, old.map(|o| o.axis.as_str()), &mut push);
                for (k, line) in project.contributions.iter().enumerate() {
                    let was = old.and_then(|o| o.contributions.iter().find(|c| c.funder == line.funder)).map(|c| c.funder.as_str());
                    let line_path = path.key("contributions").index(k);
                    self.retired(&line_path, "funder", List::Funder, &line.funder, was, &mut push);
                }
            }
            Edit::Delete { target, .. } => {
                let in_use = match target.kind {
                    RecordKind::Cooperative => self.projects_of(target.id).count(),
                    RecordKind::Rulebook => self.projects_under(target.id).count(),
                    RecordKind::Project | RecordKind::Meeting | RecordKind::Visit | RecordKind::Story => 0,
                };
                if in_use > 0 {
                    let path = match target.kind {
                        RecordKind::Cooperative => list_path.index(position(&self.cooperatives, target.id)),
                        RecordKind::Rulebook => list_path.index(position(&self.rulebooks, target.id)),
                        RecordKind::Project => list_path.index(position(&self.projects, target.id)),
                        RecordKind::Meeting => list_path.index(position(&self.meetings, target.id)),
                        RecordKind::Visit => list_path.index(position(&self.visits, target.id)),
                        RecordKind::Story => list_path.index(position(&self.stories, target.id)),
                    };
                    push(
                        path,
                        Code::StillInUse,
                        Level::Block,
                        format!("لا يمكن الحذف: يرتبط به {}", text::count(in_use as u64, Noun::Project, Lang::Ar)),
                        format!("suppression impossible : {} en dépendent", text::count(in_use as u64, Noun::Project, Lang::Fr)),
                    );
                }
            }
            Edit::CreateRulebook { .. }
            | Edit::UpdateRulebook { .. }
            | Edit::CreateMeeting { .. }
            | Edit::UpdateMeeting { .. }
            | Edit::CreateVisit { .. }
            | Edit::UpdateVisit { .. }
            | Edit::CreateStory { .. }
            | Edit::UpdateStory { .. }
            | Edit::Restore { .. }
            | Edit::Merge(_)
            | Edit::Rollback(_)
            | Edit::Reference(_)
            | Edit::Batch(_) => {}
        }
        findings
    }

    /// Warns when an edit newly chooses a code the reference data has retired.
    fn retired(&self, path: &JsonPath, field: &str, list: List, code: &str, was: Option<&str>, push: &mut impl FnMut(JsonPath, Code, Level, String, String)) {
        if was != Some(code) && lookup(&self.reference, list, code) == Some(true) {
            push(path.key(field), Code::RetiredCode, Level::Warn, format!("الرمز «{code}» لم يعد مستعملا"), format!("le code « {code} » n'est plus en usage"));
        }
    }
}

enum Undos {
    Rulebook(Undo<Rulebook>),
    Cooperative(Undo<Cooperative>),
    Project(Undo<Project>),
    Meeting(Undo<Meeting>),
    Visit(Undo<Visit>),
    Story(Undo<Story>),
}
