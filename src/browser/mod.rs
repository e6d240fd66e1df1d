//! Everything that touches the browser lives here: local storage, the DOM selection, the
//! clock and ids, downloads, Unicode from the browser, and the `window.discern` API. Small functions that return
//! `Result` or `Option` instead of panicking.

pub mod api;
pub mod clock;
pub mod crash;
pub mod dom;
pub mod files;
pub mod storage;
pub mod unicode;
