//! RFC 3339 timestamps, validated, as JSON Feed's `date_published` and `date_modified` carry
//! them, and their calendar date written out. The browser writes dates with `Intl`, which
//! knows every language; [`Timestamp::long_date`] writes the same text natively for the
//! interface's six languages, for pages prerendered without a browser.

/// A validated RFC 3339 date-time (or a plain `YYYY-MM-DD` date, read as midnight UTC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    unix: i64,
}

impl Timestamp {
    /// Parses `input`; `None` when it is not a valid date-time (wrong shape, month 13,
    /// 30 February, hour 24 and the like).
    pub fn parse(input: &str) -> Option<Timestamp> {
        let s = input.trim();
        let b = s.as_bytes();
        let num = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = b.get(range)?;
            if part.iter().all(u8::is_ascii_digit) {
                std::str::from_utf8(part).ok()?.parse().ok()
            } else {
                None
            }
        };
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        let days = days_from_civil(year, month, day);
        if b.len() == 10 {
            return Some(Timestamp {
                text: s.to_string(),
                unix: days * 86_400,
            });
        }
        if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut i = 19;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            i += digits;
        }
        let offset = match b.get(i) {
            Some(b'Z' | b'z') if b.len() == i + 1 => 0,
            Some(&sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
                let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
                if oh > 23 || om > 59 {
                    return None;
                }
                let minutes = oh * 60 + om;
                if sign == b'+' {
                    minutes
                } else {
                    -minutes
                }
            }
            _ => return None,
        };
        let mut text = s.to_string();
        text.replace_range(10..11, "T");
        Some(Timestamp {
            text,
            unix: days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60,
        })
    }

    /// The timestamp as written (with an upper-case `T`), for `<time datetime>`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Seconds since the Unix epoch.
    pub fn unix(&self) -> i64 {
        self.unix
    }

    /// The calendar date as its author wrote it (the date in the timestamp's own offset), in
    /// the ISO form `2025-03-14`.
    pub fn iso_date(&self) -> &str {
        &self.text[..10]
    }

    /// The calendar date written out in `language` as `Intl.DateTimeFormat` writes it in
    /// Chromium with `{ year: "numeric", month: "long", day: "numeric" }` (Unicode CLDR's long
    /// date): "March 14, 2025", "14 mars 2025", "14. März 2025", "14 de marzo de 2025",
    /// "14 مارس 2025" (Western digits, as current CLDR writes Arabic), "2025年3月14日".
    /// Languages other than English, French, German, Spanish, Arabic and Japanese get the ISO
    /// date; regional variants get their language's form (English outside North America and
    /// the Philippines puts the day first).
    pub fn long_date(&self, language: Option<&str>) -> String {
        let iso = self.iso_date();
        let number = |range: std::ops::Range<usize>| iso[range].parse::<usize>().unwrap_or(1);
        let (year, month, day) = (&iso[..4], number(5..7), number(8..10));
        let month_name = |names: &[&'static str; 12]| names[month.clamp(1, 12) - 1];
        let tag = language.unwrap_or("en").to_ascii_lowercase();
        let (primary, region) = match tag.split_once(['-', '_']) {
            Some((p, rest)) => (p.to_string(), rest.split(['-', '_']).find(|s| s.len() == 2)),
            None => (tag.clone(), None),
        };
        match primary.as_str() {
            "en" if matches!(region, None | Some("us" | "ca" | "ph")) => {
                format!("{} {day}, {year}", month_name(&EN_MONTHS))
            }
            "en" => format!("{day} {} {year}", month_name(&EN_MONTHS)),
            "fr" => format!("{day} {} {year}", month_name(&FR_MONTHS)),
            "de" => format!("{day}. {} {year}", month_name(&DE_MONTHS)),
            "es" => format!("{day} de {} de {year}", month_name(&ES_MONTHS)),
            "ar" => format!("{day} {} {year}", month_name(&AR_MONTHS)),
            "ja" => format!("{year}年{month}月{day}日"),
            _ => iso.to_string(),
        }
    }
}

/// Whether [`Timestamp::long_date`] writes `language`'s own long date rather than the ISO date:
/// English, French, German, Spanish, Arabic and Japanese, with any region.
pub fn writes_long_date(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    ["en", "fr", "de", "es", "ar", "ja"]
        .iter()
        .any(|known| primary.eq_ignore_ascii_case(known))
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::{writes_long_date, Timestamp};

    #[test]
    fn parses_rfc3339_with_offsets() {
        let t = Timestamp::parse("2025-03-14T09:30:00+01:00").expect("valid");
        assert_eq!(t.unix(), 1_741_941_000);
        assert_eq!(t.as_str(), "2025-03-14T09:30:00+01:00");
        let z = Timestamp::parse("1970-01-01t00:00:01.250Z").expect("valid");
        assert_eq!((z.unix(), z.as_str()), (1, "1970-01-01T00:00:01.250Z"));
        assert_eq!(
            Timestamp::parse("2024-02-29").map(|t| t.unix()),
            Some(1_709_164_800)
        );
        assert_eq!(
            Timestamp::parse("2025-06-01 12:00:00-05:30").map(|t| t.unix()),
            Some(1_748_799_000)
        );
    }

    #[test]
    fn refuses_impossible_or_malformed_dates() {
        for bad in [
            "",
            "yesterday",
            "2025-13-01",
            "2025-02-29",
            "2025-04-31",
            "2025-01-01T24:00:00Z",
            "2025-01-01T10:00:00",
            "2025-01-01T10:00:00+1:00",
            "2025-01-01T10:00:00.Z",
            "2025-1-01",
            "２０２５-01-01",
            "2025-01-01T10:00:00Zjunk",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn long_dates_in_the_six_interface_languages() {
        let t = Timestamp::parse("2025-03-04T23:30:00-05:00").expect("valid");
        let date = |lang| t.long_date(lang);
        // The author's calendar day, whatever the offset.
        assert_eq!(t.iso_date(), "2025-03-04");
        assert_eq!(date(None), "March 4, 2025");
        assert_eq!(date(Some("en-US")), "March 4, 2025");
        assert_eq!(date(Some("en-GB")), "4 March 2025");
        assert_eq!(date(Some("fr")), "4 mars 2025");
        assert_eq!(date(Some("de-DE")), "4. März 2025");
        assert_eq!(date(Some("es")), "4 de marzo de 2025");
        assert_eq!(date(Some("ar")), "4 مارس 2025");
        assert_eq!(date(Some("ja-JP")), "2025年3月4日");
        assert_eq!(date(Some("fi")), "2025-03-04");
        // `writes_long_date` says which are written out.
        for lang in [
            "en", "EN-gb", "fr-CA", "de", "es_MX", "ar", "ja", "fi", "eng", "", "x-en",
        ] {
            assert_eq!(
                writes_long_date(lang),
                date(Some(lang)) != t.iso_date(),
                "{lang}"
            );
        }
    }
}
