//! The IATI Activity Standard 2.03 export: one `iati-activity` per funded project, in XML.
//!
//! For each project:
//! - `iati-identifier` is the reporting organisation's reference, `-`, then the project's id;
//! - `title` and `description` carry a French and an Arabic `narrative` (`xml:lang`); a title
//!   written in one language only has that language's narrative alone;
//! - participating organisations: the funder (role 1, funding) and every co-funding partner on
//!   the funding lines (role 1, with the type the settings give it); the accountable organisation
//!   (role 2: the reporting organisation, which answers for the activity); the extending
//!   organisation (role 3, the prefecture and its CPDH); the cooperative (role 4, implementing, with the
//!   settings' cooperative type and no `ref`, since no Moroccan register is an IATI agency yet);
//! - `activity-status` from the project's status ([`activity_status`]);
//! - `activity-date`: the CPDH approval as the settings choose (planned or actual start), the last
//!   planned tranche as planned end (3), the last INDH disbursement of a completed project as
//!   actual end (4);
//! - `recipient-country` MA at 100 %, and a `location` named after the commune;
//! - two sectors, each vocabulary at 100 %: the OECD DAC 5-digit purpose code of the
//!   cooperative's sector ([`dac_purpose_code`], vocabulary 1) and the INDH axis as the reporting
//!   organisation's own code (vocabulary 99);
//! - transactions: one commitment (type 2) of the INDH amount on the approval date, then one
//!   disbursement (type 3) per INDH payment, each from the funder to the cooperative.
//!
//! Values are decimal strings from the amounts' own digits (`13170000.00`), in MAD, the
//! activity's default currency.

use crate::amount::Amount;
use crate::dataset::Dataset;
use crate::date::Date;
use crate::lang::Lang;
use crate::project::ProjectStatus;
use crate::record::Timestamp;
use crate::reference::ReferenceData;

use super::xml::XmlWriter;
use super::{OpenDataError, Organisation, PublicProject, PublisherSettings};

/// The IATI 2.03 XML of the funded projects of `dataset`; `generated` is written as the file's
/// `generated-datetime` (the only value not taken from the data).
///
/// ```
/// use taawun_core::{demo, open_data::{iati, PublisherSettings}, record::Timestamp};
/// let mut settings = PublisherSettings::tanger_assilah();
/// settings.reporting_org.reference = Some("XM-DEMO-DAS".into());
/// let xml = iati::export(&demo::dataset(), &settings, Timestamp::EPOCH).unwrap();
/// assert_eq!(xml.matches("<iati-activity ").count(), 95);
/// assert!(xml.contains(r#"<iati-activities version="2.03" generated-datetime="1970-01-01T00:00:00.000Z">"#));
/// ```
pub fn export(dataset: &Dataset, settings: &PublisherSettings, generated: Timestamp) -> Result<String, OpenDataError> {
    settings.check_common()?;
    let reporting_ref = settings.checked_reporting_reference()?;
    let projects = super::public_projects(dataset)?;
    let generated = generated.to_string();
    let mut xml = XmlWriter::new();
    xml.open("iati-activities", &[("version", "2.03"), ("generated-datetime", &generated)]);
    for project in &projects {
        activity(&mut xml, project, dataset, settings, reporting_ref);
    }
    Ok(xml.finish())
}

/// The IATI ActivityStatus code of a project status.
///
/// Submitted and approved projects are still being planned (1 pipeline/identification); once
/// the convention is signed the project is being carried out (2 implementation); a completed
/// project is 3 (completion); rejected and cancelled ones are 5 (cancelled). Taawun records no
/// financial sign-off (4) and no suspension (6). Only funded projects are exported, so 1 (for an
/// approved project), 2 and 3 appear in files.
///
/// ```
/// use taawun_core::{open_data::iati, project::ProjectStatus};
/// assert_eq!(iati::activity_status(ProjectStatus::InProgress), "2");
/// assert_eq!(iati::activity_status(ProjectStatus::Cancelled), "5");
/// ```
pub fn activity_status(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Submitted | ProjectStatus::Approved => "1",
        ProjectStatus::ConventionSigned | ProjectStatus::InProgress => "2",
        ProjectStatus::Completed => "3",
        ProjectStatus::Rejected | ProjectStatus::Cancelled => "5",
    }
}

/// The OECD DAC CRS 5-digit purpose code for a cooperative's ODCo sector (a branch counts as
/// its sector).
///
/// The mapping takes, for each ODCo sector, the purpose code that names its activity:
///
/// | ODCo sector | DAC code | DAC name |
/// |---|---|---|
/// | Agriculture and its branches, licit cannabis | 31194 | Agricultural co-operatives |
/// | Food products, argan, aromatic and medicinal plants | 32161 | Agro-industries |
/// | Handicrafts and their branches | 32140 | Cottage industries and handicraft |
/// | Fishing | 31320 | Fishery development |
/// | Forest | 31220 | Forestry development |
/// | Tourism | 33210 | Tourism policy and administrative management |
/// | Housing | 16040 | Low-cost housing |
/// | Literacy | 11230 | Basic life skills for youth and adults |
/// | Transport | 21020 | Road transport |
/// | Waste processing | 14050 | Waste management / disposal |
/// | Art and culture | 16061 | Culture and recreation |
/// | Every other sector (services, trade, mines and quarries, salt, …) | 32130 | Small and medium-sized enterprises (SME) development |
///
/// ```
/// use taawun_core::{open_data::iati, reference::ReferenceData};
/// let reference = ReferenceData::builtin();
/// assert_eq!(iati::dac_purpose_code(&reference, "AGR-API"), "31194");
/// assert_eq!(iati::dac_purpose_code(&reference, "ART-BRO"), "32140");
/// assert_eq!(iati::dac_purpose_code(&reference, "SRV"), "32130");
/// ```
pub fn dac_purpose_code(reference: &ReferenceData, sector: &str) -> &'static str {
    let top = reference.sector(sector).and_then(|s| s.parent.as_deref()).unwrap_or(sector);
    match top {
        "AGR" | "CAN" => "31194",
        "ALI" | "ARG" | "PAM" => "32161",
        "ART" => "32140",
        "PEC" => "31320",
        "FOR" => "31220",
        "TOU" => "33210",
        "HAB" => "16040",
        "ALP" => "11230",
        "TRA" => "21020",
        "DEC" => "14050",
        "ACU" => "16061",
        _ => "32130",
    }
}

/// Every DAC code [`dac_purpose_code`] can return.
pub const DAC_PURPOSE_CODES: [&str; 12] = ["31194", "32161", "32140", "31320", "31220", "33210", "16040", "11230", "21020", "14050", "16061", "32130"];

fn lang_attribute(lang: Lang) -> (&'static str, &'static str) {
    ("xml:lang", lang.code())
}

/// French then Arabic narratives of the non-blank texts; `fallback` (in French) when both are blank.
fn narratives(xml: &mut XmlWriter, fr: &str, ar: &str, fallback: &str) {
    let (fr, ar) = (fr.trim(), ar.trim());
    if fr.is_empty() && ar.is_empty() {
        xml.text("narrative", &[lang_attribute(Lang::Fr)], fallback);
        return;
    }
    for (lang, text) in [(Lang::Fr, fr), (Lang::Ar, ar)] {
        if !text.is_empty() {
            xml.text("narrative", &[lang_attribute(lang)], text);
        }
    }
}

fn organisation_narratives(xml: &mut XmlWriter, organisation: &Organisation) {
    narratives(xml, &organisation.name_fr, &organisation.name_ar, "");
}

fn reference_of(organisation: &Organisation) -> Option<&str> {
    organisation.reference.as_deref().map(str::trim).filter(|r| !r.is_empty())
}

fn activity(xml: &mut XmlWriter, project: &PublicProject, dataset: &Dataset, settings: &PublisherSettings, reporting_ref: &str) {
    let reference = dataset.reference();
    let updated = project.updated.to_string();
    xml.open("iati-activity", &[("last-updated-datetime", &updated), lang_attribute(settings.language), ("default-currency", "MAD"), ("hierarchy", "1")]);
    xml.text("iati-identifier", &[], &format!("{reporting_ref}-{}", project.id));

    xml.open("reporting-org", &[("ref", reporting_ref), ("type", settings.reporting_org.kind.code())]);
    organisation_narratives(xml, &settings.reporting_org);
    xml.close();

    // Each title in its own language only: a project titled in French alone has no Arabic
    // narrative (never its French title labelled Arabic). A project with no title at all gets
    // the stand-in titles made from its cooperative's name, in both languages.
    xml.open("title", &[]);
    if project.title_fr.trim().is_empty() && project.title_ar.trim().is_empty() {
        narratives(xml, &super::title(project, Lang::Fr), &super::title(project, Lang::Ar), &project.id.to_string());
    } else {
        narratives(xml, &project.title_fr, &project.title_ar, &project.id.to_string());
    }
    xml.close();

    xml.open("description", &[("type", "1")]);
    let (description_fr, description_ar) = (super::description(project, dataset, Lang::Fr), super::description(project, dataset, Lang::Ar));
    narratives(xml, &description_fr, &description_ar, "");
    xml.close();

    participating(xml, "1", &settings.funder);
    for code in &project.partners {
        let kind = settings.partner_types.get(code).map(|k| k.code());
        let mut attributes = vec![("role", "1")];
        if let Some(kind) = kind {
            attributes.push(("type", kind));
        }
        xml.open("participating-org", &attributes);
        match reference.funder(code) {
            Some(funder) => narratives(xml, &funder.name_fr, &funder.name_ar, code),
            None => narratives(xml, code, "", code),
        }
        xml.close();
    }
    participating(xml, "2", &settings.reporting_org);
    participating(xml, "3", &settings.extending_org);
    xml.open("participating-org", &[("role", "4"), ("type", settings.cooperative_type.code())]);
    cooperative_narratives(xml, project);
    xml.close();

    xml.empty("activity-status", &[("code", activity_status(project.status))]);
    date(xml, settings.approval_date.code(), project.approved_on);
    if let Some(end) = project.planned_end {
        date(xml, "3", end);
    }
    if project.status == ProjectStatus::Completed
        && let Some(last) = project.indh_disbursements.last()
    {
        date(xml, "4", last.on);
    }

    xml.empty("recipient-country", &[("code", "MA"), ("percentage", "100")]);
    let commune = project.cooperative.commune.trim();
    if !commune.is_empty() {
        xml.open("location", &[("ref", commune)]);
        xml.empty("location-reach", &[("code", "1")]);
        xml.open("name", &[]);
        match reference.commune(commune) {
            Some(found) => narratives(xml, &found.name_fr, &found.name_ar, commune),
            None => narratives(xml, commune, "", commune),
        }
        xml.close();
        xml.close();
    }

    xml.empty("sector", &[("vocabulary", "1"), ("code", dac_purpose_code(reference, &project.cooperative.sector)), ("percentage", "100")]);
    xml.open("sector", &[("vocabulary", "99"), ("code", &project.axis), ("percentage", "100")]);
    match reference.axis(&project.axis) {
        Some(axis) => {
            let programme = reference.programme(&axis.programme);
            let fr = format!("INDH – {} – {}", programme.map_or(axis.programme.as_str(), |p| p.name(Lang::Fr)), axis.name(Lang::Fr));
            let ar =
                format!("المبادرة الوطنية للتنمية البشرية – {} – {}", programme.map_or(axis.programme.as_str(), |p| p.name(Lang::Ar)), axis.name(Lang::Ar));
            narratives(xml, &fr, &ar, &project.axis);
        }
        None => narratives(xml, &project.axis, "", &project.axis),
    }
    xml.close();

    transaction(xml, "2", project.approved_on, project.indh_committed, settings, project);
    for payment in &project.indh_disbursements {
        transaction(xml, "3", payment.on, payment.amount, settings, project);
    }
    xml.close();
}

/// The cooperative's names, or the stand-in names of an unnamed cooperative.
fn cooperative_narratives(xml: &mut XmlWriter, project: &PublicProject) {
    let cooperative = &project.cooperative;
    if cooperative.name_fr.trim().is_empty() && cooperative.name_ar.trim().is_empty() {
        narratives(xml, &cooperative.name(Lang::Fr), &cooperative.name(Lang::Ar), "");
    } else {
        narratives(xml, &cooperative.name_fr, &cooperative.name_ar, "");
    }
}

fn participating(xml: &mut XmlWriter, role: &'static str, organisation: &Organisation) {
    let mut attributes = vec![("role", role), ("type", organisation.kind.code())];
    if let Some(reference) = reference_of(organisation) {
        attributes.push(("ref", reference));
    }
    xml.open("participating-org", &attributes);
    organisation_narratives(xml, organisation);
    xml.close();
}

fn date(xml: &mut XmlWriter, kind: &'static str, on: Date) {
    xml.empty("activity-date", &[("type", kind), ("iso-date", &on.to_string())]);
}

fn transaction(xml: &mut XmlWriter, kind: &'static str, on: Date, value: Amount, settings: &PublisherSettings, project: &PublicProject) {
    let on = on.to_string();
    xml.open("transaction", &[]);
    xml.empty("transaction-type", &[("code", kind)]);
    xml.empty("transaction-date", &[("iso-date", &on)]);
    xml.text("value", &[("value-date", &on)], &value.to_canonical());
    let mut provider = vec![("type", settings.funder.kind.code())];
    if let Some(reference) = reference_of(&settings.funder) {
        provider.insert(0, ("ref", reference));
    }
    xml.open("provider-org", &provider);
    organisation_narratives(xml, &settings.funder);
    xml.close();
    xml.open("receiver-org", &[("type", settings.cooperative_type.code())]);
    cooperative_narratives(xml, project);
    xml.close();
    xml.close();
}
