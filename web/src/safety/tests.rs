//! Browser tests of the safety screens and banners: the app mounted in headless Chromium over
//! each kind of stored-data problem keeps responding, and writes nothing it should not.

use taawun_core::demo;
use taawun_core::storage_layout::{self as layout};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::app::App;
use crate::storage::tests::{fresh, js, snapshot, with_set_item_throwing, with_storage_denied};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone().unchecked_into(), App).forget();
    host
}

fn find(host: &web_sys::Element, css: &str) -> Option<web_sys::HtmlElement> {
    host.query_selector(css).unwrap().map(|e| e.unchecked_into())
}

fn text(host: &web_sys::Element, css: &str) -> String {
    find(host, css).and_then(|e| e.text_content()).unwrap_or_default()
}

fn html_lang() -> String {
    web_sys::window().unwrap().document().unwrap().document_element().unwrap().get_attribute("lang").unwrap_or_default()
}

/// Lets the reactive system render what changed.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Clicks the language switch and checks that the app answered by switching.
async fn still_responds(host: &web_sys::Element) {
    let before = html_lang();
    find(host, "#lang-switch").expect("the language switch is there").click();
    settle().await;
    assert_ne!(html_lang(), before, "the app no longer responds");
}

fn store_document(text: &str) {
    let parts = layout::parts_of_document(text).unwrap();
    let plan = layout::plan_save(None, &parts, "test0000", taawun_core::record::Timestamp::from_millis(1).unwrap());
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for (key, value) in &plan.writes {
        storage.set_item(key, value).unwrap();
    }
    storage.set_item(layout::HEAD_KEY, &plan.head.to_value()).unwrap();
}

fn demo_text() -> String {
    String::from_utf8(taawun_core::document::export(&demo::dataset())).unwrap()
}

#[wasm_bindgen_test]
async fn r34_a_damaged_store_shows_the_recovery_screen_and_the_app_keeps_responding() {
    fresh();
    store_document(&demo_text());
    let head = layout::read_head(&snapshot()[layout::HEAD_KEY]).unwrap();
    let part = head.parts.iter().find(|p| p.name.starts_with("projects")).unwrap();
    js(&format!("localStorage.setItem('{}', 'j[');", part.key));
    let before = snapshot();
    let host = mount();
    settle().await;
    assert!(find(&host, "#recovery[data-kind=unreadable]").is_some());
    assert!(text(&host, "#recovery-details").contains(&part.key));
    assert!(find(&host, "#download-stored").is_some());
    still_responds(&host).await;
    assert_eq!(
        snapshot().into_iter().filter(|(k, _)| k.starts_with("taawun.part") || k == layout::HEAD_KEY).collect::<Vec<_>>(),
        before.into_iter().filter(|(k, _)| k.starts_with("taawun.part") || k == layout::HEAD_KEY).collect::<Vec<_>>()
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn r34_a_bad_value_in_the_stored_document_is_named_by_its_path() {
    fresh();
    let mut value: serde_json::Value = serde_json::from_str(&demo_text()).unwrap();
    value["projects"][0]["total_cost"] = serde_json::Value::String("12.345".into());
    store_document(&value.to_string());
    let host = mount();
    settle().await;
    assert!(text(&host, "#recovery-details").contains("projects[0].total_cost"), "{}", text(&host, "#recovery"));
    still_responds(&host).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn r34_data_from_a_newer_version_is_read_only_without_an_offer_to_start_anew() {
    fresh();
    store_document(r#"{"schema_version": 99, "cooperatives": []}"#);
    let host = mount();
    settle().await;
    assert!(find(&host, "#recovery[data-kind=newer]").is_some());
    assert!(find(&host, "#start-anew").is_none());
    still_responds(&host).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn r34_without_storage_the_app_works_in_memory_and_offers_an_export() {
    fresh();
    let host = with_storage_denied(|| {
        let host = mount();
        find(&host, "#start-demo").expect("the first-visit choice").click();
        host
    });
    settle().await;
    assert!(find(&host, "#not-saved-export").is_some(), "{}", text(&host, ".safety"));
    still_responds(&host).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn r34_a_full_quota_shows_the_not_saved_banner_and_leaves_nothing_half_written() {
    fresh();
    let host = mount();
    with_set_item_throwing("new DOMException('full', 'QuotaExceededError')", || {
        find(&host, "#start-demo").expect("the first-visit choice").click();
    });
    settle().await;
    assert!(find(&host, "#not-saved").is_some());
    assert!(snapshot().keys().all(|k| !k.starts_with("taawun.part")), "nothing half-written");
    still_responds(&host).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn when_the_quota_is_full_the_kept_copy_gives_way_to_the_users_current_data() {
    use crate::state::AppState;
    use crate::storage::tests::{used, with_quota};
    use leptos::prelude::*;
    fresh();
    let owner = Owner::new();
    owner.set();
    let state = AppState::load();
    state.replace(demo::dataset());
    assert_eq!(state.save_problem.get_untracked(), None);
    let previous = demo::dataset();
    // Room for the copy of the previous data, and not one character more for the next save.
    let copy = layout::encode(&demo_text()).encode_utf16().count() + "replace\n".len() + 25 + "taawun.backup".len();
    let limit = used() + copy + 20;
    let mut next = demo::dataset();
    let author = taawun_core::record::Author {
        at: taawun_core::record::Timestamp::from_millis(1_800_000_000_000).unwrap(),
        user: "t".into(),
        device_name: "t".into(),
        device: taawun_core::id::Id::from_u128(9),
    };
    let target = taawun_core::record::RecordRef { kind: taawun_core::record::RecordKind::Project, id: next.projects().all()[0].id };
    let base_revision = next.projects().all()[0].meta.revision;
    next.apply(taawun_core::dataset::Edit::Delete { target, base_revision }, &taawun_core::dataset::EditContext::form(author)).unwrap();
    with_quota(limit, || state.replace(next.clone()));
    assert_eq!(state.save_problem.get_untracked(), None, "the save went through once the copy gave way");
    assert!(!snapshot().contains_key(crate::storage::BACKUP_KEY));
    assert!(matches!(state.safety.undo.get_untracked(), Some(crate::safety::Undo::Replace { kept: false, .. })), "the undo stays, from memory");
    crate::safety::undo(&state);
    assert_eq!(state.dataset.get_untracked(), previous);
    crate::storage::forget_session();
    assert_eq!(crate::storage::load_now().unwrap().unwrap().imported.dataset, previous, "the undo was saved");
}

/// Stores the demo under a head that says its parts take `chars` characters in all.
fn store_demo_said_to_take(chars: usize) {
    store_document(&demo_text());
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let mut head = layout::read_head(&storage.get_item(layout::HEAD_KEY).unwrap().unwrap()).unwrap();
    let others: usize = head.parts[1..].iter().map(|p| p.chars).sum();
    head.parts[0].chars = chars - others;
    storage.set_item(layout::HEAD_KEY, &head.to_value()).unwrap();
}

#[wasm_bindgen_test]
async fn stored_data_leaving_no_room_for_a_backup_shows_the_size_warning_with_an_export_in_both_languages() {
    fresh();
    store_demo_said_to_take(3_210_961);
    let host = mount();
    settle().await;
    assert!(find(&host, "#size-warning").is_some(), "the size warning is shown");
    assert!(find(&host, "#size-export").is_some(), "with an export at once");
    let first = text(&host, "#size-warning p");
    assert!(first.contains("65 %"), "{first}");
    still_responds(&host).await;
    let second = text(&host, "#size-warning p");
    assert!(second.contains("65 %") && second != first, "{second}");
    let french = if html_lang() == "fr" { &second } else { &first };
    assert!(french.contains("Exportez une sauvegarde") && french.contains("province"), "{french}");
    host.remove();
}

#[wasm_bindgen_test]
async fn the_demo_data_shows_no_size_warning() {
    fresh();
    store_document(&demo_text());
    let host = mount();
    settle().await;
    assert!(find(&host, "#lang-switch").is_some(), "the app is mounted");
    assert!(find(&host, "#size-warning").is_none());
    host.remove();
}

#[wasm_bindgen_test]
fn a_save_whose_writing_part_could_not_be_fetched_is_made_again_when_the_page_is_hidden() {
    use crate::state::AppState;
    use crate::storage::StorageError;
    use leptos::prelude::*;
    fresh();
    let owner = Owner::new();
    owner.set();
    let state = AppState::load();
    state.replace(demo::dataset());
    // An edit held in memory, as a save left it when the writing part could not be fetched.
    let author = taawun_core::record::Author {
        at: taawun_core::record::Timestamp::from_millis(1_800_000_000_000).unwrap(),
        user: "t".into(),
        device_name: "t".into(),
        device: taawun_core::id::Id::from_u128(9),
    };
    state.dataset.update(|dataset| {
        let target = taawun_core::record::RecordRef { kind: taawun_core::record::RecordKind::Project, id: dataset.projects().all()[0].id };
        let base_revision = dataset.projects().all()[0].meta.revision;
        dataset.apply(taawun_core::dataset::Edit::Delete { target, base_revision }, &taawun_core::dataset::EditContext::form(author)).unwrap();
    });
    state.save_problem.set(Some(StorageError::WriterUnavailable));
    crate::storage::forget_session();
    assert_ne!(crate::storage::load_now().unwrap().unwrap().imported.dataset, state.dataset.get_untracked(), "the edit is not stored yet");

    super::flush(&state);
    assert_eq!(state.save_problem.get_untracked(), None, "the save was made again");
    crate::storage::forget_session();
    assert_eq!(crate::storage::load_now().unwrap().unwrap().imported.dataset, state.dataset.get_untracked(), "the edit is stored");
}

#[wasm_bindgen_test]
async fn the_question_after_an_export_from_the_reminder_outlives_a_change_of_language() {
    fresh();
    store_document(&demo_text());
    let long_ago = taawun_core::record::Timestamp::from_millis(js_sys::Date::now() as i64 - 30 * 86_400_000).unwrap().to_string();
    let record = serde_json::json!({"last_export": long_ago, "since": long_ago, "reminder_days": 7}).to_string();
    web_sys::window().unwrap().local_storage().unwrap().unwrap().set_item("taawun.health", &record).unwrap();
    let host = mount();
    settle().await;
    let before = text(&host, "#export-reminder p");
    assert!(before.contains('7'), "{before}");
    find(&host, "#reminder-export").expect("the reminder is due").click();
    for _ in 0..100 {
        if find(&host, "#reminder-export-question").is_some() {
            break;
        }
        settle().await;
    }
    assert!(find(&host, "#reminder-export-question").is_some(), "the export asks whether the file was saved");
    still_responds(&host).await;
    assert!(find(&host, "#reminder-export-question").is_some(), "the question was lost when the banner was built again");
    assert_ne!(text(&host, "#export-reminder p"), before, "the reminder's text follows the language");
    assert!(text(&host, "#export-reminder p").contains('7'));
    host.remove();
}
