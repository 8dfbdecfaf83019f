//! The storage health panel: space used against the quota, the request for persistent storage,
//! the last confirmed export with an export button, and the reminder setting.

use leptos::prelude::*;

use super::ExportButton;
use crate::i18n::{Label, t};
use crate::state::AppState;
use crate::storage::{self, health};

/// The panel, for the data page.
#[component]
pub fn HealthPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let exports = state.safety.exports;
    // Recomputed whenever the data changes (a save changes the space used).
    let usage = move || {
        state.dataset.track();
        health::usage().ok()
    };
    let persisted = RwSignal::new(None::<Option<bool>>);
    let ask = move |_| health::request_persistence(move |answer| persisted.set(Some(answer)));
    let last_export = move || match exports.get().last_export {
        Some(at) => at.to_string()[..10].to_owned(),
        None => t(Label::NeverExported, lang.get()).to_owned(),
    };
    let set_days = move |ev| {
        if let Ok(days) = event_target_value(&ev).trim().parse::<u32>() {
            let record = health::ExportRecord { reminder_days: days, ..exports.get_untracked() };
            let _ = health::save_export_record(&record);
            exports.set(record);
        }
    };
    // The copy kept before the last migration or replacing action, offered back.
    let kept = storage::backup();
    let kept_view = kept.map(|copy| {
        let restorable = taawun_core::document::import(copy.text.as_bytes()).ok().map(|imported| imported.dataset);
        let when = copy.kept_at.get(..10).unwrap_or_default().to_owned();
        let bytes = copy.text.clone().into_bytes();
        view! {
            <div class="kept-copy" id="kept-copy">
                <p>{move || format!("{}{}{when}", t(Label::KeptCopy, lang.get()), crate::components::colon(lang.get()))}</p>
                <div class="actions">
                    <button type="button" id="download-kept-copy" on:click=move |_| {
                        let _ = crate::download::offer(&bytes, &format!("taawun-{}-copie.json", crate::download::today()), "application/json");
                    }>{move || t(Label::DownloadKeptCopy, lang.get())}</button>
                    {restorable.map(|dataset| view! {
                        <button type="button" id="restore-kept-copy" on:click=move |_| state.replace(dataset.clone())>
                            {move || t(Label::RestoreKeptCopy, lang.get())}
                        </button>
                    })}
                </div>
            </div>
        }
    });
    view! {
        <section class="health" id="storage-health">
            <h2>{move || t(Label::StorageHealth, lang.get())}</h2>
            <dl>
                <dt>{move || t(Label::SpaceUsed, lang.get())}</dt>
                <dd id="space-used">
                    {move || match usage() {
                        Some(usage) => format!("{} % ({} / {} {})", usage.percent(), usage.chars, usage.quota_chars, t(Label::Characters, lang.get())),
                        None => t(Label::StorageUnavailable, lang.get()).to_owned(),
                    }}
                </dd>
                // Each story photo has its own key: counted in the space used above, and shown apart.
                <dt>{move || t(Label::Photos, lang.get())}</dt>
                <dd id="photos-used">
                    {move || {
                        state.dataset.track();
                        let (count, chars) = storage::photos::usage();
                        format!("{count} ({chars} {})", t(Label::Characters, lang.get()))
                    }}
                </dd>
                <dt>{move || t(Label::LastExport, lang.get())}</dt>
                <dd id="last-export">{last_export}</dd>
            </dl>
            <div class="actions">
                <ExportButton state id="health-export" />
                <button type="button" id="persist" on:click=ask>{move || t(Label::PersistAsk, lang.get())}</button>
            </div>
            {move || persisted.get().map(|answer| {
                let label = if answer == Some(true) { Label::PersistGranted } else { Label::PersistRefused };
                view! { <p id="persist-answer">{t(label, lang.get())}</p> }
            })}
            {kept_view}
            <label>
                {move || t(Label::ReminderDays, lang.get())}
                <input type="number" id="reminder-days" min="0" max="365" inputmode="numeric"
                    prop:value=move || exports.get().reminder_days.to_string() on:change=set_days />
            </label>
        </section>
    }
}
