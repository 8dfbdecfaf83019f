//! Tests of edits, findings and diffs on a small hand-made dataset: every rule on both sides of
//! its threshold, refusals that leave the dataset unchanged, metadata, and field-by-field diffs.

use rust_decimal::Decimal;

use super::*;
use crate::amount::Amount;
use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use crate::date::Date;
use crate::document;
use crate::finding::{Code, Level};
use crate::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus, Tranche};
use crate::rate::Rate;
use crate::record::{Author, RecordKind, RecordRef, Timestamp};
use crate::reference::{Milieu, ReferenceData};
use crate::rules::{Rulebook, Severity};

const RULEBOOK: Id = Id::from_u128(0xa);
const COOP: Id = Id::from_u128(0xc);
const PROJECT: Id = Id::from_u128(0xd);
const TABLET: Id = Id::from_u128(0x7ab);

fn dh(text: &str) -> Amount {
    Amount::from_decimal(text.parse::<Decimal>().unwrap()).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn form(millis: i64) -> EditContext {
    EditContext::form(Author { at: Timestamp::from_millis(millis).unwrap(), user: "Salma".into(), device: TABLET, device_name: "tablette".into() })
}

fn recorded(millis: i64) -> EditContext {
    EditContext::recorded(Author { at: Timestamp::from_millis(millis).unwrap(), user: "import".into(), device: TABLET, device_name: "tablette".into() })
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

/// A project of 100 000,00 DH: INDH 60 000 cash, own 30 000 cash + 10 000 in kind.
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
            Contribution { funder: "OWN".into(), amount: dh("30000.00"), kind: ContributionKind::Cash },
            Contribution { funder: "OWN".into(), amount: dh("10000.00"), kind: ContributionKind::InKind },
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

fn dataset() -> Dataset {
    let mut data = Dataset::new(ReferenceData::builtin());
    let rules = Rulebook::default_for_programme_3("طلب 2022", "Appel 2022");
    data.apply(Edit::CreateRulebook { id: RULEBOOK, rulebook: rules }, &form(1)).unwrap();
    data.apply(Edit::CreateCooperative { id: COOP, cooperative: cooperative() }, &form(2)).unwrap();
    data.apply(Edit::CreateProject { id: PROJECT, project: project() }, &form(3)).unwrap();
    data
}

/// The codes found after replacing the project with `change(project)` (as recorded data, so
/// nothing is refused).
fn codes_after(change: impl FnOnce(&mut Project)) -> Vec<(Code, Level)> {
    let mut data = dataset();
    let mut changed = project();
    change(&mut changed);
    data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &recorded(10)).unwrap();
    data.validate().into_iter().map(|f| (f.code, f.level)).collect()
}

fn cooperative_codes_after(change: impl FnOnce(&mut Cooperative)) -> Vec<(Code, Level)> {
    let mut data = dataset();
    let mut changed = cooperative();
    change(&mut changed);
    data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: changed }, &recorded(10)).unwrap();
    data.validate().into_iter().map(|f| (f.code, f.level)).collect()
}

/// Moves `amount` dirhams from the own cash line to the INDH line.
fn more_indh(project: &mut Project, amount: &str) {
    let moved = dh(amount);
    project.contributions[0].amount = project.contributions[0].amount.checked_add(moved).unwrap();
    project.contributions[1].amount = project.contributions[1].amount.checked_sub(moved).unwrap();
}

#[test]
fn the_sample_dataset_has_no_finding_at_all() {
    assert_eq!(dataset().validate(), vec![]);
}

#[test]
fn an_indh_share_of_exactly_60_percent_passes_and_60_01_percent_warns() {
    assert!(codes_after(|_| {}).is_empty());
    let codes = codes_after(|p| more_indh(p, "10.00"));
    // The 10 DH come out of the own contribution, which falls below 40 % by as much.
    assert_eq!(codes, vec![(Code::IndhShareAboveMaximum, Level::Warn), (Code::OwnShareBelowMinimum, Level::Warn)]);
}

#[test]
fn the_indh_share_finding_points_at_the_indh_line_with_both_messages() {
    let mut data = dataset();
    let mut changed = project();
    more_indh(&mut changed, "10.00");
    let applied = data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &form(10)).unwrap();
    let finding = &applied.findings[0];
    assert_eq!(finding.path.to_string(), "projects[0].contributions[0].amount");
    assert_eq!(finding.message.fr.replace('\u{a0}', " "), "la part de l'INDH (60,0 %) dépasse le maximum de l'appel (60,0 %)");
    assert!(finding.message.ar.contains("المبادرة الوطنية"));
    assert_eq!(finding.record, Some(RecordRef { kind: RecordKind::Project, id: PROJECT }));
    assert_eq!(applied.new_findings, applied.findings);
}

#[test]
fn an_indh_contribution_of_300_000_passes_and_one_centime_more_warns() {
    let at = |indh: &str| {
        codes_after(|p| {
            p.total_cost = dh("600000.00");
            p.contributions = vec![
                Contribution { funder: "INDH".into(), amount: dh(indh), kind: ContributionKind::Cash },
                Contribution { funder: "OWN".into(), amount: dh("600000.00").checked_sub(dh(indh)).unwrap(), kind: ContributionKind::Cash },
            ];
            p.tranches.clear();
        })
    };
    assert!(at("300000.00").is_empty());
    assert_eq!(at("300000.01"), vec![(Code::IndhAboveCeiling, Level::Warn)]);
}

#[test]
fn an_own_contribution_of_40_percent_passes_and_39_99_percent_warns() {
    let at = |own: &str| {
        codes_after(|p| {
            let own = dh(own);
            p.contributions = vec![
                Contribution { funder: "INDH".into(), amount: dh("50000.00"), kind: ContributionKind::Cash },
                Contribution { funder: "OWN".into(), amount: own, kind: ContributionKind::Cash },
                Contribution { funder: "ADS".into(), amount: dh("50000.00").checked_sub(own).unwrap(), kind: ContributionKind::Cash },
            ];
            p.tranches.clear();
        })
    };
    assert!(at("40000.00").is_empty());
    assert_eq!(at("39990.00"), vec![(Code::OwnShareBelowMinimum, Level::Warn)]);
}

#[test]
fn in_kind_of_half_the_own_contribution_passes_and_50_01_percent_warns() {
    let at = |in_kind: &str| {
        codes_after(|p| {
            let in_kind = dh(in_kind);
            p.contributions[1].amount = dh("40000.00").checked_sub(in_kind).unwrap();
            p.contributions[2].amount = in_kind;
        })
    };
    assert!(at("20000.00").is_empty());
    assert_eq!(at("20004.00"), vec![(Code::InKindAboveShareOfOwn, Level::Warn)]);
}

#[test]
fn women_and_youth_must_be_strictly_more_than_30_percent_of_the_members() {
    let at = |women: u32, youth: u32| {
        cooperative_codes_after(|c| {
            c.members = Members { total: 10_000, women, youth };
        })
    };
    assert!(at(2_000, 1_001).is_empty());
    assert_eq!(at(2_000, 1_000), vec![(Code::WomenYouthShareTooLow, Level::Warn)]);
    // A young woman is in both counts: the sum never counts more people than there are.
    assert!(at(10_000, 10_000).is_empty());
}

#[test]
fn five_members_pass_and_four_warn() {
    let at = |total: u32| cooperative_codes_after(|c| c.members = Members { total, women: 2, youth: 1 });
    assert!(at(5).is_empty());
    assert_eq!(at(4), vec![(Code::TooFewMembers, Level::Warn)]);
}

#[test]
fn approvals_in_2019_and_2025_pass_and_in_2018_and_2026_warn() {
    let at = |approved: &str| {
        codes_after(|p| {
            p.submitted_on = None;
            p.cpdh_approved_on = Some(day(approved));
            p.convention_signed_on = Some(day(approved));
            p.tranches.clear();
            p.disbursements.clear();
        })
    };
    assert!(at("2019-01-01").is_empty());
    assert!(at("2025-12-31").is_empty());
    assert_eq!(at("2018-12-31"), vec![(Code::OutsideProgrammePeriod, Level::Warn)]);
    assert_eq!(at("2026-01-01"), vec![(Code::OutsideProgrammePeriod, Level::Warn)]);
}

#[test]
fn contributions_one_centime_short_of_the_total_cost_always_block() {
    let codes = codes_after(|p| p.total_cost = dh("99999.99"));
    assert_eq!(codes[0], (Code::ContributionsDoNotSumToTotal, Level::Block));
    assert!(codes_after(|p| p.total_cost = dh("100000.00")).is_empty());
}

#[test]
fn disbursing_exactly_the_commitment_passes_and_one_centime_more_blocks_at_the_payment_that_crosses_it() {
    let paid = |second: &str| {
        let mut data = dataset();
        let mut changed = project();
        changed.disbursements.push(Disbursement { paid_on: day("2022-09-01"), funder: "INDH".into(), amount: dh(second) });
        data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &recorded(10)).unwrap();
        data.validate().into_iter().map(|f| (f.code, f.path.to_string())).collect::<Vec<_>>()
    };
    assert!(paid("30000.00").is_empty());
    assert_eq!(paid("30000.01"), vec![(Code::DisbursedAboveCommitted, "projects[0].disbursements[1].amount".to_owned())]);
}

#[test]
fn a_payment_from_a_funder_that_committed_nothing_blocks() {
    let codes = codes_after(|p| p.disbursements[0].funder = "ADS".into());
    assert_eq!(codes, vec![(Code::DisbursedAboveCommitted, Level::Block)]);
}

#[test]
fn dates_out_of_order_always_block() {
    assert_eq!(codes_after(|p| p.cpdh_approved_on = Some(day("2022-01-01"))), vec![(Code::DatesOutOfOrder, Level::Block)]);
    assert_eq!(codes_after(|p| p.disbursements[0].paid_on = day("2022-03-31")), vec![(Code::DatesOutOfOrder, Level::Block)]);
    assert_eq!(codes_after(|p| p.convention_signed_on = Some(day("2022-02-28"))), vec![(Code::DatesOutOfOrder, Level::Block)]);
}

#[test]
fn a_convention_signed_before_the_cooperative_existed_blocks() {
    let codes = cooperative_codes_after(|c| c.created_on = Some(day("2022-05-01")));
    assert_eq!(codes, vec![(Code::DatesOutOfOrder, Level::Block)]);
}

#[test]
fn a_funded_project_without_its_approval_date_blocks() {
    let codes = codes_after(|p| {
        p.cpdh_approved_on = None;
    });
    assert_eq!(codes, vec![(Code::DateMissing, Level::Block)]);
}

#[test]
fn validation_returns_every_finding_not_only_the_first() {
    let codes = codes_after(|p| {
        p.total_cost = dh("1.00");
        p.programme = "P9".into();
        p.jobs.women = 9;
        p.disbursements[0].paid_on = day("2021-01-01");
    });
    let only: Vec<Code> = codes.iter().map(|(code, _)| *code).collect();
    for expected in [Code::ContributionsDoNotSumToTotal, Code::UnknownCode, Code::CountsInconsistent, Code::DatesOutOfOrder] {
        assert!(only.contains(&expected), "{expected:?} missing from {only:?}");
    }
}

#[test]
fn a_blocking_finding_refuses_a_form_edit_and_leaves_the_dataset_byte_for_byte_unchanged() {
    let mut data = dataset();
    let before = document::export(&data);
    let mut changed = project();
    changed.total_cost = dh("99999.99");
    changed.jobs.youth = 99;
    let refused = data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &form(10)).unwrap_err();
    let codes: Vec<Code> = refused.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::ContributionsDoNotSumToTotal) && codes.contains(&Code::CountsInconsistent), "{codes:?}");
    assert_eq!(document::export(&data), before);
}

#[test]
fn a_refused_creation_leaves_no_trace() {
    let mut data = dataset();
    let before = document::export(&data);
    let mut broken = project();
    broken.total_cost = dh("1.00");
    assert!(data.apply(Edit::CreateProject { id: Id::from_u128(0xe), project: broken }, &form(10)).is_err());
    assert_eq!(document::export(&data), before);
}

#[test]
fn recorded_data_is_saved_with_its_blocking_findings_reported() {
    let mut data = dataset();
    let mut broken = project();
    broken.total_cost = dh("1.00");
    let applied = data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: broken }, &recorded(10)).unwrap();
    assert!(applied.findings.iter().any(|f| f.code == Code::ContributionsDoNotSumToTotal && f.blocks()));
    assert_eq!(data.projects().get(PROJECT).unwrap().data.total_cost, dh("1.00"));
}

#[test]
fn a_rule_set_to_block_refuses_a_form_edit_and_a_rule_set_off_says_nothing() {
    let mut data = dataset();
    let mut strict = data.rulebooks().get(RULEBOOK).unwrap().data.clone();
    strict.max_indh_share.severity = Severity::Block;
    strict.min_own_share.severity = Severity::Off;
    data.apply(Edit::UpdateRulebook { id: RULEBOOK, base_revision: 1, rulebook: strict }, &form(5)).unwrap();
    let mut changed = project();
    more_indh(&mut changed, "10.00");
    let refused = data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &form(10)).unwrap_err();
    let codes: Vec<Code> = refused.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec![Code::IndhShareAboveMaximum]);
}

#[test]
fn editing_a_rulebook_lists_the_new_findings_and_changes_no_project() {
    let mut data = dataset();
    let project_before = data.projects().get(PROJECT).unwrap().clone();
    let mut strict = data.rulebooks().get(RULEBOOK).unwrap().data.clone();
    strict.max_indh_share.rate = Rate::from_percent(Decimal::from(50)).unwrap();
    strict.max_indh_share.severity = Severity::Block;
    let applied = data.apply(Edit::UpdateRulebook { id: RULEBOOK, base_revision: 1, rulebook: strict }, &form(5)).unwrap();
    let new: Vec<(Code, Level, String)> = applied.new_findings.iter().map(|f| (f.code, f.level, f.path.to_string())).collect();
    assert_eq!(new, vec![(Code::IndhShareAboveMaximum, Level::Block, "projects[0].contributions[0].amount".to_owned())]);
    assert_eq!(data.projects().get(PROJECT).unwrap(), &project_before);
    assert_eq!(data.findings_under(RULEBOOK).len(), 1);
}

#[test]
fn a_rulebook_above_100_percent_is_refused() {
    let mut data = dataset();
    let mut wrong = data.rulebooks().get(RULEBOOK).unwrap().data.clone();
    wrong.max_indh_share.rate = Rate::from_percent(Decimal::from(101)).unwrap();
    let refused = data.apply(Edit::UpdateRulebook { id: RULEBOOK, base_revision: 1, rulebook: wrong }, &form(5)).unwrap_err();
    assert_eq!(refused.findings[0].code, Code::RuleInvalid);
    assert_eq!(refused.findings[0].path.to_string(), "rulebooks[0].max_indh_share.rate");
}

#[test]
fn no_new_project_may_be_opened_for_a_dissolved_or_struck_off_cooperative() {
    for status in [CooperativeStatus::Dissolved, CooperativeStatus::StruckOff] {
        let mut data = dataset();
        let mut closed = cooperative();
        closed.status = status;
        data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: closed }, &recorded(5)).unwrap();
        let refused = data.apply(Edit::CreateProject { id: Id::from_u128(0xe), project: project() }, &form(10)).unwrap_err();
        assert!(refused.findings.iter().any(|f| f.code == Code::CooperativeClosed && f.blocks()), "{status:?}");
        // Even recorded data cannot open it silently: it is reported.
        let applied = data.apply(Edit::CreateProject { id: Id::from_u128(0xe), project: project() }, &recorded(10)).unwrap();
        assert!(applied.findings.iter().any(|f| f.code == Code::CooperativeClosed));
        // The projects it already had can still be edited.
        let mut notes = project();
        notes.notes = "suivi".into();
        assert!(data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: notes }, &form(11)).is_ok());
    }
}

#[test]
fn a_cooperative_in_liquidation_may_still_receive_a_project() {
    let mut data = dataset();
    let mut closing = cooperative();
    closing.status = CooperativeStatus::InLiquidation;
    data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: closing }, &form(5)).unwrap();
    assert!(data.apply(Edit::CreateProject { id: Id::from_u128(0xe), project: project() }, &form(10)).is_ok());
}

#[test]
fn an_illegal_status_transition_is_refused_in_a_form_and_reported_for_recorded_data() {
    let mut data = dataset();
    let mut back = project();
    back.status = ProjectStatus::Submitted;
    back.cpdh_approved_on = None;
    let refused = data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: back.clone() }, &form(10)).unwrap_err();
    assert_eq!(refused.findings.iter().map(|f| f.code).collect::<Vec<_>>(), vec![Code::TransitionNotAllowed]);
    let applied = data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: back }, &recorded(10)).unwrap();
    assert!(applied.findings.iter().any(|f| f.code == Code::TransitionNotAllowed));
}

#[test]
fn an_edit_based_on_an_old_revision_is_refused_even_for_recorded_data() {
    let mut data = dataset();
    let mut first = cooperative();
    first.notes = "tab A".into();
    data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: first }, &form(10)).unwrap();
    let mut second = cooperative();
    second.notes = "tab B".into();
    let refused = data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: second }, &recorded(11)).unwrap_err();
    assert_eq!(refused.findings[0].code, Code::StaleRevision);
    assert_eq!(data.cooperatives().get(COOP).unwrap().data.notes, "tab A");
}

#[test]
fn creating_under_a_taken_id_or_updating_an_unknown_one_is_refused() {
    let mut data = dataset();
    let taken = data.apply(Edit::CreateCooperative { id: COOP, cooperative: cooperative() }, &recorded(10)).unwrap_err();
    assert_eq!(taken.findings[0].code, Code::IdTaken);
    let missing = data.apply(Edit::UpdateCooperative { id: Id::from_u128(0x99), base_revision: 1, cooperative: cooperative() }, &recorded(10)).unwrap_err();
    assert_eq!(missing.findings[0].code, Code::RecordMissing);
}

#[test]
fn each_edit_bumps_the_revision_and_the_device_count_and_stamps_author_and_time() {
    let mut data = dataset();
    let laptop = Id::from_u128(0x1a9);
    let context = EditContext::form(Author { at: Timestamp::from_millis(99).unwrap(), user: "Youssef".into(), device: laptop, device_name: "portable".into() });
    let mut changed = cooperative();
    changed.notes = "visite".into();
    let applied = data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: changed }, &context).unwrap();
    assert_eq!(applied.revision, 2);
    let meta = &data.cooperatives().get(COOP).unwrap().meta;
    assert_eq!((meta.revision, meta.updated_by.as_str(), meta.device, meta.updated.millis(), meta.created.millis()), (2, "Youssef", laptop, 99, 2));
    assert_eq!(meta.versions.get(&TABLET), Some(&1));
    assert_eq!(meta.versions.get(&laptop), Some(&1));
}

#[test]
fn deleting_a_cooperative_that_has_projects_is_refused_and_a_deleted_project_can_be_restored() {
    let mut data = dataset();
    let cooperative = RecordRef { kind: RecordKind::Cooperative, id: COOP };
    let refused = data.apply(Edit::Delete { target: cooperative, base_revision: 1 }, &form(10)).unwrap_err();
    assert!(refused.findings.iter().any(|f| f.code == Code::StillInUse));
    let project = RecordRef { kind: RecordKind::Project, id: PROJECT };
    data.apply(Edit::Delete { target: project, base_revision: 1 }, &form(11)).unwrap();
    assert!(!data.projects().get(PROJECT).unwrap().is_live());
    assert_eq!(data.projects().len(), 1, "a tombstone stays");
    data.apply(Edit::Delete { target: cooperative, base_revision: 1 }, &form(12)).unwrap();
    let restored = data.apply(Edit::Restore { target: project, base_revision: 2 }, &recorded(13)).unwrap();
    assert_eq!(restored.revision, 3);
    assert!(restored.findings.iter().any(|f| f.code == Code::CooperativeMissing));
}

#[test]
fn undoing_a_deletion_puts_the_record_back_exactly_so_the_merge_sees_no_change_of_ours() {
    let mut data = dataset();
    let project = RecordRef { kind: RecordKind::Project, id: PROJECT };
    // Another device holds the project as it was, and changes its notes meanwhile.
    let mut other = document::import(&document::export(&data)).unwrap().dataset;
    let before = data.projects().get(PROJECT).unwrap().clone();
    let deleted = data.apply(Edit::Delete { target: project, base_revision: 1 }, &form(10)).unwrap();
    let rollback = deleted.rollback.expect("a deletion can be taken back");
    assert_eq!((rollback.target(), rollback.revision()), (project, 1));
    let undone = data.apply(Edit::Rollback(Box::new(rollback.clone())), &recorded(11)).unwrap();
    assert_eq!(undone.revision, 1, "the revision is back where it was, not two further");
    assert_eq!(data.projects().get(PROJECT), Some(&before), "versions, field clock and history as before the deletion");
    assert!(data.apply(Edit::Rollback(Box::new(rollback)), &recorded(12)).is_err(), "a rollback is taken once");

    let mut changed = other.projects().get(PROJECT).unwrap().data.clone();
    changed.notes = "visite du 3 mars".into();
    let device = Id::from_u128(0xbe);
    let author = Author { at: Timestamp::from_millis(20).unwrap(), user: "Omar".into(), device, device_name: "bureau".into() };
    other.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &EditContext::form(author.clone())).unwrap();
    let plan = crate::merge::plan(&data, &other);
    assert_eq!(plan.summary().conflicts, 0, "nothing of the deletion is left to argue about");
    crate::merge::apply(&mut data, &plan, &author).unwrap();
    assert_eq!(data.projects().get(PROJECT), other.projects().get(PROJECT));
}

#[test]
fn a_rollback_is_refused_once_the_record_changed_again() {
    let mut data = dataset();
    let mut changed = project();
    changed.notes = "a".into();
    let updated = data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed.clone() }, &form(10)).unwrap();
    changed.notes = "b".into();
    data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 2, project: changed }, &form(11)).unwrap();
    let untouched = data.clone();
    let refused = data.apply(Edit::Rollback(Box::new(updated.rollback.unwrap())), &recorded(12)).unwrap_err();
    assert_eq!(refused.findings[0].code, Code::StaleRevision);
    assert_eq!(data, untouched);
    let created = data.apply(Edit::CreateCooperative { id: Id::from_u128(0xcc), cooperative: cooperative() }, &form(13)).unwrap();
    assert_eq!(created.rollback, None, "a creation is taken back by deleting");
}

#[test]
fn a_newly_chosen_retired_code_warns_but_an_old_one_kept_does_not() {
    let mut reference = ReferenceData::builtin();
    reference.retire(crate::reference::Table::Sectors, "AGR-API").unwrap();
    let mut data = Dataset::new(reference);
    let applied = data.apply(Edit::CreateCooperative { id: COOP, cooperative: cooperative() }, &form(1)).unwrap();
    assert_eq!(applied.findings.iter().map(|f| (f.code, f.level)).collect::<Vec<_>>(), vec![(Code::RetiredCode, Level::Warn)]);
    let mut renamed = cooperative();
    renamed.notes = "même secteur".into();
    let applied = data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: renamed }, &form(2)).unwrap();
    assert!(applied.findings.is_empty());
}

#[test]
fn the_milieu_follows_the_commune_unless_overridden_with_a_reason() {
    let reference = ReferenceData::builtin();
    let mut coop = cooperative();
    assert_eq!(coop.milieu(&reference), Some(Milieu::Rural));
    coop.milieu_override = Some(MilieuOverride { milieu: Milieu::Urban, reason: "centre urbain".into() });
    assert_eq!(coop.milieu(&reference), Some(Milieu::Urban));
    let codes = cooperative_codes_after(|c| c.milieu_override = Some(MilieuOverride { milieu: Milieu::Urban, reason: "  ".into() }));
    assert_eq!(codes, vec![(Code::OverrideWithoutReason, Level::Block)]);
}

#[test]
fn a_cooperative_is_women_led_when_a_woman_presides_or_women_are_a_majority() {
    let mut coop = cooperative();
    assert!(!coop.is_women_led());
    coop.president_gender = Gender::Female;
    assert!(coop.is_women_led());
    coop.president_gender = Gender::Male;
    coop.members = Members { total: 10, women: 5, youth: 0 };
    assert!(!coop.is_women_led(), "half is not a majority");
    coop.members.women = 6;
    assert!(coop.is_women_led());
    assert_eq!(coop.women_share().unwrap().to_percent(), Decimal::from(60));
}

#[test]
fn an_ice_failing_its_check_warns() {
    let codes = cooperative_codes_after(|c| c.ice = Some(crate::ice::Ice::parse("001561191000065", crate::ice::IceCheck::Off).unwrap()));
    assert_eq!(codes, vec![(Code::IceChecksumFails, Level::Warn)]);
}

#[test]
fn diff_lists_added_changed_field_by_field_and_deleted_records() {
    let mine = dataset();
    let mut theirs = dataset();
    let mut changed = project();
    changed.contributions[1].amount = dh("29000.00");
    changed.contributions[2].amount = dh("11000.00");
    theirs.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &recorded(20)).unwrap();
    let mut second = cooperative();
    second.name_fr = "Deuxième".into();
    theirs.apply(Edit::CreateCooperative { id: Id::from_u128(0xf), cooperative: second }, &recorded(21)).unwrap();
    theirs.apply(Edit::Delete { target: RecordRef { kind: RecordKind::Rulebook, id: RULEBOOK }, base_revision: 1 }, &recorded(22)).unwrap();

    let diff = mine.diff(&theirs);
    assert_eq!(diff.added, vec![RecordRef { kind: RecordKind::Cooperative, id: Id::from_u128(0xf) }]);
    assert_eq!(diff.deleted, vec![RecordRef { kind: RecordKind::Rulebook, id: RULEBOOK }]);
    assert_eq!(diff.changed.len(), 1);
    let fields: Vec<(&str, String, String)> =
        diff.changed[0].fields.iter().map(|f| (f.field.as_str(), f.old.clone().unwrap().to_string(), f.new.clone().unwrap().to_string())).collect();
    assert_eq!(
        fields,
        vec![
            ("contributions[1].amount", "\"30000.00\"".into(), "\"29000.00\"".into()),
            ("contributions[2].amount", "\"10000.00\"".into(), "\"11000.00\"".into())
        ]
    );
    assert!(diff.reference.is_empty());
    assert!(mine.diff(&mine).is_empty());
    // Metadata alone (a record only touched, as by a merge bringing its history) is no change.
    let mut touched = mine.clone();
    touched.projects.get_mut(PROJECT).unwrap().meta.revision += 1;
    assert!(mine.diff(&touched).is_empty());
}

mod reference_changes {
    use super::*;
    use crate::reference::{Funder, FunderRole, NewEntry, ReferenceChange, Table};

    #[test]
    fn retiring_a_funder_goes_through_apply_and_keeps_the_records_that_use_it_valid() {
        let mut data = dataset();
        let before = data.validate();
        let applied = data.apply(Edit::Reference(ReferenceChange::Retire { table: Table::Funders, code: "INDH".into() }), &form(10)).unwrap();
        assert_eq!(applied.record, None);
        assert!(applied.new_findings.is_empty());
        assert!(data.reference().funder("INDH").unwrap().retired);
        assert_eq!(data.validate(), before);
    }

    #[test]
    fn a_funder_added_under_a_code_already_used_is_refused_with_the_table_as_path() {
        let mut data = dataset();
        let unchanged = data.clone();
        let again = Funder { code: "ADS".into(), name_fr: "Autre".into(), name_ar: "آخر".into(), role: FunderRole::Partner, retired: false };
        let refused = data.apply(Edit::Reference(ReferenceChange::Add(NewEntry::Funder(again))), &form(10)).unwrap_err();
        assert_eq!(data, unchanged);
        let finding = &refused.findings[0];
        assert_eq!((finding.code, finding.level), (Code::ReferenceRefused, Level::Block));
        assert_eq!(finding.path.to_string(), "reference.funders");
        assert!(finding.message.fr.contains("ADS"), "{}", finding.message.fr);
    }

    #[test]
    fn choosing_a_retired_sector_anew_is_warned_about() {
        let mut data = dataset();
        data.apply(Edit::Reference(ReferenceChange::Retire { table: Table::Sectors, code: "ART".into() }), &form(10)).unwrap();
        let mut changed = cooperative();
        changed.sector = "ART".into();
        let applied = data.apply(Edit::UpdateCooperative { id: COOP, base_revision: 1, cooperative: changed }, &form(11)).unwrap();
        assert!(applied.findings.iter().any(|f| f.code == Code::RetiredCode && f.level == Level::Warn), "{:?}", applied.findings);
    }
}

#[test]
fn the_findings_of_one_record_are_those_validate_reports_for_it() {
    let mut data = dataset();
    let mut changed = project();
    changed.jobs.women = 9;
    data.apply(Edit::UpdateProject { id: PROJECT, base_revision: 1, project: changed }, &recorded(10)).unwrap();
    let target = RecordRef { kind: RecordKind::Project, id: PROJECT };
    let expected: Vec<Finding> = data.validate().into_iter().filter(|f| f.record == Some(target)).collect();
    assert!(!expected.is_empty());
    assert_eq!(data.findings_for(target), expected);
}
