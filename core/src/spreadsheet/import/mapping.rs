//! Column mapping: which column of a sheet holds which field, guessed from the headers in either
//! language, editable, and remembered (the web stores the mapping and passes it back).

use serde::{Deserialize, Serialize};

use super::ImportError;
use crate::fold::search_key;
use crate::lang::Lang;
use crate::spreadsheet::read::Grid;

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// One cooperative per row.
    Cooperatives,
    /// One project per row.
    Projects,
}

/// A field a column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A name in either language: Arabic script goes to the Arabic name, the rest to French.
    Name,
    /// The Arabic name.
    NameAr,
    /// The French name.
    NameFr,
    /// Cooperative or union.
    LegalForm,
    /// The court keeping the register (for a project, its cooperative's).
    Court,
    /// The number in the court's register (for a project, its cooperative's).
    RegisterNumber,
    /// The ICE (of the cooperative; for a project, of its cooperative).
    Ice,
    /// The date of creation.
    CreatedOn,
    /// The commune or arrondissement.
    Commune,
    /// Urban or rural, when it differs from the commune's.
    Milieu,
    /// The ODCo sector.
    Sector,
    /// Members in all.
    MembersTotal,
    /// Women members.
    MembersWomen,
    /// Young members.
    MembersYouth,
    /// The president's gender.
    PresidentGender,
    /// The status (of the cooperative or of the project).
    Status,
    /// The phone number.
    Phone,
    /// The e-mail address.
    Email,
    /// The postal address.
    Address,
    /// Free notes.
    Notes,
    /// A project's title in either language.
    Title,
    /// The Arabic title.
    TitleAr,
    /// The French title.
    TitleFr,
    /// The project's cooperative, by name.
    Cooperative,
    /// The INDH programme.
    Programme,
    /// The axis of the programme.
    Axis,
    /// The year of the call for projects.
    CallYear,
    /// The total cost.
    TotalCost,
    /// The date of submission.
    SubmittedOn,
    /// The date of the CPDH approval.
    ApprovedOn,
    /// The date the convention was signed.
    ConventionOn,
    /// Jobs in all.
    JobsTotal,
    /// Jobs for women.
    JobsWomen,
    /// Jobs for young people.
    JobsYouth,
}

use Field::*;

/// The fields of each kind, most specific first: a header is given the first field one of whose
/// names it contains, so "nombre d'adhérents femmes" is the women and not all the members.
const COOPERATIVE_FIELDS: &[Field] = &[
    NameAr,
    NameFr,
    PresidentGender,
    MembersWomen,
    MembersYouth,
    MembersTotal,
    Name,
    LegalForm,
    Court,
    RegisterNumber,
    Ice,
    CreatedOn,
    Commune,
    Milieu,
    Sector,
    Status,
    Phone,
    Email,
    Address,
    Notes,
];
const PROJECT_FIELDS: &[Field] = &[
    TitleAr,
    TitleFr,
    Ice,
    Court,
    RegisterNumber,
    Cooperative,
    JobsWomen,
    JobsYouth,
    JobsTotal,
    Title,
    Programme,
    Axis,
    CallYear,
    TotalCost,
    Status,
    SubmittedOn,
    ApprovedOn,
    ConventionOn,
    Notes,
];

impl ImportKind {
    /// The fields a column of this kind of sheet can be mapped to.
    pub fn fields(self) -> &'static [Field] {
        match self {
            ImportKind::Cooperatives => COOPERATIVE_FIELDS,
            ImportKind::Projects => PROJECT_FIELDS,
        }
    }
}

impl Field {
    /// The field's name, to show in the mapping.
    pub fn name(self, lang: Lang) -> &'static str {
        let (ar, fr) = match self {
            Name => ("الاسم", "nom"),
            NameAr => ("الاسم بالعربية", "nom en arabe"),
            NameFr => ("الاسم بالفرنسية", "nom en français"),
            LegalForm => ("الشكل القانوني", "forme juridique"),
            Court => ("المحكمة", "tribunal"),
            RegisterNumber => ("رقم التسجيل", "numéro d'inscription"),
            Ice => ("التعريف الموحد للمقاولة", "ICE"),
            CreatedOn => ("تاريخ التأسيس", "date de création"),
            Commune => ("الجماعة", "commune"),
            Milieu => ("الوسط", "milieu"),
            Sector => ("القطاع", "secteur"),
            MembersTotal => ("عدد المنخرطين", "nombre d'adhérents"),
            MembersWomen => ("عدد النساء", "femmes"),
            MembersYouth => ("عدد الشباب", "jeunes"),
            PresidentGender => ("جنس الرئيس", "sexe du président"),
            Status => ("الوضعية", "statut"),
            Phone => ("الهاتف", "téléphone"),
            Email => ("البريد الإلكتروني", "courriel"),
            Address => ("العنوان", "adresse"),
            Notes => ("ملاحظات", "observations"),
            Title => ("عنوان المشروع", "intitulé"),
            TitleAr => ("عنوان المشروع بالعربية", "intitulé en arabe"),
            TitleFr => ("عنوان المشروع بالفرنسية", "intitulé en français"),
            Cooperative => ("التعاونية", "coopérative"),
            Programme => ("البرنامج", "programme"),
            Axis => ("المحور", "axe"),
            CallYear => ("سنة طلب المشاريع", "année de l'appel"),
            TotalCost => ("الكلفة الإجمالية", "coût total"),
            SubmittedOn => ("تاريخ الإيداع", "date de dépôt"),
            ApprovedOn => ("تاريخ مصادقة اللجنة", "date d'approbation CPDH"),
            ConventionOn => ("تاريخ توقيع الاتفاقية", "date de la convention"),
            JobsTotal => ("مناصب الشغل", "emplois"),
            JobsWomen => ("مناصب الشغل للنساء", "emplois de femmes"),
            JobsYouth => ("مناصب الشغل للشباب", "emplois de jeunes"),
        };
        match lang {
            Lang::Ar => ar,
            Lang::Fr => fr,
        }
    }

    /// The ways people head this column, besides [`Field::name`] in both languages; compared
    /// after folding with [`search_key`].
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Name => &["nom de la cooperative", "raison sociale", "denomination", "اسم التعاونية", "التعاونية", "cooperative"],
            NameAr => &["nom arabe", "denomination en arabe", "الاسم العربي"],
            NameFr => &["nom francais", "nom en francais", "denomination en francais", "الاسم الفرنسي"],
            LegalForm => &["forme", "الشكل"],
            Court => &["tribunal de premiere instance", "المحكمة الابتدائية"],
            RegisterNumber => &["n d inscription", "numero d immatriculation", "registre", "n registre", "رقم القيد", "السجل"],
            Ice => &["ice", "identifiant commun de l entreprise", "التعريف الموحد", "ice de la cooperative", "التعريف الموحد للتعاونية"],
            CreatedOn => &["date de constitution", "creation", "تاريخ الاحداث", "تاريخ التاسيس"],
            Commune => &["commune arrondissement", "arrondissement", "الجماعه الترابيه", "المقاطعه"],
            Milieu => &["urbain rural", "milieu de residence"],
            Sector => &["filiere", "secteur d activite", "النشاط", "قطاع النشاط"],
            MembersTotal => &["adherents", "nombre de membres", "membres", "effectif", "المنخرطين", "عدد الاعضاء", "الاعضاء"],
            MembersWomen => &["femmes", "adherentes", "dont femmes", "النساء", "الاناث", "منهن نساء"],
            MembersYouth => &["jeunes", "dont jeunes", "الشباب"],
            PresidentGender => &["genre du president", "sexe du president e", "جنس الرئيس", "جنس رئيس التعاونية"],
            Status => &["situation", "etat", "الوضعيه", "الحاله"],
            Phone => &["tel", "telephone", "gsm", "الهاتف", "رقم الهاتف"],
            Email => &["email", "e mail", "mail", "البريد الالكتروني"],
            Address => &["adresse", "siege", "العنوان", "المقر"],
            Notes => &["remarques", "observation", "ملاحظات", "ملاحظه"],
            Title => &["projet", "intitule du projet", "المشروع", "عنوان المشروع"],
            TitleAr => &["intitule arabe"],
            TitleFr => &["intitule francais"],
            Cooperative => &["cooperative", "porteur", "porteur de projet", "التعاونية", "حامل المشروع", "nom de la cooperative"],
            Programme => &["programme indh", "البرنامج"],
            Axis => &["axe", "المحور"],
            CallYear => &["annee", "annee de l appel", "السنه", "سنة طلب المشاريع"],
            TotalCost => &["cout global", "cout", "montant du projet", "montant global", "الكلفه الاجماليه", "التكلفه الاجماليه", "الكلفه"],
            SubmittedOn => &["date de depot", "تاريخ الايداع"],
            ApprovedOn => &["date d approbation", "date cpdh", "تاريخ المصادقه"],
            ConventionOn => &["date de convention", "تاريخ الاتفاقيه"],
            JobsTotal => &["emplois", "emplois crees", "مناصب الشغل", "فرص الشغل"],
            JobsWomen => &["emplois femmes", "emplois de femmes"],
            JobsYouth => &["emplois jeunes", "emplois de jeunes"],
        }
    }

    fn keys(self) -> impl Iterator<Item = String> {
        [self.name(Lang::Ar), self.name(Lang::Fr)].into_iter().chain(self.aliases().iter().copied()).map(search_key)
    }
}

/// The field a header names, for a sheet of `kind`: a header equal to one of a field's names
/// wins; otherwise the first field (most specific first) whose name the header contains as
/// whole words.
pub fn guess_field(kind: ImportKind, header: &str) -> Option<Field> {
    let header = search_key(header);
    if header.is_empty() {
        return None;
    }
    let fields = kind.fields();
    if let Some(field) = fields.iter().find(|f| f.keys().any(|k| k == header)) {
        return Some(*field);
    }
    let padded = format!(" {header} ");
    fields.iter().copied().find(|f| f.keys().any(|k| !k.is_empty() && padded.contains(&format!(" {k} "))))
}

/// One column of the sheet and the field it is mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumn {
    /// The header as written in the file.
    pub header: String,
    /// The field, or `None` for a column that is not imported.
    pub field: Option<Field>,
}

/// Which column holds which field, and which row holds the headers. Guessed, then edited by the
/// user; serialisable so that the web can remember it for the next file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// What the sheet holds.
    pub kind: ImportKind,
    /// The header row, counted from 0; rows above it (titles) are not read.
    pub header_row: usize,
    /// One entry per column, left to right.
    pub columns: Vec<MappedColumn>,
}

/// How many rows are searched for the header row.
const HEADER_SEARCH_ROWS: usize = 30;

impl ColumnMapping {
    /// Finds the header row (the row among the first thirty whose cells name the most distinct
    /// fields, at least two) and maps each column to the field its header names. A `remembered`
    /// mapping (from an earlier file) decides for every header it knows, even to leave a column
    /// out.
    pub fn guess(kind: ImportKind, grid: &Grid, remembered: Option<&ColumnMapping>) -> Result<ColumnMapping, ImportError> {
        let mut best: Option<(usize, usize)> = None;
        for (index, row) in grid.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
            let mut fields: Vec<Field> = row.iter().filter_map(|cell| guess_field(kind, &cell.as_text())).collect();
            fields.sort();
            fields.dedup();
            if fields.len() >= 2 && best.is_none_or(|(_, score)| fields.len() > score) {
                best = Some((index, fields.len()));
            }
        }
        let (header_row, _) = best.ok_or(ImportError::NoHeaderRow)?;
        let headers: Vec<String> = (0..grid.width()).map(|c| grid.cell(header_row, c).as_text()).collect();
        let mut mapping = ColumnMapping { kind, header_row, columns: Vec::new() };
        for header in headers {
            let known = remembered
                .filter(|r| r.kind == kind)
                .and_then(|r| r.columns.iter().find(|c| !header.trim().is_empty() && search_key(&c.header) == search_key(&header)));
            let field = match known {
                Some(column) => column.field,
                None => guess_field(kind, &header),
            };
            // A field goes to one column only: the first that claims it.
            let field = field.filter(|f| !mapping.columns.iter().any(|c| c.field == Some(*f)));
            mapping.columns.push(MappedColumn { header, field });
        }
        Ok(mapping)
    }

    /// Maps `column` to `field` (or to nothing); a column that held `field` before lets it go.
    pub fn set(&mut self, column: usize, field: Option<Field>) {
        if let Some(field) = field {
            for other in &mut self.columns {
                if other.field == Some(field) {
                    other.field = None;
                }
            }
        }
        if let Some(target) = self.columns.get_mut(column) {
            target.field = field;
        }
    }

    /// The column holding `field`.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == Some(field))
    }
}
