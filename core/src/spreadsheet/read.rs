//! Readers: CSV or XLSX bytes to a [`Grid`] of raw cells, whatever the encoding (UTF-8 with or
//! without BOM, Windows-1256), the separator (`,`, `;`, tab) and the merged cells.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use thiserror::Error;

use super::unneutralise;
use crate::date::Date;
use crate::lang::Lang;
use crate::text::Localised;

/// The largest file read: checked before anything is parsed, so that a huge file is refused at
/// once rather than freezing a tablet. A prefecture's register is a few hundred kilobytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A cell as it was read, before any field gives it a meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing (or only spaces).
    Empty,
    /// Text, trimmed, with the neutralising `'` of an export removed.
    Text(String),
    /// A number cell of a workbook, written as its shortest decimal (`1561191000066`, `12.5`):
    /// the float stops here, and fields read the digits.
    Number(String),
    /// A date cell of a workbook.
    Date(Date),
}

impl Value {
    /// The cell as text, as a person would read it (`""` when empty).
    pub fn as_text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) | Value::Number(text) => text.clone(),
            Value::Date(date) => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        }
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }
}

/// The cells of one sheet, by row then column, row 0 being the sheet's first row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// The rows; a row may be shorter than others.
    pub rows: Vec<Vec<Value>>,
    /// How the bytes were read: `"utf-8"`, `"windows-1256"`, `"xlsx"`.
    pub encoding: &'static str,
    /// The CSV separator found, if the file was a CSV.
    pub separator: Option<char>,
}

impl Grid {
    /// The cell at `row`, `column` (empty outside the grid).
    pub fn cell(&self, row: usize, column: usize) -> &Value {
        self.rows.get(row).and_then(|r| r.get(column)).unwrap_or(&Value::Empty)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Why a file could not be read at all (as opposed to rows that are wrong, which the preview
/// lists one by one).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    /// Above [`MAX_BYTES`]; nothing was read.
    #[error("the file has {bytes} bytes, more than the {limit} bytes an import reads")]
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Not a workbook calamine can open.
    #[error("the file is not a readable XLSX workbook: {message}")]
    NotAWorkbook {
        /// What calamine said.
        message: String,
    },
    /// A workbook without a worksheet.
    #[error("the workbook has no worksheet")]
    NoSheet,
    /// A CSV the csv reader gave up on.
    #[error("the CSV file could not be read near line {line}: {message}")]
    Csv {
        /// The line, from 1.
        line: u64,
        /// What the reader said.
        message: String,
    },
}

impl Localised for ReadError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::TooLarge { bytes, limit }, Lang::Ar) => format!("حجم الملف {bytes} بايت يتجاوز الحد ({limit} بايت)"),
            (ReadError::TooLarge { bytes, limit }, Lang::Fr) => format!("le fichier fait {bytes} octets, au-delà de la limite de {limit} octets"),
            (ReadError::NotAWorkbook { message }, Lang::Ar) => format!("ليس ملف XLSX مقروءا: {message}"),
            (ReadError::NotAWorkbook { message }, Lang::Fr) => format!("ce n'est pas un classeur XLSX lisible : {message}"),
            (ReadError::NoSheet, Lang::Ar) => "لا يحتوي الملف على أي ورقة".to_owned(),
            (ReadError::NoSheet, Lang::Fr) => "le classeur ne contient aucune feuille".to_owned(),
            (ReadError::Csv { line, message }, Lang::Ar) => format!("تعذرت قراءة ملف CSV قرب السطر {line}: {message}"),
            (ReadError::Csv { line, message }, Lang::Fr) => format!("le fichier CSV n'a pas pu être lu vers la ligne {line} : {message}"),
        }
    }
}

fn check_size(bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len(), limit: MAX_BYTES });
    }
    Ok(())
}

/// Reads a file of either kind: a ZIP signature means XLSX, anything else is read as CSV.
pub fn any(bytes: &[u8]) -> Result<Grid, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") { xlsx(bytes) } else { csv(bytes) }
}

/// Decodes CSV bytes: UTF-8 (a BOM is dropped), else Windows-1256 — what Excel on an Arabic
/// Windows saves as "CSV". A file that is valid UTF-8 is always read as UTF-8.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "utf-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1256.decode(bytes);
            (text.into_owned(), "windows-1256")
        }
    }
}

/// The separator whose rows have the most fields, counting only separators that split most
/// of the first rows the same way.
fn sniff(text: &str) -> u8 {
    let mut best = (b',', 0usize);
    for candidate in [b';', b',', b'\t'] {
        let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(candidate).from_reader(text.as_bytes());
        let widths: Vec<usize> = reader.records().take(30).filter_map(Result::ok).map(|r| r.len()).filter(|n| *n > 1).collect();
        let Some(&widest) = widths.iter().max() else { continue };
        // A separator that only appears inside a few amounts (`1 234,50`) splits few rows.
        let consistent = widths.iter().filter(|w| **w * 2 >= widest).count();
        let score = consistent * widest;
        if score > best.1 {
            best = (candidate, score);
        }
    }
    best.0
}

/// Reads a CSV file as Excel saves it in French or Arabic locales.
pub fn csv(bytes: &[u8]) -> Result<Grid, ReadError> {
    check_size(bytes)?;
    let (text, encoding) = decode(bytes);
    let separator = sniff(&text);
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Value>> = Vec::new();
    // The csv crate skips empty lines; they are put back as empty rows so that the row numbers
    // the preview gives are the ones a spreadsheet shows. A record's position is where the
    // reader stood before it (empty lines included), so its first line is found by stepping over
    // line ends from there. Line breaks inside quoted fields are lines of the file but not rows.
    let bytes = text.as_bytes();
    let (mut counted_to, mut lines_before) = (0, 0);
    let mut breaks_before = 0;
    let mut record = ::csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|error| ReadError::Csv {
            line: error.position().map_or(0, |p| p.line()),
            message: error.to_string(),
        })?;
        if !more {
            break;
        }
        let mut start = record.position().map_or(counted_to, |p| usize::try_from(p.byte()).unwrap_or(counted_to)).max(counted_to);
        while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        lines_before += bytes[counted_to..start.min(bytes.len())].iter().filter(|b| **b == b'\n').count();
        counted_to = start.min(bytes.len());
        let row = lines_before.saturating_sub(breaks_before);
        while rows.len() < row {
            rows.push(Vec::new());
        }
        breaks_before += record.iter().map(|field| field.matches('\n').count()).sum::<usize>();
        rows.push(record.iter().map(text_value).collect());
    }
    Ok(Grid { rows, encoding, separator: Some(char::from(separator)) })
}

fn text_value(text: &str) -> Value {
    let trimmed = text.trim();
    if trimmed.is_empty() { Value::Empty } else { Value::Text(unneutralise(trimmed).to_owned()) }
}

/// Excel's serial day 25 569 is 1970-01-01 (in the 1900 date system every Windows workbook
/// uses; serials before March 1900 are off by Excel's fictitious 29 February 1900, and no
/// cooperative is that old).
const SERIAL_OF_1970: i64 = 25_569;

/// The date of an Excel serial day number (the fraction, a time of day, is dropped).
pub fn date_of_serial(serial: f64) -> Option<Date> {
    if !serial.is_finite() {
        return None;
    }
    let days = (serial.floor() as i64).checked_sub(SERIAL_OF_1970)?;
    Date::from_days_since_epoch(i32::try_from(days).ok()?)
}

/// Reads the first worksheet of an XLSX workbook; a merged region's value fills all its cells
/// (a commune written once for several rows belongs to each of them).
pub fn xlsx(bytes: &[u8]) -> Result<Grid, ReadError> {
    check_size(bytes)?;
    let not_a_workbook = |error: calamine::XlsxError| ReadError::NotAWorkbook { message: error.to_string() };
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(not_a_workbook)?;
    let name = workbook.sheet_names().into_iter().next().ok_or(ReadError::NoSheet)?;
    let range = workbook.worksheet_range(&name).map_err(not_a_workbook)?;
    let merged = workbook.worksheet_merge_cells(&name).transpose().map_err(not_a_workbook)?.unwrap_or_default();

    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (top as usize, left as usize);
    let mut rows: Vec<Vec<Value>> = vec![Vec::new(); top];
    for row in range.rows() {
        let mut values = vec![Value::Empty; left];
        values.extend(row.iter().map(workbook_value));
        rows.push(values);
    }
    for region in merged {
        let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
        let (r1, c1) = (region.end.0 as usize, region.end.1 as usize);
        let value = rows.get(r0).and_then(|r| r.get(c0)).cloned().unwrap_or(Value::Empty);
        for r in r0..=r1.min(rows.len().saturating_sub(1)) {
            let row = &mut rows[r];
            if row.len() <= c1 {
                row.resize(c1 + 1, Value::Empty);
            }
            for cell in &mut row[c0..=c1] {
                *cell = value.clone();
            }
        }
    }
    Ok(Grid { rows, encoding: "xlsx", separator: None })
}

fn workbook_value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(text) => text_value(text),
        Data::Int(n) => Value::Number(n.to_string()),
        // Rust prints the shortest decimal that reads back as the same float, never with an
        // exponent: 1561191000066, 12.5.
        Data::Float(f) if f.is_finite() => Value::Number(format!("{f}")),
        Data::Float(_) => Value::Empty,
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(when) => date_of_serial(when.as_f64()).map_or(Value::Empty, Value::Date),
        Data::DateTimeIso(text) => text.get(..10).and_then(|d| Date::parse(d).ok()).map_or_else(|| text_value(text), Value::Date),
        Data::DurationIso(text) => text_value(text),
        Data::Error(error) => Value::Text(format!("#{error:?}")),
    }
}
