//! A meeting's attendance sheet for printing (`#/meetings/<id>/attendance`): the meeting's title,
//! when and where, the turnout, and one row per check-in (name, people, women, a column to
//! sign), printed through the browser's print dialog with the report's print stylesheet.
//! The rows and the turnout are core's (`meeting::attendance_sheet`, `Meeting::turnout`).

use leptos::prelude::*;
use taawun_core::id::Id;
use taawun_core::meeting::{MeetingReport, attendance_sheet};
use taawun_core::text;

use crate::i18n::{Label, t};
use crate::state::AppState;

/// The attendance sheet page.
#[component]
pub fn AttendanceSheet(state: AppState, id: Id) -> impl IntoView {
    let lang = state.lang;
    move || {
        let lang_now = lang.get();
        let found = state.dataset.with(|d| {
            let meeting = d.meetings().get(id).filter(|r| r.is_live())?;
            let report = MeetingReport::build(&meeting.data, d, lang_now, false);
            let turnout = report.sections.iter().find(|s| s.key == "attendance").and_then(|s| s.lines.first().cloned()).unwrap_or_default();
            Some((report.title, report.when_and_where, turnout, attendance_sheet(&meeting.data, d, lang_now)))
        });
        let Some((title, when, turnout, rows)) = found else {
            return view! { <h1 id="page-title" tabindex="-1">{t(Label::PageNotFound, lang_now)}</h1> }.into_any();
        };
        view! {
            <div class="actions no-print">
                <button type="button" class="primary" id="sheet-print" on:click=move |_| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }>{t(Label::Print, lang_now)}</button>
            </div>
            <article class="report attendance-sheet" id="attendance-sheet">
                <p class="report-issuer">{t(Label::ReportIssuer, lang_now)}</p>
                <h1 id="page-title" tabindex="-1"><bdi>{title}</bdi></h1>
                <p class="meta"><bdi>{when}</bdi></p>
                <p id="sheet-turnout">{turnout}</p>
                <table class="data-table sheet" id="sheet-table">
                    <caption>{t(Label::AttendanceSheet, lang_now)}</caption>
                    <thead><tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{t(Label::Cooperative, lang_now)}</th>
                        <th scope="col" class="num">{t(Label::SheetPeople, lang_now)}</th>
                        <th scope="col" class="num">{t(Label::SheetWomen, lang_now)}</th>
                        <th scope="col" class="signature">{t(Label::SheetSignature, lang_now)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(index, row)| view! {
                            <tr class=if row.walk_in { "walk-in" } else { "" }>
                                <td>{text::integer(index as u64 + 1, lang_now)}</td>
                                <th scope="row"><bdi>{row.name}</bdi></th>
                                <td class="num">{text::integer(u64::from(row.people), lang_now)}</td>
                                <td class="num">{text::integer(u64::from(row.women), lang_now)}</td>
                                <td class="signature"></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </article>
        }
        .into_any()
    }
}
