//! The articles of the browser's hostile-shapes tests, shared by the browser suite
//! (`tests/browser/shapes.rs`, through the component alone) and the end-to-end test
//! (`tests/hostile_shapes.rs`, through the release build in every engine): which bodies they
//! show, as what JSON, and how long each may take against a megabyte of prose.

/// How many times a megabyte of prose a megabyte of any shape may take: linear code stays
/// within a few times prose (each shape does more per byte than prose does), while a quadratic
/// step over a megabyte takes many seconds or minutes.
pub const TIMES: f64 = 10.0;

/// An allowance for the machine's noise, in milliseconds.
pub const NOISE_MS: f64 = 2_000.0;

/// One article of the test.
pub struct ShapeArticle {
    /// Its name, fit for a file name or an address: its title is "Shape: " and the name.
    pub name: String,
    /// Its body.
    pub html: String,
    /// Whether it is a shape cut to the most the browser's own parser is handed (32 kB, 1,024
    /// tags), which must show within the time of a megabyte of prose, not a multiple of it.
    pub cut: bool,
}

impl ShapeArticle {
    /// The longest this article may take to show, in milliseconds, where a megabyte of prose
    /// takes `prose_ms`.
    pub fn limit_ms(&self, prose_ms: f64) -> f64 {
        let times = if self.cut { 1.0 } else { TIMES };
        prose_ms * times + NOISE_MS
    }

    /// The article as JSON (a JSON Feed of one item).
    pub fn json(&self) -> String {
        serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Shapes",
            "items": [{
                "id": self.name,
                "title": format!("Shape: {}", self.name),
                "content_html": self.html
            }]
        })
        .to_string()
    }
}

/// The articles: a megabyte of `prose` first (the measure of the others), then the megabytes
/// of `shapes`, then their `cuts` (`shapes::at_browser_bounds`).
pub fn shape_articles(
    prose: String,
    shapes: Vec<(&str, String)>,
    cuts: Vec<(String, String)>,
) -> Vec<ShapeArticle> {
    let article = |name: &str, html, cut| ShapeArticle {
        name: name.replace(", ", "-").replace(' ', "-"),
        html,
        cut,
    };
    let mut articles = vec![article("prose", prose, false)];
    articles.extend(shapes.into_iter().map(|(n, h)| article(n, h, false)));
    articles.extend(cuts.into_iter().map(|(n, h)| article(&n, h, true)));
    articles
}
