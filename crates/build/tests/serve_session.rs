//! `serve`'s rebuild of an edited post alone ([`Session::update`]), against a full build of
//! the same sources: the same files, the edited post's card wherever it is shown, a post that
//! changes subject moved to its new neighbours' lists, and every change it cannot make alone
//! (a post added, removed, renamed, drafted) handed to a full build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use broadsheet_build::publish::files_under;
use broadsheet_build::site::session::Session;
use broadsheet_build::site::{
    build_session, build_site, BuildSettings, Input, Mode, SiteOverrides,
};
use broadsheet_build::sources::Format;
use serde_json::Value;
use tempfile::TempDir;

/// Three subjects, each with words of its own.
const SUBJECTS: [&[&str]; 3] = [
    &[
        "river",
        "flood",
        "delta",
        "current",
        "bank",
        "estuary",
        "rainfall",
        "levee",
        "basin",
        "tributary",
        "silt",
        "dam",
    ],
    &[
        "guitar", "chord", "tempo", "melody", "rhythm", "drummer", "chorus", "album", "verse",
        "harmony", "stage", "tuning",
    ],
    &[
        "oven", "recipe", "flour", "butter", "simmer", "garlic", "pastry", "knead", "saucepan",
        "roast", "spice", "dough",
    ],
];

/// Words shared by every subject.
const COMMON: [&str; 6] = ["people", "year", "town", "morning", "friends", "week"];

/// A post on `subject`: `words` words of it and some common ones, picked by `seed`.
fn text(subject: usize, seed: usize, words: usize) -> String {
    let vocabulary = SUBJECTS[subject];
    let mut state = (seed as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (0..words)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33;
            if r.is_multiple_of(4) {
                COMMON[(r / 4) as usize % COMMON.len()]
            } else {
                vocabulary[(r / 4) as usize % vocabulary.len()]
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn post(dir: &Path, name: &str, subject: usize, seed: usize, day: usize) {
    let body = format!(
        "{}.\n\n{}.",
        text(subject, seed, 30),
        text(subject, seed + 3, 30)
    );
    std::fs::write(
        dir.join(format!("{name}.md")),
        format!(
            "---\ntitle: \"{}\"\ndate: 2024-03-{day:02}\ntags: [s{subject}]\n---\n\n{body}\n",
            text(subject, seed, 4)
        ),
    )
    .expect("post");
}

/// A folder of 36 posts, twelve on each subject.
fn sources(dir: &Path) -> PathBuf {
    let posts = dir.join("posts");
    std::fs::create_dir_all(&posts).expect("folder");
    for i in 0..36 {
        post(&posts, &format!("p{i:02}"), i % 3, i, 1 + i % 28);
    }
    posts
}

fn settings(latent: bool) -> BuildSettings {
    let mut settings = BuildSettings::default();
    // Few posts: latent vectors only when asked (four dimensions need twenty posts).
    settings.weights.latent_dimensions = if latent { 4 } else { 0 };
    settings
}

fn input(posts: &Path) -> Vec<Input> {
    vec![Input {
        path: posts.to_path_buf(),
        format: Format::Markdown,
        base: String::new(),
    }]
}

fn session(dir: &Path, posts: &Path, latent: bool) -> Session {
    let (report, session) = build_session(
        &input(posts),
        &dir.join("site"),
        &settings(latent),
        &SiteOverrides::default(),
        &|_, _, _| {},
        dir.join("staging"),
    )
    .expect("builds");
    assert_eq!(report.posts, 36);
    session.expect("a session")
}

/// Every file of a site with its contents.
fn contents(site: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(site)
        .expect("listed")
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.join(&f)).expect("read");
            (f, bytes)
        })
        .collect()
}

/// The ids of post `name`'s similar posts.
fn similar(site: &Path, name: &str) -> Vec<String> {
    let json = std::fs::read_to_string(site.join(format!("posts/{name}/article.json")))
        .expect("article JSON");
    let doc: Value = serde_json::from_str(&json).expect("JSON");
    doc["items"][0]["_article"]["similar"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["id"].as_str().expect("an id").to_string())
        .collect()
}

fn scratch() -> TempDir {
    tempfile::Builder::new()
        .prefix("broadsheet-session-")
        .tempdir()
        .expect("scratch")
}

#[test]
fn an_edited_post_is_rebuilt_as_a_full_build_would() {
    let dir = scratch();
    let posts = sources(dir.path());
    let mut kept = session(dir.path(), &posts, false);
    let before = contents(&dir.path().join("site"));
    // A new title and a paragraph more, in words its subject already has.
    let edited = posts.join("p03.md");
    let text = std::fs::read_to_string(&edited).expect("read");
    let text = text
        .replacen("title: \"", "title: \"Rainfall ", 1)
        .replacen("\n\n", "\n\nThe delta silt and the levee.\n\n", 1);
    std::fs::write(&edited, text).expect("edit");

    let rebuilt = kept.update(std::slice::from_ref(&edited)).expect("alone");
    assert_eq!(rebuilt.posts, [edited.display().to_string()]);
    assert!(rebuilt.lists, "its card changed: the list pages show it");
    let after = contents(&dir.path().join("site"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files, none added or left behind"
    );

    build_site(
        &input(&posts),
        &dir.path().join("full"),
        Mode::Site,
        &settings(false),
        &SiteOverrides::default(),
        &|_, _, _| {},
    )
    .expect("builds");
    // A full build weighs every post again with the new document frequencies, which can swap
    // two near ties in a list; all else is the same, byte for byte.
    let full_site = dir.path().join("full");
    let full = contents(&full_site);
    let (mut entries, mut agreeing) = (0, 0);
    for (file, bytes) in &full {
        let name = file
            .strip_prefix("posts/")
            .and_then(|f| f.split_once('/'))
            .map(|(name, _)| name);
        let Some(name) = name else {
            assert!(
                after.get(file) == Some(bytes),
                "{file} differs from a full build"
            );
            continue;
        };
        let (ours, theirs) = (
            similar(&dir.path().join("site"), name),
            similar(&full_site, name),
        );
        if ours == theirs {
            assert!(
                after.get(file) == Some(bytes),
                "{file} differs from a full build"
            );
        } else if file.ends_with("article.json") {
            let without = |site: &Path| {
                let json = std::fs::read_to_string(site.join(file)).expect("read");
                let mut doc: Value = serde_json::from_str(&json).expect("JSON");
                doc["items"][0]["_article"]["similar"] = Value::Null;
                doc
            };
            assert_eq!(
                without(&dir.path().join("site")),
                without(&full_site),
                "{file}"
            );
        }
        if file.ends_with("article.json") {
            entries += theirs.len();
            agreeing += ours.iter().filter(|id| theirs.contains(id)).count();
        }
    }
    let agreement = agreeing as f64 / entries as f64;
    eprintln!("similar posts as a full build has them: {agreeing} of {entries}");
    assert!(agreement >= 0.95, "{agreement}");
    let showing: Vec<&String> = after
        .iter()
        .filter(|(f, b)| {
            f.ends_with("index.html") && String::from_utf8_lossy(b).contains("Rainfall ")
        })
        .map(|(f, _)| f)
        .collect();
    assert!(
        showing.len() > 2,
        "its page, a list page and the pages listing it show the new title: {showing:?}"
    );
}

#[test]
fn a_post_that_changes_subject_moves_to_its_new_neighbours() {
    for latent in [false, true] {
        let dir = scratch();
        let posts = sources(dir.path());
        let mut kept = session(dir.path(), &posts, latent);
        let site = dir.path().join("site");
        let subject = |name: &str| name[1..].parse::<usize>().expect("number") % 3;
        // p03 is on rivers; its neighbours are.
        assert!(similar(&site, "p03").iter().all(|s| subject(s) == 0));
        let listing_p03 = |site: &Path| {
            (0..36)
                .map(|i| format!("p{i:02}"))
                .filter(|name| similar(site, name).contains(&"p03".to_string()))
                .map(|name| subject(&name))
                .collect::<Vec<_>>()
        };
        assert!(listing_p03(&site).iter().all(|&s| s == 0));
        // Now it is about music, title, tag and all.
        post(&posts, "p03", 1, 3, 4);
        kept.update(&[posts.join("p03.md")]).expect("alone");
        let neighbours = similar(&site, "p03");
        assert!(
            neighbours.iter().all(|s| subject(s) == 1),
            "latent {latent}: {neighbours:?}"
        );
        let listing = listing_p03(&site);
        assert!(
            !listing.is_empty() && listing.iter().all(|&s| s == 1),
            "latent {latent}: listed by posts on subjects {listing:?}"
        );
        // Its tag's list gained it, the one it left lost it.
        let tag_list = |tag: &str| {
            std::fs::read_to_string(site.join("tags").join(tag).join("index.html"))
                .expect("a tag's list")
        };
        assert!(tag_list("s1").contains("href=\"../../posts/p03/\""));
        assert!(!tag_list("s0").contains("href=\"../../posts/p03/\""));
    }
}

#[test]
fn what_a_post_alone_cannot_say_asks_for_a_full_build() {
    let dir = scratch();
    let posts = sources(dir.path());
    let mut kept = session(dir.path(), &posts, false);
    // An editor's files that come and go, and the folder's own event, change nothing.
    let swap = posts.join(".p01.md.swp");
    std::fs::write(&swap, "x").expect("swap");
    let rebuilt = kept
        .update(&[swap, posts.join("gone~"), posts.clone()])
        .expect("nothing to do");
    assert!(rebuilt.posts.is_empty());

    let new = posts.join("p99.md");
    post(&posts, "p99", 0, 99, 1);
    let why = kept
        .update(std::slice::from_ref(&new))
        .expect_err("a new post");
    assert!(why.0.contains("not a post of the last build"), "{why}");
    std::fs::remove_file(&new).expect("remove");

    let mut edit = |name: &str, from: &str, to: &str| {
        let file = posts.join(name);
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, text.replacen(from, to, 1)).expect("edit");
        let why = kept.update(&[file]).expect_err("needs a full build");
        std::fs::write(posts.join(name), text).expect("undo");
        why.0
    };
    assert!(edit("p05.md", "tags:", "slug: elsewhere\ntags:").contains("address changed"));
    assert!(edit("p06.md", "tags:", "draft: true\ntags:").contains("no longer builds"));
    assert!(edit("p07.md", "---\ntitle", "title").contains("no longer builds"));
    std::fs::remove_file(posts.join("p08.md")).expect("remove");
    let why = kept.update(&[posts.join("p08.md")]).expect_err("removed");
    assert!(why.0.contains("is gone"), "{why}");
}
