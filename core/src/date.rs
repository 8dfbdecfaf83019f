//! `Date`: a calendar date (proleptic Gregorian, no time, no zone), read and written as
//! `YYYY-MM-DD`. Core has no clock: callers pass "today" in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::lang::Lang;
use crate::text::Localised;

/// A calendar date between 1900-01-01 and 2199-12-31.
///
/// The range is deliberately narrow: every date in this domain (law 112-12 in 2014, a member's
/// birth, a grant) falls inside it, and a year such as `0202` or `20250` is a typing slip.
/// Ordered chronologically; serialised as `"2025-07-09"`.
///
/// ```
/// use taawun_core::date::Date;
/// let meeting = Date::new(2025, 7, 9).unwrap();
/// assert_eq!(meeting.to_string(), "2025-07-09");
/// assert_eq!(serde_json::to_string(&meeting).unwrap(), "\"2025-07-09\"");
/// assert!(Date::new(2025, 2, 29).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order gives the derived `Ord` its chronological meaning.
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text or a triple is not a date. Every variant carries the text as it was given
/// (for [`Date::new`], the triple written as `YYYY-MM-DD`).
///
/// ```
/// use taawun_core::date::{Date, DateError};
/// assert_eq!(Date::parse("2025-13-01"), Err(DateError::MonthOutOfRange { input: "2025-13-01".into() }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum DateError {
    /// Nothing but spaces.
    #[error("a date is needed, but the text is empty")]
    Empty {
        /// The text as given.
        input: String,
    },
    /// Not `YYYY-MM-DD` nor `DD/MM/YYYY`.
    #[error("\"{input}\" is not a date: write it as 2025-07-09 or 09/07/2025")]
    BadFormat {
        /// The text as given.
        input: String,
    },
    /// A year outside 1900–2199.
    #[error("\"{input}\" has a year outside 1900–2199")]
    YearOutOfRange {
        /// The text as given.
        input: String,
    },
    /// A month outside 1–12.
    #[error("\"{input}\" has a month outside 1–12")]
    MonthOutOfRange {
        /// The text as given.
        input: String,
    },
    /// A day that the month does not have (such as 29 February 2025).
    #[error("\"{input}\" has a day that its month does not have")]
    DayOutOfRange {
        /// The text as given.
        input: String,
    },
}

impl DateError {
    /// The text that was refused, exactly as given.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::parse("hier").unwrap_err().input(), "hier");
    /// ```
    pub fn input(&self) -> &str {
        match self {
            DateError::Empty { input }
            | DateError::BadFormat { input }
            | DateError::YearOutOfRange { input }
            | DateError::MonthOutOfRange { input }
            | DateError::DayOutOfRange { input } => input,
        }
    }
}

impl Localised for DateError {
    /// ```
    /// use taawun_core::{Lang, date::Date, text::Localised};
    /// assert!(Date::parse("2025-02-30").unwrap_err().message(Lang::Ar).contains("الشهر"));
    /// ```
    fn message(&self, lang: Lang) -> String {
        let input = self.input();
        match (self, lang) {
            (DateError::Empty { .. }, Lang::Fr) => "une date est attendue, mais le texte est vide".into(),
            (DateError::Empty { .. }, Lang::Ar) => "يجب إدخال تاريخ، لكن النص فارغ".into(),
            (DateError::BadFormat { .. }, Lang::Fr) => {
                format!("« {input} » n'est pas une date : écrivez-la 2025-07-09 ou 09/07/2025")
            }
            (DateError::BadFormat { .. }, Lang::Ar) => format!("«{input}» ليس تاريخا: اكتبه هكذا 2025-07-09 أو 09/07/2025"),
            (DateError::YearOutOfRange { .. }, Lang::Fr) => format!("« {input} » a une année hors de 1900–2199"),
            (DateError::YearOutOfRange { .. }, Lang::Ar) => format!("«{input}» سنته خارج المجال 1900–2199"),
            (DateError::MonthOutOfRange { .. }, Lang::Fr) => format!("« {input} » a un mois hors de 1–12"),
            (DateError::MonthOutOfRange { .. }, Lang::Ar) => format!("«{input}» شهره خارج المجال 1–12"),
            (DateError::DayOutOfRange { .. }, Lang::Fr) => format!("« {input} » a un jour que son mois n'a pas"),
            (DateError::DayOutOfRange { .. }, Lang::Ar) => format!("«{input}» فيه يوم لا يوجد في ذلك الشهر"),
        }
    }
}

/// The first year a [`Date`] may have.
const MIN_YEAR: u16 = 1900;
/// The last year a [`Date`] may have.
const MAX_YEAR: u16 = 2199;

impl Date {
    /// A date from its parts, checked.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert!(Date::new(2024, 2, 29).is_ok());
    /// assert!(Date::new(1899, 12, 31).is_err());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        let input = || format!("{year:04}-{month:02}-{day:02}");
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateError::YearOutOfRange { input: input() });
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::MonthOutOfRange { input: input() });
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::DayOutOfRange { input: input() });
        }
        Ok(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (the stored form) or `DD/MM/YYYY` (the Moroccan written form, day
    /// first; a month-first reading is never tried). Arabic-Indic digits are accepted.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::parse("2025-07-09"), Date::new(2025, 7, 9));
    /// assert_eq!(Date::parse("09/07/2025"), Date::new(2025, 7, 9));
    /// assert_eq!(Date::parse("٠٩/٠٧/٢٠٢٥"), Date::new(2025, 7, 9));
    /// assert!(Date::parse("2025-7-9").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let input = || text.to_owned();
        let cleaned: String = text
            .chars()
            .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}'))
            .map(|c| match c {
                '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
                '\u{6f0}'..='\u{6f9}' => char::from(b'0' + (c as u32 - 0x6f0) as u8),
                _ => c,
            })
            .collect();
        let trimmed = cleaned.trim();
        if trimmed.is_empty() {
            return Err(DateError::Empty { input: input() });
        }
        let parts: Vec<&str> = if trimmed.contains('-') { trimmed.split('-').collect() } else { trimmed.split('/').collect() };
        let (year, month, day) = match (trimmed.contains('-'), parts.as_slice()) {
            (true, [y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => (*y, *m, *d),
            (false, [d, m, y]) if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => (*y, *m, *d),
            _ => return Err(DateError::BadFormat { input: input() }),
        };
        let number = |s: &str| s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse::<u16>().ok()).flatten();
        let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day)) else {
            return Err(DateError::BadFormat { input: input() });
        };
        let with_input = |error: DateError| match error {
            DateError::YearOutOfRange { .. } => DateError::YearOutOfRange { input: input() },
            DateError::MonthOutOfRange { .. } => DateError::MonthOutOfRange { input: input() },
            DateError::DayOutOfRange { .. } => DateError::DayOutOfRange { input: input() },
            other => other,
        };
        let month = u8::try_from(month).map_err(|_| DateError::MonthOutOfRange { input: input() })?;
        let day = u8::try_from(day).map_err(|_| DateError::DayOutOfRange { input: input() })?;
        Date::new(year, month, day).map_err(with_input)
    }

    /// The year.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::new(2025, 7, 9).unwrap().year(), 2025);
    /// ```
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::new(2025, 7, 9).unwrap().month(), 7);
    /// ```
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::new(2025, 7, 9).unwrap().day(), 9);
    /// ```
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::new(1970, 1, 2).unwrap().days_since_epoch(), 1);
    /// ```
    pub fn days_since_epoch(self) -> i32 {
        // Howard Hinnant's days_from_civil, on a year that starts in March.
        let year = i32::from(self.year) - i32::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i32::from(self.month);
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i32::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days since 1970-01-01; `None` outside 1900–2199.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// let date = Date::new(2025, 7, 9).unwrap();
    /// assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), Some(date));
    /// ```
    pub fn from_days_since_epoch(days: i32) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
        let year = year_of_era + era * 400 + i32::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
    }

    /// The date `days` later (or earlier, when negative); `None` outside 1900–2199.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::new(2024, 2, 28).unwrap().checked_add_days(1), Date::new(2024, 2, 29).ok());
    /// ```
    pub fn checked_add_days(self, days: i32) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// The same day `months` months later (earlier when negative), moved back to the last day
    /// of the month when that month is shorter (31 August + 6 months = 28 or 29 February);
    /// `None` outside 1900–2199. Suits deadlines such as "a GA within 6 months".
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::new(2024, 12, 31).unwrap().checked_add_months(6), Date::new(2025, 6, 30).ok());
    /// assert_eq!(Date::new(2025, 8, 31).unwrap().checked_add_months(-12), Date::new(2024, 8, 31).ok());
    /// ```
    pub fn checked_add_months(self, months: i32) -> Option<Date> {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + months;
        let year = u16::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        Date::new(year, month, self.day.min(days_in_month(year, month))).ok()
    }

    /// Whole years from `self` to `later` (an age on a reference date); negative when `later`
    /// is earlier. Someone born on 29 February turns a year older on 1 March in common years.
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// let birth = Date::new(1990, 7, 10).unwrap();
    /// assert_eq!(birth.whole_years_until(Date::new(2025, 7, 9).unwrap()), 34);
    /// assert_eq!(birth.whole_years_until(Date::new(2025, 7, 10).unwrap()), 35);
    /// ```
    pub fn whole_years_until(self, later: Date) -> i32 {
        let mut years = i32::from(later.year) - i32::from(self.year);
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }

    /// The day of the week, 1 = Monday to 7 = Sunday (ISO 8601).
    ///
    /// ```
    /// use taawun_core::date::Date;
    /// assert_eq!(Date::new(2025, 7, 9).unwrap().iso_weekday(), 3); // a Wednesday
    /// ```
    pub fn iso_weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        let weekday = (self.days_since_epoch() + 3).rem_euclid(7) + 1;
        u8::try_from(weekday).unwrap_or(1)
    }
}

/// The number of days in a month of a year.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`; see [`crate::text::date`] for the localised forms.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Same as [`Date::parse`].
    fn from_str(text: &str) -> Result<Date, DateError> {
        Date::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Stored dates must be `YYYY-MM-DD`: the day-first form is for typing only.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        crate::from_str_value::parse_str(deserializer, |text| {
            if !(text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-') {
                return Err(DateError::BadFormat { input: text.to_owned() });
            }
            Date::parse(text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(2024, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2100, 2, 29).is_err());
    }

    #[test]
    fn every_day_of_the_range_survives_the_day_count_round_trip() {
        let first = Date::new(1900, 1, 1).unwrap().days_since_epoch();
        let last = Date::new(2199, 12, 31).unwrap().days_since_epoch();
        let mut previous: Option<Date> = None;
        for days in first..=last {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days);
            assert!(previous.is_none_or(|p| p < date));
            previous = Some(date);
        }
        assert_eq!(Date::from_days_since_epoch(first - 1), None);
        assert_eq!(Date::from_days_since_epoch(last + 1), None);
    }

    #[test]
    fn each_refusal_has_its_own_variant_carrying_the_input() {
        let cases = [
            ("", "Empty"),
            ("2025-07", "BadFormat"),
            ("9/7/25", "BadFormat"),
            ("2025-07-9", "BadFormat"),
            ("07/09/2025x", "BadFormat"),
            ("+025-07-09", "BadFormat"),
            ("1899-12-31", "YearOutOfRange"),
            ("2025-00-10", "MonthOutOfRange"),
            ("2025-13-10", "MonthOutOfRange"),
            ("2025-02-29", "DayOutOfRange"),
            ("31/04/2025", "DayOutOfRange"),
            ("2025-01-00", "DayOutOfRange"),
        ];
        for (input, variant) in cases {
            let error = Date::parse(input).unwrap_err();
            assert!(format!("{error:?}").starts_with(variant), "{input:?} gave {error:?}");
            assert_eq!(error.input(), input);
        }
    }

    #[test]
    fn stored_dates_must_be_iso() {
        assert_eq!(serde_json::from_str::<Date>("\"2025-07-09\"").unwrap(), Date::new(2025, 7, 9).unwrap());
        assert!(serde_json::from_str::<Date>("\"09/07/2025\"").is_err());
    }

    #[test]
    fn adding_months_keeps_the_day_or_falls_back_to_the_month_end() {
        let date = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(date(2024, 8, 31).checked_add_months(6), Some(date(2025, 2, 28)));
        assert_eq!(date(2023, 8, 31).checked_add_months(6), Some(date(2024, 2, 29)));
        assert_eq!(date(2025, 1, 15).checked_add_months(-1), Some(date(2024, 12, 15)));
        assert_eq!(date(2199, 12, 1).checked_add_months(1), None);
        assert_eq!(date(1900, 1, 1).checked_add_months(i32::MIN), None);
    }

    #[test]
    fn a_person_born_on_the_twenty_ninth_of_february_ages_on_the_first_of_march() {
        let birth = Date::new(2004, 2, 29).unwrap();
        assert_eq!(birth.whole_years_until(Date::new(2022, 2, 28).unwrap()), 17);
        assert_eq!(birth.whole_years_until(Date::new(2022, 3, 1).unwrap()), 18);
    }
}
