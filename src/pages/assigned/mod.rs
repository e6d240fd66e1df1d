//! The assignment page (`assignment.html`): the open assignments, one with its
//! instructions, guidelines and documents, and its documents in the reader, with *Check* on
//! the practice one. It alone opens assignment files (by a link, *Open*, a drop, or handed
//! over by another page) and keeps the open assignments in the storage.
//!
//! - [`views`]: the list of assignments, one assignment, and *Hand in*;
//! - [`check`]: the practice document in the reader, with *Check*;
//! - [`words`]: why an assignment was not opened.

use crate::browser::files;
use crate::browser::unicode::UNICODE;
use crate::components::context::{read_files, AppContext};
use crate::components::reader;
use crate::i18n::T;
use crate::messages::PageWords;
use crate::pages::{Page, PageName};
use crate::state::files::OpenAssignment;
use crate::state::{Action, AppState, Message, NotOpened, View};
use check::PracticeReader;
use discern_model::assignment;
use discern_model::store::{AssignmentKeeping, KeepAssignments};
use std::rc::Rc;
use views::{AssignmentView, Assignments};
use yew::functional::Hook;
use yew::prelude::*;

pub mod check;
pub mod views;
pub mod words;

/// The assignment page.
pub struct Assigned;

impl Page for Assigned {
    const NAME: PageName = PageName::Assigned;
    const TITLE: T = T::TitleAssigned;
    const WORDS: &'static dyn PageWords = &words::AssignedWords;
    const ASSIGNMENTS: Option<&'static dyn AssignmentKeeping> = Some(&KeepAssignments);

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
        reader::keys_and_labels(state)
    }

    fn use_page(state: &AppContext) -> impl Hook<Output = ()> {
        use_assigned(state)
    }

    fn take_dropped(files: &web_sys::FileList, dispatch: UseReducerDispatcher<AppState>) {
        let d = dispatch.clone();
        read_files(files, dispatch, move |read| {
            d.dispatch(Action::AssignmentFiles(read))
        });
    }
}

/// The assignment page's own behaviour: the assignment its link or address names, and the
/// assignment files asked to be opened.
#[hook]
fn use_assigned(state: &AppContext) {
    use_assignment_link(state.dispatcher());
    use_open_assignments(state);
}

/// The assignment a link names (`?assignment=…`, handed over by the reading page or in this
/// page's address): the file is fetched and asked to be opened (a link that gives no file is
/// refused by name, changing nothing); what another page handed over is taken; or the
/// assignment the address names (`assignment.html#<id>`) is shown, or the list of them.
#[hook]
fn use_assignment_link(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        // What another page handed over is taken whatever else comes, so it never waits for
        // a later visit.
        let handed = files::take_handed_over();
        wasm_bindgen_futures::spawn_local(async move {
            let linked = files::fetch_linked_assignment().await;
            let any = handed.is_some() || linked.is_some();
            if let Some(handed) = handed {
                dispatch.dispatch(Action::AssignmentFiles(handed));
            }
            match linked {
                Some((file, Ok(text))) => {
                    dispatch.dispatch(Action::AssignmentFiles(vec![(file, text)]))
                }
                Some((file, Err(why))) => {
                    dispatch.dispatch(Action::Notify(Message::AssignmentNotOpened { file, why }))
                }
                None if !any => {
                    let hash = gloo::utils::window().location().hash().unwrap_or_default();
                    dispatch.dispatch(match hash.strip_prefix('#') {
                        Some(id) if !id.is_empty() => Action::ShowAssignment(decode(id)),
                        _ => Action::ShowLibrary,
                    });
                }
                None => {}
            }
        });
    });
}

/// Opens the assignment files asked for: each is read and checked and opened, or refused by
/// name, changing nothing.
#[hook]
fn use_open_assignments(state: &AppContext) {
    let request = state.assignment_request.clone();
    let seq = request.as_ref().map(|r| r.seq);
    let app = state.clone();
    use_effect_with(seq, move |_| {
        let Some(request) = request else {
            return;
        };
        let ws = &app.workspace;
        let builtin = |id: &str| ws.document(id).filter(|d| d.builtin).cloned();
        for (file, text) in request.files.take() {
            app.dispatch(match assignment::parse(UNICODE, &text, &builtin) {
                Ok(a) => Action::from(OpenAssignment(Rc::new(a))),
                Err(e) => Action::Notify(Message::AssignmentNotOpened {
                    file,
                    why: NotOpened::File(e),
                }),
            });
        }
    });
}

/// A part of an address as it was before it was percent-encoded.
fn decode(part: &str) -> String {
    js_sys::decode_uri_component(part)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| part.to_string())
}
