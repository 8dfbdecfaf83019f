//! The list of meetings with cooperatives, latest first, each with its turnout as core words it.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::text::{self, Localised};

use crate::charts::tree::{Fragment, Markup};
use crate::i18n::{Label, t};
use crate::pages::list::sorted_by_key;
use crate::route::Route;
use crate::state::AppState;

/// The meetings page.
#[component]
pub fn Meetings(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let rows = move || {
        let lang = lang.get();
        state.dataset.with(|d| {
            let rows: Vec<_> = d
                .meetings()
                .live()
                .map(|r| (r.data.date, r.id, r.data.title(lang).to_owned(), r.data.place.clone(), r.data.turnout(d).message(lang)))
                .collect();
            // Latest first: the earliest-first order of a fixed-width key, reversed.
            let mut rows = sorted_by_key(rows, |r| format!("{:011}{}", i64::from(r.0.days_since_epoch()) + (1 << 32), r.1));
            rows.reverse();
            rows
        })
    };
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let rows = rows();
        let mut out = Markup::new();
        if rows.is_empty() {
            out.open("p").attr("class", "muted").text(t(Label::NoMeetings, lang_now)).close();
            return out;
        }
        out.open("ul").attr("class", "cards").attr("id", "meetings");
        for (date, id, title, place, turnout) in rows {
            out.open("li").attr("class", "card");
            out.open("a").attr_string("href", Route::Meeting(id).href()).leaf("bdi", title).close();
            out.open("p").text_string(text::date(date, lang_now)).text(" — ").leaf("bdi", place).close();
            out.open("p").attr("class", "muted").text_string(turnout).close();
            out.close();
        }
        out.close();
        out
    });
    view! {
        <div class="page-head">
            <h1 id="page-title" tabindex="-1">{move || t(Label::MeetingsTitle, lang.get())}</h1>
            <div class="actions">
                <a class="button primary" id="new-meeting" href=Route::NewMeeting.href()>{move || t(Label::NewMeeting, lang.get())}</a>
            </div>
        </div>
        <Fragment id="meetings-host" content />
    }
}
