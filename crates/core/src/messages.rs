//! The words of the component's own interface (headings, buttons, read time, errors) in the
//! languages it speaks. Templates hold `{}` where a value goes. An article gets the interface
//! of its own language when there is one, so a screen reader never reads English words with
//! an Arabic voice; the others fall back (see [`Messages::pick`]).

use crate::lang::LanguageTag;

/// A unit of a read-time duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Hours.
    Hour,
    /// Minutes.
    Minute,
    /// Seconds.
    Second,
}

/// The `lang` and `dir` attributes of interface words inside content (see
/// [`Messages::marks_within`]); `None` leaves an attribute out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// The `lang` attribute.
    pub lang: Option<&'static str>,
    /// The `dir` attribute.
    pub dir: Option<&'static str>,
}

/// Defines [`Messages`] from the list of its texts, and the order of those texts in a language
/// pack ([`Messages::texts`], [`Messages::from_texts`]), so the list is written once.
macro_rules! messages {
    ($($(#[doc = $doc:literal])* $field:ident,)*) => {
        /// The interface in one language.
        #[derive(Debug)]
        pub struct Messages {
            /// The language of these messages, a BCP 47 primary subtag.
            pub lang: &'static str,
            $($(#[doc = $doc])* pub $field: &'static str,)*
            /// `n` units: "3 minutes", "3分", "دقيقتان".
            pub quantity: fn(u64, Unit) -> String,
        }

        impl Messages {
            /// The texts of these messages, in the order of a language pack.
            pub fn texts(&self) -> Vec<&'static str> {
                vec![$(self.$field),*]
            }

            /// The messages of `lang` (one of [`LANGUAGES`]) from the texts of its language pack,
            /// in the order of [`Messages::texts`]; `None` for another language or another
            /// number of texts.
            pub fn from_texts(lang: &'static str, texts: Vec<&'static str>) -> Option<Messages> {
                let [$($field),*] = texts.try_into().ok()?;
                Some(Messages {
                    lang,
                    $($field,)*
                    quantity: quantity_of(lang)?,
                })
            }
        }
    };
}

messages! {
    /// Heading of the share buttons.
    share_title,
    /// Heading of the similar-post cards.
    similar_title,
    /// Heading of a site's list of posts, newest first.
    latest_posts,
    /// Accessible name of the links between pages of that list.
    pages,
    /// Link to the page of newer posts.
    newer_posts,
    /// Link to the page of older posts.
    older_posts,
    /// Put before the author names.
    by,
    /// Between the last two authors (and the two parts of a duration, where `part_sep` is it).
    and,
    /// Between other list items.
    list_sep,
    /// Put before the date of an update.
    updated,
    /// Accessible name of the tag list.
    tags,
    /// Title of an article without one.
    untitled_article,
    /// Title of a similar post without one.
    untitled,
    /// Announced while an article loads.
    loading,
    /// The button that loads again after an error.
    retry,
    /// The native share button.
    share_native,
    /// The copy-link button.
    copy_link,
    /// Announced after the link was copied.
    link_copied,
    /// Announced when copying failed; `{}` is the link.
    copy_failed,
    /// Announced when the native share sheet failed.
    share_failed,
    /// Accessible name of a network's share link; `{}` is the network.
    share_on,
    /// Visible name of the e-mail share link.
    email,
    /// Accessible name of the e-mail share link.
    share_by_email,
    /// Name of the control that shares a passage selected in the body.
    share_passage,
    /// The button that copies a link to the selected passage.
    copy_passage_link,
    /// Time left while reading, `{}` being a number of whole minutes as
    /// [`Messages::quantity`] writes it.
    time_left,
    /// Error heading: HTTP 404 or 410.
    not_found_title,
    /// Error heading: the article could not be fetched.
    not_loaded_title,
    /// Error heading: the file arrived but is no article.
    cannot_show_title,
    /// `{}` is the address.
    bad_address,
    /// HTTP 404 or 410.
    not_found,
    /// HTTP 5xx; `{}` is the status.
    server_error,
    /// Other HTTP errors; `{}` is the status.
    refused,
    /// Offline, refused or blocked.
    network,
    /// No answer in time.
    timeout,
    /// Over the size limit.
    too_large,
    /// `{}` is the JSON parser's (English) message.
    not_json,
    /// JSON of another kind.
    not_a_feed,
    /// A feed without a usable item.
    no_item,
    /// Long read time; `{}` is the duration ("3 minutes, 22 seconds").
    read_long,
    /// Short read time; `{}` is the minutes.
    read_short,
    /// Between the two parts of a duration.
    part_sep,
}

/// `template` with its `{}` replaced by `value`.
pub fn fill(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}

/// `template` with its `{}` replaced by `address` kept in its own direction (Unicode first-strong
/// isolate), so a URL inside an Arabic sentence is not reordered.
pub fn fill_address(template: &str, address: &str) -> String {
    fill(template, &format!("\u{2068}{address}\u{2069}"))
}

/// English, the fallback.
pub const EN: Messages = Messages {
    lang: "en",
    share_title: "Share This Post",
    similar_title: "Similar Posts",
    latest_posts: "Latest posts",
    pages: "Pages",
    newer_posts: "Newer posts",
    older_posts: "Older posts",
    by: "By ",
    and: " and ",
    list_sep: ", ",
    updated: "Updated ",
    tags: "Tags",
    untitled_article: "Untitled article",
    untitled: "Untitled",
    loading: "Loading article…",
    retry: "Retry",
    share_native: "Share…",
    copy_link: "Copy link",
    link_copied: "Link copied",
    copy_failed: "Could not copy the link. Copy it yourself: {}",
    share_failed: "Sharing did not work. Try a link above.",
    share_on: "Share on {} (opens in a new tab)",
    email: "Email",
    share_by_email: "Share by Email",
    share_passage: "Share this passage",
    copy_passage_link: "Copy link to passage",
    time_left: "{} left",
    not_found_title: "Article not found",
    not_loaded_title: "The article could not be loaded",
    cannot_show_title: "This article cannot be shown",
    bad_address: "“{}” is not an address an article can be loaded from.",
    not_found: "There is no article at this address (HTTP 404). It may have moved or been removed.",
    server_error: "The server had a problem (HTTP {}). Please try again in a moment.",
    refused: "The server refused the request (HTTP {}).",
    network: "The server could not be reached. Check your connection and try again.",
    timeout: "The server took too long to answer. Please try again.",
    too_large: "The article file is too large to display.",
    not_json: "The article file is not valid JSON ({}).",
    not_a_feed: "The article file is JSON, but not a JSON Feed or feed item.",
    no_item: "The article file has no article in it (an item needs an id and some content).",
    read_long: "{} read",
    read_short: "{} min read",
    part_sep: ", ",
    quantity: quantity_en,
};

const FR: Messages = Messages {
    lang: "fr",
    share_title: "Partager cet article",
    similar_title: "Articles similaires",
    latest_posts: "Derniers articles",
    pages: "Pages",
    newer_posts: "Articles plus récents",
    older_posts: "Articles plus anciens",
    by: "Par ",
    and: " et ",
    list_sep: ", ",
    updated: "Mis à jour le ",
    tags: "Mots-clés",
    untitled_article: "Article sans titre",
    untitled: "Sans titre",
    loading: "Chargement de l’article…",
    retry: "Réessayer",
    share_native: "Partager…",
    copy_link: "Copier le lien",
    link_copied: "Lien copié",
    copy_failed: "Impossible de copier le lien. Copiez-le vous-même\u{a0}: {}",
    share_failed: "Le partage n’a pas fonctionné. Essayez l’un des liens ci-dessus.",
    share_on: "Partager sur {} (s’ouvre dans un nouvel onglet)",
    email: "E-mail",
    share_by_email: "Partager par e-mail",
    share_passage: "Partager ce passage",
    copy_passage_link: "Copier le lien vers ce passage",
    time_left: "Temps restant : {}",
    not_found_title: "Article introuvable",
    not_loaded_title: "L’article n’a pas pu être chargé",
    cannot_show_title: "Cet article ne peut pas être affiché",
    bad_address:
        "«\u{a0}{}\u{a0}» n’est pas une adresse depuis laquelle un article peut être chargé.",
    not_found:
        "Il n’y a pas d’article à cette adresse (HTTP 404). Il a peut-être été déplacé ou supprimé.",
    server_error: "Le serveur a rencontré un problème (HTTP {}). Réessayez dans un instant.",
    refused: "Le serveur a refusé la requête (HTTP {}).",
    network: "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
    timeout: "Le serveur a mis trop de temps à répondre. Réessayez.",
    too_large: "Le fichier de l’article est trop volumineux pour être affiché.",
    not_json: "Le fichier de l’article n’est pas du JSON valide ({}).",
    not_a_feed:
        "Le fichier de l’article est du JSON, mais ce n’est ni un JSON Feed ni un élément de flux.",
    no_item: "Le fichier ne contient aucun article (un élément doit avoir un id et un contenu).",
    read_long: "{} de lecture",
    read_short: "{} min de lecture",
    part_sep: " et ",
    quantity: quantity_fr,
};

const DE: Messages = Messages {
    lang: "de",
    share_title: "Diesen Beitrag teilen",
    similar_title: "Ähnliche Beiträge",
    latest_posts: "Neueste Beiträge",
    pages: "Seiten",
    newer_posts: "Neuere Beiträge",
    older_posts: "Ältere Beiträge",
    by: "Von ",
    and: " und ",
    list_sep: ", ",
    updated: "Aktualisiert am ",
    tags: "Schlagwörter",
    untitled_article: "Artikel ohne Titel",
    untitled: "Ohne Titel",
    loading: "Artikel wird geladen…",
    retry: "Erneut versuchen",
    share_native: "Teilen…",
    copy_link: "Link kopieren",
    link_copied: "Link kopiert",
    copy_failed: "Der Link konnte nicht kopiert werden. Kopieren Sie ihn selbst: {}",
    share_failed: "Das Teilen hat nicht funktioniert. Versuchen Sie es mit einem der Links oben.",
    share_on: "Auf {} teilen (öffnet in neuem Tab)",
    email: "E-Mail",
    share_by_email: "Per E-Mail teilen",
    share_passage: "Diese Stelle teilen",
    copy_passage_link: "Link zu dieser Stelle kopieren",
    time_left: "Noch {}",
    not_found_title: "Artikel nicht gefunden",
    not_loaded_title: "Der Artikel konnte nicht geladen werden",
    cannot_show_title: "Dieser Artikel kann nicht angezeigt werden",
    bad_address: "„{}“ ist keine Adresse, von der ein Artikel geladen werden kann.",
    not_found: "Unter dieser Adresse gibt es keinen Artikel (HTTP 404). Vielleicht wurde er verschoben oder entfernt.",
    server_error: "Der Server hatte ein Problem (HTTP {}). Bitte versuchen Sie es gleich noch einmal.",
    refused: "Der Server hat die Anfrage abgelehnt (HTTP {}).",
    network: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    timeout: "Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.",
    too_large: "Die Artikeldatei ist zu groß für die Anzeige.",
    not_json: "Die Artikeldatei ist kein gültiges JSON ({}).",
    not_a_feed: "Die Artikeldatei ist JSON, aber weder ein JSON Feed noch ein Feed-Eintrag.",
    no_item: "Die Artikeldatei enthält keinen Artikel (ein Eintrag braucht eine id und einen Inhalt).",
    read_long: "{} Lesezeit",
    read_short: "{} Min. Lesezeit",
    part_sep: ", ",
    quantity: quantity_de,
};

const ES: Messages = Messages {
    lang: "es",
    share_title: "Compartir este artículo",
    similar_title: "Artículos similares",
    latest_posts: "Últimos artículos",
    pages: "Páginas",
    newer_posts: "Artículos más recientes",
    older_posts: "Artículos anteriores",
    by: "Por ",
    and: " y ",
    list_sep: ", ",
    updated: "Actualizado el ",
    tags: "Etiquetas",
    untitled_article: "Artículo sin título",
    untitled: "Sin título",
    loading: "Cargando el artículo…",
    retry: "Reintentar",
    share_native: "Compartir…",
    copy_link: "Copiar enlace",
    link_copied: "Enlace copiado",
    copy_failed: "No se pudo copiar el enlace. Cópielo usted mismo: {}",
    share_failed: "No se pudo compartir. Pruebe con uno de los enlaces de arriba.",
    share_on: "Compartir en {} (se abre en una pestaña nueva)",
    email: "Correo",
    share_by_email: "Compartir por correo",
    share_passage: "Compartir este fragmento",
    copy_passage_link: "Copiar enlace a este fragmento",
    time_left: "Tiempo restante: {}",
    not_found_title: "Artículo no encontrado",
    not_loaded_title: "No se pudo cargar el artículo",
    cannot_show_title: "Este artículo no se puede mostrar",
    bad_address: "«{}» no es una dirección desde la que se pueda cargar un artículo.",
    not_found:
        "No hay ningún artículo en esta dirección (HTTP 404). Puede que se haya movido o eliminado.",
    server_error: "El servidor tuvo un problema (HTTP {}). Vuelva a intentarlo en un momento.",
    refused: "El servidor rechazó la solicitud (HTTP {}).",
    network: "No se pudo contactar con el servidor. Compruebe su conexión y vuelva a intentarlo.",
    timeout: "El servidor tardó demasiado en responder. Vuelva a intentarlo.",
    too_large: "El archivo del artículo es demasiado grande para mostrarlo.",
    not_json: "El archivo del artículo no es JSON válido ({}).",
    not_a_feed: "El archivo del artículo es JSON, pero no es un JSON Feed ni un elemento de feed.",
    no_item: "El archivo no contiene ningún artículo (un elemento necesita un id y contenido).",
    read_long: "{} de lectura",
    read_short: "{} min de lectura",
    part_sep: " y ",
    quantity: quantity_es,
};

const AR: Messages = Messages {
    lang: "ar",
    share_title: "شارك هذا المقال",
    similar_title: "مقالات مشابهة",
    latest_posts: "أحدث المقالات",
    pages: "الصفحات",
    newer_posts: "مقالات أحدث",
    older_posts: "مقالات أقدم",
    by: "بقلم ",
    and: " و",
    list_sep: "، ",
    updated: "حُدِّث في ",
    tags: "الوسوم",
    untitled_article: "مقال بلا عنوان",
    untitled: "بلا عنوان",
    loading: "جارٍ تحميل المقال…",
    retry: "إعادة المحاولة",
    share_native: "مشاركة…",
    copy_link: "نسخ الرابط",
    link_copied: "تم نسخ الرابط",
    copy_failed: "تعذّر نسخ الرابط. انسخه بنفسك: {}",
    share_failed: "تعذّرت المشاركة. جرّب أحد الروابط أعلاه.",
    share_on: "شارك على {} (يُفتح في علامة تبويب جديدة)",
    email: "البريد",
    share_by_email: "شارك عبر البريد الإلكتروني",
    share_passage: "شارك هذا المقطع",
    copy_passage_link: "انسخ رابط هذا المقطع",
    time_left: "الوقت المتبقي: {}",
    not_found_title: "المقال غير موجود",
    not_loaded_title: "تعذّر تحميل المقال",
    cannot_show_title: "لا يمكن عرض هذا المقال",
    bad_address: "«{}» ليس عنوانًا يمكن تحميل مقال منه.",
    not_found: "لا يوجد مقال في هذا العنوان (HTTP 404). ربما نُقل أو حُذف.",
    server_error: "واجه الخادم مشكلة (HTTP {}). يُرجى المحاولة مرة أخرى بعد قليل.",
    refused: "رفض الخادم الطلب (HTTP {}).",
    network: "تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.",
    timeout: "استغرق الخادم وقتًا طويلًا للرد. يُرجى المحاولة مرة أخرى.",
    too_large: "ملف المقال أكبر من أن يُعرض.",
    not_json: "ملف المقال ليس JSON صالحًا ({}).",
    not_a_feed: "ملف المقال بصيغة JSON، لكنه ليس JSON Feed ولا عنصرًا من خلاصة.",
    no_item: "لا يحتوي ملف المقال على أي مقال (يحتاج العنصر إلى id ومحتوى).",
    read_long: "مدة القراءة {}",
    read_short: "مدة القراءة {} د",
    part_sep: " و",
    quantity: quantity_ar,
};

const JA: Messages = Messages {
    lang: "ja",
    share_title: "この記事をシェア",
    similar_title: "関連記事",
    latest_posts: "最新の記事",
    pages: "ページ",
    newer_posts: "新しい記事",
    older_posts: "以前の記事",
    by: "文：",
    and: "、",
    list_sep: "、",
    updated: "更新：",
    tags: "タグ",
    untitled_article: "無題の記事",
    untitled: "無題",
    loading: "記事を読み込んでいます…",
    retry: "再試行",
    share_native: "共有…",
    copy_link: "リンクをコピー",
    link_copied: "リンクをコピーしました",
    copy_failed: "リンクをコピーできませんでした。手動でコピーしてください：{}",
    share_failed: "共有できませんでした。上のリンクをお試しください。",
    share_on: "{}でシェア（新しいタブで開きます）",
    email: "メール",
    share_by_email: "メールで共有",
    share_passage: "この部分を共有",
    copy_passage_link: "この部分へのリンクをコピー",
    time_left: "残り{}",
    not_found_title: "記事が見つかりません",
    not_loaded_title: "記事を読み込めませんでした",
    cannot_show_title: "この記事は表示できません",
    bad_address: "「{}」は記事を読み込めるアドレスではありません。",
    not_found: "このアドレスに記事はありません（HTTP 404）。移動または削除された可能性があります。",
    server_error:
        "サーバーで問題が発生しました（HTTP {}）。しばらくしてからもう一度お試しください。",
    refused: "サーバーがリクエストを拒否しました（HTTP {}）。",
    network: "サーバーに接続できませんでした。接続を確認して、もう一度お試しください。",
    timeout: "サーバーの応答に時間がかかりすぎました。もう一度お試しください。",
    too_large: "記事ファイルが大きすぎるため表示できません。",
    not_json: "記事ファイルが有効な JSON ではありません（{}）。",
    not_a_feed: "記事ファイルは JSON ですが、JSON Feed でもフィードの項目でもありません。",
    no_item: "記事ファイルに記事がありません（項目には id と本文が必要です）。",
    read_long: "読了時間 {}",
    read_short: "読了時間 {}分",
    part_sep: "",
    quantity: quantity_ja,
};

/// `n` and its unit's word, the singular when `singular`: `words` are each unit's singular and
/// plural, hours, minutes, seconds.
fn counted(n: u64, unit: Unit, singular: bool, words: [[&str; 2]; 3]) -> String {
    let forms = match unit {
        Unit::Hour => words[0],
        Unit::Minute => words[1],
        Unit::Second => words[2],
    };
    format!("{n} {}", forms[usize::from(!singular)])
}

/// "3 minutes", "1 hour".
fn quantity_en(n: u64, unit: Unit) -> String {
    let words = [
        ["hour", "hours"],
        ["minute", "minutes"],
        ["second", "seconds"],
    ];
    counted(n, unit, n == 1, words)
}

/// French uses the singular for 0 and 1.
fn quantity_fr(n: u64, unit: Unit) -> String {
    let words = [
        ["heure", "heures"],
        ["minute", "minutes"],
        ["seconde", "secondes"],
    ];
    counted(n, unit, n <= 1, words)
}

/// "3 Minuten", "1 Stunde".
fn quantity_de(n: u64, unit: Unit) -> String {
    let words = [
        ["Stunde", "Stunden"],
        ["Minute", "Minuten"],
        ["Sekunde", "Sekunden"],
    ];
    counted(n, unit, n == 1, words)
}

/// "3 minutos", "1 hora".
fn quantity_es(n: u64, unit: Unit) -> String {
    let words = [
        ["hora", "horas"],
        ["minuto", "minutos"],
        ["segundo", "segundos"],
    ];
    counted(n, unit, n == 1, words)
}

/// Arabic counts (CLDR plural categories): one and two are said by the noun alone
/// ("دقيقة واحدة", "دقيقتان"); 3 to 10 (by the last two digits) take the plural; the rest,
/// the singular.
fn quantity_ar(n: u64, unit: Unit) -> String {
    let (one, two, few) = match unit {
        Unit::Hour => ("ساعة", "ساعتان", "ساعات"),
        Unit::Minute => ("دقيقة", "دقيقتان", "دقائق"),
        Unit::Second => ("ثانية", "ثانيتان", "ثوانٍ"),
    };
    match n {
        1 => format!("{one} واحدة"),
        2 => two.to_string(),
        n if (3..=10).contains(&(n % 100)) => format!("{n} {few}"),
        n => format!("{n} {one}"),
    }
}

/// "3分": no plural, no space.
fn quantity_ja(n: u64, unit: Unit) -> String {
    let word = match unit {
        Unit::Hour => "時間",
        Unit::Minute => "分",
        Unit::Second => "秒",
    };
    format!("{n}{word}")
}

/// The plural rule and unit words of `lang`, one of [`LANGUAGES`].
fn quantity_of(lang: &str) -> Option<fn(u64, Unit) -> String> {
    Some(match lang {
        "en" => quantity_en,
        "fr" => quantity_fr,
        "de" => quantity_de,
        "es" => quantity_es,
        "ar" => quantity_ar,
        "ja" => quantity_ja,
        _ => return None,
    })
}

/// Every language the interface speaks.
pub const ALL: [&Messages; 6] = [&EN, &FR, &DE, &ES, &AR, &JA];

/// The primary subtags of the languages the interface speaks, English first: the same as
/// [`ALL`]'s, which the component's wasm does not link (it loads a language's words when a
/// page needs them, `src/languages.rs`).
pub const LANGUAGES: [&str; 6] = ["en", "fr", "de", "es", "ar", "ja"];

/// The language of [`LANGUAGES`] that a tag (`fr`, `fr-CA`, `AR`) names by its primary
/// subtag, if any.
pub fn language_of(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?;
    LANGUAGES
        .into_iter()
        .find(|lang| lang.eq_ignore_ascii_case(primary))
}

impl Messages {
    /// The messages for a language tag (`fr`, `fr-CA`, `AR`), by its primary subtag.
    pub fn for_tag(tag: &str) -> Option<&'static Messages> {
        let lang = language_of(tag)?;
        ALL.into_iter().find(|m| m.lang == lang)
    }

    /// The messages of the first tag the interface speaks, else English.
    pub fn pick<'a>(tags: impl IntoIterator<Item = Option<&'a str>>) -> &'static Messages {
        tags.into_iter()
            .flatten()
            .find_map(Messages::for_tag)
            .unwrap_or(&EN)
    }

    /// The language pack of these messages, as the component loads it: [`Messages::texts`],
    /// one per line. No text holds a line break (a test checks).
    pub fn pack(&self) -> String {
        self.texts()
            .into_iter()
            .flat_map(|text| [text, "\n"])
            .collect()
    }

    /// The writing direction of these messages, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        LanguageTag::parse(self.lang).map_or("ltr", |t| t.direction().as_str())
    }

    /// "Alice", "Alice and Bob", "Alice, Bob and Carol": the separator that goes before item
    /// `i` of `count`.
    pub fn list_joiner(&self, i: usize, count: usize) -> &'static str {
        match i {
            0 => "",
            i if i + 1 == count => self.and,
            _ => self.list_sep,
        }
    }

    /// The `lang` and `dir` attributes these words need inside content in `content_lang`:
    /// none when that language is spoken with these same messages.
    pub fn marks_within(&self, content_lang: Option<&str>) -> Marks {
        if content_lang.and_then(language_of) == Some(self.lang) {
            Marks::default()
        } else {
            Marks {
                lang: Some(self.lang),
                dir: Some(self.dir()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_by_primary_subtag_and_falls_back_to_english() {
        assert_eq!(Messages::for_tag("fr-CA").map(|m| m.lang), Some("fr"));
        assert_eq!(Messages::for_tag("AR").map(|m| m.lang), Some("ar"));
        assert!(Messages::for_tag("ko").is_none());
        assert_eq!(Messages::pick([Some("ko"), None, Some("de-AT")]).lang, "de");
        assert_eq!(Messages::pick([Some("ko"), None]).lang, "en");
        let marks = |lang, dir| Marks {
            lang: Some(lang),
            dir: Some(dir),
        };
        assert_eq!(EN.marks_within(Some("en-GB")), Marks::default());
        assert_eq!(EN.marks_within(Some("he")), marks("en", "ltr"));
        assert_eq!(EN.marks_within(None), marks("en", "ltr"));
        assert_eq!(AR.marks_within(Some("en")), marks("ar", "rtl"));
        assert_eq!((AR.dir(), JA.dir()), ("rtl", "ltr"));
    }

    #[test]
    fn every_language_fills_its_templates() {
        for m in ALL {
            for template in [
                m.copy_failed,
                m.share_on,
                m.bad_address,
                m.server_error,
                m.refused,
                m.not_json,
                m.read_long,
                m.read_short,
            ] {
                assert_eq!(template.matches("{}").count(), 1, "{}: {template}", m.lang);
            }
            let texts = [m.share_title, m.similar_title, m.retry, m.loading, m.email];
            assert!(texts.iter().all(|t| !t.trim().is_empty()), "{}", m.lang);
        }
    }

    #[test]
    fn a_language_is_the_same_read_back_from_its_pack() {
        assert_eq!(ALL.map(|m| m.lang), LANGUAGES);
        for m in ALL {
            let pack = m.pack();
            assert!(
                m.texts().iter().all(|t| !t.contains(['\n', '\r'])),
                "{}",
                m.lang
            );
            let leaked = String::leak(pack).lines().collect();
            let back = Messages::from_texts(m.lang, leaked).expect("a whole pack");
            assert_eq!(back.texts(), m.texts(), "{}", m.lang);
            for n in [0, 1, 2, 3, 11, 103] {
                assert_eq!(
                    (back.quantity)(n, Unit::Minute),
                    (m.quantity)(n, Unit::Minute)
                );
            }
        }
        let short = EN.texts().into_iter().skip(1).collect();
        assert!(Messages::from_texts("en", short).is_none(), "a text short");
        let long = EN.texts().into_iter().chain(["more"]).collect();
        assert!(Messages::from_texts("en", long).is_none(), "a text over");
        assert!(
            Messages::from_texts("ko", EN.texts()).is_none(),
            "no plural rule"
        );
    }

    #[test]
    fn addresses_keep_their_direction() {
        assert_eq!(
            fill_address(AR.copy_failed, "https://a.example/x"),
            "تعذّر نسخ الرابط. انسخه بنفسك: \u{2068}https://a.example/x\u{2069}"
        );
    }

    #[test]
    fn plurals() {
        assert_eq!((EN.quantity)(1, Unit::Minute), "1 minute");
        assert_eq!((EN.quantity)(0, Unit::Second), "0 seconds");
        assert_eq!((FR.quantity)(0, Unit::Second), "0 seconde");
        assert_eq!((FR.quantity)(2, Unit::Hour), "2 heures");
        assert_eq!((DE.quantity)(1, Unit::Hour), "1 Stunde");
        assert_eq!((DE.quantity)(0, Unit::Minute), "0 Minuten");
        assert_eq!((ES.quantity)(2, Unit::Second), "2 segundos");
        assert_eq!((ES.quantity)(1, Unit::Minute), "1 minuto");
        assert_eq!((AR.quantity)(1, Unit::Hour), "ساعة واحدة");
        assert_eq!((AR.quantity)(2, Unit::Minute), "دقيقتان");
        assert_eq!((AR.quantity)(3, Unit::Minute), "3 دقائق");
        assert_eq!((AR.quantity)(11, Unit::Minute), "11 دقيقة");
        assert_eq!((AR.quantity)(103, Unit::Second), "103 ثوانٍ");
        assert_eq!((JA.quantity)(3, Unit::Minute), "3分");
    }

    #[test]
    fn authors_are_joined_in_the_language() {
        let join = |m: &Messages, names: &[&str]| {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{}{n}", m.list_joiner(i, names.len())))
                .collect::<String>()
        };
        assert_eq!(join(&EN, &["A", "B", "C"]), "A, B and C");
        assert_eq!(join(&FR, &["A", "B"]), "A et B");
        assert_eq!(join(&JA, &["A", "B", "C"]), "A、B、C");
    }
}
