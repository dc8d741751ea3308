//! The server's side of the example: prints the page it sends, `App` rendered with `ssr` in its
//! HTML shell. A real server hands the same `App` and `shell` to leptos_axum or leptos_actix.

fn main() {
    print!("{}", broadsheet_leptos_app::page());
}
