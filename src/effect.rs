//! The component's effects, one type of them: Leptos builds an effect's task anew for each
//! closure type it is given, so the few effects here all hand it the same boxed closure (one
//! task in the wasm instead of three; BENCHMARKS.md).

use leptos::prelude::Effect;

/// Runs `f` once the view is in the document, and again whenever a signal it read changes.
pub fn effect(f: impl FnMut() + 'static) {
    let mut f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(move |_| f());
}
