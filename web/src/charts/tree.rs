//! Fragments of the page built as plain data — HTML or SVG elements, their attributes, texts —
//! and turned into DOM nodes in one pass, for the parts of the dashboard that are redrawn whole
//! whenever the figures change (cards, charts, tables, drill-down lists).
//!
//! Why not a leptos `view!` for these: each typed view adds its own code to the WebAssembly
//! module, and the charts and tables alone made the start download some 100 KB (gzip) larger,
//! well over the budget. A tree of data costs one small builder and one small walk. It keeps
//! leptos's guarantee that matters here: a text is always a text node (`createTextNode`), never
//! parsed as markup, and attribute values are set one by one (`setAttribute`).

use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// A node of a fragment: an element or a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element with its attributes and children.
    Element(Element),
    /// A text, shown as it is.
    Text(String),
}

/// An HTML or SVG element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Whether it is an SVG element (created in the SVG namespace).
    pub svg: bool,
    /// Its tag name.
    pub tag: &'static str,
    /// Its attributes, in order.
    pub attributes: Vec<(&'static str, String)>,
    /// Its children, in order.
    pub children: Vec<Node>,
}

/// An HTML element.
pub fn html(tag: &'static str) -> Element {
    Element { svg: false, tag, attributes: Vec::new(), children: Vec::new() }
}

/// An SVG element.
pub fn svg(tag: &'static str) -> Element {
    Element { svg: true, tag, attributes: Vec::new(), children: Vec::new() }
}

impl Element {
    /// This element with one more attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Element {
        self.attributes.push((name, value.into()));
        self
    }

    /// This element with one more child.
    pub fn child(mut self, child: impl Into<Node>) -> Element {
        self.children.push(child.into());
        self
    }

    /// This element with more children.
    pub fn children<N: Into<Node>>(mut self, children: impl IntoIterator<Item = N>) -> Element {
        self.children.extend(children.into_iter().map(Into::into));
        self
    }

    /// The value of an attribute, if it is set.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// Every element of the tree (this one first), depth first.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn descendants(&self) -> Vec<&Element> {
        let mut found = vec![self];
        for child in &self.children {
            if let Node::Element(element) = child {
                found.extend(element.descendants());
            }
        }
        found
    }

    /// The text of the element and its descendants, joined, as `textContent` reads it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn text_content(&self) -> String {
        self.children
            .iter()
            .map(|child| match child {
                Node::Text(text) => text.clone(),
                Node::Element(element) => element.text_content(),
            })
            .collect()
    }
}

impl From<Element> for Node {
    fn from(element: Element) -> Node {
        Node::Element(element)
    }
}

impl From<String> for Node {
    fn from(text: String) -> Node {
        Node::Text(text)
    }
}

impl From<&str> for Node {
    fn from(text: &str) -> Node {
        Node::Text(text.to_owned())
    }
}

/// The DOM node for `node`: texts become text nodes, never markup.
pub fn build(document: &web_sys::Document, node: &Node) -> Result<web_sys::Node, JsValue> {
    match node {
        Node::Text(text) => Ok(document.create_text_node(text).into()),
        Node::Element(element) => {
            let namespace = element.svg.then_some(SVG_NAMESPACE);
            let built = match namespace {
                Some(namespace) => document.create_element_ns(Some(namespace), element.tag)?,
                None => document.create_element(element.tag)?,
            };
            for (name, value) in &element.attributes {
                built.set_attribute(name, value)?;
            }
            for child in &element.children {
                built.append_child(&build(document, child)?)?;
            }
            Ok(built.into())
        }
    }
}

/// A `<div>` showing the fragment `content` makes, made again whenever what it reads changes.
///
/// The keyboard focus survives the redrawing: an element that had it gets it back (found by its
/// id), and when it is gone (a link that led elsewhere) the page's heading takes it.
#[component]
pub fn Fragment(#[prop(into)] id: String, content: Rc<dyn Fn() -> Element>) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let tree = Node::Element(content());
        let (Some(host), Some(document)) = (host.get(), web_sys::window().and_then(|w| w.document())) else { return };
        let focused = document.active_element().filter(|e| host.contains(Some(e))).map(|e| e.id());
        // A fragment that cannot be built leaves the previous one in place.
        if let Ok(built) = build(&document, &tree) {
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
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    const HOSTILE: &str = "<img src=x onerror=alert(1)>";

    #[wasm_bindgen_test]
    fn texts_become_text_nodes_and_never_markup() {
        let document = web_sys::window().unwrap().document().unwrap();
        let tree = svg("svg").child(svg("text").attr("x", "1").child(HOSTILE)).child(svg("title").child(HOSTILE));
        let built: web_sys::Element = build(&document, &tree.into()).unwrap().unchecked_into();
        assert_eq!(built.namespace_uri().as_deref(), Some(SVG_NAMESPACE));
        assert_eq!(built.query_selector_all("img").unwrap().length(), 0);
        assert_eq!(built.query_selector("text").unwrap().unwrap().text_content().as_deref(), Some(HOSTILE));
        assert_eq!(built.query_selector("title").unwrap().unwrap().text_content().as_deref(), Some(HOSTILE));
    }

    #[wasm_bindgen_test]
    fn html_elements_keep_their_attributes_and_children_in_order() {
        let document = web_sys::window().unwrap().document().unwrap();
        let tree = html("p").attr("class", "a").attr("id", "b").child("one ").child(html("strong").child("two"));
        let built: web_sys::Element = build(&document, &tree.clone().into()).unwrap().unchecked_into();
        assert_eq!(built.outer_html(), "<p class=\"a\" id=\"b\">one <strong>two</strong></p>");
        assert_eq!(tree.text_content(), "one two");
        assert_eq!(tree.descendants().len(), 2);
        assert_eq!(tree.get("id"), Some("b"));
    }
}
