//! The language packs in `lang/` are the core's messages, one file per language besides English
//! (`Messages::pack`), and nothing else: the component in the browser speaks those languages
//! only through them (`src/languages.rs`). `UPDATE_LANG_PACKS=1 cargo test --test lang_packs`
//! writes them again after a change to the messages.

use std::path::Path;

use broadsheet_core::messages::{ALL, EN};

#[test]
fn the_language_packs_are_the_core_messages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lang");
    let update = std::env::var_os("UPDATE_LANG_PACKS").is_some();
    let mut expected = Vec::new();
    for messages in ALL.into_iter().filter(|m| m.lang != EN.lang) {
        let name = format!("{}.txt", messages.lang);
        let path = dir.join(&name);
        let pack = messages.pack();
        if update {
            std::fs::write(&path, &pack).expect("lang/ is writable");
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == pack,
            "lang/{name} is not the core's {} messages: run UPDATE_LANG_PACKS=1 cargo test --test lang_packs",
            messages.lang
        );
        expected.push(name);
    }
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .expect("lang/")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    present.sort();
    expected.sort();
    assert_eq!(
        present, expected,
        "lang/ holds one pack per language besides English"
    );
}
