//! Turns the built-in reference data (`data/*.json`) into Rust tables, so that
//! `ReferenceData::builtin` builds it without a JSON reader: the app needs these tables at start,
//! and a JSON reader for them alone was a fifth of the start download's reading code.
//!
//! The JSON files stay the source (people edit them); an unknown field or value fails the build
//! with the file and entry named, and `reference::tests` checks the tables against a JSON reading
//! of the same files.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

/// One table: its file, the Rust constant, and its columns in tuple order.
struct Table {
    file: &'static str,
    constant: &'static str,
    columns: &'static [Column],
}

#[derive(Clone, Copy)]
enum Column {
    Text(&'static str),
    OptionalText(&'static str),
    Number(&'static str),
    Flag(&'static str),
    /// A snake_case value written as a variant of the named enum.
    Variant(&'static str, &'static str, &'static [&'static str]),
}

impl Column {
    fn key(self) -> &'static str {
        match self {
            Column::Text(key) | Column::OptionalText(key) | Column::Number(key) | Column::Flag(key) | Column::Variant(key, _, _) => key,
        }
    }
}

const TABLES: &[Table] = &[
    Table {
        file: "communes.json",
        constant: "COMMUNES",
        columns: &[
            Column::Text("code"),
            Column::Text("name_fr"),
            Column::Text("name_ar"),
            Column::Variant("kind", "CommuneKind", &["urban_commune", "arrondissement", "rural_commune"]),
            Column::OptionalText("parent"),
            Column::Flag("retired"),
        ],
    },
    Table {
        file: "sectors.json",
        constant: "SECTORS",
        columns: &[Column::Text("code"), Column::Text("name_fr"), Column::Text("name_ar"), Column::OptionalText("parent"), Column::Flag("retired")],
    },
    Table {
        file: "programmes.json",
        constant: "PROGRAMMES",
        columns: &[Column::Text("code"), Column::Number("number"), Column::Text("name_fr"), Column::Text("name_ar"), Column::Flag("retired")],
    },
    Table {
        file: "axes.json",
        constant: "AXES",
        columns: &[Column::Text("code"), Column::Text("programme"), Column::Text("name_fr"), Column::Text("name_ar"), Column::Flag("retired")],
    },
    Table {
        file: "funders.json",
        constant: "FUNDERS",
        columns: &[
            Column::Text("code"),
            Column::Text("name_fr"),
            Column::Text("name_ar"),
            Column::Variant("role", "FunderRole", &["indh", "own_contribution", "partner"]),
            Column::Flag("retired"),
        ],
    },
    Table {
        file: "courts.json",
        constant: "COURTS",
        columns: &[Column::Text("code"), Column::Text("name_fr"), Column::Text("name_ar"), Column::Flag("retired")],
    },
];

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    println!("cargo::rerun-if-changed=data");
    let mut out = String::from("// Written by build.rs from data/*.json: edit those files, not this one.\n");
    for table in TABLES {
        let path = data.join(table.file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let entries: Vec<Map<String, Value>> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not a list of objects: {e}", table.file));
        let types: Vec<&str> = table.columns.iter().map(|column| rust_type(*column)).collect();
        writeln!(out, "pub(super) const {}: &[({})] = &[", table.constant, types.join(", ")).unwrap();
        for (index, entry) in entries.iter().enumerate() {
            let at = |key: &str| format!("{}[{index}].{key}", table.file);
            if let Some(unknown) = entry.keys().find(|key| !table.columns.iter().any(|c| c.key() == key.as_str())) {
                panic!("{}: unknown field", at(unknown));
            }
            let cells: Vec<String> = table.columns.iter().map(|column| cell(*column, entry.get(column.key()), &at(column.key()))).collect();
            writeln!(out, "    ({}),", cells.join(", ")).unwrap();
        }
        out.push_str("];\n");
    }
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_reference.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}

fn rust_type(column: Column) -> &'static str {
    match column {
        Column::Text(_) => "&str",
        Column::OptionalText(_) => "Option<&str>",
        Column::Number(_) => "u8",
        Column::Flag(_) => "bool",
        Column::Variant(_, name, _) => name,
    }
}

/// The Rust expression for one value; panics (failing the build) naming `at` when it is not
/// what the column holds. Missing optional texts and flags take serde's defaults.
fn cell(column: Column, value: Option<&Value>, at: &str) -> String {
    match (column, value) {
        (Column::Text(_), Some(Value::String(text))) => format!("{text:?}"),
        (Column::OptionalText(_), None | Some(Value::Null)) => "None".to_owned(),
        (Column::OptionalText(_), Some(Value::String(text))) => format!("Some({text:?})"),
        (Column::Number(_), Some(Value::Number(n))) if n.as_u64().is_some_and(|n| n <= 255) => n.to_string(),
        (Column::Flag(_), None) => "false".to_owned(),
        (Column::Flag(_), Some(Value::Bool(flag))) => flag.to_string(),
        (Column::Variant(_, name, values), Some(Value::String(text))) if values.contains(&text.as_str()) => {
            let variant: String = text.split('_').map(|word| word[..1].to_uppercase() + &word[1..]).collect();
            format!("{name}::{variant}")
        }
        (_, None) => panic!("{at}: missing"),
        (_, Some(other)) => panic!("{at}: {other} is not what this field holds"),
    }
}
