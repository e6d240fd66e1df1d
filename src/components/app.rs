//! The root component of each page (`docs/ARCHITECTURE.md#pages`), generic over the page
//! ([`crate::pages::Page`]): takes the built-in articles, then holds the state and its
//! reducer, provides them to every component, and wires the behaviour of every page (saving,
//! other tabs, the keys, dropped files, fading notices, a new version waiting) through the
//! named hooks of [`super::hooks`], and the page's own through `Page::use_page`. It shows the
//! header, the warnings and reports, the page's main view, and the keys overlay (`?`).
//! [`start`] starts a page: each page's wasm module calls it.

use super::context::AppContext;
use super::header::{header, keys_overlay, NamePrompt};
use super::hooks::{
    use_file_drop, use_latest, use_new_version, use_notice_timeout, use_page_keys, use_saving,
};
use super::reports::{notice_region, report_panel, storage_warning};
use crate::browser::dom::MAIN_ID;
use crate::browser::files::{self, BuiltinFetch};
use crate::browser::i18n as words;
use crate::browser::storage;
use crate::i18n::T;
use crate::pages::Page;
use crate::state::{FetchFailure, Warning};
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

impl From<files::Builtin> for Builtin {
    fn from((documents, missing): files::Builtin) -> Self {
        let documents = RefCell::new(documents);
        Builtin { documents, missing }
    }
}

/// How long the start waits for the built-in articles before it draws *Opening…*: they are
/// asked for with the module, and are usually in when it starts.
const OPENING_AFTER_MS: i32 = 250;

/// The root's properties, which never change: compared by identity.
#[derive(Properties)]
struct AppProps {
    /// The fetch of the built-in articles, under way.
    fetch: Rc<BuiltinFetch>,
    /// The built-in articles, when they were in before the first draw.
    builtin: Option<Rc<Builtin>>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &Option<Rc<Builtin>>, b: &Option<Rc<Builtin>>| match (a, b) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        Rc::ptr_eq(&self.fetch, &other.fetch) && same(&self.builtin, &other.builtin)
    }
}

/// Opens the work on page `P` once the built-in articles are in, and says *Opening…* until
/// then. (The words of the interface's language are in before the page first draws:
/// `browser::i18n::start`.)
#[function_component]
fn App<P: Page>(props: &AppProps) -> Html {
    let builtin = use_state(|| props.builtin.clone());
    {
        let (builtin, fetch) = (builtin.clone(), props.fetch.clone());
        use_effect_with((), move |_| {
            if builtin.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    builtin.set(Some(Rc::new(fetch.settled().await.into())));
                });
            }
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
        let (mut state, saver) = storage::load(b.documents.take(), P::ASSIGNMENTS);
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
    use_page_keys(state.dispatcher());
    use_file_drop(state.dispatcher(), P::take_dropped);
    P::use_page(&state);
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
                        {P::LOADING}{" "}
                        <progress max="1" value={super::fixed(share, 3)} />
                    </label>
                </div>
            }
            if let Some(report) = state.report.as_ref().filter(|_| !P::REPORT_IN_PAGE) {
                {report_panel(report, &state, P::WORDS)}
            }
            {P::main(&state)}
            if state.help {
                {keys_overlay::<P>(&state)}
            }
            {notice_region(state.notice.as_ref(), new_version, P::WORDS)}
        </ContextProvider<AppContext>>
    }
}

/// Starts page `P` in the browser: the crash screen first, then, once the words of the
/// interface's language are in, the page, drawn over the built-in articles that the start
/// script fetched beside the module when they are in within a moment (they usually are),
/// else saying *Opening…* until they are.
pub fn start<P: Page>() {
    crate::browser::crash::install();
    words::start(P::TITLE, || {
        let fetch = Rc::new(BuiltinFetch::start());
        wasm_bindgen_futures::spawn_local(async move {
            let builtin = fetch.settled_within(OPENING_AFTER_MS).await;
            let builtin = builtin.map(|b| Rc::new(b.into()));
            yew::Renderer::<App<P>>::with_props(AppProps { fetch, builtin }).render();
        });
    });
}
