//! The first pass over every item of the sources: one thread reads the sources and gives each
//! post its place (in order, so that slugs are the same on every run), the posts are prepared
//! in batches on every core (rayon), and the caller hears of every item in input order.

use std::collections::HashSet;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use broadsheet_core::model::index_item;
use rayon::prelude::*;
use serde_json::Value;

use crate::error::{At, BuildError};
use crate::feed_reader::Object;
use crate::sources::{self, Notice, Resource, Sink, SourceItem};

use super::address::{Address, Addressing};
use super::prepare::{Context, Place, Prepared, Source};
use super::settings::Mode;
use super::slug::slug;
use super::staging::Staging;

/// What became of one item of the inputs in the first pass.
pub enum Outcome {
    /// Not a post.
    Skipped(Notice),
    /// A caveat about a post (which comes as its own outcome).
    Warning(Notice),
    /// A post, prepared and staged; `renamed` when its slug was taken.
    Prepared {
        /// The post.
        prepared: Box<Prepared>,
        /// Whether its slug was taken.
        renamed: bool,
        /// Its source, by its place among the inputs.
        source: usize,
        /// Where it was read (a Markdown post's file).
        at: String,
    },
}

/// An item on its way to be prepared: its source, the site's folder its relative URLs are
/// relative to, where it goes, and the files to copy with it.
struct Job {
    source: usize,
    at: String,
    raw: Object,
    base: String,
    place: Place,
    resources: Vec<Resource>,
}

/// What the reader sends, in input order.
enum Message {
    /// A post to prepare.
    Job(Job),
    /// What became of an item that needs no preparing.
    Outcome(Outcome),
}

/// Items prepared together: enough to keep every core busy, few enough that memory stays
/// small. The reader reads the next batch meanwhile.
const BATCH: usize = 64;

/// Runs the first pass over `sources`; `handle` hears of every item, in input order, on this
/// thread. Posts are staged in `staging` when the build writes a site.
pub fn first_pass(
    sources: &[Source],
    context: &Context,
    staging: Option<&Staging>,
    mut handle: impl FnMut(Outcome) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let (send, receive) = sync_channel::<Message>(BATCH);
    let addressing = Addressing {
        base: context.site.info.base_url.clone(),
        permalink: context.settings.permalink.clone(),
    };
    let addressing = &addressing;
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_items(sources, context.mode, addressing, send));
        let result = prepare_all(&receive, sources, context, staging, &mut handle);
        // On a failure the channel closes, and the reader stops at its next item.
        drop(receive);
        if let Err(panic) = reader.join() {
            std::panic::resume_unwind(panic);
        }
        result
    })
}

/// Prepares what `receive` brings, a batch at a time, and hands the outcomes to `handle`.
fn prepare_all(
    receive: &Receiver<Message>,
    sources: &[Source],
    context: &Context,
    staging: Option<&Staging>,
    handle: &mut impl FnMut(Outcome) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    while let Ok(first) = receive.recv() {
        let mut batch = vec![first];
        batch.extend(receive.try_iter().take(BATCH - 1));
        let outcomes: Vec<Result<Outcome, BuildError>> = batch
            .into_par_iter()
            .map(|message| match message {
                Message::Job(job) => work(context, &sources[job.source], staging, job),
                Message::Outcome(outcome) => Ok(outcome),
            })
            .collect();
        for outcome in outcomes {
            handle(outcome?)?;
        }
    }
    Ok(())
}

/// One post prepared, staged, and the files next to it copied.
fn work(
    context: &Context,
    source: &Source,
    staging: Option<&Staging>,
    job: Job,
) -> Result<Outcome, BuildError> {
    let Some(mut prepared) = context.prepare(&job.raw, source, &job.base, &job.place) else {
        return Ok(Outcome::Skipped(Notice {
            place: format!("{} ({})", source.input.path.display(), job.place.dir),
            message: "it has neither a title nor a url".to_string(),
        }));
    };
    if let (Some(staging), Some(staged)) = (staging, prepared.staged.take()) {
        prepared.post.staged = Some(staging.put(&staged)?);
    }
    // Images and files next to a post go to the same place in the output.
    for resource in &job.resources {
        let target = context.out.join(&resource.site_path);
        if !target.exists() {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).at(dir)?;
            }
            std::fs::copy(&resource.file, &target).at(&resource.file)?;
        }
    }
    Ok(Outcome::Prepared {
        prepared: Box::new(prepared),
        renamed: job.place.renamed,
        source: job.source,
        at: job.at,
    })
}

/// The reader's side of the first pass, as a [`Sink`] for the sources.
struct Reader<'s> {
    source: usize,
    source_of: &'s Source<'s>,
    mode: Mode,
    addressing: &'s Addressing,
    /// The pages given so far: a post whose address is taken goes to `posts/<slug>/`, and one
    /// whose slug is taken there gets a number.
    taken: &'s mut HashSet<String>,
    /// The ids given so far: a post whose id is taken gets a numbered one.
    ids: &'s mut HashSet<String>,
    send: SyncSender<Message>,
    /// Whether the other side has stopped listening.
    closed: bool,
}

impl Reader<'_> {
    fn send(&mut self, message: Message) {
        if !self.closed {
            self.closed = self.send.send(message).is_err();
        }
    }

    /// Where the post `raw` with `id` (and the source's `hint` for its name) is written: its
    /// own address or the permalink pattern's when no earlier post took it, else its slug
    /// made unique under `posts/`; for `--index-only`, where its file already is. With it,
    /// what to say of an address it could not have.
    fn place(&mut self, id: &str, hint: Option<&str>, raw: &Object) -> (Place, Option<String>) {
        let input = self.source_of.input;
        match self.mode {
            Mode::Site => {
                let stem = slug(hint.unwrap_or(id));
                let text = |key: &str| raw.get(key).and_then(Value::as_str);
                let choice = self.addressing.choose(
                    text("url"),
                    &stem,
                    text("title").unwrap_or(&stem),
                    text("date_published"),
                );
                let mut said = None;
                if let Some(address) = choice.address {
                    if self.taken.insert(address.page_file()) {
                        let redirect = choice
                            .leaves
                            .filter(|own| self.taken.insert(own.page_file()))
                            .map(|own| own.page);
                        return (Place::at(address, false, redirect), None);
                    }
                    said = Some(format!(
                        "its address /{} is an earlier post's: written under posts/ instead",
                        address.page
                    ));
                }
                let mut name = stem.clone();
                let mut n = 1;
                while !self
                    .taken
                    .insert(Address::folder(&format!("posts/{name}")).page_file())
                {
                    n += 1;
                    name = format!("{stem}-{n}");
                }
                let address = Address::folder(&format!("posts/{name}"));
                (Place::at(address, n > 1, None), said)
            }
            Mode::IndexOnly => {
                let file = input
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let place = Place {
                    src: if input.base.is_empty() {
                        file
                    } else {
                        format!("{}/{file}", input.base)
                    },
                    page: format!("{}/", input.base),
                    dir: input.base.clone(),
                    renamed: false,
                    redirect: None,
                };
                (place, None)
            }
        }
    }
}

impl Sink for Reader<'_> {
    fn item(&mut self, item: SourceItem) {
        if self.closed {
            return;
        }
        let SourceItem {
            item: mut raw,
            base,
            slug,
            place: at,
            resources,
        } = item;
        let Some(mut id) = index_item(&raw, None, &self.source_of.defaults).map(|i| i.id) else {
            let message = if raw.contains_key("id") {
                "it has neither a title nor a url"
            } else {
                "it has no id"
            };
            self.send(Message::Outcome(Outcome::Skipped(Notice {
                place: at,
                message: message.to_string(),
            })));
            return;
        };
        // Files written in place (`--index-only`) keep their ids; posts written here are kept
        // apart, and so are their similar lists.
        if self.mode == Mode::Site && !self.ids.insert(id.clone()) {
            let unique = (2..)
                .map(|n| format!("{id}-{n}"))
                .find(|candidate| !self.ids.contains(candidate))
                .unwrap_or_default();
            self.send(Message::Outcome(Outcome::Warning(Notice {
                place: at.clone(),
                message: format!(
                    "duplicate id: {id:?} is an earlier post's, this one is {unique:?}"
                ),
            })));
            raw.insert("id".into(), Value::String(unique.clone()));
            self.ids.insert(unique.clone());
            id = unique;
        }
        let (place, said) = self.place(&id, slug.as_deref(), &raw);
        if let Some(message) = said {
            self.send(Message::Outcome(Outcome::Warning(Notice {
                place: at.clone(),
                message,
            })));
        }
        let job = Job {
            source: self.source,
            at,
            raw,
            base,
            place,
            resources,
        };
        self.send(Message::Job(job));
    }

    fn skip(&mut self, notice: Notice) {
        self.send(Message::Outcome(Outcome::Skipped(notice)));
    }

    fn warn(&mut self, notice: Notice) {
        self.send(Message::Outcome(Outcome::Warning(notice)));
    }
}

/// The reader of the first pass: every item of `sources` in order, to be prepared or, when
/// it is not a post, straight to the caller as skipped.
fn read_items(sources: &[Source], mode: Mode, addressing: &Addressing, send: SyncSender<Message>) {
    let mut taken = HashSet::new();
    let mut ids = HashSet::new();
    for (s, source) in sources.iter().enumerate() {
        let input = source.input;
        let mut reader = Reader {
            source: s,
            source_of: source,
            mode,
            addressing,
            taken: &mut taken,
            ids: &mut ids,
            send: send.clone(),
            closed: false,
        };
        let result = sources::read(&input.path, input.format, &input.base, &mut reader);
        // A source that cannot be read at all is reported, and the rest of the site builds.
        if let Err(error) = result {
            reader.skip(Notice {
                place: error.path.display().to_string(),
                message: error.problem.to_string(),
            });
        }
        if reader.closed {
            break;
        }
    }
}
