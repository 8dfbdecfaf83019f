//! The history of a record: every change `Dataset::apply` carries out is recorded with who made
//! it, when, on which device, and which fields went from which value to which; it is described in
//! both languages and survives export and import.

use serde_json::json;
use taawun_core::dataset::{Dataset, Edit, EditContext};
use taawun_core::document;
use taawun_core::history::{Action, ChangedField};
use taawun_core::id::Id;
use taawun_core::lang::Lang;
use taawun_core::record::{Author, Dot, RecordKind, RecordRef, Timestamp};
use taawun_core::text::Localised;

const TABLET: Id = Id::from_u128(0x7ab);
const LAPTOP: Id = Id::from_u128(0x1a9);

fn context(device: Id, millis: i64, user: &str, device_name: &str) -> EditContext {
    EditContext::form(Author { at: Timestamp::from_millis(millis).unwrap(), user: user.into(), device, device_name: device_name.into() })
}

/// A cooperative of the demo, created, then edited on a laptop, deleted and restored on a tablet.
fn edited() -> (Dataset, RecordRef) {
    let mut data = taawun_core::demo::dataset();
    let record = data.cooperatives().live().next().unwrap().clone();
    let target = RecordRef { kind: RecordKind::Cooperative, id: record.id };
    let mut changed = record.data.clone();
    changed.notes = "visite du 9 juillet".into();
    changed.members.women += 2;
    changed.members.total += 2;
    let laptop = context(LAPTOP, 1_752_055_200_000, "Nadia", "portable du bureau");
    data.apply(Edit::UpdateCooperative { id: record.id, base_revision: 1, cooperative: changed }, &laptop).unwrap();
    let tablet = |millis| {
        EditContext::recorded(Author { at: Timestamp::from_millis(millis).unwrap(), user: "Youssef".into(), device: TABLET, device_name: "Tablette 2".into() })
    };
    data.apply(Edit::Delete { target, base_revision: 2 }, &tablet(1_752_055_300_000)).unwrap();
    data.apply(Edit::Restore { target, base_revision: 3 }, &tablet(1_752_055_400_000)).unwrap();
    (data, target)
}

#[test]
fn a_creation_an_update_a_deletion_and_a_restoration_are_each_recorded_with_who_when_and_where() {
    let (data, target) = edited();
    let history = data.history(target);
    let actions: Vec<Action> = history.iter().map(|c| c.action).collect();
    assert_eq!(actions, vec![Action::Create, Action::Update, Action::Delete, Action::Restore]);
    assert_eq!(history.iter().map(|c| c.revision).collect::<Vec<_>>(), vec![1, 2, 3, 4]);

    let created = &history[0];
    assert_eq!((created.user.as_str(), created.device_name.as_str(), created.counter), ("démo", "démo / عرض", 1));
    assert_eq!(created.at, data.cooperatives().get(target.id).unwrap().meta.created);

    let update = &history[1];
    assert_eq!((update.user.as_str(), update.device, update.device_name.as_str()), ("Nadia", LAPTOP, "portable du bureau"));
    assert_eq!(update.at.to_string(), "2025-07-09T10:00:00.000Z");
    let fields: Vec<&str> = update.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["members.total", "members.women", "notes"]);
    let notes = &update.fields[2];
    assert_eq!((notes.old.clone(), notes.new.clone()), (json!(""), json!("visite du 9 juillet")));
    assert_eq!(update.message(Lang::Fr), "modification de membres, membres (femmes), notes par Nadia (portable du bureau)");
    assert_eq!(update.message(Lang::Ar), "تعديل عدد الأعضاء، الأعضاء (النساء)، ملاحظات من طرف Nadia (portable du bureau)");

    let deletion = &history[2];
    assert_eq!(deletion.fields, vec![ChangedField { field: "deleted".into(), old: json!(false), new: json!(true) }]);
    assert_eq!((deletion.device, deletion.counter), (TABLET, 1));
    assert_eq!(deletion.message(Lang::Fr), "suppression par Youssef (Tablette 2)");
    assert_eq!(history[3].fields[0].describe(Lang::Fr), "suppression : oui → non");
    assert_eq!(history[3].dot(), Dot { device: TABLET, counter: 2 });
}

#[test]
fn the_field_clock_names_the_change_that_last_wrote_each_field() {
    let (data, target) = edited();
    let meta = &data.cooperatives().get(target.id).unwrap().meta;
    assert_eq!(meta.written.dot("notes"), Dot { device: LAPTOP, counter: 1 });
    assert_eq!(meta.written.dot("name_fr"), meta.written.base);
    assert_eq!(meta.written.dot("deleted"), Dot { device: TABLET, counter: 2 });
    assert_eq!(meta.history.len() as u64, meta.revision);
}

#[test]
fn a_refused_edit_leaves_no_trace_in_the_history() {
    let (mut data, target) = edited();
    let before = data.history(target).to_vec();
    let record = data.cooperatives().get(target.id).unwrap().clone();
    let stale = Edit::UpdateCooperative { id: target.id, base_revision: 1, cooperative: record.data.clone() };
    assert!(data.apply(stale, &context(LAPTOP, 1_752_055_500_000, "Nadia", "portable")).is_err());
    assert_eq!(data.history(target), before.as_slice());
}

#[test]
fn the_history_survives_export_and_import() {
    let (data, target) = edited();
    let imported = document::import(&document::export(&data)).unwrap().dataset;
    assert_eq!(imported.history(target), data.history(target));
    assert_eq!(imported.history(target).len(), 4);
}

#[test]
fn an_unknown_record_has_no_history() {
    let data = taawun_core::demo::dataset();
    assert!(data.history(RecordRef { kind: RecordKind::Project, id: Id::from_u128(0xdead) }).is_empty());
}

#[test]
fn a_history_whose_change_the_version_vector_does_not_count_is_refused_with_its_path() {
    let (data, _) = edited();
    let mut value: serde_json::Value = serde_json::from_slice(&document::export(&data)).unwrap();
    let history = &mut value["cooperatives"][0]["meta"]["history"];
    history[0]["counter"] = json!(7);
    value["cooperatives"][1]["meta"]["written"]["fields"]["no_such_field"] = json!({"device": TABLET.to_string(), "counter": 1});
    let error = document::import(&serde_json::to_vec(&value).unwrap()).unwrap_err();
    let paths: Vec<String> = error.field_errors().iter().map(|e| e.path.to_string()).collect();
    assert_eq!(paths, vec!["cooperatives[0].meta.history[0]", "cooperatives[1].meta.written.fields.no_such_field"]);
}
