//! The dashboard's running tally (`stats::Tally`): after any sequence of edits to the demo data,
//! updated by difference, it equals a tally counted from scratch, and its figures, years and
//! largest supports equal `stats::compute`, `stats::years` and `stats::largest` with no filter.
//! `stats::compute` is itself a tally counted once; both are checked against a straightforward
//! computation (every project in turn into ordered maps), the way the figures were first computed.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use rust_decimal::Decimal;
use taawun_core::amount::Amount;
use taawun_core::cooperative::{Cooperative, Gender, MilieuOverride};
use taawun_core::dataset::{Applied, Dataset, Edit, Refused};
use taawun_core::date::Date;
use taawun_core::demo;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::lang::Lang;
use taawun_core::project::{Contribution, ContributionKind, Disbursement, Project, ProjectStatus};
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::reference::{Milieu, ReferenceChange, Table};
use taawun_core::stats::{self, Breakdown, Bucket, Drill, Figures, Filter, People, Point, Tally};

use crate::sample::{dh, random, recorded};

const COMMUNES: [&str; 6] = ["SLY", "ASL", "TNG-BMK", "MNZ", "DCH", "NOWHERE"];
const SECTORS: [&str; 4] = ["AGR-API", "AGR-LAI", "PAM", "ARTISANAT"];
const AXES: [&str; 3] = ["P3-ENT", "P3-ESS", "P3-EMP"];
const FUNDERS: [&str; 3] = ["INDH", "OWN", "ADS"];

/// One edit a person (or a merge, or an undo) could make, with choices drawn by proptest and
/// read against the data as it is when the edit comes.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    AddCooperative { like: usize, commune: usize, women_led: bool },
    MoveCooperative { which: usize, commune: usize },
    ChangeCooperative { which: usize, sector: usize, members: u32, women: u32, milieu: Option<bool>, name: u32 },
    DeleteCooperative { which: usize },
    RestoreCooperative { which: usize },
    AddProject { like: usize, cooperative: usize, status: usize, year: u16 },
    ChangeStatus { which: usize, status: usize },
    ChangeCost { which: usize, centimes: u64 },
    ChangeContribution { which: usize, line: usize, centimes: u64, funder: usize },
    AddContribution { which: usize, centimes: u64, funder: usize },
    AddDisbursement { which: usize, centimes: u64, funder: usize },
    MoveProject { which: usize, cooperative: usize, axis: usize, approved: Option<u16> },
    DeleteProject { which: usize },
    RestoreProject { which: usize },
    UndoLast,
    RenameCommune { commune: usize, name: u32 },
}

pub(crate) fn step() -> impl Strategy<Value = Step> {
    let pick = any::<usize>();
    prop_oneof![
        (pick, 0..COMMUNES.len(), any::<bool>()).prop_map(|(like, commune, women_led)| Step::AddCooperative { like, commune, women_led }),
        (pick, 0..COMMUNES.len()).prop_map(|(which, commune)| Step::MoveCooperative { which, commune }),
        (pick, 0..SECTORS.len(), 1u32..60, 0u32..60, proptest::option::of(any::<bool>()), any::<u32>()).prop_map(
            |(which, sector, members, women, milieu, name)| Step::ChangeCooperative { which, sector, members, women: women.min(members), milieu, name }
        ),
        pick.prop_map(|which| Step::DeleteCooperative { which }),
        pick.prop_map(|which| Step::RestoreCooperative { which }),
        (pick, pick, 0..ProjectStatus::ALL.len(), 2016u16..2027).prop_map(|(like, cooperative, status, year)| Step::AddProject {
            like,
            cooperative,
            status,
            year
        }),
        (pick, 0..ProjectStatus::ALL.len()).prop_map(|(which, status)| Step::ChangeStatus { which, status }),
        (pick, 0u64..100_000_000).prop_map(|(which, centimes)| Step::ChangeCost { which, centimes }),
        (pick, pick, 0u64..50_000_000, 0..FUNDERS.len()).prop_map(|(which, line, centimes, funder)| Step::ChangeContribution { which, line, centimes, funder }),
        (pick, 0u64..50_000_000, 0..FUNDERS.len()).prop_map(|(which, centimes, funder)| Step::AddContribution { which, centimes, funder }),
        (pick, 0u64..50_000_000, 0..FUNDERS.len()).prop_map(|(which, centimes, funder)| Step::AddDisbursement { which, centimes, funder }),
        (pick, pick, 0..AXES.len(), proptest::option::of(2016u16..2027)).prop_map(|(which, cooperative, axis, approved)| Step::MoveProject {
            which,
            cooperative,
            axis,
            approved
        }),
        pick.prop_map(|which| Step::DeleteProject { which }),
        pick.prop_map(|which| Step::RestoreProject { which }),
        Just(Step::UndoLast),
        (0..COMMUNES.len() - 1, any::<u32>()).prop_map(|(commune, name)| Step::RenameCommune { commune, name }),
    ]
}

fn centimes(value: u64) -> taawun_core::amount::Amount {
    taawun_core::amount::Amount::from_centimes(value).unwrap()
}

fn day(year: u16) -> Date {
    Date::new(year, 6, 15).unwrap()
}

/// The one record of a kind at `which` (modulo their number), deleted ones included or not.
fn pick(dataset: &Dataset, kind: RecordKind, which: usize, deleted: bool) -> Option<(Id, u64)> {
    let ids: Vec<(Id, u64)> = match kind {
        RecordKind::Cooperative => dataset.cooperatives().all().iter().filter(|r| r.meta.deleted == deleted).map(|r| (r.id, r.meta.revision)).collect(),
        _ => dataset.projects().all().iter().filter(|r| r.meta.deleted == deleted).map(|r| (r.id, r.meta.revision)).collect(),
    };
    if ids.is_empty() { None } else { ids.get(which % ids.len()).copied() }
}

fn cooperative(dataset: &Dataset, id: Id) -> Cooperative {
    dataset.cooperatives().get(id).map(|r| r.data.clone()).unwrap()
}

fn project(dataset: &Dataset, id: Id) -> Project {
    dataset.projects().get(id).map(|r| r.data.clone()).unwrap()
}

/// The edit `step` means against `dataset` (`None` when there is nothing to edit), with the
/// id a creation takes from `next_id`.
pub(crate) fn edit(dataset: &Dataset, step: &Step, next_id: &mut u128, last_undo: &Option<Box<taawun_core::dataset::Rollback>>) -> Option<Edit> {
    let live = |kind, which| pick(dataset, kind, which, false);
    let mut new_id = || {
        *next_id += 1;
        Id::from_u128(*next_id)
    };
    Some(match step.clone() {
        Step::AddCooperative { like, commune, women_led } => {
            let (from, _) = live(RecordKind::Cooperative, like)?;
            let mut data = cooperative(dataset, from);
            data.commune = COMMUNES[commune].into();
            data.president_gender = if women_led { Gender::Female } else { Gender::Male };
            Edit::CreateCooperative { id: new_id(), cooperative: data }
        }
        Step::MoveCooperative { which, commune } => {
            let (id, base_revision) = live(RecordKind::Cooperative, which)?;
            let mut data = cooperative(dataset, id);
            data.commune = COMMUNES[commune].into();
            Edit::UpdateCooperative { id, base_revision, cooperative: data }
        }
        Step::ChangeCooperative { which, sector, members, women, milieu, name } => {
            let (id, base_revision) = live(RecordKind::Cooperative, which)?;
            let mut data = cooperative(dataset, id);
            data.sector = SECTORS[sector].into();
            data.members.total = members;
            data.members.women = women;
            data.members.youth = women / 2;
            data.milieu_override =
                milieu.map(|rural| MilieuOverride { milieu: if rural { Milieu::Rural } else { Milieu::Urban }, reason: "centre (fictif)".into() });
            data.name_fr = format!("Coopérative {name} (fictive)");
            Edit::UpdateCooperative { id, base_revision, cooperative: data }
        }
        Step::DeleteCooperative { which } => {
            let (id, base_revision) = live(RecordKind::Cooperative, which)?;
            Edit::Delete { target: RecordRef { kind: RecordKind::Cooperative, id }, base_revision }
        }
        Step::RestoreCooperative { which } => {
            let (id, base_revision) = pick(dataset, RecordKind::Cooperative, which, true)?;
            Edit::Restore { target: RecordRef { kind: RecordKind::Cooperative, id }, base_revision }
        }
        Step::AddProject { like, cooperative, status, year } => {
            let (from, _) = live(RecordKind::Project, like)?;
            let (owner, _) =
                pick(dataset, RecordKind::Cooperative, cooperative, cooperative % 5 == 0).or_else(|| live(RecordKind::Cooperative, cooperative))?;
            let mut data = project(dataset, from);
            data.cooperative = owner;
            data.status = ProjectStatus::ALL[status];
            data.cpdh_approved_on = data.status.is_funded().then(|| day(year));
            Edit::CreateProject { id: new_id(), project: data }
        }
        Step::ChangeStatus { which, status } => {
            let (id, base_revision) = live(RecordKind::Project, which)?;
            let mut data = project(dataset, id);
            data.status = ProjectStatus::ALL[status];
            Edit::UpdateProject { id, base_revision, project: data }
        }
        Step::ChangeCost { which, centimes: value } => {
            let (id, base_revision) = live(RecordKind::Project, which)?;
            let mut data = project(dataset, id);
            data.total_cost = centimes(value);
            Edit::UpdateProject { id, base_revision, project: data }
        }
        Step::ChangeContribution { which, line, centimes: value, funder } => {
            let (id, base_revision) = live(RecordKind::Project, which)?;
            let mut data = project(dataset, id);
            let count = data.contributions.len();
            let line = data.contributions.get_mut(line % count.max(1))?;
            line.amount = centimes(value);
            line.funder = FUNDERS[funder].into();
            Edit::UpdateProject { id, base_revision, project: data }
        }
        Step::AddContribution { which, centimes: value, funder } => {
            let (id, base_revision) = live(RecordKind::Project, which)?;
            let mut data = project(dataset, id);
            data.contributions.push(Contribution { funder: FUNDERS[funder].into(), amount: centimes(value), kind: ContributionKind::Cash });
            Edit::UpdateProject { id, base_revision, project: data }
        }
        Step::AddDisbursement { which, centimes: value, funder } => {
            let (id, base_revision) = live(RecordKind::Project, which)?;
            let mut data = project(dataset, id);
            data.disbursements.push(Disbursement { paid_on: day(2024), funder: FUNDERS[funder].into(), amount: centimes(value) });
            Edit::UpdateProject { id, base_revision, project: data }
        }
        Step::MoveProject { which, cooperative, axis, approved } => {
            let (id, base_revision) = live(RecordKind::Project, which)?;
            let (owner, _) =
                pick(dataset, RecordKind::Cooperative, cooperative, cooperative % 4 == 0).or_else(|| live(RecordKind::Cooperative, cooperative))?;
            let mut data = project(dataset, id);
            data.cooperative = owner;
            data.axis = AXES[axis].into();
            data.cpdh_approved_on = approved.map(day);
            Edit::UpdateProject { id, base_revision, project: data }
        }
        Step::DeleteProject { which } => {
            let (id, base_revision) = live(RecordKind::Project, which)?;
            Edit::Delete { target: RecordRef { kind: RecordKind::Project, id }, base_revision }
        }
        Step::RestoreProject { which } => {
            let (id, base_revision) = pick(dataset, RecordKind::Project, which, true)?;
            Edit::Restore { target: RecordRef { kind: RecordKind::Project, id }, base_revision }
        }
        Step::UndoLast => Edit::Rollback(last_undo.clone()?),
        Step::RenameCommune { commune, name } => Edit::Reference(ReferenceChange::Rename {
            table: Table::Communes,
            code: COMMUNES[commune].into(),
            name_fr: format!("Commune {name}"),
            name_ar: format!("جماعة {name}"),
        }),
    })
}

/// One bucket being summed up by the straightforward computation.
#[derive(Default)]
struct Sum {
    cooperatives: BTreeSet<Id>,
    projects: Vec<Id>,
    total: Decimal,
    indh: Decimal,
}

impl Sum {
    fn add(&mut self, project: Id, cooperative: Id, total: Decimal, indh: Decimal) {
        self.cooperatives.insert(cooperative);
        self.projects.push(project);
        self.total += total;
        self.indh += indh;
    }
}

fn amount(sum: Decimal) -> Amount {
    Amount::from_decimal(sum).unwrap_or(Amount::MAX)
}

fn buckets<K: Ord, L>(sums: BTreeMap<K, Sum>, label: impl Fn(K) -> L) -> Vec<Bucket<L>> {
    sums.into_iter()
        .map(|(key, sum)| Bucket {
            key: label(key),
            cooperatives: sum.cooperatives.into_iter().collect(),
            projects: sum.projects,
            total_support: amount(sum.total),
            indh_contribution: amount(sum.indh),
        })
        .collect()
}

/// `part ÷ whole` of the normalised sums (the figures divide normalised sums, so that equal
/// sums give the same digits however they were added up).
fn ratio(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() { None } else { part.normalize().checked_div(whole.normalize()) }
}

/// The figures as first computed: every counted project in turn, into ordered maps.
fn straightforward(dataset: &Dataset, filter: &Filter) -> Figures {
    let reference = dataset.reference();
    let indh_of = |lines: &mut dyn Iterator<Item = (&String, Amount)>| -> Decimal {
        lines.filter(|(funder, _)| stats::is_indh_funder(reference, funder)).map(|(_, amount)| amount.to_decimal()).sum()
    };
    let mut funded_cooperatives: BTreeMap<Id, &Cooperative> = BTreeMap::new();
    let (mut projects_funded, mut total, mut indh, mut disbursed, mut jobs) = (0, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, People::default());
    let (mut by_milieu, mut by_commune, mut by_sector) = (BTreeMap::<u8, Sum>::new(), BTreeMap::<String, Sum>::new(), BTreeMap::<String, Sum>::new());
    let (mut by_year, mut by_axis) = (BTreeMap::<u16, Sum>::new(), BTreeMap::<String, Sum>::new());
    let (mut by_women_led, mut by_status) = (BTreeMap::<bool, Sum>::new(), BTreeMap::<ProjectStatus, Sum>::new());
    for (record, cooperative) in stats::counted_projects(dataset, filter) {
        let (project, coop) = (&record.data, &cooperative.data);
        let cost = project.total_cost.to_decimal();
        let project_indh = indh_of(&mut project.contributions.iter().map(|c| (&c.funder, c.amount)));
        let add = |sum: &mut Sum| sum.add(record.id, cooperative.id, cost, project_indh);
        add(by_status.entry(project.status).or_default());
        if !project.status.is_funded() {
            continue;
        }
        projects_funded += 1;
        total += cost;
        indh += project_indh;
        disbursed += indh_of(&mut project.disbursements.iter().map(|d| (&d.funder, d.amount)));
        jobs.total += u64::from(project.jobs.total);
        jobs.women += u64::from(project.jobs.women);
        jobs.youth += u64::from(project.jobs.youth);
        funded_cooperatives.insert(cooperative.id, coop);
        match coop.milieu(reference) {
            Some(Milieu::Rural) => add(by_milieu.entry(0).or_default()),
            Some(Milieu::Urban) => add(by_milieu.entry(1).or_default()),
            None => {}
        }
        add(by_commune.entry(coop.commune.clone()).or_default());
        add(by_sector.entry(coop.sector.clone()).or_default());
        add(by_year.entry(stats::project_year(project)).or_default());
        add(by_axis.entry(project.axis.clone()).or_default());
        add(by_women_led.entry(coop.is_women_led()).or_default());
    }
    let mut members = People::default();
    let (mut rural, mut urban, mut women_led) = (0, 0, 0);
    for coop in funded_cooperatives.values() {
        members.total += u64::from(coop.members.total);
        members.women += u64::from(coop.members.women);
        members.youth += u64::from(coop.members.youth);
        match coop.milieu(reference) {
            Some(Milieu::Rural) => rural += 1,
            Some(Milieu::Urban) => urban += 1,
            None => {}
        }
        women_led += u64::from(coop.is_women_led());
    }
    let rate = |part, whole| ratio(part, whole).and_then(taawun_core::rate::Rate::from_fraction);
    Figures {
        cooperatives_funded: funded_cooperatives.len() as u64,
        rural,
        urban,
        projects_funded,
        total_support: amount(total),
        indh_contribution: amount(indh),
        indh_share: rate(indh, total),
        leverage: ratio(total, indh),
        indh_disbursed: amount(disbursed),
        disbursement_rate: rate(disbursed, indh),
        women_led,
        members,
        jobs,
        by_milieu: buckets(by_milieu, |key| if key == 0 { Milieu::Rural } else { Milieu::Urban }),
        by_commune: buckets(by_commune, |key| key),
        by_sector: buckets(by_sector, |key| key),
        by_year: buckets(by_year, |key| key),
        by_axis: buckets(by_axis, |key| key),
        by_women_led: buckets(by_women_led, |key| key),
        by_status: buckets(by_status, |key| key),
    }
}

/// The funded projects by cooperative, computed straightforwardly.
fn straightforward_by_cooperative(dataset: &Dataset, filter: &Filter) -> Vec<Bucket<Id>> {
    let reference = dataset.reference();
    let mut sums: BTreeMap<Id, Sum> = BTreeMap::new();
    for (record, cooperative) in stats::funded_projects(dataset, filter) {
        let indh = record.data.contributions.iter().filter(|c| stats::is_indh_funder(reference, &c.funder)).map(|c| c.amount.to_decimal()).sum();
        sums.entry(cooperative.id).or_default().add(record.id, cooperative.id, record.data.total_cost.to_decimal(), indh);
    }
    buckets(sums, |id| id)
}

/// The largest supports, computed straightforwardly: most support first, then by name in the
/// language's order, then by id.
fn straightforward_largest(dataset: &Dataset, filter: &Filter, how_many: usize, lang: Lang) -> Vec<Point> {
    let mut points: Vec<Point> = straightforward_by_cooperative(dataset, filter)
        .into_iter()
        .map(|b| Point {
            label: Drill::Cooperative(b.key).label(dataset, lang),
            drill: Drill::Cooperative(b.key),
            cooperatives: 1,
            projects: b.projects.len() as u64,
            total_support: b.total_support,
            indh_contribution: b.indh_contribution,
        })
        .collect();
    points.sort_by_cached_key(|p| (std::cmp::Reverse(p.total_support.to_centimes()), fold::sort_key(&p.label), p.drill.code()));
    points.truncate(how_many);
    points
}

/// Every way the tally must agree with the figures computed from scratch.
fn agrees(tally: &Tally, dataset: &Dataset) -> Result<(), TestCaseError> {
    let everything = Filter::default();
    let figures = stats::compute(dataset, &everything);
    prop_assert_eq!(tally, &Tally::new(dataset), "updated by difference = counted from scratch");
    prop_assert_eq!(tally.figures(), &figures);
    prop_assert_eq!(&figures, &straightforward(dataset, &everything));
    prop_assert_eq!(stats::largest(dataset, &everything, 10, Lang::Fr), straightforward_largest(dataset, &everything, 10, Lang::Fr));
    prop_assert_eq!(tally.years(), stats::years(dataset));
    for lang in [Lang::Fr, Lang::Ar] {
        for how_many in [0, 1, 3, 10, usize::MAX] {
            prop_assert_eq!(tally.largest(dataset, how_many, lang), stats::largest(dataset, &everything, how_many, lang), "largest {}", how_many);
        }
    }
    for breakdown in [Breakdown::Milieu, Breakdown::Year, Breakdown::Commune, Breakdown::Sector, Breakdown::Axis, Breakdown::WomenLed] {
        prop_assert_eq!(stats::series(tally.figures(), breakdown, dataset, Lang::Fr), stats::series(&figures, breakdown, dataset, Lang::Fr));
    }
    Ok(())
}

pub(crate) fn filter() -> impl Strategy<Value = Filter> {
    (
        proptest::option::of((2016u16..2030, 0u16..6)),
        proptest::option::of(prop_oneof![Just("P3"), Just("P2")]),
        proptest::option::of(prop_oneof![Just("P3-ESS"), Just("P3-ENT")]),
        proptest::collection::vec(prop_oneof![Just("SLY"), Just("ASL"), Just("TNG-BMK"), Just("MNZ"), Just("NOWHERE")], 0..3),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(years, programme, axis, communes, milieu)| Filter {
            years: years.map(|(first, span)| (first, first + span)),
            programme: programme.map(str::to_owned),
            axis: axis.map(str::to_owned),
            communes: communes.into_iter().map(str::to_owned).collect(),
            milieu: milieu.map(|rural| if rural { Milieu::Rural } else { Milieu::Urban }),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_figures_equal_the_straightforward_computation_under_any_filter(
        seed in any::<u64>(), cooperatives in 0usize..12, projects in 0usize..25, filter in filter(),
    ) {
        let dataset = random(seed, cooperatives, projects);
        prop_assert_eq!(stats::compute(&dataset, &filter), straightforward(&dataset, &filter));
        prop_assert_eq!(stats::by_cooperative(&dataset, &filter), straightforward_by_cooperative(&dataset, &filter));
        for how_many in [0, 1, 5, usize::MAX] {
            prop_assert_eq!(stats::largest(&dataset, &filter, how_many, Lang::Ar), straightforward_largest(&dataset, &filter, how_many, Lang::Ar));
        }
    }

    #[test]
    fn a_tally_updated_edit_by_edit_equals_the_figures_computed_from_scratch(steps in proptest::collection::vec(step(), 1..40), filter in filter()) {
        let mut dataset = demo::dataset();
        let mut tally = Tally::new(&dataset);
        // A tally of some of the projects, kept the same way.
        let mut filtered = Tally::with_filter(&dataset, &filter);
        let mut next_id = 0x7a11_0000u128;
        let mut last_undo = None;
        for (n, step) in steps.iter().enumerate() {
            let Some(edit) = edit(&dataset, step, &mut next_id, &last_undo) else { continue };
            let outcome: Result<Applied, Refused> = dataset.apply(edit, &recorded(1_760_000_000_000 + n as i64 * 1000, 0x7a11));
            if let Ok(applied) = outcome {
                tally.applied(&dataset, &applied);
                filtered.applied(&dataset, &applied);
                last_undo = applied.rollback.map(Box::new);
            }
            agrees(&tally, &dataset)?;
            prop_assert_eq!(&filtered, &Tally::with_filter(&dataset, &filter));
            prop_assert_eq!(filtered.figures(), &straightforward(&dataset, &filter));
        }
    }
}

/// The demo with its tally, and a funded project with an INDH line.
fn demo_with_tally() -> (Dataset, Tally, Id) {
    let dataset = demo::dataset();
    let tally = Tally::new(&dataset);
    let funded =
        dataset.projects().live().find(|p| p.data.status.is_funded() && p.data.contributions.iter().any(|c| c.funder == "INDH")).map(|p| p.id).unwrap();
    (dataset, tally, funded)
}

fn apply(dataset: &mut Dataset, tally: &mut Tally, edit: Edit) {
    let applied = dataset.apply(edit, &recorded(1_760_000_000_000, 0x7a11)).unwrap();
    tally.applied(dataset, &applied);
}

#[test]
fn deleting_a_funded_project_takes_its_cost_and_indh_line_out_of_every_figure() {
    let (mut dataset, mut tally, funded) = demo_with_tally();
    let before = tally.figures().clone();
    let gone = project(&dataset, funded);
    let revision = dataset.projects().get(funded).unwrap().meta.revision;
    apply(&mut dataset, &mut tally, Edit::Delete { target: RecordRef { kind: RecordKind::Project, id: funded }, base_revision: revision });
    let after = tally.figures();
    assert_eq!(after, &stats::compute(&dataset, &Filter::default()));
    assert_eq!(after.projects_funded, before.projects_funded - 1);
    assert_eq!(after.total_support.to_decimal(), before.total_support.to_decimal() - gone.total_cost.to_decimal());
    assert!(after.by_year.iter().all(|b| !b.projects.contains(&funded)));
    assert!(after.by_status.iter().all(|b| !b.projects.contains(&funded)));
}

#[test]
fn moving_a_cooperative_to_another_commune_moves_its_projects_to_that_communes_bar() {
    let (mut dataset, mut tally, funded) = demo_with_tally();
    let owner = project(&dataset, funded).cooperative;
    let mut data = cooperative(&dataset, owner);
    let (from, to) = (data.commune.clone(), if data.commune == "HJN" { "ASL" } else { "HJN" });
    data.commune = to.into();
    data.milieu_override = None;
    let revision = dataset.cooperatives().get(owner).unwrap().meta.revision;
    apply(&mut dataset, &mut tally, Edit::UpdateCooperative { id: owner, base_revision: revision, cooperative: data });
    let figures = tally.figures();
    assert_eq!(figures, &stats::compute(&dataset, &Filter::default()));
    let bucket = |code: &str| figures.by_commune.iter().find(|b| b.key == code);
    assert!(bucket(to).is_some_and(|b| b.cooperatives.contains(&owner) && b.projects.contains(&funded)));
    assert!(bucket(&from).is_none_or(|b| !b.cooperatives.contains(&owner) && !b.projects.contains(&funded)));
}

#[test]
fn changing_an_indh_contribution_by_centimes_changes_the_indh_figures_by_those_centimes_exactly() {
    let (mut dataset, mut tally, funded) = demo_with_tally();
    let before = tally.figures().clone();
    let mut data = project(&dataset, funded);
    let line = data.contributions.iter_mut().find(|c| c.funder == "INDH").unwrap();
    let old = line.amount.to_decimal();
    line.amount = dh(&(old + Decimal::new(37, 2)).to_string());
    let revision = dataset.projects().get(funded).unwrap().meta.revision;
    apply(&mut dataset, &mut tally, Edit::UpdateProject { id: funded, base_revision: revision, project: data });
    let after = tally.figures();
    assert_eq!(after, &stats::compute(&dataset, &Filter::default()));
    assert_eq!(after.indh_contribution.to_decimal() - before.indh_contribution.to_decimal(), Decimal::new(37, 2));
    assert_eq!(after.total_support, before.total_support);
    assert_eq!(after.leverage, stats::compute(&dataset, &Filter::default()).leverage);
}

#[test]
fn renaming_a_cooperative_changes_only_its_name_among_the_largest_supports() {
    let (mut dataset, mut tally, _) = demo_with_tally();
    let first = tally.largest(&dataset, 10, Lang::Fr)[0].clone();
    let id = match first.drill {
        stats::Drill::Cooperative(id) => id,
        other => panic!("the largest supports are cooperatives, not {other:?}"),
    };
    let mut data = cooperative(&dataset, id);
    data.name_fr = "Coopérative renommée (fictive)".into();
    let revision = dataset.cooperatives().get(id).unwrap().meta.revision;
    apply(&mut dataset, &mut tally, Edit::UpdateCooperative { id, base_revision: revision, cooperative: data });
    let largest = tally.largest(&dataset, 10, Lang::Fr);
    assert_eq!(largest, stats::largest(&dataset, &Filter::default(), 10, Lang::Fr));
    assert_eq!(largest[0].label, "Coopérative renommée (fictive)");
    assert_eq!(largest[0].total_support, first.total_support);
}

#[test]
fn an_edit_of_a_visit_leaves_the_tally_as_it_was() {
    let mut dataset = demo::dataset();
    let (cooperative, project) = (dataset.cooperatives().all()[0].id, dataset.projects().all()[0].id);
    crate::sample::with_meeting(&mut dataset, cooperative, project);
    let mut tally = Tally::new(&dataset);
    let before = tally.clone();
    let visit = dataset.visits().live().next().unwrap();
    let (id, revision) = (visit.id, visit.meta.revision);
    apply(&mut dataset, &mut tally, Edit::Delete { target: RecordRef { kind: RecordKind::Visit, id }, base_revision: revision });
    assert_eq!(tally, before);
}
