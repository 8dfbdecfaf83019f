//! The one-pass reading of the stored parts that every start of the app runs, compiled at
//! `opt-level = 2` while the rest of the app is compiled for size (`opt-level = "z"`).
//!
//! Why a crate of one call: Cargo sets the optimisation level per crate, and generic and
//! `#[inline]` code is compiled in the crate that uses it. Core's reading of the parts
//! (`Decoded::import_fast` and what it calls: serde's readers of every record) is marked so;
//! called from here, it is compiled here, for speed; the app's other uses of core stay small.
//! At region scale (17 000 records) the reading takes about 85 ms in the browser instead of
//! about 125 ms (BENCHMARKS.md), for about 10 KB more of the start download (gzip). Level 3 was
//! no faster and 2 KB larger; compiling all of core for speed cost 40 KB.

use taawun_core::document::Imported;
use taawun_core::storage_layout::Decoded;

/// [`Decoded::import_fast`], compiled for speed.
pub fn import_fast(decoded: &Decoded) -> Option<Imported> {
    decoded.import_fast()
}
