//! Inline SVG icons (stroke drawings in `currentColor`, so they follow the theme); no icon is
//! ever loaded from a network's host.

use broadsheet_core::share::Network;

use crate::markup::Markup;

/// An icon of the share row.
#[derive(Clone, Copy)]
pub enum Icon {
    /// A network's mark.
    Network(Network),
    /// The system share sheet.
    Share,
    /// Copy link.
    Link,
}

fn path(icon: Icon) -> &'static str {
    match icon {
        Icon::Network(Network::X) => "M4 4l16 16M20 4L4 20",
        Icon::Network(Network::Facebook) => "M18 2h-3a5 5 0 0 0-5 5v3H7v4h3v8h4v-8h3l1-4h-4V7a1 1 0 0 1 1-1h3z",
        Icon::Network(Network::LinkedIn) => "M16 8a6 6 0 0 1 6 6v7h-4v-7a2 2 0 0 0-4 0v7h-4v-7a6 6 0 0 1 6-6zM2 9h4v12H2zM4 2a2 2 0 1 0 0 4 2 2 0 1 0 0-4z",
        Icon::Network(Network::Reddit) => "M12 8c-4.4 0-8 2.5-8 5.5S7.6 19 12 19s8-2.5 8-5.5S16.4 8 12 8zm0 0l1.5-5 4 1M19 2.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 1 0 0-3zM9 13h.01M15 13h.01M9.5 16c1.5 1 3.5 1 5 0",
        Icon::Network(Network::WhatsApp) => "M21 11.5a8.4 8.4 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.4 8.4 0 0 1-3.8-.9L3 21l1.9-5.7a8.4 8.4 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.4 8.4 0 0 1 3.8-.9h.5a8.5 8.5 0 0 1 8 8z",
        Icon::Network(Network::Telegram) => "M22 2L11 13M22 2l-7 20-4-9-9-4z",
        Icon::Network(Network::Bluesky) => "M12 11C10.5 7.5 6.5 3.5 3.5 3.5 2 3.5 2 5 2 6.5s.8 5 3.5 5.5C3 12.5 2.5 15 4.5 17s4 .5 5.5-2L12 12l2 3c1.5 2.5 3.5 4 5.5 2s1.5-4.5-1-5c2.7-.5 3.5-4 3.5-5.5S22 3.5 20.5 3.5c-3 0-7 4-8.5 7.5z",
        Icon::Network(Network::Mastodon) => "M20.9 9.6c0-4.1-2.7-5.3-2.7-5.3C16.8 3.7 14.5 3.4 12 3.4s-4.8.3-6.2.9c0 0-2.7 1.2-2.7 5.3 0 3.6-.2 7.9 3.4 8.8 1.3.3 2.4.4 3.4.4 1.8-.1 2.8-.6 2.8-.6l-.1-1.3s-1.3.4-2.7.4c-1.4-.1-2.9-.2-3.1-1.9v-.5s1.4.3 3.1.4c1 0 2.1-.1 3.1-.2 2-.2 3.6-1.4 3.8-2.5.3-1.6.3-4.1.3-4.1zM8.3 13V9.8a1.7 1.7 0 0 1 3.4 0V12m0-2.2a1.7 1.7 0 0 1 3.4 0V13",
        Icon::Network(Network::Threads) => "M16.5 11.5c-.3-3-2-4.5-4.5-4.5-2.2 0-3.8 1.3-4.2 3.2M19 8.5C17.8 5 15.3 3 12 3 7 3 4 6.5 4 12s3 9 8 9c3.2 0 5.8-1.6 6.6-4.2.8-2.5-.5-5.2-3.8-5.8-3-.5-5.8.3-5.8 2.7 0 1.6 1.5 2.6 3.2 2.5 2.8-.2 3.8-2.5 3.7-5.7",
        Icon::Network(Network::HackerNews) => "M3 3h18v18H3zM8 7l4 6 4-6M12 13v5",
        Icon::Network(Network::Email) => "M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm18 2l-10 7L2 6",
        Icon::Share => "M18 2a3 3 0 1 0 0 6 3 3 0 1 0 0-6zM6 9a3 3 0 1 0 0 6 3 3 0 1 0 0-6zm12 7a3 3 0 1 0 0 6 3 3 0 1 0 0-6zM8.6 13.5l6.8 4m0-11l-6.8 4",
        Icon::Link => "M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7",
    }
}

/// Appends the icon as a decorative inline SVG (hidden from assistive technology: every control
/// carries its own name).
pub fn icon(out: &mut Markup, icon: Icon) {
    out.raw(
        "<svg class=\"bs-icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" \
         aria-hidden=\"true\" focusable=\"false\" fill=\"none\" stroke=\"currentColor\" \
         stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"><path d=\"",
    )
    .raw(path(icon))
    .raw("\"></path></svg>");
}
