//! Generated datasets of any size for the benchmark (`cargo xtask bench`): a region (5 000
//! cooperatives, 10 000 projects, 20 000 disbursements, 2 000 visits) or a multiple of it,
//! deterministic from a seed the caller passes, built through [`Dataset::apply`] like real data.
//!
//! Every name is invented and marked "(fictive)" / "(وهمية)". No clock, no randomness: the same
//! size and seed always give the same bytes.

use crate::amount::Amount;
use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members};
use crate::dataset::{Dataset, Edit, EditContext};
use crate::date::Date;
use crate::id::Id;
use crate::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus, Tranche};
use crate::record::{Author, Timestamp};
use crate::reference::ReferenceData;
use crate::rules::Rulebook;
use crate::visit::{ObservedState, Visit};

/// How many records of each kind to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Cooperatives.
    pub cooperatives: u64,
    /// Projects, each with two tranches and two disbursements, spread over the cooperatives.
    pub projects: u64,
    /// Follow-up visits, spread over the cooperatives.
    pub visits: u64,
}

impl Size {
    /// A region: 5 000 cooperatives, 10 000 projects (20 000 disbursements), 2 000 visits.
    pub const REGION: Size = Size { cooperatives: 5_000, projects: 10_000, visits: 2_000 };

    /// `factor` times a region.
    pub const fn regions(factor: u64) -> Size {
        Size { cooperatives: Size::REGION.cooperatives * factor, projects: Size::REGION.projects * factor, visits: Size::REGION.visits * factor }
    }

    /// The number of disbursements generated: two per project.
    pub const fn disbursements(&self) -> u64 {
        self.projects * 2
    }
}

const COMMUNES: [&str; 15] = ["TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK", "ASL", "GZN", "MNZ", "AQB", "AZN", "DCH", "SCH", "SLY", "HGH", "LAW", "HJN"];
const SECTORS: [&str; 6] = ["AGR-LAI", "AGR-API", "ART-BRO", "ALI", "SRV", "PAM"];
const STATES: [ObservedState; 3] = [ObservedState::Active, ObservedState::InDifficulty, ObservedState::Dormant];

/// SplitMix64 from the caller's seed: well-spread ids and variety, the same every time.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn id(&mut self) -> Id {
        Id::from_u128((u128::from(self.next()) << 64) | u128::from(self.next()))
    }
}

fn amount(dirhams: u64) -> Amount {
    Amount::from_centimes(dirhams * 100).expect("generated amounts are at most a few million dirhams")
}

fn day(days: i64) -> Date {
    Date::from_days_since_epoch(days as i32).expect("generated dates lie between 2013 and 2027")
}

/// A dataset of `size` records, deterministic from `seed`, every record created by a recorded
/// edit of one fictitious author on 9 July 2025.
pub fn generate(size: Size, seed: u64) -> Dataset {
    let mut sequence = Sequence(seed);
    let author = Author {
        at: Timestamp::from_millis(1_752_055_200_000).unwrap_or(Timestamp::EPOCH),
        user: "bench".into(),
        device: Id::from_u128(u128::from(seed) | 1 << 100),
        device_name: "bench".into(),
    };
    let context = EditContext::recorded(author);
    let mut dataset = Dataset::new(ReferenceData::builtin());
    let rulebooks: Vec<Id> = (0..7).map(|_| sequence.id()).collect();
    for (year, rulebook) in (2019u16..).zip(&rulebooks) {
        let rules = Rulebook::default_for_programme_3(&format!("طلب {year}"), &format!("Appel {year}"));
        let _ = dataset.apply(Edit::CreateRulebook { id: *rulebook, rulebook: rules }, &context);
    }
    let mut cooperatives = Vec::with_capacity(size.cooperatives as usize);
    for n in 0..size.cooperatives {
        let total = 7 + sequence.below(30) as u32;
        let id = sequence.id();
        let cooperative = Cooperative {
            name_ar: format!("تعاونية رقم {n} (وهمية)"),
            name_fr: format!("Coopérative n° {n} (fictive)"),
            legal_form: LegalForm::Cooperative,
            register_number: None,
            ice: None,
            created_on: Some(day(16_000 + sequence.below(1_000) as i64)),
            commune: COMMUNES[sequence.below(15) as usize].into(),
            milieu_override: None,
            sector: SECTORS[sequence.below(6) as usize].into(),
            members: Members { total, women: total / 2, youth: total / 3 },
            president_gender: if sequence.below(3) == 0 { Gender::Female } else { Gender::Male },
            status: CooperativeStatus::Active,
            contact: Contact { phone: None, email: None, address: format!("Adresse {n}") },
            notes: String::new(),
        };
        let _ = dataset.apply(Edit::CreateCooperative { id, cooperative }, &context);
        cooperatives.push(id);
    }
    if cooperatives.is_empty() {
        return dataset;
    }
    for n in 0..size.projects {
        let year = 2019 + sequence.below(7) as u16;
        let approved = 17_900 + i64::from(year - 2019) * 365 + sequence.below(150) as i64;
        let signed = approved + 30;
        let total = 80_000 + sequence.below(400) * 1_000;
        let indh = total * 6 / 10;
        let project = Project {
            title_ar: format!("مشروع {n} (وهمي)"),
            title_fr: format!("Projet {n} (fictif)"),
            // Every cooperative gets a project before any gets a second one.
            cooperative: cooperatives[(n % size.cooperatives) as usize],
            programme: "P3".into(),
            axis: "P3-ESS".into(),
            call: Call { year, rulebook: rulebooks[usize::from(year - 2019)] },
            total_cost: amount(total),
            contributions: vec![
                Contribution { funder: "INDH".into(), amount: amount(indh), kind: ContributionKind::Cash },
                Contribution { funder: "OWN".into(), amount: amount(total - indh), kind: ContributionKind::Cash },
            ],
            submitted_on: Some(day(approved - 40)),
            cpdh_approved_on: Some(day(approved)),
            convention_signed_on: Some(day(signed)),
            tranches: vec![
                Tranche { planned_on: day(signed + 10), funder: "INDH".into(), amount: amount(indh / 2) },
                Tranche { planned_on: day(signed + 180), funder: "INDH".into(), amount: amount(indh - indh / 2) },
            ],
            disbursements: vec![
                Disbursement { paid_on: day(signed + 10), funder: "INDH".into(), amount: amount(indh / 2) },
                Disbursement { paid_on: day(signed + 180), funder: "INDH".into(), amount: amount(indh - indh / 2) },
            ],
            jobs: Jobs { total: 5, women: 2, youth: 3 },
            status: ProjectStatus::Completed,
            notes: String::new(),
        };
        let id = sequence.id();
        let _ = dataset.apply(Edit::CreateProject { id, project }, &context);
    }
    for n in 0..size.visits {
        let on = 20_000 + sequence.below(300) as i64;
        let visit = Visit {
            cooperative: cooperatives[sequence.below(size.cooperatives) as usize],
            date: day(on),
            visitor: "Équipe de suivi (fictive)".into(),
            purpose: format!("Visite de suivi n° {n}"),
            state: STATES[sequence.below(3) as usize],
            observations: "Production en cours, registres tenus.".into(),
            needs: "Formation en comptabilité.".into(),
            next_steps: "Tenir la comptabilité à jour.".into(),
            next_visit_on: Some(day(on + 180)),
        };
        let id = sequence.id();
        let _ = dataset.apply(Edit::CreateVisit { id, visit }, &context);
    }
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document;
    use crate::finding::Level;

    const SMALL: Size = Size { cooperatives: 40, projects: 80, visits: 16 };

    #[test]
    fn the_same_size_and_seed_give_the_same_bytes() {
        assert_eq!(document::export(&generate(SMALL, 12)), document::export(&generate(SMALL, 12)));
    }

    #[test]
    fn another_seed_gives_other_ids() {
        assert_ne!(document::export(&generate(SMALL, 12)), document::export(&generate(SMALL, 13)));
    }

    #[test]
    fn every_record_asked_for_is_created() {
        let dataset = generate(SMALL, 5);
        assert_eq!(dataset.cooperatives().len() as u64, SMALL.cooperatives);
        assert_eq!(dataset.projects().len() as u64, SMALL.projects);
        assert_eq!(dataset.visits().live().count() as u64, SMALL.visits);
        let disbursements: usize = dataset.projects().all().iter().map(|p| p.data.disbursements.len()).sum();
        assert_eq!(disbursements as u64, SMALL.disbursements());
    }

    #[test]
    fn the_generated_data_has_no_blocking_finding_and_imports_back() {
        let dataset = generate(SMALL, 9);
        assert!(dataset.validate().iter().all(|finding| finding.level != Level::Block));
        let imported = document::import(&document::export(&dataset)).map(|imported| imported.dataset);
        assert_eq!(imported.map(|d| d.projects().len() as u64), Ok(SMALL.projects));
    }

    #[test]
    fn four_regions_hold_four_times_a_region_and_a_region_has_twenty_thousand_disbursements() {
        assert_eq!(Size::regions(4).cooperatives, 4 * Size::REGION.cooperatives);
        assert_eq!(Size::REGION.disbursements(), 20_000);
    }
}
