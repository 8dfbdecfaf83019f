//! Statistics of funded projects: exact, deterministic, filterable, each breakdown with the ids
//! behind its buckets, and the headline sentence of a report in Arabic and French.
//!
//! Definitions:
//! - a project counts when it is live, its cooperative is live, and it passes the filter;
//! - **funded** means approved or later and neither rejected nor cancelled
//!   ([`ProjectStatus::is_funded`]);
//! - a project's **year** is the year of its CPDH approval (for a project not approved yet, or
//!   missing its approval date, the year of its call);
//! - **total support** is the sum of the funded projects' total costs; the **INDH contribution**
//!   the sum of their contribution lines whose funder has the INDH role;
//! - **leverage** is total support ÷ INDH contribution (each INDH dirham came with that many
//!   dirhams in all);
//! - the **disbursement rate** is INDH disbursed ÷ INDH committed, over funded projects;
//! - a cooperative is counted once however many funded projects it has; its milieu is its
//!   override or its commune's (a cooperative whose commune is unknown has no milieu and is in
//!   neither the rural nor the urban count);
//! - members are summed over funded cooperatives (each once), jobs over funded projects.
//!
//! Sums are exact decimals; shares are exact to 28 significant digits and rounded only for
//! display.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::Amount;
use crate::cooperative::Cooperative;
use crate::dataset::Dataset;
use crate::id::Id;
use crate::lang::Lang;
use crate::project::{Project, ProjectStatus};
use crate::rate::Rate;
use crate::record::Record;
use crate::reference::{FunderRole, Milieu, ReferenceData};
use crate::text::{self, Noun, PluralCategory};

mod definition;
mod drill;
mod selection;
mod series;
mod tally;

pub use definition::Figure;
pub use drill::{Behind, Drill, behind};
pub use selection::{KEYS as SELECTION_KEYS, Selection, milieu_code, milieu_of_code};
pub use series::{Breakdown, Point, by_cooperative, largest, series, share, total, years};
pub use tally::Tally;

/// Which projects the figures cover. The default covers everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First and last year (included) of the projects' year.
    pub years: Option<(u16, u16)>,
    /// Only this programme's projects.
    pub programme: Option<String>,
    /// Only this axis's projects.
    pub axis: Option<String>,
    /// Only cooperatives of these communes; empty means all.
    pub communes: Vec<String>,
    /// Only cooperatives of this milieu.
    pub milieu: Option<Milieu>,
}

/// Sums of people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct People {
    /// Everyone.
    pub total: u64,
    /// Women.
    pub women: u64,
    /// Young people.
    pub youth: u64,
}

/// One bucket of a breakdown: its key, the records in it and their sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket<K> {
    /// What the bucket gathers (a commune code, a year, a status…).
    pub key: K,
    /// The cooperatives in the bucket, each once, in id order.
    pub cooperatives: Vec<Id>,
    /// The projects in the bucket, in id order.
    pub projects: Vec<Id>,
    /// The sum of the projects' total costs.
    pub total_support: Amount,
    /// The sum of the projects' INDH lines.
    pub indh_contribution: Amount,
}

/// Everything a report or the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Cooperatives with at least one funded project.
    pub cooperatives_funded: u64,
    /// Of those, in a rural milieu.
    pub rural: u64,
    /// Of those, in an urban milieu.
    pub urban: u64,
    /// Funded projects.
    pub projects_funded: u64,
    /// Sum of the funded projects' total costs.
    pub total_support: Amount,
    /// Sum of their INDH lines.
    pub indh_contribution: Amount,
    /// INDH contribution ÷ total support; `None` when there is no support.
    pub indh_share: Option<Rate>,
    /// Total support ÷ INDH contribution; `None` without INDH contribution.
    pub leverage: Option<Decimal>,
    /// INDH disbursements on funded projects.
    pub indh_disbursed: Amount,
    /// INDH disbursed ÷ INDH committed; `None` without INDH contribution.
    pub disbursement_rate: Option<Rate>,
    /// Funded cooperatives that are women-led ([`Cooperative::is_women_led`]).
    pub women_led: u64,
    /// Members of the funded cooperatives.
    pub members: People,
    /// Jobs created by the funded projects.
    pub jobs: People,
    /// Funded projects by their cooperative's milieu (rural first).
    pub by_milieu: Vec<Bucket<Milieu>>,
    /// Funded projects by their cooperative's commune code.
    pub by_commune: Vec<Bucket<String>>,
    /// Funded projects by their cooperative's sector code.
    pub by_sector: Vec<Bucket<String>>,
    /// Funded projects by year.
    pub by_year: Vec<Bucket<u16>>,
    /// Funded projects by axis code.
    pub by_axis: Vec<Bucket<String>>,
    /// Funded projects by whether their cooperative is women-led (`false` first).
    pub by_women_led: Vec<Bucket<bool>>,
    /// All counted projects, funded or not, by status.
    pub by_status: Vec<Bucket<ProjectStatus>>,
}

/// An amount from an exact sum; sums beyond [`Amount::MAX`] (a quadrillion dirhams, only in
/// absurd data) are shown as that maximum.
fn amount(sum: Decimal) -> Amount {
    Amount::from_decimal(sum).unwrap_or(Amount::MAX)
}

fn ratio(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() { None } else { part.checked_div(whole) }
}

/// The INDH share, the leverage and the disbursement rate from the exact sums. The sums are
/// normalised first, so that equal sums reached in another order (a [`Tally`] adding and taking
/// away) divide into the very same digits.
fn rates(total: Decimal, indh: Decimal, disbursed: Decimal) -> (Option<Rate>, Option<Decimal>, Option<Rate>) {
    let (total, indh, disbursed) = (total.normalize(), indh.normalize(), disbursed.normalize());
    (ratio(indh, total).and_then(Rate::from_fraction), ratio(total, indh), ratio(disbursed, indh).and_then(Rate::from_fraction))
}

/// The year a project counts in: its CPDH approval year, or its call year before approval.
pub fn project_year(project: &Project) -> u16 {
    project.cpdh_approved_on.map_or(project.call.year, |date| date.year())
}

fn passes(dataset: &Dataset, filter: &Filter, project: &Project, cooperative: &Cooperative) -> bool {
    // The milieu is looked up only when the filter asks for one.
    let milieu = filter.milieu.and_then(|_| cooperative.milieu(dataset.reference()));
    admits(filter, project, &cooperative.commune, milieu)
}

/// Whether `filter` lets `project` count, its cooperative being in `commune` and `milieu` (the
/// milieu is read only when the filter names one).
fn admits(filter: &Filter, project: &Project, commune: &str, milieu: Option<Milieu>) -> bool {
    let year = project_year(project);
    filter.years.is_none_or(|(first, last)| (first..=last).contains(&year))
        && filter.programme.as_ref().is_none_or(|p| *p == project.programme)
        && filter.axis.as_ref().is_none_or(|a| *a == project.axis)
        && (filter.communes.is_empty() || filter.communes.iter().any(|c| c == commune))
        && filter.milieu.is_none_or(|m| milieu == Some(m))
}

/// Whether `code` names a funder with the INDH role in `reference` (retired or not).
///
/// ```
/// use taawun_core::{reference::ReferenceData, stats};
/// let reference = ReferenceData::builtin();
/// assert!(stats::is_indh_funder(&reference, "INDH"));
/// assert!(!stats::is_indh_funder(&reference, "ADS"));
/// ```
pub fn is_indh_funder(reference: &ReferenceData, code: &str) -> bool {
    reference.funder(code).is_some_and(|funder| funder.role == FunderRole::Indh)
}

/// The projects the figures count, with their cooperative, in project id order: live projects
/// of live cooperatives that pass `filter`, funded or not.
pub fn counted_projects<'a>(dataset: &'a Dataset, filter: &Filter) -> impl Iterator<Item = (&'a Record<Project>, &'a Record<Cooperative>)> + use<'a> {
    let filter = filter.clone();
    dataset.projects().live().filter_map(move |record| {
        let cooperative = dataset.cooperatives().get(record.data.cooperative).filter(|c| c.is_live())?;
        passes(dataset, &filter, &record.data, &cooperative.data).then_some((record, cooperative))
    })
}

/// The funded projects among [`counted_projects`]: the projects behind `projects_funded`.
///
/// ```
/// use taawun_core::{demo, stats::{self, Filter}};
/// let dataset = demo::dataset();
/// let filter = Filter::default();
/// assert_eq!(stats::funded_projects(&dataset, &filter).count() as u64, stats::compute(&dataset, &filter).projects_funded);
/// ```
pub fn funded_projects<'a>(dataset: &'a Dataset, filter: &Filter) -> impl Iterator<Item = (&'a Record<Project>, &'a Record<Cooperative>)> + use<'a> {
    counted_projects(dataset, filter).filter(|(project, _)| project.data.status.is_funded())
}

/// Computes every figure over the projects that pass `filter`.
///
/// ```
/// use taawun_core::{demo, stats::{self, Filter}};
/// let figures = stats::compute(&demo::dataset(), &Filter::default());
/// assert_eq!((figures.cooperatives_funded, figures.rural, figures.urban), (85, 33, 52));
/// ```
pub fn compute(dataset: &Dataset, filter: &Filter) -> Figures {
    // The dashboard's running tally and this computation are one and the same code: counted once
    // here, kept by difference there.
    Tally::with_filter(dataset, filter).into_figures()
}

/// The headline sentence of a report, in `lang`.
///
/// French: « 85 coopératives soutenues, dont 33 en milieu rural, pour 20,86 MDH de soutien
/// total, dont 13,17 MDH de l'INDH (63,1 %) ». Arabic: « 85 تعاونية مدعمة، منها 33 بالوسط
/// القروي، بدعم إجمالي قدره 20,86 مليون درهم، منها 13,17 مليون درهم من المبادرة الوطنية للتنمية
/// البشرية (63,1 %) ». Spaces inside numbers and before units are no-break spaces.
pub fn headline(figures: &Figures, lang: Lang) -> String {
    let cooperatives = text::count(figures.cooperatives_funded, Noun::Cooperative, lang);
    let total = text::amount_compact(figures.total_support, lang);
    let indh = text::amount_compact(figures.indh_contribution, lang);
    let share = figures.indh_share.map(|share| format!(" ({})", text::percent(share, lang))).unwrap_or_default();
    let rural = text::integer(figures.rural, lang);
    match lang {
        Lang::Fr => {
            let supported = if text::plural_category(figures.cooperatives_funded, lang) == PluralCategory::One { "soutenue" } else { "soutenues" };
            format!("{cooperatives} {supported}, dont {rural} en milieu rural, pour {total} de soutien total, dont {indh} de l'INDH{share}")
        }
        Lang::Ar => {
            let supported = if text::plural_category(figures.cooperatives_funded, lang) == PluralCategory::Two { "مدعمتان" } else { "مدعمة" };
            format!("{cooperatives} {supported}، منها {rural} بالوسط القروي، بدعم إجمالي قدره {total}، منها {indh} من المبادرة الوطنية للتنمية البشرية{share}")
        }
    }
}
