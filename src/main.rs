//! The Trunk entry point: mounts the component on every `[data-article-src]` element.

#[cfg(target_arch = "wasm32")]
fn main() {
    broadsheet::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("broadsheet runs in the browser: serve it with `trunk serve`, or prerender pages with broadsheet-build (see README.md).");
    std::process::exit(2);
}
