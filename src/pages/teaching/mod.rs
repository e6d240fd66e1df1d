//! The compare page (`teach.html`): a class's files compared, with one another and with a
//! key; each student's feedback; a key built from the class's files. It alone keeps the
//! compare set in the storage; a file dropped on it is loaded to compare.
//!
//! - [`compare`]: the compare view, made of [`loaded`] (the files, loaded a slice at a
//!   time), [`figures`] (against the key, and the class's agreement), [`feedback`] (the class
//!   against the key, and each student's feedback), [`agreement`] (the agreement map) and
//!   [`chart`] (how much of each text is tagged what);
//! - [`key_builder`]: building a key from the class's files;
//! - [`words`]: the report of files loaded to compare, and why the set is not kept.

use crate::browser::storage;
use crate::components::context::{read_files, AppContext};
use crate::i18n::T;
use crate::messages::PageWords;
use crate::pages::{Page, PageName};
use crate::state::{Action, AppState, CompareAction};
use compare::Compare;
use discern_model::store;
use gloo::timers::callback::Timeout;
use loaded::load_in_slices;
use std::rc::Rc;
use yew::functional::Hook;
use yew::prelude::*;

pub mod agreement;
pub mod chart;
pub mod compare;
pub mod feedback;
pub mod figures;
pub mod key_builder;
pub mod loaded;
pub mod words;

/// The compare page.
pub struct Teaching;

impl Page for Teaching {
    const NAME: PageName = PageName::Teaching;
    const TITLE: T = T::TitleTeaching;
    const WORDS: &'static dyn PageWords = &words::TeachingWords;
    const LOADING: T = T::LoadingToCompare;
    const FOR_TEACHERS: bool = true;
    const REPORT_IN_PAGE: bool = true;

    fn main(_: &AppContext) -> Html {
        html! { <Compare /> }
    }

    fn use_page(state: &AppContext) -> impl Hook<Output = ()> {
        use_keep_compare(state)
    }

    fn take_dropped(files: &web_sys::FileList, dispatch: UseReducerDispatcher<AppState>) {
        let d = dispatch.clone();
        read_files(files, dispatch, move |read| load_in_slices(read, 0, d));
    }
}

/// The compare page keeps its compare set and the key being built
/// (`docs/FORMATS.md#storage`): taken back once at start, then written soon after each
/// change, in a task of its own. A stored value that could not be kept aside is never
/// written over.
#[hook]
fn use_keep_compare(state: &AppContext) {
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
