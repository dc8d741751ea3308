//! What a build says on standard error: its progress, and a summary of what it did.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Duration;

use broadsheet_build::site::session::Rebuilt;
use broadsheet_build::site::Report;
use broadsheet_build::sources::Notice;

/// A progress line on standard error: a bar on a terminal, a line a tenth in a log.
pub fn progress() -> impl Fn(&str, usize, usize) + Sync {
    let terminal = std::io::stderr().is_terminal();
    let last_tenth = Mutex::new((String::new(), usize::MAX));
    move |stage: &str, done: usize, total: usize| {
        let width = 30;
        let (line, tenth) = match (done * width).checked_div(total) {
            Some(filled) => (
                format!(
                    "{stage:<8}[{}{}] {:>3}% {done}/{total}",
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    done * 100 / total
                ),
                done * 10 / total,
            ),
            // The total is not known yet: a count, a line every 10,000.
            None => (format!("{stage} {done} posts"), done / 10_000),
        };
        if terminal {
            eprint!("\r{line}\x1b[K");
            if total > 0 && done == total {
                eprintln!();
            }
        } else {
            if let Ok(mut last) = last_tenth.lock() {
                if last.0 != stage || last.1 != tenth {
                    *last = (stage.to_string(), tenth);
                    eprintln!("{line}");
                }
            }
        }
        let _ = std::io::stderr().flush();
    }
}

/// The summary of a build: its notices (at most [`SHOWN_PER_REASON`] of each reason, or all of
/// them), the counts, how long each stage took and the peak memory.
pub fn print_report(report: &Report, all: bool) {
    let shown = if all { usize::MAX } else { SHOWN_PER_REASON };
    print_capped("warning: ", &report.warnings, shown);
    print_capped("skipped ", &report.skipped, shown);
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    eprintln!("{}", counts(report));
    let stages: Vec<String> = report
        .stages
        .iter()
        .map(|(name, took)| format!("{name} {:.1?}", took))
        .collect();
    if !stages.is_empty() {
        eprintln!("{}", stages.join(", "));
    }
    if let Some(peak) = peak_memory() {
        eprintln!("peak memory {peak}");
    }
}

/// One line: items read, posts built, skipped and warned about, and why.
pub fn counts(report: &Report) -> String {
    let mut summary = format!(
        "{} items read: {} posts built, {} skipped{}",
        report.posts + report.skipped.len(),
        report.posts,
        report.skipped.len(),
        reasons(&report.skipped)
    );
    if !report.warnings.is_empty() {
        summary.push_str(&format!(
            "; {} warnings{}",
            report.warnings.len(),
            reasons(&report.warnings)
        ));
    }
    if report.renamed > 0 {
        summary.push_str(&format!(
            "; {} with a slug taken by another (numbered)",
            report.renamed
        ));
    }
    summary
}

/// Prints each of `items` after `label`, at most `shown` of each reason, then how many more
/// there were.
fn print_capped(label: &str, items: &[Notice], shown: usize) {
    let mut printed: Vec<(&str, usize)> = Vec::new();
    for item in items {
        let kind = reason_kind(&item.message);
        let at = printed
            .iter()
            .position(|(k, _)| *k == kind)
            .unwrap_or_else(|| {
                printed.push((kind, 0));
                printed.len() - 1
            });
        printed[at].1 += 1;
        if printed[at].1 <= shown {
            eprintln!("{label}{}: {}", item.place, item.message);
        }
    }
    for (kind, n) in tally(items) {
        if n > shown {
            eprintln!("{label}{} more: {kind}", n - shown);
        }
    }
}

/// Lines printed for each reason a post was skipped or warned about; the summary counts all.
const SHOWN_PER_REASON: usize = 5;

/// The kind of a reason: its first clause (`not a post` of `not a post: attachment`).
fn reason_kind(reason: &str) -> &str {
    reason.split(':').next().unwrap_or(reason)
}

/// How many of `items` were left out for each reason, most frequent first: ` (3 drafts, 1 no
/// title)`; empty when there are none.
fn reasons(items: &[Notice]) -> String {
    let mut counts = tally(items);
    if counts.is_empty() {
        return String::new();
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    format!(" ({})", parts.join(", "))
}

/// How many of `items` there are of each reason, in the order the reasons first come.
fn tally(items: &[Notice]) -> Vec<(&str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in items {
        let kind = reason_kind(&item.message);
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
}

/// The process's peak resident memory, where Linux reports it.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_string())
}

/// Says which edited posts `serve` rebuilt alone, how many posts' files it wrote, and their
/// caveats.
pub fn print_rebuilt(rebuilt: &Rebuilt, took: Duration) {
    let lists = if rebuilt.lists {
        " and the list pages"
    } else {
        ""
    };
    eprintln!(
        "rebuilt {} in {took:.0?}: the files of {} posts{lists} written again",
        rebuilt.posts.join(", "),
        rebuilt.written
    );
    for warning in &rebuilt.warnings {
        eprintln!("  {}: {}", warning.place, warning.message);
    }
}
