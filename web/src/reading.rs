//! The records read after a start from the outline. A returning visit draws the dashboard from
//! the stored outline of the data (`storage::read_start`), with none of the code that reads
//! records; [`finish`] then reads them in the background (part `reading`) and puts them in the
//! state in place of the outline. Until then everything that needs the records waits here
//! ([`records`]): every page but the dashboard (`lazy::page`, `lazy::show`) and every write
//! (`safety::write`), so the outline is never edited, saved or exported.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

use crate::state::{AppState, Start};
use crate::storage;

thread_local! {
    /// `Some` while the records are being read: the tasks waiting for them.
    static WAITING: RefCell<Option<Vec<Waker>>> = const { RefCell::new(None) };
}

/// Whether the state holds only the outline, its records being read.
#[cfg(all(test, target_arch = "wasm32"))]
pub fn pending() -> bool {
    WAITING.with_borrow(Option::is_some)
}

/// Ready once the state holds the records (at once when it already does).
pub fn records() -> impl Future<Output = ()> {
    Records
}

struct Records;

impl Future for Records {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        WAITING.with_borrow_mut(|waiting| match waiting {
            Some(wakers) => {
                if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
                    wakers.push(cx.waker().clone());
                }
                Poll::Pending
            }
            None => Poll::Ready(()),
        })
    }
}

/// Reads the records of a start from the outline in the background, from the frame after the
/// dashboard is painted, and puts them in `state`:
/// the data read (the dashboard is drawn again from it), nothing (another tab removed it
/// meanwhile: the first-visit choice), or the problem (the recovery screen). Then every task
/// waiting for them goes on.
pub fn finish(state: AppState, later: storage::Later) {
    WAITING.with_borrow_mut(|waiting| *waiting = Some(Vec::new()));
    // After the frame that paints the dashboard: fetching and compiling the reading part would
    // otherwise hold that frame back.
    request_animation_frame(move || set_timeout(move || read_records(state, later), std::time::Duration::ZERO));
}

fn read_records(state: AppState, later: storage::Later) {
    leptos::task::spawn_local(async move {
        let outcome = later.finish().await;
        crate::marks::mark("taawun:records");
        match outcome {
            Ok(Some(loaded)) => {
                state.safety.after_load(&loaded);
                state.dataset.try_set(loaded.imported.dataset);
                state.forget_tally();
            }
            Ok(None) => {
                state.dataset.try_set(crate::state::no_data());
                state.forget_tally();
                state.start.try_set(Start::FirstVisit);
            }
            Err(problem) => {
                state.start.try_set(Start::Unreadable(problem));
            }
        }
        let wakers = WAITING.with_borrow_mut(Option::take).unwrap_or_default();
        for waker in wakers {
            waker.wake();
        }
    });
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use taawun_core::demo;
    use taawun_core::stats::{self, Filter};
    use wasm_bindgen_test::*;

    use crate::state::Opened;

    wasm_bindgen_test_configure!(run_in_browser);

    /// Lets the tasks woken so far run.
    async fn tick() {
        let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        let _ = wasm_bindgen_futures::JsFuture::from(resolved).await;
    }

    #[wasm_bindgen_test]
    async fn a_start_from_the_outline_shows_the_figures_then_takes_the_records_and_writes_only_after() {
        // Mounting anything sets up the task executor, which this test uses without the app.
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(host), || ()).forget();
        storage::tests::fresh();
        let dataset = demo::dataset();
        storage::save(&dataset).unwrap();
        storage::forget_session();
        let storage::Opening::Outline(outline, later) = storage::read_start() else { panic!("data saved by this build has its outline") };
        assert_eq!(stats::compute(&outline, &Filter::default()), stats::compute(&dataset, &Filter::default()));
        assert_eq!(outline.meetings().len() + outline.visits().len(), 0, "the outline holds no meeting or visit");

        let owner = Owner::new();
        owner.set();
        crate::state::hand_over(Opened::Outline(outline, later));
        let state = AppState::load();
        assert!(pending(), "the records are being read");
        let stored = storage::tests::snapshot();
        // A save asked for while the outline is shown waits for the records: nothing is written.
        state.save();
        assert_eq!(storage::tests::snapshot(), stored, "nothing written over the data while only its outline is here");

        records().await;
        tick().await;
        assert!(!pending());
        assert_eq!(state.dataset.get_untracked(), dataset, "the records replaced the outline");
        assert_eq!(state.save_problem.get_untracked(), None);
        storage::forget_session();
        assert_eq!(storage::load_now().unwrap().unwrap().imported.dataset, dataset, "the save that waited wrote the records, not the outline");
    }

    #[wasm_bindgen_test]
    fn data_stored_without_an_outline_is_read_from_its_records() {
        storage::tests::fresh();
        let dataset = demo::dataset();
        storage::save(&dataset).unwrap();
        // As a build without outlines stored it: the head names no outline part.
        let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        let mut head = taawun_core::storage_layout::read_head(&storage.get_item(taawun_core::storage_layout::HEAD_KEY).unwrap().unwrap()).unwrap();
        head.parts.retain(|part| !part.name.starts_with(taawun_core::storage_layout::OUTLINE_PREFIX));
        storage.set_item(taawun_core::storage_layout::HEAD_KEY, &head.to_value()).unwrap();
        storage::forget_session();
        assert!(matches!(storage::read_start(), storage::Opening::Read(storage::Reading::Later(_))), "no outline: the records are read first");
        storage::forget_session();
        assert_eq!(storage::load_now().unwrap().unwrap().imported.dataset, dataset);
    }
}
