//! What the lists share: filters and sort kept in the address, pages of fifty records and the
//! links between them.

use leptos::prelude::*;

use crate::i18n::{Label, t};
use crate::route::{self, Location, Route};
use crate::state::AppState;

/// `items` in the order of a text key per item, ties kept in their order.
///
/// Every list of the app sorts through here, on `(String, usize)` pairs: one sort routine in the
/// WebAssembly instead of one per list and comparison, which would weigh on the start download.
/// Keys come from `fold::sort_key` for names (each language's order), and from fixed-width
/// numbers for counts, amounts and dates.
/// Core's lists sort through the same routine (`fold::sorted_by_key`).
pub fn sorted_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    taawun_core::fold::sorted_by_key(items, key)
}

/// A key that sorts larger numbers first, as text.
pub fn descending(value: u64) -> String {
    taawun_core::fold::descending(value)
}

/// Records per page: enough to scroll, few enough that a list of thousands stays smooth.
pub const PAGE_SIZE: usize = 50;

/// The page asked for in the address (from 1), kept within the pages that exist.
pub fn page_of(asked: &str, records: usize) -> usize {
    let pages = records.div_ceil(PAGE_SIZE).max(1);
    asked.parse::<usize>().unwrap_or(1).clamp(1, pages)
}

/// Links to the previous and next pages, and where the list stands.
#[component]
pub fn Pager(state: AppState, location: RwSignal<Location>, page: Signal<usize>, total: Signal<usize>) -> impl IntoView {
    let lang = state.lang;
    let pages = move || total.get().div_ceil(PAGE_SIZE).max(1);
    let go = move |delta: isize| {
        move |_| {
            let next = page.get_untracked().saturating_add_signed(delta).clamp(1, pages());
            let target = location.with_untracked(|l| l.with("page", &if next == 1 { String::new() } else { next.to_string() }));
            route::replace(location, target);
            crate::components::focus("page-title");
        }
    };
    view! {
        <Show when=move || { pages() > 1 }>
            <nav class="pager" aria-label=move || t(Label::Pagination, lang.get())>
                <button type="button" id="page-previous" disabled=move || { page.get() <= 1 } on:click=go(-1)>
                    {move || t(Label::Previous, lang.get())}
                </button>
                <span id="page-status">{move || format!("{} {} / {}", t(Label::Page, lang.get()), page.get(), pages())}</span>
                // Braces: a bare `>=` inside `view!` would close the tag.
                <button type="button" id="page-next" disabled=move || { page.get() >= pages() } on:click=go(1)>
                    {move || t(Label::Next, lang.get())}
                </button>
            </nav>
        </Show>
    }
}

/// A list's filters, sort and page, kept in the address so that a link or a reload shows the
/// same list: each parameter read, set from the control that changed, and a select's options.
#[derive(Clone, Copy)]
pub struct Query(RwSignal<Location>);

impl Query {
    pub fn new(location: RwSignal<Location>) -> Query {
        Query(location)
    }

    /// The value of `key` in the address, read reactively.
    pub fn param(self, key: &'static str) -> impl Fn() -> String + Copy + 'static {
        move || self.0.with(|l| l.get(key))
    }

    /// Sets `key` to `value` and goes back to the first page; the address is replaced, not
    /// pushed, so that the back button leaves the list rather than undoing a filter.
    fn put(self, key: &'static str, value: &str) {
        let next = self.0.with_untracked(|l| l.with(key, value).with("page", ""));
        route::replace(self.0, next);
    }

    /// Sets `key` to the value of the control that changed.
    pub fn set(self, key: &'static str) -> impl Fn(leptos::ev::Event) + Copy + 'static {
        move |ev| self.put(key, &event_target_value(&ev))
    }

    /// Sets `key` to `1` while the box that changed is ticked.
    pub fn set_ticked(self, key: &'static str) -> impl Fn(leptos::ev::Event) + Copy + 'static {
        move |ev| self.put(key, if event_target_checked(&ev) { "1" } else { "" })
    }

    /// Back to `route` with no filter.
    pub fn clear(self, route: Route) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        move |_| route::replace(self.0, Location { route: route.clone(), query: Vec::new() })
    }

    /// Whether a filter other than the search is set, to keep the filters open; a memo, so
    /// typing a search does not close what the user opened.
    pub fn filtering(self) -> Memo<bool> {
        Memo::new(move |_| self.0.with(|l| l.query.iter().any(|(k, _)| k != "q" && k != "page")))
    }

    /// The options of the select over `key`: first the empty value's, named `unset` (every
    /// record, or the default sort), then `choices` as (value, text); the one in the address
    /// is selected.
    pub fn options(self, key: &'static str, unset: &str, choices: impl IntoIterator<Item = (String, String)>) -> Vec<AnyView> {
        let current = self.0.with(|l| l.get(key));
        std::iter::once((String::new(), unset.to_owned()))
            .chain(choices)
            .map(|(value, text)| {
                let selected = value == current;
                view! { <option value=value prop:selected=selected>{text}</option> }.into_any()
            })
            .collect()
    }

    /// The page asked for in the address, within the pages `records()` fill.
    pub fn page(self, records: impl Fn() -> usize + Send + Sync + 'static) -> Signal<usize> {
        Signal::derive(move || page_of(&self.0.with(|l| l.get("page")), records()))
    }
}

/// The communes of the reference data as a filter's choices (code, name in `lang`), in the
/// order of their names.
pub fn commune_choices(dataset: &taawun_core::dataset::Dataset, lang: taawun_core::Lang) -> Vec<(String, String)> {
    let list = dataset.reference().communes().iter().map(|c| (c.code.clone(), c.name(lang).to_owned())).collect();
    sorted_by_key(list, |c: &(String, String)| taawun_core::fold::sort_key(&c.1))
}

/// The rows of page `page` (from 1).
pub fn on_page<T: Clone>(rows: &[T], page: usize) -> Vec<T> {
    rows.iter().skip(page.saturating_sub(1) * PAGE_SIZE).take(PAGE_SIZE).cloned().collect()
}
