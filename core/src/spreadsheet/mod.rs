//! Spreadsheets in and out (feature `spreadsheet`): the registers as CSV and XLSX files that open
//! cleanly in Excel and LibreOffice in Arabic and French, and the prefecture's own files read
//! back into records as people keep them.
//!
//! The module is behind a cargo feature, off by default, so that the domain crate's default
//! build — and the web's start bundle — carry none of its dependencies (csv, rust_xlsxwriter,
//! calamine, encoding_rs); the web enables it for a module it loads on first use.
//!
//! - Export: [`export::sheet`] turns a dataset into a [`Sheet`] of typed [`Cell`]s (headers in
//!   the chosen language); [`write::csv`] and [`write::xlsx`] write sheets out. Text cells that a
//!   spreadsheet would take for a formula are neutralised (reliability case r28): in CSV by
//!   [`neutralise`] (a leading `'`), in XLSX by the cell's quote prefix, the text unchanged;
//!   amounts are numeric cells, ICE and register numbers stay text with their zeros.
//! - Import: [`read`] turns CSV or XLSX bytes into a [`read::Grid`] of raw cells (encoding and
//!   separator sniffed, merged cells filled); [`import`] finds the header row, guesses a
//!   [`import::ColumnMapping`], previews every row with its findings, and applies the rows as
//!   edits, all or nothing.

pub mod export;
pub mod import;
pub mod read;
pub mod write;

#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use crate::amount::Amount;
use crate::date::Date;

/// One cell of an exported sheet, typed so that each writer can give it the right cell type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text people wrote (names, notes); neutralised on output against formulas.
    Text(String),
    /// An identifier made of digits that must stay text, leading zeros included (ICE, register
    /// number, phone).
    Code(String),
    /// An amount of dirhams, or a difference of two (which may be negative): two decimals.
    Money(Decimal),
    /// A whole number (members, jobs, a year).
    Count(u64),
    /// A calendar date.
    Date(Date),
}

impl Cell {
    /// An amount.
    pub fn amount(amount: Amount) -> Cell {
        Cell::Money(amount.to_decimal())
    }

    /// A text cell, or an empty one for blank text.
    pub fn text(text: &str) -> Cell {
        if text.trim().is_empty() { Cell::Empty } else { Cell::Text(text.to_owned()) }
    }

    /// An optional value, empty when absent.
    pub fn optional<T>(value: Option<T>, cell: impl FnOnce(T) -> Cell) -> Cell {
        value.map_or(Cell::Empty, cell)
    }
}

/// A table to write: a sheet name, its header row and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's (tab's) name, at most 31 characters for Excel.
    pub name: String,
    /// The column headers, in the export's language.
    pub headers: Vec<String>,
    /// The rows, each as long as `headers`.
    pub rows: Vec<Vec<Cell>>,
    /// Whether the sheet reads right to left (an Arabic export).
    pub right_to_left: bool,
}

/// The characters that make a spreadsheet read a cell as a formula (or that hide one): `=`,
/// `+`, `-`, `@`, tab, carriage return, line feed and NUL (OWASP, "CSV injection").
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\t', '\r', '\n', '\0'];

/// Whether a text starts with a character that would make a spreadsheet read it as a formula.
pub(crate) fn starts_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// Text as it is safe to put in a CSV field: a text beginning with a character that would
/// start a formula gets a leading `'`, which spreadsheets show as text and never evaluate.
///
/// Only text cells go through this: amounts are numeric cells and keep their sign.
///
/// ```
/// use taawun_core::spreadsheet::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(neutralise("Coopérative Al Amal"), "Coopérative Al Amal");
/// ```
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some(first) if FORMULA_STARTS.contains(&first) => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// The text a neutralised cell stood for: the leading `'` that [`neutralise`] added is dropped,
/// and only when it is followed by a formula start, so that other quotes stay as typed.
///
/// ```
/// use taawun_core::spreadsheet::{neutralise, unneutralise};
/// assert_eq!(unneutralise(&neutralise("-2+3")), "-2+3");
/// assert_eq!(unneutralise("'Ain Dalia"), "'Ain Dalia");
/// ```
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}
