//! Fuzz target (r26): `document::import` on arbitrary bytes never panics, and whatever it
//! accepts survives export → import unchanged, with the same bytes.
//!
//! From `core/fuzz`: `cargo +nightly fuzz run r26_import corpus/r26_import ../tests/fixtures --
//! -dict=import.dict -max_total_time=600` (the fixtures seed the corpus, the dictionary holds
//! the format's keys and values).
#![no_main]

use libfuzzer_sys::fuzz_target;
use taawun_core::document;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(imported) = document::import(bytes) {
        let exported = document::export(&imported.dataset);
        let again = document::import(&exported).expect("an export imports");
        assert_eq!(again.dataset, imported.dataset);
        assert_eq!(document::export(&again.dataset), exported);
        let figures = taawun_core::stats::compute(&imported.dataset, &taawun_core::stats::Filter::default());
        let _ = taawun_core::stats::headline(&figures, taawun_core::Lang::Ar);
    }
});
