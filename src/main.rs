//! The Trunk entry point: mounts the component on every `[data-article-src]` element.

#[cfg(target_arch = "wasm32")]
fn main() {
    broadsheet::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("broadsheet runs in the browser: serve it with `trunk serve` (see README.md).");
    std::process::exit(2);
}
