//! `Phone`: a Moroccan telephone number, normalised to E.164 (`+212` and nine digits).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::lang::Lang;
use crate::text::Localised;

/// A Moroccan number in E.164 form (`+212612345678`). The nine national digits start with
/// 5 (fixed lines), 6 or 7 (mobiles) or 8 (non-geographic numbers).
///
/// ```
/// use taawun_core::phone::{Phone, PhoneKind};
/// let phone = Phone::parse("06 12 34 56 78").unwrap();
/// assert_eq!(phone.as_e164(), "+212612345678");
/// assert_eq!(phone.national(), "06 12 34 56 78");
/// assert_eq!(phone.kind(), PhoneKind::Mobile);
/// assert_eq!(Phone::parse("+212 (0)6 12 34 56 78").unwrap(), phone);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phone(String);

/// What kind of line a number is, from its first national digit.
///
/// ```
/// use taawun_core::phone::{Phone, PhoneKind};
/// assert_eq!(Phone::parse("0539 12 34 56").unwrap().kind(), PhoneKind::Fixed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    /// 05…: a fixed line.
    Fixed,
    /// 06… or 07…: a mobile.
    Mobile,
    /// 08…: a non-geographic number.
    NonGeographic,
}

/// Why a text is not a Moroccan phone number. Every variant carries the text as given.
///
/// ```
/// use taawun_core::phone::{Phone, PhoneError};
/// assert_eq!(Phone::parse("+33 6 12 34 56 78"), Err(PhoneError::NotMoroccan { input: "+33 6 12 34 56 78".into() }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum PhoneError {
    /// Nothing but spaces.
    #[error("a phone number is needed, but the text is empty")]
    Empty {
        /// The text as given.
        input: String,
    },
    /// A letter or symbol other than spaces, dots, dashes, slashes, brackets and a leading `+`.
    #[error("\"{input}\" contains '{character}', which is not part of a phone number")]
    UnexpectedCharacter {
        /// The text as given.
        input: String,
        /// The first character that does not fit.
        character: char,
    },
    /// An international number outside Morocco (+212).
    #[error("\"{input}\" is not a Moroccan number: it should start with 0 or +212")]
    NotMoroccan {
        /// The text as given.
        input: String,
    },
    /// Not ten digits in the national form (0 and nine digits).
    #[error("\"{input}\" has {digits} digits, a Moroccan number has 10 (0 and nine digits)")]
    WrongLength {
        /// The text as given.
        input: String,
        /// How many national digits it has, the leading 0 included.
        digits: usize,
    },
    /// A national number not starting with 05, 06, 07 or 08.
    #[error("\"{input}\" does not start with 05, 06, 07 or 08")]
    UnknownPrefix {
        /// The text as given.
        input: String,
    },
}

impl PhoneError {
    /// The text that was refused, exactly as given.
    ///
    /// ```
    /// use taawun_core::phone::Phone;
    /// assert_eq!(Phone::parse("12").unwrap_err().input(), "12");
    /// ```
    pub fn input(&self) -> &str {
        match self {
            PhoneError::Empty { input }
            | PhoneError::UnexpectedCharacter { input, .. }
            | PhoneError::NotMoroccan { input }
            | PhoneError::WrongLength { input, .. }
            | PhoneError::UnknownPrefix { input } => input,
        }
    }
}

impl Localised for PhoneError {
    /// ```
    /// use taawun_core::{Lang, phone::Phone, text::Localised};
    /// assert!(Phone::parse("+33 6").unwrap_err().message(Lang::Fr).contains("marocain"));
    /// ```
    fn message(&self, lang: Lang) -> String {
        let input = self.input();
        match (self, lang) {
            (PhoneError::Empty { .. }, Lang::Fr) => "un numéro de téléphone est attendu, mais le texte est vide".into(),
            (PhoneError::Empty { .. }, Lang::Ar) => "يجب إدخال رقم الهاتف، لكن النص فارغ".into(),
            (PhoneError::UnexpectedCharacter { character, .. }, Lang::Fr) => {
                format!("« {input} » contient « {character} », qui ne fait pas partie d'un numéro de téléphone")
            }
            (PhoneError::UnexpectedCharacter { character, .. }, Lang::Ar) => {
                format!("«{input}» يحتوي على «{character}»، وهو ليس جزءا من رقم هاتف")
            }
            (PhoneError::NotMoroccan { .. }, Lang::Fr) => {
                format!("« {input} » n'est pas un numéro marocain : il doit commencer par 0 ou +212")
            }
            (PhoneError::NotMoroccan { .. }, Lang::Ar) => format!("«{input}» ليس رقما مغربيا: يجب أن يبدأ بـ0 أو +212"),
            (PhoneError::WrongLength { digits, .. }, Lang::Fr) => {
                format!("« {input} » a {digits} chiffres, un numéro marocain en a 10 (0 et neuf chiffres)")
            }
            (PhoneError::WrongLength { digits, .. }, Lang::Ar) => {
                format!("«{input}» فيه {}، والرقم المغربي فيه 10 أرقام (0 وتسعة أرقام)", crate::text::count(*digits as u64, crate::text::Noun::Digit, Lang::Ar))
            }
            (PhoneError::UnknownPrefix { .. }, Lang::Fr) => format!("« {input} » ne commence pas par 05, 06, 07 ou 08"),
            (PhoneError::UnknownPrefix { .. }, Lang::Ar) => format!("«{input}» لا يبدأ بـ05 أو 06 أو 07 أو 08"),
        }
    }
}

impl Phone {
    /// Reads a number as typed: national (`0612345678`, `06 12 34 56 78`, `06.12.34.56.78`)
    /// or international (`+212612345678`, `00212 6…`, `+212 (0)6…`). Arabic-Indic digits count.
    ///
    /// ```
    /// use taawun_core::phone::Phone;
    /// assert_eq!(Phone::parse("00212-539-123456").unwrap().as_e164(), "+212539123456");
    /// assert_eq!(Phone::parse("٠٦١٢٣٤٥٦٧٨").unwrap().as_e164(), "+212612345678");
    /// assert!(Phone::parse("0412345678").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Phone, PhoneError> {
        let input = || text.to_owned();
        let trimmed = text.trim();
        let mut digits = String::new();
        for (index, c) in trimmed.char_indices() {
            match c {
                '0'..='9' => digits.push(c),
                '\u{660}'..='\u{669}' => digits.push(char::from(b'0' + (c as u32 - 0x660) as u8)),
                '\u{6f0}'..='\u{6f9}' => digits.push(char::from(b'0' + (c as u32 - 0x6f0) as u8)),
                '+' if index == 0 => digits.push_str("00"),
                c if c.is_whitespace() || matches!(c, '.' | '-' | '/' | '(' | ')' | '\u{200e}' | '\u{200f}' | '\u{61c}') => {}
                character => return Err(PhoneError::UnexpectedCharacter { input: input(), character }),
            }
        }
        if digits.is_empty() {
            return Err(PhoneError::Empty { input: input() });
        }
        let national = if let Some(international) = digits.strip_prefix("00") {
            let Some(rest) = international.strip_prefix("212") else {
                return Err(PhoneError::NotMoroccan { input: input() });
            };
            // "+212 (0)6…" writes the national trunk 0 after the country code.
            let rest = if rest.len() == 10 { rest.strip_prefix('0').unwrap_or(rest) } else { rest };
            format!("0{rest}")
        } else if digits.len() == 12 && digits.starts_with("212") {
            format!("0{}", &digits[3..])
        } else {
            digits
        };
        if national.len() != 10 || !national.starts_with('0') {
            return Err(PhoneError::WrongLength { input: input(), digits: national.len() });
        }
        if !matches!(national.as_bytes()[1], b'5'..=b'8') {
            return Err(PhoneError::UnknownPrefix { input: input() });
        }
        Ok(Phone(format!("+212{}", &national[1..])))
    }

    /// The E.164 form, `+212` and nine digits.
    ///
    /// ```
    /// use taawun_core::phone::Phone;
    /// assert_eq!(Phone::parse("0612345678").unwrap().as_e164(), "+212612345678");
    /// ```
    pub fn as_e164(&self) -> &str {
        &self.0
    }

    /// The national form in pairs, as Moroccans write it: `06 12 34 56 78`.
    ///
    /// ```
    /// use taawun_core::phone::Phone;
    /// assert_eq!(Phone::parse("+212539123456").unwrap().national(), "05 39 12 34 56");
    /// ```
    pub fn national(&self) -> String {
        let digits = format!("0{}", &self.0[4..]);
        let pairs: Vec<&str> = (0..5).map(|i| &digits[2 * i..2 * i + 2]).collect();
        pairs.join(" ")
    }

    /// Fixed, mobile or non-geographic.
    ///
    /// ```
    /// use taawun_core::phone::{Phone, PhoneKind};
    /// assert_eq!(Phone::parse("0712345678").unwrap().kind(), PhoneKind::Mobile);
    /// ```
    pub fn kind(&self) -> PhoneKind {
        match self.0.as_bytes().get(4) {
            Some(b'5') => PhoneKind::Fixed,
            Some(b'6' | b'7') => PhoneKind::Mobile,
            _ => PhoneKind::NonGeographic,
        }
    }
}

impl fmt::Display for Phone {
    /// The E.164 form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Phone, D::Error> {
        crate::from_str_value::parse_str(deserializer, Phone::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_ways_of_writing_a_number_give_the_same_phone() {
        for typed in [
            "0612345678",
            "06 12 34 56 78",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "+212612345678",
            "+212 6 12 34 56 78",
            "+212 (0)6 12 34 56 78",
            "00212612345678",
            "212612345678",
            "٠٦١٢٣٤٥٦٧٨",
        ] {
            assert_eq!(Phone::parse(typed).map(|p| p.as_e164().to_owned()), Ok("+212612345678".to_owned()), "{typed}");
        }
    }

    #[test]
    fn each_refusal_has_its_own_variant() {
        let cases = [
            ("", "Empty"),
            ("06 12 34 56 7x", "UnexpectedCharacter"),
            ("06+12345678", "UnexpectedCharacter"),
            ("+33612345678", "NotMoroccan"),
            ("0044612345678", "NotMoroccan"),
            ("061234567", "WrongLength"),
            ("06123456789", "WrongLength"),
            ("6123456789", "WrongLength"),
            ("0412345678", "UnknownPrefix"),
            ("0912345678", "UnknownPrefix"),
        ];
        for (input, variant) in cases {
            let error = Phone::parse(input).unwrap_err();
            assert!(format!("{error:?}").starts_with(variant), "{input:?} gave {error:?}");
            for lang in Lang::ALL {
                assert!(!error.message(lang).is_empty());
            }
        }
    }

    #[test]
    fn a_phone_survives_json() {
        let phone = Phone::parse("0539 12 34 56").unwrap();
        let json = serde_json::to_string(&phone).unwrap();
        assert_eq!(json, "\"+212539123456\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), phone);
    }
}
