//! HTML written as a string, for the parts of an article that never change once rendered.
//!
//! The components render these parts as markup through `inner_html` rather than as views: in
//! the browser every distinct view is code of its own in the wasm (the share section as views
//! cost the first load about 12 kB brotli, see BENCHMARKS.md), while a string of static markup
//! costs a few function calls. Both renderers still go through the same components, so a
//! prerendered page and the browser component show the same HTML. Reactive parts (the loading
//! state, the similar posts) stay views.

#[cfg(not(target_arch = "wasm32"))]
use broadsheet_core::html::escape_text_in_runs;
use broadsheet_core::html::{escape_attr, escape_text};
use wasm_bindgen::JsCast;

/// HTML built piece by piece: markup as written, text and attribute values escaped.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// Appends `markup` as it is: only ever markup written in this crate.
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Appends `text` as a text node.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_text(text, &mut self.0);
        self
    }

    /// Appends a paragraph of a plain-text body, `text` in a `<p>`; natively (a prerendered
    /// page) with a `<wbr>` in each long run without white space (`escape_text_in_runs`). Not
    /// in the browser, where the loop cost the first load 157 to 178 bytes brotli, at issue 13's
    /// 80,000 bytes or just under: the component writes the text as it is.
    pub fn paragraph(&mut self, text: &str) -> &mut Self {
        #[cfg(target_arch = "wasm32")]
        return self.element("p", &[], text);
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.0.push_str("<p>");
            escape_text_in_runs(text, &mut self.0);
            self.close("p")
        }
    }

    /// Appends the start tag `<name` with `attributes`, each ` key="value"` (a value of `None`
    /// leaves the attribute out), and `>`.
    pub fn open(&mut self, name: &str, attributes: &[(&str, Option<&str>)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(name);
        for (key, value) in attributes {
            if let Some(value) = value {
                self.0.push(' ');
                self.0.push_str(key);
                self.0.push_str("=\"");
                escape_attr(value, &mut self.0);
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    /// Appends the end tag of `name`.
    pub fn close(&mut self, name: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    /// An element `name` with `attributes` and `text` as its content.
    pub fn element(
        &mut self,
        name: &str,
        attributes: &[(&str, Option<&str>)],
        text: &str,
    ) -> &mut Self {
        self.open(name, attributes).text(text).close(name)
    }

    /// The markup written.
    pub fn finish(self) -> String {
        self.0
    }
}

/// The element matching `selector` that `event` came from, or is inside of: how the one
/// handler on the element around a piece of markup finds what in it the reader used.
pub fn event_source(event: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes_and_leaves_out_absent_ones() {
        let mut m = Markup::default();
        m.open("a", &[("href", Some("/?a=1&b=\"2\"")), ("target", None)])
            .text("<b> & co")
            .close("a")
            .element("p", &[("class", Some("x"))], "</p><script>");
        assert_eq!(
            m.finish(),
            r#"<a href="/?a=1&amp;b=&quot;2&quot;">&lt;b&gt; &amp; co</a><p class="x">&lt;/p&gt;&lt;script&gt;</p>"#
        );
    }
}
