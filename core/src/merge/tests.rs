//! Cases of the merge: each kind of conflict, fields that merge by themselves, tombstones,
//! rulebooks, reference data, set fields, stale plans; and the field lists of every kind.

use rust_decimal::Decimal;
use serde_json::json;

use super::*;
use crate::amount::Amount;
use crate::cooperative::{Contact, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use crate::date::Date;
use crate::fields::tests::{Meeting, check_fields};
use crate::history::Action;
use crate::ice::{Ice, IceCheck};
use crate::phone::Phone;
use crate::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, ProjectStatus, Tranche};
use crate::rate::Rate;
use crate::record::{Meta, Timestamp};
use crate::reference::{Funder, FunderRole, Milieu, NewEntry, Table};
use crate::register::RegisterNumber;
use crate::rules::Severity;

const RULEBOOK: Id = Id::from_u128(0xa);
const COOP: Id = Id::from_u128(0xc);
const PROJECT: Id = Id::from_u128(0xd);
const OFFICE: Id = Id::from_u128(0x0ff1ce);
const TABLET: Id = Id::from_u128(0x7ab1e7);

fn author(device: Id, millis: i64) -> Author {
    let (user, device_name) = match device {
        OFFICE => ("Salma", "bureau"),
        TABLET => ("Youssef", "Tablette 2"),
        _ => ("Nadia", "portable"),
    };
    Author { at: Timestamp::from_millis(millis).unwrap(), user: user.into(), device, device_name: device_name.into() }
}

fn recorded(device: Id, millis: i64) -> EditContext {
    EditContext::recorded(author(device, millis))
}

fn dh(text: &str) -> Amount {
    Amount::from_decimal(text.parse::<Decimal>().unwrap()).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn cooperative() -> Cooperative {
    Cooperative {
        name_ar: "تعاونية الاختبار".into(),
        name_fr: "Coopérative Essai".into(),
        legal_form: LegalForm::Cooperative,
        register_number: None,
        ice: None,
        created_on: Some(day("2015-03-01")),
        commune: "SLY".into(),
        milieu_override: None,
        sector: "AGR-API".into(),
        members: Members { total: 10, women: 3, youth: 2 },
        president_gender: Gender::Male,
        status: CooperativeStatus::Active,
        contact: Contact::default(),
        notes: String::new(),
    }
}

fn project() -> Project {
    Project {
        title_ar: "مشروع".into(),
        title_fr: "Projet".into(),
        cooperative: COOP,
        programme: "P3".into(),
        axis: "P3-ESS".into(),
        call: Call { year: 2022, rulebook: RULEBOOK },
        total_cost: dh("100000.00"),
        contributions: vec![
            Contribution { funder: "INDH".into(), amount: dh("60000.00"), kind: ContributionKind::Cash },
            Contribution { funder: "OWN".into(), amount: dh("40000.00"), kind: ContributionKind::Cash },
        ],
        submitted_on: Some(day("2022-01-10")),
        cpdh_approved_on: Some(day("2022-03-01")),
        convention_signed_on: Some(day("2022-04-01")),
        tranches: vec![Tranche { planned_on: day("2022-04-15"), funder: "INDH".into(), amount: dh("60000.00") }],
        disbursements: vec![Disbursement { paid_on: day("2022-04-20"), funder: "INDH".into(), amount: dh("30000.00") }],
        jobs: Jobs { total: 4, women: 2, youth: 3 },
        status: ProjectStatus::InProgress,
        notes: String::new(),
    }
}

/// The office's data, which the tablet copied (export → import) before the meeting.
fn office() -> Dataset {
    let mut data = Dataset::new(ReferenceData::builtin());
    let rules = Rulebook::default_for_programme_3("طلب 2022", "Appel 2022");
    data.apply(Edit::CreateRulebook { id: RULEBOOK, rulebook: rules }, &recorded(OFFICE, 1)).unwrap();
    data.apply(Edit::CreateCooperative { id: COOP, cooperative: cooperative() }, &recorded(OFFICE, 2)).unwrap();
    data.apply(Edit::CreateProject { id: PROJECT, project: project() }, &recorded(OFFICE, 3)).unwrap();
    data
}

fn copy(data: &Dataset) -> Dataset {
    crate::document::import(&crate::document::export(data)).unwrap().dataset
}

fn coop(data: &Dataset) -> &Record<Cooperative> {
    data.cooperatives().get(COOP).unwrap()
}

fn edit_coop(data: &mut Dataset, device: Id, millis: i64, change: impl FnOnce(&mut Cooperative)) {
    let record = coop(data).clone();
    let mut changed = record.data.clone();
    change(&mut changed);
    data.apply(Edit::UpdateCooperative { id: COOP, base_revision: record.meta.revision, cooperative: changed }, &recorded(device, millis)).unwrap();
}

fn delete(data: &mut Dataset, target: RecordRef, device: Id, millis: i64) {
    let revision = data.history(target).len() as u64;
    let revision = data.cooperatives().get(target.id).map_or(revision, |r| r.meta.revision);
    data.apply(Edit::Delete { target, base_revision: revision }, &recorded(device, millis)).unwrap();
}

const COOP_REF: RecordRef = RecordRef { kind: RecordKind::Cooperative, id: COOP };

/// Merges `incoming` into `current` with every conflict settled as `choice`.
fn merge(current: &mut Dataset, incoming: &Dataset, choice: Choice, device: Id, millis: i64) -> MergeReport {
    let mut plan = plan(current, incoming);
    plan.resolve_all(choice);
    apply(current, &plan, &author(device, millis)).unwrap()
}

fn outcome(plan: &MergePlan, record: RecordRef) -> Outcome {
    plan.records().iter().find(|r| r.record == record).unwrap().outcome
}

#[test]
fn different_fields_changed_on_each_device_merge_without_a_question_in_both_directions() {
    let mut office = office();
    let mut tablet = copy(&office);
    edit_coop(&mut office, OFFICE, 10, |c| c.notes = "visite du 3 mars".into());
    edit_coop(&mut tablet, TABLET, 11, |c| {
        c.members.women = 6;
        c.contact.phone = Some(Phone::parse("0612345678").unwrap());
    });
    let plan = plan(&office, &tablet);
    assert_eq!(plan.conflicts(), &[]);
    assert_eq!(outcome(&plan, COOP_REF), Outcome::Updated);
    let fields: Vec<&str> = plan.records().iter().flat_map(|r| &r.changes).map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["members.women", "contact.phone"]);

    let mut into_office = office.clone();
    merge(&mut into_office, &tablet, Choice::Ours, OFFICE, 20);
    let mut into_tablet = tablet.clone();
    merge(&mut into_tablet, &office, Choice::Ours, TABLET, 21);
    assert_eq!(into_office, into_tablet);
    let merged = &coop(&into_office).data;
    assert_eq!((merged.notes.as_str(), merged.members.women, merged.contact.phone.is_some()), ("visite du 3 mars", 6, true));
    assert_eq!(coop(&into_office).meta.revision, 3);
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_showing_both_values() {
    let mut office = office();
    let mut tablet = copy(&office);
    edit_coop(&mut office, OFFICE, 10, |c| c.status = CooperativeStatus::Inactive);
    edit_coop(&mut tablet, TABLET, 11, |c| c.status = CooperativeStatus::InLiquidation);
    let mut plan = plan(&office, &tablet);
    let conflict = &plan.conflicts()[0];
    assert_eq!((conflict.field.as_str(), conflict.kind), ("status", ConflictKind::Field));
    assert_eq!((&conflict.ours, &conflict.theirs), (&json!("inactive"), &json!("in_liquidation")));
    assert_eq!(conflict.message(Lang::Fr), "« statut » modifié des deux côtés");
    assert_eq!(outcome(&plan, COOP_REF), Outcome::Conflict);
    assert_eq!(plan.summary().unresolved, 1);

    let untouched = office.clone();
    let refused = apply(&mut office, &plan, &author(OFFICE, 20)).unwrap_err();
    assert!(matches!(refused, MergeError::Unresolved { count: 1, .. }), "{refused}");
    assert_eq!(office, untouched, "nothing is written while a conflict is open");

    plan.resolve(conflict.id, Choice::Theirs).unwrap();
    apply(&mut office, &plan, &author(OFFICE, 20)).unwrap();
    assert_eq!(coop(&office).data.status, CooperativeStatus::InLiquidation);
    let settled = coop(&office).meta.history.last().unwrap();
    assert_eq!((settled.action, settled.user.as_str(), settled.device), (Action::Resolve, "Salma", OFFICE));
    assert_eq!(settled.fields, vec![ChangedField { field: "status".into(), old: json!("inactive"), new: json!("in_liquidation") }]);

    // The choice travels: the tablet takes it without being asked again, and nothing is left.
    let again = super::plan(&tablet, &office);
    assert_eq!(again.conflicts(), &[]);
    merge(&mut tablet, &office, Choice::Ours, TABLET, 30);
    assert_eq!(tablet, office);
    assert!(super::plan(&office, &tablet).is_empty());
}

#[test]
fn the_same_change_made_on_both_devices_is_not_a_conflict() {
    let mut office = office();
    let mut tablet = copy(&office);
    edit_coop(&mut office, OFFICE, 10, |c| c.members.total = 12);
    edit_coop(&mut tablet, TABLET, 11, |c| c.members.total = 12);
    let plan = plan(&office, &tablet);
    assert_eq!(plan.conflicts(), &[]);
    let mut into_office = office.clone();
    merge(&mut into_office, &tablet, Choice::Ours, OFFICE, 20);
    let mut into_tablet = tablet.clone();
    merge(&mut into_tablet, &office, Choice::Ours, TABLET, 20);
    assert_eq!(into_office, into_tablet);
    assert_eq!(coop(&into_office).meta.history.len(), 3, "creation and both edits");
}

#[test]
fn a_deletion_and_an_edit_on_the_other_device_is_a_conflict_whichever_side_deleted() {
    for office_deletes in [true, false] {
        let mut office = office();
        let mut tablet = copy(&office);
        delete(&mut office, RecordRef { kind: RecordKind::Project, id: PROJECT }, OFFICE, 5);
        if office_deletes {
            delete(&mut office, COOP_REF, OFFICE, 10);
            edit_coop(&mut tablet, TABLET, 11, |c| c.notes = "vue en réunion".into());
        } else {
            edit_coop(&mut office, OFFICE, 10, |c| c.notes = "vue en réunion".into());
            delete(&mut tablet, RecordRef { kind: RecordKind::Project, id: PROJECT }, TABLET, 5);
            delete(&mut tablet, COOP_REF, TABLET, 11);
        }
        let plan = plan(&office, &tablet);
        let conflicts: Vec<_> = plan.conflicts().iter().filter(|c| c.target == Target::Record(COOP_REF)).collect();
        assert_eq!(conflicts.len(), 1, "office deletes: {office_deletes}");
        assert_eq!((conflicts[0].field.as_str(), conflicts[0].kind), (DELETED, ConflictKind::DeleteEdit));
        assert_eq!(conflicts[0].ours, json!(office_deletes));
        let expected = if office_deletes { "supprimé sur cet appareil, modifié sur l'autre" } else { "modifié sur cet appareil, supprimé sur l'autre" };
        assert_eq!(conflicts[0].message(Lang::Fr), expected);

        // Keeping the edited record brings it back with the edit; keeping the deletion keeps the
        // edit under the tombstone, so a later restoration finds it.
        for (choice, live) in [(Choice::Ours, !office_deletes), (Choice::Theirs, office_deletes)] {
            let mut merged = office.clone();
            merge(&mut merged, &tablet, choice, OFFICE, 20);
            assert_eq!(coop(&merged).is_live(), live, "office deletes: {office_deletes}, {choice:?}");
            assert_eq!(coop(&merged).data.notes, "vue en réunion");
        }
    }
}

#[test]
fn a_tombstone_beats_a_record_the_other_device_left_untouched() {
    let mut office = office();
    let tablet = copy(&office);
    delete(&mut office, RecordRef { kind: RecordKind::Project, id: PROJECT }, OFFICE, 5);
    delete(&mut office, COOP_REF, OFFICE, 10);
    // The tablet brings its untouched copy back to the office: the deletion stands.
    let plan_office = plan(&office, &tablet);
    assert_eq!(plan_office.conflicts(), &[]);
    assert!(plan_office.is_empty());
    // The office's file reaches the tablet: the deletion is carried out there too.
    let mut tablet = tablet;
    let plan_tablet = plan(&tablet, &office);
    assert_eq!(outcome(&plan_tablet, COOP_REF), Outcome::Deleted);
    assert_eq!(plan_tablet.summary().deleted, 2);
    merge(&mut tablet, &office, Choice::Ours, TABLET, 20);
    assert!(!coop(&tablet).is_live());
    assert_eq!(tablet, office);
}

#[test]
fn a_restoration_beats_the_tombstone_it_undid() {
    let mut office = office();
    delete(&mut office, RecordRef { kind: RecordKind::Project, id: PROJECT }, OFFICE, 5);
    delete(&mut office, COOP_REF, OFFICE, 10);
    let mut tablet = copy(&office);
    tablet.apply(Edit::Restore { target: COOP_REF, base_revision: 2 }, &recorded(TABLET, 11)).unwrap();
    let plan = plan(&office, &tablet);
    assert_eq!((plan.conflicts().len(), outcome(&plan, COOP_REF)), (0, Outcome::Restored));
}

#[test]
fn records_created_on_the_other_device_are_added_and_its_unknown_tombstones_kept() {
    let office = office();
    let mut tablet = copy(&office);
    let (kept, dropped) = (Id::from_u128(0x100), Id::from_u128(0x101));
    for id in [kept, dropped] {
        tablet.apply(Edit::CreateCooperative { id, cooperative: cooperative() }, &recorded(TABLET, 10)).unwrap();
    }
    tablet.apply(Edit::Delete { target: RecordRef { kind: RecordKind::Cooperative, id: dropped }, base_revision: 1 }, &recorded(TABLET, 11)).unwrap();
    let plan = plan(&office, &tablet);
    assert_eq!(outcome(&plan, RecordRef { kind: RecordKind::Cooperative, id: kept }), Outcome::Added);
    assert_eq!(plan.summary().added, 1);
    let mut office = office;
    let report = merge(&mut office, &tablet, Choice::Ours, OFFICE, 20);
    assert_eq!(report.written.len(), 2);
    assert!(office.cooperatives().get(kept).unwrap().is_live());
    assert!(!office.cooperatives().get(dropped).unwrap().is_live(), "the tombstone travels so the record cannot come back");
    assert_eq!(office.history(RecordRef { kind: RecordKind::Cooperative, id: kept }), tablet.history(RecordRef { kind: RecordKind::Cooperative, id: kept }));
}

#[test]
fn rulebooks_merge_rule_by_rule_like_records() {
    let mut office = office();
    let mut tablet = copy(&office);
    let edit = |data: &mut Dataset, device, change: &dyn Fn(&mut Rulebook)| {
        let record = data.rulebooks().get(RULEBOOK).unwrap().clone();
        let mut rules = record.data.clone();
        change(&mut rules);
        data.apply(Edit::UpdateRulebook { id: RULEBOOK, base_revision: record.meta.revision, rulebook: rules }, &recorded(device, 10)).unwrap();
    };
    edit(&mut office, OFFICE, &|r| r.max_indh_share.rate = Rate::from_percent(Decimal::from(70)).unwrap());
    edit(&mut tablet, TABLET, &|r| r.max_indh_share.severity = Severity::Block);
    let clean = plan(&office, &tablet);
    assert_eq!(clean.conflicts(), &[]);
    let mut merged = office.clone();
    merge(&mut merged, &tablet, Choice::Ours, OFFICE, 20);
    let rules = &merged.rulebooks().get(RULEBOOK).unwrap().data;
    assert_eq!((rules.max_indh_share.rate.to_percent(), rules.max_indh_share.severity), (Decimal::from(70), Severity::Block));

    edit(&mut tablet, TABLET, &|r| r.max_indh_share.rate = Rate::from_percent(Decimal::from(80)).unwrap());
    let conflicting = plan(&office, &tablet);
    assert_eq!(conflicting.conflicts().iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), vec!["max_indh_share.rate"]);
    assert_eq!(conflicting.conflicts()[0].target, Target::Record(RecordRef { kind: RecordKind::Rulebook, id: RULEBOOK }));
}

fn funder(code: &str) -> NewEntry {
    NewEntry::Funder(Funder {
        code: code.into(),
        name_fr: format!("Partenaire {code}"),
        name_ar: format!("شريك {code}"),
        role: FunderRole::Partner,
        retired: false,
    })
}

#[test]
fn reference_data_merges_entry_by_entry_like_records() {
    let mut office = office();
    let mut tablet = copy(&office);
    office.change_reference_in_test(&author(OFFICE, 10), |r| {
        r.rename(Table::Communes, "SLY", "Sidi El Yamani", "سيدي اليماني").unwrap();
        r.add(funder("FDT")).unwrap();
    });
    tablet.change_reference_in_test(&author(TABLET, 11), |r| {
        r.retire(Table::Communes, "SLY").unwrap();
        r.add(funder("ANAPEC")).unwrap();
    });
    assert_eq!(office.reference_history()[0].fields.len(), 5, "the renamed name and the new funder's four attributes");
    let plan = plan(&office, &tablet);
    assert_eq!(plan.conflicts(), &[]);
    assert_eq!(plan.reference().added, vec!["funders/ANAPEC"]);
    assert_eq!(plan.reference().changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), vec!["communes/SLY/retired"]);

    let mut into_office = office.clone();
    merge(&mut into_office, &tablet, Choice::Ours, OFFICE, 20);
    let mut into_tablet = tablet.clone();
    merge(&mut into_tablet, &office, Choice::Ours, TABLET, 20);
    for merged in [&into_office, &into_tablet] {
        let sly = merged.reference().commune("SLY").unwrap();
        assert_eq!((sly.name_fr.as_str(), sly.retired), ("Sidi El Yamani", true));
        assert!(merged.reference().funder("FDT").is_some() && merged.reference().funder("ANAPEC").is_some());
        assert_eq!(merged.reference_history().len(), 2);
    }
    assert_eq!(into_office.reference_meta(), into_tablet.reference_meta());
    assert!(super::plan(&into_office, &into_tablet).is_empty(), "the two orders of the tables are both kept as they are");
}

#[test]
fn reference_entries_renamed_differently_are_a_conflict_and_untracked_differences_too() {
    let mut office = office();
    let mut tablet = copy(&office);
    office.change_reference_in_test(&author(OFFICE, 10), |r| r.rename(Table::Sectors, "SEL", "Sel marin", "الملح البحري").unwrap());
    tablet.change_reference_in_test(&author(TABLET, 11), |r| r.rename(Table::Sectors, "SEL", "Saline", "الملاحات").unwrap());
    let mut plan = plan(&office, &tablet);
    let fields: Vec<&str> = plan.conflicts().iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["sectors/SEL/name_ar", "sectors/SEL/name_fr"]);
    assert!(plan.conflicts().iter().all(|c| c.target == Target::Reference));
    plan.resolve_all(Choice::Theirs);
    apply(&mut office, &plan, &author(OFFICE, 20)).unwrap();
    assert_eq!(office.reference().sector("SEL").unwrap().name_fr, "Saline");
    assert_eq!(office.reference_history().last().unwrap().action, Action::Resolve);
    assert_eq!(super::plan(&tablet, &office).conflicts(), &[], "the settled names win on the tablet too");

    // Reference data changed without being tracked (two files from before version 3) cannot
    // say which side is newer: the merge asks.
    let mut untracked = Dataset::new(ReferenceData::builtin());
    let mut renamed = ReferenceData::builtin();
    renamed.rename(Table::Communes, "ASL", "Asilah", "أصيلة").unwrap();
    let other = Dataset::new(renamed);
    let plan = super::plan(&untracked, &other);
    assert_eq!(plan.conflicts().iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), vec!["communes/ASL/name_fr"]);
    let mut plan = plan;
    plan.resolve_all(Choice::Ours);
    apply(&mut untracked, &plan, &author(OFFICE, 30)).unwrap();
    assert_eq!(untracked.reference().commune("ASL").unwrap().name_fr, "Assilah");
}

#[test]
fn reference_data_changed_on_one_side_only_is_taken_without_a_question() {
    let office = office();
    let mut tablet = copy(&office);
    tablet.change_reference_in_test(&author(TABLET, 11), |r| r.retire(Table::Funders, "ADS").unwrap());
    let plan = plan(&office, &tablet);
    assert_eq!(plan.conflicts(), &[]);
    assert_eq!(plan.summary().reference_changes, 1);
    let mut office = office;
    merge(&mut office, &tablet, Choice::Ours, OFFICE, 20);
    assert!(office.reference().funder("ADS").unwrap().retired);
    assert_eq!(office, tablet);
}

#[test]
fn a_plan_made_before_the_data_changed_writes_nothing() {
    let mut office = office();
    let mut tablet = copy(&office);
    edit_coop(&mut tablet, TABLET, 11, |c| c.notes = "x".into());
    let plan = plan(&office, &tablet);
    edit_coop(&mut office, OFFICE, 12, |c| c.name_fr = "Coopérative Essai II".into());
    let before = office.clone();
    let error = apply(&mut office, &plan, &author(OFFICE, 20)).unwrap_err();
    assert_eq!(error, MergeError::Stale { target: Target::Record(COOP_REF) });
    assert_eq!(error.message(Lang::Ar), "تغيرت المعطيات منذ تحضير الدمج؛ أعد تحضيره");
    assert_eq!(office, before);
}

#[test]
fn an_unknown_conflict_number_is_an_error() {
    let mut plan = plan(&office(), &office());
    assert_eq!(plan.resolve(3, Choice::Ours), Err(MergeError::UnknownConflict { id: 3 }));
}

#[test]
fn every_merge_error_has_a_message_in_both_languages_lowercase_without_a_final_period() {
    let errors = [
        MergeError::UnknownConflict { id: 1 },
        MergeError::Unresolved { count: 2, first: Target::Reference, field: "x".into() },
        MergeError::Stale { target: Target::Record(COOP_REF) },
        MergeError::InvalidReference { message: "x".into() },
    ];
    for error in errors {
        for text in [error.to_string(), error.message(Lang::Fr), error.message(Lang::Ar)] {
            assert!(!text.is_empty() && !text.ends_with('.'), "{text}");
            assert!(!text.chars().next().unwrap().is_uppercase(), "{text}");
        }
    }
}

/// A meeting of the test type, created on the office with this attendance.
fn meeting(attendance: &[&str]) -> Record<Meeting> {
    let data = Meeting { title: "AG".into(), attendance: attendance.iter().map(|s| (*s).to_owned()).collect() };
    Record { id: Id::from_u128(0x3e), meta: Meta::created_by(&author(OFFICE, 1)), data }
}

/// Records a change of the attendance, as `Dataset::apply` would.
fn attend(record: &mut Record<Meeting>, device: Id, millis: i64, attendance: &[&str]) {
    let old = crate::fields::json(&record.data.attendance);
    record.data.attendance = attendance.iter().map(|s| (*s).to_owned()).collect();
    let new = crate::fields::json(&record.data.attendance);
    record.meta.touch(&author(device, millis), Action::Update, vec![ChangedField { field: "attendance".into(), old, new }]);
}

#[test]
fn a_set_field_changed_on_both_devices_keeps_both_additions_in_both_directions() {
    let created = meeting(&["Omar"]);
    let (mut office, mut tablet) = (created.clone(), created);
    attend(&mut office, OFFICE, 2, &["Amina", "Omar"]);
    attend(&mut tablet, TABLET, 3, &["Nadia", "Omar"]);
    let one = join(&office, &tablet);
    let other = join(&tablet, &office);
    assert!(one.conflicts.is_empty());
    assert_eq!(one.record.data.attendance, vec!["Amina", "Nadia", "Omar"]);
    assert_eq!(one.record, other.record);
    // Merging the union again with either side changes nothing.
    assert_eq!(join(&one.record, &office).record, one.record);
    assert_eq!(join(&one.record, &tablet).record, one.record);
    // A later removal on a device that saw the union wins over the union.
    let mut removed = one.record.clone();
    attend(&mut removed, OFFICE, 9, &["Amina", "Omar"]);
    assert_eq!(join(&removed, &tablet).record.data.attendance, vec!["Amina", "Omar"]);
    // ...and over a tablet that, meanwhile, took someone else back: both removals stand.
    attend(&mut tablet, TABLET, 10, &["Nadia"]);
    let both = join(&removed, &tablet);
    assert!(both.conflicts.is_empty());
    assert_eq!(both.record.data.attendance, vec!["Amina"]);
    assert_eq!(join(&tablet, &removed).record, both.record);
}

#[test]
fn a_removal_after_an_earlier_merge_is_not_undone_by_the_clock_of_the_merged_field() {
    // The office and the tablet each added someone, then the tablet merged the office's copy:
    // the merged list was written by no single change. The office then removes its own
    // addition; the tablet's copy, merged long ago, must not bring it back, and the tablet's
    // own addition, which the office never saw, must stay.
    let created = meeting(&[]);
    let (mut office, mut tablet) = (created.clone(), created);
    attend(&mut office, OFFICE, 2, &["Amina"]);
    attend(&mut tablet, TABLET, 3, &["Nadia"]);
    let tablet = join(&tablet, &office).record;
    attend(&mut office, OFFICE, 4, &[]);
    let one = join(&office, &tablet);
    assert!(one.conflicts.is_empty());
    assert_eq!(one.record.data.attendance, vec!["Nadia"]);
    assert_eq!(join(&tablet, &office).record, one.record);
}

#[test]
fn a_set_whose_changes_the_history_does_not_hold_is_asked_about_not_united() {
    let created = meeting(&["Omar"]);
    let (mut office, mut tablet) = (created.clone(), created);
    attend(&mut office, OFFICE, 2, &[]);
    attend(&mut tablet, TABLET, 3, &["Nadia", "Omar"]);
    // The office's change was made before histories were kept.
    office.meta.history.retain(|change| change.action == Action::Create);
    let one = join(&office, &tablet);
    assert_eq!(one.conflicts.len(), 1);
    let (field, kind, ours, theirs) = &one.conflicts[0];
    assert_eq!((field.as_str(), *kind), ("attendance", ConflictKind::Field));
    assert_eq!((ours, theirs), (&json!([]), &json!(["Nadia", "Omar"])));
    assert_eq!(one.record.data.attendance, Vec::<String>::new(), "this device's version stands until a person chooses");
}

#[test]
fn the_field_lists_cover_every_value_of_every_kind_of_record() {
    let rules = Rulebook::default_for_programme_3("أ", "A");
    let mut other = Rulebook::default_for_programme_3("ب", "B");
    let percent = |n: i64| Rate::from_percent(Decimal::from(n)).unwrap();
    other.max_indh_share = crate::rules::ShareRule { rate: percent(70), severity: Severity::Block };
    other.indh_ceiling = crate::rules::CeilingRule { cooperative: dh("1.00"), union: dh("2.00"), gie: dh("3.00"), severity: Severity::Off };
    other.min_own_share = crate::rules::ShareRule { rate: percent(10), severity: Severity::Block };
    other.max_in_kind_share_of_own = crate::rules::ShareRule { rate: percent(11), severity: Severity::Block };
    other.min_women_youth_share = crate::rules::ShareRule { rate: percent(12), severity: Severity::Block };
    other.youth_ages = crate::rules::AgeBand { min_age: 16, max_age: 40 };
    other.min_members = crate::rules::CountRule { minimum: 7, severity: Severity::Block };
    other.programme_period = crate::rules::PeriodRule { first_year: 2020, last_year: 2030, severity: Severity::Block };
    check_fields(&rules, &other);

    let full = Cooperative {
        name_ar: "ب".into(),
        name_fr: "B".into(),
        legal_form: LegalForm::Union,
        register_number: Some(RegisterNumber::new("TPI-ASL", "7/2020").unwrap()),
        ice: Some(Ice::parse("001561191000066", IceCheck::Enforce).unwrap()),
        created_on: Some(day("2020-02-03")),
        commune: "DCH".into(),
        milieu_override: Some(MilieuOverride { milieu: Milieu::Urban, reason: "centre".into() }),
        sector: "PAM".into(),
        members: Members { total: 30, women: 20, youth: 10 },
        president_gender: Gender::Female,
        status: CooperativeStatus::Inactive,
        contact: Contact { phone: Some(Phone::parse("0539123456").unwrap()), email: Some("x@example.org".into()), address: "Dar Chaoui".into() },
        notes: "n".into(),
    };
    check_fields(&cooperative(), &full);

    let other = Project {
        title_ar: "ب".into(),
        title_fr: "B".into(),
        cooperative: Id::from_u128(1),
        programme: "P1".into(),
        axis: "P1-X".into(),
        call: Call { year: 2023, rulebook: Id::from_u128(2) },
        total_cost: dh("1.00"),
        contributions: vec![],
        submitted_on: None,
        cpdh_approved_on: None,
        convention_signed_on: None,
        tranches: vec![],
        disbursements: vec![],
        jobs: Jobs { total: 9, women: 8, youth: 7 },
        status: ProjectStatus::Completed,
        notes: "n".into(),
    };
    check_fields(&project(), &other);

    use crate::meeting::{Attendee, Challenge, ChallengeTag, CheckIn, FollowUp, Meeting, Presentation, Testimonial, TimeOfDay};
    let first = Meeting::new("أ", "A", day("2025-07-09"), "Tanger");
    let mut second = Meeting::new("ب", "B", day("2025-07-10"), "Assilah");
    second.start_time = TimeOfDay::new(10, 0);
    second.organisers = vec!["INDH".into()];
    second.partners = vec!["ODCO".into()];
    second.agenda = vec![Presentation { title: "t".into(), presenter: "ODCO".into() }];
    second.invite(&[COOP]);
    second.attendance.check_in(CheckIn::new(Attendee::Cooperative(COOP), 1, 0, Timestamp::EPOCH).unwrap()).unwrap();
    second.testimonials = vec![Testimonial { cooperative: COOP, lang: Lang::Fr, text: "t".into() }];
    second.challenges = vec![Challenge { text: "c".into(), tags: vec![ChallengeTag::Legal] }];
    second.follow_ups = vec![FollowUp { text: "f".into(), owner: "o".into(), due_on: None, done: false }];
    check_fields(&first, &second);

    use crate::visit::{ObservedState, Visit};
    let visit = |n: u128, date: &str, state, next: Option<Date>| Visit {
        cooperative: Id::from_u128(n),
        date: day(date),
        visitor: format!("v{n}"),
        purpose: format!("p{n}"),
        state,
        observations: format!("o{n}"),
        needs: format!("n{n}"),
        next_steps: format!("s{n}"),
        next_visit_on: next,
    };
    check_fields(&visit(1, "2025-01-01", ObservedState::Active, None), &visit(2, "2025-02-01", ObservedState::Dormant, Some(day("2025-03-01"))));

    use crate::story::Story;
    let story = |n: u32, amount: Option<Amount>| Story {
        project: Id::from_u128(u128::from(n)),
        story_ar: format!("{n}"),
        story_fr: format!("{n}"),
        jobs: Some(n),
        turnover_before: amount,
        turnover_after: amount,
        photos: vec![format!("{n}"); n as usize],
    };
    check_fields(&story(1, None), &story(2, Some(dh("1.00"))));
}

#[test]
fn a_cooperative_checked_in_with_different_counts_on_two_tablets_is_a_conflict_and_nothing_is_lost() {
    use crate::meeting::{Attendee, CheckIn, Meeting};
    const MEETING: Id = Id::from_u128(0x9e);
    let at = |minute: i64| Timestamp::from_millis(1_752_051_600_000 + minute * 60_000).unwrap();
    let check_in = |n: u128, people: u32, women: u32, minute: i64| CheckIn::new(Attendee::Cooperative(Id::from_u128(n)), people, women, at(minute)).unwrap();
    let mut office = office();
    let created = Meeting::new("لقاء", "Rencontre", day("2025-07-09"), "Tanger");
    office.apply(Edit::CreateMeeting { id: MEETING, meeting: created }, &recorded(OFFICE, 5)).unwrap();
    let mut tablet = copy(&office);
    let check = |data: &mut Dataset, device: Id, millis: i64, check_ins: Vec<CheckIn>| {
        let record = data.meetings().get(MEETING).unwrap().clone();
        let mut meeting = record.data.clone();
        for check_in in check_ins {
            meeting.attendance.check_in(check_in).unwrap();
        }
        data.apply(Edit::UpdateMeeting { id: MEETING, base_revision: record.meta.revision, meeting }, &recorded(device, millis)).unwrap();
    };
    // The door tablet and the hall tablet both counted cooperative 1, differently.
    check(&mut office, OFFICE, 10, vec![check_in(1, 5, 2, 3), check_in(2, 1, 0, 4)]);
    check(&mut tablet, TABLET, 11, vec![check_in(1, 3, 3, 1), check_in(3, 4, 1, 2)]);
    let target = RecordRef { kind: RecordKind::Meeting, id: MEETING };

    for (choice, kept) in [(Choice::Ours, check_in(1, 5, 2, 3)), (Choice::Theirs, check_in(1, 3, 3, 1))] {
        let mut plan = plan(&office, &tablet);
        assert_eq!(outcome(&plan, target), Outcome::Conflict);
        let conflict = plan.conflicts()[0].clone();
        assert_eq!((conflict.field.as_str(), conflict.kind), ("attendance", ConflictKind::Field));
        // Both versions of the disputed check-in are shown, and only those.
        assert_eq!(conflict.ours, serde_json::to_value(vec![check_in(1, 5, 2, 3)]).unwrap());
        assert_eq!(conflict.theirs, serde_json::to_value(vec![check_in(1, 3, 3, 1)]).unwrap());
        plan.resolve(conflict.id, choice).unwrap();
        let mut merged = office.clone();
        apply(&mut merged, &plan, &author(OFFICE, 20)).unwrap();
        let attendance = &merged.meetings().get(MEETING).unwrap().data.attendance;
        assert_eq!(attendance.check_ins(), &[kept, check_in(2, 1, 0, 4), check_in(3, 4, 1, 2)], "{choice:?} keeps every other attendee of both");
        // The choice travels: the tablet takes the same attendance without being asked.
        let mut other = tablet.clone();
        let again = super::plan(&other, &merged);
        assert_eq!(again.conflicts(), &[]);
        apply(&mut other, &again, &author(TABLET, 30)).unwrap();
        assert_eq!(other.meetings().get(MEETING), merged.meetings().get(MEETING));
    }
}

mod meetings {
    //! Set fields on the real meeting, edited through `Dataset::apply` on two tablets.

    use super::*;
    use crate::meeting::{Attendee, CheckIn, Meeting, Testimonial};

    const MEETING: Id = Id::from_u128(0x9f);
    const TARGET: RecordRef = RecordRef { kind: RecordKind::Meeting, id: MEETING };

    fn at(minute: i64) -> Timestamp {
        Timestamp::from_millis(1_752_051_600_000 + minute * 60_000).unwrap()
    }

    fn check_in(n: u128, people: u32, minute: i64) -> CheckIn {
        CheckIn::new(Attendee::Cooperative(Id::from_u128(n)), people, 0, at(minute)).unwrap()
    }

    fn said(n: u128, text: &str) -> Testimonial {
        Testimonial { cooperative: Id::from_u128(n), lang: Lang::Fr, text: text.into() }
    }

    /// The office's data with a meeting inviting cooperatives 1 to 3, cooperative 1 checked in
    /// and one testimonial; and the tablet's copy of it.
    fn before_the_meeting() -> (Dataset, Dataset) {
        let mut office = office();
        let mut meeting = Meeting::new("لقاء", "Rencontre", day("2025-07-09"), "Tanger");
        meeting.invite(&[Id::from_u128(1), Id::from_u128(2), Id::from_u128(3)]);
        meeting.attendance.check_in(check_in(1, 2, 0)).unwrap();
        meeting.testimonials = vec![said(1, "le marché est loin")];
        office.apply(Edit::CreateMeeting { id: MEETING, meeting }, &recorded(OFFICE, 5)).unwrap();
        let tablet = copy(&office);
        (office, tablet)
    }

    fn change(data: &mut Dataset, device: Id, millis: i64, edit: impl FnOnce(&mut Meeting)) {
        let record = data.meetings().get(MEETING).unwrap().clone();
        let mut meeting = record.data.clone();
        edit(&mut meeting);
        data.apply(Edit::UpdateMeeting { id: MEETING, base_revision: record.meta.revision, meeting }, &recorded(device, millis)).unwrap();
    }

    fn meeting(data: &Dataset) -> &Meeting {
        &data.meetings().get(MEETING).unwrap().data
    }

    /// Merges each way without a question; both results, which must agree.
    fn merged_both_ways(office: &Dataset, tablet: &Dataset) -> Meeting {
        let (mut here, mut there) = (office.clone(), tablet.clone());
        for (current, incoming, device) in [(&mut here, tablet, OFFICE), (&mut there, office, TABLET)] {
            let plan = plan(current, incoming);
            assert_eq!(plan.conflicts(), &[], "no question expected");
            apply(current, &plan, &author(device, 50)).unwrap();
        }
        assert_eq!(here.meetings().get(MEETING), there.meetings().get(MEETING), "both directions give the same meeting");
        meeting(&here).clone()
    }

    #[test]
    fn two_tablets_checking_in_different_cooperatives_merge_without_a_question_the_same_both_ways() {
        let (mut office, mut tablet) = before_the_meeting();
        change(&mut office, OFFICE, 10, |m| m.attendance.check_in(check_in(2, 3, 5)).unwrap());
        change(&mut tablet, TABLET, 11, |m| m.attendance.check_in(check_in(3, 1, 6)).unwrap());
        let merged = merged_both_ways(&office, &tablet);
        assert_eq!(merged.attendance.check_ins(), &[check_in(1, 2, 0), check_in(2, 3, 5), check_in(3, 1, 6)]);
        assert_eq!(outcome(&plan(&office, &tablet), TARGET), Outcome::Updated);
    }

    #[test]
    fn a_cooperative_taken_off_the_invitation_list_does_not_come_back_from_the_other_tablet() {
        let (mut office, mut tablet) = before_the_meeting();
        change(&mut office, OFFICE, 10, |m| m.invited.retain(|id| *id != Id::from_u128(2)));
        change(&mut tablet, TABLET, 11, |m| m.invite(&[Id::from_u128(4)]));
        let merged = merged_both_ways(&office, &tablet);
        assert_eq!(merged.invited, vec![Id::from_u128(1), Id::from_u128(3), Id::from_u128(4)]);
    }

    #[test]
    fn a_check_in_taken_back_on_one_tablet_stays_taken_back_while_the_other_checked_in_someone_else() {
        let (mut office, mut tablet) = before_the_meeting();
        change(&mut office, OFFICE, 10, |m| assert!(m.attendance.remove(&Attendee::Cooperative(Id::from_u128(1)))));
        change(&mut tablet, TABLET, 11, |m| m.attendance.check_in(check_in(3, 1, 6)).unwrap());
        let merged = merged_both_ways(&office, &tablet);
        assert_eq!(merged.attendance.check_ins(), &[check_in(3, 1, 6)]);
    }

    #[test]
    fn a_count_corrected_on_one_tablet_wins_over_the_count_the_other_left_alone() {
        let (mut office, mut tablet) = before_the_meeting();
        change(&mut office, OFFICE, 10, |m| m.attendance.correct(check_in(1, 5, 0)));
        change(&mut tablet, TABLET, 11, |m| m.attendance.check_in(check_in(2, 1, 6)).unwrap());
        let merged = merged_both_ways(&office, &tablet);
        assert_eq!(merged.attendance.check_ins(), &[check_in(1, 5, 0), check_in(2, 1, 6)]);
    }

    #[test]
    fn an_edited_testimonial_comes_back_once_in_its_new_words_when_the_other_tablet_added_one() {
        let (mut office, mut tablet) = before_the_meeting();
        change(&mut office, OFFICE, 10, |m| m.testimonials = vec![said(1, "le marché est trop loin")]);
        change(&mut tablet, TABLET, 11, |m| m.testimonials.push(said(2, "merci")));
        let merged = merged_both_ways(&office, &tablet);
        assert_eq!(merged.testimonials, vec![said(1, "le marché est trop loin"), said(2, "merci")]);
    }

    #[test]
    fn a_check_in_taken_back_on_one_tablet_and_corrected_on_the_other_is_a_conflict_either_choice_keeping_the_rest() {
        let (mut office, mut tablet) = before_the_meeting();
        change(&mut office, OFFICE, 10, |m| {
            assert!(m.attendance.remove(&Attendee::Cooperative(Id::from_u128(1))));
            m.attendance.check_in(check_in(2, 1, 5)).unwrap();
        });
        change(&mut tablet, TABLET, 11, |m| {
            m.attendance.correct(check_in(1, 4, 0));
            m.attendance.check_in(check_in(3, 2, 6)).unwrap();
        });
        for (choice, expected) in
            [(Choice::Ours, vec![check_in(2, 1, 5), check_in(3, 2, 6)]), (Choice::Theirs, vec![check_in(1, 4, 0), check_in(2, 1, 5), check_in(3, 2, 6)])]
        {
            let mut plan = plan(&office, &tablet);
            assert_eq!(plan.conflicts().len(), 1);
            let conflict = plan.conflicts()[0].clone();
            assert_eq!(conflict.field, "attendance");
            // This device took it back (nothing to show), the other corrected it.
            assert_eq!(conflict.ours, json!([]));
            assert_eq!(conflict.theirs, serde_json::to_value(vec![check_in(1, 4, 0)]).unwrap());
            // ...and says so in words, never as JSON.
            let datasets = [&office, &tablet];
            let names = crate::history::Names::new(&datasets);
            assert_eq!(conflict.show(Choice::Ours, names, Lang::Fr), "retiré de la liste");
            assert_eq!(conflict.show(Choice::Ours, names, Lang::Ar), "حُذف من اللائحة");
            assert_eq!(
                conflict.show(Choice::Theirs, names, Lang::Fr).replace('\u{a0}', " "),
                format!("{} : 4 personnes, dont 0 femme", Id::from_u128(1).to_string().chars().take(8).collect::<String>())
            );
            plan.resolve(conflict.id, choice).unwrap();
            let mut merged = office.clone();
            apply(&mut merged, &plan, &author(OFFICE, 20)).unwrap();
            assert_eq!(meeting(&merged).attendance.check_ins(), &expected[..], "{choice:?}");
            // The choice travels to the tablet without a second question.
            let mut other = tablet.clone();
            let again = super::plan(&other, &merged);
            assert_eq!(again.conflicts(), &[]);
            apply(&mut other, &again, &author(TABLET, 30)).unwrap();
            assert_eq!(meeting(&other), meeting(&merged));
        }
    }
}
