//! The glance: the home page as last drawn, shown at the next start while the app's code arrives.
//!
//! The start download holds only this module's code (and the loader): `paint` puts back the
//! header and the dashboard the app last drew over the same stored data, and the app, when its
//! part has arrived and read the data, replaces them in the same task (no frame shows neither).
//! Links work at once (they only change the address, which the app follows when it starts); form
//! controls are disabled until the app takes over. See ARCHITECTURE.md, "The glance".
//!
//! What is kept is the page's own DOM written as a flat list of steps (open an element, set an
//! attribute, add a text, close), and put back one `createElement`/`setAttribute`/`createTextNode`
//! at a time: a text is never parsed as markup. Only the elements and attributes the header and
//! the dashboard use are put back; ids are dropped (the app's own elements keep them, unique),
//! but for a chart's fill patterns, which its fills name.

use wasm_bindgen::{JsCast, JsValue};

use crate::storage::glance as stored;

/// The stored form's version: a glance of another form is not shown.
const FORMAT: u32 = 1;
const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
/// The class of the element holding a glance while it is shown.
const HOST_CLASS: &str = "glance";

/// The elements put back. Anything else is left out with what it holds.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "header",
    "label",
    "li",
    "main",
    "meter",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "progress",
    "section",
    "select",
    "small",
    "span",
    "strong",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "button",
    "input",
    "textarea",
    "svg",
    "g",
    "rect",
    "path",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "title",
    "desc",
    "defs",
    "pattern",
];

/// Attributes never put back: ids (the app's elements are the ones named), what refers to ids,
/// and anything that could run or fetch something.
const DROPPED: &[&str] =
    &["id", "for", "form", "aria-labelledby", "aria-describedby", "aria-controls", "autofocus", "style", "src", "srcset", "action", "formaction"];

/// Whether a control waits for the app: it is disabled in the glance.
fn is_control(tag: &str) -> bool {
    matches!(tag, "button" | "input" | "select" | "textarea")
}

fn attribute_kept(tag: &str, name: &str, value: &str) -> bool {
    // A chart's fill patterns are named, and found by their names (`url(#…)`), inside the chart.
    if name == "id" && tag == "pattern" {
        return true;
    }
    // SVG's names have capitals (`viewBox`, `patternUnits`).
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':');
    if !plain || name.to_ascii_lowercase().starts_with("on") || DROPPED.contains(&name) {
        return false;
    }
    // Links stay inside the app: its addresses are fragments.
    if name == "href" || name.ends_with(":href") {
        return value.starts_with('#');
    }
    true
}

/// Writes the steps of `node` and what it holds onto `steps`: `<tag` (HTML) or `{tag` (SVG),
/// `=name` followed by the value, `"text`, and `>` to close.
fn record(node: &web_sys::Node, steps: &js_sys::Array, home: &str) {
    if let Some(element) = node.dyn_ref::<web_sys::Element>() {
        let tag = element.local_name();
        let svg = element.namespace_uri().as_deref() == Some(SVG_NAMESPACE);
        steps.push(&JsValue::from_str(&format!("{}{tag}", if svg { '{' } else { '<' })));
        for name in element.get_attribute_names().iter() {
            let Some(name) = name.as_string() else { continue };
            // The navigation marks the home page's entry, whatever page was open.
            if name == "aria-current" {
                continue;
            }
            steps.push(&JsValue::from_str(&format!("={name}")));
            steps.push(&JsValue::from_str(&element.get_attribute(&name).unwrap_or_default()));
        }
        if tag == "a" && element.get_attribute("href").as_deref() == Some(home) && element.closest("nav").ok().flatten().is_some() {
            steps.push(&JsValue::from_str("=aria-current"));
            steps.push(&JsValue::from_str("page"));
        }
        let children = element.child_nodes();
        for index in 0..children.length() {
            if let Some(child) = children.item(index) {
                record(&child, steps, home);
            }
        }
        steps.push(&JsValue::from_str(">"));
    } else if node.node_type() == web_sys::Node::TEXT_NODE {
        steps.push(&JsValue::from_str(&format!("\"{}", node.text_content().unwrap_or_default())));
    }
}

/// Keeps `header` and `main` (the live ones, or `main` drawn apart) as the glance of the data as
/// stored now, in `lang`. A glance that cannot be kept (no room) is simply not kept.
pub fn remember(header: &web_sys::Element, main: &web_sys::Element, lang: taawun_core::Lang, home: &str) {
    let Some(head) = stored::head() else { return };
    let steps = js_sys::Array::new();
    record(header, &steps, home);
    record(main, &steps, home);
    let glance = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&glance, &JsValue::from_str(key), value).is_ok();
    let title = web_sys::window().and_then(|w| w.document()).map(|d| d.title()).unwrap_or_default();
    let complete = set("format", &JsValue::from(FORMAT))
        && set("head", &JsValue::from_str(&head))
        && set("lang", &JsValue::from_str(lang.code()))
        && set("title", &JsValue::from_str(&title))
        && set("steps", &steps);
    if !complete {
        return;
    }
    if let Some(text) = js_sys::JSON::stringify(&glance).ok().and_then(|t| t.as_string()) {
        let _ = stored::save(&text);
    }
}

/// Whether the stored glance was drawn from the data stored now.
pub fn is_current() -> bool {
    read().is_some()
}

/// The stored glance, when it is of this form and was drawn from the head stored now.
fn read() -> Option<(String, String, js_sys::Array)> {
    let text = stored::load()?;
    let head = stored::head()?;
    let glance = js_sys::JSON::parse(&text).ok()?;
    let get = |key: &str| js_sys::Reflect::get(&glance, &JsValue::from_str(key)).ok();
    if get("format")?.as_f64() != Some(f64::from(FORMAT)) || get("head")?.as_string()? != head {
        return None;
    }
    let lang = get("lang")?.as_string()?;
    let title = get("title")?.as_string().unwrap_or_default();
    let steps = get("steps")?.dyn_into::<js_sys::Array>().ok()?;
    Some((lang, title, steps))
}

/// Puts the glance back under a new element (`class="glance"`), or `None` when there is none to
/// show (first visit, data changed since, another language chosen since).
pub fn paint(chosen_lang: Option<taawun_core::Lang>) -> Option<()> {
    let (lang, title, steps) = read()?;
    if chosen_lang.is_some_and(|chosen| chosen.code() != lang) {
        return None;
    }
    let document = web_sys::window()?.document()?;
    let host = document.create_element("div").ok()?;
    host.set_attribute("class", HOST_CLASS).ok()?;
    host.set_attribute("aria-busy", "true").ok()?;
    build(&document, &host, &steps).ok()?;
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", &lang);
        let _ = html.set_attribute("dir", if lang == "ar" { "rtl" } else { "ltr" });
    }
    if !title.is_empty() {
        document.set_title(&title);
    }
    document.body()?.append_child(&host).ok()?;
    Some(())
}

/// Writes the steps under `host`. An element not put back is left out with what it holds.
fn build(document: &web_sys::Document, host: &web_sys::Element, steps: &js_sys::Array) -> Result<(), JsValue> {
    // The open elements; `None` for one left out (what it holds is left out too).
    let mut open: Vec<Option<web_sys::Element>> = vec![Some(host.clone())];
    let mut attribute: Option<String> = None;
    for step in steps.iter() {
        let Some(step) = step.as_string() else { continue };
        let current = open.last().cloned().flatten();
        if let Some(name) = attribute.take() {
            if let Some(element) = current.filter(|e| attribute_kept(&e.local_name(), &name, &step)) {
                element.set_attribute(&name, &step)?;
            }
            continue;
        }
        let mut chars = step.chars();
        match chars.next() {
            Some(kind @ ('<' | '{')) => {
                let tag = chars.as_str();
                let element = match current {
                    Some(parent) if ELEMENTS.contains(&tag) => {
                        let element = if kind == '{' { document.create_element_ns(Some(SVG_NAMESPACE), tag)? } else { document.create_element(tag)? };
                        if is_control(tag) {
                            element.set_attribute("disabled", "")?;
                        }
                        parent.append_child(&element)?;
                        Some(element)
                    }
                    _ => None,
                };
                open.push(element);
            }
            Some('=') => attribute = Some(chars.as_str().to_owned()),
            Some('"') => {
                if let Some(parent) = current {
                    parent.append_child(&document.create_text_node(chars.as_str()))?;
                }
            }
            Some('>') if open.len() > 1 => {
                open.pop();
            }
            _ => {}
        }
    }
    Ok(())
}

/// Removes the glance shown (the app is about to draw its own page in the same task).
pub fn clear() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(shown) = document.query_selector_all(&format!(".{HOST_CLASS}")) {
        for index in 0..shown.length() {
            if let Some(node) = shown.item(index).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                node.remove();
            }
        }
    }
}

/// Keeps the glance up to date while the app runs: after the home page is drawn (unfiltered), and
/// when the page is hidden or left with the glance out of date (the home page is then drawn
/// apart, as it would be now). Only over data saved as shown: never after a failed save.
pub fn watch(state: crate::state::AppState, address: leptos::prelude::RwSignal<crate::route::Location>) {
    use leptos::prelude::*;
    let at_home = move || address.with(|l| l.route == crate::route::Route::Dashboard && l.query.is_empty());
    Effect::new(move |_| {
        let home = at_home();
        state.dataset.track();
        state.lang.track();
        if home && saved_as_shown(state) {
            // After the dashboard's own effect has drawn it.
            set_timeout(move || remember_live(state, at_home()), std::time::Duration::ZERO);
        }
    });
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
        if hidden && !is_current() && saved_as_shown(state) {
            remember_live(state, at_home());
        }
    });
    on_cleanup(move || hidden.remove());
}

fn saved_as_shown(state: crate::state::AppState) -> bool {
    use leptos::prelude::*;
    state.start.with_untracked(|s| *s == crate::state::Start::Loaded)
        && state.save_problem.with_untracked(Option::is_none)
        && crate::storage::loaded_revision().is_some()
        && crate::storage::loaded_revision() == crate::storage::stored_revision()
}

/// Keeps the header as shown and the home page: the one shown when `home`, else drawn apart.
fn remember_live(state: crate::state::AppState, home: bool) {
    use leptos::prelude::*;
    if !saved_as_shown(state) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(header) = document.query_selector("header.top").ok().flatten() else { return };
    let lang = state.lang.get_untracked();
    let home_href = crate::route::Route::Dashboard.href();
    let main = if home {
        document.get_element_by_id("main")
    } else {
        // The dashboard as `main` holds it: a wrapper, then the fragment.
        let mut markup = crate::charts::tree::Markup::new();
        state.dataset.with_untracked(|dataset| crate::pages::dashboard::home(&mut markup, dataset, lang));
        (|| {
            let main = document.create_element("main").ok()?;
            let wrapper = document.create_element("div").ok()?;
            let fragment = markup.build(&document).ok()?;
            fragment.set_attribute("class", "fragment").ok()?;
            wrapper.append_child(&fragment).ok()?;
            main.append_child(&wrapper).ok()?;
            Some(main)
        })()
    };
    if let Some(main) = main {
        remember(&header, &main, lang, &home_href);
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn document() -> web_sys::Document {
        web_sys::window().unwrap().document().unwrap()
    }

    /// Records `source` and builds it again under a new element.
    fn again(source: &web_sys::Element) -> web_sys::Element {
        let steps = js_sys::Array::new();
        record(source, &steps, "#/");
        let host = document().create_element("div").unwrap();
        build(&document(), &host, &steps).unwrap();
        host
    }

    fn element(html_tag: &str) -> web_sys::Element {
        document().create_element(html_tag).unwrap()
    }

    #[wasm_bindgen_test]
    fn a_page_put_back_has_the_same_texts_links_and_charts_without_ids() {
        let main = element("main");
        main.set_attribute("id", "main").unwrap();
        let title = element("h1");
        title.set_attribute("id", "page-title").unwrap();
        title.set_text_content(Some("85 تعاونية"));
        let link = element("a");
        link.set_attribute("href", "#/cooperatives?milieu=rural").unwrap();
        link.set_text_content(Some("33"));
        let svg = document().create_element_ns(Some(SVG_NAMESPACE), "svg").unwrap();
        svg.set_attribute("viewBox", "0 0 320 200").unwrap();
        let pattern = document().create_element_ns(Some(SVG_NAMESPACE), "pattern").unwrap();
        pattern.set_attribute("id", "c-hatch").unwrap();
        pattern.set_attribute("patternUnits", "userSpaceOnUse").unwrap();
        let rect = document().create_element_ns(Some(SVG_NAMESPACE), "rect").unwrap();
        rect.set_attribute("width", "40").unwrap();
        rect.set_attribute("fill", "url(#c-hatch)").unwrap();
        svg.append_child(&pattern).unwrap();
        svg.append_child(&rect).unwrap();
        for child in [&title, &link, &svg] {
            main.append_child(child).unwrap();
        }
        let back = again(&main);
        assert_eq!(back.query_selector("h1").unwrap().unwrap().text_content().as_deref(), Some("85 تعاونية"));
        assert!(back.query_selector("#page-title").unwrap().is_none(), "ids stay the app's own");
        assert!(back.query_selector("#main").unwrap().is_none());
        assert_eq!(back.query_selector("a").unwrap().unwrap().get_attribute("href").as_deref(), Some("#/cooperatives?milieu=rural"));
        let rect = back.query_selector("rect").unwrap().unwrap();
        assert_eq!(rect.namespace_uri().as_deref(), Some(SVG_NAMESPACE));
        assert_eq!(rect.get_attribute("width").as_deref(), Some("40"));
        assert_eq!(back.query_selector("svg").unwrap().unwrap().get_attribute("viewBox").as_deref(), Some("0 0 320 200"));
        let pattern = back.query_selector("pattern").unwrap().unwrap();
        assert_eq!(pattern.get_attribute("id").as_deref(), Some("c-hatch"), "a chart's fill pattern keeps the name its fills use");
        assert_eq!(pattern.get_attribute("patternUnits").as_deref(), Some("userSpaceOnUse"));
    }

    #[wasm_bindgen_test]
    fn controls_wait_for_the_app_and_nothing_that_runs_is_put_back() {
        let main = element("main");
        let select = element("select");
        select.set_attribute("onchange", "alert(1)").unwrap();
        let script = element("script");
        script.set_text_content(Some("alert(2)"));
        let outside = element("a");
        outside.set_attribute("href", "javascript:alert(3)").unwrap();
        let text = element("p");
        text.set_text_content(Some("<img src=x onerror=alert(4)>"));
        for child in [&select, &script, &outside, &text] {
            main.append_child(child).unwrap();
        }
        let back = again(&main);
        let select = back.query_selector("select").unwrap().unwrap();
        assert!(select.has_attribute("disabled"));
        assert!(!select.has_attribute("onchange"));
        assert!(back.query_selector("script").unwrap().is_none());
        assert!(!back.query_selector("a").unwrap().unwrap().has_attribute("href"));
        assert!(back.query_selector("img").unwrap().is_none());
        assert_eq!(back.query_selector("p").unwrap().unwrap().text_content().as_deref(), Some("<img src=x onerror=alert(4)>"));
    }

    #[wasm_bindgen_test]
    fn a_glance_is_shown_only_over_the_head_it_was_drawn_from_and_in_the_language_chosen() {
        let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        let kept: Vec<(&str, Option<String>)> = [stored::GLANCE_KEY, layout_head()].into_iter().map(|key| (key, storage.get_item(key).unwrap())).collect();
        let main = element("main");
        let headline = element("p");
        headline.set_attribute("class", "headline").unwrap();
        headline.set_text_content(Some("Glance test (fictitious)"));
        main.append_child(&headline).unwrap();
        storage.set_item(layout_head(), "{\"revision\":7}").unwrap();
        remember(&element("header"), &main, taawun_core::Lang::Fr, "#/");
        let shown = || document().query_selector_all(".glance .headline").unwrap().length();

        storage.set_item(layout_head(), "{\"revision\":8}").unwrap();
        assert!(paint(None).is_none(), "a glance of revision 7 was shown over revision 8");
        storage.set_item(layout_head(), "{\"revision\":7}").unwrap();
        assert!(paint(Some(taawun_core::Lang::Ar)).is_none(), "a French glance was shown to someone who chose Arabic");
        assert_eq!(shown(), 0);
        assert!(paint(Some(taawun_core::Lang::Fr)).is_some());
        assert_eq!(shown(), 1);
        clear();
        assert_eq!(shown(), 0, "the glance did not make way");

        for (key, value) in kept {
            match value {
                Some(value) => storage.set_item(key, &value).unwrap(),
                None => storage.remove_item(key).unwrap(),
            }
        }
    }

    fn layout_head() -> &'static str {
        taawun_core::storage_layout::HEAD_KEY
    }

    #[wasm_bindgen_test]
    fn the_navigation_marks_the_home_page_whatever_page_was_open() {
        let header = element("header");
        let nav = element("nav");
        for (href, current) in [("#/", false), ("#/cooperatives", true)] {
            let link = element("a");
            link.set_attribute("href", href).unwrap();
            if current {
                link.set_attribute("aria-current", "page").unwrap();
            }
            nav.append_child(&link).unwrap();
        }
        header.append_child(&nav).unwrap();
        let back = again(&header);
        let marked = back.query_selector("[aria-current]").unwrap().unwrap();
        assert_eq!(marked.get_attribute("href").as_deref(), Some("#/"));
        assert_eq!(back.query_selector_all("[aria-current]").unwrap().length(), 1);
    }
}
