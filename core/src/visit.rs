//! The visit aggregate: a follow-up (accompaniment, مواكبة) visit to a cooperative, with what was
//! seen, what it needs, what comes next and when to come back; and the lists the follow-up works from (cooperatives
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
    /// What was seen: the findings.
    pub observations: String,
    /// What the cooperative needs (training, equipment, financing, …).
    pub needs: String,
    /// What was agreed to do next, by the cooperative or the team.
    pub next_steps: String,
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
    let visits: Vec<(Id, &Visit)> = dataset.visits().live().filter(|r| r.data.cooperative == cooperative).map(|r| (r.id, &r.data)).collect();
    // Earliest first by a fixed-width key (days offset to stay positive, then the id), reversed.
    let mut visits = crate::fold::sorted_by_key(visits, |(id, visit)| format!("{:011}{id}", i64::from(visit.date.days_since_epoch()) + (1 << 32)));
    visits.reverse();
    visits
}

/// The live cooperatives still working (not dissolved or struck off) that no live visit went
/// to, in id order.
pub fn never_visited(dataset: &Dataset) -> Vec<Id> {
    let latest = latest_visits(dataset);
    dataset.cooperatives().live().filter(|c| c.data.status.may_receive_new_project() && !latest.contains_key(&c.id)).map(|c| c.id).collect()
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
    let late: Vec<Overdue> = latest_visits(dataset)
        .into_iter()
        .filter(|(cooperative, _)| dataset.cooperatives().get(*cooperative).is_some_and(|c| c.is_live()))
        .filter_map(|(cooperative, (last_visit, visit))| {
            let due_on = visit.next_visit_on.filter(|due| *due < today)?;
            Some(Overdue { cooperative, last_visit, due_on, days_late: today.days_since_epoch() - due_on.days_since_epoch() })
        })
        .collect();
    crate::fold::sorted_by_key(late, |o| format!("{}{}", crate::fold::descending(o.days_late.max(0) as u64), o.cooperative))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Edit, EditContext};
    use crate::finding::Code;
    use crate::record::{Author, Timestamp};

    fn form() -> EditContext {
        EditContext::form(Author { at: Timestamp::EPOCH, user: "Salma".into(), device: Id::from_u128(1), device_name: "tablette".into() })
    }

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn visit(cooperative: Id, date: Date, next: Option<Date>) -> Visit {
        Visit {
            cooperative,
            date,
            visitor: "Équipe DAS".into(),
            purpose: "Suivi".into(),
            state: ObservedState::Active,
            observations: String::new(),
            needs: String::new(),
            next_steps: String::new(),
            next_visit_on: next,
        }
    }

    /// The demo cooperative with the latest creation date, and that date.
    fn youngest(data: &Dataset) -> (Id, Date) {
        data.cooperatives().live().filter_map(|c| c.data.created_on.map(|d| (c.id, d))).max_by_key(|(_, d)| *d).unwrap()
    }

    #[test]
    fn a_visit_cannot_precede_the_cooperative_s_creation() {
        let mut data = crate::demo::dataset();
        let (cooperative, created) = youngest(&data);
        let before = created.checked_add_days(-1).unwrap();
        let refused = data.apply(Edit::CreateVisit { id: Id::from_u128(9), visit: visit(cooperative, before, None) }, &form()).unwrap_err();
        assert_eq!(refused.findings.iter().map(|f| f.code).collect::<Vec<_>>(), vec![Code::DatesOutOfOrder]);
        assert!(refused.findings[0].path.to_string().ends_with(".date"));
        data.apply(Edit::CreateVisit { id: Id::from_u128(9), visit: visit(cooperative, created, None) }, &form()).unwrap();
    }

    #[test]
    fn a_visit_to_an_unknown_cooperative_or_with_the_next_visit_before_it_is_refused() {
        let mut data = crate::demo::dataset();
        let unknown = visit(Id::from_u128(0xbad), day(2025, 8, 1), None);
        let refused = data.apply(Edit::CreateVisit { id: Id::from_u128(9), visit: unknown }, &form()).unwrap_err();
        assert_eq!(refused.findings[0].code, Code::CooperativeMissing);
        let (cooperative, _) = youngest(&data);
        let backwards = visit(cooperative, day(2025, 8, 1), Some(day(2025, 8, 1)));
        let refused = data.apply(Edit::CreateVisit { id: Id::from_u128(9), visit: backwards }, &form()).unwrap_err();
        assert_eq!(refused.findings[0].code, Code::DatesOutOfOrder);
    }

    #[test]
    fn a_visit_is_overdue_when_its_next_date_passed_and_no_later_visit_came() {
        let mut data = crate::demo::dataset();
        let today = day(2025, 9, 20);
        let late: Vec<Id> = overdue(&data, today).iter().map(|o| o.cooperative).collect();
        // The demo's visits ask to come back on 1 and 15 September and 22 October.
        assert_eq!(late.len(), 2);
        let first = overdue(&data, today)[0].clone();
        assert_eq!((first.due_on, first.days_late), (day(2025, 9, 1), 19));
        assert!(overdue(&data, day(2025, 9, 1)).iter().all(|o| o.cooperative != first.cooperative));
        data.apply(Edit::CreateVisit { id: Id::from_u128(9), visit: visit(first.cooperative, day(2025, 9, 18), Some(day(2025, 12, 1))) }, &form()).unwrap();
        let late_now: Vec<Id> = overdue(&data, today).iter().map(|o| o.cooperative).collect();
        assert_eq!(late_now.len(), 1);
        assert!(!late_now.contains(&first.cooperative));
        assert_eq!(visits_of(&data, first.cooperative).len(), 2);
        assert_eq!(visits_of(&data, first.cooperative)[0].1.date, day(2025, 9, 18));
    }

    #[test]
    fn cooperatives_never_visited_leave_the_list_when_visited() {
        let mut data = crate::demo::dataset();
        let never = never_visited(&data);
        assert_eq!(never.len(), 85 - latest_visits(&data).len());
        let cooperative = never[0];
        let created = data.cooperatives().get(cooperative).unwrap().data.created_on.unwrap_or(day(2020, 1, 1));
        data.apply(Edit::CreateVisit { id: Id::from_u128(9), visit: visit(cooperative, created, None) }, &form()).unwrap();
        assert!(!never_visited(&data).contains(&cooperative));
        assert_eq!(never_visited(&Dataset::new(crate::reference::ReferenceData::builtin())), Vec::<Id>::new());
    }
}
