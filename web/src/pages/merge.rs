//! Merge (`#/merge`): brings another device's exported file into this device's data. Core reads
//! the file and prepares the merge (`merge::plan`): what is added, updated, deleted, restored,
//! what conflicts and what stays; each conflict is settled field by field with both values side
//! by side; only Apply writes anything (`AppState::merge`), and the undo banner can take it back.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::document::{self, ImportError};
use taawun_core::history::{field_label, show_value};
use taawun_core::merge::{self, Choice, Conflict, MergeError, MergePlan, Outcome, Target};
use taawun_core::record::RecordRef;
use taawun_core::text::Localised;
use wasm_bindgen::JsCast;

use crate::components::colon;
use crate::components::history::{byline, last_writer};
use crate::i18n::{Label, t};
use crate::pages::data::record_name;
use crate::route::Route;
use crate::state::AppState;

/// A file read by core and the merge it would make, waiting for the user's choices.
#[derive(Clone)]
struct Prepared {
    incoming: Dataset,
    plan: MergePlan,
    migrated_from: Option<u32>,
}

/// What the last Apply did.
#[derive(Clone)]
enum Done {
    Merged { written: usize, new_findings: usize },
    Refused(MergeError),
}

/// The merge page.
#[component]
pub fn MergePage(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let prepared: RwSignal<Option<Prepared>> = RwSignal::new(None);
    let file_error: RwSignal<Option<ImportError>> = RwSignal::new(None);
    let done: RwSignal<Option<Done>> = RwSignal::new(None);
    let file_name = RwSignal::new(String::new());

    let on_file = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|files| files.get(0)) else { return };
        file_name.set(file.name());
        done.set(None);
        // Refused from its size before a byte is read: a huge file would exhaust a tablet's memory.
        let size = file.size() as usize;
        if size > document::MAX_BYTES {
            prepared.set(None);
            file_error.set(Some(ImportError::TooLarge { size, limit: document::MAX_BYTES }));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
            match document::import(text.as_bytes()) {
                Ok(imported) => {
                    let plan = state.dataset.with_untracked(|current| merge::plan(current, &imported.dataset));
                    file_error.set(None);
                    prepared.set(Some(Prepared { incoming: imported.dataset, plan, migrated_from: imported.migrated_from }));
                }
                Err(error) => {
                    prepared.set(None);
                    file_error.set(Some(error));
                }
            }
        });
    };
    let choose = Callback::new(move |(id, choice): (usize, Choice)| {
        prepared.update(|p| {
            if let Some(p) = p {
                // The numbers come from the plan itself.
                let _ = p.plan.resolve(id, choice);
            }
        });
    });
    let choose_all = Callback::new(move |choice: Choice| prepared.update(|p| if let Some(p) = p { p.plan.resolve_all(choice) }));
    let apply = Callback::new(move |()| {
        let Some(file) = prepared.get_untracked() else { return };
        match state.merge(&file.plan) {
            Ok(report) => {
                prepared.set(None);
                file_name.set(String::new());
                done.set(Some(Done::Merged { written: report.written.len(), new_findings: report.new_findings.len() }));
            }
            Err(error) => done.set(Some(Done::Refused(error))),
        }
    });

    let error_view = move || {
        let lang = lang.get();
        file_error.get().map(|error| {
            let lines: Vec<String> = error.field_errors().iter().map(ToString::to_string).collect();
            view! {
                <div class="banner" role="alert" id="merge-error">
                    <p>{error.message(lang)}</p>
                    {(!lines.is_empty()).then(|| view! {
                        <details open><summary>{t(Label::Details, lang)}</summary>
                            <ul dir="ltr">{lines.into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}</ul>
                        </details>
                    })}
                </div>
            }
        })
    };
    let done_view = move || {
        let lang = lang.get();
        done.get().map(|outcome| match outcome {
            Done::Merged { written, new_findings } => view! {
                <p class="status ok" role="status" id="merge-done">
                    {t(Label::MergeDone, lang)}" "{t(Label::RecordsWritten, lang)}{colon(lang)}{written}
                    {(new_findings > 0).then(|| format!(" — {}{}{new_findings}", t(Label::NewFindings, lang), colon(lang)))}
                </p>
            }
            .into_any(),
            Done::Refused(error) => view! { <p class="banner" role="alert" id="merge-refused">{error.message(lang)}</p> }.into_any(),
        })
    };
    let who = move || {
        let lang = lang.get();
        let (user, device) = (state.user.get(), state.device_name.get());
        if user.trim().is_empty() || device.trim().is_empty() {
            view! {
                <p class="banner info" id="merge-who">
                    {t(Label::NameYourselfFirst, lang)}" "<a href=Route::Settings.href()>{t(Label::NavSettings, lang)}</a>
                </p>
            }
            .into_any()
        } else {
            view! { <p id="merge-who">{t(Label::MergingAs, lang)}{colon(lang)}<bdi>{user}</bdi>" · "<bdi>{device}</bdi></p> }.into_any()
        }
    };

    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::MergeTitle, lang.get())}</h1>
        <p id="merge-hint">{move || t(Label::MergeHint, lang.get())}</p>
        {who}
        {done_view}
        <div class="file-picker">
            <input type="file" id="merge-file" class="visually-hidden" accept=".json,application/json" aria-describedby="merge-hint" on:change=on_file />
            <label for="merge-file" class="button">{move || t(Label::ChooseFile, lang.get())}</label>
            <span class="file-name">{move || file_name.get()}</span>
        </div>
        {error_view}
        {move || prepared.get().map(|file| view! { <Preview state file choose choose_all apply /> })}
    }
}

/// The summary, the lists and the conflicts of a prepared merge.
#[component]
fn Preview(
    state: AppState,
    file: Prepared,
    choose: Callback<(usize, Choice)>,
    choose_all: Callback<Choice>,
    apply: Callback<()>,
) -> impl IntoView {
    let lang = state.lang.get_untracked();
    let Prepared { incoming, plan, migrated_from } = file;
    let summary = plan.summary();
    let name = |record: RecordRef| {
        let here = state.dataset.with_untracked(|d| record_name(d, record, lang));
        if here.is_empty() { record_name(&incoming, record, lang) } else { here }
    };
    let listed = |outcome: Outcome| -> Vec<(RecordRef, String, Vec<String>)> {
        plan.records()
            .iter()
            .filter(|r| r.outcome == outcome)
            .map(|r| (r.record, name(r.record), r.changes.iter().map(|c| field_label(&c.field, lang)).collect()))
            .collect()
    };
    let group = move |id: &'static str, label: Label, count: usize, items: Vec<(RecordRef, String, Vec<String>)>| {
        view! {
            <div class="diff-group" id=id>
                <h3>{t(label, lang)}{colon(lang)}<span class="count">{count}</span></h3>
                {(!items.is_empty()).then(|| view! {
                    <ul>{items.into_iter().map(|(record, name, fields)| view! {
                        <li data-id=record.id.to_string()><bdi>{name}</bdi>
                            {(!fields.is_empty()).then(|| format!(" ({})", fields.join(", ")))}
                        </li>
                    }).collect_view()}</ul>
                })}
            </div>
        }
    };
    let added = group("merge-added", Label::Added, summary.added, listed(Outcome::Added));
    let updated = group("merge-updated", Label::Changed, summary.updated, listed(Outcome::Updated));
    let deleted = group("merge-deleted", Label::Deleted, summary.deleted, listed(Outcome::Deleted));
    let restored = group("merge-restored", Label::Restored, summary.restored, listed(Outcome::Restored));
    let unchanged = listed(Outcome::Unchanged);
    let reference: Vec<String> = plan.reference().added.iter().cloned().chain(plan.reference().changes.iter().map(|c| field_label(&c.field, lang))).collect();
    let conflicts: Vec<_> = plan
        .conflicts()
        .iter()
        .map(|c| {
            let (title, ours_by, theirs_by) = match c.target {
                Target::Record(record) => (
                    name(record),
                    state.dataset.with_untracked(|d| last_writer(d, record, &c.field)).map(|w| byline(&w)),
                    last_writer(&incoming, record, &c.field).map(|w| byline(&w)),
                ),
                Target::Reference => (t(Label::ReferenceChanges, lang).to_owned(), None, None),
            };
            conflict_view(lang, c, title, ours_by, theirs_by, choose)
        })
        .collect();
    let unresolved = summary.unresolved;
    view! {
        <section class="preview" id="merge-preview" aria-labelledby="merge-summary-title">
            <h2 id="merge-summary-title">{t(Label::MergeSummary, lang)}</h2>
            {migrated_from.map(|v| view! { <p>{t(Label::MigratedFrom, lang)}" "{v}</p> })}
            {plan.is_empty().then(|| view! { <p id="nothing-to-merge">{t(Label::NothingToMerge, lang)}</p> })}
            {added}
            {updated}
            {deleted}
            {restored}
            <div class="diff-group" id="merge-conflicts-count">
                <h3>{t(Label::Conflicts, lang)}{colon(lang)}<span class="count">{summary.conflicts}</span></h3>
            </div>
            <details class="diff-group" id="merge-unchanged">
                <summary>{t(Label::Unchanged, lang)}{colon(lang)}<span class="count">{summary.unchanged}</span></summary>
                <ul>{unchanged.into_iter().map(|(_, name, _)| view! { <li><bdi>{name}</bdi></li> }).collect_view()}</ul>
            </details>
            <p id="merge-reference">{t(Label::ReferenceChanges, lang)}{colon(lang)}{summary.reference_changes}
                {(!reference.is_empty()).then(|| format!(" ({})", reference.join(", ")))}
            </p>
        </section>
        {(!conflicts.is_empty()).then(|| view! {
            <section id="merge-conflicts" aria-labelledby="merge-conflicts-title">
                <h2 id="merge-conflicts-title">{t(Label::Conflicts, lang)}</h2>
                <p>{t(Label::ConflictsHint, lang)}</p>
                <div class="actions">
                    <button type="button" id="keep-all-ours" on:click=move |_| choose_all.run(Choice::Ours)>{t(Label::KeepAllOurs, lang)}</button>
                    <button type="button" id="keep-all-theirs" on:click=move |_| choose_all.run(Choice::Theirs)>{t(Label::KeepAllTheirs, lang)}</button>
                </div>
                {conflicts}
            </section>
        })}
        <div class="actions">
            {(unresolved > 0).then(|| view! { <p id="merge-unresolved">{t(Label::ConflictsLeft, lang)}{colon(lang)}{unresolved}</p> })}
            <button type="button" class="primary" id="apply-merge" disabled={unresolved > 0} on:click=move |_| apply.run(())>{t(Label::ApplyMerge, lang)}</button>
        </div>
    }
}

/// One conflict: what both devices did, both values side by side with who wrote them, and the
/// choice.
fn conflict_view(lang: Lang, conflict: &Conflict, title: String, ours_by: Option<String>, theirs_by: Option<String>, choose: Callback<(usize, Choice)>) -> impl IntoView + use<> {
    let id = conflict.id;
    let chosen = conflict.choice;
    let side = move |choice: Choice, label: Label, value: String, by: Option<String>| {
        let key = match choice {
            Choice::Ours => "ours",
            Choice::Theirs => "theirs",
        };
        let input_id = format!("conflict-{id}-{key}");
        view! {
            <label class=format!("side {key}")>
                <input type="radio" name=format!("conflict-{id}") id=input_id checked={chosen == Some(choice)} on:change=move |_| choose.run((id, choice)) />
                <span class="side-title">{t(label, lang)}</span>
                <span class="value"><bdi>{value}</bdi></span>
                {by.map(|by| view! { <span class="by muted"><bdi>{by}</bdi></span> })}
            </label>
        }
    };
    view! {
        <fieldset class="conflict" id=format!("conflict-{id}") data-field=conflict.field.clone()>
            <legend><bdi>{title}</bdi>" — "{field_label(&conflict.field, lang)}</legend>
            <p class="muted">{conflict.message(lang)}</p>
            <div class="sides">
                {side(Choice::Ours, Label::ThisDevice, show_value(&conflict.ours, lang), ours_by)}
                {side(Choice::Theirs, Label::OtherDevice, show_value(&conflict.theirs, lang), theirs_by)}
            </div>
        </fieldset>
    }
}
