//! What every record carries so it can travel between devices: id, timestamps, author, device,
//! revision, version vector, tombstone, the change that last wrote each field, and the record's
//! history; and the sorted collection records are kept in.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::history::{Action, Change, ChangedField};
use crate::id::Id;

/// An instant, in whole milliseconds since 1970-01-01T00:00:00Z (UTC).
///
/// Core never reads the clock (`SystemTime::now()` panics on `wasm32-unknown-unknown`): the caller
/// passes the time of each edit. In JSON a timestamp is an RFC 3339 string in UTC with exactly
/// three decimals, `"2025-07-09T10:00:00.000Z"`, which people can read and which sorts as text in
/// time order. Years 0000 to 9999 can be written.
///
/// ```
/// use taawun_core::record::Timestamp;
/// let t = Timestamp::parse("2025-07-09T10:00:00.000Z").unwrap();
/// assert_eq!(t.millis(), 1_752_055_200_000);
/// assert_eq!(t.to_string(), "2025-07-09T10:00:00.000Z");
/// assert_eq!(Timestamp::from_millis(t.millis()), Some(t));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// Why a text is not a [`Timestamp`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{text}\" is not a timestamp: expected UTC time such as \"2025-07-09T10:00:00.000Z\"")]
pub struct TimestampError {
    /// The text that was given.
    pub text: String,
}

/// Milliseconds from 1970-01-01 to 0000-01-01 and to 10000-01-01: the range that can be written.
const MIN_MILLIS: i64 = -62_167_219_200_000;
const MAX_MILLIS: i64 = 253_402_300_800_000 - 1;
const MILLIS_PER_DAY: i64 = 86_400_000;

impl Timestamp {
    /// 1970-01-01T00:00:00.000Z.
    pub const EPOCH: Timestamp = Timestamp(0);

    /// The instant this many milliseconds after the Unix epoch, if its year is between 0 and 9999.
    pub fn from_millis(millis: i64) -> Option<Timestamp> {
        (MIN_MILLIS..=MAX_MILLIS).contains(&millis).then_some(Timestamp(millis))
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS.sssZ`, the only form written, so every instant has one spelling.
    #[inline]
    pub fn parse(text: &str) -> Result<Timestamp, TimestampError> {
        let error = || TimestampError { text: text.to_owned() };
        let bytes = text.as_bytes();
        if bytes.len() != 24 {
            return Err(error());
        }
        for (position, expected) in [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.'), (23, b'Z')] {
            if bytes[position] != expected {
                return Err(error());
            }
        }
        let number = |from: usize, to: usize| -> Result<i64, TimestampError> {
            let digits = &bytes[from..to];
            if !digits.iter().all(u8::is_ascii_digit) {
                return Err(error());
            }
            Ok(digits.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
        };
        let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
        let (hour, minute, second, milli) = (number(11, 13)?, number(14, 16)?, number(17, 19)?, number(20, 23)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59 {
            return Err(error());
        }
        let days = days_from_civil(year, month, day);
        Ok(Timestamp(days * MILLIS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + milli))
    }
}

impl Timestamp {
    /// The moment to the minute on a clock `utc_offset_minutes` ahead of UTC (`60` in Morocco
    /// most of the year, `0` during Ramadan): `2025-07-09 10:00`. Core never reads the clock or
    /// the time zone; the caller passes the offset of that instant where the user is (in a
    /// browser, minus `Date.getTimezoneOffset()` of that instant).
    ///
    /// ```
    /// use taawun_core::record::Timestamp;
    /// let t = Timestamp::parse("2025-07-09T09:00:00.000Z").unwrap();
    /// assert_eq!(t.local_minute(60), "2025-07-09 10:00");
    /// assert_eq!(t.local_minute(0), "2025-07-09 09:00");
    /// ```
    pub fn local_minute(self, utc_offset_minutes: i32) -> String {
        let shifted = self.0.saturating_add(i64::from(utc_offset_minutes) * 60_000).clamp(MIN_MILLIS, MAX_MILLIS);
        let text = Timestamp(shifted).to_string();
        text.get(..16).unwrap_or(&text).replace('T', " ")
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(MILLIS_PER_DAY);
        let in_day = self.0.rem_euclid(MILLIS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let (seconds, milli) = (in_day / 1000, in_day % 1000);
        write!(f, "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{milli:03}Z", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        crate::from_str_value::parse_str(deserializer, Timestamp::parse)
    }
}

/// Who makes a change, when and on which device; passed with every edit.
///
/// The user's name and the device's name are set once per device by the app; both are copied
/// into the history of every record the change touches, so that another device showing that
/// history can name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// When the change is made, read from the clock by the caller.
    pub at: Timestamp,
    /// The user's name as the app knows it.
    pub user: String,
    /// The id of the device (browser profile) the change is made on.
    pub device: Id,
    /// The device's name as its user set it ("Tablette 2", "bureau").
    pub device_name: String,
}

/// One change of one device: the device, and the change's number among that device's changes to
/// the record (1 for its first). A change is known to a copy of the record when the copy's
/// version vector counts at least that many changes of that device.
///
/// ```
/// use std::collections::BTreeMap;
/// use taawun_core::{id::Id, record::Dot};
/// let tablet = Id::from_u128(1);
/// let dot = Dot { device: tablet, counter: 2 };
/// assert!(dot.is_known_to(&BTreeMap::from([(tablet, 3)])));
/// assert!(!dot.is_known_to(&BTreeMap::from([(tablet, 1)])));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dot {
    /// The device that made the change.
    pub device: Id,
    /// Its number among that device's changes (the device's count in the version vector just
    /// after the change).
    pub counter: u64,
}

impl Dot {
    /// Whether a copy whose version vector is `versions` has seen this change.
    pub fn is_known_to(&self, versions: &BTreeMap<Id, u64>) -> bool {
        versions.get(&self.device).is_some_and(|count| *count >= self.counter)
    }
}

/// Which change last wrote each field of a record: the field clock the merge compares.
///
/// Every field not listed in `fields` was last written by `base` (the creation, for a record
/// created since schema version 3; the record's last change before the upgrade, for an older
/// one). A field is named as in [`crate::fields::Fields::NAMES`] (`"members.total"`); the
/// tombstone flag is the pseudo-field [`DELETED`].
///
/// Why a dot per field rather than the values as of the last merge: a dot costs a few bytes per
/// changed field, is the same on every device, and tells both whether one side has seen the
/// other's write (then the later write wins without asking) and whether two writes were made
/// without seeing each other (then differing values are a conflict). Keeping base values would
/// need one copy of the record per device met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Written {
    /// The change that wrote every field not listed below.
    pub base: Dot,
    /// The fields written since by another change, each with that change.
    pub fields: BTreeMap<String, Dot>,
}

/// The pseudo-field of the tombstone flag in [`Written`] and in history entries.
pub const DELETED: &str = "deleted";

impl Written {
    /// The change that last wrote `field`.
    pub fn dot(&self, field: &str) -> Dot {
        self.fields.get(field).copied().unwrap_or(self.base)
    }

    /// Notes that `field` was last written by `dot`; fields written by `base` are not listed, so
    /// that every field clock has one spelling.
    pub(crate) fn set(&mut self, field: &str, dot: Dot) {
        if dot == self.base {
            self.fields.remove(field);
        } else {
            self.fields.insert(field.to_owned(), dot);
        }
    }
}

/// The history-and-merge metadata of one record.
///
/// `revision` counts every change ever applied to the record, on any device; `versions` counts
/// them per device (a version vector), so `revision` is always the sum of `versions`. When two
/// devices change the same record offline, neither vector dominates the other and a later merge
/// knows it must compare both sides with their common ancestor instead of taking the newer one.
/// Deleting leaves the record in place with `deleted: true` (a tombstone), so the deletion travels
/// to other devices and can be undone.
///
/// `written` names the change that last wrote each field, which is what lets a merge take the
/// other device's edits of some fields and keep this device's edits of others. `history` holds
/// one [`Change`] per change counted in `versions` (changes made before schema version 3 are
/// not there), sorted by revision (a causal order), then time, device and counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// When the record was created.
    pub created: Timestamp,
    /// When it last changed (creation, update, deletion or restoration).
    pub updated: Timestamp,
    /// Who made the last change.
    pub updated_by: String,
    /// The device the last change was made on.
    pub device: Id,
    /// How many changes the record has had, creation included (1 for a new record).
    pub revision: u64,
    /// How many of those changes each device made.
    pub versions: BTreeMap<Id, u64>,
    /// Whether the record is deleted (a tombstone).
    pub deleted: bool,
    /// The change that last wrote each field.
    pub written: Written,
    /// What happened to the record, change by change.
    pub history: Vec<Change>,
}

impl Meta {
    /// The metadata of a record created now by `author`; its history starts with the creation.
    ///
    /// The creation lists no field: the record's first values are its values now, or the `old`
    /// values of the first later change of each field. Repeating them in the history would more
    /// than double the size of every export (a 199 KB demo export became 489 KB, and the
    /// region-scale benchmark went over the import limit).
    pub fn created_by(author: &Author) -> Meta {
        let dot = Dot { device: author.device, counter: 1 };
        Meta {
            created: author.at,
            updated: author.at,
            updated_by: author.user.clone(),
            device: author.device,
            revision: 1,
            versions: BTreeMap::from([(author.device, 1)]),
            deleted: false,
            written: Written { base: dot, fields: BTreeMap::new() },
            history: vec![Change::by(author, dot, 1, Action::Create, Vec::new())],
        }
    }

    /// Records one more change by `author`: counts it, marks the fields it wrote with its dot,
    /// and adds it to the history. Returns its dot.
    pub(crate) fn touch(&mut self, author: &Author, action: Action, fields: Vec<ChangedField>) -> Dot {
        self.updated = author.at;
        self.updated_by = author.user.clone();
        self.device = author.device;
        self.revision = self.revision.saturating_add(1);
        let count = self.versions.entry(author.device).or_insert(0);
        *count = count.saturating_add(1);
        let dot = Dot { device: author.device, counter: *count };
        for field in &fields {
            self.written.set(&field.field, dot);
        }
        crate::history::insert(&mut self.history, Change::by(author, dot, self.revision, action, fields));
        dot
    }
}

/// The merge and history metadata of the reference data, which is one shared set of tables
/// rather than records: a version vector, the change that last wrote each entry's attribute
/// (named `"table/code/attribute"`, such as `"communes/SLY/name_fr"`), and the history.
///
/// An attribute not listed in `written` has not been changed since the reference data started
/// being tracked (schema version 3): every device is taken to know its value, so when two
/// devices hold different untracked values the merge asks which to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceMeta {
    /// How many changes each device made to the reference data.
    pub versions: BTreeMap<Id, u64>,
    /// The change that last wrote each attribute, for those changed since tracking began.
    pub written: BTreeMap<String, Dot>,
    /// The changes, in order.
    pub history: Vec<Change>,
}

impl ReferenceMeta {
    /// Records one more change to the reference data by `author`; returns its dot.
    pub(crate) fn touch(&mut self, author: &Author, action: Action, fields: Vec<ChangedField>) -> Dot {
        let count = self.versions.entry(author.device).or_insert(0);
        *count = count.saturating_add(1);
        let dot = Dot { device: author.device, counter: *count };
        for field in &fields {
            self.written.insert(field.field.clone(), dot);
        }
        let revision = self.versions.values().fold(0u64, |sum, n| sum.saturating_add(*n));
        crate::history::insert(&mut self.history, Change::by(author, dot, revision, action, fields));
        dot
    }
}

/// The kinds of record a dataset holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A funding rulebook of one call.
    Rulebook,
    /// A cooperative or union.
    Cooperative,
    /// A funded project.
    Project,
    /// A meeting with cooperatives.
    Meeting,
    /// A follow-up visit to a cooperative.
    Visit,
    /// A success story (a project held up as a model).
    Story,
}

impl RecordKind {
    /// The name of the document's list that holds records of this kind (`"projects"`).
    pub fn list_name(self) -> &'static str {
        match self {
            RecordKind::Rulebook => "rulebooks",
            RecordKind::Cooperative => "cooperatives",
            RecordKind::Project => "projects",
            RecordKind::Meeting => "meetings",
            RecordKind::Visit => "visits",
            RecordKind::Story => "stories",
        }
    }
}

/// Which record: its kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RecordRef {
    /// The kind of record.
    pub kind: RecordKind,
    /// Its id.
    pub id: Id,
}

/// One record: id, metadata and the data of its kind.
///
/// In JSON the data's fields sit beside `id` and `meta`, so paths read
/// `projects[3].contributions[1].amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record<T> {
    /// The record's id.
    pub id: Id,
    /// History and merge metadata.
    pub meta: Meta,
    /// What the record says.
    #[serde(flatten)]
    pub data: T,
}

impl<T> Record<T> {
    /// Whether the record is still there (not a tombstone).
    pub fn is_live(&self) -> bool {
        !self.meta.deleted
    }
}

/// `records` in id order, records of one id in the order given (as a stable sort by id).
fn in_id_order<T>(mut records: Vec<Record<T>>) -> Vec<Record<T>> {
    crate::sorting::sort_by_key(&mut records, |r| r.id);
    records
}

/// Records of one kind, kept sorted by id (the order of the export, and of finding paths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records<T> {
    sorted: Vec<Record<T>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records { sorted: Vec::new() }
    }
}

impl<T> Records<T> {
    /// Builds the collection, refusing a repeated id (returned).
    pub(crate) fn from_vec(records: Vec<Record<T>>) -> Result<Records<T>, Id> {
        let records = in_id_order(records);
        if let Some(pair) = records.windows(2).find(|pair| pair[0].id == pair[1].id) {
            return Err(pair[0].id);
        }
        Ok(Records { sorted: records })
    }

    /// Every record, tombstones included, sorted by id.
    pub fn all(&self) -> &[Record<T>] {
        &self.sorted
    }

    /// The records that are not deleted, sorted by id.
    pub fn live(&self) -> impl Iterator<Item = &Record<T>> {
        self.sorted.iter().filter(|r| r.is_live())
    }

    /// The record with this id, deleted or not.
    pub fn get(&self, id: Id) -> Option<&Record<T>> {
        self.index_of(id).map(|i| &self.sorted[i])
    }

    /// The position of the record with this id in [`Records::all`] (its index in finding paths).
    pub fn index_of(&self, id: Id) -> Option<usize> {
        self.sorted.binary_search_by_key(&id, |r| r.id).ok()
    }

    /// How many records, tombstones included.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether there is no record at all.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    pub(crate) fn get_mut(&mut self, id: Id) -> Option<&mut Record<T>> {
        self.index_of(id).map(|i| &mut self.sorted[i])
    }

    /// Removes the record with this id, if any (only to undo a refused creation).
    pub(crate) fn remove(&mut self, id: Id) {
        if let Some(index) = self.index_of(id) {
            self.sorted.remove(index);
        }
    }

    /// Inserts a record whose id is not present yet; returns `false` (and changes nothing) if it is.
    pub(crate) fn insert(&mut self, record: Record<T>) -> bool {
        match self.sorted.binary_search_by_key(&record.id, |r| r.id) {
            Ok(_) => false,
            Err(position) => {
                self.sorted.insert(position, record);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_shown_on_the_local_clock_across_midnight_and_the_ends_of_the_range() {
        let late = Timestamp::parse("2025-12-31T23:30:00.000Z").unwrap();
        assert_eq!(late.local_minute(60), "2026-01-01 00:30");
        assert_eq!(late.local_minute(-300), "2025-12-31 18:30");
        assert_eq!(Timestamp(MAX_MILLIS).local_minute(600), "9999-12-31 23:59");
        assert_eq!(Timestamp(MIN_MILLIS).local_minute(-600), "0000-01-01 00:00");
    }

    #[test]
    fn the_epoch_is_written_in_rfc_3339() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn timestamps_read_back_what_they_write_across_the_whole_range() {
        for millis in [MIN_MILLIS, -1, 0, 1, 951_782_400_000, 1_709_164_800_123, MAX_MILLIS] {
            let t = Timestamp::from_millis(millis).unwrap();
            assert_eq!(Timestamp::parse(&t.to_string()), Ok(t), "{millis}");
        }
        assert_eq!(Timestamp::from_millis(MIN_MILLIS).unwrap().to_string(), "0000-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::from_millis(MAX_MILLIS).unwrap().to_string(), "9999-12-31T23:59:59.999Z");
    }

    #[test]
    fn instants_outside_the_years_0_to_9999_are_refused() {
        assert_eq!(Timestamp::from_millis(MIN_MILLIS - 1), None);
        assert_eq!(Timestamp::from_millis(MAX_MILLIS + 1), None);
        assert_eq!(Timestamp::from_millis(i64::MIN), None);
    }

    #[test]
    fn a_leap_day_is_a_valid_timestamp_only_in_a_leap_year() {
        assert!(Timestamp::parse("2024-02-29T12:00:00.000Z").is_ok());
        assert!(Timestamp::parse("2023-02-29T12:00:00.000Z").is_err());
        assert!(Timestamp::parse("2000-02-29T12:00:00.000Z").is_ok());
        assert!(Timestamp::parse("1900-02-29T12:00:00.000Z").is_err());
    }

    #[test]
    fn other_spellings_of_an_instant_are_refused() {
        for text in [
            "2025-07-09T10:00:00Z",
            "2025-07-09T10:00:00.000+00:00",
            "2025-07-09 10:00:00.000Z",
            "2025-07-09t10:00:00.000z",
            "2025-13-09T10:00:00.000Z",
            "2025-07-09T24:00:00.000Z",
            "2025-07-09T10:60:00.000Z",
            "2025-07-09T10:00:60.000Z",
            "2025-07-00T10:00:00.000Z",
            "+025-07-09T10:00:00.000Z",
            "2025-07-09T10:00:00.0-0Z",
            "",
        ] {
            assert!(Timestamp::parse(text).is_err(), "{text:?} was accepted");
        }
    }

    #[test]
    fn each_change_adds_one_to_the_revision_and_to_its_device_in_the_version_vector() {
        let tablet = Id::from_u128(1);
        let laptop = Id::from_u128(2);
        let author = |millis, device| Author { at: Timestamp(millis), user: "Salma".into(), device, device_name: "tablette".into() };
        let mut meta = Meta::created_by(&author(10, tablet));
        let notes = || vec![ChangedField { field: "notes".into(), old: "".into(), new: "x".into() }];
        meta.touch(&author(20, laptop), Action::Update, notes());
        let last = meta.touch(&author(30, laptop), Action::Update, notes());
        assert_eq!(meta.revision, 3);
        assert_eq!(meta.versions, BTreeMap::from([(tablet, 1), (laptop, 2)]));
        assert_eq!((meta.created, meta.updated, meta.device), (Timestamp(10), Timestamp(30), laptop));
        assert_eq!(last, Dot { device: laptop, counter: 2 });
        assert_eq!(meta.written.dot("notes"), last);
        assert_eq!(meta.written.dot("name_fr"), Dot { device: tablet, counter: 1 });
        assert_eq!(meta.history.iter().map(Change::dot).collect::<Vec<_>>(), vec![meta.written.base, Dot { device: laptop, counter: 1 }, last]);
    }

    #[test]
    fn a_field_written_by_the_base_change_is_not_listed_so_the_clock_has_one_spelling() {
        let tablet = Id::from_u128(1);
        let base = Dot { device: tablet, counter: 1 };
        let mut written = Written { base, fields: BTreeMap::new() };
        written.set("status", Dot { device: tablet, counter: 2 });
        assert_eq!(written.fields.len(), 1);
        written.set("status", base);
        assert!(written.fields.is_empty());
    }

    #[test]
    fn records_stay_sorted_by_id_and_refuse_a_second_record_with_the_same_id() {
        let author = Author { at: Timestamp(0), user: "a".into(), device: Id::from_u128(9), device_name: "d".into() };
        let record = |n| Record { id: Id::from_u128(n), meta: Meta::created_by(&author), data: n };
        let mut records = Records::from_vec(vec![record(5), record(1)]).unwrap();
        assert!(records.insert(record(3)));
        assert!(!records.insert(record(3)));
        assert_eq!(records.all().iter().map(|r| r.data).collect::<Vec<_>>(), vec![1, 3, 5]);
        assert_eq!(records.index_of(Id::from_u128(5)), Some(2));
        assert_eq!(Records::from_vec(vec![record(2), record(2)]), Err(Id::from_u128(2)));
    }

    #[test]
    fn records_are_put_in_id_order_as_a_stable_sort_would_put_them() {
        let author = Author { at: Timestamp(0), user: "a".into(), device: Id::from_u128(9), device_name: "d".into() };
        // Ids from a scrambled sequence with repeats; the data is the position given.
        let given: Vec<Record<usize>> =
            (0..200usize).map(|at| Record { id: Id::from_u128(((at * 7919) % 61) as u128), meta: Meta::created_by(&author), data: at }).collect();
        let mut expected = given.clone();
        expected.sort_by_key(|r| r.id);
        assert_eq!(in_id_order(given.clone()), expected);
        assert_eq!(in_id_order(expected.clone()), expected, "already in order");
        assert_eq!(in_id_order(Vec::<Record<usize>>::new()), Vec::new());
    }
}
