//! The history panel of a record's page: each change core recorded (who, when, on which device,
//! which fields, old → new), newest first, and the helpers the merge page shares to name who last
//! wrote a field.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::history::{Action, Change, Names};
use taawun_core::record::{RecordRef, Timestamp};

use crate::charts::tree::{Fragment, Markup};
use crate::i18n::{Label, t};
use crate::state::AppState;

/// A moment on the user's clock, `2025-07-09 10:30` (Morocco's offset changes during Ramadan,
/// so it is the offset of that moment, as the browser knows it). The UTC instant stays in the
/// `datetime` attribute.
pub fn when(at: Timestamp, _lang: Lang) -> String {
    at.local_minute(utc_offset_minutes(at))
}

/// How many minutes the user's clock was ahead of UTC at `at`.
pub fn utc_offset_minutes(at: Timestamp) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.millis() as f64));
    let behind = date.get_timezone_offset();
    if behind.is_finite() { -(behind as i32) } else { 0 }
}

/// The change that last wrote `field` of a record, by its history (the creation if none did since).
pub fn last_writer(dataset: &Dataset, target: RecordRef, field: &str) -> Option<Change> {
    let history = dataset.history(target);
    history.iter().rev().find(|c| c.fields.iter().any(|f| f.field == field)).or_else(|| history.iter().find(|c| c.action == Action::Create)).cloned()
}

/// The change that last wrote a reference attribute (`"communes/SLY/name_fr"`), if one did since
/// the reference data began to be tracked.
pub fn last_reference_writer(dataset: &Dataset, field: &str) -> Option<Change> {
    dataset.reference_history().iter().rev().find(|c| c.fields.iter().any(|f| f.field == field)).cloned()
}

/// `Salma · Tablette 2 · 2025-07-09 10:30` (the user's clock).
pub fn byline(change: &Change, lang: Lang) -> String {
    let mut parts = vec![change.user.trim().to_owned(), change.device_name.trim().to_owned(), when(change.at, lang)];
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The history of one record, newest change first. Written as a [`Markup`] fragment rather than
/// typed views: it sits on every record page and costs little in the start download this way.
/// `id` names the section when a page shows more than one history (`history` otherwise).
#[component]
pub fn History(state: AppState, target: RecordRef, #[prop(optional, into)] id: Option<String>) -> impl IntoView {
    let lang = state.lang;
    let id = id.unwrap_or_else(|| "history".to_owned());
    let section = id.clone();
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang = lang.get();
        state.dataset.with(|d| history_markup(d.history(target), Names::new(&[d]), lang, &section))
    });
    view! { <Fragment id content /> }
}

/// The history of the reference data (communes, sectors, funders…), newest change first.
#[component]
pub fn ReferenceHistory(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang = lang.get();
        state.dataset.with(|d| history_markup(d.reference_history(), Names::new(&[d]), lang, "reference-history"))
    });
    view! { <Fragment id="reference-history" content /> }
}

fn history_markup(changes: &[Change], names: Names<'_>, lang: Lang, id: &str) -> Markup {
    let mut m = Markup::new();
    let title = format!("{id}-title");
    m.open("section").attr_string("aria-labelledby", title.clone()).attr("class", "history-section");
    m.open("h2").attr_string("id", title).text(t(Label::HistoryTitle, lang)).close();
    changes_markup(&mut m, changes, names, lang);
    m.close();
    m
}

/// A list of changes, newest first (or "no change recorded"), to put inside another fragment
/// (the visits table of a cooperative).
pub fn changes_markup(m: &mut Markup, changes: &[Change], names: Names<'_>, lang: Lang) {
    if changes.is_empty() {
        m.open("p").attr("class", "muted").text(t(Label::NoHistory, lang)).close();
    } else {
        m.open("ol").attr("class", "history").attr("reversed", "");
        for change in changes.iter().rev() {
            entry(m, change, names, lang);
        }
        m.close();
    }
}

fn entry(m: &mut Markup, change: &Change, names: Names<'_>, lang: Lang) {
    let action = match change.action {
        Action::Create => "create",
        Action::Update => "update",
        Action::Delete => "delete",
        Action::Restore => "restore",
        Action::Resolve => "resolve",
    };
    m.open("li").attr("class", "change").attr("data-action", action);
    m.open("p");
    m.open("time")
        .attr_string("datetime", change.at.to_string())
        .attr_string("title", format!("{} {}", change.at.local_minute(0), t(Label::UtcTime, lang)))
        .text_string(when(change.at, lang))
        .close();
    m.text(" — ");
    m.open("span").attr("class", "what").text_string(change.what(lang)).close();
    m.close();
    // Names as people and devices were named, in whatever letters: never translated.
    m.open("p").attr("class", "who muted");
    m.open("bdi").attr("class", "user").attr("translate", "no").text_string(change.user.clone()).close();
    m.text(" · ");
    m.open("bdi").attr("class", "device").attr("translate", "no").text_string(change.device_name.clone()).close();
    m.close();
    // A creation lists no field (core keeps files small): say so rather than show an empty list.
    if change.action == Action::Create {
        m.open("p").attr("class", "muted").text(t(Label::CreatedHere, lang)).close();
    }
    if !change.fields.is_empty() {
        m.open("ul").attr("class", "fields");
        for field in &change.fields {
            m.open("li").open("bdi").text_string(field.describe_with(names, lang)).close().close();
        }
        m.close();
    }
    m.close();
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use taawun_core::dataset::{Edit, EditContext};
    use taawun_core::id::Id;
    use taawun_core::record::{Author, RecordKind};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_moment_is_written_to_the_minute_on_the_users_clock() {
        let at = Timestamp::from_millis(1_752_051_600_000).unwrap();
        let offset = -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(1_752_051_600_000.0)).get_timezone_offset() as i32);
        assert_eq!(utc_offset_minutes(at), offset);
        assert_eq!(when(at, Lang::Fr), at.local_minute(offset));
        assert!(!when(at, Lang::Fr).contains("UTC"));
    }

    #[wasm_bindgen_test]
    fn the_last_writer_of_a_field_is_the_last_change_listing_it_else_the_creation() {
        let mut data = taawun_core::demo::dataset();
        let record = data.cooperatives().all()[0].clone();
        let target = RecordRef { kind: RecordKind::Cooperative, id: record.id };
        let mut changed = record.data.clone();
        changed.notes = "Visite (fictive)".into();
        let author =
            Author { at: Timestamp::from_millis(1_800_000_000_000).unwrap(), user: "Salma".into(), device: Id::from_u128(7), device_name: "Bureau".into() };
        data.apply(Edit::UpdateCooperative { id: record.id, base_revision: record.meta.revision, cooperative: changed }, &EditContext::form(author)).unwrap();
        let writer = last_writer(&data, target, "notes").unwrap();
        let at = Timestamp::from_millis(1_800_000_000_000).unwrap();
        assert_eq!(byline(&writer, Lang::Fr), format!("Salma · Bureau · {}", at.local_minute(utc_offset_minutes(at))));
        let untouched = last_writer(&data, target, "name_fr").unwrap();
        assert_eq!(untouched.action, Action::Create);
    }

    #[wasm_bindgen_test]
    async fn a_meetings_history_shows_a_check_in_with_the_cooperatives_name_and_counts_never_json() {
        use taawun_core::meeting::{Attendee, CheckIn};
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let mut data = taawun_core::demo::dataset();
        let record = data.meetings().live().next().unwrap().clone();
        let cooperative = data.cooperatives().live().find(|c| !record.data.attendance.is_present(c.id)).unwrap().clone();
        let mut meeting = record.data.clone();
        let at = Timestamp::from_millis(1_800_000_000_000).unwrap();
        meeting.attendance.check_in(CheckIn::new(Attendee::Cooperative(cooperative.id), 3, 2, at).unwrap()).unwrap();
        let author = Author { at, user: "Salma".into(), device: Id::from_u128(7), device_name: "Bureau".into() };
        data.apply(Edit::UpdateMeeting { id: record.id, base_revision: record.meta.revision, meeting }, &EditContext::form(author)).unwrap();
        let state = AppState::load();
        state.lang.set(Lang::Fr);
        state.dataset.set(data);
        let target = RecordRef { kind: RecordKind::Meeting, id: record.id };
        let _mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || view! { <History state target /> });
        leptos::task::tick().await;
        let newest = host.query_selector("#history li.change").unwrap().unwrap().text_content().unwrap().replace('\u{a0}', " ");
        assert!(newest.contains(&format!("{} : 3 personnes, dont 2 femmes", cooperative.data.name(Lang::Fr))), "{newest}");
        assert!(!newest.contains('{') && !newest.contains("\"people\""), "{newest}");
    }
}
