//! Every sentence Discern shows about what happened, made from typed values at the moment
//! they are shown: notices, refusals, import and compare reports. The model and the reducer
//! hand over data (`Message`, `Refusal`, `FileReport`); only this module turns it into
//! English, so the wording lives in one place.

use crate::model::assignment::{AssignmentError, SpanProblem};
use crate::model::import::{
    FileOutcome, FileReport, Found, Item, ItemNote, ItemProblem, OrphanReason, Refusal, MAX_BYTES,
    MAX_DEPTH,
};
use crate::model::store::{Kept, StorageProblem, StoreError, Unreadable};
use crate::model::ChangeError;
use crate::state::{Attempt, Message, NotOpened, ReportKind};

/// A built-in article that could not be loaded.
pub fn builtin_missing(file: &str, why: &str) -> String {
    format!(
        "The built-in article “{file}” could not be loaded ({why}). Your tags on it are kept in \
         this browser, but are not shown or exported until it loads: reload when the \
         connection is back. Your own articles and your other work are all here."
    )
}

/// "s" unless there is exactly one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Why the workspace refused a change.
pub fn change_error(e: &ChangeError) -> String {
    match e {
        ChangeError::UnknownDocument(id) => format!("there is no document {id}"),
        ChangeError::Empty => "the span is empty".to_string(),
        ChangeError::OutOfRange { end, len } => {
            format!("the span ends at {end}, past the text's {len} characters")
        }
        ChangeError::Duplicate(label) => format!("this passage is already tagged as {label}"),
        ChangeError::IdTaken(_) => "another annotation has the same id".to_string(),
        ChangeError::NotFound(id) => format!("there is no annotation {id}"),
        ChangeError::DocumentExists(id) => format!("document {id} is already here"),
        ChangeError::AssignmentOpen(id) => format!("assignment {id} is open already"),
        ChangeError::DocumentHasAnnotations(id) => format!("document {id} still has annotations"),
    }
}

fn refused(what: Attempt) -> &'static str {
    match what {
        Attempt::Tag => "Not tagged",
        Attempt::Edit => "Not changed",
        Attempt::Delete => "Not deleted",
        Attempt::AddDocument => "Not added",
        Attempt::RemoveDocument => "Not removed",
        Attempt::AddAnnotations => "Not added",
        Attempt::Import => "Not imported",
        Attempt::OpenAssignment => "Not opened",
        Attempt::CloseAssignment => "Not closed",
    }
}

/// A notice.
pub fn message(m: &Message) -> String {
    match m {
        Message::Tagged(l) => format!("Tagged as {l}"),
        Message::Relabeled(l) => format!("Changed to {l}"),
        Message::Deleted(l) => format!("Deleted the {l} tag"),
        Message::Undone => "Undone".into(),
        Message::Redone => "Redone".into(),
        Message::NothingToUndo => "Nothing to undo".into(),
        Message::NothingToRedo => "Nothing to redo".into(),
        Message::UndoFailed(e) => format!("Could not do that: {}", change_error(e)),
        Message::Refused(what, e) => format!("{}: {}", refused(*what), change_error(e)),
        Message::DocumentRemoved(title) => format!("Removed “{title}” (Undo brings it back)"),
        Message::DocumentsAdded(titles) => titles
            .iter()
            .map(|(t, new)| {
                if *new {
                    format!("“{t}” added")
                } else {
                    format!("“{t}” is already in the library")
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        Message::DocumentIncomplete => "A document needs a title and some text.".into(),
        Message::NothingSelected => "Select some words to tag first.".into(),
        Message::NoHighlightHere => "No highlight here.".into(),
        Message::Downloaded(name) => format!("Exported {name}"),
        Message::DownloadFailed(why) => format!("Download failed: {why}"),
        Message::Unreadable { file, why } => format!("“{file}” could not be read: {why}."),
        Message::AssignmentOpened(title) => format!("Opened the assignment “{title}”"),
        Message::AssignmentClosed(title) => {
            format!("Closed the assignment “{title}”: Undo brings it back")
        }
        Message::AssignmentNotOpened { file, why } => {
            format!(
                "The assignment “{file}” was not opened: {}.",
                not_opened(why)
            )
        }
        Message::StorageRestored => {
            "The browser's storage was cleared. This tab still had all your work: it is saved \
             again."
                .into()
        }
    }
}

fn item(i: &Item) -> String {
    match i {
        Item::Annotation(id) => format!("annotation “{id}”"),
        Item::Document(id) => format!("document “{id}”"),
    }
}

fn item_problem(p: &ItemProblem) -> String {
    match p {
        ItemProblem::UnknownLabel(l) => {
            format!("has the unknown label “{l}” (known: claim, quote, opinion)")
        }
        ItemProblem::NoOffset(field) => format!("has no {field}"),
        ItemProblem::BadOffset { field, found } => {
            let found = match found {
                Found::Integer(i) => i.to_string(),
                Found::Fraction => "a fraction".into(),
                Found::TooLarge => "a number too large".into(),
                Found::Text(t) => format!("the text “{t}”"),
                Found::Other => "not a number".into(),
            };
            format!("has a {field} that is not a whole number ≥ 0 ({found})")
        }
        ItemProblem::NotAnAnnotation => "is not of type Annotation".into(),
        ItemProblem::NoTaggingBody => "has no tagging body with a label".into(),
        ItemProblem::NoTarget => "has no target".into(),
        ItemProblem::NoSource => "names no source".into(),
        ItemProblem::NoSelector => "has no text position or quote selector".into(),
        ItemProblem::EndsBeforeStart { start, end } => {
            format!("ends ({end}) before it starts ({start})")
        }
        ItemProblem::PastTheEnd { end, length } => {
            format!("ends at {end}, past the end of its text ({length} characters)")
        }
        ItemProblem::TextDoesNotMatchSha256 => "has a text that does not match its sha256".into(),
        ItemProblem::LengthDoesNotMatch { length, actual } => {
            format!("has the length {length} but its text has {actual} characters")
        }
        ItemProblem::AppearsTwice => "appears twice".into(),
    }
}

/// Why an assignment was not opened: the part after "was not opened:".
pub fn not_opened(why: &NotOpened) -> String {
    match why {
        NotOpened::Status(404) => "there is no such file at that link (404)".into(),
        NotOpened::Status(n) => format!("the server answered {n} instead of the file"),
        NotOpened::Network(e) => format!("it could not be fetched ({e})"),
        NotOpened::OtherOrigin(origin) => format!(
            "the link points to another site ({origin}); Discern opens assignments only from \
             beside the app"
        ),
        NotOpened::File(e) => assignment_error(e),
        NotOpened::NoRoom => {
            "it is too big to hand to the assignment page; open it there, with Open \
                              an assignment"
                .into()
        }
    }
}

/// What is wrong with an assignment file.
pub fn assignment_error(e: &AssignmentError) -> String {
    use AssignmentError as E;
    match e {
        E::TooLarge { megabytes } => refusal(&Refusal::TooLarge {
            megabytes: *megabytes,
        }),
        E::TooDeep { depth } => refusal(&Refusal::TooDeep { depth: *depth }),
        E::NotJson(e) => refusal(&Refusal::NotJson(e.clone())),
        E::OtherFormat(Some(f)) => format!("its format is “{f}”, not discern.assignment"),
        E::OtherFormat(None) => "it has no format discern.assignment".into(),
        E::NewerVersion(n) => refusal(&Refusal::NewerVersion(*n)),
        E::UnknownVersion => refusal(&Refusal::UnknownVersion),
        E::Malformed(e) => format!("it does not have the shape of an assignment ({e})"),
        E::Missing(field) => format!("it has no {field}"),
        E::DocumentTwice(id) => format!("it lists document {id} twice"),
        E::IdMismatch {
            title,
            id,
            expected,
        } => format!("the document “{title}” has the id {id}, but its text gives {expected}"),
        E::NoText { title, id } => format!(
            "the document “{title}” ({id}) has no text and is not one of Discern's articles"
        ),
        E::PracticeNotInAssignment(id) => {
            format!("its practice document {id} is not one of its documents")
        }
        E::Span { index, problem } => {
            let what = match problem {
                SpanProblem::OutOfRange { start, end, length } => {
                    format!("runs from {start} to {end}, outside the text's {length} characters")
                }
                SpanProblem::UnknownLabel(l) => format!("has the unknown label “{l}”"),
                SpanProblem::OtherDocument(d) => format!("names another document ({d})"),
                SpanProblem::TextDiffers => "quotes a text that is not the document's there".into(),
            };
            format!("practice span {index} {what}")
        }
    }
}

/// Why a file changes nothing: the part after "was not imported:".
pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::TooLarge { megabytes } => format!(
            "it is {megabytes} MB, over the limit of {} MB",
            MAX_BYTES / (1024 * 1024)
        ),
        Refusal::TooDeep { depth } => {
            format!("its data nests {depth} levels deep, more than {MAX_DEPTH}")
        }
        Refusal::LoneSurrogate => {
            "it holds a lone surrogate (\\uD800–\\uDFFF without its pair), which is not text".into()
        }
        Refusal::NotJson(e) => format!("it is not JSON ({e})"),
        Refusal::UnknownKind => {
            "it is neither a Discern annotation file nor W3C Web Annotations".into()
        }
        Refusal::OtherFormat(f) => format!("its format is “{f}”, not discern.annotations"),
        Refusal::FormatNotAString => "its format field is not a string".into(),
        Refusal::NewerVersion(n) => {
            format!("it was written by a newer Discern (version {n}); this one reads version 1")
        }
        Refusal::UnknownVersion => "its version is missing or unknown".into(),
        Refusal::Malformed(e) => format!("it does not have the shape of a Discern file ({e})"),
        Refusal::Item(i, p) => format!("{} {}", item(i), item_problem(p)),
        Refusal::IdUsedTwice(id) => format!("the id “{id}” is used twice"),
        Refusal::Conflict(e) => change_error(e),
    }
}

fn note(file: &str, n: &ItemNote) -> String {
    match n {
        ItemNote::Reanchored { id, from, to } => format!(
            "“{file}”: annotation “{id}” was re-anchored by its quote ({}–{} is now {}–{}).",
            from.0, from.1, to.0, to.1
        ),
        ItemNote::Orphaned { id, why } => {
            let why = match why {
                OrphanReason::NoDocument => "its document is not here",
                OrphanReason::QuoteNotFound => "its quote is not in the text",
            };
            format!(
                "“{file}”: annotation “{id}” could not be placed ({why}); it is kept as an orphan."
            )
        }
    }
}

/// The lines that report one file: what became of it, then a line per annotation that was
/// re-anchored or orphaned.
pub fn file_report(r: &FileReport, kind: ReportKind) -> Vec<String> {
    let file = &r.file;
    match &r.outcome {
        FileOutcome::Imported(s) => {
            let mut line = format!("“{file}”: {} annotation{} added", s.added, plural(s.added));
            for (n, what) in [
                (s.documents_added, "document added"),
                (s.reanchored, "re-anchored"),
                (s.orphaned, "orphaned"),
                (s.already, "already here"),
            ] {
                if n > 0 {
                    line.push_str(&format!(", {n} {what}"));
                }
            }
            line.push('.');
            std::iter::once(line)
                .chain(s.notes.iter().map(|n| note(file, n)))
                .collect()
        }
        FileOutcome::Loaded {
            annotator,
            spans,
            orphaned,
            others,
        } => {
            let lost = if *orphaned > 0 {
                format!(", {orphaned} could not be placed")
            } else {
                String::new()
            };
            let mut lines = vec![format!(
                "“{file}”: {spans} span{} by {annotator} loaded for comparing{lost}.",
                plural(*spans)
            )];
            if !others.is_empty() {
                let names: Vec<String> = others.iter().map(|n| format!("“{n}”")).collect();
                lines.push(format!(
                    "“{file}”: some annotations name another annotator ({}); they count as {annotator}’s.",
                    names.join(", ")
                ));
            }
            lines
        }
        FileOutcome::Refused(why) => {
            let verb = match kind {
                ReportKind::Import => "imported",
                ReportKind::Compare => "loaded",
            };
            vec![format!("“{file}” was not {verb}: {}.", refusal(why))]
        }
    }
}

/// The heading of a report.
pub fn report_heading(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Import => "Import",
        ReportKind::Compare => "Loaded to compare",
    }
}

/// The lasting notice that a new version of Discern is waiting to take over
/// (`docs/ARCHITECTURE.md#offline`), followed by its button, [`NEW_VERSION_RELOAD`].
pub const NEW_VERSION: &str = "A new version is ready:";

/// The button of [`NEW_VERSION`]: the page reloads under the new version.
pub const NEW_VERSION_RELOAD: &str = "reload";

/// A storage problem: why the work could not be read or saved, and what became of it.
pub fn storage_problem(problem: &StorageProblem) -> String {
    fn kept_said(kept: &Kept) -> String {
        match kept {
            Kept::Aside(aside) => format!("it is kept aside as “{aside}”"),
            Kept::InPlace => "it is left where it was and will not be overwritten".to_string(),
        }
    }
    fn name(e: &StoreError) -> &str {
        match e {
            StoreError::Quota => "QuotaExceededError",
            StoreError::Unavailable(n) | StoreError::Refused(n) if n.is_empty() => {
                "the browser refused"
            }
            StoreError::Unavailable(n) | StoreError::Refused(n) => n,
        }
    }
    match problem {
        StorageProblem::Unavailable(e) => format!(
            "Discern cannot use this browser's storage ({}): your work is kept in this tab \
             only. Export it before you close the tab.",
            name(e)
        ),
        StorageProblem::ReadFailed { error, .. } => {
            format!("Saved data could not be read ({}).", name(error))
        }
        StorageProblem::NotLoaded { key, why, kept } => {
            let failure = match why {
                Unreadable::Newer(n) => format!("it was written by a newer Discern (schema {n})"),
                Unreadable::Malformed(e) => format!("it could not be read ({e})"),
                Unreadable::UnknownSchema(n) => format!("it has an unknown schema {n}"),
                Unreadable::NoSchema => "it has no schema number".to_string(),
            };
            format!(
                "Saved data “{key}” was not loaded: {failure}; {}.",
                kept_said(kept)
            )
        }
        StorageProblem::AnnotationRefused { id, refusal } => {
            format!(
                "A saved annotation ({id}) was not loaded: {}.",
                change_error(refusal)
            )
        }
        StorageProblem::DocumentRefused { title, refusal } => format!(
            "A saved document (“{title}”) was not loaded: {}.",
            change_error(refusal)
        ),
        StorageProblem::PartlyLoaded { key, kept } => {
            format!("Saved data “{key}”, as it was: {}.", kept_said(kept))
        }
        StorageProblem::DocumentNotKept { title, chars } => format!(
            "“{title}” ({}.{} million characters) cannot be kept in this browser: with your \
             other articles it needs more room than the storage has (about 5 million \
             characters for a site). Its tags are saved. Export a reading pack to keep it, or \
             remove it.",
            chars / 1_000_000,
            chars / 100_000 % 10
        ),
        StorageProblem::CompareNotKept { files, chars, full } => {
            let why = if *full {
                "the browser's storage has no room left for it".to_string()
            } else {
                format!(
                    "it would take {}.{} million characters, and Discern keeps a comparison of \
                     up to {} million so that your own work always has room",
                    chars / 1_000_000,
                    chars / 100_000 % 10,
                    crate::model::store::COMPARE_MAX_CHARS / 1_000_000
                )
            };
            format!(
                "This comparison of {files} file{} is not kept in this browser: {why}. It stays open \
                 in this tab, but a reload will not bring it back; your files are unchanged.",
                plural(*files)
            )
        }
        StorageProblem::AnnotationsNotKept { title, count } => {
            let (what, they, them) = match count {
                1 => ("the annotation".to_string(), "it is", "it"),
                n => (format!("the {n} annotations"), "they are", "them"),
            };
            format!(
                "Discern cannot save {what} of “{title}” in this browser (QuotaExceededError: \
                 the storage has no room for {them}): {they} kept in this tab only, and the \
                 rest of your work is saved. Export your work now to keep {them}."
            )
        }
        StorageProblem::SaveFailed(e) => format!(
            "Discern cannot save in this browser ({}): your work is kept in this tab only. \
             Export it now to keep it safe.",
            name(e)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::import::ImportSummary;
    use crate::model::Label;

    #[test]
    fn a_refused_file_reads_as_refused_in_both_reports() {
        let refused = FileReport {
            file: "notes.json".into(),
            outcome: FileOutcome::Refused(Refusal::UnknownKind),
        };
        assert!(refused.outcome.is_refused());
        assert_eq!(
            file_report(&refused, ReportKind::Compare),
            ["“notes.json” was not loaded: it is neither a Discern annotation file nor W3C Web Annotations."]
        );
        assert!(file_report(&refused, ReportKind::Import)[0].contains("was not imported"));
        let good = FileReport {
            file: "ana.json".into(),
            outcome: FileOutcome::Imported(ImportSummary {
                added: 1,
                ..ImportSummary::default()
            }),
        };
        assert!(!good.outcome.is_refused());
        assert_eq!(
            file_report(&good, ReportKind::Import),
            ["“ana.json”: 1 annotation added."]
        );
    }

    #[test]
    fn problems_read_as_they_always_have() {
        let said = |p: StorageProblem| storage_problem(&p);
        assert_eq!(
            said(StorageProblem::Unavailable(StoreError::Unavailable(
                "SecurityError".into()
            ))),
            "Discern cannot use this browser's storage (SecurityError): your work is kept in \
             this tab only. Export it before you close the tab."
        );
        assert_eq!(
            said(StorageProblem::ReadFailed {
                key: "discern/v1/meta".into(),
                error: StoreError::Refused(String::new()),
            }),
            "Saved data could not be read (the browser refused)."
        );
        assert_eq!(
            said(StorageProblem::NotLoaded {
                key: "discern/v1/meta".into(),
                why: Unreadable::Newer(2),
                kept: Kept::Aside("discern/aside/discern/v1/meta".into()),
            }),
            "Saved data “discern/v1/meta” was not loaded: it was written by a newer Discern \
             (schema 2); it is kept aside as “discern/aside/discern/v1/meta”."
        );
        assert_eq!(
            said(StorageProblem::NotLoaded {
                key: "discern/v1/orphans".into(),
                why: Unreadable::Malformed("expected value at line 1 column 1".into()),
                kept: Kept::InPlace,
            }),
            "Saved data “discern/v1/orphans” was not loaded: it could not be read (expected \
             value at line 1 column 1); it is left where it was and will not be overwritten."
        );
        assert_eq!(
            said(StorageProblem::NotLoaded {
                key: "k".into(),
                why: Unreadable::UnknownSchema(0),
                kept: Kept::InPlace,
            }),
            "Saved data “k” was not loaded: it has an unknown schema 0; it is left where it \
             was and will not be overwritten."
        );
        assert_eq!(
            said(StorageProblem::NotLoaded {
                key: "k".into(),
                why: Unreadable::NoSchema,
                kept: Kept::Aside("a".into()),
            }),
            "Saved data “k” was not loaded: it has no schema number; it is kept aside as “a”."
        );
        assert_eq!(
            said(StorageProblem::AnnotationRefused {
                id: "a1".into(),
                refusal: ChangeError::Duplicate(Label::Quote),
            }),
            "A saved annotation (a1) was not loaded: this passage is already tagged as quote."
        );
        assert_eq!(
            said(StorageProblem::SaveFailed(StoreError::Quota)),
            "Discern cannot save in this browser (QuotaExceededError): your work is kept in \
             this tab only. Export it now to keep it safe."
        );
        assert_eq!(
            said(StorageProblem::AnnotationsNotKept {
                title: "Live".into(),
                count: 1,
            }),
            "Discern cannot save the annotation of “Live” in this browser (QuotaExceededError: \
             the storage has no room for it): it is kept in this tab only, and the rest of your \
             work is saved. Export your work now to keep it."
        );
        assert_eq!(
            said(StorageProblem::AnnotationsNotKept {
                title: "Live".into(),
                count: 3,
            }),
            "Discern cannot save the 3 annotations of “Live” in this browser \
             (QuotaExceededError: the storage has no room for them): they are kept in this tab \
             only, and the rest of your work is saved. Export your work now to keep them."
        );
        assert_eq!(
            said(StorageProblem::SaveFailed(StoreError::Unavailable(
                "no local storage".into()
            ))),
            "Discern cannot save in this browser (no local storage): your work is kept in this \
             tab only. Export it now to keep it safe."
        );
    }
}
