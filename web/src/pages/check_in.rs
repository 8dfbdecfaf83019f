//! The check-in screen at a meeting's door, for a tablet and offline: a large search box (core's
//! `meeting::door_search`), one tap to mark a cooperative present with its number of people and
//! of women, walk-ins, the live counter and the breakdown of who came (`Meeting::turnout`).
//! Each check-in is one `CheckIn` record in the meeting's attendance, saved at once.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Refused;
use taawun_core::id::Id;
use taawun_core::meeting::{self, Attendee, CheckIn, Meeting};
use taawun_core::members::MemberCount;
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::text::{self, Localised};
use wasm_bindgen::JsCast;

use crate::charts::tree::{Fragment, Markup};
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
    let rows: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        out.open("ul").attr("class", "door-results").attr("id", "door-results");
        record.with(|m| {
            let Some(m) = m else { return };
            state.dataset.with(|d| {
                for cooperative in found.get().into_iter().take(SHOWN) {
                    let Some(c) = d.cooperatives().get(cooperative) else { continue };
                    let other = c.data.name(if lang_now == Lang::Ar { Lang::Fr } else { Lang::Ar }).to_owned();
                    door_row(&mut out, m, cooperative, c.data.name(lang_now).to_owned(), other, lang_now);
                }
            });
        });
        out.close();
        out
    });
    // One listener for every row's buttons: rows are drawn as markup, their buttons carry the
    // cooperative's id and what they do.
    let on_row_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("button[data-id]").ok().flatten()) else {
            return;
        };
        let Some(cooperative) = button.get_attribute("data-id").and_then(|text| Id::parse(&text).ok()) else { return };
        if button.get_attribute("data-action").as_deref() == Some("take-back") {
            take_back(Attendee::Cooperative(cooperative));
        } else {
            let row = button.closest("li").ok().flatten();
            let typed = |css: &str| {
                row.as_ref()
                    .and_then(|r| r.query_selector(css).ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|input| input.value())
                    .unwrap_or_default()
            };
            check_in(Attendee::Cooperative(cooperative), &typed("input.people"), &typed("input.women"));
        }
        request_animation_frame(|| crate::components::focus("door-search"));
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

    if !record.with_untracked(Option::is_some) {
        return view! { <h1 id="page-title" tabindex="-1">{move || t(Label::PageNotFound, lang.get())}</h1> }.into_any();
    }
    let title = move || record.with(|m| m.as_ref().map(|m| m.title(lang.get()).to_owned()).unwrap_or_default());
    let label = move |label: Label| move || t(label, lang.get());
    view! {
        <div class="door">
            <div class="page-head">
                <h1 id="page-title" tabindex="-1">{label(Label::CheckInTitle)}" — "<bdi>{title}</bdi></h1>
                <a class="button" href=Route::Meeting(id).href()>{label(Label::Details)}</a>
            </div>
            <p class="counter big" id="turnout" aria-live="polite">{counter}</p>
            <ProblemSummary state problems />
            <label for="door-search" class="big-label">{label(Label::Search)}</label>
            <input id="door-search" class="door-search" type="search" autocomplete="off" dir="auto"
                placeholder=label(Label::SearchAttendeeHint)
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            <div on:click=on_row_click><Fragment id="door-results-host" content=rows /></div>
            <form class="walk-in panel" id="walk-in" on:submit=add_walk_in>
                <h2>{label(Label::WalkIn)}</h2>
                <div class="grid">
                    <div class="field">
                        <label for="walk-in-name">{label(Label::WalkInName)}</label>
                        <input id="walk-in-name" type="text" autocomplete="off" prop:value=move || walk_in.get() on:input=move |ev| walk_in.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="walk-in-people">{label(Label::People)}</label>
                        <input id="walk-in-people" type="text" inputmode="numeric" prop:value=move || walk_people.get() on:input=move |ev| walk_people.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="walk-in-women">{label(Label::WomenAmong)}</label>
                        <input id="walk-in-women" type="text" inputmode="numeric" prop:value=move || walk_women.get() on:input=move |ev| walk_women.set(event_target_value(&ev)) />
                    </div>
                </div>
                <button type="submit" class="primary big" id="add-walk-in">{label(Label::AddWalkIn)}</button>
            </form>
            <Breakdown state record />
        </div>
    }
    .into_any()
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
fn door_row(out: &mut Markup, m: &Meeting, cooperative: Id, name: String, other: String, lang: Lang) {
    let attendee = Attendee::Cooperative(cooperative);
    let present = m.attendance.get(&attendee);
    let id = cooperative.to_string();
    out.open("li").attr("class", if present.is_some() { "door-row present" } else { "door-row absent" }).attr_string("data-id", id.clone());
    out.open("span").attr("class", "names");
    out.open("bdi").attr("class", "name").text_string(name).close();
    out.open("bdi").attr("class", "other").text_string(other).close();
    out.close();
    if !m.is_invited(cooperative) {
        out.open("span").attr("class", "badge").text(t(Label::NotInvited, lang)).close();
    }
    match present {
        Some(present) => {
            let counts = format!(
                "{} {} — {} {}",
                t(Label::People, lang),
                text::integer(u64::from(present.people()), lang),
                t(Label::WomenAmong, lang),
                text::integer(u64::from(present.women()), lang)
            );
            out.open("span").attr("class", "badge ok").text(t(Label::Present, lang)).close();
            out.leaf("span", counts);
            out.open("button").attr("type", "button").attr("class", "small take-back").attr("data-action", "take-back").attr_string("data-id", id);
            out.text(t(Label::TakeBack, lang)).close();
        }
        None => {
            out.open("span").attr("class", "counts");
            for (class, label, value) in [("people", Label::People, "1"), ("women", Label::WomenAmong, "0")] {
                let field = format!("{class}-{id}");
                out.open("label").attr_string("for", field.clone()).text(t(label, lang)).close();
                out.open("input").attr_string("id", field).attr("class", class).attr("type", "text").attr("inputmode", "numeric").attr("value", value).close();
            }
            out.close();
            out.open("button").attr("type", "button").attr("class", "primary big mark-present").attr("data-action", "present").attr_string("data-id", id);
            out.text(t(Label::MarkPresent, lang)).close();
        }
    }
    out.close();
}

/// Who came, as core counts it: people and women, walk-ins, the cooperatives present by milieu
/// and sector, and how many are women-led.
#[component]
pub fn Breakdown(state: AppState, record: Memo<Option<Meeting>>) -> impl IntoView {
    let lang = state.lang;
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang_now = lang.get();
        let mut out = Markup::new();
        let Some(m) = record.get() else { return out };
        let (turnout, sector_names) = state.dataset.with(|d| {
            let turnout = m.turnout(d);
            let names: Vec<String> =
                turnout.by_sector.iter().map(|x| d.reference().sector(&x.key).map_or_else(|| x.key.clone(), |s| s.name(lang_now).to_owned())).collect();
            (turnout, names)
        });
        let n = |value: u64| text::integer(value, lang_now);
        let milieux =
            turnout.by_milieu.iter().map(|x| format!("{}{}{}", x.key.name(lang_now), colon(lang_now), n(x.count as u64))).collect::<Vec<_>>().join(" · ");
        let sectors = turnout
            .by_sector
            .iter()
            .zip(sector_names)
            .map(|(x, name)| format!("{name}{}{}", colon(lang_now), n(x.count as u64)))
            .collect::<Vec<_>>()
            .join(" · ");
        out.open("section").attr("class", "panel");
        out.open("h2").text(t(Label::WhoCame, lang_now)).close();
        out.open("dl").attr("class", "details").attr("id", "breakdown");
        for (label, value, id) in [
            (Label::PeopleCounted, n(turnout.people), "breakdown-people"),
            (Label::WomenCounted, n(turnout.women), "breakdown-women"),
            (Label::Milieu, milieux, "breakdown-milieu"),
            (Label::Sector, sectors, "breakdown-sector"),
            (Label::WomenLedPresent, n(turnout.women_led as u64), "breakdown-women-led"),
            (Label::Uninvited, n(turnout.uninvited as u64), "breakdown-uninvited"),
            (Label::WalkIns, n(turnout.walk_ins as u64), "breakdown-walk-ins"),
        ] {
            out.open("div").attr("class", "item").open("dt").text(t(label, lang_now)).close();
            out.open("dd").attr("id", id).text_string(value).close().close();
        }
        out.close().close();
        out
    });
    view! { <Fragment id="breakdown-host" content /> }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    async fn one_tap_at_the_door_checks_a_cooperative_in_once_and_the_counter_follows() {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let state = AppState::load();
        state.lang.set(Lang::Fr);
        state.replace(taawun_core::demo::dataset());
        let id = state.dataset.with_untracked(|d| d.meetings().live().next().unwrap().id);
        let attendance = || state.dataset.with_untracked(|d| d.meetings().get(id).unwrap().data.attendance.len());
        let before = attendance();
        let _mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || view! { <CheckInDesk state id /> });
        leptos::task::tick().await;
        leptos::task::tick().await;
        let counter = || host.query_selector("#turnout").unwrap().unwrap().text_content().unwrap();
        let invited = state.dataset.with_untracked(|d| d.cooperatives().live().count());
        let present = taawun_core::demo::MEETING_PRESENT;
        assert_eq!(counter(), format!("{present} présentes sur {invited} invitées"));

        let row = host.query_selector("#door-results li.door-row.absent").unwrap().expect("an invited cooperative not yet present");
        let cooperative = row.get_attribute("data-id").unwrap();
        row.query_selector("input.people").unwrap().unwrap().unchecked_into::<web_sys::HtmlInputElement>().set_value("4");
        row.query_selector("input.women").unwrap().unwrap().unchecked_into::<web_sys::HtmlInputElement>().set_value("3");
        row.query_selector(".mark-present").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
        leptos::task::tick().await;

        assert_eq!(counter(), format!("{} présentes sur {invited} invitées", present + 1));
        assert_eq!(attendance(), before + 1, "one check-in record more");
        let row = host.query_selector(&format!("#door-results li.door-row.present[data-id='{cooperative}']")).unwrap().expect("the row says present");
        assert!(row.text_content().unwrap().contains("Personnes 4 — Dont femmes 3"), "{:?}", row.text_content());
        assert!(row.query_selector(".mark-present").unwrap().is_none(), "a present cooperative offers no second check-in");

        row.query_selector(".take-back").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
        leptos::task::tick().await;
        assert_eq!(counter(), format!("{present} présentes sur {invited} invitées"));
        assert_eq!(attendance(), before);
    }
}
