//! One cooperative: its page (details, projects, disbursements, findings) and its form.

use leptos::prelude::*;
use taawun_core::id::Id;

use crate::i18n::{Label, t};
use crate::state::AppState;

/// A cooperative's page.
#[component]
pub fn CooperativePage(state: AppState, id: Id) -> impl IntoView {
    let _ = id;
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::Cooperative, state.lang.get())}</h1> }
}

/// The form creating (`id` = `None`) or editing a cooperative.
#[component]
pub fn CooperativeForm(state: AppState, id: Option<Id>) -> impl IntoView {
    let _ = id;
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::NewCooperativeTitle, state.lang.get())}</h1> }
}
