//! The projects page.

use leptos::prelude::*;

use crate::i18n::{Label, t};
use crate::route::Location;
use crate::state::AppState;

/// The projects page.
#[component]
pub fn Projects(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::ProjectsTitle, state.lang.get())}</h1> }
}
