//! Fuzz target: `Ice::parse` never panics on any text, and every ICE it accepts survives
//! print → parse and a JSON round trip unchanged, with the checksum verdict kept.

#![no_main]

use libfuzzer_sys::fuzz_target;
use taawun_core::ice::{Ice, IceCheck};
use taawun_core::text::Localised;
use taawun_core::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let lenient = Ice::parse(input, IceCheck::Off);
    for check in [IceCheck::Enforce, IceCheck::Warn, IceCheck::Off] {
        match Ice::parse(input, check) {
            Ok(ice) => {
                assert_eq!(ice.as_str().len(), 15);
                assert!(ice.as_str().bytes().all(|b| b.is_ascii_digit()));
                assert!(check != IceCheck::Enforce || ice.checksum_holds(), "enforced check let {input:?} through");
                assert_eq!(Ice::parse(&ice.to_string(), check).as_ref(), Ok(&ice), "print → parse of {input:?}");
                let json = serde_json::to_string(&ice).expect("an ICE serialises");
                assert_eq!(serde_json::from_str::<Ice>(&json).ok().as_ref(), Some(&ice), "JSON of {input:?}");
                assert_eq!(lenient.as_ref(), Ok(&ice), "the setting changes only the checksum verdict");
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
