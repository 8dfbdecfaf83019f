//! The figures and breakdowns a report or the dashboard shows, each with its name and its
//! definition in Arabic and French, so that every screen and every export says the same thing
//! about what a number counts.

use rust_decimal::RoundingStrategy;

use crate::lang::Lang;
use crate::text;

use super::Figures;

/// A figure, or a breakdown of the figures, with a name and a definition.
///
/// ```
/// use taawun_core::{Lang, stats::Figure};
/// assert_eq!(Figure::Rural.name(Lang::Fr), "En milieu rural");
/// assert!(Figure::DisbursementRate.definition(Lang::Ar).contains("الملتزم"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    /// Cooperatives with at least one funded project.
    CooperativesFunded,
    /// Of those, in a rural milieu.
    Rural,
    /// Of those, in an urban milieu.
    Urban,
    /// Funded projects.
    ProjectsFunded,
    /// Sum of the funded projects' total costs.
    TotalSupport,
    /// Sum of their INDH lines (the INDH's commitment).
    IndhContribution,
    /// INDH contribution ÷ total support.
    IndhShare,
    /// Total support ÷ INDH contribution.
    Leverage,
    /// INDH disbursements on funded projects.
    IndhDisbursed,
    /// INDH disbursed ÷ INDH committed.
    DisbursementRate,
    /// Funded cooperatives that are women-led.
    WomenLed,
    /// Members of the funded cooperatives: all, women, young people.
    Members,
    /// Jobs created by the funded projects: all, women, young people.
    Jobs,
    /// The funded cooperatives by milieu.
    ByMilieu,
    /// The funded projects by year.
    ByYear,
    /// The funded projects by commune.
    ByCommune,
    /// The funded projects by sector.
    BySector,
    /// The funded projects by programme axis.
    ByAxis,
    /// The funded cooperatives by whether they are women-led.
    ByWomenLed,
    /// The cooperatives that received the most support.
    LargestSupports,
}

impl Figure {
    /// Every figure and breakdown, in the order a report shows them.
    pub const ALL: [Figure; 20] = [
        Figure::CooperativesFunded,
        Figure::Rural,
        Figure::Urban,
        Figure::ProjectsFunded,
        Figure::TotalSupport,
        Figure::IndhContribution,
        Figure::IndhShare,
        Figure::Leverage,
        Figure::IndhDisbursed,
        Figure::DisbursementRate,
        Figure::WomenLed,
        Figure::Members,
        Figure::Jobs,
        Figure::ByMilieu,
        Figure::ByYear,
        Figure::ByCommune,
        Figure::BySector,
        Figure::ByAxis,
        Figure::ByWomenLed,
        Figure::LargestSupports,
    ];

    /// A stable, lowercase code (`total-support`), for element ids and addresses.
    ///
    /// ```
    /// use taawun_core::stats::Figure;
    /// assert_eq!(Figure::TotalSupport.code(), "total-support");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Figure::CooperativesFunded => "cooperatives",
            Figure::Rural => "rural",
            Figure::Urban => "urban",
            Figure::ProjectsFunded => "projects",
            Figure::TotalSupport => "total-support",
            Figure::IndhContribution => "indh",
            Figure::IndhShare => "indh-share",
            Figure::Leverage => "leverage",
            Figure::IndhDisbursed => "disbursed",
            Figure::DisbursementRate => "disbursement-rate",
            Figure::WomenLed => "women-led",
            Figure::Members => "members",
            Figure::Jobs => "jobs",
            Figure::ByMilieu => "by-milieu",
            Figure::ByYear => "by-year",
            Figure::ByCommune => "by-commune",
            Figure::BySector => "by-sector",
            Figure::ByAxis => "by-axis",
            Figure::ByWomenLed => "by-women-led",
            Figure::LargestSupports => "largest",
        }
    }

    /// The figure's name, as a heading or a label says it.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => match self {
                Figure::CooperativesFunded => "Coopératives soutenues",
                Figure::Rural => "En milieu rural",
                Figure::Urban => "En milieu urbain",
                Figure::ProjectsFunded => "Projets financés",
                Figure::TotalSupport => "Soutien total",
                Figure::IndhContribution => "Contribution de l'INDH",
                Figure::IndhShare => "Part de l'INDH",
                Figure::Leverage => "Effet de levier",
                Figure::IndhDisbursed => "Décaissé par l'INDH",
                Figure::DisbursementRate => "Taux de décaissement",
                Figure::WomenLed => "Coopératives féminines",
                Figure::Members => "Membres",
                Figure::Jobs => "Emplois créés",
                Figure::ByMilieu => "Coopératives par milieu",
                Figure::ByYear => "Soutien par année",
                Figure::ByCommune => "Soutien par commune",
                Figure::BySector => "Coopératives par secteur",
                Figure::ByAxis => "Soutien par axe",
                Figure::ByWomenLed => "Coopératives féminines et autres",
                Figure::LargestSupports => "Coopératives les plus soutenues",
            },
            Lang::Ar => match self {
                Figure::CooperativesFunded => "التعاونيات المدعمة",
                Figure::Rural => "بالوسط القروي",
                Figure::Urban => "بالوسط الحضري",
                Figure::ProjectsFunded => "المشاريع الممولة",
                Figure::TotalSupport => "الدعم الإجمالي",
                Figure::IndhContribution => "مساهمة المبادرة الوطنية للتنمية البشرية",
                Figure::IndhShare => "حصة المبادرة",
                Figure::Leverage => "أثر الرافعة",
                Figure::IndhDisbursed => "ما صرفته المبادرة",
                Figure::DisbursementRate => "نسبة الصرف",
                Figure::WomenLed => "التعاونيات النسائية",
                Figure::Members => "الأعضاء",
                Figure::Jobs => "مناصب الشغل المحدثة",
                Figure::ByMilieu => "التعاونيات حسب الوسط",
                Figure::ByYear => "الدعم حسب السنة",
                Figure::ByCommune => "الدعم حسب الجماعة",
                Figure::BySector => "التعاونيات حسب القطاع",
                Figure::ByAxis => "الدعم حسب المحور",
                Figure::ByWomenLed => "التعاونيات النسائية وغيرها",
                Figure::LargestSupports => "التعاونيات الأكثر استفادة من الدعم",
            },
        }
    }

    /// What the figure counts, in one or two sentences: the definitions of [`crate::stats`],
    /// said for the people who read the dashboard.
    pub fn definition(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => match self {
                Figure::CooperativesFunded => {
                    "Coopératives ayant au moins un projet financé (approuvé ou plus avancé, ni rejeté ni annulé) parmi les projets retenus par les filtres ; chacune est comptée une fois, quel que soit son nombre de projets."
                }
                Figure::Rural => {
                    "Coopératives soutenues dont le milieu est rural : celui de leur commune, sauf exception motivée sur leur fiche (centre urbain d'une commune rurale, par exemple)."
                }
                Figure::Urban => "Coopératives soutenues dont le milieu est urbain : commune urbaine ou arrondissement, sauf exception motivée sur leur fiche.",
                Figure::ProjectsFunded => "Projets approuvés par le CPDH ou plus avancés (convention signée, en cours, achevés), ni rejetés ni annulés.",
                Figure::TotalSupport => {
                    "Somme des coûts totaux des projets financés, toutes sources confondues : INDH, partenaires et apport des coopératives."
                }
                Figure::IndhContribution => "Somme des lignes de financement des projets financés dont le bailleur a le rôle INDH : ce que l'INDH a engagé.",
                Figure::IndhShare => "Contribution de l'INDH divisée par le soutien total.",
                Figure::Leverage => "Soutien total divisé par la contribution de l'INDH : chaque dirham de l'INDH est venu avec autant de dirhams en tout.",
                Figure::IndhDisbursed => "Somme des décaissements de l'INDH enregistrés sur les projets financés.",
                Figure::DisbursementRate => "Montant décaissé par l'INDH divisé par le montant engagé (sa contribution aux projets financés).",
                Figure::WomenLed => "Coopératives soutenues présidées par une femme ou dont les femmes sont plus de la moitié des membres.",
                Figure::Members => "Membres des coopératives soutenues, chacune comptée une fois, tels qu'inscrits sur leur fiche ; dont femmes et jeunes.",
                Figure::Jobs => "Emplois déclarés par les projets financés ; dont emplois tenus par des femmes et par des jeunes.",
                Figure::ByMilieu => "Coopératives soutenues réparties selon leur milieu ; une coopérative dont la commune est inconnue n'apparaît pas.",
                Figure::ByYear => {
                    "Soutien total et contribution de l'INDH des projets financés, selon l'année de leur approbation par le CPDH (l'année de l'appel à projets, à défaut)."
                }
                Figure::ByCommune => "Soutien total et contribution de l'INDH des projets financés, selon la commune de leur coopérative.",
                Figure::BySector => "Coopératives soutenues selon leur secteur d'activité (nomenclature de l'ODCo).",
                Figure::ByAxis => "Soutien total et contribution de l'INDH des projets financés, selon l'axe de programme de chaque projet.",
                Figure::ByWomenLed => "Coopératives soutenues, féminines (présidées par une femme ou majoritairement féminines) ou non.",
                Figure::LargestSupports => {
                    "Les coopératives dont les projets financés totalisent le soutien le plus élevé, de la plus soutenue à la moins soutenue."
                }
            },
            Lang::Ar => match self {
                Figure::CooperativesFunded => {
                    "التعاونيات التي لها مشروع ممول واحد على الأقل (مصادق عليه أو في مرحلة لاحقة، غير مرفوض وغير ملغى) من بين المشاريع التي تحتفظ بها عوامل التصفية؛ وتحسب كل تعاونية مرة واحدة مهما كان عدد مشاريعها."
                }
                Figure::Rural => "التعاونيات المدعمة التي وسطها قروي: وسط جماعتها، إلا في حالة استثناء معلل في بطاقتها (مركز حضري بجماعة قروية مثلا).",
                Figure::Urban => "التعاونيات المدعمة التي وسطها حضري: جماعة حضرية أو مقاطعة، إلا في حالة استثناء معلل في بطاقتها.",
                Figure::ProjectsFunded => {
                    "المشاريع التي صادقت عليها اللجنة الإقليمية للتنمية البشرية أو بلغت مرحلة لاحقة (توقيع الاتفاقية، في طور الإنجاز، منجزة)، غير المرفوضة وغير الملغاة."
                }
                Figure::TotalSupport => "مجموع الكلفة الإجمالية للمشاريع الممولة من جميع المصادر: المبادرة والشركاء ومساهمة التعاونيات.",
                Figure::IndhContribution => "مجموع سطور تمويل المشاريع الممولة التي يكون مموّلها بصفة المبادرة الوطنية للتنمية البشرية: ما التزمت به المبادرة.",
                Figure::IndhShare => "مساهمة المبادرة مقسومة على الدعم الإجمالي.",
                Figure::Leverage => "الدعم الإجمالي مقسوما على مساهمة المبادرة: كل درهم من المبادرة رافقه هذا العدد من الدراهم في المجموع.",
                Figure::IndhDisbursed => "مجموع ما صرفته المبادرة المسجل على المشاريع الممولة.",
                Figure::DisbursementRate => "المبلغ الذي صرفته المبادرة مقسوما على المبلغ الملتزم به (مساهمتها في المشاريع الممولة).",
                Figure::WomenLed => "التعاونيات المدعمة التي تترأسها امرأة أو تشكل النساء أكثر من نصف أعضائها.",
                Figure::Members => "أعضاء التعاونيات المدعمة كما هم مسجلون في بطاقاتها، وتحسب كل تعاونية مرة واحدة؛ ومنهم النساء والشباب.",
                Figure::Jobs => "مناصب الشغل المصرح بها في المشاريع الممولة؛ ومنها المناصب التي تشغلها النساء والشباب.",
                Figure::ByMilieu => "التعاونيات المدعمة موزعة حسب وسطها؛ ولا تظهر التعاونية التي جماعتها غير معروفة.",
                Figure::ByYear => {
                    "الدعم الإجمالي ومساهمة المبادرة في المشاريع الممولة حسب سنة مصادقة اللجنة الإقليمية عليها (أو سنة طلب المشاريع إن لم تتم المصادقة بعد)."
                }
                Figure::ByCommune => "الدعم الإجمالي ومساهمة المبادرة في المشاريع الممولة حسب جماعة التعاونية.",
                Figure::BySector => "التعاونيات المدعمة حسب قطاع نشاطها (تصنيف مكتب تنمية التعاون).",
                Figure::ByAxis => "الدعم الإجمالي ومساهمة المبادرة في المشاريع الممولة حسب محور البرنامج الخاص بكل مشروع.",
                Figure::ByWomenLed => "التعاونيات المدعمة، نسائية (تترأسها امرأة أو أغلب أعضائها نساء) أو غير نسائية.",
                Figure::LargestSupports => "التعاونيات التي بلغ مجموع دعم مشاريعها الممولة أعلى قيمة، من الأكثر دعما إلى الأقل.",
            },
        }
    }
}

impl Figures {
    /// A headline figure's value as reports write it: counts grouped, amounts in millions as the
    /// press writes them, shares with one decimal, leverage with two. `None` for a breakdown, and
    /// for a ratio with nothing to divide by (a share without any support).
    ///
    /// ```
    /// use taawun_core::{Lang, demo, stats::{self, Figure, Filter}};
    /// let figures = stats::compute(&demo::dataset(), &Filter::default());
    /// assert_eq!(figures.shown(Figure::TotalSupport, Lang::Fr).map(|s| s.replace('\u{a0}', " ")), Some("20,86 MDH".to_owned()));
    /// assert_eq!(figures.shown(Figure::IndhShare, Lang::Ar).map(|s| s.replace('\u{a0}', " ")), Some("63,1 %".to_owned()));
    /// assert_eq!(figures.shown(Figure::ByYear, Lang::Fr), None);
    /// ```
    pub fn shown(&self, figure: Figure, lang: Lang) -> Option<String> {
        let count = |n: u64| Some(text::integer(n, lang));
        match figure {
            Figure::CooperativesFunded => count(self.cooperatives_funded),
            Figure::Rural => count(self.rural),
            Figure::Urban => count(self.urban),
            Figure::ProjectsFunded => count(self.projects_funded),
            Figure::TotalSupport => Some(text::amount_compact(self.total_support, lang)),
            Figure::IndhContribution => Some(text::amount_compact(self.indh_contribution, lang)),
            Figure::IndhShare => self.indh_share.map(|rate| text::percent(rate, lang)),
            Figure::Leverage => self.leverage.map(|leverage| {
                let rounded = leverage.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                rounded.to_string().replace('.', ",")
            }),
            Figure::IndhDisbursed => Some(text::amount_compact(self.indh_disbursed, lang)),
            Figure::DisbursementRate => self.disbursement_rate.map(|rate| text::percent(rate, lang)),
            Figure::WomenLed => count(self.women_led),
            Figure::Members => count(self.members.total),
            Figure::Jobs => count(self.jobs.total),
            Figure::ByMilieu | Figure::ByYear | Figure::ByCommune | Figure::BySector | Figure::ByAxis | Figure::ByWomenLed | Figure::LargestSupports => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::stats::{Filter, compute};

    #[test]
    fn the_demo_shows_the_figures_of_the_july_2025_report_in_both_languages() {
        let figures = compute(&demo::dataset(), &Filter::default());
        for lang in Lang::ALL {
            let shown = |figure| figures.shown(figure, lang).map(|s| s.replace('\u{a0}', " ")).unwrap_or_default();
            assert_eq!(shown(Figure::CooperativesFunded), "85");
            assert_eq!(shown(Figure::Rural), "33");
            assert_eq!(shown(Figure::IndhShare), "63,1 %");
        }
        let amounts = |lang| (figures.shown(Figure::TotalSupport, lang), figures.shown(Figure::IndhContribution, lang));
        assert_eq!(amounts(Lang::Fr), (Some("20,86\u{a0}MDH".into()), Some("13,17\u{a0}MDH".into())));
        assert_eq!(amounts(Lang::Ar), (Some("20,86\u{a0}مليون درهم".into()), Some("13,17\u{a0}مليون درهم".into())));
        assert_eq!(figures.shown(Figure::Leverage, Lang::Fr).as_deref(), Some("1,58"));
    }

    #[test]
    fn ratios_without_a_whole_are_not_shown() {
        let figures = compute(&crate::dataset::Dataset::new(crate::reference::ReferenceData::builtin()), &Filter::default());
        assert_eq!(figures.shown(Figure::IndhShare, Lang::Fr), None);
        assert_eq!(figures.shown(Figure::DisbursementRate, Lang::Ar), None);
        assert_eq!(figures.shown(Figure::CooperativesFunded, Lang::Fr).as_deref(), Some("0"));
    }

    fn has_arabic_letters(text: &str) -> bool {
        text.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c))
    }

    #[test]
    fn every_figure_has_a_name_and_a_definition_in_both_languages() {
        for figure in Figure::ALL {
            for text in [figure.name(Lang::Ar), figure.definition(Lang::Ar)] {
                assert!(has_arabic_letters(text), "{figure:?}: Arabic text without Arabic letters: {text:?}");
            }
            for text in [figure.name(Lang::Fr), figure.definition(Lang::Fr)] {
                assert!(!text.trim().is_empty() && !has_arabic_letters(text), "{figure:?}: French text {text:?}");
            }
        }
    }

    #[test]
    fn figure_codes_are_distinct_so_element_ids_are_unique() {
        let mut codes: Vec<&str> = Figure::ALL.iter().map(|f| f.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Figure::ALL.len());
    }
}
