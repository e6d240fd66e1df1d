//! The root component of each page (`docs/ARCHITECTURE.md#pages`): fetches the built-in
//! articles, then holds the state and its reducer, provides them to every component,
//! and wires the page-wide behaviour (saving, other tabs, the JavaScript API, the keys,
//! dropped files, fading notices, a new version waiting) through the named hooks of
//! [`super::hooks`]. It shows the header, the warnings and reports, the page's current
//! view, and the keys overlay (`?`).
//!
//! [`Reading`], [`Assigned`], [`Teaching`] and [`Setting`] are the four pages. Each is its own wasm module
//! over the same stored work, and carries the code of its own views only.

use super::assignment::{AssignmentView, Assignments};
use super::check::PracticeReader;
use super::compare::Compare;
use super::context::AppContext;
use super::header::{header, keys_overlay, NamePrompt};
use super::hooks::{
    use_assignment_files, use_assignment_link, use_file_drop, use_import, use_js_api,
    use_keep_compare, use_latest, use_new_version, use_notice_timeout, use_page_keys, use_saving,
};
use super::library::Library;
use super::new_assignment::NewAssignment;
use super::reader::Reader;
use super::reports::{notice_region, report_panel, storage_warning};
use crate::browser::dom::MAIN_ID;
use crate::browser::i18n as words;
use crate::browser::{files, storage};
use crate::i18n::T;
use crate::state::{FetchFailure, View, Warning};
use discern_model::Document;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The built-in articles as fetched, and those that could not be had (file, why).
#[derive(PartialEq)]
pub struct Builtin {
    /// Taken once, when the work is loaded over them.
    pub documents: RefCell<Vec<Document>>,
    /// The articles that could not be had (their files), and why.
    pub missing: Vec<(&'static str, FetchFailure)>,
}

/// A page of Discern: which it is, and what it shows.
pub trait Page: 'static {
    /// Which page this is, for the header's links.
    const PAGE: PageName;
    /// The page's main view of `state`.
    fn main(state: &AppContext) -> Html;
    /// The reader's part of the keys overlay, on the pages that have a reader
    /// (`reader::keys_and_labels`).
    fn reader_keys(_: &AppContext) -> Option<Html> {
        None
    }
    /// The page's own tools in the header: *Import* and *Export* on the reading page only
    /// (the assignment page's export is the hand-in, and the compare page loads files to
    /// compare, a dropped file too).
    fn tools(_: &AppContext) -> Html {
        Html::default()
    }
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

/// The reading page: the library, and a document in the reader. An assignment file taken
/// in here (by Import, a dropped file or a link) is handed to the assignment page.
pub struct Reading;

impl Page for Reading {
    const PAGE: PageName = PageName::Reading;
    fn main(state: &AppContext) -> Html {
        match state.open_document() {
            Some(doc) => html! { <Reader doc={doc.clone()} /> },
            None => html! { <Library /> },
        }
    }
    fn reader_keys(state: &AppContext) -> Option<Html> {
        super::reader::keys_and_labels(state)
    }
    fn tools(state: &AppContext) -> Html {
        super::export_panel::tools(state)
    }
}

/// The assignment page: the open assignments, one of them, or one of its documents in the
/// reader (with *Check* on the practice one).
pub struct Assigned;

impl Page for Assigned {
    const PAGE: PageName = PageName::Assigned;
    fn main(state: &AppContext) -> Html {
        if let View::Assignment(id) = &state.view {
            if let Some(a) = state.workspace.assignment(id) {
                return html! { <AssignmentView assignment={a.clone()} /> };
            }
        }
        match state.open_document() {
            Some(doc) => html! { <PracticeReader doc={doc.clone()} /> },
            None => html! { <Assignments /> },
        }
    }
    fn reader_keys(state: &AppContext) -> Option<Html> {
        super::reader::keys_and_labels(state)
    }
}

/// The compare page: the class's files compared, and a key built from them.
pub struct Teaching;

impl Page for Teaching {
    const PAGE: PageName = PageName::Teaching;
    fn main(_: &AppContext) -> Html {
        html! { <Compare /> }
    }
}

/// The page for setting an assignment: the form that writes the file.
pub struct Setting;

impl Page for Setting {
    const PAGE: PageName = PageName::Setting;
    fn main(_: &AppContext) -> Html {
        html! { <NewAssignment /> }
    }
}

/// Fetches the built-in articles, then opens the work on page `P`. (The words of the
/// interface's language are in before the page first draws: `browser::i18n::start`.)
#[function_component]
pub fn App<P: Page>() -> Html {
    let builtin = use_state(|| None::<Rc<Builtin>>);
    {
        let builtin = builtin.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (documents, missing) = files::fetch_builtin().await;
                let documents = RefCell::new(documents);
                builtin.set(Some(Rc::new(Builtin { documents, missing })));
            });
        });
    }
    match &*builtin {
        Some(b) => html! { <Work<P> builtin={b.clone()} /> },
        None => html! {
            <main class="loading" id={MAIN_ID} aria-busy="true"><p>{T::Opening}</p></main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct WorkProps {
    builtin: Rc<Builtin>,
}

/// The app over the loaded work: the state and its reducer, provided to every component.
#[function_component]
fn Work<P: Page>(props: &WorkProps) -> Html {
    let (loaded, saver) = &*use_memo(props.builtin.clone(), |b| {
        let (mut state, saver) = storage::load(b.documents.take());
        state.language = words::code();
        let missing = b
            .missing
            .iter()
            .map(|&(f, why)| Warning::BuiltinMissing(f, why));
        state.storage_warning = missing
            .chain(state.storage_warning.iter().cloned())
            .collect();
        (Rc::new(state), RefCell::new(Some(saver)))
    });
    let state = {
        let loaded = loaded.clone();
        use_reducer(move || (*loaded).clone())
    };
    let latest = use_latest(&state, loaded);
    use_saving(&state, saver, &latest);
    use_js_api::<P>(&latest, state.dispatcher());
    use_page_keys(state.dispatcher());
    use_file_drop::<P>(state.dispatcher());
    use_assignment_link::<P>(state.dispatcher());
    use_assignment_files::<P>(&state);
    use_import::<P>(&state);
    use_keep_compare::<P>(&state);
    use_notice_timeout(state.notice.clone(), state.dispatcher());
    let new_version = use_new_version();
    // What floats or sticks below the header follows its height (`--head-h`).
    use_effect_with((), |_| crate::browser::dom::track_header());

    let warnings = !state.save_error.is_empty() || !state.storage_warning.is_empty();
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            {header::<P>(&state)}
            if !state.prefs.name_asked && state.annotator.is_empty() {
                <NamePrompt />
            }
            if warnings {
                {storage_warning(&state)}
            }
            if let Some(share) = state.importing {
                <div class="import-progress" role="status">
                    <label>
                        {if P::PAGE == PageName::Teaching { T::LoadingToCompare } else { T::Importing }}{" "}
                        <progress max="1" value={super::fixed(share, 3)} />
                    </label>
                </div>
            }
            if let Some(report) = &state.report {
                {report_panel(report, &state)}
            }
            {P::main(&state)}
            if state.help {
                {keys_overlay::<P>(&state)}
            }
            {notice_region(state.notice.as_ref(), new_version)}
        </ContextProvider<AppContext>>
    }
}
