//! `Amount`: an exact sum of Moroccan dirhams (two decimals at most, never negative), and the
//! grammar that reads amounts the way staff type and paste them.
//!
//! The grammar, in the order the parser applies it:
//!
//! 1. Bidirectional marks (pasted from Arabic text) are dropped; Arabic-Indic (`٠`–`٩`) and
//!    Extended Arabic-Indic (`۰`–`۹`) digits count as `0`–`9`; `٫` is a decimal comma and `٬`
//!    a thousands separator.
//! 2. A leading sign, `NaN`/`inf`, an exponent (`1e3`) or an underscore (`1_000`) is refused.
//! 3. The number is followed by an optional unit: `DH`, `Dh`, `dirhams`, `درهم` (×1), `MDH`,
//!    `million(s)`, `مليون` (×1 000 000) or `MMDH`, `milliard(s)`, `مليار` (×1 000 000 000).
//! 4. The comma is always the decimal mark. Thousands are grouped by spaces (ordinary, no-break
//!    U+00A0 or narrow no-break U+202F), by `٬`, or by dots (`16.177.540,03`), one kind per
//!    number, in groups of three.
//! 5. A single dot followed by one, two or more than three digits is a decimal dot (`20.86`).
//!    A single dot followed by exactly three digits (`300.000`, `1.234`) is ambiguous: it is
//!    refused under [`ParseLocale::Strict`] and read as grouping under
//!    [`ParseLocale::Moroccan`]. With a million or milliard unit (`1.234 MDH`) it stays
//!    ambiguous in both locales, because press dispatches use the dot as a decimal mark there.
//! 6. The MAP press form `11ر32` is 32,11: the fraction digits, the letter `ر`, then the
//!    integer digits, in logical (typing) order.
//! 7. After the unit scales the number, more than two decimals are refused, never rounded:
//!    `20,861234 MDH` is 20 861 234,00 DH, but `1,234 DH` is an error. Amounts stay below one
//!    quadrillion dirhams ([`Amount::MAX`]), so sums of amounts are always exact.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::lang::Lang;
use crate::rate::Rate;
use crate::text::Localised;

/// An exact, non-negative amount of dirhams with at most two decimals (centimes).
///
/// Serialised as a string with two decimals, e.g. `"13170000.00"`; displayed the same way.
/// Use [`crate::text::amount`] for the localised forms.
///
/// ```
/// use taawun_core::Amount;
/// let a = Amount::from_centimes(1_317_000_000).unwrap();
/// assert_eq!(serde_json::to_string(&a).unwrap(), "\"13170000.00\"");
/// assert_eq!(a.to_string(), "13170000.00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(Decimal);

/// How a dot followed by exactly three digits (`300.000`) is read by [`Amount::parse`].
///
/// ```
/// use taawun_core::amount::{Amount, ParseLocale};
/// assert!(Amount::parse("300.000", ParseLocale::Strict).is_err());
/// assert_eq!(Amount::parse("300.000", ParseLocale::Moroccan).unwrap().to_string(), "300000.00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParseLocale {
    /// No locale is known: `1.234` is refused as ambiguous.
    #[default]
    Strict,
    /// The app's Moroccan habits: `300.000` groups thousands and means 300 000,00 DH.
    Moroccan,
}

/// How [`Amount::checked_mul_rate`] brings a product back to whole centimes.
///
/// ```
/// use taawun_core::amount::{Amount, CentimeRounding};
/// use taawun_core::rate::Rate;
/// let third = Rate::ratio(Amount::from_centimes(1).unwrap(), Amount::from_centimes(3).unwrap()).unwrap();
/// let one = Amount::from_centimes(100).unwrap();
/// assert_eq!(one.checked_mul_rate(third, CentimeRounding::Down).unwrap().to_string(), "0.33");
/// assert_eq!(one.checked_mul_rate(third, CentimeRounding::Up).unwrap().to_string(), "0.34");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CentimeRounding {
    /// Towards zero: a ceiling computed this way is never exceeded by the rule it encodes.
    Down,
    /// Away from zero: a minimum computed this way is always met.
    Up,
}

/// Why a text is not an amount. Every variant carries the text as it was given.
///
/// `Display` is a lowercase English line for logs; [`Localised::message`] gives the Arabic or
/// French sentence shown to users.
///
/// ```
/// use taawun_core::amount::{Amount, AmountError, ParseLocale};
/// let err = Amount::parse("1e3", ParseLocale::Moroccan).unwrap_err();
/// assert_eq!(err, AmountError::Exponent { input: "1e3".into() });
/// assert_eq!(err.input(), "1e3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum AmountError {
    /// Nothing but spaces.
    #[error("an amount is needed, but the text is empty")]
    Empty {
        /// The text as given.
        input: String,
    },
    /// A `+`, `-` or `−` sign: amounts are never negative, and `-0` is not written.
    #[error("\"{input}\" has a sign: an amount is never negative, write it without + or -")]
    Sign {
        /// The text as given.
        input: String,
    },
    /// `NaN`, `inf`, `∞`.
    #[error("\"{input}\" is not a number")]
    NotANumber {
        /// The text as given.
        input: String,
    },
    /// An exponent such as `1e3`.
    #[error("\"{input}\" uses an exponent: write the amount in full, for example 1 000")]
    Exponent {
        /// The text as given.
        input: String,
    },
    /// An underscore such as `1_000`.
    #[error("\"{input}\" contains an underscore: group thousands with spaces, for example 1 000")]
    Underscore {
        /// The text as given.
        input: String,
    },
    /// No digit at all.
    #[error("\"{input}\" has no digits")]
    NoDigits {
        /// The text as given.
        input: String,
    },
    /// A character that belongs neither to a number nor to a unit.
    #[error("\"{input}\" contains '{character}', which is not part of an amount")]
    UnexpectedCharacter {
        /// The text as given.
        input: String,
        /// The first character that does not fit.
        character: char,
    },
    /// Words after the number that are not a known unit.
    #[error("\"{input}\" ends with \"{unit}\", which is not a unit: use DH, MDH, MMDH, درهم, مليون or مليار")]
    UnknownUnit {
        /// The text as given.
        input: String,
        /// The words after the number.
        unit: String,
    },
    /// More than one decimal mark, as in `12,5,0` or `1,234.56`.
    #[error("\"{input}\" has more than one decimal mark: the comma marks the decimals, once")]
    SeveralDecimalMarks {
        /// The text as given.
        input: String,
    },
    /// A decimal mark with no digits on one side, as in `,50` or `12,`.
    #[error("\"{input}\" has a decimal mark without digits on both sides: write 0,50 or 12,00")]
    DanglingDecimalMark {
        /// The text as given.
        input: String,
    },
    /// Thousands separators that do not make groups of three, or that mix kinds.
    #[error("\"{input}\" is not grouped in threes: write 13 170 000,00 or 13170000,00")]
    BadGrouping {
        /// The text as given.
        input: String,
    },
    /// A dot followed by exactly three digits, without a locale that settles what it means.
    #[error(
        "\"{input}\" is ambiguous: a dot followed by three digits can group thousands or mark decimals; \
         write thousands with spaces (1 234) and decimals with a comma (1,23)"
    )]
    AmbiguousDot {
        /// The text as given.
        input: String,
    },
    /// More than two decimals once the unit is applied: amounts are exact to the centime.
    #[error("\"{input}\" has more than two decimals: amounts are exact to the centime and never rounded")]
    TooManyDecimals {
        /// The text as given.
        input: String,
    },
    /// One quadrillion dirhams or more.
    #[error("\"{input}\" is too large: an amount stays below 1 000 000 000 000 000 DH")]
    TooLarge {
        /// The text as given.
        input: String,
    },
    /// A `ر` that is not between two runs of digits (the MAP form is `11ر32` for 32,11).
    #[error("\"{input}\" is not a press form: write the centimes, ر, then the dirhams (11ر32 is 32,11)")]
    BadPressForm {
        /// The text as given.
        input: String,
    },
    /// Stored data that is not in the canonical form `13170000.00`.
    #[error("\"{input}\" is not a stored amount: expected digits, a dot and two decimals, like 13170000.00")]
    NotCanonical {
        /// The text as given.
        input: String,
    },
}

impl AmountError {
    /// The text that was refused, exactly as given.
    ///
    /// ```
    /// use taawun_core::amount::{Amount, ParseLocale};
    /// assert_eq!(Amount::parse("NaN", ParseLocale::Strict).unwrap_err().input(), "NaN");
    /// ```
    pub fn input(&self) -> &str {
        match self {
            AmountError::Empty { input }
            | AmountError::Sign { input }
            | AmountError::NotANumber { input }
            | AmountError::Exponent { input }
            | AmountError::Underscore { input }
            | AmountError::NoDigits { input }
            | AmountError::UnexpectedCharacter { input, .. }
            | AmountError::UnknownUnit { input, .. }
            | AmountError::SeveralDecimalMarks { input }
            | AmountError::DanglingDecimalMark { input }
            | AmountError::BadGrouping { input }
            | AmountError::AmbiguousDot { input }
            | AmountError::TooManyDecimals { input }
            | AmountError::TooLarge { input }
            | AmountError::BadPressForm { input }
            | AmountError::NotCanonical { input } => input,
        }
    }
}

impl Localised for AmountError {
    /// ```
    /// use taawun_core::{Lang, text::Localised};
    /// use taawun_core::amount::{Amount, ParseLocale};
    /// let err = Amount::parse("1.234", ParseLocale::Strict).unwrap_err();
    /// assert!(err.message(Lang::Fr).contains("ambigu"));
    /// assert!(err.message(Lang::Ar).contains("ملتبس"));
    /// ```
    fn message(&self, lang: Lang) -> String {
        let input = self.input();
        match (self, lang) {
            (AmountError::Empty { .. }, Lang::Fr) => "un montant est attendu, mais le texte est vide".into(),
            (AmountError::Empty { .. }, Lang::Ar) => "يجب إدخال مبلغ، لكن النص فارغ".into(),
            (AmountError::Sign { .. }, Lang::Fr) => {
                format!("« {input} » porte un signe : un montant n'est jamais négatif, écrivez-le sans + ni -")
            }
            (AmountError::Sign { .. }, Lang::Ar) => {
                format!("«{input}» يحمل إشارة: المبلغ لا يكون سالبا أبدا، اكتبه دون + أو -")
            }
            (AmountError::NotANumber { .. }, Lang::Fr) => format!("« {input} » n'est pas un nombre"),
            (AmountError::NotANumber { .. }, Lang::Ar) => format!("«{input}» ليس عددا"),
            (AmountError::Exponent { .. }, Lang::Fr) => {
                format!("« {input} » utilise un exposant : écrivez le montant en entier, par exemple 1 000")
            }
            (AmountError::Exponent { .. }, Lang::Ar) => {
                format!("«{input}» يستعمل أسّا: اكتب المبلغ كاملا، مثلا 1 000")
            }
            (AmountError::Underscore { .. }, Lang::Fr) => {
                format!("« {input} » contient un tiret bas : séparez les milliers par des espaces, par exemple 1 000")
            }
            (AmountError::Underscore { .. }, Lang::Ar) => {
                format!("«{input}» يحتوي على شرطة سفلية: افصل الآلاف بمسافات، مثلا 1 000")
            }
            (AmountError::NoDigits { .. }, Lang::Fr) => format!("« {input} » ne contient aucun chiffre"),
            (AmountError::NoDigits { .. }, Lang::Ar) => format!("«{input}» لا يحتوي على أي رقم"),
            (AmountError::UnexpectedCharacter { character, .. }, Lang::Fr) => {
                format!("« {input} » contient « {character} », qui ne fait pas partie d'un montant")
            }
            (AmountError::UnexpectedCharacter { character, .. }, Lang::Ar) => {
                format!("«{input}» يحتوي على «{character}»، وهو ليس جزءا من مبلغ")
            }
            (AmountError::UnknownUnit { unit, .. }, Lang::Fr) => {
                format!("« {input} » se termine par « {unit} », qui n'est pas une unité : utilisez DH, MDH, MMDH, درهم, مليون ou مليار")
            }
            (AmountError::UnknownUnit { unit, .. }, Lang::Ar) => {
                format!("«{input}» ينتهي بـ«{unit}»، وهي ليست وحدة: استعمل درهم أو مليون أو مليار أو DH أو MDH أو MMDH")
            }
            (AmountError::SeveralDecimalMarks { .. }, Lang::Fr) => {
                format!("« {input} » a plusieurs séparateurs décimaux : la virgule marque les décimales, une seule fois")
            }
            (AmountError::SeveralDecimalMarks { .. }, Lang::Ar) => {
                format!("«{input}» فيه أكثر من فاصلة عشرية: الفاصلة تفصل الكسر العشري مرة واحدة فقط")
            }
            (AmountError::DanglingDecimalMark { .. }, Lang::Fr) => {
                format!("« {input} » a une virgule sans chiffres des deux côtés : écrivez 0,50 ou 12,00")
            }
            (AmountError::DanglingDecimalMark { .. }, Lang::Ar) => {
                format!("«{input}» فيه فاصلة عشرية دون أرقام على جانبيها: اكتب 0,50 أو 12,00")
            }
            (AmountError::BadGrouping { .. }, Lang::Fr) => {
                format!("« {input} » n'est pas groupé par trois chiffres : écrivez 13 170 000,00 ou 13170000,00")
            }
            (AmountError::BadGrouping { .. }, Lang::Ar) => {
                format!("«{input}» غير مجزأ إلى مجموعات من ثلاثة أرقام: اكتب 13 170 000,00 أو 13170000,00")
            }
            (AmountError::AmbiguousDot { .. }, Lang::Fr) => format!(
                "« {input} » est ambigu : un point suivi de trois chiffres peut séparer les milliers ou marquer les décimales ; \
                 écrivez les milliers avec des espaces (1 234) et les décimales avec une virgule (1,23)"
            ),
            (AmountError::AmbiguousDot { .. }, Lang::Ar) => format!(
                "«{input}» ملتبس: النقطة متبوعة بثلاثة أرقام قد تفصل الآلاف أو الكسر العشري؛ \
                 افصل الآلاف بمسافات (1 234) والكسر العشري بفاصلة (1,23)"
            ),
            (AmountError::TooManyDecimals { .. }, Lang::Fr) => {
                format!("« {input} » a plus de deux décimales : les montants sont exacts au centime et ne sont jamais arrondis")
            }
            (AmountError::TooManyDecimals { .. }, Lang::Ar) => {
                format!("«{input}» فيه أكثر من رقمين بعد الفاصلة: المبالغ دقيقة إلى السنتيم ولا تُقرَّب أبدا")
            }
            (AmountError::TooLarge { .. }, Lang::Fr) => {
                format!("« {input} » est trop grand : un montant reste inférieur à 1 000 000 000 000 000 DH")
            }
            (AmountError::TooLarge { .. }, Lang::Ar) => {
                format!("«{input}» كبير جدا: يجب أن يقل المبلغ عن 1 000 000 000 000 000 درهم")
            }
            (AmountError::BadPressForm { .. }, Lang::Fr) => {
                format!("« {input} » n'est pas une forme de presse : écrivez les centimes, ر, puis les dirhams (11ر32 vaut 32,11)")
            }
            (AmountError::BadPressForm { .. }, Lang::Ar) => {
                format!("«{input}» ليس صيغة صحفية صحيحة: اكتب السنتيمات ثم ر ثم الدراهم (11ر32 تعني 32,11)")
            }
            (AmountError::NotCanonical { .. }, Lang::Fr) => {
                format!("« {input} » n'est pas un montant enregistré : attendu des chiffres, un point et deux décimales, comme 13170000.00")
            }
            (AmountError::NotCanonical { .. }, Lang::Ar) => format!("«{input}» ليس مبلغا مخزنا: المنتظر أرقام ثم نقطة ثم رقمان، مثل 13170000.00"),
        }
    }
}

/// The largest amount, 999 999 999 999 999,99 DH: far above any budget, low enough that
/// adding two amounts never loses a centime inside `Decimal`.
const MAX_CENTIMES: u64 = 99_999_999_999_999_999;

/// The number of integer digits an amount may have.
const MAX_INTEGER_DIGITS: usize = 15;

impl Amount {
    /// Zero dirhams.
    ///
    /// ```
    /// use taawun_core::Amount;
    /// assert_eq!(Amount::ZERO.to_string(), "0.00");
    /// ```
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The largest amount: 999 999 999 999 999,99 DH.
    ///
    /// ```
    /// use taawun_core::Amount;
    /// assert_eq!(Amount::MAX.to_string(), "999999999999999.99");
    /// assert!(Amount::MAX.checked_add(Amount::from_centimes(1).unwrap()).is_none());
    /// ```
    pub const MAX: Amount = Amount(Decimal::from_parts(1_569_325_055, 23_283_064, 0, false, 2));

    /// Builds an amount from a decimal, refusing negatives, more than two decimals and values
    /// above [`Amount::MAX`]. Trailing zeros do not count as decimals (`1.500` is fine).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use taawun_core::Amount;
    /// assert!(Amount::from_decimal(Decimal::new(1050, 2)).is_some());
    /// assert!(Amount::from_decimal(Decimal::new(1005, 3)).is_none());
    /// assert!(Amount::from_decimal(Decimal::new(-1, 0)).is_none());
    /// ```
    pub fn from_decimal(value: Decimal) -> Option<Amount> {
        let value = value.normalize();
        if value.is_sign_negative() && !value.is_zero() || value.scale() > 2 {
            return None;
        }
        let value = value.abs();
        if value > Amount::MAX.0 {
            return None;
        }
        Some(Amount(value))
    }

    /// Builds an amount from a whole number of centimes; `None` above [`Amount::MAX`].
    ///
    /// ```
    /// use taawun_core::Amount;
    /// assert_eq!(Amount::from_centimes(3211).unwrap().to_string(), "32.11");
    /// assert!(Amount::from_centimes(u64::MAX).is_none());
    /// ```
    pub fn from_centimes(centimes: u64) -> Option<Amount> {
        if centimes > MAX_CENTIMES {
            return None;
        }
        Amount::from_decimal(Decimal::from_i128_with_scale(i128::from(centimes), 2))
    }

    /// The whole number of centimes.
    ///
    /// ```
    /// use taawun_core::Amount;
    /// assert_eq!(Amount::from_centimes(3211).unwrap().to_centimes(), 3211);
    /// ```
    pub fn to_centimes(self) -> u64 {
        let mut value = self.0;
        value.rescale(2);
        // Valid amounts are below MAX_CENTIMES, so the mantissa always fits.
        u64::try_from(value.mantissa()).unwrap_or(u64::MAX)
    }

    /// The exact decimal value.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use taawun_core::Amount;
    /// assert_eq!(Amount::from_centimes(150).unwrap().to_decimal(), Decimal::new(15, 1));
    /// ```
    pub fn to_decimal(self) -> Decimal {
        self.0
    }

    /// Whether this is zero dirhams.
    ///
    /// ```
    /// use taawun_core::Amount;
    /// assert!(Amount::ZERO.is_zero());
    /// ```
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The sum, or `None` above [`Amount::MAX`].
    ///
    /// ```
    /// use taawun_core::Amount;
    /// let a = Amount::from_centimes(150).unwrap();
    /// assert_eq!(a.checked_add(a).unwrap().to_string(), "3.00");
    /// ```
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).and_then(Amount::from_decimal)
    }

    /// The difference, or `None` when it would be negative.
    ///
    /// ```
    /// use taawun_core::Amount;
    /// let (a, b) = (Amount::from_centimes(150).unwrap(), Amount::from_centimes(50).unwrap());
    /// assert_eq!(a.checked_sub(b).unwrap().to_string(), "1.00");
    /// assert!(b.checked_sub(a).is_none());
    /// ```
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        self.0.checked_sub(other.0).and_then(Amount::from_decimal)
    }

    /// The exact sum of many amounts, or `None` above [`Amount::MAX`]. The empty sum is zero.
    ///
    /// ```
    /// use taawun_core::Amount;
    /// let parts = [Amount::from_centimes(100).unwrap(), Amount::from_centimes(250).unwrap()];
    /// assert_eq!(Amount::checked_sum(parts).unwrap().to_string(), "3.50");
    /// assert_eq!(Amount::checked_sum([]), Some(Amount::ZERO));
    /// ```
    pub fn checked_sum<I: IntoIterator<Item = Amount>>(amounts: I) -> Option<Amount> {
        amounts.into_iter().try_fold(Amount::ZERO, Amount::checked_add)
    }

    /// This amount times a rate, brought back to whole centimes the stated way; `None` above
    /// [`Amount::MAX`]. Rounding here is explicit because a product of two exact decimals
    /// usually has more than two decimals.
    ///
    /// ```
    /// use taawun_core::amount::{Amount, CentimeRounding};
    /// use taawun_core::rate::Rate;
    /// let total = Amount::from_centimes(66_300_000).unwrap();
    /// let sixty = Rate::from_percent(60.into()).unwrap();
    /// assert_eq!(total.checked_mul_rate(sixty, CentimeRounding::Down).unwrap().to_string(), "397800.00");
    /// ```
    pub fn checked_mul_rate(self, rate: Rate, rounding: CentimeRounding) -> Option<Amount> {
        let product = self.0.checked_mul(rate.to_fraction())?;
        let strategy = match rounding {
            CentimeRounding::Down => RoundingStrategy::ToZero,
            CentimeRounding::Up => RoundingStrategy::AwayFromZero,
        };
        Amount::from_decimal(product.round_dp_with_strategy(2, strategy))
    }

    /// The canonical machine form: digits, a dot, two decimals (`"13170000.00"`).
    ///
    /// ```
    /// use taawun_core::Amount;
    /// assert_eq!(Amount::from_centimes(5).unwrap().to_canonical(), "0.05");
    /// ```
    pub fn to_canonical(self) -> String {
        let mut d = self.0;
        d.rescale(2);
        d.to_string()
    }

    /// Reads an amount as staff type or paste it (see the module documentation for the grammar).
    /// Nothing is ever rounded: an amount that cannot be held exactly is an error.
    ///
    /// ```
    /// use taawun_core::amount::{Amount, AmountError, ParseLocale};
    /// let parse = |text| Amount::parse(text, ParseLocale::Moroccan).map(|a| a.to_string());
    /// assert_eq!(parse("13 170 000,00 DH").unwrap(), "13170000.00");
    /// assert_eq!(parse("16.177.540,03").unwrap(), "16177540.03");
    /// assert_eq!(parse("20,86 مليون درهم").unwrap(), "20860000.00");
    /// assert_eq!(parse("1,2 MMDH").unwrap(), "1200000000.00");
    /// assert_eq!(parse("11ر32").unwrap(), "32.11");
    /// assert_eq!(parse("٣٠٠٫٥٠ درهم").unwrap(), "300.50");
    /// assert!(matches!(Amount::parse("0,001", ParseLocale::Moroccan), Err(AmountError::TooManyDecimals { .. })));
    /// ```
    pub fn parse(text: &str, locale: ParseLocale) -> Result<Amount, AmountError> {
        grammar::parse(text, locale)
    }

    /// Reads the canonical stored form only: ASCII digits, then optionally a dot and one or two
    /// digits (`"13170000.00"`, `"5"`). Used for stored and exported data, where a friendly
    /// grammar would hide corruption.
    ///
    /// ```
    /// use taawun_core::Amount;
    /// assert_eq!(Amount::parse_canonical("13170000.00").unwrap().to_string(), "13170000.00");
    /// assert!(Amount::parse_canonical("12.345").is_err());
    /// assert!(Amount::parse_canonical("13 170 000,00").is_err());
    /// ```
    pub fn parse_canonical(text: &str) -> Result<Amount, AmountError> {
        let not_canonical = || AmountError::NotCanonical { input: text.to_owned() };
        let (integer, fraction) = match text.split_once('.') {
            Some((integer, fraction)) => (integer, fraction),
            None => (text, "0"),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(integer) || !all_digits(fraction) || fraction.len() > 2 {
            return Err(not_canonical());
        }
        if integer.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
            return Err(AmountError::TooLarge { input: text.to_owned() });
        }
        let decimal = Decimal::from_str_exact(text).map_err(|_| not_canonical())?;
        Amount::from_decimal(decimal).ok_or_else(not_canonical)
    }
}

impl fmt::Display for Amount {
    /// The canonical form, so that `Amount::parse(&a.to_string(), _) == Ok(a)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_canonical())
    }
}

impl FromStr for Amount {
    type Err = AmountError;

    /// Same as [`Amount::parse`] with [`ParseLocale::Strict`].
    fn from_str(text: &str) -> Result<Amount, AmountError> {
        Amount::parse(text, ParseLocale::Strict)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_canonical())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        crate::from_str_value::parse_str(deserializer, Amount::parse_canonical)
    }
}

/// The hand-written parser behind [`Amount::parse`].
mod grammar {
    use rust_decimal::Decimal;

    use super::{Amount, AmountError, MAX_INTEGER_DIGITS, ParseLocale};

    /// The three kinds of thousands separator; one number uses one kind.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Separator {
        Space,
        Dot,
        ArabicComma,
    }

    fn separator(c: char) -> Option<Separator> {
        match c {
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => Some(Separator::Space),
            '.' => Some(Separator::Dot),
            '\u{66c}' => Some(Separator::ArabicComma),
            _ => None,
        }
    }

    /// Invisible formatting characters that pasting Arabic text brings along.
    fn is_invisible(c: char) -> bool {
        matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    }

    /// Arabic-Indic digits become ASCII; the Arabic decimal separator becomes a comma.
    fn normalise(c: char) -> char {
        match c {
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '\u{6f0}'..='\u{6f9}' => char::from(b'0' + (c as u32 - 0x6f0) as u8),
            '\u{66b}' => ',',
            _ => c,
        }
    }

    const PRESS_MARK: char = 'ر';

    /// Units and the power of ten they multiply by. Latin units are compared in lowercase.
    const UNITS: &[(&str, u32)] = &[
        ("", 0),
        ("dh", 0),
        ("dhs", 0),
        ("dirham", 0),
        ("dirhams", 0),
        ("mad", 0),
        ("درهم", 0),
        ("دراهم", 0),
        ("درهما", 0),
        ("د.م.", 0),
        ("د.م", 0),
        ("mdh", 6),
        ("m dh", 6),
        ("mdhs", 6),
        ("million", 6),
        ("millions", 6),
        ("million dh", 6),
        ("millions dh", 6),
        ("million de dirhams", 6),
        ("millions de dirhams", 6),
        ("million dirhams", 6),
        ("millions dirhams", 6),
        ("مليون", 6),
        ("مليون درهم", 6),
        ("ملايين", 6),
        ("ملايين درهم", 6),
        ("mmdh", 9),
        ("mm dh", 9),
        ("mmdhs", 9),
        ("milliard", 9),
        ("milliards", 9),
        ("milliard dh", 9),
        ("milliards dh", 9),
        ("milliard de dirhams", 9),
        ("milliards de dirhams", 9),
        ("milliard dirhams", 9),
        ("milliards dirhams", 9),
        ("مليار", 9),
        ("مليار درهم", 9),
        ("ملايير", 9),
        ("ملايير درهم", 9),
        ("مليارات", 9),
        ("مليارات درهم", 9),
    ];

    pub(super) fn parse(text: &str, locale: ParseLocale) -> Result<Amount, AmountError> {
        let input = || text.to_owned();
        let cleaned: String = text.chars().filter(|c| !is_invisible(*c)).map(normalise).collect();
        let trimmed = cleaned.trim();
        let Some(first) = trimmed.chars().next() else {
            return Err(AmountError::Empty { input: input() });
        };
        if matches!(first, '+' | '-' | '\u{2212}' | '\u{2010}' | '\u{2013}' | '\u{fe63}' | '\u{ff0b}' | '\u{ff0d}') {
            return Err(AmountError::Sign { input: input() });
        }
        let lower = trimmed.to_lowercase();
        if lower.starts_with("nan") || lower.starts_with("inf") || lower.starts_with('∞') {
            return Err(AmountError::NotANumber { input: input() });
        }

        let (number, rest) = split_number(trimmed);
        let rest = rest.trim();
        if !number.bytes().any(|b| b.is_ascii_digit()) {
            if !trimmed.chars().any(|c| c.is_ascii_digit()) {
                return Err(AmountError::NoDigits { input: input() });
            }
            if first == PRESS_MARK {
                return Err(AmountError::BadPressForm { input: input() });
            }
            return Err(AmountError::UnexpectedCharacter { input: input(), character: first });
        }
        if rest.starts_with(PRESS_MARK) {
            return Err(AmountError::BadPressForm { input: input() });
        }
        let mut rest_chars = rest.chars();
        if let Some('e' | 'E') = rest_chars.next()
            && let Some(c) = rest_chars.next()
            && (c.is_ascii_digit() || c == '+' || c == '-')
        {
            return Err(AmountError::Exponent { input: input() });
        }
        if number.contains('_') {
            return Err(AmountError::Underscore { input: input() });
        }
        let exponent = unit_exponent(rest).ok_or_else(|| {
            // Digits after the number mean its grouping broke off (`1  000`, `1 0000`).
            if rest.chars().any(|c| c.is_ascii_digit()) {
                return AmountError::BadGrouping { input: input() };
            }
            match rest.chars().find(|c| !(c.is_alphabetic() || c.is_whitespace() || *c == '.')) {
                Some(character) => AmountError::UnexpectedCharacter { input: input(), character },
                None => AmountError::UnknownUnit { input: input(), unit: rest.to_owned() },
            }
        })?;

        let (integer, fraction) = split_digits(number, locale, exponent).map_err(|kind| kind(input()))?;
        build(&integer, &fraction, exponent).map_err(|kind| kind(input()))
    }

    /// Splits the leading number (digits and separators) from the unit that follows it.
    /// A space belongs to the number only when a digit follows it; `ر` only between digits.
    fn split_number(text: &str) -> (&str, &str) {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut end = 0;
        for (position, &(index, c)) in chars.iter().enumerate() {
            let next = chars.get(position + 1).map(|&(_, c)| c);
            let next_is_digit = next.is_some_and(|n| n.is_ascii_digit());
            let belongs = c.is_ascii_digit()
                || matches!(c, '.' | ',' | '_' | '\u{66c}')
                || (separator(c) == Some(Separator::Space) && next_is_digit)
                || (c == PRESS_MARK && next_is_digit && position > 0);
            if !belongs {
                break;
            }
            end = index + c.len_utf8();
        }
        text.split_at(end)
    }

    fn unit_exponent(unit: &str) -> Option<u32> {
        let words: Vec<&str> = unit.split_whitespace().collect();
        let unit = words.join(" ").to_lowercase();
        UNITS.iter().find(|(name, _)| *name == unit).map(|&(_, exponent)| exponent)
    }

    type Problem = fn(String) -> AmountError;

    fn all_digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }

    /// The integer and fraction digits of a number, separators removed.
    fn split_digits(number: &str, locale: ParseLocale, exponent: u32) -> Result<(String, String), Problem> {
        if let Some((fraction, integer)) = number.split_once(PRESS_MARK) {
            if !all_digits(fraction) || !all_digits(integer) {
                return Err(|input| AmountError::BadPressForm { input });
            }
            return Ok((integer.to_owned(), fraction.to_owned()));
        }
        let commas = number.matches(',').count();
        if commas > 1 {
            return Err(|input| AmountError::SeveralDecimalMarks { input });
        }
        if let Some((integer, fraction)) = number.split_once(',') {
            if integer.is_empty() || fraction.is_empty() {
                return Err(|input| AmountError::DanglingDecimalMark { input });
            }
            if fraction.contains('.') {
                return Err(|input| AmountError::SeveralDecimalMarks { input });
            }
            if !all_digits(fraction) {
                return Err(|input| AmountError::BadGrouping { input });
            }
            return Ok((ungroup(integer)?, fraction.to_owned()));
        }
        let dots = number.matches('.').count();
        if dots != 1 {
            return Ok((ungroup(number)?, String::new()));
        }
        let Some((integer, fraction)) = number.split_once('.') else {
            return Ok((ungroup(number)?, String::new()));
        };
        if integer.is_empty() || fraction.is_empty() {
            return Err(|input| AmountError::DanglingDecimalMark { input });
        }
        if !all_digits(fraction) {
            return Err(|input| AmountError::BadGrouping { input });
        }
        let could_be_grouping = fraction.len() == 3 && all_digits(integer) && integer.len() <= 3 && !integer.starts_with('0');
        if could_be_grouping {
            if exponent > 0 || locale == ParseLocale::Strict {
                return Err(|input| AmountError::AmbiguousDot { input });
            }
            return Ok((format!("{integer}{fraction}"), String::new()));
        }
        Ok((ungroup(integer)?, fraction.to_owned()))
    }

    /// Removes thousands separators after checking they make groups of three of one kind.
    fn ungroup(integer: &str) -> Result<String, Problem> {
        let bad = |input| AmountError::BadGrouping { input };
        let mut kind = None;
        let mut groups: Vec<String> = vec![String::new()];
        for c in integer.chars() {
            if c.is_ascii_digit() {
                if let Some(group) = groups.last_mut() {
                    group.push(c);
                }
                continue;
            }
            let Some(this) = separator(c) else { return Err(bad) };
            if kind.is_some_and(|k| k != this) {
                return Err(bad);
            }
            kind = Some(this);
            groups.push(String::new());
        }
        let (first, others) = groups.split_first().ok_or(bad as Problem)?;
        let first_ok = if others.is_empty() { !first.is_empty() } else { (1..=3).contains(&first.len()) };
        if !first_ok || others.iter().any(|g| g.len() != 3) {
            return Err(bad);
        }
        Ok(groups.concat())
    }

    /// Applies the unit and checks size and decimals; nothing is rounded.
    fn build(integer: &str, fraction: &str, exponent: u32) -> Result<Amount, Problem> {
        let significant = integer.trim_start_matches('0');
        let exponent_len = exponent as usize;
        if significant.len() + exponent_len > MAX_INTEGER_DIGITS {
            return Err(|input| AmountError::TooLarge { input });
        }
        if fraction.len() > 2 + exponent_len {
            return Err(|input| AmountError::TooManyDecimals { input });
        }
        // At most 15 integer and 11 fraction digits here, so the mantissa fits easily.
        let digits = format!("{significant}{fraction}");
        let mantissa: i128 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| too_large())? };
        let fraction_len = fraction.len() as u32;
        let decimal = if exponent >= fraction_len {
            let scaled = mantissa.checked_mul(10i128.pow(exponent - fraction_len)).ok_or_else(too_large)?;
            Decimal::try_from_i128_with_scale(scaled, 0).map_err(|_| too_large())?
        } else {
            Decimal::try_from_i128_with_scale(mantissa, fraction_len - exponent).map_err(|_| too_large())?
        };
        Amount::from_decimal(decimal).ok_or_else(too_large)
    }

    fn too_large() -> Problem {
        |input| AmountError::TooLarge { input }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variant name of an error, e.g. `AmbiguousDot`.
    fn kind(error: &AmountError) -> String {
        let debug = format!("{error:?}");
        debug.split([' ', '{']).next().unwrap_or_default().to_owned()
    }

    /// Parses `input` in `locale` and compares with `expected`: the canonical amount, or
    /// `!Variant` for an error.
    fn check(locale: ParseLocale, input: &str, expected: &str) {
        let got = match Amount::parse(input, locale) {
            Ok(amount) => amount.to_canonical(),
            Err(error) => {
                assert_eq!(error.input(), input, "the error carries the input");
                format!("!{}", kind(&error))
            }
        };
        assert_eq!(got, expected, "{locale:?} parse of {input:?}");
    }

    /// Cases that read the same under both locales.
    const BOTH: &[(&str, &str)] = &[
        // Grouping by spaces, no-break spaces, narrow no-break spaces, dots, Arabic commas.
        ("13 170 000,00", "13170000.00"),
        ("13\u{a0}170\u{a0}000,00", "13170000.00"),
        ("13\u{202f}170\u{202f}000,00", "13170000.00"),
        ("13\u{2009}170\u{2009}000,00", "13170000.00"),
        ("13170000.00", "13170000.00"),
        ("13170000,00", "13170000.00"),
        ("13170000", "13170000.00"),
        ("16.177.540,03", "16177540.03"),
        ("16.177.540", "16177540.00"),
        ("300.000,50", "300000.50"),
        ("1 000", "1000.00"),
        ("  42  ", "42.00"),
        ("0", "0.00"),
        ("0,5", "0.50"),
        ("0.5", "0.50"),
        ("007", "7.00"),
        ("999 999 999 999 999,99", "999999999999999.99"),
        // Units.
        ("300 000,00 dirhams", "300000.00"),
        ("300 000 DH", "300000.00"),
        ("300 000 Dh", "300000.00"),
        ("300000DH", "300000.00"),
        ("100 MAD", "100.00"),
        ("26427907 درهم", "26427907.00"),
        ("20,86 مليون درهم", "20860000.00"),
        ("20,86 MDH", "20860000.00"),
        ("20,86MDH", "20860000.00"),
        ("20,86 mdh", "20860000.00"),
        ("20.86 MDH", "20860000.00"),
        ("20.8 مليون درهم", "20800000.00"),
        ("13.17 مليون", "13170000.00"),
        ("1,5 million de dirhams", "1500000.00"),
        ("3 millions", "3000000.00"),
        ("1,2 MMDH", "1200000000.00"),
        ("4 MMDH", "4000000000.00"),
        ("1,12 مليار درهم", "1120000000.00"),
        ("1,152 milliard", "1152000000.00"),
        ("20,861234 MDH", "20861234.00"),
        ("20,8612345 MDH", "20861234.50"),
        ("0,00000001 MMDH", "10.00"),
        // The MAP press form: fraction digits, ر, integer digits.
        ("11ر32", "32.11"),
        ("75ر30", "30.75"),
        ("11ر32 مليون درهم", "32110000.00"),
        ("5ر2", "2.50"),
        // Arabic-Indic and Extended Arabic-Indic digits, Arabic separators, bidi marks.
        ("٣٢٫١١", "32.11"),
        ("١٣٬١٧٠٬٠٠٠٫٠٠ درهم", "13170000.00"),
        ("۱۲۳", "123.00"),
        ("\u{200f}20,86 مليون درهم\u{200f}", "20860000.00"),
        ("\u{200e}13 170 000,00 DH", "13170000.00"),
        // Refusals.
        ("", "!Empty"),
        ("   ", "!Empty"),
        ("-0", "!Sign"),
        ("-5", "!Sign"),
        ("+5", "!Sign"),
        ("\u{2212}5", "!Sign"),
        ("1e3", "!Exponent"),
        ("1E3", "!Exponent"),
        ("2,5e6", "!Exponent"),
        ("1e-3", "!Exponent"),
        ("NaN", "!NotANumber"),
        ("nan", "!NotANumber"),
        ("inf", "!NotANumber"),
        ("Infinity", "!NotANumber"),
        ("1_000", "!Underscore"),
        ("DH", "!NoDigits"),
        ("abc", "!NoDigits"),
        ("12#", "!UnexpectedCharacter"),
        ("DH 300", "!UnexpectedCharacter"),
        ("12 euros", "!UnknownUnit"),
        ("12 مليون سنتيم", "!UnknownUnit"),
        ("12,5,0", "!SeveralDecimalMarks"),
        ("1,234.56", "!SeveralDecimalMarks"),
        (",50", "!DanglingDecimalMark"),
        ("12,", "!DanglingDecimalMark"),
        ("12.", "!DanglingDecimalMark"),
        ("1 23 456", "!BadGrouping"),
        ("1234 567", "!BadGrouping"),
        ("1  000", "!BadGrouping"),
        ("12.34.567", "!BadGrouping"),
        ("1.234 567", "!BadGrouping"),
        ("16.177.54,03", "!BadGrouping"),
        ("1 234.567", "!TooManyDecimals"),
        ("1.234 MDH", "!AmbiguousDot"),
        ("1.234 مليون", "!AmbiguousDot"),
        ("0.001", "!TooManyDecimals"),
        ("0,001", "!TooManyDecimals"),
        ("1,234", "!TooManyDecimals"),
        ("1,005 DH", "!TooManyDecimals"),
        ("1234.567", "!TooManyDecimals"),
        ("١٢٣٫٤٥٦", "!TooManyDecimals"),
        ("20,861234567 MDH", "!TooManyDecimals"),
        ("123456789012345678901234567890", "!TooLarge"),
        ("1 000 000 000 000 000", "!TooLarge"),
        ("1000000 MMDH", "!TooLarge"),
        ("ر32", "!BadPressForm"),
        ("11ر", "!BadPressForm"),
        ("11ر3ر2", "!BadPressForm"),
        ("1,1ر32", "!BadPressForm"),
    ];

    /// Cases where the locale decides: (input, strict, moroccan).
    const BY_LOCALE: &[(&str, &str, &str)] = &[
        ("300.000", "!AmbiguousDot", "300000.00"),
        ("300.000 DH", "!AmbiguousDot", "300000.00"),
        ("1.234", "!AmbiguousDot", "1234.00"),
        ("٣٠٠٫٠٠٠", "!TooManyDecimals", "!TooManyDecimals"),
        ("012.345", "!TooManyDecimals", "!TooManyDecimals"),
    ];

    #[test]
    fn the_amount_grammar_reads_every_documented_form_in_both_locales() {
        for (input, expected) in BOTH {
            check(ParseLocale::Strict, input, expected);
            check(ParseLocale::Moroccan, input, expected);
        }
    }

    #[test]
    fn a_dot_followed_by_three_digits_depends_on_the_locale() {
        for (input, strict, moroccan) in BY_LOCALE {
            check(ParseLocale::Strict, input, strict);
            check(ParseLocale::Moroccan, input, moroccan);
        }
    }

    #[test]
    fn the_ambiguous_dot_message_says_why_and_how_to_write_it() {
        let error = Amount::parse("1.234", ParseLocale::Strict).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("ambiguous") && message.contains("1 234") && message.contains("1,23"), "{message}");
        for lang in Lang::ALL {
            assert!(error.message(lang).contains("1 234"), "{lang:?}");
        }
    }

    #[test]
    fn every_error_message_is_lowercase_without_a_trailing_period_in_every_language() {
        let refused: Vec<AmountError> = BOTH
            .iter()
            .filter(|(_, expected)| expected.starts_with('!'))
            .map(|(input, _)| Amount::parse(input, ParseLocale::Strict).unwrap_err())
            .chain([AmountError::NotCanonical { input: "x".into() }, Amount::parse("1.234", ParseLocale::Strict).unwrap_err()])
            .collect();
        for error in refused {
            let messages = [error.to_string(), error.message(Lang::Fr), error.message(Lang::Ar)];
            for message in messages {
                assert!(!message.ends_with('.'), "{message}");
                assert!(!message.chars().next().is_some_and(char::is_uppercase), "{message}");
            }
        }
    }

    #[test]
    fn a_sum_above_the_maximum_is_refused_rather_than_rounded() {
        let centime = Amount::from_centimes(1).unwrap();
        assert_eq!(Amount::MAX.checked_add(centime), None);
        assert_eq!(Amount::checked_sum([Amount::MAX, Amount::ZERO]), Some(Amount::MAX));
        assert_eq!(Amount::checked_sum([Amount::MAX, centime]), None);
    }

    #[test]
    fn stored_amounts_must_be_canonical() {
        for ok in ["13170000.00", "0", "5.5", "999999999999999.99"] {
            assert!(serde_json::from_str::<Amount>(&format!("\"{ok}\"")).is_ok(), "{ok}");
        }
        for bad in ["12.345", "13 170 000,00", "-1.00", "1e3", "", ".5", "5.", "1000000000000000.00", "NaN"] {
            assert!(serde_json::from_str::<Amount>(&format!("\"{bad}\"")).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Amount>("13170000").is_err(), "a JSON number is not a stored amount");
    }

    #[test]
    fn a_share_of_an_amount_is_rounded_only_in_the_stated_direction() {
        let total = Amount::from_centimes(33_333).unwrap();
        let sixty = Rate::from_percent(60.into()).unwrap();
        assert_eq!(total.checked_mul_rate(sixty, CentimeRounding::Down).unwrap().to_canonical(), "199.99");
        assert_eq!(total.checked_mul_rate(sixty, CentimeRounding::Up).unwrap().to_canonical(), "200.00");
        let exact = Amount::from_centimes(100_000).unwrap();
        assert_eq!(exact.checked_mul_rate(sixty, CentimeRounding::Up), exact.checked_mul_rate(sixty, CentimeRounding::Down));
    }
}
