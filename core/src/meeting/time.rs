//! `TimeOfDay`: the local time a meeting starts, as people write it ("10:00").

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// A time of day in hours and minutes, local time, written `HH:MM` (24 hours).
///
/// ```
/// use taawun_core::meeting::TimeOfDay;
/// let ten = TimeOfDay::parse("10:00").unwrap();
/// assert_eq!((ten.hour(), ten.minute()), (10, 0));
/// assert_eq!(TimeOfDay::parse("9h30").unwrap().to_string(), "09:30");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

/// Why a text is not a time of day.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{text}\" is not a time of day: expected hours and minutes such as \"10:00\"")]
pub struct TimeOfDayError {
    /// The text that was given.
    pub text: String,
}

impl TimeOfDay {
    /// The time `hour:minute`, if the hour is below 24 and the minute below 60.
    pub fn new(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then_some(TimeOfDay { hour, minute })
    }

    /// Reads `10:00`, `9:30`, `9h30`, `9H30` or `10h` (as French speakers write it).
    pub fn parse(text: &str) -> Result<TimeOfDay, TimeOfDayError> {
        let error = || TimeOfDayError { text: text.to_owned() };
        let trimmed = text.trim();
        let (hours, minutes) = trimmed.split_once([':', 'h', 'H']).ok_or_else(error)?;
        let number = |digits: &str, max_len: usize| -> Option<u8> {
            (!digits.is_empty() && digits.len() <= max_len && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
        };
        let hour = number(hours, 2).ok_or_else(error)?;
        let minute = if minutes.is_empty() && !trimmed.contains(':') { Some(0) } else { number(minutes, 2).filter(|_| minutes.len() == 2) };
        TimeOfDay::new(hour, minute.ok_or_else(error)?).ok_or_else(error)
    }

    /// The hour, 0 to 23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0 to 59.
    pub fn minute(self) -> u8 {
        self.minute
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TimeOfDay, D::Error> {
        // The document writes one spelling only.
        crate::from_str_value::parse_str(deserializer, |text| match TimeOfDay::parse(text) {
            Ok(time) if time.to_string() == text => Ok(time),
            _ => Err(TimeOfDayError { text: text.to_owned() }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_spellings_of_a_time_are_read() {
        for (text, expected) in [("10:00", (10, 0)), ("9:05", (9, 5)), ("9h30", (9, 30)), ("14H", (14, 0)), (" 23:59 ", (23, 59))] {
            let time = TimeOfDay::parse(text).unwrap();
            assert_eq!((time.hour(), time.minute()), expected, "{text}");
        }
    }

    #[test]
    fn impossible_or_ambiguous_times_are_refused() {
        for text in ["24:00", "10:60", "10:5", "10", "", "ab:cd", "-1:00", "10:", "100:00"] {
            assert!(TimeOfDay::parse(text).is_err(), "{text:?} was accepted");
        }
    }

    #[test]
    fn the_document_reads_only_the_spelling_it_writes() {
        assert_eq!(serde_json::from_str::<TimeOfDay>("\"09:30\"").unwrap(), TimeOfDay::new(9, 30).unwrap());
        assert!(serde_json::from_str::<TimeOfDay>("\"9h30\"").is_err());
    }
}
