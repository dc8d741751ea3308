//! `sitemap.xml`, every page the build writes with its last change, for search engines; past
//! [`SITEMAP_LIMIT`] addresses, an index of `sitemap-1.xml`, `sitemap-2.xml`, ... And
//! `robots.txt`, which names the sitemap, unless the site has its own.
//!
//! The sitemap is written as the pages come, a file at a time, so a site of any size needs no
//! more memory for it than for one address.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use broadsheet_core::safe_url::SafeUrl;
use chrono::{DateTime, SecondsFormat};
use quick_xml::escape::escape;

use crate::error::{At, BuildError};
use crate::feed_reader::Object;
use crate::output::write_file;

use super::feeds::absolute;
use super::list_pages::listings;
use super::prepare::{Post, Source};
use super::settings::Input;

/// Addresses in one sitemap file: the protocol's limit (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

/// The sitemap's file, and the start of the name of each of its parts.
const SITEMAP: &str = "sitemap.xml";

/// One page the sitemap lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitemapEntry {
    /// The page, as a link from the site's root (`posts/a/`, `tags/rust/`; `""` for the root).
    pub page: String,
    /// Its last change, in seconds since the Unix epoch.
    pub lastmod: Option<i64>,
}

/// The pages of a list of `posts` whose first page is in folder `root` (`""`, `tags/rust`)
/// and the next in `page/<n>/` under it, `per_page` a page, newest first: each dated by the
/// newest change among its posts.
pub fn listing_pages(root: &str, posts: &[&Post], per_page: usize) -> Vec<SitemapEntry> {
    let mut order: Vec<&Post> = posts.to_vec();
    // The list's order (see `list_pages`): newest first.
    order.sort_by_key(|p| std::cmp::Reverse(p.published.unwrap_or(i64::MIN)));
    let folder = |n: usize| match (n, root.is_empty()) {
        (1, true) => String::new(),
        (1, false) => format!("{root}/"),
        (_, true) => format!("page/{n}/"),
        (_, false) => format!("{root}/page/{n}/"),
    };
    let mut pages: Vec<SitemapEntry> = order
        .chunks(per_page.max(1))
        .enumerate()
        .map(|(n, chunk)| SitemapEntry {
            page: folder(n + 1),
            lastmod: chunk.iter().filter_map(|p| changed(p)).max(),
        })
        .collect();
    if pages.is_empty() {
        pages.push(SitemapEntry {
            page: folder(1),
            lastmod: None,
        });
    }
    pages
}

/// A post's last change, else its publication.
fn changed(post: &Post) -> Option<i64> {
    post.modified.or(post.published)
}

/// The pages of `posts`: every list of them (the list of every post, and each tag's and
/// author's, [`listings`]), `per_page` a page, then each post's page (dated by its last
/// change, else its publication).
pub fn site_pages(posts: &[Post], per_page: usize) -> impl Iterator<Item = SitemapEntry> + '_ {
    let lists: Vec<SitemapEntry> = listings(posts)
        .iter()
        .flat_map(|list| listing_pages(&list.root, &list.posts, per_page))
        .collect();
    lists.into_iter().chain(posts.iter().map(|p| SitemapEntry {
        page: p.page.clone(),
        lastmod: changed(p),
    }))
}

/// A sitemap file being written: beside its place until it is whole.
struct Part {
    partial: PathBuf,
    file: PathBuf,
    out: BufWriter<File>,
    count: usize,
}

impl Part {
    /// Starts the file `file`.
    fn start(file: PathBuf) -> Result<Part, BuildError> {
        let mut partial = file.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let mut out = BufWriter::new(File::create(&partial).at(&partial)?);
        out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
              <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        )
        .at(&partial)?;
        Ok(Part {
            partial,
            file,
            out,
            count: 0,
        })
    }

    /// Adds the address `loc`, last changed at `lastmod`.
    fn add(&mut self, loc: &str, lastmod: Option<i64>) -> Result<(), BuildError> {
        let mut line = format!("<url><loc>{}</loc>", escape(loc));
        if let Some(date) = lastmod.and_then(w3c_datetime) {
            line.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        line.push_str("</url>\n");
        self.count += 1;
        self.out.write_all(line.as_bytes()).at(&self.partial)
    }

    /// Ends the file and puts it in its place, as `file` (its own name, else another).
    fn finish(mut self, file: Option<&Path>) -> Result<(), BuildError> {
        self.out.write_all(b"</urlset>\n").at(&self.partial)?;
        let inner = self
            .out
            .into_inner()
            .map_err(|e| e.into_error())
            .at(&self.partial)?;
        inner.sync_all().at(&self.partial)?;
        std::fs::rename(&self.partial, file.unwrap_or(&self.file)).at(&self.file)
    }
}

/// `unix` as a W3C date-time in UTC (`2024-05-01T09:30:00Z`).
fn w3c_datetime(unix: i64) -> Option<String> {
    DateTime::from_timestamp(unix, 0).map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// Writes the sitemap of `pages` on the site at `base` into `out`: `sitemap.xml`, or, past
/// `limit` addresses, `sitemap-1.xml`, `sitemap-2.xml`, ... `limit` each and `sitemap.xml`
/// the index of them. Returns how many addresses it lists.
pub fn write_sitemap(
    pages: impl IntoIterator<Item = SitemapEntry>,
    base: &SafeUrl,
    out: &Path,
    limit: usize,
) -> Result<usize, BuildError> {
    let limit = limit.max(1);
    let part_name = |n: usize| format!("sitemap-{n}.xml");
    let mut done: Vec<Part> = Vec::new();
    let mut current: Option<Part> = None;
    let mut total = 0;
    for entry in pages {
        let Some(loc) = absolute(base, &entry.page) else {
            continue;
        };
        let part = match current.take() {
            Some(part) if part.count < limit => part,
            full => {
                if let Some(full) = full {
                    done.push(full);
                }
                Part::start(out.join(part_name(done.len() + 1)))?
            }
        };
        let part = current.insert(part);
        part.add(&loc, entry.lastmod)?;
        total += 1;
    }
    let index = out.join(SITEMAP);
    if done.is_empty() {
        // One file: the sitemap itself.
        let part = match current {
            Some(part) => part,
            None => Part::start(out.join(part_name(1)))?,
        };
        part.finish(Some(&index))?;
        return Ok(total);
    }
    done.extend(current);
    let parts = done.len();
    for part in done {
        part.finish(None)?;
    }
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=parts {
        let loc = absolute(base, &part_name(n)).unwrap_or_default();
        text.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", escape(&loc)));
    }
    text.push_str("</sitemapindex>\n");
    write_file(&index, text)?;
    Ok(total)
}

/// The site's own `robots.txt` among `inputs`: at the root of the site on disk (a Markdown
/// folder, or the folder a feed is in), or in its `static/` folder (Hugo's and Zola's place
/// for files published as they are).
pub fn source_robots(inputs: &[Input]) -> Option<PathBuf> {
    let header = Object::new();
    inputs.iter().find_map(|input| {
        let root = Source::new(input, &header).root?;
        [root.join("robots.txt"), root.join("static/robots.txt")]
            .into_iter()
            .find(|file| file.is_file())
    })
}

/// What [`write_robots`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Robots {
    /// The output had one already (a file of a post's): left as it is.
    Kept,
    /// The site's own, copied.
    Copied,
    /// One written, naming the sitemap.
    Written,
    /// None: the site has neither one nor a base URL to name its sitemap with.
    None,
}

/// Writes `robots.txt` into `out`: the site's own (`own`) when it has one, else one that lets
/// every crawler in and names the sitemap of the site at `base`. A `robots.txt` already in
/// the output is left as it is.
pub fn write_robots(
    out: &Path,
    base: Option<&SafeUrl>,
    own: Option<&Path>,
) -> Result<Robots, BuildError> {
    let file = out.join("robots.txt");
    if file.exists() {
        return Ok(Robots::Kept);
    }
    if let Some(own) = own {
        std::fs::copy(own, &file).at(own)?;
        return Ok(Robots::Copied);
    }
    let Some(sitemap) = base.and_then(|base| absolute(base, SITEMAP)) else {
        return Ok(Robots::None);
    };
    write_file(
        &file,
        format!("User-agent: *\nDisallow:\n\nSitemap: {sitemap}\n"),
    )?;
    Ok(Robots::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix("broadsheet-sitemap-")
            .tempdir()
            .expect("scratch folder")
    }

    fn entries(n: usize) -> impl Iterator<Item = SitemapEntry> {
        (0..n).map(|i| SitemapEntry {
            page: format!("posts/p{i}/"),
            lastmod: Some(1_700_000_000 + i as i64),
        })
    }

    #[test]
    fn one_file_up_to_the_limit_then_an_index() {
        let base = SafeUrl::parse_absolute("https://s.example/blog/").expect("URL");
        let dir = scratch();
        assert_eq!(
            write_sitemap(entries(3), &base, dir.path(), 3).expect("written"),
            3
        );
        let one = std::fs::read_to_string(dir.path().join("sitemap.xml")).expect("sitemap");
        assert!(one.starts_with("<?xml"), "{one}");
        assert!(one.contains(
            "<url><loc>https://s.example/blog/posts/p0/</loc><lastmod>2023-11-14T22:13:20Z</lastmod></url>"
        ), "{one}");
        assert!(!dir.path().join("sitemap-1.xml").exists());

        let dir = scratch();
        assert_eq!(
            write_sitemap(entries(7), &base, dir.path(), 3).expect("written"),
            7
        );
        let index = std::fs::read_to_string(dir.path().join("sitemap.xml")).expect("index");
        assert!(index.contains("<sitemapindex"), "{index}");
        for n in 1..=3 {
            assert!(index.contains(&format!(
                "<loc>https://s.example/blog/sitemap-{n}.xml</loc>"
            )));
            let part =
                std::fs::read_to_string(dir.path().join(format!("sitemap-{n}.xml"))).expect("part");
            assert_eq!(part.matches("<url>").count(), if n == 3 { 1 } else { 3 });
        }
        assert!(!dir.path().join("sitemap-4.xml").exists());
        let leftovers = std::fs::read_dir(dir.path())
            .expect("folder")
            .filter(|e| {
                e.as_ref()
                    .expect("entry")
                    .path()
                    .to_string_lossy()
                    .ends_with(".partial")
            })
            .count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn addresses_are_escaped_and_encoded() {
        let base = SafeUrl::parse_absolute("https://s.example/").expect("URL");
        let dir = scratch();
        let pages = [SitemapEntry {
            page: "notes/a b&c:d.html".to_string(),
            lastmod: None,
        }];
        write_sitemap(pages, &base, dir.path(), 10).expect("written");
        let xml = std::fs::read_to_string(dir.path().join("sitemap.xml")).expect("sitemap");
        assert!(
            xml.contains("<url><loc>https://s.example/notes/a%20b&amp;c:d.html</loc></url>"),
            "{xml}"
        );
    }

    #[test]
    fn robots_names_the_sitemap_unless_the_site_has_its_own() {
        let base = SafeUrl::parse_absolute("https://s.example/").expect("URL");
        let dir = scratch();
        assert_eq!(
            write_robots(dir.path(), Some(&base), None).expect("ok"),
            Robots::Written
        );
        let text = std::fs::read_to_string(dir.path().join("robots.txt")).expect("robots");
        assert!(
            text.contains("\nSitemap: https://s.example/sitemap.xml\n"),
            "{text}"
        );
        assert_eq!(
            write_robots(dir.path(), Some(&base), None).expect("ok"),
            Robots::Kept
        );

        let dir = scratch();
        let own = dir.path().join("own.txt");
        std::fs::write(&own, "User-agent: *\nDisallow: /drafts/\n").expect("write");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("folder");
        assert_eq!(
            write_robots(&out, Some(&base), Some(&own)).expect("ok"),
            Robots::Copied
        );
        let text = std::fs::read_to_string(out.join("robots.txt")).expect("robots");
        assert_eq!(text, "User-agent: *\nDisallow: /drafts/\n");

        let dir = scratch();
        assert_eq!(
            write_robots(dir.path(), None, None).expect("ok"),
            Robots::None
        );
        assert!(!dir.path().join("robots.txt").exists());
    }
}
