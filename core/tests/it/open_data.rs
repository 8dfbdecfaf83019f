//! The open-data exports against the standards: the 360Giving export validated with the
//! `jsonschema` crate, the IATI 2.03 export with `xmllint` and the official XSD and codelists;
//! the demo's figures reproduced exactly; no personal data; the same bytes every time.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use taawun_core::amount::Amount;
use taawun_core::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members};
use taawun_core::dataset::{Dataset, Edit};
use taawun_core::date::Date;
use taawun_core::ice::{Ice, IceCheck};
use taawun_core::id::Id;
use taawun_core::open_data::{OpenDataError, PublisherSettings, giving360, iati};
use taawun_core::phone::Phone;
use taawun_core::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus, Tranche};
use taawun_core::record::Timestamp;
use taawun_core::register::RegisterNumber;
use taawun_core::stats::{self, Filter};
use taawun_core::{demo, rules::Rulebook};

use crate::open_data_checks::{official_360giving_schema, private_texts};
use crate::sample::{dh, random, recorded};

const REPORTING_REF: &str = "XM-DEMO-DAS-TNG";

fn settings() -> PublisherSettings {
    let mut settings = PublisherSettings::tanger_assilah();
    settings.giving360_prefix = Some("360G-INDHTA".to_owned());
    settings.reporting_org.reference = Some(REPORTING_REF.to_owned());
    settings
}

fn generated() -> Timestamp {
    Timestamp::parse("2025-07-09T10:00:00.000Z").unwrap()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/open_data")
}

// ---- 360Giving ----

/// Our restatement of the standard, stricter than it: no field name outside the standard's.
fn restated_360giving_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(fixtures().join("360giving-1.x-restated.schema.json")).unwrap();
    jsonschema::draft4::new(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// The schema errors of a 360Giving file, as `path: message` lines: first the official schema's,
/// then those of our stricter restatement.
fn giving360_errors(bytes: &[u8]) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let official = official_360giving_schema(&fixtures());
    let restated = restated_360giving_schema();
    let official = official.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path()));
    let restated = restated.iter_errors(&value).map(|e| format!("{} (restated): {e}", e.instance_path()));
    official.chain(restated).collect()
}

#[derive(Deserialize)]
struct Package {
    grants: Vec<Grant>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Grant {
    id: String,
    amount_awarded: Box<RawValue>,
    amount_disbursed: Box<RawValue>,
    recipient_organization: Vec<serde_json::Value>,
    #[serde(default)]
    disbursement_transaction: Vec<Transaction>,
}

#[derive(Deserialize)]
struct Transaction {
    value: Box<RawValue>,
}

/// An amount read back from a JSON number token, exactly (no float on the way).
fn exact(token: &RawValue) -> Amount {
    Amount::parse_canonical(token.get()).unwrap_or_else(|e| panic!("{} is not an exact amount: {e}", token.get()))
}

fn package(bytes: &[u8]) -> Package {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn the_360giving_export_of_the_demo_follows_the_standards_rules() {
    let bytes = giving360::export(&demo::dataset(), &settings()).unwrap();
    assert_eq!(giving360_errors(&bytes), Vec::<String>::new());
}

#[test]
fn both_360giving_checks_catch_a_grant_without_its_award_date_or_with_a_text_amount() {
    let bytes = giving360::export(&demo::dataset(), &settings()).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    value["grants"][3].as_object_mut().unwrap().remove("awardDate");
    value["grants"][4]["amountAwarded"] = "180000".into();
    let errors = giving360_errors(&serde_json::to_vec(&value).unwrap());
    for schema in ["official", "restated"] {
        let from: Vec<&String> = errors.iter().filter(|e| e.contains("(restated)") == (schema == "restated")).collect();
        assert!(from.iter().any(|e| e.starts_with("/grants/3") && e.contains("awardDate")), "{schema}: {errors:#?}");
        assert!(from.iter().any(|e| e.starts_with("/grants/4/amountAwarded")), "{schema}: {errors:#?}");
    }
}

#[test]
fn every_funded_project_is_one_grant_and_the_awards_add_up_to_the_indh_contribution() {
    let dataset = demo::dataset();
    let figures = stats::compute(&dataset, &Filter::default());
    let package = package(&giving360::export(&dataset, &settings()).unwrap());
    let expected: Vec<String> = stats::funded_projects(&dataset, &Filter::default()).map(|(project, _)| format!("360G-INDHTA-{}", project.id)).collect();
    let ids: Vec<String> = package.grants.iter().map(|g| g.id.clone()).collect();
    assert_eq!(ids, expected);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "grant ids are unique");
    let awarded = Amount::checked_sum(package.grants.iter().map(|g| exact(&g.amount_awarded))).unwrap();
    assert_eq!(awarded, figures.indh_contribution);
    assert_eq!(awarded.to_canonical(), "13170000.00");
    let disbursed = Amount::checked_sum(package.grants.iter().map(|g| exact(&g.amount_disbursed))).unwrap();
    assert_eq!(disbursed, figures.indh_disbursed);
}

#[test]
fn each_grants_amount_disbursed_is_the_sum_of_its_disbursements() {
    let package = package(&giving360::export(&demo::dataset(), &settings()).unwrap());
    assert!(package.grants.iter().any(|g| g.disbursement_transaction.len() == 2), "the demo has projects paid in two tranches");
    for grant in &package.grants {
        let sum = Amount::checked_sum(grant.disbursement_transaction.iter().map(|t| exact(&t.value))).unwrap();
        assert_eq!(sum, exact(&grant.amount_disbursed), "{}", grant.id);
        assert!(sum <= exact(&grant.amount_awarded), "{}", grant.id);
    }
}

#[test]
fn a_recipient_is_identified_by_its_ice_when_known_and_by_its_record_otherwise() {
    let dataset = demo::dataset();
    let package = package(&giving360::export(&dataset, &settings()).unwrap());
    let funded: Vec<_> = stats::funded_projects(&dataset, &Filter::default()).collect();
    let (mut with_ice, mut without) = (0, 0);
    for ((_, cooperative), grant) in funded.iter().zip(&package.grants) {
        let id = grant.recipient_organization[0]["id"].as_str().unwrap();
        match &cooperative.data.ice {
            Some(ice) => {
                with_ice += 1;
                assert_eq!(id, format!("360G-INDHTA-ICE-{}", ice.as_str()));
            }
            None => {
                without += 1;
                assert_eq!(id, format!("360G-INDHTA-COOP-{}", cooperative.id));
            }
        }
    }
    assert!(with_ice > 0 && without > 0, "the demo has both kinds");
}

// ---- IATI ----

/// `xmllint`, which `cargo xtask setup` installs (Debian's libxml2-utils).
fn xmllint() -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|path| std::env::split_paths(&path).map(|dir| dir.join("xmllint")).find(|p| p.is_file()));
    found.unwrap_or_else(|| panic!("xmllint is not installed: run `cargo xtask setup` (or `apt-get install libxml2-utils`) to validate the IATI export"))
}

/// What `xmllint` says about `xml` against the IATI 2.03 activity schema: `Ok` when valid.
fn iati_schema_check(xml: &str, name: &str) -> Result<(), String> {
    let file = std::env::temp_dir().join(format!("taawun-iati-{}-{name}.xml", std::process::id()));
    std::fs::write(&file, xml).unwrap();
    let schema = fixtures().join("iati-2.03/iati-activities-schema.xsd");
    let output = Command::new(xmllint()).args(["--noout", "--nonet", "--schema"]).arg(&schema).arg(&file).output().unwrap();
    let _ = std::fs::remove_file(&file);
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}

#[test]
fn the_iati_export_of_the_demo_validates_against_the_iati_2_03_schema() {
    let xml = iati::export(&demo::dataset(), &settings(), generated()).unwrap();
    assert_eq!(iati_schema_check(&xml, "demo"), Ok(()));
}

#[test]
fn the_iati_schema_check_catches_an_activity_without_its_status() {
    let xml = iati::export(&demo::dataset(), &settings(), generated()).unwrap();
    let broken = xml.replacen("<activity-status code=\"2\"/>", "", 1);
    assert_ne!(broken, xml);
    let error = iati_schema_check(&broken, "broken").unwrap_err();
    assert!(error.contains("activity-status") || error.contains("activity-date"), "{error}");
}

/// The values of attribute `attribute` on every `<element …>` of `xml`.
fn attribute_values(xml: &str, element: &str, attribute: &str) -> Vec<String> {
    let opening = format!("<{element} ");
    let key = format!(" {attribute}=\"");
    let mut values = Vec::new();
    for piece in xml.split(&opening).skip(1) {
        let tag = format!(" {}", &piece[..piece.find('>').unwrap()]);
        if let Some(start) = tag.find(&key) {
            let rest = &tag[start + key.len()..];
            values.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    values
}

/// The codes of an IATI codelist fixture.
/// The codes of an IATI codelist that are in use: those of its `codelist-item`s not marked
/// `status="withdrawn"`.
fn codelist(name: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(fixtures().join(format!("iati-2.03/codelists/{name}.xml"))).unwrap();
    text.split("<codelist-item")
        .skip(1)
        .filter(|item| item.starts_with(['>', ' ']))
        .filter(|item| !item[..item.find('>').unwrap()].contains(r#"status="withdrawn""#))
        .map(|item| {
            let code = &item[item.find("<code>").unwrap() + "<code>".len()..];
            code[..code.find("</code>").unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn a_withdrawn_code_is_not_taken_for_a_current_one() {
    let sectors = codelist("Sector");
    assert!(!sectors.contains("15120"), "15120 (public sector financial management) is withdrawn in 2.03");
    assert!(sectors.contains("31194"));
}

#[test]
fn every_organisation_type_status_and_approval_date_the_settings_can_choose_is_in_its_codelist() {
    use taawun_core::open_data::{ApprovalDate, OrganisationType};
    use taawun_core::project::ProjectStatus;
    let types = codelist("OrganisationType");
    for kind in OrganisationType::ALL {
        assert!(types.contains(kind.code()), "{kind:?} writes {}", kind.code());
    }
    let statuses = codelist("ActivityStatus");
    for status in ProjectStatus::ALL {
        assert!(statuses.contains(iati::activity_status(status)), "{status:?}");
    }
    let dates = codelist("ActivityDateType");
    for choice in ApprovalDate::ALL {
        assert!(dates.contains(choice.code()), "{choice:?}");
    }
}

#[test]
fn every_code_the_iati_export_writes_is_in_its_iati_codelist() {
    let xml = iati::export(&demo::dataset(), &settings(), generated()).unwrap();
    let dac_sectors: Vec<String> =
        attribute_values(&xml, "sector", "code").into_iter().filter(|code| code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit())).collect();
    let checks = [
        ("ActivityStatus", attribute_values(&xml, "activity-status", "code")),
        ("ActivityDateType", attribute_values(&xml, "activity-date", "type")),
        ("OrganisationRole", attribute_values(&xml, "participating-org", "role")),
        (
            "OrganisationType",
            [
                attribute_values(&xml, "participating-org", "type"),
                attribute_values(&xml, "reporting-org", "type"),
                attribute_values(&xml, "provider-org", "type"),
                attribute_values(&xml, "receiver-org", "type"),
            ]
            .concat(),
        ),
        ("TransactionType", attribute_values(&xml, "transaction-type", "code")),
        ("SectorVocabulary", attribute_values(&xml, "sector", "vocabulary")),
        ("Sector", dac_sectors),
        ("DescriptionType", attribute_values(&xml, "description", "type")),
        ("GeographicLocationReach", attribute_values(&xml, "location-reach", "code")),
        ("Country", attribute_values(&xml, "recipient-country", "code")),
        ("Currency", attribute_values(&xml, "iati-activity", "default-currency")),
        ("Language", [attribute_values(&xml, "narrative", "xml:lang"), attribute_values(&xml, "iati-activity", "xml:lang")].concat()),
    ];
    for (list, values) in checks {
        assert!(!values.is_empty(), "the export writes no {list} code");
        let known = codelist(list);
        let unknown: BTreeSet<&String> = values.iter().filter(|v| !known.contains(*v)).collect();
        assert!(unknown.is_empty(), "{list}: {unknown:?} are not in the codelist");
    }
}

#[test]
fn every_dac_code_of_the_sector_mapping_is_a_current_dac_purpose_code() {
    let known = codelist("Sector");
    for code in iati::DAC_PURPOSE_CODES {
        assert!(known.contains(code), "{code}");
    }
    let reference = taawun_core::reference::ReferenceData::builtin();
    for sector in reference.sectors() {
        assert!(iati::DAC_PURPOSE_CODES.contains(&iati::dac_purpose_code(&reference, &sector.code)), "{}", sector.code);
    }
}

/// The activities of an IATI file, as the text of each `<iati-activity>` element.
fn activities(xml: &str) -> Vec<&str> {
    xml.split("<iati-activity ").skip(1).map(|piece| &piece[..piece.find("</iati-activity>").unwrap()]).collect()
}

/// The (type, value) of each transaction of an activity.
fn transactions(activity: &str) -> Vec<(String, Amount)> {
    activity
        .split("<transaction>")
        .skip(1)
        .map(|piece| {
            let kind = attribute_values(piece, "transaction-type", "code").remove(0);
            let start = piece.find("<value ").unwrap();
            let value = &piece[start..];
            let value = &value[value.find('>').unwrap() + 1..value.find("</value>").unwrap()];
            (kind, Amount::parse_canonical(value).unwrap())
        })
        .collect()
}

#[test]
fn every_funded_project_is_one_activity_and_the_commitments_add_up_to_the_indh_contribution() {
    let dataset = demo::dataset();
    let figures = stats::compute(&dataset, &Filter::default());
    let xml = iati::export(&dataset, &settings(), generated()).unwrap();
    let expected: Vec<String> = stats::funded_projects(&dataset, &Filter::default()).map(|(project, _)| format!("{REPORTING_REF}-{}", project.id)).collect();
    let identifiers: Vec<String> =
        activities(&xml).iter().map(|a| a[a.find("<iati-identifier>").unwrap() + 17..a.find("</iati-identifier>").unwrap()].to_owned()).collect();
    assert_eq!(identifiers, expected);
    let (mut committed, mut disbursed) = (Amount::ZERO, Amount::ZERO);
    for activity in activities(&xml) {
        let all = transactions(activity);
        let commitments: Vec<Amount> = all.iter().filter(|(kind, _)| kind == "2").map(|(_, v)| *v).collect();
        assert_eq!(commitments.len(), 1, "one commitment per activity");
        let paid = Amount::checked_sum(all.iter().filter(|(kind, _)| kind == "3").map(|(_, v)| *v)).unwrap();
        assert!(paid <= commitments[0], "disbursements never exceed the commitment");
        committed = committed.checked_add(commitments[0]).unwrap();
        disbursed = disbursed.checked_add(paid).unwrap();
    }
    assert_eq!(committed, figures.indh_contribution);
    assert_eq!(committed.to_canonical(), "13170000.00");
    assert_eq!(disbursed, figures.indh_disbursed);
}

#[test]
fn every_activity_has_what_iati_requires_of_it() {
    let xml = iati::export(&demo::dataset(), &settings(), generated()).unwrap();
    for activity in activities(&xml) {
        assert!(activity.contains(&format!("<iati-identifier>{REPORTING_REF}-")));
        assert!(activity.contains(&format!("<reporting-org ref=\"{REPORTING_REF}\" type=\"10\">")));
        for lang in ["fr", "ar"] {
            let title = &activity[activity.find("<title>").unwrap()..activity.find("</title>").unwrap()];
            assert!(title.contains(&format!("<narrative xml:lang=\"{lang}\">")), "title in {lang}");
            let description = &activity[activity.find("<description").unwrap()..activity.find("</description>").unwrap()];
            assert!(description.contains(&format!("<narrative xml:lang=\"{lang}\">")), "description in {lang}");
        }
        let roles: BTreeSet<String> = attribute_values(activity, "participating-org", "role").into_iter().collect();
        assert_eq!(roles, ["1", "2", "3", "4"].map(String::from).into_iter().collect(), "funding, accountable, extending and implementing");
        assert!(attribute_values(activity, "activity-date", "type").iter().any(|t| t == "1" || t == "2"), "a start date");
        assert!(activity.contains("<recipient-country code=\"MA\" percentage=\"100\"/>"));
        assert_eq!(attribute_values(activity, "sector", "vocabulary"), ["1", "99"]);
    }
}

// ---- both ----

#[test]
fn round_large_and_centime_amounts_appear_exactly_in_both_exports() {
    let amounts = ["300000.00", "987654321012.34", "12345.67", "0.05"];
    let mut dataset = Dataset::new(taawun_core::reference::ReferenceData::builtin());
    let rulebook = Id::from_u128(0x7b);
    dataset.apply(Edit::CreateRulebook { id: rulebook, rulebook: Rulebook::default_for_programme_3("ق", "R") }, &recorded(1_600_000_000_000, 1)).unwrap();
    for (n, amount) in amounts.iter().enumerate() {
        let cooperative = Id::from_u128(0xc00 + n as u128);
        dataset
            .apply(
                Edit::CreateCooperative { id: cooperative, cooperative: cooperative_with("Coopérative", "تعاونية", Contact::default(), "") },
                &recorded(1_600_000_000_001, 1),
            )
            .unwrap();
        let mut project = project_of(cooperative, rulebook, dh(amount));
        project.disbursements = vec![Disbursement { paid_on: Date::new(2022, 5, 1).unwrap(), funder: "INDH".into(), amount: dh(amount) }];
        project.status = ProjectStatus::InProgress;
        dataset.apply(Edit::CreateProject { id: Id::from_u128(0x900 + n as u128), project }, &recorded(1_600_000_000_002, 1)).unwrap();
    }
    let json = String::from_utf8(giving360::export(&dataset, &settings()).unwrap()).unwrap();
    let xml = iati::export(&dataset, &settings(), generated()).unwrap();
    for amount in amounts {
        assert!(json.contains(&format!("\"amountAwarded\": {amount},")), "{amount} awarded in 360Giving");
        assert!(json.contains(&format!("\"value\": {amount},")), "{amount} disbursed in 360Giving");
        assert_eq!(xml.matches(&format!(">{amount}</value>")).count(), 2, "{amount} committed and disbursed in IATI");
    }
    assert_eq!(giving360_errors(json.as_bytes()), Vec::<String>::new());
    assert_eq!(iati_schema_check(&xml, "amounts"), Ok(()));
}

/// A cooperative with these names, contact and notes.
fn cooperative_with(name_fr: &str, name_ar: &str, contact: Contact, notes: &str) -> Cooperative {
    Cooperative {
        name_ar: name_ar.into(),
        name_fr: name_fr.into(),
        legal_form: LegalForm::Cooperative,
        register_number: None,
        ice: None,
        created_on: Some(Date::new(2015, 3, 1).unwrap()),
        commune: "AZN".into(),
        milieu_override: None,
        sector: "AGR-API".into(),
        members: Members { total: 9, women: 5, youth: 3 },
        president_gender: Gender::Female,
        status: CooperativeStatus::Active,
        contact,
        notes: notes.into(),
    }
}

/// An approved project of `cooperative` whose cost is all INDH money.
fn project_of(cooperative: Id, rulebook: Id, indh: Amount) -> Project {
    Project {
        title_ar: "مشروع".into(),
        title_fr: "Projet".into(),
        cooperative,
        programme: "P3".into(),
        axis: "P3-ESS".into(),
        call: Call { year: 2022, rulebook },
        total_cost: indh,
        contributions: vec![Contribution { funder: "INDH".into(), amount: indh, kind: ContributionKind::Cash }],
        submitted_on: Some(Date::new(2022, 1, 10).unwrap()),
        cpdh_approved_on: Some(Date::new(2022, 3, 1).unwrap()),
        convention_signed_on: Some(Date::new(2022, 4, 1).unwrap()),
        tranches: vec![Tranche { planned_on: Date::new(2022, 10, 1).unwrap(), funder: "INDH".into(), amount: indh }],
        disbursements: Vec::new(),
        jobs: Jobs { total: 4, women: 2, youth: 1 },
        status: ProjectStatus::ConventionSigned,
        notes: String::new(),
    }
}

#[test]
fn no_contact_note_or_name_of_a_person_appears_in_either_export() {
    let mut dataset = demo::dataset();
    let rulebook = dataset.rulebooks().all()[0].id;
    let phone = Phone::parse("0539 87 65 43").unwrap();
    let email = "fatima.zahra.secret@example.org";
    let address = "Derb Sidi Bouabid n° 77, Tanger";
    let cooperative_notes = "La présidente, Mme Khadija Bennani, a témoigné";
    let project_notes = "Photo de Mohamed Alaoui jointe au dossier";
    let register = "4242/2015";
    let user = "Samira Tazi (agent de saisie)";
    let mut cooperative = cooperative_with(
        "Coopérative Annahl (fictive)",
        "تعاونية النحل (وهمية)",
        Contact { phone: Some(phone.clone()), email: Some(email.into()), address: address.into() },
        cooperative_notes,
    );
    cooperative.register_number = Some(RegisterNumber::new("TPI-TNG", register).unwrap());
    cooperative.ice = Some(Ice::parse("001561191000066", IceCheck::Enforce).unwrap());
    let author = |millis| {
        let mut context = recorded(millis, 9);
        context.author.user = user.to_owned();
        context
    };
    let cooperative_id = Id::from_u128(0x5ec2e7);
    dataset.apply(Edit::CreateCooperative { id: cooperative_id, cooperative }, &author(1_700_000_000_000)).unwrap();
    let mut project = project_of(cooperative_id, rulebook, dh("120000.00"));
    project.notes = project_notes.into();
    dataset.apply(Edit::CreateProject { id: Id::from_u128(0x5ec2e8), project }, &author(1_700_000_000_001)).unwrap();

    let json = String::from_utf8(giving360::export(&dataset, &settings()).unwrap()).unwrap();
    let xml = iati::export(&dataset, &settings(), generated()).unwrap();
    assert!(json.contains("Coopérative Annahl") && xml.contains("Coopérative Annahl"), "the cooperative is published");
    let phone_forms = [phone.to_string(), "0539876543".to_owned(), "539876543".to_owned(), "87 65 43".to_owned(), "876543".to_owned()];
    let secrets =
        [email, "fatima", address, "Sidi Bouabid", cooperative_notes, "Khadija", "Bennani", project_notes, "Mohamed Alaoui", register, user, "Samira"];
    for (name, export) in [("360Giving", &json), ("IATI", &xml)] {
        for secret in secrets.iter().copied().chain(phone_forms.iter().map(String::as_str)) {
            assert!(!export.contains(secret), "{name} publishes {secret:?}");
        }
        // The demo's contacts: no phone number or address of any cooperative.
        for record in dataset.cooperatives().live() {
            let contact = &record.data.contact;
            if let Some(phone) = &contact.phone {
                assert!(!export.contains(&phone.to_string()), "{name} publishes the phone {phone}");
            }
            if !contact.address.is_empty() {
                assert!(!export.contains(&contact.address), "{name} publishes the address {:?}", contact.address);
            }
        }
    }
}

#[test]
fn no_private_text_of_the_demo_appears_in_either_export() {
    let dataset = demo::dataset();
    let document: serde_json::Value = serde_json::from_slice(&taawun_core::document::export(&dataset)).unwrap();
    let private = private_texts(&document);
    for key in ["a walk-in", "a testimonial", "a visitor", "a story"] {
        let sample = match key {
            "a walk-in" => dataset
                .meetings()
                .live()
                .flat_map(|m| {
                    m.data.attendance.check_ins().iter().filter_map(|c| match c.attendee() {
                        taawun_core::meeting::Attendee::WalkIn(name) => Some(name.clone()),
                        _ => None,
                    })
                })
                .next(),
            "a testimonial" => dataset.meetings().live().flat_map(|m| m.data.testimonials.iter().map(|t| t.text.clone())).next(),
            "a visitor" => dataset.visits().live().map(|v| v.data.visitor.clone()).next(),
            _ => dataset.stories().live().map(|s| s.data.story_fr.clone()).find(|s| !s.is_empty()),
        };
        let sample = sample.unwrap_or_else(|| panic!("the demo has {key}"));
        assert!(private.contains(sample.trim()), "{key} is among the private texts searched for");
    }
    let json = String::from_utf8(giving360::export(&dataset, &settings()).unwrap()).unwrap();
    let xml = iati::export(&dataset, &settings(), generated()).unwrap();
    for (name, export) in [("360Giving", &json), ("IATI", &xml)] {
        let found: Vec<&String> = private.iter().filter(|text| export.contains(text.as_str())).collect();
        assert!(found.is_empty(), "{name} publishes {found:?}");
    }
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let (first, second) = (demo::dataset(), demo::dataset());
    assert_eq!(giving360::export(&first, &settings()).unwrap(), giving360::export(&second, &settings()).unwrap());
    assert_eq!(iati::export(&first, &settings(), generated()).unwrap(), iati::export(&second, &settings(), generated()).unwrap());
}

#[test]
fn only_the_generated_time_passed_in_changes_the_iati_file() {
    let dataset = demo::dataset();
    let at_report = iati::export(&dataset, &settings(), generated()).unwrap();
    let later = iati::export(&dataset, &settings(), Timestamp::parse("2026-01-28T09:30:00.000Z").unwrap()).unwrap();
    assert_ne!(at_report, later);
    assert_eq!(later.replace("2026-01-28T09:30:00.000Z", "2025-07-09T10:00:00.000Z"), at_report);
}

#[test]
fn both_exports_refuse_a_dataset_without_funded_projects() {
    let dataset = Dataset::new(taawun_core::reference::ReferenceData::builtin());
    assert_eq!(giving360::export(&dataset, &settings()), Err(OpenDataError::NothingToPublish));
    assert_eq!(iati::export(&dataset, &settings(), generated()), Err(OpenDataError::NothingToPublish));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Random datasets (odd texts with quotes, markup, line breaks and bidi marks; missing
    /// dates; tombstones; unknown codes) either export valid files or say why they cannot.
    #[test]
    fn any_dataset_exports_valid_files_or_a_reason(seed in any::<u64>()) {
        let dataset = random(seed, 6, 12);
        match giving360::export(&dataset, &settings()) {
            Ok(bytes) => prop_assert_eq!(giving360_errors(&bytes), Vec::<String>::new()),
            Err(error) => prop_assert!(matches!(error, OpenDataError::NothingToPublish | OpenDataError::MissingApprovalDate { .. }), "{error:?}"),
        }
        match iati::export(&dataset, &settings(), generated()) {
            Ok(xml) => prop_assert_eq!(iati_schema_check(&xml, &seed.to_string()), Ok(())),
            Err(error) => prop_assert!(matches!(error, OpenDataError::NothingToPublish | OpenDataError::MissingApprovalDate { .. }), "{error:?}"),
        }
    }
}
