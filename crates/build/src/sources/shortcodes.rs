//! Hugo shortcodes (`{{< name args >}}`, `{{% name args %}}`) and Jekyll's Liquid `highlight`
//! and `raw` tags, turned into the Markdown or HTML they stand for before the Markdown is
//! rendered. Without this a Hugo post shows its template calls as text.
//!
//! Rendered: `highlight` as a code block; `youtube`, `vimeo`, `x`/`twitter`/`tweet`,
//! `instagram` and `gist` as plain links (no embed, so nothing is fetched from a third party
//! before a click); `figure` as a figure; `audio` and `video` as links to the file. Inline
//! shortcode templates (`name.inline`) go with what they hold; any other shortcode is left out
//! and what it wraps kept, and its name is reported. Hugo's escape `{{</* x */>}}` gives the
//! shortcode's text back, as Hugo does.

/// The Markdown with its shortcodes made Markdown and HTML, and the names of those it could
/// not render.
pub fn expand(markdown: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(markdown.len());
    let mut unknown: Vec<String> = Vec::new();
    let mut rest = markdown;
    while let Some(start) = find_open(rest) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(call) = Call::parse(after) else {
            out.push_str(&after[..3]);
            rest = &after[3..];
            continue;
        };
        rest = &after[call.length..];
        if let Some(literal) = call.escaped {
            out.push_str(&literal);
            continue;
        }
        if call.closing {
            continue;
        }
        let paired = |name: &str, rest: &str| -> Option<(usize, usize)> {
            let mut from = 0;
            while let Some(at) = find_open(&rest[from..]).filter(|at| from + at < MAX_PAIRED_BYTES)
            {
                let at = from + at;
                if let Some(end) = Call::parse(&rest[at..]) {
                    if end.closing && end.name == name {
                        return Some((at, at + end.length));
                    }
                    from = at + end.length;
                } else {
                    from = at + 3;
                }
            }
            None
        };
        match call.name.as_str() {
            "highlight" | "code" => {
                let (inner, skip) = match paired(&call.name, rest) {
                    Some((at, end)) => (&rest[..at], end),
                    None => ("", 0),
                };
                let language = call.arg(0, "lang").unwrap_or_default();
                let fence = if inner.contains("```") { "~~~~" } else { "```" };
                out.push_str(&format!(
                    "\n{fence}{language}\n{}\n{fence}\n",
                    inner.trim_matches('\n')
                ));
                rest = &rest[skip..];
            }
            name if name.ends_with(".inline") => {
                if let Some((_, end)) = paired(name, rest) {
                    rest = &rest[end..];
                }
            }
            _ => match link_for(&call) {
                Some(markup) => out.push_str(&markup),
                None => {
                    if !unknown.contains(&call.name) {
                        unknown.push(call.name.clone());
                    }
                }
            },
        }
    }
    out.push_str(rest);
    (expand_liquid(&out), unknown)
}

/// Longest shortcode call read (`{{< name args >}}`).
const MAX_CALL_BYTES: usize = 2_000;

/// Farthest a paired shortcode's closing call is looked for.
const MAX_PAIRED_BYTES: usize = 200_000;

/// Where the next `{{<` or `{{%` starts.
fn find_open(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find("{{") {
        let at = from + at;
        if matches!(text.as_bytes().get(at + 2), Some(b'<' | b'%')) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// One shortcode call.
struct Call {
    name: String,
    /// Its arguments: positional ones with an empty key.
    args: Vec<(String, String)>,
    /// A closing call (`{{< /name >}}`).
    closing: bool,
    /// For an escaped call (`{{</* x */>}}`), the text it stands for.
    escaped: Option<String>,
    /// Bytes from `{{` to `}}` inclusive.
    length: usize,
}

impl Call {
    /// The call at the start of `text` (which starts with `{{<` or `{{%`).
    fn parse(text: &str) -> Option<Call> {
        let (delimiter, close) = match text.as_bytes().get(2)? {
            b'<' => ('<', ">}}"),
            _ => ('%', "%}}"),
        };
        // A call ends within its first few lines: the search is bounded, so text full of
        // `{{<` that never close costs linear time, and starts after the opening.
        let window = &text.as_bytes()[3..text.len().min(3 + MAX_CALL_BYTES)];
        let end = 3 + window.windows(3).position(|w| w == close.as_bytes())?;
        let inside = text[3..end].trim();
        let length = end + close.len();
        if let Some(comment) = inside.strip_prefix("/*").and_then(|s| s.strip_suffix("*/")) {
            return Some(Call {
                name: String::new(),
                args: Vec::new(),
                closing: false,
                escaped: Some(format!("{{{{{delimiter}{comment}{close}")),
                length,
            });
        }
        if inside.contains('\n') && inside.lines().count() > 3 {
            return None;
        }
        let (closing, inside) = match inside.strip_prefix('/') {
            Some(rest) => (true, rest.trim()),
            None => (false, inside.trim_end_matches('/').trim()),
        };
        let mut words = split_args(inside).into_iter();
        let name = words.next()?.1;
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "_-./".contains(c))
        {
            return None;
        }
        Some(Call {
            name,
            args: words.collect(),
            closing,
            escaped: None,
            length,
        })
    }

    /// The argument named `key`.
    fn named(&self, key: &str) -> Option<String> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    }

    /// The argument named `key`, or else the positional one at `position`.
    fn arg(&self, position: usize, key: &str) -> Option<String> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| self.args.iter().filter(|(k, _)| k.is_empty()).nth(position))
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    }
}

/// Splits `key="a b" c` into `("key", "a b")` and `("", "c")`.
fn split_args(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return out;
        }
        let mut key = String::new();
        let mut value = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            match c {
                '"' | '`' => {
                    chars.next();
                    quoted = true;
                    for q in chars.by_ref() {
                        if q == c {
                            break;
                        }
                        value.push(q);
                    }
                }
                '=' if !quoted && key.is_empty() => {
                    chars.next();
                    key = std::mem::take(&mut value);
                }
                c if c.is_whitespace() => break,
                c => {
                    chars.next();
                    value.push(c);
                }
            }
        }
        out.push((key, value));
    }
}

/// A link (or figure) for the shortcodes of embeds and media, as Markdown or HTML.
fn link_for(call: &Call) -> Option<String> {
    // Ids and user names go into URLs as they are: only the characters such names have.
    let plain = |v: String| {
        (!v.is_empty()
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .then_some(v)
    };
    let id = |key: &str| call.arg(0, key).and_then(plain);
    let (label, url) = match call.name.as_str() {
        "youtube" => (
            "Video on YouTube",
            format!("https://www.youtube.com/watch?v={}", id("id")?),
        ),
        "vimeo" | "vimeo_simple" => ("Video on Vimeo", format!("https://vimeo.com/{}", id("id")?)),
        "x" | "twitter" | "tweet" | "twitter_simple" | "x_simple" => {
            // `x user="u" id="1"`, `tweet u 1`, or the id alone.
            let positional: Vec<&String> = call
                .args
                .iter()
                .filter(|(k, _)| k.is_empty())
                .map(|(_, v)| v)
                .collect();
            let post = call
                .named("id")
                .or_else(|| positional.last().map(|v| v.to_string()))?;
            let user = call
                .named("user")
                .or_else(|| (positional.len() == 2).then(|| positional[0].clone()))
                .unwrap_or_else(|| "i".into());
            ("Post on X", format!("https://x.com/{user}/status/{post}"))
        }
        "instagram" => (
            "Post on Instagram",
            format!("https://www.instagram.com/p/{}/", id("id")?),
        ),
        "gist" => {
            let user = call.arg(0, "user").and_then(plain)?;
            let gist = call.arg(1, "id").and_then(plain)?;
            (
                "Gist on GitHub",
                format!("https://gist.github.com/{user}/{gist}"),
            )
        }
        "audio" | "video" => {
            let src = call.arg(0, "src")?;
            let label = call
                .arg(1, "caption")
                .unwrap_or_else(|| src.rsplit('/').next().unwrap_or(&src).to_string());
            return Some(format!(
                "[{}]({})",
                escape_markdown(&label),
                link_destination(&src)
            ));
        }
        "figure" => {
            let src = call.arg(0, "src")?;
            let alt = call.named("alt").unwrap_or_default();
            let caption = call.named("caption").or(call.named("title"));
            let img = format!(
                "<img src=\"{}\" alt=\"{}\">",
                attribute(&src),
                attribute(&alt)
            );
            let img = match call.named("link") {
                Some(link) => format!("<a href=\"{}\">{img}</a>", attribute(&link)),
                None => img,
            };
            let caption = caption.map_or(String::new(), |c| {
                format!("<figcaption>{}</figcaption>", attribute(&c))
            });
            return Some(format!("\n\n<figure>{img}{caption}</figure>\n\n"));
        }
        _ => return None,
    };
    Some(format!("[{label}]({url})"))
}

/// `text` safe inside a double-quoted HTML attribute or as HTML text.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// `url` safe as a Markdown link's destination: the characters that would end or break it
/// percent-encoded.
fn link_destination(url: &str) -> String {
    url.replace('%', "%25")
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// `text` safe as a Markdown link's text.
fn escape_markdown(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

/// Jekyll's Liquid: `{% highlight lang %}...{% endhighlight %}` as a code block, and the
/// `raw`/`endraw` tags gone (their content is shown as written).
fn expand_liquid(markdown: &str) -> String {
    if !markdown.contains("{%") {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(start) = rest.find("{%") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start + 2..].find("%}").map(|e| e + 2) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let tag = rest[start + 2..start + end].trim().trim_matches('-').trim();
        let mut words = tag.split_whitespace();
        let after = &rest[start + end + 2..];
        match words.next() {
            Some("highlight") => {
                let language = words.next().unwrap_or_default();
                let (inner, next) = match after.find("{% endhighlight %}") {
                    Some(close) => (
                        &after[..close],
                        &after[close + "{% endhighlight %}".len()..],
                    ),
                    None => (after, ""),
                };
                out.push_str(&format!(
                    "\n```{language}\n{}\n```\n",
                    inner.trim_matches('\n')
                ));
                rest = next;
            }
            Some("raw" | "endraw") => rest = after,
            _ => {
                out.push_str(&rest[start..start + end + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::expand;

    #[test]
    fn embeds_become_links_and_code_stays_code() {
        let (md, unknown) = expand(
            "A {{< youtube ZJthWmvUzzc >}} and {{< x user=\"GoHugoIO\" id=\"130\" >}}.\n\n{{< highlight go \"linenos=table\" >}}\nfmt.Println(1)\n{{< /highlight >}}\n\n{{< gist spf13 7896402 >}} {{< vimeo_simple 48912912 >}} {{< twitter_simple 108 >}}",
        );
        assert!(
            md.contains("[Video on YouTube](https://www.youtube.com/watch?v=ZJthWmvUzzc)"),
            "{md}"
        );
        assert!(md.contains("(https://x.com/GoHugoIO/status/130)"), "{md}");
        assert!(md.contains("\n```go\nfmt.Println(1)\n```\n"), "{md}");
        assert!(
            md.contains("(https://gist.github.com/spf13/7896402)"),
            "{md}"
        );
        assert!(md.contains("(https://vimeo.com/48912912)"), "{md}");
        assert!(md.contains("(https://x.com/i/status/108)"), "{md}");
        assert!(unknown.is_empty(), "{unknown:?}");
    }

    #[test]
    fn unknown_shortcodes_keep_what_they_wrap_and_are_named() {
        let (md, unknown) = expand(
            "{{< collapse summary=\"More\" >}}\nInside **it**.\n{{< /collapse >}}\n{{< css.inline >}}<style>x{}</style>{{< /css.inline >}}\n{{% notice %}}Note{{% /notice %}}",
        );
        assert!(md.contains("Inside **it**."), "{md}");
        assert!(!md.contains("collapse") && !md.contains("<style>"), "{md}");
        assert_eq!(unknown, ["collapse", "notice"]);
    }

    #[test]
    fn escaped_shortcodes_and_liquid() {
        let (md, _) = expand("Write `{{</* youtube id */>}}`.\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n{% raw %}{{ x }}{% endraw %}");
        assert!(md.contains("`{{< youtube id >}}`"), "{md}");
        assert!(md.contains("```ruby\nputs 1\n```"), "{md}");
        assert!(md.contains("{{ x }}") && !md.contains("raw"), "{md}");
        let (md, _) = expand("{{< figure src=\"a b.png\" alt=\"A & B\" caption=\"<i>x</i>\" >}}");
        assert!(
            md.contains("<img src=\"a b.png\" alt=\"A &amp; B\">"),
            "{md}"
        );
        assert!(
            md.contains("<figcaption>&lt;i>x&lt;/i></figcaption>"),
            "{md}"
        );
        // Inputs that once panicked, and ids that are not ids.
        for odd in [
            "{{%}}",
            "{{<>}}",
            "see {%}",
            "{%",
            "{{< youtube \"x) [y](javascript:z\" >}}",
        ] {
            let (md, _) = expand(odd);
            assert!(!md.contains("javascript:z)"), "{md}");
        }
        // Not a shortcode: Go templates in code and a lone `{{<`.
        let (md, unknown) = expand("`{{ .Title }}` and {{< broken");
        assert_eq!(md, "`{{ .Title }}` and {{< broken");
        assert!(unknown.is_empty());
    }
}
