//! The storage health panel: space used against the quota, the photos no story shows any more
//! (with their removal), the request for persistent storage, the last confirmed export with an
//! export button, and the reminder setting.

use leptos::prelude::*;

use taawun_core::dataset::{Dataset, Rollback};
use taawun_core::id::Id;
use taawun_core::story::photos_unused;

use super::{ExportButton, Undo};
use crate::i18n::{Label, t};
use crate::state::AppState;
use crate::storage::{self, health};

/// The panel, for the data page.
#[component]
pub fn HealthPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let exports = state.safety.exports;
    // What a removal of unused photos said; the space used is measured again after it.
    let photos_removed = RwSignal::new(None::<Result<usize, Label>>);
    // Recomputed whenever the data changes (a save changes the space used).
    let usage = move || {
        state.dataset.track();
        photos_removed.track();
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
        let restorable = dataset_of(&copy);
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
                        photos_removed.track();
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
            <UnusedPhotos state removed=photos_removed />
            {kept_view}
            <label>
                {move || t(Label::ReminderDays, lang.get())}
                <input type="number" id="reminder-days" min="0" max="365" inputmode="numeric"
                    prop:value=move || exports.get().reminder_days.to_string() on:change=set_days />
            </label>
        </section>
    }
}

/// The data of a kept copy, when it reads.
fn dataset_of(copy: &storage::Backup) -> Option<Dataset> {
    taawun_core::document::import(copy.text.as_bytes()).ok().map(|imported| imported.dataset)
}

/// The stored photos nothing can show again (core's [`photos_unused`]: no story of the data,
/// of the data an undo would bring back or of the kept copy names them), and their removal,
/// asked twice because it cannot be undone.
#[component]
fn UnusedPhotos(state: AppState, removed: RwSignal<Option<Result<usize, Label>>>) -> impl IntoView {
    let lang = state.lang;
    let asking = RwSignal::new(false);
    let unused = move || -> (Vec<Id>, usize) {
        let stored = storage::photos::stored();
        let undo = state.safety.undo.get();
        let (previous, undone): (Option<&Dataset>, Option<&Rollback>) = match &undo {
            Some(Undo::Replace { previous, .. }) => (Some(previous.as_ref()), None),
            Some(Undo::Restore(rollback)) => (None, Some(rollback.as_ref())),
            None => (None, None),
        };
        // Read again each time: an import on this page keeps a new copy.
        let copy = storage::backup().as_ref().and_then(dataset_of);
        let back: Vec<&Dataset> = previous.into_iter().chain(copy.as_ref()).collect();
        let undone: Vec<&Rollback> = undone.into_iter().collect();
        let ids = state.dataset.with(|d| photos_unused(stored.keys().copied(), d, &back, &undone));
        let chars = ids.iter().filter_map(|id| stored.get(id)).sum();
        (ids.into_iter().collect(), chars)
    };
    let remove = move |_| {
        asking.set(false);
        // Another tab's save may name photos this tab has not read yet: remove nothing then.
        if storage::stored_revision() != storage::loaded_revision() {
            removed.set(Some(Err(Label::OtherTabChanged)));
            return;
        }
        let (ids, _) = unused();
        let gone = ids.iter().filter(|id| storage::photos::remove(**id).is_ok()).count();
        removed.set(Some(Ok(gone)));
    };
    view! {
        <div class="unused-photos" id="unused-photos">
            {move || {
                removed.track();
                let (ids, chars) = unused();
                let lang = lang.get();
                let summary = format!("{}{}{} ({chars} {})", t(Label::PhotosUnused, lang), crate::components::colon(lang), ids.len(), t(Label::Characters, lang));
                let count = ids.len();
                view! {
                    <p id="photos-unused" data-count=count.to_string()>{summary}</p>
                    {(count > 0).then(|| view! {
                        <div class="actions">
                            {move || if asking.get() {
                                view! {
                                    <button type="button" id="remove-unused-photos-confirm" class="danger" on:click=remove>
                                        {t(Label::RemoveUnusedPhotosConfirm, lang)}
                                    </button>
                                    <button type="button" id="remove-unused-photos-cancel" on:click=move |_| asking.set(false)>{t(Label::Cancel, lang)}</button>
                                }.into_any()
                            } else {
                                view! {
                                    <button type="button" id="remove-unused-photos" on:click=move |_| { removed.set(None); asking.set(true); }>
                                        {t(Label::RemoveUnusedPhotos, lang)}
                                    </button>
                                }.into_any()
                            }}
                        </div>
                    })}
                }
            }}
            {move || removed.get().map(|outcome| match outcome {
                Ok(gone) => view! { <p class="status ok" role="status" id="photos-removed">{format!("{}{}{gone}", t(Label::PhotosRemoved, lang.get()), crate::components::colon(lang.get()))}</p> }.into_any(),
                Err(label) => view! { <p class="status" role="alert" id="photos-removed">{t(label, lang.get())}</p> }.into_any(),
            })}
        </div>
    }
}
