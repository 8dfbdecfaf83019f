//! One meeting: its page (details, agenda, turnout, invitations chosen from the registry by
//! filters, testimonials, challenges, follow-up actions) and its form. Every change is an
//! `Edit::UpdateMeeting` of the whole meeting through `AppState::apply`.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::{Edit, Refused};
use taawun_core::date::Date;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::meeting::{self, Challenge, ChallengeTag, FollowUp, InvitationFilter, Meeting, Presentation, Testimonial};
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::reference::Milieu;
use taawun_core::text::{self, Localised};
use wasm_bindgen::JsCast;

use crate::charts::tree::{Fragment, Markup};
use crate::components::fields::{Choice, Kind, SelectField, TextField};
use crate::components::{ProblemSummary, Problems, colon, focus, unreadable};
use crate::i18n::{Label, t};
use crate::pages::cooperative::reference_choices;
use crate::pages::list::sorted_by_key;
use crate::route::{self, Route};
use crate::state::AppState;

fn meeting_ref(id: Id) -> RecordRef {
    RecordRef { kind: RecordKind::Meeting, id }
}

/// Changes the stored meeting `id` with `change` and applies it as one edit; the check-in
/// screen uses it too.
pub fn update_meeting(state: AppState, id: Id, change: impl FnOnce(&mut Meeting)) -> Result<(), Refused> {
    let Some(record) = state.dataset.with_untracked(|d| d.meetings().get(id).filter(|r| r.is_live()).cloned()) else {
        return Err(Refused { findings: Vec::new() });
    };
    let mut meeting = record.data;
    change(&mut meeting);
    state.apply(Edit::UpdateMeeting { id, base_revision: record.meta.revision, meeting }).map(|_| ())
}

/// The funders and partners of the reference data, as (code, name) in `lang`.
fn organisations(state: AppState, lang: Lang) -> Vec<(String, String)> {
    state.dataset.with(|d| d.reference().funders().iter().filter(|f| !f.retired).map(|f| (f.code.clone(), f.name(lang).to_owned())).collect())
}

fn organisation_name(state: AppState, code: &str, lang: Lang) -> String {
    state.dataset.with(|d| d.reference().funder(code).map_or_else(|| code.to_owned(), |f| f.name(lang).to_owned()))
}

/// The live cooperatives as choices, by name in `lang`'s order, after a "choose" entry.
pub fn cooperative_choices(state: AppState, lang: Lang) -> Vec<Choice> {
    let list: Vec<(String, String)> = state.dataset.with(|d| d.cooperatives().live().map(|c| (c.id.to_string(), c.data.name(lang).to_owned())).collect());
    let mut choices = vec![Choice::new("", t(Label::ChooseOne, lang))];
    choices.extend(sorted_by_key(list, |c| fold::sort_key(&c.1)).into_iter().map(|(id, name)| Choice::new(id, name)));
    choices
}

fn cooperative_name(state: AppState, id: Id, lang: Lang) -> String {
    state.dataset.with(|d| d.cooperatives().get(id).map(|c| c.data.name(lang).to_owned()).unwrap_or_default())
}

fn tag_code(tag: ChallengeTag) -> &'static str {
    match tag {
        ChallengeTag::Marketing => "marketing",
        ChallengeTag::Financing => "financing",
        ChallengeTag::Training => "training",
        ChallengeTag::Legal => "legal",
        ChallengeTag::Equipment => "equipment",
        ChallengeTag::Other => "other",
    }
}

/// A meeting's page.
#[component]
pub fn MeetingPage(state: AppState, id: Id) -> impl IntoView {
    let lang = state.lang;
    let record = Memo::new(move |_| state.dataset.with(|d| d.meetings().get(id).filter(|r| r.is_live()).map(|r| r.data.clone())));
    let problems = Problems::new();
    let report = move |result: Result<(), Refused>| match result {
        Ok(()) => {
            problems.clear();
            true
        }
        Err(refused) => {
            problems.show_findings(&refused.findings, Some(meeting_ref(id)));
            request_animation_frame(|| focus("problem-summary"));
            false
        }
    };
    let turnout = move || state.dataset.with(|d| record.get().map(|m| m.turnout(d).message(lang.get())).unwrap_or_default());
    let head: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        let Some(m) = record.get() else {
            out.open("h1").attr("id", "page-title").attr("tabindex", "-1").text(t(Label::PageNotFound, lang_now)).close();
            return out;
        };
        let names = |codes: &[String]| codes.iter().map(|c| organisation_name(state, c, lang_now)).collect::<Vec<_>>().join(" · ");
        out.open("div").attr("class", "page-head");
        out.open("h1").attr("id", "page-title").attr("tabindex", "-1").leaf("bdi", m.title(lang_now).to_owned()).close();
        out.open("div").attr("class", "actions");
        out.open("a")
            .attr("class", "button primary big")
            .attr("id", "open-check-in")
            .attr_string("href", Route::CheckIn(id).href())
            .text(t(Label::CheckInOpen, lang_now))
            .close();
        out.open("a")
            .attr("class", "button")
            .attr("id", "print-attendance")
            .attr_string("href", Route::AttendanceSheet(id).href())
            .text(t(Label::PrintAttendanceSheet, lang_now))
            .close();
        out.open("a")
            .attr("class", "button")
            .attr("id", "edit-meeting")
            .attr_string("href", Route::EditMeeting(id).href())
            .text(t(Label::Edit, lang_now))
            .close();
        out.close().close();
        out.open("dl").attr("class", "details").attr("id", "meeting-details");
        for (label, value) in [
            (Label::Date, text::date(m.date, lang_now)),
            (Label::MeetingPlace, m.place.clone()),
            (Label::Organisers, names(&m.organisers)),
            (Label::Partners, names(&m.partners)),
        ] {
            out.open("div").attr("class", "item").open("dt").text(t(label, lang_now)).close();
            out.open("dd").leaf("bdi", value).close().close();
        }
        out.close();
        out.open("h2").text(t(Label::Agenda, lang_now)).close();
        out.open("ol").attr("id", "meeting-agenda");
        for p in &m.agenda {
            out.open("li").leaf("bdi", p.title.clone()).text(" — ").text_string(organisation_name(state, &p.presenter, lang_now)).close();
        }
        out.close();
        out
    });
    view! {
        <Fragment id="meeting-head" content=head />
        <Show when=move || record.with(Option::is_some)>
            <ProblemSummary state problems />
            <p class="counter" id="turnout" aria-live="polite">{turnout}</p>
            <Invitations state id record report />
            <Testimonials state id record report />
            <Challenges state id record report />
            <FollowUps state id record report />
            <crate::components::history::History state target=meeting_ref(id) />
        </Show>
    }
}

/// Choosing the invitation list from the registry by filters.
#[component]
fn Invitations(
    state: AppState,
    id: Id,
    record: Memo<Option<Meeting>>,
    report: impl Fn(Result<(), Refused>) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = state.lang;
    let (commune, milieu, sector, funded) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(false));
    let filter = move || InvitationFilter {
        communes: Some(commune.get()).filter(|c| !c.is_empty()).into_iter().collect(),
        milieu: match milieu.get().as_str() {
            "rural" => Some(Milieu::Rural),
            "urban" => Some(Milieu::Urban),
            _ => None,
        },
        sectors: Some(sector.get()).filter(|c| !c.is_empty()).into_iter().collect(),
        statuses: Vec::new(),
        funded_only: funded.get(),
    };
    let matching = Memo::new(move |_| {
        let filter = filter();
        state.dataset.with(|d| meeting::select_invitees(d, &filter))
    });
    let invite = move |_| {
        let ids = matching.get_untracked();
        report(update_meeting(state, id, |m| m.invite(&ids)));
    };
    let clear = move |_| {
        report(update_meeting(state, id, |m| m.invited.clear()));
    };
    let options = move |all: Label, list: Vec<(String, String)>| {
        let lang = lang.get();
        let mut choices = vec![Choice::new("", t(all, lang))];
        choices.extend(sorted_by_key(list, |c| fold::sort_key(&c.1)).into_iter().map(|(code, name)| Choice::new(code, name)));
        choices
    };
    let communes = Signal::derive(move || {
        let lang_now = lang.get();
        options(
            Label::AllCommunes,
            state.dataset.with(|d| d.reference().selectable_communes().map(|c| (c.code.clone(), c.name(lang_now).to_owned())).collect()),
        )
    });
    let sectors = Signal::derive(move || {
        let lang_now = lang.get();
        options(
            Label::AllSectors,
            state.dataset.with(|d| d.reference().sectors().iter().filter(|s| !s.retired).map(|s| (s.code.clone(), s.name(lang_now).to_owned())).collect()),
        )
    });
    let milieux = Signal::derive(move || {
        let lang = lang.get();
        vec![Choice::new("", t(Label::AllMilieux, lang)), Choice::new("rural", Milieu::Rural.name(lang)), Choice::new("urban", Milieu::Urban.name(lang))]
    });
    let problems = Problems::new();
    let invited = move || record.with(|m| m.as_ref().map_or(0, |m| m.invited.len()));
    view! {
        <section aria-labelledby="invitations-title" class="panel">
            <h2 id="invitations-title">{move || t(Label::Invitations, lang.get())}</h2>
            <p>{move || t(Label::Invited, lang.get())}{move || colon(lang.get())}<strong id="invited-count">{move || text::integer(invited() as u64, lang.get())}</strong></p>
            <div class="grid">
                <SelectField state path="invite.commune" label=Label::Commune value=commune problems choices=communes />
                <SelectField state path="invite.milieu" label=Label::Milieu value=milieu problems choices=milieux />
                <SelectField state path="invite.sector" label=Label::Sector value=sector problems choices=sectors />
            </div>
            <div class="field check">
                <input id="invite-funded" type="checkbox" prop:checked=move || funded.get() on:change=move |ev| funded.set(event_target_checked(&ev)) />
                <label for="invite-funded">{move || t(Label::FundedOnly, lang.get())}</label>
            </div>
            <p>{move || t(Label::MatchingFilters, lang.get())}{move || colon(lang.get())}<strong id="invite-matching">{move || text::integer(matching.with(Vec::len) as u64, lang.get())}</strong></p>
            <div class="actions">
                <button type="button" class="primary" id="invite" on:click=invite>{move || t(Label::InviteMatching, lang.get())}</button>
                <button type="button" id="clear-invitations" on:click=clear>{move || t(Label::ClearInvitations, lang.get())}</button>
            </div>
        </section>
    }
}

/// What cooperatives said, and the form adding a testimonial.
#[component]
fn Testimonials(
    state: AppState,
    id: Id,
    record: Memo<Option<Meeting>>,
    report: impl Fn(Result<(), Refused>) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = state.lang;
    let (cooperative, text_lang, said) = (RwSignal::new(String::new()), RwSignal::new(String::from("ar")), RwSignal::new(String::new()));
    let problems = Problems::new();
    let cooperatives = Signal::derive(move || cooperative_choices(state, lang.get()));
    let langs = Signal::derive(move || Lang::ALL.into_iter().map(|l| Choice::new(l.code(), crate::i18n::endonym(l))).collect::<Vec<_>>());
    let add = move |_| {
        let Ok(speaker) = Id::parse(&cooperative.get_untracked()) else {
            problems.show_unreadable(vec![crate::components::label_problem("testimonial.cooperative", Label::CooperativeRequired)]);
            return;
        };
        let written = said.get_untracked().trim().to_owned();
        if written.is_empty() {
            return;
        }
        let lang_of = if text_lang.get_untracked() == "fr" { Lang::Fr } else { Lang::Ar };
        let testimonial = Testimonial { cooperative: speaker, lang: lang_of, text: written };
        if report(update_meeting(state, id, |m| m.testimonials.push(testimonial))) {
            problems.clear();
            said.set(String::new());
        }
    };
    let list: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        out.open("ul").attr("id", "testimonials");
        for x in record.get().map(|m| m.testimonials).unwrap_or_default() {
            out.open("li").open("strong").leaf("bdi", cooperative_name(state, x.cooperative, lang_now)).close().text(colon(lang_now));
            out.open("q").attr("lang", x.lang.code()).text_string(x.text).close().close();
        }
        out.close();
        out
    });
    view! {
        <section aria-labelledby="testimonials-title" class="panel">
            <h2 id="testimonials-title">{move || t(Label::Testimonials, lang.get())}</h2>
            <Fragment id="testimonials-host" content=list />
            <div class="grid">
                <SelectField state path="testimonial.cooperative" label=Label::Cooperative value=cooperative problems choices=cooperatives />
                <SelectField state path="testimonial.lang" label=Label::TextLanguage value=text_lang problems choices=langs />
            </div>
            <TextField state path="testimonial.text" label=Label::TestimonialText value=said problems kind=Kind::Long />
            <button type="button" id="add-testimonial" on:click=add>{move || t(Label::AddTestimonial, lang.get())}</button>
        </section>
    }
}

/// The challenges raised, with their tags, and the form adding one.
#[component]
fn Challenges(
    state: AppState,
    id: Id,
    record: Memo<Option<Meeting>>,
    report: impl Fn(Result<(), Refused>) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = state.lang;
    let said = RwSignal::new(String::new());
    let tags = RwSignal::new(Vec::<ChallengeTag>::new());
    let problems = Problems::new();
    let add = move |_| {
        let written = said.get_untracked().trim().to_owned();
        if written.is_empty() {
            return;
        }
        let challenge = Challenge { text: written, tags: tags.get_untracked() };
        if report(update_meeting(state, id, |m| m.challenges.push(challenge))) {
            said.set(String::new());
            tags.set(Vec::new());
        }
    };
    let list: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        out.open("ul").attr("id", "challenges");
        for c in record.get().map(|m| m.challenges).unwrap_or_default() {
            let tags = c.tags.iter().map(|tag| tag.name(lang_now)).collect::<Vec<_>>().join(" · ");
            out.open("li").leaf("bdi", c.text).text(" ").open("span").attr("class", "tags").text_string(tags).close().close();
        }
        out.close();
        out
    });
    let by_tag = move || {
        let lang_now = lang.get();
        record
            .get()
            .map(|m| m.challenges_by_tag())
            .unwrap_or_default()
            .into_iter()
            .map(|x| format!("{} {}", x.key.name(lang_now), text::integer(x.count as u64, lang_now)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    view! {
        <section aria-labelledby="challenges-title" class="panel">
            <h2 id="challenges-title">{move || t(Label::Challenges, lang.get())}</h2>
            <p class="muted" id="challenges-by-tag">{by_tag}</p>
            <Fragment id="challenges-host" content=list />
            <TextField state path="challenge.text" label=Label::ChallengeText value=said problems />
            <fieldset class="tags">
                <legend>{move || t(Label::Tags, lang.get())}</legend>
                {ChallengeTag::ALL.into_iter().map(|tag| {
                    let input_id = format!("tag-{}", tag_code(tag));
                    view! {
                        <span class="field check">
                            <input id=input_id.clone() type="checkbox" prop:checked=move || tags.with(|t| t.contains(&tag))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    tags.update(|t| {
                                        t.retain(|x| *x != tag);
                                        if on { t.push(tag) }
                                    });
                                } />
                            <label for=input_id>{move || tag.name(lang.get())}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <button type="button" id="add-challenge" on:click=add>{move || t(Label::AddChallenge, lang.get())}</button>
        </section>
    }
}

/// The follow-up actions with their owner and due date, and the form adding one.
#[component]
fn FollowUps(
    state: AppState,
    id: Id,
    record: Memo<Option<Meeting>>,
    report: impl Fn(Result<(), Refused>) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = state.lang;
    let (what, owner, due) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problems = Problems::new();
    let add = move |_| {
        let written = what.get_untracked().trim().to_owned();
        if written.is_empty() {
            return;
        }
        let typed = due.get_untracked();
        let due_on = if typed.trim().is_empty() {
            None
        } else {
            match Date::parse(&typed) {
                Ok(date) => Some(date),
                Err(e) => {
                    problems.show_unreadable(vec![unreadable("follow_up.due_on", &e)]);
                    return;
                }
            }
        };
        let follow_up = FollowUp { text: written, owner: owner.get_untracked().trim().to_owned(), due_on, done: false };
        if report(update_meeting(state, id, |m| m.follow_ups.push(follow_up))) {
            problems.clear();
            what.set(String::new());
            due.set(String::new());
        }
    };
    let today = crate::pages::visits::today();
    let list: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        out.open("ul").attr("id", "follow-ups");
        for (index, f) in record.get().map(|m| m.follow_ups).unwrap_or_default().into_iter().enumerate() {
            let late = today.is_some_and(|today| f.is_overdue(today));
            out.open("li").leaf("bdi", f.text).text(" — ").leaf("bdi", f.owner);
            if let Some(d) = f.due_on {
                out.text_string(format!(" — {}{}{}", t(Label::DueOn, lang_now), colon(lang_now), text::date(d, lang_now)));
            }
            let status = if f.done {
                Some(Label::FollowUpDone)
            } else if late {
                Some(Label::FollowUpLate)
            } else {
                None
            };
            if let Some(status) = status {
                out.text(" ").open("span").attr("class", "badge").text(t(status, lang_now)).close();
            }
            if !f.done {
                out.text(" ").open("button").attr("type", "button").attr("class", "small").attr_string("data-index", index.to_string());
                out.text(t(Label::MarkDone, lang_now)).close();
            }
            out.close();
        }
        out.close();
        out
    });
    // One listener for the list's buttons, drawn as markup with the follow-up's place.
    let mark_done = move |ev: leptos::ev::MouseEvent| {
        let index = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-index]").ok().flatten())
            .and_then(|b| b.get_attribute("data-index"))
            .and_then(|text| text.parse::<usize>().ok());
        if let Some(index) = index {
            report(update_meeting(state, id, |m| {
                if let Some(f) = m.follow_ups.get_mut(index) {
                    f.done = true;
                }
            }));
        }
    };
    view! {
        <section aria-labelledby="follow-ups-title" class="panel">
            <h2 id="follow-ups-title">{move || t(Label::FollowUps, lang.get())}</h2>
            <div on:click=mark_done><Fragment id="follow-ups-host" content=list /></div>
            <div class="grid">
                <TextField state path="follow_up.text" label=Label::FollowUpText value=what problems />
                <TextField state path="follow_up.owner" label=Label::Owner value=owner problems />
                <TextField state path="follow_up.due_on" label=Label::DueOn value=due problems kind=Kind::Date hint=Label::DateHint />
            </div>
            <button type="button" id="add-follow-up" on:click=add>{move || t(Label::AddFollowUp, lang.get())}</button>
        </section>
    }
}

/// One line of the agenda being typed.
#[derive(Clone, Copy)]
struct Line {
    title: RwSignal<String>,
    presenter: RwSignal<String>,
}

/// The form creating (`id` = `None`) or editing a meeting's details and agenda; invitations,
/// attendance, testimonials, challenges and follow-ups are kept as they are.
#[component]
pub fn MeetingForm(state: AppState, id: Option<Id>) -> impl IntoView {
    let lang = state.lang;
    let existing = state.dataset.with_untracked(|d| id.and_then(|id| d.meetings().get(id).filter(|r| r.is_live()).cloned()));
    if id.is_some() && existing.is_none() {
        return view! { <h1 id="page-title" tabindex="-1">{move || t(Label::PageNotFound, lang.get())}</h1> }.into_any();
    }
    let base_revision = existing.as_ref().map(|r| r.meta.revision).unwrap_or(0);
    let kept = StoredValue::new(existing.as_ref().map(|r| r.data.clone()));
    let m = existing.map(|r| r.data);
    let s = |value: String| RwSignal::new(value);
    let title_ar = s(m.as_ref().map(|m| m.title_ar.clone()).unwrap_or_default());
    let title_fr = s(m.as_ref().map(|m| m.title_fr.clone()).unwrap_or_default());
    let date = s(m.as_ref().map(|m| m.date.to_string()).unwrap_or_default());
    let place = s(m.as_ref().map(|m| m.place.clone()).unwrap_or_default());
    let organisers = RwSignal::new(m.as_ref().map(|m| m.organisers.clone()).unwrap_or_default());
    let partners = RwSignal::new(m.as_ref().map(|m| m.partners.clone()).unwrap_or_default());
    let agenda = RwSignal::new(
        m.as_ref()
            .map(|m| m.agenda.iter().map(|p| Line { title: s(p.title.clone()), presenter: s(p.presenter.clone()) }).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let problems = Problems::new();
    let target = StoredValue::new(id.or_else(|| state.new_id()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let on = match Date::parse(&date.get_untracked()) {
            Ok(on) => on,
            Err(e) => {
                problems.show_unreadable(vec![unreadable("date", &e)]);
                request_animation_frame(|| focus("problem-summary"));
                return;
            }
        };
        let mut meeting = kept.get_value().unwrap_or_else(|| Meeting::new("", "", on, ""));
        meeting.title_ar = title_ar.get_untracked().trim().to_owned();
        meeting.title_fr = title_fr.get_untracked().trim().to_owned();
        meeting.date = on;
        meeting.place = place.get_untracked().trim().to_owned();
        meeting.organisers = organisers.get_untracked();
        meeting.partners = partners.get_untracked();
        meeting.agenda = agenda
            .get_untracked()
            .into_iter()
            .filter(|l| !l.title.get_untracked().trim().is_empty())
            .map(|l| Presentation { title: l.title.get_untracked().trim().to_owned(), presenter: l.presenter.get_untracked() })
            .collect();
        let Some(record_id) = target.get_value() else {
            problems.show_findings(&crate::state::no_device().findings, None);
            return;
        };
        let edit = match id {
            None => Edit::CreateMeeting { id: record_id, meeting },
            Some(id) => Edit::UpdateMeeting { id, base_revision, meeting },
        };
        match state.apply(edit) {
            Ok(_) => route::navigate(&Route::Meeting(record_id).href()),
            Err(refused) => {
                problems.show_findings(&refused.findings, Some(meeting_ref(record_id)));
                request_animation_frame(|| focus("problem-summary"));
            }
        }
    };
    let presenters = Signal::derive(move || {
        let lang = lang.get();
        let entries = organisations(state, lang).into_iter().map(|(code, name)| (code, name, false)).collect();
        reference_choices(lang, entries, "")
    });
    let checkboxes = move |key: &'static str, chosen: RwSignal<Vec<String>>| {
        move || {
            organisations(state, lang.get())
                .into_iter()
                .map(|(code, name)| {
                    let input_id = format!("{key}-{code}");
                    let value = code.clone();
                    view! {
                        <span class="field check">
                            <input id=input_id.clone() type="checkbox" prop:checked=chosen.with(|c| c.contains(&code))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| *x != value);
                                        if on { c.push(value.clone()) }
                                    });
                                } />
                            <label for=input_id><bdi>{name}</bdi></label>
                        </span>
                    }
                })
                .collect_view()
        }
    };
    let lines = move || {
        agenda
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, line)| {
                view! {
                    <div class="grid line">
                        <TextField state path=format!("agenda[{k}].title") label=Label::PresentationTitle value=line.title problems />
                        <SelectField state path=format!("agenda[{k}].presenter") label=Label::Presenter value=line.presenter problems choices=presenters />
                        <button type="button" class="small" on:click=move |_| agenda.update(|a| { a.remove(k); })>{move || t(Label::RemoveLine, lang.get())}</button>
                    </div>
                }
            })
            .collect_view()
    };
    let title = if id.is_some() { Label::EditMeetingTitle } else { Label::NewMeetingTitle };
    let cancel = id.map_or_else(|| Route::Meetings.href(), |id| Route::Meeting(id).href());
    view! {
        <h1 id="page-title" tabindex="-1">{move || t(title, lang.get())}</h1>
        <form id="meeting-form" class="record-form" novalidate on:submit=submit>
            <ProblemSummary state problems />
            <fieldset>
                <legend>{move || t(Label::Details, lang.get())}</legend>
                <div class="grid">
                    <TextField state path="title_fr" label=Label::TitleFr value=title_fr problems />
                    <TextField state path="title_ar" label=Label::TitleAr value=title_ar problems />
                    <TextField state path="date" label=Label::Date value=date problems kind=Kind::Date hint=Label::DateHint required=true />
                    <TextField state path="place" label=Label::MeetingPlace value=place problems />
                </div>
            </fieldset>
            <fieldset id="organisers">
                <legend>{move || t(Label::Organisers, lang.get())}</legend>
                {checkboxes("organiser", organisers)}
            </fieldset>
            <fieldset id="partners">
                <legend>{move || t(Label::Partners, lang.get())}</legend>
                {checkboxes("partner", partners)}
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Agenda, lang.get())}</legend>
                {lines}
                <button type="button" id="add-presentation" on:click=move |_| agenda.update(|a| a.push(Line { title: RwSignal::new(String::new()), presenter: RwSignal::new(String::new()) }))>
                    {move || t(Label::AddPresentation, lang.get())}
                </button>
            </fieldset>
            <div class="actions sticky">
                <button type="submit" class="primary" id="save">{move || t(Label::Save, lang.get())}</button>
                <a class="button" href=cancel>{move || t(Label::Cancel, lang.get())}</a>
            </div>
        </form>
    }
    .into_any()
}
