//! Benchmark (not a test) of reading a document alone, for comparing ways of reading and their
//! peak memory: `write` exports the demo (`prefecture`) or the generated `region` to a file;
//! the other modes read that file `runs` times and print the median. Run one mode per process
//! under `/usr/bin/time -v` to see its peak memory:
//!
//! ```text
//! cargo run --release -p taawun-core --example bench_read -- write region /tmp/region.json
//! cargo run --release -p taawun-core --example bench_read -- import /tmp/region.json 7
//! ```
//!
//! Modes: `value` (a plain `serde_json::Value` parse), `import` (`document::import_up_to`, as the
//! app's start reads its stored data), `slow` (the reading that gathers every error with its
//! path, [`document::import_slow`]), `validate` (`Dataset::validate` of the document's data).

use std::time::{Duration, Instant};

use taawun_core::demo::{self, scale};
use taawun_core::document;
use taawun_core::storage_layout::MAX_STORED_BYTES;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench_read write (prefecture|region) FILE | bench_read (value|import|slow|validate) FILE RUNS";
    let (Some(mode), Some(_)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    if mode == "write" {
        let dataset = match args[1].as_str() {
            "prefecture" => demo::dataset(),
            "region" => scale::generate(scale::Size::REGION, 12),
            _ => {
                eprintln!("{usage}");
                std::process::exit(2);
            }
        };
        let path = args.get(2).expect("a file to write");
        std::fs::write(path, document::export(&dataset)).expect("writable file");
        return;
    }
    let bytes = std::fs::read(&args[1]).expect("readable file");
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(7);
    let imported = (mode == "validate").then(|| document::import(&bytes).expect("valid document"));
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            match mode.as_str() {
                "value" => drop(std::hint::black_box(serde_json::from_slice::<serde_json::Value>(&bytes).expect("valid JSON"))),
                "import" => drop(std::hint::black_box(document::import_up_to(&bytes, MAX_STORED_BYTES).expect("valid document"))),
                "slow" => drop(std::hint::black_box(document::import_slow(&bytes, MAX_STORED_BYTES).expect("valid document"))),
                "validate" => drop(std::hint::black_box(imported.as_ref().map(|i| i.dataset.validate()))),
                _ => {
                    eprintln!("{usage}");
                    std::process::exit(2);
                }
            }
            start.elapsed()
        })
        .collect();
    println!("{mode:>8} {:>10.1?} median of {runs} ({} bytes)", median(times), bytes.len());
}
