//! The context every component reads: the app state and the way to change it. Components
//! take it with [`use_app`]; only the root provides it.

use crate::browser::files;
use crate::state::{Action, AppState, Message};
use yew::prelude::*;

/// The state, and the dispatcher of its reducer.
pub type AppContext = UseReducerHandle<AppState>;

/// The app's state and dispatcher, from the root's context provider.
///
/// # Example
/// ```ignore
/// let app = use_app();
/// app.dispatch(Action::ShowLibrary);
/// ```
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("every component renders inside App's context provider")
}

/// Reads the files of `list` and hands the readable ones (name, text) to `then`, in order;
/// each file the browser cannot read is reported by name.
pub fn read_files(
    list: &web_sys::FileList,
    dispatch: UseReducerDispatcher<AppState>,
    then: impl FnOnce(Vec<(String, String)>) + 'static,
) {
    files::read_all(list, move |results| {
        let mut read = Vec::new();
        for (file, text) in results {
            match text {
                Ok(text) => read.push((file, text)),
                Err(why) => dispatch.dispatch(Action::Notify(Message::Unreadable { file, why })),
            }
        }
        then(read);
    });
}
