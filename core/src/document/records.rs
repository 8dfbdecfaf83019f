//! Reading the records of a current-version document, field by field, every error kept with its
//! path; the field lists here and the `Serialize` derives of the domain types describe the same
//! format, which the JSON Schema test holds together.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::path::JsonPath;
use super::read::{Fields, Reader};
use crate::cooperative::{Contact, Cooperative, Members, MilieuOverride};
use crate::fields::Fields as RecordFields;
use crate::history::{self, Change};
use crate::id::Id;
use crate::meeting::Meeting;
use crate::project::{Call, Contribution, Disbursement, Jobs, Project, Tranche};
use crate::record::{DELETED, Dot, Meta, Record, ReferenceMeta, Written};
use crate::rules::{AgeBand, CeilingRule, CountRule, PeriodRule, Rulebook, ShareRule};
use crate::story::Story;
use crate::visit::Visit;

/// Reads one record: `id`, `meta`, then the fields of its kind with `data`.
fn record<T: RecordFields>(
    reader: &mut Reader,
    value: &Value,
    path: &JsonPath,
    data_fields: &[&str],
    data: impl FnOnce(&mut Reader, &Fields<'_>) -> Option<T>,
) -> Option<Record<T>> {
    let mut known = vec!["id", "meta"];
    known.extend_from_slice(data_fields);
    let fields = reader.object(value, path, &known)?;
    let id = fields.serde::<Id>(reader, "id");
    let meta = fields.with(reader, "meta", |reader, value, path| meta(reader, value, path, T::NAMES));
    let data = data(reader, &fields);
    Some(Record { id: id?, meta: meta?, data: data? })
}

/// Reports a dot that is not a change the version vector counts.
fn check_dot(reader: &mut Reader, dot: &Dot, versions: &BTreeMap<Id, u64>, path: JsonPath) -> bool {
    let counted = dot.counter >= 1 && dot.is_known_to(versions);
    if !counted {
        reader.error(path, format!("the change {} of device {} is not counted in the version vector", dot.counter, dot.device));
    }
    counted
}

/// Checks a history against its version vector (each change counted, each once) and puts it in
/// order.
fn check_history(reader: &mut Reader, history: Vec<Change>, versions: &BTreeMap<Id, u64>, path: &JsonPath) -> Option<Vec<Change>> {
    let mut complete = true;
    let mut seen = std::collections::BTreeSet::new();
    let total = versions.values().fold(0u64, |sum, n| sum.saturating_add(*n));
    for (index, change) in history.iter().enumerate() {
        complete &= check_dot(reader, &change.dot(), versions, path.index(index));
        if change.revision == 0 || change.revision > total {
            reader.error(path.index(index).key("revision"), format!("the revision {} should be between 1 and {total}", change.revision));
            complete = false;
        }
        if !seen.insert(change.dot()) {
            reader.error(path.index(index), format!("the change {} of device {} appears twice", change.counter, change.device));
            complete = false;
        }
    }
    complete.then(|| history::normalise(history))
}

/// Reads the `written` field clock of a record and checks every dot and field name.
fn written(reader: &mut Reader, value: &Value, path: &JsonPath, versions: &BTreeMap<Id, u64>, names: &[&str]) -> Option<Written> {
    let written: Written = reader.serde(value, path)?;
    let mut complete = check_dot(reader, &written.base, versions, path.key("base"));
    for (field, dot) in &written.fields {
        let field_path = path.key("fields").key(field);
        if field != DELETED && !names.contains(&field.as_str()) {
            reader.error(field_path, format!("unknown field \"{field}\""));
            complete = false;
        } else if *dot == written.base {
            reader.error(field_path, "a field written by the base change is not listed");
            complete = false;
        } else {
            complete &= check_dot(reader, dot, versions, field_path);
        }
    }
    complete.then_some(written)
}

/// Reads `reference_meta`: the reference data's version vector, field clock and history.
pub(crate) fn reference_meta(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<ReferenceMeta> {
    let meta: ReferenceMeta = reader.serde(value, path)?;
    let mut complete = true;
    for (field, dot) in &meta.written {
        let field_path = path.key("written").key(field);
        if field.split('/').count() < 3 {
            reader.error(field_path, "expected \"table/code/attribute\"");
            complete = false;
        } else {
            complete &= check_dot(reader, dot, &meta.versions, field_path);
        }
    }
    let history = check_history(reader, meta.history, &meta.versions, &path.key("history"));
    match (history, complete) {
        (Some(history), true) => Some(ReferenceMeta { versions: meta.versions, written: meta.written, history }),
        _ => None,
    }
}

fn meta(reader: &mut Reader, value: &Value, path: &JsonPath, names: &[&str]) -> Option<Meta> {
    let fields = reader.object(value, path, &["created", "updated", "updated_by", "device", "revision", "versions", "deleted", "written", "history"])?;
    let created = fields.serde(reader, "created");
    let updated = fields.serde(reader, "updated");
    let updated_by = fields.serde(reader, "updated_by");
    let device = fields.serde(reader, "device");
    let revision: Option<u64> = fields.serde(reader, "revision");
    let versions: Option<BTreeMap<Id, u64>> = fields.serde(reader, "versions");
    let deleted = fields.serde(reader, "deleted");
    if let (Some(revision), Some(versions)) = (revision, &versions) {
        let total = versions.values().try_fold(0u64, |sum, n| sum.checked_add(*n));
        if total != Some(revision) || revision == 0 {
            reader.error(
                path.key("revision"),
                format!(
                    "the revision {revision} should be at least 1 and equal the sum of the version vector ({})",
                    total.map_or("overflow".into(), |t| t.to_string())
                ),
            );
            return None;
        }
    }
    let versions = versions?;
    let written = fields.with(reader, "written", |reader, value, path| written(reader, value, path, &versions, names));
    let history = fields.with(reader, "history", |reader, value, path| {
        let history: Vec<Change> = reader.serde(value, path)?;
        check_history(reader, history, &versions, path)
    });
    Some(Meta {
        created: created?,
        updated: updated?,
        updated_by: updated_by?,
        device: device?,
        revision: revision?,
        versions,
        deleted: deleted?,
        written: written?,
        history: history?,
    })
}

/// The data fields of a rulebook, in document order.
pub(crate) const RULEBOOK_FIELDS: &[&str] = &[
    "name_ar",
    "name_fr",
    "max_indh_share",
    "indh_ceiling",
    "min_own_share",
    "max_in_kind_share_of_own",
    "min_women_youth_share",
    "youth_ages",
    "min_members",
    "programme_period",
];

fn share_rule(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<ShareRule> {
    let fields = reader.object(value, path, &["rate", "severity"])?;
    let rate = fields.serde(reader, "rate");
    let severity = fields.serde(reader, "severity");
    Some(ShareRule { rate: rate?, severity: severity? })
}

pub(crate) fn rulebook(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<Record<Rulebook>> {
    record(reader, value, path, RULEBOOK_FIELDS, |reader, fields| {
        let name_ar = fields.serde(reader, "name_ar");
        let name_fr = fields.serde(reader, "name_fr");
        let max_indh_share = fields.with(reader, "max_indh_share", share_rule);
        let indh_ceiling = fields.with(reader, "indh_ceiling", |reader, value, path| {
            let fields = reader.object(value, path, &["cooperative", "union", "gie", "severity"])?;
            let cooperative = fields.serde(reader, "cooperative");
            let union = fields.serde(reader, "union");
            let gie = fields.serde(reader, "gie");
            let severity = fields.serde(reader, "severity");
            Some(CeilingRule { cooperative: cooperative?, union: union?, gie: gie?, severity: severity? })
        });
        let min_own_share = fields.with(reader, "min_own_share", share_rule);
        let max_in_kind_share_of_own = fields.with(reader, "max_in_kind_share_of_own", share_rule);
        let min_women_youth_share = fields.with(reader, "min_women_youth_share", share_rule);
        let youth_ages = fields.with(reader, "youth_ages", |reader, value, path| {
            let fields = reader.object(value, path, &["min_age", "max_age"])?;
            let min_age = fields.serde(reader, "min_age");
            let max_age = fields.serde(reader, "max_age");
            Some(AgeBand { min_age: min_age?, max_age: max_age? })
        });
        let min_members = fields.with(reader, "min_members", |reader, value, path| {
            let fields = reader.object(value, path, &["minimum", "severity"])?;
            let minimum = fields.serde(reader, "minimum");
            let severity = fields.serde(reader, "severity");
            Some(CountRule { minimum: minimum?, severity: severity? })
        });
        let programme_period = fields.with(reader, "programme_period", |reader, value, path| {
            let fields = reader.object(value, path, &["first_year", "last_year", "severity"])?;
            let first_year = fields.serde(reader, "first_year");
            let last_year = fields.serde(reader, "last_year");
            let severity = fields.serde(reader, "severity");
            Some(PeriodRule { first_year: first_year?, last_year: last_year?, severity: severity? })
        });
        Some(Rulebook {
            name_ar: name_ar?,
            name_fr: name_fr?,
            max_indh_share: max_indh_share?,
            indh_ceiling: indh_ceiling?,
            min_own_share: min_own_share?,
            max_in_kind_share_of_own: max_in_kind_share_of_own?,
            min_women_youth_share: min_women_youth_share?,
            youth_ages: youth_ages?,
            min_members: min_members?,
            programme_period: programme_period?,
        })
    })
}

/// The data fields of a cooperative, in document order.
pub(crate) const COOPERATIVE_FIELDS: &[&str] = &[
    "name_ar",
    "name_fr",
    "legal_form",
    "register_number",
    "ice",
    "created_on",
    "commune",
    "milieu_override",
    "sector",
    "members",
    "president_gender",
    "status",
    "contact",
    "notes",
];

/// Reads `total`, `women` and `youth`.
fn counts(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<(u32, u32, u32)> {
    let fields = reader.object(value, path, &["total", "women", "youth"])?;
    let total = fields.serde(reader, "total");
    let women = fields.serde(reader, "women");
    let youth = fields.serde(reader, "youth");
    Some((total?, women?, youth?))
}

pub(crate) fn cooperative(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<Record<Cooperative>> {
    record(reader, value, path, COOPERATIVE_FIELDS, |reader, fields| {
        let name_ar = fields.serde(reader, "name_ar");
        let name_fr = fields.serde(reader, "name_fr");
        let legal_form = fields.serde(reader, "legal_form");
        let register_number = fields.optional(reader, "register_number");
        let ice = fields.optional(reader, "ice");
        let created_on = fields.optional(reader, "created_on");
        let commune = fields.serde(reader, "commune");
        let milieu_override = fields.with_optional(reader, "milieu_override", |reader, value, path| {
            let fields = reader.object(value, path, &["milieu", "reason"])?;
            let milieu = fields.serde(reader, "milieu");
            let reason = fields.serde(reader, "reason");
            Some(MilieuOverride { milieu: milieu?, reason: reason? })
        });
        let sector = fields.serde(reader, "sector");
        let members = fields.with(reader, "members", counts).map(|(total, women, youth)| Members { total, women, youth });
        let president_gender = fields.serde(reader, "president_gender");
        let status = fields.serde(reader, "status");
        let contact = fields.with(reader, "contact", |reader, value, path| {
            let fields = reader.object(value, path, &["phone", "email", "address"])?;
            let phone = fields.optional(reader, "phone");
            let email = fields.optional(reader, "email");
            let address = fields.serde(reader, "address");
            Some(Contact { phone: phone?, email: email?, address: address? })
        });
        let notes = fields.serde(reader, "notes");
        Some(Cooperative {
            name_ar: name_ar?,
            name_fr: name_fr?,
            legal_form: legal_form?,
            register_number: register_number?,
            ice: ice?,
            created_on: created_on?,
            commune: commune?,
            milieu_override: milieu_override?,
            sector: sector?,
            members: members?,
            president_gender: president_gender?,
            status: status?,
            contact: contact?,
            notes: notes?,
        })
    })
}

/// The data fields of a project, in document order.
pub(crate) const PROJECT_FIELDS: &[&str] = &[
    "title_ar",
    "title_fr",
    "cooperative",
    "programme",
    "axis",
    "call",
    "total_cost",
    "contributions",
    "submitted_on",
    "cpdh_approved_on",
    "convention_signed_on",
    "tranches",
    "disbursements",
    "jobs",
    "status",
    "notes",
];

pub(crate) fn project(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<Record<Project>> {
    record(reader, value, path, PROJECT_FIELDS, |reader, fields| {
        let title_ar = fields.serde(reader, "title_ar");
        let title_fr = fields.serde(reader, "title_fr");
        let cooperative = fields.serde(reader, "cooperative");
        let programme = fields.serde(reader, "programme");
        let axis = fields.serde(reader, "axis");
        let call = fields.with(reader, "call", |reader, value, path| {
            let fields = reader.object(value, path, &["year", "rulebook"])?;
            let year = fields.serde(reader, "year");
            let rulebook = fields.serde(reader, "rulebook");
            Some(Call { year: year?, rulebook: rulebook? })
        });
        let total_cost = fields.serde(reader, "total_cost");
        let contributions = fields.list(reader, "contributions", |reader, value, path| {
            let fields = reader.object(value, path, &["funder", "amount", "kind"])?;
            let funder = fields.serde(reader, "funder");
            let amount = fields.serde(reader, "amount");
            let kind = fields.serde(reader, "kind");
            Some(Contribution { funder: funder?, amount: amount?, kind: kind? })
        });
        let submitted_on = fields.optional(reader, "submitted_on");
        let cpdh_approved_on = fields.optional(reader, "cpdh_approved_on");
        let convention_signed_on = fields.optional(reader, "convention_signed_on");
        let tranches = fields.list(reader, "tranches", |reader, value, path| {
            let fields = reader.object(value, path, &["planned_on", "funder", "amount"])?;
            let planned_on = fields.serde(reader, "planned_on");
            let funder = fields.serde(reader, "funder");
            let amount = fields.serde(reader, "amount");
            Some(Tranche { planned_on: planned_on?, funder: funder?, amount: amount? })
        });
        let disbursements = fields.list(reader, "disbursements", |reader, value, path| {
            let fields = reader.object(value, path, &["paid_on", "funder", "amount"])?;
            let paid_on = fields.serde(reader, "paid_on");
            let funder = fields.serde(reader, "funder");
            let amount = fields.serde(reader, "amount");
            Some(Disbursement { paid_on: paid_on?, funder: funder?, amount: amount? })
        });
        let jobs = fields.with(reader, "jobs", counts).map(|(total, women, youth)| Jobs { total, women, youth });
        let status = fields.serde(reader, "status");
        let notes = fields.serde(reader, "notes");
        Some(Project {
            title_ar: title_ar?,
            title_fr: title_fr?,
            cooperative: cooperative?,
            programme: programme?,
            axis: axis?,
            call: call?,
            total_cost: total_cost?,
            contributions: contributions?,
            submitted_on: submitted_on?,
            cpdh_approved_on: cpdh_approved_on?,
            convention_signed_on: convention_signed_on?,
            tranches: tranches?,
            disbursements: disbursements?,
            jobs: jobs?,
            status: status?,
            notes: notes?,
        })
    })
}

/// The data fields of a meeting, in document order.
pub(crate) const MEETING_FIELDS: &[&str] = &[
    "title_ar",
    "title_fr",
    "date",
    "start_time",
    "place",
    "organisers",
    "partners",
    "agenda",
    "invited",
    "attendance",
    "testimonials",
    "challenges",
    "follow_ups",
];

/// Reads the data of a record whose type reads itself through serde (refusing unknown fields),
/// from the record's object less `id` and `meta`; the path of an error is kept.
fn data_through_serde<T: serde::de::DeserializeOwned>(reader: &mut Reader, fields: &Fields<'_>, names: &[&str]) -> Option<T> {
    let mut map = serde_json::Map::new();
    for name in names {
        let (value, _) = fields.required_or_null(name);
        map.insert((*name).to_owned(), value.clone());
    }
    reader.serde(&Value::Object(map), fields.path())
}

pub(crate) fn meeting(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<Record<Meeting>> {
    record(reader, value, path, MEETING_FIELDS, |reader, fields| {
        let meeting: Meeting = data_through_serde(reader, fields, MEETING_FIELDS)?;
        // Set fields are stored sorted, each element once; a file that breaks this (written by
        // hand) is read as the app would have stored it.
        Some(meeting.normalised())
    })
}

/// The data fields of a visit, in document order.
pub(crate) const VISIT_FIELDS: &[&str] = &["cooperative", "date", "visitor", "purpose", "state", "observations", "needs", "next_steps", "next_visit_on"];

pub(crate) fn visit(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<Record<Visit>> {
    record(reader, value, path, VISIT_FIELDS, |reader, fields| data_through_serde(reader, fields, VISIT_FIELDS))
}

/// The data fields of a success story, in document order.
pub(crate) const STORY_FIELDS: &[&str] = &["project", "story_ar", "story_fr", "jobs", "turnover_before", "turnover_after", "photos"];

pub(crate) fn story(reader: &mut Reader, value: &Value, path: &JsonPath) -> Option<Record<Story>> {
    record(reader, value, path, STORY_FIELDS, |reader, fields| data_through_serde(reader, fields, STORY_FIELDS))
}

/// Reads a list of records and refuses every id that appears a second time, with both paths.
///
/// Ids are compared among the records that could be read, so a file with a bad amount in one
/// record and a repeated id in two others reports all three problems at once.
pub(crate) fn records<T>(
    reader: &mut Reader,
    fields: &Fields<'_>,
    key: &str,
    mut item: impl FnMut(&mut Reader, &Value, &JsonPath) -> Option<Record<T>>,
) -> Option<Vec<Record<T>>> {
    let (value, path) = fields.required(reader, key)?;
    let Value::Array(items) = value else {
        reader.error(path, "expected an array of records");
        return None;
    };
    let mut read = Vec::with_capacity(items.len());
    let mut first: HashMap<Id, usize> = HashMap::with_capacity(items.len());
    let mut complete = true;
    for (index, value) in items.iter().enumerate() {
        let Some(record) = item(reader, value, &path.index(index)) else {
            complete = false;
            continue;
        };
        match first.get(&record.id) {
            Some(earlier) => {
                complete = false;
                reader.error(path.index(index).key("id"), format!("the id {} is already used by {}", record.id, path.index(*earlier)));
            }
            None => {
                first.insert(record.id, index);
            }
        }
        read.push(record);
    }
    complete.then_some(read)
}
