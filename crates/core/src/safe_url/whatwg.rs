//! The parts of the WHATWG URL standard's parser that `SafeUrl` accepts, written from the
//! standard's state machine: `http` and `https` URLs (absolute, or relative to such a base) and
//! URLs with an opaque path (`mailto:`, `tel:`, `data:`). Every input accepted here serializes
//! as a browser serializes it; WPT's `urltestdata.json` checks that
//! (`crates/core/tests/wpt_url.rs`). What the standard accepts but this parser does not
//! (credentials, IPv6 hosts, international domain names, `xn--` labels) is refused: a link is
//! dropped rather than risk reading it differently from the browser.

use std::fmt::Write;

/// A parsed `http` or `https` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Special {
    /// `http` or `https`.
    pub scheme: &'static str,
    /// The host, lowercase ASCII: a domain or a dotted IPv4 address.
    pub host: String,
    /// The port, when it is not the scheme's default.
    pub port: Option<u16>,
    /// The path's segments, percent-encoded.
    pub path: Vec<String>,
    /// The query without `?`, percent-encoded.
    pub query: Option<String>,
    /// The fragment without `#`, percent-encoded.
    pub fragment: Option<String>,
}

impl Special {
    /// The URL as the standard serializes it.
    pub fn serialize(&self) -> String {
        let mut out = format!("{}://{}", self.scheme, self.host);
        if let Some(port) = self.port {
            let _ = write!(out, ":{port}");
        }
        for segment in &self.path {
            out.push('/');
            out.push_str(segment);
        }
        if let Some(query) = &self.query {
            out.push('?');
            out.push_str(query);
        }
        if let Some(fragment) = &self.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }
}

/// The scheme of a special URL, from its lowercase name.
pub fn special_scheme(name: &str) -> Option<&'static str> {
    match name {
        "http" => Some("http"),
        "https" => Some("https"),
        _ => None,
    }
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "https" {
        443
    } else {
        80
    }
}

/// Which characters a part of a URL percent-encodes, besides C0 controls and non-ASCII.
#[derive(Clone, Copy)]
enum EncodeSet {
    /// An opaque path.
    C0Control,
    /// A fragment: space, `"`, `<`, `>`, `` ` ``.
    Fragment,
    /// A query of a non-special URL: space, `"`, `#`, `<`, `>`.
    Query,
    /// A query of a special URL: also `'`.
    SpecialQuery,
    /// A path segment: the query set and `?`, `^`, `` ` ``, `{`, `}`.
    Path,
}

impl EncodeSet {
    fn contains(self, b: u8) -> bool {
        if !(0x20..=0x7E).contains(&b) {
            return true;
        }
        let fragment = matches!(b, b' ' | b'"' | b'<' | b'>' | b'`');
        let query = matches!(b, b' ' | b'"' | b'#' | b'<' | b'>');
        match self {
            EncodeSet::C0Control => false,
            EncodeSet::Fragment => fragment,
            EncodeSet::Query => query,
            EncodeSet::SpecialQuery => query || b == b'\'',
            EncodeSet::Path => query || matches!(b, b'?' | b'^' | b'`' | b'{' | b'}'),
        }
    }
}

/// `text` percent-encoded (as UTF-8) with `set`.
fn encode(text: &str, set: EncodeSet) -> String {
    super::percent_encode(text, |b| !set.contains(b))
}

/// `.`, or `%2e` in any case.
fn is_single_dot(segment: &str) -> bool {
    segment == "." || segment.eq_ignore_ascii_case("%2e")
}

/// `..`, with either dot written `%2e` in any case.
fn is_double_dot(segment: &str) -> bool {
    matches!(
        segment.to_ascii_lowercase().as_str(),
        ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// Adds the segments of `input` (a path, its separators `/` or `\`) to `path`, resolving dot
/// segments as the standard's path state does.
fn push_path(path: &mut Vec<String>, input: &str) {
    let input = input.strip_prefix(['/', '\\']).unwrap_or(input);
    let segments: Vec<&str> = input.split(['/', '\\']).collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let at_end = i == last;
        if is_double_dot(segment) {
            path.pop();
            if at_end {
                path.push(String::new());
            }
        } else if is_single_dot(segment) {
            if at_end {
                path.push(String::new());
            }
        } else {
            path.push(encode(segment, EncodeSet::Path));
        }
    }
}

/// Splits `input` at the first `?` and `#`: the part before, the query and the fragment.
fn split_tail(input: &str) -> (&str, Option<&str>, Option<&str>) {
    let (before_fragment, fragment) = match input.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (input, None),
    };
    let (before_query, query) = match before_fragment.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (before_fragment, None),
    };
    (before_query, query, fragment)
}

/// Parses what follows `scheme:` of a special URL, with `base` for a relative one of the same
/// scheme (`http:foo` against an `http` base). `None` where the standard fails, or where this
/// parser refuses (see the module's header).
pub fn parse_special(scheme: &'static str, rest: &str, base: Option<&Special>) -> Option<Special> {
    match base {
        Some(base) if base.scheme == scheme => relative(rest, base),
        _ => authority_and_path(scheme, rest.trim_start_matches(['/', '\\'])),
    }
}

/// What follows two slashes (`/` or `\\`, in any mix) at the start of `input`, every slash
/// skipped: where the authority of a reference without a scheme (or with its base's) starts.
/// `None` without two slashes: then the reference has no authority.
pub fn after_two_slashes(input: &str) -> Option<&str> {
    let mut chars = input.chars();
    let two = matches!(chars.next(), Some('/' | '\\')) && matches!(chars.next(), Some('/' | '\\'));
    two.then(|| input.trim_start_matches(['/', '\\']))
}

/// `input`, which starts at a special URL's authority, split where the authority ends: at the
/// path, query or fragment.
pub fn split_authority(input: &str) -> (&str, &str) {
    input.split_at(input.find(['/', '\\', '?', '#']).unwrap_or(input.len()))
}

/// Resolves `input`, a URL without a scheme, against `base`.
pub fn relative(input: &str, base: &Special) -> Option<Special> {
    let mut url = Special {
        fragment: None,
        ..base.clone()
    };
    if let Some(authority) = after_two_slashes(input) {
        return authority_and_path(base.scheme, authority);
    }
    match input.chars().next() {
        None => return Some(url),
        Some('/' | '\\') => {
            let (path, query, fragment) = split_tail(input);
            url.path.clear();
            push_path(&mut url.path, path);
            url.query = query.map(|q| encode(q, EncodeSet::SpecialQuery));
            url.fragment = fragment.map(|f| encode(f, EncodeSet::Fragment));
        }
        Some('?') => {
            let (_, query, fragment) = split_tail(input);
            url.query = query.map(|q| encode(q, EncodeSet::SpecialQuery));
            url.fragment = fragment.map(|f| encode(f, EncodeSet::Fragment));
        }
        Some('#') => url.fragment = Some(encode(&input[1..], EncodeSet::Fragment)),
        Some(_) => {
            let (path, query, fragment) = split_tail(input);
            url.path.pop();
            push_path(&mut url.path, path);
            url.query = query.map(|q| encode(q, EncodeSet::SpecialQuery));
            url.fragment = fragment.map(|f| encode(f, EncodeSet::Fragment));
        }
    }
    Some(url)
}

/// Parses `input`, which starts at a special URL's authority.
fn authority_and_path(scheme: &'static str, input: &str) -> Option<Special> {
    let (authority, after) = split_authority(input);
    // Credentials are refused: `https://trusted.example@evil.example/` misleads readers.
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rfind(':') {
        Some(colon) => (&authority[..colon], Some(&authority[colon + 1..])),
        None => (authority, None),
    };
    let host = parse_host(host)?;
    let port = match port {
        None | Some("") => None,
        Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            let value: u32 = digits.bytes().try_fold(0u32, |v, b| {
                v.checked_mul(10)?.checked_add(u32::from(b - b'0'))
            })?;
            let value = u16::try_from(value).ok()?;
            (value != default_port(scheme)).then_some(value)
        }
        Some(_) => return None,
    };
    let (path, query, fragment) = split_tail(after);
    let mut segments = Vec::new();
    push_path(&mut segments, path);
    Some(Special {
        scheme,
        host,
        port,
        path: segments,
        query: query.map(|q| encode(q, EncodeSet::SpecialQuery)),
        fragment: fragment.map(|f| encode(f, EncodeSet::Fragment)),
    })
}

/// The bytes of `input` with its `%XX` sequences decoded.
fn percent_decode(input: &str) -> Vec<u8> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|b| hex(*b)),
            bytes.get(i + 2).and_then(|b| hex(*b)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// True when `host` (as written, percent-encoded or not) is one `SafeUrl` accepts: once
/// decoded, ASCII letters, digits, `-`, `.` and `_` only. The standard allows more (`~`, `!`,
/// `*`, ...), which no real host uses and which browsers do not all read alike (Chromium
/// escapes `*`, and accepts spaces and full-width letters the standard refuses): such a link is
/// dropped. So are international domain names, and IPv6 hosts (`[...]`).
pub fn is_plain_host(host: &str) -> bool {
    let decoded = percent_decode(host);
    !decoded.is_empty()
        && decoded
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

/// Parses the host of a special URL: a lowercase ASCII domain or a dotted IPv4 address.
fn parse_host(input: &str) -> Option<String> {
    if !is_plain_host(input) {
        return None;
    }
    let domain = String::from_utf8(percent_decode(input))
        .ok()?
        .to_ascii_lowercase();
    if domain.split('.').any(|label| label.starts_with("xn--")) {
        return None;
    }
    if ends_in_a_number(&domain) {
        return parse_ipv4(&domain);
    }
    Some(domain)
}

/// True when the last label (a final empty one aside) is a number, so the host is IPv4.
fn ends_in_a_number(domain: &str) -> bool {
    let mut labels: Vec<&str> = domain.split('.').collect();
    if labels.last() == Some(&"") {
        if labels.len() == 1 {
            return false;
        }
        labels.pop();
    }
    let last = labels.last().copied().unwrap_or_default();
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    ipv4_number(last).is_some()
}

/// One part of an IPv4 address: decimal, `0x` hexadecimal or `0` octal.
fn ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) = if let Some(hex) = part.strip_prefix("0x").or(part.strip_prefix("0X")) {
        (hex, 16)
    } else if part.len() > 1 && part.starts_with('0') {
        (&part[1..], 8)
    } else {
        (part, 10)
    };
    if digits.is_empty() {
        return Some(0);
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Far past any address: a number this long only fails the range checks below.
    Some(u64::from_str_radix(digits, radix).unwrap_or(u64::MAX))
}

/// Parses a host that ends in a number as the standard's IPv4 parser does.
fn parse_ipv4(domain: &str) -> Option<String> {
    let mut parts: Vec<&str> = domain.split('.').collect();
    if parts.last() == Some(&"") && parts.len() > 1 {
        parts.pop();
    }
    if parts.len() > 4 {
        return None;
    }
    let numbers: Vec<u64> = parts
        .iter()
        .map(|p| ipv4_number(p))
        .collect::<Option<_>>()?;
    let (last, rest) = numbers.split_last()?;
    if rest.iter().any(|n| *n > 255) || *last >= 256u64.pow(5 - numbers.len() as u32) {
        return None;
    }
    let mut address = *last;
    for (i, n) in rest.iter().enumerate() {
        address += n * 256u64.pow(3 - i as u32);
    }
    let octets = (address as u32).to_be_bytes();
    Some(format!(
        "{}.{}.{}.{}",
        octets[0], octets[1], octets[2], octets[3]
    ))
}

/// What follows `scheme:` in a URL with an opaque path (`mailto:a@b`, `data:...`), serialized:
/// `None` when it starts with `/` (a URL with a path, which is not supported here).
pub fn opaque(rest: &str) -> Option<String> {
    if rest.starts_with('/') {
        return None;
    }
    let (path, query, fragment) = split_tail(rest);
    let mut out = String::with_capacity(rest.len());
    let mut chars = path.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // A space before the query or fragment is encoded, so that it survives them.
        if c == ' ' && chars.peek().is_none() && (query.is_some() || fragment.is_some()) {
            out.push_str("%20");
        } else {
            out.push_str(&encode(&path[i..i + c.len_utf8()], EncodeSet::C0Control));
        }
    }
    if let Some(query) = query {
        out.push('?');
        out.push_str(&encode(query, EncodeSet::Query));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(&encode(fragment, EncodeSet::Fragment));
    }
    Some(out)
}

/// Parses a serialized `http` or `https` URL back (a `SafeUrl` used as a base).
pub fn reparse(serialized: &str) -> Option<Special> {
    let (scheme, rest) = serialized.split_once("://")?;
    authority_and_path(special_scheme(scheme)?, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn absolute(input: &str) -> Option<String> {
        let (scheme, rest) = input.split_once(':')?;
        parse_special(special_scheme(scheme)?, rest, None).map(|u| u.serialize())
    }

    fn against(base: &str, input: &str) -> Option<String> {
        relative(input, &reparse(base)?).map(|u| u.serialize())
    }

    #[test]
    fn serializes_as_a_browser_does() {
        assert_eq!(
            absolute("http://A.Example").as_deref(),
            Some("http://a.example/")
        );
        assert_eq!(
            absolute("https://a.example:443/x").as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(
            absolute("http:\\\\a.example\\b\\..\\c").as_deref(),
            Some("http://a.example/c")
        );
        assert_eq!(
            absolute("http://a.example/a b?c d#e f").as_deref(),
            Some("http://a.example/a%20b?c%20d#e%20f")
        );
        assert_eq!(
            absolute("http://0x7f.1/").as_deref(),
            Some("http://127.0.0.1/")
        );
        assert_eq!(
            absolute("http://a.example/%2e%2E/x").as_deref(),
            Some("http://a.example/x")
        );
        assert_eq!(
            absolute("http://a.example/é").as_deref(),
            Some("http://a.example/%C3%A9")
        );
        for refused in [
            "http://",
            "http://a b/",
            "http://u:p@a.example/",
            "http://[::1]/",
            "http://münchen.de/",
            "http://a.example:99999/",
            "http://a.example:8o/",
        ] {
            assert_eq!(absolute(refused), None, "{refused}");
        }
    }

    #[test]
    fn resolves_against_a_base() {
        let base = "https://a.example/site/post.json?v=1#top";
        assert_eq!(
            against(base, "../img/x.svg").as_deref(),
            Some("https://a.example/img/x.svg")
        );
        assert_eq!(
            against(base, "/\\evil.example/x").as_deref(),
            Some("https://evil.example/x")
        );
        assert_eq!(
            against(base, "?v=2").as_deref(),
            Some("https://a.example/site/post.json?v=2")
        );
        assert_eq!(
            against(base, "#n").as_deref(),
            Some("https://a.example/site/post.json?v=1#n")
        );
        assert_eq!(
            against(base, "").as_deref(),
            Some("https://a.example/site/post.json?v=1")
        );
    }

    #[test]
    fn opaque_paths_keep_their_text() {
        assert_eq!(
            opaque("me@a.example?subject=A B").as_deref(),
            Some("me@a.example?subject=A%20B")
        );
        assert_eq!(opaque("x ?y").as_deref(), Some("x%20?y"));
        assert_eq!(opaque("/x"), None);
    }
}
