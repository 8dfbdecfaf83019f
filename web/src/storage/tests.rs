//! Browser tests of the storage module against the real localStorage of headless Chromium:
//! how failures are classified and that every failure leaves the stored bytes as they were.

use std::collections::BTreeMap;

use taawun_core::dataset::{Dataset, Edit, EditContext};
use taawun_core::demo;
use taawun_core::id::Id;
use taawun_core::record::{Author, RecordKind, RecordRef, Timestamp};
use taawun_core::storage_layout::{self as layout, Conflict};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Runs JavaScript in the test page (which has no Content-Security-Policy).
pub(crate) fn js(code: &str) -> JsValue {
    js_sys::Function::new_no_args(code).call0(&JsValue::NULL).unwrap()
}

/// Every value of the test page's localStorage.
pub(crate) fn snapshot() -> BTreeMap<String, String> {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .map(|key| {
            let value = storage.get_item(&key).unwrap().unwrap();
            (key, value)
        })
        .collect()
}

/// Empties localStorage and forgets the session, as a first visit in a fresh profile. Puts back
/// the real `setItem` and `getItem` too, should an earlier test have failed while they were
/// replaced (a failing wasm test stops where it is, without unwinding).
pub(crate) fn fresh() {
    js("if (!window.__pristine) { window.__pristine = { setItem: Storage.prototype.setItem, getItem: Storage.prototype.getItem }; } \
        Storage.prototype.setItem = window.__pristine.setItem; Storage.prototype.getItem = window.__pristine.getItem; \
        localStorage.clear();");
    forget_session();
}

/// Makes `setItem` throw what `throw` evaluates to, runs `body`, and puts `setItem` back.
pub(crate) fn with_set_item_throwing<T>(throw: &str, body: impl FnOnce() -> T) -> T {
    js(&format!("window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function () {{ throw {throw}; }};"));
    let result = body();
    js("Storage.prototype.setItem = window.__setItem;");
    result
}

/// Makes reading `window.localStorage` throw, runs `body`, and puts it back.
pub(crate) fn with_storage_denied<T>(body: impl FnOnce() -> T) -> T {
    js("window.__localStorage = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
        Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });");
    let result = body();
    js("if (window.__localStorage) { Object.defineProperty(window, 'localStorage', window.__localStorage); } else { delete window.localStorage; }");
    result
}

fn delete_one_project(dataset: &mut Dataset) {
    let project = dataset.projects().all()[0].clone();
    let author =
        Author { at: Timestamp::from_millis(1_800_000_000_000).unwrap(), user: "Salma".into(), device_name: "Tablette 1".into(), device: Id::from_u128(7) };
    dataset
        .apply(
            Edit::Delete { target: RecordRef { kind: RecordKind::Project, id: project.id }, base_revision: project.meta.revision },
            &EditContext::form(author),
        )
        .unwrap();
}

#[wasm_bindgen_test]
fn a_saved_dataset_loads_back_identical() {
    fresh();
    let dataset = demo::dataset();
    save(&dataset).unwrap();
    forget_session();
    let loaded = load_now().unwrap().unwrap();
    assert_eq!(loaded.imported.dataset, dataset);
    assert_eq!(loaded.revision, 1);
}

#[wasm_bindgen_test]
fn r02_quota_errors_under_every_name_and_code_are_classified_as_a_full_quota_and_other_values_as_other_failures() {
    fresh();
    let mut dataset = demo::dataset();
    save(&dataset).unwrap();
    let before = snapshot();
    delete_one_project(&mut dataset);
    let cases = [
        ("new DOMException('The quota has been exceeded.', 'QuotaExceededError')", StorageError::QuotaExceeded),
        ("new DOMException('Persistent storage maximum size reached', 'NS_ERROR_DOM_QUOTA_REACHED')", StorageError::QuotaExceeded),
        ("Object.assign(new Error('quota'), { code: 1014 })", StorageError::QuotaExceeded),
        ("Object.assign(new Error('quota'), { code: 22 })", StorageError::QuotaExceeded),
        ("'storage is full'", StorageError::Other("the browser threw the text \"storage is full\"".into())),
    ];
    for (thrown, expected) in cases {
        let result = with_set_item_throwing(thrown, || save(&dataset));
        assert_eq!(result, Err(expected), "{thrown}");
        assert_eq!(snapshot(), before, "stored bytes changed after {thrown}");
    }
    assert_eq!(save(&dataset), Ok(()), "the next save, with setItem working, goes through");
}

#[wasm_bindgen_test]
fn r03_storage_that_throws_on_access_is_unavailable_for_loading_and_saving_without_a_panic() {
    fresh();
    let dataset = demo::dataset();
    let (loaded, saved, lang) = with_storage_denied(|| (load_now(), save(&dataset), save_lang(taawun_core::Lang::Ar)));
    assert_eq!(loaded, Err(LoadProblem::Unavailable));
    assert_eq!(saved, Err(StorageError::Unavailable));
    assert_eq!(lang, Err(StorageError::Unavailable));
    assert!(snapshot().is_empty(), "nothing was written");
}

#[wasm_bindgen_test]
fn a_failed_save_halfway_removes_the_parts_it_wrote() {
    fresh();
    save(&Dataset::new(taawun_core::reference::ReferenceData::builtin())).unwrap();
    let before = snapshot();
    // The third write fails: the first two parts were written and must be removed again.
    js(
        "window.__setItem = Storage.prototype.setItem; window.__writes = 0; Storage.prototype.setItem = function (k, v) { if (++window.__writes === 3) throw new DOMException('full', 'QuotaExceededError'); return window.__setItem.call(this, k, v); };",
    );
    let result = save(&demo::dataset());
    js("Storage.prototype.setItem = window.__setItem;");
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert_eq!(snapshot(), before);
}

#[wasm_bindgen_test]
fn a_value_read_back_different_from_what_was_written_is_a_failure_and_leaves_the_store_as_it_was() {
    fresh();
    let mut dataset = demo::dataset();
    save(&dataset).unwrap();
    let before = snapshot();
    delete_one_project(&mut dataset);
    js(
        "window.__getItem = Storage.prototype.getItem; Storage.prototype.getItem = function (k) { const v = window.__getItem.call(this, k); return k.startsWith('taawun.part.') && v !== null ? v + ' ' : v; };",
    );
    let result = save(&dataset);
    js("Storage.prototype.getItem = window.__getItem;");
    assert!(matches!(result, Err(StorageError::ReadBack { ref key }) if key.starts_with(layout::PART_PREFIX)), "{result:?}");
    assert_eq!(snapshot(), before);
}

#[wasm_bindgen_test]
fn a_tab_never_writes_over_a_revision_newer_than_the_one_it_loaded() {
    fresh();
    let mut dataset = demo::dataset();
    save(&dataset).unwrap();
    // Another tab saves: the stored revision moves on while this tab still holds revision 1.
    let other = snapshot();
    let head = layout::read_head(&other[layout::HEAD_KEY]).unwrap();
    let newer = layout::Head { revision: 2, writer: "other000".into(), ..head };
    js(&format!("localStorage.setItem('taawun.head', {});", serde_json::to_string(&newer.to_value()).unwrap()));
    let before = snapshot();
    delete_one_project(&mut dataset);
    assert_eq!(save(&dataset), Err(StorageError::Conflict(Conflict { loaded: Some(1), stored: Some(2) })));
    assert_eq!(snapshot(), before);
    assert_eq!(stored_revision(), Some(2));
    assert_eq!(loaded_revision(), Some(1));
}

#[wasm_bindgen_test]
fn one_edit_rewrites_one_bucket_its_outline_and_the_head() {
    fresh();
    let mut dataset = demo::dataset();
    save(&dataset).unwrap();
    let before = snapshot();
    delete_one_project(&mut dataset);
    save(&dataset).unwrap();
    let after = snapshot();
    let new_keys: Vec<&String> = after.keys().filter(|key| !before.contains_key(*key)).collect();
    let gone: Vec<&String> = before.keys().filter(|key| !after.contains_key(*key)).collect();
    assert_eq!(new_keys.len(), 2, "the bucket and its outline: {new_keys:?}");
    assert_eq!(gone.len(), 2, "{gone:?}");
    forget_session();
    assert_eq!(load_now().unwrap().unwrap().imported.dataset, dataset);
}

#[wasm_bindgen_test]
fn damaged_stored_data_is_reported_with_its_text_and_holds_every_save() {
    fresh();
    save(&demo::dataset()).unwrap();
    let head = layout::read_head(&snapshot()[layout::HEAD_KEY]).unwrap();
    let part = head.parts.iter().find(|p| p.name.starts_with("cooperatives")).unwrap();
    js(&format!("localStorage.setItem('{}', 'j{{\"id\": ');", part.key));
    forget_session();
    let before = snapshot();
    let problem = load_now().unwrap_err();
    assert!(
        matches!(&problem, LoadProblem::Layout { error: layout::ReadError::DamagedPart { key, .. }, raw } if *key == part.key && raw.text.contains(&part.key)),
        "{problem:?}"
    );
    assert!(is_held());
    assert_eq!(save(&demo::dataset()), Err(StorageError::Held));
    assert_eq!(snapshot(), before);
}

#[wasm_bindgen_test]
fn a_part_whose_checksum_matches_but_whose_line_is_cut_is_named_and_holds_every_save() {
    fresh();
    save(&demo::dataset()).unwrap();
    let mut head = layout::read_head(&snapshot()[layout::HEAD_KEY]).unwrap();
    // A cut line under a head that vouches for it: the start's quick assembly trusts the
    // checksum, and the reading that follows must still name the part and the line.
    let value = "j{\"id\": \n".to_owned();
    let part = head.parts.iter_mut().find(|p| p.name.starts_with("cooperatives")).unwrap();
    part.sum = layout::checksum(&value);
    part.chars = value.encode_utf16().count();
    let key = part.key.clone();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(&key, &value).unwrap();
    storage.set_item(layout::HEAD_KEY, &head.to_value()).unwrap();
    forget_session();
    let before = snapshot();
    let problem = load_now().unwrap_err();
    assert!(
        matches!(&problem, LoadProblem::Layout { error: layout::ReadError::DamagedPart { key: named, reason, .. }, .. } if *named == key && reason.contains("line 1 is not JSON")),
        "{problem:?}"
    );
    assert!(is_held());
    assert_eq!(save(&demo::dataset()), Err(StorageError::Held));
    assert_eq!(snapshot(), before);
}

#[wasm_bindgen_test]
fn the_backup_kept_before_a_replacement_reads_back_as_the_same_document() {
    fresh();
    let dataset = demo::dataset();
    keep_backup("import", &dataset).unwrap();
    let backup = backup().unwrap();
    assert_eq!(backup.reason, "import");
    assert_eq!(backup.text.as_bytes(), taawun_core::document::export(&dataset));
}

/// Makes `setItem` behave as if the quota were `limit` UTF-16 code units of keys and values.
pub(crate) fn with_quota<T>(limit: usize, body: impl FnOnce() -> T) -> T {
    js(&format!(
        "window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) {{ \
         let used = 0; for (let i = 0; i < this.length; i++) {{ const key = this.key(i); if (key !== k) used += key.length + this.getItem(key).length; }} \
         if (used + k.length + String(v).length > {limit}) throw new DOMException('full', 'QuotaExceededError'); \
         return window.__setItem.call(this, k, v); }};"
    ));
    let result = body();
    js("Storage.prototype.setItem = window.__setItem;");
    result
}

/// UTF-16 code units of every key and value stored now.
pub(crate) fn used() -> usize {
    snapshot().iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum()
}

#[wasm_bindgen_test]
fn the_quota_emulation_refuses_what_does_not_fit_and_accepts_what_does() {
    fresh();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    with_quota(10, || {
        assert!(storage.set_item("a", "1234567890").is_err(), "eleven characters");
        assert!(storage.set_item("a", "12345").is_ok());
        assert!(storage.set_item("a", "123456789").is_ok(), "a value replaced frees its room");
        assert!(storage.set_item("b", "1").is_err());
    });
}

#[wasm_bindgen_test]
fn data_grown_past_the_file_import_limit_still_loads_back_from_storage() {
    fresh();
    let mut dataset = demo::dataset();
    let author =
        Author { at: Timestamp::from_millis(1_800_000_000_000).unwrap(), user: "Salma".into(), device_name: "Tablette 1".into(), device: Id::from_u128(7) };
    let records: Vec<_> = dataset.cooperatives().all().iter().map(|r| (r.id, r.meta.revision, r.data.clone())).collect();
    let long = "n".repeat(document::MAX_BYTES / records.len() + 1_000);
    for (id, base_revision, mut cooperative) in records {
        cooperative.notes = long.clone();
        dataset.apply(Edit::UpdateCooperative { id, base_revision, cooperative }, &EditContext::recorded(author.clone())).unwrap();
    }
    assert!(document::export(&dataset).len() > document::MAX_BYTES, "the data must be larger than a file may be");
    save(&dataset).unwrap();
    forget_session();
    let loaded = load_now().unwrap().unwrap();
    assert_eq!(loaded.imported.dataset, dataset);
}

#[wasm_bindgen_test]
fn after_a_load_one_edit_rewrites_one_bucket_its_outline_and_the_head() {
    fresh();
    let mut dataset = demo::dataset();
    save(&dataset).unwrap();
    forget_session();
    load_now().unwrap().unwrap();
    let before = snapshot();
    delete_one_project(&mut dataset);
    save(&dataset).unwrap();
    let after = snapshot();
    let new_keys: Vec<&String> = after.keys().filter(|key| !before.contains_key(*key)).collect();
    assert_eq!(new_keys.len(), 2, "the bucket and its outline: {new_keys:?}");
    forget_session();
    assert_eq!(load_now().unwrap().unwrap().imported.dataset, dataset);
}

#[wasm_bindgen_test]
fn a_replacing_dataset_whose_records_differ_at_the_same_revisions_is_saved_whole() {
    fresh();
    let dataset = demo::dataset();
    save(&dataset).unwrap();
    let name = dataset.cooperatives().all()[0].data.name_fr.clone();
    let text =
        String::from_utf8(taawun_core::document::export(&dataset)).unwrap().replacen(&format!("\"{name}\""), "\"Coopérative renommée hors de l'app\"", 1);
    let replacing = taawun_core::document::import(text.as_bytes()).unwrap().dataset;
    assert_ne!(replacing, dataset);
    replaced(dataset);
    save(&replacing).unwrap();
    forget_session();
    assert_eq!(load_now().unwrap().unwrap().imported.dataset, replacing);
}

#[wasm_bindgen_test]
fn storing_a_files_photos_reports_the_new_ones_so_a_refused_merge_can_take_them_back() {
    use taawun_core::story::photo::Photo;
    fresh();
    let photo = |n: u128| Photo::new(Id::from_u128(0x9407_0000 + n), "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==".into()).unwrap();
    let (here, new) = (photo(1), photo(2));
    photos::save(&here).unwrap();
    let written = photos::save_all(&[here.clone(), new.clone()]).unwrap();
    assert_eq!(written, vec![new.id()], "only the photo this device lacked is new");
    assert!(photos::load(new.id()).is_some());
    photos::remove_all(&written);
    assert!(photos::load(new.id()).is_none(), "the new photo is taken back");
    assert!(photos::load(here.id()).is_some(), "the photo this device had stays");
    photos::remove_all(&[here.id()]);
}

#[wasm_bindgen_test]
fn a_files_photos_that_do_not_all_fit_leave_none_behind_so_nothing_is_merged() {
    use taawun_core::story::photo::Photo;
    fresh();
    let photo = |n: u128| Photo::new(Id::from_u128(0x9407_0000 + n), "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==".into()).unwrap();
    let (first, second) = (photo(1), photo(2));
    let one = first.key().encode_utf16().count() + first.data_url().encode_utf16().count();
    let before = snapshot();
    // Room for one photo, not two.
    let refused = with_quota(used() + one + one / 2, || photos::save_all(&[first.clone(), second.clone()]));
    assert_eq!(refused, Err(StorageError::QuotaExceeded));
    assert_eq!(snapshot(), before, "the photo that fitted was taken back");
}
