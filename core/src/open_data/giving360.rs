//! The 360Giving Data Standard export: one grant per funded project, as a JSON package
//! `{"grants": [...]}`.
//!
//! A grant is the INDH's support to one project:
//! - `id` is the publisher's 360Giving prefix, `-`, then the project's id (stable forever);
//! - `amountAwarded` is the sum of the project's INDH lines, `awardDate` the CPDH approval;
//! - `amountDisbursed` is the sum of the INDH disbursements listed in `disbursementTransaction`;
//! - the recipient is the cooperative: `<prefix>-ICE-<ice>` when its ICE is known, otherwise
//!   `<prefix>-COOP-<record id>` (no Moroccan register is listed by org-id.guide yet);
//! - the funder is the settings' funder, its reference or else the prefix itself;
//! - `plannedDates` runs from the convention's signature (or the approval) to the last planned
//!   tranche; `beneficiaryLocation` is the commune, in Morocco; `grantProgramme` is the INDH
//!   programme and axis (`INDH-P3-ESS`); every project answered a call, so `fromOpenCall` is `Yes`.
//!
//! Amounts are JSON numbers written from the amount's own digits with two decimals
//! (`13170000.00`): no float is ever involved, so centimes and large sums come out exactly.

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::amount::Amount;
use crate::dataset::Dataset;
use crate::lang::Lang;

use super::{OpenDataError, PublicProject, PublisherSettings};

/// The 360Giving JSON of the funded projects of `dataset`, pretty-printed, UTF-8.
///
/// ```
/// use taawun_core::{demo, open_data::{giving360, PublisherSettings}};
/// let settings = PublisherSettings { giving360_prefix: Some("360G-INDHTA".into()), ..PublisherSettings::tanger_assilah() };
/// let json: serde_json::Value = serde_json::from_slice(&giving360::export(&demo::dataset(), &settings).unwrap()).unwrap();
/// assert_eq!(json["grants"].as_array().unwrap().len(), 95);
/// assert_eq!(json["grants"][0]["currency"], "MAD");
/// ```
pub fn export(dataset: &Dataset, settings: &PublisherSettings) -> Result<Vec<u8>, OpenDataError> {
    let prefix = settings.checked_prefix()?;
    settings.check_common()?;
    let lang = settings.language;
    let projects = super::public_projects(dataset)?;
    let funder_id = settings.funder.reference.as_deref().map(str::trim).filter(|r| !r.is_empty()).unwrap_or(prefix);
    let grants = projects.iter().map(|project| grant(project, dataset, settings, prefix, funder_id, lang)).collect();
    let package = Package { grants };
    // Plain structs of strings and number tokens made from amounts' digits: writing them to
    // memory does not fail, but if it ever did the reason is said, not disguised.
    serde_json::to_vec_pretty(&package).map_err(|e| OpenDataError::Writing { reason: e.to_string() })
}

fn grant(project: &PublicProject, dataset: &Dataset, settings: &PublisherSettings, prefix: &str, funder_id: &str, lang: Lang) -> Grant {
    let reference = dataset.reference();
    let cooperative = &project.cooperative;
    let recipient_id = match &cooperative.ice {
        Some(ice) => format!("{prefix}-ICE-{}", ice.as_str()),
        None => format!("{prefix}-COOP-{}", cooperative.id),
    };
    let grant_id = format!("{prefix}-{}", project.id);
    let commune = reference.commune(&cooperative.commune).map_or(cooperative.commune.as_str(), |c| c.name(lang));
    let programme = reference.programme(&project.programme).map_or(project.programme.as_str(), |p| p.name(lang));
    let axis = reference.axis(&project.axis).map_or(project.axis.as_str(), |a| a.name(lang));
    let disbursements = project
        .indh_disbursements
        .iter()
        .enumerate()
        .map(|(index, payment)| Transaction {
            id: format!("{grant_id}-D{}", index + 1),
            transaction_date: payment.on.to_string(),
            value: Number(payment.amount),
            currency: CURRENCY,
        })
        .collect();
    Grant {
        id: grant_id,
        title: super::title(project, lang),
        description: super::description(project, dataset, lang),
        currency: CURRENCY,
        amount_awarded: Number(project.indh_committed),
        amount_disbursed: Number(project.indh_disbursed),
        award_date: project.approved_on.to_string(),
        planned_dates: vec![Event { start_date: project.planned_start().to_string(), end_date: project.planned_end.map(|d| d.to_string()) }],
        recipient_organization: vec![Org { id: recipient_id, name: cooperative.name(lang) }],
        funding_organization: vec![Org { id: funder_id.to_owned(), name: settings.funder.name(lang).to_owned() }],
        beneficiary_location: vec![Location { name: Some(commune.trim().to_owned()).filter(|name| !name.is_empty()), country_code: "MA" }],
        grant_programme: vec![Programme { code: format!("INDH-{}", project.axis), title: format!("INDH – {programme} – {axis}") }],
        from_open_call: "Yes",
        disbursement_transaction: disbursements,
        date_modified: project.updated.to_string(),
    }
}

const CURRENCY: &str = "MAD";

#[derive(Serialize)]
struct Package {
    grants: Vec<Grant>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Grant {
    id: String,
    title: String,
    description: String,
    currency: &'static str,
    amount_awarded: Number,
    amount_disbursed: Number,
    award_date: String,
    planned_dates: Vec<Event>,
    recipient_organization: Vec<Org>,
    funding_organization: Vec<Org>,
    beneficiary_location: Vec<Location>,
    grant_programme: Vec<Programme>,
    from_open_call: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    disbursement_transaction: Vec<Transaction>,
    date_modified: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event {
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

#[derive(Serialize)]
struct Org {
    id: String,
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    country_code: &'static str,
}

#[derive(Serialize)]
struct Programme {
    code: String,
    title: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Transaction {
    id: String,
    transaction_date: String,
    value: Number,
    currency: &'static str,
}

/// An amount written as a JSON number token from its canonical digits (`180000.00`).
struct Number(Amount);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let token = RawValue::from_string(self.0.to_canonical()).map_err(serde::ser::Error::custom)?;
        token.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_written_as_a_number_with_its_own_digits() {
        for (centimes, token) in [(1_317_000_000u64, "13170000.00"), (18_000_050, "180000.50"), (5, "0.05"), (99_999_999_999_999_999, "999999999999999.99")] {
            let amount = Amount::from_centimes(centimes).unwrap();
            assert_eq!(serde_json::to_string(&Number(amount)).unwrap(), token);
        }
    }
}
