//! Benchmark (not a test): import, validation and statistics of a generated region-scale
//! dataset (5 000 cooperatives, 10 000 projects, 20 000 disbursements), beside a plain
//! `serde_json` parse of the same bytes. Run with
//! `cargo run --release -p taawun-core --example bench_import`; prints medians of 7 runs. The
//! dataset is `demo::scale`'s region, the one `cargo xtask bench` measures in the browser.

use std::time::{Duration, Instant};

use taawun_core::dataset::{Edit, EditContext};
use taawun_core::demo::scale;
use taawun_core::document;
use taawun_core::id::Id;
use taawun_core::merge;
use taawun_core::record::{Author, Timestamp};
use taawun_core::stats::{self, Filter};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let start = Instant::now();
    let dataset = scale::generate(scale::Size::REGION, 12);
    let generated = start.elapsed();
    let bytes = document::export(&dataset);
    let disbursements: usize = dataset.projects().all().iter().map(|p| p.data.disbursements.len()).sum();
    println!(
        "dataset: {} cooperatives, {} projects, {} disbursements; {:.1} MiB ({} bytes, limit {} MiB); built through apply in {:.0?}",
        dataset.cooperatives().len(),
        dataset.projects().len(),
        disbursements,
        bytes.len() as f64 / (1024.0 * 1024.0),
        bytes.len(),
        document::MAX_BYTES >> 20,
        generated
    );
    const RUNS: usize = 7;
    let plain = time(RUNS, || serde_json::from_slice::<serde_json::Value>(&bytes).expect("valid JSON"));
    let import = time(RUNS, || document::import(&bytes).expect("valid document"));
    let full = time(RUNS, || document::import_slow(&bytes, document::MAX_BYTES).expect("valid document"));
    let validate = time(RUNS, || dataset.validate());
    let figures = time(RUNS, || stats::compute(&dataset, &Filter::default()));
    let export = time(RUNS, || document::export(&dataset));
    // Another device's copy with 500 cooperatives edited: what merging its file costs.
    let mut tablet = dataset.clone();
    let tablet_author = Author {
        at: Timestamp::parse("2025-07-10T10:00:00.000Z").expect("valid"),
        user: "bench".into(),
        device: Id::from_u128(8),
        device_name: "tablette".into(),
    };
    let edits: Vec<_> = tablet.cooperatives().all().iter().step_by(10).map(|r| (r.id, r.meta.revision, r.data.clone())).collect();
    for (id, base_revision, mut cooperative) in edits {
        cooperative.notes = "vue en réunion".into();
        tablet.apply(Edit::UpdateCooperative { id, base_revision, cooperative }, &EditContext::recorded(tablet_author.clone())).expect("fresh revision");
    }
    let plan = time(RUNS, || merge::plan(&dataset, &tablet));
    let applied = time(RUNS, || {
        let mut office = dataset.clone();
        merge::apply(&mut office, &merge::plan(&dataset, &tablet), &tablet_author).expect("no conflict")
    });
    println!("median of {RUNS} runs:");
    println!("  serde_json::from_slice::<Value>   {plain:>10.1?}");
    println!("  document::import (incl. validate) {import:>10.1?}  ({:.1}× the plain parse)", import.as_secs_f64() / plain.as_secs_f64());
    println!(
        "  the full reading (import_slow)    {full:>10.1?}  ({:.1}× the plain parse; what import took before issue 12)",
        full.as_secs_f64() / plain.as_secs_f64()
    );
    println!("  Dataset::validate                 {validate:>10.1?}");
    println!("  stats::compute                    {figures:>10.1?}");
    println!("  document::export                  {export:>10.1?}");
    println!("  merge::plan (500 edited records)  {plan:>10.1?}");
    println!("  merge::plan + merge::apply        {applied:>10.1?}");
    let findings = dataset.validate().len();
    let computed = stats::compute(&dataset, &Filter::default());
    println!("  ({findings} findings; {} cooperatives funded, total {})", computed.cooperatives_funded, computed.total_support.to_canonical());
}
