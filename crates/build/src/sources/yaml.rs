//! YAML front matter read as JSON, with the work any front matter can cause bounded.
//!
//! YAML's aliases (`*name`) repeat a node anchored elsewhere (`&name`), and a loader expands
//! them: nine lines of aliases of aliases make a billion values (the "billion laughs"), and
//! `yaml-rust2` would allocate until the process is killed. So the front matter's events are
//! first counted as they would expand, without building anything, and a front matter that would
//! make more than [`MAX_VALUES`] values or nest deeper than [`MAX_DEPTH`] is refused, naming
//! its line; only then is it loaded.

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::{Yaml, YamlLoader};

/// The most values a front matter may expand to, aliases counted as what they repeat. Real
/// front matter has tens.
pub const MAX_VALUES: usize = 10_000;

/// The deepest a front matter may nest lists and maps, aliases counted as what they repeat.
pub const MAX_DEPTH: usize = 64;

/// Parses YAML front matter into an object; the error names the line in the post's file, where
/// the front matter starts on line 2, after `---`.
pub fn front_matter(text: &str) -> Result<Map<String, Value>, String> {
    let mut budget = Budget::default();
    Parser::new_from_str(text)
        .load(&mut budget, false)
        .map_err(|e| {
            format!(
                "front matter (YAML) line {}: {}",
                e.marker().line() + 1,
                e.info()
            )
        })?;
    if let Some(refusal) = budget.refused {
        return Err(format!("front matter (YAML) {refusal}"));
    }
    let docs = YamlLoader::load_from_str(text).map_err(|e| {
        format!(
            "front matter (YAML) line {}: {}",
            e.marker().line() + 1,
            e.info()
        )
    })?;
    match docs.first().map(to_json) {
        Some(Value::Object(map)) => Ok(map),
        None | Some(Value::Null) => Ok(Map::new()),
        Some(_) => Err("front matter is not a set of fields".into()),
    }
}

/// A list or map being read: its anchor, the values counted when it opened, and the deepest
/// level reached inside it.
struct Open {
    anchor: usize,
    values_before: usize,
    deepest: usize,
}

/// Counts a document's values and depth as a loader would expand them.
#[derive(Default)]
struct Budget {
    values: usize,
    /// The lists and maps open, outermost first.
    open: Vec<Open>,
    /// Each anchor's expanded size: its values and its depth.
    anchors: HashMap<usize, (usize, usize)>,
    /// Why the document is refused, once it is.
    refused: Option<String>,
}

impl Budget {
    /// A node of `values` values and `depth` levels at the current level.
    fn add(&mut self, values: usize, depth: usize) {
        self.values = self.values.saturating_add(values);
        let reached = self.open.len() + depth;
        if let Some(top) = self.open.last_mut() {
            top.deepest = top.deepest.max(reached);
        }
    }
}

impl MarkedEventReceiver for Budget {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.refused.is_some() {
            return;
        }
        match event {
            Event::Scalar(_, _, anchor, _) => {
                self.add(1, 0);
                if anchor > 0 {
                    self.anchors.insert(anchor, (1, 0));
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.add(1, 1);
                let level = self.open.len() + 1;
                self.open.push(Open {
                    anchor,
                    values_before: self.values - 1,
                    deepest: level,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(closed) = self.open.pop() {
                    if let Some(parent) = self.open.last_mut() {
                        parent.deepest = parent.deepest.max(closed.deepest);
                    }
                    if closed.anchor > 0 {
                        let depth = closed.deepest + 1 - (self.open.len() + 1);
                        let values = self.values - closed.values_before;
                        self.anchors.insert(closed.anchor, (values, depth));
                    }
                }
            }
            Event::Alias(anchor) => {
                let (values, depth) = self.anchors.get(&anchor).copied().unwrap_or((1, 0));
                self.add(values, depth);
            }
            _ => {}
        }
        // A level too deep is seen when it is reached, in the innermost open list or map.
        let deepest = self.open.last().map_or(0, |o| o.deepest);
        if self.values > MAX_VALUES {
            self.refused = Some(format!(
                "line {}: refused, its aliases expand to more than {MAX_VALUES} values",
                mark.line() + 1
            ));
        } else if deepest > MAX_DEPTH {
            self.refused = Some(format!(
                "line {}: refused, nested more than {MAX_DEPTH} levels deep",
                mark.line() + 1
            ));
        }
    }
}

/// YAML as JSON.
fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Real(s) => s
            .parse::<f64>()
            .map_or(Value::String(s.clone()), |f| json!(f)),
        Yaml::Integer(i) => json!(i),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((key, to_json(v)))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    /// The "billion laughs" in YAML: nine levels of nine aliases each, 387 million values.
    const LAUGHS: &str =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
";

    #[test]
    fn an_alias_bomb_is_refused_at_once_naming_its_line() {
        let started = Instant::now();
        let error = front_matter(LAUGHS).expect_err("refused");
        assert!(started.elapsed().as_secs() < 1, "{:?}", started.elapsed());
        assert!(error.contains("line 6"), "{error}");
        assert!(error.contains("more than 10000 values"), "{error}");
    }

    #[test]
    fn deep_nesting_is_refused_and_so_is_depth_made_by_aliases() {
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        // The parser has its own bound on nesting, lower than a stack overflow.
        let error = front_matter(&deep).expect_err("refused");
        assert!(error.starts_with("front matter (YAML) line 2"), "{error}");
        // Forty levels, then an alias of them forty levels down: eighty in all.
        let forty = |open: &str| format!("{open}{}", "[".repeat(39));
        let text = format!(
            "a: &a {}1{}\nb: {}*a{}\n",
            forty("["),
            "]".repeat(40),
            forty("["),
            "]".repeat(40)
        );
        let error = front_matter(&text).expect_err("refused");
        assert!(error.contains("line 3"), "{error}");
    }

    #[test]
    fn aliases_within_the_bounds_are_expanded() {
        let fields = front_matter("base: &base {tags: [a, b]}\npost:\n  <<: *base\nother: *base\n")
            .expect("reads");
        assert_eq!(fields["other"], json!({"tags": ["a", "b"]}));
        let fields = front_matter(&LAUGHS.lines().take(3).collect::<Vec<_>>().join("\n"))
            .expect("729 values are fine");
        assert_eq!(fields["c"].as_array().map(Vec::len), Some(9));
    }
}
