//! Discern's own hooks, which every page has: the behaviour the root component is made of
//! (saving and other tabs, undo keys, dropped files, fading notices, a new version waiting),
//! the side panel's one-frame lag behind the text, and the focus kept across a redraw. Each
//! page's own hooks are in its folder (`crate::pages`).

use super::context::AppContext;
use crate::browser::{api, dom, storage, update};
use crate::state::{Action, AppState, Notice};
use discern_model::store::Saver;
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

/// Files dropped anywhere on the page are taken in as the page takes them (`take`,
/// `Page::take_dropped`): on the reading page texts become documents and the rest are
/// imported, the assignment page opens them as assignments, the compare page loads them.
#[hook]
pub fn use_file_drop(
    dispatch: UseReducerDispatcher<AppState>,
    take: fn(&web_sys::FileList, UseReducerDispatcher<AppState>),
) {
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
                take(&files, dispatch.clone());
            }
        });
        move || drop((over, drop_files))
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
/// reader reloads. Once the root has first drawn the work, the page may register the worker
/// that finds new versions (`update::drawn`).
#[hook]
pub fn use_new_version() -> bool {
    let redraw = use_force_update();
    use_effect_with((), move |_| {
        update::drawn();
        let listener = update::when_ready(move || redraw.force_update());
        move || drop(listener)
    });
    update::waiting()
}
