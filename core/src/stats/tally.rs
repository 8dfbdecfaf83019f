//! `Tally`: the figures of [`super::compute`], the years there are and the largest supports,
//! counted once from a dataset and then kept up to date by difference after each edit (take
//! away what the changed record counted for before, add what it counts for now), so that an
//! edit costs the same whatever the size of the data. Sums stay exact decimals.
//! [`super::compute`] is a tally counted once; the dashboard keeps the tally of everything.
//!
//! Its lists are vectors sorted by key rather than `BTreeMap`s: the code of a `BTreeMap` is
//! generated anew for every key and value type, and this module is in the app's start download
//! (the dashboard is its home page).

use std::cmp::Ordering;

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
use super::{Bucket, Figures, Filter, People, Point, admits, amount, is_indh_funder, project_year, rates};

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

/// A live project: the cooperative it names, and what it counts for while that one is live.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    cooperative: Id,
    counted: Option<Counted>,
}

/// A live cooperative's funded projects and their sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Support {
    projects: u64,
    total: Decimal,
    indh: Decimal,
    /// `total` in centimes, as the largest supports are ordered.
    centimes: u64,
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

/// A cooperative id that is live or named by a live project.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// What the figures read of the cooperative, while it is live.
    facts: Option<Facts>,
    /// Its funded counted projects.
    support: Support,
    /// The live projects naming it, in id order.
    projects: Vec<Id>,
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

/// Values by key, sorted by key, each key once.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sorted<K, V>(Vec<(K, V)>);

impl<K: Ord + Copy, V> Sorted<K, V> {
    fn find(&self, key: K) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(&key))
    }

    fn get(&self, key: K) -> Option<&V> {
        self.find(key).ok().and_then(|at| self.0.get(at)).map(|(_, value)| value)
    }

    fn get_mut(&mut self, key: K) -> Option<&mut V> {
        let at = self.find(key).ok()?;
        self.0.get_mut(at).map(|(_, value)| value)
    }

    fn insert(&mut self, key: K, value: V) {
        match self.find(key) {
            Ok(at) => {
                if let Some(slot) = self.0.get_mut(at) {
                    slot.1 = value;
                }
            }
            Err(at) => self.0.insert(at, (key, value)),
        }
    }

    fn remove(&mut self, key: K) -> Option<V> {
        let at = self.find(key).ok()?;
        Some(self.0.remove(at).1)
    }
}

fn insert_sorted<T: Ord>(list: &mut Vec<T>, item: T) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}

fn remove_sorted<T: Ord>(list: &mut Vec<T>, item: &T) {
    if let Ok(at) = list.binary_search(item) {
        list.remove(at);
    }
}

/// The exact sums behind a bucket (the bucket holds them as amounts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Sums {
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    In,
    Out,
}

impl Way {
    fn apply(self, sum: &mut Decimal, value: Decimal) {
        // One addition, of the value or of its opposite: exact either way.
        *sum += if self == Way::In { value } else { -value };
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

/// One project moving into or out of the buckets.
struct Move {
    project: Id,
    cooperative: Id,
    cost: Decimal,
    indh: Decimal,
    way: Way,
    /// While [`Tally::new`] counts everything, in project id order: projects are appended, and
    /// the buckets' cooperatives are listed once at the end.
    bulk: bool,
}

/// Rural first, as [`super::compute`] orders the milieux.
fn milieu_order(a: &Milieu, b: &Milieu) -> Ordering {
    let rank = |m: &Milieu| u8::from(*m == Milieu::Urban);
    rank(a).cmp(&rank(b))
}

/// Moves a project into or out of one bucket; `joins`: its cooperative enters or leaves the
/// bucket with it (its first or last project there). Returns whether the bucket is left empty.
fn move_in_bucket(projects: &mut Vec<Id>, cooperatives: &mut Vec<Id>, amounts: [&mut Amount; 2], sums: &mut Sums, joins: bool, moved: &Move) -> bool {
    match (moved.way, moved.bulk) {
        (Way::In, true) => projects.push(moved.project),
        (Way::In, false) => {
            insert_sorted(projects, moved.project);
            if joins {
                insert_sorted(cooperatives, moved.cooperative);
            }
        }
        (Way::Out, _) => {
            remove_sorted(projects, &moved.project);
            if joins {
                remove_sorted(cooperatives, &moved.cooperative);
            }
        }
    }
    moved.way.apply(&mut sums.total, moved.cost);
    moved.way.apply(&mut sums.indh, moved.indh);
    // In bulk the amounts are written once at the end (`Tally::bucket_amounts`).
    if !moved.bulk {
        let [total, indh] = amounts;
        *total = amount(sums.total);
        *indh = amount(sums.indh);
    }
    projects.is_empty()
}

/// Moves a project into or out of the bucket `key` of a breakdown: a bucket is made for its
/// first project and goes with its last, as [`super::compute`] has a bucket only where a project is.
fn shift<K: Clone>(buckets: &mut Vec<Bucket<K>>, sums: &mut Vec<Sums>, key: &K, order: fn(&K, &K) -> Ordering, joins: bool, moved: &Move) {
    let at = match (buckets.binary_search_by(|bucket| order(&bucket.key, key)), moved.way) {
        (Ok(at), _) => at,
        (Err(at), Way::In) => {
            let empty =
                Bucket { key: key.clone(), cooperatives: Vec::new(), projects: Vec::new(), total_support: Amount::ZERO, indh_contribution: Amount::ZERO };
            buckets.insert(at, empty);
            sums.insert(at, Sums::default());
            at
        }
        // Nothing to take away from a bucket that is not there.
        (Err(_), Way::Out) => return,
    };
    let (Some(bucket), Some(sum)) = (buckets.get_mut(at), sums.get_mut(at)) else { return };
    let amounts = [&mut bucket.total_support, &mut bucket.indh_contribution];
    if move_in_bucket(&mut bucket.projects, &mut bucket.cooperatives, amounts, sum, joins, moved) {
        buckets.remove(at);
        sums.remove(at);
    }
}

/// Lists `cooperative` in the bucket `key`, after the cooperatives of smaller ids.
fn list_in<K>(buckets: &mut [Bucket<K>], key: &K, order: fn(&K, &K) -> Ordering, cooperative: Id) {
    if let Ok(at) = buckets.binary_search_by(|bucket| order(&bucket.key, key))
        && let Some(bucket) = buckets.get_mut(at)
        && bucket.cooperatives.last() != Some(&cooperative)
    {
        bucket.cooperatives.push(cooperative);
    }
}

/// The figures of the projects that pass a filter (every project for [`Tally::new`]), their
/// years and the largest supports, kept up to date by difference.
///
/// Counted once with [`Tally::new`] or [`Tally::with_filter`]; after each edit,
/// [`Tally::applied`] takes away what the changed record counted for and adds what it counts
/// for now (for a cooperative: each of its projects, since its commune, sector, milieu, members
/// or deletion change where they count). At every moment it equals a tally counted afresh:
/// [`Tally::figures`] is `stats::compute(dataset, &filter)` and [`Tally::largest`] is
/// `stats::largest(dataset, &filter, …)`; with no filter, [`Tally::years`] is
/// `stats::years(dataset)`.
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
    /// Which projects count (every one for the dashboard's tally).
    filter: Filter,
    figures: Figures,
    /// The exact sums of the funded projects (the figures hold them as amounts).
    total: Decimal,
    indh: Decimal,
    disbursed: Decimal,
    sums: BucketSums,
    /// The live cooperatives, and the ids live projects name (deleted or unknown cooperatives).
    cooperatives: Sorted<Id, Entry>,
    /// The live projects.
    projects: Sorted<Id, Link>,
    /// How many counted projects each year has.
    years: Sorted<u16, u64>,
}

impl Tally {
    /// Counts every record of `dataset`: the figures of [`super::compute`] with no filter.
    pub fn new(dataset: &Dataset) -> Tally {
        Tally::with_filter(dataset, &Filter::default())
    }

    /// Counts the projects of `dataset` that pass `filter`. [`super::compute`] is this tally's
    /// figures; the dashboard keeps the tally of no filter.
    #[inline(never)]
    pub fn with_filter(dataset: &Dataset, filter: &Filter) -> Tally {
        let reference = dataset.reference();
        // Records are kept sorted by id: the lists by id come out sorted.
        let live: Vec<&Record<Project>> = dataset.projects().live().collect();
        let mut tally = Tally {
            filter: filter.clone(),
            figures: Figures::nothing(),
            total: Decimal::ZERO,
            indh: Decimal::ZERO,
            disbursed: Decimal::ZERO,
            sums: BucketSums::default(),
            cooperatives: Sorted(
                dataset
                    .cooperatives()
                    .live()
                    .map(|c| (c.id, Entry { facts: Some(Facts::of(&c.data, reference)), support: Support::default(), projects: Vec::new() }))
                    .collect(),
            ),
            projects: Sorted(live.iter().map(|p| (p.id, Link { cooperative: p.data.cooperative, counted: None })).collect()),
            years: Sorted(Vec::new()),
        };
        for record in &live {
            tally.note(record.data.cooperative, record.id);
        }
        for record in live {
            tally.count(record, reference, true);
        }
        tally.list_cooperatives();
        for (_, entry) in &mut tally.cooperatives.0 {
            entry.support.centimes = amount(entry.support.total).to_centimes();
        }
        tally.bucket_amounts();
        tally.finish();
        tally
    }

    /// Brings the tally up to date after `Dataset::apply` carried out an edit and answered
    /// `applied`: the record it names is counted again; a change of the reference data (which
    /// names no record) can move every figure, and counts everything again.
    pub fn applied(&mut self, dataset: &Dataset, applied: &Applied) {
        match applied.record {
            Some(changed) => self.changed(dataset, changed),
            None => *self = Tally::with_filter(dataset, &self.filter),
        }
    }

    /// Brings the tally up to date after `changed` changed in `dataset` (created, updated,
    /// deleted, restored, merged or rolled back). Only projects and cooperatives count.
    pub fn changed(&mut self, dataset: &Dataset, changed: RecordRef) {
        let reference = dataset.reference();
        let id = changed.id;
        match changed.kind {
            RecordKind::Project => {
                self.uncount(id);
                if let Some(link) = self.projects.remove(id) {
                    self.unnote(link.cooperative, id);
                }
                if let Some(record) = dataset.projects().get(id).filter(|r| r.is_live()) {
                    self.projects.insert(id, Link { cooperative: record.data.cooperative, counted: None });
                    self.note(record.data.cooperative, id);
                    self.count(record, reference, false);
                }
            }
            RecordKind::Cooperative => {
                let projects = self.cooperatives.get(id).map(|entry| entry.projects.clone()).unwrap_or_default();
                for project in &projects {
                    self.uncount(*project);
                }
                // Its support is nothing now that none of its projects counts.
                let facts = dataset.cooperatives().get(id).filter(|r| r.is_live()).map(|r| Facts::of(&r.data, reference));
                if facts.is_none() && projects.is_empty() {
                    self.cooperatives.remove(id);
                } else {
                    self.cooperatives.insert(id, Entry { facts, support: Support::default(), projects: projects.clone() });
                }
                for project in projects {
                    if let Some(record) = dataset.projects().get(project) {
                        self.count(record, reference, false);
                    }
                }
            }
            RecordKind::Rulebook | RecordKind::Meeting | RecordKind::Visit | RecordKind::Story => return,
        }
        self.finish();
    }

    /// The figures, the tally done with.
    pub fn into_figures(self) -> Figures {
        self.figures
    }

    /// The figures: `stats::compute(dataset, &filter)`.
    pub fn figures(&self) -> &Figures {
        &self.figures
    }

    /// The years of the counted projects, oldest first (with no filter: `stats::years(dataset)`).
    pub fn years(&self) -> Vec<u16> {
        self.years.0.iter().map(|(year, _)| *year).collect()
    }

    /// The `how_many` cooperatives with the most support, most first, labelled with their names
    /// in `lang` from `dataset` (the one this tally counts): `stats::largest(dataset, &filter,
    /// how_many, lang)`, naming only the cooperatives that can be among them.
    pub fn largest(&self, dataset: &Dataset, how_many: usize, lang: Lang) -> Vec<Point> {
        let funded = || self.cooperatives.0.iter().filter(|(_, entry)| entry.support.projects > 0);
        // The `how_many` largest supports, largest first; every cooperative with as much as the
        // last of them can be shown, since ties are ordered by name.
        let mut largest: Vec<u64> = Vec::new();
        for (_, entry) in funded() {
            let centimes = entry.support.centimes;
            if largest.len() < how_many || largest.last().is_some_and(|last| centimes > *last) {
                let at = largest.partition_point(|larger| *larger >= centimes);
                largest.insert(at, centimes);
                largest.truncate(how_many);
            }
        }
        let Some(least) = largest.last().copied() else { return Vec::new() };
        let points = funded()
            .filter(|(_, entry)| entry.support.centimes >= least)
            .map(|(id, entry)| {
                let (support, drill) = (entry.support, Drill::Cooperative(*id));
                Point {
                    label: drill.label(dataset, lang),
                    drill,
                    cooperatives: 1,
                    projects: support.projects,
                    total_support: amount(support.total),
                    indh_contribution: amount(support.indh),
                }
            })
            .collect();
        let mut points = by_value_then_label(points, support);
        points.truncate(how_many);
        points
    }

    /// The funded projects by cooperative, in cooperative id order: `stats::by_cooperative`.
    pub(super) fn by_cooperative(&self) -> Vec<Bucket<Id>> {
        let funded = |project: &Id| self.projects.get(*project).and_then(|link| link.counted.as_ref()).is_some_and(|c| c.status.is_funded());
        self.cooperatives
            .0
            .iter()
            .filter(|(_, entry)| entry.support.projects > 0)
            .map(|(id, entry)| Bucket {
                key: *id,
                cooperatives: vec![*id],
                projects: entry.projects.iter().copied().filter(funded).collect(),
                total_support: amount(entry.support.total),
                indh_contribution: amount(entry.support.indh),
            })
            .collect()
    }

    /// Notes that the live project `project` names `cooperative`.
    fn note(&mut self, cooperative: Id, project: Id) {
        match self.cooperatives.get_mut(cooperative) {
            Some(entry) => insert_sorted(&mut entry.projects, project),
            None => self.cooperatives.insert(cooperative, Entry { facts: None, support: Support::default(), projects: vec![project] }),
        }
    }

    /// Forgets that `project` names `cooperative`.
    fn unnote(&mut self, cooperative: Id, project: Id) {
        if let Some(entry) = self.cooperatives.get_mut(cooperative) {
            remove_sorted(&mut entry.projects, &project);
            if entry.facts.is_none() && entry.projects.is_empty() {
                self.cooperatives.remove(cooperative);
            }
        }
    }

    /// Lists each bucket's cooperatives, once [`Tally::new`] counted every project: going
    /// through the cooperatives in id order lists them in that order, each once.
    fn list_cooperatives(&mut self) {
        let f = &mut self.figures;
        for (id, entry) in &self.cooperatives.0 {
            if let Some(facts) = entry.facts.as_ref().filter(|_| entry.support.projects > 0) {
                if let Some(milieu) = &facts.milieu {
                    list_in(&mut f.by_milieu, milieu, milieu_order, *id);
                }
                list_in(&mut f.by_commune, &facts.commune, Ord::cmp, *id);
                list_in(&mut f.by_sector, &facts.sector, Ord::cmp, *id);
                list_in(&mut f.by_women_led, &facts.women_led, Ord::cmp, *id);
            }
            for counted in entry.projects.iter().filter_map(|p| self.projects.get(*p).and_then(|link| link.counted.as_ref())) {
                list_in(&mut f.by_status, &counted.status, Ord::cmp, *id);
                if counted.status.is_funded() {
                    list_in(&mut f.by_year, &counted.year, Ord::cmp, *id);
                    list_in(&mut f.by_axis, &counted.axis, Ord::cmp, *id);
                }
            }
        }
    }

    /// Adds what a live project counts for, if its cooperative is live and it passes the filter.
    fn count(&mut self, record: &Record<Project>, reference: &ReferenceData, bulk: bool) {
        let Some(facts) = self.cooperatives.get(record.data.cooperative).and_then(|entry| entry.facts.as_ref()) else { return };
        if !record.is_live() || !admits(&self.filter, &record.data, &facts.commune, facts.milieu) {
            return;
        }
        let counted = Counted::of(&record.data, reference);
        self.shift(record.id, &counted, Way::In, bulk);
        if let Some(link) = self.projects.get_mut(record.id) {
            link.counted = Some(counted);
        }
    }

    /// Takes away what a project counted for, if it counted.
    fn uncount(&mut self, project: Id) {
        if let Some(counted) = self.projects.get_mut(project).and_then(|link| link.counted.take()) {
            self.shift(project, &counted, Way::Out, false);
        }
    }

    /// Whether no counted project of the cooperative other than `project` is like it by `like`
    /// (then the cooperative enters or leaves a bucket with this project).
    #[inline(never)]
    fn alone(&self, project: Id, counted: &Counted, like: fn(&Counted, &Counted) -> bool) -> bool {
        let projects = self.cooperatives.get(counted.cooperative).map_or(&[][..], |entry| &entry.projects[..]);
        !projects.iter().any(|other| *other != project && self.projects.get(*other).and_then(|link| link.counted.as_ref()).is_some_and(|o| like(o, counted)))
    }

    /// Moves one counted project (not counted yet when it comes in, no longer counted when it
    /// goes out) into or out of every figure, with its cooperative's facts.
    fn shift(&mut self, project: Id, counted: &Counted, way: Way, bulk: bool) {
        let cooperative = counted.cooperative;
        let moved = Move { project, cooperative, cost: counted.cost, indh: counted.indh, way, bulk };
        let funded = counted.status.is_funded();
        // Computed before anything moves; in bulk the cooperatives are listed at the end.
        let alone = |like: fn(&Counted, &Counted) -> bool| bulk || self.alone(project, counted, like);
        let alone_in_status = alone(|a, b| a.status == b.status);
        let alone_in_year = alone(|a, b| a.status.is_funded() && a.year == b.year);
        let alone_in_axis = alone(|a, b| a.status.is_funded() && a.axis == b.axis);

        let in_year = self.years.get(counted.year).copied().unwrap_or(0);
        match (way, in_year) {
            (Way::In, _) => self.years.insert(counted.year, in_year + 1),
            (Way::Out, 0 | 1) => {
                self.years.remove(counted.year);
            }
            (Way::Out, _) => self.years.insert(counted.year, in_year - 1),
        }
        let figures = &mut self.figures;
        shift(&mut figures.by_status, &mut self.sums.status, &counted.status, Ord::cmp, alone_in_status, &moved);
        if !funded {
            return;
        }
        way.count(&mut figures.projects_funded, 1);
        way.apply(&mut self.total, counted.cost);
        way.apply(&mut self.indh, counted.indh);
        way.apply(&mut self.disbursed, counted.disbursed);
        way.people(&mut figures.jobs, counted.jobs);

        // The cooperative: funded from its first funded project to its last.
        let Some(entry) = self.cooperatives.get_mut(cooperative) else { return };
        let before = entry.support;
        let after = &mut entry.support;
        way.count(&mut after.projects, 1);
        way.apply(&mut after.total, counted.cost);
        way.apply(&mut after.indh, counted.indh);
        if !bulk {
            after.centimes = amount(after.total).to_centimes();
        }
        let after = *after;
        let Some(facts) = self.cooperatives.get(cooperative).and_then(|entry| entry.facts.as_ref()) else { return };
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
        // By the cooperative: all its funded projects are in its one bucket, where it is from
        // its first funded project to its last.
        let sums = &mut self.sums;
        if let Some(milieu) = &facts.milieu {
            shift(&mut figures.by_milieu, &mut sums.milieu, milieu, milieu_order, flips, &moved);
        }
        shift(&mut figures.by_commune, &mut sums.commune, &facts.commune, Ord::cmp, flips, &moved);
        shift(&mut figures.by_sector, &mut sums.sector, &facts.sector, Ord::cmp, flips, &moved);
        shift(&mut figures.by_women_led, &mut sums.women_led, &facts.women_led, Ord::cmp, flips, &moved);
        shift(&mut figures.by_year, &mut sums.year, &counted.year, Ord::cmp, alone_in_year, &moved);
        shift(&mut figures.by_axis, &mut sums.axis, &counted.axis, Ord::cmp, alone_in_axis, &moved);
    }

    /// Writes every bucket's sums into its amounts, once [`Tally::new`] counted every project.
    fn bucket_amounts(&mut self) {
        fn write<K>(buckets: &mut [Bucket<K>], sums: &[Sums]) {
            for (bucket, sum) in buckets.iter_mut().zip(sums) {
                bucket.total_support = amount(sum.total);
                bucket.indh_contribution = amount(sum.indh);
            }
        }
        let (f, s) = (&mut self.figures, &self.sums);
        write(&mut f.by_milieu, &s.milieu);
        write(&mut f.by_commune, &s.commune);
        write(&mut f.by_sector, &s.sector);
        write(&mut f.by_year, &s.year);
        write(&mut f.by_axis, &s.axis);
        write(&mut f.by_women_led, &s.women_led);
        write(&mut f.by_status, &s.status);
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
