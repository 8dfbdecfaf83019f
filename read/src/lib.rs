//! The one-pass reading of the stored parts that every start of the app runs, compiled at
//! `opt-level = 3` while the rest of the app is compiled for size (`opt-level = "z"`).
//!
//! Why a crate of one call: Cargo sets the optimisation level per crate, and generic and
//! `#[inline]` code is compiled in the crate that uses it. Core's reading of the parts
//! (`Decoded::import_fast` and what it calls: serde's readers of every record) is marked so;
//! called from here, it is compiled here, for speed; the app's other uses of core stay small.
//! At region scale (17 000 records) this halves the reading in the browser (see BENCHMARKS.md)
//! for a few kilobytes of the start download.

use taawun_core::document::Imported;
use taawun_core::storage_layout::Decoded;

/// [`Decoded::import_fast`], compiled for speed.
pub fn import_fast(decoded: &Decoded) -> Option<Imported> {
    decoded.import_fast()
}
