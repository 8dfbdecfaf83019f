//! Open data: the funded projects published in two open standards, the 360Giving Data Standard
//! (JSON, [`giving360`]) and the IATI Activity Standard 2.03 (XML, [`iati`]), with the publisher's
//! settings and the list of what is and is not published.
//!
//! Both exports cover the same projects: the funded ones, as [`stats::funded_projects`] counts
//! them, in id order. They read the dataset only through [`PublicProject`], which copies the
//! public facts of a project and its cooperative and has no field for anything personal (law
//! 09-08): no contact, no person's name or gender, no member counts, no notes, no record authors.
//! Both are deterministic: the same dataset and settings give the same bytes; the only time they
//! write is the one passed in (core never reads the clock).

pub mod giving360;
pub mod iati;
mod settings;
mod xml;

pub use settings::{ApprovalDate, Organisation, OrganisationType, PublisherSettings, Setting};

use thiserror::Error;

use crate::amount::Amount;
use crate::dataset::Dataset;
use crate::date::Date;
use crate::ice::Ice;
use crate::id::Id;
use crate::lang::Lang;
use crate::project::ProjectStatus;
use crate::record::Timestamp;
use crate::stats::{self, Filter};
use crate::text::Localised;

/// Why an open-data export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OpenDataError {
    /// A setting the export needs is empty.
    #[error("the setting {} is empty", setting.path())]
    MissingSetting {
        /// Which setting.
        setting: Setting,
    },
    /// A setting is not in the form the standard requires.
    #[error("the setting {} is \"{value}\", which is not a valid identifier", setting.path())]
    InvalidSetting {
        /// Which setting.
        setting: Setting,
        /// Its value.
        value: String,
    },
    /// No funded project: both standards need at least one grant or activity in a file.
    #[error("there is no funded project to publish")]
    NothingToPublish,
    /// A funded project has no CPDH approval date, which both standards need (award date,
    /// commitment date).
    #[error("funded project {project} has no cpdh approval date")]
    MissingApprovalDate {
        /// The project's id.
        project: Id,
    },
    /// The file could not be written (a number token refused by the JSON writer: never seen).
    #[error("the file could not be written: {reason}")]
    Writing {
        /// The writer's reason.
        reason: String,
    },
    /// The sums of a project's amounts go beyond [`Amount::MAX`] (only in absurd data).
    #[error("the amounts of project {project} are too large to add up")]
    AmountOverflow {
        /// The project's id.
        project: Id,
    },
}

impl Localised for OpenDataError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (OpenDataError::MissingSetting { setting }, Lang::Fr) => format!("renseignez {} dans les paramètres de publication", setting.name(lang)),
            (OpenDataError::MissingSetting { setting }, Lang::Ar) => format!("يرجى إدخال {} في إعدادات النشر", setting.name(lang)),
            (OpenDataError::InvalidSetting { setting, value }, Lang::Fr) => {
                format!("{} « {value} » n'est pas un identifiant valable : lettres, chiffres et tirets, sans espace", setting.name(lang))
            }
            (OpenDataError::InvalidSetting { setting, value }, Lang::Ar) => {
                format!("{} «{value}» غير صالح: حروف وأرقام وشرطات بدون مسافات", setting.name(lang))
            }
            (OpenDataError::NothingToPublish, Lang::Fr) => "aucun projet financé à publier".to_owned(),
            (OpenDataError::NothingToPublish, Lang::Ar) => "لا يوجد أي مشروع ممول للنشر".to_owned(),
            (OpenDataError::MissingApprovalDate { project }, Lang::Fr) => format!("le projet financé {project} n'a pas de date d'approbation du CPDH"),
            (OpenDataError::MissingApprovalDate { project }, Lang::Ar) => format!("المشروع الممول {project} بدون تاريخ مصادقة اللجنة الإقليمية"),
            (OpenDataError::Writing { reason }, Lang::Fr) => format!("le fichier n'a pas pu être écrit : {reason}"),
            (OpenDataError::Writing { reason }, Lang::Ar) => format!("تعذرت كتابة الملف: {reason}"),
            (OpenDataError::AmountOverflow { project }, Lang::Fr) => format!("les montants du projet {project} sont trop grands pour être additionnés"),
            (OpenDataError::AmountOverflow { project }, Lang::Ar) => format!("مبالغ المشروع {project} أكبر من أن تجمع"),
        }
    }
}

/// What the open exports publish, one line per kind of fact, as the export screen lists it.
///
/// ```
/// use taawun_core::{Lang, open_data};
/// assert!(open_data::published_fields(Lang::Fr).iter().any(|line| line.contains("ICE")));
/// assert_eq!(open_data::published_fields(Lang::Ar).len(), open_data::published_fields(Lang::Fr).len());
/// ```
pub fn published_fields(lang: Lang) -> Vec<&'static str> {
    pick(lang, &PUBLISHED)
}

/// What the open exports never publish, as the export screen lists it (law 09-08 on personal
/// data, and projects that were not funded).
///
/// ```
/// use taawun_core::{Lang, open_data};
/// assert!(open_data::withheld_fields(Lang::Fr).iter().any(|line| line.contains("téléphone")));
/// ```
pub fn withheld_fields(lang: Lang) -> Vec<&'static str> {
    pick(lang, &WITHHELD)
}

fn pick(lang: Lang, lines: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    lines.iter().map(|&(ar, fr)| if lang == Lang::Ar { ar } else { fr }).collect()
}

/// (Arabic, French) lines: what is published.
const PUBLISHED: [(&str, &str); 9] = [
    ("المشاريع الممولة فقط: عنوان كل مشروع ووضعيته", "Les projets financés seulement : titre et état de chaque projet"),
    (
        "اسم التعاونية (شخص معنوي)، وفي ملف 360Giving وحده تعريفها الموحد للمقاولة (ICE) عند توفره، ضمن معرفها",
        "Le nom de la coopérative (personne morale) ; dans le fichier 360Giving seulement, son ICE s'il est connu, dans son identifiant",
    ),
    ("الجماعة أو المقاطعة، والبلد (المغرب)", "La commune ou l'arrondissement, et le pays (Maroc)"),
    ("البرنامج والمحور وسنة طلب اقتراح المشاريع، وقطاع النشاط", "Le programme, l'axe, l'année de l'appel à projets et le secteur d'activité"),
    ("مبلغ مساهمة المبادرة الوطنية للتنمية البشرية المصادق عليه", "Le montant de la contribution de l'INDH approuvé"),
    (
        "تاريخ مصادقة اللجنة الإقليمية وتاريخ توقيع الاتفاقية وتاريخ آخر شطر مبرمج",
        "Les dates d'approbation du CPDH, de signature de la convention et de la dernière tranche prévue",
    ),
    ("دفعات المبادرة: التاريخ والمبلغ", "Les versements de l'INDH : date et montant"),
    ("أسماء المؤسسات الشريكة في التمويل والجهة الناشرة", "Les noms des institutions cofinanceuses et de l'organisme qui publie"),
    ("تاريخ آخر تعديل لكل مشروع أو لتعاونيته", "La date de la dernière modification de chaque projet ou de sa coopérative"),
];

/// (Arabic, French) lines: what is never published.
const WITHHELD: [(&str, &str); 6] = [
    ("أي معطى شخصي (القانون 09-08): أسماء الأشخاص وجنس الرئيس", "Aucune donnée personnelle (loi 09-08) : ni nom de personne, ni genre du président"),
    ("الهاتف والبريد الإلكتروني والعنوان", "Ni téléphone, ni e-mail, ni adresse"),
    ("الملاحظات والشهادات والصور", "Ni notes, ni témoignages, ni photos"),
    ("عدد الأعضاء والنساء والشباب، ورقم السجل المحلي", "Ni effectifs des membres, des femmes et des jeunes, ni numéro au registre local"),
    ("أسماء المستعملين الذين أدخلوا المعطيات", "Ni le nom des utilisateurs qui ont saisi les données"),
    ("المشاريع المودعة أو المرفوضة أو الملغاة", "Ni les projets déposés, rejetés ou annulés"),
];

/// A dated INDH payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Payment {
    pub on: Date,
    pub amount: Amount,
}

/// The public facts of a funded cooperative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PublicCooperative {
    pub id: Id,
    pub name_fr: String,
    pub name_ar: String,
    pub ice: Option<Ice>,
    pub commune: String,
    pub sector: String,
}

impl PublicCooperative {
    /// The name in `lang`, the other language's when it is blank, or "Coopérative <id>" /
    /// "تعاونية <id>" when both are.
    pub fn name(&self, lang: Lang) -> String {
        let name = either(lang, &self.name_fr, &self.name_ar);
        if !name.is_empty() {
            return name.to_owned();
        }
        match lang {
            Lang::Fr => format!("Coopérative {}", self.id),
            Lang::Ar => format!("تعاونية {}", self.id),
        }
    }
}

/// The public facts of one funded project: all the exports may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PublicProject {
    pub id: Id,
    pub title_fr: String,
    pub title_ar: String,
    pub programme: String,
    pub axis: String,
    pub call_year: u16,
    pub status: ProjectStatus,
    pub approved_on: Date,
    pub convention_signed_on: Option<Date>,
    /// The last planned tranche, when there are tranches and it falls on or after the start.
    pub planned_end: Option<Date>,
    /// The sum of the INDH contribution lines.
    pub indh_committed: Amount,
    /// The INDH disbursements, by date (stable for equal dates).
    pub indh_disbursements: Vec<Payment>,
    pub indh_disbursed: Amount,
    /// Codes of the partner funders on the funding lines, each once, sorted.
    pub partners: Vec<String>,
    /// The later of the project's and the cooperative's last change.
    pub updated: Timestamp,
    pub cooperative: PublicCooperative,
}

impl PublicProject {
    /// The planned start: the convention's signature, or the approval before it.
    pub fn planned_start(&self) -> Date {
        self.convention_signed_on.unwrap_or(self.approved_on)
    }

    /// The title in `lang`, falling back on the other language when it is empty.
    pub fn title(&self, lang: Lang) -> &str {
        either(lang, &self.title_fr, &self.title_ar)
    }
}

/// `fr` or `ar` for `lang`, trimmed, the other one when it is blank (possibly empty).
fn either<'a>(lang: Lang, fr: &'a str, ar: &'a str) -> &'a str {
    let (first, second) = match lang {
        Lang::Ar => (ar.trim(), fr.trim()),
        Lang::Fr => (fr.trim(), ar.trim()),
    };
    if first.is_empty() { second } else { first }
}

/// The funded projects to publish, in id order; at least one.
pub(crate) fn public_projects(dataset: &Dataset) -> Result<Vec<PublicProject>, OpenDataError> {
    let reference = dataset.reference();
    let is_indh = |code: &str| stats::is_indh_funder(reference, code);
    let filter = Filter::default();
    let mut projects = Vec::new();
    for (record, cooperative_record) in stats::funded_projects(dataset, &filter) {
        let (project, cooperative) = (&record.data, &cooperative_record.data);
        let overflow = || OpenDataError::AmountOverflow { project: record.id };
        let approved_on = project.cpdh_approved_on.ok_or(OpenDataError::MissingApprovalDate { project: record.id })?;
        let indh_committed = Amount::checked_sum(project.contributions.iter().filter(|c| is_indh(&c.funder)).map(|c| c.amount)).ok_or_else(overflow)?;
        let mut indh_disbursements: Vec<Payment> =
            project.disbursements.iter().filter(|d| is_indh(&d.funder)).map(|d| Payment { on: d.paid_on, amount: d.amount }).collect();
        indh_disbursements.sort_by_key(|payment| payment.on);
        let indh_disbursed = Amount::checked_sum(indh_disbursements.iter().map(|p| p.amount)).ok_or_else(overflow)?;
        let mut partners: Vec<String> = project
            .contributions
            .iter()
            .filter(|c| reference.funder(&c.funder).is_some_and(|f| f.role == crate::reference::FunderRole::Partner))
            .map(|c| c.funder.clone())
            .collect();
        partners.sort();
        partners.dedup();
        let start = project.convention_signed_on.unwrap_or(approved_on);
        let planned_end = project.tranches.iter().map(|t| t.planned_on).max().filter(|end| *end >= start);
        projects.push(PublicProject {
            id: record.id,
            title_fr: project.title_fr.clone(),
            title_ar: project.title_ar.clone(),
            programme: project.programme.clone(),
            axis: project.axis.clone(),
            call_year: project.call.year,
            status: project.status,
            approved_on,
            convention_signed_on: project.convention_signed_on,
            planned_end,
            indh_committed,
            indh_disbursements,
            indh_disbursed,
            partners,
            updated: record.meta.updated.max(cooperative_record.meta.updated),
            cooperative: PublicCooperative {
                id: cooperative_record.id,
                name_fr: cooperative.name_fr.clone(),
                name_ar: cooperative.name_ar.clone(),
                ice: cooperative.ice.clone(),
                commune: cooperative.commune.clone(),
                sector: cooperative.sector.clone(),
            },
        });
    }
    if projects.is_empty() {
        return Err(OpenDataError::NothingToPublish);
    }
    Ok(projects)
}

/// The sentence describing a project, in `lang`, built from public facts only.
pub(crate) fn description(project: &PublicProject, dataset: &Dataset, lang: Lang) -> String {
    let reference = dataset.reference();
    let cooperative = project.cooperative.name(lang);
    let commune = reference.commune(&project.cooperative.commune).map_or(project.cooperative.commune.as_str(), |c| c.name(lang));
    let programme = reference.programme(&project.programme);
    let number = programme.map_or_else(|| project.programme.clone(), |p| p.number.to_string());
    let programme_name = programme.map_or("", |p| p.name(lang));
    let axis = reference.axis(&project.axis).map_or(project.axis.as_str(), |a| a.name(lang));
    let year = project.call_year;
    match lang {
        Lang::Fr => format!(
            "Projet porté par {cooperative} à {commune}, soutenu par l'INDH au titre du programme {number} « {programme_name} », axe « {axis} », appel à projets {year}."
        ),
        Lang::Ar => format!(
            "مشروع تحمله {cooperative} في {commune}، بدعم من المبادرة الوطنية للتنمية البشرية في إطار البرنامج {number} «{programme_name}»، محور «{axis}»، طلب اقتراح المشاريع لسنة {year}."
        ),
    }
}

/// The project's title in `lang`, or a title made from the cooperative's name when the project
/// has none in either language.
pub(crate) fn title(project: &PublicProject, lang: Lang) -> String {
    let title = project.title(lang);
    if !title.is_empty() {
        return title.to_owned();
    }
    match lang {
        Lang::Fr => format!("Projet de {}", project.cooperative.name(lang)),
        Lang::Ar => format!("مشروع {}", project.cooperative.name(lang)),
    }
}

#[cfg(test)]
mod tests;
