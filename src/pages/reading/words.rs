//! The words of an import's report, which the reading page alone says (it is the only page
//! that imports): what became of each file, and of each annotation re-anchored or orphaned.
//! The other pages carry none of these sentences, and their language files leave them out.

use crate::fill;
use crate::i18n::T;
use crate::messages::{refusal, PageWords};
use discern_model::import::{FileOutcome, FileReport, ItemNote, OrphanReason};

/// The reading page's own words.
pub struct ReadingWords;

impl PageWords for ReadingWords {
    fn file_report(&self, r: &FileReport) -> Vec<String> {
        file_report(r)
    }
}

/// The lines that report one imported file: what became of it, then a line per annotation
/// that was re-anchored or orphaned.
pub fn file_report(r: &FileReport) -> Vec<String> {
    let file = &r.file;
    match &r.outcome {
        FileOutcome::Imported(s) => {
            let mut parts = vec![fill!(ReportImported, file = file, n = s.added)];
            for (n, what) in [
                (s.documents_added, T::ReportDocuments),
                (s.reanchored, T::ReportReanchored),
                (s.orphaned, T::ReportOrphaned),
                (s.already, T::ReportAlready),
            ] {
                if n > 0 {
                    parts.push(crate::i18n::fill(what, &[&n]));
                }
            }
            let line = parts.join(", ") + ".";
            std::iter::once(line)
                .chain(s.notes.iter().map(|n| note(file, n)))
                .collect()
        }
        FileOutcome::Refused(why) => {
            vec![fill!(ReportNotImported, file = file, why = refusal(why))]
        }
        // (A file is loaded to compare on the compare page only.)
        FileOutcome::Loaded { .. } => Vec::new(),
    }
}

fn note(file: &str, n: &ItemNote) -> String {
    match n {
        ItemNote::Reanchored { id, from, to } => fill!(
            NoteReanchored,
            file = file,
            id = id,
            start = from.0,
            end = from.1,
            now_start = to.0,
            now_end = to.1
        ),
        ItemNote::Orphaned { id, why } => {
            let why = crate::i18n::t(match why {
                OrphanReason::NoDocument => T::OrphanNoDocument,
                OrphanReason::QuoteNotFound => T::OrphanQuoteNotFound,
            });
            fill!(NoteOrphaned, file = file, id = id, why = why)
        }
    }
}
