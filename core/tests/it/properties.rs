//! Properties on random datasets: export → import is the identity with stable bytes (r23);
//! statistics equal a naive oracle computed over the exported JSON, with their invariants, and
//! never panic, on empty datasets too (r25).

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use taawun_core::dataset::Dataset;
use taawun_core::document;
use taawun_core::lang::Lang;
use taawun_core::reference::{Milieu, ReferenceData};
use taawun_core::stats::{self, Filter};

use crate::sample::random;

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn r23_export_then_import_is_the_identity_and_export_bytes_are_stable(seed in any::<u64>(), cooperatives in 0usize..10, projects in 0usize..20) {
        let dataset = random(seed, cooperatives, projects);
        let bytes = document::export(&dataset);
        let imported = document::import(&bytes).unwrap();
        prop_assert_eq!(&imported.dataset, &dataset);
        prop_assert_eq!(document::export(&imported.dataset), bytes);
        prop_assert_eq!(imported.findings(), dataset.validate());
    }

    #[test]
    fn r25_statistics_equal_a_naive_oracle_over_the_exported_json(
        seed in any::<u64>(),
        cooperatives in 0usize..12,
        projects in 0usize..25,
        years in proptest::option::of((2016u16..2030, 0u16..6)),
        milieu in proptest::option::of(any::<bool>()),
        communes in proptest::collection::vec(prop_oneof![Just("SLY"), Just("ASL"), Just("TNG-BMK"), Just("MNZ")], 0..3),
    ) {
        let dataset = random(seed, cooperatives, projects);
        let filter = Filter {
            years: years.map(|(first, span)| (first, first + span)),
            programme: None,
            axis: None,
            communes: communes.iter().map(|c| (*c).to_owned()).collect(),
            milieu: milieu.map(|rural| if rural { Milieu::Rural } else { Milieu::Urban }),
        };
        let figures = stats::compute(&dataset, &filter);
        let expected = oracle(&serde_json::from_slice(&document::export(&dataset)).unwrap(), &filter);
        prop_assert_eq!(figures.cooperatives_funded, expected.cooperatives);
        prop_assert_eq!((figures.rural, figures.urban), (expected.rural, expected.urban));
        prop_assert_eq!(figures.projects_funded, expected.projects);
        prop_assert_eq!(figures.total_support.to_decimal(), expected.total);
        prop_assert_eq!(figures.indh_contribution.to_decimal(), expected.indh);
        prop_assert_eq!(figures.women_led, expected.women_led);
        prop_assert_eq!(figures.jobs.total, expected.jobs);
        let by_year: BTreeMap<u16, (usize, Decimal)> =
            figures.by_year.iter().map(|b| (b.key, (b.projects.len(), b.total_support.to_decimal()))).collect();
        prop_assert_eq!(by_year, expected.by_year);

        // Invariants.
        let unknown_milieu = expected.cooperatives - expected.rural - expected.urban;
        prop_assert_eq!(figures.rural + figures.urban + unknown_milieu, figures.cooperatives_funded);
        prop_assert!(figures.indh_contribution <= figures.total_support);
        let bucket_projects: usize = figures.by_year.iter().map(|b| b.projects.len()).sum();
        prop_assert_eq!(bucket_projects as u64, figures.projects_funded);
        let commune_coops: usize = figures.by_commune.iter().map(|b| b.cooperatives.len()).sum();
        prop_assert_eq!(commune_coops as u64, figures.cooperatives_funded);
        prop_assert!(!stats::headline(&figures, Lang::Fr).is_empty() && !stats::headline(&figures, Lang::Ar).is_empty());
        prop_assert_eq!(stats::compute(&dataset, &filter), figures, "deterministic");
    }
}

#[test]
fn r25_an_empty_dataset_gives_zero_figures_and_a_headline_without_panicking() {
    let figures = stats::compute(&Dataset::new(ReferenceData::builtin()), &Filter::default());
    assert_eq!((figures.cooperatives_funded, figures.rural, figures.urban, figures.projects_funded), (0, 0, 0, 0));
    assert!(figures.total_support.is_zero() && figures.indh_share.is_none() && figures.leverage.is_none() && figures.disbursement_rate.is_none());
    assert!(figures.by_year.is_empty());
    assert_eq!(
        stats::headline(&figures, Lang::Fr).replace('\u{a0}', " "),
        "0 coopérative soutenue, dont 0 en milieu rural, pour 0,00 DH de soutien total, dont 0,00 DH de l'INDH"
    );
    assert!(!stats::headline(&figures, Lang::Ar).is_empty());
}

#[test]
fn the_demo_headline_is_85_33_52_with_20_86_and_13_17_million_dirhams_at_63_1_percent() {
    let figures = stats::compute(&taawun_core::demo::dataset(), &Filter::default());
    assert_eq!((figures.cooperatives_funded, figures.rural, figures.urban), (85, 33, 52));
    assert_eq!(taawun_core::text::amount(figures.total_support, Lang::Fr).replace('\u{a0}', " "), "20 860 000,00 DH");
    assert_eq!(taawun_core::text::amount(figures.indh_contribution, Lang::Fr).replace('\u{a0}', " "), "13 170 000,00 DH");
    assert_eq!(taawun_core::text::percent(figures.indh_share.unwrap(), Lang::Fr).replace('\u{a0}', " "), "63,1 %");
    let women_led = figures.women_led as f64 / 85.0;
    assert!((0.30..=0.40).contains(&women_led), "women-led share {women_led}");
    assert!(figures.by_status.iter().any(|b| b.key == taawun_core::project::ProjectStatus::InProgress), "some projects are still being disbursed");
    assert!(figures.disbursement_rate.unwrap().to_fraction() < Decimal::ONE);
    let years: Vec<u16> = figures.by_year.iter().map(|b| b.key).collect();
    assert_eq!(years, (2019..=2025).collect::<Vec<_>>());
}

#[test]
fn filters_narrow_the_figures_to_a_period_a_milieu_and_communes() {
    let demo = taawun_core::demo::dataset();
    let rural = stats::compute(&demo, &Filter { milieu: Some(Milieu::Rural), ..Filter::default() });
    assert_eq!((rural.cooperatives_funded, rural.rural, rural.urban), (33, 33, 0));
    let year = stats::compute(&demo, &Filter { years: Some((2021, 2021)), ..Filter::default() });
    assert!(year.by_year.iter().all(|b| b.key == 2021) && year.projects_funded > 0);
    let nowhere = stats::compute(&demo, &Filter { communes: vec!["XXX".into()], ..Filter::default() });
    assert_eq!(nowhere.projects_funded, 0);
    let axis = stats::compute(&demo, &Filter { axis: Some("P3-ENT".into()), ..Filter::default() });
    assert_eq!(axis.projects_funded, 0);
}

struct Expected {
    cooperatives: u64,
    rural: u64,
    urban: u64,
    projects: u64,
    total: Decimal,
    indh: Decimal,
    women_led: u64,
    jobs: u64,
    by_year: BTreeMap<u16, (usize, Decimal)>,
}

fn decimal(value: &Value) -> Decimal {
    value.as_str().unwrap().parse().unwrap()
}

/// The statistics computed the plain way, from the JSON alone.
fn oracle(document: &Value, filter: &Filter) -> Expected {
    let commune_kinds: BTreeMap<&str, &str> =
        document["reference"]["communes"].as_array().unwrap().iter().map(|c| (c["code"].as_str().unwrap(), c["kind"].as_str().unwrap())).collect();
    let indh_codes: BTreeSet<&str> =
        document["reference"]["funders"].as_array().unwrap().iter().filter(|f| f["role"] == "indh").map(|f| f["code"].as_str().unwrap()).collect();
    let cooperatives: BTreeMap<&str, &Value> =
        document["cooperatives"].as_array().unwrap().iter().filter(|c| c["meta"]["deleted"] == false).map(|c| (c["id"].as_str().unwrap(), c)).collect();
    let milieu_of = |c: &Value| -> Option<&'static str> {
        if !c["milieu_override"].is_null() {
            return Some(if c["milieu_override"]["milieu"] == "rural" { "rural" } else { "urban" });
        }
        commune_kinds.get(c["commune"].as_str().unwrap()).map(|kind| if *kind == "rural_commune" { "rural" } else { "urban" })
    };
    let funded = ["approved", "convention_signed", "in_progress", "completed"];
    let mut expected = Expected {
        cooperatives: 0,
        rural: 0,
        urban: 0,
        projects: 0,
        total: Decimal::ZERO,
        indh: Decimal::ZERO,
        women_led: 0,
        jobs: 0,
        by_year: BTreeMap::new(),
    };
    let mut funded_coops: BTreeSet<&str> = BTreeSet::new();
    for project in document["projects"].as_array().unwrap() {
        if project["meta"]["deleted"] == true || !funded.contains(&project["status"].as_str().unwrap()) {
            continue;
        }
        let Some(cooperative) = cooperatives.get(project["cooperative"].as_str().unwrap()) else { continue };
        let year: u16 = match project["cpdh_approved_on"].as_str() {
            Some(date) => date[..4].parse().unwrap(),
            None => project["call"]["year"].as_u64().unwrap() as u16,
        };
        if let Some((first, last)) = filter.years
            && (year < first || year > last)
        {
            continue;
        }
        if !filter.communes.is_empty() && !filter.communes.iter().any(|c| c == cooperative["commune"].as_str().unwrap()) {
            continue;
        }
        if let Some(wanted) = filter.milieu {
            let wanted = if wanted == Milieu::Rural { "rural" } else { "urban" };
            if milieu_of(cooperative) != Some(wanted) {
                continue;
            }
        }
        let total = decimal(&project["total_cost"]);
        expected.projects += 1;
        expected.total += total;
        for line in project["contributions"].as_array().unwrap() {
            if indh_codes.contains(line["funder"].as_str().unwrap()) {
                expected.indh += decimal(&line["amount"]);
            }
        }
        expected.jobs += project["jobs"]["total"].as_u64().unwrap();
        let bucket = expected.by_year.entry(year).or_insert((0, Decimal::ZERO));
        bucket.0 += 1;
        bucket.1 += total;
        funded_coops.insert(cooperative["id"].as_str().unwrap());
    }
    for id in funded_coops {
        let cooperative = cooperatives[id];
        expected.cooperatives += 1;
        match milieu_of(cooperative) {
            Some("rural") => expected.rural += 1,
            Some("urban") => expected.urban += 1,
            _ => {}
        }
        let members = &cooperative["members"];
        if cooperative["president_gender"] == "female" || members["women"].as_u64().unwrap() * 2 > members["total"].as_u64().unwrap() {
            expected.women_led += 1;
        }
    }
    expected
}
