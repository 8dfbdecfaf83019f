//! Reading a domain value from a JSON string without copying the string first: the ids, dates,
//! timestamps and amounts of a stored document number in the hundreds of thousands, and a
//! `String` for each, allocated and freed at once, was a tenth of a start's reading.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Error, Visitor};

/// Deserialises a string and hands it to `parse`, borrowed; `parse`'s error becomes the
/// deserialiser's, with its message. Anything but a string is refused as `String` refuses it
/// ("invalid type: …, expected a string").
pub(crate) fn parse_str<'de, D, T, E>(deserializer: D, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    deserializer.deserialize_str(Text { parse, value: PhantomData })
}

struct Text<F, T> {
    parse: F,
    value: PhantomData<T>,
}

impl<'de, F, T, E> Visitor<'de> for Text<F, T>
where
    F: FnOnce(&str) -> Result<T, E>,
    E: fmt::Display,
{
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<R: Error>(self, text: &str) -> Result<T, R> {
        (self.parse)(text).map_err(R::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<u32, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        parse_str(&mut deserializer, |text: &str| text.parse::<u32>().map_err(|e| format!("\"{text}\": {e}")))
    }

    #[test]
    fn a_string_is_parsed_borrowed_and_escapes_are_read_first() {
        assert_eq!(read(r#""42""#).unwrap(), 42);
        assert_eq!(read(r#""\u0034\u0032""#).unwrap(), 42);
    }

    #[test]
    fn the_parser_s_error_and_a_wrong_type_are_said_as_a_string_would_say_them() {
        assert!(read(r#""4x""#).unwrap_err().to_string().starts_with("\"4x\": invalid digit"));
        let wrong = read("42").unwrap_err().to_string();
        let as_string = serde_json::from_str::<String>("42").unwrap_err().to_string();
        assert_eq!(wrong, as_string);
    }
}
