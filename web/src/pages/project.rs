//! One project: its page (funding, disbursements, status, findings) and its form.

use leptos::prelude::*;
use taawun_core::id::Id;

use crate::i18n::{Label, t};
use crate::state::AppState;

/// A project's page.
#[component]
pub fn ProjectPage(state: AppState, id: Id) -> impl IntoView {
    let _ = id;
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::Project, state.lang.get())}</h1> }
}

/// The form creating (`id` = `None`, optionally for `cooperative`) or editing a project.
#[component]
pub fn ProjectForm(state: AppState, id: Option<Id>, cooperative: Option<Id>) -> impl IntoView {
    let _ = (id, cooperative);
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::NewProjectTitle, state.lang.get())}</h1> }
}
