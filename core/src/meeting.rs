//! The meeting aggregate: a gathering of cooperatives (the International Day of Cooperatives
//! meeting, an information day) with its agenda, invitation list, attendance taken at the door as
//! one check-in per cooperative, testimonials, challenges raised and follow-up actions; and the
//! figures derived from it (who came, out of whom).

mod attendance;
mod report;
mod time;

pub use attendance::{Attendance, AttendanceError, Attendee, CheckIn, CheckInError};
pub use report::{MeetingReport, ReportSection, SheetRow, attendance_sheet};
pub use time::{TimeOfDay, TimeOfDayError};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cooperative::CooperativeStatus;
use crate::dataset::Dataset;
use crate::date::Date;
use crate::id::Id;
use crate::lang::Lang;
use crate::reference::Milieu;
use crate::text::{self, Localised};

/// A meeting of the prefecture with cooperatives.
///
/// Attendance is never a counter: each cooperative (or walk-in) present has one [`CheckIn`].
/// The invitation list, the attendance, the testimonials and the challenges are *sets*: when two
/// tablets record them during the same meeting, a merge keeps what both added and what either
/// removed, and asks about an element both changed differently ([`crate::fields::join_set`]). They are kept sorted, so that both devices hold the same list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Title in Arabic.
    pub title_ar: String,
    /// Title in French.
    pub title_fr: String,
    /// The day it takes place.
    pub date: Date,
    /// When it starts, local time; `None` when not set.
    pub start_time: Option<TimeOfDay>,
    /// Where (free text: "Dar Chabab Hasnouna, Tanger").
    pub place: String,
    /// Who organises it: funder or partner codes of the reference data.
    pub organisers: Vec<String>,
    /// Who takes part as partner: funder or partner codes of the reference data.
    pub partners: Vec<String>,
    /// The presentations, in the order they are given.
    pub agenda: Vec<Presentation>,
    /// The cooperatives invited, sorted by id.
    pub invited: Vec<Id>,
    /// Who came: one check-in per cooperative or walk-in.
    pub attendance: Attendance,
    /// What cooperatives said, sorted.
    pub testimonials: Vec<Testimonial>,
    /// The difficulties raised, sorted.
    pub challenges: Vec<Challenge>,
    /// What is to be done after the meeting, by whom and when.
    pub follow_ups: Vec<FollowUp>,
}

/// One presentation of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    /// Its title, in either language.
    pub title: String,
    /// The presenting organisation: a funder or partner code of the reference data.
    pub presenter: String,
}

/// What a cooperative said at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Testimonial {
    /// The cooperative that spoke.
    pub cooperative: Id,
    /// The language it is written in.
    pub lang: Lang,
    /// What it said.
    pub text: String,
}

/// A difficulty raised at the meeting, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// What is hard.
    pub text: String,
    /// What it is about, sorted, each once.
    pub tags: Vec<ChallengeTag>,
}

/// What a challenge is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeTag {
    /// Selling: markets, prices, packaging, labels.
    Marketing,
    /// Money: loans, working capital, funding delays.
    Financing,
    /// Skills and training.
    Training,
    /// Law, registration, taxes, permits.
    Legal,
    /// Machines, premises, tools.
    Equipment,
    /// Anything else.
    Other,
}

impl ChallengeTag {
    /// Every tag, in display order.
    pub const ALL: [ChallengeTag; 6] =
        [ChallengeTag::Marketing, ChallengeTag::Financing, ChallengeTag::Training, ChallengeTag::Legal, ChallengeTag::Equipment, ChallengeTag::Other];

    /// The tag as a user reads it.
    ///
    /// ```
    /// use taawun_core::{meeting::ChallengeTag, Lang};
    /// assert_eq!(ChallengeTag::Marketing.name(Lang::Fr), "commercialisation");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        let (ar, fr) = match self {
            ChallengeTag::Marketing => ("التسويق", "commercialisation"),
            ChallengeTag::Financing => ("التمويل", "financement"),
            ChallengeTag::Training => ("التكوين", "formation"),
            ChallengeTag::Legal => ("الجانب القانوني", "questions juridiques"),
            ChallengeTag::Equipment => ("التجهيز", "équipement"),
            ChallengeTag::Other => ("أخرى", "autre"),
        };
        match lang {
            Lang::Ar => ar,
            Lang::Fr => fr,
        }
    }
}

/// Something to do after the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// What is to be done.
    pub text: String,
    /// Who does it (a person or an organisation, free text).
    pub owner: String,
    /// By when, if a date was set.
    pub due_on: Option<Date>,
    /// Whether it is done.
    pub done: bool,
}

impl FollowUp {
    /// Whether it is still to be done although its due date is before `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.done && self.due_on.is_some_and(|due| due < today)
    }
}

impl Meeting {
    /// A meeting with a title, a date and a place, and nothing else yet.
    pub fn new(title_ar: impl Into<String>, title_fr: impl Into<String>, date: Date, place: impl Into<String>) -> Meeting {
        Meeting {
            title_ar: title_ar.into(),
            title_fr: title_fr.into(),
            date,
            start_time: None,
            place: place.into(),
            organisers: Vec::new(),
            partners: Vec::new(),
            agenda: Vec::new(),
            invited: Vec::new(),
            attendance: Attendance::default(),
            testimonials: Vec::new(),
            challenges: Vec::new(),
            follow_ups: Vec::new(),
        }
    }

    /// The same meeting with its set fields sorted and each element once, as
    /// [`Dataset::apply`] stores it (a merge unites sorted sets).
    pub fn normalised(mut self) -> Meeting {
        self.invited = crate::fields::union(&self.invited, &[]);
        self.testimonials = crate::fields::union(&self.testimonials, &[]);
        for challenge in &mut self.challenges {
            challenge.tags = crate::fields::union(&challenge.tags, &[]);
        }
        self.challenges = crate::fields::union(&self.challenges, &[]);
        self
    }

    /// The title in `lang`, falling back on the other language when it is empty.
    pub fn title(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ar => (&self.title_ar, &self.title_fr),
            Lang::Fr => (&self.title_fr, &self.title_ar),
        };
        if first.trim().is_empty() { second } else { first }
    }

    /// Invites every cooperative of `ids` not invited yet.
    pub fn invite(&mut self, ids: &[Id]) {
        self.invited = crate::fields::union(&self.invited, ids);
    }

    /// Whether the cooperative is on the invitation list.
    pub fn is_invited(&self, cooperative: Id) -> bool {
        self.invited.binary_search(&cooperative).is_ok()
    }

    /// Who came, out of whom, and a breakdown of the cooperatives present; computed from the
    /// check-ins and the cooperatives of `dataset`.
    pub fn turnout(&self, dataset: &Dataset) -> Turnout {
        let mut turnout = Turnout { invited: self.invited.len(), ..Turnout::default() };
        let mut milieus: BTreeMap<Milieu, usize> = BTreeMap::new();
        let mut sectors: BTreeMap<String, usize> = BTreeMap::new();
        for check_in in self.attendance.check_ins() {
            turnout.people += u64::from(check_in.people());
            turnout.women += u64::from(check_in.women());
            let cooperative = match check_in.attendee() {
                Attendee::WalkIn(_) => {
                    turnout.walk_ins += 1;
                    continue;
                }
                Attendee::Cooperative(id) => *id,
            };
            if self.is_invited(cooperative) {
                turnout.present += 1;
            } else {
                turnout.uninvited += 1;
            }
            let Some(record) = dataset.cooperatives().get(cooperative) else { continue };
            let data = &record.data;
            if let Some(milieu) = data.milieu(dataset.reference()) {
                *milieus.entry(milieu).or_default() += 1;
            }
            *sectors.entry(data.sector.clone()).or_default() += 1;
            if data.is_women_led() {
                turnout.women_led += 1;
            }
        }
        turnout.by_milieu = milieus.into_iter().map(|(key, count)| Tally { key, count }).collect();
        // Sectors come out of the map in code order, which ties keep.
        let by_sector: Vec<Tally<String>> = sectors.into_iter().map(|(key, count)| Tally { key, count }).collect();
        turnout.by_sector = crate::fold::sorted_by_key(by_sector, |t| crate::fold::descending(t.count as u64));
        turnout
    }

    /// The challenges raised with each tag, most frequent first (ties in tag order); tags never
    /// raised are left out.
    pub fn challenges_by_tag(&self) -> Vec<Tally<ChallengeTag>> {
        let tallies: Vec<Tally<ChallengeTag>> = ChallengeTag::ALL
            .into_iter()
            .map(|tag| Tally { key: tag, count: self.challenges.iter().filter(|c| c.tags.contains(&tag)).count() })
            .filter(|t| t.count > 0)
            .collect();
        // Ties keep the tags' order.
        crate::fold::sorted_by_key(tallies, |t| crate::fold::descending(t.count as u64))
    }
}

/// How many of something have one key (a milieu, a sector code, a tag).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally<K> {
    /// The key.
    pub key: K,
    /// How many.
    pub count: usize,
}

/// Who came to a meeting, out of whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Turnout {
    /// Cooperatives invited.
    pub invited: usize,
    /// Invited cooperatives checked in: "58" of "58 of 85".
    pub present: usize,
    /// Cooperatives checked in that were not on the list.
    pub uninvited: usize,
    /// Walk-ins (people not speaking for a cooperative of the registry).
    pub walk_ins: usize,
    /// People counted at the door, all check-ins together.
    pub people: u64,
    /// Women among them.
    pub women: u64,
    /// The cooperatives present (invited or not) by milieu, rural or urban.
    pub by_milieu: Vec<Tally<Milieu>>,
    /// The cooperatives present by sector code, most represented first.
    pub by_sector: Vec<Tally<String>>,
    /// The cooperatives present that are women-led ([`crate::cooperative::Cooperative::is_women_led`]).
    pub women_led: usize,
}

impl Localised for Turnout {
    /// The live counter at the door: "58 présentes sur 85 invitées".
    ///
    /// ```
    /// use taawun_core::{meeting::Turnout, text::Localised, Lang};
    /// let turnout = Turnout { invited: 85, present: 58, ..Turnout::default() };
    /// assert_eq!(turnout.message(Lang::Fr), "58 présentes sur 85 invitées");
    /// assert_eq!(turnout.message(Lang::Ar), "58 حاضرة من أصل 85 مدعوة");
    /// ```
    fn message(&self, lang: Lang) -> String {
        let (present, invited) = (text::integer(self.present as u64, lang), text::integer(self.invited as u64, lang));
        match lang {
            Lang::Fr => format!("{present} présentes sur {invited} invitées"),
            Lang::Ar => format!("{present} حاضرة من أصل {invited} مدعوة"),
        }
    }
}

/// Which cooperatives to invite: every condition given must hold; an empty list or `None`
/// places no condition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvitationFilter {
    /// Commune codes.
    pub communes: Vec<String>,
    /// Rural or urban.
    pub milieu: Option<Milieu>,
    /// Sector codes.
    pub sectors: Vec<String>,
    /// Statuses.
    pub statuses: Vec<CooperativeStatus>,
    /// Only cooperatives with at least one live project.
    pub funded_only: bool,
}

/// The live cooperatives of `dataset` that `filter` selects, sorted by id: what the
/// invitation screen adds to [`Meeting::invited`] with [`Meeting::invite`].
pub fn select_invitees(dataset: &Dataset, filter: &InvitationFilter) -> Vec<Id> {
    dataset
        .cooperatives()
        .live()
        .filter(|record| {
            let c = &record.data;
            (filter.communes.is_empty() || filter.communes.contains(&c.commune))
                && filter.milieu.is_none_or(|milieu| c.milieu(dataset.reference()) == Some(milieu))
                && (filter.sectors.is_empty() || filter.sectors.contains(&c.sector))
                && (filter.statuses.is_empty() || filter.statuses.contains(&c.status))
                && (!filter.funded_only || dataset.projects_of(record.id).next().is_some())
        })
        .map(|record| record.id)
        .collect()
}

/// The live cooperatives of `dataset` a search at the door finds for `query`: every word of the
/// query, folded ([`crate::fold::matches`]), occurs in the name in either language, the register
/// number (with its court) or the ICE. Cooperatives invited to `meeting` come first, then the
/// others (walk-ins from the registry); each group by name in `lang`'s order. An empty query finds
/// the invited cooperatives only.
pub fn door_search(dataset: &Dataset, meeting: &Meeting, query: &str, lang: Lang) -> Vec<Id> {
    let empty = query.trim().is_empty();
    let found: Vec<(bool, String, Id)> = dataset
        .cooperatives()
        .live()
        .filter(|record| {
            let c = &record.data;
            if empty {
                return meeting.is_invited(record.id);
            }
            let register = c.register_number.as_ref().map(|r| format!("{} {}", r.court(), r.number())).unwrap_or_default();
            let ice = c.ice.as_ref().map(|i| i.as_str()).unwrap_or_default();
            crate::fold::matches(&format!("{} {} {register} {ice}", c.name_ar, c.name_fr), query)
        })
        .map(|record| (!meeting.is_invited(record.id), crate::fold::sort_key(record.data.name(lang)), record.id))
        .collect();
    let found = crate::fold::sorted_by_key(found, |(others, name, id)| format!("{}{name}\0{id}", u8::from(*others)));
    found.into_iter().map(|(_, _, id)| id).collect()
}

#[cfg(test)]
mod tests;
