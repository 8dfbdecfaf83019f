//! Readers: CSV or XLSX bytes to a [`Grid`] of raw cells, whatever the encoding (UTF-8 with or
//! without BOM, Windows-1256), the separator (`,`, `;`, tab) and the merged cells.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use thiserror::Error;

use super::unneutralise;
use crate::date::Date;
use crate::lang::Lang;
use crate::text::Localised;

/// The largest file read: checked before anything is parsed, so that a huge file is refused at
/// once rather than freezing a tablet. A prefecture's register is a few hundred kilobytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The most an XLSX file may unpack to, all its parts together, as the file declares them:
/// checked before anything is unpacked, so that a small file that unpacks to gigabytes (a zip
/// bomb) is refused. A register of a few thousand rows unpacks to a few megabytes.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;

/// The most rows a sheet may have (a region's cooperatives are a few thousand).
pub const MAX_ROWS: usize = 100_000;

/// The most columns a sheet may have.
pub const MAX_COLUMNS: usize = 256;

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
    /// An XLSX file whose parts unpack to more than [`MAX_UNPACKED_BYTES`]; nothing was
    /// unpacked.
    #[error("the workbook unpacks to {bytes} bytes, more than the {limit} bytes an import reads")]
    UnpacksTooLarge {
        /// What the file's parts declare together.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A sheet with a cell beyond [`MAX_ROWS`] or [`MAX_COLUMNS`].
    #[error("the sheet has a cell at row {row}, column {column}, beyond the {max_rows} rows and {max_columns} columns an import reads")]
    TooManyCells {
        /// The cell's row, from 1.
        row: usize,
        /// The cell's column, from 1.
        column: usize,
        /// The rows read at most.
        max_rows: usize,
        /// The columns read at most.
        max_columns: usize,
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
            (ReadError::UnpacksTooLarge { bytes, limit }, Lang::Ar) => format!("حجم الملف بعد فك ضغطه {bytes} بايت يتجاوز الحد ({limit} بايت)"),
            (ReadError::UnpacksTooLarge { bytes, limit }, Lang::Fr) => {
                format!("le classeur décompressé ferait {bytes} octets, au-delà de la limite de {limit} octets")
            }
            (ReadError::TooManyCells { row, column, max_rows, max_columns }, Lang::Ar) => {
                format!("في الورقة خلية في الصف {row} والعمود {column}، أبعد من الحد ({max_rows} صفا و{max_columns} عمودا)")
            }
            (ReadError::TooManyCells { row, column, max_rows, max_columns }, Lang::Fr) => {
                format!("la feuille a une cellule ligne {row}, colonne {column}, au-delà de la limite ({max_rows} lignes, {max_columns} colonnes)")
            }
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
        let more =
            reader.read_record(&mut record).map_err(|error| ReadError::Csv { line: error.position().map_or(0, |p| p.line()), message: error.to_string() })?;
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

/// Refuses a workbook whose parts declare more than [`MAX_UNPACKED_BYTES`] together.
fn check_unpacked(bytes: &[u8]) -> Result<(), ReadError> {
    let not_a_workbook = |error: zip::result::ZipError| ReadError::NotAWorkbook { message: error.to_string() };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_a_workbook)?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(not_a_workbook)?;
        total = total.saturating_add(part.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(ReadError::UnpacksTooLarge { bytes: total, limit: MAX_UNPACKED_BYTES });
    }
    Ok(())
}

fn too_many(row: usize, column: usize) -> ReadError {
    ReadError::TooManyCells { row: row + 1, column: column + 1, max_rows: MAX_ROWS, max_columns: MAX_COLUMNS }
}

/// Reads the first worksheet of an XLSX workbook; a merged region's value fills all its cells
/// (a commune written once for several rows belongs to each of them).
///
/// The file's size, then the size its parts declare unpacked, are checked before anything is
/// unpacked; the cells are read one by one, and a cell beyond [`MAX_ROWS`] or [`MAX_COLUMNS`]
/// stops the reading (a sheet's declared dimensions are not trusted to size anything).
pub fn xlsx(bytes: &[u8]) -> Result<Grid, ReadError> {
    check_size(bytes)?;
    check_unpacked(bytes)?;
    let not_a_workbook = |error: calamine::XlsxError| ReadError::NotAWorkbook { message: error.to_string() };
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(not_a_workbook)?;
    let name = workbook.sheet_names().into_iter().next().ok_or(ReadError::NoSheet)?;
    let merged = workbook.worksheet_merge_cells(&name).transpose().map_err(not_a_workbook)?.unwrap_or_default();

    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(not_a_workbook)?;
    while let Some(cell) = cells.next_cell().map_err(not_a_workbook)? {
        let value = workbook_value(cell.get_value());
        if value.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            return Err(too_many(r, c));
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Value::Empty);
        }
        row[c] = value;
    }
    for region in merged {
        let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
        let (r1, c1) = (region.end.0 as usize, region.end.1 as usize);
        if r1 >= MAX_ROWS || c1 >= MAX_COLUMNS {
            return Err(too_many(r1, c1));
        }
        let value = rows.get(r0).and_then(|r| r.get(c0)).cloned().unwrap_or(Value::Empty);
        if value.is_empty() {
            continue;
        }
        if rows.len() <= r1 {
            rows.resize(r1 + 1, Vec::new());
        }
        for row in &mut rows[r0..=r1] {
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

fn workbook_value(data: &DataRef<'_>) -> Value {
    match data {
        DataRef::Empty => Value::Empty,
        DataRef::String(text) => text_value(text),
        DataRef::SharedString(text) => text_value(text),
        DataRef::Int(n) => Value::Number(n.to_string()),
        // Rust prints the shortest decimal that reads back as the same float, never with an
        // exponent: 1561191000066, 12.5.
        DataRef::Float(f) if f.is_finite() => Value::Number(format!("{f}")),
        DataRef::Float(_) => Value::Empty,
        DataRef::Bool(b) => Value::Text(b.to_string()),
        DataRef::DateTime(when) => date_of_serial(when.as_f64()).map_or(Value::Empty, Value::Date),
        DataRef::DateTimeIso(text) => text.get(..10).and_then(|d| Date::parse(d).ok()).map_or_else(|| text_value(text), Value::Date),
        DataRef::DurationIso(text) => text_value(text),
        DataRef::Error(error) => Value::Text(format!("#{error:?}")),
    }
}
