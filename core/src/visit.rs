//! The visit aggregate: a follow-up (accompaniment, مواكبة) visit to a cooperative, with what was
//! seen and advised and when to come back; and the lists the follow-up works from (cooperatives
//! never visited, visits overdue).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::date::Date;
use crate::id::Id;
use crate::lang::Lang;

/// One follow-up visit to a cooperative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// The cooperative visited.
    pub cooperative: Id,
    /// The day of the visit; never before the cooperative's creation.
    pub date: Date,
    /// Who visited (names, free text).
    pub visitor: String,
    /// Why.
    pub purpose: String,
    /// How the cooperative was found.
    pub state: ObservedState,
    /// What was seen.
    pub observations: String,
    /// What was advised, what it needs, next steps.
    pub recommendations: String,
    /// When to come back; after the visit.
    pub next_visit_on: Option<Date>,
}

/// How a visit found the cooperative working.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservedState {
    /// Working.
    Active,
    /// Working, with serious difficulties.
    InDifficulty,
    /// Not working.
    Dormant,
}

impl ObservedState {
    /// Every state, best first.
    pub const ALL: [ObservedState; 3] = [ObservedState::Active, ObservedState::InDifficulty, ObservedState::Dormant];

    /// The state as a user reads it.
    ///
    /// ```
    /// use taawun_core::{visit::ObservedState, Lang};
    /// assert_eq!(ObservedState::InDifficulty.name(Lang::Fr), "en difficulté");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        let (ar, fr) = match self {
            ObservedState::Active => ("نشيطة", "active"),
            ObservedState::InDifficulty => ("في وضعية صعبة", "en difficulté"),
            ObservedState::Dormant => ("متوقفة عن النشاط", "en sommeil"),
        };
        match lang {
            Lang::Ar => ar,
            Lang::Fr => fr,
        }
    }
}

/// The latest live visit of each cooperative visited (by date, then id), by cooperative id.
pub fn latest_visits(dataset: &Dataset) -> BTreeMap<Id, (Id, &Visit)> {
    let mut latest: BTreeMap<Id, (Id, &Visit)> = BTreeMap::new();
    for record in dataset.visits().live() {
        let visit = &record.data;
        let newer = latest.get(&visit.cooperative).is_none_or(|(id, known)| (visit.date, record.id) > (known.date, *id));
        if newer {
            latest.insert(visit.cooperative, (record.id, visit));
        }
    }
    latest
}

/// The live visits of one cooperative, latest first: its visit history.
pub fn visits_of(dataset: &Dataset, cooperative: Id) -> Vec<(Id, &Visit)> {
    let mut visits: Vec<(Id, &Visit)> = dataset.visits().live().filter(|r| r.data.cooperative == cooperative).map(|r| (r.id, &r.data)).collect();
    visits.sort_by(|a, b| (b.1.date, b.0).cmp(&(a.1.date, a.0)));
    visits
}

/// The live cooperatives still working (not dissolved or struck off) that no live visit went
/// to, in id order.
pub fn never_visited(dataset: &Dataset) -> Vec<Id> {
    let latest = latest_visits(dataset);
    dataset
        .cooperatives()
        .live()
        .filter(|c| c.data.status.may_receive_new_project() && !latest.contains_key(&c.id))
        .map(|c| c.id)
        .collect()
}

/// A cooperative whose next visit was due before today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    /// The cooperative.
    pub cooperative: Id,
    /// Its latest visit.
    pub last_visit: Id,
    /// When the next visit was due.
    pub due_on: Date,
    /// How many days late, on `today`.
    pub days_late: i32,
}

/// The live cooperatives whose latest visit set a next visit date before `today`, most late
/// first: a later visit clears it, a visit without a next date clears it.
pub fn overdue(dataset: &Dataset, today: Date) -> Vec<Overdue> {
    let mut late: Vec<Overdue> = latest_visits(dataset)
        .into_iter()
        .filter(|(cooperative, _)| dataset.cooperatives().get(*cooperative).is_some_and(|c| c.is_live()))
        .filter_map(|(cooperative, (last_visit, visit))| {
            let due_on = visit.next_visit_on.filter(|due| *due < today)?;
            Some(Overdue { cooperative, last_visit, due_on, days_late: today.days_since_epoch() - due_on.days_since_epoch() })
        })
        .collect();
    late.sort_by(|a, b| b.days_late.cmp(&a.days_late).then(a.cooperative.cmp(&b.cooperative)));
    late
}
