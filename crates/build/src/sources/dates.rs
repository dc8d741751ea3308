//! Dates as blogs write them, made RFC 3339 (what JSON Feed wants): RFC 3339 itself, a plain
//! `2024-01-02`, Jekyll's `2024-01-02 10:00:00 +0100`, a date and time with no offset (read as
//! UTC), and WordPress's `2024-01-02 10:00:00` in UTC.

use broadsheet_core::date::Timestamp;

/// `input` as an RFC 3339 date-time or date, when it is one of the forms above and a real date.
pub fn normalize(input: &str) -> Option<String> {
    let s = input.trim().trim_matches('"');
    if Timestamp::parse(s).is_some() {
        return Some(s.replacen(' ', "T", 1));
    }
    // `2024-01-02 10:00[:00][.123] [+0100|+01:00|Z|UTC]`, `T` or space between.
    // (Ten bytes that end inside a character are no date.)
    let (date, rest) = s.split_at_checked(s.len().min(10))?;
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    let (time, zone) = match rest.find(['+', '-', 'Z', 'z', ' ']) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let time = match time.len() {
        0 => return None,
        5 => format!("{time}:00"),
        _ => time.to_string(),
    };
    let zone = match zone {
        "" | "Z" | "z" | "UTC" | "GMT" | "+0000" => "Z".to_string(),
        z if z.len() == 5 && z.is_ascii() && z.starts_with(['+', '-']) => {
            format!("{}:{}", &z[..3], &z[3..])
        }
        z => z.to_string(),
    };
    let candidate = format!("{date}T{time}{zone}");
    Timestamp::parse(&candidate).map(|_| candidate)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn bytes_inside_a_character_are_no_date() {
        // Found by the `post` fuzz target: the tenth byte inside a character.
        assert_eq!(normalize("2024-06-0\u{3f0}12:00:00Z"), None);
        assert_eq!(normalize("2024-06-01 12:00 +1\u{3f0}2"), None);
    }

    #[test]
    fn the_forms_blogs_write() {
        assert_eq!(normalize("2024-01-02").as_deref(), Some("2024-01-02"));
        assert_eq!(
            normalize("2024-01-02T10:00:00+01:00").as_deref(),
            Some("2024-01-02T10:00:00+01:00")
        );
        assert_eq!(
            normalize("2024-01-02 10:00:00 +0100").as_deref(),
            Some("2024-01-02T10:00:00+01:00")
        );
        assert_eq!(
            normalize("2024-01-02 10:00").as_deref(),
            Some("2024-01-02T10:00:00Z")
        );
        assert_eq!(
            normalize("2024-01-02T10:00:00").as_deref(),
            Some("2024-01-02T10:00:00Z")
        );
        assert_eq!(
            normalize("2024-01-02 10:00:00 -0530").as_deref(),
            Some("2024-01-02T10:00:00-05:30")
        );
        assert_eq!(normalize("\"2024-01-02\"").as_deref(), Some("2024-01-02"));
        for bad in [
            "",
            "yesterday",
            "2024-13-01",
            "2024-02-30 10:00",
            "2024-01-02 25:00:00",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
