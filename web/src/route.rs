//! Navigation in the address's fragment (`#/cooperatives/…?q=…`): the routes, how they are read
//! from and written to the address, and a signal that follows the address.
//!
//! Why the fragment: the app is a set of static files that may be hosted under any sub-path
//! (`/taawun/`) by any static server and served offline by a service worker. The fragment never
//! reaches the server, so reloading or bookmarking any page asks only for `index.html`, and every
//! link is relative to the page. leptos_router 0.8 routes on the path only (its `Router` is tied to
//! the History API's paths), which a static server cannot answer for deep links.

use leptos::prelude::*;
use taawun_core::id::Id;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The dashboard (home).
    Dashboard,
    /// The list of cooperatives.
    Cooperatives,
    /// The form for a new cooperative.
    NewCooperative,
    /// One cooperative.
    Cooperative(Id),
    /// The form editing one cooperative.
    EditCooperative(Id),
    /// The list of projects.
    Projects,
    /// The form for a new project.
    NewProject,
    /// One project.
    Project(Id),
    /// The form editing one project.
    EditProject(Id),
    /// Settings: language, rulebooks, reference data.
    Settings,
    /// Export, import, demo data, reset.
    Data,
    /// The success stories.
    Stories,
    /// The printable report (bilan).
    Report,
    /// A meeting's attendance sheet, for printing.
    AttendanceSheet(Id),
    /// The list of meetings.
    Meetings,
    /// The form for a new meeting.
    NewMeeting,
    /// One meeting: invitations, testimonials, challenges, follow-up actions.
    Meeting(Id),
    /// The form editing one meeting.
    EditMeeting(Id),
    /// The check-in screen at a meeting's door.
    CheckIn(Id),
    /// Follow-up visits: cooperatives never visited, visits overdue.
    Visits,
    /// The form for a new visit (`?cooperative=<id>` chooses the cooperative).
    NewVisit,
    /// Spreadsheets out and in (XLSX, CSV), through the module loaded on first use.
    Spreadsheets,
    /// The merge of another device's exported file into this device's data.
    Merge,
    /// An address the app does not know.
    NotFound,
}

impl Route {
    /// Reads the path part of a fragment (`/cooperatives/0123…`).
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let id = |text: &str| Id::parse(text).ok();
        match segments.as_slice() {
            [] => Route::Dashboard,
            ["cooperatives"] => Route::Cooperatives,
            ["cooperatives", "new"] => Route::NewCooperative,
            ["cooperatives", text] => id(text).map_or(Route::NotFound, Route::Cooperative),
            ["cooperatives", text, "edit"] => id(text).map_or(Route::NotFound, Route::EditCooperative),
            ["projects"] => Route::Projects,
            ["projects", "new"] => Route::NewProject,
            ["projects", text] => id(text).map_or(Route::NotFound, Route::Project),
            ["projects", text, "edit"] => id(text).map_or(Route::NotFound, Route::EditProject),
            ["settings"] => Route::Settings,
            ["data"] => Route::Data,
            ["stories"] => Route::Stories,
            ["report"] => Route::Report,
            ["meetings", text, "attendance"] => id(text).map_or(Route::NotFound, Route::AttendanceSheet),
            ["meetings"] => Route::Meetings,
            ["meetings", "new"] => Route::NewMeeting,
            ["meetings", text] => id(text).map_or(Route::NotFound, Route::Meeting),
            ["meetings", text, "edit"] => id(text).map_or(Route::NotFound, Route::EditMeeting),
            ["meetings", text, "check-in"] => id(text).map_or(Route::NotFound, Route::CheckIn),
            ["visits"] => Route::Visits,
            ["visits", "new"] => Route::NewVisit,
            ["data", "spreadsheets"] => Route::Spreadsheets,
            ["merge"] => Route::Merge,
            _ => Route::NotFound,
        }
    }

    /// The path of this route (`/cooperatives/0123…/edit`).
    pub fn path(&self) -> String {
        match self {
            Route::Dashboard | Route::NotFound => "/".into(),
            Route::Cooperatives => "/cooperatives".into(),
            Route::NewCooperative => "/cooperatives/new".into(),
            Route::Cooperative(id) => format!("/cooperatives/{id}"),
            Route::EditCooperative(id) => format!("/cooperatives/{id}/edit"),
            Route::Projects => "/projects".into(),
            Route::NewProject => "/projects/new".into(),
            Route::Project(id) => format!("/projects/{id}"),
            Route::EditProject(id) => format!("/projects/{id}/edit"),
            Route::Settings => "/settings".into(),
            Route::Data => "/data".into(),
            Route::Stories => "/stories".into(),
            Route::Report => "/report".into(),
            Route::AttendanceSheet(id) => format!("/meetings/{id}/attendance"),
            Route::Meetings => "/meetings".into(),
            Route::NewMeeting => "/meetings/new".into(),
            Route::Meeting(id) => format!("/meetings/{id}"),
            Route::EditMeeting(id) => format!("/meetings/{id}/edit"),
            Route::CheckIn(id) => format!("/meetings/{id}/check-in"),
            Route::Visits => "/visits".into(),
            Route::NewVisit => "/visits/new".into(),
            Route::Spreadsheets => "/data/spreadsheets".into(),
            Route::Merge => "/merge".into(),
        }
    }

    /// The link to this route, relative to the page: `#/cooperatives`.
    pub fn href(&self) -> String {
        format!("#{}", self.path())
    }

    /// The link to this route with query parameters (empty values are left out).
    pub fn href_with(&self, query: &[(&str, String)]) -> String {
        let mut href = self.href();
        let pairs: Vec<String> = query.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        if !pairs.is_empty() {
            href.push('?');
            href.push_str(&pairs.join("&"));
        }
        href
    }
}

/// Where the app is: the route and the query parameters after it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The page.
    pub route: Route,
    /// `?key=value&…` after the route, decoded.
    pub query: Vec<(String, String)>,
}

impl Location {
    /// Reads a fragment such as `#/projects?year=2023&axis=P3-ESS` (with or without the `#`).
    pub fn parse(fragment: &str) -> Location {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let query = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(key), decode(value))
            })
            .collect();
        Location { route: Route::parse(path), query }
    }

    /// The value of a query parameter, or "" when it is absent.
    pub fn get(&self, key: &str) -> String {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// This location with one query parameter set (removed when `value` is empty).
    pub fn with(&self, key: &str, value: &str) -> Location {
        let mut query: Vec<(String, String)> = self.query.iter().filter(|(k, _)| k != key).cloned().collect();
        if !value.is_empty() {
            query.push((key.to_owned(), value.to_owned()));
        }
        Location { route: self.route.clone(), query }
    }

    /// The fragment for this location, `#/…?…`.
    pub fn href(&self) -> String {
        let query: Vec<(&str, String)> = self.query.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        self.route.href_with(&query)
    }
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(&text.replace('+', " ")).map(String::from).unwrap_or_else(|_| text.to_owned())
}

fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The current location, as a signal that follows the address (links, back and forward).
pub fn follow_address() -> RwSignal<Location> {
    let location = RwSignal::new(Location::parse(&current_fragment()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Location::parse(&current_fragment());
        if location.get_untracked() != next {
            location.set(next);
        }
    });
    on_cleanup(move || handle.remove());
    location
}

/// Goes to `href` (a fragment), adding an entry to the history.
pub fn navigate(href: &str) {
    if let Some(window) = web_sys::window() {
        // Setting the fragment fires `hashchange`, which updates the location signal.
        let _ = window.location().set_hash(href.strip_prefix('#').unwrap_or(href));
    }
}

/// Replaces the current address with `next` without a new history entry (filters being typed),
/// and updates the signal at once (`replaceState` fires no event).
pub fn replace(location: RwSignal<Location>, next: Location) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&next.href()));
    }
    location.set(next);
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn every_route_reads_back_from_its_own_link() {
        let id = Id::from_u128(0xabc);
        for route in [
            Route::Dashboard,
            Route::Cooperatives,
            Route::NewCooperative,
            Route::Cooperative(id),
            Route::EditCooperative(id),
            Route::Projects,
            Route::NewProject,
            Route::Project(id),
            Route::EditProject(id),
            Route::Settings,
            Route::Data,
            Route::Stories,
            Route::Report,
            Route::AttendanceSheet(id),
            Route::Meetings,
            Route::NewMeeting,
            Route::Meeting(id),
            Route::EditMeeting(id),
            Route::CheckIn(id),
            Route::Visits,
            Route::NewVisit,
            Route::Spreadsheets,
            Route::Merge,
        ] {
            assert_eq!(Location::parse(&route.href()).route, route);
        }
        assert_eq!(Route::parse("/cooperatives/not-an-id"), Route::NotFound);
    }

    #[wasm_bindgen_test]
    fn query_values_with_arabic_letters_and_symbols_survive_the_address() {
        let location = Location::parse(&Route::Cooperatives.href()).with("q", "الأمل & co=1").with("page", "2");
        let back = Location::parse(&location.href());
        assert_eq!(back, location);
        assert_eq!(back.get("q"), "الأمل & co=1");
        assert_eq!(back.with("q", "").get("q"), "");
    }
}
