//! Chart-ready series: the buckets of a breakdown as labelled points in the order a chart shows
//! them, each with the drill-down that lists its records; the cooperatives with the most support;
//! the years there are; shares of a whole.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::amount::Amount;
use crate::dataset::Dataset;
use crate::fold;
use crate::id::Id;
use crate::lang::Lang;
use crate::rate::Rate;

use super::drill::Drill;
use super::{Bucket, Figures, Filter, Tally, amount, project_year};

/// A breakdown of the figures that a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Breakdown {
    /// By the cooperative's milieu, rural first.
    Milieu,
    /// By year, oldest first.
    Year,
    /// By the cooperative's commune, most support first.
    Commune,
    /// By the cooperative's sector, most cooperatives first.
    Sector,
    /// By programme axis, most support first.
    Axis,
    /// Women-led cooperatives first, then the others.
    WomenLed,
}

/// One point of a series: a bucket with its label in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The bucket, to list its records.
    pub drill: Drill,
    /// What the bucket gathers, in the series' language.
    pub label: String,
    /// The bucket's cooperatives, each once.
    pub cooperatives: u64,
    /// The bucket's funded projects.
    pub projects: u64,
    /// The sum of their total costs.
    pub total_support: Amount,
    /// The sum of their INDH lines.
    pub indh_contribution: Amount,
}

/// `part ÷ whole` as a rate; `None` when `whole` is zero.
///
/// ```
/// use taawun_core::{Lang, stats::share, text};
/// assert_eq!(share(33, 85).map(|r| text::percent(r, Lang::Fr)), Some("38,8\u{a0}%".to_owned()));
/// assert_eq!(share(1, 0), None);
/// ```
pub fn share(part: u64, whole: u64) -> Option<Rate> {
    if whole == 0 {
        return None;
    }
    Decimal::from(part).checked_div(Decimal::from(whole)).and_then(Rate::from_fraction)
}

fn point<K>(bucket: &Bucket<K>, drill: Drill, dataset: &Dataset, lang: Lang) -> Point {
    Point {
        label: drill.label(dataset, lang),
        drill,
        cooperatives: bucket.cooperatives.len() as u64,
        projects: bucket.projects.len() as u64,
        total_support: bucket.total_support,
        indh_contribution: bucket.indh_contribution,
    }
}

/// Larger first, then by label in the language's order, so equal values keep a fixed order.
///
/// The order is a text key (the value's complement in twenty digits, then [`fold::sort_key`]),
/// sorted as `(String, usize)` pairs: the same sort routine as the app's lists, so the browser's
/// download holds one sort rather than one per order. `value` is a function pointer for the same
/// reason.
pub(super) fn by_value_then_label(points: Vec<Point>, value: fn(&Point) -> u64) -> Vec<Point> {
    let mut keys: Vec<(String, usize)> =
        points.iter().enumerate().map(|(index, p)| (format!("{:020}{}", u64::MAX - value(p), fold::sort_key(&p.label)), index)).collect();
    crate::sorting::sort(&mut keys);
    let mut slots: Vec<Option<Point>> = points.into_iter().map(Some).collect();
    keys.into_iter().filter_map(|(_, index)| slots.get_mut(index).and_then(Option::take)).collect()
}

pub(super) fn support(point: &Point) -> u64 {
    point.total_support.to_centimes()
}

fn cooperatives(point: &Point) -> u64 {
    point.cooperatives
}

/// The points of a breakdown of `figures`, labelled in `lang`, in the order a chart shows them.
///
/// ```
/// use taawun_core::{Lang, demo, stats::{self, Breakdown, Filter}};
/// let dataset = demo::dataset();
/// let figures = stats::compute(&dataset, &Filter::default());
/// let milieu = stats::series(&figures, Breakdown::Milieu, &dataset, Lang::Fr);
/// assert_eq!(milieu.iter().map(|p| (p.label.as_str(), p.cooperatives)).collect::<Vec<_>>(), [("rural", 33), ("urbain", 52)]);
/// ```
pub fn series(figures: &Figures, breakdown: Breakdown, dataset: &Dataset, lang: Lang) -> Vec<Point> {
    match breakdown {
        Breakdown::Milieu => figures.by_milieu.iter().map(|b| point(b, Drill::Milieu(b.key), dataset, lang)).collect(),
        Breakdown::Year => figures.by_year.iter().map(|b| point(b, Drill::Year(b.key), dataset, lang)).collect(),
        Breakdown::Commune => by_value_then_label(figures.by_commune.iter().map(|b| point(b, Drill::Commune(b.key.clone()), dataset, lang)).collect(), support),
        Breakdown::Sector => {
            by_value_then_label(figures.by_sector.iter().map(|b| point(b, Drill::Sector(b.key.clone()), dataset, lang)).collect(), cooperatives)
        }
        Breakdown::Axis => by_value_then_label(figures.by_axis.iter().map(|b| point(b, Drill::Axis(b.key.clone()), dataset, lang)).collect(), support),
        Breakdown::WomenLed => figures.by_women_led.iter().rev().map(|b| point(b, Drill::WomenLed(b.key), dataset, lang)).collect(),
    }
}

/// The funded projects over `filter` by cooperative, in cooperative id order: the same projects,
/// amounts and INDH lines as [`super::compute`] counts.
pub fn by_cooperative(dataset: &Dataset, filter: &Filter) -> Vec<Bucket<Id>> {
    Tally::with_filter(dataset, filter).by_cooperative()
}

/// The `how_many` cooperatives with the most support over `filter`, most first, labelled with
/// their names in `lang`.
///
/// ```
/// use taawun_core::{Lang, demo, stats::{self, Filter}};
/// let largest = stats::largest(&demo::dataset(), &Filter::default(), 5, Lang::Fr);
/// assert_eq!(largest.len(), 5);
/// assert!(largest[0].total_support >= largest[4].total_support);
/// ```
pub fn largest(dataset: &Dataset, filter: &Filter, how_many: usize, lang: Lang) -> Vec<Point> {
    Tally::with_filter(dataset, filter).largest(dataset, how_many, lang)
}

/// The years of every counted project (funded or not), oldest first: the period a person can
/// choose from.
///
/// ```
/// use taawun_core::{demo, stats};
/// assert_eq!(stats::years(&demo::dataset()), (2019..=2025).collect::<Vec<u16>>());
/// ```
pub fn years(dataset: &Dataset) -> Vec<u16> {
    let mut years = BTreeSet::new();
    for record in dataset.projects().live() {
        if dataset.cooperatives().get(record.data.cooperative).is_some_and(|c| c.is_live()) {
            years.insert(project_year(&record.data));
        }
    }
    years.into_iter().collect()
}

/// The sum of the points' values, exactly, for a table's total line.
pub fn total(points: &[Point], value: impl Fn(&Point) -> Amount) -> Amount {
    amount(points.iter().map(|p| value(p).to_decimal()).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Selection, compute};
    use crate::{demo, text};

    #[test]
    fn each_breakdown_adds_up_to_the_headline_figures() {
        let dataset = demo::dataset();
        let figures = compute(&dataset, &Filter::default());
        for breakdown in [Breakdown::Year, Breakdown::Commune, Breakdown::Axis, Breakdown::WomenLed, Breakdown::Sector, Breakdown::Milieu] {
            let points = series(&figures, breakdown, &dataset, Lang::Fr);
            assert_eq!(total(&points, |p| p.total_support), figures.total_support, "{breakdown:?}");
            assert_eq!(total(&points, |p| p.indh_contribution), figures.indh_contribution, "{breakdown:?}");
            assert_eq!(points.iter().map(|p| p.projects).sum::<u64>(), figures.projects_funded, "{breakdown:?}");
        }
    }

    #[test]
    fn the_cooperatives_add_up_to_the_headline_figures() {
        let dataset = demo::dataset();
        let filter = Selection { from: Some(2022), milieu: Some(crate::reference::Milieu::Urban), ..Selection::default() }.filter(dataset.reference());
        let figures = compute(&dataset, &filter);
        let buckets = by_cooperative(&dataset, &filter);
        assert_eq!(buckets.len() as u64, figures.cooperatives_funded);
        assert_eq!(amount(buckets.iter().map(|b| b.total_support.to_decimal()).sum()), figures.total_support);
        assert_eq!(amount(buckets.iter().map(|b| b.indh_contribution.to_decimal()).sum()), figures.indh_contribution);
    }

    #[test]
    fn years_run_oldest_first_and_bars_largest_first() {
        let dataset = demo::dataset();
        let figures = compute(&dataset, &Filter::default());
        let years: Vec<String> = series(&figures, Breakdown::Year, &dataset, Lang::Ar).into_iter().map(|p| p.label).collect();
        assert_eq!(years, (2019..=2025).map(|y| y.to_string()).collect::<Vec<_>>());
        let communes = series(&figures, Breakdown::Commune, &dataset, Lang::Fr);
        assert!(communes.windows(2).all(|w| w[0].total_support >= w[1].total_support));
        let sectors = series(&figures, Breakdown::Sector, &dataset, Lang::Fr);
        assert!(sectors.windows(2).all(|w| w[0].cooperatives >= w[1].cooperatives));
        let largest = largest(&dataset, &Filter::default(), 10, Lang::Fr);
        assert_eq!(largest.len(), 10);
        assert!(largest.windows(2).all(|w| w[0].total_support >= w[1].total_support));
    }

    #[test]
    fn labels_are_in_the_language_asked_and_women_led_come_first() {
        let dataset = demo::dataset();
        let figures = compute(&dataset, &Filter::default());
        let women = series(&figures, Breakdown::WomenLed, &dataset, Lang::Ar);
        assert_eq!(women.first().map(|p| p.drill.clone()), Some(Drill::WomenLed(true)));
        assert_eq!(women.first().map(|p| p.cooperatives), Some(figures.women_led));
        let communes = series(&figures, Breakdown::Commune, &dataset, Lang::Ar);
        assert!(communes.iter().any(|p| p.label == "أصيلة"));
    }

    #[test]
    fn shares_are_exact_and_shown_with_one_decimal() {
        assert_eq!(share(52, 85).map(|r| text::percent(r, Lang::Ar)), Some("61,2\u{a0}%".to_owned()));
        assert_eq!(share(0, 3).map(|r| r.to_percent()), Some(Decimal::ZERO));
        assert_eq!(share(3, 3), Some(Rate::WHOLE));
    }
}
