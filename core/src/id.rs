//! `Id`: the 128-bit identifier of a record or a device, chosen at random by the caller.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// A random 128-bit identifier, written as 32 lowercase hexadecimal digits.
///
/// Records get one when they are created and keep it forever, on every device. Ids are never
/// sequence numbers: two tablets working offline would both create "86". Core never draws random
/// numbers itself (on `wasm32-unknown-unknown` there is no source it could rely on), so the caller
/// supplies the 128 bits, typically from `crypto.getRandomValues`.
///
/// ```
/// use taawun_core::id::Id;
/// let id = Id::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
/// assert_eq!(id.to_string(), "0123456789abcdef0123456789abcdef");
/// assert_eq!(Id::parse("0123456789abcdef0123456789abcdef"), Ok(id));
/// assert!(Id::parse("0123456789ABCDEF0123456789ABCDEF").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(u128);

/// Why a text is not an [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{text}\" is not an id: expected 32 lowercase hexadecimal digits")]
pub struct IdError {
    /// The text that was given.
    pub text: String,
}

impl Id {
    /// The id made of these 128 bits.
    pub const fn from_u128(bits: u128) -> Id {
        Id(bits)
    }

    /// The 128 bits of this id.
    pub const fn to_u128(self) -> u128 {
        self.0
    }

    /// Reads the canonical form: exactly 32 lowercase hexadecimal digits, nothing else.
    ///
    /// Uppercase digits are refused so that every id has one spelling and export → import gives
    /// the same bytes.
    #[inline]
    pub fn parse(text: &str) -> Result<Id, IdError> {
        // Read a digit at a time: ids are read by the hundred thousand when data is opened.
        let bytes = text.as_bytes();
        if bytes.len() != 32 {
            return Err(IdError { text: text.to_owned() });
        }
        let mut value: u128 = 0;
        for &byte in bytes {
            let digit = match byte {
                b'0'..=b'9' => byte - b'0',
                b'a'..=b'f' => byte - b'a' + 10,
                _ => return Err(IdError { text: text.to_owned() }),
            };
            value = (value << 4) | u128::from(digit);
        }
        Ok(Id(value))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        crate::from_str_value::parse_str(deserializer, Id::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_written_with_its_leading_zeros() {
        assert_eq!(Id::from_u128(1).to_string(), "00000000000000000000000000000001");
    }

    #[test]
    fn an_id_reads_back_what_it_writes() {
        let id = Id::from_u128(u128::MAX - 12345);
        assert_eq!(Id::parse(&id.to_string()), Ok(id));
    }

    #[test]
    fn an_id_of_the_wrong_length_or_with_other_characters_is_refused() {
        for text in [
            "",
            "0",
            "0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0",
            "+123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdeg",
            " 123456789abcdef0123456789abcdef",
        ] {
            assert!(Id::parse(text).is_err(), "{text:?} was accepted");
        }
    }

    #[test]
    fn an_id_travels_in_json_as_a_string() {
        let id = Id::from_u128(0xabc);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"00000000000000000000000000000abc\"");
        assert_eq!(serde_json::from_str::<Id>(&json).unwrap(), id);
    }
}
