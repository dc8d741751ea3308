//! A page loaded and its DOM read, in the engine `BROADSHEET_ENGINE` names: in Chromium by
//! `--dump-dom`, which also gives the console; in Firefox and WebKit through WebDriver, whose
//! drivers there have no console log to give.

use serde_json::json;

use super::chromium::dump_dom_logged;
use super::webdriver::{Browser, Engine};

/// Loads pages in one engine; in Firefox and WebKit one session serves every load.
pub struct Pages {
    browser: Option<Browser>,
}

impl Pages {
    /// Ready to load pages in `BROADSHEET_ENGINE`'s engine.
    pub fn new() -> Pages {
        let browser = match Engine::from_env() {
            Engine::Chromium => None,
            _ => Some(Browser::start()),
        };
        Pages { browser }
    }

    /// Loads `url` and returns its DOM, serialized, with the console's messages where the
    /// engine gives them (Chromium). Chromium lets the page run `budget_ms` of virtual time;
    /// elsewhere the DOM is read once the script expression `until` is true, for up to as
    /// many seconds as `budget_ms` has thousands, and at least five.
    pub fn load(&self, url: &str, budget_ms: u32, until: &str) -> (String, Option<String>) {
        let Some(browser) = &self.browser else {
            let (dom, log) = dump_dom_logged(url, budget_ms);
            return (dom, Some(log));
        };
        browser.goto(url);
        browser.wait(
            &format!("return !!({until});"),
            u64::from(budget_ms / 1000).max(5),
        );
        let dom = browser.run("return document.documentElement.outerHTML;", json!([]));
        (dom.as_str().unwrap_or_default().to_string(), None)
    }
}
