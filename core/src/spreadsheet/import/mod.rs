//! Import of cooperatives and projects from a sheet: the header row found under any title rows,
//! columns mapped, every row previewed with its findings (empty rows dropped, a totals row and
//! duplicate rows skipped and said), then the rows applied as recorded edits, all or nothing,
//! creating records or updating the ones with the same key (ICE, or court and register number).

mod mapping;
mod values;

use std::collections::BTreeMap;

use thiserror::Error;

pub use mapping::{ColumnMapping, Field, ImportKind, MappedColumn, guess_field};
use values::{Entry, Problem, Resolved};

use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use crate::dataset::{Dataset, Edit, EditContext, Refused};
use crate::finding::{Finding, Text};
use crate::fold::search_key;
use crate::id::Id;
use crate::lang::Lang;
use crate::phone::Phone;
use crate::project::{Call, Jobs, Project, ProjectStatus};
use crate::record::Author;
use crate::reference::Milieu;
use crate::register::RegisterNumber;
use crate::spreadsheet::read::{Grid, Value};
use crate::text::Localised;

/// Why a sheet cannot be previewed at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// No row among the first ones names at least two known columns.
    #[error("no header row found: no row among the first 30 names two known columns")]
    NoHeaderRow,
    /// A project sheet without the call's rulebook.
    #[error("projects need the rulebook of their call")]
    NoRulebook,
}

impl Localised for ImportError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::NoHeaderRow, Lang::Ar) => "لم يعثر على صف العناوين: لا يذكر أي صف من الصفوف الأولى عمودين معروفين".to_owned(),
            (ImportError::NoHeaderRow, Lang::Fr) => "aucune ligne d'en-tête : aucune des premières lignes ne nomme deux colonnes connues".to_owned(),
            (ImportError::NoRulebook, Lang::Ar) => "يجب اختيار نظام طلب المشاريع الذي تنتمي إليه المشاريع".to_owned(),
            (ImportError::NoRulebook, Lang::Fr) => "choisissez le règlement de l'appel dont relèvent les projets".to_owned(),
        }
    }
}

/// What the user chose before the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Rows whose key matches an existing record update it; otherwise such rows are errors.
    pub update_existing: bool,
    /// For projects: the rulebook of their call.
    pub rulebook: Option<Id>,
    /// For projects: the call's year when the sheet has no year column.
    pub call_year: Option<u16>,
    /// Use the closest reference entry for a near spelling (`Gueznaya` for `Gueznaia`). Off,
    /// a near spelling is an error that shows the suggestion: the user reads the suggestions,
    /// then accepts them all or corrects the file.
    pub accept_suggestions: bool,
}

/// How grave a finding on a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gravity {
    /// The row cannot be imported as it is.
    Error,
    /// The row is imported, read as the message says.
    Warning,
    /// The row is skipped on purpose (a totals row, a repeated row).
    Skipped,
}

/// One thing the preview says about a row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowFinding {
    /// The sheet's row number, as the spreadsheet shows it (from 1).
    pub row: usize,
    /// The column's header, when the finding is about one cell.
    pub column: Option<String>,
    /// The cell's text (or the row's first cells).
    pub value: String,
    /// How grave.
    pub gravity: Gravity,
    /// What to say, in both languages.
    pub text: Text,
    /// The value the import will use or suggests instead (a reference name, an ICE with its
    /// zeros).
    pub suggestion: Option<String>,
}

impl RowFinding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

/// A record a row becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A cooperative.
    Cooperative(Box<Cooperative>),
    /// A project.
    Project(Box<Project>),
}

/// What applying a row will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowAction {
    /// Create a record.
    Create(Incoming),
    /// Update the record `id`, as of revision `base_revision`.
    Update {
        /// The record matched by key.
        id: Id,
        /// Its revision when previewed: if it changes before the import, the import is refused.
        base_revision: u64,
        /// Its new value (the file's cells over the record's other fields).
        record: Incoming,
    },
    /// Nothing: the row has errors, or is skipped.
    Nothing,
}

/// One data row of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    /// The sheet's row number (from 1).
    pub row: usize,
    /// What importing it does.
    pub action: RowAction,
    /// Whether it has an error (and so `action` is `Nothing`).
    pub has_error: bool,
}

/// Every row of the sheet and what importing would do with it; nothing is written yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The mapping used.
    pub mapping: ColumnMapping,
    /// The data rows (empty rows left out), in sheet order.
    pub rows: Vec<PreviewRow>,
    /// Every finding, in row order.
    pub findings: Vec<RowFinding>,
}

impl Preview {
    /// The rows that would be created or updated.
    pub fn importable(&self) -> usize {
        self.rows.iter().filter(|r| !matches!(r.action, RowAction::Nothing)).count()
    }

    /// The sheet rows with an error.
    pub fn rows_with_errors(&self) -> Vec<usize> {
        self.rows.iter().filter(|r| r.has_error).map(|r| r.row).collect()
    }

    /// A short digest of what importing would write: every row's action, the record it
    /// creates or updates and the revision it updates from. The page sends back the digest of
    /// the preview it showed, and the import is refused if the file read again at that moment
    /// (or the data) would write anything else.
    pub fn fingerprint(&self) -> String {
        // FNV-1a over the rows' debug text: stable for the same rows, and core has no hasher
        // of its own that is stable across builds.
        let text = format!("{:?}", self.rows);
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
        format!("{hash:016x}")
    }
}

/// Words that mark a totals row, folded.
const TOTAL_WORDS: &[&str] = &["total", "totaux", "total general", "المجموع", "مجموع", "المجموع العام", "الاجمالي", "المجموع الاجمالي"];

/// Whether a row is a totals row: its first filled cell says "Total" (or "المجموع"…), it has no
/// key (ICE, register number) and no other text, only numbers. A cooperative named "Total
/// Bio" has a commune or a sector written beside its name, so it is read as a row.
fn is_totals_row(cells: &[Value], mapping: &ColumnMapping) -> bool {
    let mut filled = cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let Some((_, Value::Text(first))) = filled.next() else { return false };
    let key = search_key(first);
    let says_total = TOTAL_WORDS.contains(&key.as_str()) || key.starts_with("total ") || key.starts_with("المجموع ");
    let has_key = [Field::Ice, Field::RegisterNumber].iter().filter_map(|f| mapping.column_of(*f)).any(|c| cells.get(c).is_some_and(|v| !v.is_empty()));
    let more_text = filled.any(|(_, cell)| matches!(cell, Value::Text(text) if !values::is_number(text)));
    says_total && !has_key && !more_text
}

/// Builds the preview of `grid` read with `mapping` against `dataset`.
pub fn preview(dataset: &Dataset, grid: &Grid, mapping: &ColumnMapping, options: &ImportOptions) -> Result<Preview, ImportError> {
    if mapping.kind == ImportKind::Projects && options.rulebook.is_none() {
        return Err(ImportError::NoRulebook);
    }
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    let mut seen_rows: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut seen_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut trial = Trial::new(dataset);
    for (index, cells) in grid.rows.iter().enumerate().skip(mapping.header_row + 1) {
        let number = index + 1;
        if cells.iter().all(Value::is_empty) {
            continue;
        }
        let summary = || cells.iter().filter(|c| !c.is_empty()).take(3).map(Value::as_text).collect::<Vec<_>>().join(" | ");
        let skip = |ar: String, fr: String| RowFinding {
            row: number,
            column: None,
            value: summary(),
            gravity: Gravity::Skipped,
            text: Text { ar, fr },
            suggestion: None,
        };
        if is_totals_row(cells, mapping) {
            findings.push(skip("صف مجموع: لم يستورد".to_owned(), "ligne de totaux : non importée".to_owned()));
            rows.push(PreviewRow { row: number, action: RowAction::Nothing, has_error: false });
            continue;
        }
        let content: Vec<String> = (0..mapping.columns.len()).map(|c| search_key(&cells.get(c).map(Value::as_text).unwrap_or_default())).collect();
        if let Some(first) = seen_rows.get(&content) {
            findings.push(skip(format!("تكرار للصف {first}: لم يستورد"), format!("doublon de la ligne {first} : non importée")));
            rows.push(PreviewRow { row: number, action: RowAction::Nothing, has_error: false });
            continue;
        }
        seen_rows.insert(content, number);

        let mut row = RowReader { grid, mapping, index, findings: Vec::new(), accept_near: options.accept_suggestions };
        let action = match mapping.kind {
            ImportKind::Cooperatives => cooperative_row(dataset, &mut row, options, &mut seen_keys),
            ImportKind::Projects => project_row(dataset, &mut row, options, &mut seen_keys),
        };
        if !row.findings.iter().any(|f| f.gravity == Gravity::Error) {
            trial.check(&mut row, &action);
        }
        let has_error = row.findings.iter().any(|f| f.gravity == Gravity::Error);
        findings.append(&mut row.findings);
        rows.push(PreviewRow { row: number, action: if has_error { RowAction::Nothing } else { action }, has_error });
    }
    Ok(Preview { mapping: mapping.clone(), rows, findings })
}

/// The dataset's own checks, run in the preview: each row's edit is applied, in sheet order, to
/// a copy of the dataset as the import will apply it, and every finding it leads to on its
/// record is said on the row, with the cell its path names. A blocking finding is an error of
/// the row, so that no record the dataset's rules block is written, with one exception: a
/// sheet has no columns for a project's contributions, tranches or payments, so what their
/// absence breaks (contributions that do not sum to the cost) is a warning on a project that
/// has none, to complete in the app. An edit the dataset cannot carry out at all (a record
/// changed meanwhile) is an error too.
struct Trial {
    work: Dataset,
    context: EditContext,
    created: u128,
}

/// The parts of a project a sheet does not carry.
const NOT_IN_SHEETS: [&str; 3] = ["contributions", "tranches", "disbursements"];

impl Trial {
    fn new(dataset: &Dataset) -> Trial {
        // Core has no clock; the checks do not read the author, who is never recorded (the copy
        // is dropped).
        let author = Author { at: crate::record::Timestamp::EPOCH, user: String::new(), device: Id::from_u128(u128::MAX), device_name: String::new() };
        Trial { work: dataset.clone(), context: EditContext::recorded(author), created: 0 }
    }

    /// An id for a row to create that no record has.
    fn new_id(&mut self) -> Id {
        loop {
            self.created += 1;
            let id = Id::from_u128(u128::MAX - self.created);
            if self.work.cooperatives().get(id).is_none() && self.work.projects().get(id).is_none() {
                return id;
            }
        }
    }

    fn check(&mut self, row: &mut RowReader<'_>, action: &RowAction) {
        let Some(edit) = edit_of(action, || self.new_id()) else { return };
        let target = edit.target();
        let bare_project = matches!(action, RowAction::Create(Incoming::Project(p)) | RowAction::Update { record: Incoming::Project(p), .. }
            if p.contributions.is_empty() && p.tranches.is_empty() && p.disbursements.is_empty());
        match self.work.apply(edit, &self.context) {
            Ok(applied) => {
                for finding in applied.findings.iter().filter(|f| f.record == target || f.record.is_none()) {
                    let not_in_sheet = bare_project
                        && finding.path.steps().iter().any(|step| matches!(step, crate::document::Step::Key(key) if NOT_IN_SHEETS.contains(&key.as_str())));
                    let gravity = if finding.blocks() && !not_in_sheet { Gravity::Error } else { Gravity::Warning };
                    row.note_finding(finding, gravity);
                }
            }
            Err(refused) => {
                for finding in refused.findings.iter().filter(|f| f.blocks()) {
                    row.note_finding(finding, Gravity::Error);
                }
                if !row.findings.iter().any(|f| f.gravity == Gravity::Error) {
                    row.note(None, String::new(), values::error("رفضت المعطيات هذا الصف".to_owned(), "les données refusent cette ligne".to_owned()));
                }
            }
        }
    }
}

/// The edit a row's action makes, with `new_id` for a record to create.
fn edit_of(action: &RowAction, new_id: impl FnOnce() -> Id) -> Option<Edit> {
    Some(match action {
        RowAction::Nothing => return None,
        RowAction::Create(Incoming::Cooperative(c)) => Edit::CreateCooperative { id: new_id(), cooperative: (**c).clone() },
        RowAction::Create(Incoming::Project(p)) => Edit::CreateProject { id: new_id(), project: (**p).clone() },
        RowAction::Update { id, base_revision, record: Incoming::Cooperative(c) } => {
            Edit::UpdateCooperative { id: *id, base_revision: *base_revision, cooperative: (**c).clone() }
        }
        RowAction::Update { id, base_revision, record: Incoming::Project(p) } => {
            Edit::UpdateProject { id: *id, base_revision: *base_revision, project: (**p).clone() }
        }
    })
}

/// The fields a key of a finding's path may have come from, most likely first.
fn fields_of_key(key: &str) -> &'static [Field] {
    match key {
        "name_ar" => &[Field::NameAr, Field::Name],
        "name_fr" => &[Field::NameFr, Field::Name],
        "legal_form" => &[Field::LegalForm],
        "register_number" => &[Field::RegisterNumber, Field::Court],
        "ice" => &[Field::Ice],
        "created_on" => &[Field::CreatedOn],
        "commune" => &[Field::Commune],
        "milieu_override" => &[Field::Milieu],
        "sector" => &[Field::Sector],
        "members" | "total" => &[Field::MembersTotal, Field::JobsTotal],
        "women" => &[Field::MembersWomen, Field::JobsWomen],
        "youth" => &[Field::MembersYouth, Field::JobsYouth],
        "jobs" => &[Field::JobsTotal],
        "president_gender" => &[Field::PresidentGender],
        "status" => &[Field::Status],
        "contact" | "phone" => &[Field::Phone],
        "email" => &[Field::Email],
        "address" => &[Field::Address],
        "notes" => &[Field::Notes],
        "title_ar" => &[Field::TitleAr, Field::Title],
        "title_fr" => &[Field::TitleFr, Field::Title],
        "cooperative" => &[Field::Cooperative, Field::Ice, Field::RegisterNumber],
        "programme" => &[Field::Programme],
        "axis" => &[Field::Axis],
        "call" | "year" => &[Field::CallYear],
        "total_cost" | "contributions" => &[Field::TotalCost],
        "submitted_on" => &[Field::SubmittedOn],
        "cpdh_approved_on" => &[Field::ApprovedOn],
        "convention_signed_on" => &[Field::ConventionOn],
        _ => &[],
    }
}

/// Reads the cells of one row by field and collects what goes wrong.
struct RowReader<'a> {
    grid: &'a Grid,
    mapping: &'a ColumnMapping,
    index: usize,
    findings: Vec<RowFinding>,
    /// Whether a near spelling is read as the entry it is close to.
    accept_near: bool,
}

impl RowReader<'_> {
    /// Notes a finding of the dataset's checks on the row, on the column of the field its path
    /// names when that field is mapped.
    fn note_finding(&mut self, finding: &Finding, gravity: Gravity) {
        let keys = finding.path.steps().iter().rev().filter_map(|step| match step {
            crate::document::Step::Key(key) => Some(key.as_str()),
            crate::document::Step::Index(_) => None,
        });
        let column = keys.flat_map(fields_of_key).find_map(|field| self.mapping.column_of(*field));
        let value = column.map(|c| self.grid.cell(self.index, c).as_text()).unwrap_or_default();
        self.findings.push(RowFinding {
            row: self.index + 1,
            column: column.and_then(|c| self.mapping.columns.get(c)).map(|c| c.header.clone()),
            value,
            gravity,
            text: finding.message.clone(),
            suggestion: None,
        });
    }

    /// The non-empty cell of `field`, if the field is mapped.
    fn cell(&self, field: Field) -> Option<(usize, &Value)> {
        let column = self.mapping.column_of(field)?;
        let value = self.grid.cell(self.index, column);
        (!value.is_empty()).then_some((column, value))
    }

    fn text(&self, field: Field) -> Option<String> {
        self.cell(field).map(|(_, v)| v.as_text())
    }

    fn note(&mut self, column: Option<usize>, value: String, problem: Problem) {
        self.findings.push(RowFinding {
            row: self.index + 1,
            column: column.and_then(|c| self.mapping.columns.get(c)).map(|c| c.header.clone()),
            value,
            gravity: if problem.error { Gravity::Error } else { Gravity::Warning },
            text: problem.text,
            suggestion: problem.suggestion,
        });
    }

    /// The cell of `field` read by `read`; a problem is noted and gives `None`.
    fn read<T>(&mut self, field: Field, read: impl FnOnce(&Value) -> Result<T, Problem>) -> Option<T> {
        let (column, value) = self.cell(field)?;
        let text = value.as_text();
        match read(value) {
            Ok(v) => Some(v),
            Err(problem) => {
                self.note(Some(column), text, problem);
                None
            }
        }
    }

    /// The reference entry the cell of `field` names. A near spelling is an error that
    /// suggests the closest entry, unless the user accepted the suggestions: then the entry is
    /// used and said. An unknown one is an error.
    fn entry(&mut self, field: Field, entries: &[Entry<'_>]) -> Option<String> {
        let (column, value) = self.cell(field)?;
        let text = value.as_text();
        match values::resolve(entries, &text) {
            Resolved::Exact(code) => Some(code),
            Resolved::Near { code, name } if self.accept_near => {
                let problem =
                    values::warning(format!("«{text}» قرئ «{name}» (الاقتراح مقبول)"), format!("« {text} » lu « {name} » (suggestion acceptée)"), Some(name));
                self.note(Some(column), text, problem);
                Some(code)
            }
            Resolved::Near { name, .. } => {
                let problem = values::Problem {
                    suggestion: Some(name.clone()),
                    ..values::error(
                        format!("«{text}» غير معروف؛ أقرب قيمة: «{name}» (اقبل الاقتراحات لاستعمالها)"),
                        format!("« {text} » est inconnu ; le plus proche : « {name} » (acceptez les suggestions pour l'utiliser)"),
                    )
                };
                self.note(Some(column), text, problem);
                None
            }
            Resolved::Unknown => {
                let problem = values::error(format!("«{text}» غير موجود في المعطيات المرجعية"), format!("« {text} » n'est pas dans les données de référence"));
                self.note(Some(column), text, problem);
                None
            }
        }
    }

    fn missing(&mut self, field: Field) {
        let problem = values::error(format!("«{}» فارغ", field.name(Lang::Ar)), format!("« {} » est vide", field.name(Lang::Fr)));
        let column = self.mapping.column_of(field);
        self.note(column, String::new(), problem);
    }
}

fn statuses<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str, name: impl Fn(T, Lang) -> &'static str) -> Vec<(T, Vec<&'static str>)> {
    all.iter().map(|s| (*s, vec![code(*s), name(*s, Lang::Ar), name(*s, Lang::Fr)])).collect()
}

fn choice<T: Copy>(row: &mut RowReader<'_>, field: Field, options: &[(T, Vec<&'static str>)]) -> Option<T> {
    let entries: Vec<Entry<'_>> = options.iter().enumerate().map(|(i, (_, names))| Entry { code: INDEX[i], names: names.clone() }).collect();
    let code = row.entry(field, &entries)?;
    let position = INDEX.iter().position(|c| *c == code)?;
    options.get(position).map(|(value, _)| *value)
}

/// Codes for choices that have no code of their own (statuses, genders), by position.
const INDEX: [&str; 8] = ["#0", "#1", "#2", "#3", "#4", "#5", "#6", "#7"];

/// The row's ICE; one that lost its leading zeros, or whose check digits are wrong, is read
/// and said.
fn read_ice(row: &mut RowReader<'_>) -> Option<crate::ice::Ice> {
    row.read(Field::Ice, values::ice).map(|(ice, warning)| {
        if let (Some(problem), Some((column, value))) = (warning, row.cell(Field::Ice)) {
            let text = value.as_text();
            row.note(Some(column), text, problem);
        }
        ice
    })
}

/// The row's court and register number; a number without its court is an error.
fn read_register(row: &mut RowReader<'_>, courts: &[Entry<'_>]) -> Option<RegisterNumber> {
    let court = row.entry(Field::Court, courts);
    match (court, row.text(Field::RegisterNumber)) {
        (Some(court), Some(number)) => match RegisterNumber::new(&court, &number) {
            Ok(register) => Some(register),
            Err(e) => {
                let column = row.mapping.column_of(Field::RegisterNumber);
                row.note(column, number, values::error(e.message(Lang::Ar), e.message(Lang::Fr)));
                None
            }
        },
        (None, Some(number)) if row.cell(Field::Court).is_none() => {
            let column = row.mapping.column_of(Field::RegisterNumber);
            row.note(column, number, values::error("رقم التسجيل بدون المحكمة".to_owned(), "numéro d'inscription sans tribunal".to_owned()));
            None
        }
        _ => None,
    }
}

fn cooperative_row(dataset: &Dataset, row: &mut RowReader<'_>, options: &ImportOptions, seen_keys: &mut BTreeMap<String, usize>) -> RowAction {
    let reference = dataset.reference();
    let courts: Vec<Entry<'_>> = reference.courts().iter().map(|c| Entry { code: &c.code, names: vec![&c.name_ar, &c.name_fr] }).collect();
    let communes: Vec<Entry<'_>> =
        reference.communes().iter().filter(|c| !c.retired).map(|c| Entry { code: &c.code, names: vec![&c.name_ar, &c.name_fr] }).collect();
    let sectors: Vec<Entry<'_>> =
        reference.sectors().iter().filter(|s| !s.retired).map(|s| Entry { code: &s.code, names: vec![&s.name_ar, &s.name_fr] }).collect();

    // The keys first: they decide whether the row creates or updates.
    let ice = read_ice(row);
    let register = read_register(row, &courts);
    for key in [ice.as_ref().map(|i| format!("ice {i}")), register.as_ref().map(|r| format!("rc {} {}", r.court(), r.number()))].into_iter().flatten() {
        if let Some(first) = seen_keys.get(&key) {
            let first = *first;
            row.note(None, key.clone(), values::error(format!("نفس المعرف في الصف {first}"), format!("même identifiant qu'à la ligne {first}")));
        } else {
            seen_keys.insert(key, row.index + 1);
        }
    }
    let by_ice = ice.as_ref().and_then(|ice| dataset.cooperatives().live().find(|c| c.data.ice.as_ref() == Some(ice)));
    let by_register = register.as_ref().and_then(|register| dataset.cooperatives().live().find(|c| c.data.register_number.as_ref() == Some(register)));
    if let (Some(one), Some(other)) = (by_ice, by_register)
        && one.id != other.id
    {
        let (a, b) = (&one.data, &other.data);
        row.note(
            None,
            format!("{} / {}", a.name(Lang::Fr), b.name(Lang::Fr)),
            values::error(
                format!("التعريف الموحد لتعاونية «{}» ورقم التسجيل لتعاونية أخرى «{}»", a.name(Lang::Ar), b.name(Lang::Ar)),
                format!("l'ICE est celui de « {} » et le numéro d'inscription celui d'une autre coopérative, « {} »", a.name(Lang::Fr), b.name(Lang::Fr)),
            ),
        );
    }
    let existing = by_ice.or(by_register);
    if existing.is_some() && !options.update_existing {
        row.note(
            None,
            String::new(),
            values::error("هذه التعاونية مسجلة من قبل (بنفس المعرف)".to_owned(), "cette coopérative est déjà enregistrée (même identifiant)".to_owned()),
        );
    }

    let mut c = existing.map_or_else(
        || Cooperative {
            name_ar: String::new(),
            name_fr: String::new(),
            legal_form: LegalForm::Cooperative,
            register_number: None,
            ice: None,
            created_on: None,
            commune: String::new(),
            milieu_override: None,
            sector: String::new(),
            members: Members::default(),
            president_gender: Gender::Male,
            status: CooperativeStatus::Active,
            contact: Contact::default(),
            notes: String::new(),
        },
        |record| record.data.clone(),
    );
    if let Some(name) = row.text(Field::Name) {
        if values::is_arabic(&name) { c.name_ar = name } else { c.name_fr = name }
    }
    if let Some(name) = row.text(Field::NameAr) {
        c.name_ar = name;
    }
    if let Some(name) = row.text(Field::NameFr) {
        c.name_fr = name;
    }
    if c.name_ar.trim().is_empty() && c.name_fr.trim().is_empty() {
        row.missing(Field::Name);
    }
    let forms = vec![
        (LegalForm::Cooperative, vec!["cooperative", "تعاونية", "coopérative"]),
        (LegalForm::Union, vec!["union", "اتحاد", "اتحاد تعاونيات", "union de coopératives"]),
    ];
    if let Some(form) = choice(row, Field::LegalForm, &forms) {
        c.legal_form = form;
    }
    if ice.is_some() {
        c.ice = ice;
    }
    if register.is_some() {
        c.register_number = register;
    }
    if let Some(day) = row.read(Field::CreatedOn, values::date) {
        c.created_on = Some(day);
    }
    if let Some(code) = row.entry(Field::Commune, &communes) {
        c.commune = code;
    } else if c.commune.is_empty() && row.cell(Field::Commune).is_none() {
        row.missing(Field::Commune);
    }
    let milieux = vec![(Milieu::Urban, vec!["urban", "urbain", "حضري"]), (Milieu::Rural, vec!["rural", "قروي"])];
    if let Some(milieu) = choice(row, Field::Milieu, &milieux) {
        let of_commune = reference.commune(&c.commune).map(|commune| commune.milieu());
        c.milieu_override = (of_commune != Some(milieu)).then(|| MilieuOverride { milieu, reason: "ملف مستورد / fichier importé".to_owned() });
    }
    if let Some(code) = row.entry(Field::Sector, &sectors) {
        c.sector = code;
    } else if c.sector.is_empty() && row.cell(Field::Sector).is_none() {
        row.missing(Field::Sector);
    }
    if let Some(n) = row.read(Field::MembersTotal, values::count) {
        c.members.total = n;
    }
    if let Some(n) = row.read(Field::MembersWomen, values::count) {
        c.members.women = n;
    }
    if let Some(n) = row.read(Field::MembersYouth, values::count) {
        c.members.youth = n;
    }
    let genders = vec![
        (Gender::Female, vec!["female", "f", "femme", "féminin", "feminin", "أنثى", "انثى", "امرأة"]),
        (Gender::Male, vec!["male", "h", "m", "homme", "masculin", "ذكر", "رجل"]),
    ];
    if let Some(gender) = choice(row, Field::PresidentGender, &genders) {
        c.president_gender = gender;
    }
    let all = statuses(&CooperativeStatus::ALL, CooperativeStatus::code, CooperativeStatus::name);
    if let Some(status) = choice(row, Field::Status, &all) {
        c.status = status;
    }
    if let Some(phone) = row.read(Field::Phone, |v| Phone::parse(&v.as_text()).map_err(|e| values::error(e.message(Lang::Ar), e.message(Lang::Fr)))) {
        c.contact.phone = Some(phone);
    }
    if let Some(email) = row.text(Field::Email) {
        c.contact.email = Some(email);
    }
    if let Some(address) = row.text(Field::Address) {
        c.contact.address = address;
    }
    if let Some(notes) = row.text(Field::Notes) {
        c.notes = notes;
    }
    let record = Incoming::Cooperative(Box::new(c));
    match existing {
        Some(found) => RowAction::Update { id: found.id, base_revision: found.meta.revision, record },
        None => RowAction::Create(record),
    }
}

fn project_row(dataset: &Dataset, row: &mut RowReader<'_>, options: &ImportOptions, seen_keys: &mut BTreeMap<String, usize>) -> RowAction {
    let reference = dataset.reference();
    let programmes: Vec<Entry<'_>> =
        reference.programmes().iter().filter(|p| !p.retired).map(|p| Entry { code: &p.code, names: vec![&p.name_ar, &p.name_fr] }).collect();
    let axes: Vec<Entry<'_>> = reference.axes().iter().filter(|a| !a.retired).map(|a| Entry { code: &a.code, names: vec![&a.name_ar, &a.name_fr] }).collect();

    // The cooperative: by its ICE, else by its court and register number, else by its name.
    let by_ice = read_ice(row);
    let mut cooperative = by_ice.as_ref().and_then(|ice| dataset.cooperatives().live().find(|c| c.data.ice.as_ref() == Some(ice))).map(|c| c.id);
    if let (Some(ice), None) = (&by_ice, cooperative) {
        let column = row.mapping.column_of(Field::Ice);
        row.note(column, ice.to_string(), values::error(format!("لا توجد تعاونية بالتعريف الموحد {ice}"), format!("aucune coopérative n'a l'ICE {ice}")));
    }
    let courts: Vec<Entry<'_>> = reference.courts().iter().map(|c| Entry { code: &c.code, names: vec![&c.name_ar, &c.name_fr] }).collect();
    let by_register = read_register(row, &courts);
    if let Some(register) = &by_register {
        let found = dataset.cooperatives().live().find(|c| c.data.register_number.as_ref() == Some(register)).map(|c| c.id);
        match (found, cooperative) {
            (None, _) => {
                let column = row.mapping.column_of(Field::RegisterNumber);
                row.note(
                    column,
                    register.number().to_owned(),
                    values::error(
                        format!("لا توجد تعاونية برقم التسجيل {} ({})", register.number(), register.court()),
                        format!("aucune coopérative n'a le numéro d'inscription {} ({})", register.number(), register.court()),
                    ),
                );
            }
            (Some(found), Some(by_ice)) if found != by_ice => {
                row.note(
                    None,
                    register.number().to_owned(),
                    values::error(
                        "التعريف الموحد ورقم التسجيل لتعاونيتين مختلفتين".to_owned(),
                        "l'ICE et le numéro d'inscription désignent deux coopératives différentes".to_owned(),
                    ),
                );
            }
            (Some(found), _) => cooperative = Some(found),
        }
    }
    if cooperative.is_none() && by_ice.is_none() && by_register.is_none() {
        let name = row.text(Field::Cooperative).unwrap_or_default();
        let live: Vec<_> = dataset.cooperatives().live().collect();
        let exact = live.iter().find(|c| [&c.data.name_ar, &c.data.name_fr].iter().any(|n| !n.is_empty() && search_key(n) == search_key(&name)));
        cooperative = exact.map(|c| c.id);
        if cooperative.is_none() && !name.is_empty() {
            // A near spelling is suggested but never used: a project on the wrong cooperative is
            // worse than a row to correct.
            let near = live
                .iter()
                .flat_map(|c| [&c.data.name_ar, &c.data.name_fr])
                .filter(|n| !n.is_empty())
                .min_by_key(|n| values::distance(&search_key(&name), &search_key(n)));
            let column = row.mapping.column_of(Field::Cooperative);
            let problem = values::Problem {
                suggestion: near.map(|n| n.to_string()),
                ..values::error(format!("لا توجد تعاونية باسم «{name}»"), format!("aucune coopérative ne s'appelle « {name} »"))
            };
            row.note(column, name, problem);
        } else if cooperative.is_none() {
            row.missing(Field::Cooperative);
        }
    }

    let mut title_ar = row.text(Field::TitleAr).unwrap_or_default();
    let mut title_fr = row.text(Field::TitleFr).unwrap_or_default();
    if let Some(title) = row.text(Field::Title) {
        if values::is_arabic(&title) { title_ar = title } else { title_fr = title }
    }
    if title_ar.is_empty() && title_fr.is_empty() {
        row.missing(Field::Title);
    }
    let key = format!("{:?} {} {}", cooperative, search_key(&title_ar), search_key(&title_fr));
    if let Some(first) = seen_keys.get(&key).copied() {
        row.note(None, title_fr.clone(), values::error(format!("نفس المشروع في الصف {first}"), format!("même projet qu'à la ligne {first}")));
    } else {
        seen_keys.insert(key, row.index + 1);
    }
    let existing = cooperative.and_then(|coop| {
        dataset.projects_of(coop).find(|p| {
            (!title_ar.is_empty() && search_key(&p.data.title_ar) == search_key(&title_ar))
                || (!title_fr.is_empty() && search_key(&p.data.title_fr) == search_key(&title_fr))
        })
    });
    if existing.is_some() && !options.update_existing {
        row.note(None, String::new(), values::error("هذا المشروع مسجل من قبل".to_owned(), "ce projet est déjà enregistré".to_owned()));
    }
    let rulebook = options.rulebook.unwrap_or(Id::from_u128(0));
    let mut p = existing.map_or_else(
        || Project {
            title_ar: String::new(),
            title_fr: String::new(),
            cooperative: cooperative.unwrap_or(Id::from_u128(0)),
            programme: String::new(),
            axis: String::new(),
            call: Call { year: options.call_year.unwrap_or(0), rulebook },
            total_cost: crate::amount::Amount::ZERO,
            contributions: Vec::new(),
            submitted_on: None,
            cpdh_approved_on: None,
            convention_signed_on: None,
            tranches: Vec::new(),
            disbursements: Vec::new(),
            jobs: Jobs::default(),
            status: ProjectStatus::Submitted,
            notes: String::new(),
        },
        |record| record.data.clone(),
    );
    if !title_ar.is_empty() {
        p.title_ar = title_ar;
    }
    if !title_fr.is_empty() {
        p.title_fr = title_fr;
    }
    if let Some(code) = row.entry(Field::Programme, &programmes) {
        p.programme = code;
    }
    if let Some(code) = row.entry(Field::Axis, &axes) {
        p.axis = code;
    }
    if let Some(year) = row.read(Field::CallYear, values::count) {
        p.call.year = u16::try_from(year).unwrap_or(0);
    }
    if p.call.year == 0 {
        row.missing(Field::CallYear);
    }
    match row.read(Field::TotalCost, values::amount) {
        Some(cost) => p.total_cost = cost,
        None if existing.is_none() && row.cell(Field::TotalCost).is_none() => row.missing(Field::TotalCost),
        None => {}
    }
    let all = statuses(&ProjectStatus::ALL, ProjectStatus::code, ProjectStatus::name);
    if let Some(status) = choice(row, Field::Status, &all) {
        p.status = status;
    }
    if let Some(day) = row.read(Field::SubmittedOn, values::date) {
        p.submitted_on = Some(day);
    }
    if let Some(day) = row.read(Field::ApprovedOn, values::date) {
        p.cpdh_approved_on = Some(day);
    }
    if let Some(day) = row.read(Field::ConventionOn, values::date) {
        p.convention_signed_on = Some(day);
    }
    if let Some(n) = row.read(Field::JobsTotal, values::count) {
        p.jobs.total = n;
    }
    if let Some(n) = row.read(Field::JobsWomen, values::count) {
        p.jobs.women = n;
    }
    if let Some(n) = row.read(Field::JobsYouth, values::count) {
        p.jobs.youth = n;
    }
    if let Some(notes) = row.text(Field::Notes) {
        p.notes = notes;
    }
    let record = Incoming::Project(Box::new(p));
    match existing {
        Some(found) => RowAction::Update { id: found.id, base_revision: found.meta.revision, record },
        None => RowAction::Create(record),
    }
}

/// Which rows an import writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowChoice {
    /// Every data row, or nothing if one has an error (the default).
    AllRows,
    /// Only the rows without errors: a choice the user makes knowingly.
    ValidRowsOnly,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The records created, in row order.
    pub created: Vec<Id>,
    /// The records updated, in row order.
    pub updated: Vec<Id>,
    /// The findings of the dataset's checks on the records written (warnings, and what a
    /// project's missing contributions break: the preview made any other blocking finding a
    /// row error).
    pub findings: Vec<Finding>,
    /// The edits written, in row order, as one [`Edit::Batch`]: what an app applies through
    /// its own `Dataset::apply` after checking the import on a copy.
    pub edit: Edit,
}

/// Why an import wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportRefused {
    /// Some rows have errors and the user asked for every row.
    #[error("rows {rows:?} have errors; nothing was imported")]
    RowsWithErrors {
        /// The sheet rows.
        rows: Vec<usize>,
    },
    /// The dataset refused one row's edit (a record changed since the preview, an id taken).
    #[error("row {row} could not be written; nothing was imported")]
    Edit {
        /// The sheet row.
        row: usize,
        /// What the dataset said.
        refused: Refused,
    },
}

impl Localised for ImportRefused {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportRefused::RowsWithErrors { rows }, Lang::Ar) => format!("في {} صف(ا) أخطاء؛ لم يستورد شيء", rows.len()),
            (ImportRefused::RowsWithErrors { rows }, Lang::Fr) => format!("{} ligne(s) comportent des erreurs ; rien n'a été importé", rows.len()),
            (ImportRefused::Edit { row, .. }, Lang::Ar) => format!("تعذر تسجيل الصف {row}؛ لم يستورد شيء"),
            (ImportRefused::Edit { row, .. }, Lang::Fr) => format!("la ligne {row} n'a pas pu être enregistrée ; rien n'a été importé"),
        }
    }
}

/// Writes the previewed rows into `dataset` as one [`Edit::Batch`] through `Dataset::apply`, by
/// `author`, with ids from `new_id` for the records created, as recorded data (`Checks::Report`):
/// the preview ran the same checks and made every blocking finding a row error, so the rows
/// written carry none but the warnings it showed. All or nothing: if one edit is refused, the
/// dataset is left exactly as it was, and the refusal names its row.
pub fn apply(dataset: &mut Dataset, preview: &Preview, author: Author, choice: RowChoice, mut new_id: impl FnMut() -> Id) -> Result<Imported, ImportRefused> {
    let with_errors = preview.rows_with_errors();
    if choice == RowChoice::AllRows && !with_errors.is_empty() {
        return Err(ImportRefused::RowsWithErrors { rows: with_errors });
    }
    let context = EditContext::recorded(author);
    let mut edits = Vec::new();
    let (mut created, mut updated, mut findings) = (Vec::new(), Vec::new(), Vec::new());
    // The batch's edits are applied one by one on a copy (as `Edit::Batch` does), so that a
    // refusal names its row; the copy is kept only if every one was applied.
    let mut work = dataset.clone();
    for row in &preview.rows {
        let Some(edit) = edit_of(&row.action, &mut new_id) else { continue };
        let Some(target) = edit.target() else { continue };
        let applied = work.apply(edit.clone(), &context).map_err(|refused| ImportRefused::Edit { row: row.row, refused })?;
        findings.extend(applied.findings);
        if matches!(row.action, RowAction::Create(_)) {
            created.push(target.id)
        } else {
            updated.push(target.id)
        }
        edits.push(edit);
    }
    crate::sorting::sort(&mut findings);
    findings.dedup();
    *dataset = work;
    Ok(Imported { created, updated, findings, edit: Edit::Batch(edits) })
}
