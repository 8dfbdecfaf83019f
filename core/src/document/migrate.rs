//! Pure migrations from older schema versions to the current one, each a function from the old
//! JSON to the new, tested against frozen fixture files (`core/tests/fixtures/`).
//!
//! A migration never changes its input (it takes it by reference) and either returns the whole
//! upgraded document or every problem it met, with paths in the *old* format, so a failed
//! upgrade leaves the user's data exactly as it was.
//!
//! # Version 1
//!
//! The first stored format, before reference data and rulebooks travelled with the data:
//! - no `reference` (the app's built-in lists applied) and no `rulebooks`; a project had a
//!   `call_year` only;
//! - record metadata sat beside the data: `created_ms` and `updated_ms` (milliseconds since the
//!   epoch), `updated_by`, `device`, `revision`, `deleted`; there was no version vector;
//! - a cooperative had `rural` (`true`, `false` or `null` for "as the commune says") without a
//!   reason, `members`, `women_members` and `young_members` as plain numbers, and `phone`,
//!   `email`, `address` at the top level;
//! - a project's funding was `indh_amount`, `own_cash`, `own_in_kind` and `partners` (a list of
//!   `{funder, amount}` paid in cash); its disbursements were INDH payments `{date, amount}`;
//!   there were no planned tranches.
//!
//! # Version 2
//!
//! Version 2 had no field clock and no history:
//! - each record's `meta` gains `written` with no field listed and, as `base`, the record's
//!   last change (the last change counted in `versions` of the device in `meta.device`): every
//!   field is taken to have been written by it, so two copies upgraded from the same version
//!   merge without a question, and copies changed separately before the upgrade ask about every
//!   field on which they differ rather than guess;
//! - each record's `meta` gains an empty `history` (earlier changes were not recorded);
//! - the document gains `reference_meta` with no change counted: every device is taken to know
//!   the reference data as it is, so reference entries that differ between two upgraded copies
//!   are asked about.
//!
//! # Version 4
//!
//! A follow-up visit had one field, `recommendations`, for what was advised, what the
//! cooperative needs and the next steps. Version 5 splits it into `needs` and `next_steps`:
//! the text written in `recommendations` was advice, what to do next, so it becomes
//! `next_steps` (with its field clock and the history of its changes, renamed), and `needs`
//! starts empty, written by the record's base change like any field never changed since. A
//! version-4 visit that already has `needs` or `next_steps` was not written by the app: it is
//! refused, with its path, rather than one of the two texts silently dropped.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::FieldError;
use super::path::JsonPath;
use crate::amount::Amount;
use crate::id::Id;
use crate::record::Timestamp;
use crate::reference::{Milieu, ReferenceData};
use crate::rules::Rulebook;

/// Upgrades a document of version `from` to the current version.
pub(crate) fn upgrade(document: &Value, from: u32) -> Result<Value, Vec<FieldError>> {
    match from {
        1 => v1_to_v2(document).and_then(|v2| v2_to_v3(&v2)).and_then(|v3| v3_to_v4(&v3)).and_then(|v4| v4_to_v5(&v4)),
        2 => v2_to_v3(document).and_then(|v3| v3_to_v4(&v3)).and_then(|v4| v4_to_v5(&v4)),
        3 => v3_to_v4(document).and_then(|v4| v4_to_v5(&v4)),
        4 => v4_to_v5(document),
        _ => Err(vec![FieldError::new(JsonPath::root().key("schema_version"), format!("no migration from version {from}"))]),
    }
}

/// The id given to the rulebook created for the calls of `year` when upgrading from version 1:
/// the same in every upgraded file, so two devices upgrading their copies agree.
pub(crate) fn v1_rulebook_id(year: u16) -> Id {
    Id::from_u128(0x7461_6177_756e_0001_0000_0000_0000_0000 | u128::from(year))
}

/// The author recorded on what the upgrade creates: no person, the nil device.
const MIGRATION_USER: &str = "migration v1→v2";

/// The milieu override's reason for a version-1 `rural` flag that differs from the commune.
const V1_OVERRIDE_REASON: &str = "repris du format 1 / منقول من الصيغة 1";

/// Collects errors while rebuilding a document.
struct Upgrade {
    errors: Vec<FieldError>,
}

impl Upgrade {
    fn error(&mut self, path: JsonPath, message: impl Into<String>) {
        self.errors.push(FieldError::new(path, message));
    }

    fn object<'v>(&mut self, value: &'v Value, path: &JsonPath) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.error(path.clone(), "expected an object");
        }
        object
    }

    fn array<'v>(&mut self, map: &'v Map<String, Value>, path: &JsonPath, key: &str) -> Option<&'v Vec<Value>> {
        let array = map.get(key).and_then(Value::as_array);
        if array.is_none() {
            self.error(path.key(key), "expected an array");
        }
        array
    }

    /// A field copied as it is (absent becomes `null`, which the reader then judges).
    fn take(map: &Map<String, Value>, key: &str) -> Value {
        map.get(key).cloned().unwrap_or(Value::Null)
    }

    fn timestamp(&mut self, map: &Map<String, Value>, path: &JsonPath, key: &str) -> Value {
        let millis = map.get(key).and_then(Value::as_i64).and_then(Timestamp::from_millis);
        match millis {
            Some(timestamp) => Value::String(timestamp.to_string()),
            None => {
                self.error(path.key(key), "expected milliseconds since 1970 as a whole number");
                Value::Null
            }
        }
    }

    fn amount(&mut self, map: &Map<String, Value>, path: &JsonPath, key: &str) -> Option<Amount> {
        let value = map.get(key).unwrap_or(&Value::Null);
        match serde_json::from_value::<Amount>(value.clone()) {
            Ok(amount) => Some(amount),
            Err(error) => {
                self.error(path.key(key), error.to_string());
                None
            }
        }
    }

    /// The version-1 metadata fields of a record, as a version-2 `meta` object.
    fn meta(&mut self, map: &Map<String, Value>, path: &JsonPath) -> Value {
        let device = Upgrade::take(map, "device");
        let revision = Upgrade::take(map, "revision");
        let mut versions = Map::new();
        if let Some(device) = device.as_str() {
            versions.insert(device.to_owned(), revision.clone());
        }
        json!({
            "created": self.timestamp(map, path, "created_ms"),
            "updated": self.timestamp(map, path, "updated_ms"),
            "updated_by": Upgrade::take(map, "updated_by"),
            "device": device,
            "revision": revision,
            "versions": versions,
            "deleted": Upgrade::take(map, "deleted"),
        })
    }
}

fn v1_to_v2(document: &Value) -> Result<Value, Vec<FieldError>> {
    let mut upgrade = Upgrade { errors: Vec::new() };
    let root = JsonPath::root();
    let Some(map) = upgrade.object(document, &root) else { return Err(upgrade.errors) };
    for key in map.keys() {
        if !["schema_version", "cooperatives", "projects"].contains(&key.as_str()) {
            upgrade.error(root.key(key), format!("unknown field \"{key}\" in a version 1 document"));
        }
    }
    let reference = ReferenceData::builtin();
    let cooperatives_path = root.key("cooperatives");
    let projects_path = root.key("projects");
    let mut cooperatives = Vec::new();
    for (index, value) in upgrade.array(map, &root, "cooperatives").into_iter().flatten().enumerate() {
        if let Some(cooperative) = v1_cooperative(&mut upgrade, value, &cooperatives_path.index(index), &reference) {
            cooperatives.push(cooperative);
        }
    }
    // The calls of version 1 become one default rulebook per year, stamped with the earliest
    // creation time among that year's projects.
    let mut years: BTreeMap<u16, Value> = BTreeMap::new();
    let mut projects = Vec::new();
    for (index, value) in upgrade.array(map, &root, "projects").into_iter().flatten().enumerate() {
        let path = projects_path.index(index);
        if let Some((project, year)) = v1_project(&mut upgrade, value, &path) {
            let created = project["meta"]["created"].clone();
            years
                .entry(year)
                .and_modify(|earliest| {
                    if created.as_str() < earliest.as_str() {
                        *earliest = created.clone();
                    }
                })
                .or_insert(created);
            projects.push(project);
        }
    }
    if !upgrade.errors.is_empty() {
        return Err(upgrade.errors);
    }
    let nil_device = Id::from_u128(0).to_string();
    let rulebooks: Vec<Value> = years
        .into_iter()
        .map(|(year, created)| {
            let rules = Rulebook::default_for_programme_3(&format!("طلب اقتراح مشاريع {year}"), &format!("Appel à projets {year}"));
            let mut record = json!({
                "id": v1_rulebook_id(year).to_string(),
                "meta": {
                    "created": created, "updated": created, "updated_by": MIGRATION_USER, "device": nil_device,
                    "revision": 1, "versions": {nil_device.clone(): 1}, "deleted": false,
                },
            });
            if let (Some(record), Value::Object(fields)) = (record.as_object_mut(), serde_json::to_value(rules).unwrap_or(Value::Null)) {
                record.extend(fields);
            }
            record
        })
        .collect();
    Ok(json!({
        "schema_version": 2,
        "reference": serde_json::to_value(&reference).unwrap_or(Value::Null),
        "rulebooks": rulebooks,
        "cooperatives": cooperatives,
        "projects": projects,
    }))
}

fn v2_to_v3(document: &Value) -> Result<Value, Vec<FieldError>> {
    let Some(map) = document.as_object() else {
        return Err(vec![FieldError::new(JsonPath::root(), "expected an object")]);
    };
    let mut upgraded = map.clone();
    upgraded.insert("schema_version".into(), json!(3));
    for list in ["rulebooks", "cooperatives", "projects"] {
        for record in upgraded.get_mut(list).and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(meta) = record.get_mut("meta").and_then(Value::as_object_mut) {
                let base = v3_base(meta);
                meta.entry("written").or_insert_with(|| json!({"base": base, "fields": {}}));
                meta.entry("history").or_insert_with(|| json!([]));
            }
        }
    }
    upgraded.entry("reference_meta").or_insert_with(|| json!({"versions": {}, "written": {}, "history": []}));
    Ok(Value::Object(upgraded))
}

/// Version 3 had no meetings, visits or success stories: the document gains the three lists,
/// empty. A version-3 file that already has one of them (written by hand) keeps it, for the
/// reader to judge.
fn v3_to_v4(document: &Value) -> Result<Value, Vec<FieldError>> {
    let Some(map) = document.as_object() else {
        return Err(vec![FieldError::new(JsonPath::root(), "expected an object")]);
    };
    let mut upgraded = map.clone();
    upgraded.insert("schema_version".into(), json!(4));
    for list in ["meetings", "visits", "stories"] {
        upgraded.entry(list).or_insert_with(|| json!([]));
    }
    Ok(Value::Object(upgraded))
}

/// Version 4 kept a visit's needs and next steps in one field, `recommendations`: it becomes
/// `next_steps` (in the data, the field clock and the history) and `needs` is added, empty.
/// Anything else wrong with a visit is left for the reader to report, with its path.
fn v4_to_v5(document: &Value) -> Result<Value, Vec<FieldError>> {
    let Some(map) = document.as_object() else {
        return Err(vec![FieldError::new(JsonPath::root(), "expected an object")]);
    };
    let mut upgrade = Upgrade { errors: Vec::new() };
    let mut upgraded = map.clone();
    upgraded.insert("schema_version".into(), json!(5));
    let visits_path = JsonPath::root().key("visits");
    for (index, visit) in upgraded.get_mut("visits").and_then(Value::as_array_mut).into_iter().flatten().enumerate() {
        let Some(visit) = visit.as_object_mut() else { continue };
        for key in ["needs", "next_steps"] {
            if visit.contains_key(key) {
                upgrade.error(visits_path.index(index).key(key), format!("unknown field \"{key}\" in a version 4 visit"));
            }
        }
        if let Some(text) = visit.remove("recommendations") {
            visit.insert("needs".into(), json!(""));
            visit.insert("next_steps".into(), text);
        }
        let Some(meta) = visit.get_mut("meta").and_then(Value::as_object_mut) else { continue };
        if let Some(fields) = meta.get_mut("written").and_then(|w| w.get_mut("fields")).and_then(Value::as_object_mut)
            && let Some(dot) = fields.remove("recommendations")
        {
            fields.insert("next_steps".into(), dot);
        }
        for change in meta.get_mut("history").and_then(Value::as_array_mut).into_iter().flatten() {
            for field in change.get_mut("fields").and_then(Value::as_array_mut).into_iter().flatten() {
                if let Some(name) = field.get_mut("field").filter(|name| *name == "recommendations") {
                    *name = json!("next_steps");
                }
            }
        }
    }
    if upgrade.errors.is_empty() { Ok(Value::Object(upgraded)) } else { Err(upgrade.errors) }
}

/// The dot of a version-2 record's last change: the last change of `meta.device` in `versions`;
/// if that device is missing there (data changed by hand), the device with the most changes.
/// Whatever is wrong with the metadata is left for the reader to report, with its path.
fn v3_base(meta: &Map<String, Value>) -> Value {
    let device = meta.get("device").and_then(Value::as_str);
    let versions = meta.get("versions").and_then(Value::as_object);
    let last_of = |device: &str| versions.and_then(|v| v.get(device)).cloned();
    match (device, device.and_then(last_of)) {
        (Some(device), Some(counter)) => json!({"device": device, "counter": counter}),
        _ => match versions.and_then(|v| v.iter().max_by_key(|(id, n)| (n.as_u64(), id.as_str()))) {
            Some((device, counter)) => json!({"device": device, "counter": counter}),
            None => json!({"device": meta.get("device").cloned().unwrap_or(Value::Null), "counter": meta.get("revision").cloned().unwrap_or(Value::Null)}),
        },
    }
}

const V1_COOPERATIVE_FIELDS: &[&str] = &[
    "id",
    "created_ms",
    "updated_ms",
    "updated_by",
    "device",
    "revision",
    "deleted",
    "name_ar",
    "name_fr",
    "legal_form",
    "register_number",
    "ice",
    "created_on",
    "commune",
    "rural",
    "sector",
    "members",
    "women_members",
    "young_members",
    "president_gender",
    "status",
    "phone",
    "email",
    "address",
    "notes",
];

fn unknown_fields(upgrade: &mut Upgrade, map: &Map<String, Value>, path: &JsonPath, known: &[&str]) {
    for key in map.keys() {
        if !known.contains(&key.as_str()) {
            upgrade.error(path.key(key), format!("unknown field \"{key}\" in a version 1 record"));
        }
    }
}

fn v1_cooperative(upgrade: &mut Upgrade, value: &Value, path: &JsonPath, reference: &ReferenceData) -> Option<Value> {
    let map = upgrade.object(value, path)?;
    unknown_fields(upgrade, map, path, V1_COOPERATIVE_FIELDS);
    let take = |key| Upgrade::take(map, key);
    let commune_milieu = map.get("commune").and_then(Value::as_str).and_then(|code| reference.commune(code)).map(|c| c.milieu());
    let milieu_override = match map.get("rural") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::Bool(rural)) => {
            let milieu = if *rural { Milieu::Rural } else { Milieu::Urban };
            if commune_milieu == Some(milieu) { Value::Null } else { json!({"milieu": milieu, "reason": V1_OVERRIDE_REASON}) }
        }
        Some(_) => {
            upgrade.error(path.key("rural"), "expected true, false or null");
            Value::Null
        }
    };
    Some(json!({
        "id": take("id"),
        "meta": upgrade.meta(map, path),
        "name_ar": take("name_ar"),
        "name_fr": take("name_fr"),
        "legal_form": take("legal_form"),
        "register_number": take("register_number"),
        "ice": take("ice"),
        "created_on": take("created_on"),
        "commune": take("commune"),
        "milieu_override": milieu_override,
        "sector": take("sector"),
        "members": {"total": take("members"), "women": take("women_members"), "youth": take("young_members")},
        "president_gender": take("president_gender"),
        "status": take("status"),
        "contact": {"phone": take("phone"), "email": take("email"), "address": take("address")},
        "notes": take("notes"),
    }))
}

const V1_PROJECT_FIELDS: &[&str] = &[
    "id",
    "created_ms",
    "updated_ms",
    "updated_by",
    "device",
    "revision",
    "deleted",
    "title_ar",
    "title_fr",
    "cooperative",
    "programme",
    "axis",
    "call_year",
    "total_cost",
    "indh_amount",
    "own_cash",
    "own_in_kind",
    "partners",
    "submitted_on",
    "cpdh_approved_on",
    "convention_signed_on",
    "disbursements",
    "jobs",
    "status",
    "notes",
];

fn v1_project(upgrade: &mut Upgrade, value: &Value, path: &JsonPath) -> Option<(Value, u16)> {
    let map = upgrade.object(value, path)?;
    unknown_fields(upgrade, map, path, V1_PROJECT_FIELDS);
    let take = |key| Upgrade::take(map, key);
    let year = map.get("call_year").and_then(Value::as_u64).and_then(|y| u16::try_from(y).ok());
    if year.is_none() {
        upgrade.error(path.key("call_year"), "expected a year");
    }
    // Zero lines were how version 1 said "no such contribution"; they are not carried over.
    let mut contributions = Vec::new();
    for (key, funder, kind) in [("indh_amount", "INDH", "cash"), ("own_cash", "OWN", "cash"), ("own_in_kind", "OWN", "in_kind")] {
        if let Some(amount) = upgrade.amount(map, path, key)
            && !amount.is_zero()
        {
            contributions.push(json!({"funder": funder, "amount": amount, "kind": kind}));
        }
    }
    for (index, partner) in upgrade.array(map, path, "partners").into_iter().flatten().enumerate() {
        let partner_path = path.key("partners").index(index);
        if let Some(fields) = upgrade.object(partner, &partner_path) {
            unknown_fields(upgrade, fields, &partner_path, &["funder", "amount"]);
            if let Some(amount) = upgrade.amount(fields, &partner_path, "amount") {
                contributions.push(json!({"funder": Upgrade::take(fields, "funder"), "amount": amount, "kind": "cash"}));
            }
        }
    }
    let mut disbursements = Vec::new();
    for (index, payment) in upgrade.array(map, path, "disbursements").into_iter().flatten().enumerate() {
        let payment_path = path.key("disbursements").index(index);
        if let Some(fields) = upgrade.object(payment, &payment_path) {
            unknown_fields(upgrade, fields, &payment_path, &["date", "amount"]);
            disbursements.push(json!({"paid_on": Upgrade::take(fields, "date"), "funder": "INDH", "amount": Upgrade::take(fields, "amount")}));
        }
    }
    let year = year?;
    let project = json!({
        "id": take("id"),
        "meta": upgrade.meta(map, path),
        "title_ar": take("title_ar"),
        "title_fr": take("title_fr"),
        "cooperative": take("cooperative"),
        "programme": take("programme"),
        "axis": take("axis"),
        "call": {"year": year, "rulebook": v1_rulebook_id(year).to_string()},
        "total_cost": take("total_cost"),
        "contributions": contributions,
        "submitted_on": take("submitted_on"),
        "cpdh_approved_on": take("cpdh_approved_on"),
        "convention_signed_on": take("convention_signed_on"),
        "tranches": [],
        "disbursements": disbursements,
        "jobs": take("jobs"),
        "status": take("status"),
        "notes": take("notes"),
    });
    Some((project, year))
}
