//! The document format: migrations on frozen fixtures (r07), all-or-nothing import with every
//! path (r16), hostile JSON (r17), duplicates (r18), versions and the size limit.

use serde_json::{Value, json};
use taawun_core::dataset::{Dataset, Edit};
use taawun_core::document::{self, ImportError, MAX_BYTES, SCHEMA_VERSION};
use taawun_core::id::Id;
use taawun_core::lang::Lang;
use taawun_core::project::{Contribution, ContributionKind};
use taawun_core::record::Dot;
use taawun_core::reference::ReferenceData;
use taawun_core::text::Localised;

use crate::sample::{dh, recorded};

const V1: &[u8] = include_bytes!("../fixtures/v1_small.json");
const V2: &[u8] = include_bytes!("../fixtures/v2_small.json");
const V3: &[u8] = include_bytes!("../fixtures/v3_small.json");
const V4: &[u8] = include_bytes!("../fixtures/v4_small.json");
/// A version-4 file with a meeting (check-ins of a cooperative and of a walk-in), a visit and a
/// success story: freezes how they were written.
const V4_MEETING: &[u8] = include_bytes!("../fixtures/v4_meeting.json");
const V5: &[u8] = include_bytes!("../fixtures/v5_small.json");
/// `V4_MEETING` upgraded: the visit's needs and next steps in fields of their own.
const V5_MEETING: &[u8] = include_bytes!("../fixtures/v5_meeting.json");

fn paths(error: &ImportError) -> Vec<String> {
    error.field_errors().iter().map(|e| e.path.to_string()).collect()
}

fn demo_value() -> Value {
    serde_json::from_slice(&taawun_core::demo::document()).unwrap()
}

fn import_value(value: &Value) -> Result<document::Imported, ImportError> {
    document::import(&serde_json::to_vec(value).unwrap())
}

#[test]
fn r07_a_version_1_file_is_upgraded_to_exactly_its_frozen_version_5_fixture() {
    let imported = document::import(V1).unwrap();
    assert_eq!(imported.migrated_from, Some(1));
    let mut migrated: Value = serde_json::from_slice(&document::export(&imported.dataset)).unwrap();
    let mut expected: Value = serde_json::from_slice(V5).unwrap();
    // Version 1 files used the app's built-in reference data; the upgrade embeds the current
    // one, which may grow, so the records are compared with the fixture and the reference with
    // the built-in lists.
    assert_eq!(imported.dataset.reference(), &ReferenceData::builtin());
    migrated.as_object_mut().unwrap().remove("reference");
    expected.as_object_mut().unwrap().remove("reference");
    assert_eq!(migrated, expected);
}

#[test]
fn r07_a_version_2_file_is_upgraded_to_exactly_its_frozen_version_5_fixture() {
    let imported = document::import(V2).unwrap();
    assert_eq!(imported.migrated_from, Some(2));
    assert_eq!(String::from_utf8(document::export(&imported.dataset)).unwrap(), String::from_utf8(V5.to_vec()).unwrap());
}

#[test]
fn r07_a_version_3_file_gains_empty_lists_of_meetings_visits_and_stories_and_nothing_else() {
    let imported = document::import(V3).unwrap();
    assert_eq!(imported.migrated_from, Some(3));
    assert!(imported.dataset.meetings().is_empty() && imported.dataset.visits().is_empty() && imported.dataset.stories().is_empty());
    assert_eq!(String::from_utf8(document::export(&imported.dataset)).unwrap(), String::from_utf8(V5.to_vec()).unwrap());
}

#[test]
fn r07_a_version_4_file_without_visits_changes_nothing_but_its_version() {
    let imported = document::import(V4).unwrap();
    assert_eq!(imported.migrated_from, Some(4));
    assert_eq!(String::from_utf8(document::export(&imported.dataset)).unwrap(), String::from_utf8(V5.to_vec()).unwrap());
}

#[test]
fn r07_a_version_4_visit_s_recommendations_become_its_next_steps_and_its_needs_start_empty() {
    let imported = document::import(V4_MEETING).unwrap();
    assert_eq!(imported.migrated_from, Some(4));
    let visit = &imported.dataset.visits().get(Id::from_u128(0x7151)).unwrap().data;
    assert_eq!((visit.needs.as_str(), visit.next_steps.as_str()), ("", "Chercher un local"));
    assert_eq!(String::from_utf8(document::export(&imported.dataset)).unwrap(), String::from_utf8(V5_MEETING.to_vec()).unwrap());
}

/// Writes a current document as version 4 did: a visit's `next_steps` back under
/// `recommendations` in its data, field clock and history. Its `needs`, which version 4 had
/// not, must be empty and never written since the visit's creation.
fn as_version_4(current: &Value) -> Value {
    let mut old = current.clone();
    old["schema_version"] = json!(4);
    for visit in old["visits"].as_array_mut().unwrap() {
        let visit = visit.as_object_mut().unwrap();
        assert_eq!(visit.remove("needs"), Some(json!("")), "version 4 had no needs");
        let next_steps = visit.remove("next_steps").unwrap();
        visit.insert("recommendations".into(), next_steps);
        let meta = visit.get_mut("meta").unwrap();
        let fields = meta["written"]["fields"].as_object_mut().unwrap();
        assert!(!fields.contains_key("needs"), "version 4 had no needs");
        if let Some(dot) = fields.remove("next_steps") {
            fields.insert("recommendations".into(), dot);
        }
        for change in meta["history"].as_array_mut().unwrap() {
            for field in change["fields"].as_array_mut().unwrap() {
                if field["field"] == "next_steps" {
                    field["field"] = json!("recommendations");
                }
            }
        }
    }
    old
}

#[test]
fn r07_a_version_4_visit_edited_since_its_creation_keeps_the_clock_and_history_of_its_recommendations_as_next_steps() {
    let full = crate::sample::fully_populated();
    let mut data = Dataset::new(ReferenceData::builtin());
    let id = Id::from_u128(0x7151);
    let mut visit = full.visits().get(id).unwrap().data.clone();
    let cooperative = full.cooperatives().get(visit.cooperative).unwrap().data.clone();
    data.apply(Edit::CreateCooperative { id: visit.cooperative, cooperative }, &recorded(1_700_000_000_000, 1)).unwrap();
    visit.needs = String::new();
    data.apply(Edit::CreateVisit { id, visit: visit.clone() }, &recorded(1_753_000_000_000, 7)).unwrap();
    visit.next_steps = "Louer un local à Tanger".into();
    data.apply(Edit::UpdateVisit { id, base_revision: 1, visit }, &recorded(1_760_000_000_000, 2)).unwrap();
    let current: Value = serde_json::from_slice(&document::export(&data)).unwrap();
    let record = &current["visits"][0]["meta"];
    assert!(record["written"]["fields"].get("next_steps").is_some(), "the test edits a field written since the base change");
    assert!(record["history"].as_array().unwrap().iter().any(|change| change["fields"].as_array().unwrap().iter().any(|f| f["field"] == "next_steps")));

    let upgraded = import_value(&as_version_4(&current)).unwrap();
    assert_eq!(upgraded.migrated_from, Some(4));
    assert_eq!(upgraded.dataset, document::import(&document::export(&data)).unwrap().dataset);
}

#[test]
fn r07_a_version_4_visit_that_already_has_needs_is_refused_with_its_path_and_nothing_dropped() {
    let mut old: Value = serde_json::from_slice(V4_MEETING).unwrap();
    old["visits"][0]["needs"] = json!("Un local");
    let error = import_value(&old).unwrap_err();
    assert!(matches!(error, ImportError::Migration { from: 4, .. }), "{error}");
    assert_eq!(paths(&error), vec!["visits[0].needs"]);
}

#[test]
fn r07_the_version_3_upgrade_takes_each_record_s_last_change_as_the_writer_of_every_field() {
    let dataset = document::import(V2).unwrap().dataset;
    let bee = dataset.cooperatives().get(Id::parse("5c1e0a7b3f2d4e6a8b9c0d1e2f3a4b5c").unwrap()).unwrap();
    assert_eq!(bee.meta.written.base, Dot { device: Id::parse("a0000000000000000000000000000001").unwrap(), counter: 3 });
    assert!(bee.meta.written.fields.is_empty() && bee.meta.history.is_empty());
    assert!(dataset.reference_meta().versions.is_empty());
}

#[test]
fn r07_current_version_data_passes_through_unchanged_to_the_byte() {
    for fixture in [V5, V5_MEETING] {
        let imported = document::import(fixture).unwrap();
        assert_eq!(imported.migrated_from, None);
        assert_eq!(String::from_utf8(document::export(&imported.dataset)).unwrap(), String::from_utf8(fixture.to_vec()).unwrap());
    }
}

#[test]
fn r07_the_upgrade_keeps_tombstones_metadata_and_a_reasoned_milieu_override() {
    let dataset = document::import(V1).unwrap().dataset;
    let deleted = dataset.projects().get(Id::parse("77777777777777777777777777777777").unwrap()).unwrap();
    assert!(deleted.meta.deleted);
    let bee = dataset.cooperatives().get(Id::parse("5c1e0a7b3f2d4e6a8b9c0d1e2f3a4b5c").unwrap()).unwrap();
    assert_eq!((bee.meta.revision, bee.meta.updated.to_string().as_str()), (3, "2019-07-01T09:20:00.000Z"));
    assert!(!bee.data.milieu_override.as_ref().unwrap().reason.is_empty());
}

#[test]
fn r07_a_failed_migration_reports_paths_in_the_old_format_and_leaves_its_input_intact() {
    let mut broken: Value = serde_json::from_slice(V1).unwrap();
    broken["projects"][1]["indh_amount"] = json!("12,5,0");
    broken["cooperatives"][0]["created_ms"] = json!("yesterday");
    let bytes = serde_json::to_vec(&broken).unwrap();
    let copy = bytes.clone();
    let error = document::import(&bytes).unwrap_err();
    assert!(matches!(error, ImportError::Migration { from: 1, .. }), "{error}");
    assert_eq!(paths(&error), vec!["cooperatives[0].created_ms", "projects[1].indh_amount"]);
    assert_eq!(bytes, copy);
}

#[test]
fn r16_one_bad_contribution_among_500_refuses_the_whole_import_and_names_its_path() {
    // 125 projects of 4 contribution lines each.
    let mut dataset = taawun_core::demo::dataset();
    let template = dataset.projects().live().next().unwrap().data.clone();
    for n in 0..125u128 {
        let mut project = template.clone();
        project.total_cost = dh("400.00");
        project.contributions = (0..4).map(|_| Contribution { funder: "OWN".into(), amount: dh("100.00"), kind: ContributionKind::Cash }).collect();
        project.tranches.clear();
        project.disbursements.clear();
        dataset.apply(Edit::CreateProject { id: Id::from_u128(0xbeef_0000 + n), project }, &recorded(1_700_000_000_000, 1)).unwrap();
    }
    let mut value: Value = serde_json::from_slice(&document::export(&dataset)).unwrap();
    let lines: usize = value["projects"].as_array().unwrap().iter().map(|p| p["contributions"].as_array().unwrap().len()).sum();
    assert!(lines >= 500, "{lines} lines");
    let before = document::export(&dataset);
    value["projects"][3]["contributions"][1]["amount"] = json!("12,5,0");
    let error = import_value(&value).unwrap_err();
    assert_eq!(paths(&error), vec!["projects[3].contributions[1].amount"]);
    assert!(error.to_string().contains("projects[3].contributions[1].amount: "), "{error}");
    assert!(error.to_string().contains("12,5,0"), "{error}");
    assert_eq!(document::export(&dataset), before, "the current data is untouched");
}

#[test]
fn r16_every_bad_value_in_a_file_is_listed_with_its_path_not_only_the_first() {
    let mut value = demo_value();
    value["projects"][3]["contributions"][1]["amount"] = json!("1e3");
    value["projects"][7]["disbursements"][0]["amount"] = json!(1000);
    value["projects"][9]["cpdh_approved_on"] = json!("2023-02-30");
    value["projects"][9]["status"] = json!("finished");
    value["cooperatives"][0]["members"]["women"] = json!(-1);
    value["cooperatives"][2]["extra"] = json!(true);
    value["cooperatives"][4].as_object_mut().unwrap().remove("commune");
    value["rulebooks"][1]["max_indh_share"]["rate"] = json!("sixty");
    let error = import_value(&value).unwrap_err();
    let mut found = paths(&error);
    found.sort();
    assert_eq!(
        found,
        vec![
            "cooperatives[0].members.women",
            "cooperatives[2].extra",
            "cooperatives[4].commune",
            "projects[3].contributions[1].amount",
            "projects[7].disbursements[0].amount",
            "projects[9].cpdh_approved_on",
            "projects[9].status",
            "rulebooks[1].max_indh_share.rate",
        ]
    );
}

#[test]
fn amounts_that_are_not_canonical_strings_are_each_refused_and_nothing_is_rounded() {
    for bad in [
        json!("1e3"),
        json!("1_000"),
        json!("0.001"),
        json!("12,5,0"),
        json!("-0"),
        json!("NaN"),
        json!("123456789012345678901234567890"),
        json!(1000),
        json!(null),
    ] {
        let mut value = demo_value();
        value["projects"][0]["total_cost"] = bad.clone();
        let error = import_value(&value).unwrap_err();
        assert_eq!(paths(&error), vec!["projects[0].total_cost"], "{bad}");
    }
}

#[test]
fn r17_json_nested_ten_thousand_levels_deep_is_an_error_and_no_stack_overflow() {
    let arrays = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    for deep in [arrays, objects] {
        let document = format!("{{\"schema_version\":2,\"reference\":{deep}}}");
        let error = document::import(document.as_bytes()).unwrap_err();
        assert!(matches!(error, ImportError::Syntax { .. }), "{error}");
    }
}

#[test]
fn r17_proto_keys_at_the_top_and_inside_maps_are_refused_with_their_paths() {
    let text = String::from_utf8(taawun_core::demo::document()).unwrap();
    let version = format!("{{\n  \"schema_version\": {SCHEMA_VERSION},");
    let hostile = text.replacen(&version, &version.replacen('{', "{\n  \"__proto__\": {\"admin\": true},", 1), 1).replacen(
        "\"versions\":{",
        "\"versions\":{\"__proto__\":1,",
        1,
    );
    let error = document::import(hostile.as_bytes()).unwrap_err();
    assert_eq!(paths(&error), vec!["__proto__", "rulebooks[0].meta.versions.__proto__"]);
}

#[test]
fn r18_a_repeated_key_is_refused_with_its_path() {
    let text = String::from_utf8(taawun_core::demo::document()).unwrap();
    let twice = text.replacen("\"total_cost\":", "\"total_cost\":\"1.00\",\"total_cost\":", 1);
    let error = document::import(twice.as_bytes()).unwrap_err();
    assert_eq!(paths(&error), vec!["projects[0].total_cost"]);
    assert!(error.to_string().contains("appears more than once"), "{error}");
}

#[test]
fn r18_a_repeated_record_id_is_refused_with_both_paths() {
    let mut value = demo_value();
    let first = value["cooperatives"][0].clone();
    value["cooperatives"][10]["id"] = first["id"].clone();
    value["projects"][5]["id"] = value["projects"][2]["id"].clone();
    let error = import_value(&value).unwrap_err();
    assert_eq!(paths(&error), vec!["cooperatives[10].id", "projects[5].id"]);
    assert!(error.to_string().contains("already used by cooperatives[0]"), "{error}");
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_says_so_in_both_languages() {
    let mut value = demo_value();
    value["schema_version"] = json!(SCHEMA_VERSION + 1);
    let error = import_value(&value).unwrap_err();
    assert_eq!(error, ImportError::NewerVersion { found: u64::from(SCHEMA_VERSION) + 1, supported: SCHEMA_VERSION });
    assert!(error.message(Lang::Fr).contains("plus récente"));
    assert!(error.message(Lang::Ar).contains("أحدث"));
}

#[test]
fn a_file_refused_for_a_merge_says_nothing_was_merged_never_that_nothing_was_imported() {
    let mut newer = demo_value();
    newer["schema_version"] = json!(SCHEMA_VERSION + 1);
    let mut repeated = demo_value();
    repeated["projects"][5]["id"] = repeated["projects"][2]["id"].clone();
    let errors = [import_value(&newer).unwrap_err(), import_value(&repeated).unwrap_err(), document::import(b"{").unwrap_err()];
    for error in errors {
        let (fr, ar) = (error.message_when_merging(Lang::Fr), error.message_when_merging(Lang::Ar));
        assert!(fr.contains("rien n'a été fusionné, vos données sont inchangées") && !fr.contains("importé"), "{fr}");
        assert!(ar.contains("لم يُدمج أي شيء") && !ar.contains("استيراد"), "{ar}");
        assert!(!fr.ends_with('.') && !ar.ends_with('.'));
    }
}

#[test]
fn a_missing_or_malformed_schema_version_is_an_error_with_its_path() {
    for version in [Value::Null, json!("2"), json!(0), json!(1.5)] {
        let mut value = demo_value();
        value["schema_version"] = version.clone();
        assert_eq!(paths(&import_value(&value).unwrap_err()), vec!["schema_version"], "{version}");
    }
    assert_eq!(paths(&document::import(b"[]").unwrap_err()), vec!["$"]);
}

#[test]
fn a_file_above_the_size_limit_is_refused_before_it_is_parsed() {
    let huge = vec![b' '; MAX_BYTES + 1];
    let error = document::import(&huge).unwrap_err();
    assert_eq!(error, ImportError::TooLarge { size: MAX_BYTES + 1, limit: MAX_BYTES });
    assert!(error.message(Lang::Fr).contains("20 Mo"), "{}", error.message(Lang::Fr));
    // At the limit the file is parsed (and here found not to be JSON).
    let at_limit = vec![b' '; MAX_BYTES];
    assert!(matches!(document::import(&at_limit).unwrap_err(), ImportError::Syntax { .. }));
}

#[test]
fn stored_data_grown_past_the_file_limit_still_opens_under_the_stored_limit() {
    // The demo document padded with spaces (valid JSON whitespace) to just past the file limit.
    let mut grown = document::export(&taawun_core::demo::dataset());
    grown.resize(MAX_BYTES + 1, b' ');
    assert!(matches!(document::import(&grown), Err(ImportError::TooLarge { .. })));
    let opened = document::import_up_to(&grown, taawun_core::storage_layout::MAX_STORED_BYTES).unwrap();
    assert_eq!(opened.dataset.cooperatives().len(), 85);
    let limit = MAX_BYTES / 2;
    assert_eq!(document::import_up_to(&grown, limit).unwrap_err(), ImportError::TooLarge { size: MAX_BYTES + 1, limit });
}

#[test]
fn findings_never_stop_an_import_even_blocking_ones() {
    let mut value = demo_value();
    value["projects"][0]["total_cost"] = json!("1.00");
    let imported = import_value(&value).unwrap();
    assert!(imported.findings().iter().any(|f| f.blocks() && f.path.to_string() == "projects[0].contributions"));
}

#[test]
fn export_gives_the_same_bytes_every_time_and_survives_a_round_trip() {
    let bytes = taawun_core::demo::document();
    assert_eq!(bytes, taawun_core::demo::document());
    let imported = document::import(&bytes).unwrap();
    assert_eq!(imported.dataset, taawun_core::demo::dataset());
    assert_eq!(document::export(&imported.dataset), bytes);
    assert!(bytes.ends_with(b"}\n"));
}

#[test]
fn an_empty_dataset_exports_and_imports() {
    let empty = Dataset::new(ReferenceData::builtin());
    assert_eq!(document::import(&document::export(&empty)).unwrap().dataset, empty);
}

#[test]
fn photos_exported_with_the_document_come_back_on_import_and_a_file_without_them_has_none() {
    let data = crate::sample::fully_populated();
    let photo = crate::sample::photo();
    let bytes = document::export_with_photos(&data, &[photo.clone(), photo.clone()]);
    let imported = document::import(&bytes).unwrap();
    assert_eq!(imported.photos, vec![photo], "each photo once");
    assert_eq!(imported.dataset, data);
    assert_eq!(document::export_with_photos(&data, &[]), document::export(&data), "no photos, no field: the same bytes as before");
    assert!(document::import(&document::export(&data)).unwrap().photos.is_empty());
}

#[test]
fn a_file_with_a_photo_that_is_not_an_image_is_refused_with_the_photo_s_path() {
    let bytes = document::export_with_photos(&Dataset::new(ReferenceData::builtin()), &[crate::sample::photo()]);
    let mut value: Value = serde_json::from_slice(&bytes).unwrap();
    value["photos"][0]["data"] = json!("data:text/html;base64,PGI+");
    let refused = import_value(&value).unwrap_err();
    assert_eq!(paths(&refused), vec!["photos[0]".to_owned()]);
}
