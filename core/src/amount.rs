//! `Amount`: an exact sum of Moroccan dirhams (two decimals at most, never negative).

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact, non-negative amount of dirhams with at most two decimals (centimes).
///
/// Serialised as a string with two decimals, e.g. `"13170000.00"`.
///
/// ```
/// use taawun_core::Amount;
/// let a = Amount::from_centimes(1_317_000_000).unwrap();
/// assert_eq!(serde_json::to_string(&a).unwrap(), "\"13170000.00\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(Decimal);

impl Amount {
    /// Zero dirhams.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Builds an amount from a decimal, refusing negatives and more than two decimals.
    pub fn from_decimal(value: Decimal) -> Option<Amount> {
        let value = value.normalize();
        if value.is_sign_negative() && !value.is_zero() || value.scale() > 2 {
            return None;
        }
        Some(Amount(value.abs()))
    }

    /// Builds an amount from a whole number of centimes.
    pub fn from_centimes(centimes: u64) -> Option<Amount> {
        Amount::from_decimal(Decimal::from_i128_with_scale(i128::from(centimes), 2))
    }

    /// The exact decimal value.
    pub fn to_decimal(self) -> Decimal {
        self.0
    }

    /// The sum, or `None` when it would overflow.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    /// The difference, or `None` when it would be negative.
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        self.0.checked_sub(other.0).and_then(Amount::from_decimal)
    }

    /// The canonical machine form: digits, a dot, two decimals (`"13170000.00"`).
    pub fn to_canonical(self) -> String {
        let mut d = self.0;
        d.rescale(2);
        d.to_string()
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_canonical())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        let text = String::deserialize(deserializer)?;
        let decimal: Decimal = text
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("\"{text}\" is not an amount")))?;
        Amount::from_decimal(decimal)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{text}\" is not an amount")))
    }
}
