//! Domain text in Arabic and French: amounts, numbers, percentages, dates, counted nouns, and
//! the [`Localised`] trait every core error implements.
//!
//! Choices, so that screens and exports agree:
//! - Digits are Latin in both languages, as CLDR's `ar_MA` does and as the prefecture writes.
//! - Thousands are grouped with a no-break space (U+00A0), also between a number and its unit or
//!   `%`, so that a line never breaks inside an amount. [`Amount::parse`] reads all of these
//!   forms back. The narrow no-break space (U+202F) of French typography is accepted on input
//!   but not produced, because several Arabic fonts lack it.
//! - The decimal mark is the comma in both languages (`20,86 مليون درهم`, as the press writes).
//! - Percentages keep one decimal and the same shape in both languages: `63,1 %`.
//!
//! [`Amount::parse`]: crate::amount::Amount::parse

use rust_decimal::{Decimal, RoundingStrategy};

use crate::amount::Amount;
use crate::date::Date;
use crate::lang::Lang;
use crate::rate::Rate;

/// The separator between groups of thousands and before a unit: a no-break space.
pub const GROUP_SEPARATOR: char = '\u{a0}';

/// A value (usually an error) that can say what it means to a user in each language.
///
/// `Display` stays a lowercase English line for logs; `message` is what the interface shows.
///
/// ```
/// use taawun_core::{Lang, text::Localised};
/// use taawun_core::ice::{Ice, IceCheck};
/// let err = Ice::parse("12", IceCheck::Warn).unwrap_err();
/// assert_eq!(err.message(Lang::Fr), "« 12 » a 2 chiffres, un ICE en a 15");
/// assert_eq!(err.to_string(), "\"12\" has 2 digits, an ICE has 15");
/// ```
pub trait Localised {
    /// The message in `lang`: lowercase start, no trailing period.
    fn message(&self, lang: Lang) -> String;
}

/// Groups the digits of a whole number by three with [`GROUP_SEPARATOR`].
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() * 2);
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(GROUP_SEPARATOR);
        }
        out.push(c);
    }
    out
}

/// A non-negative decimal with grouped integer part and a decimal comma, as it is written.
fn decimal_with_comma(value: Decimal) -> String {
    let text = value.abs().to_string();
    match text.split_once('.') {
        Some((integer, fraction)) => format!("{},{fraction}", group(integer)),
        None => group(&text),
    }
}

/// A whole number with its thousands grouped: `1 494 413`. The same in both languages.
///
/// ```
/// use taawun_core::{Lang, text};
/// assert_eq!(text::integer(1_494_413, Lang::Fr), "1\u{a0}494\u{a0}413");
/// assert_eq!(text::integer(85, Lang::Ar), "85");
/// ```
pub fn integer(value: u64, _lang: Lang) -> String {
    group(&value.to_string())
}

/// An amount in full: `13 170 000,00 DH` or `13 170 000,00 درهم`.
///
/// ```
/// use taawun_core::{Amount, Lang, text};
/// let a = Amount::from_centimes(1_317_000_000).unwrap();
/// assert_eq!(text::amount(a, Lang::Fr).replace('\u{a0}', " "), "13 170 000,00 DH");
/// assert_eq!(text::amount(a, Lang::Ar).replace('\u{a0}', " "), "13 170 000,00 درهم");
/// ```
pub fn amount(value: Amount, lang: Lang) -> String {
    let canonical = value.to_canonical();
    let (integer, fraction) = canonical.split_once('.').unwrap_or((&canonical, "00"));
    let unit = match lang {
        Lang::Fr => "DH",
        Lang::Ar => "درهم",
    };
    format!("{},{fraction}{GROUP_SEPARATOR}{unit}", group(integer))
}

/// An amount as the press writes large sums, rounded for display to two decimals of the unit
/// (halves away from zero) with trailing zeros dropped: `20,86 MDH`, `4 MMDH`,
/// `20,86 مليون درهم`. Below a million it is the full form of [`amount`].
///
/// ```
/// use taawun_core::{Amount, Lang, text};
/// let total = Amount::from_centimes(2_086_000_000).unwrap();
/// assert_eq!(text::amount_compact(total, Lang::Fr).replace('\u{a0}', " "), "20,86 MDH");
/// assert_eq!(text::amount_compact(total, Lang::Ar).replace('\u{a0}', " "), "20,86 مليون درهم");
/// let budget = Amount::from_centimes(400_000_000_000).unwrap();
/// assert_eq!(text::amount_compact(budget, Lang::Fr).replace('\u{a0}', " "), "4 MMDH");
/// ```
pub fn amount_compact(value: Amount, lang: Lang) -> String {
    let million = Decimal::from(1_000_000u32);
    let thousand = Decimal::from(1_000u32);
    let round = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).normalize();
    let dirhams = value.to_decimal();
    if dirhams < million {
        return amount(value, lang);
    }
    let millions = round(dirhams / million);
    let (mut number, unit_fr, unit_ar, scale) = if millions < thousand {
        (millions, "MDH", "مليون درهم", million)
    } else {
        (round(dirhams / (million * thousand)), "MMDH", "مليار درهم", million * thousand)
    };
    // Just below the maximum, rounding up would show a sum no amount can hold
    // (1 000 000 MMDH); rounding down keeps every compact form readable as an amount.
    if number * scale > Amount::MAX.to_decimal() {
        number = (dirhams / scale).round_dp_with_strategy(2, RoundingStrategy::ToZero).normalize();
    }
    let unit = match lang {
        Lang::Fr => unit_fr,
        Lang::Ar => unit_ar,
    };
    format!("{}{GROUP_SEPARATOR}{unit}", decimal_with_comma(number))
}

/// A percentage with one decimal, rounded for display (halves away from zero): `63,1 %`
/// in both languages.
///
/// ```
/// use taawun_core::{Amount, Lang, rate::Rate, text};
/// let share = Rate::ratio(Amount::from_centimes(1_317).unwrap(), Amount::from_centimes(2_086).unwrap()).unwrap();
/// assert_eq!(text::percent(share, Lang::Fr), "63,1\u{a0}%");
/// assert_eq!(text::percent(share, Lang::Ar), "63,1\u{a0}%");
/// ```
pub fn percent(value: Rate, _lang: Lang) -> String {
    format!("{}{GROUP_SEPARATOR}%", decimal_with_comma(value.percent_rounded(1)))
}

/// French month names, January first.
const MONTHS_FR: [&str; 12] = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/// Moroccan Arabic month names (CLDR `ar_MA`), January first.
const MONTHS_AR: [&str; 12] = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"];

/// The name of a month (1 to 12) in `lang`: Moroccan names in Arabic (`ماي`, `يوليوز`, `غشت`…).
/// Outside 1–12 it is the empty string.
///
/// ```
/// use taawun_core::{Lang, text};
/// assert_eq!(text::month_name(8, Lang::Ar), "غشت");
/// assert_eq!(text::month_name(8, Lang::Fr), "août");
/// ```
pub fn month_name(month: u8, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::Ar => &MONTHS_AR,
    };
    usize::from(month).checked_sub(1).and_then(|i| names.get(i)).copied().unwrap_or("")
}

/// A date written out: `9 juillet 2025`, `1er mai 2025`, `9 يوليوز 2025` (Latin digits).
///
/// ```
/// use taawun_core::{Lang, date::Date, text};
/// let day = Date::new(2025, 7, 9).unwrap();
/// assert_eq!(text::date(day, Lang::Fr), "9 juillet 2025");
/// assert_eq!(text::date(day, Lang::Ar), "9 يوليوز 2025");
/// assert_eq!(text::date(Date::new(2025, 5, 1).unwrap(), Lang::Fr), "1er mai 2025");
/// ```
pub fn date(value: Date, lang: Lang) -> String {
    let day = match (lang, value.day()) {
        (Lang::Fr, 1) => "1er".to_owned(),
        (_, day) => day.to_string(),
    };
    format!("{day} {} {}", month_name(value.month(), lang), value.year())
}

/// CLDR plural categories. French uses `One` (0 and 1) and `Other`; Arabic uses all six.
///
/// ```
/// use taawun_core::{Lang, text::{plural_category, PluralCategory}};
/// assert_eq!(plural_category(11, Lang::Ar), PluralCategory::Many);
/// assert_eq!(plural_category(0, Lang::Fr), PluralCategory::One);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    /// Arabic 0.
    Zero,
    /// Arabic 1; French 0 and 1.
    One,
    /// Arabic 2.
    Two,
    /// Arabic 3–10, 103–110, …
    Few,
    /// Arabic 11–99, 111–199, …
    Many,
    /// Arabic 100–102, 200–202, …; French 2 and above.
    Other,
}

/// The CLDR plural category of a whole number in `lang`.
///
/// ```
/// use taawun_core::{Lang, text::{plural_category, PluralCategory}};
/// assert_eq!(plural_category(103, Lang::Ar), PluralCategory::Few);
/// assert_eq!(plural_category(100, Lang::Ar), PluralCategory::Other);
/// assert_eq!(plural_category(2, Lang::Fr), PluralCategory::Other);
/// ```
pub fn plural_category(n: u64, lang: Lang) -> PluralCategory {
    match lang {
        Lang::Fr if n <= 1 => PluralCategory::One,
        Lang::Fr => PluralCategory::Other,
        Lang::Ar => match (n, n % 100) {
            (0, _) => PluralCategory::Zero,
            (1, _) => PluralCategory::One,
            (2, _) => PluralCategory::Two,
            (_, 3..=10) => PluralCategory::Few,
            (_, 11..=99) => PluralCategory::Many,
            _ => PluralCategory::Other,
        },
    }
}

/// The nouns core counts in its sentences.
///
/// ```
/// use taawun_core::{Lang, text::{count, Noun}};
/// assert_eq!(count(2, Noun::Project, Lang::Ar), "مشروعان");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Noun {
    /// coopérative / تعاونية
    Cooperative,
    /// projet / مشروع
    Project,
    /// membre / عضو
    Member,
    /// commune / جماعة
    Commune,
    /// emploi / منصب شغل
    Job,
    /// bénéficiaire / مستفيد
    Beneficiary,
    /// chiffre / رقم (in error messages)
    Digit,
    /// personne / شخص (people at a meeting)
    Person,
    /// femme / امرأة
    Woman,
    /// photo / صورة
    Photo,
}

/// The forms of a noun: French singular and plural; Arabic by category, `{n}` standing for
/// the grouped number. Arabic one and two carry no numeral, as the language says them.
struct Forms {
    fr: [&'static str; 2],
    ar: [&'static str; 6],
}

impl Noun {
    fn forms(self) -> Forms {
        // Arabic order: zero, one, two, few, many, other.
        match self {
            Noun::Cooperative => Forms {
                fr: ["coopérative", "coopératives"],
                ar: ["{n} تعاونية", "تعاونية واحدة", "تعاونيتان", "{n} تعاونيات", "{n} تعاونية", "{n} تعاونية"],
            },
            Noun::Project => Forms {
                fr: ["projet", "projets"], ar: ["{n} مشروع", "مشروع واحد", "مشروعان", "{n} مشاريع", "{n} مشروعا", "{n} مشروع"]
            },
            Noun::Member => {
                Forms { fr: ["membre", "membres"], ar: ["{n} عضو", "عضو واحد", "عضوان", "{n} أعضاء", "{n} عضوا", "{n} عضو"] }
            }
            Noun::Commune => Forms {
                fr: ["commune", "communes"], ar: ["{n} جماعة", "جماعة واحدة", "جماعتان", "{n} جماعات", "{n} جماعة", "{n} جماعة"]
            },
            Noun::Job => Forms {
                fr: ["emploi", "emplois"],
                ar: ["{n} منصب شغل", "منصب شغل واحد", "منصبا شغل", "{n} مناصب شغل", "{n} منصب شغل", "{n} منصب شغل"],
            },
            Noun::Beneficiary => Forms {
                fr: ["bénéficiaire", "bénéficiaires"],
                ar: ["{n} مستفيد", "مستفيد واحد", "مستفيدان", "{n} مستفيدين", "{n} مستفيدا", "{n} مستفيد"],
            },
            Noun::Digit => {
                Forms { fr: ["chiffre", "chiffres"], ar: ["{n} رقم", "رقم واحد", "رقمان", "{n} أرقام", "{n} رقما", "{n} رقم"] }
            }
            Noun::Person => {
                Forms { fr: ["personne", "personnes"], ar: ["{n} شخص", "شخص واحد", "شخصان", "{n} أشخاص", "{n} شخصا", "{n} شخص"] }
            }
            Noun::Woman => Forms {
                fr: ["femme", "femmes"], ar: ["{n} امرأة", "امرأة واحدة", "امرأتان", "{n} نساء", "{n} امرأة", "{n} امرأة"]
            },
            Noun::Photo => {
                Forms { fr: ["photo", "photos"], ar: ["{n} صورة", "صورة واحدة", "صورتان", "{n} صور", "{n} صورة", "{n} صورة"] }
            }
        }
    }
}

/// A number and the noun it counts, agreed in `lang`: `85 coopératives`, `تعاونيتان`,
/// `3 تعاونيات`, `11 تعاونية`, `100 تعاونية`.
///
/// ```
/// use taawun_core::{Lang, text::{count, Noun}};
/// assert_eq!(count(1, Noun::Cooperative, Lang::Fr), "1 coopérative");
/// assert_eq!(count(85, Noun::Cooperative, Lang::Fr), "85 coopératives");
/// assert_eq!(count(3, Noun::Cooperative, Lang::Ar), "3 تعاونيات");
/// assert_eq!(count(11, Noun::Member, Lang::Ar), "11 عضوا");
/// ```
pub fn count(n: u64, noun: Noun, lang: Lang) -> String {
    let forms = noun.forms();
    let number = integer(n, lang);
    match lang {
        Lang::Fr => {
            let word = if plural_category(n, lang) == PluralCategory::One { forms.fr[0] } else { forms.fr[1] };
            format!("{number} {word}")
        }
        Lang::Ar => {
            let index = match plural_category(n, lang) {
                PluralCategory::Zero => 0,
                PluralCategory::One => 1,
                PluralCategory::Two => 2,
                PluralCategory::Few => 3,
                PluralCategory::Many => 4,
                PluralCategory::Other => 5,
            };
            forms.ar[index].replace("{n}", &number)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Output with no-break spaces shown as `_`, so that tables stay readable.
    fn shown(text: String) -> String {
        text.replace(GROUP_SEPARATOR, "_")
    }

    fn amount_of(centimes: u64) -> Amount {
        Amount::from_centimes(centimes).unwrap()
    }

    #[test]
    fn amounts_are_formatted_in_full_in_each_language() {
        let cases = [
            (1_317_000_000, "13_170_000,00_DH", "13_170_000,00_درهم"),
            (1_617_754_003, "16_177_540,03_DH", "16_177_540,03_درهم"),
            (30_000_000, "300_000,00_DH", "300_000,00_درهم"),
            (100_000, "1_000,00_DH", "1_000,00_درهم"),
            (99_999, "999,99_DH", "999,99_درهم"),
            (5, "0,05_DH", "0,05_درهم"),
            (0, "0,00_DH", "0,00_درهم"),
        ];
        for (centimes, fr, ar) in cases {
            assert_eq!(shown(amount(amount_of(centimes), Lang::Fr)), fr);
            assert_eq!(shown(amount(amount_of(centimes), Lang::Ar)), ar);
        }
    }

    #[test]
    fn large_amounts_have_a_compact_press_form() {
        let cases = [
            (2_086_000_000, "20,86_MDH", "20,86_مليون_درهم"),
            (1_317_000_000, "13,17_MDH", "13,17_مليون_درهم"),
            (2_085_700_000, "20,86_MDH", "20,86_مليون_درهم"),
            (2_080_000_000, "20,8_MDH", "20,8_مليون_درهم"),
            (100_000_000, "1_MDH", "1_مليون_درهم"),
            (99_999_999_900, "1_MMDH", "1_مليار_درهم"),
            (115_200_000_000, "1,15_MMDH", "1,15_مليار_درهم"),
            (400_000_000_000, "4_MMDH", "4_مليار_درهم"),
            (24_540_000, "245_400,00_DH", "245_400,00_درهم"),
        ];
        for (centimes, fr, ar) in cases {
            assert_eq!(shown(amount_compact(amount_of(centimes), Lang::Fr)), fr, "{centimes}");
            assert_eq!(shown(amount_compact(amount_of(centimes), Lang::Ar)).replace(' ', "_"), ar, "{centimes}");
        }
    }

    #[test]
    fn the_compact_form_of_the_largest_amount_is_rounded_down_to_stay_readable() {
        let compact = amount_compact(Amount::MAX, Lang::Fr);
        assert_eq!(shown(compact.clone()), "999_999,99_MMDH");
        assert!(Amount::parse(&compact, crate::amount::ParseLocale::Strict).is_ok());
    }

    #[test]
    fn numbers_and_percentages_are_grouped_and_use_a_decimal_comma() {
        assert_eq!(shown(integer(1_494_413, Lang::Fr)), "1_494_413");
        assert_eq!(shown(integer(0, Lang::Ar)), "0");
        assert_eq!(shown(integer(100, Lang::Ar)), "100");
        assert_eq!(shown(integer(1000, Lang::Ar)), "1_000");
        let percent_of = |text: &str, lang| shown(percent(Rate::parse(text).unwrap(), lang));
        assert_eq!(percent_of("63.135", Lang::Fr), "63,1_%");
        assert_eq!(percent_of("63.15", Lang::Ar), "63,2_%");
        assert_eq!(percent_of("60", Lang::Fr), "60,0_%");
        assert_eq!(percent_of("0", Lang::Ar), "0,0_%");
        assert_eq!(percent_of("1234.5", Lang::Fr), "1_234,5_%");
    }

    #[test]
    fn dates_use_french_and_moroccan_month_names() {
        let expected_ar = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"];
        let expected_fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
        for month in 1..=12u8 {
            let day = Date::new(2025, month, 9).unwrap();
            let index = usize::from(month - 1);
            assert_eq!(date(day, Lang::Ar), format!("9 {} 2025", expected_ar[index]));
            assert_eq!(date(day, Lang::Fr), format!("9 {} 2025", expected_fr[index]));
        }
        assert_eq!(date(Date::new(2025, 7, 1).unwrap(), Lang::Fr), "1er juillet 2025");
        assert_eq!(date(Date::new(2025, 7, 1).unwrap(), Lang::Ar), "1 يوليوز 2025");
        assert_eq!(month_name(0, Lang::Fr), "");
        assert_eq!(month_name(13, Lang::Ar), "");
    }

    #[test]
    fn arabic_plural_categories_follow_cldr() {
        let cases = [
            (0, PluralCategory::Zero),
            (1, PluralCategory::One),
            (2, PluralCategory::Two),
            (3, PluralCategory::Few),
            (10, PluralCategory::Few),
            (11, PluralCategory::Many),
            (99, PluralCategory::Many),
            (100, PluralCategory::Other),
            (101, PluralCategory::Other),
            (102, PluralCategory::Other),
            (103, PluralCategory::Few),
            (111, PluralCategory::Many),
            (1000, PluralCategory::Other),
        ];
        for (n, category) in cases {
            assert_eq!(plural_category(n, Lang::Ar), category, "{n}");
        }
    }

    #[test]
    fn counted_nouns_agree_with_one_two_three_eleven_and_a_hundred() {
        let cases = [
            (1, "تعاونية واحدة", "1 coopérative"),
            (2, "تعاونيتان", "2 coopératives"),
            (3, "3 تعاونيات", "3 coopératives"),
            (11, "11 تعاونية", "11 coopératives"),
            (100, "100 تعاونية", "100 coopératives"),
            (0, "0 تعاونية", "0 coopérative"),
            (103, "103 تعاونيات", "103 coopératives"),
        ];
        for (n, ar, fr) in cases {
            assert_eq!(count(n, Noun::Cooperative, Lang::Ar), ar, "{n}");
            assert_eq!(count(n, Noun::Cooperative, Lang::Fr), fr, "{n}");
        }
        let projects = [(1, "مشروع واحد"), (2, "مشروعان"), (3, "3 مشاريع"), (11, "11 مشروعا"), (100, "100 مشروع")];
        for (n, ar) in projects {
            assert_eq!(count(n, Noun::Project, Lang::Ar), ar, "{n}");
        }
        let members = [(1, "عضو واحد"), (2, "عضوان"), (3, "3 أعضاء"), (11, "11 عضوا"), (100, "100 عضو")];
        for (n, ar) in members {
            assert_eq!(count(n, Noun::Member, Lang::Ar), ar, "{n}");
        }
        assert_eq!(shown(count(1966, Noun::Project, Lang::Fr)), "1_966 projets");
    }

    #[test]
    fn every_noun_has_a_number_wherever_the_number_is_not_said_in_words() {
        let nouns =
            [Noun::Cooperative, Noun::Project, Noun::Member, Noun::Commune, Noun::Job, Noun::Beneficiary, Noun::Digit, Noun::Person, Noun::Woman, Noun::Photo];
        for noun in nouns {
            for n in [0u64, 3, 11, 100, 105, 1234] {
                for lang in Lang::ALL {
                    let text = count(n, noun, lang);
                    assert!(text.contains(&shown(integer(n, lang)).replace('_', "\u{a0}")), "{noun:?} {n} {lang:?}: {text}");
                }
            }
        }
    }
}
