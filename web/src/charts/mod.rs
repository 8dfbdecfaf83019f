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
use tree::{Element, html, svg};

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
fn patterns(id: &str) -> Element {
    let rect = |width: &str, fill: &str| svg("rect").attr("width", width).attr("height", "6").attr("fill", fill);
    svg("defs")
        .child(
            svg("pattern")
                .attr("id", format!("{id}-hatch"))
                .attr("width", "6")
                .attr("height", "6")
                .attr("patternUnits", "userSpaceOnUse")
                .attr("patternTransform", "rotate(45)")
                .child(rect("6", "#e69f00"))
                .child(rect("2", EDGE)),
        )
        .child(
            svg("pattern")
                .attr("id", format!("{id}-dots"))
                .attr("width", "6")
                .attr("height", "6")
                .attr("patternUnits", "userSpaceOnUse")
                .child(rect("6", "#9fd3f2"))
                .child(svg("circle").attr("cx", "3").attr("cy", "3").attr("r", "1.4").attr("fill", DARK)),
        )
}

/// The `<svg>` element of a chart: its box, reading direction, role (`group` when it holds
/// links, `img` otherwise) and accessible name.
fn canvas(id: &str, class: &str, role: &str, title: &str, height: Tenths, rtl: bool) -> Element {
    svg("svg")
        .attr("class", format!("chart-svg {class}"))
        .attr("id", format!("{id}-svg"))
        .attr("viewBox", format!("0 0 {} {}", attr(WIDTH), attr(height)))
        .attr("direction", if rtl { "rtl" } else { "ltr" })
        .attr("role", role)
        .attr("aria-label", title)
}

fn rect(x: Tenths, y: Tenths, width: Tenths, height: Tenths) -> Element {
    svg("rect").attr("x", attr(x)).attr("y", attr(y)).attr("width", attr(width)).attr("height", attr(height))
}

fn text(class: &str, x: Tenths, y: Tenths, anchor: &str, content: &str) -> Element {
    svg("text").attr("class", class).attr("x", attr(x)).attr("y", attr(y)).attr("text-anchor", anchor).child(content)
}

/// A link inside a drawing, with its tooltip first.
fn link(class: &str, href: &str, key: &str, tooltip: &str) -> Element {
    svg("a").attr("class", class).attr("href", href).attr("data-key", key).child(svg("title").child(tooltip))
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
pub fn bar_chart(id: &str, title: &str, rtl: bool, bars: &[Bar]) -> Element {
    let frame = Frame { width: WIDTH, rtl };
    let lengths = geometry::scale(&bars.iter().map(|b| b.magnitude).collect::<Vec<_>>(), WIDTH - VALUE_ROOM);
    let height = ROW * bars.len() as Tenths + 40;
    let rows = bars.iter().zip(lengths).enumerate().map(|(index, (bar, length))| {
        let top = 40 + ROW * index as Tenths;
        link("bar-link", &bar.href, &bar.key, &bar.tooltip)
            .child(rect(0, top, WIDTH, ROW).attr("class", "hit").attr("fill", "transparent"))
            .child(text("bar-label", frame.point(20), top + 160, "start", &bar.label))
            .child(rect(frame.x(0, length), top + 230, length, 200).attr("class", "bar").attr("fill", DARK))
            .child(text("bar-value", frame.point(length + 60), top + 375, "start", &bar.value))
    });
    canvas(id, "bars", "group", title, height, rtl).children(rows)
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
pub fn ring_chart(id: &str, title: &str, rtl: bool, center: &str, slices: &[Slice]) -> Element {
    let frame = Frame { width: WIDTH, rtl };
    let arcs = geometry::ring(&slices.iter().map(|s| s.magnitude).collect::<Vec<_>>(), RING_LENGTH);
    // The ring sits at the end of the reading line, the legend at its start.
    let (cx, cy) = (frame.point(WIDTH - 900), 900);
    // Start at the top (a quarter turn back), then, read right to left, mirror about the
    // vertical through the centre so the arcs follow each other anticlockwise.
    let start_at_top = format!("rotate(-90 {} {})", attr(cx), attr(cy));
    let turn = if rtl { format!("translate({} 0) scale(-1 1) {start_at_top}", attr(2 * cx)) } else { start_at_top };
    let height = 1800.max(200 + 480 * slices.len() as Tenths);
    let circle = || svg("circle").attr("cx", attr(cx)).attr("cy", attr(cy)).attr("r", "62").attr("fill", "none").attr("stroke-width", "30");
    let pieces = slices.iter().zip(arcs).enumerate().map(|(index, (slice, arc))| {
        let paint = Tone::nth(index).paint(id);
        let top = 200 + 480 * index as Tenths;
        link("ring-link", &slice.href, &slice.key, &slice.tooltip)
            .child(
                circle()
                    .attr("class", "arc")
                    .attr("stroke", paint.clone())
                    .attr("pathLength", RING_LENGTH.to_string())
                    .attr("stroke-dasharray", format!("{} {}", arc.length, RING_LENGTH - arc.length))
                    .attr("stroke-dashoffset", format!("-{}", arc.offset))
                    .attr("transform", turn.clone()),
            )
            .child(rect(frame.x(0, 2100), top - 40, 2100, 440).attr("class", "hit").attr("fill", "transparent"))
            .child(rect(frame.x(0, 180), top, 180, 180).attr("class", "key").attr("fill", paint).attr("stroke", "#1a1a1a").attr("stroke-width", "0.6"))
            .child(text("ring-label", frame.point(260), top + 150, "start", &slice.label))
            .child(text("ring-value", frame.point(260), top + 330, "start", &slice.value))
    });
    canvas(id, "ring", "group", title, height, rtl)
        .child(patterns(id))
        .child(circle().attr("stroke", "#e8e8e3"))
        .children(pieces)
        .child(text("ring-center", cx, cy + 70, "middle", center))
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
    pub value: Option<String>,
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
/// whole with its part dark at the foot, the whole written over it when there is room; `legend`
/// names the part and the rest, `unit` is the unit of the values, written once in a corner.
pub fn column_chart(id: &str, title: &str, rtl: bool, columns: &[Column], legend: (&str, &str), unit: Option<&str>) -> Element {
    let frame = Frame { width: WIDTH, rtl };
    let count = columns.len() as u32;
    let gap = if count > 12 { 40 } else { 120 };
    let slots = geometry::slots(count, WIDTH, gap);
    let column_width = slots.first().map_or(0, |s| s.1);
    let heights = geometry::scale(&columns.iter().map(|c| c.whole).collect::<Vec<_>>(), COLUMNS_HEIGHT);
    // Parts are scaled like the wholes, against the largest whole.
    let max = columns.iter().map(|c| c.whole).max().unwrap_or(0);
    let parts = geometry::scale(&columns.iter().map(|c| c.part.min(c.whole)).chain([max]).collect::<Vec<_>>(), COLUMNS_HEIGHT);
    // Values are written over the columns only when they fit.
    let show_values = column_width >= 300 && unit.is_some();
    let every = geometry::label_every(column_width, gap, 420) as usize;
    let hatch = Tone::Hatched.paint(id);
    let drawn = columns.iter().zip(slots).zip(heights.into_iter().zip(parts)).enumerate().map(|(index, ((column, (start, width)), (height, part)))| {
        let part = part.min(height);
        let x = frame.x(start, width);
        let middle = x + width / 2;
        let mut group = link("column-link", &column.href, &column.key, &column.tooltip)
            .child(rect(x, 0, width, BASELINE + 300).attr("class", "hit").attr("fill", "transparent"))
            .child(rect(x, BASELINE - height, width, height - part).attr("class", "column-rest").attr("fill", hatch.clone()).attr("stroke", EDGE).attr("stroke-width", "0.5"))
            .child(rect(x, BASELINE - part, width, part).attr("class", "column-part").attr("fill", DARK));
        if let Some(value) = column.value.as_deref().filter(|_| show_values) {
            group = group.child(text("column-value", middle, (BASELINE - height).saturating_sub(60), "middle", value));
        }
        if index % every == 0 {
            group = group.child(text("column-label", middle, BASELINE + 200, "middle", &column.label));
        }
        group
    });
    let legend_y = BASELINE + 420;
    let mut chart = canvas(id, "columns", "group", title, legend_y + 460, rtl)
        .child(patterns(id))
        .child(svg("line").attr("x1", "0").attr("x2", attr(WIDTH)).attr("y1", attr(BASELINE)).attr("y2", attr(BASELINE)).attr("stroke", "#1a1a1a").attr("stroke-width", "1"));
    if let Some(unit) = unit.filter(|_| show_values) {
        chart = chart.child(text("column-unit", frame.point(0), 140, "start", unit));
    }
    chart.children(drawn).child(
        svg("g")
            .attr("class", "legend")
            .child(rect(frame.x(0, 160), legend_y, 160, 160).attr("fill", DARK))
            .child(text("legend-label", frame.point(220), legend_y + 140, "start", legend.0))
            .child(rect(frame.x(0, 160), legend_y + 240, 160, 160).attr("fill", hatch).attr("stroke", EDGE).attr("stroke-width", "0.5"))
            .child(text("legend-label", frame.point(220), legend_y + 380, "start", legend.1)),
    )
}

/// A bar showing how much of a whole is done (disbursed of committed), from the reading side.
pub fn progress_bar(id: &str, title: &str, rtl: bool, done: u64, whole: u64) -> Element {
    let frame = Frame { width: WIDTH, rtl };
    let done_length = geometry::scale(&[done.min(whole), whole], WIDTH).first().copied().unwrap_or(0);
    canvas(id, "progress", "img", title, 160, rtl)
        .child(patterns(id))
        .child(rect(0, 20, WIDTH, 120).attr("fill", Tone::Hatched.paint(id)).attr("stroke", EDGE).attr("stroke-width", "0.5"))
        .child(rect(frame.x(0, done_length), 20, done_length, 120).attr("class", "progress-done").attr("fill", DARK))
}

/// The table that says what a chart draws: a caption, a header row, then one row per item, its
/// first cell a row header.
pub fn data_table(id: &str, caption: &str, headers: &[String], rows: &[(String, Vec<String>)]) -> Element {
    let head = html("tr").children(headers.iter().map(|h| html("th").attr("scope", "col").child(h.as_str())));
    let body = rows.iter().map(|(first, cells)| {
        html("tr")
            .child(html("th").attr("scope", "row").child(html("bdi").child(first.as_str())))
            .children(cells.iter().map(|c| html("td").child(c.as_str())))
    });
    html("div").attr("class", "table-scroll").child(
        html("table")
            .attr("class", "data-table")
            .attr("id", id)
            .child(html("caption").child(caption))
            .child(html("thead").child(head))
            .child(html("tbody").children(body)),
    )
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn bar(label: &str, magnitude: u64) -> Bar {
        Bar { label: label.into(), magnitude, value: magnitude.to_string(), tooltip: format!("{label}: {magnitude}"), href: "#/".into(), key: label.into() }
    }

    #[wasm_bindgen_test]
    fn each_bar_is_a_link_with_its_label_value_and_tooltip_as_text() {
        let chart = bar_chart("c", "Titre", false, &[bar("<b>x</b>", 10), bar("y", 5)]);
        let links: Vec<&Element> = chart.descendants().into_iter().filter(|e| e.tag == "a").collect();
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].text_content(), "<b>x</b>: 10<b>x</b>10");
        assert!(chart.descendants().iter().all(|e| e.tag != "b"));
        let widths: Vec<&str> = chart.descendants().into_iter().filter(|e| e.get("class") == Some("bar")).filter_map(|e| e.get("width")).collect();
        assert_eq!(widths, ["230.0", "115.0"]);
    }

    #[wasm_bindgen_test]
    fn bars_grow_from_the_right_when_read_right_to_left() {
        let chart = bar_chart("c", "عنوان", true, &[bar("أ", 10), bar("ب", 5)]);
        let xs: Vec<&str> = chart.descendants().into_iter().filter(|e| e.get("class") == Some("bar")).filter_map(|e| e.get("x")).collect();
        assert_eq!(xs, ["130.0", "245.0"], "each bar ends at the right edge (360)");
        assert_eq!(chart.get("direction"), Some("rtl"));
    }

    #[wasm_bindgen_test]
    fn a_ring_has_one_arc_per_slice_closing_the_circle() {
        let slice = |label: &str, magnitude| Slice { label: label.into(), magnitude, value: String::new(), tooltip: String::new(), href: "#/".into(), key: label.into() };
        let chart = ring_chart("r", "Milieu", false, "85", &[slice("rural", 33), slice("urbain", 52)]);
        let dashes: Vec<&str> = chart.descendants().into_iter().filter(|e| e.get("class") == Some("arc")).filter_map(|e| e.get("stroke-dasharray")).collect();
        assert_eq!(dashes, ["388 612", "612 388"]);
        let paints: Vec<&str> = chart.descendants().into_iter().filter(|e| e.get("class") == Some("arc")).filter_map(|e| e.get("stroke")).collect();
        assert_eq!(paints, [DARK, "url(#r-hatch)"], "neighbouring parts differ by tone and pattern, not colour alone");
    }
}
