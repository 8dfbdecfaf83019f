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
use taawun_core::dataset::Dataset;
use taawun_core::reference::ReferenceData;

use crate::state::{AppState, Start};
use crate::storage;

thread_local! {
    /// `Some` while the records are being read: the tasks waiting for them.
    static WAITING: RefCell<Option<Vec<Waker>>> = const { RefCell::new(None) };
}

/// Whether the state holds only the outline, its records being read.
#[cfg(test)]
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

/// Reads the records of a start from the outline in the background and puts them in `state`:
/// the data read (the dashboard is drawn again from it), nothing (another tab removed it
/// meanwhile: the first-visit choice), or the problem (the recovery screen). Then every task
/// waiting for them goes on.
pub fn finish(state: AppState, later: storage::Later) {
    WAITING.with_borrow_mut(|waiting| *waiting = Some(Vec::new()));
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
                state.dataset.try_set(Dataset::new(ReferenceData::builtin()));
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
