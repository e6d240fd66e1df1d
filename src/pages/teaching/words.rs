//! The words that the compare page alone says: the report of files loaded to compare, and
//! why the compare set is not kept. The other pages carry none of these sentences, and their
//! language files leave them out.

use crate::fill;
use crate::i18n::{millions, T};
use crate::messages::{refusal, storage_problem, PageWords};
use discern_model::import::{FileOutcome, FileReport};
use discern_model::store::{CompareNotKept, StorageProblem};

/// The compare page's own words.
pub struct TeachingWords;

impl PageWords for TeachingWords {
    fn file_report(&self, r: &FileReport) -> Vec<String> {
        file_report(r)
    }
}

/// Why the compare set is not kept: over the size kept, no room in the storage, or a write
/// the storage refused.
pub fn not_kept(why: &CompareNotKept) -> String {
    let (files, chars, full) = match why {
        CompareNotKept::TooLarge { files, chars, full } => (*files, *chars, *full),
        CompareNotKept::Failed(e) => {
            return storage_problem(&StorageProblem::SaveFailed(e.clone()))
        }
    };
    let why = if full {
        crate::i18n::owned(T::CompareNoRoom)
    } else {
        fill!(
            CompareTooBig,
            size = millions(chars),
            limit = discern_model::store::COMPARE_MAX_CHARS / 1_000_000
        )
    };
    fill!(CompareNotKept, n = files, why = why)
}

/// The lines that report one file loaded to compare: whose spans, how many, and which
/// annotations name someone else.
pub fn file_report(r: &FileReport) -> Vec<String> {
    let file = &r.file;
    match &r.outcome {
        FileOutcome::Loaded {
            annotator,
            spans,
            orphaned,
            others,
        } => {
            let mut lines = vec![match orphaned {
                0 => fill!(ReportLoaded, file = file, n = spans, annotator = annotator),
                lost => fill!(
                    ReportLoadedLost,
                    file = file,
                    n = spans,
                    annotator = annotator,
                    lost = lost
                ),
            }];
            if !others.is_empty() {
                let names: Vec<String> = others.iter().map(|n| fill!(Quoted, text = n)).collect();
                lines.push(fill!(
                    ReportOthers,
                    file = file,
                    names = names.join(", "),
                    annotator = annotator
                ));
            }
            lines
        }
        FileOutcome::Refused(why) => {
            vec![fill!(ReportNotLoaded, file = file, why = refusal(why))]
        }
        // (Files are imported on the reading page only.)
        FileOutcome::Imported(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_naming_another_annotator_are_said_to_count_as_the_files() {
        crate::i18n::tests::in_english();
        let report = FileReport {
            file: "final.json".into(),
            outcome: FileOutcome::Loaded {
                annotator: "Final Name".into(),
                spans: 3,
                orphaned: 0,
                others: vec!["Old Name".into()],
            },
        };
        assert_eq!(
            file_report(&report)[1],
            "“final.json”: some annotations name another annotator (“Old Name”); they count as Final Name’s."
        );
    }
}
