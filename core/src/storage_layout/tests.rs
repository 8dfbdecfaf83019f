//! Tests of the stored layout on the demo dataset: what is written, what one edit rewrites,
//! how the document comes back, and how damage is named instead of guessed around.

use std::collections::BTreeMap;

use super::*;
use crate::dataset::{Edit, EditContext};
use crate::demo;
use crate::record::{Author, RecordKind, RecordRef};

fn at(millis: i64) -> Timestamp {
    Timestamp::from_millis(millis).unwrap()
}

/// A key-value store standing in for localStorage.
#[derive(Default)]
struct Store {
    values: BTreeMap<String, String>,
}

impl Store {
    fn head(&self) -> Option<Head> {
        self.values.get(HEAD_KEY).map(|text| read_head(text).unwrap())
    }

    fn carry_out(&mut self, plan: &SavePlan) {
        for (key, value) in &plan.writes {
            self.values.insert(key.clone(), value.clone());
        }
        self.values.insert(HEAD_KEY.to_owned(), plan.head.to_value());
        for key in &plan.obsolete {
            self.values.remove(key);
        }
    }

    fn save(&mut self, saved: Option<&Dataset>, next: &Dataset, writer: &str, millis: i64) -> SavePlan {
        let head = self.head();
        let plan = plan_save(head.as_ref(), &changed_parts(saved, next), writer, at(millis));
        self.carry_out(&plan);
        plan
    }

    fn document(&self) -> String {
        let head = self.head().unwrap();
        assemble(&head, |key| self.values.get(key).cloned()).unwrap()
    }
}

fn delete_first_project(dataset: &mut Dataset) -> Id {
    let project = dataset.projects().all()[3].clone();
    let author = Author { device_name: "test".into(), at: at(1_800_000_000_000), user: "Salma".into(), device: Id::from_u128(7) };
    dataset
        .apply(
            Edit::Delete { target: RecordRef { kind: RecordKind::Project, id: project.id }, base_revision: project.meta.revision },
            &EditContext::form(author),
        )
        .unwrap();
    project.id
}

#[test]
fn a_saved_dataset_reads_back_as_the_same_dataset_and_exports_the_same_bytes() {
    let dataset = demo::dataset();
    let mut store = Store::default();
    store.save(None, &dataset, "aaaa", 1);
    let imported = document::import(store.document().as_bytes()).unwrap();
    assert_eq!(imported.dataset, dataset);
    assert_eq!(document::export(&imported.dataset), document::export(&dataset));
    assert_eq!(imported.migrated_from, None);
}

#[test]
fn an_empty_dataset_keeps_its_empty_lists() {
    let dataset = Dataset::new(ReferenceData::builtin());
    let mut store = Store::default();
    store.save(None, &dataset, "aaaa", 1);
    assert_eq!(store.head().unwrap().parts.len(), 2, "only the document part and the reference's outline");
    assert!(
        store.document().ends_with("\"rulebooks\": [],\n\"cooperatives\": [],\n\"projects\": [],\n\"meetings\": [],\n\"visits\": [],\n\"stories\": []\n}\n"),
        "{}",
        store.document()
    );
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, dataset);
}

#[test]
fn one_edit_rewrites_one_bucket_and_the_head_only() {
    let mut dataset = demo::dataset();
    let mut store = Store::default();
    let first = store.save(None, &dataset, "aaaa", 1);
    let saved = dataset.clone();
    let id = delete_first_project(&mut dataset);
    let second = store.save(Some(&saved), &dataset, "aaaa", 2);
    let keys: Vec<&str> = second.writes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [format!("taawun.part.2.aaaa.outline.projects.{:02x}", bucket(id)), format!("taawun.part.2.aaaa.projects.{:02x}", bucket(id))],
        "the bucket and its outline"
    );
    assert_eq!(second.obsolete.len(), 2);
    assert_eq!(second.head.revision, first.head.revision + 1);
    assert_eq!(second.head.parts.len(), first.head.parts.len());
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, dataset);
    assert!(store.values.keys().all(|key| key == HEAD_KEY || store.head().unwrap().parts.iter().any(|p| &p.key == key)), "no leftover part");
}

#[test]
fn saving_an_unchanged_dataset_writes_only_a_new_head() {
    let dataset = demo::dataset();
    let mut store = Store::default();
    store.save(None, &dataset, "aaaa", 1);
    let again = store.save(Some(&dataset), &dataset, "aaaa", 2);
    assert!(again.writes.is_empty() && again.obsolete.is_empty());
}

#[test]
fn a_bucket_emptied_by_the_change_is_dropped_from_the_head() {
    let dataset = Dataset::new(ReferenceData::builtin());
    let demo = demo::dataset();
    let mut store = Store::default();
    store.save(None, &demo, "aaaa", 1);
    let plan = store.save(Some(&demo), &dataset, "aaaa", 2);
    assert!(plan.writes.is_empty(), "the reference data is the same: nothing to write but a head");
    assert_eq!(store.head().unwrap().parts.len(), 2);
    assert_eq!(store.values.len(), 3, "the head, the document part and the reference's outline");
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, dataset);
}

#[test]
fn a_complete_save_over_an_older_head_drops_every_old_part() {
    let v1 = include_str!("../../tests/fixtures/v1_small.json");
    let parts = parts_of_document(v1).unwrap();
    let mut store = Store::default();
    store.carry_out(&plan_save(None, &parts, "old0", at(1)));
    assert_eq!(store.head().unwrap().schema_version, 1);
    let upgraded = document::import(store.document().as_bytes()).unwrap();
    assert_eq!(upgraded.migrated_from, Some(1));
    let old_keys: Vec<String> = store.head().unwrap().parts.iter().map(|p| p.key.clone()).collect();
    store.save(None, &upgraded.dataset, "new0", 2);
    assert!(old_keys.iter().all(|key| !store.values.contains_key(key)));
    assert_eq!(store.head().unwrap().schema_version, SCHEMA_VERSION);
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, upgraded.dataset);
}

#[test]
fn the_frozen_version_2_fixture_survives_being_cut_into_parts() {
    let v2 = include_str!("../../tests/fixtures/v2_small.json");
    let mut store = Store::default();
    store.carry_out(&plan_save(None, &parts_of_document(v2).unwrap(), "abcd", at(1)));
    let expected = document::import(v2.as_bytes()).unwrap().dataset;
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, expected);
}

#[test]
fn a_tab_may_write_only_over_the_revision_it_loaded() {
    let dataset = demo::dataset();
    let mut store = Store::default();
    assert_eq!(check_revision(None, store.head().as_ref()), Ok(()));
    store.save(None, &dataset, "aaaa", 1);
    let head = store.head().unwrap();
    assert_eq!(check_revision(Some(1), Some(&head)), Ok(()));
    assert_eq!(check_revision(None, Some(&head)), Err(Conflict { loaded: None, stored: Some(1) }));
    assert_eq!(check_revision(Some(0), Some(&head)), Err(Conflict { loaded: Some(0), stored: Some(1) }));
    assert_eq!(check_revision(Some(1), None), Err(Conflict { loaded: Some(1), stored: None }));
    assert_eq!(Conflict { loaded: Some(3), stored: Some(4) }.to_string(), "the stored data is at revision 4, this tab loaded revision 3");
}

#[test]
fn a_truncated_part_is_named_with_its_key_and_nothing_is_guessed() {
    let mut store = Store::default();
    store.save(None, &demo::dataset(), "aaaa", 1);
    let head = store.head().unwrap();
    let part = head.parts.iter().find(|p| p.name.starts_with("projects")).unwrap().clone();
    let value = store.values.get(&part.key).unwrap().clone();
    store.values.insert(part.key.clone(), value.chars().take(value.chars().count() / 2).collect());
    let error = assemble(&head, |key| store.values.get(key).cloned()).unwrap_err();
    assert!(matches!(&error, ReadError::DamagedPart { name, key, .. } if *name == part.name && *key == part.key), "{error}");
}

/// A small document saved with its first projects part cut in the middle of a record, under a
/// head whose checksum vouches for the cut text; and that part's name.
fn stored_with_a_cut_projects_part() -> (Store, String) {
    let mut parts = parts_of_document(include_str!("../../tests/fixtures/v2_small.json")).unwrap();
    let name = parts.texts.keys().find(|name| name.starts_with("projects")).unwrap().clone();
    let text = parts.texts.get_mut(&name).unwrap();
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    let mut store = Store::default();
    store.carry_out(&plan_save(None, &parts, "abcd", at(1)));
    (store, name)
}

#[test]
fn a_part_whose_checksum_matches_but_whose_json_is_cut_is_named_with_its_line() {
    let (store, name) = stored_with_a_cut_projects_part();
    let error = assemble(&store.head().unwrap(), |key| store.values.get(key).cloned()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains(&name) && message.contains("is not JSON"), "{message}");
}

#[test]
fn the_decoded_parts_make_the_checked_assembly_s_text() {
    for dataset in [
        demo::dataset(),
        crate::demo::scale::generate(crate::demo::scale::Size { cooperatives: 300, projects: 600, visits: 100 }, 3),
        Dataset::new(crate::reference::ReferenceData::builtin()),
    ] {
        let mut store = Store::default();
        store.save(None, &dataset, "aaaa", 1);
        let head = store.head().unwrap();
        let checked = assemble(&head, |key| store.values.get(key).cloned()).unwrap();
        let quick = decode_parts(&head, |key| store.values.get(key).cloned()).unwrap().text();
        assert_eq!(quick, checked);
        assert_eq!(crate::document::import(quick.as_bytes()).unwrap().dataset, dataset);
    }
}

#[test]
fn reading_the_parts_as_they_are_gives_what_reading_the_document_they_make_gives() {
    for dataset in [
        demo::dataset(),
        crate::demo::scale::generate(crate::demo::scale::Size { cooperatives: 300, projects: 600, visits: 100 }, 5),
        Dataset::new(crate::reference::ReferenceData::builtin()),
    ] {
        let mut store = Store::default();
        store.save(None, &dataset, "aaaa", 1);
        let decoded = decode_parts(&store.head().unwrap(), |key| store.values.get(key).cloned()).unwrap();
        let by_parts = decoded.import_fast().expect("the parts read in one pass");
        assert_eq!(by_parts.dataset, dataset);
        assert_eq!(Some(by_parts), crate::document::import_fast(decoded.text().as_bytes()));
    }
}

/// The demo's stored parts, with `change` made to the text of the first part of `list`.
fn parts_changed(list: &str, change: impl FnOnce(&mut String)) -> Decoded {
    let mut parts = parts_of(&demo::dataset());
    let name = parts.texts.keys().find(|name| name.starts_with(list)).unwrap().clone();
    change(parts.texts.get_mut(&name).unwrap());
    let mut store = Store::default();
    store.carry_out(&plan_save(None, &parts, "abcd", at(1)));
    decode_parts(&store.head().unwrap(), |key| store.values.get(key).cloned()).unwrap()
}

/// A way to damage a stored part: what it is, the list whose part it damages, and how.
type Damage = (&'static str, &'static str, fn(&mut String));

#[test]
fn parts_that_would_not_make_a_document_are_not_read_in_one_pass_either() {
    let cases: [Damage; 5] = [
        ("two records on one line", "projects", |text| *text = text.replacen('\n', " ", 1)),
        ("a record cut", "projects", |text| {
            let cut = (0..=text.len() / 2).rev().find(|at| text.is_char_boundary(*at)).unwrap_or(0);
            text.truncate(cut);
        }),
        ("a record that is not an object", "cooperatives", |text| text.insert_str(0, "[1]\n")),
        ("a record repeated", "cooperatives", |text| {
            let first = text.lines().next().unwrap().to_owned();
            text.push_str(&first);
            text.push('\n');
        }),
        ("a field unknown to the document", "document", |text| *text = text.replacen('{', "{\"extra\": 1, ", 1)),
    ];
    for (case, list, change) in cases {
        let decoded = parts_changed(list, change);
        let by_text = crate::document::import_fast(decoded.text().as_bytes());
        assert_eq!(decoded.import_fast(), by_text, "{case}: both readings agree");
        assert!(decoded.import_fast().is_none(), "{case}: refused");
    }
    let blank_lines = parts_changed("projects", |text| text.insert_str(0, "\n  \n"));
    assert_eq!(blank_lines.import_fast().map(|read| read.dataset), Some(demo::dataset()), "blank lines are skipped");
}

#[test]
fn decoding_trusts_a_matching_checksum_and_the_checked_assembly_names_the_cut_line() {
    let (store, name) = stored_with_a_cut_projects_part();
    let head = store.head().unwrap();
    let quick = decode_parts(&head, |key| store.values.get(key).cloned()).unwrap();
    assert!(quick.import_fast().is_none() && crate::document::import(quick.text().as_bytes()).is_err(), "a cut record must not read");
    let message = assemble(&head, |key| store.values.get(key).cloned()).unwrap_err().to_string();
    assert!(message.contains(&name) && message.contains("is not JSON"), "{message}");
}

#[test]
fn a_missing_part_is_named() {
    let mut store = Store::default();
    store.save(None, &demo::dataset(), "aaaa", 1);
    let head = store.head().unwrap();
    let gone = head.parts[0].key.clone();
    store.values.remove(&gone);
    assert!(matches!(assemble(&head, |key| store.values.get(key).cloned()), Err(ReadError::MissingPart { key, .. }) if key == gone));
}

#[test]
fn a_head_of_a_newer_layout_is_told_apart_from_a_damaged_head() {
    assert_eq!(read_head(r#"{"layout": 3, "anything": "new"}"#), Err(ReadError::NewerLayout { found: 3, supported: 2 }));
    assert!(matches!(read_head(r#"{"layout": 1, "revis"#), Err(ReadError::Head { .. })));
    assert!(matches!(read_head(r#"{"layout": 1}"#), Err(ReadError::Head { .. })));
}

#[test]
fn a_document_of_a_newer_schema_assembles_and_import_refuses_it() {
    let newer = document::SCHEMA_VERSION + 1;
    let text = format!(r#"{{"schema_version": {newer}, "cooperatives": [], "future": {{"x": 1}}}}"#);
    let mut store = Store::default();
    store.carry_out(&plan_save(None, &parts_of_document(&text).unwrap(), "abcd", at(1)));
    assert_eq!(store.head().unwrap().schema_version, newer);
    let error = document::import(store.document().as_bytes()).unwrap_err();
    assert!(matches!(error, document::ImportError::NewerVersion { found, .. } if found == u64::from(newer)), "{error}");
}

#[test]
fn a_bad_amount_keeps_its_document_path_through_the_layout() {
    let v2 = include_str!("../../tests/fixtures/v2_small.json");
    let mut value: Value = serde_json::from_str(v2).unwrap();
    let first_project = value["projects"].as_array_mut().unwrap().iter_mut().min_by_key(|p| p["id"].as_str().unwrap().to_owned()).unwrap();
    first_project["contributions"][0]["amount"] = Value::String("12.345".into());
    let mut store = Store::default();
    store.carry_out(&plan_save(None, &parts_of_document(&value.to_string()).unwrap(), "abcd", at(1)));
    let error = document::import(store.document().as_bytes()).unwrap_err();
    let paths: Vec<String> = error.field_errors().iter().map(|e| e.path.to_string()).collect();
    assert_eq!(paths, ["projects[0].contributions[0].amount"]);
}

#[test]
fn leftovers_are_parts_no_head_names_from_revisions_already_committed() {
    let mut store = Store::default();
    store.save(None, &demo::dataset(), "aaaa", 1);
    let head = store.head().unwrap();
    let named = head.parts[0].key.clone();
    let keys = [named.as_str(), "taawun.part.1.bbbb.projects.00", "taawun.part.2.bbbb.projects.00", "taawun.head", "other"];
    assert_eq!(leftovers(&head, keys), ["taawun.part.1.bbbb.projects.00"]);
}

#[test]
fn a_region_fits_in_a_fifth_of_the_smallest_quota_once_packed() {
    // 2 000 projects of the demo's shape stand in for the region (about 1/5 of its 10 000).
    let mut dataset = demo::dataset();
    let template = dataset.projects().all()[0].data.clone();
    let author = Author { device_name: "test".into(), at: at(1_800_000_000_000), user: "bench".into(), device: Id::from_u128(7) };
    for n in 0..2_000u128 {
        let mut project = template.clone();
        project.title_fr = format!("Projet n° {n}");
        project.title_ar = format!("مشروع رقم {n}");
        let id = Id::from_u128(n.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835) | 1);
        dataset.apply(Edit::CreateProject { id, project }, &EditContext::recorded(author.clone())).unwrap();
    }
    let plain = document::export(&dataset);
    let plan = plan_save(None, &parts_of(&dataset), "aaaa", at(1));
    let stored: usize = plan.writes.iter().map(|(key, value)| key.len() + value.encode_utf16().count()).sum();
    assert!(stored * 6 < plain.len(), "{stored} characters stored for {} bytes of JSON", plain.len());
    assert!(plan.writes.iter().all(|(_, value)| value.encode_utf16().count() < 200_000), "each part stays small");
}

#[test]
fn the_layout_cuts_every_list_the_document_writes() {
    let dataset = crate::demo::dataset();
    let exported: serde_json::Value = serde_json::from_slice(&document::export(&dataset)).unwrap();
    let mut written: Vec<String> = exported.as_object().unwrap().iter().filter(|(_, v)| v.is_array()).map(|(k, _)| k.clone()).collect();
    let mut cut = parts_of(&dataset).lists;
    written.sort();
    cut.sort();
    assert_eq!(cut, written, "a list the document writes is missing from the stored layout");
}

/// Saves the way the app does: against the fingerprints of the last save, kept by the caller.
fn save_by_fingerprints(store: &mut Store, saved: &mut Option<Fingerprints>, next: &Dataset, millis: i64) -> SavePlan {
    let head = store.head();
    let (parts, now) = changed_since(saved.as_ref(), next);
    let plan = plan_save(head.as_ref(), &parts, "aaaa", at(millis));
    store.carry_out(&plan);
    *saved = Some(now);
    plan
}

#[test]
fn a_first_save_by_fingerprints_writes_the_same_parts_as_a_whole_save() {
    let dataset = demo::dataset();
    let (parts, fingerprints) = changed_since(None, &dataset);
    assert_eq!(parts, parts_of(&dataset));
    assert_eq!(fingerprints.len(), parts.texts.len(), "one fingerprint per part written");
    assert_eq!(fingerprints, super::fingerprints(&dataset), "the same as those taken of the dataset read back");
}

#[test]
fn the_fingerprints_taken_as_parts_are_read_equal_those_of_the_dataset_read_back() {
    for dataset in [demo::dataset(), Dataset::new(ReferenceData::builtin())] {
        let mut store = Store::default();
        store.save(None, &dataset, "aaaa", 1);
        let decoded = decode_parts(&store.head().unwrap(), |key| store.values.get(key).cloned()).unwrap();
        let read = decoded.import_fast().unwrap().dataset;
        assert_eq!(decoded.fingerprints(&read), super::fingerprints(&dataset));
    }
}

#[test]
fn a_document_part_written_otherwise_only_makes_the_next_save_write_it_again() {
    let dataset = demo::dataset();
    let mut store = Store::default();
    store.save(None, &dataset, "aaaa", 1);
    let mut decoded = decode_parts(&store.head().unwrap(), |key| store.values.get(key).cloned()).unwrap();
    // The same document, spaced out: read the same, but not the text this version writes.
    decoded.document = decoded.document.replacen('{', "{ ", 1);
    let read = decoded.import_fast().unwrap().dataset;
    assert_eq!(read, dataset);
    let (parts, _) = changed_since(Some(&decoded.fingerprints(&read)), &read);
    assert_eq!(parts.texts.keys().collect::<Vec<_>>(), [DOCUMENT_PART, "outline.reference"], "the document part and its outline alone are written again");
}

#[test]
fn an_edit_saved_by_fingerprints_rewrites_only_its_bucket_and_reads_back_whole() {
    let mut dataset = demo::dataset();
    let mut store = Store::default();
    let mut saved = None;
    let first = save_by_fingerprints(&mut store, &mut saved, &dataset, 1);
    let id = delete_first_project(&mut dataset);
    let second = save_by_fingerprints(&mut store, &mut saved, &dataset, 2);
    assert_eq!(
        second.writes.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [format!("taawun.part.2.aaaa.outline.projects.{:02x}", bucket(id)), format!("taawun.part.2.aaaa.projects.{:02x}", bucket(id))]
    );
    assert_eq!(second.obsolete.len(), 2);
    assert_eq!(second.head.parts.len(), first.head.parts.len());
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, dataset);
    let third = save_by_fingerprints(&mut store, &mut saved, &dataset, 3);
    assert!(third.writes.is_empty() && third.obsolete.is_empty(), "nothing changed since");
}

#[test]
fn a_change_to_the_reference_data_saved_by_fingerprints_rewrites_the_document_part_only() {
    use crate::reference::{ReferenceChange, Table};
    let mut dataset = demo::dataset();
    let mut store = Store::default();
    let mut saved = None;
    save_by_fingerprints(&mut store, &mut saved, &dataset, 1);
    let author = Author { device_name: "test".into(), at: at(1_800_000_000_000), user: "Salma".into(), device: Id::from_u128(7) };
    dataset.apply(Edit::Reference(ReferenceChange::Retire { table: Table::Sectors, code: "ART".into() }), &EditContext::recorded(author)).unwrap();
    let plan = save_by_fingerprints(&mut store, &mut saved, &dataset, 2);
    assert_eq!(plan.writes.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["taawun.part.2.aaaa.document", "taawun.part.2.aaaa.outline.reference"]);
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, dataset);
}

#[test]
fn a_deletion_saved_by_fingerprints_rewrites_its_bucket_with_the_tombstone() {
    let mut dataset = Dataset::new(ReferenceData::builtin());
    let cooperative = demo::dataset().cooperatives().all()[0].clone();
    let author = Author { device_name: "test".into(), at: at(1_800_000_000_000), user: "Salma".into(), device: Id::from_u128(7) };
    let context = EditContext::recorded(author);
    dataset.apply(Edit::CreateCooperative { id: cooperative.id, cooperative: cooperative.data }, &context).unwrap();
    let mut store = Store::default();
    let mut saved = None;
    save_by_fingerprints(&mut store, &mut saved, &dataset, 1);
    assert_eq!(store.head().unwrap().parts.len(), 4, "the document and one bucket of cooperatives, with their outlines");
    let target = RecordRef { kind: RecordKind::Cooperative, id: cooperative.id };
    dataset.apply(Edit::Delete { target, base_revision: 1 }, &context).unwrap();
    let plan = save_by_fingerprints(&mut store, &mut saved, &dataset, 2);
    assert_eq!(
        plan.writes.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [
            format!("taawun.part.2.aaaa.cooperatives.{:02x}", bucket(cooperative.id)),
            format!("taawun.part.2.aaaa.outline.cooperatives.{:02x}", bucket(cooperative.id))
        ]
    );
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, dataset);
}

#[test]
fn a_region_as_the_bench_measures_it_is_not_warned_of() {
    // 840 560 characters stored for 17 000 records (BENCHMARKS.md), on a quota of five million.
    assert_eq!(size_warning(840_560, 5_000_000, 17_000), None);
}

#[test]
fn four_regions_are_warned_of_for_both_the_quota_and_the_number_of_records() {
    let warning = size_warning(3_210_961, 5_000_000, 68_000).unwrap();
    assert!(warning.near_quota && warning.many_records);
    assert_eq!((warning.percent, warning.records), (65, 68_000));
}

#[test]
fn data_that_leaves_no_room_for_a_backup_is_warned_of_whatever_the_number_of_records() {
    let limit = 5_000_000 * NO_ROOM_FOR_BACKUP_PERCENT / 100;
    assert_eq!(size_warning(limit, 5_000_000, 100), None, "exactly at the share: a backup still fits");
    let warning = size_warning(limit + 1, 5_000_000, 100).unwrap();
    assert!(warning.near_quota && !warning.many_records);
}

#[test]
fn many_small_records_are_warned_of_even_with_room_left() {
    assert_eq!(size_warning(1_000, 5_000_000, TABLET_RECORDS), None);
    let warning = size_warning(1_000, 5_000_000, TABLET_RECORDS + 1).unwrap();
    assert!(warning.many_records && !warning.near_quota);
}

#[test]
fn a_quota_of_zero_is_read_as_full_rather_than_dividing_by_zero() {
    assert!(size_warning(10, 0, 1).unwrap().near_quota);
}

#[test]
fn the_record_count_covers_every_list() {
    let dataset = demo::dataset();
    let lines = parts_of(&dataset)
        .texts
        .iter()
        .filter(|(name, _)| name.as_str() != DOCUMENT_PART && !name.starts_with(OUTLINE_PREFIX))
        .map(|(_, text)| text.lines().count())
        .sum::<usize>();
    assert_eq!(record_count(&dataset), lines);
}

/// The outline of `dataset` as [`crate::outline`] reads it from one text per list.
fn outline_of(dataset: &Dataset) -> Dataset {
    let reference = outline::reference_text(dataset.reference());
    outline::read(&reference, &[outline::cooperatives_text(dataset.cooperatives().all())], &[outline::projects_text(dataset.projects().all())]).unwrap()
}

fn stored_outline(store: &Store) -> Option<Dataset> {
    read_outline(&store.head().unwrap(), |key| store.values.get(key).cloned())
}

#[test]
fn the_outline_stored_beside_the_records_reads_back_as_the_outline_of_the_data() {
    let dataset = demo::dataset();
    let mut store = Store::default();
    store.save(None, &dataset, "aaaa", 1);
    assert_eq!(stored_outline(&store), Some(outline_of(&dataset)));
    let head = store.head().unwrap();
    let buckets = head.parts.iter().filter(|p| p.name.starts_with("cooperatives.") || p.name.starts_with("projects.")).count();
    let outlines = head.parts.iter().filter(|p| p.name.starts_with(OUTLINE_PREFIX)).count();
    assert_eq!(outlines, buckets + 1, "one outline per bucket of cooperatives or projects, and the reference's");
    // The records read as before: the outline is not part of the document.
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, dataset);
}

#[test]
fn a_stored_version_4_visit_is_read_through_the_migration_and_the_next_save_brings_the_outline_back() {
    // As the build before schema version 5 left it: the head and the parts at version 4.
    let v4 = include_str!("../../tests/fixtures/v4_meeting.json");
    let mut store = Store::default();
    store.carry_out(&plan_save(None, &parts_of_document(v4).unwrap(), "old0", at(1)));
    assert_eq!(stored_outline(&store), None, "no outline is read from data of another version");
    let upgraded = document::import(store.document().as_bytes()).unwrap();
    assert_eq!(upgraded.migrated_from, Some(4));
    let visit = &upgraded.dataset.visits().live().next().unwrap().data;
    assert_eq!((visit.needs.as_str(), visit.next_steps.as_str()), ("", "Chercher un local"));
    store.save(None, &upgraded.dataset, "new0", 2);
    assert_eq!(store.head().unwrap().schema_version, SCHEMA_VERSION);
    assert_eq!(stored_outline(&store), Some(outline_of(&upgraded.dataset)));
    let reread = document::import(store.document().as_bytes()).unwrap();
    assert_eq!((reread.migrated_from, reread.dataset), (None, upgraded.dataset));
}

#[test]
fn an_edit_saved_by_fingerprints_is_in_the_stored_outline() {
    let mut dataset = demo::dataset();
    let mut store = Store::default();
    let mut saved = None;
    save_by_fingerprints(&mut store, &mut saved, &dataset, 1);
    let id = delete_first_project(&mut dataset);
    save_by_fingerprints(&mut store, &mut saved, &dataset, 2);
    let outline = stored_outline(&store).unwrap();
    assert!(outline.projects().get(id).is_none(), "a deleted project leaves the outline");
    assert_eq!(outline, outline_of(&dataset));
}

#[test]
fn data_stored_without_an_outline_is_read_from_its_records_and_gains_the_outline_at_the_next_save() {
    let dataset = demo::dataset();
    let mut store = Store::default();
    store.save(None, &dataset, "aaaa", 1);
    // As a build without outlines stored it: the head names no outline part.
    let mut head = store.head().unwrap();
    head.layout = 1;
    head.parts.retain(|part| !part.name.starts_with(OUTLINE_PREFIX));
    store.values.retain(|key, _| !key.contains(".outline."));
    store.values.insert(HEAD_KEY.to_owned(), head.to_value());
    assert_eq!(stored_outline(&store), None);
    let decoded = decode_parts(&head, |key| store.values.get(key).cloned()).unwrap();
    let read = decoded.import_fast().unwrap().dataset;
    assert_eq!(read, dataset);
    let mut saved = Some(decoded.fingerprints(&read));
    let plan = save_by_fingerprints(&mut store, &mut saved, &read, 2);
    assert!(!plan.writes.is_empty() && plan.writes.iter().all(|(key, _)| key.contains(".outline.")), "only the outline is written");
    assert_eq!(plan.head.layout, LAYOUT_VERSION);
    assert_eq!(stored_outline(&store), Some(outline_of(&dataset)));
}

#[test]
fn an_outline_that_is_damaged_or_does_not_match_the_buckets_is_not_read() {
    let dataset = demo::dataset();
    let mut base = Store::default();
    base.save(None, &dataset, "aaaa", 1);
    let head = base.head().unwrap();
    let outline_part = head.parts.iter().find(|p| p.name.starts_with("outline.projects.")).unwrap().clone();
    let bucket_part = head.parts.iter().find(|p| p.name.starts_with("cooperatives.")).unwrap().clone();
    type Damage = Box<dyn Fn(&mut Store)>;
    let cases: Vec<(&str, Damage)> = vec![
        (
            "an outline part whose value changed",
            Box::new({
                let key = outline_part.key.clone();
                move |store: &mut Store| {
                    store.values.get_mut(&key).unwrap().push('x');
                }
            }),
        ),
        (
            "an outline part missing from storage",
            Box::new({
                let key = outline_part.key.clone();
                move |store: &mut Store| {
                    store.values.remove(&key);
                }
            }),
        ),
        (
            "a bucket the head names without its outline",
            Box::new({
                let name = format!("{OUTLINE_PREFIX}{}", bucket_part.name);
                move |store: &mut Store| {
                    let mut head = store.head().unwrap();
                    head.parts.retain(|p| p.name != name);
                    store.values.insert(HEAD_KEY.to_owned(), head.to_value());
                }
            }),
        ),
        (
            "a head of another schema version",
            Box::new(|store: &mut Store| {
                let mut head = store.head().unwrap();
                head.schema_version -= 1;
                store.values.insert(HEAD_KEY.to_owned(), head.to_value());
            }),
        ),
        (
            "an outline the head names without its bucket",
            Box::new({
                let name = bucket_part.name.clone();
                move |store: &mut Store| {
                    let mut head = store.head().unwrap();
                    head.parts.retain(|p| p.name != name);
                    store.values.insert(HEAD_KEY.to_owned(), head.to_value());
                }
            }),
        ),
    ];
    for (case, damage) in cases {
        let mut store = Store { values: base.values.clone() };
        damage(&mut store);
        assert_eq!(stored_outline(&store), None, "{case}");
    }
    assert!(stored_outline(&base).is_some(), "the undamaged store has its outline");
}

/// The demo's reference data and `count` copies of one of its cooperatives, under ids spread
/// over every bucket.
fn with_cooperatives(count: usize) -> Dataset {
    let demo = demo::dataset();
    let template = demo.cooperatives().all()[0].clone();
    // An odd multiplier is a bijection on 128 bits: distinct ids, spread over the buckets.
    let spread = |n: usize| Id::from_u128((n as u128 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835));
    let cooperatives = (0..count).map(|n| Record { id: spread(n), ..template.clone() }).collect();
    let parts = crate::dataset::Parts { cooperatives, ..Default::default() };
    Dataset::from_parts(demo.reference().clone(), crate::record::ReferenceMeta::default(), parts).unwrap()
}

#[test]
fn data_above_the_tablet_size_drops_its_outline_and_gains_it_back_below() {
    let small = with_cooperatives(100);
    let large = with_cooperatives(TABLET_RECORDS + 1);
    assert!(keeps_outline(&small) && !keeps_outline(&large));
    let mut store = Store::default();
    let mut saved = None;
    save_by_fingerprints(&mut store, &mut saved, &small, 1);
    assert_eq!(stored_outline(&store), Some(outline_of(&small)));

    let plan = save_by_fingerprints(&mut store, &mut saved, &large, 2);
    assert!(plan.head.parts.iter().all(|p| !p.name.starts_with(OUTLINE_PREFIX)), "no outline part is named any more");
    assert!(plan.obsolete.iter().any(|key| key.contains(".outline.")), "the outline's parts are removed");
    assert!(store.values.keys().all(|key| !key.contains(".outline.")));
    assert_eq!(stored_outline(&store), None);
    let decoded = decode_parts(&store.head().unwrap(), |key| store.values.get(key).cloned()).unwrap();
    assert_eq!(decoded.import_fast().unwrap().dataset, large, "the records read back whole");

    save_by_fingerprints(&mut store, &mut saved, &small, 3);
    assert_eq!(stored_outline(&store), Some(outline_of(&small)), "below the size, the outline is written again");
    assert_eq!(document::import(store.document().as_bytes()).unwrap().dataset, small);
    // The same by records compared (what follows a replacement of all the data).
    let mut by_records = Store::default();
    by_records.save(None, &small, "aaaa", 1);
    by_records.save(Some(&small), &large, "aaaa", 2);
    assert_eq!(stored_outline(&by_records), None);
    by_records.save(Some(&large), &small, "aaaa", 3);
    assert_eq!(stored_outline(&by_records), Some(outline_of(&small)));
}
