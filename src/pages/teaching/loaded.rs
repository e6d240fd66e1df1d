//! The files loaded to compare: loaded a slice at a time (the page shows the progress
//! between slices), and their table, each with whether it is the key and *Remove*.

use crate::browser::unicode::UNICODE;
use crate::components::context::AppContext;
use crate::fill;
use crate::i18n::{t, T};
use crate::state::{Action, AppState, CompareAction};
use discern_model::compare::{CompareSet, BUILT_KEY};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Files loaded in one task: the page shows its progress between slices, and no task takes
/// long at a class's size.
const SLICE: usize = 20;

/// Loads annotation files (name, text) into the compare set a slice at a time, `before` of
/// them loaded already, each slice in its own task.
pub fn load_in_slices(
    mut files: Vec<(String, String)>,
    before: usize,
    dispatch: UseReducerDispatcher<AppState>,
) {
    let total = before + files.len();
    let rest = files.split_off(files.len().min(SLICE));
    let done = before + files.len();
    dispatch.dispatch(Action::from(CompareAction::Load {
        files,
        before,
        total,
        unicode: UNICODE,
    }));
    if !rest.is_empty() {
        gloo::timers::callback::Timeout::new(0, move || load_in_slices(rest, done, dispatch))
            .forget();
    }
}

/// The loaded files' table. After a file is removed, the focus goes to the Remove button now
/// in its place (`refocus`, or the one before, for the last), so that a keyboard can remove
/// one after another.
pub fn files_table(
    state: &AppContext,
    set: &CompareSet,
    refocus: &Rc<RefCell<Option<String>>>,
) -> Html {
    let last = set.files.len().saturating_sub(1);
    let row = |(i, f): (usize, &discern_model::compare::Loaded)| {
        let (s1, s2, r) = (state.clone(), state.clone(), refocus.clone());
        let file = if f.file == BUILT_KEY {
            t(T::BuiltInDiscern)
        } else {
            f.file.as_str()
        };
        let remove = move |_| {
            *r.borrow_mut() =
                (last > 0).then(|| format!("button[data-remove=\"{}\"]", i.min(last - 1)));
            s2.dispatch(Action::from(CompareAction::Remove(i)))
        };
        html! {
            <tr key={f.submission.name.clone()}>
                <td>{&f.submission.name}</td>
                <td>{file}</td>
                <td>{f.submission.spans.len()}</td>
                <td>
                    <input type="radio" name="key" checked={set.key == Some(i)}
                        aria-label={fill!(IsTheKey, name = f.submission.name)}
                        onchange={move |_| s1.dispatch(Action::from(CompareAction::Key(i)))} />
                </td>
                <td>
                    <button type="button" class="btn link"
                        aria-label={fill!(RemoveNamed, name = f.submission.name)}
                        data-remove={i.to_string()} onclick={remove}>{T::Remove}</button>
                </td>
            </tr>
        }
    };
    html! {
        <table class="files">
            <caption>{T::Loaded}</caption>
            <thead><tr>
                <th>{T::Annotator}</th><th>{T::File}</th><th>{T::Spans}</th><th>{T::Key}</th><th></th>
            </tr></thead>
            <tbody>{ for set.files.iter().enumerate().map(row) }</tbody>
        </table>
    }
}
