//! The geometry of the charts, as pure functions of whole numbers: lengths in tenths of a unit of
//! the drawing, so that amounts (in centimes) and counts are scaled exactly, with no float near
//! money, and the same data always draws the same picture.
//!
//! Coordinates are *logical*: measured from the side where reading starts. [`Frame::x`] turns
//! them into the drawing's coordinates, mirrored for right-to-left languages.

/// A length or coordinate in tenths of a unit of the drawing (`123` is 12.3).
pub type Tenths = u32;

/// The text of a length for an SVG attribute: `123` → `"12.3"`.
pub fn attr(value: Tenths) -> String {
    format!("{}.{}", value / 10, value % 10)
}

/// The width of a drawing and the direction it is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// Its full width.
    pub width: Tenths,
    /// Whether it is read right to left.
    pub rtl: bool,
}

impl Frame {
    /// The drawing's x of a span that starts `start` from the reading side and is `length` long:
    /// its left edge.
    pub fn x(self, start: Tenths, length: Tenths) -> Tenths {
        if self.rtl { self.width.saturating_sub(start.saturating_add(length)) } else { start }
    }

    /// The drawing's x of a point `at` from the reading side (where a text is anchored).
    pub fn point(self, at: Tenths) -> Tenths {
        if self.rtl { self.width.saturating_sub(at) } else { at }
    }
}

/// Lengths proportional to `values`, the largest value taking `full`; each is rounded down, and
/// a value above zero never vanishes (it gets at least a thousandth of `full`, and never less
/// than one tenth of a unit). All zero (or empty) gives all zero.
pub fn scale(values: &[u64], full: Tenths) -> Vec<Tenths> {
    let max = values.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return vec![0; values.len()];
    }
    let least = (full / 1000).max(1);
    values
        .iter()
        .map(|&value| {
            if value == 0 {
                return 0;
            }
            // u128: centimes up to 10^17 times a width in tenths cannot overflow.
            let length = (u128::from(value) * u128::from(full) / u128::from(max)) as Tenths;
            length.max(least)
        })
        .collect()
}

/// One arc of a ring, along a circle whose path length is `total`: where it starts from the
/// ring's top and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// Distance from the start of the ring.
    pub offset: u32,
    /// Length of the arc.
    pub length: u32,
}

/// The arcs of a ring showing the shares of `values` along a circle of path length `total`.
///
/// Each arc is its share rounded down; the units left by rounding go one by one to the arcs with
/// the largest remainders (ties to the earlier arc), so the arcs always close the circle exactly
/// when any value is above zero.
pub fn ring(values: &[u64], total: u32) -> Vec<Arc> {
    let sum: u128 = values.iter().map(|&v| u128::from(v)).sum();
    if sum == 0 {
        return values.iter().map(|_| Arc { offset: 0, length: 0 }).collect();
    }
    let exact: Vec<(u32, u128)> = values
        .iter()
        .map(|&v| {
            let scaled = u128::from(v) * u128::from(total);
            ((scaled / sum) as u32, scaled % sum)
        })
        .collect();
    let mut lengths: Vec<u32> = exact.iter().map(|(length, _)| *length).collect();
    let left = total - lengths.iter().sum::<u32>();
    // Fewer units are left than there are arcs: hand them out by scanning, largest remainder
    // first (a sort would add its own code to the download for a handful of arcs).
    let mut remainders: Vec<Option<u128>> = exact.iter().map(|(_, remainder)| Some(*remainder)).collect();
    for _ in 0..left {
        let mut best: Option<(usize, u128)> = None;
        for (index, remainder) in remainders.iter().enumerate() {
            if let Some(remainder) = *remainder
                && best.is_none_or(|(_, largest)| remainder > largest)
            {
                best = Some((index, remainder));
            }
        }
        let Some((index, _)) = best else { break };
        lengths[index] += 1;
        remainders[index] = None;
    }
    let mut offset = 0;
    lengths
        .into_iter()
        .map(|length| {
            let arc = Arc { offset, length };
            offset += length;
            arc
        })
        .collect()
}

/// Slots of equal width for `count` columns across `width`, a `gap` between them and at both
/// ends: the logical start and the width of each column.
pub fn slots(count: u32, width: Tenths, gap: Tenths) -> Vec<(Tenths, Tenths)> {
    if count == 0 {
        return Vec::new();
    }
    let room = width.saturating_sub(gap * (count + 1));
    let column = room / count;
    (0..count).map(|i| (gap + i * (column + gap), column)).collect()
}

/// Every how many columns a label fits under them, labels needing `label` width each.
pub fn label_every(column: Tenths, gap: Tenths, label: Tenths) -> u32 {
    let pitch = (column + gap).max(1);
    label.div_ceil(pitch).max(1)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_largest_value_takes_the_full_length_and_others_are_in_proportion() {
        assert_eq!(scale(&[50, 100, 25], 2800), vec![1400, 2800, 700]);
        // 20 860 000,00 DH and 13 170 000,00 DH in centimes.
        assert_eq!(scale(&[2_086_000_000, 1_317_000_000], 1000), vec![1000, 631]);
    }

    #[wasm_bindgen_test]
    fn a_small_value_stays_visible_and_zero_draws_nothing() {
        assert_eq!(scale(&[1, 1_000_000_000, 0], 2800), vec![2, 2800, 0]);
        assert_eq!(scale(&[0, 0], 2800), vec![0, 0]);
        assert!(scale(&[], 2800).is_empty());
    }

    #[wasm_bindgen_test]
    fn the_arcs_of_a_ring_close_the_circle_exactly() {
        let arcs = ring(&[33, 52], 1000);
        assert_eq!(arcs, vec![Arc { offset: 0, length: 388 }, Arc { offset: 388, length: 612 }]);
        let thirds = ring(&[1, 1, 1], 1000);
        assert_eq!(thirds.iter().map(|a| a.length).sum::<u32>(), 1000);
        assert_eq!(thirds[0].length, 334, "the unit left by rounding goes to the first of equal remainders");
        assert_eq!(ring(&[0, 7], 1000), vec![Arc { offset: 0, length: 0 }, Arc { offset: 0, length: 1000 }]);
        assert_eq!(ring(&[0, 0], 1000), vec![Arc { offset: 0, length: 0 }; 2]);
    }

    #[wasm_bindgen_test]
    fn right_to_left_drawings_are_mirrored() {
        let ltr = Frame { width: 4000, rtl: false };
        let rtl = Frame { width: 4000, rtl: true };
        assert_eq!(ltr.x(100, 1000), 100);
        assert_eq!(rtl.x(100, 1000), 2900, "a bar starting at the right edge ends 1100 from it");
        assert_eq!(rtl.point(100), 3900);
        assert_eq!(ltr.point(100), 100);
    }

    #[wasm_bindgen_test]
    fn columns_share_the_width_with_equal_gaps() {
        assert_eq!(slots(3, 1000, 100), vec![(100, 200), (400, 200), (700, 200)]);
        assert!(slots(0, 1000, 100).is_empty());
        assert_eq!(label_every(200, 100, 280), 1);
        assert_eq!(label_every(100, 40, 400), 3);
    }

    #[wasm_bindgen_test]
    fn lengths_are_written_in_units_with_one_decimal() {
        assert_eq!(attr(0), "0.0");
        assert_eq!(attr(123), "12.3");
        assert_eq!(attr(4000), "400.0");
    }
}
