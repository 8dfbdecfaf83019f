//! The history panel of a record's page: each change core recorded (who, when, on which device,
//! which fields, old → new), newest first, and the helpers the merge page shares to name who last
//! wrote a field.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::history::{Action, Change};
use taawun_core::record::{RecordRef, Timestamp};
use taawun_core::text::Localised;

use crate::i18n::{Label, t};
use crate::state::AppState;

/// A moment as `2025-07-09 09:30 UTC`: changes come from tablets in other places and clocks, so
/// the time is written in one zone for all.
pub fn when(at: Timestamp) -> String {
    let text = at.to_string();
    format!("{} UTC", text.get(..16).unwrap_or(&text).replace('T', " "))
}

/// The change that last wrote `field` of a record, by its history (the creation if none did since).
pub fn last_writer(dataset: &Dataset, target: RecordRef, field: &str) -> Option<Change> {
    let history = dataset.history(target);
    history.iter().rev().find(|c| c.fields.iter().any(|f| f.field == field)).or_else(|| history.iter().find(|c| c.action == Action::Create)).cloned()
}

/// `Salma · Tablette 2 · 2025-07-09 09:30 UTC`.
pub fn byline(change: &Change) -> String {
    let mut parts = vec![change.user.trim().to_owned(), change.device_name.trim().to_owned(), when(change.at)];
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The history of one record, newest change first.
#[component]
pub fn History(state: AppState, target: RecordRef) -> impl IntoView {
    let lang = state.lang;
    let changes = Memo::new(move |_| state.dataset.with(|d| d.history(target).to_vec()));
    view! {
        <section aria-labelledby="history-title" id="history">
            <h2 id="history-title">{move || t(Label::HistoryTitle, lang.get())}</h2>
            {move || {
                let lang = lang.get();
                let changes = changes.get();
                if changes.is_empty() {
                    return view! { <p class="muted">{t(Label::NoHistory, lang)}</p> }.into_any();
                }
                view! {
                    <ol class="history" reversed>
                        {changes.into_iter().rev().map(|change| entry(change, lang)).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

fn entry(change: Change, lang: Lang) -> impl IntoView {
    let action = match change.action {
        Action::Create => "create",
        Action::Update => "update",
        Action::Delete => "delete",
        Action::Restore => "restore",
        Action::Resolve => "resolve",
    };
    // A creation lists no field (core keeps files small): say so rather than show an empty list.
    let created = (change.action == Action::Create).then(|| view! { <p class="muted">{t(Label::CreatedHere, lang)}</p> });
    let fields: Vec<String> = change.fields.iter().map(|f| f.describe(lang)).collect();
    view! {
        <li class="change" data-action=action>
            <p>
                <time datetime=change.at.to_string()>{when(change.at)}</time>" — "
                <span class="what">{change.message(lang)}</span>
            </p>
            <p class="who muted"><bdi class="user">{change.user.clone()}</bdi>" · "<bdi class="device">{change.device_name.clone()}</bdi></p>
            {created}
            {(!fields.is_empty()).then(|| view! {
                <ul class="fields">{fields.into_iter().map(|line| view! { <li><bdi>{line}</bdi></li> }).collect_view()}</ul>
            })}
        </li>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use taawun_core::dataset::{Edit, EditContext};
    use taawun_core::id::Id;
    use taawun_core::record::{Author, RecordKind};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_moment_is_written_to_the_minute_in_utc() {
        let at = Timestamp::from_millis(1_752_051_600_000).unwrap();
        assert_eq!(when(at), "2025-07-09 09:00 UTC");
    }

    #[wasm_bindgen_test]
    fn the_last_writer_of_a_field_is_the_last_change_listing_it_else_the_creation() {
        let mut data = taawun_core::demo::dataset();
        let record = data.cooperatives().all()[0].clone();
        let target = RecordRef { kind: RecordKind::Cooperative, id: record.id };
        let mut changed = record.data.clone();
        changed.notes = "Visite (fictive)".into();
        let author = Author { at: Timestamp::from_millis(1_800_000_000_000).unwrap(), user: "Salma".into(), device: Id::from_u128(7), device_name: "Bureau".into() };
        data.apply(Edit::UpdateCooperative { id: record.id, base_revision: record.meta.revision, cooperative: changed }, &EditContext::form(author)).unwrap();
        let writer = last_writer(&data, target, "notes").unwrap();
        assert_eq!(byline(&writer), "Salma · Bureau · 2027-01-15 08:00 UTC");
        let untouched = last_writer(&data, target, "name_fr").unwrap();
        assert_eq!(untouched.action, Action::Create);
    }
}
