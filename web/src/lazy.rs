//! Code loaded on first use: `lazy!` marks a page or a heavy function whose code leaves the start
//! download, and `show` displays a lazy page once its part has arrived.
//!
//! `cargo xtask dist` splits the release module at every `lazy!` function (wasm-split, through
//! leptos's re-export of `wasm_split_helpers`): its code, and all code only it reaches, goes into
//! a part of its own (`pkg/split_*.wasm`, with parts shared by several in `chunk_*.wasm`), fetched
//! the first time the function is called. See ARCHITECTURE.md, "Lazy loading".

use std::cell::Cell;
use std::future::Future;

use leptos::prelude::*;
pub use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::i18n::{Label, t};
use crate::state::AppState;

/// Makes a function lazy: it becomes `async` and returns `Result<T, SplitLoaderError>`, the error
/// when its part cannot be fetched (never a panic).
///
/// ```ignore
/// lazy! {
///     /// The list of cooperatives.
///     pub fn cooperatives_page(state: AppState, location: RwSignal<Location>) -> AnyView {
///         view! { <Cooperatives state location /> }.into_any()
///     }
/// }
/// // and where it is shown:
/// lazy::show(state, pages::cooperatives_page(state, location))
/// ```
///
/// Functions given the same part (`lazy! { in registry; pub fn … }`) share one file, fetched the
/// first time any of them runs; without `in`, the function's name names its part. Grouping pages
/// that are visited together saves requests (wasm-split otherwise makes one small shared file for
/// each set of parts that share some code).
///
/// Arguments and result must be concrete types (no generics, no `impl Trait`), passed by value.
/// In the wasm-bindgen tests (`cfg(test)`), whose module is not split, the function is a plain
/// `async fn` with the same signature.
macro_rules! lazy {
    (in $part:ident; $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $(#[$meta])*
        #[cfg(not(test))]
        #[::leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::lazy::SplitLoaderError> {
            // The lazy pages' labels travel with the lazy code (see `i18n`).
            $crate::i18n::bring_page_texts();
            ::core::result::Result::Ok($body)
        }

        $(#[$meta])*
        #[cfg(test)]
        $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::lazy::SplitLoaderError> {
            $crate::i18n::bring_page_texts();
            ::core::result::Result::Ok($body)
        }
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $crate::lazy::lazy! { in $name; $(#[$meta])* $vis fn $name($($arg: $ty),*) -> $out $body }
    };
}
pub(crate) use lazy;

thread_local! {
    /// Whether the user has moved from one page to another: a page that arrives after that takes
    /// the keyboard focus to its heading, as a page shown at once does (see `app::App`).
    static NAVIGATED: Cell<bool> = const { Cell::new(false) };
}

/// Notes that the user moved to another page (called by the shell on each navigation).
pub fn navigated() {
    NAVIGATED.with(|n| n.set(true));
}

/// Runs `task` at once when it can finish without waiting (the part it calls is already here,
/// and always in the unsplit test build), otherwise in the background once the part has arrived.
pub fn run(task: impl Future<Output = ()> + 'static) {
    let mut task = Box::pin(task);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    if task.as_mut().poll(&mut context).is_pending() {
        leptos::task::spawn_local(task);
    }
}

/// Shows the page `load` gives once its part has arrived: a loading line meanwhile, and a message
/// with a reload button if the part cannot be fetched.
pub fn show<F>(state: AppState, load: F) -> AnyView
where
    F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    show_boxed(state, Box::pin(load))
}

/// A page's loading, its type erased: [`show`] and [`page`] are called with a different future
/// for every page, and what they do with it (a `Suspense`, a task) would otherwise be compiled
/// again for each, all of it in the start download.
type Loading<T> = std::pin::Pin<Box<dyn Future<Output = Result<T, SplitLoaderError>>>>;

fn show_boxed(state: AppState, load: Loading<AnyView>) -> AnyView {
    let lang = state.lang;
    // Polled untracked, so that what the page reads while it is built never subscribes the
    // route's effect to it.
    let load = Untracked(Box::pin(with_writing(state, load)));
    let page = SendWrapper::new(async move {
        match load.await {
            Ok(page) => {
                if NAVIGATED.with(Cell::get) {
                    request_animation_frame(|| crate::components::focus("page-title"));
                }
                page
            }
            Err(_) => view! {
                <div class="banner error lazy-failed" role="alert">
                    <p>{move || t(Label::PageUnavailable, lang.get())}</p>
                    <button type="button" on:click=|_| reload()>{move || t(Label::Reload, lang.get())}</button>
                </div>
            }
            .into_any(),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="lazy-loading" aria-busy="true">{move || t(Label::PageLoading, lang.get())}</p> }>
            {Suspend::new(page)}
        </Suspense>
    }
    .into_any()
}

/// `load`, with the writing part (`safety::write`) fetched beside it and the records read: a lazy
/// page may change data, and its edits must be saved at once, not after a fetch the user could
/// leave before; and it shows records, which a start from the outline reads after the dashboard
/// (`reading`). A writing part that cannot be fetched does not stop the page (its saves say so).
async fn with_writing<T>(state: AppState, load: impl Future<Output = T>) -> T {
    let writing = crate::safety::write(state, crate::safety::Write::Ready);
    let (page, _, ()) = futures_util::future::join3(load, writing, crate::reading::records()).await;
    page
}

/// Polls `future` once, as it stands; `None` when it must wait.
fn now<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    match untrack(|| future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()))) {
        std::task::Poll::Ready(value) => Some(value),
        std::task::Poll::Pending => None,
    }
}

/// Shows a lazy page the way an eager one is shown: when its part is here, `load(true)` builds it
/// at once, in the reactive owner of the route's view, so it is disposed with that view. When the
/// part is not here yet, a loading line shows while `load(false)` brings it in the background;
/// when it arrives and `route` is still the same, `arrived` changes, the route's view (which reads
/// it) runs again and finds the part here. A part that cannot be fetched shows a message.
pub fn page<F>(state: AppState, arrived: RwSignal<u32>, route: Memo<crate::route::Route>, load: impl Fn(bool) -> F) -> AnyView
where
    F: Future<Output = Result<Option<AnyView>, SplitLoaderError>> + 'static,
{
    page_boxed(state, arrived, route, Box::pin(load(false)), &mut || Box::pin(load(true)))
}

fn page_boxed(
    state: AppState,
    arrived: RwSignal<u32>,
    route: Memo<crate::route::Route>,
    fetch: Loading<Option<AnyView>>,
    build: &mut dyn FnMut() -> Loading<Option<AnyView>>,
) -> AnyView {
    arrived.track();
    let fetching = with_writing(state, fetch);
    let mut fetching = Box::pin(fetching);
    match now(fetching.as_mut()) {
        Some(Ok(_)) => match now(build()) {
            Some(Ok(Some(view))) => view,
            _ => unavailable(state),
        },
        Some(Err(_)) => unavailable(state),
        None => {
            let asked_for = route.get_untracked();
            let failed = RwSignal::new(false);
            leptos::task::spawn_local(async move {
                let outcome = fetching.await;
                if route.try_get_untracked().as_ref() != Some(&asked_for) {
                    return;
                }
                match outcome {
                    Ok(_) => {
                        if NAVIGATED.with(Cell::get) {
                            request_animation_frame(|| crate::components::focus("page-title"));
                        }
                        arrived.try_update(|n| *n += 1);
                    }
                    Err(_) => {
                        failed.try_set(true);
                    }
                }
            });
            let lang = state.lang;
            view! {
                <Show when=move || failed.get() fallback=move || view! {
                    <p class="lazy-loading" aria-busy="true">{move || t(Label::PageLoading, lang.get())}</p>
                }>
                    {unavailable(state)}
                </Show>
            }
            .into_any()
        }
    }
}

/// The message shown when a part cannot be fetched, with a reload button.
fn unavailable(state: AppState) -> AnyView {
    let lang = state.lang;
    view! {
        <div class="banner error lazy-failed" role="alert">
            <p>{move || t(Label::PageUnavailable, lang.get())}</p>
            <button type="button" on:click=|_| reload()>{move || t(Label::Reload, lang.get())}</button>
        </div>
    }
    .into_any()
}

/// A future whose every poll runs untracked.
struct Untracked<F>(std::pin::Pin<Box<F>>);

impl<F: Future> Future for Untracked<F> {
    type Output = F::Output;
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<F::Output> {
        let inner = self.0.as_mut();
        untrack(move || inner.poll(cx))
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
