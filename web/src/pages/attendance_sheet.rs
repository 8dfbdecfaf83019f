//! A meeting's attendance sheet for printing (`#/meetings/<id>/attendance`): the meeting's title,
//! when and where, the turnout, and one row per check-in (name, people, women, a column to
//! sign), printed through the browser's print dialog with the report's print stylesheet.
//! The rows and the turnout are core's (`meeting::attendance_sheet`, `MeetingReport`). Written
//! as a flat fragment (`charts::tree::Markup`), like the report.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::id::Id;
use taawun_core::meeting::{MeetingReport, attendance_sheet};
use taawun_core::text;
use wasm_bindgen::JsCast;

use crate::charts::tree::{Fragment, Markup};
use crate::i18n::{Label, t};
use crate::state::AppState;

/// The attendance sheet page.
#[component]
pub fn AttendanceSheet(state: AppState, id: Id) -> impl IntoView {
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang = state.lang.get();
        let mut m = Markup::new();
        state.dataset.with(|d| page(&mut m, d, id, lang));
        m
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let is_print = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.id() == "sheet-print");
        if is_print && let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! { <div on:click=on_click><Fragment id="sheet-page" content /></div> }
}

fn page(m: &mut Markup, dataset: &Dataset, id: Id, lang: Lang) {
    let Some(meeting) = dataset.meetings().get(id).filter(|r| r.is_live()) else {
        m.open("h1").attr("id", "page-title").attr("tabindex", "-1").text(t(Label::PageNotFound, lang)).close();
        return;
    };
    let report = MeetingReport::build(&meeting.data, dataset, lang, false);
    let turnout = report.sections.iter().find(|s| s.key == "attendance").and_then(|s| s.lines.first().cloned()).unwrap_or_default();
    m.open("div").attr("class", "actions no-print");
    m.open("button").attr("type", "button").attr("class", "primary").attr("id", "sheet-print").text(t(Label::Print, lang)).close().close();
    m.open("article").attr("class", "report attendance-sheet").attr("id", "attendance-sheet");
    m.open("p").attr("class", "report-issuer").text(t(Label::ReportIssuer, lang)).close();
    m.open("h1").attr("id", "page-title").attr("tabindex", "-1").leaf("bdi", report.title).close();
    m.open("p").attr("class", "meta").leaf("bdi", report.when_and_where).close();
    m.open("p").attr("id", "sheet-turnout").text_string(turnout).close();
    m.open("table").attr("class", "data-table sheet").attr("id", "sheet-table");
    m.open("caption").text(t(Label::AttendanceSheet, lang)).close();
    m.open("thead").open("tr");
    m.open("th").attr("scope", "col").text("#").close();
    for (label, class) in [(Label::Cooperative, ""), (Label::SheetPeople, "num"), (Label::SheetWomen, "num"), (Label::SheetSignature, "signature")] {
        m.open("th").attr("scope", "col").attr("class", class).text(t(label, lang)).close();
    }
    m.close().close().open("tbody");
    for (index, row) in attendance_sheet(&meeting.data, dataset, lang).into_iter().enumerate() {
        m.open("tr").attr("class", if row.walk_in { "walk-in" } else { "attendee" });
        m.leaf("td", text::integer(index as u64 + 1, lang));
        m.open("th").attr("scope", "row").leaf("bdi", row.name).close();
        m.open("td").attr("class", "num").text_string(text::integer(u64::from(row.people), lang)).close();
        m.open("td").attr("class", "num").text_string(text::integer(u64::from(row.women), lang)).close();
        m.open("td").attr("class", "signature").close();
        m.close();
    }
    m.close().close().close();
}
