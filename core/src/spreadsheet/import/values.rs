//! Reading one cell as a field's value: amounts, dates (serial or `dd/mm/yyyy`), counts, ICEs
//! that lost their leading zeros, and reference entries written in either language or with a
//! near spelling.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::amount::{Amount, ParseLocale};
use crate::date::Date;
use crate::finding::Text;
use crate::fold::search_key;
use crate::ice::{Ice, IceCheck};
use crate::lang::Lang;
use crate::members::MemberCount;
use crate::spreadsheet::read::{Value, date_of_serial};
use crate::text::Localised;

/// A problem with one cell: how grave, what to say, and a suggestion when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub(super) error: bool,
    pub(super) text: Text,
    pub(super) suggestion: Option<String>,
}

pub(super) fn error(ar: String, fr: String) -> Problem {
    Problem { error: true, text: Text { ar, fr }, suggestion: None }
}

pub(super) fn warning(ar: String, fr: String, suggestion: Option<String>) -> Problem {
    Problem { error: false, text: Text { ar, fr }, suggestion }
}

fn localised(error: &impl Localised) -> Problem {
    Problem { error: true, text: Text { ar: error.message(Lang::Ar), fr: error.message(Lang::Fr) }, suggestion: None }
}

/// An amount: a number cell's digits, or text in the Moroccan grammar (`13 170 000,00 DH`).
pub(super) fn amount(value: &Value) -> Result<Amount, Problem> {
    match value {
        Value::Number(digits) => {
            let decimal = Decimal::from_str(digits).map_err(|_| error(format!("«{digits}» ليس مبلغا"), format!("« {digits} » n'est pas un montant")))?;
            Amount::from_decimal(decimal).ok_or_else(|| {
                error(
                    format!("المبلغ «{digits}» سالب أو بأكثر من رقمين بعد الفاصلة"),
                    format!("le montant « {digits} » est négatif ou a plus de deux décimales"),
                )
            })
        }
        other => Amount::parse(&other.as_text(), ParseLocale::Moroccan).map_err(|e| localised(&e)),
    }
}

/// The serial of a date written as a whole number of days (`45123`, or `45123.5` with a time).
fn serial(text: &str) -> Option<Date> {
    let whole = text.split('.').next()?;
    if whole.is_empty() || whole.len() > 6 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    date_of_serial(whole.parse::<u32>().ok()?.into())
}

/// The first year a serial number is taken for: no cooperative's date is older, and a smaller
/// serial is most likely a year typed alone (`2019`, which Excel would read as 11/07/1905).
const FIRST_SERIAL_YEAR: i32 = 1950;

/// A date: a date cell, an Excel serial number, or text `dd/mm/yyyy` (or ISO). A serial number
/// before 1950 is refused with what it would have been: it is a year, or a typing error.
pub(super) fn date(value: &Value) -> Result<Date, Problem> {
    let from_serial = |digits: &str| -> Option<Result<Date, Problem>> {
        let day = serial(digits.trim())?;
        if i32::from(day.year()) >= FIRST_SERIAL_YEAR {
            return Some(Ok(day));
        }
        let shown = format!("{:02}/{:02}/{}", day.day(), day.month(), day.year());
        Some(Err(error(
            format!("«{digits}» ليس تاريخا: كرقم تسلسلي لإكسل يعطي {shown}، وإن كانت سنة فاكتب التاريخ كاملا (يوم/شهر/سنة)"),
            format!(
                "« {digits} » n'est pas une date : lu comme numéro de série Excel il donnerait le {shown} ; si c'est une année, écrivez la date entière (jj/mm/aaaa)"
            ),
        )))
    };
    match value {
        Value::Date(date) => Ok(*date),
        Value::Number(digits) => {
            from_serial(digits).unwrap_or_else(|| Err(error(format!("«{digits}» ليس تاريخا"), format!("« {digits} » n'est pas une date"))))
        }
        other => {
            let text = other.as_text();
            from_serial(&text).unwrap_or_else(|| Date::parse(&text).map_err(|e| localised(&e)))
        }
    }
}

/// Whether a text cell holds only a number (`32`, `1 250,50`, `-3.5`).
pub(super) fn is_number(text: &str) -> bool {
    let digits: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').collect();
    !digits.is_empty() && digits.chars().any(|c| c.is_ascii_digit()) && digits.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+'))
}

/// A whole number (members, jobs, a year).
pub(super) fn count(value: &Value) -> Result<u32, Problem> {
    let text = value.as_text();
    MemberCount::parse(text.strip_suffix(".0").unwrap_or(&text)).map(MemberCount::get).map_err(|e| localised(&e))
}

/// An ICE, and a warning when it had to be repaired: a number cell (or a text of digits only)
/// with fewer than 15 digits is an ICE whose leading zeros the spreadsheet dropped, and the
/// zeros are put back, saying so.
pub(super) fn ice(value: &Value) -> Result<(Ice, Option<Problem>), Problem> {
    let text = value.as_text();
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let lost_zeros = !digits.is_empty() && digits.len() < 15 && digits.bytes().all(|b| b.is_ascii_digit());
    if lost_zeros {
        let padded = format!("{digits:0>15}");
        let ice = Ice::parse(&padded, IceCheck::Warn).map_err(|e| localised(&e))?;
        let missing = 15 - digits.len();
        let warning = warning(
            format!("التعريف الموحد «{text}» فقد {missing} صفر(ا) في البداية؛ سيقرأ «{padded}»"),
            format!("l'ICE « {text} » a perdu {missing} zéro(s) en tête ; il sera lu « {padded} »"),
            Some(padded),
        );
        return Ok((ice, Some(warning)));
    }
    let ice = Ice::parse(&text, IceCheck::Warn).map_err(|e| localised(&e))?;
    let check = (!ice.checksum_holds())
        .then(|| warning(format!("رقم المراقبة للتعريف الموحد «{text}» غير صحيح"), format!("la clé de contrôle de l'ICE « {text} » ne correspond pas"), None));
    Ok((ice, check))
}

/// One entry a cell may name: its code and its names.
pub(super) struct Entry<'a> {
    pub(super) code: &'a str,
    pub(super) names: Vec<&'a str>,
}

/// How a cell matched a list of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Resolved {
    /// The code itself or a name, as folded.
    Exact(String),
    /// Not written exactly, but close to this entry's name.
    Near { code: String, name: String },
    /// Nothing close.
    Unknown,
}

/// Words that precede a name without being part of it ("Commune de …", "جماعة …").
const PREFIXES: &[&str] = &["commune", "cr", "cu", "arrondissement", "de", "d", "جماعه", "الجماعه", "مقاطعه", "المقاطعه", "قطاع"];

fn key(text: &str) -> String {
    let folded = search_key(text);
    let mut words: Vec<&str> = folded.split(' ').collect();
    while words.len() > 1 && PREFIXES.contains(&words[0]) {
        words.remove(0);
    }
    words.join(" ")
}

/// Levenshtein distance over characters, two rows at a time.
pub(super) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// Which entry `text` names: its code (any case), one of its names as folded (with "commune",
/// "جماعة" and such dropped), or — failing those — the entry whose name is closest, if it is
/// within a quarter of the name's length (at least one letter).
pub(super) fn resolve(entries: &[Entry<'_>], text: &str) -> Resolved {
    let wanted = key(text);
    if wanted.is_empty() {
        return Resolved::Unknown;
    }
    for entry in entries {
        if entry.code.eq_ignore_ascii_case(text.trim()) || entry.names.iter().any(|n| key(n) == wanted) {
            return Resolved::Exact(entry.code.to_owned());
        }
    }
    let mut best: Option<(usize, &Entry<'_>, &str)> = None;
    for entry in entries {
        for name in &entry.names {
            let d = distance(&wanted, &key(name));
            if best.is_none_or(|(b, _, _)| d < b) {
                best = Some((d, entry, name));
            }
        }
    }
    match best {
        Some((d, entry, name)) if d <= (key(name).chars().count() / 4).max(1) => Resolved::Near { code: entry.code.to_owned(), name: (*name).to_owned() },
        _ => Resolved::Unknown,
    }
}

/// Whether a text is written in Arabic script (it has at least one Arabic letter).
pub(super) fn is_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c) || ('\u{750}'..='\u{77f}').contains(&c))
}
