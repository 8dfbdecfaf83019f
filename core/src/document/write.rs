//! The deterministic layout of an exported document: one record per line, so files stay small,
//! diff well line by line, and the same data always gives the same bytes.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// One container being written.
#[derive(Clone, Copy)]
struct Open {
    /// Laid out one entry per line.
    pretty: bool,
    /// At least one entry was written.
    has_entries: bool,
}

/// Writes JSON with the outer levels indented and everything deeper on one line.
///
/// The root object, the lists and objects directly inside it, and the lists inside those get one
/// entry per line, indented by two spaces; a record, and anything deeper, is written compactly on
/// its own line.
#[derive(Default)]
struct LineFormatter {
    open: Vec<Open>,
}

impl LineFormatter {
    fn newline<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"\n")?;
        for _ in 0..self.open.len() {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    fn innermost_is_pretty(&self) -> bool {
        self.open.last().is_some_and(|open| open.pretty)
    }

    fn begin<W: ?Sized + Write>(&mut self, writer: &mut W, is_array: bool) -> io::Result<()> {
        let depth = self.open.len();
        let pretty = self.open.iter().all(|open| open.pretty) && (depth < 2 || (depth == 2 && is_array));
        self.open.push(Open { pretty, has_entries: false });
        writer.write_all(if is_array { b"[" } else { b"{" })
    }

    fn end<W: ?Sized + Write>(&mut self, writer: &mut W, is_array: bool) -> io::Result<()> {
        let open = self.open.pop().unwrap_or(Open { pretty: false, has_entries: false });
        if open.pretty && open.has_entries {
            self.newline(writer)?;
        }
        writer.write_all(if is_array { b"]" } else { b"}" })
    }

    fn entry<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if let Some(open) = self.open.last_mut() {
            open.has_entries = true;
        }
        if !first {
            writer.write_all(b",")?;
        }
        if self.innermost_is_pretty() { self.newline(writer) } else { Ok(()) }
    }
}

impl Formatter for LineFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, true)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, true)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.entry(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, false)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, false)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.entry(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(if self.innermost_is_pretty() { b": " } else { b":" })
    }
}

/// Serialises `value` in the document layout, ending with a newline.
pub(crate) fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, LineFormatter::default());
    // Writing into a Vec cannot fail, and every type of the document serialises without error
    // (no map has non-string keys), so an error here would be a bug in this crate.
    if value.serialize(&mut serializer).is_ok() {
        bytes.push(b'\n');
    }
    bytes
}

/// Serialises `value` compactly on one line (as a record is written inside a document), with
/// the very serializer type export uses, so that storing records instantiates no second copy of
/// every `Serialize` implementation (which would weigh on the WebAssembly download).
pub(crate) fn to_line<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Two levels already open and not laid out: everything written is compact.
    let formatter = LineFormatter { open: vec![Open { pretty: false, has_entries: false }; 2] };
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    // As in `to_bytes`: writing into a Vec cannot fail for the document's types.
    let _ = value.serialize(&mut serializer);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_line_is_the_compact_form_serde_json_writes() {
        let value = json!({"a": [1, {"b": "c"}], "d": {"e": null}});
        assert_eq!(String::from_utf8(to_line(&value)).unwrap(), serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn records_are_written_one_per_line_under_an_indented_root() {
        let value = json!({"schema_version": 2, "items": [{"a": [1, 2], "b": {"c": "d"}}, {"a": []}], "empty": [], "o": {"l": [{"x": 1}], "n": 3}});
        let text = String::from_utf8(to_bytes(&value)).unwrap();
        let expected = "{\n  \"empty\": [],\n  \"items\": [\n    {\"a\":[1,2],\"b\":{\"c\":\"d\"}},\n    {\"a\":[]}\n  ],\n  \"o\": {\n    \"l\": [\n      {\"x\":1}\n    ],\n    \"n\": 3\n  },\n  \"schema_version\": 2\n}\n";
        assert_eq!(text, expected);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
