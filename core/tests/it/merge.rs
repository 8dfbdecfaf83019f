//! Properties of the merge on random datasets copied to two devices and edited on both: the same
//! result whichever way the merge goes, nothing changed by merging a dataset with itself or by
//! merging twice, no record or change lost, the settled result travelling back without a
//! question, and merged data that survives export and import.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::Value;
use taawun_core::cooperative::CooperativeStatus;
use taawun_core::dataset::{Dataset, Edit, EditContext};
use taawun_core::date::Date;
use taawun_core::document;
use taawun_core::id::Id;
use taawun_core::lang::Lang;
use taawun_core::meeting::{Attendee, CheckIn, Meeting, Testimonial};
use taawun_core::merge::{self, Choice, MergePlan, Outcome};
use taawun_core::project::ProjectStatus;
use taawun_core::record::{Author, RecordKind, RecordRef, Timestamp};
use taawun_core::reference::{ReferenceChange, Table};
use taawun_core::rules::Severity;
use taawun_core::story::Story;
use taawun_core::visit::{ObservedState, Visit};

use crate::sample::{Rng, random, recorded};

const A: u128 = 0xa11ce;
const B: u128 = 0xb0b;

fn author(device: u128) -> Author {
    Author {
        at: Timestamp::from_millis(1_900_000_000_000).unwrap(),
        user: format!("user {device}"),
        device: Id::from_u128(device),
        device_name: format!("device {device}"),
    }
}

fn copy(data: &Dataset) -> Dataset {
    document::import(&document::export(data)).unwrap().dataset
}

/// Which fields a device may touch: all of them, or only its own half (then two devices never
/// write the same field and never delete).
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    All,
    Names,
    Figures,
}

/// Edits a copy as a device would, `edits` times: updates of one or two fields chosen among few
/// values (so two devices sometimes agree), deletions, restorations, creations, rulebook changes,
/// meetings (check-ins, check-ins taken back or corrected, invitations, testimonials), visits,
/// stories and reference data.
fn edit_randomly(data: &mut Dataset, rng: &mut Rng, device: u128, edits: u64, scope: Scope) {
    let clock = 1_800_000_000_000 + (device as i64) * 1_000_000;
    // The kinds of step each scope takes: two devices of disjoint scopes never write the same
    // field (nor the same element of a set) and never delete.
    let steps: &[u64] = match scope {
        Scope::All => &[0, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9],
        Scope::Names | Scope::Figures => &[0, 1, 2, 6, 6, 7, 8, 9],
    };
    for n in 0..edits {
        let context = recorded(clock + n as i64, device);
        let coops: Vec<_> = data.cooperatives().live().map(|r| r.id).collect();
        let projects: Vec<_> = data.projects().live().map(|r| r.id).collect();
        match *rng.pick(steps) {
            0 if !coops.is_empty() => {
                let record = data.cooperatives().get(*rng.pick(&coops)).unwrap().clone();
                let mut changed = record.data.clone();
                match (scope, rng.below(2)) {
                    (Scope::Names, _) | (Scope::All, 0) => {
                        changed.notes = (*rng.pick(&["", "vue", "revue"])).into();
                        changed.name_fr = (*rng.pick(&["Al Amal", "Annour"])).into();
                    }
                    _ => {
                        changed.members.women = rng.below(4) as u32;
                        changed.status = *rng.pick(&CooperativeStatus::ALL);
                    }
                }
                data.apply(Edit::UpdateCooperative { id: record.id, base_revision: record.meta.revision, cooperative: changed }, &context).unwrap();
            }
            1 if !projects.is_empty() => {
                let record = data.projects().get(*rng.pick(&projects)).unwrap().clone();
                let mut changed = record.data.clone();
                match (scope, rng.below(2)) {
                    (Scope::Names, _) | (Scope::All, 0) => changed.notes = (*rng.pick(&["", "payé", "en retard"])).into(),
                    _ => {
                        changed.jobs.total = rng.below(4) as u32;
                        changed.status = *rng.pick(&ProjectStatus::ALL);
                    }
                }
                data.apply(Edit::UpdateProject { id: record.id, base_revision: record.meta.revision, project: changed }, &context).unwrap();
            }
            2 => {
                let record = data.rulebooks().all()[rng.below(data.rulebooks().len() as u64) as usize].clone();
                if record.is_live() {
                    let mut rules = record.data.clone();
                    if scope == Scope::Names {
                        rules.name_fr = (*rng.pick(&["Appel", "Appel 2025"])).into();
                    } else {
                        rules.min_members.minimum = rng.below(3) as u32 + 4;
                        rules.max_indh_share.severity = *rng.pick(&[Severity::Warn, Severity::Block]);
                    }
                    data.apply(Edit::UpdateRulebook { id: record.id, base_revision: record.meta.revision, rulebook: rules }, &context).unwrap();
                }
            }
            3 if !live(data).is_empty() => {
                let target = *rng.pick(&live(data));
                let revision = revision(data, target);
                data.apply(Edit::Delete { target, base_revision: revision }, &context).unwrap();
            }
            4 => {
                let deleted: Vec<RecordRef> = every(data).into_iter().filter(|(_, is_live)| !is_live).map(|(record, _)| record).collect();
                if !deleted.is_empty() {
                    let target = *rng.pick(&deleted);
                    let revision = revision(data, target);
                    data.apply(Edit::Restore { target, base_revision: revision }, &context).unwrap();
                }
            }
            5 => {
                let template = data.cooperatives().all().first().map(|r| r.data.clone());
                if let Some(cooperative) = template {
                    let id = Id::from_u128(u128::from(rng.next()) << 64 | u128::from(rng.next()));
                    data.apply(Edit::CreateCooperative { id, cooperative }, &context).unwrap();
                }
            }
            6 => edit_a_meeting(data, rng, &coops, scope, &context),
            7 => edit_a_visit(data, rng, &coops, scope, &context),
            8 => edit_a_story(data, rng, &projects, scope, &context),
            9 => {
                let change = if scope == Scope::Names || (scope == Scope::All && rng.chance(50)) {
                    let name = *rng.pick(&["Dar Chaoui", "Dar Chaoui (centre)"]);
                    ReferenceChange::Rename { table: Table::Communes, code: "DCH".into(), name_fr: name.into(), name_ar: "دار الشاوي".into() }
                } else if rng.chance(50) {
                    ReferenceChange::Retire { table: Table::Sectors, code: "SRV".into() }
                } else {
                    ReferenceChange::Reinstate { table: Table::Sectors, code: "SRV".into() }
                };
                // Retiring what is retired, or renaming to the same name, may be refused.
                let _ = data.apply(Edit::Reference(change), &context);
            }
            _ => {}
        }
    }
}

/// Every record with whether it is live.
fn every(data: &Dataset) -> Vec<(RecordRef, bool)> {
    fn of<T>(kind: RecordKind, records: &[taawun_core::record::Record<T>]) -> impl Iterator<Item = (RecordRef, bool)> + '_ {
        records.iter().map(move |r| (RecordRef { kind, id: r.id }, r.is_live()))
    }
    of(RecordKind::Cooperative, data.cooperatives().all())
        .chain(of(RecordKind::Project, data.projects().all()))
        .chain(of(RecordKind::Meeting, data.meetings().all()))
        .chain(of(RecordKind::Visit, data.visits().all()))
        .chain(of(RecordKind::Story, data.stories().all()))
        .collect()
}

fn live(data: &Dataset) -> Vec<RecordRef> {
    every(data).into_iter().filter(|(_, is_live)| *is_live).map(|(record, _)| record).collect()
}

fn new_id(rng: &mut Rng) -> Id {
    Id::from_u128(u128::from(rng.next()) << 64 | u128::from(rng.next()))
}

/// A meeting edited at the door or afterwards: Names writes its place and testimonials (added or
/// reworded), Figures its attendance (check-ins, taken back, corrected) and invitations; a
/// meeting is created when there is none.
fn edit_a_meeting(data: &mut Dataset, rng: &mut Rng, coops: &[Id], scope: Scope, context: &EditContext) {
    let meetings: Vec<Id> = data.meetings().live().map(|r| r.id).collect();
    if meetings.is_empty() || rng.chance(10) {
        let meeting = Meeting::new("لقاء", "Rencontre", Date::parse("2025-07-09").unwrap(), "Tanger");
        data.apply(Edit::CreateMeeting { id: new_id(rng), meeting }, context).unwrap();
        return;
    }
    let record = data.meetings().get(*rng.pick(&meetings)).unwrap().clone();
    let mut meeting = record.data.clone();
    let names = scope == Scope::Names || (scope == Scope::All && rng.chance(40));
    if names {
        if rng.chance(30) {
            meeting.place = (*rng.pick(&["Tanger", "Assilah"])).into();
        } else if !meeting.testimonials.is_empty() && rng.chance(50) {
            let at = rng.below(meeting.testimonials.len() as u64) as usize;
            meeting.testimonials[at].text = (*rng.pick(&["merci", "le marché est loin", "trop cher"])).into();
            meeting.testimonials.sort();
            meeting.testimonials.dedup();
        } else if let Some(cooperative) = coops.first() {
            let text = *rng.pick(&["merci", "le marché est loin", "trop cher"]);
            meeting.testimonials.push(Testimonial { cooperative: *cooperative, lang: Lang::Fr, text: text.into() });
            meeting = meeting.normalised();
        }
    } else if coops.is_empty() {
        return;
    } else {
        let attendee = Attendee::Cooperative(*rng.pick(coops));
        let at = Timestamp::from_millis(1_752_051_600_000 + rng.below(60) as i64 * 60_000).unwrap();
        let people = 1 + rng.below(3) as u32;
        match rng.below(4) {
            0 => {
                meeting.attendance.remove(&attendee);
            }
            1 => meeting.attendance.correct(CheckIn::new(attendee, people, 0, at).unwrap()),
            2 => {
                let Attendee::Cooperative(id) = attendee else { return };
                if meeting.is_invited(id) {
                    meeting.invited.retain(|invited| *invited != id);
                } else {
                    meeting.invite(&[id]);
                }
            }
            _ => {
                let _ = meeting.attendance.check_in(CheckIn::new(attendee, people, 0, at).unwrap());
            }
        }
    }
    data.apply(Edit::UpdateMeeting { id: record.id, base_revision: record.meta.revision, meeting }, context).unwrap();
}

/// A follow-up visit recorded or completed: Names writes its observations, Figures the state
/// found; one is created for a live cooperative when there is none.
fn edit_a_visit(data: &mut Dataset, rng: &mut Rng, coops: &[Id], scope: Scope, context: &EditContext) {
    let visits: Vec<Id> = data.visits().live().map(|r| r.id).collect();
    if visits.is_empty() || rng.chance(10) {
        let Some(cooperative) = coops.first() else { return };
        let visit = Visit {
            cooperative: *cooperative,
            date: Date::parse("2025-09-01").unwrap(),
            visitor: "Salma".into(),
            purpose: "suivi".into(),
            state: ObservedState::Active,
            observations: String::new(),
            needs: String::new(),
            next_steps: String::new(),
            next_visit_on: None,
        };
        data.apply(Edit::CreateVisit { id: new_id(rng), visit }, context).unwrap();
        return;
    }
    let record = data.visits().get(*rng.pick(&visits)).unwrap().clone();
    let mut visit = record.data.clone();
    if scope == Scope::Names || (scope == Scope::All && rng.chance(50)) {
        visit.observations = (*rng.pick(&["", "atelier propre", "stock faible"])).into();
    } else {
        visit.state = *rng.pick(&ObservedState::ALL);
    }
    data.apply(Edit::UpdateVisit { id: record.id, base_revision: record.meta.revision, visit }, context).unwrap();
}

/// A success story written or corrected: Names writes its French text, Figures its jobs and
/// photos; one is created for a live project when there is none.
fn edit_a_story(data: &mut Dataset, rng: &mut Rng, projects: &[Id], scope: Scope, context: &EditContext) {
    let stories: Vec<Id> = data.stories().live().map(|r| r.id).collect();
    if stories.is_empty() || rng.chance(10) {
        let Some(project) = projects.first() else { return };
        let story = Story {
            project: *project,
            story_ar: "قصة".into(),
            story_fr: String::new(),
            jobs: None,
            turnover_before: None,
            turnover_after: None,
            photos: Vec::new(),
        };
        data.apply(Edit::CreateStory { id: new_id(rng), story }, context).unwrap();
        return;
    }
    let record = data.stories().get(*rng.pick(&stories)).unwrap().clone();
    let mut story = record.data.clone();
    if scope == Scope::Names || (scope == Scope::All && rng.chance(50)) {
        story.story_fr = (*rng.pick(&["", "Une réussite", "Des emplois"])).into();
    } else {
        story.jobs = Some(rng.below(4) as u32);
        if rng.chance(30) {
            story.photos = vec![Id::from_u128(u128::from(rng.below(3)) + 1).to_string()];
        }
    }
    data.apply(Edit::UpdateStory { id: record.id, base_revision: record.meta.revision, story }, context).unwrap();
}

fn revision(data: &Dataset, target: RecordRef) -> u64 {
    match target.kind {
        RecordKind::Cooperative => data.cooperatives().get(target.id).unwrap().meta.revision,
        RecordKind::Project => data.projects().get(target.id).unwrap().meta.revision,
        RecordKind::Rulebook => data.rulebooks().get(target.id).unwrap().meta.revision,
        RecordKind::Meeting => data.meetings().get(target.id).unwrap().meta.revision,
        RecordKind::Visit => data.visits().get(target.id).unwrap().meta.revision,
        RecordKind::Story => data.stories().get(target.id).unwrap().meta.revision,
    }
}

/// Two devices' copies of one random dataset, each edited on its own.
fn two_devices(seed: u64, edits_a: u64, edits_b: u64, scopes: (Scope, Scope)) -> (Dataset, Dataset) {
    let base = random(seed, 6, 8);
    let (mut a, mut b) = (copy(&base), copy(&base));
    let mut rng = Rng::new(seed ^ 0x5eed);
    edit_randomly(&mut a, &mut rng, A, edits_a, scopes.0);
    edit_randomly(&mut b, &mut rng, B, edits_b, scopes.1);
    (a, b)
}

fn merged(current: &Dataset, incoming: &Dataset, choice: Choice, device: u128) -> Dataset {
    let mut plan = merge::plan(current, incoming);
    plan.resolve_all(choice);
    let mut result = current.clone();
    merge::apply(&mut result, &plan, &author(device)).unwrap();
    result
}

/// Every record's content and tombstone flag, without the merge metadata.
fn content(data: &Dataset) -> Vec<(RecordRef, Value)> {
    fn rows<T: serde::Serialize>(kind: RecordKind, records: &[taawun_core::record::Record<T>], out: &mut Vec<(RecordRef, Value)>) {
        for record in records {
            let mut value = serde_json::to_value(record).unwrap();
            let deleted = value["meta"]["deleted"].clone();
            value["meta"] = deleted;
            out.push((RecordRef { kind, id: record.id }, value));
        }
    }
    let mut out = Vec::new();
    rows(RecordKind::Rulebook, data.rulebooks().all(), &mut out);
    rows(RecordKind::Cooperative, data.cooperatives().all(), &mut out);
    rows(RecordKind::Project, data.projects().all(), &mut out);
    rows(RecordKind::Meeting, data.meetings().all(), &mut out);
    rows(RecordKind::Visit, data.visits().all(), &mut out);
    rows(RecordKind::Story, data.stories().all(), &mut out);
    out
}

fn records(data: &Dataset) -> BTreeSet<RecordRef> {
    content(data).into_iter().map(|(record, _)| record).collect()
}

/// Each change of each record, by record and dot.
fn changes(data: &Dataset) -> BTreeSet<(RecordRef, Id, u64)> {
    records(data).into_iter().flat_map(|r| data.history(r).iter().map(move |c| (r, c.device, c.counter))).collect()
}

/// Each conflict as text: record, field, this side's value, the other side's.
fn conflicts(plan: &MergePlan) -> BTreeSet<(String, String, String, String)> {
    plan.conflicts().iter().map(|c| (c.target.to_string(), c.field.clone(), c.ours.to_string(), c.theirs.to_string())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edits_of_different_fields_merge_without_a_question_and_to_the_same_data_both_ways(seed in any::<u64>(), edits_a in 0u64..6, edits_b in 0u64..6) {
        let (a, b) = two_devices(seed, edits_a, edits_b, (Scope::Names, Scope::Figures));
        let (one, other) = (merge::plan(&a, &b), merge::plan(&b, &a));
        prop_assert_eq!(one.conflicts().len(), 0);
        prop_assert_eq!(other.conflicts().len(), 0);
        prop_assert_eq!(merged(&a, &b, Choice::Ours, A), merged(&b, &a, Choice::Ours, B));
    }

    #[test]
    fn merging_either_way_finds_the_same_conflicts_and_without_them_the_same_data(seed in any::<u64>(), edits_a in 0u64..5, edits_b in 0u64..5) {
        let (a, b) = two_devices(seed, edits_a, edits_b, (Scope::All, Scope::All));
        let (one, other) = (merge::plan(&a, &b), merge::plan(&b, &a));
        let swapped: BTreeSet<_> = conflicts(&other).into_iter().map(|(t, f, ours, theirs)| (t, f, theirs, ours)).collect();
        prop_assert_eq!(conflicts(&one), swapped);
        let into_a = merged(&a, &b, Choice::Ours, A);
        let into_b = merged(&b, &a, Choice::Theirs, B);
        if one.conflicts().is_empty() {
            prop_assert_eq!(&into_a, &into_b);
        } else {
            // Settled the same way (A's values), both sides hold the same data; only the
            // resolution changes (one per device) differ.
            prop_assert_eq!(content(&into_a), content(&into_b));
        }
    }

    #[test]
    fn merging_a_dataset_with_itself_or_its_own_export_changes_nothing(seed in any::<u64>(), edits in 0u64..8) {
        let (a, _) = two_devices(seed, edits, 0, (Scope::All, Scope::All));
        for other in [a.clone(), copy(&a)] {
            let plan = merge::plan(&a, &other);
            prop_assert!(plan.is_empty());
            prop_assert!(plan.records().iter().all(|r| r.outcome == Outcome::Unchanged && r.changes.is_empty()));
            prop_assert_eq!(plan.summary().conflicts + plan.summary().reference_changes, 0);
            prop_assert_eq!(merged(&a, &other, Choice::Ours, A), a.clone());
        }
    }

    #[test]
    fn merging_twice_is_merging_once_and_the_result_travels_back_without_a_question(seed in any::<u64>(), edits_a in 0u64..6, edits_b in 0u64..6, theirs in any::<bool>()) {
        let (a, b) = two_devices(seed, edits_a, edits_b, (Scope::All, Scope::All));
        let choice = if theirs { Choice::Theirs } else { Choice::Ours };
        let once = merged(&a, &b, choice, A);
        for again in [&b, &a] {
            let plan = merge::plan(&once, again);
            prop_assert!(plan.is_empty());
            prop_assert_eq!(merged(&once, again, Choice::Ours, A), once.clone());
        }
        let back = merge::plan(&b, &once);
        prop_assert_eq!(back.conflicts().len(), 0);
        prop_assert_eq!(merged(&b, &once, Choice::Ours, B), once.clone());
        let imported = document::import(&document::export(&once)).unwrap();
        prop_assert_eq!(imported.dataset, once);
    }

    #[test]
    fn no_record_and_no_change_is_lost_in_a_merge(seed in any::<u64>(), edits_a in 0u64..8, edits_b in 0u64..8, theirs in any::<bool>()) {
        let (a, b) = two_devices(seed, edits_a, edits_b, (Scope::All, Scope::All));
        let choice = if theirs { Choice::Theirs } else { Choice::Ours };
        let result = merged(&a, &b, choice, A);
        let expected: BTreeSet<_> = records(&a).union(&records(&b)).copied().collect();
        prop_assert_eq!(records(&result), expected);
        let all_changes: BTreeSet<_> = changes(&a).union(&changes(&b)).cloned().collect();
        prop_assert!(changes(&result).is_superset(&all_changes));
    }
}

#[test]
fn the_demo_merged_with_its_own_export_is_left_as_it_is() {
    let demo = taawun_core::demo::dataset();
    let plan = merge::plan(&demo, &copy(&demo));
    assert!(plan.is_empty());
    assert_eq!(plan.summary().unchanged, plan.records().len());
    let count = demo.rulebooks().len() + demo.cooperatives().len() + demo.projects().len();
    assert_eq!(plan.records().len(), count + demo.meetings().len() + demo.visits().len() + demo.stories().len());
}

#[test]
fn the_random_edits_of_the_properties_reach_meetings_visits_stories_and_reference_data() {
    let mut reached = BTreeSet::new();
    let mut reference_changed = false;
    for seed in 0..16 {
        let base = random(seed, 6, 8);
        let (a, b) = two_devices(seed, 8, 8, (Scope::All, Scope::All));
        for data in [&a, &b] {
            for (record, _) in every(data) {
                if data.history(record).len() > base.history(record).len() {
                    reached.insert(record.kind);
                }
            }
            reference_changed |= data.reference() != base.reference();
        }
    }
    assert_eq!(reached, BTreeSet::from([RecordKind::Cooperative, RecordKind::Project, RecordKind::Meeting, RecordKind::Visit, RecordKind::Story]));
    assert!(reference_changed);
}
