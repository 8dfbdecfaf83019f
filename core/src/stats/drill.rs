//! Drill-down: which bucket of the figures a person opened (`milieu:rural`, `year:2023`), written
//! in an address, and the cooperatives and projects behind it.

use std::collections::BTreeSet;

use crate::dataset::Dataset;
use crate::id::Id;
use crate::lang::Lang;
use crate::reference::Milieu;

use super::selection::{milieu_code, milieu_of_code};
use super::{Bucket, Figures, Filter, compute, series};

/// A bucket of the figures whose records can be listed.
///
/// ```
/// use taawun_core::{reference::Milieu, stats::Drill};
/// assert_eq!(Drill::parse("milieu:rural"), Some(Drill::Milieu(Milieu::Rural)));
/// assert_eq!(Drill::Year(2023).code(), "year:2023");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Drill {
    /// Every funded project and its cooperative.
    Funded,
    /// The funded cooperatives of a milieu.
    Milieu(Milieu),
    /// The funded projects of a year.
    Year(u16),
    /// The funded cooperatives of a commune code (exactly that code).
    Commune(String),
    /// The funded cooperatives of a sector code.
    Sector(String),
    /// The funded projects of an axis code.
    Axis(String),
    /// The funded cooperatives that are women-led (`true`) or not.
    WomenLed(bool),
    /// One cooperative's funded projects.
    Cooperative(Id),
}

/// The records behind a bucket, each in id order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Behind {
    /// The cooperatives, each once.
    pub cooperatives: Vec<Id>,
    /// The funded projects.
    pub projects: Vec<Id>,
}

impl Drill {
    /// Reads a code written by [`Drill::code`]; `None` for anything else.
    pub fn parse(code: &str) -> Option<Drill> {
        let code = code.trim();
        if code == "funded" {
            return Some(Drill::Funded);
        }
        let (kind, value) = code.split_once(':')?;
        let text = || (!value.is_empty()).then(|| value.to_owned());
        match kind {
            "milieu" => milieu_of_code(value).map(Drill::Milieu),
            "year" => value.parse().ok().map(Drill::Year),
            "commune" => text().map(Drill::Commune),
            "sector" => text().map(Drill::Sector),
            "axis" => text().map(Drill::Axis),
            "women-led" => match value {
                "yes" => Some(Drill::WomenLed(true)),
                "no" => Some(Drill::WomenLed(false)),
                _ => None,
            },
            "cooperative" => Id::parse(value).ok().map(Drill::Cooperative),
            _ => None,
        }
    }

    /// The code of this bucket in an address.
    pub fn code(&self) -> String {
        match self {
            Drill::Funded => "funded".to_owned(),
            Drill::Milieu(milieu) => format!("milieu:{}", milieu_code(*milieu)),
            Drill::Year(year) => format!("year:{year}"),
            Drill::Commune(code) => format!("commune:{code}"),
            Drill::Sector(code) => format!("sector:{code}"),
            Drill::Axis(code) => format!("axis:{code}"),
            Drill::WomenLed(women_led) => format!("women-led:{}", if *women_led { "yes" } else { "no" }),
            Drill::Cooperative(id) => format!("cooperative:{id}"),
        }
    }

    /// What the bucket gathers, in `lang`: a commune's or sector's name from the reference data
    /// (its code when the reference data does not know it), a year, a cooperative's name.
    ///
    /// ```
    /// use taawun_core::{Lang, demo, stats::Drill};
    /// let dataset = demo::dataset();
    /// assert_eq!(Drill::Commune("ASL".into()).label(&dataset, Lang::Ar), "أصيلة");
    /// assert_eq!(Drill::Sector("AGR-LAI".into()).label(&dataset, Lang::Fr), "Lait (Agriculture)");
    /// ```
    pub fn label(&self, dataset: &Dataset, lang: Lang) -> String {
        let reference = dataset.reference();
        match self {
            Drill::Funded => match lang {
                Lang::Fr => "Tous les projets financés".to_owned(),
                Lang::Ar => "جميع المشاريع الممولة".to_owned(),
            },
            Drill::Milieu(milieu) => milieu.name(lang).to_owned(),
            Drill::Year(year) => year.to_string(),
            Drill::Commune(code) => reference.commune(code).map_or_else(|| code.clone(), |c| c.name(lang).to_owned()),
            Drill::Sector(code) => match reference.sector(code) {
                None => code.clone(),
                Some(sector) => match sector.parent.as_deref().and_then(|parent| reference.sector(parent)) {
                    Some(parent) => format!("{} ({})", sector.name(lang), parent.name(lang)),
                    None => sector.name(lang).to_owned(),
                },
            },
            Drill::Axis(code) => reference.axis(code).map_or_else(|| code.clone(), |a| a.name(lang).to_owned()),
            Drill::WomenLed(true) => match lang {
                Lang::Fr => "Coopératives féminines".to_owned(),
                Lang::Ar => "تعاونيات نسائية".to_owned(),
            },
            Drill::WomenLed(false) => match lang {
                Lang::Fr => "Autres coopératives".to_owned(),
                Lang::Ar => "تعاونيات أخرى".to_owned(),
            },
            Drill::Cooperative(id) => dataset.cooperatives().get(*id).map_or_else(|| id.to_string(), |c| c.data.name(lang).to_owned()),
        }
    }
}

fn ids_of<K>(bucket: Option<&Bucket<K>>) -> Behind {
    bucket.map(|b| Behind { cooperatives: b.cooperatives.clone(), projects: b.projects.clone() }).unwrap_or_default()
}

impl Figures {
    /// The records behind a bucket of these figures; empty when the bucket is empty.
    ///
    /// [`Drill::Cooperative`] needs the records themselves: use [`behind`].
    pub fn behind(&self, drill: &Drill) -> Behind {
        match drill {
            Drill::Funded => {
                // Every funded project falls in exactly one year.
                let mut cooperatives = BTreeSet::new();
                let mut projects = BTreeSet::new();
                for bucket in &self.by_year {
                    cooperatives.extend(bucket.cooperatives.iter().copied());
                    projects.extend(bucket.projects.iter().copied());
                }
                Behind { cooperatives: cooperatives.into_iter().collect(), projects: projects.into_iter().collect() }
            }
            Drill::Milieu(milieu) => ids_of(self.by_milieu.iter().find(|b| b.key == *milieu)),
            Drill::Year(year) => ids_of(self.by_year.iter().find(|b| b.key == *year)),
            Drill::Commune(code) => ids_of(self.by_commune.iter().find(|b| b.key == *code)),
            Drill::Sector(code) => ids_of(self.by_sector.iter().find(|b| b.key == *code)),
            Drill::Axis(code) => ids_of(self.by_axis.iter().find(|b| b.key == *code)),
            Drill::WomenLed(women_led) => ids_of(self.by_women_led.iter().find(|b| b.key == *women_led)),
            Drill::Cooperative(_) => Behind::default(),
        }
    }
}

/// The records behind a bucket of the figures over `filter`.
///
/// ```
/// use taawun_core::{demo, reference::Milieu, stats::{self, Drill, Filter}};
/// let behind = stats::behind(&demo::dataset(), &Filter::default(), &Drill::Milieu(Milieu::Rural));
/// assert_eq!(behind.cooperatives.len(), 33);
/// ```
pub fn behind(dataset: &Dataset, filter: &Filter, drill: &Drill) -> Behind {
    match drill {
        Drill::Cooperative(id) => ids_of(series::by_cooperative(dataset, filter).iter().find(|b| b.key == *id)),
        _ => compute(dataset, filter).behind(drill),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::stats::Selection;

    #[test]
    fn every_drill_reads_back_from_its_own_code() {
        let drills = [
            Drill::Funded,
            Drill::Milieu(Milieu::Rural),
            Drill::Milieu(Milieu::Urban),
            Drill::Year(2023),
            Drill::Commune("TNG-BMK".into()),
            Drill::Sector("AGR-LAI".into()),
            Drill::Axis("P3-ESS".into()),
            Drill::WomenLed(true),
            Drill::WomenLed(false),
            Drill::Cooperative(Id::from_u128(0xabc)),
        ];
        for drill in drills {
            assert_eq!(Drill::parse(&drill.code()), Some(drill.clone()), "{drill:?}");
        }
    }

    #[test]
    fn codes_that_name_no_bucket_are_refused() {
        for code in ["", "milieu", "milieu:suburban", "year:soon", "commune:", "women-led:maybe", "cooperative:42", "colour:red"] {
            assert_eq!(Drill::parse(code), None, "{code:?}");
        }
    }

    #[test]
    fn behind_the_rural_bucket_are_the_33_rural_cooperatives_of_the_demo() {
        let dataset = demo::dataset();
        let behind = behind(&dataset, &Filter::default(), &Drill::Milieu(Milieu::Rural));
        assert_eq!(behind.cooperatives.len(), 33);
        let reference = dataset.reference();
        for id in &behind.cooperatives {
            let cooperative = dataset.cooperatives().get(*id).map(|c| c.data.milieu(reference));
            assert_eq!(cooperative, Some(Some(Milieu::Rural)), "{id} is not a rural cooperative");
        }
    }

    #[test]
    fn behind_everything_funded_are_every_funded_cooperative_and_project() {
        let dataset = demo::dataset();
        let figures = compute(&dataset, &Filter::default());
        let behind = figures.behind(&Drill::Funded);
        assert_eq!(behind.cooperatives.len() as u64, figures.cooperatives_funded);
        assert_eq!(behind.projects.len() as u64, figures.projects_funded);
    }

    #[test]
    fn a_drill_follows_the_filter() {
        let dataset = demo::dataset();
        let filter = Selection { from: Some(2021), to: Some(2021), ..Selection::default() }.filter(dataset.reference());
        let figures = compute(&dataset, &filter);
        let behind = behind(&dataset, &filter, &Drill::Milieu(Milieu::Rural));
        let rural = figures.by_milieu.iter().find(|b| b.key == Milieu::Rural).map(|b| b.cooperatives.len()).unwrap_or(0);
        assert_eq!(behind.cooperatives.len(), rural);
        assert!(rural < 33, "the year 2021 alone must hold fewer rural cooperatives than all years");
    }

    #[test]
    fn behind_one_cooperative_are_its_funded_projects() {
        let dataset = demo::dataset();
        let largest = series::by_cooperative(&dataset, &Filter::default());
        let first = largest.first().map(|b| b.key).unwrap_or(Id::from_u128(0));
        let behind = behind(&dataset, &Filter::default(), &Drill::Cooperative(first));
        assert_eq!(behind.cooperatives, vec![first]);
        assert!(!behind.projects.is_empty());
        for id in &behind.projects {
            assert_eq!(dataset.projects().get(*id).map(|p| p.data.cooperative), Some(first));
        }
    }
}
