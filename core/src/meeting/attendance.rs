//! Attendance at a meeting: one check-in per cooperative (or walk-in), never a counter; as a set
//! of check-ins keyed by attendee, so that the check-ins of several tablets at the door merge
//! ([`crate::fields::join_set`]).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::id::Id;
use crate::lang::Lang;
use crate::record::Timestamp;
use crate::text::Localised;

/// Who checked in: a cooperative of the registry, or a walk-in by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attendee {
    /// A cooperative of the registry.
    Cooperative(Id),
    /// Someone not on the registry (a cooperative not recorded yet, a guest), by the name given
    /// at the door, trimmed.
    WalkIn(String),
}

/// One check-in at the door: who, how many people, how many women, when.
///
/// Valid by construction ([`CheckIn::new`]): at least one person, no more women than people, a
/// walk-in has a name. Ordered by attendee, then time, so that a sorted attendance lists each
/// attendee's earliest check-in first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawCheckIn", into = "RawCheckIn")]
pub struct CheckIn {
    attendee: Attendee,
    at: Timestamp,
    people: u32,
    women: u32,
}

/// Why a check-in cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CheckInError {
    /// Nobody came.
    #[error("a check-in counts at least one person, found {people}")]
    NoOne {
        /// The number given.
        people: u32,
    },
    /// More women than people.
    #[error("{women} women out of {people} people")]
    MoreWomenThanPeople {
        /// The number of people.
        people: u32,
        /// The number of women.
        women: u32,
    },
    /// A walk-in without a name.
    #[error("a walk-in needs a name")]
    WalkInWithoutName,
    /// In the document: both a cooperative and a walk-in name, or neither.
    #[error("a check-in names either a cooperative or a walk-in, found {found}")]
    AttendeeUnclear {
        /// What was found ("both", "neither").
        found: &'static str,
    },
}

impl Localised for CheckInError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CheckInError::NoOne { .. }, Lang::Fr) => "indiquez au moins une personne".into(),
            (CheckInError::NoOne { .. }, Lang::Ar) => "أدخل شخصا واحدا على الأقل".into(),
            (CheckInError::MoreWomenThanPeople { people, women }, Lang::Fr) => {
                format!("{women} femmes pour {people} personnes : le nombre de femmes dépasse le total")
            }
            (CheckInError::MoreWomenThanPeople { people, women }, Lang::Ar) => format!("عدد النساء ({women}) يفوق عدد الحاضرين ({people})"),
            (CheckInError::WalkInWithoutName, Lang::Fr) => "indiquez le nom de la personne ou de la coopérative".into(),
            (CheckInError::WalkInWithoutName, Lang::Ar) => "أدخل اسم الشخص أو التعاونية".into(),
            (CheckInError::AttendeeUnclear { .. }, Lang::Fr) => "une présence désigne soit une coopérative, soit un nom".into(),
            (CheckInError::AttendeeUnclear { .. }, Lang::Ar) => "يجب أن يخص التسجيل تعاونية أو اسما، لا الاثنين".into(),
        }
    }
}

impl CheckIn {
    /// A check-in of `people` people, `women` of them women, at `at`.
    pub fn new(attendee: Attendee, people: u32, women: u32, at: Timestamp) -> Result<CheckIn, CheckInError> {
        let attendee = match attendee {
            Attendee::WalkIn(name) if name.trim().is_empty() => return Err(CheckInError::WalkInWithoutName),
            Attendee::WalkIn(name) => Attendee::WalkIn(name.trim().to_owned()),
            cooperative => cooperative,
        };
        if people == 0 {
            return Err(CheckInError::NoOne { people });
        }
        if women > people {
            return Err(CheckInError::MoreWomenThanPeople { people, women });
        }
        Ok(CheckIn { attendee, at, people, women })
    }

    /// Who checked in.
    pub fn attendee(&self) -> &Attendee {
        &self.attendee
    }

    /// When.
    pub fn at(&self) -> Timestamp {
        self.at
    }

    /// How many people came.
    pub fn people(&self) -> u32 {
        self.people
    }

    /// How many of them are women.
    pub fn women(&self) -> u32 {
        self.women
    }
}

/// A check-in as the document writes it: `cooperative` or `walk_in`, the other `null`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckIn {
    cooperative: Option<Id>,
    walk_in: Option<String>,
    people: u32,
    women: u32,
    at: Timestamp,
}

impl TryFrom<RawCheckIn> for CheckIn {
    type Error = CheckInError;

    fn try_from(raw: RawCheckIn) -> Result<CheckIn, CheckInError> {
        let attendee = match (raw.cooperative, raw.walk_in) {
            (Some(id), None) => Attendee::Cooperative(id),
            (None, Some(name)) => Attendee::WalkIn(name),
            (Some(_), Some(_)) => return Err(CheckInError::AttendeeUnclear { found: "both" }),
            (None, None) => return Err(CheckInError::AttendeeUnclear { found: "neither" }),
        };
        CheckIn::new(attendee, raw.people, raw.women, raw.at)
    }
}

impl From<CheckIn> for RawCheckIn {
    fn from(check_in: CheckIn) -> RawCheckIn {
        let (cooperative, walk_in) = match check_in.attendee {
            Attendee::Cooperative(id) => (Some(id), None),
            Attendee::WalkIn(name) => (None, Some(name)),
        };
        RawCheckIn { cooperative, walk_in, people: check_in.people, women: check_in.women, at: check_in.at }
    }
}

/// The check-ins of one meeting: each attendee once, sorted by attendee.
///
/// A merge ([`crate::fields::join_set`], with each tablet's history) keeps every attendee either
/// tablet checked in, a check-in taken back or corrected on one tablet and left alone on the
/// other stays taken back or corrected, and an attendee both tablets changed differently (other
/// counts, taken back here and corrected there) is a conflict a person settles, never a rule that
/// would drop one count. [`Attendance::union`] and [`Attendance::disputed`] are the plain union
/// and the attendees two versions disagree on, without history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<CheckIn>", into = "Vec<CheckIn>")]
pub struct Attendance(Vec<CheckIn>);

/// Why a check-in cannot be added to the attendance.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AttendanceError {
    /// The attendee is checked in already.
    #[error("{attendee:?} is already checked in")]
    AlreadyPresent {
        /// Who.
        attendee: Attendee,
    },
}

impl Localised for AttendanceError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => "déjà enregistrée comme présente".into(),
            Lang::Ar => "مسجلة من قبل ضمن الحاضرين".into(),
        }
    }
}

impl TryFrom<Vec<CheckIn>> for Attendance {
    type Error = AttendanceError;

    fn try_from(mut check_ins: Vec<CheckIn>) -> Result<Attendance, AttendanceError> {
        crate::sorting::sort(&mut check_ins);
        if let Some(pair) = check_ins.windows(2).find(|pair| pair[0].attendee == pair[1].attendee) {
            return Err(AttendanceError::AlreadyPresent { attendee: pair[0].attendee.clone() });
        }
        Ok(Attendance(check_ins))
    }
}

impl From<Attendance> for Vec<CheckIn> {
    fn from(attendance: Attendance) -> Vec<CheckIn> {
        attendance.0
    }
}

impl Attendance {
    /// Every check-in, sorted by attendee.
    pub fn check_ins(&self) -> &[CheckIn] {
        &self.0
    }

    /// How many check-ins.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nobody checked in.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn position(&self, attendee: &Attendee) -> Result<usize, usize> {
        self.0.binary_search_by(|c| c.attendee.cmp(attendee))
    }

    /// The check-in of `attendee`, if any.
    pub fn get(&self, attendee: &Attendee) -> Option<&CheckIn> {
        self.position(attendee).ok().map(|i| &self.0[i])
    }

    /// Whether this cooperative checked in.
    pub fn is_present(&self, cooperative: Id) -> bool {
        self.get(&Attendee::Cooperative(cooperative)).is_some()
    }

    /// Adds a check-in; refused when the attendee is checked in already (a cooperative is
    /// present once per meeting).
    pub fn check_in(&mut self, check_in: CheckIn) -> Result<(), AttendanceError> {
        match self.position(&check_in.attendee) {
            Ok(_) => Err(AttendanceError::AlreadyPresent { attendee: check_in.attendee }),
            Err(position) => {
                self.0.insert(position, check_in);
                Ok(())
            }
        }
    }

    /// Puts a check-in in place of the attendee's (to correct a count), or adds it.
    pub fn correct(&mut self, check_in: CheckIn) {
        match self.position(&check_in.attendee) {
            Ok(position) => self.0[position] = check_in,
            Err(position) => self.0.insert(position, check_in),
        }
    }

    /// Takes the attendee's check-in back (checked in by mistake); whether there was one.
    pub fn remove(&mut self, attendee: &Attendee) -> bool {
        match self.position(attendee) {
            Ok(position) => {
                self.0.remove(position);
                true
            }
            Err(_) => false,
        }
    }

    /// Every attendee of both, each once; an attendee both checked in differently keeps this
    /// side's check-in (see [`Attendance::disputed`]). Idempotent, and commutative and
    /// associative whenever nothing is disputed, so devices merging in any order agree.
    pub fn union(&self, other: &Attendance) -> Attendance {
        let mut all = self.clone();
        for check_in in &other.0 {
            if let Err(position) = all.position(&check_in.attendee) {
                all.0.insert(position, check_in.clone());
            }
        }
        all
    }

    /// The attendees both sides checked in with different check-ins: this side's check-ins and
    /// the other's, in attendee order; `None` when both agree on every common attendee.
    pub fn disputed(&self, other: &Attendance) -> Option<(Attendance, Attendance)> {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for check_in in &self.0 {
            if let Some(other_check_in) = other.get(&check_in.attendee).filter(|c| *c != check_in) {
                ours.push(check_in.clone());
                theirs.push(other_check_in.clone());
            }
        }
        (!ours.is_empty()).then_some((Attendance(ours), Attendance(theirs)))
    }
}

impl crate::fields::Set for Attendance {
    type Key = Attendee;
    type Element = CheckIn;

    /// Each check-in by its attendee: a corrected count is another version of the same
    /// element, so a correction on one tablet and a removal on the other are a conflict.
    fn elements(&self) -> std::collections::BTreeMap<Attendee, CheckIn> {
        self.0.iter().map(|check_in| (check_in.attendee.clone(), check_in.clone())).collect()
    }

    fn from_elements(mut check_ins: Vec<CheckIn>) -> Attendance {
        crate::sorting::sort(&mut check_ins);
        check_ins.dedup_by(|a, b| a.attendee == b.attendee);
        Attendance(check_ins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> Timestamp {
        Timestamp::from_millis(1_752_051_600_000 + minute * 60_000).unwrap()
    }

    fn coop(n: u128, people: u32, minute: i64) -> CheckIn {
        CheckIn::new(Attendee::Cooperative(Id::from_u128(n)), people, 0, at(minute)).unwrap()
    }

    #[test]
    fn a_cooperative_is_present_once_per_meeting() {
        let mut attendance = Attendance::default();
        attendance.check_in(coop(1, 2, 0)).unwrap();
        let again = attendance.check_in(coop(1, 3, 5));
        assert_eq!(again, Err(AttendanceError::AlreadyPresent { attendee: Attendee::Cooperative(Id::from_u128(1)) }));
        assert_eq!(attendance.len(), 1);
        assert_eq!(attendance.check_ins()[0].people(), 2);
    }

    #[test]
    fn a_document_listing_a_cooperative_twice_is_refused() {
        let json = serde_json::to_value(vec![coop(1, 2, 0), coop(1, 3, 1)]).unwrap();
        assert!(serde_json::from_value::<Attendance>(json).is_err());
    }

    #[test]
    fn a_check_in_counts_someone_no_more_women_than_people_and_a_walk_in_has_a_name() {
        let attendee = Attendee::Cooperative(Id::from_u128(1));
        assert_eq!(CheckIn::new(attendee.clone(), 0, 0, at(0)), Err(CheckInError::NoOne { people: 0 }));
        assert_eq!(CheckIn::new(attendee, 2, 3, at(0)), Err(CheckInError::MoreWomenThanPeople { people: 2, women: 3 }));
        assert_eq!(CheckIn::new(Attendee::WalkIn("  ".into()), 1, 0, at(0)), Err(CheckInError::WalkInWithoutName));
        let walk_in = CheckIn::new(Attendee::WalkIn(" Fatima Z. ".into()), 1, 1, at(0)).unwrap();
        assert_eq!(walk_in.attendee(), &Attendee::WalkIn("Fatima Z.".into()));
        for error in [CheckInError::NoOne { people: 0 }, CheckInError::WalkInWithoutName] {
            for lang in Lang::ALL {
                assert!(!error.message(lang).is_empty());
            }
        }
    }

    #[test]
    fn a_check_in_is_written_with_either_a_cooperative_or_a_walk_in_name() {
        let walk_in = CheckIn::new(Attendee::WalkIn("Invitée".into()), 2, 1, at(0)).unwrap();
        let json = serde_json::to_value(&walk_in).unwrap();
        assert_eq!(json["cooperative"], serde_json::Value::Null);
        assert_eq!(json["walk_in"], "Invitée");
        assert_eq!(serde_json::from_value::<CheckIn>(json).unwrap(), walk_in);
        let both = serde_json::json!({"cooperative": Id::from_u128(1), "walk_in": "x", "people": 1, "women": 0, "at": at(0)});
        assert!(serde_json::from_value::<CheckIn>(both).is_err());
    }

    #[test]
    fn the_union_of_two_tablets_keeps_every_attendee_once() {
        let mut door = Attendance::default();
        door.check_in(coop(1, 2, 0)).unwrap();
        door.check_in(coop(2, 1, 1)).unwrap();
        let mut hall = Attendance::default();
        hall.check_in(coop(2, 1, 1)).unwrap();
        hall.check_in(coop(3, 4, 2)).unwrap();
        let merged = door.union(&hall);
        assert_eq!(merged.len(), 3);
        assert_eq!(merged, hall.union(&door));
        assert_eq!(merged.union(&hall), merged);
    }

    #[test]
    fn the_same_attendee_checked_in_differently_on_two_tablets_is_disputed_not_settled_by_a_rule() {
        let mut a = Attendance::default();
        a.check_in(coop(1, 5, 10)).unwrap();
        a.check_in(coop(2, 1, 11)).unwrap();
        let mut b = Attendance::default();
        b.check_in(coop(1, 3, 2)).unwrap();
        b.check_in(coop(2, 1, 11)).unwrap();
        let (ours, theirs) = a.disputed(&b).unwrap();
        assert_eq!((ours.check_ins(), theirs.check_ins()), (&[coop(1, 5, 10)][..], &[coop(1, 3, 2)][..]));
        // The union keeps each side's own version until a person chooses.
        assert_eq!(a.union(&b).check_ins(), &[coop(1, 5, 10), coop(2, 1, 11)]);
        assert_eq!(b.union(&a).check_ins(), &[coop(1, 3, 2), coop(2, 1, 11)]);
        assert_eq!(a.disputed(&a.union(&b)), None);
    }

    #[test]
    fn a_check_in_can_be_corrected_or_taken_back() {
        let mut attendance = Attendance::default();
        attendance.check_in(coop(1, 2, 0)).unwrap();
        attendance.correct(coop(1, 4, 0));
        assert_eq!(attendance.check_ins()[0].people(), 4);
        assert!(attendance.remove(&Attendee::Cooperative(Id::from_u128(1))));
        assert!(!attendance.remove(&Attendee::Cooperative(Id::from_u128(1))));
        assert!(attendance.is_empty());
    }
}
