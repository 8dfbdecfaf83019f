//! Datasets for the tests: a fully populated one (every optional field set, a tombstone), and
//! random ones from a seed, built through `Dataset::apply` like real data.

use rust_decimal::Decimal;
use taawun_core::amount::Amount;
use taawun_core::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use taawun_core::dataset::{Dataset, Edit, EditContext};
use taawun_core::date::Date;
use taawun_core::ice::{Ice, IceCheck};
use taawun_core::id::Id;
use taawun_core::lang::Lang;
use taawun_core::meeting::{Attendee, Challenge, ChallengeTag, CheckIn, FollowUp, Meeting, Presentation, Testimonial, TimeOfDay};
use taawun_core::phone::Phone;
use taawun_core::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus, Tranche};
use taawun_core::record::{Author, RecordKind, RecordRef, Timestamp};
use taawun_core::reference::{Milieu, ReferenceData};
use taawun_core::register::RegisterNumber;
use taawun_core::rules::{Rulebook, Severity};
use taawun_core::story::Story;
use taawun_core::visit::{ObservedState, Visit};

pub fn recorded(millis: i64, device: u128) -> EditContext {
    EditContext::recorded(Author {
        at: Timestamp::from_millis(millis).unwrap(),
        user: format!("user {device}"),
        device: Id::from_u128(device),
        device_name: format!("device {device}"),
    })
}

pub fn dh(text: &str) -> Amount {
    Amount::from_decimal(text.parse::<Decimal>().unwrap()).unwrap()
}

/// The demo, plus a cooperative with every optional field set and a deleted project.
pub fn fully_populated() -> Dataset {
    let mut data = taawun_core::demo::dataset();
    let rulebook = data.rulebooks().all()[0].id;
    let cooperative = Cooperative {
        name_ar: "تعاونية كاملة (وهمية)".into(),
        name_fr: "Coopérative complète (fictive)".into(),
        legal_form: LegalForm::Union,
        register_number: Some(RegisterNumber::new("TPI-ASL", "7/2020").unwrap()),
        ice: Some(Ice::parse("001561191000066", IceCheck::Enforce).unwrap()),
        created_on: Some(Date::new(2020, 2, 3).unwrap()),
        commune: "DCH".into(),
        milieu_override: Some(MilieuOverride { milieu: Milieu::Urban, reason: "centre urbain".into() }),
        sector: "PAM".into(),
        members: Members { total: 3, women: 1, youth: 1 },
        president_gender: Gender::Female,
        status: CooperativeStatus::Active,
        contact: Contact { phone: Some(Phone::parse("0539123456").unwrap()), email: Some("x@example.org".into()), address: "Dar Chaoui".into() },
        notes: "toutes les rubriques".into(),
    };
    let coop_id = Id::from_u128(0xc0c0);
    data.apply(Edit::CreateCooperative { id: coop_id, cooperative }, &recorded(1_700_000_000_000, 5)).unwrap();
    let project = Project {
        title_ar: "مشروع محذوف".into(),
        title_fr: "Projet supprimé".into(),
        cooperative: coop_id,
        programme: "P3".into(),
        axis: "P3-ESS".into(),
        call: Call { year: 2021, rulebook },
        total_cost: dh("1000.00"),
        contributions: vec![Contribution { funder: "OWN".into(), amount: dh("1000.00"), kind: ContributionKind::InKind }],
        submitted_on: Some(Date::new(2021, 1, 1).unwrap()),
        cpdh_approved_on: Some(Date::new(2021, 2, 1).unwrap()),
        convention_signed_on: Some(Date::new(2021, 3, 1).unwrap()),
        tranches: vec![Tranche { planned_on: Date::new(2021, 3, 2).unwrap(), funder: "OWN".into(), amount: dh("1000.00") }],
        disbursements: vec![Disbursement { paid_on: Date::new(2021, 3, 3).unwrap(), funder: "OWN".into(), amount: dh("1000.00") }],
        jobs: Jobs { total: 1, women: 1, youth: 0 },
        status: ProjectStatus::Completed,
        notes: String::new(),
    };
    let project_id = Id::from_u128(0xdead);
    data.apply(Edit::CreateProject { id: project_id, project }, &recorded(1_700_000_000_001, 5)).unwrap();
    data.apply(Edit::Delete { target: RecordRef { kind: RecordKind::Project, id: project_id }, base_revision: 1 }, &recorded(1_700_000_000_002, 6)).unwrap();
    let funded = data.projects().live().next().unwrap().id;
    with_meeting(&mut data, coop_id, funded);
    data
}

/// Adds a meeting with every field set (a cooperative and a walk-in checked in), a visit to
/// `cooperative` and a success story of `project`, all with fixed ids and times.
pub fn with_meeting(data: &mut Dataset, cooperative: Id, project: Id) {
    let at = |minute: i64| Timestamp::from_millis(1_752_051_600_000 + minute * 60_000).unwrap();
    let mut meeting = Meeting::new("لقاء تواصلي (وهمي)", "Rencontre (fictive)", Date::new(2025, 7, 9).unwrap(), "Salle communale, Tanger");
    meeting.start_time = Some(TimeOfDay::new(10, 0).unwrap());
    meeting.organisers = vec!["INDH".into()];
    meeting.partners = vec!["ODCO".into(), "ADS".into()];
    meeting.agenda = vec![Presentation { title: "Le statut coopératif".into(), presenter: "ODCO".into() }];
    meeting.invite(&[cooperative]);
    meeting.attendance.check_in(CheckIn::new(Attendee::Cooperative(cooperative), 3, 2, at(5)).unwrap()).unwrap();
    meeting.attendance.check_in(CheckIn::new(Attendee::WalkIn("Invitée sans coopérative".into()), 1, 1, at(7)).unwrap()).unwrap();
    meeting.testimonials = vec![Testimonial { cooperative, lang: Lang::Fr, text: "Témoignage fictif".into() }];
    meeting.challenges = vec![Challenge { text: "Accès aux marchés".into(), tags: vec![ChallengeTag::Marketing, ChallengeTag::Financing] }];
    meeting.follow_ups =
        vec![FollowUp { text: "Organiser une formation".into(), owner: "DAS".into(), due_on: Some(Date::new(2025, 9, 30).unwrap()), done: false }];
    data.apply(Edit::CreateMeeting { id: Id::from_u128(0x3ee7), meeting }, &recorded(1_752_051_600_000, 7)).unwrap();
    let visit = Visit {
        cooperative,
        date: Date::new(2025, 7, 20).unwrap(),
        visitor: "Équipe DAS".into(),
        purpose: "Accompagnement".into(),
        state: ObservedState::InDifficulty,
        observations: "Local trop petit".into(),
        needs: "Un local plus grand".into(),
        next_steps: "Chercher un local".into(),
        next_visit_on: Some(Date::new(2025, 10, 20).unwrap()),
    };
    data.apply(Edit::CreateVisit { id: Id::from_u128(0x7151), visit }, &recorded(1_753_000_000_000, 7)).unwrap();
    let story = Story {
        project,
        story_ar: "قصة نجاح (وهمية)".into(),
        story_fr: "Une réussite (fictive)".into(),
        jobs: Some(4),
        turnover_before: Some(dh("20000.00")),
        turnover_after: Some(dh("65000.00")),
        photos: vec!["photo-1".into()],
    };
    data.apply(Edit::CreateStory { id: Id::from_u128(0x5703), story }, &recorded(1_753_000_000_001, 7)).unwrap();
}

/// SplitMix64, for random datasets that proptest drives through the seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn text(&mut self) -> String {
        let pieces = ["Al Amal", "النور", "« guillemets »", "a\"b", "line\nbreak", "", " ", "<b>x</b>", "é", "\u{200f}"];
        (0..self.below(3)).map(|_| *self.pick(&pieces)).collect::<Vec<_>>().join(" ")
    }

    fn amount(&mut self, max_centimes: u64) -> Amount {
        Amount::from_centimes(self.below(max_centimes + 1)).unwrap()
    }

    fn date(&mut self) -> Date {
        Date::from_days_since_epoch(17_000 + self.below(3_500) as i32).unwrap()
    }

    fn maybe_date(&mut self) -> Option<Date> {
        if self.chance(80) { Some(self.date()) } else { None }
    }
}

const COMMUNES: [&str; 17] =
    ["TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK", "ASL", "GZN", "MNZ", "AQB", "AZN", "DCH", "SCH", "SLY", "HGH", "LAW", "HJN", "TNG", "ASL"];
const SECTORS: [&str; 6] = ["AGR", "AGR-API", "ART-BRO", "ALI", "SRV", "XXX"];
const FUNDERS: [&str; 5] = ["INDH", "OWN", "ADS", "COMMUNE", "INDH"];

/// A random dataset: any status, any dates, some tombstones, several devices, contributions
/// that sum to the total cost (so INDH ≤ total), and now and then a project whose cooperative
/// or rulebook does not exist.
pub fn random(seed: u64, cooperatives: usize, projects: usize) -> Dataset {
    let mut rng = Rng::new(seed);
    let mut data = Dataset::new(ReferenceData::builtin());
    let mut clock = 1_600_000_000_000i64;
    let mut context = |rng: &mut Rng| {
        clock += 1 + rng.below(1_000_000) as i64;
        recorded(clock, 1 + u128::from(rng.below(3)))
    };
    let mut rulebooks = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let id = Id::from_u128(u128::from(rng.next()) << 64 | u128::from(rng.next()));
        let mut rules = Rulebook::default_for_programme_3("ق", "R");
        if rng.chance(30) {
            rules.max_indh_share.severity = Severity::Block;
        }
        data.apply(Edit::CreateRulebook { id, rulebook: rules }, &context(&mut rng)).unwrap();
        rulebooks.push(id);
    }
    let mut coop_ids = Vec::new();
    for _ in 0..cooperatives {
        let id = Id::from_u128(u128::from(rng.next()) << 64 | u128::from(rng.next()));
        let total = rng.below(40) as u32;
        let cooperative = Cooperative {
            name_ar: rng.text(),
            name_fr: rng.text(),
            legal_form: if rng.chance(20) { LegalForm::Union } else { LegalForm::Cooperative },
            register_number: if rng.chance(50) { Some(RegisterNumber::new("TPI-TNG", &rng.below(999).to_string()).unwrap()) } else { None },
            ice: if rng.chance(30) { Some(Ice::parse(&format!("{:015}", rng.below(999_999_999_999_999)), IceCheck::Off).unwrap()) } else { None },
            created_on: rng.maybe_date(),
            commune: (*rng.pick(&COMMUNES)).to_owned(),
            milieu_override: if rng.chance(15) {
                Some(MilieuOverride { milieu: if rng.chance(50) { Milieu::Rural } else { Milieu::Urban }, reason: rng.text() })
            } else {
                None
            },
            sector: (*rng.pick(&SECTORS)).to_owned(),
            members: Members { total, women: rng.below(u64::from(total) + 2) as u32, youth: rng.below(u64::from(total) + 1) as u32 },
            president_gender: if rng.chance(40) { Gender::Female } else { Gender::Male },
            status: *rng.pick(&CooperativeStatus::ALL),
            contact: Contact { phone: None, email: if rng.chance(20) { Some(rng.text()) } else { None }, address: rng.text() },
            notes: rng.text(),
        };
        data.apply(Edit::CreateCooperative { id, cooperative }, &context(&mut rng)).unwrap();
        coop_ids.push(id);
    }
    let mut project_ids = Vec::new();
    for _ in 0..projects {
        let id = Id::from_u128(u128::from(rng.next()) << 64 | u128::from(rng.next()));
        let cooperative = if coop_ids.is_empty() || rng.chance(5) { Id::from_u128(0x404) } else { *rng.pick(&coop_ids) };
        let rulebook = if rng.chance(5) { Id::from_u128(0x405) } else { *rng.pick(&rulebooks) };
        let mut contributions = Vec::new();
        for _ in 0..rng.below(4) {
            let funder = (*rng.pick(&FUNDERS)).to_owned();
            let kind = if rng.chance(20) { ContributionKind::InKind } else { ContributionKind::Cash };
            contributions.push(Contribution { funder, amount: rng.amount(30_000_000), kind });
        }
        let total_cost = contributions.iter().try_fold(Amount::ZERO, |sum, c| sum.checked_add(c.amount)).unwrap();
        let disbursements =
            (0..rng.below(3)).map(|_| Disbursement { paid_on: rng.date(), funder: (*rng.pick(&FUNDERS)).to_owned(), amount: rng.amount(10_000_000) }).collect();
        let tranches =
            (0..rng.below(3)).map(|_| Tranche { planned_on: rng.date(), funder: (*rng.pick(&FUNDERS)).to_owned(), amount: rng.amount(10_000_000) }).collect();
        let jobs_total = rng.below(20) as u32;
        let project = Project {
            title_ar: rng.text(),
            title_fr: rng.text(),
            cooperative,
            programme: (*rng.pick(&["P3", "P3", "P1"])).to_owned(),
            axis: (*rng.pick(&["P3-ESS", "P3-ENT", "P3-ESS"])).to_owned(),
            call: Call { year: 2017 + rng.below(10) as u16, rulebook },
            total_cost,
            contributions,
            submitted_on: rng.maybe_date(),
            cpdh_approved_on: rng.maybe_date(),
            convention_signed_on: rng.maybe_date(),
            tranches,
            disbursements,
            jobs: Jobs { total: jobs_total, women: rng.below(u64::from(jobs_total) + 1) as u32, youth: rng.below(u64::from(jobs_total) + 1) as u32 },
            status: *rng.pick(&ProjectStatus::ALL),
            notes: rng.text(),
        };
        data.apply(Edit::CreateProject { id, project }, &context(&mut rng)).unwrap();
        project_ids.push(id);
    }
    // Some deletions and updates, from several devices.
    for id in project_ids.iter().copied() {
        if rng.chance(10) {
            let target = RecordRef { kind: RecordKind::Project, id };
            let revision = data.projects().get(id).unwrap().meta.revision;
            data.apply(Edit::Delete { target, base_revision: revision }, &context(&mut rng)).unwrap();
        }
    }
    for id in coop_ids.iter().copied() {
        if rng.chance(10) {
            let target = RecordRef { kind: RecordKind::Cooperative, id };
            data.apply(Edit::Delete { target, base_revision: 1 }, &context(&mut rng)).unwrap();
        } else if rng.chance(20) {
            let mut changed = data.cooperatives().get(id).unwrap().data.clone();
            changed.notes.push_str(" (modifié)");
            data.apply(Edit::UpdateCooperative { id, base_revision: 1, cooperative: changed }, &context(&mut rng)).unwrap();
        }
    }
    // A meeting now and then, checked in on several devices, some cooperatives gone since.
    for _ in 0..rng.below(3) {
        let id = Id::from_u128(u128::from(rng.next()) << 64 | u128::from(rng.next()));
        let mut meeting = Meeting::new(rng.text(), rng.text(), rng.date(), rng.text());
        for cooperative in coop_ids.iter().copied() {
            if rng.chance(50) {
                meeting.invite(&[cooperative]);
            }
            if rng.chance(40) {
                let people = 1 + rng.below(5) as u32;
                let at = Timestamp::from_millis(1_700_000_000_000 + rng.below(1_000_000_000) as i64).unwrap();
                meeting.attendance.correct(CheckIn::new(Attendee::Cooperative(cooperative), people, rng.below(u64::from(people) + 1) as u32, at).unwrap());
            }
        }
        if rng.chance(50) {
            let at = Timestamp::from_millis(1_700_000_000_000).unwrap();
            meeting.attendance.correct(CheckIn::new(Attendee::WalkIn(format!("walk-in {}", rng.below(9))), 1, 0, at).unwrap());
        }
        data.apply(Edit::CreateMeeting { id, meeting }, &context(&mut rng)).unwrap();
    }
    data
}

/// A tiny photo (a PNG's first bytes, enough for the format) under a fixed id.
pub fn photo() -> taawun_core::story::photo::Photo {
    taawun_core::story::photo::Photo::new(Id::from_u128(0x9407_0001), "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==".into()).unwrap()
}
