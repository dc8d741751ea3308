//! A site's own layout (`--layout DIR`): Jinja templates, rendered by minijinja (the syntax
//! Zola's Tera and Jinja share), that put the build's pages in the site's own page: its
//! header, navigation, footer, logo and stylesheet around what the components render.
//!
//! `article.html` makes each post's page and `list.html` the list of posts; `tag.html` and
//! `author.html` make the tags' and authors' lists when the layout has them, else `list.html`
//! does. Other `.html` files of the folder are there to be extended or included
//! (`{% extends "base.html" %}`). Every template gets:
//!
//! - `head`: the page's metadata as the build writes it (`<title>`, description, Open Graph,
//!   canonical, feeds, the component's stylesheet and script, schema.org), to put in `<head>`;
//! - `content`: the page's content as the components render it (the article with its share
//!   section, tags and similar posts; or the list's cards and its pages);
//! - `title`: the page's title; `lang` and `dir`: its language and direction;
//! - `site.name`, `site.base_url` (none without a base URL), `site.root`: the link from the page
//!   to the site's root (`../../`), for links to the site's own files;
//! - `page.url` (absolute with a base URL, else from the root), `page.path` (from the root),
//!   `page.kind` (`article`, `list`, `tag` or `author`);
//! - on lists, `list.heading` (the tag or the name; none on the list of every post),
//!   `list.number`, `list.newer` and `list.older` (links, or none).
//!
//! A variable that does not exist is an error naming the template and its line, as is a
//! template that does not parse; rendering is bounded (minijinja's fuel), so a template that
//! loops without end stops with an error instead of holding the build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{context, AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};

/// The templates a layout must have.
const REQUIRED: [&str; 2] = ["article.html", "list.html"];

/// How many templates a layout may have, and how long each may be: a layout is small.
const MAX_TEMPLATES: usize = 200;
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The work one page's rendering may do (minijinja's fuel: about one unit an instruction).
const FUEL: u64 = 5_000_000;

/// What kind of page a template makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// A post's page.
    Article,
    /// The list of every post.
    List,
    /// A tag's list.
    Tag,
    /// An author's list.
    Author,
}

impl PageKind {
    fn name(self) -> &'static str {
        match self {
            PageKind::Article => "article",
            PageKind::List => "list",
            PageKind::Tag => "tag",
            PageKind::Author => "author",
        }
    }
}

/// A layout that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// Its folder or a template could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// It lacks a template every site needs.
    #[error("the layout {} has no {name} (a layout needs article.html and list.html)", dir.display())]
    Missing {
        /// The layout's folder.
        dir: PathBuf,
        /// The template.
        name: &'static str,
    },
    /// It has more, or larger, templates than a layout has.
    #[error("{}: {what}", path.display())]
    TooLarge {
        /// The file or folder.
        path: PathBuf,
        /// What is too large.
        what: String,
    },
    /// A template does not parse, or fails as it renders (a variable that does not exist).
    #[error("{}{}: {message}", dir.join(file).display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The layout's folder.
        dir: PathBuf,
        /// The template.
        file: String,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

/// The site as its templates see it.
#[derive(Clone, Debug, Default)]
pub struct SiteVars {
    /// Its name.
    pub name: Option<String>,
    /// Its base URL, ending in `/`.
    pub base_url: Option<String>,
}

/// A list page as its template sees it.
#[derive(Clone, Debug, Default)]
pub struct ListVars {
    /// The tag or the author's name; none on the list of every post.
    pub heading: Option<String>,
    /// The page's number, from 1.
    pub number: usize,
    /// The link to the page of newer posts.
    pub newer: Option<String>,
    /// The link to the page of older posts.
    pub older: Option<String>,
}

/// One page to put in the layout.
#[derive(Clone, Debug)]
pub struct PageVars {
    /// What it is.
    pub kind: PageKind,
    /// Its path from the site's root (`2024/05/01/slug/`, `tags/rivers/`, `` for the root).
    pub path: String,
    /// The folder it is in, relative to the root (for `site.root`).
    pub dir: String,
    /// Its title.
    pub title: String,
    /// Its language and direction.
    pub lang: Option<String>,
    /// `ltr` or `rtl`.
    pub direction: String,
    /// The metadata for its `<head>` (HTML the build wrote).
    pub head: String,
    /// Its content (HTML the components rendered).
    pub content: String,
    /// On lists, the list.
    pub list: Option<ListVars>,
}

/// A loaded layout.
#[derive(Debug)]
pub struct Layout {
    dir: PathBuf,
    env: Environment<'static>,
    site: SiteVars,
}

impl Layout {
    /// Loads every `.html` template of the folder `dir` (and its subfolders), for the site
    /// `site`; each is parsed now, so that a template that does not parse stops the build
    /// before anything is written. Links that lead out of the folder are not followed.
    pub fn load(dir: &Path, site: SiteVars) -> Result<Layout, LayoutError> {
        fn read(path: &Path) -> impl FnOnce(std::io::Error) -> LayoutError + '_ {
            move |source| LayoutError::Read {
                path: path.to_path_buf(),
                source,
            }
        }
        let root = dir.canonicalize().map_err(read(dir))?;
        let mut templates = BTreeMap::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).map_err(read(&folder))? {
                let path = entry.map_err(read(&folder))?.path();
                let Ok(real) = path.canonicalize() else {
                    continue;
                };
                if !real.starts_with(&root) {
                    continue;
                }
                if real.is_dir() {
                    folders.push(real);
                    continue;
                }
                if real.extension().is_none_or(|e| e != "html") {
                    continue;
                }
                let size = real.metadata().map_err(read(&real))?.len();
                if size > MAX_TEMPLATE_BYTES || templates.len() >= MAX_TEMPLATES {
                    return Err(LayoutError::TooLarge {
                        path: real,
                        what: format!(
                            "a layout has at most {MAX_TEMPLATES} templates of at most 1 MB"
                        ),
                    });
                }
                let name = real
                    .strip_prefix(&root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let source = std::fs::read_to_string(&real).map_err(read(&real))?;
                templates.insert(name, source);
            }
        }
        for name in REQUIRED {
            if !templates.contains_key(name) {
                return Err(LayoutError::Missing {
                    dir: dir.to_path_buf(),
                    name,
                });
            }
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        // Text escaped for HTML text and attributes in either quotes, and no more, so that a
        // link reads `../../` rather than minijinja's `..&#x2f;..&#x2f;`.
        env.set_formatter(|out, state, value| {
            let plain = value.is_safe()
                || value.is_none()
                || value.is_undefined()
                || matches!(state.auto_escape(), AutoEscape::None);
            if plain {
                return minijinja::escape_formatter(out, state, value);
            }
            out.write_str(&escape(&value.to_string()))
                .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
        });
        for (name, source) in templates {
            env.add_template_owned(name, source)
                .map_err(|e| template_error(dir, &e))?;
        }
        Ok(Layout {
            dir: dir.to_path_buf(),
            env,
            site,
        })
    }

    /// The page `page` in the layout.
    pub fn render(&self, page: &PageVars) -> Result<String, LayoutError> {
        let name = match page.kind {
            PageKind::Tag | PageKind::Author => {
                let own = format!("{}.html", page.kind.name());
                if self.env.get_template(&own).is_ok() {
                    own
                } else {
                    "list.html".to_string()
                }
            }
            kind => format!("{}.html", kind.name()),
        };
        let template = self
            .env
            .get_template(&name)
            .map_err(|e| template_error(&self.dir, &e))?;
        let root = crate::pages::link_from(&page.dir, "./");
        let url = match &self.site.base_url {
            Some(base) => format!("{base}{}", page.path),
            None => format!("/{}", page.path),
        };
        let list = page.list.as_ref().map(|list| {
            context! {
                heading => &list.heading,
                number => list.number,
                newer => &list.newer,
                older => &list.older,
            }
        });
        template
            .render(context! {
                head => Value::from_safe_string(page.head.clone()),
                content => Value::from_safe_string(page.content.clone()),
                title => &page.title,
                lang => &page.lang,
                dir => &page.direction,
                site => context! {
                    name => &self.site.name,
                    base_url => &self.site.base_url,
                    root => root,
                },
                page => context! {
                    url => url,
                    path => &page.path,
                    kind => page.kind.name(),
                },
                list => list,
            })
            .map_err(|e| template_error(&self.dir, &e))
    }
}

/// `text` safe in HTML text and in an attribute value in double or single quotes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A template's error as the build reports it: the template, the line, what is wrong.
fn template_error(dir: &Path, error: &minijinja::Error) -> LayoutError {
    let mut message = error.kind().to_string();
    if let Some(detail) = error.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    LayoutError::Template {
        dir: dir.to_path_buf(),
        file: error.name().unwrap_or("a template").to_string(),
        line: error.line(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(files: &[(&str, &str)]) -> (tempfile::TempDir, Result<Layout, LayoutError>) {
        let dir = tempfile::tempdir().expect("scratch");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("template");
        }
        let loaded = Layout::load(
            dir.path(),
            SiteVars {
                name: Some("Rivers <& Boats>".into()),
                base_url: Some("https://r.example/".into()),
            },
        );
        (dir, loaded)
    }

    fn page(kind: PageKind) -> PageVars {
        PageVars {
            kind,
            path: "2024/05/a/".into(),
            dir: "2024/05/a".into(),
            title: "A & B".into(),
            lang: Some("en".into()),
            direction: "ltr".into(),
            head: "<title>A &amp; B</title>".into(),
            content: "<article>Body</article>".into(),
            list: None,
        }
    }

    #[test]
    fn templates_wrap_the_page_escaping_all_but_head_and_content() {
        let (_dir, loaded) = layout(&[
            (
                "base.html",
                "<html lang=\"{{ lang }}\"><head>{{ head }}</head><body><header><a href=\"{{ site.root }}\">{{ site.name }}</a></header>{% block main %}{% endblock %}</body></html>",
            ),
            (
                "article.html",
                "{% extends \"base.html\" %}{% block main %}<h2>{{ title }}</h2>{{ content }}<a href=\"{{ page.url }}\">{{ page.kind }}</a>{% endblock %}",
            ),
            (
                "list.html",
                "{{ list.heading or site.name }} {{ list.number }}<b title='{{ list.heading }}'>",
            ),
        ]);
        let layout = loaded.expect("loads");
        let html = layout.render(&page(PageKind::Article)).expect("renders");
        assert_eq!(
            html,
            "<html lang=\"en\"><head><title>A &amp; B</title></head><body><header>\
             <a href=\"../../../\">Rivers &lt;&amp; Boats&gt;</a></header><h2>A &amp; B</h2>\
             <article>Body</article><a href=\"https://r.example/2024/05/a/\">article</a></body></html>"
        );
        let mut tag = page(PageKind::Tag);
        tag.list = Some(ListVars {
            heading: Some("rivers' <b>".into()),
            number: 2,
            ..ListVars::default()
        });
        assert_eq!(
            layout.render(&tag).expect("renders"),
            "rivers&#39; &lt;b&gt; 2<b title='rivers&#39; &lt;b&gt;'>"
        );
    }

    #[test]
    fn errors_name_the_template_and_its_line() {
        let (_dir, loaded) = layout(&[("list.html", "x")]);
        assert!(matches!(
            loaded,
            Err(LayoutError::Missing {
                name: "article.html",
                ..
            })
        ));
        let (_dir, loaded) = layout(&[("article.html", "line one\n{% if %}"), ("list.html", "x")]);
        let error = loaded.expect_err("does not parse").to_string();
        assert!(error.contains("article.html:2: syntax error"), "{error}");
        let (_dir, loaded) = layout(&[
            ("article.html", "{{ head }}\n\n{{ sitee.name }}"),
            ("list.html", "x"),
        ]);
        let error = loaded
            .expect("parses")
            .render(&page(PageKind::Article))
            .expect_err("no such variable")
            .to_string();
        assert!(error.contains("article.html:3: undefined value"), "{error}");
        // A template that loops without end runs out of fuel.
        let (_dir, loaded) = layout(&[
            (
                "article.html",
                "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
            ),
            ("list.html", "x"),
        ]);
        let error = loaded
            .expect("parses")
            .render(&page(PageKind::Article))
            .expect_err("bounded")
            .to_string();
        assert!(error.contains("fuel"), "{error}");
    }
}
