//! Post folders' names.

/// A file name for `id`: letters, digits, `-` and `_`, at most 80 bytes, never empty.
pub fn slug(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.truncate(80);
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "post".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_never_empty() {
        assert_eq!(slug("Hello World/../x"), "hello-world----x");
        assert_eq!(slug("日本"), "post");
        assert_eq!(slug("a".repeat(200).as_str()).len(), 80);
    }
}
