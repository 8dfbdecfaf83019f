//! Taawun's spreadsheet module: a second WebAssembly module, loaded by the app the first time a
//! spreadsheet screen opens, so that the start download carries none of csv, rust_xlsxwriter,
//! calamine or encoding_rs.
//!
//! Plain data in and out. The app passes the dataset as its JSON document (`document::export`)
//! and the file's bytes once, when a file is chosen ([`open`]); the module keeps the file's
//! cells and that dataset until the next file, so that changing the mapping or a choice
//! previews again without reading anything twice ([`preview`]). At confirm time ([`apply`]) the
//! app passes the dataset as it is then and the fingerprint of the preview it showed; the
//! module previews again, refuses if anything would differ, checks the import on a copy and
//! returns the edits, one batch, which the app applies through its own `Dataset::apply` (one
//! undoable change), and the findings. Everything the module decides, core decides
//! (`taawun_core::spreadsheet`); this crate only carries data across the wasm-bindgen boundary.

mod request;

use serde_json::{Value as Json, json};
use thiserror::Error;
use wasm_bindgen::prelude::*;

use taawun_core::dataset::Dataset;
use taawun_core::document;
use taawun_core::id::Id;
use taawun_core::lang::Lang;
use taawun_core::spreadsheet::export;
use taawun_core::spreadsheet::import::{self, ColumnMapping, Gravity, ImportError, ImportRefused, RowAction, RowChoice};
use taawun_core::spreadsheet::read::{self, Grid, ReadError};
use taawun_core::spreadsheet::write::{self, CsvOptions, WriteError};
use taawun_core::text::Localised;

pub use request::{ApplyRequest, ExportRequest, Format, PreviewRequest};

/// Why a call of this module did nothing; the message goes to the user in their language.
#[derive(Debug, Error)]
pub enum SheetsError {
    /// The app sent a request this module cannot read (a bug of the app, not of the file).
    #[error("request not understood: {message}")]
    Request {
        /// What serde said.
        message: String,
    },
    /// The dataset document the app sent could not be read back.
    #[error("the data could not be read: {message}")]
    Document {
        /// What core's document import said.
        message: String,
    },
    /// The file could not be read at all.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The sheet could not be previewed (no header row, no rulebook).
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The import wrote nothing.
    #[error(transparent)]
    Refused(#[from] ImportRefused),
    /// The export could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A preview or an import asked for before a file was opened (or after it was closed).
    #[error("no file is open")]
    NoFile,
    /// The preview at confirm time differs from the one the user saw (the data changed
    /// meanwhile, or the choices): nothing was imported.
    #[error("the import would differ from the preview shown ({shown} then, {now} now)")]
    Changed {
        /// The fingerprint of the preview shown.
        shown: String,
        /// The fingerprint now.
        now: String,
    },
    /// The app gave fewer new ids than rows to create.
    #[error("not enough new ids: {given} given")]
    Ids {
        /// How many were given.
        given: usize,
    },
}

impl Localised for SheetsError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SheetsError::Request { message }, Lang::Ar) => format!("طلب غير مفهوم: {message}"),
            (SheetsError::Request { message }, Lang::Fr) => format!("demande non comprise : {message}"),
            (SheetsError::Document { message }, Lang::Ar) => format!("تعذرت قراءة البيانات: {message}"),
            (SheetsError::Document { message }, Lang::Fr) => format!("les données n'ont pas pu être lues : {message}"),
            (SheetsError::Read(error), lang) => error.message(lang),
            (SheetsError::Import(error), lang) => error.message(lang),
            (SheetsError::Refused(error), lang) => error.message(lang),
            (SheetsError::Write(error), lang) => error.message(lang),
            (SheetsError::NoFile, Lang::Ar) => "لم يفتح أي ملف؛ اختر الملف من جديد".to_owned(),
            (SheetsError::NoFile, Lang::Fr) => "aucun fichier n'est ouvert ; choisissez-le à nouveau".to_owned(),
            (SheetsError::Changed { .. }, Lang::Ar) => "تغيرت المعطيات أو الاختيارات منذ المعاينة؛ لم يستورد شيء. راجع المعاينة الجديدة ثم أكد".to_owned(),
            (SheetsError::Changed { .. }, Lang::Fr) => {
                "les données ou les choix ont changé depuis l'aperçu ; rien n'a été importé. Relisez le nouvel aperçu puis confirmez".to_owned()
            }
            (SheetsError::Ids { given }, Lang::Ar) => format!("عدد المعرفات الجديدة غير كاف ({given})"),
            (SheetsError::Ids { given }, Lang::Fr) => format!("pas assez d'identifiants nouveaux ({given})"),
        }
    }
}

/// The largest file the import reads, in bytes: the app checks `File.size` against it before
/// reading the file.
#[wasm_bindgen]
pub fn max_file_bytes() -> f64 {
    read::MAX_BYTES as f64
}

/// Writes one table of the dataset as a file: XLSX or CSV (`request`: [`ExportRequest`] as JSON).
#[wasm_bindgen]
pub fn export_table(document: &[u8], request: &str) -> Result<Vec<u8>, JsError> {
    let request: ExportRequest = parse(request)?;
    run(request.lang, || export_bytes(document, &request))
}

/// What the module keeps between calls: the cells of the file the user chose and the dataset as
/// it was when the file was opened.
pub struct Session {
    /// The file's cells, read once.
    pub grid: Grid,
    /// The dataset the previews are made against.
    pub dataset: Dataset,
}

thread_local! {
    static SESSION: std::cell::RefCell<Option<Session>> = const { std::cell::RefCell::new(None) };
}

/// Reads a file (kept, with the dataset, for the next calls) and previews its import
/// (`request`: [`PreviewRequest`] as JSON); returns the preview as JSON: the mapping, the fields
/// it may use, the counts, every finding, the rows and the fingerprint.
#[wasm_bindgen]
pub fn open(document: &[u8], file: &[u8], request: &str) -> Result<String, JsError> {
    let request: PreviewRequest = parse(request)?;
    run(request.lang, || {
        SESSION.with_borrow_mut(|kept| *kept = None);
        let session = open_session(document, file)?;
        let json = preview_json(&session, &request)?;
        SESSION.with_borrow_mut(|kept| *kept = Some(session));
        Ok(json.to_string())
    })
}

/// Previews the open file again with other choices (mapping, mode, accepted suggestions).
#[wasm_bindgen]
pub fn preview(request: &str) -> Result<String, JsError> {
    let request: PreviewRequest = parse(request)?;
    run(request.lang, || SESSION.with_borrow(|kept| preview_json(kept.as_ref().ok_or(SheetsError::NoFile)?, &request).map(|json| json.to_string())))
}

/// Imports the open file into `document`, the dataset as it is now (`request`: [`ApplyRequest`]
/// as JSON); returns JSON: `edits` (core's `document::export_edits`, one batch for the app's
/// `Dataset::apply`), `created`, `updated` and `findings` (the dataset's checks on the records
/// written, with their messages in the request's language).
#[wasm_bindgen]
pub fn apply(document: &[u8], request: &str) -> Result<String, JsError> {
    let request: ApplyRequest = parse(request)?;
    run(request.preview.lang, || {
        SESSION.with_borrow(|kept| apply_json(&kept.as_ref().ok_or(SheetsError::NoFile)?.grid, document, &request).map(|json| json.to_string()))
    })
}

/// Forgets the open file (the user cancelled, or the import is done).
#[wasm_bindgen]
pub fn close() {
    SESSION.with_borrow_mut(|kept| *kept = None);
}

fn parse<T: serde::de::DeserializeOwned>(request: &str) -> Result<T, JsError> {
    serde_json::from_str(request).map_err(|e| JsError::new(&SheetsError::Request { message: e.to_string() }.message(Lang::Fr)))
}

fn run<T>(lang: Lang, work: impl FnOnce() -> Result<T, SheetsError>) -> Result<T, JsError> {
    work().map_err(|error| JsError::new(&error.message(lang)))
}

fn dataset_of(document: &[u8]) -> Result<Dataset, SheetsError> {
    document::import(document).map(|imported| imported.dataset).map_err(|e| SheetsError::Document { message: e.to_string() })
}

/// The bytes of an export.
pub fn export_bytes(document: &[u8], request: &ExportRequest) -> Result<Vec<u8>, SheetsError> {
    let dataset = dataset_of(document)?;
    let sheet = export::sheet(&dataset, request.table, request.lang);
    Ok(match request.format {
        Format::Xlsx => write::xlsx(&[sheet], request.today)?,
        Format::Csv => write::csv(&sheet, CsvOptions { separator: request.separator, bom: request.bom }),
    })
}

fn mapping_for(grid: &Grid, request: &PreviewRequest) -> Result<ColumnMapping, SheetsError> {
    match request.mapping() {
        // The user's own mapping of this file, as long as it still fits the file.
        Some(mapping) if mapping.kind == request.kind && mapping.columns.len() == grid.width() => Ok(mapping),
        _ => Ok(ColumnMapping::guess(request.kind, grid, request.remembered().as_ref())?),
    }
}

/// Reads the dataset and the file, once.
pub fn open_session(document: &[u8], file: &[u8]) -> Result<Session, SheetsError> {
    let dataset = dataset_of(document)?;
    let grid = read::any(file)?;
    Ok(Session { grid, dataset })
}

/// The preview as JSON.
pub fn preview_json(session: &Session, request: &PreviewRequest) -> Result<Json, SheetsError> {
    let Session { grid, dataset } = session;
    let mapping = mapping_for(grid, request)?;
    let preview = import::preview(dataset, grid, &mapping, &request.options())?;
    let lang = request.lang;
    let findings: Vec<Json> = preview
        .findings
        .iter()
        .map(|f| {
            json!({
                "row": f.row,
                "column": f.column,
                "value": f.value,
                "gravity": gravity(f.gravity),
                "reason": f.message(lang),
                "suggestion": f.suggestion,
            })
        })
        .collect();
    let mapped: Vec<usize> = (0..mapping.columns.len()).filter(|&c| mapping.columns[c].field.is_some()).collect();
    let rows: Vec<Json> = preview
        .rows
        .iter()
        .take(request::PREVIEW_ROWS)
        .map(|row| {
            let action = match (&row.action, row.has_error) {
                (RowAction::Create(_), _) => "create",
                (RowAction::Update { .. }, _) => "update",
                (RowAction::Nothing, true) => "error",
                (RowAction::Nothing, false) => "skip",
            };
            let cells: Vec<String> = mapped.iter().map(|&c| grid.cell(row.row - 1, c).as_text()).collect();
            json!({ "row": row.row, "action": action, "cells": cells })
        })
        .collect();
    let fields: Vec<Json> = request.kind.fields().iter().map(|f| json!({ "field": f, "name": f.name(lang) })).collect();
    let headers: Vec<&str> = mapped.iter().map(|&c| mapping.columns[c].header.as_str()).collect();
    Ok(json!({
        "mapping": serde_json::to_string(&mapping).unwrap_or_default(),
        "columns": mapping.columns,
        "fields": fields,
        "headers": headers,
        "rows": rows,
        "row_count": preview.rows.len(),
        "importable": preview.importable(),
        "errors": preview.rows_with_errors(),
        "findings": findings,
        "encoding": grid.encoding,
        "fingerprint": preview.fingerprint(),
    }))
}

/// The mapping (JSON) with `column` mapped to `field` (a field name such as `name_fr`, or `""`
/// for none), by core's rule: a field goes to one column only.
#[wasm_bindgen]
pub fn remap(mapping: &str, column: usize, field: &str) -> Result<String, JsError> {
    let mut mapping: ColumnMapping = parse(mapping)?;
    let field = if field.is_empty() { None } else { Some(parse(&format!("\"{field}\""))?) };
    mapping.set(column, field);
    serde_json::to_string(&mapping).map_err(|e| JsError::new(&e.to_string()))
}

fn gravity(gravity: Gravity) -> &'static str {
    match gravity {
        Gravity::Error => "error",
        Gravity::Warning => "warning",
        Gravity::Skipped => "skipped",
    }
}

/// The import checked on a copy of the dataset in `document`: the edits to apply, as JSON.
pub fn apply_json(grid: &Grid, document: &[u8], request: &ApplyRequest) -> Result<Json, SheetsError> {
    let mut dataset = dataset_of(document)?;
    let mapping = mapping_for(grid, &request.preview)?;
    let preview = import::preview(&dataset, grid, &mapping, &request.preview.options())?;
    let now = preview.fingerprint();
    if now != request.fingerprint {
        return Err(SheetsError::Changed { shown: request.fingerprint.clone(), now });
    }
    let creations = preview.rows.iter().filter(|r| matches!(r.action, RowAction::Create(_))).count();
    if request.ids.len() < creations {
        return Err(SheetsError::Ids { given: request.ids.len() });
    }
    let choice = if request.valid_only { RowChoice::ValidRowsOnly } else { RowChoice::AllRows };
    let mut ids = request.ids.iter().copied();
    // Checked above: there are at least as many ids as rows to create, so the fallback (which
    // `Dataset::apply` would refuse as taken on its second use) is never reached.
    let next = || ids.next().unwrap_or(Id::from_u128(0));
    let author = request.author()?;
    let imported = import::apply(&mut dataset, &preview, author.clone(), choice, next)?;
    let edits = document::export_edits(std::slice::from_ref(&imported.edit), &author).map_err(|e| SheetsError::Document { message: e.to_string() })?;
    let lang = request.preview.lang;
    let findings: Vec<Json> = imported
        .findings
        .iter()
        .map(|f| json!({ "path": f.path.to_string(), "level": if f.blocks() { "block" } else { "warn" }, "message": f.message.get(lang) }))
        .collect();
    Ok(json!({
        "edits": String::from_utf8_lossy(&edits),
        "created": imported.created.len(),
        "updated": imported.updated.len(),
        "findings": findings,
    }))
}

#[cfg(test)]
mod tests;
