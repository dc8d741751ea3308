//! Components rendered to HTML natively, for the build step's prerendered pages.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// The HTML of the view `view` makes, built in a reactive owner of its own that is dropped
/// afterwards (nothing reactive outlives one page).
pub fn to_html<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    Owner::new().with(|| view().into_view().to_html())
}
