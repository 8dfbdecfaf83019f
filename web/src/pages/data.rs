//! Data (`#/data`): export the dataset as core's JSON document, import one after a preview of
//! what it changes (`Dataset::diff`) and nothing written before the user confirms, load the demo
//! data, and erase everything, the last two only after a backup file has been offered. Its
//! "Open data" section (360Giving and IATI exports, publisher settings) is `pages::open_data`.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::{Dataset, Diff};
use taawun_core::document::ImportError;
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::reference::ReferenceData;
use taawun_core::story::photo::Photo;
use taawun_core::text::Localised;

use crate::components::colon;
use crate::download;
use crate::i18n::{Label, t};
use crate::state::AppState;

/// The name of a record as a user reads it, from whichever dataset holds it.
pub(crate) fn record_name(dataset: &Dataset, record: RecordRef, lang: Lang) -> String {
    match record.kind {
        RecordKind::Rulebook => dataset.rulebooks().get(record.id).map(|r| r.data.name(lang).to_owned()).unwrap_or_default(),
        RecordKind::Cooperative => dataset.cooperatives().get(record.id).map(|c| c.data.name(lang).to_owned()).unwrap_or_default(),
        RecordKind::Project => dataset.projects().get(record.id).map(|p| p.data.title(lang).to_owned()).unwrap_or_default(),
        RecordKind::Meeting => dataset.meetings().get(record.id).map(|m| m.data.title(lang).to_owned()).unwrap_or_default(),
        RecordKind::Visit => dataset
            .visits()
            .get(record.id)
            .and_then(|v| dataset.cooperatives().get(v.data.cooperative))
            .map(|c| c.data.name(lang).to_owned())
            .unwrap_or_default(),
        RecordKind::Story => {
            dataset.stories().get(record.id).and_then(|s| dataset.projects().get(s.data.project)).map(|p| p.data.title(lang).to_owned()).unwrap_or_default()
        }
    }
}

/// A file read and checked by core, waiting for the user's decision.
#[derive(Clone)]
struct Pending {
    dataset: Dataset,
    diff: Diff,
    findings: usize,
    migrated_from: Option<u32>,
    photos: Vec<Photo>,
}

fn has_records(dataset: &Dataset) -> bool {
    dataset.cooperatives().live().next().is_some() || dataset.projects().live().next().is_some() || dataset.rulebooks().live().next().is_some()
}

/// The data page.
#[component]
pub fn Data(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let pending: RwSignal<Option<Pending>> = RwSignal::new(None);
    let import_error: RwSignal<Option<ImportError>> = RwSignal::new(None);
    let done: RwSignal<Option<Label>> = RwSignal::new(None);
    let backup_offered = RwSignal::new(false);
    let export_failed = RwSignal::new(false);
    let file_name = RwSignal::new(String::new());
    let photos_refused = RwSignal::new(false);

    let export = move || {
        let bytes = state.dataset.with_untracked(crate::safety::export_bytes);
        let offered = download::offer(&bytes, &format!("taawun-{}.json", download::today()), "application/json").is_ok();
        if offered {
            crate::safety::after_export(&state);
        }
        export_failed.set(!offered);
        offered
    };
    let on_file = move |ev: leptos::ev::Event| {
        let chosen = move |name| {
            file_name.set(name);
            done.set(None);
        };
        crate::upload::import_chosen(&ev, chosen, move |outcome| match outcome {
            Ok(imported) => {
                let diff = state.dataset.with_untracked(|current| current.diff(&imported.dataset));
                import_error.set(None);
                pending.set(Some(Pending {
                    findings: imported.findings().len(),
                    migrated_from: imported.migrated_from,
                    diff,
                    dataset: imported.dataset,
                    photos: imported.photos,
                }));
            }
            Err(error) => {
                pending.set(None);
                import_error.set(Some(error));
            }
        });
    };
    let confirm_import = move |_| {
        let Some(file) = pending.get_untracked() else { return };
        // The photos first: when they don't fit, nothing is replaced.
        let stored = crate::storage::photos::save_all(&file.photos).is_ok();
        photos_refused.set(!stored);
        if stored {
            state.replace(file.dataset);
            pending.set(None);
            done.set(Some(Label::ImportDone));
        }
    };
    let needs_backup = move || state.dataset.with(has_records) && !backup_offered.get();

    let preview = move || {
        let lang = lang.get();
        pending.get().map(|file| {
            let Pending { dataset: incoming, diff, findings, migrated_from, photos } = file;
            let names = |records: &[RecordRef], from_incoming: bool| -> Vec<String> {
                records
                    .iter()
                    .map(|r| if from_incoming { record_name(&incoming, *r, lang) } else { state.dataset.with_untracked(|d| record_name(d, *r, lang)) })
                    .collect()
            };
            let added = names(&diff.added, true);
            let deleted = names(&diff.deleted, false);
            let changed: Vec<(String, usize)> = diff.changed.iter().map(|c| (record_name(&incoming, c.record, lang), c.fields.len())).collect();
            let nothing = diff.added.is_empty() && diff.deleted.is_empty() && diff.changed.is_empty() && diff.reference.is_empty();
            let group = move |id: &'static str, label: Label, items: Vec<String>| {
                view! {
                    <div class="diff-group" id=id>
                        <h4>{t(label, lang)}{colon(lang)}{items.len()}</h4>
                        <ul>{items.into_iter().map(|name| view! { <li><bdi>{name}</bdi></li> }).collect_view()}</ul>
                    </div>
                }
            };
            view! {
                <div class="preview" id="import-preview" role="region" aria-labelledby="preview-title">
                    <h3 id="preview-title">{t(Label::ImportPreview, lang)}</h3>
                    {migrated_from.map(|v| view! { <p>{t(Label::MigratedFrom, lang)}" "{v}</p> })}
                    {if nothing {
                        view! { <p id="no-difference">{t(Label::NoDifference, lang)}</p> }.into_any()
                    } else {
                        view! {
                            {group("diff-added", Label::Added, added)}
                            {group("diff-changed", Label::Changed, changed.into_iter().map(|(n, k)| format!("{n} ({k})")).collect())}
                            {group("diff-deleted", Label::Deleted, deleted)}
                            <p>{t(Label::ReferenceChanges, lang)}{colon(lang)}{diff.reference.len()}</p>
                        }
                        .into_any()
                    }}
                    <p>{t(Label::FindingsInFile, lang)}{colon(lang)}{findings}</p>
                    <p id="import-photos">{t(Label::PhotosInFile, lang)}{colon(lang)}{photos.len()}</p>
                    <div class="actions">
                        <button type="button" class="primary" id="confirm-import" on:click=confirm_import>{t(Label::ReplaceWithFile, lang)}</button>
                        <button type="button" id="cancel-import" on:click=move |_| pending.set(None)>{t(Label::Cancel, lang)}</button>
                    </div>
                </div>
            }
        })
    };
    let error_view = move || {
        let lang = lang.get();
        import_error.get().map(|error| {
            let lines: Vec<String> = error.field_errors().iter().map(ToString::to_string).collect();
            view! {
                <div class="banner" role="alert" id="import-error">
                    <p>{error.message(lang)}</p>
                    {(!lines.is_empty()).then(|| view! {
                        <details><summary>{t(Label::Details, lang)}</summary>
                            <ul dir="ltr">{lines.into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}</ul>
                        </details>
                    })}
                </div>
            }
        })
    };

    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::DataTitle, lang.get())}</h1>
        {move || done.get().map(|label| view! { <p class="status ok" role="status" id="data-done">{t(label, lang.get())}</p> })}
        <section aria-labelledby="export-title">
            <h2 id="export-title">{move || t(Label::Export, lang.get())}</h2>
            <p>{move || t(Label::ExportHint, lang.get())}</p>
            <crate::safety::ExportButton state id="export" />
            {move || export_failed.get().then(|| view! { <p class="banner" role="alert" id="export-failed">{t(Label::ExportFailed, lang.get())}</p> })}
        </section>
        <p><a id="sheets-link" href=crate::route::Route::Spreadsheets.href()>{move || t(Label::SheetsLink, lang.get())}</a></p>
        <crate::safety::HealthPanel state />
        <crate::pages::open_data::OpenData state />
        <section aria-labelledby="import-title">
            <h2 id="import-title">{move || t(Label::Import, lang.get())}</h2>
            <p id="import-hint">{move || t(Label::ImportHint, lang.get())}</p>
            // The browser's own file button speaks the browser's language, not the user's: it is
            // hidden from sight (still focusable) and a label in the user's language stands for it.
            <div class="file-picker">
                <input type="file" id="import-file" class="visually-hidden" accept=".json,application/json" aria-describedby="import-hint" on:change=on_file />
                <label for="import-file" class="button">{move || t(Label::ChooseFile, lang.get())}</label>
                <span class="file-name">{move || file_name.get()}</span>
            </div>
            {error_view}
            {move || photos_refused.get().then(|| view! { <p class="banner" role="alert" id="import-photos-refused">{t(Label::PhotosNoRoom, lang.get())}</p> })}
            {preview}
        </section>
        <section aria-labelledby="merge-link-title">
            <h2 id="merge-link-title">{move || t(Label::MergeTitle, lang.get())}</h2>
            <p>{move || t(Label::MergeHint, lang.get())}</p>
            <a class="button" id="go-merge" href=crate::route::Route::Merge.href()>{move || t(Label::MergeOpen, lang.get())}</a>
        </section>
        <section aria-labelledby="replace-title">
            <h2 id="replace-title">{move || t(Label::DemoData, lang.get())}" / "{move || t(Label::Reset, lang.get())}</h2>
            <p>{move || t(Label::DemoHint, lang.get())}</p>
            <p>{move || t(Label::ReplaceHint, lang.get())}</p>
            <div class="actions">
                <button type="button" id="backup-first" on:click=move |_| {
                    if export() {
                        backup_offered.set(true);
                    }
                }>{move || t(Label::DownloadBackupFirst, lang.get())}</button>
                <button type="button" id="load-demo" disabled=needs_backup on:click=move |_| {
                    state.replace(taawun_core::demo::dataset());
                    done.set(Some(Label::Done));
                }>{move || t(Label::LoadDemoNow, lang.get())}</button>
                <button type="button" class="danger" id="reset" disabled=needs_backup on:click=move |_| {
                    state.replace(Dataset::new(ReferenceData::builtin()));
                    backup_offered.set(false);
                    done.set(Some(Label::Done));
                }>{move || t(Label::EraseEverything, lang.get())}</button>
            </div>
        </section>
    }
}
