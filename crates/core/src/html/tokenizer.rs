//! A small HTML tokenizer: start tags with attributes, end tags and text, following the
//! tokenization rules of the HTML standard closely enough for article markup (quoted and
//! unquoted attributes, comments, raw-text elements such as `<script>` and `<style>`).
//!
//! It never fails: anything it cannot read as markup is text. Tree building and all safety
//! decisions belong to the sanitizer.

use std::borrow::Cow;

use super::entities::{decode, Place};

/// One token of an HTML document. Text and attribute values are already decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// `<name attr=value ...>`; `name` and attribute names are ASCII-lowercased.
    Start {
        /// Tag name.
        name: String,
        /// Attributes in source order, the first of duplicate names only.
        attrs: Vec<(String, String)>,
        /// Written `<name ... />`: an empty element, for foreign elements (MathML).
        self_closing: bool,
    },
    /// `</name>`.
    End {
        /// Tag name.
        name: String,
    },
    /// Character data between tags.
    Text(String),
    /// The content of a raw-text element (`script`, `style`, `textarea`, ...), not decoded.
    RawText(String),
}

/// Elements whose content is not markup: everything up to the matching end tag is raw text.
pub const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// The input stream preprocessed as the standard does before tokenizing: every CR LF pair
/// and every lone CR becomes LF.
pub fn normalize_newlines(input: &str) -> Cow<'_, str> {
    if input.contains('\r') {
        Cow::Owned(input.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(input)
    }
}

/// Iterates over the tokens of an HTML fragment (preprocessed by [`normalize_newlines`]).
pub struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    pending_raw: Option<String>,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `input`.
    pub fn new(input: &'a str) -> Self {
        Tokenizer {
            input,
            pos: 0,
            pending_raw: None,
        }
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    /// Reads the content of a raw-text element up to `</name` followed by a tag-name end.
    fn raw_text(&mut self, name: &str) -> Token {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let mut search = 0;
        let end = loop {
            match rest[search..].find("</") {
                None => break rest.len(),
                Some(i) => {
                    let at = search + i;
                    let after = at + 2;
                    let candidate = bytes.get(after..after + name.len());
                    let terminated = matches!(
                        bytes.get(after + name.len()),
                        None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
                    );
                    if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()))
                        && terminated
                    {
                        break at;
                    }
                    search = after;
                }
            }
        };
        self.pos += end;
        Token::RawText(rest[..end].to_string())
    }

    /// Skips a comment or bogus comment starting at `<!`, `<?` or `</` + non-letter.
    fn skip_comment(&mut self) {
        let rest = self.rest();
        let end = if let Some(body) = rest.strip_prefix("<!--") {
            if body.starts_with('>') {
                5
            } else if body.starts_with("->") {
                6
            } else {
                body.find("-->").map_or(rest.len(), |i| 4 + i + 3)
            }
        } else {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        };
        self.pos += end;
    }

    /// Reads a tag at `<` (start) or `</` (end), the name starting with a letter.
    fn tag(&mut self, end_tag: bool) -> Option<Token> {
        let start = self.pos + if end_tag { 2 } else { 1 };
        let bytes = self.input.as_bytes();
        let mut i = start;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = without_nul(self.input[start..i].to_ascii_lowercase());
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut seen = SeenNames::default();
        let self_closing = loop {
            // A `/` right before `>` closes the tag as empty; anywhere else it is skipped.
            let mut slash = false;
            while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                slash = bytes[i] == b'/';
                i += 1;
            }
            if i >= bytes.len() {
                // End of input inside a tag: the standard drops the tag.
                self.pos = bytes.len();
                return None;
            }
            if bytes[i] == b'>' {
                i += 1;
                break slash;
            }
            let name_start = i;
            i += 1; // the first character can be `=`
            while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let attr_name = without_nul(self.input[name_start..i].to_ascii_lowercase());
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let vstart = i + 1;
                        let vend = self.input[vstart..]
                            .find(q as char)
                            .map_or(bytes.len(), |e| vstart + e);
                        value = decode(&self.input[vstart..vend], Place::Attribute);
                        i = (vend + 1).min(bytes.len());
                    }
                    _ => {
                        let vstart = i;
                        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = decode(&self.input[vstart..i], Place::Attribute);
                    }
                }
            }
            if seen.insert(&attr_name) {
                attrs.push((attr_name, without_nul(value)));
            }
        };
        self.pos = i;
        if end_tag {
            return Some(Token::End { name });
        }
        if RAW_TEXT.contains(&name.as_str()) {
            self.pending_raw = Some(name.clone());
        } else if name == "plaintext" {
            // `<plaintext>` has no end tag: a name that cannot occur makes the rest raw text.
            self.pending_raw = Some(String::from("\u{0}"));
        }
        Some(Token::Start {
            name,
            attrs,
            self_closing,
        })
    }
}

/// The attribute names of one tag seen so far, to keep the first of duplicates: a list while
/// there are few, a hash set once there are many, so that a tag with a hundred thousand
/// attributes costs linear time, not quadratic.
#[derive(Default)]
struct SeenNames {
    few: Vec<String>,
    many: Option<std::collections::HashSet<String>>,
}

impl SeenNames {
    /// Few enough names to compare one by one.
    const FEW: usize = 16;

    /// Records `name`; false when it was seen already.
    fn insert(&mut self, name: &str) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(name.to_string());
        }
        if self.few.iter().any(|n| n == name) {
            return false;
        }
        self.few.push(name.to_string());
        if self.few.len() > Self::FEW {
            self.many = Some(self.few.drain(..).collect());
        }
        true
    }
}

/// `s` with U+0000 replaced by U+FFFD, as the standard does in tag names and attributes.
fn without_nul(s: String) -> String {
    if s.contains('\0') {
        s.replace('\0', "\u{FFFD}")
    } else {
        s
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some(name) = self.pending_raw.take() {
            let token = self.raw_text(&name);
            if !matches!(&token, Token::RawText(t) if t.is_empty()) {
                return Some(token);
            }
        }
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(decode(&rest[..end], Place::Text)));
            }
            let next = rest.as_bytes().get(1).copied();
            let after = rest.as_bytes().get(2).copied();
            match (next, after) {
                (Some(c), _) if c.is_ascii_alphabetic() => {
                    if let Some(token) = self.tag(false) {
                        return Some(token);
                    }
                }
                (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => {
                    if let Some(token) = self.tag(true) {
                        return Some(token);
                    }
                }
                (Some(b'/'), Some(b'>')) => self.pos += 3,
                (Some(b'/'), None) => {
                    self.pos += 2;
                    return Some(Token::Text(rest.to_string()));
                }
                (Some(b'!' | b'?' | b'/'), _) => self.skip_comment(),
                _ => {
                    // A lone `<` is text.
                    let end = rest[1..].find('<').map_or(rest.len(), |i| i + 1);
                    self.pos += end;
                    return Some(Token::Text(decode(&rest[..end], Place::Text)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        Tokenizer::new(s).collect()
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> Token {
        Token::Start {
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            self_closing: false,
        }
    }

    #[test]
    fn reads_tags_attributes_and_text() {
        assert_eq!(
            tokens(r#"<P Class=x title='a &amp; b' data-x="1" hidden>Hi &lt;3</p>"#),
            vec![
                start(
                    "p",
                    &[
                        ("class", "x"),
                        ("title", "a & b"),
                        ("data-x", "1"),
                        ("hidden", "")
                    ]
                ),
                Token::Text("Hi <3".into()),
                Token::End { name: "p".into() },
            ]
        );
    }

    #[test]
    fn keeps_first_duplicate_attribute_and_reads_odd_spacing() {
        assert_eq!(
            tokens("<a href = x href=y/>"),
            vec![start("a", &[("href", "x")])]
        );
        assert_eq!(
            tokens("<img/src=x/onerror=y>")[0],
            start("img", &[("src", "x/onerror=y")])
        );
    }

    #[test]
    fn raw_text_elements_swallow_markup_until_their_end_tag() {
        assert_eq!(
            tokens("<script>a</b>'</script >c"),
            vec![
                start("script", &[]),
                Token::RawText("a</b>'".into()),
                Token::End {
                    name: "script".into()
                },
                Token::Text("c".into()),
            ]
        );
        assert_eq!(
            tokens("<style>x</styles></STYLE>")[1],
            Token::RawText("x</styles>".into())
        );
    }

    #[test]
    fn comments_and_lone_brackets() {
        assert_eq!(
            tokens("a<!-- <b> -->c"),
            vec![Token::Text("a".into()), Token::Text("c".into())]
        );
        assert_eq!(
            tokens("1 < 2"),
            vec![Token::Text("1 ".into()), Token::Text("< 2".into())]
        );
        assert_eq!(
            tokens("<!doctype html><?xml x?></ 3>z"),
            vec![Token::Text("z".into())]
        );
        assert_eq!(tokens("<a href='x"), vec![]);
    }
}
