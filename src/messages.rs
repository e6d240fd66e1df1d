//! Every sentence Discern shows about what happened, made from typed values at the moment
//! they are shown: notices, refusals, import and compare reports, storage problems, and the
//! names of labels and outcomes. The model and the reducer hand over data (`Message`,
//! `Refusal`, `FileReport`); only this module turns it into words, looked up in the language
//! in use (`crate::i18n`), so the wording lives in the language files alone. The words that
//! only one page says (an import's report, files loaded to compare, why an assignment was not
//! opened) are in that page's folder (`src/pages/<page>/words.rs`), a [`PageWords`] the page
//! names as its `Page::WORDS`, so that the other pages carry none of them.

use crate::fill;
use crate::i18n::{millions, t, T};
use crate::state::{Attempt, FetchFailure, Message, NotOpened, ReadFailure, ReportKind, Warning};
use discern_model::assignment::Guidelines;
use discern_model::import::{FileReport, Found, Item, ItemProblem, Refusal};
use discern_model::json::{JsonKind, JsonProblem, JsonWhat, MAX_BYTES, MAX_DEPTH};
use discern_model::outcome::Outcome;
use discern_model::store::{Kept, StorageProblem, StoreError, Unreadable};
use discern_model::{ChangeError, Label};

/// The words that only some pages say, which each page passes in (`Page::WORDS`): what
/// became of a file imported (the reading page) or loaded to compare (the compare page), and
/// why an assignment was not opened (the assignment page). A page that never says them
/// carries none of them, and its language files leave them out.
pub trait PageWords {
    /// The lines that report one file of the page's import or compare load.
    fn file_report(&self, _: &FileReport) -> Vec<String> {
        Vec::new()
    }

    /// Why an assignment was not opened: the part after "was not opened:". A page that
    /// does not open assignments only hands them over, and only says that one did not fit.
    fn not_opened(&self, _: &NotOpened) -> String {
        crate::i18n::owned(T::NotOpenedNoRoom)
    }
}

/// The words of a page that says none of its own.
pub struct NoWords;

impl PageWords for NoWords {}

/// A label's name for people ("Claim").
pub fn label_title(l: Label) -> &'static str {
    t(match l {
        Label::Claim => T::Claim,
        Label::Quote => T::Quote,
        Label::Opinion => T::Opinion,
    })
}

/// A label's name inside a sentence ("claim").
pub fn label_word(l: Label) -> &'static str {
    t(match l {
        Label::Claim => T::ClaimWord,
        Label::Quote => T::QuoteWord,
        Label::Opinion => T::OpinionWord,
    })
}

/// An outcome's name for people ("wrong label").
pub fn outcome_word(o: Outcome) -> &'static str {
    t(match o {
        Outcome::Hit => T::OutcomeHit,
        Outcome::WrongLabel => T::OutcomeWrongLabel,
        Outcome::Partial => T::OutcomePartial,
        Outcome::Extra => T::OutcomeExtra,
        Outcome::Missed => T::OutcomeMissed,
    })
}

/// How many spans had an outcome: "2 hit".
pub fn outcome_count(o: Outcome, n: usize) -> String {
    let s = match o {
        Outcome::Hit => T::CountHit,
        Outcome::WrongLabel => T::CountWrongLabel,
        Outcome::Partial => T::CountPartial,
        Outcome::Extra => T::CountExtra,
        Outcome::Missed => T::CountMissed,
    };
    crate::i18n::fill(s, &[&n])
}

/// Counts in words: "2 hit, 1 wrong label, 1 partial, 0 extra, 2 missed".
pub fn outcome_counts(counts: &[usize; 5]) -> String {
    Outcome::ALL
        .iter()
        .map(|&o| outcome_count(o, counts[o as usize]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What each label means when an assignment does not say: Discern's own words, for a
/// 14-year-old, each with a one-line example.
pub fn default_guidelines() -> Guidelines {
    Guidelines {
        claim: crate::i18n::owned(T::GuideClaim),
        quote: crate::i18n::owned(T::GuideQuote),
        opinion: crate::i18n::owned(T::GuideOpinion),
    }
}

/// What each label means to a reader: `own` (an assignment's guidelines) when there are,
/// else Discern's own.
pub fn guidelines_or_default(own: Option<&Guidelines>) -> Guidelines {
    own.cloned().unwrap_or_else(default_guidelines)
}

/// What is wrong with a JSON text, and where.
pub fn json_problem(p: &JsonProblem) -> String {
    let (line, column) = (p.line, p.column);
    fill!(
        JsonWhatAt,
        what = json_what(&p.what),
        line = line,
        column = column
    )
}

/// Why a text is not JSON: only where, when that is all there is to say after "it is not
/// JSON".
fn not_json(p: &JsonProblem) -> String {
    match p.what {
        JsonWhat::Syntax => fill!(JsonAt, line = p.line, column = p.column),
        _ => json_problem(p),
    }
}

/// What is wrong with a JSON text.
pub fn json_what(what: &JsonWhat) -> String {
    let kind = |k: JsonKind| {
        t(match k {
            JsonKind::Text => T::KindText,
            JsonKind::WholeNumber => T::KindWholeNumber,
            JsonKind::Number => T::KindNumber,
            JsonKind::TrueFalse => T::KindTrueFalse,
            JsonKind::Null => T::KindNull,
            JsonKind::List => T::KindList,
            JsonKind::Object => T::KindObject,
        })
    };
    match what {
        JsonWhat::Syntax => crate::i18n::owned(T::JsonSyntax),
        JsonWhat::Ends => crate::i18n::owned(T::JsonEnds),
        JsonWhat::Missing(field) => fill!(JsonMissing, field = field),
        JsonWhat::Twice(field) => fill!(JsonTwice, field = field),
        JsonWhat::WrongKind { found, expected } => {
            fill!(
                JsonWrongKind,
                found = kind(*found),
                expected = kind(*expected)
            )
        }
        JsonWhat::Negative => crate::i18n::owned(T::JsonNegative),
        JsonWhat::TooLarge => crate::i18n::owned(T::JsonTooLarge),
        JsonWhat::UnknownLabel(label) => fill!(JsonUnknownLabel, label = label),
        JsonWhat::Other => crate::i18n::owned(T::JsonOther),
    }
}

/// What the lasting warning says, one thing after another: what the last save could not do
/// (`save`), then what loading found wrong (`loaded`).
pub fn warnings(save: &[StorageProblem], loaded: &[Warning]) -> String {
    let loaded = loaded.iter().map(|w| match w {
        Warning::BuiltinMissing(file, why) => {
            fill!(BuiltinMissing, file = file, why = fetch_failure(*why))
        }
        Warning::Storage(problem) => storage_problem(problem),
    });
    let said: Vec<String> = save.iter().map(storage_problem).chain(loaded).collect();
    said.join(" ")
}

/// Why a file the release ships could not be had.
fn fetch_failure(why: FetchFailure) -> String {
    match why {
        FetchFailure::NoAnswer(seconds) => fill!(NoAnswerWithin, seconds = seconds),
        FetchFailure::Status(status) => fill!(ServerAnswered, status = status),
        FetchFailure::Network => crate::i18n::owned(T::NetworkFailed),
        FetchFailure::NotAsked => crate::i18n::owned(T::CouldNotFetch),
        FetchFailure::NotShipped => crate::i18n::owned(T::NotTheShippedText),
    }
}

/// Why the workspace refused a change.
pub fn change_error(e: &ChangeError) -> String {
    match e {
        ChangeError::UnknownDocument(id) => fill!(ErrUnknownDocument, id = id),
        ChangeError::Empty => crate::i18n::owned(T::ErrEmpty),
        ChangeError::OutOfRange { end, len } => fill!(ErrOutOfRange, end = end, len = len),
        ChangeError::Duplicate(label) => fill!(ErrDuplicate, label = label_word(*label)),
        ChangeError::IdTaken(_) => crate::i18n::owned(T::ErrIdTaken),
        ChangeError::NotFound(id) => fill!(ErrNotFound, id = id),
        ChangeError::DocumentExists(id) => fill!(ErrDocumentExists, id = id),
        ChangeError::AssignmentOpen(id) => fill!(ErrAssignmentOpen, id = id),
        ChangeError::DocumentHasAnnotations(id) => fill!(ErrDocumentHasAnnotations, id = id),
    }
}

fn refused(what: Attempt) -> &'static str {
    t(match what {
        Attempt::Tag => T::NotTagged,
        Attempt::Edit => T::NotChanged,
        Attempt::Delete => T::NotDeleted,
        Attempt::AddDocument | Attempt::AddAnnotations => T::NotAdded,
        Attempt::RemoveDocument => T::NotRemoved,
        Attempt::Import => T::NotImported,
        Attempt::OpenAssignment => T::NotOpened,
        Attempt::CloseAssignment => T::NotClosed,
    })
}

/// A notice, with `words` the page's own.
pub fn message(m: &Message, words: &dyn PageWords) -> String {
    match m {
        Message::Tagged(l) => fill!(Tagged, label = label_word(*l)),
        Message::Relabeled(l) => fill!(Relabeled, label = label_word(*l)),
        Message::Deleted(l) => fill!(Deleted, label = label_word(*l)),
        Message::Undone => crate::i18n::owned(T::Undone),
        Message::Redone => crate::i18n::owned(T::Redone),
        Message::NothingToUndo => crate::i18n::owned(T::NothingToUndo),
        Message::NothingToRedo => crate::i18n::owned(T::NothingToRedo),
        Message::UndoFailed(e) => fill!(UndoFailed, why = change_error(e)),
        Message::Refused(what, e) => fill!(Refused, what = refused(*what), why = change_error(e)),
        Message::DocumentRemoved(title) => fill!(DocumentRemoved, title = title),
        Message::DocumentsAdded(titles) => titles
            .iter()
            .map(|(title, new)| match new {
                true => fill!(DocumentAdded, title = title),
                false => fill!(DocumentAlready, title = title),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Message::DocumentIncomplete => crate::i18n::owned(T::DocumentIncomplete),
        Message::NothingSelected => crate::i18n::owned(T::NothingSelected),
        Message::NoHighlightHere => crate::i18n::owned(T::NoHighlightHere),
        Message::Downloaded(name) => fill!(Downloaded, name = name),
        Message::DownloadFailed(why) => fill!(DownloadFailed, why = why),
        Message::Unreadable { file, why } => {
            let why = t(match why {
                ReadFailure::NotText => T::NotText,
                ReadFailure::Refused => T::CouldNotRead,
            });
            fill!(Unreadable, file = file, why = why)
        }
        Message::AssignmentOpened(title) => fill!(AssignmentOpened, title = title),
        Message::AssignmentClosed(title) => fill!(AssignmentClosed, title = title),
        Message::AssignmentNotOpened { file, why } => {
            fill!(
                AssignmentNotOpened,
                file = file,
                why = words.not_opened(why)
            )
        }
        Message::StorageRestored => crate::i18n::owned(T::StorageRestored),
        Message::LanguageNotLoaded(language) => fill!(LanguageNotLoaded, language = language),
    }
}

fn item(i: &Item) -> String {
    match i {
        Item::Annotation(id) => fill!(ItemAnnotation, id = id),
        Item::Document(id) => fill!(ItemDocument, id = id),
    }
}

fn item_problem(p: &ItemProblem) -> String {
    match p {
        ItemProblem::UnknownLabel(l) => fill!(ProbUnknownLabel, label = l),
        ItemProblem::NoOffset(field) => fill!(ProbNoOffset, field = field),
        ItemProblem::BadOffset { field, found } => {
            let found = match found {
                Found::Integer(i) => i.to_string(),
                Found::Fraction => crate::i18n::owned(T::FoundFraction),
                Found::TooLarge => crate::i18n::owned(T::FoundTooLarge),
                Found::Text(text) => fill!(FoundText, text = text),
                Found::Other => crate::i18n::owned(T::FoundOther),
            };
            fill!(ProbBadOffset, field = field, found = found)
        }
        ItemProblem::NotAnAnnotation => crate::i18n::owned(T::ProbNotAnAnnotation),
        ItemProblem::NoTaggingBody => crate::i18n::owned(T::ProbNoTaggingBody),
        ItemProblem::NoTarget => crate::i18n::owned(T::ProbNoTarget),
        ItemProblem::NoSource => crate::i18n::owned(T::ProbNoSource),
        ItemProblem::NoSelector => crate::i18n::owned(T::ProbNoSelector),
        ItemProblem::EndsBeforeStart { start, end } => {
            fill!(ProbEndsBeforeStart, end = end, start = start)
        }
        ItemProblem::PastTheEnd { end, length } => {
            fill!(ProbPastTheEnd, end = end, length = length)
        }
        ItemProblem::TextDoesNotMatchSha256 => crate::i18n::owned(T::ProbShaMismatch),
        ItemProblem::LengthDoesNotMatch { length, actual } => {
            fill!(ProbLengthMismatch, length = length, actual = actual)
        }
        ItemProblem::AppearsTwice => crate::i18n::owned(T::ProbAppearsTwice),
    }
}

/// Why a file changes nothing: the part after "was not imported:".
pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::TooLarge { megabytes } => fill!(
            RefTooLarge,
            size = megabytes,
            limit = MAX_BYTES / (1024 * 1024)
        ),
        Refusal::TooDeep { depth } => fill!(RefTooDeep, depth = depth, limit = MAX_DEPTH),
        Refusal::LoneSurrogate => crate::i18n::owned(T::RefLoneSurrogate),
        Refusal::NotJson(e) => fill!(RefNotJson, why = not_json(e)),
        Refusal::UnknownKind => crate::i18n::owned(T::RefUnknownKind),
        Refusal::OtherFormat(f) => fill!(RefOtherFormat, format = f),
        Refusal::FormatNotAString => crate::i18n::owned(T::RefFormatNotAString),
        Refusal::NewerVersion(n) => fill!(RefNewerVersion, version = n),
        Refusal::UnknownVersion => crate::i18n::owned(T::RefUnknownVersion),
        Refusal::Malformed(e) => fill!(RefMalformed, why = json_problem(e)),
        Refusal::MalformedAt(n, e) => fill!(RefMalformedAt, n = n, why = json_what(e)),
        Refusal::Item(i, p) => fill!(ItemProblem, item = item(i), problem = item_problem(p)),
        Refusal::IdUsedTwice(id) => fill!(RefIdUsedTwice, id = id),
        Refusal::Conflict(e) => change_error(e),
    }
}

/// The heading of a report.
pub fn report_heading(kind: ReportKind) -> &'static str {
    t(match kind {
        ReportKind::Import => T::ReportImport,
        ReportKind::Compare => T::ReportCompare,
    })
}

/// A storage problem: why the work could not be read or saved, and what became of it.
pub fn storage_problem(problem: &StorageProblem) -> String {
    fn kept_said(kept: &Kept) -> String {
        match kept {
            Kept::Aside(aside) => fill!(KeptAside, key = aside),
            Kept::InPlace => crate::i18n::owned(T::KeptInPlace),
        }
    }
    fn name(e: &StoreError) -> &str {
        match e {
            StoreError::Quota => "QuotaExceededError",
            StoreError::Missing => t(T::NoLocalStorage),
            StoreError::Unavailable(n) | StoreError::Refused(n) if n.is_empty() => {
                t(T::StoreRefused)
            }
            StoreError::Unavailable(n) | StoreError::Refused(n) => n,
        }
    }
    match problem {
        StorageProblem::Unavailable(e) => fill!(StorageUnavailable, error = name(e)),
        StorageProblem::ReadFailed { error, .. } => fill!(ReadFailed, error = name(error)),
        StorageProblem::NotLoaded { key, why, kept } => {
            let why = match why {
                Unreadable::Newer(n) => fill!(UnreadableNewer, schema = n),
                Unreadable::Malformed(e) => fill!(UnreadableMalformed, why = json_problem(e)),
                Unreadable::UnknownSchema(n) => fill!(UnreadableUnknownSchema, schema = n),
                Unreadable::NoSchema => crate::i18n::owned(T::UnreadableNoSchema),
            };
            fill!(NotLoaded, key = key, why = why, kept = kept_said(kept))
        }
        StorageProblem::AnnotationRefused { id, refusal } => {
            fill!(AnnotationRefused, id = id, why = change_error(refusal))
        }
        StorageProblem::DocumentRefused { title, refusal } => {
            fill!(DocumentRefused, title = title, why = change_error(refusal))
        }
        StorageProblem::PartlyLoaded { key, kept } => {
            fill!(PartlyLoaded, key = key, kept = kept_said(kept))
        }
        StorageProblem::DocumentNotKept { title, chars } => {
            fill!(DocumentNotKept, title = title, size = millions(*chars))
        }
        StorageProblem::AnnotationsNotKept { title, count: 1 } => {
            fill!(AnnotationNotKept, title = title)
        }
        StorageProblem::AnnotationsNotKept { title, count } => {
            fill!(AnnotationsNotKept, n = count, title = title)
        }
        StorageProblem::SaveFailed(e) => fill!(SaveFailed, error = name(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use discern_model::Label;

    #[test]
    fn problems_read_as_they_always_have() {
        crate::i18n::tests::in_english();
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
                why: Unreadable::Malformed(JsonProblem {
                    what: JsonWhat::Syntax,
                    line: 1,
                    column: 1,
                }),
                kept: Kept::InPlace,
            }),
            "Saved data “discern/v1/orphans” was not loaded: it could not be read (not valid \
             JSON, at line 1, column 1); it is left where it was and will not be overwritten."
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
            said(StorageProblem::SaveFailed(StoreError::Missing)),
            "Discern cannot save in this browser (no local storage): your work is kept in this \
             tab only. Export it now to keep it safe."
        );
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        crate::i18n::tests::in_english();
        let refusal_said = refusal;
        let ws = discern_model::Workspace::new(discern_model::corpus::builtin());
        let doc = &ws.documents()[0].id;
        let ann = |extra: &str| {
            format!(
                r#"{{"format":"discern.annotations","version":1,"documents":[],"annotations":[{{"id":"x","document":"{doc}","label":"claim","start":1,"end":5{extra}}}]}}"#
            )
        };
        let cases: Vec<(String, &str)> = vec![
            ("not json".into(), "not JSON"),
            (r#"{"hello": 1}"#.into(), "neither a Discern"),
            (r#"{"format":"other","version":1,"annotations":[]}"#.into(), "its format is “other”"),
            (r#"{"format":"discern.annotations","version":2,"annotations":[]}"#.into(), "newer Discern"),
            ("[".repeat(40) + &"]".repeat(40), "nests 33 levels"),
            (r#"{"format":"discern.annotations","version":1,"annotations":[{"id":"\ud800"}]}"#.into(), "lone surrogate"),
            (ann("").replace("\"start\":1", "\"start\":9"), "ends (5) before it starts (9)"),
            (ann("").replace("\"end\":5", "\"end\":999999"), "past the end of its text"),
            (ann("").replace("claim", "rumour"), "unknown label “rumour”"),
            (ann("").replace("\"start\":1", "\"start\":-1"), "annotation 1: a negative number where a number from 0 up belongs"),
            (ann("").replace("\"start\":1", "\"start\":1,\"start\":2"), "annotation 1: the field “start” is written twice"),
            (
                ann("").replace("]}", ",{\"id\":\"x\",\"document\":\"d\",\"label\":\"quote\",\"start\":1,\"end\":2}]}"),
                "the id “x” is used twice",
            ),
        ];
        for (text, expected) in cases {
            let refusal = discern_model::import::parse(&text)
                .and_then(|i| {
                    discern_model::import::plan(&discern_model::text::Tables, &ws, "bad.json", &i)
                })
                .unwrap_err();
            let said = refusal_said(&refusal);
            assert!(said.contains(expected), "{said} lacks {expected}");
        }
        let huge = " ".repeat(MAX_BYTES + 1);
        assert_eq!(
            discern_model::import::parse(&huge),
            Err(Refusal::TooLarge { megabytes: 21 })
        );
    }
}
