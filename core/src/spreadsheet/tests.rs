//! Unit tests of the spreadsheet module: export, readers, import preview and apply.
