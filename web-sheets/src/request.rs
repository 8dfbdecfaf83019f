//! The requests the app sends to the spreadsheet module, as JSON: what to export, how to read and
//! map a file, and who imports it with which choices.

use serde::Deserialize;

use taawun_core::date::Date;
use taawun_core::id::Id;
use taawun_core::lang::Lang;
use taawun_core::record::{Author, Timestamp};
use taawun_core::spreadsheet::export::Table;
use taawun_core::spreadsheet::import::{ColumnMapping, ImportKind, ImportOptions};
use taawun_core::spreadsheet::write::Separator;

use crate::SheetsError;

/// How many rows of a preview are sent to the screen; the counts and findings cover every row.
pub const PREVIEW_ROWS: usize = 500;

/// A file format of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// An Excel workbook.
    Xlsx,
    /// Comma- or semicolon-separated text.
    Csv,
}

/// What to export.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// Which table.
    pub table: Table,
    /// Which format.
    pub format: Format,
    /// For CSV: a UTF-8 byte order mark, for Excel.
    #[serde(default)]
    pub bom: bool,
    /// For CSV: the separator (and decimal mark).
    #[serde(default)]
    pub separator: Separator,
    /// The language of headers and sheet direction.
    pub lang: Lang,
    /// Today, written as the workbook's creation date.
    pub today: Date,
}

/// How to read a file for its preview.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviewRequest {
    /// Cooperatives or projects.
    pub kind: ImportKind,
    /// The language of the findings and field names.
    pub lang: Lang,
    /// The mapping the user set for this file, if any, as the JSON a preview gave it.
    #[serde(default)]
    pub mapping: Option<String>,
    /// The mapping remembered from an earlier file (JSON), used to guess; one that can no longer
    /// be read (from an older version) is left aside rather than blocking the import.
    #[serde(default)]
    pub remembered: Option<String>,
    /// Update the records with the same key rather than refusing such rows.
    #[serde(default)]
    pub update_existing: bool,
    /// For projects: their call's rulebook.
    #[serde(default)]
    pub rulebook: Option<Id>,
    /// For projects: the call's year when the sheet has none.
    #[serde(default)]
    pub call_year: Option<u16>,
    /// Read near spellings as the reference entries they are close to (the user read the
    /// suggestions and accepted them); off, each is an error showing its suggestion.
    #[serde(default)]
    pub accept_suggestions: bool,
}

impl PreviewRequest {
    /// The user's mapping of this file, if it can be read.
    pub fn mapping(&self) -> Option<ColumnMapping> {
        self.mapping.as_deref().and_then(|text| serde_json::from_str(text).ok())
    }

    /// The remembered mapping, if it can be read.
    pub fn remembered(&self) -> Option<ColumnMapping> {
        self.remembered.as_deref().and_then(|text| serde_json::from_str(text).ok())
    }

    /// The options core's preview takes.
    pub fn options(&self) -> ImportOptions {
        ImportOptions { update_existing: self.update_existing, rulebook: self.rulebook, call_year: self.call_year, accept_suggestions: self.accept_suggestions }
    }
}

/// Who imports, and how.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    /// The same reading as the preview the user saw.
    pub preview: PreviewRequest,
    /// Import only the rows without errors (a choice the user makes; otherwise all or nothing).
    #[serde(default)]
    pub valid_only: bool,
    /// The fingerprint of the preview the user saw (`Preview::fingerprint`): the import is
    /// refused if reading the file again now would write anything else.
    pub fingerprint: String,
    /// When, in milliseconds since 1970 (the app reads the clock).
    pub at_millis: i64,
    /// The user's name.
    pub user: String,
    /// The device's id.
    pub device: Id,
    /// The device's name.
    pub device_name: String,
    /// New record ids (random, from the app), at least one per row to create.
    pub ids: Vec<Id>,
}

impl ApplyRequest {
    /// The author of the import's changes.
    pub fn author(&self) -> Result<Author, SheetsError> {
        let at = Timestamp::from_millis(self.at_millis).ok_or(SheetsError::Request { message: format!("no time {}", self.at_millis) })?;
        Ok(Author { at, user: self.user.clone(), device: self.device, device_name: self.device_name.clone() })
    }
}
