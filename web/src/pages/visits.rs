//! Follow-up visits (accompaniment, مواكبة): the lists the follow-up works from (visits overdue,
//! cooperatives never visited, both from core's `visit` module with today's date passed in), the
//! visit form, and a cooperative's visit history shown on its page.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::dataset::Edit;
use taawun_core::date::Date;
use taawun_core::fold;
use taawun_core::history::Names;
use taawun_core::id::Id;
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::text;
use taawun_core::visit::{self, ObservedState, Visit};

use crate::charts::tree::{Fragment, Markup};
use crate::components::fields::{Choice, Kind, SelectField, TextField};
use crate::components::{Problem, ProblemSummary, Problems, focus, label_problem, unreadable};
use crate::i18n::{Label, t};
use crate::pages::list::sorted_by_key;
use crate::pages::meeting::cooperative_choices;
use crate::route::{self, Route};
use crate::state::AppState;

/// Today in the browser's time zone; `None` if the browser's clock gives no valid date.
pub fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    let (year, month, day) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
}

fn state_code(state: ObservedState) -> &'static str {
    match state {
        ObservedState::Active => "active",
        ObservedState::InDifficulty => "in_difficulty",
        ObservedState::Dormant => "dormant",
    }
}

/// The follow-up page: overdue visits, then cooperatives never visited.
#[component]
pub fn Visits(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let today = today();
    let overdue: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        let rows: Vec<(Id, String, String, i32)> = state.dataset.with(|d| {
            today
                .map(|today| visit::overdue(d, today))
                .unwrap_or_default()
                .into_iter()
                .map(|o| {
                    let name = d.cooperatives().get(o.cooperative).map(|c| c.data.name(lang_now).to_owned()).unwrap_or_default();
                    (o.cooperative, name, text::date(o.due_on, lang_now), o.days_late)
                })
                .collect()
        });
        if rows.is_empty() {
            out.open("p").attr("class", "muted").attr("id", "overdue-visits").text(t(Label::NothingYet, lang_now)).close();
            return out;
        }
        out.open("div").attr("class", "table-wrap").open("table").attr("id", "overdue-visits").open("thead").open("tr");
        for label in [Label::Cooperative, Label::NextVisitOn, Label::DaysLate] {
            out.open("th").attr("scope", "col").text(t(label, lang_now)).close();
        }
        out.open("th").attr("scope", "col").close().close().close().open("tbody");
        for (id, name, due, late) in rows {
            out.open("tr").attr_string("data-id", id.to_string());
            out.open("td").open("a").attr_string("href", Route::Cooperative(id).href()).leaf("bdi", name).close().close();
            out.leaf("td", due);
            out.open("td").attr("class", "num").text_string(text::integer(late.max(0) as u64, lang_now)).close();
            out.open("td")
                .open("a")
                .attr("class", "button small record-visit")
                .attr_string("href", Route::NewVisit.href_with(&[("cooperative", id.to_string())]));
            out.text(t(Label::RecordVisit, lang_now)).close().close();
            out.close();
        }
        out.close().close().close();
        out
    });
    let never: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        let rows: Vec<(Id, String)> = state
            .dataset
            .with(|d| visit::never_visited(d).into_iter().filter_map(|id| d.cooperatives().get(id).map(|c| (id, c.data.name(lang_now).to_owned()))).collect());
        let rows = sorted_by_key(rows, |r| fold::sort_key(&r.1));
        if rows.is_empty() {
            out.open("p").attr("class", "muted").attr("id", "never-visited").text(t(Label::NothingYet, lang_now)).close();
            return out;
        }
        out.open("ul").attr("class", "columns").attr("id", "never-visited");
        for (id, name) in rows {
            out.open("li").attr_string("data-id", id.to_string());
            out.open("a").attr_string("href", Route::Cooperative(id).href()).leaf("bdi", name).close().text(" ");
            out.open("a").attr_string("href", Route::NewVisit.href_with(&[("cooperative", id.to_string())])).text(t(Label::RecordVisit, lang_now)).close();
            out.close();
        }
        out.close();
        out
    });
    view! {
        <div class="page-head">
            <h1 id="page-title" tabindex="-1">{move || t(Label::VisitsTitle, lang.get())}</h1>
            <div class="actions">
                <a class="button primary" id="new-visit" href=Route::NewVisit.href()>{move || t(Label::NewVisit, lang.get())}</a>
            </div>
        </div>
        <section aria-labelledby="overdue-title">
            <h2 id="overdue-title">{move || t(Label::OverdueVisits, lang.get())}</h2>
            <Fragment id="overdue-host" content=overdue />
        </section>
        <section aria-labelledby="never-title">
            <h2 id="never-title">{move || t(Label::NeverVisited, lang.get())}</h2>
            <Fragment id="never-host" content=never />
        </section>
    }
}

/// The form recording a visit, for `cooperative` when given.
#[component]
pub fn VisitForm(state: AppState, cooperative: Option<Id>) -> impl IntoView {
    let lang = state.lang;
    let s = |value: String| RwSignal::new(value);
    let who = s(cooperative.map(|id| id.to_string()).unwrap_or_default());
    let date = s(today().map(|d| d.to_string()).unwrap_or_default());
    let visitor = s(state.user.get_untracked());
    let purpose = s(String::new());
    let observed = s(state_code(ObservedState::Active).to_owned());
    let observations = s(String::new());
    let needs = s(String::new());
    let next_steps = s(String::new());
    let next = s(String::new());
    let problems = Problems::new();
    let target = StoredValue::new(state.new_id());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut unread: Vec<Problem> = Vec::new();
        let chosen = Id::parse(&who.get_untracked()).map_err(|_| unread.push(label_problem("cooperative", Label::CooperativeRequired))).ok();
        let on = Date::parse(&date.get_untracked()).map_err(|e| unread.push(unreadable("date", &e))).ok();
        let typed_next = next.get_untracked();
        let next_visit_on =
            if typed_next.trim().is_empty() { None } else { Date::parse(&typed_next).map_err(|e| unread.push(unreadable("next_visit_on", &e))).ok() };
        let (Some(chosen), Some(on)) = (chosen, on) else {
            problems.show_unreadable(unread);
            request_animation_frame(|| focus("problem-summary"));
            return;
        };
        if !unread.is_empty() {
            problems.show_unreadable(unread);
            request_animation_frame(|| focus("problem-summary"));
            return;
        }
        let code = observed.get_untracked();
        let visit = Visit {
            cooperative: chosen,
            date: on,
            visitor: visitor.get_untracked().trim().to_owned(),
            purpose: purpose.get_untracked().trim().to_owned(),
            state: ObservedState::ALL.into_iter().find(|s| state_code(*s) == code).unwrap_or(ObservedState::Active),
            observations: observations.get_untracked().trim().to_owned(),
            needs: needs.get_untracked().trim().to_owned(),
            next_steps: next_steps.get_untracked().trim().to_owned(),
            next_visit_on,
        };
        let Some(id) = target.get_value() else {
            problems.show_findings(&crate::state::no_device().findings, None);
            return;
        };
        match state.apply(Edit::CreateVisit { id, visit }) {
            Ok(_) => route::navigate(&Route::Cooperative(chosen).href()),
            Err(refused) => {
                problems.show_findings(&refused.findings, Some(RecordRef { kind: RecordKind::Visit, id }));
                request_animation_frame(|| focus("problem-summary"));
            }
        }
    };
    let cooperatives = Signal::derive(move || cooperative_choices(state, lang.get()));
    let states = Signal::derive(move || {
        let lang = lang.get();
        ObservedState::ALL.into_iter().map(|s| Choice::new(state_code(s), s.name(lang))).collect::<Vec<_>>()
    });
    let cancel = cooperative.map_or_else(|| Route::Visits.href(), |id| Route::Cooperative(id).href());
    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::NewVisitTitle, lang.get())}</h1>
        <form id="visit-form" class="record-form" novalidate on:submit=submit>
            <ProblemSummary state problems />
            <div class="grid">
                <SelectField state path="cooperative" label=Label::Cooperative value=who problems choices=cooperatives required=true />
                <TextField state path="date" label=Label::Date value=date problems kind=Kind::Date hint=Label::DateHint required=true />
                <TextField state path="visitor" label=Label::Visitor value=visitor problems />
                <TextField state path="purpose" label=Label::Purpose value=purpose problems />
                <SelectField state path="state" label=Label::ObservedState value=observed problems choices=states />
                <TextField state path="next_visit_on" label=Label::NextVisitOn value=next problems kind=Kind::Date hint=Label::DateHint />
            </div>
            <TextField state path="observations" label=Label::Observations value=observations problems kind=Kind::Long />
            <TextField state path="needs" label=Label::Needs value=needs problems kind=Kind::Long />
            <TextField state path="next_steps" label=Label::NextSteps value=next_steps problems kind=Kind::Long />
            <div class="actions sticky">
                <button type="submit" class="primary" id="save">{move || t(Label::Save, lang.get())}</button>
                <a class="button" href=cancel>{move || t(Label::Cancel, lang.get())}</a>
            </div>
        </form>
    }
}

/// A cooperative's visits, latest first, with a link recording a new one.
#[component]
pub fn VisitHistory(state: AppState, cooperative: Id) -> impl IntoView {
    let lang = state.lang;
    let rows: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        let visits: Vec<(Id, Visit)> = state.dataset.with(|d| visit::visits_of(d, cooperative).into_iter().map(|(id, v)| (id, v.clone())).collect());
        if visits.is_empty() {
            out.open("p").attr("class", "muted").attr("id", "visit-history").text(t(Label::NoVisits, lang_now)).close();
            return out;
        }
        out.open("div").attr("class", "table-wrap").open("table").attr("id", "visit-history").open("thead").open("tr");
        for label in [Label::Date, Label::Visitor, Label::ObservedState, Label::Observations, Label::Needs, Label::NextSteps, Label::NextVisitOn] {
            out.open("th").attr("scope", "col").text(t(label, lang_now)).close();
        }
        out.close().close().open("tbody");
        for (_, v) in visits.iter().cloned() {
            out.open("tr");
            out.leaf("td", text::date(v.date, lang_now));
            out.open("td").leaf("bdi", v.visitor).close();
            out.open("td").text(v.state.name(lang_now)).close();
            out.open("td").leaf("bdi", v.observations).close();
            out.open("td").leaf("bdi", v.needs).close();
            out.open("td").leaf("bdi", v.next_steps).close();
            out.leaf("td", v.next_visit_on.map(|d| text::date(d, lang_now)).unwrap_or_else(|| "—".into()));
            out.close();
        }
        out.close().close().close();
        // Each visit's history: who recorded it, who corrected what.
        state.dataset.with(|d| {
            for (id, v) in &visits {
                let target = RecordRef { kind: RecordKind::Visit, id: *id };
                out.open("details").attr("class", "visit-changes").attr_string("id", format!("visit-changes-{id}"));
                out.open("summary").text(t(Label::HistoryTitle, lang_now)).text(" — ").text_string(text::date(v.date, lang_now)).close();
                crate::components::history::changes_markup(&mut out, d.history(target), Names::new(&[d]), lang_now);
                out.close();
            }
        });
        out
    });
    view! {
        <section aria-labelledby="visits-title">
            <div class="page-head">
                <h2 id="visits-title">{move || t(Label::VisitsTitle, lang.get())}</h2>
                <a class="button" id="record-visit" href=Route::NewVisit.href_with(&[("cooperative", cooperative.to_string())])>{move || t(Label::RecordVisit, lang.get())}</a>
            </div>
            <Fragment id="visit-history-host" content=rows />
        </section>
    }
}
