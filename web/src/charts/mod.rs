//! Charts drawn by the app as SVG — bars, a ring for shares, columns for a timeline, a progress
//! bar — each with a title, labels in the page's language and direction, and a table that holds
//! the same numbers.
//!
//! Charts receive text already written in the user's language (by core) and the magnitudes to
//! draw (centimes, counts); the geometry is in [`geometry`], as pure functions, and the drawing is
//! a [`tree`] of elements, so both can be checked without a screen. Every text is a text node
//! (names typed by people included), never markup. Colours come in a few tones of very different
//! lightness, each with its own pattern, so that grey printing and colour-blind viewing keep them
//! apart; every part is also named by a label, never by its colour alone.

pub mod geometry;
pub mod tree;

use geometry::{Frame, Tenths, attr};
use tree::Markup;

/// Width of every chart's drawing, in tenths of a unit.
const WIDTH: Tenths = 3600;
/// The dark tone: solid, for the main measure.
const DARK: &str = "#0b3c5d";
/// The outline of light parts, so they keep an edge in grey.
const EDGE: &str = "#3d2a00";

/// How a part of a chart is painted: a tone and, for lighter tones, a pattern over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Dark blue, solid.
    Dark,
    /// Orange with dark diagonal hatching.
    Hatched,
    /// Light blue with dots.
    Dotted,
}

impl Tone {
    /// The tone of the `index`-th part of a chart.
    pub fn nth(index: usize) -> Tone {
        [Tone::Dark, Tone::Hatched, Tone::Dotted][index % 3]
    }

    /// The paint of this tone in the chart `id` (patterns are defined once per chart).
    fn paint(self, id: &str) -> String {
        match self {
            Tone::Dark => DARK.to_owned(),
            Tone::Hatched => format!("url(#{id}-hatch)"),
            Tone::Dotted => format!("url(#{id}-dots)"),
        }
    }
}

/// The patterns of the chart `id`: hatching over orange, dots over light blue.
fn patterns(m: &mut Markup, id: &str) {
    m.svg("defs");
    m.svg("pattern").attr_string("id", format!("{id}-hatch")).attr("width", "6").attr("height", "6");
    m.attr("patternUnits", "userSpaceOnUse").attr("patternTransform", "rotate(45)");
    m.svg("rect").attr("width", "6").attr("height", "6").attr("fill", "#e69f00").close();
    m.svg("rect").attr("width", "2").attr("height", "6").attr("fill", EDGE).close();
    m.close();
    m.svg("pattern").attr_string("id", format!("{id}-dots")).attr("width", "6").attr("height", "6").attr("patternUnits", "userSpaceOnUse");
    m.svg("rect").attr("width", "6").attr("height", "6").attr("fill", "#9fd3f2").close();
    m.svg("circle").attr("cx", "3").attr("cy", "3").attr("r", "1.4").attr("fill", DARK).close();
    m.close();
    m.close();
}

/// Opens the `<svg>` element of a chart: its box, reading direction, role (`group` when it holds
/// links, `img` otherwise) and accessible name.
fn canvas(m: &mut Markup, id: &str, class: &'static str, role: &'static str, title: &str, height: Tenths, rtl: bool) {
    m.svg("svg").attr("class", class).attr_string("id", format!("{id}-svg"));
    m.attr_string("viewBox", format!("0 0 {} {}", attr(WIDTH), attr(height)));
    m.attr("direction", if rtl { "rtl" } else { "ltr" }).attr("role", role).attr_string("aria-label", title.to_owned());
}

/// Opens a `<rect>` (to be closed by the caller, after its paint).
#[inline(never)]
fn rect<'a>(m: &'a mut Markup, class: &'static str, x: Tenths, y: Tenths, width: Tenths, height: Tenths) -> &'a mut Markup {
    m.svg("rect").attr("class", class).attr_string("x", attr(x)).attr_string("y", attr(y));
    m.attr_string("width", attr(width)).attr_string("height", attr(height))
}

/// Writes a `<text>` anchored at (`x`, `y`).
#[inline(never)]
fn label(m: &mut Markup, class: &'static str, x: Tenths, y: Tenths, anchor: &'static str, content: &str) {
    m.svg("text").attr("class", class).attr_string("x", attr(x)).attr_string("y", attr(y)).attr("text-anchor", anchor);
    m.text_string(content.to_owned()).close();
}

/// Opens a link inside a drawing, with its tooltip first (to be closed by the caller).
#[inline(never)]
fn link(m: &mut Markup, class: &'static str, href: &str, key: &str, tooltip: &str) {
    m.svg("a").attr("class", class).attr_string("href", href.to_owned()).attr_string("data-key", key.to_owned());
    m.svg("title").text_string(tooltip.to_owned()).close();
}

/// One bar: what it shows and where tapping it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Its label.
    pub label: String,
    /// The magnitude drawn (centimes or a count).
    pub magnitude: u64,
    /// The value written at its end.
    pub value: String,
    /// The tooltip: label and values in full.
    pub tooltip: String,
    /// The drill-down it opens.
    pub href: String,
    /// A stable key for tests and styles (a code, a year).
    pub key: String,
}

/// Height of one row of a bar chart (label over bar), in tenths.
const ROW: Tenths = 520;
/// Room kept after the longest bar for its value.
const VALUE_ROOM: Tenths = 1300;

/// Horizontal bars, one row per item: the label on its own line, the bar under it growing from
/// the reading side, the value after its end. Each row is a link to the records behind it.
pub fn bar_chart(m: &mut Markup, id: &str, title: &str, rtl: bool, bars: &[Bar]) {
    let frame = Frame { width: WIDTH, rtl };
    let lengths = geometry::scale(&bars.iter().map(|b| b.magnitude).collect::<Vec<_>>(), WIDTH - VALUE_ROOM);
    canvas(m, id, "chart-svg bars", "group", title, ROW * bars.len() as Tenths + 40, rtl);
    for (index, (bar, length)) in bars.iter().zip(lengths).enumerate() {
        let top = 40 + ROW * index as Tenths;
        link(m, "bar-link", &bar.href, &bar.key, &bar.tooltip);
        rect(m, "hit", 0, top, WIDTH, ROW).attr("fill", "transparent").close();
        label(m, "bar-label", frame.point(20), top + 160, "start", &bar.label);
        rect(m, "bar", frame.x(0, length), top + 230, length, 200).attr("fill", DARK).close();
        label(m, "bar-value", frame.point(length + 60), top + 375, "start", &bar.value);
        m.close();
    }
    m.close();
}

/// One part of a ring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// Its label.
    pub label: String,
    /// The count it stands for.
    pub magnitude: u64,
    /// The value and share written in the legend (`33 · 38,8 %`).
    pub value: String,
    /// The tooltip.
    pub tooltip: String,
    /// The drill-down it opens.
    pub href: String,
    /// A stable key.
    pub key: String,
}

/// Path length of the ring's circle: arcs are measured in thousandths of the whole.
const RING_LENGTH: u32 = 1000;

/// A ring of shares with its legend beside it (the legend on the reading side). The ring starts at
/// the top and turns clockwise, or anticlockwise when read right to left.
pub fn ring_chart(m: &mut Markup, id: &str, title: &str, rtl: bool, center: &str, slices: &[Slice]) {
    let frame = Frame { width: WIDTH, rtl };
    let arcs = geometry::ring(&slices.iter().map(|s| s.magnitude).collect::<Vec<_>>(), RING_LENGTH);
    // The ring sits at the end of the reading line, the legend at its start.
    let (cx, cy) = (frame.point(WIDTH - 900), 900);
    // Start at the top (a quarter turn back), then, read right to left, mirror about the
    // vertical through the centre so the arcs follow each other anticlockwise.
    let start_at_top = format!("rotate(-90 {} {})", attr(cx), attr(cy));
    let turn = if rtl { format!("translate({} 0) scale(-1 1) {start_at_top}", attr(2 * cx)) } else { start_at_top };
    let circle = |m: &mut Markup, class: &'static str, stroke: String| {
        m.svg("circle").attr("class", class).attr_string("cx", attr(cx)).attr_string("cy", attr(cy)).attr("r", "62");
        m.attr("fill", "none").attr("stroke-width", "30").attr_string("stroke", stroke);
    };
    canvas(m, id, "chart-svg ring", "group", title, 1800.max(200 + 480 * slices.len() as Tenths), rtl);
    patterns(m, id);
    circle(m, "track", "#e8e8e3".to_owned());
    m.close();
    for (index, (slice, arc)) in slices.iter().zip(arcs).enumerate() {
        let paint = Tone::nth(index).paint(id);
        let top = 200 + 480 * index as Tenths;
        link(m, "ring-link", &slice.href, &slice.key, &slice.tooltip);
        circle(m, "arc", paint.clone());
        m.attr_string("pathLength", RING_LENGTH.to_string());
        m.attr_string("stroke-dasharray", format!("{} {}", arc.length, RING_LENGTH - arc.length));
        m.attr_string("stroke-dashoffset", format!("-{}", arc.offset)).attr_string("transform", turn.clone()).close();
        rect(m, "hit", frame.x(0, 2100), top - 40, 2100, 440).attr("fill", "transparent").close();
        rect(m, "key", frame.x(0, 180), top, 180, 180).attr_string("fill", paint).attr("stroke", "#1a1a1a").attr("stroke-width", "0.6").close();
        label(m, "ring-label", frame.point(260), top + 150, "start", &slice.label);
        label(m, "ring-value", frame.point(260), top + 330, "start", &slice.value);
        m.close();
    }
    label(m, "ring-center", cx, cy + 70, "middle", center);
    m.close();
}

/// One column of a timeline: a whole and the part of it the darker tone shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its label under it (a year).
    pub label: String,
    /// The whole (centimes).
    pub whole: u64,
    /// The part of the whole shown dark at its foot (centimes).
    pub part: u64,
    /// The whole written over the column (its number only: the chart writes the unit once).
    pub value: String,
    /// The tooltip.
    pub tooltip: String,
    /// The drill-down it opens.
    pub href: String,
    /// A stable key.
    pub key: String,
}

/// Height of the columns' area.
const COLUMNS_HEIGHT: Tenths = 1500;
/// Where the columns stand.
const BASELINE: Tenths = 2000;

/// Columns in reading order (oldest first, so from the right when read right to left), each a
/// whole with its part dark at the foot; `legend` names the part and the rest; `unit` is the unit
/// of the values, written once in a corner, the values over the columns only with a unit and
/// room for them.
pub fn column_chart(m: &mut Markup, id: &str, title: &str, rtl: bool, columns: &[Column], legend: (&str, &str), unit: Option<&str>) {
    let frame = Frame { width: WIDTH, rtl };
    let count = columns.len() as u32;
    let gap = if count > 12 { 40 } else { 120 };
    let slots = geometry::slots(count, WIDTH, gap);
    let column_width = slots.first().map_or(0, |s| s.1);
    // Parts are scaled like the wholes, against the largest whole (the last value).
    let max = columns.iter().map(|c| c.whole).max().unwrap_or(0);
    let mut magnitudes: Vec<u64> = columns.iter().map(|c| c.whole).collect();
    magnitudes.extend(columns.iter().map(|c| c.part.min(c.whole)));
    magnitudes.push(max);
    let lengths = geometry::scale(&magnitudes, COLUMNS_HEIGHT);
    let unit = unit.filter(|_| column_width >= 300);
    let every = geometry::label_every(column_width, gap, 420) as usize;
    let hatch = Tone::Hatched.paint(id);
    let legend_y = BASELINE + 420;
    canvas(m, id, "chart-svg columns", "group", title, legend_y + 460, rtl);
    patterns(m, id);
    m.svg("line").attr("x1", "0").attr_string("x2", attr(WIDTH)).attr_string("y1", attr(BASELINE)).attr_string("y2", attr(BASELINE));
    m.attr("stroke", "#1a1a1a").attr("stroke-width", "1").close();
    if let Some(unit) = unit {
        label(m, "column-unit", frame.point(0), 140, "start", unit);
    }
    for (index, (column, (start, width))) in columns.iter().zip(slots).enumerate() {
        let height = lengths[index];
        let part = lengths[columns.len() + index].min(height);
        let x = frame.x(start, width);
        let middle = x + width / 2;
        link(m, "column-link", &column.href, &column.key, &column.tooltip);
        rect(m, "hit", x, 0, width, BASELINE + 300).attr("fill", "transparent").close();
        rect(m, "column-rest", x, BASELINE - height, width, height - part)
            .attr_string("fill", hatch.clone())
            .attr("stroke", EDGE)
            .attr("stroke-width", "0.5")
            .close();
        rect(m, "column-part", x, BASELINE - part, width, part).attr("fill", DARK).close();
        if unit.is_some() {
            label(m, "column-value", middle, (BASELINE - height).saturating_sub(60), "middle", &column.value);
        }
        if index % every == 0 {
            label(m, "column-label", middle, BASELINE + 200, "middle", &column.label);
        }
        m.close();
    }
    m.svg("g").attr("class", "legend");
    rect(m, "key", frame.x(0, 160), legend_y, 160, 160).attr("fill", DARK).close();
    label(m, "legend-label", frame.point(220), legend_y + 140, "start", legend.0);
    rect(m, "key", frame.x(0, 160), legend_y + 240, 160, 160).attr_string("fill", hatch).attr("stroke", EDGE).attr("stroke-width", "0.5").close();
    label(m, "legend-label", frame.point(220), legend_y + 380, "start", legend.1);
    m.close().close();
}

/// A bar showing how much of a whole is done (disbursed of committed), from the reading side.
pub fn progress_bar(m: &mut Markup, id: &str, title: &str, rtl: bool, done: u64, whole: u64) {
    let frame = Frame { width: WIDTH, rtl };
    let done_length = geometry::scale(&[done.min(whole), whole], WIDTH).first().copied().unwrap_or(0);
    canvas(m, id, "chart-svg progress", "img", title, 160, rtl);
    patterns(m, id);
    rect(m, "progress-whole", 0, 20, WIDTH, 120).attr_string("fill", Tone::Hatched.paint(id)).attr("stroke", EDGE).attr("stroke-width", "0.5").close();
    rect(m, "progress-done", frame.x(0, done_length), 20, done_length, 120).attr("fill", DARK).close();
    m.close();
}

/// The table that says what a chart draws: a caption, a header row, then one row per item, its
/// first cell a row header.
pub fn data_table(m: &mut Markup, id: String, caption: &str, headers: &[String], rows: &[(String, Vec<String>)]) {
    m.open("div").attr("class", "table-scroll").open("table").attr("class", "data-table").attr_string("id", id);
    m.leaf("caption", caption.to_owned()).open("thead").open("tr");
    for header in headers {
        m.open("th").attr("scope", "col").text_string(header.clone()).close();
    }
    m.close().close().open("tbody");
    for (first, cells) in rows {
        m.open("tr").open("th").attr("scope", "row").leaf("bdi", first.clone()).close();
        for cell in cells {
            m.leaf("td", cell.clone());
        }
        m.close();
    }
    m.close().close().close();
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn bar(label: &str, magnitude: u64) -> Bar {
        Bar { label: label.into(), magnitude, value: magnitude.to_string(), tooltip: format!("{label}: {magnitude}"), href: "#/".into(), key: label.into() }
    }

    fn drawn(m: &Markup) -> web_sys::Element {
        m.build(&web_sys::window().unwrap().document().unwrap()).unwrap()
    }

    fn attrs(root: &web_sys::Element, css: &str, name: &str) -> Vec<String> {
        let found = root.query_selector_all(css).unwrap();
        (0..found.length())
            .filter_map(|i| found.item(i))
            .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            .filter_map(|e| e.get_attribute(name))
            .collect()
    }

    #[wasm_bindgen_test]
    fn each_bar_is_a_link_with_its_label_value_and_tooltip_as_text() {
        let mut m = Markup::new();
        bar_chart(&mut m, "c", "Titre", false, &[bar("<b>x</b>", 10), bar("y", 5)]);
        let root = drawn(&m);
        let links = root.query_selector_all("a.bar-link").unwrap();
        assert_eq!(links.length(), 2);
        assert_eq!(links.item(0).unwrap().text_content().as_deref(), Some("<b>x</b>: 10<b>x</b>10"));
        assert_eq!(root.query_selector_all("b").unwrap().length(), 0);
        assert_eq!(attrs(&root, "rect.bar", "width"), ["230.0", "115.0"]);
    }

    #[wasm_bindgen_test]
    fn bars_grow_from_the_right_when_read_right_to_left() {
        let mut m = Markup::new();
        bar_chart(&mut m, "c", "عنوان", true, &[bar("أ", 10), bar("ب", 5)]);
        let root = drawn(&m);
        assert_eq!(attrs(&root, "rect.bar", "x"), ["130.0", "245.0"], "each bar ends at the right edge (360)");
        assert_eq!(attrs(&root, "svg", "direction"), ["rtl"]);
    }

    #[wasm_bindgen_test]
    fn a_ring_has_one_arc_per_slice_closing_the_circle() {
        let slice = |label: &str, magnitude| Slice {
            label: label.into(),
            magnitude,
            value: String::new(),
            tooltip: String::new(),
            href: "#/".into(),
            key: label.into(),
        };
        let mut m = Markup::new();
        ring_chart(&mut m, "r", "Milieu", false, "85", &[slice("rural", 33), slice("urbain", 52)]);
        let root = drawn(&m);
        assert_eq!(attrs(&root, "circle.arc", "stroke-dasharray"), ["388 612", "612 388"]);
        assert_eq!(attrs(&root, "circle.arc", "stroke"), [DARK, "url(#r-hatch)"], "neighbouring parts differ by tone and pattern, not colour alone");
    }

    #[wasm_bindgen_test]
    fn a_table_holds_a_row_header_and_the_cells_of_each_item() {
        let mut m = Markup::new();
        data_table(&mut m, "t".into(), "Légende", &["Milieu".into(), "Coopératives".into()], &[("rural".into(), vec!["33".into()])]);
        let root = drawn(&m);
        assert_eq!(root.query_selector("#t tbody th[scope=row]").unwrap().unwrap().text_content().as_deref(), Some("rural"));
        assert_eq!(root.query_selector("#t tbody td").unwrap().unwrap().text_content().as_deref(), Some("33"));
        assert_eq!(root.query_selector("#t caption").unwrap().unwrap().text_content().as_deref(), Some("Légende"));
    }
}
