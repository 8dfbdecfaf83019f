//! The settings page.

use leptos::prelude::*;

use crate::i18n::{Label, t};

use crate::state::AppState;

/// The settings page.
#[component]
pub fn Settings(state: AppState) -> impl IntoView {
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::SettingsTitle, state.lang.get())}</h1> }
}
