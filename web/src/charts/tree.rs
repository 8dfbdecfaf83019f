//! Fragments of the page written as a flat list of steps — open an element (HTML or SVG), set an
//! attribute, add a text, close — and turned into DOM nodes in one pass, for the parts of the
//! dashboard that are redrawn whole whenever the figures change (cards, charts, tables, lists).
//!
//! Why not leptos `view!` for these: each typed view adds its own code to the WebAssembly module,
//! and the dashboard written with them made the start download about 100 KB (gzip) larger; a
//! tree of nested values still cost some 30 KB. Here each step is one call of a handful of
//! non-generic functions, which keeps the dashboard's share small. It keeps the guarantee that
//! matters: a text is always a text node (`createTextNode`), never parsed as markup, and attribute
//! values are set one by one (`setAttribute`).

use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// Text written in the program or made at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Static(&'static str),
    Owned(String),
}

impl Value {
    fn as_str(&self) -> &str {
        match self {
            Value::Static(text) => text,
            Value::Owned(text) => text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Open { tag: &'static str, svg: bool },
    Attr(&'static str, Value),
    Text(Value),
    Close,
}

/// A fragment being written: calls chain (`m.open("p").attr("class", "x").text("…").close()`),
/// and every `open` needs its `close`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    steps: Vec<Step>,
}

impl Markup {
    /// An empty fragment.
    pub fn new() -> Markup {
        Markup::default()
    }

    #[inline(never)]
    fn push(&mut self, step: Step) -> &mut Markup {
        self.steps.push(step);
        self
    }

    /// Opens an HTML element.
    #[inline(never)]
    pub fn open(&mut self, tag: &'static str) -> &mut Markup {
        self.push(Step::Open { tag, svg: false })
    }

    /// Opens an SVG element.
    #[inline(never)]
    pub fn svg(&mut self, tag: &'static str) -> &mut Markup {
        self.push(Step::Open { tag, svg: true })
    }

    /// Sets an attribute of the element just opened to a fixed value.
    #[inline(never)]
    pub fn attr(&mut self, name: &'static str, value: &'static str) -> &mut Markup {
        self.push(Step::Attr(name, Value::Static(value)))
    }

    /// Sets an attribute of the element just opened to a value made at run time.
    #[inline(never)]
    pub fn attr_string(&mut self, name: &'static str, value: String) -> &mut Markup {
        self.push(Step::Attr(name, Value::Owned(value)))
    }

    /// Adds a fixed text.
    #[inline(never)]
    pub fn text(&mut self, text: &'static str) -> &mut Markup {
        self.push(Step::Text(Value::Static(text)))
    }

    /// Adds a text made at run time (a name typed by someone, a number written by core).
    #[inline(never)]
    pub fn text_string(&mut self, text: String) -> &mut Markup {
        self.push(Step::Text(Value::Owned(text)))
    }

    /// Closes the element opened last.
    #[inline(never)]
    pub fn close(&mut self) -> &mut Markup {
        self.push(Step::Close)
    }

    /// Opens `tag`, adds `text` and closes it: an element holding only a text.
    #[inline(never)]
    pub fn leaf(&mut self, tag: &'static str, text: String) -> &mut Markup {
        self.open(tag).text_string(text).close()
    }

    /// The DOM nodes of the fragment, under a new `<div>`: texts become text nodes, never markup.
    /// A `close` without its `open` is ignored; elements left open are closed at the end.
    pub fn build(&self, document: &web_sys::Document) -> Result<web_sys::Element, JsValue> {
        let root = document.create_element("div")?;
        let mut open: Vec<web_sys::Element> = vec![root];
        for step in &self.steps {
            let Some(current) = open.last() else { break };
            match step {
                Step::Open { tag, svg } => {
                    let element = if *svg { document.create_element_ns(Some(SVG_NAMESPACE), tag)? } else { document.create_element(tag)? };
                    current.append_child(&element)?;
                    open.push(element);
                }
                Step::Attr(name, value) => current.set_attribute(name, value.as_str())?,
                Step::Text(text) => {
                    current.append_child(&document.create_text_node(text.as_str()))?;
                }
                Step::Close => {
                    if open.len() > 1 {
                        open.pop();
                    }
                }
            }
        }
        Ok(open.swap_remove(0))
    }
}

/// A `<div>` showing the fragment `content` writes, written again whenever what it reads changes.
///
/// The keyboard focus survives the redrawing: an element that had it gets it back (found by its
/// id), and when it is gone (a link that led elsewhere) the page's heading takes it.
#[component]
pub fn Fragment(#[prop(into)] id: String, content: Rc<dyn Fn() -> Markup>) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let markup = content();
        let (Some(host), Some(document)) = (host.get(), web_sys::window().and_then(|w| w.document())) else { return };
        let focused = document.active_element().filter(|e| host.contains(Some(e))).map(|e| e.id());
        // A fragment that cannot be built leaves the previous one in place.
        if let Ok(built) = markup.build(&document) {
            host.replace_children_with_node_1(&built);
        }
        if let Some(focused) = focused {
            let again = !focused.is_empty() && document.get_element_by_id(&focused).is_some();
            crate::components::focus(if again { &focused } else { "page-title" });
        }
    });
    view! { <div class="fragment" id=id node_ref=host></div> }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;

    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    const HOSTILE: &str = "<img src=x onerror=alert(1)>";

    fn document() -> web_sys::Document {
        web_sys::window().unwrap().document().unwrap()
    }

    #[wasm_bindgen_test]
    fn texts_become_text_nodes_and_never_markup() {
        let mut m = Markup::new();
        m.svg("svg").svg("text").attr("x", "1").text_string(HOSTILE.into()).close().svg("title").text(HOSTILE).close().close();
        let built = m.build(&document()).unwrap();
        let svg = built.first_element_child().unwrap();
        assert_eq!(svg.namespace_uri().as_deref(), Some(SVG_NAMESPACE));
        assert_eq!(built.query_selector_all("img").unwrap().length(), 0);
        assert_eq!(built.query_selector("text").unwrap().unwrap().text_content().as_deref(), Some(HOSTILE));
        assert_eq!(built.query_selector("title").unwrap().unwrap().text_content().as_deref(), Some(HOSTILE));
    }

    #[wasm_bindgen_test]
    fn html_elements_keep_their_attributes_and_children_in_order() {
        let mut m = Markup::new();
        m.open("p").attr("class", "a").attr_string("id", "b".into()).text("one ").leaf("strong", "two".into()).close();
        let built = m.build(&document()).unwrap().first_element_child().unwrap();
        assert_eq!(built.outer_html(), "<p class=\"a\" id=\"b\">one <strong>two</strong></p>");
    }

    #[wasm_bindgen_test]
    fn unbalanced_steps_never_climb_above_the_fragment() {
        let mut m = Markup::new();
        m.close().open("p").text("x");
        let built = m.build(&document()).unwrap();
        assert_eq!(built.child_element_count(), 1);
        assert_eq!(built.first_element_child().unwrap().outer_html(), "<p>x</p>");
    }
}
