//! Meetings and follow-up visits in the browser: a meeting created through its form, the funded
//! demo cooperatives invited by a filter, three cooperatives and a walk-in checked in at the door
//! on a tablet (one of them women-led, found by its Arabic name), the counter and breakdown, a
//! testimonial and a challenge; then a visit recorded for an overdue cooperative, its needs and
//! next steps seen on its page and the cooperative gone from the overdue list.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use taawun_core::date::Date;
use taawun_core::meeting::{InvitationFilter, select_invitees};
use thirtyfour::prelude::*;

use crate::browser::{Browser, fail, retry_stale, with_browser};

/// Every whole number in `text`, in order (digits with spaces as thousands separators are not
/// expected here: the figures are small).
pub(crate) fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect()
}

/// Scrolls the element matching `css` to the middle of the window (out from under the form's
/// sticky buttons), then clicks it.
pub(crate) async fn press(browser: &Browser, css: &str) -> WebDriverResult<()> {
    retry_stale(|| async {
        let element = browser.wait_for(css).await?;
        browser.driver.execute("arguments[0].scrollIntoView({ block: 'center' });", vec![element.to_json()?]).await?;
        element.click().await
    })
    .await
}

/// Waits until the text of `css` equals `wanted`, and returns the last text seen.
pub(crate) async fn wait_text(browser: &Browser, css: &str, wanted: &str) -> WebDriverResult<String> {
    let mut seen = String::new();
    for _ in 0..100 {
        seen = browser.text(css).await?;
        if seen == wanted {
            return Ok(seen);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(seen)
}

/// The first cooperative the door shows as not yet present: its id and name.
pub(crate) async fn first_absent(browser: &Browser) -> WebDriverResult<(String, String)> {
    retry_stale(|| async {
        let row = browser.wait_for("#door-results li.door-row.absent").await?;
        let id = row.attr("data-id").await?.unwrap_or_default();
        let name = row.find(By::Css(".name")).await?.text().await?;
        Ok((id, name))
    })
    .await
}

/// Searches for `query` at the door, marks cooperative `id` present with these counts, and
/// waits until its row says so.
pub(crate) async fn check_in(browser: &Browser, query: &str, id: &str, people: &str, women: &str) -> WebDriverResult<()> {
    browser.fill("#door-search", query).await?;
    let row = format!("#door-results li.door-row[data-id='{id}']");
    browser.fill(&format!("{row} input.people"), people).await?;
    browser.fill(&format!("{row} input.women"), women).await?;
    press(browser, &format!("{row} .mark-present")).await?;
    browser.wait_for(&format!("#door-results li.door-row.present[data-id='{id}']")).await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_invites_the_funded_cooperatives_checks_in_three_and_a_walk_in_and_records_what_was_said() {
    // How many demo cooperatives have a project: what "funded only" must invite.
    let demo = taawun_core::demo::dataset();
    let invitees = select_invitees(&demo, &InvitationFilter { funded_only: true, ..InvitationFilter::default() });
    let funded = invitees.len();
    assert!(funded > 3, "the demo has funded cooperatives to invite");
    // The women-led cooperatives among those invited (ids as the page writes them), with their
    // Arabic names: one of them is checked in, so the breakdown has one to count.
    let women_led: Vec<(String, String)> = invitees
        .iter()
        .filter_map(|id| demo.cooperatives().get(*id))
        .filter(|c| c.data.is_women_led())
        .map(|c| (c.id.to_string(), c.data.name_ar.clone()))
        .collect();
    assert!(women_led.len() > 2, "the demo invites women-led cooperatives");
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        browser.click("#nav-meetings").await?;
        browser.click("#new-meeting").await?;
        browser.fill("#f-title_fr", "Journée d'information des coopératives (fictive)").await?;
        browser.fill("#f-title_ar", "يوم إخباري لفائدة التعاونيات (وهمي)").await?;
        browser.fill("#f-date", "15/10/2025").await?;
        browser.fill("#f-place", "Salle de réunion de la préfecture").await?;
        press(&browser, "#organiser-INDH").await?;
        press(&browser, "#partner-ODCO").await?;
        press(&browser, "#add-presentation").await?;
        browser.fill("#f-agenda-0-title", "Les financements de l'INDH").await?;
        browser.choose("#f-agenda-0-presenter", "INDH").await?;
        browser.click("#save").await?;
        let fragment = browser.wait_for_route(|f| f.starts_with("/meetings/") && !f.ends_with("/new")).await?;
        let meeting = fragment.trim_start_matches("/meetings/").to_owned();
        assert_eq!(
            browser.texts_when_present("#meeting-agenda li").await?,
            vec!["Les financements de l'INDH — Initiative nationale pour le développement humain (INDH)"]
        );

        press(&browser, "#invite-funded").await?;
        assert_eq!(wait_text(&browser, "#invite-matching", &funded.to_string()).await?, funded.to_string());
        press(&browser, "#invite").await?;
        assert_eq!(wait_text(&browser, "#invited-count", &funded.to_string()).await?, funded.to_string());
        let nobody = format!("0 présentes sur {funded} invitées");
        assert_eq!(wait_text(&browser, "#turnout", &nobody).await?, nobody);

        // At the door, on a tablet.
        browser.set_size(768, 1024).await?;
        press(&browser, "#open-check-in").await?;
        browser.wait_for("#door-search").await?;
        let (first, first_name) = first_absent(&browser).await?;
        check_in(&browser, &first_name.to_uppercase(), &first, "1", "0").await?;
        browser.fill("#door-search", "").await?;
        let (second, second_name) = first_absent(&browser).await?;
        // Part of the name is enough.
        let part: String = second_name.split(' ').rfind(|w| w.chars().count() > 3).unwrap_or(&second_name).to_owned();
        check_in(&browser, &part, &second, "3", "2").await?;
        browser.fill("#door-search", "").await?;
        // A women-led cooperative not yet present, searched by its name in Arabic.
        let (third, third_name) =
            women_led.iter().find(|(id, _)| *id != first && *id != second).cloned().ok_or_else(|| fail("no women-led cooperative left".into()))?;
        check_in(&browser, &third_name, &third, "1", "1").await?;
        browser.fill("#walk-in-name", "Invitée de la commune (fictive)").await?;
        browser.fill("#walk-in-people", "2").await?;
        browser.fill("#walk-in-women", "1").await?;
        press(&browser, "#add-walk-in").await?;

        let three = format!("3 présentes sur {funded} invitées");
        assert_eq!(wait_text(&browser, "#turnout", &three).await?, three);
        assert_eq!(wait_text(&browser, "#breakdown-walk-ins", "1").await?, "1");
        assert_eq!(browser.text("#breakdown-people").await?, "7");
        assert_eq!(browser.text("#breakdown-women").await?, "4");
        let by_milieu = browser.text("#breakdown-milieu").await?;
        assert_eq!(numbers(&by_milieu).iter().sum::<u64>(), 3, "the three cooperatives by milieu: {by_milieu}");
        let by_sector = browser.text("#breakdown-sector").await?;
        assert_eq!(numbers(&by_sector).iter().sum::<u64>(), 3, "the three cooperatives by sector: {by_sector}");
        // Women-led among the three, as core counts them: the third at least.
        let led = [&first, &second, &third].into_iter().filter(|id| women_led.iter().any(|(w, _)| w == *id)).count();
        assert!(led >= 1);
        assert_eq!(browser.text("#breakdown-women-led").await?, led.to_string(), "women-led cooperatives present");
        // Big touch targets at the door.
        let small = browser
            .driver
            .execute(
                "return [...document.querySelectorAll('#door-search, #door-results button, #door-results input, #walk-in button, #walk-in input')]
                   .filter(e => e.getBoundingClientRect().height < 44).map(e => e.id || e.className);",
                vec![],
            )
            .await?;
        assert_eq!(small.json(), &serde_json::json!([]), "touch targets under 44 px at the door");
        browser.screenshot("check-in-tablet").await?;

        // A cooperative is present once: the stored meeting has four check-ins, never a counter.
        let stored: serde_json::Value = serde_json::from_str(&browser.stored_document().await?.unwrap_or_default()).map_err(|e| fail(e.to_string()))?;
        let stored_meeting = stored["meetings"].as_array().into_iter().flatten().find(|m| m["id"] == meeting.as_str()).cloned().unwrap_or_default();
        let attendance = stored_meeting["attendance"].as_array().cloned().unwrap_or_default();
        assert_eq!(attendance.len(), 4, "one check-in per attendee: {attendance:?}");

        // Back on the meeting's page: a testimonial and a challenge.
        browser.visit(&format!("#/meetings/{meeting}")).await?;
        browser.choose("#f-testimonial-cooperative", &second).await?;
        browser.choose("#f-testimonial-lang", "fr").await?;
        browser.fill("#f-testimonial-text", "Le financement nous a permis d'acheter une machine (fictif).").await?;
        press(&browser, "#add-testimonial").await?;
        let testimonials = browser.texts_when_present("#testimonials li").await?;
        assert_eq!(testimonials.len(), 1);
        assert!(testimonials[0].contains("acheter une machine"), "{testimonials:?}");
        browser.fill("#f-challenge-text", "Accès difficile aux marchés de la ville").await?;
        press(&browser, "#tag-marketing").await?;
        press(&browser, "#tag-financing").await?;
        press(&browser, "#add-challenge").await?;
        let challenges = browser.texts_when_present("#challenges li").await?;
        assert_eq!(challenges, vec!["Accès difficile aux marchés de la ville commercialisation · financement"]);
        assert_eq!(browser.text("#challenges-by-tag").await?, "commercialisation 1 · financement 1");
        let three_again = format!("3 présentes sur {funded} invitées");
        assert_eq!(browser.text("#turnout").await?, three_again);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visit_to_an_overdue_cooperative_shows_on_its_page_and_clears_it_from_the_overdue_list() {
    let today_days = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| (d.as_secs() / 86_400) as i32).unwrap_or_default();
    let next = Date::from_days_since_epoch(today_days + 90).expect("a date three months from now");
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        browser.click("#nav-visits").await?;
        let row = browser.wait_for("#overdue-visits tbody tr").await?;
        let cooperative = row.attr("data-id").await?.unwrap_or_default();
        let overdue_before = browser.texts("#overdue-visits tbody tr").await?.len();
        browser.click(&format!("#overdue-visits tr[data-id='{cooperative}'] .record-visit")).await?;
        browser.wait_for("#visit-form").await?;
        assert_eq!(browser.value("#f-cooperative").await?, cooperative);
        browser.fill("#f-visitor", "Équipe de suivi (fictive)").await?;
        browser.choose("#f-state", "in_difficulty").await?;
        browser.fill("#f-observations", "Atelier à l'arrêt depuis deux mois").await?;
        browser.fill("#f-needs", "Fonds de roulement").await?;
        browser.fill("#f-next_steps", "Formation en commercialisation à l'ODCo").await?;
        browser.fill("#f-next_visit_on", &next.to_string()).await?;
        browser.click("#save").await?;
        browser.wait_for_route(|f| f == format!("/cooperatives/{cooperative}")).await?;
        let history = browser.texts_when_present("#visit-history tbody tr").await?;
        assert!(history.len() >= 2, "the new visit joins the earlier one: {history:?}");
        assert!(history[0].contains("Atelier à l'arrêt depuis deux mois") && history[0].contains("en difficulté"), "latest first: {history:?}");
        // Needs and next steps each in a column of their own.
        let cells = browser.texts("#visit-history tbody tr:first-child td").await?;
        let headers = browser.texts("#visit-history thead th").await?;
        let column = |name: &str| headers.iter().position(|h| h == name);
        assert_eq!(column("Besoins de la coopérative").and_then(|i| cells.get(i)).map(String::as_str), Some("Fonds de roulement"), "{headers:?} {cells:?}");
        assert_eq!(
            column("Prochaines étapes").and_then(|i| cells.get(i)).map(String::as_str),
            Some("Formation en commercialisation à l'ODCo"),
            "{headers:?} {cells:?}"
        );

        browser.click("#nav-visits").await?;
        browser.wait_for("#overdue-title").await?;
        let still: Vec<String> = {
            let mut ids = Vec::new();
            for row in browser.driver.find_all(By::Css("#overdue-visits tbody tr")).await? {
                ids.push(row.attr("data-id").await?.unwrap_or_default());
            }
            ids
        };
        assert!(!still.contains(&cooperative), "the visited cooperative left the overdue list");
        assert_eq!(still.len(), overdue_before - 1);
        Ok(())
    })
    .await;
}
