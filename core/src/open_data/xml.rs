//! A small XML writer for the IATI export: indented elements, escaped text and attribute values,
//! and characters XML 1.0 cannot carry dropped rather than written.
//!
//! Element and attribute names are always literals of this crate; only values come from data.

/// An XML document being written, with the open elements on a stack.
pub(crate) struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

impl XmlWriter {
    /// A document with its XML declaration.
    pub fn new() -> XmlWriter {
        XmlWriter { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), open: Vec::new() }
    }

    fn start_tag(&mut self, name: &'static str, attributes: &[(&'static str, &str)]) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    /// Opens an element whose children follow.
    pub fn open(&mut self, name: &'static str, attributes: &[(&'static str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str(">\n");
        self.open.push(name);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            for _ in 0..self.open.len() {
                self.out.push_str("  ");
            }
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push_str(">\n");
        }
    }

    /// An element without content.
    pub fn empty(&mut self, name: &'static str, attributes: &[(&'static str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str("/>\n");
    }

    /// An element holding only text.
    pub fn text(&mut self, name: &'static str, attributes: &[(&'static str, &str)], text: &str) {
        self.start_tag(name, attributes);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// The document, with every element closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// Whether XML 1.0 can carry `c` at all (its `Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` escaped. In attribute values, tabs and line breaks are written as character
/// references, because a parser would otherwise turn them into spaces; in text only the carriage
/// return is, because a parser would otherwise turn it into a line feed.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars().filter(|c| is_xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_in_values_are_escaped() {
        let mut xml = XmlWriter::new();
        xml.open("a", &[("title", "\"Tom & Jerry\" <3")]);
        xml.text("b", &[], "x < y & y > z \"quoted\"");
        let out = xml.finish();
        assert!(out.contains(r#"<a title="&quot;Tom &amp; Jerry&quot; &lt;3">"#), "{out}");
        assert!(out.contains("<b>x &lt; y &amp; y &gt; z \"quoted\"</b>"), "{out}");
    }

    #[test]
    fn characters_xml_cannot_carry_are_dropped_and_line_breaks_survive() {
        let mut xml = XmlWriter::new();
        xml.text("b", &[("v", "1\n2")], "a\u{0}b\u{1b}c\u{FFFE}d\r\ne");
        let out = xml.finish();
        assert!(out.contains("<b v=\"1&#10;2\">abcd&#13;\ne</b>"), "{out}");
    }

    #[test]
    fn elements_nest_with_two_space_indentation_and_all_close() {
        let mut xml = XmlWriter::new();
        xml.open("a", &[]);
        xml.open("b", &[]);
        xml.empty("c", &[("k", "v")]);
        assert_eq!(xml.finish(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n  <b>\n    <c k=\"v\"/>\n  </b>\n</a>\n");
    }
}
