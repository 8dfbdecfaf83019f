//! `Tally`: the unfiltered figures of [`super::compute`], the years there are and the largest
//! supports, built once from a dataset and then kept up to date by difference after each edit
//! (take away what the changed record counted for before, add what it counts for now), so that
//! an edit costs the same whatever the size of the data. Sums stay exact decimals.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::amount::Amount;
use crate::cooperative::Cooperative;
use crate::dataset::{Applied, Dataset};
use crate::id::Id;
use crate::lang::Lang;
use crate::project::{Project, ProjectStatus};
use crate::record::{Record, RecordKind, RecordRef};
use crate::reference::{Milieu, ReferenceData};

use super::drill::Drill;
use super::series::{by_value_then_label, support};
use super::{Bucket, Figures, People, Point, amount, is_indh_funder, project_year, rates};

/// What one counted project (live, of a live cooperative) adds to the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Counted {
    cooperative: Id,
    status: ProjectStatus,
    year: u16,
    axis: String,
    cost: Decimal,
    indh: Decimal,
    disbursed: Decimal,
    jobs: People,
}

impl Counted {
    fn of(project: &Project, reference: &ReferenceData) -> Counted {
        let indh = |funder: &str| is_indh_funder(reference, funder);
        Counted {
            cooperative: project.cooperative,
            status: project.status,
            year: project_year(project),
            axis: project.axis.clone(),
            cost: project.total_cost.to_decimal(),
            indh: project.contributions.iter().filter(|c| indh(&c.funder)).map(|c| c.amount.to_decimal()).sum(),
            disbursed: project.disbursements.iter().filter(|d| indh(&d.funder)).map(|d| d.amount.to_decimal()).sum(),
            jobs: People { total: u64::from(project.jobs.total), women: u64::from(project.jobs.women), youth: u64::from(project.jobs.youth) },
        }
    }
}

/// What the figures read of a live cooperative.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Facts {
    commune: String,
    sector: String,
    milieu: Option<Milieu>,
    women_led: bool,
    members: People,
}

impl Facts {
    fn of(cooperative: &Cooperative, reference: &ReferenceData) -> Facts {
        let members = &cooperative.members;
        Facts {
            commune: cooperative.commune.clone(),
            sector: cooperative.sector.clone(),
            milieu: cooperative.milieu(reference),
            women_led: cooperative.is_women_led(),
            members: People { total: u64::from(members.total), women: u64::from(members.women), youth: u64::from(members.youth) },
        }
    }
}

/// The exact sums behind a bucket, and how many of its projects each of its cooperatives has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Sums {
    projects_of: BTreeMap<Id, u32>,
    total: Decimal,
    indh: Decimal,
}

/// The buckets' sums, one list per breakdown, each in the order of its buckets in [`Figures`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct BucketSums {
    milieu: Vec<Sums>,
    commune: Vec<Sums>,
    sector: Vec<Sums>,
    year: Vec<Sums>,
    axis: Vec<Sums>,
    women_led: Vec<Sums>,
    status: Vec<Sums>,
}

/// A funded cooperative's funded projects and their sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Support {
    projects: u64,
    total: Decimal,
    indh: Decimal,
}

impl Support {
    /// The order of the largest supports: most support first, as the chart shows it.
    fn rank(&self, cooperative: Id) -> (Reverse<u64>, Id) {
        (Reverse(amount(self.total).to_centimes()), cooperative)
    }
}

/// How a breakdown knows its cooperatives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whose {
    /// By the project (year, axis, status): a cooperative is in a bucket while one of its
    /// projects is, so each bucket counts its cooperatives' projects.
    Project,
    /// By the cooperative (milieu, commune, sector, women-led): all of a cooperative's funded
    /// projects are in its one bucket, where it is from its first funded project to its last;
    /// `true` when this project is that first or last.
    Cooperative(bool),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    In,
    Out,
}

impl Way {
    fn apply(self, sum: &mut Decimal, value: Decimal) {
        match self {
            Way::In => *sum += value,
            Way::Out => *sum -= value,
        }
    }

    fn count(self, count: &mut u64, value: u64) {
        match self {
            Way::In => *count += value,
            Way::Out => *count = count.saturating_sub(value),
        }
    }

    fn people(self, people: &mut People, value: People) {
        self.count(&mut people.total, value.total);
        self.count(&mut people.women, value.women);
        self.count(&mut people.youth, value.youth);
    }
}

fn insert_sorted(ids: &mut Vec<Id>, id: Id) {
    if let Err(at) = ids.binary_search(&id) {
        ids.insert(at, id);
    }
}

fn remove_sorted(ids: &mut Vec<Id>, id: Id) {
    if let Ok(at) = ids.binary_search(&id) {
        ids.remove(at);
    }
}

/// Rural first, as [`super::compute`] orders the milieux.
fn milieu_order(a: &Milieu, b: &Milieu) -> Ordering {
    let rank = |m: &Milieu| u8::from(*m == Milieu::Urban);
    rank(a).cmp(&rank(b))
}

/// Moves one project into or out of the bucket `key` of a breakdown; a bucket is made for its
/// first project and goes with its last, as [`super::compute`] has a bucket only where a project is.
#[allow(clippy::too_many_arguments)]
fn shift<K: Clone>(
    buckets: &mut Vec<Bucket<K>>,
    sums: &mut Vec<Sums>,
    key: &K,
    order: fn(&K, &K) -> Ordering,
    whose: Whose,
    project: Id,
    counted: &Counted,
    way: Way,
) {
    let found = buckets.binary_search_by(|bucket| order(&bucket.key, key));
    let at = match (found, way) {
        (Ok(at), _) => at,
        (Err(at), Way::In) => {
            let empty = Bucket { key: key.clone(), cooperatives: Vec::new(), projects: Vec::new(), total_support: Amount::ZERO, indh_contribution: Amount::ZERO };
            buckets.insert(at, empty);
            sums.insert(at, Sums::default());
            at
        }
        // Nothing to take away from a bucket that is not there.
        (Err(_), Way::Out) => return,
    };
    let (Some(bucket), Some(sum)) = (buckets.get_mut(at), sums.get_mut(at)) else { return };
    let cooperative = counted.cooperative;
    match way {
        Way::In => {
            insert_sorted(&mut bucket.projects, project);
            let first = match whose {
                Whose::Cooperative(first) => first,
                Whose::Project => {
                    let count = sum.projects_of.entry(cooperative).or_insert(0);
                    *count += 1;
                    *count == 1
                }
            };
            if first {
                insert_sorted(&mut bucket.cooperatives, cooperative);
            }
        }
        Way::Out => {
            remove_sorted(&mut bucket.projects, project);
            if bucket.projects.is_empty() {
                buckets.remove(at);
                sums.remove(at);
                return;
            }
            let last = match whose {
                Whose::Cooperative(last) => last,
                Whose::Project => match sum.projects_of.get_mut(&cooperative) {
                    Some(count) if *count > 1 => {
                        *count -= 1;
                        false
                    }
                    _ => sum.projects_of.remove(&cooperative).is_some(),
                },
            };
            if last {
                remove_sorted(&mut bucket.cooperatives, cooperative);
            }
        }
    }
    way.apply(&mut sum.total, counted.cost);
    way.apply(&mut sum.indh, counted.indh);
    bucket.total_support = amount(sum.total);
    bucket.indh_contribution = amount(sum.indh);
}

/// The figures of the whole dataset (no filter), the years there are and the largest supports,
/// kept up to date by difference.
///
/// Built once with [`Tally::new`]; after each edit, [`Tally::applied`] takes away what the
/// changed record counted for and adds what it counts for now (for a cooperative: each of its
/// projects, since its commune, sector, milieu, members or deletion change where they count).
/// At every moment [`Tally::figures`] equals `stats::compute(dataset, &Filter::default())`,
/// [`Tally::years`] equals `stats::years(dataset)` and [`Tally::largest`] equals
/// `stats::largest(dataset, &Filter::default(), …)`.
///
/// ```
/// use taawun_core::{demo, stats::{self, Filter, Tally}};
/// let dataset = demo::dataset();
/// let tally = Tally::new(&dataset);
/// assert_eq!(*tally.figures(), stats::compute(&dataset, &Filter::default()));
/// assert_eq!(tally.years(), stats::years(&dataset));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    figures: Figures,
    /// The exact sums of the funded projects (the figures hold them as amounts).
    total: Decimal,
    indh: Decimal,
    disbursed: Decimal,
    sums: BucketSums,
    /// The live projects, with the cooperative each names.
    cooperative_of: BTreeMap<Id, Id>,
    /// The live projects of each cooperative id (the cooperative may be deleted or unknown).
    projects_of: BTreeMap<Id, BTreeSet<Id>>,
    /// The live cooperatives.
    facts: BTreeMap<Id, Facts>,
    /// The counted projects: live, of a live cooperative.
    counted: BTreeMap<Id, Counted>,
    /// The cooperatives with at least one funded counted project.
    funded: BTreeMap<Id, Support>,
    /// The same, most support first.
    ranking: BTreeSet<(Reverse<u64>, Id)>,
    /// Whether `ranking` is kept (not while `new` counts everything: it is made at the end).
    ranked: bool,
    /// How many counted projects each year has.
    years: BTreeMap<u16, u64>,
}

impl Tally {
    /// Counts every record of `dataset`, as [`super::compute`] does with no filter.
    pub fn new(dataset: &Dataset) -> Tally {
        let reference = dataset.reference();
        let mut tally = Tally {
            figures: Figures::nothing(),
            total: Decimal::ZERO,
            indh: Decimal::ZERO,
            disbursed: Decimal::ZERO,
            sums: BucketSums::default(),
            cooperative_of: BTreeMap::new(),
            projects_of: BTreeMap::new(),
            facts: dataset.cooperatives().live().map(|c| (c.id, Facts::of(&c.data, reference))).collect(),
            counted: BTreeMap::new(),
            funded: BTreeMap::new(),
            ranking: BTreeSet::new(),
            ranked: false,
            years: BTreeMap::new(),
        };
        for record in dataset.projects().live() {
            tally.learn(record, reference);
        }
        tally.ranking = tally.funded.iter().map(|(id, support)| support.rank(*id)).collect();
        tally.ranked = true;
        tally.finish();
        tally
    }

    /// Brings the tally up to date after `Dataset::apply` carried out an edit and answered
    /// `applied`: the record it names is counted again; a change of the reference data (which
    /// names no record) can move every figure, and counts everything again.
    pub fn applied(&mut self, dataset: &Dataset, applied: &Applied) {
        match applied.record {
            Some(changed) => self.changed(dataset, changed),
            None => *self = Tally::new(dataset),
        }
    }

    /// Brings the tally up to date after `changed` changed in `dataset` (created, updated,
    /// deleted, restored, merged or rolled back). Only projects and cooperatives count.
    pub fn changed(&mut self, dataset: &Dataset, changed: RecordRef) {
        let reference = dataset.reference();
        match changed.kind {
            RecordKind::Project => {
                self.forget(changed.id);
                if let Some(record) = dataset.projects().get(changed.id).filter(|r| r.is_live()) {
                    self.learn(record, reference);
                }
            }
            RecordKind::Cooperative => {
                let projects: Vec<Id> = self.projects_of.get(&changed.id).map(|p| p.iter().copied().collect()).unwrap_or_default();
                for project in &projects {
                    self.uncount(*project);
                }
                self.facts.remove(&changed.id);
                if let Some(record) = dataset.cooperatives().get(changed.id).filter(|r| r.is_live()) {
                    self.facts.insert(changed.id, Facts::of(&record.data, reference));
                }
                for project in projects {
                    if let Some(record) = dataset.projects().get(project) {
                        self.count(record, reference);
                    }
                }
            }
            RecordKind::Rulebook | RecordKind::Meeting | RecordKind::Visit | RecordKind::Story => return,
        }
        self.finish();
    }

    /// The figures of the whole dataset: `stats::compute(dataset, &Filter::default())`.
    pub fn figures(&self) -> &Figures {
        &self.figures
    }

    /// The years of every counted project, oldest first: `stats::years(dataset)`.
    pub fn years(&self) -> Vec<u16> {
        self.years.keys().copied().collect()
    }

    /// The `how_many` cooperatives with the most support, most first, labelled with their names
    /// in `lang` from `dataset` (the one this tally counts): `stats::largest(dataset,
    /// &Filter::default(), how_many, lang)`, reading only the cooperatives that can be among them.
    pub fn largest(&self, dataset: &Dataset, how_many: usize, lang: Lang) -> Vec<Point> {
        // Every cooperative with as much support as the last one shown, since ties are ordered
        // by name.
        let mut chosen: Vec<Id> = Vec::new();
        let mut last = None;
        for (Reverse(centimes), id) in &self.ranking {
            if chosen.len() >= how_many && last != Some(*centimes) {
                break;
            }
            chosen.push(*id);
            last = Some(*centimes);
        }
        chosen.sort_unstable();
        let points = chosen
            .into_iter()
            .filter_map(|id| {
                let support = self.funded.get(&id)?;
                let drill = Drill::Cooperative(id);
                Some(Point {
                    label: drill.label(dataset, lang),
                    drill,
                    cooperatives: 1,
                    projects: support.projects,
                    total_support: amount(support.total),
                    indh_contribution: amount(support.indh),
                })
            })
            .collect();
        let mut points = by_value_then_label(points, support);
        points.truncate(how_many);
        points
    }

    /// Notes a live project, and counts it if its cooperative is live.
    fn learn(&mut self, record: &Record<Project>, reference: &ReferenceData) {
        let cooperative = record.data.cooperative;
        self.cooperative_of.insert(record.id, cooperative);
        self.projects_of.entry(cooperative).or_default().insert(record.id);
        self.count(record, reference);
    }

    /// Forgets a project: takes away what it counted for and where it was noted.
    fn forget(&mut self, project: Id) {
        self.uncount(project);
        if let Some(cooperative) = self.cooperative_of.remove(&project)
            && let Some(projects) = self.projects_of.get_mut(&cooperative)
        {
            projects.remove(&project);
            if projects.is_empty() {
                self.projects_of.remove(&cooperative);
            }
        }
    }

    /// Adds what a live project counts for, if its cooperative is live.
    fn count(&mut self, record: &Record<Project>, reference: &ReferenceData) {
        if !record.is_live() || !self.facts.contains_key(&record.data.cooperative) {
            return;
        }
        let counted = Counted::of(&record.data, reference);
        self.shift(record.id, &counted, Way::In);
        self.counted.insert(record.id, counted);
    }

    /// Takes away what a project counted for, if it counted.
    fn uncount(&mut self, project: Id) {
        if let Some(counted) = self.counted.remove(&project) {
            self.shift(project, &counted, Way::Out);
        }
    }

    /// Moves one counted project into or out of every figure, with its cooperative's facts.
    fn shift(&mut self, project: Id, counted: &Counted, way: Way) {
        let Some(facts) = self.facts.get(&counted.cooperative) else { return };
        let figures = &mut self.figures;
        let sums = &mut self.sums;
        shift(&mut figures.by_status, &mut sums.status, &counted.status, Ord::cmp, Whose::Project, project, counted, way);
        let in_year = self.years.entry(counted.year).or_insert(0);
        way.count(in_year, 1);
        if *in_year == 0 {
            self.years.remove(&counted.year);
        }
        if !counted.status.is_funded() {
            return;
        }
        way.count(&mut figures.projects_funded, 1);
        way.apply(&mut self.total, counted.cost);
        way.apply(&mut self.indh, counted.indh);
        way.apply(&mut self.disbursed, counted.disbursed);
        way.people(&mut figures.jobs, counted.jobs);

        // The cooperative: funded from its first funded project to its last.
        let cooperative = counted.cooperative;
        let before = self.funded.get(&cooperative).copied().unwrap_or_default();
        let mut after = before;
        way.count(&mut after.projects, 1);
        way.apply(&mut after.total, counted.cost);
        way.apply(&mut after.indh, counted.indh);
        if self.ranked {
            if before.projects > 0 {
                self.ranking.remove(&before.rank(cooperative));
            }
            if after.projects > 0 {
                self.ranking.insert(after.rank(cooperative));
            }
        }
        if after.projects > 0 {
            self.funded.insert(cooperative, after);
        } else {
            self.funded.remove(&cooperative);
        }
        let flips = (before.projects == 0) != (after.projects == 0);
        if flips {
            let way = if after.projects > 0 { Way::In } else { Way::Out };
            way.count(&mut figures.cooperatives_funded, 1);
            match facts.milieu {
                Some(Milieu::Rural) => way.count(&mut figures.rural, 1),
                Some(Milieu::Urban) => way.count(&mut figures.urban, 1),
                None => {}
            }
            if facts.women_led {
                way.count(&mut figures.women_led, 1);
            }
            way.people(&mut figures.members, facts.members);
        }

        let by_cooperative = Whose::Cooperative(flips);
        if let Some(milieu) = &facts.milieu {
            shift(&mut figures.by_milieu, &mut sums.milieu, milieu, milieu_order, by_cooperative, project, counted, way);
        }
        shift(&mut figures.by_commune, &mut sums.commune, &facts.commune, Ord::cmp, by_cooperative, project, counted, way);
        shift(&mut figures.by_sector, &mut sums.sector, &facts.sector, Ord::cmp, by_cooperative, project, counted, way);
        shift(&mut figures.by_year, &mut sums.year, &counted.year, Ord::cmp, Whose::Project, project, counted, way);
        shift(&mut figures.by_axis, &mut sums.axis, &counted.axis, Ord::cmp, Whose::Project, project, counted, way);
        shift(&mut figures.by_women_led, &mut sums.women_led, &facts.women_led, Ord::cmp, by_cooperative, project, counted, way);
    }

    /// Writes the sums into the figures, with the rates computed from them.
    fn finish(&mut self) {
        let figures = &mut self.figures;
        figures.total_support = amount(self.total);
        figures.indh_contribution = amount(self.indh);
        figures.indh_disbursed = amount(self.disbursed);
        (figures.indh_share, figures.leverage, figures.disbursement_rate) = rates(self.total, self.indh, self.disbursed);
    }
}

impl Figures {
    /// The figures of no project at all.
    fn nothing() -> Figures {
        Figures {
            cooperatives_funded: 0,
            rural: 0,
            urban: 0,
            projects_funded: 0,
            total_support: Amount::ZERO,
            indh_contribution: Amount::ZERO,
            indh_share: None,
            leverage: None,
            indh_disbursed: Amount::ZERO,
            disbursement_rate: None,
            women_led: 0,
            members: People::default(),
            jobs: People::default(),
            by_milieu: Vec::new(),
            by_commune: Vec::new(),
            by_sector: Vec::new(),
            by_year: Vec::new(),
            by_axis: Vec::new(),
            by_women_led: Vec::new(),
            by_status: Vec::new(),
        }
    }
}
