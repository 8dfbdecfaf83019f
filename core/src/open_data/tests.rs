//! Unit tests of the open-data exports: which projects are published, the facts taken from
//! each, the settings each export needs, and the messages users read.

use super::*;
use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members};
use crate::dataset::{Edit, EditContext};
use crate::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, Tranche};
use crate::record::{Author, RecordKind, RecordRef};
use crate::reference::ReferenceData;
use crate::rules::Rulebook;

const RULEBOOK: Id = Id::from_u128(0x7b);

fn context(millis: i64) -> EditContext {
    EditContext::recorded(Author {
        at: Timestamp::from_millis(millis).unwrap_or(Timestamp::EPOCH),
        user: "tester".into(),
        device_name: "test device".into(),
        device: Id::from_u128(1),
    })
}

fn day(year: u16, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

fn dh(centimes: u64) -> Amount {
    Amount::from_centimes(centimes).unwrap()
}

fn cooperative(name_fr: &str, name_ar: &str) -> Cooperative {
    Cooperative {
        name_ar: name_ar.into(),
        name_fr: name_fr.into(),
        legal_form: LegalForm::Cooperative,
        register_number: None,
        ice: None,
        created_on: None,
        commune: "ASL".into(),
        milieu_override: None,
        sector: "ALI".into(),
        members: Members { total: 7, women: 4, youth: 2 },
        president_gender: Gender::Male,
        status: CooperativeStatus::Active,
        contact: Contact::default(),
        notes: String::new(),
    }
}

fn project(cooperative: Id, status: ProjectStatus) -> Project {
    Project {
        title_ar: "مختبر للحلويات".into(),
        title_fr: "Laboratoire de pâtisserie".into(),
        cooperative,
        programme: "P3".into(),
        axis: "P3-ESS".into(),
        call: Call { year: 2023, rulebook: RULEBOOK },
        total_cost: dh(20_000_000),
        contributions: vec![
            Contribution { funder: "INDH".into(), amount: dh(12_000_000), kind: ContributionKind::Cash },
            Contribution { funder: "OWN".into(), amount: dh(4_000_000), kind: ContributionKind::Cash },
            Contribution { funder: "COMMUNE".into(), amount: dh(2_000_000), kind: ContributionKind::Cash },
            Contribution { funder: "ADS".into(), amount: dh(1_000_000), kind: ContributionKind::Cash },
            Contribution { funder: "COMMUNE".into(), amount: dh(1_000_000), kind: ContributionKind::InKind },
        ],
        submitted_on: Some(day(2023, 1, 15)),
        cpdh_approved_on: Some(day(2023, 3, 2)),
        convention_signed_on: Some(day(2023, 4, 10)),
        tranches: vec![
            Tranche { planned_on: day(2023, 10, 1), funder: "INDH".into(), amount: dh(6_000_000) },
            Tranche { planned_on: day(2023, 4, 20), funder: "INDH".into(), amount: dh(6_000_000) },
        ],
        disbursements: vec![
            Disbursement { paid_on: day(2023, 10, 3), funder: "INDH".into(), amount: dh(6_000_000) },
            Disbursement { paid_on: day(2023, 4, 22), funder: "INDH".into(), amount: dh(6_000_000) },
            Disbursement { paid_on: day(2023, 5, 1), funder: "COMMUNE".into(), amount: dh(2_000_000) },
        ],
        jobs: Jobs::default(),
        status,
        notes: String::new(),
    }
}

/// A dataset with one cooperative and the given projects (ids 0x100, 0x101, …).
fn dataset_with(cooperative_data: Cooperative, projects: Vec<Project>) -> (Dataset, Id) {
    let mut dataset = Dataset::new(ReferenceData::builtin());
    dataset.apply(Edit::CreateRulebook { id: RULEBOOK, rulebook: Rulebook::default_for_programme_3("ق", "R") }, &context(1)).unwrap();
    let cooperative_id = Id::from_u128(0xc0);
    dataset.apply(Edit::CreateCooperative { id: cooperative_id, cooperative: cooperative_data }, &context(2)).unwrap();
    for (n, project) in projects.into_iter().enumerate() {
        dataset.apply(Edit::CreateProject { id: Id::from_u128(0x100 + n as u128), project }, &context(3 + n as i64)).unwrap();
    }
    (dataset, cooperative_id)
}

#[test]
fn only_funded_projects_of_live_cooperatives_are_published() {
    let statuses = [
        ProjectStatus::Submitted,
        ProjectStatus::Approved,
        ProjectStatus::Rejected,
        ProjectStatus::Completed,
        ProjectStatus::Cancelled,
        ProjectStatus::InProgress,
    ];
    let (mut dataset, cooperative_id) = dataset_with(cooperative("C", "ت"), statuses.iter().map(|s| project(Id::from_u128(0xc0), *s)).collect());
    let published: Vec<ProjectStatus> = public_projects(&dataset).unwrap().iter().map(|p| p.status).collect();
    assert_eq!(published, vec![ProjectStatus::Approved, ProjectStatus::Completed, ProjectStatus::InProgress]);

    dataset.apply(Edit::Delete { target: RecordRef { kind: RecordKind::Project, id: Id::from_u128(0x101) }, base_revision: 1 }, &context(20)).unwrap();
    assert_eq!(public_projects(&dataset).unwrap().len(), 2, "a deleted project is not published");
    dataset.apply(Edit::Delete { target: RecordRef { kind: RecordKind::Cooperative, id: cooperative_id }, base_revision: 1 }, &context(21)).unwrap();
    assert_eq!(public_projects(&dataset), Err(OpenDataError::NothingToPublish), "nor the projects of a deleted cooperative");
}

#[test]
fn a_funded_project_without_its_approval_date_is_named_in_the_error() {
    let mut unapproved = project(Id::from_u128(0xc0), ProjectStatus::InProgress);
    unapproved.cpdh_approved_on = None;
    let (dataset, _) = dataset_with(cooperative("C", "ت"), vec![project(Id::from_u128(0xc0), ProjectStatus::Approved), unapproved]);
    assert_eq!(public_projects(&dataset), Err(OpenDataError::MissingApprovalDate { project: Id::from_u128(0x101) }));
}

#[test]
fn the_indh_lines_partners_and_dates_of_a_project_are_taken_as_published() {
    let (dataset, _) = dataset_with(cooperative("C", "ت"), vec![project(Id::from_u128(0xc0), ProjectStatus::InProgress)]);
    let published = public_projects(&dataset).unwrap().remove(0);
    assert_eq!(published.indh_committed, dh(12_000_000));
    assert_eq!(
        published.indh_disbursements,
        vec![Payment { on: day(2023, 4, 22), amount: dh(6_000_000) }, Payment { on: day(2023, 10, 3), amount: dh(6_000_000) }]
    );
    assert_eq!(published.indh_disbursed, dh(12_000_000), "the commune's payment is not the INDH's");
    assert_eq!(published.partners, vec!["ADS".to_owned(), "COMMUNE".to_owned()], "each partner once, the cooperative's own share not");
    assert_eq!(published.planned_start(), day(2023, 4, 10));
    assert_eq!(published.planned_end, Some(day(2023, 10, 1)));
}

#[test]
fn a_planned_end_before_the_start_is_left_out() {
    let mut early = project(Id::from_u128(0xc0), ProjectStatus::ConventionSigned);
    early.tranches = vec![Tranche { planned_on: day(2023, 4, 1), funder: "INDH".into(), amount: dh(12_000_000) }];
    let (dataset, _) = dataset_with(cooperative("C", "ت"), vec![early]);
    assert_eq!(public_projects(&dataset).unwrap()[0].planned_end, None);
}

#[test]
fn a_title_falls_back_on_the_other_language_then_on_the_cooperative() {
    let mut arabic_only = project(Id::from_u128(0xc0), ProjectStatus::Approved);
    arabic_only.title_fr = "  ".into();
    let mut untitled = project(Id::from_u128(0xc0), ProjectStatus::Approved);
    untitled.title_fr = String::new();
    untitled.title_ar = String::new();
    let (dataset, _) = dataset_with(cooperative("Coopérative Al Fajr", ""), vec![arabic_only, untitled]);
    let published = public_projects(&dataset).unwrap();
    assert_eq!(title(&published[0], Lang::Fr), "مختبر للحلويات");
    assert_eq!(title(&published[1], Lang::Fr), "Projet de Coopérative Al Fajr");
    assert_eq!(title(&published[1], Lang::Ar), "مشروع Coopérative Al Fajr");
}

#[test]
fn an_iati_title_written_in_one_language_is_published_in_that_language_only() {
    let mut french_only = project(Id::from_u128(0xc0), ProjectStatus::Approved);
    french_only.title_ar = " ".into();
    let mut untitled = project(Id::from_u128(0xc0), ProjectStatus::Approved);
    untitled.title_fr = String::new();
    untitled.title_ar = String::new();
    let (dataset, _) = dataset_with(cooperative("Coopérative Al Fajr", "تعاونية الفجر"), vec![french_only, untitled]);
    let mut settings = PublisherSettings::tanger_assilah();
    settings.reporting_org.reference = Some("XM-DEMO".into());
    let xml = iati::export(&dataset, &settings, Timestamp::EPOCH).unwrap();
    let titles: Vec<String> =
        xml.split("<title>").skip(1).map(|piece| piece[..piece.find("</title>").unwrap()].lines().map(str::trim).collect::<String>()).collect();
    assert_eq!(titles[0], r#"<narrative xml:lang="fr">Laboratoire de pâtisserie</narrative>"#);
    assert_eq!(titles[1], r#"<narrative xml:lang="fr">Projet de Coopérative Al Fajr</narrative><narrative xml:lang="ar">مشروع تعاونية الفجر</narrative>"#);
}

#[test]
fn an_unnamed_cooperative_is_published_under_its_record_id() {
    let (dataset, cooperative_id) = dataset_with(cooperative(" ", ""), vec![project(Id::from_u128(0xc0), ProjectStatus::Approved)]);
    let published = public_projects(&dataset).unwrap();
    assert_eq!(published[0].cooperative.name(Lang::Fr), format!("Coopérative {cooperative_id}"));
    assert_eq!(published[0].cooperative.name(Lang::Ar), format!("تعاونية {cooperative_id}"));
}

#[test]
fn the_description_names_the_cooperative_commune_programme_axis_and_call() {
    let (dataset, _) = dataset_with(cooperative("Coopérative Annour", "تعاونية النور"), vec![project(Id::from_u128(0xc0), ProjectStatus::Approved)]);
    let published = public_projects(&dataset).unwrap().remove(0);
    assert_eq!(
        description(&published, &dataset, Lang::Fr),
        "Projet porté par Coopérative Annour à Assilah, soutenu par l'INDH au titre du programme 3 « Amélioration du revenu et inclusion économique des jeunes », axe « Appui à l'économie sociale et solidaire », appel à projets 2023."
    );
    assert!(description(&published, &dataset, Lang::Ar).starts_with("مشروع تحمله تعاونية النور في أصيلة،"));
}

#[test]
fn each_export_names_the_setting_it_lacks() {
    let (dataset, _) = dataset_with(cooperative("C", "ت"), vec![project(Id::from_u128(0xc0), ProjectStatus::Approved)]);
    let settings = PublisherSettings::tanger_assilah();
    assert_eq!(giving360::export(&dataset, &settings), Err(OpenDataError::MissingSetting { setting: Setting::Giving360Prefix }));
    assert_eq!(iati::export(&dataset, &settings, Timestamp::EPOCH), Err(OpenDataError::MissingSetting { setting: Setting::ReportingOrgReference }));
    let mut bad_funder = PublisherSettings { giving360_prefix: Some("360G-X".into()), ..settings };
    bad_funder.funder.reference = Some("XM DAC".into());
    assert_eq!(giving360::export(&dataset, &bad_funder), Err(OpenDataError::InvalidSetting { setting: Setting::FunderReference, value: "XM DAC".into() }));
}

#[test]
fn the_funders_reference_identifies_it_in_360giving_when_it_has_one() {
    let (dataset, _) = dataset_with(cooperative("C", "ت"), vec![project(Id::from_u128(0xc0), ProjectStatus::Approved)]);
    let mut settings = PublisherSettings { giving360_prefix: Some("360G-X".into()), ..PublisherSettings::tanger_assilah() };
    let funder_id = |settings: &PublisherSettings| {
        let json: serde_json::Value = serde_json::from_slice(&giving360::export(&dataset, settings).unwrap()).unwrap();
        json["grants"][0]["fundingOrganization"][0]["id"].as_str().unwrap().to_owned()
    };
    assert_eq!(funder_id(&settings), "360G-X");
    settings.funder.reference = Some("MA-INDH".into());
    assert_eq!(funder_id(&settings), "MA-INDH");
}

#[test]
fn every_error_reads_in_both_languages_without_a_final_period() {
    let errors = [
        OpenDataError::MissingSetting { setting: Setting::Giving360Prefix },
        OpenDataError::InvalidSetting { setting: Setting::ReportingOrgReference, value: "a b".into() },
        OpenDataError::NothingToPublish,
        OpenDataError::MissingApprovalDate { project: Id::from_u128(7) },
        OpenDataError::AmountOverflow { project: Id::from_u128(7) },
        OpenDataError::Writing { reason: "number out of range".into() },
    ];
    for error in errors {
        for text in [error.to_string(), error.message(Lang::Fr), error.message(Lang::Ar)] {
            assert!(!text.is_empty() && !text.ends_with('.'), "{text:?}");
        }
        assert!(error.message(Lang::Fr).starts_with(|c: char| c.is_lowercase()), "{}", error.message(Lang::Fr));
        assert!(error.to_string().starts_with(|c: char| c.is_lowercase()), "{error}");
    }
}

#[test]
fn the_export_screen_lists_the_same_lines_in_both_languages() {
    for lines in [published_fields, withheld_fields] {
        let (ar, fr) = (lines(Lang::Ar), lines(Lang::Fr));
        assert_eq!(ar.len(), fr.len());
        assert!(ar.iter().chain(&fr).all(|line| !line.trim().is_empty()));
    }
}

#[test]
fn project_statuses_map_to_iati_activity_statuses() {
    let mapped: Vec<&str> = ProjectStatus::ALL.iter().map(|s| iati::activity_status(*s)).collect();
    assert_eq!(mapped, vec!["1", "1", "2", "2", "3", "5", "5"]);
}
