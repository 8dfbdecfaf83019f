//! `Ice`: the Identifiant Commun de l'Entreprise (التعريف الموحد للمقاولة), 15 digits with
//! leading zeros kept, and its inferred mod-97 check.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::lang::Lang;
use crate::text::Localised;

/// An ICE: exactly 15 ASCII digits (9 for the entity, 4 for the establishment, 2 control).
///
/// The check "the 15-digit number is divisible by 97" is inferred from real numbers, not from
/// a published rule, so how strictly it applies is the caller's [`IceCheck`]. Stored data is
/// read back without the check (the setting may have changed since it was saved); whether the
/// check holds stays visible through [`Ice::checksum_holds`].
///
/// ```
/// use taawun_core::ice::{Ice, IceCheck};
/// let ice = Ice::parse("001561191 0000 66", IceCheck::Enforce).unwrap();
/// assert_eq!(ice.as_str(), "001561191000066");
/// assert_eq!(serde_json::to_string(&ice).unwrap(), "\"001561191000066\"");
/// assert!(Ice::parse("001561191000065", IceCheck::Enforce).is_err());
/// assert!(!Ice::parse("001561191000065", IceCheck::Warn).unwrap().checksum_holds());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ice(String);

/// How strictly [`Ice::parse`] applies the mod-97 check.
///
/// ```
/// use taawun_core::ice::{Ice, IceCheck};
/// assert!(Ice::parse("001561191000065", IceCheck::Off).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IceCheck {
    /// A failed check is an error.
    Enforce,
    /// A failed check is accepted; the caller shows a warning from [`Ice::checksum_holds`].
    #[default]
    Warn,
    /// The check is not looked at.
    Off,
}

/// Why a text is not an ICE. Every variant carries the text as it was given.
///
/// ```
/// use taawun_core::ice::{Ice, IceCheck, IceError};
/// assert_eq!(
///     Ice::parse("00156119100006", IceCheck::Off),
///     Err(IceError::WrongLength { input: "00156119100006".into(), digits: 14 }),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum IceError {
    /// Nothing but spaces.
    #[error("an ICE is needed, but the text is empty")]
    Empty {
        /// The text as given.
        input: String,
    },
    /// A character other than a digit or a space.
    #[error("\"{input}\" contains '{character}': an ICE has only digits")]
    NotADigit {
        /// The text as given.
        input: String,
        /// The first character that is not a digit.
        character: char,
    },
    /// Not 15 digits.
    #[error("\"{input}\" has {digits} digits, an ICE has 15")]
    WrongLength {
        /// The text as given.
        input: String,
        /// How many digits it has.
        digits: usize,
    },
    /// The number is not divisible by 97 and the check is enforced.
    #[error("\"{input}\" fails the ICE check (the number is not a multiple of 97): check for a typing slip")]
    Checksum {
        /// The text as given.
        input: String,
    },
}

impl IceError {
    /// The text that was refused, exactly as given.
    ///
    /// ```
    /// use taawun_core::ice::{Ice, IceCheck};
    /// assert_eq!(Ice::parse("12A", IceCheck::Off).unwrap_err().input(), "12A");
    /// ```
    pub fn input(&self) -> &str {
        match self {
            IceError::Empty { input } | IceError::NotADigit { input, .. } | IceError::WrongLength { input, .. } | IceError::Checksum { input } => input,
        }
    }
}

impl Localised for IceError {
    /// ```
    /// use taawun_core::{Lang, ice::{Ice, IceCheck}, text::Localised};
    /// let err = Ice::parse("00156119100006", IceCheck::Off).unwrap_err();
    /// assert_eq!(err.message(Lang::Fr), "« 00156119100006 » a 14 chiffres, un ICE en a 15");
    /// ```
    fn message(&self, lang: Lang) -> String {
        let input = self.input();
        match (self, lang) {
            (IceError::Empty { .. }, Lang::Fr) => "un ICE est attendu, mais le texte est vide".into(),
            (IceError::Empty { .. }, Lang::Ar) => "يجب إدخال التعريف الموحد للمقاولة، لكن النص فارغ".into(),
            (IceError::NotADigit { character, .. }, Lang::Fr) => {
                format!("« {input} » contient « {character} » : un ICE ne contient que des chiffres")
            }
            (IceError::NotADigit { character, .. }, Lang::Ar) => {
                format!("«{input}» يحتوي على «{character}»: التعريف الموحد للمقاولة أرقام فقط")
            }
            (IceError::WrongLength { digits, .. }, Lang::Fr) => format!("« {input} » a {digits} chiffres, un ICE en a 15"),
            (IceError::WrongLength { digits, .. }, Lang::Ar) => {
                format!("«{input}» فيه {}، والتعريف الموحد للمقاولة فيه 15 رقما", crate::text::count(*digits as u64, crate::text::Noun::Digit, Lang::Ar))
            }
            (IceError::Checksum { .. }, Lang::Fr) => {
                format!("« {input} » échoue au contrôle de l'ICE (le nombre n'est pas un multiple de 97) : vérifiez la saisie")
            }
            (IceError::Checksum { .. }, Lang::Ar) => {
                format!("«{input}» لا يجتاز مراقبة التعريف الموحد (العدد ليس من مضاعفات 97): تحقق من الكتابة")
            }
        }
    }
}

impl Ice {
    /// Reads an ICE: spaces (ordinary and no-break) are dropped, Arabic-Indic digits count as
    /// ASCII digits, and exactly 15 digits must remain. Leading zeros are kept.
    ///
    /// ```
    /// use taawun_core::ice::{Ice, IceCheck, IceError};
    /// assert_eq!(Ice::parse("٠٠١٥٦١١٩١٠٠٠٠٦٦", IceCheck::Enforce).unwrap().as_str(), "001561191000066");
    /// assert!(matches!(Ice::parse("00156119100006A", IceCheck::Off), Err(IceError::NotADigit { character: 'A', .. })));
    /// ```
    pub fn parse(text: &str, check: IceCheck) -> Result<Ice, IceError> {
        let input = || text.to_owned();
        let mut digits = String::with_capacity(15);
        for c in text.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '\u{660}'..='\u{669}' => digits.push(char::from(b'0' + (c as u32 - 0x660) as u8)),
                '\u{6f0}'..='\u{6f9}' => digits.push(char::from(b'0' + (c as u32 - 0x6f0) as u8)),
                c if c.is_whitespace() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}') => {}
                character => return Err(IceError::NotADigit { input: input(), character }),
            }
        }
        if digits.is_empty() {
            return Err(IceError::Empty { input: input() });
        }
        if digits.len() != 15 {
            return Err(IceError::WrongLength { input: input(), digits: digits.chars().count() });
        }
        let ice = Ice(digits);
        if check == IceCheck::Enforce && !ice.checksum_holds() {
            return Err(IceError::Checksum { input: input() });
        }
        Ok(ice)
    }

    /// The 15 digits.
    ///
    /// ```
    /// use taawun_core::ice::{Ice, IceCheck};
    /// assert_eq!(Ice::parse("001561191000066", IceCheck::Off).unwrap().as_str(), "001561191000066");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the whole number is a multiple of 97 (the inferred ICE check).
    ///
    /// ```
    /// use taawun_core::ice::{Ice, IceCheck};
    /// assert!(Ice::parse("001561191000066", IceCheck::Off).unwrap().checksum_holds());
    /// ```
    pub fn checksum_holds(&self) -> bool {
        // Fifteen digits always fit in a u64.
        self.0.parse::<u64>().is_ok_and(|n| n % 97 == 0)
    }

    /// The first 9 digits: the entity.
    ///
    /// ```
    /// use taawun_core::ice::{Ice, IceCheck};
    /// assert_eq!(Ice::parse("001561191000066", IceCheck::Off).unwrap().entity(), "001561191");
    /// ```
    pub fn entity(&self) -> &str {
        &self.0[..9]
    }

    /// Digits 10 to 13: the establishment (`0000` for a single one).
    ///
    /// ```
    /// use taawun_core::ice::{Ice, IceCheck};
    /// assert_eq!(Ice::parse("001561191000066", IceCheck::Off).unwrap().establishment(), "0000");
    /// ```
    pub fn establishment(&self) -> &str {
        &self.0[9..13]
    }

    /// The last 2 digits: the control digits.
    ///
    /// ```
    /// use taawun_core::ice::{Ice, IceCheck};
    /// assert_eq!(Ice::parse("001561191000066", IceCheck::Off).unwrap().control(), "66");
    /// ```
    pub fn control(&self) -> &str {
        &self.0[13..]
    }
}

impl fmt::Display for Ice {
    /// The 15 digits, without spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Ice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Ice {
    /// Stored ICEs are read with [`IceCheck::Off`], but must be exactly 15 ASCII digits.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ice, D::Error> {
        crate::from_str_value::parse_str(deserializer, |text| {
            if text.len() != 15 || !text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("\"{text}\" is not a stored ICE: expected 15 ASCII digits"));
            }
            Ok(Ice(text.to_owned()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ice_with_fourteen_digits_is_rejected() {
        let error = Ice::parse("00156119100006", IceCheck::Off).unwrap_err();
        assert_eq!(error, IceError::WrongLength { input: "00156119100006".into(), digits: 14 });
        assert_eq!(error.to_string(), "\"00156119100006\" has 14 digits, an ICE has 15");
        assert_eq!(error.message(Lang::Ar), "«00156119100006» فيه 14 رقما، والتعريف الموحد للمقاولة فيه 15 رقما");
    }

    #[test]
    fn an_ice_with_sixteen_digits_is_rejected() {
        assert!(matches!(Ice::parse("0015611910000660", IceCheck::Off), Err(IceError::WrongLength { digits: 16, .. })));
    }

    #[test]
    fn an_ice_with_letters_is_rejected() {
        assert_eq!(Ice::parse("ICE001561191000066", IceCheck::Off), Err(IceError::NotADigit { input: "ICE001561191000066".into(), character: 'I' }));
        assert!(matches!(Ice::parse("001561191-000066", IceCheck::Off), Err(IceError::NotADigit { character: '-', .. })));
    }

    #[test]
    fn an_empty_ice_is_its_own_error() {
        assert_eq!(Ice::parse(" \u{a0} ", IceCheck::Off), Err(IceError::Empty { input: " \u{a0} ".into() }));
    }

    #[test]
    fn leading_zeros_survive_parsing_printing_and_json() {
        let ice = Ice::parse("000000000000000", IceCheck::Enforce).unwrap();
        assert_eq!(ice.to_string(), "000000000000000");
        let json = serde_json::to_string(&ice).unwrap();
        assert_eq!(json, "\"000000000000000\"");
        assert_eq!(serde_json::from_str::<Ice>(&json).unwrap(), ice);
    }

    #[test]
    fn the_checksum_setting_decides_between_error_warning_and_silence() {
        let bad = "001561191000065";
        assert_eq!(Ice::parse(bad, IceCheck::Enforce), Err(IceError::Checksum { input: bad.into() }));
        assert!(!Ice::parse(bad, IceCheck::Warn).unwrap().checksum_holds());
        assert!(!Ice::parse(bad, IceCheck::Off).unwrap().checksum_holds());
        assert!(Ice::parse("001234567000062", IceCheck::Enforce).unwrap().checksum_holds());
    }

    #[test]
    fn stored_ices_are_read_without_the_checksum_but_must_be_fifteen_ascii_digits() {
        assert!(serde_json::from_str::<Ice>("\"001561191000065\"").is_ok());
        for bad in ["\"00156119100006\"", "\"001561191 000066\"", "\"٠٠١٥٦١١٩١٠٠٠٠٦٦\"", "1561191000066"] {
            assert!(serde_json::from_str::<Ice>(bad).is_err(), "{bad}");
        }
    }
}
