//! "Share This Post": the intent URLs of each network, built with no DOM.
//!
//! Every value is encoded exactly like JavaScript's `encodeURIComponent` (a space is `%20`,
//! never `+`), and every result is a [`SafeUrl`].

use crate::model::Item;
pub use crate::safe_url::encode_component;
use crate::safe_url::{SafeUrl, UrlUse};
use crate::text::graphemes;

/// A network with a share link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Network {
    /// X (formerly Twitter).
    X,
    /// Facebook.
    Facebook,
    /// LinkedIn.
    LinkedIn,
    /// Reddit.
    Reddit,
    /// WhatsApp.
    WhatsApp,
    /// Telegram.
    Telegram,
    /// Bluesky.
    Bluesky,
    /// Mastodon, through the official instance picker.
    Mastodon,
    /// Threads.
    Threads,
    /// Hacker News.
    HackerNews,
    /// E-mail (`mailto:`).
    Email,
}

/// One control of the share row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareControl {
    /// A plain link to a network.
    Link(Network),
    /// The browser's own share sheet (`navigator.share`), shown only where it can share.
    Native,
    /// Copy the article's address.
    Copy,
}

/// The row used when the mount element does not set `data-share`.
pub const DEFAULT_CONTROLS: &str = "native,x,facebook,linkedin,whatsapp,bluesky,reddit,email,copy";

impl Network {
    /// Every network, in the order of the docs.
    pub const ALL: [Network; 11] = [
        Network::X,
        Network::Facebook,
        Network::LinkedIn,
        Network::Reddit,
        Network::WhatsApp,
        Network::Telegram,
        Network::Bluesky,
        Network::Mastodon,
        Network::Threads,
        Network::HackerNews,
        Network::Email,
    ];

    /// The key used in `data-share`.
    pub fn key(self) -> &'static str {
        match self {
            Network::X => "x",
            Network::Facebook => "facebook",
            Network::LinkedIn => "linkedin",
            Network::Reddit => "reddit",
            Network::WhatsApp => "whatsapp",
            Network::Telegram => "telegram",
            Network::Bluesky => "bluesky",
            Network::Mastodon => "mastodon",
            Network::Threads => "threads",
            Network::HackerNews => "hackernews",
            Network::Email => "email",
        }
    }

    /// The name shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Network::X => "X",
            Network::Facebook => "Facebook",
            Network::LinkedIn => "LinkedIn",
            Network::Reddit => "Reddit",
            Network::WhatsApp => "WhatsApp",
            Network::Telegram => "Telegram",
            Network::Bluesky => "Bluesky",
            Network::Mastodon => "Mastodon",
            Network::Threads => "Threads",
            Network::HackerNews => "Hacker News",
            Network::Email => "Email",
        }
    }
}

/// Reads a `data-share` value ("x,bluesky,mastodon,email,copy"): known keys in the given order,
/// each once; unknown keys are ignored. `twitter` means X, `hn` Hacker News, `mail` Email.
pub fn parse_controls(list: &str) -> Vec<ShareControl> {
    let mut out = Vec::new();
    for key in list
        .split([',', ' '])
        .map(|k| k.trim().to_ascii_lowercase())
    {
        let control = match key.as_str() {
            "native" | "share" => ShareControl::Native,
            "copy" | "link" => ShareControl::Copy,
            "twitter" => ShareControl::Link(Network::X),
            "hn" => ShareControl::Link(Network::HackerNews),
            "mail" => ShareControl::Link(Network::Email),
            k => match Network::ALL.iter().find(|n| n.key() == k) {
                Some(n) => ShareControl::Link(*n),
                None => continue,
            },
        };
        if !out.contains(&control) {
            out.push(control);
        }
    }
    out
}

/// What is shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareData {
    /// The article's address.
    pub url: SafeUrl,
    /// The text: the title, or `_article.share.text`.
    pub text: String,
    /// Hashtags without `#` (used by X).
    pub hashtags: Vec<String>,
    /// Account without `@` (used by X).
    pub via: Option<String>,
}

impl ShareData {
    /// What sharing `item` shares: its own `url` when that is a web address, else `page`, the
    /// address it is read at; nothing without either. The text is `_article.share.text`, else
    /// the title.
    pub fn for_item(item: &Item, page: Option<SafeUrl>) -> Option<ShareData> {
        let url = item
            .url
            .clone()
            .filter(SafeUrl::is_absolute_http)
            .or(page)?;
        Some(ShareData {
            url,
            text: item
                .share
                .text
                .clone()
                .or_else(|| item.title.clone())
                .unwrap_or_default(),
            hashtags: item.share.hashtags.clone(),
            via: item.share.via.clone(),
        })
    }
}

/// Number of grapheme clusters in `s`, as Bluesky counts its 300-character limit.
pub fn grapheme_len(s: &str) -> usize {
    graphemes(s).len()
}

/// Bluesky's post limit in grapheme clusters.
pub const BLUESKY_LIMIT: usize = 300;

/// `text` and `url` as one Bluesky post of at most [`BLUESKY_LIMIT`] graphemes: the text is
/// cut at a word boundary and ends with "…"; the URL is always whole.
pub fn bluesky_text(text: &str, url: &str) -> String {
    // A cluster is at least one character: a short post needs no segmenting.
    if text.chars().count() + 1 + url.chars().count() <= BLUESKY_LIMIT {
        return format!("{text} {url}");
    }
    let url_len = grapheme_len(url);
    if grapheme_len(text) + 1 + url_len <= BLUESKY_LIMIT {
        return format!("{text} {url}");
    }
    let room = BLUESKY_LIMIT.saturating_sub(url_len + 2);
    let clusters = graphemes(text);
    let head: String = clusters[..room.min(clusters.len())].concat();
    let cut = match head.rfind(char::is_whitespace) {
        Some(i) if i > 0 => &head[..i],
        _ => head.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    if cut.is_empty() {
        url.to_string()
    } else {
        format!("{cut}… {url}")
    }
}

/// The share link for `network`.
///
/// ```
/// use broadsheet_core::safe_url::SafeUrl;
/// use broadsheet_core::share::{share_url, Network, ShareData};
///
/// let data = ShareData {
///     url: SafeUrl::parse_absolute("https://example.com/posts/rust-and-wasm/").unwrap(),
///     text: "Rust & WASM: 100% safe?".to_string(),
///     hashtags: vec!["rust".to_string(), "wasm".to_string()],
///     via: Some("broadsheet".to_string()),
/// };
/// // Every value encoded as `encodeURIComponent` encodes it.
/// assert_eq!(
///     share_url(Network::X, &data).as_str(),
///     "https://x.com/intent/tweet?text=Rust%20%26%20WASM%3A%20100%25%20safe%3F\
///      &url=https%3A%2F%2Fexample.com%2Fposts%2Frust-and-wasm%2F&hashtags=rust,wasm&via=broadsheet"
/// );
/// assert_eq!(
///     share_url(Network::Email, &data).as_str(),
///     "mailto:?subject=Rust%20%26%20WASM%3A%20100%25%20safe%3F\
///      &body=Rust%20%26%20WASM%3A%20100%25%20safe%3F%0D%0A%0D%0A\
///      https%3A%2F%2Fexample.com%2Fposts%2Frust-and-wasm%2F"
/// );
///
/// // Bluesky's post is the text cut at a word to fit its 300 graphemes, and the whole URL.
/// let long = ShareData { text: "All the news that fits. ".repeat(20), ..data.clone() };
/// let post = share_url(Network::Bluesky, &long);
/// let fits = "All%20the%20news%20that%20fits.%20".repeat(10);
/// let expected = format!(
///     "https://bsky.app/intent/compose?text={fits}All%20the%20news%20that%E2%80%A6%20\
///      https%3A%2F%2Fexample.com%2Fposts%2Frust-and-wasm%2F"
/// );
/// assert_eq!(post.as_str(), expected);
/// ```
pub fn share_url(network: Network, data: &ShareData) -> SafeUrl {
    let t = encode_component(&data.text);
    let u = encode_component(data.url.as_str());
    let raw = match network {
        Network::X => {
            let mut s = format!("https://x.com/intent/tweet?text={t}&url={u}");
            if !data.hashtags.is_empty() {
                let tags: Vec<String> = data.hashtags.iter().map(|h| encode_component(h)).collect();
                s.push_str(&format!("&hashtags={}", tags.join(",")));
            }
            if let Some(via) = &data.via {
                s.push_str(&format!("&via={}", encode_component(via)));
            }
            s
        }
        Network::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        Network::LinkedIn => format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        Network::Reddit => format!("https://www.reddit.com/submit?url={u}&title={t}"),
        Network::WhatsApp => format!("https://wa.me/?text={t}%20{u}"),
        Network::Telegram => format!("https://t.me/share/url?url={u}&text={t}"),
        Network::Bluesky => format!(
            "https://bsky.app/intent/compose?text={}",
            encode_component(&bluesky_text(&data.text, data.url.as_str()))
        ),
        Network::Mastodon => format!("https://share.joinmastodon.org/#text={t}%20{u}"),
        Network::Threads => format!("https://www.threads.com/intent/post?text={t}&url={u}"),
        Network::HackerNews => format!("https://news.ycombinator.com/submitlink?u={u}&t={t}"),
        Network::Email => format!("mailto:?subject={t}&body={t}%0D%0A%0D%0A{u}"),
    };
    // Every template above is an absolute https or mailto URL with encoded values, which
    // always validates; the fallback only keeps this total.
    SafeUrl::parse(&raw, None, UrlUse::Link).unwrap_or_else(|| data.url.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "“Rust” & WASM: #1 café 🚀";
    const T_ENC: &str = "%E2%80%9CRust%E2%80%9D%20%26%20WASM%3A%20%231%20caf%C3%A9%20%F0%9F%9A%80";
    const U: &str = "https://example.com/posts/rust-wasm?ref=a&b=c#intro";
    const U_ENC: &str = "https%3A%2F%2Fexample.com%2Fposts%2Frust-wasm%3Fref%3Da%26b%3Dc%23intro";

    fn data(text: &str, url: &str) -> ShareData {
        ShareData {
            url: SafeUrl::parse_absolute(url).expect("valid URL"),
            text: text.to_string(),
            hashtags: Vec::new(),
            via: None,
        }
    }

    fn url(network: Network, d: &ShareData) -> String {
        share_url(network, d).to_string()
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component(T), T_ENC);
        assert_eq!(encode_component(U), U_ENC);
        assert_eq!(encode_component("C++ & Rust"), "C%2B%2B%20%26%20Rust");
        assert_eq!(
            encode_component("a-b_c.d!e~f*g'h(i)j"),
            "a-b_c.d!e~f*g'h(i)j"
        );
        assert_eq!(
            encode_component("שלום עולם"),
            "%D7%A9%D7%9C%D7%95%D7%9D%20%D7%A2%D7%95%D7%9C%D7%9D"
        );
        assert_eq!(encode_component("日本"), "%E6%97%A5%E6%9C%AC");
        assert_eq!(encode_component("+/?#=&%"), "%2B%2F%3F%23%3D%26%25");
    }

    #[test]
    fn issue_vectors_for_every_network() {
        let d = data(T, U);
        assert_eq!(
            url(Network::X, &d),
            format!("https://x.com/intent/tweet?text={T_ENC}&url={U_ENC}")
        );
        assert_eq!(
            url(Network::Facebook, &d),
            format!("https://www.facebook.com/sharer/sharer.php?u={U_ENC}")
        );
        assert_eq!(
            url(Network::LinkedIn, &d),
            format!("https://www.linkedin.com/sharing/share-offsite/?url={U_ENC}")
        );
        assert_eq!(
            url(Network::Reddit, &d),
            format!("https://www.reddit.com/submit?url={U_ENC}&title={T_ENC}")
        );
        assert_eq!(
            url(Network::WhatsApp, &d),
            format!("https://wa.me/?text={T_ENC}%20{U_ENC}")
        );
        assert_eq!(
            url(Network::Telegram, &d),
            format!("https://t.me/share/url?url={U_ENC}&text={T_ENC}")
        );
        assert_eq!(
            url(Network::Bluesky, &d),
            format!("https://bsky.app/intent/compose?text={T_ENC}%20{U_ENC}")
        );
        assert_eq!(
            url(Network::Mastodon, &d),
            format!("https://share.joinmastodon.org/#text={T_ENC}%20{U_ENC}")
        );
        assert_eq!(
            url(Network::Threads, &d),
            format!("https://www.threads.com/intent/post?text={T_ENC}&url={U_ENC}")
        );
        assert_eq!(
            url(Network::HackerNews, &d),
            format!("https://news.ycombinator.com/submitlink?u={U_ENC}&t={T_ENC}")
        );
        let email = url(Network::Email, &d);
        assert_eq!(
            email,
            format!("mailto:?subject={T_ENC}&body={T_ENC}%0D%0A%0D%0A{U_ENC}")
        );
        assert!(!email.contains('+'));
    }

    #[test]
    fn x_carries_hashtags_and_via() {
        let mut d = data("C++ & Rust", "https://n.example/a");
        d.hashtags = vec!["rust".into(), "wasm".into()];
        d.via = Some("broadsheet".into());
        assert_eq!(
            url(Network::X, &d),
            "https://x.com/intent/tweet?text=C%2B%2B%20%26%20Rust&url=https%3A%2F%2Fn.example%2Fa&hashtags=rust,wasm&via=broadsheet"
        );
    }

    #[test]
    fn right_to_left_and_emoji_titles_stay_intact() {
        let d = data("مرحبا بالعالم 👋🏽", "https://n.example/ar");
        let link = url(Network::WhatsApp, &d);
        assert!(link.starts_with("https://wa.me/?text=%D9%85%D8%B1"));
        assert!(link.contains("%F0%9F%91%8B%F0%9F%8F%BD%20https%3A%2F%2Fn.example%2Far"));
    }

    #[test]
    fn counts_graphemes_not_chars() {
        assert_eq!(grapheme_len("café"), 4);
        assert_eq!(grapheme_len("cafe\u{301}"), 4);
        assert_eq!(grapheme_len("👨‍👩‍👧‍👦"), 1);
        assert_eq!(grapheme_len("👋🏽"), 1);
        assert_eq!(grapheme_len("🇫🇷🇩🇪"), 2);
        assert_eq!(grapheme_len("🇫🇷🇩"), 2);
        assert_eq!(grapheme_len(""), 0);
    }

    #[test]
    fn bluesky_cuts_long_titles_at_a_word_and_keeps_the_url() {
        let long = "Word ".repeat(100) + "end";
        let u = "https://n.example/a?x=1#y";
        let text = bluesky_text(&long, u);
        assert!(
            grapheme_len(&text) <= BLUESKY_LIMIT,
            "{}",
            grapheme_len(&text)
        );
        assert!(text.ends_with(&format!("Word… {u}")), "{text}");
        let emoji = "👨‍👩‍👧‍👦 ".repeat(200);
        let text = bluesky_text(&emoji, u);
        assert!(grapheme_len(&text) <= BLUESKY_LIMIT);
        assert!(text.contains("👨‍👩‍👧‍👦… "), "never splits a cluster");
        let unbroken = "x".repeat(400);
        let text = bluesky_text(&unbroken, u);
        assert_eq!(grapheme_len(&text), BLUESKY_LIMIT);
        assert_eq!(bluesky_text("Short", u), format!("Short {u}"));
        let d = data(&long, u);
        assert!(url(Network::Bluesky, &d)
            .ends_with("%E2%80%A6%20https%3A%2F%2Fn.example%2Fa%3Fx%3D1%23y"));
    }

    #[test]
    fn reads_the_control_list() {
        use ShareControl::*;
        assert_eq!(
            parse_controls("x, Bluesky,mastodon,email,copy,x,pocket,native"),
            [
                Link(Network::X),
                Link(Network::Bluesky),
                Link(Network::Mastodon),
                Link(Network::Email),
                Copy,
                Native
            ]
        );
        assert_eq!(
            parse_controls("twitter hn"),
            [Link(Network::X), Link(Network::HackerNews)]
        );
        assert_eq!(parse_controls(DEFAULT_CONTROLS).len(), 9);
        assert!(parse_controls("").is_empty());
    }
}
