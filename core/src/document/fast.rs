//! The fast reading of a document of the current schema version: one pass from the bytes into
//! typed records, with no JSON tree and no paths. It accepts only what the full reading
//! ([`super::import_slow`]) accepts and builds the same dataset; at the first problem it gives
//! up, and the full reading reads the file again to name every error with its path.
//!
//! What the full reading checks on its tree is checked here by the types read into:
//! - every object the full reading takes apart by hand (the document, a record, its `meta`, a
//!   contribution…) is read through [`Obj`], which takes an object only (serde's derive would
//!   also take an array), and every struct below refuses unknown and repeated fields;
//! - maps with keys of their own ([`Versions`], [`FieldDots`]) and free JSON values ([`Strict`])
//!   refuse repeated keys and `__proto__` keys, as the tree does everywhere;
//! - the reference data, which reads unknown keys without complaint, is read through [`Strict`]
//!   first, so that no repeated or `__proto__` key hides in what it ignores;
//! - the checks of version vectors, field clocks and histories are those of `records.rs`.
//!
//! A document of another schema version, a repeated id, a bad value anywhere: the fast reading
//! fails and the full one decides. It never accepts a document the full one refuses, and the
//! tests compare both readings on the same documents.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize as Derive;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::SCHEMA_VERSION;
use crate::amount::Amount;
use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use crate::dataset::{Dataset, Parts};
use crate::date::Date;
use crate::fields::Fields as RecordFields;
use crate::history::{self, Action, Change, ChangedField};
use crate::ice::Ice;
use crate::id::Id;
use crate::meeting::{Attendance, Challenge, FollowUp, Meeting, Presentation, Testimonial, TimeOfDay};
use crate::phone::Phone;
use crate::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus, Tranche};
use crate::rate::Rate;
use crate::record::{DELETED, Dot, Meta, Record, ReferenceMeta, Timestamp, Written};
use crate::reference::{Milieu, ReferenceData};
use crate::register::RegisterNumber;
use crate::rules::{AgeBand, CeilingRule, CountRule, PeriodRule, Rulebook, Severity, ShareRule};
use crate::story::Story;
use crate::story::photo::Photo;
use crate::visit::{ObservedState, Visit};

/// Reads a document of the current schema version into a dataset and its photos, or `None`
/// when anything is amiss (the full reading then says what).
pub(super) fn read(bytes: &[u8]) -> Option<(Dataset, Vec<Photo>)> {
    // UTF-8 checked once for the whole text, not string by string as a slice reader does.
    let text = std::str::from_utf8(bytes).ok()?;
    let Obj(document) = serde_json::from_str::<Obj<DocumentIn>>(text).ok()?;
    document.into_dataset()
}

/// The document: the full reading takes it apart by hand, so unknown fields are refused.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    schema_version: Current,
    reference: Strict,
    reference_meta: ReferenceMetaIn,
    rulebooks: Vec<Obj<RulebookIn>>,
    cooperatives: Vec<Obj<CooperativeIn>>,
    projects: Vec<Obj<ProjectIn>>,
    meetings: Vec<Obj<MeetingIn>>,
    visits: Vec<Obj<VisitIn>>,
    stories: Vec<Obj<StoryIn>>,
    photos: Option<Vec<Photo>>,
}

impl DocumentIn {
    fn into_dataset(self) -> Option<(Dataset, Vec<Photo>)> {
        let DocumentIn { schema_version, reference, reference_meta, rulebooks, cooperatives, projects, meetings, visits, stories, photos } = self;
        let top = TopIn { schema_version, reference, reference_meta, photos };
        top.into_dataset(Lists { rulebooks, cooperatives, projects, meetings, visits, stories })
    }
}

/// The document without its lists of records: the part the stored layout keeps apart
/// (`storage_layout`), each list being kept in parts of one record per line.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct TopIn {
    schema_version: Current,
    reference: Strict,
    reference_meta: ReferenceMetaIn,
    photos: Option<Vec<Photo>>,
}

/// The lists of records, read.
struct Lists {
    rulebooks: Vec<Obj<RulebookIn>>,
    cooperatives: Vec<Obj<CooperativeIn>>,
    projects: Vec<Obj<ProjectIn>>,
    meetings: Vec<Obj<MeetingIn>>,
    visits: Vec<Obj<VisitIn>>,
    stories: Vec<Obj<StoryIn>>,
}

impl TopIn {
    #[inline]
    fn into_dataset(self, lists: Lists) -> Option<(Dataset, Vec<Photo>)> {
        let TopIn { schema_version: Current, reference: Strict(reference), reference_meta, photos } = self;
        // The reference data reads through its own serde implementation, as in the full reading.
        if reference.is_null() {
            return None;
        }
        let reference = ReferenceData::deserialize(&reference).ok()?;
        let reference_meta = reference_meta.into_meta()?;
        let Lists { rulebooks, cooperatives, projects, meetings, visits, stories } = lists;
        let parts = Parts {
            rulebooks: records(rulebooks, RulebookIn::into_record)?,
            cooperatives: records(cooperatives, CooperativeIn::into_record)?,
            projects: records(projects, ProjectIn::into_record)?,
            meetings: records(meetings, MeetingIn::into_record)?,
            visits: records(visits, VisitIn::into_record)?,
            stories: records(stories, StoryIn::into_record)?,
        };
        // A repeated id fails here; the full reading names both places.
        let dataset = Dataset::from_parts(reference, reference_meta, parts).ok()?;
        Some((dataset, photos.unwrap_or_default()))
    }
}

/// Reads a document kept in parts: `top`, the document without its lists, and each list's
/// parts, one record per line. Gives what [`read`] gives for the document they make together
/// (the lists appended to `top`, their lines joined by commas), or `None` where [`read`] would;
/// every one of the six lists must be named once, as the document must hold each.
#[inline]
pub(super) fn read_parts(top: &str, lists: &[(&str, &[String])]) -> Option<(Dataset, Vec<Photo>)> {
    let Obj(top) = serde_json::from_str::<Obj<TopIn>>(top).ok()?;
    // Each of the six once (no sort: this code is compiled for speed, and a sort's code is large).
    const NAMES: [&str; 6] = ["rulebooks", "cooperatives", "projects", "meetings", "visits", "stories"];
    if lists.len() != NAMES.len() || !NAMES.iter().all(|wanted| lists.iter().filter(|(name, _)| name == wanted).count() == 1) {
        return None;
    }
    let texts = |wanted: &str| lists.iter().find(|(name, _)| *name == wanted).map_or(&[][..], |(_, texts)| *texts);
    let read = Lists {
        rulebooks: lines(texts("rulebooks"))?,
        cooperatives: lines(texts("cooperatives"))?,
        projects: lines(texts("projects"))?,
        meetings: lines(texts("meetings"))?,
        visits: lines(texts("visits"))?,
        stories: lines(texts("stories"))?,
    };
    top.into_dataset(read)
}

/// The records of a list's parts, one JSON object per line, blank lines skipped. Two records on
/// one line are refused, as the document they would make (a comma between lines) is not JSON.
fn lines<T: for<'de> Deserialize<'de>>(texts: &[String]) -> Option<Vec<T>> {
    let mut read = Vec::new();
    for text in texts {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<T>();
        while let Some(record) = stream.next() {
            read.push(record.ok()?);
            let rest = &text[stream.byte_offset()..];
            let next = rest.len() - rest.trim_start().len();
            if next < rest.len() && !rest[..next].contains('\n') {
                return None;
            }
        }
    }
    Some(read)
}

fn records<In, T>(list: Vec<Obj<In>>, into: impl Fn(In) -> Option<Record<T>>) -> Option<Vec<Record<T>>> {
    list.into_iter().map(|Obj(item)| into(item)).collect()
}

/// The schema version this build writes; any other number (or anything else) is refused.
struct Current;

impl<'de> Deserialize<'de> for Current {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Current, D::Error> {
        struct CurrentVisitor;
        impl Visitor<'_> for CurrentVisitor {
            type Value = Current;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "schema version {SCHEMA_VERSION}")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Current, E> {
                if value == u64::from(SCHEMA_VERSION) { Ok(Current) } else { Err(E::custom("another schema version")) }
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Current, E> {
                if value == i64::from(SCHEMA_VERSION) { Ok(Current) } else { Err(E::custom("another schema version")) }
            }
        }
        deserializer.deserialize_u64(CurrentVisitor)
    }
}

/// A value that must be a JSON object: what the full reading takes apart field by field
/// refuses anything else, where serde's derive would also read the fields from an array.
struct Obj<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Obj<T>, D::Error> {
        T::deserialize(ObjectOnly(deserializer)).map(Obj)
    }
}

/// A deserializer that asks for a map whatever the type asks for.
struct ObjectOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Any JSON value, with every repeated key and `__proto__` key refused, as the full reading's
/// tree refuses them; numbers are kept as that tree keeps them.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Strict, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_bool<E>(self, value: bool) -> Result<Strict, E> {
        Ok(Strict(Value::Bool(value)))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(value.into())))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(value.into())))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Strict, E> {
        Number::from_f64(value).map(|n| Strict(Value::Number(n))).ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, value: &str) -> Result<Strict, E> {
        Ok(Strict(Value::String(value.to_owned())))
    }

    fn visit_string<E>(self, value: String) -> Result<Strict, E> {
        Ok(Strict(Value::String(value)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Strict(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut entries = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "__proto__" || entries.contains_key(&key) {
                return Err(de::Error::custom("a repeated or __proto__ key"));
            }
            let Strict(value) = map.next_value()?;
            entries.insert(key, value);
        }
        Ok(Strict(Value::Object(entries)))
    }
}

/// A version vector; a device named twice is refused.
struct Versions(BTreeMap<Id, u64>);

impl<'de> Deserialize<'de> for Versions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Versions, D::Error> {
        struct VersionsVisitor;
        impl<'de> Visitor<'de> for VersionsVisitor {
            type Value = Versions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a version vector")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Versions, A::Error> {
                let mut versions = BTreeMap::new();
                while let Some(device) = map.next_key::<Id>()? {
                    if versions.insert(device, map.next_value::<u64>()?).is_some() {
                        return Err(de::Error::custom("a repeated device"));
                    }
                }
                Ok(Versions(versions))
            }
        }
        deserializer.deserialize_map(VersionsVisitor)
    }
}

/// A field clock's fields; a field named twice, or `__proto__`, is refused.
struct FieldDots(BTreeMap<String, Dot>);

impl<'de> Deserialize<'de> for FieldDots {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FieldDots, D::Error> {
        struct FieldDotsVisitor;
        impl<'de> Visitor<'de> for FieldDotsVisitor {
            type Value = FieldDots;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("fields and the changes that wrote them")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldDots, A::Error> {
                let mut fields = BTreeMap::new();
                while let Some(field) = map.next_key::<String>()? {
                    if field == "__proto__" || fields.contains_key(&field) {
                        return Err(de::Error::custom("a repeated or __proto__ key"));
                    }
                    let dot = map.next_value::<Dot>()?;
                    fields.insert(field, dot);
                }
                Ok(FieldDots(fields))
            }
        }
        deserializer.deserialize_map(FieldDotsVisitor)
    }
}

/// [`ChangedField`] with its values read strictly; fields in the same order (an array form
/// reads them by position).
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct ChangedFieldIn {
    field: String,
    old: Strict,
    new: Strict,
}

/// [`Change`], the same fields in the same order.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct ChangeIn {
    at: Timestamp,
    user: String,
    device_name: String,
    device: Id,
    counter: u64,
    revision: u64,
    action: Action,
    fields: Vec<ChangedFieldIn>,
}

impl ChangeIn {
    fn into_change(self) -> Change {
        Change {
            at: self.at,
            user: self.user,
            device_name: self.device_name,
            device: self.device,
            counter: self.counter,
            revision: self.revision,
            action: self.action,
            fields: self.fields.into_iter().map(|f| ChangedField { field: f.field, old: f.old.0, new: f.new.0 }).collect(),
        }
    }
}

/// [`Written`], the same fields in the same order.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct WrittenIn {
    base: Dot,
    fields: FieldDots,
}

/// [`ReferenceMeta`], the same fields in the same order.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct ReferenceMetaIn {
    versions: Versions,
    written: FieldDots,
    history: Vec<ChangeIn>,
}

impl ReferenceMetaIn {
    /// The checks of `records::reference_meta`.
    fn into_meta(self) -> Option<ReferenceMeta> {
        let Versions(versions) = self.versions;
        let FieldDots(written) = self.written;
        let dots_counted = written.iter().all(|(field, dot)| field.split('/').count() >= 3 && counted(dot, &versions));
        let history = history_checked(self.history, &versions)?;
        dots_counted.then_some(ReferenceMeta { versions, written, history })
    }
}

/// Whether a dot is a change the version vector counts (`records::check_dot`).
fn counted(dot: &Dot, versions: &BTreeMap<Id, u64>) -> bool {
    dot.counter >= 1 && dot.is_known_to(versions)
}

/// The history put in order, if each change is counted, once, with a revision in range
/// (`records::check_history`).
fn history_checked(history: Vec<ChangeIn>, versions: &BTreeMap<Id, u64>) -> Option<Vec<Change>> {
    let total = versions.values().fold(0u64, |sum, n| sum.saturating_add(*n));
    let mut seen = BTreeSet::new();
    let mut changes = Vec::with_capacity(history.len());
    for change in history {
        let change = change.into_change();
        if !counted(&change.dot(), versions) || change.revision == 0 || change.revision > total || !seen.insert(change.dot()) {
            return None;
        }
        changes.push(change);
    }
    Some(history::normalise(changes))
}

/// A record's `meta`, read by hand in the full reading.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct MetaIn {
    created: Timestamp,
    updated: Timestamp,
    updated_by: String,
    device: Id,
    revision: u64,
    versions: Versions,
    deleted: bool,
    written: WrittenIn,
    history: Vec<ChangeIn>,
}

impl MetaIn {
    /// The checks of `records::meta` and `records::written`, for a record whose fields are
    /// `names`.
    fn into_meta(self, names: &[&str]) -> Option<Meta> {
        let Versions(versions) = self.versions;
        let total = versions.values().try_fold(0u64, |sum, n| sum.checked_add(*n));
        if total != Some(self.revision) || self.revision == 0 {
            return None;
        }
        let WrittenIn { base, fields: FieldDots(fields) } = self.written;
        let written_counted = counted(&base, &versions)
            && fields.iter().all(|(field, dot)| (field == DELETED || names.contains(&field.as_str())) && *dot != base && counted(dot, &versions));
        if !written_counted {
            return None;
        }
        let history = history_checked(self.history, &versions)?;
        Some(Meta {
            created: self.created,
            updated: self.updated,
            updated_by: self.updated_by,
            device: self.device,
            revision: self.revision,
            versions,
            deleted: self.deleted,
            written: Written { base, fields },
            history,
        })
    }
}

fn record<T: RecordFields>(id: Id, Obj(meta): Obj<MetaIn>, data: T) -> Option<Record<T>> {
    Some(Record { id, meta: meta.into_meta(T::NAMES)?, data })
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct ShareIn {
    rate: Rate,
    severity: Severity,
}

impl ShareIn {
    fn rule(Obj(share): Obj<ShareIn>) -> ShareRule {
        ShareRule { rate: share.rate, severity: share.severity }
    }
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct CeilingIn {
    cooperative: Amount,
    union: Amount,
    gie: Amount,
    severity: Severity,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct AgesIn {
    min_age: u8,
    max_age: u8,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct MinimumIn {
    minimum: u32,
    severity: Severity,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct PeriodIn {
    first_year: u16,
    last_year: u16,
    severity: Severity,
}

/// A rulebook record (`records::rulebook`).
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct RulebookIn {
    id: Id,
    meta: Obj<MetaIn>,
    name_ar: String,
    name_fr: String,
    max_indh_share: Obj<ShareIn>,
    indh_ceiling: Obj<CeilingIn>,
    min_own_share: Obj<ShareIn>,
    max_in_kind_share_of_own: Obj<ShareIn>,
    min_women_youth_share: Obj<ShareIn>,
    youth_ages: Obj<AgesIn>,
    min_members: Obj<MinimumIn>,
    programme_period: Obj<PeriodIn>,
}

impl RulebookIn {
    fn into_record(self) -> Option<Record<Rulebook>> {
        let Obj(ceiling) = self.indh_ceiling;
        let Obj(ages) = self.youth_ages;
        let Obj(members) = self.min_members;
        let Obj(period) = self.programme_period;
        let rulebook = Rulebook {
            name_ar: self.name_ar,
            name_fr: self.name_fr,
            max_indh_share: ShareIn::rule(self.max_indh_share),
            indh_ceiling: CeilingRule { cooperative: ceiling.cooperative, union: ceiling.union, gie: ceiling.gie, severity: ceiling.severity },
            min_own_share: ShareIn::rule(self.min_own_share),
            max_in_kind_share_of_own: ShareIn::rule(self.max_in_kind_share_of_own),
            min_women_youth_share: ShareIn::rule(self.min_women_youth_share),
            youth_ages: AgeBand { min_age: ages.min_age, max_age: ages.max_age },
            min_members: CountRule { minimum: members.minimum, severity: members.severity },
            programme_period: PeriodRule { first_year: period.first_year, last_year: period.last_year, severity: period.severity },
        };
        record(self.id, self.meta, rulebook)
    }
}

/// `total`, `women` and `youth` (`records::counts`).
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct CountsIn {
    total: u32,
    women: u32,
    youth: u32,
}

/// A register number, read through serde in the full reading ([`RegisterNumber`]'s stored
/// shape, which ignores unknown fields: refusing them here only sends such a file to the full
/// reading).
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct RegisterIn {
    court: String,
    number: String,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct MilieuIn {
    milieu: Milieu,
    reason: String,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct ContactIn {
    phone: Option<Phone>,
    email: Option<String>,
    address: String,
}

/// A cooperative record (`records::cooperative`).
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct CooperativeIn {
    id: Id,
    meta: Obj<MetaIn>,
    name_ar: String,
    name_fr: String,
    legal_form: LegalForm,
    register_number: Option<RegisterIn>,
    ice: Option<Ice>,
    created_on: Option<Date>,
    commune: String,
    milieu_override: Option<Obj<MilieuIn>>,
    sector: String,
    members: Obj<CountsIn>,
    president_gender: Gender,
    status: CooperativeStatus,
    contact: Obj<ContactIn>,
    notes: String,
}

impl CooperativeIn {
    fn into_record(self) -> Option<Record<Cooperative>> {
        let register_number = match self.register_number {
            Some(RegisterIn { court, number }) => Some(RegisterNumber::new(&court, &number).ok()?),
            None => None,
        };
        let Obj(members) = self.members;
        let Obj(contact) = self.contact;
        let cooperative = Cooperative {
            name_ar: self.name_ar,
            name_fr: self.name_fr,
            legal_form: self.legal_form,
            register_number,
            ice: self.ice,
            created_on: self.created_on,
            commune: self.commune,
            milieu_override: self.milieu_override.map(|Obj(m)| MilieuOverride { milieu: m.milieu, reason: m.reason }),
            sector: self.sector,
            members: Members { total: members.total, women: members.women, youth: members.youth },
            president_gender: self.president_gender,
            status: self.status,
            contact: Contact { phone: contact.phone, email: contact.email, address: contact.address },
            notes: self.notes,
        };
        record(self.id, self.meta, cooperative)
    }
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct CallIn {
    year: u16,
    rulebook: Id,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct ContributionIn {
    funder: String,
    amount: Amount,
    kind: ContributionKind,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct TrancheIn {
    planned_on: Date,
    funder: String,
    amount: Amount,
}

#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct DisbursementIn {
    paid_on: Date,
    funder: String,
    amount: Amount,
}

/// A project record (`records::project`).
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct ProjectIn {
    id: Id,
    meta: Obj<MetaIn>,
    title_ar: String,
    title_fr: String,
    cooperative: Id,
    programme: String,
    axis: String,
    call: Obj<CallIn>,
    total_cost: Amount,
    contributions: Vec<Obj<ContributionIn>>,
    submitted_on: Option<Date>,
    cpdh_approved_on: Option<Date>,
    convention_signed_on: Option<Date>,
    tranches: Vec<Obj<TrancheIn>>,
    disbursements: Vec<Obj<DisbursementIn>>,
    jobs: Obj<CountsIn>,
    status: ProjectStatus,
    notes: String,
}

impl ProjectIn {
    fn into_record(self) -> Option<Record<Project>> {
        let Obj(call) = self.call;
        let Obj(jobs) = self.jobs;
        let project = Project {
            title_ar: self.title_ar,
            title_fr: self.title_fr,
            cooperative: self.cooperative,
            programme: self.programme,
            axis: self.axis,
            call: Call { year: call.year, rulebook: call.rulebook },
            total_cost: self.total_cost,
            contributions: self.contributions.into_iter().map(|Obj(c)| Contribution { funder: c.funder, amount: c.amount, kind: c.kind }).collect(),
            submitted_on: self.submitted_on,
            cpdh_approved_on: self.cpdh_approved_on,
            convention_signed_on: self.convention_signed_on,
            tranches: self.tranches.into_iter().map(|Obj(t)| Tranche { planned_on: t.planned_on, funder: t.funder, amount: t.amount }).collect(),
            disbursements: self.disbursements.into_iter().map(|Obj(d)| Disbursement { paid_on: d.paid_on, funder: d.funder, amount: d.amount }).collect(),
            jobs: Jobs { total: jobs.total, women: jobs.women, youth: jobs.youth },
            status: self.status,
            notes: self.notes,
        };
        record(self.id, self.meta, project)
    }
}

/// A meeting record: `id`, `meta` and [`Meeting`]'s fields with its types (the full reading
/// reads them through [`Meeting`]'s serde implementation).
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct MeetingIn {
    id: Id,
    meta: Obj<MetaIn>,
    title_ar: String,
    title_fr: String,
    date: Date,
    start_time: Option<TimeOfDay>,
    place: String,
    organisers: Vec<String>,
    partners: Vec<String>,
    agenda: Vec<Presentation>,
    invited: Vec<Id>,
    attendance: Attendance,
    testimonials: Vec<Testimonial>,
    challenges: Vec<Challenge>,
    follow_ups: Vec<FollowUp>,
}

impl MeetingIn {
    fn into_record(self) -> Option<Record<Meeting>> {
        let meeting = Meeting {
            title_ar: self.title_ar,
            title_fr: self.title_fr,
            date: self.date,
            start_time: self.start_time,
            place: self.place,
            organisers: self.organisers,
            partners: self.partners,
            agenda: self.agenda,
            invited: self.invited,
            attendance: self.attendance,
            testimonials: self.testimonials,
            challenges: self.challenges,
            follow_ups: self.follow_ups,
        };
        record(self.id, self.meta, meeting.normalised())
    }
}

/// A visit record: `id`, `meta` and [`Visit`]'s fields with its types.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct VisitIn {
    id: Id,
    meta: Obj<MetaIn>,
    cooperative: Id,
    date: Date,
    visitor: String,
    purpose: String,
    state: ObservedState,
    observations: String,
    needs: String,
    next_steps: String,
    next_visit_on: Option<Date>,
}

impl VisitIn {
    fn into_record(self) -> Option<Record<Visit>> {
        let visit = Visit {
            cooperative: self.cooperative,
            date: self.date,
            visitor: self.visitor,
            purpose: self.purpose,
            state: self.state,
            observations: self.observations,
            needs: self.needs,
            next_steps: self.next_steps,
            next_visit_on: self.next_visit_on,
        };
        record(self.id, self.meta, visit)
    }
}

/// A success story record: `id`, `meta` and [`Story`]'s fields with its types.
#[derive(Derive)]
#[serde(deny_unknown_fields)]
struct StoryIn {
    id: Id,
    meta: Obj<MetaIn>,
    project: Id,
    story_ar: String,
    story_fr: String,
    jobs: Option<u32>,
    turnover_before: Option<Amount>,
    turnover_after: Option<Amount>,
    photos: Vec<String>,
}

impl StoryIn {
    fn into_record(self) -> Option<Record<Story>> {
        let story = Story {
            project: self.project,
            story_ar: self.story_ar,
            story_fr: self.story_fr,
            jobs: self.jobs,
            turnover_before: self.turnover_before,
            turnover_after: self.turnover_after,
            photos: self.photos,
        };
        record(self.id, self.meta, story)
    }
}
