//! The reading page (`index.html`): the library and the reader. It is the only page that
//! imports and exports the work (*Import*, *Export* in the header, files dropped on it) and
//! that has `window.discern`; an assignment file taken in here, by a link, a drop or
//! *Import*, is handed to the assignment page.
//!
//! - [`library`]: the library, and adding one's own articles;
//! - [`export_panel`]: *Import* and the export menu;
//! - [`words`]: the words of an import's report.

use crate::browser::unicode::UNICODE;
use crate::browser::{api, clock, files};
use crate::components::context::{read_files, AppContext};
use crate::components::reader::{self, Reader};
use crate::i18n::T;
use crate::messages::PageWords;
use crate::pages::{Page, PageName};
use crate::state::files::{Imported, TakeFiles};
use crate::state::{Action, AppState, Message, NotOpened};
use discern_model::import::{ImportJob, Step};
use library::Library;
use std::rc::Rc;
use yew::functional::Hook;
use yew::prelude::*;

pub mod export_panel;
pub mod library;
pub mod words;

/// The reading page.
pub struct Reading;

impl Page for Reading {
    const NAME: PageName = PageName::Reading;
    const TITLE: T = T::TitleReading;
    const WORDS: &'static dyn PageWords = &words::ReadingWords;

    fn main(state: &AppContext) -> Html {
        match state.open_document() {
            Some(doc) => html! { <Reader doc={doc.clone()} /> },
            None => html! { <Library /> },
        }
    }

    fn reader_keys(state: &AppContext) -> Option<Html> {
        reader::keys_and_labels(state)
    }

    fn tools(state: &AppContext) -> Html {
        export_panel::tools(state)
    }

    fn use_page(state: &AppContext) -> impl Hook<Output = ()> {
        use_reading(state)
    }

    fn take_dropped(files: &web_sys::FileList, dispatch: UseReducerDispatcher<AppState>) {
        take_files(files, dispatch);
    }
}

/// The reading page's own behaviour: `window.discern`, imports in slices, and assignments
/// (by link or file) handed to the assignment page.
#[hook]
fn use_reading(state: &AppContext) {
    use_js_api(state);
    use_import(state);
    use_hand_over(state);
}

/// Installs `window.discern`, the JavaScript API, over the latest state.
#[hook]
fn use_js_api(state: &AppContext) {
    let latest: api::Latest = use_mut_ref(|| Rc::new((**state).clone()));
    *latest.borrow_mut() = Rc::new((**state).clone());
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        api::install(latest, Callback::from(move |a| dispatch.dispatch(a)));
    });
}

/// How long one slice of an import may hold the page before the browser gets its turn.
const SLICE_MS: f64 = 40.0;

/// Imports the files the reducer was asked to (`docs/ARCHITECTURE.md#import`): planned over
/// the workspace as it is now, in slices of about 40 ms with the browser's turn between them
/// and the progress shown after each (an import that fits in one slice shows none); then
/// taken in as one step.
#[hook]
pub fn use_import(state: &AppContext) {
    let request = state.import_request.clone();
    let seq = request.as_ref().map(|r| r.seq);
    let app = state.clone();
    use_effect_with(seq, move |_| {
        let Some(request) = request else {
            return;
        };
        let files = request.files.take();
        if files.is_empty() {
            return;
        }
        let (revision, dispatch) = (app.revision(), app.dispatcher());
        let mut job = ImportJob::new(UNICODE, &app.workspace, files);
        drop(app);
        wasm_bindgen_futures::spawn_local(async move {
            // Not in the task that asked for it, which also drew the page.
            clock::next_task().await;
            loop {
                let slice = clock::now_ms();
                let step = loop {
                    match job.step() {
                        Step::Working(_) if clock::now_ms() - slice < SLICE_MS => {}
                        step => break step,
                    }
                };
                match step {
                    Step::Working(share) => {
                        dispatch.dispatch(Action::Importing(Some(share)));
                        clock::next_task().await;
                    }
                    Step::Done(imported) => {
                        // Taking it in (and showing it) is a task of its own too.
                        clock::next_task().await;
                        dispatch.dispatch(Action::from(Imported(revision, imported)));
                        return;
                    }
                }
            }
        });
    });
}

/// Assignments taken in here are the assignment page's: a link to one (`?assignment=…`) is
/// handed to it at once, and assignment files (picked, dropped or imported) once any
/// annotation files imported with them are in; then the assignment page opens. Files that
/// cannot be handed over (no room in the tab's storage) are refused by name.
#[hook]
fn use_hand_over(state: &AppContext) {
    use_effect_with((), |_| files::hand_link_over(PageName::Assigned.file()));
    let request = state.assignment_request.clone();
    let seq = request.as_ref().map(|r| r.seq);
    // Files imported together with an assignment are taken in before the page is left.
    let importing = state.import_request.is_some() || state.importing.is_some();
    let dispatch = state.dispatcher();
    use_effect_with((seq, importing), move |&(_, importing)| {
        let Some(request) = request.filter(|_| !importing) else {
            return;
        };
        let files = request.files.take();
        if files.is_empty() {
            return;
        }
        if files::hand_over(&files) {
            let _ = gloo::utils::window()
                .location()
                .assign(PageName::Assigned.file());
            return;
        }
        for (file, _) in files {
            let why = NotOpened::NoRoom;
            dispatch.dispatch(Action::Notify(Message::AssignmentNotOpened { file, why }));
        }
    });
}

/// Reads picked or dropped files and takes them in: `.txt` and `.md` files become documents,
/// the rest are imported as annotation files.
pub fn take_files(list: &web_sys::FileList, dispatch: UseReducerDispatcher<AppState>) {
    let d = dispatch.clone();
    read_files(list, dispatch, move |read| {
        d.dispatch(Action::from(TakeFiles::sort(UNICODE, read)))
    });
}
