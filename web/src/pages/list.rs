//! What the lists share: pages of fifty records and the links between them.

use leptos::prelude::*;

use crate::i18n::{Label, t};
use crate::route::{self, Location};
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
