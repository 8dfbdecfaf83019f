//! The check-in screen at a meeting's door, for a tablet and offline: a large search box (core's
//! `meeting::door_search`), one tap to mark a cooperative present with its number of people and
//! of women, walk-ins, the live counter and the breakdown of who came (`Meeting::turnout`).
//! Each check-in is one `CheckIn` record in the meeting's attendance, saved at once.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Refused;
use taawun_core::id::Id;
use taawun_core::meeting::{self, Attendee, CheckIn, Meeting};
use taawun_core::members::MemberCount;
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::text::{self, Localised};

use crate::components::{ProblemSummary, Problems, colon, unreadable};
use crate::i18n::{Label, t};
use crate::pages::meeting::update_meeting;
use crate::route::Route;
use crate::state::AppState;

/// How many cooperatives the search shows at once: enough for a door, few enough to stay quick.
const SHOWN: usize = 12;

/// Reads a head count typed at the door ("" counts as `empty`).
fn count(typed: &str, empty: u32) -> Result<u32, taawun_core::members::CountError> {
    if typed.trim().is_empty() { Ok(empty) } else { MemberCount::parse(typed).map(MemberCount::get) }
}

/// The check-in screen of meeting `id`.
#[component]
pub fn CheckInDesk(state: AppState, id: Id) -> impl IntoView {
    let lang = state.lang;
    let record = Memo::new(move |_| state.dataset.with(|d| d.meetings().get(id).filter(|r| r.is_live()).map(|r| r.data.clone())));
    let query = RwSignal::new(String::new());
    let problems = Problems::new();
    let check_in = move |attendee: Attendee, people: &str, women: &str| -> bool {
        let (people, women) = match (count(people, 1), count(women, 0)) {
            (Ok(p), Ok(w)) => (p, w),
            (Err(e), _) | (_, Err(e)) => {
                problems.show_unreadable(vec![unreadable("people", &e)]);
                return false;
            }
        };
        let Some(at) = state.author().map(|a| a.at) else {
            problems.show_findings(&crate::state::no_device().findings, None);
            return false;
        };
        let entry = match CheckIn::new(attendee, people, women, at) {
            Ok(entry) => entry,
            Err(e) => {
                problems.show_unreadable(vec![unreadable("people", &e)]);
                return false;
            }
        };
        let mut refused = None;
        let result = update_meeting(state, id, |m| {
            if let Err(e) = m.attendance.check_in(entry) {
                refused = Some(e);
            }
        });
        if let Some(e) = refused {
            problems.show_unreadable(vec![unreadable("people", &e)]);
            return false;
        }
        settle(problems, id, result)
    };
    let take_back = move |attendee: Attendee| {
        let result = update_meeting(state, id, |m| {
            m.attendance.remove(&attendee);
        });
        settle(problems, id, result);
    };

    let found = Memo::new(move |_| {
        let query = query.get();
        let lang = lang.get();
        state.dataset.with(|d| record.with(|m| m.as_ref().map(|m| meeting::door_search(d, m, &query, lang)).unwrap_or_default()))
    });
    let rows = move || {
        let lang_now = lang.get();
        let Some(m) = record.get() else { return ().into_any() };
        let ids: Vec<Id> = found.get().into_iter().take(SHOWN).collect();
        ids.into_iter()
            .map(|cooperative| {
                let (name, other) = state.dataset.with(|d| {
                    d.cooperatives()
                        .get(cooperative)
                        .map(|c| (c.data.name(lang_now).to_owned(), c.data.name(if lang_now == Lang::Ar { Lang::Fr } else { Lang::Ar }).to_owned()))
                        .unwrap_or_default()
                });
                door_row(state, &m, cooperative, name, other, check_in, take_back)
            })
            .collect_view()
            .into_any()
    };
    let counter = move || state.dataset.with(|d| record.with(|m| m.as_ref().map(|m| m.turnout(d).message(lang.get())).unwrap_or_default()));

    let (walk_in, walk_people, walk_women) = (RwSignal::new(String::new()), RwSignal::new(String::from("1")), RwSignal::new(String::from("0")));
    let add_walk_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if check_in(Attendee::WalkIn(walk_in.get_untracked()), &walk_people.get_untracked(), &walk_women.get_untracked()) {
            walk_in.set(String::new());
            walk_people.set("1".into());
            walk_women.set("0".into());
        }
    };

    // Redrawn only when the language changes or the meeting appears or goes, so that the search
    // box keeps its focus while cooperatives are checked in.
    let exists = Memo::new(move |_| record.with(Option::is_some));
    let title = move || record.with(|m| m.as_ref().map(|m| m.title(lang.get()).to_owned()).unwrap_or_default());
    move || {
        let lang_now = lang.get();
        if !exists.get() {
            return view! { <h1 id="page-title" tabindex="-1">{t(Label::PageNotFound, lang_now)}</h1> }.into_any();
        }
        view! {
            <div class="door">
                <div class="page-head">
                    <h1 id="page-title" tabindex="-1">{t(Label::CheckInTitle, lang_now)}" — "<bdi>{title}</bdi></h1>
                    <a class="button" href=Route::Meeting(id).href()>{t(Label::Details, lang_now)}</a>
                </div>
                <p class="counter big" id="turnout" aria-live="polite">{counter}</p>
                <ProblemSummary state problems />
                <label for="door-search" class="big-label">{t(Label::Search, lang_now)}</label>
                <input id="door-search" class="door-search" type="search" autocomplete="off" dir="auto"
                    placeholder=t(Label::SearchAttendeeHint, lang_now)
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                <ul class="door-results" id="door-results">{rows}</ul>
                <form class="walk-in panel" id="walk-in" on:submit=add_walk_in>
                    <h2>{t(Label::WalkIn, lang_now)}</h2>
                    <div class="grid">
                        <div class="field">
                            <label for="walk-in-name">{t(Label::WalkInName, lang_now)}</label>
                            <input id="walk-in-name" type="text" autocomplete="off" prop:value=move || walk_in.get() on:input=move |ev| walk_in.set(event_target_value(&ev)) />
                        </div>
                        <div class="field">
                            <label for="walk-in-people">{t(Label::People, lang_now)}</label>
                            <input id="walk-in-people" type="text" inputmode="numeric" prop:value=move || walk_people.get() on:input=move |ev| walk_people.set(event_target_value(&ev)) />
                        </div>
                        <div class="field">
                            <label for="walk-in-women">{t(Label::WomenAmong, lang_now)}</label>
                            <input id="walk-in-women" type="text" inputmode="numeric" prop:value=move || walk_women.get() on:input=move |ev| walk_women.set(event_target_value(&ev)) />
                        </div>
                    </div>
                    <button type="submit" class="primary big" id="add-walk-in">{t(Label::AddWalkIn, lang_now)}</button>
                </form>
                <Breakdown state record />
            </div>
        }
        .into_any()
    }
}

/// Shows a refusal, or clears the problems; whether the change was saved.
fn settle(problems: Problems, id: Id, result: Result<(), Refused>) -> bool {
    match result {
        Ok(()) => {
            problems.clear();
            true
        }
        Err(refused) => {
            problems.show_findings(&refused.findings, Some(RecordRef { kind: RecordKind::Meeting, id }));
            false
        }
    }
}

/// One cooperative found at the door: present (with its counts and a way to take it back), or a
/// big button marking it present with the counts typed beside it.
fn door_row(
    state: AppState,
    m: &Meeting,
    cooperative: Id,
    name: String,
    other: String,
    check_in: impl Fn(Attendee, &str, &str) -> bool + Copy + Send + Sync + 'static,
    take_back: impl Fn(Attendee) + Copy + Send + Sync + 'static,
) -> AnyView {
    let lang = state.lang.get_untracked();
    let attendee = Attendee::Cooperative(cooperative);
    let invited = m.is_invited(cooperative);
    let not_invited = (!invited).then(|| view! { <span class="badge">{t(Label::NotInvited, lang)}</span> });
    let names = view! { <span class="names"><bdi class="name">{name}</bdi><bdi class="other">{other}</bdi></span> };
    match m.attendance.get(&attendee) {
        Some(present) => {
            let counts = format!(
                "{} {} — {} {}",
                t(Label::People, lang),
                text::integer(u64::from(present.people()), lang),
                t(Label::WomenAmong, lang),
                text::integer(u64::from(present.women()), lang)
            );
            view! {
                <li class="door-row present" data-id=cooperative.to_string()>
                    {names}{not_invited}
                    <span class="badge ok">{t(Label::Present, lang)}</span>
                    <span class="counts">{counts}</span>
                    <button type="button" class="small take-back" on:click=move |_| take_back(Attendee::Cooperative(cooperative))>{t(Label::TakeBack, lang)}</button>
                </li>
            }
            .into_any()
        }
        None => {
            let (people, women) = (RwSignal::new(String::from("1")), RwSignal::new(String::from("0")));
            let (people_id, women_id) = (format!("people-{cooperative}"), format!("women-{cooperative}"));
            view! {
                <li class="door-row absent" data-id=cooperative.to_string()>
                    {names}{not_invited}
                    <span class="counts">
                        <label for=people_id.clone()>{t(Label::People, lang)}</label>
                        <input id=people_id class="people" type="text" inputmode="numeric" prop:value=move || people.get() on:input=move |ev| people.set(event_target_value(&ev)) />
                        <label for=women_id.clone()>{t(Label::WomenAmong, lang)}</label>
                        <input id=women_id class="women" type="text" inputmode="numeric" prop:value=move || women.get() on:input=move |ev| women.set(event_target_value(&ev)) />
                    </span>
                    <button type="button" class="primary big mark-present"
                        on:click=move |_| { check_in(Attendee::Cooperative(cooperative), &people.get_untracked(), &women.get_untracked()); }>
                        {t(Label::MarkPresent, lang)}
                    </button>
                </li>
            }
            .into_any()
        }
    }
}

/// Who came, as core counts it: people and women, walk-ins, the cooperatives present by milieu
/// and sector, and how many are women-led.
#[component]
pub fn Breakdown(state: AppState, record: Memo<Option<Meeting>>) -> impl IntoView {
    let lang = state.lang;
    move || {
        let lang_now = lang.get();
        let Some(m) = record.get() else { return ().into_any() };
        let (turnout, sector_names) = state.dataset.with(|d| {
            let turnout = m.turnout(d);
            let names: Vec<String> = turnout.by_sector.iter().map(|x| d.reference().sector(&x.key).map_or_else(|| x.key.clone(), |s| s.name(lang_now).to_owned())).collect();
            (turnout, names)
        });
        let n = |value: u64| text::integer(value, lang_now);
        let line = |label: Label, value: String, id: &'static str| view! { <div class="item"><dt>{t(label, lang_now)}</dt><dd id=id>{value}</dd></div> };
        let milieux = turnout.by_milieu.iter().map(|x| format!("{}{}{}", x.key.name(lang_now), colon(lang_now), n(x.count as u64))).collect::<Vec<_>>().join(" · ");
        let sectors = turnout.by_sector.iter().zip(sector_names).map(|(x, name)| format!("{name}{}{}", colon(lang_now), n(x.count as u64))).collect::<Vec<_>>().join(" · ");
        view! {
            <section class="panel" aria-labelledby="who-came">
                <h2 id="who-came">{t(Label::WhoCame, lang_now)}</h2>
                <dl class="details" id="breakdown">
                    {line(Label::PeopleCounted, n(turnout.people), "breakdown-people")}
                    {line(Label::WomenCounted, n(turnout.women), "breakdown-women")}
                    {line(Label::Milieu, milieux, "breakdown-milieu")}
                    {line(Label::Sector, sectors, "breakdown-sector")}
                    {line(Label::WomenLedPresent, n(turnout.women_led as u64), "breakdown-women-led")}
                    {line(Label::Uninvited, n(turnout.uninvited as u64), "breakdown-uninvited")}
                    {line(Label::WalkIns, n(turnout.walk_ins as u64), "breakdown-walk-ins")}
                </dl>
            </section>
        }
        .into_any()
    }
}
