//! Everything that touches the browser lives here: local storage, the DOM selection, the
//! clock and ids, downloads, Unicode from the browser, the `window.discern` API, and a new
//! version of the release waiting to take over. Small functions that return
//! `Result` or `Option` instead of panicking.

pub mod api;
pub mod clock;
pub mod crash;
pub mod dom;
pub mod files;
pub mod i18n;
pub mod storage;
pub mod unicode;
pub mod update;
