//! A new version of Discern, waiting to take over (`docs/ARCHITECTURE.md#offline`). A release
//! registers its service worker from a few lines in each page, which signal a new version
//! waiting: they set `window.discernUpdate` and dispatch the window event `discern-update`.
//! The app hears it here, shows its notice in its own words, and calls `discernUpdate` when
//! the reader asks, which switches to the new version and reloads (the work is saved as the
//! page is hidden). The page registers the worker only once the app has drawn the work
//! ([`drawn`]): its precaching of the whole release never competes with the page's own
//! start. Under `trunk serve` nothing registers a worker, and nothing is heard.

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
