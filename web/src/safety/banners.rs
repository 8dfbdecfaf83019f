//! The banners above every page: changes not saved (with an export at once), another tab's
//! save, a migrated original, undo, a new version waiting, the export reminder, the Safari
//! prompt to install, and the warning that the data grows past what this browser handles well.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::record::Timestamp;
use taawun_core::storage_layout::{self as layout, SizeWarning};

use super::{ExportButton, ExportProgress, Notice, Undo, apply_update, offer_raw, undo_later};
use crate::i18n::{Label, t};
use crate::state::{AppState, Start};
use crate::storage::{self, StorageError, health};

/// What a failed save means, in the user's language.
pub fn describe(error: &StorageError, lang: Lang) -> String {
    match error {
        StorageError::Unavailable => t(Label::StorageUnavailable, lang).to_owned(),
        StorageError::QuotaExceeded => t(Label::StorageFull, lang).to_owned(),
        StorageError::Conflict(_) => t(Label::StorageConflict, lang).to_owned(),
        StorageError::ReadBack { .. } => t(Label::StorageReadBack, lang).to_owned(),
        StorageError::Held => t(Label::StorageHeld, lang).to_owned(),
        StorageError::WriterUnavailable => t(Label::WriterUnavailable, lang).to_owned(),
        StorageError::Other(why) => why.clone(),
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Every banner, each shown while it applies.
#[component]
pub fn SafetyBanners(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let safety = state.safety;
    // The banners below are built again whenever what they read changes; their export
    // buttons' progress lives here, so a pending export keeps its question.
    let (not_saved_export, other_tab_export, reminder_export, size_export) =
        (ExportProgress::new(), ExportProgress::new(), ExportProgress::new(), ExportProgress::new());
    let not_saved = move || {
        let problem = state.save_problem.get()?;
        if safety.other_tab.get() {
            return None;
        }
        let conflict = matches!(problem, StorageError::Conflict(_));
        let text = format!("{}{}{}", t(Label::SaveFailed, lang.get()), crate::components::colon(lang.get()), describe(&problem, lang.get()));
        Some(view! {
            <div class="banner" role="alert" id="not-saved">
                <p id="problem">{text}</p>
                <div class="actions">
                    <ExportButton state id="not-saved-export" progress=not_saved_export />
                    {conflict.then(|| view! { <button type="button" id="not-saved-reload" on:click=move |_| reload()>{move || t(Label::Reload, lang.get())}</button> })}
                </div>
            </div>
        })
    };
    let other_tab = move || {
        safety.other_tab.get().then(|| {
            view! {
                <div class="banner" role="alert" id="other-tab">
                    <p>{move || t(Label::OtherTabChanged, lang.get())}</p>
                    <div class="actions">
                        <ExportButton state id="other-tab-export" progress=other_tab_export />
                        <button type="button" id="other-tab-reload" on:click=move |_| reload()>{move || t(Label::Reload, lang.get())}</button>
                    </div>
                </div>
            }
        })
    };
    let notice = move || {
        let label = match safety.notice.get()? {
            Notice::UpdatedFromOtherTab => Label::OtherTabUpdated,
            Notice::ClearedInOtherTab => Label::OtherTabCleared,
        };
        Some(view! {
            <div class="banner info" role="status" id="notice">
                <p>{move || t(label, lang.get())}</p>
                <button type="button" on:click=move |_| safety.notice.set(None)>{move || t(Label::Dismiss, lang.get())}</button>
            </div>
        })
    };
    let migration = move || {
        let migration = safety.migration.get()?;
        let original = migration.original.clone();
        let download = move |_| {
            if let Some(raw) = &original {
                let _ = offer_raw(raw);
            }
        };
        let kept = migration.kept;
        let held = move || !kept && storage::is_held();
        Some(view! {
            <div class="banner info" role="status" id="migrated">
                <p>
                    {move || if kept { format!("{} {}", t(Label::MigratedKept, lang.get()), migration.from) } else { t(Label::MigratedNotKept, lang.get()).to_owned() }}
                </p>
                <div class="actions">
                    <button type="button" id="download-original" on:click=download>{move || t(Label::DownloadOriginal, lang.get())}</button>
                    {move || held().then(|| view! {
                        <button type="button" id="continue-migration" on:click=move |_| {
                            storage::release();
                            safety.migration.set(None);
                        }>{move || t(Label::ContinueAfterDownload, lang.get())}</button>
                    })}
                    {move || (!held()).then(|| view! {
                        <button type="button" on:click=move |_| safety.migration.set(None)>{move || t(Label::Dismiss, lang.get())}</button>
                    })}
                </div>
            </div>
        })
    };
    let undo_banner = move || {
        let pending = safety.undo.get()?;
        let (what, copy) = match &pending {
            Undo::Restore(_) => (t(Label::UndoDeleted, lang.get()), None),
            Undo::Replace { previous, kept, merge } => {
                let note = if *kept { Label::BackupKept } else { Label::BackupNotKept };
                let what = if *merge { Label::UndoMerged } else { Label::UndoReplaced };
                (t(what, lang.get()), Some((note, (**previous).clone(), *kept)))
            }
        };
        let download_previous = copy.as_ref().filter(|(_, _, kept)| !kept).map(|(_, previous, _)| {
            let previous = previous.clone();
            view! {
                <button type="button" id="download-previous" on:click=move |_| {
                    let previous = previous.clone();
                    crate::lazy::run(async move {
                        let _ = super::write(state, super::Write::OfferPrevious(previous)).await;
                    });
                }>{move || t(Label::DownloadPrevious, lang.get())}</button>
            }
        });
        let note = copy.map(|(note, _, _)| t(note, lang.get()));
        Some(view! {
            <div class="banner info" role="status" id="undo">
                <p>{what}" "{note}</p>
                <div class="actions">
                    <button type="button" id="undo-button" class="primary" on:click=move |_| crate::lazy::run(async move { let _ = undo_later(state).await; })>{move || t(Label::Undo, lang.get())}</button>
                    {download_previous}
                    <button type="button" id="undo-dismiss" on:click=move |_| safety.undo.set(None)>{move || t(Label::Dismiss, lang.get())}</button>
                </div>
            </div>
        })
    };
    let update = move || {
        safety.update_ready.get().then(|| {
            view! {
                <div class="banner info" role="status" id="update-ready">
                    <p>{move || t(Label::UpdateReady, lang.get())}</p>
                    <button type="button" id="update-now" class="primary" on:click=move |_| apply_update()>{move || t(Label::UpdateNow, lang.get())}</button>
                </div>
            }
        })
    };
    let reminder = move || {
        if !matches!(state.start.get(), Start::Loaded) || state.save_problem.get().is_some() {
            return None;
        }
        let has_data = state.dataset.with(|d| d.cooperatives().live().next().is_some() || d.projects().live().next().is_some());
        let record = safety.exports.get();
        let now = Timestamp::from_millis(js_sys::Date::now() as i64)?;
        if !has_data || !record.reminder_due(now) {
            return None;
        }
        let text = match record.last_export {
            None => t(Label::ExportReminderNever, lang.get()).to_owned(),
            Some(_) => format!("{} {} {}.", t(Label::ExportReminderDue, lang.get()), record.reminder_days, t(Label::Days, lang.get())),
        };
        Some(view! {
            <div class="banner info" role="status" id="export-reminder">
                <p>{text}</p>
                <ExportButton state id="reminder-export" progress=reminder_export />
            </div>
        })
    };
    let size_dismissed = RwSignal::new(false);
    let size = move || {
        if size_dismissed.get() || !matches!(state.start.get(), Start::Loaded) {
            return None;
        }
        let records = state.dataset.with(layout::record_count);
        let warning = layout::size_warning(storage::stored_chars(), health::ASSUMED_QUOTA_CHARS, records)?;
        Some(view! { <SizeBanner state warning dismissed=size_dismissed progress=size_export /> })
    };
    let install = move || {
        (health::evicts_unvisited_sites() && !health::runs_installed()).then(|| {
            view! {
                <div class="banner info" role="status" id="install-prompt">
                    <p>{move || t(Label::InstallPrompt, lang.get())}</p>
                    <ExportButton state id="install-export" />
                </div>
            }
        })
    };
    view! {
        <div class="safety" aria-live="polite">
            {update}
            {not_saved}
            {other_tab}
            {migration}
            {undo_banner}
            {notice}
            {reminder}
            {size}
            {install}
        </div>
    }
}

/// The data grows past what this browser handles well (core decides from the sizes): what is
/// wrong, and the way forward, an export now, then the data split into several files.
#[component]
pub fn SizeBanner(state: AppState, warning: SizeWarning, dismissed: RwSignal<bool>, progress: ExportProgress) -> impl IntoView {
    let lang = state.lang;
    let text = move || {
        let lang = lang.get();
        let mut lines = Vec::new();
        if warning.near_quota {
            lines.push(format!("{} {} % {}", t(Label::SizeNearQuota, lang), warning.percent, t(Label::SizeNearQuotaEnd, lang)));
        }
        if warning.many_records {
            lines.push(format!("{} {} {}.", warning.records, t(Label::SizeManyRecords, lang), layout::TABLET_RECORDS));
        }
        lines.push(t(Label::SizeWayForward, lang).to_owned());
        lines.join(" ")
    };
    view! {
        <div class="banner" role="alert" id="size-warning">
            <p>{text}</p>
            <div class="actions">
                <ExportButton state id="size-export" progress />
                <button type="button" on:click=move |_| dismissed.set(true)>{move || t(Label::Dismiss, lang.get())}</button>
            </div>
        </div>
    }
}
