//! Fuzz target (r26): `document::import` on arbitrary bytes never panics; the fast reading of a
//! current-version document takes only what the full reading takes, and reads it the same;
//! and whatever import accepts survives export → import unchanged, with the same bytes.
//!
//! From `core/fuzz`: `cargo +nightly fuzz run r26_import corpus/r26_import ../tests/fixtures --
//! -dict=import.dict -max_total_time=600` (the fixtures seed the corpus, the dictionary holds
//! the format's keys and values).
#![no_main]

use libfuzzer_sys::fuzz_target;
use taawun_core::document;

fuzz_target!(|bytes: &[u8]| {
    let full = document::import_slow(bytes, document::MAX_BYTES);
    if let Some(fast) = document::import_fast(bytes) {
        assert_eq!(Ok(&fast), full.as_ref(), "the fast reading takes only what the full one takes, and reads it the same");
    }
    assert_eq!(document::import(bytes), full);
    if let Ok(imported) = full {
        let exported = document::export(&imported.dataset);
        let again = document::import(&exported).expect("an export imports");
        assert_eq!(again.dataset, imported.dataset);
        assert_eq!(document::export(&again.dataset), exported);
        let figures = taawun_core::stats::compute(&imported.dataset, &taawun_core::stats::Filter::default());
        let _ = taawun_core::stats::headline(&figures, taawun_core::Lang::Ar);
    }
});
