//! Reference data as data: communes, ODCo sectors, INDH programmes and axes, funders and courts,
//! shipped as JSON files under `core/data/`, editable, and carried inside exports.
//!
//! Every entry has a stable code that is never reused, and is retired rather than deleted, so
//! that old records keep their meaning. A `ReferenceData` is checked when it is built or read
//! (unique codes, known parents, names in both languages), so code holding one can trust it.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::lang::Lang;
use crate::text::Localised;

/// Whether a commune counts as urban or rural in the prefecture's reports.
///
/// ```
/// use taawun_core::reference::{Milieu, ReferenceData};
/// let data = ReferenceData::builtin();
/// assert_eq!(data.commune("SLY").unwrap().milieu(), Milieu::Rural);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milieu {
    /// A municipality or one of its arrondissements.
    Urban,
    /// A rural commune.
    Rural,
}

/// The administrative kind of a commune entry.
///
/// ```
/// use taawun_core::reference::{CommuneKind, Milieu};
/// assert_eq!(CommuneKind::Arrondissement.milieu(), Milieu::Urban);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    /// An urban commune (municipality), possibly divided into arrondissements.
    UrbanCommune,
    /// An arrondissement of an urban commune; its `parent` is that commune.
    Arrondissement,
    /// A rural commune.
    RuralCommune,
}

impl Milieu {
    /// The word for it in a language (`urbain`, `قروي`).
    ///
    /// ```
    /// use taawun_core::{Lang, reference::Milieu};
    /// assert_eq!(Milieu::Rural.name(Lang::Ar), "قروي");
    /// assert_eq!(Milieu::Urban.name(Lang::Fr), "urbain");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Milieu::Urban, Lang::Fr) => "urbain",
            (Milieu::Urban, Lang::Ar) => "حضري",
            (Milieu::Rural, Lang::Fr) => "rural",
            (Milieu::Rural, Lang::Ar) => "قروي",
        }
    }
}

impl CommuneKind {
    /// The kind's name in a language, lowercase.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::CommuneKind};
    /// assert_eq!(CommuneKind::RuralCommune.name(Lang::Ar), "جماعة قروية");
    /// assert_eq!(CommuneKind::Arrondissement.name(Lang::Fr), "arrondissement");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CommuneKind::UrbanCommune, Lang::Fr) => "commune urbaine",
            (CommuneKind::UrbanCommune, Lang::Ar) => "جماعة حضرية",
            (CommuneKind::Arrondissement, Lang::Fr) => "arrondissement",
            (CommuneKind::Arrondissement, Lang::Ar) => "مقاطعة",
            (CommuneKind::RuralCommune, Lang::Fr) => "commune rurale",
            (CommuneKind::RuralCommune, Lang::Ar) => "جماعة قروية",
        }
    }

    /// Urban for municipalities and arrondissements, rural for rural communes. A cooperative's
    /// own rural flag starts from this and may be overridden (urban centres of rural communes).
    ///
    /// ```
    /// use taawun_core::reference::{CommuneKind, Milieu};
    /// assert_eq!(CommuneKind::RuralCommune.milieu(), Milieu::Rural);
    /// ```
    pub fn milieu(self) -> Milieu {
        match self {
            CommuneKind::UrbanCommune | CommuneKind::Arrondissement => Milieu::Urban,
            CommuneKind::RuralCommune => Milieu::Rural,
        }
    }
}

/// One commune or arrondissement of the prefecture.
///
/// ```
/// use taawun_core::{Lang, reference::ReferenceData};
/// let data = ReferenceData::builtin();
/// let bni_makada = data.commune("TNG-BMK").unwrap();
/// assert_eq!(bni_makada.name(Lang::Ar), "مقاطعة بني مكادة");
/// assert_eq!(bni_makada.parent.as_deref(), Some("TNG"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Commune {
    /// Stable code, never reused.
    pub code: String,
    /// Name in French.
    pub name_fr: String,
    /// Name in Arabic.
    pub name_ar: String,
    /// Urban commune, arrondissement or rural commune.
    pub kind: CommuneKind,
    /// For an arrondissement, the code of its urban commune.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Retired entries stay for old records but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

impl Commune {
    /// The name in the given language.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::ReferenceData};
    /// assert_eq!(ReferenceData::builtin().commune("ASL").unwrap().name(Lang::Fr), "Assilah");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_fr, &self.name_ar)
    }

    /// Urban or rural, from the kind.
    ///
    /// ```
    /// use taawun_core::reference::{Milieu, ReferenceData};
    /// assert_eq!(ReferenceData::builtin().commune("GZN").unwrap().milieu(), Milieu::Urban);
    /// ```
    pub fn milieu(&self) -> Milieu {
        self.kind.milieu()
    }
}

/// An ODCo sector, or a branch of one (`parent` is then the sector's code).
///
/// ```
/// use taawun_core::{Lang, reference::ReferenceData};
/// let data = ReferenceData::builtin();
/// assert_eq!(data.sector("AGR-API").unwrap().name(Lang::Fr), "Apiculture");
/// assert_eq!(data.sector("AGR-API").unwrap().parent.as_deref(), Some("AGR"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sector {
    /// Stable code, never reused.
    pub code: String,
    /// Name in French.
    pub name_fr: String,
    /// Name in Arabic.
    pub name_ar: String,
    /// For a branch, the code of its sector (one level only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Retired entries stay for old records but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

impl Sector {
    /// The name in the given language.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::ReferenceData};
    /// assert_eq!(ReferenceData::builtin().sector("ART").unwrap().name(Lang::Ar), "الصناعة التقليدية");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_fr, &self.name_ar)
    }
}

/// An INDH phase III programme (1 to 4).
///
/// ```
/// use taawun_core::reference::ReferenceData;
/// assert_eq!(ReferenceData::builtin().programme("P3").unwrap().number, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Programme {
    /// Stable code, never reused.
    pub code: String,
    /// The programme's number in phase III.
    pub number: u8,
    /// Name in French.
    pub name_fr: String,
    /// Name in Arabic.
    pub name_ar: String,
    /// Retired entries stay for old records but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

impl Programme {
    /// The name in the given language.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::ReferenceData};
    /// assert_eq!(ReferenceData::builtin().programme("P3").unwrap().name(Lang::Ar), "تحسين الدخل والإدماج الاقتصادي للشباب");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_fr, &self.name_ar)
    }
}

/// An axis of a programme (programme 3 has three).
///
/// ```
/// use taawun_core::reference::ReferenceData;
/// assert_eq!(ReferenceData::builtin().axis("P3-ESS").unwrap().programme, "P3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Axis {
    /// Stable code, never reused.
    pub code: String,
    /// The code of its programme.
    pub programme: String,
    /// Name in French.
    pub name_fr: String,
    /// Name in Arabic.
    pub name_ar: String,
    /// Retired entries stay for old records but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

impl Axis {
    /// The name in the given language.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::ReferenceData};
    /// assert_eq!(ReferenceData::builtin().axis("P3-ESS").unwrap().name(Lang::Ar), "دعم الاقتصاد الاجتماعي والتضامني");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_fr, &self.name_ar)
    }
}

/// What part a funder plays in a project's funding lines.
///
/// ```
/// use taawun_core::reference::{FunderRole, ReferenceData};
/// assert_eq!(ReferenceData::builtin().funder("OWN").unwrap().role, FunderRole::OwnContribution);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunderRole {
    /// The INDH contribution, which the funding rules bound.
    Indh,
    /// The cooperative's own contribution (cash or in kind).
    OwnContribution,
    /// Any other partner (ADS, ODCo, commune, region, …).
    Partner,
}

impl FunderRole {
    /// The role's name in a language, lowercase.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::FunderRole};
    /// assert_eq!(FunderRole::OwnContribution.name(Lang::Fr), "apport propre");
    /// assert_eq!(FunderRole::Partner.name(Lang::Ar), "شريك");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FunderRole::Indh, Lang::Fr) => "contribution de l'INDH",
            (FunderRole::Indh, Lang::Ar) => "مساهمة المبادرة الوطنية للتنمية البشرية",
            (FunderRole::OwnContribution, Lang::Fr) => "apport propre",
            (FunderRole::OwnContribution, Lang::Ar) => "المساهمة الذاتية",
            (FunderRole::Partner, Lang::Fr) => "partenaire",
            (FunderRole::Partner, Lang::Ar) => "شريك",
        }
    }
}

/// A funder or partner that can appear on a project's funding lines.
///
/// ```
/// use taawun_core::{Lang, reference::ReferenceData};
/// assert_eq!(ReferenceData::builtin().funder("ADS").unwrap().name(Lang::Ar), "وكالة التنمية الاجتماعية");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Funder {
    /// Stable code, never reused.
    pub code: String,
    /// Name in French.
    pub name_fr: String,
    /// Name in Arabic.
    pub name_ar: String,
    /// INDH, own contribution or partner.
    pub role: FunderRole,
    /// Retired entries stay for old records but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

impl Funder {
    /// The name in the given language.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::ReferenceData};
    /// assert_eq!(ReferenceData::builtin().funder("CR").unwrap().name(Lang::Fr), "Conseil régional");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_fr, &self.name_ar)
    }
}

/// A court of first instance that keeps a local register of cooperatives.
///
/// ```
/// use taawun_core::{Lang, reference::ReferenceData};
/// assert_eq!(ReferenceData::builtin().court("TPI-TNG").unwrap().name(Lang::Ar), "المحكمة الابتدائية بطنجة");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Court {
    /// Stable code, never reused.
    pub code: String,
    /// Name in French.
    pub name_fr: String,
    /// Name in Arabic.
    pub name_ar: String,
    /// Retired entries stay for old records but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

impl Court {
    /// The name in the given language.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::ReferenceData};
    /// assert_eq!(ReferenceData::builtin().court("TPI-ASL").unwrap().name(Lang::Fr), "Tribunal de première instance d'Assilah");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_fr, &self.name_ar)
    }
}

fn pick<'a>(lang: Lang, fr: &'a str, ar: &'a str) -> &'a str {
    match lang {
        Lang::Fr => fr,
        Lang::Ar => ar,
    }
}

/// The tables of [`ReferenceData`].
///
/// ```
/// use taawun_core::{Lang, reference::Table};
/// assert_eq!(Table::Sectors.name(Lang::Fr), "secteurs");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// Communes and arrondissements.
    Communes,
    /// ODCo sectors and their branches.
    Sectors,
    /// INDH programmes.
    Programmes,
    /// Programme axes.
    Axes,
    /// Funders and partners.
    Funders,
    /// Courts keeping local registers.
    Courts,
}

impl Table {
    /// The table's name in a language, lowercase (for messages).
    ///
    /// ```
    /// use taawun_core::{Lang, reference::Table};
    /// assert_eq!(Table::Funders.name(Lang::Ar), "الممولون والشركاء");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Table::Communes, Lang::Fr) => "communes",
            (Table::Communes, Lang::Ar) => "الجماعات",
            (Table::Sectors, Lang::Fr) => "secteurs",
            (Table::Sectors, Lang::Ar) => "القطاعات",
            (Table::Programmes, Lang::Fr) => "programmes",
            (Table::Programmes, Lang::Ar) => "البرامج",
            (Table::Axes, Lang::Fr) => "axes",
            (Table::Axes, Lang::Ar) => "المحاور",
            (Table::Funders, Lang::Fr) => "financeurs et partenaires",
            (Table::Funders, Lang::Ar) => "الممولون والشركاء",
            (Table::Courts, Lang::Fr) => "tribunaux",
            (Table::Courts, Lang::Ar) => "المحاكم",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Table::Communes => "communes",
            Table::Sectors => "sectors",
            Table::Programmes => "programmes",
            Table::Axes => "axes",
            Table::Funders => "funders",
            Table::Courts => "courts",
        }
    }
}

impl fmt::Display for Table {
    /// The table's key in the stored JSON (`communes`, `sectors`, …).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Why reference data, or a change to it, is refused.
///
/// ```
/// use taawun_core::reference::{ReferenceData, ReferenceError, Table};
/// let mut data = ReferenceData::builtin();
/// assert_eq!(data.retire(Table::Communes, "XXX"), Err(ReferenceError::UnknownCode { table: Table::Communes, code: "XXX".into() }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum ReferenceError {
    /// Two entries of one table share a code.
    #[error("{table}: the code \"{code}\" is used twice")]
    DuplicateCode {
        /// The table.
        table: Table,
        /// The repeated code.
        code: String,
    },
    /// A code, or a name in one language, is empty.
    #[error("{table}: the entry \"{code}\" has an empty {field}")]
    EmptyField {
        /// The table.
        table: Table,
        /// The entry's code (empty when the code itself is missing).
        code: String,
        /// `code`, `name_fr` or `name_ar`.
        field: &'static str,
    },
    /// An arrondissement without its commune, or an axis without its programme.
    #[error("{table}: the entry \"{code}\" needs a parent")]
    MissingParent {
        /// The table.
        table: Table,
        /// The entry's code.
        code: String,
    },
    /// A parent that does not exist or cannot be a parent (a branch of a branch, an
    /// arrondissement of a rural commune, a parent on a commune that is not an arrondissement).
    #[error("{table}: the entry \"{code}\" cannot have \"{parent}\" as its parent")]
    BadParent {
        /// The table.
        table: Table,
        /// The entry's code.
        code: String,
        /// The parent it names.
        parent: String,
    },
    /// No entry with this code (when retiring or renaming).
    #[error("{table}: there is no entry \"{code}\"")]
    UnknownCode {
        /// The table.
        table: Table,
        /// The code looked for.
        code: String,
    },
}

impl Localised for ReferenceError {
    /// ```
    /// use taawun_core::{Lang, text::Localised};
    /// use taawun_core::reference::{ReferenceError, Table};
    /// let err = ReferenceError::DuplicateCode { table: Table::Communes, code: "ASL".into() };
    /// assert_eq!(err.message(Lang::Fr), "communes : le code « ASL » est utilisé deux fois");
    /// ```
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReferenceError::DuplicateCode { table, code }, Lang::Fr) => {
                format!("{} : le code « {code} » est utilisé deux fois", table.name(lang))
            }
            (ReferenceError::DuplicateCode { table, code }, Lang::Ar) => {
                format!("{}: الرمز «{code}» مستعمل مرتين", table.name(lang))
            }
            (ReferenceError::EmptyField { table, code, field }, Lang::Fr) => {
                let field = match *field {
                    "name_fr" => "nom en français",
                    "name_ar" => "nom en arabe",
                    _ => "code",
                };
                format!("{} : l'entrée « {code} » a un {field} vide", table.name(lang))
            }
            (ReferenceError::EmptyField { table, code, field }, Lang::Ar) => {
                let field = match *field {
                    "name_fr" => "الاسم بالفرنسية",
                    "name_ar" => "الاسم بالعربية",
                    _ => "الرمز",
                };
                format!("{}: العنصر «{code}» {field} فيه فارغ", table.name(lang))
            }
            (ReferenceError::MissingParent { table, code }, Lang::Fr) => {
                format!("{} : l'entrée « {code} » a besoin d'un parent", table.name(lang))
            }
            (ReferenceError::MissingParent { table, code }, Lang::Ar) => {
                format!("{}: العنصر «{code}» يحتاج إلى عنصر أصل", table.name(lang))
            }
            (ReferenceError::BadParent { table, code, parent }, Lang::Fr) => {
                format!("{} : l'entrée « {code} » ne peut pas avoir « {parent} » pour parent", table.name(lang))
            }
            (ReferenceError::BadParent { table, code, parent }, Lang::Ar) => {
                format!("{}: لا يمكن أن يكون «{parent}» أصلا للعنصر «{code}»", table.name(lang))
            }
            (ReferenceError::UnknownCode { table, code }, Lang::Fr) => {
                format!("{} : il n'y a pas d'entrée « {code} »", table.name(lang))
            }
            (ReferenceError::UnknownCode { table, code }, Lang::Ar) => {
                format!("{}: لا يوجد عنصر بالرمز «{code}»", table.name(lang))
            }
        }
    }
}

/// All reference tables, checked. Serialised as one JSON object with a key per table.
///
/// ```
/// use taawun_core::reference::ReferenceData;
/// let data = ReferenceData::builtin();
/// let json = serde_json::to_string(&data).unwrap();
/// let back: ReferenceData = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, data);
/// assert!(serde_json::from_str::<ReferenceData>(r#"{"communes":[{"code":"A","name_fr":"","name_ar":"ا","kind":"rural_commune"}]}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawReferenceData")]
pub struct ReferenceData {
    communes: Vec<Commune>,
    sectors: Vec<Sector>,
    programmes: Vec<Programme>,
    axes: Vec<Axis>,
    funders: Vec<Funder>,
    courts: Vec<Court>,
}

/// The stored shape of [`ReferenceData`], checked on the way in. Missing tables are empty.
#[derive(Deserialize)]
struct RawReferenceData {
    #[serde(default)]
    communes: Vec<Commune>,
    #[serde(default)]
    sectors: Vec<Sector>,
    #[serde(default)]
    programmes: Vec<Programme>,
    #[serde(default)]
    axes: Vec<Axis>,
    #[serde(default)]
    funders: Vec<Funder>,
    #[serde(default)]
    courts: Vec<Court>,
}

impl TryFrom<RawReferenceData> for ReferenceData {
    type Error = ReferenceError;

    fn try_from(raw: RawReferenceData) -> Result<ReferenceData, ReferenceError> {
        ReferenceData::from_tables(raw.communes, raw.sectors, raw.programmes, raw.axes, raw.funders, raw.courts)
    }
}

/// A new entry for [`ReferenceData::add`].
///
/// ```
/// use taawun_core::reference::{Court, NewEntry, ReferenceData};
/// let mut data = ReferenceData::builtin();
/// let court = Court { code: "TPI-TET".into(), name_fr: "Tribunal de première instance de Tétouan".into(),
///                     name_ar: "المحكمة الابتدائية بتطوان".into(), retired: false };
/// data.add(NewEntry::Court(court)).unwrap();
/// assert!(data.court("TPI-TET").is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEntry {
    /// A commune or arrondissement.
    Commune(Commune),
    /// A sector or branch.
    Sector(Sector),
    /// A programme.
    Programme(Programme),
    /// An axis.
    Axis(Axis),
    /// A funder or partner.
    Funder(Funder),
    /// A court.
    Court(Court),
}

/// One change to the reference data, carried by [`crate::dataset::Edit::Reference`] so that it
/// goes through [`crate::dataset::Dataset::apply`] like every other change. There is no deletion:
/// an entry is retired, and its code stays meaningful for the records that use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceChange {
    /// Adds an entry under a code never used in its table.
    Add(NewEntry),
    /// Stops offering an entry for new records.
    Retire {
        /// The table.
        table: Table,
        /// The entry's code.
        code: String,
    },
    /// Offers a retired entry again.
    Reinstate {
        /// The table.
        table: Table,
        /// The entry's code.
        code: String,
    },
    /// Corrects an entry's names.
    Rename {
        /// The table.
        table: Table,
        /// The entry's code.
        code: String,
        /// The new name in French.
        name_fr: String,
        /// The new name in Arabic.
        name_ar: String,
    },
}

impl ReferenceChange {
    /// The table the change concerns.
    pub fn table(&self) -> Table {
        match self {
            ReferenceChange::Add(entry) => match entry {
                NewEntry::Commune(_) => Table::Communes,
                NewEntry::Sector(_) => Table::Sectors,
                NewEntry::Programme(_) => Table::Programmes,
                NewEntry::Axis(_) => Table::Axes,
                NewEntry::Funder(_) => Table::Funders,
                NewEntry::Court(_) => Table::Courts,
            },
            ReferenceChange::Retire { table, .. } | ReferenceChange::Reinstate { table, .. } | ReferenceChange::Rename { table, .. } => *table,
        }
    }

    /// Carries the change out; on error nothing changes.
    ///
    /// ```
    /// use taawun_core::reference::{ReferenceChange, ReferenceData, Table};
    /// let mut data = ReferenceData::builtin();
    /// ReferenceChange::Retire { table: Table::Funders, code: "ADS".into() }.carry_out(&mut data).unwrap();
    /// assert!(data.funder("ADS").unwrap().retired);
    /// ```
    pub fn carry_out(self, data: &mut ReferenceData) -> Result<(), ReferenceError> {
        match self {
            ReferenceChange::Add(entry) => data.add(entry),
            ReferenceChange::Retire { table, code } => data.retire(table, &code),
            ReferenceChange::Reinstate { table, code } => data.reinstate(table, &code),
            ReferenceChange::Rename { table, code, name_fr, name_ar } => data.rename(table, &code, &name_fr, &name_ar),
        }
    }
}

/// The fields every entry shares, for the checks and edits written once for all tables.
trait Entry {
    fn code(&self) -> &str;
    fn names_mut(&mut self) -> (&mut String, &mut String);
    fn names(&self) -> (&str, &str);
    fn retired_mut(&mut self) -> &mut bool;
}

macro_rules! entry {
    ($($t:ty),*) => {$(
        impl Entry for $t {
            fn code(&self) -> &str { &self.code }
            fn names_mut(&mut self) -> (&mut String, &mut String) { (&mut self.name_fr, &mut self.name_ar) }
            fn names(&self) -> (&str, &str) { (&self.name_fr, &self.name_ar) }
            fn retired_mut(&mut self) -> &mut bool { &mut self.retired }
        }
    )*};
}
entry!(Commune, Sector, Programme, Axis, Funder, Court);

fn check_table<T: Entry>(table: Table, entries: &[T]) -> Result<(), ReferenceError> {
    let mut seen = std::collections::HashSet::new();
    for entry in entries {
        let code = entry.code();
        let (name_fr, name_ar) = entry.names();
        for (field, value) in [("code", code), ("name_fr", name_fr), ("name_ar", name_ar)] {
            if value.trim().is_empty() {
                return Err(ReferenceError::EmptyField { table, code: code.to_owned(), field });
            }
        }
        if !seen.insert(code) {
            return Err(ReferenceError::DuplicateCode { table, code: code.to_owned() });
        }
    }
    Ok(())
}

fn find<'a, T: Entry>(entries: &'a [T], code: &str) -> Option<&'a T> {
    entries.iter().find(|e| e.code() == code)
}

fn find_mut<'a, T: Entry>(table: Table, entries: &'a mut [T], code: &str) -> Result<&'a mut T, ReferenceError> {
    entries.iter_mut().find(|e| e.code() == code).ok_or_else(|| ReferenceError::UnknownCode { table, code: code.to_owned() })
}

impl ReferenceData {
    /// The reference data shipped with the app (`core/data/*.json`).
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// let data = ReferenceData::builtin();
    /// assert_eq!(data.communes().len(), 16);
    /// assert_eq!(data.programmes().len(), 4);
    /// ```
    pub fn builtin() -> ReferenceData {
        use builtin_tables::{AXES, COMMUNES, COURTS, FUNDERS, PROGRAMMES, SECTORS};
        let text = |s: &str| s.to_owned();
        let parent = |p: Option<&str>| p.map(str::to_owned);
        ReferenceData {
            communes: COMMUNES
                .iter()
                .map(|&(code, fr, ar, kind, up, retired)| Commune { code: text(code), name_fr: text(fr), name_ar: text(ar), kind, parent: parent(up), retired })
                .collect(),
            sectors: SECTORS
                .iter()
                .map(|&(code, fr, ar, up, retired)| Sector { code: text(code), name_fr: text(fr), name_ar: text(ar), parent: parent(up), retired })
                .collect(),
            programmes: PROGRAMMES
                .iter()
                .map(|&(code, number, fr, ar, retired)| Programme { code: text(code), number, name_fr: text(fr), name_ar: text(ar), retired })
                .collect(),
            axes: AXES
                .iter()
                .map(|&(code, programme, fr, ar, retired)| Axis { code: text(code), programme: text(programme), name_fr: text(fr), name_ar: text(ar), retired })
                .collect(),
            funders: FUNDERS
                .iter()
                .map(|&(code, fr, ar, role, retired)| Funder { code: text(code), name_fr: text(fr), name_ar: text(ar), role, retired })
                .collect(),
            courts: COURTS.iter().map(|&(code, fr, ar, retired)| Court { code: text(code), name_fr: text(fr), name_ar: text(ar), retired }).collect(),
        }
    }

    /// Reference data without any entry: what a dataset holds while there is no data to show
    /// (the web app's first visit), so that code which never shows it carries none of the
    /// built-in tables.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::empty().communes().is_empty());
    /// assert_eq!(ReferenceData::empty().check(), Ok(()));
    /// ```
    pub fn empty() -> ReferenceData {
        ReferenceData { communes: Vec::new(), sectors: Vec::new(), programmes: Vec::new(), axes: Vec::new(), funders: Vec::new(), courts: Vec::new() }
    }

    /// Reference data made of these tables, checked as a stored one is ([`ReferenceData::check`]).
    pub(crate) fn from_tables(
        communes: Vec<Commune>,
        sectors: Vec<Sector>,
        programmes: Vec<Programme>,
        axes: Vec<Axis>,
        funders: Vec<Funder>,
        courts: Vec<Court>,
    ) -> Result<ReferenceData, ReferenceError> {
        let data = ReferenceData { communes, sectors, programmes, axes, funders, courts };
        data.check()?;
        Ok(data)
    }

    /// Checks the whole data: non-empty codes and names, unique codes per table, and parents
    /// that exist and may be parents. Retired parents are allowed (their children may be too).
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().check().is_ok());
    /// ```
    pub fn check(&self) -> Result<(), ReferenceError> {
        check_table(Table::Communes, &self.communes)?;
        check_table(Table::Sectors, &self.sectors)?;
        check_table(Table::Programmes, &self.programmes)?;
        check_table(Table::Axes, &self.axes)?;
        check_table(Table::Funders, &self.funders)?;
        check_table(Table::Courts, &self.courts)?;
        for commune in &self.communes {
            let bad = |parent: &str| ReferenceError::BadParent { table: Table::Communes, code: commune.code.clone(), parent: parent.to_owned() };
            match (commune.kind, commune.parent.as_deref()) {
                (CommuneKind::Arrondissement, None) => {
                    return Err(ReferenceError::MissingParent { table: Table::Communes, code: commune.code.clone() });
                }
                (CommuneKind::Arrondissement, Some(parent)) => {
                    if !self.commune(parent).is_some_and(|p| p.kind == CommuneKind::UrbanCommune) {
                        return Err(bad(parent));
                    }
                }
                (_, Some(parent)) => return Err(bad(parent)),
                (_, None) => {}
            }
        }
        for sector in &self.sectors {
            // A branch's parent must be a sector, not another branch: one level only.
            if let Some(parent) = sector.parent.as_deref()
                && self.sector(parent).is_none_or(|p| p.parent.is_some())
            {
                return Err(ReferenceError::BadParent { table: Table::Sectors, code: sector.code.clone(), parent: parent.to_owned() });
            }
        }
        for axis in &self.axes {
            if axis.programme.trim().is_empty() {
                return Err(ReferenceError::MissingParent { table: Table::Axes, code: axis.code.clone() });
            }
            if self.programme(&axis.programme).is_none() {
                return Err(ReferenceError::BadParent { table: Table::Axes, code: axis.code.clone(), parent: axis.programme.clone() });
            }
        }
        Ok(())
    }

    /// Every commune and arrondissement, retired ones included, in the shipped order.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert_eq!(ReferenceData::builtin().communes()[0].code, "TNG");
    /// ```
    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    /// The communes a cooperative can be placed in: not retired, and not divided into
    /// arrondissements (a cooperative of Tanger picks its arrondissement).
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// let data = ReferenceData::builtin();
    /// let codes: Vec<&str> = data.selectable_communes().map(|c| c.code.as_str()).collect();
    /// assert_eq!(codes.len(), 15);
    /// assert!(!codes.contains(&"TNG"));
    /// assert!(codes.contains(&"TNG-BMK"));
    /// ```
    pub fn selectable_communes(&self) -> impl Iterator<Item = &Commune> {
        self.communes.iter().filter(|c| !c.retired && !self.communes.iter().any(|child| child.parent.as_deref() == Some(c.code.as_str()) && !child.retired))
    }

    /// Every sector and branch, retired ones included.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().sectors().iter().any(|s| s.code == "PAM"));
    /// ```
    pub fn sectors(&self) -> &[Sector] {
        &self.sectors
    }

    /// Every programme, retired ones included.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert_eq!(ReferenceData::builtin().programmes()[3].number, 4);
    /// ```
    pub fn programmes(&self) -> &[Programme] {
        &self.programmes
    }

    /// Every axis, retired ones included.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert_eq!(ReferenceData::builtin().axes().len(), 3);
    /// ```
    pub fn axes(&self) -> &[Axis] {
        &self.axes
    }

    /// The axes of one programme, retired ones included.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert_eq!(ReferenceData::builtin().axes_of("P3").count(), 3);
    /// assert_eq!(ReferenceData::builtin().axes_of("P1").count(), 0);
    /// ```
    pub fn axes_of<'a>(&'a self, programme: &'a str) -> impl Iterator<Item = &'a Axis> {
        self.axes.iter().filter(move |a| a.programme == programme)
    }

    /// Every funder and partner, retired ones included.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert_eq!(ReferenceData::builtin().funders()[0].code, "INDH");
    /// ```
    pub fn funders(&self) -> &[Funder] {
        &self.funders
    }

    /// Every court, retired ones included.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert_eq!(ReferenceData::builtin().courts().len(), 2);
    /// ```
    pub fn courts(&self) -> &[Court] {
        &self.courts
    }

    /// The commune or arrondissement with this code, retired or not.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().commune("ASL").is_some());
    /// assert!(ReferenceData::builtin().commune("XXX").is_none());
    /// ```
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        find(&self.communes, code)
    }

    /// The sector or branch with this code, retired or not.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().sector("AGR").is_some());
    /// ```
    pub fn sector(&self, code: &str) -> Option<&Sector> {
        find(&self.sectors, code)
    }

    /// The programme with this code, retired or not.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().programme("P4").is_some());
    /// ```
    pub fn programme(&self, code: &str) -> Option<&Programme> {
        find(&self.programmes, code)
    }

    /// The axis with this code, retired or not.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().axis("P3-ENT").is_some());
    /// ```
    pub fn axis(&self, code: &str) -> Option<&Axis> {
        find(&self.axes, code)
    }

    /// The funder with this code, retired or not.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().funder("INDH").is_some());
    /// ```
    pub fn funder(&self, code: &str) -> Option<&Funder> {
        find(&self.funders, code)
    }

    /// The court with this code, retired or not.
    ///
    /// ```
    /// use taawun_core::reference::ReferenceData;
    /// assert!(ReferenceData::builtin().court("TPI-TNG").is_some());
    /// ```
    pub fn court(&self, code: &str) -> Option<&Court> {
        find(&self.courts, code)
    }

    /// Adds an entry, refusing a code already used in its table (retired entries keep their
    /// codes forever) and anything [`ReferenceData::check`] refuses. On error nothing changes.
    ///
    /// ```
    /// use taawun_core::reference::{Funder, FunderRole, NewEntry, ReferenceData, ReferenceError, Table};
    /// let mut data = ReferenceData::builtin();
    /// let again = Funder { code: "ADS".into(), name_fr: "x".into(), name_ar: "س".into(), role: FunderRole::Partner, retired: false };
    /// assert_eq!(data.add(NewEntry::Funder(again)), Err(ReferenceError::DuplicateCode { table: Table::Funders, code: "ADS".into() }));
    /// ```
    pub fn add(&mut self, entry: NewEntry) -> Result<(), ReferenceError> {
        let mut next = self.clone();
        match entry {
            NewEntry::Commune(e) => next.communes.push(e),
            NewEntry::Sector(e) => next.sectors.push(e),
            NewEntry::Programme(e) => next.programmes.push(e),
            NewEntry::Axis(e) => next.axes.push(e),
            NewEntry::Funder(e) => next.funders.push(e),
            NewEntry::Court(e) => next.courts.push(e),
        }
        next.check()?;
        *self = next;
        Ok(())
    }

    /// Retires an entry: it stays for the records that use it and is no longer offered.
    ///
    /// ```
    /// use taawun_core::reference::{ReferenceData, Table};
    /// let mut data = ReferenceData::builtin();
    /// data.retire(Table::Communes, "LAW").unwrap();
    /// assert!(data.commune("LAW").unwrap().retired);
    /// assert!(data.selectable_communes().all(|c| c.code != "LAW"));
    /// ```
    pub fn retire(&mut self, table: Table, code: &str) -> Result<(), ReferenceError> {
        self.set_retired(table, code, true)
    }

    /// Brings a retired entry back into use.
    ///
    /// ```
    /// use taawun_core::reference::{ReferenceData, Table};
    /// let mut data = ReferenceData::builtin();
    /// data.retire(Table::Sectors, "SEL").unwrap();
    /// data.reinstate(Table::Sectors, "SEL").unwrap();
    /// assert!(!data.sector("SEL").unwrap().retired);
    /// ```
    pub fn reinstate(&mut self, table: Table, code: &str) -> Result<(), ReferenceError> {
        self.set_retired(table, code, false)
    }

    fn set_retired(&mut self, table: Table, code: &str, retired: bool) -> Result<(), ReferenceError> {
        let flag = match table {
            Table::Communes => find_mut(table, &mut self.communes, code)?.retired_mut(),
            Table::Sectors => find_mut(table, &mut self.sectors, code)?.retired_mut(),
            Table::Programmes => find_mut(table, &mut self.programmes, code)?.retired_mut(),
            Table::Axes => find_mut(table, &mut self.axes, code)?.retired_mut(),
            Table::Funders => find_mut(table, &mut self.funders, code)?.retired_mut(),
            Table::Courts => find_mut(table, &mut self.courts, code)?.retired_mut(),
        };
        *flag = retired;
        Ok(())
    }

    /// Corrects an entry's names; its code never changes. Empty names are refused.
    ///
    /// ```
    /// use taawun_core::{Lang, reference::{ReferenceData, Table}};
    /// let mut data = ReferenceData::builtin();
    /// data.rename(Table::Communes, "ASL", "Asilah", "أصيلة").unwrap();
    /// assert_eq!(data.commune("ASL").unwrap().name(Lang::Fr), "Asilah");
    /// assert!(data.rename(Table::Communes, "ASL", " ", "أصيلة").is_err());
    /// ```
    pub fn rename(&mut self, table: Table, code: &str, name_fr: &str, name_ar: &str) -> Result<(), ReferenceError> {
        for (field, value) in [("name_fr", name_fr), ("name_ar", name_ar)] {
            if value.trim().is_empty() {
                return Err(ReferenceError::EmptyField { table, code: code.to_owned(), field });
            }
        }
        let (fr, ar) = match table {
            Table::Communes => find_mut(table, &mut self.communes, code)?.names_mut(),
            Table::Sectors => find_mut(table, &mut self.sectors, code)?.names_mut(),
            Table::Programmes => find_mut(table, &mut self.programmes, code)?.names_mut(),
            Table::Axes => find_mut(table, &mut self.axes, code)?.names_mut(),
            Table::Funders => find_mut(table, &mut self.funders, code)?.names_mut(),
            Table::Courts => find_mut(table, &mut self.courts, code)?.names_mut(),
        };
        name_fr.trim().clone_into(fr);
        name_ar.trim().clone_into(ar);
        Ok(())
    }
}

/// The built-in tables, written by build.rs from data/*.json (checked against a JSON reading of
/// the same files by `builtin_tables_are_the_shipped_files`).
#[allow(clippy::type_complexity)] // one tuple per entry, as the files list the fields
mod builtin_tables {
    use super::{CommuneKind, FunderRole};
    include!(concat!(env!("OUT_DIR"), "/builtin_reference.rs"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_files_are_valid_reference_data() {
        let data = ReferenceData::builtin();
        assert_eq!(data.check(), Ok(()));
        // The shipped files must read through the checked path too, table by table.
        for (table, json) in [
            ("communes", include_str!("../data/communes.json")),
            ("sectors", include_str!("../data/sectors.json")),
            ("programmes", include_str!("../data/programmes.json")),
            ("axes", include_str!("../data/axes.json")),
            ("funders", include_str!("../data/funders.json")),
            ("courts", include_str!("../data/courts.json")),
        ] {
            let one_table = format!("{{\"{table}\": {json}}}");
            let read: Result<ReferenceData, _> = serde_json::from_str(&one_table);
            let partial_ok = read.is_ok() || table == "axes";
            assert!(partial_ok, "{table}: {read:?}");
        }
        let whole = serde_json::to_string(&data).unwrap();
        assert_eq!(serde_json::from_str::<ReferenceData>(&whole).unwrap(), data);
    }

    #[test]
    fn builtin_tables_are_the_shipped_files() {
        fn read<T: serde::de::DeserializeOwned>(json: &str) -> Vec<T> {
            serde_json::from_str(json).unwrap()
        }
        let data = ReferenceData::builtin();
        assert_eq!(data.communes, read::<Commune>(include_str!("../data/communes.json")));
        assert_eq!(data.sectors, read::<Sector>(include_str!("../data/sectors.json")));
        assert_eq!(data.programmes, read::<Programme>(include_str!("../data/programmes.json")));
        assert_eq!(data.axes, read::<Axis>(include_str!("../data/axes.json")));
        assert_eq!(data.funders, read::<Funder>(include_str!("../data/funders.json")));
        assert_eq!(data.courts, read::<Court>(include_str!("../data/courts.json")));
        assert!(data.communes.iter().any(|c| c.parent.is_some()) && data.sectors.iter().any(|s| s.parent.is_some()), "parents are carried over");
    }

    #[test]
    fn the_prefecture_has_twelve_communes_and_four_arrondissements() {
        let data = ReferenceData::builtin();
        let of_kind = |kind| data.communes().iter().filter(|c| c.kind == kind).count();
        assert_eq!(of_kind(CommuneKind::UrbanCommune), 3);
        assert_eq!(of_kind(CommuneKind::RuralCommune), 9);
        assert_eq!(of_kind(CommuneKind::Arrondissement), 4);
        assert!(data.communes().iter().filter(|c| c.kind == CommuneKind::Arrondissement).all(|c| c.parent.as_deref() == Some("TNG")));
        let rural = data.selectable_communes().filter(|c| c.milieu() == Milieu::Rural).count();
        assert_eq!(rural, 9);
    }

    #[test]
    fn the_codes_of_the_walking_skeleton_keep_their_meaning() {
        let data = ReferenceData::builtin();
        for code in ["TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK", "ASL", "GZN", "MNZ", "AQB", "AZN", "DCH", "SCH", "SLY", "HGH", "LAW", "HJN"] {
            assert!(data.commune(code).is_some(), "{code}");
        }
    }

    #[test]
    fn programmes_axes_and_funders_are_the_ones_of_the_brief() {
        let data = ReferenceData::builtin();
        let numbers: Vec<u8> = data.programmes().iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        let axes: Vec<&str> = data.axes_of("P3").map(|a| a.code.as_str()).collect();
        assert_eq!(axes, ["P3-ENT", "P3-ESS", "P3-EMP"]);
        let funders: Vec<&str> = data.funders().iter().map(|f| f.code.as_str()).collect();
        assert_eq!(funders, ["INDH", "OWN", "ADS", "ODCO", "DRJ", "COMMUNE", "CR", "OTHER"]);
        assert_eq!(data.funders().iter().filter(|f| f.role == FunderRole::Indh).count(), 1);
        assert_eq!(data.funders().iter().filter(|f| f.role == FunderRole::OwnContribution).count(), 1);
    }

    #[test]
    fn a_retired_entry_is_kept_and_travels_in_json() {
        let mut data = ReferenceData::builtin();
        data.retire(Table::Funders, "DRJ").unwrap();
        data.retire(Table::Communes, "TNG-MED").unwrap();
        let back: ReferenceData = serde_json::from_str(&serde_json::to_string(&data).unwrap()).unwrap();
        assert!(back.funder("DRJ").unwrap().retired);
        assert!(back.selectable_communes().all(|c| c.code != "TNG-MED"));
        assert_eq!(back.communes().len(), 16);
    }

    #[test]
    fn retiring_every_arrondissement_makes_tanger_selectable_again() {
        let mut data = ReferenceData::builtin();
        for code in ["TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK"] {
            data.retire(Table::Communes, code).unwrap();
        }
        assert!(data.selectable_communes().any(|c| c.code == "TNG"));
    }

    #[test]
    fn bad_reference_data_is_refused_with_the_table_and_code() {
        let commune = |code: &str, kind, parent: Option<&str>| Commune {
            code: code.into(),
            name_fr: "x".into(),
            name_ar: "س".into(),
            kind,
            parent: parent.map(Into::into),
            retired: false,
        };
        let mut data = ReferenceData::builtin();
        assert_eq!(
            data.add(NewEntry::Commune(commune("NEW", CommuneKind::Arrondissement, None))),
            Err(ReferenceError::MissingParent { table: Table::Communes, code: "NEW".into() })
        );
        assert_eq!(
            data.add(NewEntry::Commune(commune("NEW", CommuneKind::Arrondissement, Some("SLY")))),
            Err(ReferenceError::BadParent { table: Table::Communes, code: "NEW".into(), parent: "SLY".into() })
        );
        assert_eq!(
            data.add(NewEntry::Commune(commune("NEW", CommuneKind::RuralCommune, Some("TNG")))),
            Err(ReferenceError::BadParent { table: Table::Communes, code: "NEW".into(), parent: "TNG".into() })
        );
        assert!(matches!(data.add(NewEntry::Commune(commune("", CommuneKind::RuralCommune, None))), Err(ReferenceError::EmptyField { field: "code", .. })));
        let branch_of_branch = Sector { code: "AGR-API-X".into(), name_fr: "x".into(), name_ar: "س".into(), parent: Some("AGR-API".into()), retired: false };
        assert!(matches!(data.add(NewEntry::Sector(branch_of_branch)), Err(ReferenceError::BadParent { .. })));
        let orphan_axis = Axis { code: "P9-X".into(), programme: "P9".into(), name_fr: "x".into(), name_ar: "س".into(), retired: false };
        assert!(matches!(data.add(NewEntry::Axis(orphan_axis)), Err(ReferenceError::BadParent { .. })));
        assert_eq!(data, ReferenceData::builtin(), "a refused change leaves the data as it was");
        let duplicate = r#"{"courts":[{"code":"A","name_fr":"a","name_ar":"ا"},{"code":"A","name_fr":"b","name_ar":"ب"}]}"#;
        let error = serde_json::from_str::<ReferenceData>(duplicate).unwrap_err().to_string();
        assert!(error.contains("courts: the code \"A\" is used twice"), "{error}");
    }

    #[test]
    fn every_reference_message_exists_in_both_languages() {
        let errors = [
            ReferenceError::DuplicateCode { table: Table::Courts, code: "A".into() },
            ReferenceError::EmptyField { table: Table::Sectors, code: "A".into(), field: "name_ar" },
            ReferenceError::MissingParent { table: Table::Communes, code: "A".into() },
            ReferenceError::BadParent { table: Table::Axes, code: "A".into(), parent: "P9".into() },
            ReferenceError::UnknownCode { table: Table::Programmes, code: "A".into() },
        ];
        for error in errors {
            for lang in Lang::ALL {
                let message = error.message(lang);
                assert!(message.contains('A') && !message.ends_with('.'), "{message}");
            }
        }
    }
}
