//! Merge (`#/merge`): brings another device's exported file into this device's data. Core reads
//! the file and prepares the merge (`merge::plan`): what is added, updated, deleted, restored,
//! what conflicts and what stays; each conflict is settled field by field with both values side
//! by side; only Apply writes anything (`AppState::merge`), and the undo banner can take it back.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::document::ImportError;
use taawun_core::history::{Names, field_label};
use taawun_core::merge::{self, Choice, Conflict, MergePlan, Outcome, Target};
use taawun_core::record::RecordRef;
use taawun_core::story::photo::Photo;
use taawun_core::text::Localised;
use wasm_bindgen::JsCast;

use crate::charts::tree::{Fragment, Markup};
use crate::components::colon;
use crate::components::history::{byline, last_reference_writer, last_writer};
use crate::components::who::NameYourself;
use crate::i18n::{Label, t};
use crate::pages::data::record_name;
use crate::state::{AppState, MergeRefused};

/// A file read by core and the merge it would make, waiting for the user's choices.
#[derive(Clone)]
struct Prepared {
    incoming: Dataset,
    plan: MergePlan,
    migrated_from: Option<u32>,
    /// The stories' photos the file carries, stored before the merge writes anything.
    photos: Vec<Photo>,
}

/// What the last Apply did.
#[derive(Clone)]
enum Done {
    Merged {
        written: usize,
        new_findings: usize,
    },
    Refused(MergeRefused),
    /// The file's photos do not fit in this browser's storage: nothing was merged.
    PhotosNoRoom,
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
        let chosen = move |name| {
            file_name.set(name);
            done.set(None);
        };
        crate::upload::import_chosen(&ev, chosen, move |outcome| match outcome {
            Ok(imported) => {
                let plan = state.dataset.with_untracked(|current| merge::plan(current, &imported.dataset));
                file_error.set(None);
                prepared.set(Some(Prepared { incoming: imported.dataset, plan, migrated_from: imported.migrated_from, photos: imported.photos }));
            }
            Err(error) => {
                prepared.set(None);
                file_error.set(Some(error));
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
    let choose_all = Callback::new(move |choice: Choice| {
        prepared.update(|p| {
            if let Some(p) = p {
                p.plan.resolve_all(choice)
            }
        })
    });
    let apply = Callback::new(move |()| {
        // The merge is recorded under both names: never without them.
        let Some(file) = prepared.get_untracked().filter(|_| state.is_named()) else { return };
        // The photos first, as an import does: a merged story must find its photos here, and
        // when they don't fit nothing is merged.
        let Ok(new_photos) = crate::storage::photos::save_all(&file.photos) else {
            done.set(Some(Done::PhotosNoRoom));
            return;
        };
        match state.merge(&file.plan) {
            Ok(report) => {
                prepared.set(None);
                file_name.set(String::new());
                done.set(Some(Done::Merged { written: report.written.len(), new_findings: report.new_findings.len() }));
            }
            Err(error) => {
                crate::storage::photos::remove_all(&new_photos);
                done.set(Some(Done::Refused(error)));
            }
        }
    });

    let error_view = move || {
        let lang = lang.get();
        file_error.get().map(|error| {
            let lines: Vec<String> = error.field_errors().iter().map(ToString::to_string).collect();
            view! {
                <div class="banner" role="alert" id="merge-error">
                    <p>{error.message_when_merging(lang)}</p>
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
            Done::PhotosNoRoom => view! { <p class="banner" role="alert" id="merge-photos-refused">{t(Label::MergePhotosNoRoom, lang)}</p> }.into_any(),
        })
    };
    let preview: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang = lang.get();
        prepared.with(|file| file.as_ref().map_or_else(Markup::new, |file| preview_markup(state, file, lang)))
    });
    // Who merges, on which device: asked for here when unknown, since the merge is recorded
    // under both names.
    let who = move || {
        let lang = lang.get();
        state.is_named().then(|| {
            view! { <p id="merge-who">{t(Label::MergingAs, lang)}{colon(lang)}<bdi>{state.user.get()}</bdi>" · "<bdi>{state.device_name.get()}</bdi></p> }
        })
    };
    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::MergeTitle, lang.get())}</h1>
        <p id="merge-hint">{move || t(Label::MergeHint, lang.get())}</p>
        <NameYourself state />
        {who}
        {done_view}
        <div class="file-picker">
            <input type="file" id="merge-file" class="visually-hidden" accept=".json,application/json" aria-describedby="merge-hint" on:change=on_file />
            <label for="merge-file" class="button">{move || t(Label::ChooseFile, lang.get())}</label>
            <span class="file-name">{move || file_name.get()}</span>
        </div>
        {error_view}
        <div on:change=move |ev| {
            if let Some((id, choice)) = picked(&ev) {
                choose.run((id, choice));
            }
        }>
            <Fragment id="merge-plan" content=preview />
        </div>
        {move || prepared.get().map(|file| {
            let summary = file.plan.summary();
            let lang = lang.get();
            view! {
                <div class="actions" id="merge-actions">
                    {(summary.conflicts > 0).then(|| view! {
                        <button type="button" id="keep-all-ours" on:click=move |_| choose_all.run(Choice::Ours)>{t(Label::KeepAllOurs, lang)}</button>
                        <button type="button" id="keep-all-theirs" on:click=move |_| choose_all.run(Choice::Theirs)>{t(Label::KeepAllTheirs, lang)}</button>
                    })}
                    <p id="merge-unresolved">{t(Label::ConflictsLeft, lang)}{colon(lang)}{summary.unresolved}</p>
                    {(!state.is_named()).then(|| view! { <p class="muted" id="merge-needs-names">{t(Label::MergeNeedsNames, lang)}</p> })}
                    <button type="button" class="primary" id="apply-merge" disabled={summary.unresolved > 0 || !state.is_named()} on:click=move |_| apply.run(())>{t(Label::ApplyMerge, lang)}</button>
                </div>
            }
        })}
    }
}

/// The summary, the lists and the conflicts of a prepared merge, written as a [`Markup`]
/// fragment (typed views for every list and conflict would weigh on the start download); a
/// choice is read from the radio button that changed (`data-conflict`, `data-choice`).
fn preview_markup(state: AppState, file: &Prepared, lang: Lang) -> Markup {
    let Prepared { incoming, plan, migrated_from, photos } = file;
    let summary = plan.summary();
    let name = |record: RecordRef| {
        let here = state.dataset.with_untracked(|d| record_name(d, record, lang));
        if here.is_empty() { record_name(incoming, record, lang) } else { here }
    };
    let mut m = Markup::new();
    m.open("section").attr("class", "preview").attr("id", "merge-preview").attr("aria-labelledby", "merge-summary-title");
    m.open("h2").attr("id", "merge-summary-title").text(t(Label::MergeSummary, lang)).close();
    if let Some(version) = migrated_from {
        m.leaf("p", format!("{} {version}", t(Label::MigratedFrom, lang)));
    }
    if !photos.is_empty() {
        m.open("p").attr("id", "merge-photos").text(t(Label::PhotosInFile, lang)).text(colon(lang)).text_string(photos.len().to_string()).close();
    }
    if plan.is_empty() {
        m.open("p").attr("id", "nothing-to-merge").text(t(Label::NothingToMerge, lang)).close();
    }
    let groups = [
        ("merge-added", Label::Added, Outcome::Added, summary.added),
        ("merge-updated", Label::Changed, Outcome::Updated, summary.updated),
        ("merge-deleted", Label::Deleted, Outcome::Deleted, summary.deleted),
        ("merge-restored", Label::Restored, Outcome::Restored, summary.restored),
        ("merge-unchanged", Label::Unchanged, Outcome::Unchanged, summary.unchanged),
    ];
    for (id, label, outcome, count) in groups {
        // The unchanged records are many and say little: folded away.
        let folded = outcome == Outcome::Unchanged;
        m.open(if folded { "details" } else { "div" }).attr("class", "diff-group").attr("id", id);
        m.open(if folded { "summary" } else { "h3" }).text(t(label, lang)).text(colon(lang));
        m.open("span").attr("class", "count").text_string(count.to_string()).close().close();
        let records: Vec<_> = plan.records().iter().filter(|r| r.outcome == outcome).collect();
        if !records.is_empty() {
            m.open("ul");
            for record in records {
                let fields: Vec<String> = record.changes.iter().map(|c| field_label(&c.field, lang)).collect();
                m.open("li").attr_string("data-id", record.record.id.to_string());
                m.open("bdi").text_string(name(record.record)).close();
                if !fields.is_empty() {
                    m.text_string(format!(" ({})", fields.join(", ")));
                }
                m.close();
            }
            m.close();
        }
        m.close();
    }
    m.open("div").attr("class", "diff-group").attr("id", "merge-conflicts-count");
    m.open("h3").text(t(Label::Conflicts, lang)).text(colon(lang));
    m.open("span").attr("class", "count").text_string(summary.conflicts.to_string()).close().close();
    m.close();
    let reference: Vec<String> = plan.reference().added.iter().cloned().chain(plan.reference().changes.iter().map(|c| field_label(&c.field, lang))).collect();
    m.open("p").attr("id", "merge-reference").text(t(Label::ReferenceChanges, lang)).text(colon(lang)).text_string(summary.reference_changes.to_string());
    if !reference.is_empty() {
        m.text_string(format!(" ({})", reference.join(", ")));
    }
    m.close();
    m.close();

    if !plan.conflicts().is_empty() {
        m.open("section").attr("id", "merge-conflicts").attr("aria-labelledby", "merge-conflicts-title");
        m.open("h2").attr("id", "merge-conflicts-title").text(t(Label::Conflicts, lang)).close();
        m.open("p").text(t(Label::ConflictsHint, lang)).close();
        state.dataset.with_untracked(|current| {
            // Names of records either side holds, this device's first.
            let datasets = [current, incoming];
            let names = Names::new(&datasets);
            for conflict in plan.conflicts() {
                let (title, ours_by, theirs_by) = match conflict.target {
                    Target::Record(record) => (
                        name(record),
                        last_writer(current, record, &conflict.field).map(|w| byline(&w, lang)),
                        last_writer(incoming, record, &conflict.field).map(|w| byline(&w, lang)),
                    ),
                    Target::Reference => (
                        t(Label::ReferenceChanges, lang).to_owned(),
                        last_reference_writer(current, &conflict.field).map(|w| byline(&w, lang)),
                        last_reference_writer(incoming, &conflict.field).map(|w| byline(&w, lang)),
                    ),
                };
                conflict_markup(&mut m, lang, conflict, names, title, ours_by, theirs_by);
            }
        });
        m.close();
    }
    m
}

/// One conflict: what both devices did, both values side by side with who last wrote them, and
/// the choice.
fn conflict_markup(m: &mut Markup, lang: Lang, conflict: &Conflict, names: Names<'_>, title: String, ours_by: Option<String>, theirs_by: Option<String>) {
    let id = conflict.id;
    m.open("fieldset").attr("class", "conflict").attr_string("id", format!("conflict-{id}")).attr_string("data-field", conflict.field.clone());
    m.open("legend").open("bdi").text_string(title).close().text(" — ").text_string(field_label(&conflict.field, lang)).close();
    m.open("p").attr("class", "muted").text_string(conflict.message(lang)).close();
    m.open("div").attr("class", "sides");
    let sides = [(Choice::Ours, "ours", Label::ThisDevice, ours_by), (Choice::Theirs, "theirs", Label::OtherDevice, theirs_by)];
    for (choice, key, label, by) in sides {
        m.open("label").attr_string("class", format!("side {key}"));
        m.open("input")
            .attr("type", "radio")
            .attr_string("name", format!("conflict-{id}"))
            .attr_string("id", format!("conflict-{id}-{key}"))
            .attr_string("data-conflict", id.to_string())
            .attr("data-choice", key);
        if conflict.choice == Some(choice) {
            m.attr("checked", "");
        }
        m.close();
        m.open("span").attr("class", "side-title").text(t(label, lang)).close();
        m.open("span").attr("class", "value").open("bdi").text_string(conflict.show(choice, names, lang)).close().close();
        if let Some(by) = by {
            m.open("span").attr("class", "by muted").open("bdi").text_string(by).close().close();
        }
        m.close();
    }
    m.close();
    m.close();
}

/// The conflict and choice a changed radio button stands for.
fn picked(ev: &leptos::ev::Event) -> Option<(usize, Choice)> {
    let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let id = element.get_attribute("data-conflict")?.parse().ok()?;
    let choice = match element.get_attribute("data-choice")?.as_str() {
        "ours" => Choice::Ours,
        "theirs" => Choice::Theirs,
        _ => return None,
    };
    Some((id, choice))
}
