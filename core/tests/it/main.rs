//! The integration tests of taawun-core: one binary, one module per area of the domain (the
//! values; the document format and its reliability cases r07, r16–r18; the round-trip and
//! statistics properties r23, r25; the fast and the full reading of a document, compared; the
//! dashboard's tally kept by difference; the JSON Schema; the history of records; the merge
//! between devices; the 360Giving and IATI open-data exports against their standards).

mod document;
mod history;
mod merge;
mod open_data;
// Shared with the browser tests, which include the same file.
#[path = "../support/open_data_checks.rs"]
mod open_data_checks;
mod outline;
mod properties;
mod readings;
mod sample;
mod schema;
mod tally;
mod values;
