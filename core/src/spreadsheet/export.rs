//! The registers as sheets: one [`Sheet`] per table, headers and names in the chosen language,
//! cells typed (amounts, dates, codes) so that the writers can give each its cell type.

use super::{Cell, Sheet};
use crate::cooperative::{Cooperative, Gender, LegalForm};
use crate::dataset::Dataset;
use crate::id::Id;
use crate::lang::Lang;
use crate::meeting::Attendee;
use crate::project::{ContributionKind, Project};
use crate::reference::ReferenceData;

/// A table that can be exported: each has its headers in [`Table::headers`] and its rows in
/// [`sheet`], and both writers take it as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// One row per live cooperative.
    Cooperatives,
    /// One row per live project, with its totals.
    Projects,
    /// One row per contribution line of a live project.
    Contributions,
    /// One row per disbursement of a live project.
    Disbursements,
    /// One row per live follow-up visit.
    Visits,
    /// One row per check-in at a live meeting (a cooperative or a walk-in).
    Attendance,
}

impl Table {
    /// Every table, in the order of a workbook's sheets.
    pub const ALL: [Table; 6] = [Table::Cooperatives, Table::Projects, Table::Contributions, Table::Disbursements, Table::Visits, Table::Attendance];

    /// The sheet's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let (ar, fr) = match self {
            Table::Cooperatives => ("التعاونيات", "Coopératives"),
            Table::Projects => ("المشاريع", "Projets"),
            Table::Contributions => ("المساهمات", "Contributions"),
            Table::Disbursements => ("الصرف", "Décaissements"),
            Table::Visits => ("الزيارات", "Visites"),
            Table::Attendance => ("الحضور", "Présences"),
        };
        pick(lang, ar, fr)
    }

    /// The column headers in `lang`.
    pub fn headers(self, lang: Lang) -> Vec<String> {
        let pairs: &[(&str, &str)] = match self {
            Table::Cooperatives => COOPERATIVE_HEADERS,
            Table::Projects => PROJECT_HEADERS,
            Table::Contributions => CONTRIBUTION_HEADERS,
            Table::Disbursements => DISBURSEMENT_HEADERS,
            Table::Visits => VISIT_HEADERS,
            Table::Attendance => ATTENDANCE_HEADERS,
        };
        pairs.iter().map(|(ar, fr)| pick(lang, ar, fr).to_owned()).collect()
    }
}

/// Headers of the cooperatives sheet, `(ar, fr)`; the import recognises every one of them.
pub(crate) const COOPERATIVE_HEADERS: &[(&str, &str)] = &[
    ("الاسم بالعربية", "Nom en arabe"),
    ("الاسم بالفرنسية", "Nom en français"),
    ("الشكل القانوني", "Forme juridique"),
    ("المحكمة", "Tribunal"),
    ("رقم التسجيل", "Numéro d'inscription"),
    ("التعريف الموحد للمقاولة", "ICE"),
    ("تاريخ التأسيس", "Date de création"),
    ("الجماعة", "Commune"),
    ("الوسط", "Milieu"),
    ("القطاع", "Secteur"),
    ("عدد المنخرطين", "Nombre d'adhérents"),
    ("عدد النساء", "Femmes"),
    ("عدد الشباب", "Jeunes"),
    ("جنس الرئيس", "Sexe du président"),
    ("الوضعية", "Statut"),
    ("الهاتف", "Téléphone"),
    ("البريد الإلكتروني", "Courriel"),
    ("العنوان", "Adresse"),
    ("ملاحظات", "Observations"),
];

const PROJECT_HEADERS: &[(&str, &str)] = &[
    ("عنوان المشروع بالعربية", "Intitulé en arabe"),
    ("عنوان المشروع بالفرنسية", "Intitulé en français"),
    ("التعاونية", "Coopérative"),
    ("التعريف الموحد للتعاونية", "ICE de la coopérative"),
    ("البرنامج", "Programme"),
    ("المحور", "Axe"),
    ("سنة طلب المشاريع", "Année de l'appel"),
    ("الكلفة الإجمالية", "Coût total"),
    ("مجموع المساهمات", "Total des contributions"),
    ("المبلغ المصروف", "Montant décaissé"),
    ("الباقي للصرف", "Reste à décaisser"),
    ("الوضعية", "Statut"),
    ("تاريخ الإيداع", "Date de dépôt"),
    ("تاريخ مصادقة اللجنة", "Date d'approbation CPDH"),
    ("تاريخ توقيع الاتفاقية", "Date de la convention"),
    ("مناصب الشغل", "Emplois"),
    ("مناصب الشغل للنساء", "Emplois de femmes"),
    ("مناصب الشغل للشباب", "Emplois de jeunes"),
    ("ملاحظات", "Observations"),
];

const CONTRIBUTION_HEADERS: &[(&str, &str)] =
    &[("المشروع", "Projet"), ("التعاونية", "Coopérative"), ("الممول", "Bailleur"), ("نوع المساهمة", "Nature"), ("المبلغ", "Montant")];

const DISBURSEMENT_HEADERS: &[(&str, &str)] =
    &[("المشروع", "Projet"), ("التعاونية", "Coopérative"), ("الممول", "Bailleur"), ("تاريخ الصرف", "Date de paiement"), ("المبلغ", "Montant")];

const VISIT_HEADERS: &[(&str, &str)] = &[
    ("تاريخ الزيارة", "Date de la visite"),
    ("التعاونية", "Coopérative"),
    ("رقم التسجيل", "Numéro d'inscription"),
    ("الزائر", "Visiteur"),
    ("الوضعية الملاحظة", "État constaté"),
    ("الغرض", "Objet"),
    ("الملاحظات", "Observations"),
    ("الاحتياجات", "Besoins"),
    ("الخطوات المقبلة", "Prochaines étapes"),
    ("تاريخ الزيارة المقبلة", "Prochaine visite"),
];

const ATTENDANCE_HEADERS: &[(&str, &str)] = &[
    ("اللقاء", "Réunion"),
    ("تاريخ اللقاء", "Date de la réunion"),
    ("الحاضر", "Participant"),
    ("رقم التسجيل", "Numéro d'inscription"),
    ("عدد الحاضرين", "Personnes"),
    ("عدد النساء", "Femmes"),
];

fn pick<'a>(lang: Lang, ar: &'a str, fr: &'a str) -> &'a str {
    match lang {
        Lang::Ar => ar,
        Lang::Fr => fr,
    }
}

/// The sheet of `table` for `dataset`, in `lang`: live records only, in id order, the same
/// sheet every time for the same dataset.
pub fn sheet(dataset: &Dataset, table: Table, lang: Lang) -> Sheet {
    let reference = dataset.reference();
    let cooperative_name = |project: &Project| dataset.cooperatives().get(project.cooperative).map_or(Cell::Empty, |c| Cell::text(c.data.name(lang)));
    let rows: Vec<Vec<Cell>> = match table {
        Table::Cooperatives => dataset.cooperatives().live().map(|record| cooperative_row(&record.data, reference, lang)).collect(),
        Table::Projects => dataset
            .projects()
            .live()
            .map(|record| {
                let cooperative = dataset.cooperatives().get(record.data.cooperative).map(|c| &c.data);
                project_row(&record.data, cooperative, reference, lang)
            })
            .collect(),
        Table::Contributions => dataset
            .projects()
            .live()
            .flat_map(|record| {
                let project = &record.data;
                project.contributions.iter().map(move |line| {
                    let kind = match (line.kind, lang) {
                        (ContributionKind::Cash, Lang::Ar) => "نقدية",
                        (ContributionKind::Cash, Lang::Fr) => "numéraire",
                        (ContributionKind::InKind, Lang::Ar) => "عينية",
                        (ContributionKind::InKind, Lang::Fr) => "en nature",
                    };
                    vec![
                        Cell::text(project.title(lang)),
                        cooperative_name(project),
                        funder(reference, &line.funder, lang),
                        Cell::text(kind),
                        Cell::amount(line.amount),
                    ]
                })
            })
            .collect(),
        Table::Disbursements => dataset
            .projects()
            .live()
            .flat_map(|record| {
                let project = &record.data;
                project.disbursements.iter().map(move |paid| {
                    vec![
                        Cell::text(project.title(lang)),
                        cooperative_name(project),
                        funder(reference, &paid.funder, lang),
                        Cell::Date(paid.paid_on),
                        Cell::amount(paid.amount),
                    ]
                })
            })
            .collect(),
        Table::Visits => dataset
            .visits()
            .live()
            .map(|record| {
                let visit = &record.data;
                let (name, register) = cooperative_cells(dataset, visit.cooperative, lang);
                vec![
                    Cell::Date(visit.date),
                    name,
                    register,
                    Cell::text(&visit.visitor),
                    Cell::text(visit.state.name(lang)),
                    Cell::text(&visit.purpose),
                    Cell::text(&visit.observations),
                    Cell::text(&visit.needs),
                    Cell::text(&visit.next_steps),
                    Cell::optional(visit.next_visit_on, Cell::Date),
                ]
            })
            .collect(),
        Table::Attendance => dataset
            .meetings()
            .live()
            .flat_map(|record| {
                let meeting = &record.data;
                meeting.attendance.check_ins().iter().map(move |check_in| {
                    let (name, register) = match check_in.attendee() {
                        Attendee::Cooperative(id) => cooperative_cells(dataset, *id, lang),
                        Attendee::WalkIn(name) => (Cell::text(name), Cell::Empty),
                    };
                    vec![
                        Cell::text(meeting.title(lang)),
                        Cell::Date(meeting.date),
                        name,
                        register,
                        Cell::Count(check_in.people().into()),
                        Cell::Count(check_in.women().into()),
                    ]
                })
            })
            .collect(),
    };
    Sheet { name: table.name(lang).to_owned(), headers: table.headers(lang), rows, right_to_left: lang.is_rtl() }
}

/// A cooperative's name in `lang` and its register number (text, zeros kept), each empty when
/// unknown.
fn cooperative_cells(dataset: &Dataset, id: Id, lang: Lang) -> (Cell, Cell) {
    match dataset.cooperatives().get(id) {
        Some(record) => (Cell::text(record.data.name(lang)), Cell::optional(record.data.register_number.as_ref(), |r| Cell::Code(r.number().to_owned()))),
        None => (Cell::Empty, Cell::Empty),
    }
}

fn funder(reference: &ReferenceData, code: &str, lang: Lang) -> Cell {
    Cell::text(reference.funder(code).map_or(code, |f| f.name(lang)))
}

fn cooperative_row(cooperative: &Cooperative, reference: &ReferenceData, lang: Lang) -> Vec<Cell> {
    let legal_form = match (cooperative.legal_form, lang) {
        (LegalForm::Cooperative, Lang::Ar) => "تعاونية",
        (LegalForm::Cooperative, Lang::Fr) => "coopérative",
        (LegalForm::Union, Lang::Ar) => "اتحاد تعاونيات",
        (LegalForm::Union, Lang::Fr) => "union de coopératives",
    };
    let register = cooperative.register_number.as_ref();
    let court = register.map(|r| reference.court(r.court()).map_or(r.court(), |c| c.name(lang)));
    vec![
        Cell::text(&cooperative.name_ar),
        Cell::text(&cooperative.name_fr),
        Cell::text(legal_form),
        Cell::optional(court, Cell::text),
        Cell::optional(register, |r| Cell::Code(r.number().to_owned())),
        Cell::optional(cooperative.ice.as_ref(), |ice| Cell::Code(ice.as_str().to_owned())),
        Cell::optional(cooperative.created_on, Cell::Date),
        Cell::text(reference.commune(&cooperative.commune).map_or(cooperative.commune.as_str(), |c| c.name(lang))),
        Cell::optional(cooperative.milieu(reference), |m| Cell::text(m.name(lang))),
        Cell::text(reference.sector(&cooperative.sector).map_or(cooperative.sector.as_str(), |s| s.name(lang))),
        Cell::Count(cooperative.members.total.into()),
        Cell::Count(cooperative.members.women.into()),
        Cell::Count(cooperative.members.youth.into()),
        Cell::text(gender(cooperative.president_gender, lang)),
        Cell::text(cooperative.status.name(lang)),
        Cell::optional(cooperative.contact.phone.as_ref(), |p| Cell::Code(p.to_string())),
        Cell::optional(cooperative.contact.email.as_deref(), Cell::text),
        Cell::text(&cooperative.contact.address),
        Cell::text(&cooperative.notes),
    ]
}

/// The president's gender as the sheets write it.
pub(crate) fn gender(gender: Gender, lang: Lang) -> &'static str {
    match (gender, lang) {
        (Gender::Female, Lang::Ar) => "أنثى",
        (Gender::Female, Lang::Fr) => "femme",
        (Gender::Male, Lang::Ar) => "ذكر",
        (Gender::Male, Lang::Fr) => "homme",
    }
}

fn project_row(project: &Project, cooperative: Option<&Cooperative>, reference: &ReferenceData, lang: Lang) -> Vec<Cell> {
    let committed = project.contributions_total();
    let disbursed = crate::project::sum(project.disbursements.iter().map(|d| d.amount));
    // The remainder is a difference, not an amount: it is negative when more was paid than
    // committed, and the sheet must say so rather than hide it.
    let remaining = match (committed, disbursed) {
        (Some(c), Some(d)) => Cell::Money(c.to_decimal() - d.to_decimal()),
        _ => Cell::Empty,
    };
    vec![
        Cell::text(&project.title_ar),
        Cell::text(&project.title_fr),
        Cell::optional(cooperative, |c| Cell::text(c.name(lang))),
        Cell::optional(cooperative.and_then(|c| c.ice.as_ref()), |ice| Cell::Code(ice.as_str().to_owned())),
        Cell::text(reference.programme(&project.programme).map_or(project.programme.as_str(), |p| p.name(lang))),
        Cell::text(reference.axis(&project.axis).map_or(project.axis.as_str(), |a| a.name(lang))),
        Cell::Count(project.call.year.into()),
        Cell::amount(project.total_cost),
        Cell::optional(committed, Cell::amount),
        Cell::optional(disbursed, Cell::amount),
        remaining,
        Cell::text(project.status.name(lang)),
        Cell::optional(project.submitted_on, Cell::Date),
        Cell::optional(project.cpdh_approved_on, Cell::Date),
        Cell::optional(project.convention_signed_on, Cell::Date),
        Cell::Count(project.jobs.total.into()),
        Cell::Count(project.jobs.women.into()),
        Cell::Count(project.jobs.youth.into()),
        Cell::text(&project.notes),
    ]
}
