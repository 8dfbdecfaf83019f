//! What a person chose to look at — a period, a programme or axis, communes, a milieu — as it is
//! written in an address (`from=2021&to=2023&commune=ASL&commune=MNZ&milieu=rural`), and the
//! [`Filter`] it means.
//!
//! The address holds the choice, not the filter: choosing the commune of Tanger keeps `TNG` in
//! the address, and the filter covers Tanger and its arrondissements, so a bookmark stays short
//! and still means the same after arrondissements are added to the reference data. Several
//! communes are written as the key repeated, one code each; a hand-typed `commune=ASL,MNZ` reads
//! the same.

use crate::reference::{Milieu, ReferenceData};

use super::Filter;

/// The query keys a selection reads and writes, in the order it writes them.
pub const KEYS: [&str; 6] = ["from", "to", "programme", "axis", "commune", "milieu"];

/// A choice of what the figures cover. The default covers everything.
///
/// ```
/// use taawun_core::reference::{Milieu, ReferenceData};
/// use taawun_core::stats::Selection;
/// let selection = Selection::from_query([("from", "2021"), ("commune", "TNG"), ("milieu", "urban")]);
/// assert_eq!(selection.to_query(), vec![("from", "2021".to_owned()), ("commune", "TNG".to_owned()), ("milieu", "urban".to_owned())]);
/// assert_eq!(selection.communes, ["TNG"]);
/// let filter = selection.filter(&ReferenceData::builtin());
/// assert_eq!(filter.years, Some((2021, u16::MAX)));
/// assert!(filter.communes.contains(&"TNG-BMK".to_owned()));
/// assert_eq!(filter.milieu, Some(Milieu::Urban));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The first year covered, if the period has a start.
    pub from: Option<u16>,
    /// The last year covered, if the period has an end.
    pub to: Option<u16>,
    /// Only this programme's projects.
    pub programme: Option<String>,
    /// Only this axis's projects.
    pub axis: Option<String>,
    /// Only cooperatives of these communes (and of their arrondissements, for a municipality);
    /// none: every commune. Codes sorted, each once.
    pub communes: Vec<String>,
    /// Only cooperatives of this milieu.
    pub milieu: Option<Milieu>,
}

/// The code of a milieu in an address: `rural` or `urban`.
///
/// ```
/// use taawun_core::{reference::Milieu, stats::milieu_code};
/// assert_eq!(milieu_code(Milieu::Rural), "rural");
/// ```
pub fn milieu_code(milieu: Milieu) -> &'static str {
    match milieu {
        Milieu::Rural => "rural",
        Milieu::Urban => "urban",
    }
}

/// The milieu of a code written by [`milieu_code`].
pub fn milieu_of_code(code: &str) -> Option<Milieu> {
    match code {
        "rural" => Some(Milieu::Rural),
        "urban" => Some(Milieu::Urban),
        _ => None,
    }
}

fn code_of(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl Selection {
    /// Reads a selection from an address's query pairs (already decoded).
    ///
    /// Keys other than [`KEYS`] belong to someone else and are skipped. A value that cannot be
    /// read (a year that is not a number, an unknown milieu) leaves that part of the choice open,
    /// so an edited address shows the figures of what it still says, and the filter controls
    /// show what is applied.
    ///
    /// ```
    /// use taawun_core::stats::Selection;
    /// let selection = Selection::from_query([("from", "twenty"), ("to", "2023"), ("q", "amal")]);
    /// assert_eq!((selection.from, selection.to), (None, Some(2023)));
    /// ```
    pub fn from_query<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Selection {
        let mut selection = Selection::default();
        for (key, value) in pairs {
            let value = value.as_ref();
            match key.as_ref() {
                "from" => selection.from = value.trim().parse().ok(),
                "to" => selection.to = value.trim().parse().ok(),
                "programme" => selection.programme = code_of(value),
                "axis" => selection.axis = code_of(value),
                "commune" => {
                    for chosen in value.split(',') {
                        selection.choose_commune(chosen, true);
                    }
                }
                "milieu" => selection.milieu = milieu_of_code(value.trim()),
                _ => {}
            }
        }
        selection
    }

    /// The query pairs that say this selection, in the order of [`KEYS`]; an open choice writes
    /// nothing. [`Selection::from_query`] reads them back to the same selection.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        for (key, value) in [("programme", &self.programme), ("axis", &self.axis)] {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        pairs.extend(self.communes.iter().map(|code| ("commune", code.clone())));
        if let Some(milieu) = self.milieu {
            pairs.push(("milieu", milieu_code(milieu).to_owned()));
        }
        pairs
    }

    /// Adds the commune `code` to the choice, or takes it out (`chosen` false), keeping the codes
    /// sorted and each once: what ticking or unticking a commune in a list does.
    ///
    /// ```
    /// use taawun_core::stats::Selection;
    /// let mut selection = Selection::default();
    /// selection.choose_commune("MNZ", true);
    /// selection.choose_commune("ASL", true);
    /// selection.choose_commune("MNZ", true);
    /// assert_eq!(selection.communes, ["ASL", "MNZ"]);
    /// selection.choose_commune("ASL", false);
    /// assert_eq!(selection.communes, ["MNZ"]);
    /// ```
    pub fn choose_commune(&mut self, code: &str, chosen: bool) {
        let Some(code) = code_of(code) else { return };
        match (self.communes.binary_search(&code), chosen) {
            (Err(place), true) => self.communes.insert(place, code),
            (Ok(place), false) => {
                self.communes.remove(place);
            }
            _ => {}
        }
    }

    /// Whether the selection covers everything.
    pub fn is_everything(&self) -> bool {
        *self == Selection::default()
    }

    /// The filter this selection means: the period's years (open ends reach the first or last
    /// year there is), the programme and axis as chosen, each commune with its arrondissements.
    pub fn filter(&self, reference: &ReferenceData) -> Filter {
        let years = match (self.from, self.to) {
            (None, None) => None,
            (from, to) => Some((from.unwrap_or(u16::MIN), to.unwrap_or(u16::MAX))),
        };
        let mut communes: Vec<String> = Vec::new();
        for chosen in &self.communes {
            let arrondissements = reference.communes().iter().filter(|c| c.parent.as_deref() == Some(chosen.as_str())).map(|c| &c.code);
            for code in std::iter::once(chosen).chain(arrondissements) {
                // A municipality and one of its arrondissements both chosen: the arrondissement once.
                if !communes.contains(code) {
                    communes.push(code.clone());
                }
            }
        }
        Filter { years, programme: self.programme.clone(), axis: self.axis.clone(), communes, milieu: self.milieu }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::stats::compute;

    #[test]
    fn every_choice_reads_back_from_its_own_query() {
        let selection = Selection {
            from: Some(2020),
            to: Some(2024),
            programme: Some("P3".into()),
            axis: Some("P3-ESS".into()),
            communes: vec!["ASL".into()],
            milieu: Some(Milieu::Rural),
        };
        let query = selection.to_query();
        assert_eq!(query.iter().map(|(k, _)| *k).collect::<Vec<_>>(), KEYS);
        assert_eq!(Selection::from_query(query.iter().map(|(k, v)| (*k, v.as_str()))), selection);
    }

    #[test]
    fn an_open_selection_writes_no_query_and_filters_nothing() {
        let selection = Selection::from_query(Vec::<(String, String)>::new());
        assert!(selection.is_everything());
        assert!(selection.to_query().is_empty());
        assert_eq!(selection.filter(&ReferenceData::builtin()), Filter::default());
    }

    #[test]
    fn unreadable_values_leave_their_choice_open_and_other_keys_are_skipped() {
        let selection = Selection::from_query([("from", "2021x"), ("milieu", "suburban"), ("commune", "  "), ("drill", "year:2021"), ("to", " 2022 ")]);
        assert_eq!(selection, Selection { to: Some(2022), ..Selection::default() });
    }

    #[test]
    fn a_period_with_one_end_reaches_every_year_on_the_other_side() {
        let reference = ReferenceData::builtin();
        assert_eq!(Selection { from: Some(2022), ..Selection::default() }.filter(&reference).years, Some((2022, u16::MAX)));
        assert_eq!(Selection { to: Some(2022), ..Selection::default() }.filter(&reference).years, Some((0, 2022)));
    }

    #[test]
    fn choosing_a_municipality_covers_its_arrondissements_and_an_arrondissement_only_itself() {
        let reference = ReferenceData::builtin();
        let tanger = Selection { communes: vec!["TNG".into()], ..Selection::default() }.filter(&reference).communes;
        assert_eq!(tanger, ["TNG", "TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK"]);
        let medina = Selection { communes: vec!["TNG-MED".into()], ..Selection::default() }.filter(&reference).communes;
        assert_eq!(medina, ["TNG-MED"]);
    }

    #[test]
    fn the_tanger_figures_are_the_sum_of_its_arrondissements() {
        let dataset = demo::dataset();
        let reference = dataset.reference();
        let tanger = compute(&dataset, &Selection { communes: vec!["TNG".into()], ..Selection::default() }.filter(reference));
        let arrondissements: u64 = ["TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK"]
            .iter()
            .map(|code| compute(&dataset, &Selection { communes: vec![(*code).into()], ..Selection::default() }.filter(reference)).cooperatives_funded)
            .sum();
        assert!(tanger.cooperatives_funded > 0);
        assert_eq!(tanger.cooperatives_funded, arrondissements);
    }

    #[test]
    fn two_communes_read_back_from_their_address_repeated_or_comma_separated() {
        let selection = Selection::from_query([("commune", "MNZ"), ("from", "2021"), ("commune", "ASL")]);
        assert_eq!(selection.communes, ["ASL", "MNZ"]);
        let query = selection.to_query();
        assert_eq!(query, vec![("from", "2021".to_owned()), ("commune", "ASL".to_owned()), ("commune", "MNZ".to_owned())]);
        assert_eq!(Selection::from_query(query.iter().map(|(k, v)| (*k, v.as_str()))), selection);
        assert_eq!(Selection::from_query([("from", "2021"), ("commune", "MNZ, ASL,,MNZ")]), selection, "typed by hand: commas, spaces, repeats");
    }

    #[test]
    fn the_figures_of_two_communes_are_the_sum_of_each_commune_s_and_their_sectors_add_up() {
        let dataset = demo::dataset();
        let reference = dataset.reference();
        let of = |codes: &[&str]| {
            compute(&dataset, &Selection { communes: codes.iter().map(|c| (*c).to_owned()).collect(), ..Selection::default() }.filter(reference))
        };
        let (asilah, tanger, both) = (of(&["ASL"]), of(&["TNG"]), of(&["ASL", "TNG"]));
        assert!(asilah.cooperatives_funded > 0 && tanger.cooperatives_funded > 0, "the demo funds cooperatives in both");
        assert_eq!(both.cooperatives_funded, asilah.cooperatives_funded + tanger.cooperatives_funded);
        assert_eq!(both.projects_funded, asilah.projects_funded + tanger.projects_funded);
        assert_eq!(Some(both.total_support), asilah.total_support.checked_add(tanger.total_support));
        assert!(both.cooperatives_funded < of(&[]).cooperatives_funded, "two communes are not every commune");
        // Tanger and one of its own arrondissements: the arrondissement is counted once.
        assert_eq!(of(&["TNG", "TNG-MED"]), tanger);
    }
}
