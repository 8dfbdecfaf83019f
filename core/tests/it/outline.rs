//! The dashboard's outline of a dataset (`taawun_core::outline`): read back, it answers every
//! question the dashboard asks exactly as the dataset it was written from — the figures under any
//! filter, the running tally, the years, the largest supports, the breakdowns' labels, the records
//! behind a bucket and what their rows show — whatever edits came before; its texts keep any
//! character; a malformed line is refused with its part and line.

use proptest::prelude::*;
use taawun_core::dataset::{Applied, Dataset, Refused};
use taawun_core::demo;
use taawun_core::lang::Lang;
use taawun_core::outline::{self, OutlineError};
use taawun_core::reference::Milieu;
use taawun_core::stats::{self, Breakdown, Drill, Filter, Tally};

use crate::sample::{random, recorded};
use crate::tally::{edit, filter, step};

fn outline_of(dataset: &Dataset) -> Dataset {
    let reference = outline::reference_text(dataset.reference());
    let cooperatives = outline::cooperatives_text(dataset.cooperatives().all());
    let projects = outline::projects_text(dataset.projects().all());
    outline::read(&reference, &[cooperatives], &[projects]).expect("an outline written by this build reads back")
}

/// Every drill a dashboard offers on `dataset`.
fn drills(dataset: &Dataset) -> Vec<Drill> {
    let mut drills = vec![Drill::Funded, Drill::Milieu(Milieu::Rural), Drill::Milieu(Milieu::Urban), Drill::WomenLed(true), Drill::WomenLed(false)];
    drills.extend(stats::years(dataset).into_iter().map(Drill::Year));
    drills.extend(dataset.reference().communes().iter().map(|c| Drill::Commune(c.code.clone())));
    drills.extend(dataset.reference().sectors().iter().map(|s| Drill::Sector(s.code.clone())));
    drills.extend(dataset.reference().axes().iter().map(|a| Drill::Axis(a.code.clone())));
    drills.extend(dataset.cooperatives().live().map(|c| Drill::Cooperative(c.id)));
    drills
}

/// What a row of the records behind a bucket shows of each cooperative and project.
fn rows(dataset: &Dataset, filter: &Filter, drill: &Drill, lang: Lang) -> Vec<String> {
    let behind = stats::behind(dataset, filter, drill);
    let reference = dataset.reference();
    let mut rows = vec![drill.label(dataset, lang)];
    for id in &behind.cooperatives {
        let c = &dataset.cooperatives().get(*id).expect("behind names live cooperatives").data;
        rows.push(format!("{id} {} {} {:?} {} {} {}", c.name(lang), c.commune, c.milieu(reference), c.sector, c.members.total, c.is_women_led()));
    }
    for id in &behind.projects {
        let p = &dataset.projects().get(*id).expect("behind names live projects").data;
        rows.push(format!("{id} {} {} {} {:?} {}", p.title(lang), p.cooperative, stats::project_year(p), p.status, p.total_cost));
    }
    rows
}

/// The outline of `dataset` answers as `dataset` does, with no filter and with `filter`.
fn answers_alike(dataset: &Dataset, filter: &Filter) -> Result<(), TestCaseError> {
    let outline = outline_of(dataset);
    prop_assert_eq!(Tally::new(&outline), Tally::new(dataset));
    prop_assert_eq!(Tally::with_filter(&outline, filter), Tally::with_filter(dataset, filter));
    prop_assert_eq!(stats::years(&outline), stats::years(dataset));
    prop_assert_eq!(outline.reference(), dataset.reference());
    for lang in [Lang::Ar, Lang::Fr] {
        for filter in [&Filter::default(), filter] {
            let figures = stats::compute(dataset, filter);
            prop_assert_eq!(&stats::compute(&outline, filter), &figures);
            prop_assert_eq!(stats::headline(&stats::compute(&outline, filter), lang), stats::headline(&figures, lang));
            prop_assert_eq!(stats::largest(&outline, filter, 10, lang), stats::largest(dataset, filter, 10, lang));
            for breakdown in [Breakdown::Milieu, Breakdown::Year, Breakdown::Commune, Breakdown::Sector, Breakdown::Axis, Breakdown::WomenLed] {
                prop_assert_eq!(stats::series(&figures, breakdown, &outline, lang), stats::series(&figures, breakdown, dataset, lang));
            }
            for drill in drills(dataset) {
                prop_assert_eq!(rows(&outline, filter, &drill, lang), rows(dataset, filter, &drill, lang));
            }
        }
    }
    Ok(())
}

#[test]
fn the_outline_of_the_demo_answers_the_dashboard_as_the_demo_does() {
    let dataset = demo::dataset();
    let filter = Filter { communes: vec!["ASL".into(), "SLY".into()], ..Filter::default() };
    answers_alike(&dataset, &filter).unwrap();
    // The demo reproduces the published figures; its outline does too.
    let figures = stats::compute(&outline_of(&dataset), &Filter::default());
    assert_eq!(figures.total_support.to_string(), "20860000.00");
    assert_eq!(figures.indh_contribution.to_string(), "13170000.00");
}

#[test]
fn the_outline_holds_only_the_live_cooperatives_and_projects() {
    let dataset = demo::dataset();
    let outline = outline_of(&dataset);
    assert_eq!(outline.cooperatives().len(), dataset.cooperatives().live().count());
    assert_eq!(outline.projects().len(), dataset.projects().live().count());
    assert_eq!(outline.meetings().len() + outline.visits().len() + outline.stories().len() + outline.rulebooks().len(), 0);
    assert!(outline.cooperatives().live().all(|c| c.data.contact == Default::default() && c.data.notes.is_empty()), "no contact reaches the outline");
}

#[test]
fn texts_with_tabs_line_breaks_and_backslashes_come_back_as_they_were() {
    let mut dataset = demo::dataset();
    let id = dataset.cooperatives().live().next().unwrap().id;
    let mut cooperative = dataset.cooperatives().get(id).unwrap().data.clone();
    cooperative.name_fr = "Coop\tdu\nnord \\ \\t\r fin\\".into();
    cooperative.name_ar = "تعاونية\tالشمال\\n".into();
    let base_revision = dataset.cooperatives().get(id).unwrap().meta.revision;
    dataset
        .apply(taawun_core::dataset::Edit::UpdateCooperative { id, base_revision, cooperative: cooperative.clone() }, &recorded(1_760_000_000_000, 7))
        .unwrap();
    let outline = outline_of(&dataset);
    let back = &outline.cooperatives().get(id).unwrap().data;
    assert_eq!((back.name_fr.as_str(), back.name_ar.as_str()), (cooperative.name_fr.as_str(), cooperative.name_ar.as_str()));
}

/// `line` with its field number `index` (from 0) replaced by `value`.
fn with_field(line: &str, index: usize, value: &str) -> String {
    let mut fields: Vec<&str> = line.split('\t').collect();
    fields[index] = value;
    fields.join("\t")
}

#[test]
fn a_malformed_outline_is_refused_with_its_part_and_line() {
    let dataset = demo::dataset();
    let reference = outline::reference_text(dataset.reference());
    let cooperatives = outline::cooperatives_text(dataset.cooperatives().all());
    let projects = outline::projects_text(dataset.projects().all());
    let first_cooperative = cooperatives.lines().next().unwrap();
    let first_project = projects.lines().next().unwrap();
    let refused = |reference: &str, cooperatives: &str, projects: &str| outline::read(reference, &[cooperatives.to_owned()], &[projects.to_owned()]).err();
    let at = |part, line| Some(OutlineError { part, line });
    let cases: Vec<(&str, Option<OutlineError>)> = vec![
        ("another format version", refused(&reference.replacen("taawun-outline 1", "taawun-outline 2", 1), &cooperatives, &projects)),
        ("an unknown table", refused(&format!("{reference}z\tX\n"), &cooperatives, &projects)),
        ("a reference entry cut short", refused(&format!("{reference}t\tX\tx\n"), &cooperatives, &projects)),
        ("reference data that fails its checks", refused(&format!("{reference}t\t\tvide\tفارغ\t0\n"), &cooperatives, &projects)),
        ("a cooperative line cut short", refused(&reference, &format!("{}\n", &first_cooperative[..33]), &projects)),
        ("a cooperative line with a field too many", refused(&reference, &format!("{first_cooperative}\tmore\n"), &projects)),
        ("an unknown status code", refused(&reference, &format!("{}\n", first_cooperative.rsplit_once('\t').unwrap().0.to_owned() + "\tq"), &projects)),
        ("a bad escape", refused(&reference, &format!("{}\n", first_cooperative.replacen('\t', "\t\\q", 1)), &projects)),
        ("a repeated cooperative", refused(&reference, &format!("{first_cooperative}\n{first_cooperative}\n"), "")),
        (
            "a project with fewer contribution fields than it counts",
            refused(&reference, &cooperatives, &format!("{}\n", first_project.rsplit_once('\t').unwrap().0)),
        ),
        ("a project whose amount is not a number of centimes", refused(&reference, &cooperatives, &format!("{}\n", with_field(first_project, 8, "12,5,0")))),
    ];
    let expected = [
        at("reference", 1),
        at("reference", reference.lines().count() + 1),
        at("reference", reference.lines().count() + 1),
        at("reference", 0),
        at("cooperatives", 1),
        at("cooperatives", 1),
        at("cooperatives", 1),
        at("cooperatives", 1),
        at("cooperatives", 0),
        at("projects", 1),
        at("projects", 1),
    ];
    for ((case, got), expected) in cases.into_iter().zip(expected) {
        assert_eq!(got, expected, "{case}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn the_outline_of_any_dataset_answers_the_dashboard_as_the_dataset_does(
        seed in any::<u64>(), cooperatives in 0usize..12, projects in 0usize..25, filter in filter(),
    ) {
        answers_alike(&random(seed, cooperatives, projects), &filter)?;
    }

    #[test]
    fn after_any_edits_the_outline_still_answers_as_the_data_does(steps in proptest::collection::vec(step(), 1..30), filter in filter()) {
        let mut dataset = demo::dataset();
        let mut next_id = 0x0071_1ae0_0000u128;
        let mut last_undo = None;
        for (n, step) in steps.iter().enumerate() {
            let Some(edit) = edit(&dataset, step, &mut next_id, &last_undo) else { continue };
            let outcome: Result<Applied, Refused> = dataset.apply(edit, &recorded(1_760_000_000_000 + n as i64 * 1000, 0x0071_1ae0));
            if let Ok(applied) = outcome {
                last_undo = applied.rollback.map(Box::new);
            }
        }
        answers_alike(&dataset, &filter)?;
    }
}
