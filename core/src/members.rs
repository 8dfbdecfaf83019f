//! `MemberCount`: a number of people (members, women, young members, jobs) as typed.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::lang::Lang;
use crate::text::Localised;

/// A count of people. Serialised as a JSON number.
///
/// ```
/// use taawun_core::members::MemberCount;
/// let members = MemberCount::parse("1 250").unwrap();
/// assert_eq!(members.get(), 1250);
/// assert_eq!(serde_json::to_string(&members).unwrap(), "1250");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberCount(u32);

/// Why a text is not a count. Every variant carries the text as given.
///
/// ```
/// use taawun_core::members::{CountError, MemberCount};
/// assert_eq!(MemberCount::parse("2,5"), Err(CountError::NotAWholeNumber { input: "2,5".into() }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum CountError {
    /// Nothing but spaces.
    #[error("a number is needed, but the text is empty")]
    Empty {
        /// The text as given.
        input: String,
    },
    /// Anything but digits (and spaces between groups).
    #[error("\"{input}\" is not a whole number")]
    NotAWholeNumber {
        /// The text as given.
        input: String,
    },
    /// Above 4 294 967 295.
    #[error("\"{input}\" is too large for a count")]
    TooLarge {
        /// The text as given.
        input: String,
    },
}

impl CountError {
    /// The text that was refused, exactly as given.
    ///
    /// ```
    /// use taawun_core::members::MemberCount;
    /// assert_eq!(MemberCount::parse("x").unwrap_err().input(), "x");
    /// ```
    pub fn input(&self) -> &str {
        match self {
            CountError::Empty { input } | CountError::NotAWholeNumber { input } | CountError::TooLarge { input } => input,
        }
    }
}

impl Localised for CountError {
    /// ```
    /// use taawun_core::{Lang, members::MemberCount, text::Localised};
    /// assert_eq!(MemberCount::parse("x").unwrap_err().message(Lang::Fr), "« x » n'est pas un nombre entier");
    /// ```
    fn message(&self, lang: Lang) -> String {
        let input = self.input();
        match (self, lang) {
            (CountError::Empty { .. }, Lang::Fr) => "un nombre est attendu, mais le texte est vide".into(),
            (CountError::Empty { .. }, Lang::Ar) => "يجب إدخال عدد، لكن النص فارغ".into(),
            (CountError::NotAWholeNumber { .. }, Lang::Fr) => format!("« {input} » n'est pas un nombre entier"),
            (CountError::NotAWholeNumber { .. }, Lang::Ar) => format!("«{input}» ليس عددا صحيحا"),
            (CountError::TooLarge { .. }, Lang::Fr) => format!("« {input} » est trop grand pour un effectif"),
            (CountError::TooLarge { .. }, Lang::Ar) => format!("«{input}» كبير جدا بالنسبة لعدد"),
        }
    }
}

impl MemberCount {
    /// A count.
    ///
    /// ```
    /// use taawun_core::members::MemberCount;
    /// assert_eq!(MemberCount::new(5).get(), 5);
    /// ```
    pub const fn new(count: u32) -> MemberCount {
        MemberCount(count)
    }

    /// The number.
    ///
    /// ```
    /// use taawun_core::members::MemberCount;
    /// assert_eq!(MemberCount::default().get(), 0);
    /// ```
    pub const fn get(self) -> u32 {
        self.0
    }

    /// Reads a count: digits (ASCII or Arabic-Indic), optionally grouped by spaces.
    ///
    /// ```
    /// use taawun_core::members::MemberCount;
    /// assert_eq!(MemberCount::parse("١٢").unwrap().get(), 12);
    /// assert!(MemberCount::parse("-3").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<MemberCount, CountError> {
        let input = || text.to_owned();
        let mut digits = String::new();
        for c in text.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                '\u{660}'..='\u{669}' => digits.push(char::from(b'0' + (c as u32 - 0x660) as u8)),
                '\u{6f0}'..='\u{6f9}' => digits.push(char::from(b'0' + (c as u32 - 0x6f0) as u8)),
                ' ' | '\u{a0}' | '\u{202f}' if !digits.is_empty() => {}
                _ => return Err(CountError::NotAWholeNumber { input: input() }),
            }
        }
        if digits.is_empty() {
            return Err(CountError::Empty { input: input() });
        }
        digits.parse().map(MemberCount).map_err(|_| CountError::TooLarge { input: input() })
    }

    /// The sum, or `None` on overflow.
    ///
    /// ```
    /// use taawun_core::members::MemberCount;
    /// assert_eq!(MemberCount::new(2).checked_add(MemberCount::new(3)), Some(MemberCount::new(5)));
    /// ```
    pub fn checked_add(self, other: MemberCount) -> Option<MemberCount> {
        self.0.checked_add(other.0).map(MemberCount)
    }
}

impl From<u32> for MemberCount {
    /// ```
    /// use taawun_core::members::MemberCount;
    /// assert_eq!(MemberCount::from(7).get(), 7);
    /// ```
    fn from(count: u32) -> MemberCount {
        MemberCount(count)
    }
}

impl fmt::Display for MemberCount {
    /// Plain digits; see [`crate::text::integer`] for grouped forms.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_has_its_own_variant() {
        assert!(matches!(MemberCount::parse(""), Err(CountError::Empty { .. })));
        assert!(matches!(MemberCount::parse(" 1 000 "), Ok(MemberCount(1000))));
        assert!(matches!(MemberCount::parse("2,5"), Err(CountError::NotAWholeNumber { .. })));
        assert!(matches!(MemberCount::parse(" 12"), Ok(MemberCount(12))));
        assert!(matches!(MemberCount::parse("4294967296"), Err(CountError::TooLarge { .. })));
        assert!(matches!(MemberCount::parse("4294967295"), Ok(MemberCount(u32::MAX))));
    }

    #[test]
    fn a_count_survives_json() {
        let count = MemberCount::new(33);
        assert_eq!(serde_json::from_str::<MemberCount>(&serde_json::to_string(&count).unwrap()).unwrap(), count);
        assert!(serde_json::from_str::<MemberCount>("-1").is_err());
    }
}
