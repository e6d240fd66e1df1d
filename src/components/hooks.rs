//! Discern's own hooks: the page-wide behaviour the root component is made of (saving and
//! other tabs, the JavaScript API, undo keys, dropped files, imports in slices, fading
//! notices, a new version waiting) and the side
//! panel's one-frame lag behind the text.

use super::app::{Page, PageName};
use super::context::{read_files, take_files, AppContext};
use crate::browser::{api, clock, dom, files, storage, update};
use crate::state::files::{Imported, OpenAssignment};
use crate::state::{Action, AppState, CompareAction, Message, NotOpened, Notice};
use discern_model::assignment;
use discern_model::import::{ImportJob, Step};
use discern_model::store::{self, Saver};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Returns `value` as it was at the last paint, catching up right after the next one: the
/// part of the page that shows it (the side panel) never delays the frame that shows a new
/// highlight. A hidden tab, which has no frames, catches up by a timer.
///
/// # Example
/// ```ignore
/// let shown = use_after_paint(props.annotations.clone());
/// ```
#[hook]
pub fn use_after_paint<T>(value: T) -> T
where
    T: Clone + PartialEq + 'static,
{
    let shown = use_state_eq(|| value.clone());
    let frame = use_mut_ref(|| None::<(AnimationFrame, Timeout)>);
    {
        let shown = shown.setter();
        let frame = frame.clone();
        use_effect_with(value, move |value| {
            let (a, b) = (value.clone(), value.clone());
            let (sa, sb) = (shown.clone(), shown);
            let raf = request_animation_frame(move |_| {
                Timeout::new(0, move || sa.set(a)).forget();
            });
            let fallback = Timeout::new(100, move || sb.set(b));
            *frame.borrow_mut() = Some((raf, fallback));
        });
    }
    (*shown).clone()
}

/// The latest state, for the effects and callbacks that outlive a render (saving, the
/// JavaScript API): kept current after every render.
#[hook]
pub fn use_latest(state: &AppContext, first: &Rc<AppState>) -> api::Latest {
    let latest: api::Latest = {
        let first = first.clone();
        use_mut_ref(move || first)
    };
    *latest.borrow_mut() = Rc::new((**state).clone());
    latest
}

/// Saves the work after every render that changed it, at once when the page is hidden or
/// left, and takes in what another tab saved.
#[hook]
pub fn use_saving(state: &AppContext, saver: &RefCell<Option<Saver>>, latest: &api::Latest) {
    let autosave = {
        let dispatch = state.dispatcher();
        use_memo((), move |_| {
            storage::AutoSave::new(saver.take().unwrap_or_default(), move |(saved, other)| {
                if let Some(warning) = saved {
                    dispatch.dispatch(Action::SaveResult(warning));
                }
                dispatch.dispatch(Action::FromOtherTab(other));
            })
        })
    };
    {
        let autosave = autosave.clone();
        let latest = latest.clone();
        let saved = (
            state.revision(),
            state.annotator.clone(),
            state.prefs.clone(),
            state.view.clone(),
        );
        use_effect_with(saved, move |_| autosave.queue(latest.borrow().clone()));
    }
    let latest = latest.clone();
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let a = autosave.clone();
        let hide = EventListener::new(&window, "pagehide", move |_| a.flush());
        let b = autosave.clone();
        let vis = EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
            b.flush()
        });
        let other = EventListener::new(&window, "storage", move |e| {
            let key = e
                .dyn_ref::<web_sys::StorageEvent>()
                .and_then(|e| e.key())
                .unwrap_or_default();
            if key.starts_with(storage::PREFIX) || key.is_empty() {
                autosave.other_tab_wrote(latest.borrow().clone());
            }
        });
        move || drop((hide, vis, other))
    });
}

/// Installs `window.discern`, the JavaScript API.
#[hook]
pub fn use_js_api<P: Page>(latest: &api::Latest, dispatch: UseReducerDispatcher<AppState>) {
    let latest = latest.clone();
    use_effect_with((), move |_| {
        // On the reading page only: embedding pages and scripts work with the library.
        if P::PAGE != PageName::Reading {
            return;
        }
        api::install(latest, Callback::from(move |a| dispatch.dispatch(a)));
    });
}

/// The keys of every page, anywhere but in a text field: undo (Ctrl/Cmd+Z), redo
/// (Ctrl/Cmd+Shift+Z, Ctrl+Y), `?` for the keys overlay and Escape to close it.
#[hook]
pub fn use_page_keys(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let keys = dom::on_keydown(move |e| {
            if dom::is_typing_target(e.target()) || e.alt_key() {
                return;
            }
            let key = e.key();
            let action = if e.ctrl_key() || e.meta_key() {
                match (key.to_ascii_lowercase().as_str(), e.shift_key()) {
                    ("z", false) => Action::Undo,
                    ("z", true) | ("y", false) => Action::Redo,
                    _ => return,
                }
            } else if key == "?" {
                Action::Help(None)
            } else if key == "Escape" {
                // Escape closes the overlay and goes on to whatever else it lets go of.
                dispatch.dispatch(Action::Help(Some(false)));
                return;
            } else {
                return;
            };
            e.prevent_default();
            dispatch.dispatch(action);
        });
        move || drop(keys)
    });
}

/// How long one slice of an import may hold the page before the browser gets its turn.
const SLICE_MS: f64 = 40.0;

/// Imports the files the reducer was asked to (`docs/ARCHITECTURE.md#import`): planned over
/// the workspace as it is now, in slices of about 40 ms with the browser's turn between them
/// and the progress shown after each (an import that fits in one slice shows none); then
/// taken in as one step.
#[hook]
pub fn use_import<P: Page>(state: &AppContext) {
    let request = state.import_request.clone();
    let seq = request.as_ref().map(|r| r.seq);
    let app = state.clone();
    use_effect_with(seq, move |_| {
        // Only the reading page imports (files dropped on the others are assignments, or
        // files to compare).
        if P::PAGE != PageName::Reading {
            return;
        }
        let Some(request) = request else {
            return;
        };
        let files = request.files.take();
        if files.is_empty() {
            return;
        }
        let (revision, dispatch) = (app.revision(), app.dispatcher());
        let mut job = ImportJob::new(&app.workspace, files);
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

/// The assignment a link names (`?assignment=…`): the reading page hands the link to the
/// assignment page; the assignment page fetches the file and asks to open it (a link that
/// gives no file is refused by name, changing nothing), then takes what another page handed
/// it, or shows the assignment its address names (`assignment.html#<id>`), or the list of
/// them. The teacher's pages open none.
#[hook]
pub fn use_assignment_link<P: Page>(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        if P::PAGE == PageName::Reading {
            files::hand_link_over(PageName::Assigned.file());
        }
        if P::PAGE != PageName::Assigned {
            return;
        }
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

/// Opens the assignment files asked for: on the assignment page, each is read and checked
/// and opened, or refused by name, changing nothing; the other pages hand them to the
/// assignment page and go there.
#[hook]
pub fn use_assignment_files<P: Page>(state: &AppContext) {
    let request = state.assignment_request.clone();
    let seq = request.as_ref().map(|r| r.seq);
    // Files imported together with an assignment are taken in before the page is left.
    let importing = P::PAGE != PageName::Assigned
        && (state.import_request.is_some() || state.importing.is_some());
    let app = state.clone();
    use_effect_with((seq, importing), move |&(_, importing)| {
        let Some(request) = request.filter(|_| !importing) else {
            return;
        };
        // Only the reading page and the assignment page take assignment files in.
        if !matches!(P::PAGE, PageName::Reading | PageName::Assigned) {
            return;
        }
        let files = request.files.take();
        if files.is_empty() {
            return;
        }
        if P::PAGE == PageName::Reading {
            match files::hand_over(&files) {
                true => {
                    let _ = gloo::utils::window()
                        .location()
                        .assign(PageName::Assigned.file());
                }
                false => {
                    for (file, _) in files {
                        let why = NotOpened::NoRoom;
                        app.dispatch(Action::Notify(Message::AssignmentNotOpened { file, why }));
                    }
                }
            }
            return;
        }
        let ws = &app.workspace;
        let builtin = |id: &str| ws.document(id).filter(|d| d.builtin).cloned();
        for (file, text) in files {
            app.dispatch(match assignment::parse(&text, &builtin) {
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

/// Files dropped anywhere on the page are taken in: on the reading page texts become
/// documents and the rest are imported; the assignment page opens them as assignments; the
/// compare page loads them; the page for setting an assignment takes none.
#[hook]
pub fn use_file_drop<P: Page>(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let opts = EventListenerOptions::enable_prevent_default();
        let window = gloo::utils::window();
        let over = EventListener::new_with_options(&window, "dragover", opts, |e| {
            e.prevent_default();
        });
        let drop_files = EventListener::new_with_options(&window, "drop", opts, move |e| {
            let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                return;
            };
            let files = e.data_transfer().and_then(|d| d.files());
            if let Some(files) = files.filter(|f| f.length() > 0) {
                e.prevent_default();
                let d = dispatch.clone();
                if P::PAGE == PageName::Assigned {
                    read_files(&files, dispatch.clone(), move |read| {
                        d.dispatch(Action::AssignmentFiles(read))
                    });
                } else if P::PAGE == PageName::Teaching {
                    read_files(&files, dispatch.clone(), move |read| {
                        super::compare::load_in_slices(read, 0, d)
                    });
                } else if P::PAGE == PageName::Reading {
                    take_files(&files, dispatch.clone());
                }
            }
        });
        move || drop((over, drop_files))
    });
}

/// The compare page keeps its compare set and the key being built
/// (`docs/FORMATS.md#storage`): taken back once at start, then written soon after each
/// change, in a task of its own. A stored value that could not be kept aside is never
/// written over. The other pages keep no compare set, and carry none of this.
#[hook]
pub fn use_keep_compare<P: Page>(state: &AppContext) {
    // `None` until the stored set was read; then whether the key must be left alone.
    let blocked = use_mut_ref(|| None::<bool>);
    let pending = use_mut_ref(|| None::<Timeout>);
    let dispatch = state.dispatcher();
    let (set, draft) = (state.compare.clone(), state.key_draft.clone());
    // Compared by identity: the reducer makes a new one for each change.
    let ids = (
        Rc::as_ptr(set.rc()) as usize,
        Rc::as_ptr(draft.rc()) as usize,
    );
    use_effect_with(ids, move |_| {
        if P::PAGE != PageName::Teaching {
            return;
        }
        let was = *blocked.borrow();
        match was {
            None => {
                let loaded = store::load_compare(&storage::LocalStore);
                *blocked.borrow_mut() = Some(loaded.blocked);
                if !loaded.set.files.is_empty()
                    || !loaded.draft.is_empty()
                    || !loaded.problems.is_empty()
                {
                    let both = Box::new((loaded.set, loaded.draft));
                    dispatch.dispatch(Action::from(CompareAction::Restore(both, loaded.problems)));
                }
            }
            Some(true) => {}
            Some(false) => {
                let save = Timeout::new(0, move || {
                    let result = store::save_compare(&storage::LocalStore, &set, &draft);
                    dispatch.dispatch(Action::from(CompareAction::Kept(result.err())));
                });
                // A newer change replaces a save not yet made.
                *pending.borrow_mut() = Some(save);
            }
        }
    });
}

/// Keeps the focus where a keyboard user needs it across a change that draws again, or
/// removes, the element that had it: the click that makes the change puts a selector in the
/// cell returned, and once the change is drawn (`changed`, an identity of what changes, is
/// new) the first element it matches takes the focus.
#[hook]
pub fn use_refocus(changed: usize) -> Rc<RefCell<Option<String>>> {
    let target = use_mut_ref(|| None::<String>);
    {
        let target = target.clone();
        use_effect_with(changed, move |_| {
            if let Some(selector) = target.borrow_mut().take() {
                dom::focus_selector(&selector);
            }
        });
    }
    target
}

/// A notice fades after a few seconds (unless another replaced it).
#[hook]
pub fn use_notice_timeout(notice: Option<Notice>, dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with(notice, move |notice| {
        let timer = notice.as_ref().map(|n| {
            let seq = n.seq;
            Timeout::new(5000, move || dispatch.dispatch(Action::ClearNotice(seq)))
        });
        move || drop(timer)
    });
}

/// Whether a new version of Discern is waiting to take over (`browser::update`): read at
/// every draw, and the page's signal that one is draws the root again. It stays so until the
/// reader reloads.
#[hook]
pub fn use_new_version() -> bool {
    let redraw = use_force_update();
    use_effect_with((), move |_| {
        let listener = update::when_ready(move || redraw.force_update());
        move || drop(listener)
    });
    update::waiting()
}
