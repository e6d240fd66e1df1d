//! Discern's four pages (`docs/ARCHITECTURE.md#pages`), and what differs between them, said
//! in one place: the [`Page`] trait. Each page is a type that implements it, in a folder of
//! its own with the views, behaviour and words only it has; the root component
//! (`components::app::App`) is generic over it, and each page is a wasm module of its own
//! (`src/main.rs`, `src/bin/`), so a page carries its own code only: a student's first visit
//! to the library downloads none of the teacher's tools.
//!
//! What a page passes in, rather than swapping anything global: its main view, its tools
//! in the header, its part of the keys overlay, its own hook (the JavaScript API, imports,
//! assignment links, keeping the compare set), what it does with files dropped on it, the
//! words only it says, whether it keeps the open assignments, and where it shows the report
//! of a load.

use crate::components::context::AppContext;
use crate::i18n::T;
use crate::messages::PageWords;
use crate::state::AppState;
use discern_model::store::AssignmentKeeping;
use yew::functional::Hook;
use yew::prelude::*;

pub mod assigned;
pub mod reading;
pub mod setting;
pub mod teaching;

/// A page of Discern: which it is, and what it has that the others do not.
pub trait Page: 'static {
    /// Which page this is, for the header's links.
    const NAME: PageName;
    /// The page's name in the window's title bar.
    const TITLE: T;
    /// The words only this page says (the reports of its imports or compare loads, why an
    /// assignment was not opened); the others' language files leave them out.
    const WORDS: &'static dyn PageWords;
    /// Who keeps the open assignments in the storage: the assignment page alone.
    const ASSIGNMENTS: Option<&'static dyn AssignmentKeeping> = None;
    /// What the progress of a long load says: importing, or loading files to compare.
    const LOADING: T = T::Importing;
    /// Whether the page is one of the teacher's (its header links *New assignment*).
    const FOR_TEACHERS: bool = false;
    /// Whether the page shows the report of a load in its own column (the compare page,
    /// where a report floating under the header would cover the files and the key the
    /// teacher clicks next) rather than floating under the header until closed.
    const REPORT_IN_PAGE: bool = false;

    /// The page's main view of `state`.
    fn main(state: &AppContext) -> Html;

    /// The reader's part of the keys overlay, on the pages that have a reader.
    fn reader_keys(_: &AppContext) -> Option<Html> {
        None
    }

    /// The page's own tools in the header: *Import* and *Export* on the reading page only
    /// (the assignment page's export is the hand-in, and the compare page loads files to
    /// compare).
    fn tools(_: &AppContext) -> Html {
        Html::default()
    }

    /// The page's own behaviour, run by the root as a hook: the JavaScript API and imports
    /// on the reading page, opening assignments on the assignment page, keeping the compare
    /// set on the compare page.
    fn use_page(state: &AppContext) -> impl Hook<Output = ()>;

    /// Takes in files dropped anywhere on the page (a list the browser gives), or none.
    fn take_dropped(_: &web_sys::FileList, _: UseReducerDispatcher<AppState>) {}
}

/// The pages, by name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PageName {
    /// `index.html`: the library and the reader.
    Reading,
    /// `assignment.html`: the open assignments, and their documents in the reader.
    Assigned,
    /// `teach.html`: the class's work compared, and a key built from it.
    Teaching,
    /// `set.html`: a new assignment.
    Setting,
}

impl PageName {
    /// The page's file, for links to it.
    pub fn file(self) -> &'static str {
        match self {
            PageName::Reading => "./",
            PageName::Assigned => "assignment.html",
            PageName::Teaching => "teach.html",
            PageName::Setting => "set.html",
        }
    }
}

/// A page with no behaviour of its own.
#[hook]
pub fn use_nothing(_state: &AppContext) {}

#[cfg(test)]
mod tests {
    use super::*;
    use discern_model::import::{FileOutcome, FileReport, ImportSummary, Refusal};

    #[test]
    fn a_refused_file_reads_as_refused_in_both_reports() {
        crate::i18n::tests::in_english();
        let (imported, loaded) = (
            &reading::words::ReadingWords,
            &teaching::words::TeachingWords,
        );
        let refused = FileReport {
            file: "notes.json".into(),
            outcome: FileOutcome::Refused(Refusal::UnknownKind),
        };
        assert!(refused.outcome.is_refused());
        assert_eq!(
            loaded.file_report(&refused),
            ["“notes.json” was not loaded: it is neither a Discern annotation file nor W3C Web Annotations."]
        );
        assert!(imported.file_report(&refused)[0].contains("was not imported"));
        let good = FileReport {
            file: "ana.json".into(),
            outcome: FileOutcome::Imported(ImportSummary {
                added: 1,
                ..ImportSummary::default()
            }),
        };
        assert!(!good.outcome.is_refused());
        assert_eq!(
            imported.file_report(&good),
            ["“ana.json”: 1 annotation added."]
        );
    }
}
