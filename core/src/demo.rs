//! Demo data: a fictitious, deterministic dataset that reproduces the figures of the July 2025
//! report exactly (85 cooperatives, 33 rural and 52 urban, 20 860 000,00 DH of support of which
//! 13 170 000,00 DH from the INDH, 63,1 %), built through [`Dataset::apply`] like real data.
//!
//! It also holds the International Day of Cooperatives meeting of Wednesday 9 July 2025 (60 of the
//! 85 cooperatives checked in, with two walk-ins), a few follow-up visits and three success
//! stories; none of them touches the figures.
//!
//! Every name is invented and marked "(fictive)" / "(وهمية)". The variety comes from a fixed
//! pseudo-random sequence (SplitMix64 from a constant seed), so every build makes the same bytes.

use crate::amount::Amount;
use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use crate::dataset::{Dataset, Edit, EditContext};
use crate::date::Date;
use crate::document;
use crate::ice::{Ice, IceCheck};
use crate::id::Id;
use crate::lang::Lang;
use crate::meeting::{Attendee, Challenge, ChallengeTag, CheckIn, FollowUp, Meeting, Presentation, Testimonial, TimeOfDay};
use crate::phone::Phone;
use crate::project::{Call, Contribution, ContributionKind, Disbursement, Jobs, Project, ProjectStatus, Tranche};
use crate::record::{Author, Timestamp};
use crate::reference::{Milieu, ReferenceData};
use crate::register::RegisterNumber;
use crate::rules::Rulebook;
use crate::story::Story;
use crate::visit::{ObservedState, Visit};

pub mod scale;

/// Total support of the demo's funded projects, in hundreds of dirhams (20 860 000,00 DH).
const TOTAL_HUNDREDS: u64 = 208_600;
/// INDH contribution of the demo's funded projects, in hundreds of dirhams (13 170 000,00 DH).
const INDH_HUNDREDS: u64 = 131_700;
/// INDH ceiling per cooperative project, in hundreds of dirhams.
const CEILING_HUNDREDS: u64 = 3_000;

/// SplitMix64: a tiny, well-mixed sequence; the same seed always gives the same numbers.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn id(&mut self) -> Id {
        Id::from_u128((u128::from(self.next()) << 64) | u128::from(self.next()))
    }
}

const RURAL_COMMUNES: [&str; 9] = ["MNZ", "AQB", "AZN", "DCH", "SCH", "SLY", "HGH", "LAW", "HJN"];
const URBAN_COMMUNES: [&str; 6] = ["TNG-MED", "TNG-CHM", "TNG-CHS", "TNG-BMK", "ASL", "GZN"];

/// Sector code, French and Arabic activity, project title in French and Arabic.
type Activity = (&'static str, &'static str, &'static str, &'static str, &'static str);

const RURAL_ACTIVITIES: [Activity; 8] = [
    ("AGR-LAI", "laitière", "للحليب", "Unité de collecte et de transformation du lait", "وحدة لجمع وتثمين الحليب"),
    ("AGR-ELE", "d'élevage caprin", "لتربية الماعز", "Fromagerie de chèvre", "وحدة لصناعة جبن الماعز"),
    ("AGR-API", "apicole", "لتربية النحل", "Extension du rucher et miellerie", "توسيع المنحل ووحدة استخلاص العسل"),
    ("AGR-MAR", "maraîchère", "للخضر", "Serre et irrigation au goutte-à-goutte", "بيت بلاستيكي وسقي بالتنقيط"),
    ("ALI", "d'huile d'olive", "لزيت الزيتون", "Unité de trituration d'olives", "وحدة لعصر الزيتون"),
    ("PAM", "de plantes aromatiques", "للنباتات العطرية", "Séchoir et conditionnement de plantes aromatiques", "مجفف وتلفيف النباتات العطرية"),
    ("ALI", "de figues séchées", "للتين المجفف", "Séchage et emballage de figues", "تجفيف وتلفيف التين"),
    ("TOU", "de tourisme rural", "للسياحة القروية", "Gîte rural et circuits de découverte", "مأوى قروي ومسارات سياحية"),
];

const URBAN_ACTIVITIES: [Activity; 8] = [
    ("ART-BRO", "de broderie", "للطرز", "Atelier de broderie et de couture", "ورشة للطرز والخياطة"),
    ("ART-TEX", "de tissage", "للنسيج", "Métiers à tisser et atelier de finition", "أنوال نسيج وورشة للتشطيب"),
    ("ALI", "de pâtisserie traditionnelle", "للحلويات التقليدية", "Laboratoire de pâtisserie traditionnelle", "مختبر للحلويات التقليدية"),
    ("SRV", "de services", "للخدمات", "Centre de services de proximité", "مركز لخدمات القرب"),
    ("ART-BOI", "de menuiserie", "للنجارة", "Atelier de menuiserie et de marqueterie", "ورشة للنجارة والترصيع"),
    ("ALI", "de traiteur", "للطبخ", "Cuisine collective et service traiteur", "مطبخ جماعي وخدمة الممون"),
    ("SRV", "d'impression numérique", "للطباعة الرقمية", "Atelier d'impression numérique", "ورشة للطباعة الرقمية"),
    ("PEC", "de pêche artisanale", "للصيد التقليدي", "Équipement de barques et chambre froide", "تجهيز قوارب وغرفة تبريد"),
];

/// Invented cooperative names (French transliteration, Arabic).
const NAMES: [(&str, &str); 24] = [
    ("Al Amal", "الأمل"),
    ("Annour", "النور"),
    ("Al Baraka", "البركة"),
    ("Al Wafae", "الوفاء"),
    ("Attadamoun", "التضامن"),
    ("Al Khair", "الخير"),
    ("Assalam", "السلام"),
    ("Al Fajr", "الفجر"),
    ("Al Mostakbal", "المستقبل"),
    ("Al Ikhlas", "الإخلاص"),
    ("Annahda", "النهضة"),
    ("Al Yasmine", "الياسمين"),
    ("Azzaytoun", "الزيتون"),
    ("Al Wahda", "الوحدة"),
    ("Attaawun", "التعاون"),
    ("Al Inbiat", "الانبعاث"),
    ("Al Irada", "الإرادة"),
    ("Nour Al Bahr", "نور البحر"),
    ("Al Hilal", "الهلال"),
    ("Al Atlas", "الأطلس"),
    ("Al Majd", "المجد"),
    ("Ajyal", "أجيال"),
    ("Al Moubadara", "المبادرة"),
    ("Rihane", "ريحان"),
];

/// The device and user the demo records are stamped with.
const DEMO_DEVICE: Id = Id::from_u128(0xdeb0_0000_0000_0000_0000_0000_0000_0001);
const DEMO_USER: &str = "démo";
const DEMO_DEVICE_NAME: &str = "démo / عرض";

/// The date `days` after 1970-01-01.
///
/// Demo dates are fixed, between 2008 and 2026, well inside [`Date`]'s range, and every test
/// builds the demo, so this cannot fail at run time.
fn day(days: i32) -> Date {
    Date::from_days_since_epoch(days).expect("demo dates lie between 2008 and 2026")
}

/// The date `day_of_year` days after the first of January of `year`.
fn date(year: u16, day_of_year: u64) -> Date {
    let first = Date::new(year, 1, 1).expect("demo years lie between 2008 and 2026");
    day(first.days_since_epoch() + day_of_year as i32)
}

/// `date` moved by `days` days.
fn shift(date: Date, days: u64) -> Date {
    day(date.days_since_epoch() + days as i32)
}

fn back(date: Date, days: u64) -> Date {
    day(date.days_since_epoch() - days as i32)
}

fn hundreds(value: u64) -> Amount {
    Amount::from_centimes(value * 10_000).unwrap_or(Amount::ZERO)
}

/// Demo records are recorded data, stamped at 09:00 UTC on the day they describe.
fn author(on: Date) -> EditContext {
    let millis = i64::from(on.days_since_epoch()) * 86_400_000 + 9 * 3_600_000;
    let at = Timestamp::from_millis(millis).unwrap_or(Timestamp::EPOCH);
    EditContext::recorded(Author { at, user: DEMO_USER.to_owned(), device: DEMO_DEVICE, device_name: DEMO_DEVICE_NAME.to_owned() })
}

/// A valid 15-digit ICE (mod 97) from 13 digits of the sequence.
fn ice(sequence: &mut Sequence) -> Option<Ice> {
    let base = sequence.between(1_000_000_000, 9_999_999_999_999);
    let control = (97 - (base * 100) % 97) % 97;
    Ice::parse(&format!("{:015}", base * 100 + control), IceCheck::Enforce).ok()
}

/// Splits `total` into parts proportional to `weights`, each within `bounds(i)`, summing exactly
/// to `total` (the largest remainders take the last units).
fn apportion(total: u64, weights: &[u64], bounds: impl Fn(usize) -> (u64, u64)) -> Vec<u64> {
    let weight_sum: u64 = weights.iter().sum::<u64>().max(1);
    let mut parts: Vec<u64> = weights.iter().enumerate().map(|(i, w)| (total * w / weight_sum).clamp(bounds(i).0, bounds(i).1)).collect();
    // Move one unit at a time towards the target, cycling through the parts with room.
    let mut index = 0;
    let mut guard = 0u64;
    loop {
        let sum: u64 = parts.iter().sum();
        if sum == total || guard > 10_000_000 {
            break;
        }
        let (low, high) = bounds(index);
        if sum < total && parts[index] < high {
            parts[index] += 1;
        } else if sum > total && parts[index] > low {
            parts[index] -= 1;
        }
        index = (index + 1) % parts.len();
        guard += 1;
    }
    parts
}

struct PlannedProject {
    cooperative: usize,
    year: u16,
    status: ProjectStatus,
}

/// The demo dataset.
///
/// ```
/// use taawun_core::{demo, stats};
/// let figures = stats::compute(&demo::dataset(), &stats::Filter::default());
/// assert_eq!(figures.total_support.to_canonical(), "20860000.00");
/// assert_eq!(figures.indh_contribution.to_canonical(), "13170000.00");
/// ```
pub fn dataset() -> Dataset {
    let mut sequence = Sequence(0x7461_6177_756e_2025);
    let mut dataset = Dataset::new(ReferenceData::builtin());

    // One rulebook per call, with the defaults most calls publish.
    let mut rulebooks = Vec::new();
    for year in 2019..=2025u16 {
        let id = sequence.id();
        let rules = Rulebook::default_for_programme_3(&format!("طلب اقتراح مشاريع الاقتصاد الاجتماعي {year}"), &format!("Appel à projets ESS {year}"));
        // Demo edits are recorded data: they never fail for findings, and ids come from a fresh
        // sequence, so they cannot collide.
        let _ = dataset.apply(Edit::CreateRulebook { id, rulebook: rules }, &author(date(year, 10)));
        rulebooks.push((year, id));
    }

    // 85 cooperatives: 33 rural (one of them in the urban centre of a rural commune counts as
    // urban, so 34 sit in rural communes) and 52 urban.
    let mut cooperative_ids = Vec::new();
    let mut used_names = std::collections::BTreeSet::new();
    for k in 0..85usize {
        let in_rural_commune = k < 34;
        let commune = if in_rural_commune { RURAL_COMMUNES[k % 9] } else { URBAN_COMMUNES[(k - 34) % 6] };
        let milieu_override = (k == 33)
            .then(|| MilieuOverride {
                milieu: Milieu::Urban, reason: "centre urbain de la commune (fictif) / مركز حضري بالجماعة (وهمي)".to_owned()
            });
        let activity = if in_rural_commune { *sequence.pick(&RURAL_ACTIVITIES) } else { *sequence.pick(&URBAN_ACTIVITIES) };
        let (mut name_fr, mut name_ar) = (String::new(), String::new());
        for attempt in 0.. {
            let (word_fr, word_ar) = NAMES[(k * 7 + attempt) % NAMES.len()];
            name_fr = format!("Coopérative {word_fr} {} (fictive)", activity.1);
            name_ar = format!("تعاونية {word_ar} {} (وهمية)", activity.2);
            if used_names.insert(name_fr.clone()) {
                break;
            }
        }
        // About a third of the cooperatives are women-led: a woman presides, or women are the majority.
        let women_led = (k * 7) % 17 < 6;
        let total = sequence.between(7, 35) as u32;
        let women = if women_led { sequence.between(u64::from(total / 2 + 1), u64::from(total)) } else { sequence.between(1, u64::from(total / 2)) } as u32;
        let youth = sequence.between(u64::from(total / 3), u64::from(total * 2 / 3)) as u32;
        let president_gender = if women_led && sequence.between(0, 3) > 0 { Gender::Female } else { Gender::Male };
        let created_year = sequence.between(2008, 2018) as u16;
        let created_on = date(created_year, sequence.between(0, 360));
        let court = if commune == "ASL" || commune == "HGH" || commune == "SCH" { "TPI-ASL" } else { "TPI-TNG" };
        let cooperative = Cooperative {
            name_ar,
            name_fr,
            legal_form: if k % 29 == 5 { LegalForm::Union } else { LegalForm::Cooperative },
            // Unique per court and number (domain rule 24): the index spreads them, the draw varies them.
            register_number: RegisterNumber::new(court, &format!("{}/{created_year}", 10 + 5 * k as u64 + sequence.between(0, 4))).ok(),
            ice: if k % 3 == 0 { None } else { ice(&mut sequence) },
            created_on: Some(created_on),
            commune: commune.to_owned(),
            milieu_override,
            sector: activity.0.to_owned(),
            members: Members { total, women, youth },
            president_gender,
            status: CooperativeStatus::Active,
            contact: Contact {
                phone: Phone::parse(&format!("06{:08}", sequence.between(10_000_000, 99_999_999))).ok(),
                email: None,
                address: format!("Adresse fictive n° {}, {commune}", k + 1),
            },
            notes: String::new(),
        };
        let id = sequence.id();
        let _ = dataset.apply(Edit::CreateCooperative { id, cooperative }, &author(created_on));
        cooperative_ids.push((id, activity));
    }

    // 95 funded projects: one per cooperative, and a second one for ten of them; then a few
    // projects that were not funded (submitted, rejected, cancelled).
    let mut planned: Vec<PlannedProject> = Vec::new();
    let years = [2019u16, 2020, 2021, 2022, 2023, 2024, 2025];
    for k in 0..85 {
        let year = years[(k * 5 + k / 7) % 7];
        planned.push(PlannedProject { cooperative: k, year, status: ProjectStatus::Approved });
    }
    for k in (3..85).step_by(8).take(10) {
        let year = (planned[k].year + 2).min(2025);
        planned.push(PlannedProject { cooperative: k, year, status: ProjectStatus::Approved });
    }
    for (i, project) in planned.iter_mut().enumerate() {
        project.status = match project.year {
            2019..=2021 => ProjectStatus::Completed,
            2022 | 2023 => {
                if i % 3 == 0 {
                    ProjectStatus::InProgress
                } else {
                    ProjectStatus::Completed
                }
            }
            2024 => {
                if i % 4 == 0 {
                    ProjectStatus::ConventionSigned
                } else {
                    ProjectStatus::InProgress
                }
            }
            _ => match i % 3 {
                0 => ProjectStatus::Approved,
                1 => ProjectStatus::ConventionSigned,
                _ => ProjectStatus::InProgress,
            },
        };
    }

    let weights: Vec<u64> = planned.iter().map(|_| sequence.between(800, 4_600)).collect();
    let totals = apportion(TOTAL_HUNDREDS, &weights, |_| (800, 5_000));
    let share_weights: Vec<u64> = totals.iter().map(|t| t * sequence.between(52, 80) / 100).collect();
    let indh = apportion(INDH_HUNDREDS, &share_weights, |i| (totals[i] * 45 / 100, (totals[i] * 90 / 100).min(CEILING_HUNDREDS)));

    let partners = ["ADS", "COMMUNE", "ODCO", "CR"];
    for (i, plan) in planned.iter().enumerate() {
        let (cooperative, activity) = cooperative_ids[plan.cooperative];
        let (total, indh) = (totals[i], indh[i]);
        let rest = total - indh;
        let own = if i % 3 == 0 { rest } else { rest * sequence.between(55, 95) / 100 };
        let partner = rest - own;
        let in_kind = own * sequence.between(0, 45) / 100;
        let mut contributions = vec![Contribution { funder: "INDH".into(), amount: hundreds(indh), kind: ContributionKind::Cash }];
        contributions.push(Contribution { funder: "OWN".into(), amount: hundreds(own - in_kind), kind: ContributionKind::Cash });
        if in_kind > 0 {
            contributions.push(Contribution { funder: "OWN".into(), amount: hundreds(in_kind), kind: ContributionKind::InKind });
        }
        if partner > 0 {
            contributions.push(Contribution { funder: (*sequence.pick(&partners)).into(), amount: hundreds(partner), kind: ContributionKind::Cash });
        }
        // Approvals fall in the first half of the year, so 2025 projects predate the July report.
        let approved = date(plan.year, sequence.between(20, 170));
        let submitted = date(plan.year, 0).max(back(approved, sequence.between(30, 90)));
        let signed = shift(approved, sequence.between(20, 60));
        let has_convention = plan.status.needs_convention_date();
        let first_half = indh / 2;
        let tranches = if has_convention {
            let second = shift(signed, 180);
            let first = shift(signed, 15);
            vec![
                Tranche { planned_on: first, funder: "INDH".into(), amount: hundreds(first_half) },
                Tranche { planned_on: second, funder: "INDH".into(), amount: hundreds(indh - first_half) },
            ]
        } else {
            Vec::new()
        };
        let disbursements: Vec<Disbursement> = match plan.status {
            ProjectStatus::Completed => tranches.iter().map(|t| Disbursement { paid_on: t.planned_on, funder: t.funder.clone(), amount: t.amount }).collect(),
            ProjectStatus::InProgress => {
                tranches.iter().take(1).map(|t| Disbursement { paid_on: t.planned_on, funder: t.funder.clone(), amount: t.amount }).collect()
            }
            _ => Vec::new(),
        };
        let jobs_total = sequence.between(2, 12) as u32;
        let project = Project {
            title_ar: format!("{} (وهمي)", activity.4),
            title_fr: format!("{} (fictif)", activity.3),
            cooperative,
            programme: "P3".into(),
            axis: "P3-ESS".into(),
            call: Call { year: plan.year, rulebook: rulebooks[usize::from(plan.year - 2019)].1 },
            total_cost: hundreds(total),
            contributions,
            submitted_on: Some(submitted),
            cpdh_approved_on: Some(approved),
            convention_signed_on: has_convention.then_some(signed),
            tranches,
            disbursements,
            jobs: Jobs {
                total: jobs_total,
                women: sequence.between(0, u64::from(jobs_total)) as u32,
                youth: sequence.between(u64::from(jobs_total / 2), u64::from(jobs_total)) as u32,
            },
            status: plan.status,
            notes: String::new(),
        };
        let _ = dataset.apply(Edit::CreateProject { id: sequence.id(), project }, &author(approved));
    }

    // Projects that were not funded do not count in the figures but show the other statuses.
    let unfunded = [
        (2025u16, ProjectStatus::Submitted),
        (2025, ProjectStatus::Submitted),
        (2023, ProjectStatus::Rejected),
        (2021, ProjectStatus::Rejected),
        (2024, ProjectStatus::Cancelled),
    ];
    for (n, (year, status)) in unfunded.into_iter().enumerate() {
        let (cooperative, activity) = cooperative_ids[(n * 17 + 4) % 85];
        let total = sequence.between(900, 2_500);
        let indh = total * 60 / 100;
        let submitted = date(year, sequence.between(10, 120));
        let project = Project {
            title_ar: format!("{} (وهمي)", activity.4),
            title_fr: format!("{} (fictif)", activity.3),
            cooperative,
            programme: "P3".into(),
            axis: "P3-ESS".into(),
            call: Call { year, rulebook: rulebooks[usize::from(year - 2019)].1 },
            total_cost: hundreds(total),
            contributions: vec![
                Contribution { funder: "INDH".into(), amount: hundreds(indh), kind: ContributionKind::Cash },
                Contribution { funder: "OWN".into(), amount: hundreds(total - indh), kind: ContributionKind::Cash },
            ],
            submitted_on: Some(submitted),
            cpdh_approved_on: None,
            convention_signed_on: None,
            tranches: Vec::new(),
            disbursements: Vec::new(),
            jobs: Jobs::default(),
            status,
            notes: String::new(),
        };
        let _ = dataset.apply(Edit::CreateProject { id: sequence.id(), project }, &author(submitted));
    }
    let cooperatives: Vec<Id> = cooperative_ids.iter().map(|(id, _)| *id).collect();
    meeting_visits_and_stories(&mut dataset, &cooperatives);
    dataset
}

/// How many of the 85 demo cooperatives check in at the July 2025 meeting.
pub const MEETING_PRESENT: usize = 60;

/// The International Day of Cooperatives meeting, visits and success stories, from a sequence of
/// their own so that the cooperatives and projects above keep their ids.
fn meeting_visits_and_stories(dataset: &mut Dataset, cooperatives: &[Id]) {
    let mut sequence = Sequence(0x6d65_6574_696e_6725);
    let Ok(day) = Date::new(2025, 7, 9) else { return };
    let mut meeting = Meeting::new(
        "اللقاء التواصلي بمناسبة اليوم العالمي للتعاونيات",
        "Rencontre à l'occasion de la Journée internationale des coopératives",
        day,
        "Dar Chabab Hasnouna, Tanger",
    );
    meeting.start_time = TimeOfDay::new(10, 0);
    meeting.organisers = vec!["INDH".into()];
    meeting.partners = vec!["ODCO".into(), "ADS".into(), "DRJ".into()];
    meeting.agenda = vec![
        Presentation { title: "Le cadre juridique des coopératives (loi 112-12) — délégation régionale de l'ODCo".into(), presenter: "ODCO".into() },
        Presentation { title: "مواكبة التعاونيات وتسويق منتوجاتها".into(), presenter: "ADS".into() },
        Presentation { title: "Les jeunes et l'entrepreneuriat coopératif".into(), presenter: "DRJ".into() },
    ];
    meeting.invite(cooperatives);
    // 37 and 85 are coprime, so k ↦ 37k mod 85 runs through every number below 85 once: exactly
    // MEETING_PRESENT cooperatives fall below the threshold, spread over the list.
    let arrival = |minutes: u64| Timestamp::from_millis(i64::from(day.days_since_epoch()) * 86_400_000 + 8 * 3_600_000 + 30 * 60_000 + minutes as i64 * 60_000);
    for (k, id) in cooperatives.iter().enumerate() {
        if (k * 37) % 85 >= MEETING_PRESENT {
            continue;
        }
        let people = sequence.between(1, 3) as u32;
        let women = sequence.between(0, u64::from(people)) as u32;
        let at = arrival(sequence.between(0, 75)).unwrap_or(Timestamp::EPOCH);
        if let Ok(check_in) = CheckIn::new(Attendee::Cooperative(*id), people, women, at) {
            meeting.attendance.correct(check_in);
        }
    }
    for (name, people, women) in [("Association de quartier (fictive)", 2, 1), ("طالبة باحثة (وهمية)", 1, 1)] {
        let at = arrival(sequence.between(20, 60)).unwrap_or(Timestamp::EPOCH);
        if let Ok(check_in) = CheckIn::new(Attendee::WalkIn(name.into()), people, women, at) {
            meeting.attendance.correct(check_in);
        }
    }
    let present: Vec<Id> = cooperatives.iter().copied().filter(|id| meeting.attendance.is_present(*id)).collect();
    let speaker = |n: usize| present.get(n * 7 % present.len().max(1)).copied().unwrap_or(Id::from_u128(0));
    meeting.testimonials = vec![
        Testimonial {
            cooperative: speaker(0), lang: Lang::Ar, text: "بفضل الدعم اقتنينا آلة تعبئة وضاعفنا إنتاجنا (شهادة وهمية)".into()
        },
        Testimonial { cooperative: speaker(1), lang: Lang::Fr, text: "La formation en gestion nous a appris à tenir nos comptes (témoignage fictif)".into() },
        Testimonial { cooperative: speaker(2), lang: Lang::Fr, text: "Nous vendons désormais dans deux salons régionaux (témoignage fictif)".into() },
    ];
    meeting.challenges = vec![
        Challenge { text: "Difficulté à trouver des débouchés hors de Tanger (fictif)".into(), tags: vec![ChallengeTag::Marketing] },
        Challenge { text: "Délais de versement des tranches (fictif)".into(), tags: vec![ChallengeTag::Financing] },
        Challenge {
            text: "صعوبة الحصول على ترخيص المكتب الوطني للسلامة الصحية (وهمي)".into(), tags: vec![ChallengeTag::Legal, ChallengeTag::Marketing]
        },
        Challenge { text: "Besoin de formation en comptabilité et en numérique (fictif)".into(), tags: vec![ChallengeTag::Training] },
    ];
    meeting.follow_ups = vec![
        FollowUp {
            text: "Organiser une session de formation en comptabilité".into(),
            owner: "ODCo, délégation régionale".into(),
            due_on: Date::new(2025, 10, 15).ok(),
            done: false,
        },
        FollowUp {
            text: "Réunir les coopératives intéressées par un salon régional".into(),
            owner: "DAS, préfecture".into(),
            due_on: Date::new(2025, 9, 30).ok(),
            done: false,
        },
    ];
    let _ = dataset.apply(Edit::CreateMeeting { id: sequence.id(), meeting }, &author(day));

    // Visits after the meeting to some of the cooperatives that raised difficulties, and to some
    // that did not come.
    let absent: Vec<Id> = cooperatives.iter().copied().filter(|id| !present.contains(id)).collect();
    let visits = [
        (speaker(0), (2025, 7, 22), ObservedState::Active, Some((2025, 10, 22))),
        (speaker(1), (2025, 7, 24), ObservedState::InDifficulty, Some((2025, 9, 1))),
        (absent.first().copied().unwrap_or(speaker(3)), (2025, 8, 5), ObservedState::Dormant, Some((2025, 9, 15))),
        (absent.get(1).copied().unwrap_or(speaker(4)), (2025, 9, 10), ObservedState::InDifficulty, None),
    ];
    for (cooperative, (y, m, d), state, next) in visits {
        let on = Date::new(y, m, d).unwrap_or(day);
        let visit = Visit {
            cooperative,
            date: on,
            visitor: "Équipe de la DAS (fictive)".into(),
            purpose: "Accompagnement après la rencontre du 9 juillet".into(),
            state,
            observations: match state {
                ObservedState::Active => "Production régulière, local en bon état (fictif)".into(),
                ObservedState::InDifficulty => "Stock invendu, trésorerie tendue (fictif)".into(),
                ObservedState::Dormant => "Activité arrêtée depuis le printemps (fictif)".into(),
            },
            needs: match state {
                ObservedState::Active => "Débouchés pour la production (fictif)".into(),
                ObservedState::InDifficulty | ObservedState::Dormant => "Fonds de roulement, formation en gestion (fictif)".into(),
            },
            next_steps: "Participer aux formations proposées par l'ODCo (fictif)".into(),
            next_visit_on: next.and_then(|(y, m, d)| Date::new(y, m, d).ok()),
        };
        let _ = dataset.apply(Edit::CreateVisit { id: sequence.id(), visit }, &author(on));
    }

    // Three completed projects held up as models.
    let models: Vec<(Id, u32)> =
        dataset.projects().live().filter(|p| p.data.status == ProjectStatus::Completed).take(3).map(|p| (p.id, p.data.jobs.total)).collect();
    let stories = [
        (
            "بفضل المشروع أصبحت التعاونية تشغل نساء الدوار طيلة السنة (قصة وهمية)",
            "Grâce au projet, la coopérative emploie les femmes du douar toute l'année (récit fictif)",
            120_000,
            310_000,
        ),
        ("", "Une nouvelle unité de conditionnement a ouvert les portes des grandes surfaces (récit fictif)", 80_000, 195_000),
        ("انتقلت التعاونية من البيع في السوق الأسبوعي إلى التصدير (قصة وهمية)", "", 150_000, 420_000),
    ];
    for ((project, jobs), (ar, fr, before, after)) in models.into_iter().zip(stories) {
        let story = Story {
            project,
            story_ar: ar.into(),
            story_fr: fr.into(),
            jobs: Some(jobs),
            turnover_before: Amount::from_centimes(before * 100),
            turnover_after: Amount::from_centimes(after * 100),
            photos: Vec::new(),
        };
        let _ = dataset.apply(Edit::CreateStory { id: sequence.id(), story }, &author(day));
    }
}

/// The demo dataset as an exported document (the bytes the app offers as a sample file).
pub fn document() -> Vec<u8> {
    document::export(&dataset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Level;
    use crate::stats::{self, Filter};
    use crate::text::Localised;

    #[test]
    fn the_demo_reproduces_the_headline_of_the_july_2025_report() {
        let figures = stats::compute(&dataset(), &Filter::default());
        assert_eq!((figures.cooperatives_funded, figures.rural, figures.urban), (85, 33, 52));
        assert_eq!(figures.total_support.to_canonical(), "20860000.00");
        assert_eq!(figures.indh_contribution.to_canonical(), "13170000.00");
        assert_eq!(figures.indh_share.map(|s| s.percent_rounded(1).to_string()), Some("63.1".to_owned()));
        let french = stats::headline(&figures, Lang::Fr).replace('\u{a0}', " ");
        assert_eq!(french, "85 coopératives soutenues, dont 33 en milieu rural, pour 20,86 MDH de soutien total, dont 13,17 MDH de l'INDH (63,1 %)");
        let arabic = stats::headline(&figures, Lang::Ar).replace('\u{a0}', " ");
        assert_eq!(
            arabic,
            "85 تعاونية مدعمة، منها 33 بالوسط القروي، بدعم إجمالي قدره 20,86 مليون درهم، منها 13,17 مليون درهم من المبادرة الوطنية للتنمية البشرية (63,1 %)"
        );
    }

    #[test]
    fn the_demo_meeting_has_sixty_of_the_eighty_five_cooperatives_present() {
        let data = dataset();
        let meetings: Vec<_> = data.meetings().live().collect();
        assert_eq!(meetings.len(), 1);
        let meeting = &meetings[0].data;
        assert_eq!((meeting.date.to_string().as_str(), meeting.date.iso_weekday()), ("2025-07-09", 3));
        assert_eq!(meeting.agenda.len(), 3);
        assert_eq!(meeting.agenda[0].presenter, "ODCO");
        let turnout = meeting.turnout(&data);
        assert_eq!((turnout.present, turnout.invited, turnout.walk_ins, turnout.uninvited), (MEETING_PRESENT, 85, 2, 0));
        assert_eq!(turnout.message(Lang::Fr), "60 présentes sur 85 invitées");
        let by_milieu: usize = turnout.by_milieu.iter().map(|t| t.count).sum();
        assert_eq!(by_milieu, MEETING_PRESENT);
        assert_eq!(data.visits().live().count(), 4);
        assert_eq!(data.stories().live().count(), 3);
    }

    #[test]
    fn no_two_demo_cooperatives_share_a_register_number_at_the_same_court() {
        let data = dataset();
        let mut seen = std::collections::BTreeSet::new();
        for record in data.cooperatives().live() {
            if let Some(number) = &record.data.register_number {
                assert!(seen.insert(number.clone()), "{number:?} is given twice");
            }
        }
        assert!(seen.len() > 80);
    }

    #[test]
    fn the_demo_has_no_blocking_finding() {
        let blocking: Vec<String> = dataset().validate().iter().filter(|f| f.level == Level::Block).map(ToString::to_string).collect();
        assert!(blocking.is_empty(), "{blocking:#?}");
    }
}
