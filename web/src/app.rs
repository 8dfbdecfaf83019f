//! The app's shell: the header with the navigation and the language switch, the page of the
//! current address, and the first-visit choice between an empty registry and the demo data.

use leptos::prelude::*;
use taawun_core::Lang;

use crate::i18n::{Label, endonym, t};
use crate::pages;
use crate::route::{self, Location, Route};
use crate::state::{AppState, Start};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    crate::safety::watch(state);
    let location = route::follow_address();
    crate::glance::watch(state, location);
    let route = Memo::new(move |_| location.with(|l| l.route.clone()));
    // A memo, so that replacing the data (which marks the start as loaded again) keeps the page.
    let screen = Memo::new(move |_| {
        state.start.with(|start| match start {
            Start::FirstVisit => Screen::FirstVisit,
            Start::Unreadable(_) => Screen::Recovery,
            Start::Loaded => Screen::Page,
        })
    });

    // `lang` and `dir` come from the chosen language, never from the text.
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", lang.code());
            let _ = html.set_attribute("dir", if lang.is_rtl() { "rtl" } else { "ltr" });
        }
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(t(Label::AppName, lang));
        }
    });

    // After a navigation, the keyboard focus moves to the new page's heading.
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        if previous.is_some_and(|p| p != current) {
            crate::lazy::navigated();
            request_animation_frame(|| crate::components::focus("page-title"));
        }
        current
    });

    view! {
        <button type="button" class="skip" on:click=move |_| crate::components::focus("main")>
            {move || t(Label::SkipToContent, state.lang.get())}
        </button>
        <header class="top">
            <a class="brand" href=Route::Dashboard.href()>
                {move || t(Label::AppName, state.lang.get())}
            </a>
            <Navigation state route />
            <LanguageSwitch state />
        </header>
        <crate::safety::SafetyBanners state />
        <main id="main" tabindex="-1">
            {move || match screen.get() {
                Screen::FirstVisit => view! { <FirstVisit state /> }.into_any(),
                Screen::Recovery => match state.start.get_untracked() {
                    Start::Unreadable(problem) => crate::lazy::show(state, pages::entry::recovery(state, problem)),
                    _ => view! { <Page state route location /> }.into_any(),
                },
                Screen::Page => view! { <Page state route location /> }.into_any(),
            }}
        </main>
    }
}

/// What fills the main area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    FirstVisit,
    /// The stored data could not be read, or is newer: the recovery or read-only screen.
    Recovery,
    Page,
}

#[component]
fn Navigation(state: AppState, route: Memo<Route>) -> impl IntoView {
    let section = move || match route.get() {
        Route::Dashboard | Route::NotFound => 0,
        Route::Cooperatives | Route::NewCooperative | Route::Cooperative(_) | Route::EditCooperative(_) => 1,
        Route::Projects | Route::NewProject | Route::Project(_) | Route::EditProject(_) => 2,
        Route::Settings => 3,
        // Reached from the dashboard, so its entry stays marked.
        Route::Stories | Route::Report => 0,
        Route::AttendanceSheet(_) => 5,
        Route::Meetings | Route::NewMeeting | Route::Meeting(_) | Route::EditMeeting(_) | Route::CheckIn(_) => 5,
        Route::Visits | Route::NewVisit => 6,
        Route::Data | Route::Spreadsheets | Route::Merge => 4,
    };
    let links = [
        (0, Route::Dashboard, Label::NavDashboard),
        (1, Route::Cooperatives, Label::NavCooperatives),
        (2, Route::Projects, Label::NavProjects),
        (5, Route::Meetings, Label::NavMeetings),
        (6, Route::Visits, Label::NavVisits),
        (3, Route::Settings, Label::NavSettings),
        (4, Route::Data, Label::NavData),
    ];
    view! {
        <nav aria-label=move || t(Label::MainNavigation, state.lang.get())>
            <ul>
                {links
                    .into_iter()
                    .map(|(index, target, label)| {
                        view! {
                            <li>
                                <a href=target.href() id=format!("nav-{}", target.path().trim_start_matches('/').replace('/', "-"))
                                    aria-current=move || (section() == index).then_some("page")>
                                    {move || t(label, state.lang.get())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn LanguageSwitch(state: AppState) -> impl IntoView {
    let other = move || match state.lang.get() {
        Lang::Ar => Lang::Fr,
        Lang::Fr => Lang::Ar,
    };
    view! {
        <button type="button" id="lang-switch" class="lang-switch"
            aria-label=move || format!("{} {}", t(Label::SwitchLanguageTo, state.lang.get()), endonym(other()))
            lang=move || other().code() on:click=move |_| state.set_lang(other())>
            {move || endonym(other())}
        </button>
    }
}

#[component]
fn FirstVisit(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let demo_failed = RwSignal::new(false);
    view! {
        <section class="welcome">
            <h1 id="page-title" tabindex="-1">{move || t(Label::WelcomeTitle, lang.get())}</h1>
            <p>{move || t(Label::WelcomeText, lang.get())}</p>
            <div class="actions">
                <button type="button" id="start-empty" class="primary"
                    on:click=move |_| {
                        // The built-in reference data is lazy too: fetched when asked for.
                        crate::lazy::run(async move {
                            match pages::entry::empty_data().await {
                                Ok(dataset) => state.replace(dataset),
                                Err(_) => demo_failed.set(true),
                            }
                        })
                    }>
                    {move || t(Label::StartEmpty, lang.get())}
                </button>
                <button type="button" id="start-demo" on:click=move |_| {
                    // The demo generator is lazy: it is fetched when asked for.
                    crate::lazy::run(async move {
                        match pages::entry::demo_data().await {
                            Ok(dataset) => state.replace(dataset),
                            Err(_) => demo_failed.set(true),
                        }
                    })
                }>
                    {move || t(Label::LoadDemo, lang.get())}
                </button>
            </div>
            <Show when=move || demo_failed.get()>
                <p class="banner error" role="alert">{move || t(Label::PageUnavailable, lang.get())}</p>
            </Show>
        </section>
    }
}

#[component]
fn Page(state: AppState, route: Memo<Route>, location: RwSignal<Location>) -> impl IntoView {
    use crate::lazy::{page, show};
    use pages::entry;
    // Every page but the dashboard is lazy: its code arrives on first visit. The registry's pages
    // are built at once once their part is here (`lazy::page`); `arrived` changes when a part
    // asked for by the page shown has arrived.
    let arrived = RwSignal::new(0u32);
    move || match route.get() {
        Route::Dashboard => view! { <pages::dashboard::Dashboard state location /> }.into_any(),
        Route::Cooperatives => page(state, arrived, route, move |build| entry::cooperatives(state, location, build)),
        Route::NewCooperative => page(state, arrived, route, move |build| entry::cooperative_form(state, None, build)),
        Route::Cooperative(id) => page(state, arrived, route, move |build| entry::cooperative(state, id, build)),
        Route::EditCooperative(id) => page(state, arrived, route, move |build| entry::cooperative_form(state, Some(id), build)),
        Route::Projects => page(state, arrived, route, move |build| entry::projects(state, location, build)),
        Route::NewProject => {
            let cooperative = location.with_untracked(|l| taawun_core::id::Id::parse(&l.get("cooperative")).ok());
            page(state, arrived, route, move |build| entry::project_form(state, None, cooperative, build))
        }
        Route::Project(id) => page(state, arrived, route, move |build| entry::project(state, id, build)),
        Route::EditProject(id) => page(state, arrived, route, move |build| entry::project_form(state, Some(id), None, build)),
        Route::Settings => show(state, entry::settings(state)),
        Route::Data => show(state, entry::data(state)),
        Route::Stories => show(state, entry::stories(state)),
        Route::Report => show(state, entry::report(state, location)),
        Route::AttendanceSheet(id) => show(state, entry::attendance_sheet(state, id)),
        Route::Meetings => show(state, entry::meetings(state)),
        Route::NewMeeting => show(state, entry::meeting_form(state, None)),
        Route::Meeting(id) => show(state, entry::meeting(state, id)),
        Route::EditMeeting(id) => show(state, entry::meeting_form(state, Some(id))),
        Route::CheckIn(id) => show(state, entry::check_in(state, id)),
        Route::Visits => show(state, entry::visits(state)),
        Route::NewVisit => {
            let cooperative = location.with_untracked(|l| taawun_core::id::Id::parse(&l.get("cooperative")).ok());
            show(state, entry::visit_form(state, cooperative))
        }
        Route::Spreadsheets => show(state, entry::spreadsheets(state)),
        Route::Merge => show(state, entry::merge(state)),
        Route::NotFound => view! { <NotFound state /> }.into_any(),
    }
}

#[component]
fn NotFound(state: AppState) -> impl IntoView {
    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::PageNotFound, state.lang.get())}</h1>
        <p><a href=Route::Dashboard.href()>{move || t(Label::BackToDashboard, state.lang.get())}</a></p>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_shell_offers_every_section_and_a_language_switch() {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        leptos::mount::mount_to(host.clone().unchecked_into(), App).forget();
        let links = host.query_selector_all("nav a").unwrap();
        assert_eq!(links.length(), 7);
        assert!(host.query_selector("#lang-switch").unwrap().is_some());
    }
}
