//! The screen shown instead of the app when the stored data can't be read or comes from a newer
//! version: it names the problem and where it is, offers the stored text as a download, and
//! writes nothing until the user decides (starting anew is offered only for damaged data, never
//! for a newer version's).

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::reference::ReferenceData;
use taawun_core::text::Localised;

use super::offer_raw;
use crate::i18n::{Label, t};
use crate::state::AppState;
use crate::storage::{self, LoadProblem};

/// Each problem found, as "where: what" lines for the screen.
fn details(problem: &LoadProblem, lang: Lang) -> (String, Vec<(String, String)>) {
    match problem {
        LoadProblem::Unavailable => (t(Label::StorageUnavailable, lang).to_owned(), Vec::new()),
        LoadProblem::Layout { error, .. } => (t(Label::RecoveryDamaged, lang).to_owned(), vec![(String::new(), error.to_string())]),
        LoadProblem::Document { error, .. } => {
            let lines = error.field_errors().iter().map(|e| (e.path.to_string(), e.message.clone())).collect::<Vec<_>>();
            let lines = if lines.is_empty() { vec![(String::new(), error.to_string())] } else { lines };
            (error.message(lang), lines)
        }
        LoadProblem::Newer { .. } => (t(Label::NewerExplain, lang).to_owned(), Vec::new()),
        LoadProblem::ReaderUnavailable { .. } => (t(Label::ReaderUnavailable, lang).to_owned(), Vec::new()),
    }
}

/// The recovery (or read-only) screen for `problem`.
#[component]
pub fn Recovery(state: AppState, problem: LoadProblem) -> impl IntoView {
    let lang = state.lang;
    // Data that is newer, or that this device cannot read yet, is never offered to be replaced.
    let newer = matches!(problem, LoadProblem::Newer { .. } | LoadProblem::ReaderUnavailable { .. });
    let title = if newer { Label::NewerTitle } else { Label::RecoveryTitle };
    let raw = problem.raw().cloned();
    let confirmed = RwSignal::new(false);
    let for_details = problem.clone();
    let start_anew = move |_| {
        if !confirmed.get_untracked() {
            return;
        }
        storage::release();
        state.start.set(crate::state::Start::Loaded);
        state.replace(Dataset::new(ReferenceData::builtin()));
    };
    view! {
        <section class="recovery" id="recovery" data-kind=if newer { "newer" } else { "unreadable" }>
            <h1 id="page-title" tabindex="-1">{move || t(title, lang.get())}</h1>
            {move || {
                let (summary, lines) = details(&for_details, lang.get());
                view! {
                    <p id="recovery-summary">{summary}</p>
                    {(!lines.is_empty()).then(|| view! {
                        <ul id="recovery-details">
                            {lines.into_iter().map(|(path, message)| view! {
                                <li>
                                    {(!path.is_empty()).then(|| view! { <code class="path" dir="ltr">{path}</code>": " })}
                                    <span dir="ltr">{message}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                }
            }}
            {(!newer).then(|| view! { <p>{move || t(Label::RecoveryExplain, lang.get())}</p> })}
            <div class="actions">
                {raw.map(|raw| view! {
                    <button type="button" id="download-stored" class="primary" on:click=move |_| { let _ = offer_raw(&raw); }>
                        {move || t(Label::DownloadStored, lang.get())}
                    </button>
                })}
            </div>
            {(!newer).then(|| view! {
                <div class="start-anew">
                    <label>
                        <input type="checkbox" id="start-anew-confirm" prop:checked=move || confirmed.get()
                            on:change=move |ev| confirmed.set(event_target_checked(&ev)) />
                        {move || t(Label::StartAnewConfirm, lang.get())}
                    </label>
                    <button type="button" id="start-anew" disabled=move || !confirmed.get() on:click=start_anew>
                        {move || t(Label::StartAnew, lang.get())}
                    </button>
                </div>
            })}
        </section>
    }
}
