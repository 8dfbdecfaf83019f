//! Fuzz target: `Amount::parse` never panics on any text, and every amount it accepts survives
//! print → parse (canonical form, French and Arabic display forms) unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use taawun_core::amount::{Amount, ParseLocale};
use taawun_core::text::{self, Localised};
use taawun_core::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    for locale in [ParseLocale::Strict, ParseLocale::Moroccan] {
        match Amount::parse(input, locale) {
            Ok(amount) => {
                let reparse = |printed: &str| Amount::parse(printed, ParseLocale::Strict);
                assert_eq!(reparse(&amount.to_canonical()), Ok(amount), "canonical form of {input:?}");
                assert_eq!(Amount::parse_canonical(&amount.to_canonical()), Ok(amount), "stored form of {input:?}");
                for lang in Lang::ALL {
                    let shown = text::amount(amount, lang);
                    assert_eq!(reparse(&shown), Ok(amount), "{lang:?} form {shown:?} of {input:?}");
                    // The compact form rounds for display; it must still read back as an amount.
                    let compact = text::amount_compact(amount, lang);
                    assert!(reparse(&compact).is_ok(), "{lang:?} compact form {compact:?} of {input:?}");
                }
                let json = serde_json::to_string(&amount).expect("an amount serialises");
                assert_eq!(serde_json::from_str::<Amount>(&json).ok(), Some(amount), "JSON of {input:?}");
            }
            Err(error) => {
                assert_eq!(error.input(), input, "the error carries the input");
                for lang in Lang::ALL {
                    assert!(!error.message(lang).is_empty());
                }
            }
        }
    }
});
