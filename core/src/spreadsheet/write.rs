//! Writers: sheets to CSV (the `csv` crate, RFC 4180) and to XLSX (`rust_xlsxwriter`), the same
//! bytes for the same sheets every time.

use std::str::FromStr;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
use thiserror::Error;

use super::{Cell, Sheet, neutralise, starts_formula};
use crate::date::Date;
use crate::lang::Lang;
use crate::text::Localised;

/// The separator of a CSV file, which also decides the decimal mark of its amounts: Excel in a
/// French or Arabic (Morocco) locale saves and expects `;` with a decimal comma, in an English
/// locale `,` with a decimal point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Separator {
    /// `;` between fields, `1234,50` for amounts (Excel in French or Arabic).
    #[default]
    Semicolon,
    /// `,` between fields, `1234.50` for amounts.
    Comma,
}

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct CsvOptions {
    /// The field separator (and with it the decimal mark).
    pub separator: Separator,
    /// Whether the file starts with a UTF-8 byte order mark, which Excel needs to read Arabic
    /// text in a CSV as UTF-8 rather than in the machine's code page.
    pub bom: bool,
}

/// Why a sheet could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WriteError {
    /// An amount that a spreadsheet's floating-point number cannot hold exactly (more than about
    /// fifteen significant digits): writing it would change it.
    #[error("the amount {value} in sheet \"{sheet}\", row {row}, column {column} cannot be written exactly as a spreadsheet number")]
    AmountNotExact {
        /// The amount.
        value: Decimal,
        /// The sheet's name.
        sheet: String,
        /// The row, counted from 1 (the header is row 1).
        row: u32,
        /// The column, counted from 1.
        column: u16,
    },
    /// The sheet has more rows or columns than a workbook holds.
    #[error("sheet \"{sheet}\" is too large for a workbook")]
    TooLarge {
        /// The sheet's name.
        sheet: String,
    },
    /// The XLSX library refused (should not happen for sheets built by this module).
    #[error("the workbook could not be written: {message}")]
    Xlsx {
        /// What the library said.
        message: String,
    },
}

impl Localised for WriteError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WriteError::AmountNotExact { value, sheet, row, column }, Lang::Ar) => {
                format!("لا يمكن كتابة المبلغ {value} بدقة في الورقة «{sheet}»، الصف {row}، العمود {column}")
            }
            (WriteError::AmountNotExact { value, sheet, row, column }, Lang::Fr) => {
                format!("le montant {value} ne peut pas être écrit exactement (feuille « {sheet} », ligne {row}, colonne {column})")
            }
            (WriteError::TooLarge { sheet }, Lang::Ar) => format!("الورقة «{sheet}» أكبر مما يتسع له ملف إكسل"),
            (WriteError::TooLarge { sheet }, Lang::Fr) => format!("la feuille « {sheet} » est trop grande pour un classeur"),
            (WriteError::Xlsx { message }, Lang::Ar) => format!("تعذرت كتابة الملف: {message}"),
            (WriteError::Xlsx { message }, Lang::Fr) => format!("le classeur n'a pas pu être écrit : {message}"),
        }
    }
}

/// A sheet as CSV: header then rows, fields quoted only where RFC 4180 needs it (separator,
/// quote, line break; quotes doubled), text neutralised against formulas, amounts as plain
/// numbers with two decimals and their sign, dates as `dd/mm/yyyy`, lines ended by CRLF.
///
/// ```
/// use taawun_core::spreadsheet::{Cell, Sheet, write::{self, CsvOptions, Separator}};
/// let sheet = Sheet { name: "t".into(), headers: vec!["Nom".into()], rows: vec![vec![Cell::Text("=1+1".into())]], right_to_left: false };
/// let bytes = write::csv(&sheet, CsvOptions { separator: Separator::Comma, bom: false });
/// assert_eq!(String::from_utf8(bytes).unwrap(), "Nom\r\n'=1+1\r\n");
/// ```
pub fn csv(sheet: &Sheet, options: CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let delimiter = match options.separator {
        Separator::Semicolon => b';',
        Separator::Comma => b',',
    };
    let mut writer =
        ::csv::WriterBuilder::new().delimiter(delimiter).quote_style(::csv::QuoteStyle::Necessary).terminator(::csv::Terminator::CRLF).from_writer(out);
    // Writing into a Vec cannot fail; a failure would only lose the row, never panic.
    let _ = writer.write_record(sheet.headers.iter().map(|h| neutralise(h).into_owned()));
    for row in &sheet.rows {
        let fields: Vec<String> = row.iter().map(|cell| csv_field(cell, options.separator)).collect();
        let _ = writer.write_record(&fields);
    }
    writer.into_inner().unwrap_or_default()
}

fn csv_field(cell: &Cell, separator: Separator) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) | Cell::Code(text) => neutralise(text).into_owned(),
        Cell::Money(value) => {
            let text = two_decimals(*value).to_string();
            match separator {
                Separator::Semicolon => text.replace('.', ","),
                Separator::Comma => text,
            }
        }
        Cell::Count(n) => n.to_string(),
        Cell::Date(date) => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
    }
}

fn two_decimals(value: Decimal) -> Decimal {
    let mut value = value;
    value.rescale(2);
    value
}

/// The one place an amount becomes a float: the nearest `f64`, accepted only if reading that
/// float back as a decimal gives the amount exactly.
fn exact_float(value: Decimal) -> Option<f64> {
    let float = f64::from_str(&value.to_string()).ok()?;
    let back = Decimal::from_str(&format!("{float}")).ok()?;
    (back == value).then_some(float)
}

/// Sheets as an XLSX workbook, one worksheet each: bold frozen header row, right-to-left
/// worksheets for Arabic, amounts as numbers formatted `#,##0.00`, dates as dates
/// (`dd/mm/yyyy`), codes as text (format `@`, leading zeros kept). Every text is a string cell,
/// which Excel never evaluates; one that starts like a formula (`=`, `+212…`, `-`, `@`) also gets
/// the cell's quote prefix, so that editing the cell in Excel keeps it text. The text itself is
/// written as it is: no `'` is added (that is CSV's neutralising, [`csv`]).
///
/// `created` is written as the workbook's creation date (core never reads the clock), which also
/// makes the bytes the same for the same sheets. An amount a float cannot hold exactly is
/// refused rather than rounded.
pub fn xlsx(sheets: &[Sheet], created: Date) -> Result<Vec<u8>, WriteError> {
    let library = |error: rust_xlsxwriter::XlsxError| WriteError::Xlsx { message: error.to_string() };
    let mut workbook = Workbook::new();
    let when = ExcelDateTime::from_ymd(created.year(), created.month(), created.day()).map_err(library)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&when).set_author("Taawun"));

    let header = Format::new().set_bold();
    let header_quoted = header.clone().set_quote_prefix();
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Left);
    let code = Format::new().set_num_format("@");
    let code_quoted = code.clone().set_quote_prefix();
    let quoted = Format::new().set_quote_prefix();
    for sheet in sheets {
        let too_large = || WriteError::TooLarge { sheet: sheet.name.clone() };
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name).map_err(library)?;
        worksheet.set_right_to_left(sheet.right_to_left);
        worksheet.set_freeze_panes(1, 0).map_err(library)?;
        for (c, title) in sheet.headers.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| too_large())?;
            let format = if starts_formula(title) { &header_quoted } else { &header };
            worksheet.write_string_with_format(0, c, title, format).map_err(library)?;
            worksheet.set_column_width(c, 18).map_err(library)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| too_large())?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| too_large())?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(text) if starts_formula(text) => {
                        worksheet.write_string_with_format(r, c, text, &quoted).map_err(library)?;
                    }
                    Cell::Text(text) => {
                        worksheet.write_string(r, c, text).map_err(library)?;
                    }
                    Cell::Code(text) => {
                        let format = if starts_formula(text) { &code_quoted } else { &code };
                        worksheet.write_string_with_format(r, c, text, format).map_err(library)?;
                    }
                    Cell::Money(value) => {
                        let float = exact_float(*value).ok_or_else(|| WriteError::AmountNotExact {
                            value: *value,
                            sheet: sheet.name.clone(),
                            row: r + 1,
                            column: c + 1,
                        })?;
                        worksheet.write_number_with_format(r, c, float, &money).map_err(library)?;
                    }
                    Cell::Count(n) => {
                        // Counts are members, jobs and years: far below 2^53, exact as floats.
                        worksheet.write_number(r, c, *n as f64).map_err(library)?;
                    }
                    Cell::Date(day) => {
                        let value = ExcelDateTime::from_ymd(day.year(), day.month(), day.day()).map_err(library)?;
                        worksheet.write_datetime_with_format(r, c, &value, &date).map_err(library)?;
                    }
                }
            }
        }
    }
    workbook.save_to_buffer().map_err(library)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_of_fifteen_significant_digits_survives_the_float() {
        let value = Decimal::from_str("9999999999999.99").unwrap();
        assert_eq!(exact_float(value).map(|f| Decimal::from_str(&f.to_string()).unwrap()), Some(value));
    }

    #[test]
    fn an_amount_a_float_cannot_hold_is_refused() {
        assert_eq!(exact_float(Decimal::from_str("999999999999999.99").unwrap()), None);
    }
}
