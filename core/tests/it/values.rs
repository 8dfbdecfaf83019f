//! Core values from the outside: the reliability cases on amounts and ICEs (r19, r20, r24) and
//! property tests of round trips (print → parse, JSON) and of checked arithmetic.

use proptest::prelude::*;
use taawun_core::Lang;
use taawun_core::amount::{Amount, AmountError, ParseLocale};
use taawun_core::date::Date;
use taawun_core::fold::{matches, search_key};
use taawun_core::ice::{Ice, IceCheck, IceError};
use taawun_core::phone::Phone;
use taawun_core::rate::Rate;
use taawun_core::text::{self, Localised};

/// The largest number of centimes an amount holds.
const MAX_CENTIMES: u64 = 99_999_999_999_999_999;

fn variant<E: std::fmt::Debug>(error: &E) -> String {
    format!("{error:?}").split([' ', '{', '(']).next().unwrap_or_default().to_owned()
}

#[test]
fn r19_exotic_amounts_each_have_their_own_error_and_nothing_is_rounded() {
    let thirty_digits = "123456789012345678901234567890";
    let cases = [
        ("1e3", "Exponent"),
        ("1_000", "Underscore"),
        ("0.001", "TooManyDecimals"),
        ("12,5,0", "SeveralDecimalMarks"),
        ("-0", "Sign"),
        ("NaN", "NotANumber"),
        (thirty_digits, "TooLarge"),
    ];
    let mut seen = std::collections::HashSet::new();
    for (input, expected) in cases {
        for locale in [ParseLocale::Strict, ParseLocale::Moroccan] {
            let error = Amount::parse(input, locale).expect_err(input);
            assert_eq!(variant(&error), expected, "{input:?} in {locale:?}");
            assert_eq!(error.input(), input);
            for lang in Lang::ALL {
                assert!(error.message(lang).contains(input) || input == thirty_digits && error.message(lang).contains("1 000"));
            }
        }
        assert!(seen.insert(expected), "{expected} is used by two cases");
    }
    // Stored data gets no friendlier treatment: a bad amount in JSON is an error, not a guess.
    assert!(serde_json::from_str::<Amount>("\"12.345\"").is_err());
    assert!(serde_json::from_str::<Amount>("\"1e3\"").is_err());
}

#[test]
fn r19_a_thirty_digit_amount_is_too_large_rather_than_overflowing() {
    let input = "9".repeat(30);
    assert_eq!(Amount::parse(&input, ParseLocale::Strict), Err(AmountError::TooLarge { input: input.clone() }));
    assert_eq!(Amount::parse_canonical(&input), Err(AmountError::TooLarge { input }));
}

#[test]
fn r20_ices_of_the_wrong_length_are_refused_with_their_digit_count() {
    for (input, digits) in [("1", 1), ("00156119100006", 14), ("0015611910000660", 16), ("001 561 191 000 06", 14)] {
        assert_eq!(Ice::parse(input, IceCheck::Off), Err(IceError::WrongLength { input: input.into(), digits }));
    }
}

#[test]
fn r20_ices_with_letters_are_refused() {
    for input in ["00156119100006O", "O01561191000066", "001561191OOOO66", "001561191000066x"] {
        assert!(matches!(Ice::parse(input, IceCheck::Off), Err(IceError::NotADigit { .. })), "{input}");
    }
}

#[test]
fn r20_leading_zeros_of_an_ice_survive_every_round_trip() {
    let ice = Ice::parse("000 000 097 000 000", IceCheck::Enforce).expect("a multiple of 97");
    assert_eq!(ice.as_str(), "000000097000000");
    assert_eq!(Ice::parse(&ice.to_string(), IceCheck::Enforce), Ok(ice.clone()));
    let json = serde_json::to_string(&ice).unwrap();
    assert_eq!(json, "\"000000097000000\"");
    assert_eq!(serde_json::from_str::<Ice>(&json).unwrap(), ice);
}

#[test]
fn the_figures_of_the_source_article_read_and_print_as_the_press_writes_them() {
    let parse = |text| Amount::parse(text, ParseLocale::Moroccan).unwrap();
    let total = parse("20,86 مليون درهم");
    let indh = parse("13,17 MDH");
    assert_eq!(total.to_string(), "20860000.00");
    assert_eq!(text::amount_compact(total, Lang::Ar), "20,86\u{a0}مليون درهم");
    assert_eq!(text::amount_compact(indh, Lang::Fr), "13,17\u{a0}MDH");
    assert_eq!(text::amount(indh, Lang::Fr), "13\u{a0}170\u{a0}000,00\u{a0}DH");
    let share = Rate::ratio(indh, total).unwrap();
    assert_eq!(text::percent(share, Lang::Fr), "63,1\u{a0}%");
    let others = total.checked_sub(indh).unwrap();
    assert_eq!(text::amount_compact(others, Lang::Fr), "7,69\u{a0}MDH");
    assert_eq!(text::date(Date::new(2025, 7, 9).unwrap(), Lang::Ar), "9 يوليوز 2025");
    assert_eq!(text::count(85, text::Noun::Cooperative, Lang::Ar), "85 تعاونية");
    assert_eq!(text::count(33, text::Noun::Cooperative, Lang::Fr), "33 coopératives");
}

fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![0..=MAX_CENTIMES, 0..=100_000_000u64, (MAX_CENTIMES - 1_000_000)..=MAX_CENTIMES, (0..=99_999_999u64).prop_map(|m| m * 1_000_000),]
        .prop_map(|c| Amount::from_centimes(c).expect("within range"))
}

/// Text shaped like amounts, to reach deep into the grammar.
fn amount_like_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("0"),
        Just("1"),
        Just("5"),
        Just("9"),
        Just("123"),
        Just("000"),
        Just(" "),
        Just("\u{a0}"),
        Just("\u{202f}"),
        Just("."),
        Just(","),
        Just("٫"),
        Just("٬"),
        Just("ر"),
        Just("٣"),
        Just("۷"),
        Just(" DH"),
        Just(" MDH"),
        Just(" MMDH"),
        Just(" مليون درهم"),
        Just(" مليار"),
        Just("e"),
        Just("-"),
        Just("_"),
        Just("\u{200f}"),
    ];
    proptest::collection::vec(pieces, 0..14).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn r24_printing_then_parsing_an_amount_gives_it_back(a in amount()) {
        for locale in [ParseLocale::Strict, ParseLocale::Moroccan] {
            prop_assert_eq!(Amount::parse(&a.to_string(), locale), Ok(a));
            for lang in Lang::ALL {
                prop_assert_eq!(Amount::parse(&text::amount(a, lang), locale), Ok(a));
            }
        }
        prop_assert_eq!(Amount::parse_canonical(&a.to_canonical()), Ok(a));
        let json = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(serde_json::from_str::<Amount>(&json).unwrap(), a);
    }

    #[test]
    fn r24_compact_forms_read_back_and_are_exact_when_no_rounding_happened(a in amount()) {
        for lang in Lang::ALL {
            let compact = text::amount_compact(a, lang);
            let back = Amount::parse(&compact, ParseLocale::Strict);
            prop_assert!(back.is_ok(), "{compact:?}: {back:?}");
            // Exact when below a million, when a whole number of 10 000 DH below a milliard
            // (two decimals of MDH), or when a whole number of 10 000 000 DH (two of MMDH).
            let c = a.to_centimes();
            if c < 100_000_000 || (c % 1_000_000 == 0 && c < 100_000_000_000) || c % 1_000_000_000 == 0 {
                prop_assert_eq!(back, Ok(a));
            }
        }
    }

    #[test]
    fn r24_checked_sums_never_panic_and_are_exact(centimes in proptest::collection::vec(0..=MAX_CENTIMES, 0..6)) {
        let amounts: Vec<Amount> = centimes.iter().map(|&c| Amount::from_centimes(c).unwrap()).collect();
        let exact: u128 = centimes.iter().map(|&c| u128::from(c)).sum();
        match Amount::checked_sum(amounts.iter().copied()) {
            Some(sum) => prop_assert_eq!(u128::from(sum.to_centimes()), exact),
            None => prop_assert!(exact > u128::from(MAX_CENTIMES)),
        }
    }

    #[test]
    fn r24_checked_differences_never_panic(a in amount(), b in amount()) {
        match a.checked_sub(b) {
            Some(difference) => prop_assert_eq!(difference.checked_add(b), Some(a)),
            None => prop_assert!(a < b),
        }
    }

    #[test]
    fn any_text_either_parses_to_an_amount_that_round_trips_or_is_refused_with_its_input(
        text in prop_oneof![amount_like_text(), any::<String>()]
    ) {
        for locale in [ParseLocale::Strict, ParseLocale::Moroccan] {
            match Amount::parse(&text, locale) {
                Ok(a) => prop_assert_eq!(Amount::parse(&a.to_string(), ParseLocale::Strict), Ok(a)),
                Err(e) => prop_assert_eq!(e.input(), text.as_str()),
            }
        }
    }

    #[test]
    fn an_ice_round_trips_through_text_spaces_and_json(digits in "[0-9]{15}", spaced in any::<bool>()) {
        let typed = if spaced { format!("{} {} {}", &digits[..9], &digits[9..13], &digits[13..]) } else { digits.clone() };
        let ice = Ice::parse(&typed, IceCheck::Warn).unwrap();
        prop_assert_eq!(ice.as_str(), digits.as_str());
        prop_assert_eq!(ice.checksum_holds(), digits.parse::<u64>().unwrap() % 97 == 0);
        prop_assert_eq!(Ice::parse(&ice.to_string(), IceCheck::Off), Ok(ice.clone()));
        let json = serde_json::to_string(&ice).unwrap();
        prop_assert_eq!(serde_json::from_str::<Ice>(&json).unwrap(), ice);
    }

    #[test]
    fn any_text_given_as_an_ice_is_parsed_or_refused_without_panicking(text in any::<String>()) {
        if let Err(e) = Ice::parse(&text, IceCheck::Enforce) {
            prop_assert_eq!(e.input(), text.as_str());
        }
    }

    #[test]
    fn a_date_round_trips_through_text_and_json(days in -25_567i32..=84_000) {
        let date = Date::from_days_since_epoch(days).unwrap();
        prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
        let day_first = format!("{:02}/{:02}/{}", date.day(), date.month(), date.year());
        prop_assert_eq!(Date::parse(&day_first), Ok(date));
        prop_assert_eq!(serde_json::from_str::<Date>(&serde_json::to_string(&date).unwrap()).unwrap(), date);
    }

    #[test]
    fn a_phone_round_trips_through_its_national_form(first in 5u8..=8, rest in "[0-9]{8}") {
        let phone = Phone::parse(&format!("0{first}{rest}")).unwrap();
        prop_assert_eq!(Phone::parse(&phone.national()), Ok(phone.clone()));
        prop_assert_eq!(Phone::parse(phone.as_e164()), Ok(phone));
    }

    #[test]
    fn a_computed_rate_round_trips_through_json(part in amount(), whole in amount()) {
        if let Some(rate) = Rate::ratio(part, whole) {
            let json = serde_json::to_string(&rate).unwrap();
            prop_assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), rate);
        }
    }

    #[test]
    fn folding_is_idempotent_and_a_text_matches_itself(text in any::<String>()) {
        let key = search_key(&text);
        prop_assert_eq!(search_key(&key), key.clone());
        prop_assert!(matches(&text, &text));
    }
}
