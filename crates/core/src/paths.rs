//! Relative paths between the files of a site: where a link written for one folder must point
//! from another. Pure string work on `/`-separated paths, never the file system.

/// The path of `to` relative to the folder of `from` (both relative to the index), so that a
/// URL in one article file resolves to another: `posts/a.json` → `posts/b.json` is `b.json`.
pub fn relative_src(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut parts = vec![".."; from_dirs.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

/// The folder part of a path relative to the index (`posts` for `posts/a.json`).
pub fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Adds one path segment to `parts`: `..` cancels the segment before it, or is kept when
/// there is none to cancel (a path above the index).
fn push_segment<'a>(parts: &mut Vec<&'a str>, segment: &'a str) {
    match segment {
        "." => {}
        ".." if parts.last().is_some_and(|p| *p != "..") => {
            parts.pop();
        }
        s => parts.push(s),
    }
}

/// `url`, relative to folder `from`, rewritten relative to folder `to` (both relative to the
/// index). Absolute URLs, root-relative paths, queries and fragments are kept; a query or
/// fragment after a path goes along unchanged.
pub fn rebase(url: &str, from: &str, to: &str) -> String {
    let has_scheme = url
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains(['/', '?', '#']));
    if has_scheme || url.starts_with(['/', '#', '?']) || url.is_empty() || from == to {
        return url.to_string();
    }
    let (path, rest) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
    let mut parts = Vec::new();
    for segment in from.split('/').filter(|p| !p.is_empty()) {
        push_segment(&mut parts, segment);
    }
    for segment in path.split('/') {
        push_segment(&mut parts, segment);
    }
    let file_in_to = if to.is_empty() {
        "_".to_string()
    } else {
        format!("{to}/_")
    };
    let rebased = relative_src(&file_in_to, &parts.join("/"));
    // An empty path, `/x` (root-relative, or `//host` for another site) and `a:b` (a scheme)
    // would each mean something else; with `./` in front they are the same path.
    let ambiguous = rebased.is_empty()
        || rebased.starts_with('/')
        || rebased
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'));
    if ambiguous {
        format!("./{rebased}{rest}")
    } else {
        format!("{rebased}{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_are_rebased_to_where_they_are_written() {
        assert_eq!(rebase("../images/a.svg", "posts", ""), "images/a.svg");
        assert_eq!(rebase("images/a.svg", "", "posts"), "../images/a.svg");
        assert_eq!(rebase("a.svg", "posts", "posts"), "a.svg");
        assert_eq!(
            rebase("https://x.example/a.svg", "posts", ""),
            "https://x.example/a.svg"
        );
        assert_eq!(rebase("/a.svg", "posts", ""), "/a.svg");
        // `a:b` as the first segment would read as a scheme, `//x` as another host.
        assert_eq!(rebase("../javascript:x", "posts", ""), "./javascript:x");
        assert_eq!(
            rebase("..///evil.example/x", "posts", ""),
            ".///evil.example/x"
        );
        assert_eq!(rebase("..", "posts", ""), "./");
        // Above the index, and a `..` that belongs to the source folder.
        assert_eq!(rebase("../shared/a.png", "", "posts"), "../../shared/a.png");
        assert_eq!(rebase("../../x", "../content", ""), "../../x");
        // The query and fragment are not path.
        assert_eq!(
            rebase("search?p=a/../b#c/d", "", "posts"),
            "../search?p=a/../b#c/d"
        );
    }

    #[test]
    fn similar_sources_are_relative_to_the_article_file() {
        assert_eq!(relative_src("posts/a.json", "posts/b.json"), "b.json");
        assert_eq!(relative_src("posts/a.json", "feed.json"), "../feed.json");
        assert_eq!(relative_src("a.json", "posts/b.json"), "posts/b.json");
        assert_eq!(relative_src("x/y/a.json", "x/z/b.json"), "../z/b.json");
        assert_eq!(relative_src("posts/a.json", "posts"), "../posts");
    }
}
