//! The one place the web app calls core's open-data exporters (360Giving JSON, IATI 2.03 XML).
//!
//! Kept to plain functions of the dataset and the settings, with nothing of the interface, so
//! that this module (and the exporters' code behind it) can be moved into a lazily loaded part of
//! the bundle without touching the pages.

use taawun_core::dataset::Dataset;
use taawun_core::open_data::{OpenDataError, PublisherSettings, giving360, iati};
use taawun_core::record::Timestamp;

/// A file ready to offer for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Its contents.
    pub bytes: Vec<u8>,
    /// Its file name.
    pub name: String,
    /// Its media type.
    pub mime: &'static str,
}

/// The 360Giving JSON of the funded projects, named after `today` (`YYYY-MM-DD`).
pub fn export_360(dataset: &Dataset, settings: &PublisherSettings, today: &str) -> Result<ExportFile, OpenDataError> {
    let bytes = giving360::export(dataset, settings)?;
    Ok(ExportFile { bytes, name: format!("taawun-360giving-{today}.json"), mime: "application/json" })
}

/// The IATI 2.03 activities XML of the funded projects, stamped as generated at `now`.
pub fn export_iati(dataset: &Dataset, settings: &PublisherSettings, now: Timestamp, today: &str) -> Result<ExportFile, OpenDataError> {
    let xml = iati::export(dataset, settings, now)?;
    Ok(ExportFile { bytes: xml.into_bytes(), name: format!("taawun-iati-{today}.xml"), mime: "application/xml" })
}
