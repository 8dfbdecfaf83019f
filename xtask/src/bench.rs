//! What `cargo xtask bench` needs beyond the browser: medians of runs, figures written for people
//! (milliseconds, bytes, ratios), the Markdown table the benchmark prints and writes, and the
//! gzip size of a shipped file. The measuring itself is `tests/bench/main.rs`.

use std::path::Path;
use std::process::Command;

/// The median of the samples (the mean of the two middle ones for an even count); `None` when
/// there is none. NaN samples are ignored.
pub fn median(samples: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|s| !s.is_nan()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 { sorted[middle] } else { (sorted[middle - 1] + sorted[middle]) / 2.0 })
}

/// Milliseconds, one decimal under 100, whole above: `12.3 ms`, `1234 ms`; `—` when missing.
pub fn millis(value: Option<f64>) -> String {
    match value {
        Some(ms) if ms < 100.0 => format!("{ms:.1} ms"),
        Some(ms) => format!("{ms:.0} ms"),
        None => "—".to_owned(),
    }
}

/// Bytes in decimal units (what quotas and downloads are quoted in): `950 B`, `12.3 kB`, `4.56 MB`.
pub fn bytes(value: u64) -> String {
    let v = value as f64;
    if value < 1_000 {
        format!("{value} B")
    } else if value < 1_000_000 {
        format!("{:.1} kB", v / 1e3)
    } else {
        format!("{:.2} MB", v / 1e6)
    }
}

/// `part / whole` as `1.23×`; `—` when either is missing or the whole is zero.
pub fn ratio(part: Option<f64>, whole: Option<f64>) -> String {
    match (part, whole) {
        (Some(p), Some(w)) if w > 0.0 => format!("{:.2}×", p / w),
        _ => "—".to_owned(),
    }
}

/// `part / whole` as a percentage with one decimal: `12.5 %`.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 { "—".to_owned() } else { format!("{:.1} %", part as f64 * 100.0 / whole as f64) }
}

/// A Markdown table: a header row, the separator (first column left, the others right-aligned),
/// then the rows; cells containing `|` have it escaped.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let mut out = String::new();
    out.push_str(&format!("| {} |\n", headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")));
    let separators: Vec<&str> = (0..headers.len()).map(|i| if i == 0 { "---" } else { "---:" }).collect();
    out.push_str(&format!("| {} |\n", separators.join(" | ")));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
    }
    out
}

/// The size of a file once compressed with `gzip -9`, as a web server would send it.
pub fn gzip_size(file: &Path) -> Result<u64, String> {
    let output = Command::new("gzip").args(["-9", "-c"]).arg(file).output().map_err(|e| format!("cannot run gzip: {e}"))?;
    if !output.status.success() {
        return Err(format!("gzip failed on {}", file.display()));
    }
    Ok(output.stdout.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_sample_whatever_the_order() {
        assert_eq!(median(&[30.0, 10.0, 20.0, 50.0, 40.0]), Some(30.0));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_two_middle_samples() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn no_sample_has_no_median_and_nan_samples_are_left_out() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN, 7.0]), Some(7.0));
    }

    #[test]
    fn milliseconds_keep_a_decimal_only_when_small() {
        assert_eq!(millis(Some(12.34)), "12.3 ms");
        assert_eq!(millis(Some(1234.4)), "1234 ms");
        assert_eq!(millis(None), "—");
    }

    #[test]
    fn bytes_are_written_in_decimal_units() {
        assert_eq!(bytes(950), "950 B");
        assert_eq!(bytes(12_345), "12.3 kB");
        assert_eq!(bytes(4_560_000), "4.56 MB");
    }

    #[test]
    fn ratios_and_percentages_say_when_they_cannot_be_computed() {
        assert_eq!(ratio(Some(3.0), Some(2.0)), "1.50×");
        assert_eq!(ratio(Some(3.0), Some(0.0)), "—");
        assert_eq!(ratio(None, Some(2.0)), "—");
        assert_eq!(percent(1, 8), "12.5 %");
        assert_eq!(percent(1, 0), "—");
    }

    #[test]
    fn a_table_has_a_header_an_aligned_separator_and_escaped_cells() {
        let written = table(&["size", "cold start"], &[vec!["region".into(), "a|b".into()]]);
        assert_eq!(written, "| size | cold start |\n| --- | ---: |\n| region | a\\|b |\n");
    }

    #[test]
    fn the_gzip_size_of_a_repetitive_file_is_much_smaller_than_the_file() {
        let dir = std::env::temp_dir().join(format!("taawun-bench-gzip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("repeated.txt");
        std::fs::write(&file, "taawun ".repeat(10_000)).unwrap();
        let size = gzip_size(&file).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(size > 0 && size < 1_000, "{size} bytes");
    }
}
