//! `Rate`: a share or percentage held exactly as a decimal fraction (63,1 % is `0.631`).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::amount::Amount;
use crate::lang::Lang;
use crate::text::Localised;

/// A non-negative rate, such as a funding share or a rule's maximum (60 %).
///
/// Rates typed by people are exact. A rate computed by [`Rate::ratio`] is exact when the
/// quotient terminates within 28 significant digits and otherwise carries `Decimal`'s 28-digit
/// precision: use it for statistics and display, and [`Rate::is_exceeded_by`] for rules.
/// Serialised as the percentage followed by `%`, e.g. `"63.1%"`.
///
/// ```
/// use taawun_core::{Amount, rate::Rate};
/// let indh = Amount::from_centimes(1_317_000_000).unwrap();
/// let total = Amount::from_centimes(2_086_000_000).unwrap();
/// let share = Rate::ratio(indh, total).unwrap();
/// assert_eq!(share.percent_rounded(1).to_string(), "63.1");
/// assert_eq!(serde_json::to_string(&Rate::from_percent(60.into()).unwrap()).unwrap(), "\"60%\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(Decimal);

/// Why a text is not a rate. Every variant carries the text as it was given.
///
/// ```
/// use taawun_core::rate::{Rate, RateError};
/// assert_eq!(Rate::parse("-5 %"), Err(RateError::Negative { input: "-5 %".into() }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum RateError {
    /// Nothing but spaces.
    #[error("a percentage is needed, but the text is empty")]
    Empty {
        /// The text as given.
        input: String,
    },
    /// A minus sign.
    #[error("\"{input}\" is negative: a rate is never below 0 %")]
    Negative {
        /// The text as given.
        input: String,
    },
    /// Anything that is not digits, one decimal mark and an optional `%`.
    #[error("\"{input}\" is not a percentage: write it like 60 or 63,1 %")]
    NotAPercentage {
        /// The text as given.
        input: String,
    },
    /// More digits than an exact decimal can hold.
    #[error("\"{input}\" has too many digits for an exact percentage")]
    TooLong {
        /// The text as given.
        input: String,
    },
}

impl RateError {
    /// The text that was refused, exactly as given.
    ///
    /// ```
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::parse("abc").unwrap_err().input(), "abc");
    /// ```
    pub fn input(&self) -> &str {
        match self {
            RateError::Empty { input } | RateError::Negative { input } | RateError::NotAPercentage { input } | RateError::TooLong { input } => input,
        }
    }
}

impl Localised for RateError {
    /// ```
    /// use taawun_core::{Lang, rate::Rate, text::Localised};
    /// assert!(Rate::parse("abc").unwrap_err().message(Lang::Fr).contains("pourcentage"));
    /// ```
    fn message(&self, lang: Lang) -> String {
        let input = self.input();
        match (self, lang) {
            (RateError::Empty { .. }, Lang::Fr) => "un pourcentage est attendu, mais le texte est vide".into(),
            (RateError::Empty { .. }, Lang::Ar) => "يجب إدخال نسبة مئوية، لكن النص فارغ".into(),
            (RateError::Negative { .. }, Lang::Fr) => format!("« {input} » est négatif : un taux n'est jamais inférieur à 0 %"),
            (RateError::Negative { .. }, Lang::Ar) => format!("«{input}» سالب: النسبة لا تقل أبدا عن 0 %"),
            (RateError::NotAPercentage { .. }, Lang::Fr) => {
                format!("« {input} » n'est pas un pourcentage : écrivez-le comme 60 ou 63,1 %")
            }
            (RateError::NotAPercentage { .. }, Lang::Ar) => format!("«{input}» ليس نسبة مئوية: اكتبها مثل 60 أو 63,1 %"),
            (RateError::TooLong { .. }, Lang::Fr) => format!("« {input} » a trop de chiffres pour un pourcentage exact"),
            (RateError::TooLong { .. }, Lang::Ar) => format!("«{input}» فيه أرقام كثيرة جدا لنسبة مئوية دقيقة"),
        }
    }
}

impl Rate {
    /// 0 %.
    ///
    /// ```
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::ZERO.to_string(), "0%");
    /// ```
    pub const ZERO: Rate = Rate(Decimal::ZERO);

    /// 100 %.
    ///
    /// ```
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::WHOLE.to_string(), "100%");
    /// ```
    pub const WHOLE: Rate = Rate(Decimal::ONE);

    /// A rate from a percentage (`60` for 60 %); `None` when negative or too precise to hold.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::from_percent(Decimal::new(631, 1)).unwrap().to_fraction(), Decimal::new(631, 3));
    /// assert!(Rate::from_percent(Decimal::new(-1, 0)).is_none());
    /// ```
    pub fn from_percent(percent: Decimal) -> Option<Rate> {
        let hundred = Decimal::ONE_HUNDRED;
        let fraction = percent.checked_div(hundred)?;
        // Division by 100 is exact unless the percentage already uses all 28 decimal places.
        if fraction.checked_mul(hundred)? != percent {
            return None;
        }
        Rate::from_fraction(fraction)
    }

    /// A rate from a fraction (`0.6` for 60 %); `None` when negative.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::from_fraction(Decimal::new(6, 1)).unwrap().to_string(), "60%");
    /// ```
    pub fn from_fraction(fraction: Decimal) -> Option<Rate> {
        if fraction.is_sign_negative() && !fraction.is_zero() {
            return None;
        }
        Some(Rate(fraction.abs().normalize()))
    }

    /// The share `part / whole`; `None` when `whole` is zero.
    ///
    /// ```
    /// use taawun_core::{Amount, rate::Rate};
    /// let part = Amount::from_centimes(53_000_000).unwrap();
    /// let whole = Amount::from_centimes(66_300_000).unwrap();
    /// assert_eq!(Rate::ratio(part, whole).unwrap().percent_rounded(1).to_string(), "79.9");
    /// assert!(Rate::ratio(part, Amount::ZERO).is_none());
    /// ```
    pub fn ratio(part: Amount, whole: Amount) -> Option<Rate> {
        if whole.is_zero() {
            return None;
        }
        part.to_decimal().checked_div(whole.to_decimal()).and_then(Rate::from_fraction)
    }

    /// The fraction (`0.631` for 63,1 %).
    ///
    /// ```
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::WHOLE.to_fraction(), 1.into());
    /// ```
    pub fn to_fraction(self) -> rust_decimal::Decimal {
        self.0
    }

    /// The percentage (`63.1` for 63,1 %), exact.
    ///
    /// ```
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::WHOLE.to_percent(), 100.into());
    /// ```
    pub fn to_percent(self) -> Decimal {
        // Multiplying by 100 only moves the decimal point; `normalize` drops trailing zeros.
        self.0.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(Decimal::MAX).normalize()
    }

    /// The percentage rounded for display to `decimals` places, halves away from zero.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use taawun_core::rate::Rate;
    /// let rate = Rate::from_percent(Decimal::new(6315, 2)).unwrap();
    /// assert_eq!(rate.percent_rounded(1).to_string(), "63.2");
    /// ```
    pub fn percent_rounded(self, decimals: u32) -> Decimal {
        let mut rounded = self.to_percent().round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(decimals);
        rounded
    }

    /// Whether `part` is more than this rate of `whole`, compared exactly
    /// (`part > whole × rate`). This is the check behind rules like "INDH ≤ 60 % of the cost".
    ///
    /// ```
    /// use taawun_core::{Amount, rate::Rate};
    /// let sixty = Rate::from_percent(60.into()).unwrap();
    /// let whole = Amount::from_centimes(100_000).unwrap();
    /// assert!(!sixty.is_exceeded_by(Amount::from_centimes(60_000).unwrap(), whole));
    /// assert!(sixty.is_exceeded_by(Amount::from_centimes(60_001).unwrap(), whole));
    /// ```
    pub fn is_exceeded_by(self, part: Amount, whole: Amount) -> bool {
        match whole.to_decimal().checked_mul(self.0) {
            Some(limit) => part.to_decimal() > limit,
            // The limit is larger than any Decimal, hence larger than any amount.
            None => false,
        }
    }

    /// Reads a percentage as typed: `60`, `60 %`, `63,1%`, `63.1`, `٦٠٪`. The comma or the dot
    /// marks decimals; there are no thousands separators in a percentage.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use taawun_core::rate::Rate;
    /// assert_eq!(Rate::parse("63,1 %").unwrap().to_percent(), Decimal::new(631, 1));
    /// assert_eq!(Rate::parse("٦٠٪").unwrap().to_percent(), 60.into());
    /// assert!(Rate::parse("60 %%").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Rate, RateError> {
        let input = || text.to_owned();
        let cleaned: String = text.chars().filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')).map(ascii_digit).collect();
        let trimmed = cleaned.trim();
        if trimmed.is_empty() {
            return Err(RateError::Empty { input: input() });
        }
        if trimmed.starts_with(['-', '\u{2212}']) {
            return Err(RateError::Negative { input: input() });
        }
        let number = trimmed.strip_suffix(['%', '\u{66a}']).map_or(trimmed, str::trim_end);
        let number = number.replacen(',', ".", 1);
        let (integer, fraction) = number.split_once('.').unwrap_or((&number, "0"));
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(integer) || !all_digits(fraction) {
            return Err(RateError::NotAPercentage { input: input() });
        }
        let percent = Decimal::from_str_exact(&number).map_err(|_| RateError::TooLong { input: input() })?;
        Rate::from_percent(percent).ok_or_else(|| RateError::TooLong { input: input() })
    }
}

fn ascii_digit(c: char) -> char {
    match c {
        '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
        '\u{6f0}'..='\u{6f9}' => char::from(b'0' + (c as u32 - 0x6f0) as u8),
        '\u{66b}' => ',',
        _ => c,
    }
}

impl fmt::Display for Rate {
    /// The exact percentage followed by `%` (`63.1%`), the stored form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.to_percent())
    }
}

impl FromStr for Rate {
    type Err = RateError;

    /// Same as [`Rate::parse`].
    fn from_str(text: &str) -> Result<Rate, RateError> {
        Rate::parse(text)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rate, D::Error> {
        crate::from_str_value::parse_str(deserializer, Rate::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(centimes: u64) -> Amount {
        Amount::from_centimes(centimes).unwrap()
    }

    #[test]
    fn the_reported_shares_come_out_as_the_brief_computes_them() {
        let cases =
            [(1_317_000_000, 2_086_000_000, "63.1"), (53_000_000, 66_300_000, "79.9"), (189_000_000, 348_000_000, "54.3"), (1, 1, "100.0"), (0, 5, "0.0")];
        for (part, whole, percent) in cases {
            assert_eq!(Rate::ratio(amount(part), amount(whole)).unwrap().percent_rounded(1).to_string(), percent);
        }
    }

    #[test]
    fn the_sixty_percent_rule_is_compared_exactly() {
        let sixty = Rate::parse("60 %").unwrap();
        assert!(!sixty.is_exceeded_by(amount(60), amount(100)));
        assert!(sixty.is_exceeded_by(amount(61), amount(100)));
        assert!(!sixty.is_exceeded_by(amount(60_000_000), Amount::MAX));
        assert!(Rate::WHOLE.is_exceeded_by(amount(2), amount(1)));
    }

    #[test]
    fn rates_survive_json_including_computed_ones() {
        let computed = Rate::ratio(amount(1), amount(3)).unwrap();
        for rate in [Rate::ZERO, Rate::WHOLE, Rate::parse("63,1").unwrap(), computed] {
            let json = serde_json::to_string(&rate).unwrap();
            assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), rate, "{json}");
        }
    }

    #[test]
    fn each_refusal_has_its_own_variant() {
        let cases = [
            ("", "Empty"),
            ("-5", "Negative"),
            ("abc", "NotAPercentage"),
            ("60 %%", "NotAPercentage"),
            ("6 0", "NotAPercentage"),
            ("1e2", "NotAPercentage"),
            ("1,5,0", "NotAPercentage"),
            ("123456789012345678901234567890", "TooLong"),
        ];
        for (input, variant) in cases {
            let error = Rate::parse(input).unwrap_err();
            assert!(format!("{error:?}").starts_with(variant), "{input:?} gave {error:?}");
            assert_eq!(error.input(), input);
        }
    }
}
