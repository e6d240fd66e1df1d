//! The compare set: the annotation files loaded for comparing, placed in this library, whose
//! each is, and which one is the key.

use super::scores::Submission;
use crate::annotation::Annotation;
use crate::import::{self, FileOutcome, FileReport};
use crate::span::Span;
use crate::text::Unicode;
use crate::workspace::{Change, Workspace};

/// The file a key built in Discern is said to come from.
pub const BUILT_KEY: &str = "built in Discern";

/// The annotation files loaded for comparing, and which one is the key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompareSet {
    pub files: Vec<Loaded>,
    pub key: Option<usize>,
}

/// One loaded submission: whose, from which file, and its spans placed in this library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub submission: Submission,
    pub file: String,
    /// The note of each span, at the same place as `submission.spans`.
    pub notes: Vec<String>,
}

impl CompareSet {
    /// Adds a submission of `spans` with their notes, naming it uniquely.
    pub fn add(&mut self, name: String, file: &str, spans: Vec<(Span, String)>) {
        let (spans, notes) = spans.into_iter().unzip();
        let mut unique = name.clone();
        let mut n = 2;
        while self.files.iter().any(|f| f.submission.name == unique) {
            unique = format!("{name} ({n})");
            n += 1;
        }
        self.files.push(Loaded {
            submission: Submission {
                name: unique,
                spans,
            },
            file: file.to_string(),
            notes,
        });
    }

    /// Puts a key built in Discern (`spans` with their notes) in as the key, named `name`:
    /// in the place of the key built before, if there is one, else after the files.
    pub fn use_built_key(&mut self, name: String, spans: Vec<(Span, String)>) {
        let at = self.files.iter().position(|f| f.file == BUILT_KEY);
        if let Some(i) = at {
            self.files.remove(i);
        }
        self.add(name, BUILT_KEY, spans);
        let new = self.files.len() - 1;
        if let Some(i) = at {
            let built = self.files.pop().expect("just added");
            self.files.insert(i, built);
        }
        self.key = Some(at.unwrap_or(new));
    }

    /// Removes file `i`, keeping the key where it was.
    pub fn remove(&mut self, i: usize) {
        if i >= self.files.len() {
            return;
        }
        self.files.remove(i);
        self.key = match self.key {
            Some(k) if k == i => None,
            Some(k) if k > i => Some(k - 1),
            k => k,
        };
    }

    /// Loads annotation files (name, text): each is read like an import (re-anchored against
    /// this library's texts), but only compared, never added. Returns a report per file.
    pub fn load(
        &mut self,
        unicode: &dyn Unicode,
        ws: &Workspace,
        files: &[(String, String)],
    ) -> Vec<FileReport> {
        // Placed against the texts alone, so that nothing here hides a span as "already".
        let texts = ws.documents_only();
        let mut reports = Vec::new();
        for (name, text) in files {
            let planned = import::parse(text).and_then(|i| {
                let p = import::plan(unicode, &texts, name, &i)?;
                Ok((i, p))
            });
            let outcome = match planned {
                Ok((incoming, p)) => {
                    let spans: Vec<(Span, String)> = p
                        .changes
                        .iter()
                        .filter_map(|c| match c {
                            Change::Add(a) => Some((Span::of(a), a.note.clone())),
                            _ => None,
                        })
                        .collect();
                    let (who, others) = whose(&incoming, name);
                    let outcome = FileOutcome::Loaded {
                        annotator: who.clone(),
                        spans: spans.len(),
                        orphaned: p.summary.orphaned,
                        others,
                    };
                    self.add(who, name, spans);
                    outcome
                }
                Err(r) => FileOutcome::Refused(r),
            };
            reports.push(FileReport {
                file: name.clone(),
                outcome,
            });
        }
        reports
    }
}

/// Whose file this is (`docs/FORMATS.md#compare-rules`): the annotator the file names, else
/// the first one its annotations name, else the file's name; and the other names its
/// annotations carry, in the order they first appear.
fn whose(incoming: &import::Incoming, file: &str) -> (String, Vec<String>) {
    let named = |a: &&Annotation| !a.annotator.is_empty();
    let who = incoming
        .annotator
        .clone()
        .filter(|a| !a.is_empty())
        .or_else(|| {
            incoming
                .annotations
                .iter()
                .map(|e| &e.annotation)
                .find(named)
                .map(|a| a.annotator.clone())
        })
        .unwrap_or_else(|| file.to_string());
    let mut others: Vec<String> = Vec::new();
    for a in incoming
        .annotations
        .iter()
        .map(|e| &e.annotation)
        .filter(named)
    {
        if a.annotator != who && !others.contains(&a.annotator) {
            others.push(a.annotator.clone());
        }
    }
    (who, others)
}

/// This browser's own annotations, as spans to compare.
pub fn own_spans(ws: &Workspace) -> Vec<(Span, String)> {
    ws.all_annotations()
        .map(|a| (Span::of(a), a.note.clone()))
        .collect()
}
