//! The cooperatives page.

use leptos::prelude::*;

use crate::i18n::{Label, t};
use crate::route::Location;
use crate::state::AppState;

/// The cooperatives page.
#[component]
pub fn Cooperatives(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::CooperativesTitle, state.lang.get())}</h1> }
}
