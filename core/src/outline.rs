//! The outline of a dataset: what the dashboard reads of it — the reference data, and of each
//! live cooperative and project the fields its figures, charts and lists of records show —
//! written as plain tab-separated lines and read back without a JSON reader, so that a start
//! can draw the dashboard before the records themselves are read.
//!
//! The outline is a derived copy, like an index: `storage_layout` stores it beside the records
//! (parts `outline.reference`, `outline.cooperatives.NN`, `outline.projects.NN`) and rewrites a
//! bucket's outline whenever it rewrites the bucket. The dataset [`read`] gives back holds the
//! live cooperatives and projects with those fields and **nothing else** (no contacts, no
//! notes, no histories, no meetings, visits or stories): it answers every question of
//! `crate::stats` exactly as the full dataset does (the tests compare them), and must never be
//! saved, exported or edited. The web app shows the dashboard from it while the records are
//! read, and swaps in the full dataset when they are.
//!
//! # Format
//!
//! One record per line, fields separated by tabs; in text fields a backslash, tab, line feed
//! or carriage return is written `\\`, `\t`, `\n`, `\r`. Numbers are decimal ASCII, amounts in
//! centimes, dates as days since 1970-01-01, enumerations as one-letter codes. The reference
//! part starts with [`HEADER`]; a reader meeting another header refuses the outline (the full
//! reading then decides).

use std::collections::BTreeMap;
use std::fmt;

use crate::amount::Amount;
use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use crate::dataset::Dataset;
use crate::date::Date;
use crate::id::Id;
use crate::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus};
use crate::record::{Dot, Meta, Record, Timestamp, Written};
use crate::reference::{Axis, Commune, CommuneKind, Court, Funder, FunderRole, Milieu, Programme, ReferenceData, Sector};

/// The first line of the reference part: the format and its version.
pub const HEADER: &str = "taawun-outline 1";

/// Why an outline was not read: the part and line at fault. Never shown to users: the app then
/// reads the records themselves, which name any real problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineError {
    /// `reference`, `cooperatives` or `projects`.
    pub part: &'static str,
    /// The line, from 1 (0 when the part as a whole is at fault).
    pub line: usize,
}

impl fmt::Display for OutlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "outline {}, line {}: not an outline line", self.part, self.line)
    }
}

impl std::error::Error for OutlineError {}

// --- Codes -------------------------------------------------------------------------------------

const COMMUNE_KINDS: [(CommuneKind, char); 3] = [(CommuneKind::UrbanCommune, 'u'), (CommuneKind::Arrondissement, 'a'), (CommuneKind::RuralCommune, 'r')];
const FUNDER_ROLES: [(FunderRole, char); 3] = [(FunderRole::Indh, 'i'), (FunderRole::OwnContribution, 'o'), (FunderRole::Partner, 'p')];
const MILIEUX: [(Milieu, char); 2] = [(Milieu::Urban, 'u'), (Milieu::Rural, 'r')];
const GENDERS: [(Gender, char); 2] = [(Gender::Female, 'f'), (Gender::Male, 'm')];
const COOPERATIVE_STATUSES: [(CooperativeStatus, char); 6] = [
    (CooperativeStatus::NameApproved, 'n'),
    (CooperativeStatus::Active, 'a'),
    (CooperativeStatus::Inactive, 'i'),
    (CooperativeStatus::InLiquidation, 'l'),
    (CooperativeStatus::Dissolved, 'd'),
    (CooperativeStatus::StruckOff, 's'),
];
const PROJECT_STATUSES: [(ProjectStatus, char); 7] = [
    (ProjectStatus::Submitted, 's'),
    (ProjectStatus::Approved, 'a'),
    (ProjectStatus::ConventionSigned, 'c'),
    (ProjectStatus::InProgress, 'p'),
    (ProjectStatus::Completed, 'd'),
    (ProjectStatus::Rejected, 'r'),
    (ProjectStatus::Cancelled, 'x'),
];
const CONTRIBUTION_KINDS: [(ContributionKind, char); 2] = [(ContributionKind::Cash, 'c'), (ContributionKind::InKind, 'k')];

fn code_of<T: PartialEq>(table: &[(T, char)], value: &T) -> char {
    table.iter().find(|(v, _)| v == value).map_or('?', |(_, c)| *c)
}

fn value_of<T: Copy>(table: &[(T, char)], text: &str) -> Option<T> {
    let mut chars = text.chars();
    let (Some(code), None) = (chars.next(), chars.next()) else { return None };
    table.iter().find(|(_, c)| *c == code).map(|(v, _)| *v)
}

// --- Writing -----------------------------------------------------------------------------------

/// One line being written: fields joined by tabs.
struct Line<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Line<'a> {
    fn new(out: &'a mut String) -> Line<'a> {
        Line { out, first: true }
    }

    fn sep(&mut self) {
        if !self.first {
            self.out.push('\t');
        }
        self.first = false;
    }

    fn text(&mut self, text: &str) -> &mut Self {
        self.sep();
        for c in text.chars() {
            match c {
                '\\' => self.out.push_str("\\\\"),
                '\t' => self.out.push_str("\\t"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                c => self.out.push(c),
            }
        }
        self
    }

    fn number(&mut self, number: impl fmt::Display) -> &mut Self {
        use fmt::Write;
        self.sep();
        let _ = write!(self.out, "{number}");
        self
    }

    fn code(&mut self, code: char) -> &mut Self {
        self.sep();
        self.out.push(code);
        self
    }

    fn flag(&mut self, flag: bool) -> &mut Self {
        self.code(if flag { '1' } else { '0' })
    }

    fn date(&mut self, date: Option<Date>) -> &mut Self {
        match date {
            Some(date) => self.number(date.days_since_epoch()),
            None => self.text(""),
        }
    }

    fn end(&mut self) {
        self.out.push('\n');
    }
}

/// The reference part: [`HEADER`], then one line per entry of every table.
pub fn reference_text(reference: &ReferenceData) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for c in reference.communes() {
        Line::new(&mut out)
            .code('c')
            .text(&c.code)
            .text(&c.name_fr)
            .text(&c.name_ar)
            .code(code_of(&COMMUNE_KINDS, &c.kind))
            .text(c.parent.as_deref().unwrap_or(""))
            .flag(c.retired)
            .end();
    }
    for s in reference.sectors() {
        Line::new(&mut out).code('s').text(&s.code).text(&s.name_fr).text(&s.name_ar).text(s.parent.as_deref().unwrap_or("")).flag(s.retired).end();
    }
    for p in reference.programmes() {
        Line::new(&mut out).code('p').text(&p.code).number(p.number).text(&p.name_fr).text(&p.name_ar).flag(p.retired).end();
    }
    for a in reference.axes() {
        Line::new(&mut out).code('x').text(&a.code).text(&a.programme).text(&a.name_fr).text(&a.name_ar).flag(a.retired).end();
    }
    for f in reference.funders() {
        Line::new(&mut out).code('f').text(&f.code).text(&f.name_fr).text(&f.name_ar).code(code_of(&FUNDER_ROLES, &f.role)).flag(f.retired).end();
    }
    for c in reference.courts() {
        Line::new(&mut out).code('t').text(&c.code).text(&c.name_fr).text(&c.name_ar).flag(c.retired).end();
    }
    out
}

/// The outline of some cooperatives: one line per live one.
pub fn cooperatives_text(records: &[Record<Cooperative>]) -> String {
    let mut out = String::new();
    for record in records.iter().filter(|r| r.is_live()) {
        let c = &record.data;
        let milieu = c.milieu_override.as_ref().map_or('-', |m| code_of(&MILIEUX, &m.milieu));
        Line::new(&mut out)
            .text(&record.id.to_string())
            .text(&c.name_ar)
            .text(&c.name_fr)
            .text(&c.commune)
            .text(&c.sector)
            .code(milieu)
            .number(c.members.total)
            .number(c.members.women)
            .number(c.members.youth)
            .code(code_of(&GENDERS, &c.president_gender))
            .code(code_of(&COOPERATIVE_STATUSES, &c.status))
            .end();
    }
    out
}

/// The outline of some projects: one line per live one.
pub fn projects_text(records: &[Record<Project>]) -> String {
    let mut out = String::new();
    for record in records.iter().filter(|r| r.is_live()) {
        let p = &record.data;
        let mut line = Line::new(&mut out);
        line.text(&record.id.to_string())
            .text(&p.cooperative.to_string())
            .text(&p.title_ar)
            .text(&p.title_fr)
            .text(&p.programme)
            .text(&p.axis)
            .number(p.call.year)
            .date(p.cpdh_approved_on)
            .number(p.total_cost.to_centimes())
            .code(code_of(&PROJECT_STATUSES, &p.status))
            .number(p.jobs.total)
            .number(p.jobs.women)
            .number(p.jobs.youth)
            .number(p.contributions.len());
        for c in &p.contributions {
            line.text(&c.funder).code(code_of(&CONTRIBUTION_KINDS, &c.kind)).number(c.amount.to_centimes());
        }
        line.number(p.disbursements.len());
        for d in &p.disbursements {
            line.date(Some(d.paid_on)).text(&d.funder).number(d.amount.to_centimes());
        }
        line.end();
    }
    out
}

// --- Reading -----------------------------------------------------------------------------------

/// The fields of one line, read in order; `None` at the first missing or malformed field.
struct Fields<'a> {
    rest: std::str::Split<'a, char>,
}

impl<'a> Fields<'a> {
    fn new(line: &'a str) -> Fields<'a> {
        Fields { rest: line.split('\t') }
    }

    fn raw(&mut self) -> Option<&'a str> {
        self.rest.next()
    }

    fn text(&mut self) -> Option<String> {
        let raw = self.raw()?;
        if !raw.contains('\\') {
            return Some(raw.to_owned());
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            out.push(match chars.next()? {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => return None,
            });
        }
        Some(out)
    }

    fn optional_text(&mut self) -> Option<Option<String>> {
        let text = self.text()?;
        Some((!text.is_empty()).then_some(text))
    }

    fn number(&mut self) -> Option<u64> {
        let raw = self.raw()?;
        if raw.is_empty() || raw.len() > 20 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        raw.parse().ok()
    }

    fn small<T: TryFrom<u64>>(&mut self) -> Option<T> {
        T::try_from(self.number()?).ok()
    }

    fn code<T: Copy>(&mut self, table: &[(T, char)]) -> Option<T> {
        value_of(table, self.raw()?)
    }

    fn flag(&mut self) -> Option<bool> {
        match self.raw()? {
            "0" => Some(false),
            "1" => Some(true),
            _ => None,
        }
    }

    fn id(&mut self) -> Option<Id> {
        Id::parse(self.raw()?).ok()
    }

    fn amount(&mut self) -> Option<Amount> {
        Amount::from_centimes(self.number()?)
    }

    fn date(&mut self) -> Option<Option<Date>> {
        let raw = self.raw()?;
        if raw.is_empty() {
            return Some(None);
        }
        let negative = raw.starts_with('-');
        let digits = if negative { &raw[1..] } else { raw };
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let days: i32 = digits.parse().ok()?;
        Date::from_days_since_epoch(if negative { -days } else { days }).map(Some)
    }

    /// The line is over.
    fn end(&mut self) -> Option<()> {
        self.rest.next().is_none().then_some(())
    }
}

/// The lines of some texts, blank lines skipped, each with its number in its text (from 1).
fn numbered(texts: &[String]) -> impl Iterator<Item = (usize, &str)> {
    texts.iter().flat_map(|text| text.lines().enumerate().map(|(n, line)| (n + 1, line))).filter(|(_, line)| !line.is_empty())
}

/// The metadata every record of an outline carries: none of the real one is kept.
fn outline_meta() -> Meta {
    let device = Id::from_u128(0);
    Meta {
        created: Timestamp::EPOCH,
        updated: Timestamp::EPOCH,
        updated_by: String::new(),
        device,
        revision: 0,
        versions: BTreeMap::new(),
        deleted: false,
        written: Written { base: Dot { device, counter: 0 }, fields: BTreeMap::new() },
        history: Vec::new(),
    }
}

/// Reads an outline back: the reference part's text, and the texts of the cooperatives' and
/// the projects' parts. Gives the dataset described in the module documentation.
pub fn read(reference: &str, cooperatives: &[String], projects: &[String]) -> Result<Dataset, OutlineError> {
    let reference = read_reference(reference)?;
    let mut read_cooperatives = Vec::new();
    for (line, text) in numbered(cooperatives) {
        read_cooperatives.push(read_cooperative(text).ok_or(OutlineError { part: "cooperatives", line })?);
    }
    let mut read_projects = Vec::new();
    for (line, text) in numbered(projects) {
        read_projects.push(read_project(text).ok_or(OutlineError { part: "projects", line })?);
    }
    Dataset::from_outline(reference, read_cooperatives, read_projects)
        .map_err(|repeated| OutlineError { part: if repeated.kind == crate::record::RecordKind::Project { "projects" } else { "cooperatives" }, line: 0 })
}

fn read_reference(text: &str) -> Result<ReferenceData, OutlineError> {
    let at = |line| OutlineError { part: "reference", line };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(at(1));
    }
    let (mut communes, mut sectors, mut programmes, mut axes, mut funders, mut courts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (n, line) in lines.enumerate() {
        let mut f = Fields::new(line);
        let read = match f.raw() {
            Some("c") => (|| {
                let entry = Commune {
                    code: f.text()?,
                    name_fr: f.text()?,
                    name_ar: f.text()?,
                    kind: f.code(&COMMUNE_KINDS)?,
                    parent: f.optional_text()?,
                    retired: f.flag()?,
                };
                communes.push(entry);
                f.end()
            })(),
            Some("s") => (|| {
                let entry = Sector { code: f.text()?, name_fr: f.text()?, name_ar: f.text()?, parent: f.optional_text()?, retired: f.flag()? };
                sectors.push(entry);
                f.end()
            })(),
            Some("p") => (|| {
                let entry = Programme { code: f.text()?, number: f.small()?, name_fr: f.text()?, name_ar: f.text()?, retired: f.flag()? };
                programmes.push(entry);
                f.end()
            })(),
            Some("x") => (|| {
                let entry = Axis { code: f.text()?, programme: f.text()?, name_fr: f.text()?, name_ar: f.text()?, retired: f.flag()? };
                axes.push(entry);
                f.end()
            })(),
            Some("f") => (|| {
                let entry = Funder { code: f.text()?, name_fr: f.text()?, name_ar: f.text()?, role: f.code(&FUNDER_ROLES)?, retired: f.flag()? };
                funders.push(entry);
                f.end()
            })(),
            Some("t") => (|| {
                let entry = Court { code: f.text()?, name_fr: f.text()?, name_ar: f.text()?, retired: f.flag()? };
                courts.push(entry);
                f.end()
            })(),
            _ => None,
        };
        read.ok_or(at(n + 2))?;
    }
    ReferenceData::from_tables(communes, sectors, programmes, axes, funders, courts).map_err(|_| at(0))
}

fn read_cooperative(line: &str) -> Option<Record<Cooperative>> {
    let mut f = Fields::new(line);
    let id = f.id()?;
    let (name_ar, name_fr, commune, sector) = (f.text()?, f.text()?, f.text()?, f.text()?);
    let milieu_override = match f.raw()? {
        "-" => None,
        code => Some(MilieuOverride { milieu: value_of(&MILIEUX, code)?, reason: String::new() }),
    };
    let members = Members { total: f.small()?, women: f.small()?, youth: f.small()? };
    let president_gender = f.code(&GENDERS)?;
    let status = f.code(&COOPERATIVE_STATUSES)?;
    f.end()?;
    let data = Cooperative {
        name_ar,
        name_fr,
        legal_form: LegalForm::Cooperative,
        register_number: None,
        ice: None,
        created_on: None,
        commune,
        milieu_override,
        sector,
        members,
        president_gender,
        status,
        contact: Contact::default(),
        notes: String::new(),
    };
    Some(Record { id, meta: outline_meta(), data })
}

fn read_project(line: &str) -> Option<Record<Project>> {
    let mut f = Fields::new(line);
    let id = f.id()?;
    let cooperative = f.id()?;
    let (title_ar, title_fr, programme, axis) = (f.text()?, f.text()?, f.text()?, f.text()?);
    let call = Call { year: f.small()?, rulebook: Id::from_u128(0) };
    let cpdh_approved_on = f.date()?;
    let total_cost = f.amount()?;
    let status = f.code(&PROJECT_STATUSES)?;
    let jobs = Jobs { total: f.small()?, women: f.small()?, youth: f.small()? };
    let count: usize = f.small()?;
    let mut contributions = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        contributions.push(Contribution { funder: f.text()?, kind: f.code(&CONTRIBUTION_KINDS)?, amount: f.amount()? });
    }
    let count: usize = f.small()?;
    let mut disbursements = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        disbursements.push(Disbursement { paid_on: f.date()??, funder: f.text()?, amount: f.amount()? });
    }
    f.end()?;
    let data = Project {
        title_ar,
        title_fr,
        cooperative,
        programme,
        axis,
        call,
        total_cost,
        contributions,
        submitted_on: None,
        cpdh_approved_on,
        convention_signed_on: None,
        tranches: Vec::new(),
        disbursements,
        jobs,
        status,
        notes: String::new(),
    };
    Some(Record { id, meta: outline_meta(), data })
}
