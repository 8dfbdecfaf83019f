//! The list of meetings with cooperatives, latest first, each with its turnout as core words it.

use leptos::prelude::*;
use taawun_core::text::{self, Localised};

use crate::i18n::{Label, t};
use crate::route::Route;
use crate::state::AppState;

/// The meetings page.
#[component]
pub fn Meetings(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let rows = move || {
        let lang = lang.get();
        state.dataset.with(|d| {
            let mut rows: Vec<_> = d
                .meetings()
                .live()
                .map(|r| (r.data.date, r.id, r.data.title(lang).to_owned(), r.data.place.clone(), r.data.turnout(d).message(lang)))
                .collect();
            rows.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)));
            rows
        })
    };
    view! {
        <div class="page-head">
            <h1 id="page-title" tabindex="-1">{move || t(Label::MeetingsTitle, lang.get())}</h1>
            <div class="actions">
                <a class="button primary" id="new-meeting" href=Route::NewMeeting.href()>{move || t(Label::NewMeeting, lang.get())}</a>
            </div>
        </div>
        {move || {
            let lang_now = lang.get();
            let rows = rows();
            if rows.is_empty() {
                return view! { <p class="muted">{t(Label::NoMeetings, lang_now)}</p> }.into_any();
            }
            view! {
                <ul class="cards" id="meetings">
                    {rows.into_iter().map(|(date, id, title, place, turnout)| view! {
                        <li class="card">
                            <a href=Route::Meeting(id).href()><bdi>{title}</bdi></a>
                            <p>{text::date(date, lang_now)}" — "<bdi>{place}</bdi></p>
                            <p class="muted">{turnout}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}
