//! Charts drawn by the app as SVG — bars, a ring for shares, columns for a timeline, a progress
//! bar — each with a title, labels in the page's language and direction, and a table beside it
//! that holds the same numbers.
//!
//! Charts receive text already written in the user's language (by core) and the magnitudes to
//! draw (centimes, counts); the geometry is in [`geometry`], as pure functions. Every text is a
//! text node (names typed by people included), never markup. Colours come in a few tones of very
//! different lightness, each with its own pattern, so that grey printing and colour-blind viewing
//! keep them apart; every part is also named by a label, never by its colour alone.

pub mod geometry;

use leptos::prelude::*;

use geometry::{Frame, Tenths, attr};

/// Width of every chart's drawing, in tenths of a unit.
const WIDTH: Tenths = 3600;

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
            Tone::Dark => "#0b3c5d".to_owned(),
            Tone::Hatched => format!("url(#{id}-hatch)"),
            Tone::Dotted => format!("url(#{id}-dots)"),
        }
    }
}

/// The patterns of the chart `id`: hatching over orange, dots over light blue.
#[component]
fn Patterns(#[prop(into)] id: String) -> impl IntoView {
    view! {
        <defs>
            <pattern id=format!("{id}-hatch") width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#e69f00"></rect>
                <rect width="2" height="6" fill="#3d2a00"></rect>
            </pattern>
            <pattern id=format!("{id}-dots") width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#9fd3f2"></rect>
                <circle cx="3" cy="3" r="1.4" fill="#0b3c5d"></circle>
            </pattern>
        </defs>
    }
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
#[component]
pub fn BarChart(#[prop(into)] id: String, #[prop(into)] title: String, rtl: bool, bars: Vec<Bar>) -> impl IntoView {
    let frame = Frame { width: WIDTH, rtl };
    let lengths = geometry::scale(&bars.iter().map(|b| b.magnitude).collect::<Vec<_>>(), WIDTH - VALUE_ROOM);
    let height = ROW * bars.len() as Tenths + 40;
    let rows = bars
        .into_iter()
        .zip(lengths)
        .enumerate()
        .map(|(index, (bar, length))| {
            let top = 40 + ROW * index as Tenths;
            let bar_x = frame.x(0, length);
            let value_at = frame.point(length + 60);
            view! {
                <g class="bar-row">
                    <a href=bar.href class="bar-link" data-key=bar.key>
                        <title>{bar.tooltip}</title>
                        <rect class="hit" x="0" y=attr(top) width=attr(WIDTH) height=attr(ROW) fill="transparent"></rect>
                        <text class="bar-label" x=attr(frame.point(20)) y=attr(top + 160) text-anchor="start">{bar.label}</text>
                        <rect class="bar" x=attr(bar_x) y=attr(top + 230) width=attr(length) height="20" fill=Tone::Dark.paint("")></rect>
                        <text class="bar-value" x=attr(value_at) y=attr(top + 375) text-anchor="start">{bar.value}</text>
                    </a>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart-svg bars" id=format!("{id}-svg") viewBox=format!("0 0 {} {}", attr(WIDTH), attr(height))
            direction=if rtl { "rtl" } else { "ltr" } role="group" aria-label=title>
            {rows}
        </svg>
    }
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
#[component]
pub fn RingChart(#[prop(into)] id: String, #[prop(into)] title: String, rtl: bool, #[prop(into)] center: String, slices: Vec<Slice>) -> impl IntoView {
    let frame = Frame { width: WIDTH, rtl };
    let arcs = geometry::ring(&slices.iter().map(|s| s.magnitude).collect::<Vec<_>>(), RING_LENGTH);
    // The ring sits at the end of the reading line, the legend at its start.
    let (cx, cy) = (frame.point(WIDTH - 900), 900);
    // Start at the top (a quarter turn back), then, read right to left, mirror about the
    // vertical through the centre so the arcs follow each other anticlockwise.
    let start_at_top = format!("rotate(-90 {} {})", attr(cx), attr(cy));
    let turn = if rtl { format!("translate({} 0) scale(-1 1) {start_at_top}", attr(2 * cx)) } else { start_at_top };
    let height = (1800).max(200 + 480 * slices.len() as Tenths);
    let pieces = slices
        .into_iter()
        .zip(arcs)
        .enumerate()
        .map(|(index, (slice, arc))| {
            let paint = Tone::nth(index).paint(&id);
            let top = 200 + 480 * index as Tenths;
            let dash = format!("{} {}", arc.length, RING_LENGTH - arc.length);
            let offset = format!("-{}", arc.offset);
            view! {
                <g class="ring-part">
                    <a href=slice.href class="ring-link" data-key=slice.key>
                        <title>{slice.tooltip}</title>
                        <circle class="arc" cx=attr(cx) cy=attr(cy) r="62" fill="none" stroke=paint.clone() stroke-width="30"
                            pathLength=RING_LENGTH.to_string() stroke-dasharray=dash stroke-dashoffset=offset transform=turn.clone()></circle>
                        <rect class="hit" x=attr(frame.x(0, 2100)) y=attr(top - 40) width="210" height="44" fill="transparent"></rect>
                        <rect class="key" x=attr(frame.x(0, 180)) y=attr(top) width="18" height="18" fill=paint stroke="#1a1a1a" stroke-width="0.6"></rect>
                        <text class="ring-label" x=attr(frame.point(260)) y=attr(top + 150) text-anchor="start">{slice.label}</text>
                        <text class="ring-value" x=attr(frame.point(260)) y=attr(top + 330) text-anchor="start">{slice.value}</text>
                    </a>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart-svg ring" id=format!("{id}-svg") viewBox=format!("0 0 {} {}", attr(WIDTH), attr(height))
            direction=if rtl { "rtl" } else { "ltr" } role="group" aria-label=title>
            <Patterns id=id.clone() />
            <circle cx=attr(cx) cy=attr(cy) r="62" fill="none" stroke="#e8e8e3" stroke-width="30"></circle>
            {pieces}
            <text class="ring-center" x=attr(cx) y=attr(cy + 70) text-anchor="middle">{center}</text>
        </svg>
    }
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
/// whole with its part dark at the foot, the whole written over it when there is room.
#[component]
pub fn ColumnChart(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    rtl: bool,
    columns: Vec<Column>,
    /// The names of the part and of the rest, for the legend.
    legend: (String, String),
    /// The unit of the values written over the columns, written once in a corner.
    unit: Option<String>,
) -> impl IntoView {
    let frame = Frame { width: WIDTH, rtl };
    let count = columns.len() as u32;
    let gap = if count > 12 { 40 } else { 120 };
    let slots = geometry::slots(count, WIDTH, gap);
    let column_width = slots.first().map_or(0, |s| s.1);
    let heights = geometry::scale(&columns.iter().map(|c| c.whole).collect::<Vec<_>>(), COLUMNS_HEIGHT);
    let max = columns.iter().map(|c| c.whole).max().unwrap_or(0);
    // Values are written over the columns only when they fit.
    let show_values = column_width >= 300;
    let every = geometry::label_every(column_width, gap, 420) as usize;
    let hatch = Tone::Hatched.paint(&id);
    let bars = columns
        .into_iter()
        .zip(slots)
        .zip(heights)
        .enumerate()
        .map(|(index, ((column, (start, width)), height))| {
            // The part is scaled like the whole, against the largest whole.
            let part = geometry::scale(&[column.part, max], COLUMNS_HEIGHT).first().copied().unwrap_or(0).min(height);
            let x = frame.x(start, width);
            let middle = x + width / 2;
            let rest = height - part;
            let value = column.value.filter(|_| show_values);
            view! {
                <g class="column">
                    <a href=column.href class="column-link" data-key=column.key>
                        <title>{column.tooltip}</title>
                        <rect class="hit" x=attr(x) y="0" width=attr(width) height=attr(BASELINE + 300) fill="transparent"></rect>
                        <rect class="column-rest" x=attr(x) y=attr(BASELINE - height) width=attr(width) height=attr(rest) fill=hatch.clone()
                            stroke="#3d2a00" stroke-width="0.5"></rect>
                        <rect class="column-part" x=attr(x) y=attr(BASELINE - part) width=attr(width) height=attr(part) fill=Tone::Dark.paint("")></rect>
                        {value.map(|value| view! {
                            <text class="column-value" x=attr(middle) y=attr(BASELINE - height - 60) text-anchor="middle">{value}</text>
                        })}
                        {(index % every == 0).then(|| view! {
                            <text class="column-label" x=attr(middle) y=attr(BASELINE + 200) text-anchor="middle">{column.label}</text>
                        })}
                    </a>
                </g>
            }
        })
        .collect_view();
    let (part_name, rest_name) = legend;
    let legend_y = BASELINE + 420;
    view! {
        <svg class="chart-svg columns" id=format!("{id}-svg") viewBox=format!("0 0 {} {}", attr(WIDTH), attr(legend_y + 460))
            direction=if rtl { "rtl" } else { "ltr" } role="group" aria-label=title>
            <Patterns id=id.clone() />
            <line x1="0" x2=attr(WIDTH) y1=attr(BASELINE) y2=attr(BASELINE) stroke="#1a1a1a" stroke-width="1"></line>
            {unit.filter(|_| show_values).map(|unit| view! {
                <text class="column-unit" x=attr(frame.point(0)) y="14" text-anchor="start">{unit}</text>
            })}
            {bars}
            <g class="legend">
                <rect x=attr(frame.x(0, 160)) y=attr(legend_y) width="16" height="16" fill=Tone::Dark.paint("")></rect>
                <text x=attr(frame.point(220)) y=attr(legend_y + 140) text-anchor="start">{part_name}</text>
                <rect x=attr(frame.x(0, 160)) y=attr(legend_y + 240) width="16" height="16" fill=hatch stroke="#3d2a00" stroke-width="0.5"></rect>
                <text x=attr(frame.point(220)) y=attr(legend_y + 380) text-anchor="start">{rest_name}</text>
            </g>
        </svg>
    }
}

/// A bar showing how much of a whole is done (disbursed of committed), read from the reading side.
#[component]
pub fn ProgressBar(#[prop(into)] id: String, #[prop(into)] title: String, rtl: bool, done: u64, whole: u64) -> impl IntoView {
    let frame = Frame { width: WIDTH, rtl };
    let done_length = geometry::scale(&[done.min(whole), whole], WIDTH).first().copied().unwrap_or(0);
    let hatch = Tone::Hatched.paint(&id);
    view! {
        <svg class="chart-svg progress" id=format!("{id}-svg") viewBox=format!("0 0 {} 16", attr(WIDTH)) role="img" aria-label=title>
            <Patterns id=id.clone() />
            <rect x="0" y="2" width=attr(WIDTH) height="12" fill=hatch stroke="#3d2a00" stroke-width="0.5"></rect>
            <rect class="progress-done" x=attr(frame.x(0, done_length)) y="2" width=attr(done_length) height="12" fill=Tone::Dark.paint("")></rect>
        </svg>
    }
}

/// The table that says what a chart draws: a header row, then one row per item, its first cell
/// a row header.
#[component]
pub fn DataTable(#[prop(into)] id: String, #[prop(into)] caption: String, headers: Vec<String>, rows: Vec<(String, Vec<String>)>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="data-table" id=id>
                <caption>{caption}</caption>
                <thead>
                    <tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(head, cells)| {
                            view! {
                                <tr>
                                    <th scope="row"><bdi>{head}</bdi></th>
                                    {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
