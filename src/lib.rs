//! Discern: an in-browser tool for reading the news critically. Readers tag spans of an
//! article as claim, quote or opinion; the work lives in the browser's local storage.
//!
//! - `discern_model` (the workspace's crate in `model/`): documents, annotations, offsets,
//!   rules and undo history, formats, comparison and storage; no browser imports.
//! - [`i18n`]: the interface's words, by a typed name, in the language the page loaded.
//! - [`markup`]: HTML that only escaping constructors build, for the views drawn whole.
//! - [`state`]: the app state and its one reducer.
//! - [`messages`]: typed values (notices, refusals, reports) put into words.
//! - [`browser`]: everything that touches the browser (storage, selection, keys, the JS API).
//! - [`components`]: the Yew components that more than one page draws.
//! - [`pages`]: the four pages, what differs between them, each in a folder of its own.

pub mod browser;
pub mod components;
pub mod i18n;
pub mod markup;
pub mod messages;
pub mod pages;
pub mod state;
