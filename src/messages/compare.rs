//! The words of the report of files loaded to compare, and of why the compare set is not kept,
//! on the compare page only: the compare page installs them at start ([`install`]), so that
//! the other pages carry none of these sentences and their language files leave them out.

use super::refusal;
use crate::fill;
use crate::i18n::{millions, T};
use discern_model::import::{FileOutcome, FileReport};

/// Makes [`file_report`] the words of the report of files loaded to compare on this page, and
/// [`not_kept`] those of a compare set the storage does not keep.
pub fn install() {
    super::LOADED.with(|f| f.set(file_report));
    super::COMPARE_NOT_KEPT.with(|f| f.set(not_kept));
}

/// Why a compare set of `files` files and `chars` characters is not kept: the storage is
/// `full`, or the set is over the size kept.
pub fn not_kept(files: usize, chars: usize, full: bool) -> String {
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
