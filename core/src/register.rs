//! `RegisterNumber`: a cooperative's number in the local register of a court of first
//! instance. The number is unique only within its court, so the pair is the identifier.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::lang::Lang;
use crate::text::Localised;

/// A registration in the local register of cooperatives: the court's code (from the reference
/// data's courts) and the number the court gave, as free text (its format is not published).
///
/// Spaces are trimmed and collapsed and Arabic-Indic digits become ASCII, so that two ways of
/// typing the same number compare equal.
///
/// ```
/// use taawun_core::register::RegisterNumber;
/// let a = RegisterNumber::new("TPI-TNG", " 1234 ").unwrap();
/// let b = RegisterNumber::new("TPI-TNG", "١٢٣٤").unwrap();
/// assert_eq!(a, b);
/// assert_ne!(a, RegisterNumber::new("TPI-ASL", "1234").unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRegisterNumber")]
pub struct RegisterNumber {
    court: String,
    number: String,
}

/// The stored shape of a [`RegisterNumber`], checked when read.
#[derive(Deserialize)]
struct RawRegisterNumber {
    court: String,
    number: String,
}

impl TryFrom<RawRegisterNumber> for RegisterNumber {
    type Error = RegisterError;

    fn try_from(raw: RawRegisterNumber) -> Result<RegisterNumber, RegisterError> {
        RegisterNumber::new(&raw.court, &raw.number)
    }
}

/// Why a court and number are not a registration. Variants carry the text as given.
///
/// ```
/// use taawun_core::register::{RegisterError, RegisterNumber};
/// assert_eq!(RegisterNumber::new("TPI-TNG", "  "), Err(RegisterError::EmptyNumber));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum RegisterError {
    /// No court.
    #[error("a register number needs the court that keeps the register")]
    EmptyCourt,
    /// No number.
    #[error("a register number needs the number given by the court")]
    EmptyNumber,
    /// A number longer than 40 characters.
    #[error("\"{input}\" is too long for a register number (40 characters at most)")]
    TooLong {
        /// The number as given.
        input: String,
    },
    /// A control character (a tab, a line break…) in the court or the number.
    #[error("\"{input}\" contains a control character")]
    ControlCharacter {
        /// The text as given.
        input: String,
    },
}

impl Localised for RegisterError {
    /// ```
    /// use taawun_core::{Lang, register::RegisterNumber, text::Localised};
    /// let err = RegisterNumber::new("", "12").unwrap_err();
    /// assert!(err.message(Lang::Ar).contains("المحكمة"));
    /// ```
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RegisterError::EmptyCourt, Lang::Fr) => "un numéro de registre a besoin du tribunal qui tient le registre".into(),
            (RegisterError::EmptyCourt, Lang::Ar) => "رقم التسجيل يحتاج إلى المحكمة التي تمسك السجل".into(),
            (RegisterError::EmptyNumber, Lang::Fr) => "un numéro de registre a besoin du numéro donné par le tribunal".into(),
            (RegisterError::EmptyNumber, Lang::Ar) => "رقم التسجيل يحتاج إلى الرقم الذي منحته المحكمة".into(),
            (RegisterError::TooLong { input }, Lang::Fr) => {
                format!("« {input} » est trop long pour un numéro de registre (40 caractères au plus)")
            }
            (RegisterError::TooLong { input }, Lang::Ar) => format!("«{input}» طويل جدا لرقم تسجيل (40 حرفا على الأكثر)"),
            (RegisterError::ControlCharacter { input }, Lang::Fr) => format!("« {input} » contient un caractère de contrôle"),
            (RegisterError::ControlCharacter { input }, Lang::Ar) => format!("«{input}» يحتوي على حرف تحكم"),
        }
    }
}

/// Trims, collapses inner spaces and turns Arabic-Indic digits into ASCII.
fn tidy(text: &str) -> Result<String, RegisterError> {
    if text.chars().any(|c| c.is_control()) {
        return Err(RegisterError::ControlCharacter { input: text.to_owned() });
    }
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '\u{6f0}'..='\u{6f9}' => char::from(b'0' + (c as u32 - 0x6f0) as u8),
            _ => c,
        })
        .collect();
    Ok(mapped.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl RegisterNumber {
    /// A registration from a court code and a number.
    ///
    /// ```
    /// use taawun_core::register::RegisterNumber;
    /// let reg = RegisterNumber::new("TPI-TNG", "12/2019").unwrap();
    /// assert_eq!(reg.court(), "TPI-TNG");
    /// assert_eq!(reg.number(), "12/2019");
    /// ```
    pub fn new(court: &str, number: &str) -> Result<RegisterNumber, RegisterError> {
        let court = tidy(court)?;
        let tidy_number = tidy(number)?;
        if court.is_empty() {
            return Err(RegisterError::EmptyCourt);
        }
        if tidy_number.is_empty() {
            return Err(RegisterError::EmptyNumber);
        }
        if tidy_number.chars().count() > 40 {
            return Err(RegisterError::TooLong { input: number.to_owned() });
        }
        Ok(RegisterNumber { court, number: tidy_number })
    }

    /// The code of the court that keeps the register.
    ///
    /// ```
    /// use taawun_core::register::RegisterNumber;
    /// assert_eq!(RegisterNumber::new("TPI-ASL", "7").unwrap().court(), "TPI-ASL");
    /// ```
    pub fn court(&self) -> &str {
        &self.court
    }

    /// The number in that court's register.
    ///
    /// ```
    /// use taawun_core::register::RegisterNumber;
    /// assert_eq!(RegisterNumber::new("TPI-ASL", "7").unwrap().number(), "7");
    /// ```
    pub fn number(&self) -> &str {
        &self.number
    }
}

impl fmt::Display for RegisterNumber {
    /// `number (court)`, e.g. `12/2019 (TPI-TNG)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.number, self.court)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_in_two_courts_is_two_registrations() {
        let tanger = RegisterNumber::new("TPI-TNG", "45").unwrap();
        let assilah = RegisterNumber::new("TPI-ASL", "45").unwrap();
        assert_ne!(tanger, assilah);
        let set: std::collections::HashSet<_> = [tanger.clone(), assilah, tanger].into_iter().collect();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn a_registration_is_checked_when_read_from_json() {
        let registration = RegisterNumber::new("TPI-TNG", "12 / 2019").unwrap();
        let json = serde_json::to_string(&registration).unwrap();
        assert_eq!(json, r#"{"court":"TPI-TNG","number":"12 / 2019"}"#);
        assert_eq!(serde_json::from_str::<RegisterNumber>(&json).unwrap(), registration);
        assert!(serde_json::from_str::<RegisterNumber>(r#"{"court":"TPI-TNG","number":" "}"#).is_err());
    }

    #[test]
    fn each_refusal_has_its_own_variant() {
        assert_eq!(RegisterNumber::new(" ", "1"), Err(RegisterError::EmptyCourt));
        assert_eq!(RegisterNumber::new("TPI-TNG", ""), Err(RegisterError::EmptyNumber));
        assert!(matches!(RegisterNumber::new("TPI-TNG", &"9".repeat(41)), Err(RegisterError::TooLong { .. })));
        assert!(matches!(RegisterNumber::new("TPI-TNG", "1\n2"), Err(RegisterError::ControlCharacter { .. })));
    }
}
