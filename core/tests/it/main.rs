//! The integration tests of taawun-core, in one binary: the document format and its reliability
//! cases (r07, r16–r18), the round-trip and statistics properties (r23, r25), and the JSON Schema.

mod document;
mod properties;
mod sample;
mod schema;
