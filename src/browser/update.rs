//! A new version of Discern, waiting to take over (`docs/ARCHITECTURE.md#offline`). A release
//! registers its service worker from a few lines in each page, which signal a new version
//! waiting: they set `window.discernUpdate` and dispatch the window event `discern-update`.
//! The app hears it here, shows its notice in its own words, and calls `discernUpdate` when
//! the reader asks, which switches to the new version and reloads (the work is saved as the
//! page is hidden). The page registers the worker only once the app has drawn the work
//! ([`drawn`]): its precaching of the whole release never competes with the page's own
//! start. Under `trunk serve` nothing registers a worker, and nothing is heard.
//!
//! The flow (`scripts/service-worker.mjs` writes the worker and the page's few lines: the
//! registration two seconds after the event `discern-drawn`, or ten seconds after `load` if
//! it never comes). A visit after a new release is answered by the version the browser has,
//! and the browser checks `sw.js` for a change as the page registers it. A changed worker
//! installs its cache beside the old one and waits: it never takes over on its own, so a page
//! never runs with files of two releases, and every open page of Discern shows the notice.
//! *reload* asks it to take over (`skip-waiting`); it activates, deletes the caches of older
//! versions at its own scope (never another Discern's, at another sub-path of the site),
//! takes over the pages, and the tab whose reader asked reloads on `controllerchange`. On a
//! first visit the worker takes over at once (`clients.claim()`), its cache complete by then,
//! so the page goes on working offline without a reload. The work is in the storage, not the
//! cache, so no version of the worker touches it.
//!
//! A release served on `trunk serve`'s address (127.0.0.1:8080) leaves its worker there, and
//! it goes on answering from its cache: unregister it in the browser's developer tools, or
//! serve releases on another port.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};

/// The window's property that the page sets, and its event.
const SWITCH: &str = "discernUpdate";
const READY: &str = "discern-update";
/// The window event the app dispatches once it has drawn the work.
const DRAWN: &str = "discern-drawn";

/// The page's function that switches to the waiting version, once there is one.
fn switch() -> Option<js_sys::Function> {
    let window = gloo::utils::window();
    js_sys::Reflect::get(&window, &SWITCH.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether a new version is waiting.
pub fn waiting() -> bool {
    switch().is_some()
}

/// Calls `ready` once a new version is waiting (as long as the listener returned is kept).
pub fn when_ready(ready: impl FnOnce() + 'static) -> EventListener {
    EventListener::once(&gloo::utils::window(), READY, move |_| ready())
}

/// Says that the app has drawn the work: the page registers the release's worker soon after.
pub fn drawn() {
    if let Ok(event) = web_sys::Event::new(DRAWN) {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// Switches to the waiting version: the page reloads under it.
pub fn reload() {
    if let Some(f) = switch() {
        let _ = f.call0(&JsValue::NULL);
    }
}
