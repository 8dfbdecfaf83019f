//! Benchmark (not a test): import, validation and statistics of a generated region-scale
//! dataset (5 000 cooperatives, 10 000 projects, 20 000 disbursements), beside a plain
//! `serde_json` parse of the same bytes. Run with
//! `cargo run --release -p taawun-core --example bench_import`; prints medians of 7 runs.

use std::time::{Duration, Instant};

use taawun_core::amount::Amount;
use taawun_core::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members};
use taawun_core::dataset::{Dataset, Edit, EditContext};
use taawun_core::date::Date;
use taawun_core::document;
use taawun_core::merge;
use taawun_core::id::Id;
use taawun_core::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus, Tranche};
use taawun_core::record::{Author, Timestamp};
use taawun_core::reference::ReferenceData;
use taawun_core::rules::Rulebook;
use taawun_core::stats::{self, Filter};

const COMMUNES: [&str; 15] = ["TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK", "ASL", "GZN", "MNZ", "AQB", "AZN", "DCH", "SCH", "SLY", "HGH", "LAW", "HJN"];
const SECTORS: [&str; 6] = ["AGR-LAI", "AGR-API", "ART-BRO", "ALI", "SRV", "PAM"];

fn id(n: u64, kind: u64) -> Id {
    // Spread the ids like random ones would be, deterministically.
    let mixed = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ kind.rotate_left(17);
    Id::from_u128((u128::from(mixed) << 64) | u128::from(n ^ (kind << 48)))
}

fn amount(dirhams: u64) -> Amount {
    Amount::from_centimes(dirhams * 100).expect("bench amounts are small")
}

fn day(days: i32) -> Date {
    Date::from_days_since_epoch(days).expect("bench dates are in 2019-2026")
}

fn generate() -> Dataset {
    let author = Author { at: Timestamp::parse("2025-07-09T10:00:00.000Z").expect("valid"), user: "bench".into(), device: Id::from_u128(7), device_name: "bench".into() };
    let context = EditContext::recorded(author);
    let mut dataset = Dataset::new(ReferenceData::builtin());
    let rulebooks: Vec<Id> = (0..7).map(|n| id(n, 1)).collect();
    for (year, rulebook) in (2019u16..).zip(&rulebooks) {
        let rules = Rulebook::default_for_programme_3(&format!("طلب {year}"), &format!("Appel {year}"));
        dataset.apply(Edit::CreateRulebook { id: *rulebook, rulebook: rules }, &context).expect("new id");
    }
    for n in 0..5_000u64 {
        let total = 7 + (n % 30) as u32;
        let cooperative = Cooperative {
            name_ar: format!("تعاونية رقم {n} (وهمية)"),
            name_fr: format!("Coopérative n° {n} (fictive)"),
            legal_form: LegalForm::Cooperative,
            register_number: None,
            ice: None,
            created_on: Some(day(16_000 + (n % 1_000) as i32)),
            commune: COMMUNES[(n % 15) as usize].into(),
            milieu_override: None,
            sector: SECTORS[(n % 6) as usize].into(),
            members: Members { total, women: total / 2, youth: total / 3 },
            president_gender: if n % 3 == 0 { Gender::Female } else { Gender::Male },
            status: CooperativeStatus::Active,
            contact: Contact { phone: None, email: None, address: format!("Adresse {n}") },
            notes: String::new(),
        };
        dataset.apply(Edit::CreateCooperative { id: id(n, 2), cooperative }, &context).expect("new id");
    }
    for n in 0..10_000u64 {
        let year = 2019 + (n % 7) as u16;
        let approved = day(17_900 + (n % 7) as i32 * 365 + (n % 150) as i32);
        let signed = day(approved.days_since_epoch() + 30);
        let total = 80_000 + (n * 37 % 400) * 1_000;
        let indh = total * 6 / 10;
        let project = Project {
            title_ar: format!("مشروع {n}"),
            title_fr: format!("Projet {n}"),
            cooperative: id(n % 5_000, 2),
            programme: "P3".into(),
            axis: "P3-ESS".into(),
            call: Call { year, rulebook: rulebooks[usize::from(year - 2019)] },
            total_cost: amount(total),
            contributions: vec![
                Contribution { funder: "INDH".into(), amount: amount(indh), kind: ContributionKind::Cash },
                Contribution { funder: "OWN".into(), amount: amount(total - indh), kind: ContributionKind::Cash },
            ],
            submitted_on: Some(day(approved.days_since_epoch() - 40)),
            cpdh_approved_on: Some(approved),
            convention_signed_on: Some(signed),
            tranches: vec![
                Tranche { planned_on: day(signed.days_since_epoch() + 10), funder: "INDH".into(), amount: amount(indh / 2) },
                Tranche { planned_on: day(signed.days_since_epoch() + 180), funder: "INDH".into(), amount: amount(indh - indh / 2) },
            ],
            disbursements: vec![
                Disbursement { paid_on: day(signed.days_since_epoch() + 10), funder: "INDH".into(), amount: amount(indh / 2) },
                Disbursement { paid_on: day(signed.days_since_epoch() + 180), funder: "INDH".into(), amount: amount(indh - indh / 2) },
            ],
            jobs: Jobs { total: 5, women: 2, youth: 3 },
            status: ProjectStatus::Completed,
            notes: String::new(),
        };
        dataset.apply(Edit::CreateProject { id: id(n, 3), project }, &context).expect("new id");
    }
    dataset
}

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
    let dataset = generate();
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
    let validate = time(RUNS, || dataset.validate());
    let figures = time(RUNS, || stats::compute(&dataset, &Filter::default()));
    let export = time(RUNS, || document::export(&dataset));
    // Another device's copy with 500 cooperatives edited: what merging its file costs.
    let mut tablet = dataset.clone();
    let tablet_author = Author { at: Timestamp::parse("2025-07-10T10:00:00.000Z").expect("valid"), user: "bench".into(), device: Id::from_u128(8), device_name: "tablette".into() };
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
    println!("  Dataset::validate                 {validate:>10.1?}");
    println!("  stats::compute                    {figures:>10.1?}");
    println!("  document::export                  {export:>10.1?}");
    println!("  merge::plan (500 edited records)  {plan:>10.1?}");
    println!("  merge::plan + merge::apply        {applied:>10.1?}");
    let findings = dataset.validate().len();
    let computed = stats::compute(&dataset, &Filter::default());
    println!("  ({findings} findings; {} cooperatives funded, total {})", computed.cooperatives_funded, computed.total_support.to_canonical());
}
