//! The import of several files in small steps ([`ImportJob::step`]), so that a long file
//! never holds the page for long: a native file's annotations are parsed, then placed, a
//! batch at a time; each file sees the ones before it, and a bad file changes nothing. The
//! page runs the steps in slices of about 40 ms with its turn between them.
//!
//! A step reads a file's head, or parses or places a batch of 2,000 of its annotations (a
//! native file's annotations are first found as raw JSON, then parsed a batch at a time), or
//! applies a file's plan to the job's scratch workspace. The finished [`Imported`] carries
//! that workspace with the changes and each file's report: the app takes the workspace as it
//! is when the work did not change meanwhile, and otherwise applies the changes to the work
//! as it is by then; either way the import is one undoable step. [`plan_files`] runs the same
//! steps at once.

use crate::import::incoming::Incoming;
use crate::import::native::{native_annotations, native_items};
use crate::import::parse::parse;
use crate::import::plan::Planner;
use crate::import::report::{FileOutcome, FileReport, ImportPlan, Refusal};
use crate::text::Unicode;
use crate::workspace::{Change, Workspace};
use std::ops::Range;
use std::rc::Rc;

/// Plans the import of several files (name, text) into `ws`, each seeing the ones before
/// it: the changes of the good files, to apply as one undoable step, and a report per file.
pub fn plan_files(
    unicode: &'static dyn Unicode,
    ws: &Workspace,
    files: Vec<(String, String)>,
) -> Imported {
    let mut job = ImportJob::new(unicode, ws, files);
    loop {
        if let Step::Done(imported) = job.step() {
            return imported;
        }
    }
}

/// How many annotations a step of an [`ImportJob`] parses or places.
pub(crate) const BATCH: usize = 2_000;

/// The import of several files in small steps ([`ImportJob::step`]), so that a long file
/// never holds the page for long: a native file's annotations are parsed, then placed, a
/// batch at a time. Each file sees the ones before it; a bad file changes nothing.
pub struct ImportJob {
    /// Whose Unicode tables the documents a file carries are made with.
    unicode: &'static dyn Unicode,
    files: Vec<(String, String)>,
    /// The workspace with the good files so far applied.
    scratch: Workspace,
    changes: Vec<Change>,
    reports: Vec<Rc<FileReport>>,
    /// The file at hand, and how far it is.
    file: usize,
    stage: Stage,
    /// Bytes of the files, in all and done, for the share done.
    total: usize,
    done: usize,
}

/// How far the file at hand is.
enum Stage {
    Start,
    /// A native file's annotations as raw JSON (byte ranges of the text), parsed from `next`.
    Parsing {
        incoming: Incoming,
        items: Vec<Range<usize>>,
        next: usize,
    },
    /// Its annotations checked whole, placed from `next`.
    Placing {
        incoming: Incoming,
        planner: Box<Planner>,
        next: usize,
    },
    /// Planned, to apply to the scratch workspace (a step of its own: the longest).
    Applying(ImportPlan),
}

/// What an [`ImportJob`] step leaves.
pub enum Step {
    /// Still at work, with the share done (0 to 1).
    Working(f64),
    Done(Imported),
}

/// A finished import.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The workspace with every good file applied.
    pub workspace: Workspace,
    /// What the good files changed, to apply or undo as one step.
    pub changes: Vec<Change>,
    /// What became of each file (shared with the report that shows it).
    pub reports: Vec<Rc<FileReport>>,
}

impl ImportJob {
    pub fn new(
        unicode: &'static dyn Unicode,
        ws: &Workspace,
        files: Vec<(String, String)>,
    ) -> Self {
        ImportJob {
            unicode,
            total: files.iter().map(|(_, t)| t.len()).sum(),
            files,
            scratch: ws.clone(),
            changes: Vec::new(),
            reports: Vec::new(),
            file: 0,
            stage: Stage::Start,
            done: 0,
        }
    }

    /// Does the next small part of the work: reads a file's head, or parses or places a
    /// batch of its annotations.
    pub fn step(&mut self) -> Step {
        let files = std::mem::take(&mut self.files);
        let Some((name, text)) = files.get(self.file) else {
            return Step::Done(Imported {
                workspace: std::mem::replace(&mut self.scratch, Workspace::new(Vec::new())),
                changes: std::mem::take(&mut self.changes),
                reports: std::mem::take(&mut self.reports),
            });
        };
        let share = match std::mem::replace(&mut self.stage, Stage::Start) {
            Stage::Start => {
                match native_items(text) {
                    Some((incoming, items)) => {
                        self.stage = Stage::Parsing {
                            incoming,
                            items,
                            next: 0,
                        }
                    }
                    None => match parse(text) {
                        Ok(incoming) => self.start_placing(name, text, incoming),
                        Err(r) => self.end_file(name, text, Err(r)),
                    },
                }
                0.0
            }
            Stage::Parsing {
                mut incoming,
                items,
                next,
            } => {
                let count = items.len();
                let end = (next + BATCH).min(count);
                match native_annotations(text, &items[next..end], next) {
                    Ok(batch) if end == count => {
                        incoming.annotations.extend(batch);
                        self.start_placing(name, text, incoming);
                    }
                    Ok(batch) => {
                        incoming.annotations.extend(batch);
                        self.stage = Stage::Parsing {
                            incoming,
                            items,
                            next: end,
                        };
                    }
                    Err(r) => self.end_file(name, text, Err(r)),
                }
                end as f64 / count as f64 / 2.0
            }
            Stage::Placing {
                incoming,
                mut planner,
                next,
            } => {
                let count = incoming.annotations.len();
                let end = (next + BATCH).min(count);
                for a in &incoming.annotations[next..end] {
                    planner.place(&self.scratch, name, a);
                }
                if end == count {
                    self.stage = Stage::Applying(planner.plan);
                } else {
                    self.stage = Stage::Placing {
                        incoming,
                        planner,
                        next: end,
                    };
                }
                0.5 + end as f64 / count.max(1) as f64 / 2.0
            }
            Stage::Applying(plan) => {
                self.end_file(name, text, Ok(plan));
                0.0
            }
        };
        let done = self.done as f64 + share * text.len() as f64;
        self.files = files;
        Step::Working(done / self.total.max(1) as f64)
    }

    fn start_placing(&mut self, name: &str, text: &str, incoming: Incoming) {
        match Planner::new(self.unicode, &self.scratch, &incoming) {
            Ok(planner) => {
                self.stage = Stage::Placing {
                    incoming,
                    planner: Box::new(planner),
                    next: 0,
                }
            }
            Err(r) => self.end_file(name, text, Err(r)),
        }
    }

    /// Applies a file's plan to the scratch workspace (or reports why not), and moves on.
    fn end_file(&mut self, name: &str, text: &str, planned: Result<ImportPlan, Refusal>) {
        let applied = planned.and_then(|p| {
            self.scratch
                .apply_all(&p.changes)
                .map(|_| p)
                .map_err(Refusal::Conflict)
        });
        let outcome = match applied {
            Ok(p) => {
                self.changes.extend(p.changes);
                FileOutcome::Imported(p.summary)
            }
            Err(r) => FileOutcome::Refused(r),
        };
        self.reports.push(Rc::new(FileReport {
            file: name.to_string(),
            outcome,
        }));
        self.file += 1;
        self.done += text.len();
        self.stage = Stage::Start;
    }
}
