//! The export button: offers the data in memory as a file, then asks whether the file was
//! saved, because a browser never tells a page whether a download was kept or cancelled. Only
//! a "yes" moves the date of the last export; a failed or cancelled export leaves it as it was.

use leptos::prelude::*;
use taawun_core::record::Timestamp;

use super::{Write, Written, write};
use crate::i18n::{Label, t};
use crate::state::AppState;
use crate::storage::health;

/// Where the export stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Idle,
    /// The file was handed to the browser: was it saved?
    Asking,
    /// The browser could not be handed the file.
    Failed(String),
}

/// Where an export button stands, held by whoever shows the button when the button may be
/// built again while an export is pending: a banner rebuilt when the records finish reading,
/// the language changes or a save fails again would otherwise lose the question "was the file
/// saved?", and with it the only way the date of the last export moves.
#[derive(Clone, Copy)]
pub struct ExportProgress(RwSignal<Step>);

impl ExportProgress {
    pub fn new() -> ExportProgress {
        ExportProgress(RwSignal::new(Step::Idle))
    }
}

/// Exports the data now; `id` names the button for tests and labels; `progress`, when given,
/// outlives the button.
#[component]
pub fn ExportButton(state: AppState, #[prop(into)] id: String, #[prop(optional)] progress: Option<ExportProgress>) -> impl IntoView {
    let lang = state.lang;
    let step = progress.unwrap_or_else(ExportProgress::new).0;
    // The export is written by the writing part: at once when it is here, otherwise once it
    // has arrived (the browser still takes the file, outside the click). A pointer pressed on the
    // button, or the keyboard's focus on it, fetches the part already, so that the click usually
    // finds it here.
    let bring = move || {
        crate::lazy::run(async move {
            let _ = write(state, Write::Ready).await;
        })
    };
    let export = move |_| {
        crate::lazy::run(async move {
            match write(state, Write::Export).await {
                Ok(Written::Offered(Ok(()))) => step.try_set(Step::Asking),
                Ok(Written::Offered(Err(error))) => step.try_set(Step::Failed(error.0)),
                Ok(_) | Err(_) => step.try_set(Step::Failed(t(Label::WriterUnavailable, lang.get_untracked()).to_owned())),
            };
        })
    };
    let confirm = move |_| {
        let mut record = state.safety.exports.get_untracked();
        record.last_export = Timestamp::from_millis(js_sys::Date::now() as i64);
        // The record is a reminder: if it can't be stored, the export itself still happened.
        let _ = health::save_export_record(&record);
        state.safety.exports.set(record);
        step.set(Step::Idle);
    };
    let question_id = format!("{id}-question");
    view! {
        <span class="export">
            <button type="button" id=id.clone() class="export-button" on:pointerdown=move |_| bring() on:focus=move |_| bring() on:click=export>{move || t(Label::ExportNow, lang.get())}</button>
            {move || match step.get() {
                Step::Idle => None,
                Step::Asking => Some(view! {
                    <span class="export-question" role="group" id=question_id.clone()>
                        {t(Label::ExportSavedQuestion, lang.get())}" "
                        <button type="button" class="export-saved" on:click=confirm>{t(Label::ExportSavedYes, lang.get())}</button>
                        <button type="button" class="export-not-saved" on:click=move |_| step.set(Step::Idle)>{t(Label::ExportSavedNo, lang.get())}</button>
                    </span>
                }.into_any()),
                // What the browser said stays in the title, for whoever helps the user.
                Step::Failed(why) => Some(view! {
                    <span class="export-failed" role="alert" title=why>{t(Label::ExportFailed, lang.get())}</span>
                }.into_any()),
            }}
        </span>
    }
}
