//! Time stamps and fresh ids, from the browser's clock and random numbers; and a way for long
//! work to let the browser have its turn.

/// The current time in UTC, to the second: `2026-11-22T10:00:00Z`.
pub fn now_iso() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    match iso.split_once('.') {
        Some((secs, _)) => format!("{secs}Z"),
        None => iso,
    }
}

/// Today's date as the page's language writes it in full (`1 December 2026`), for printed
/// handouts.
pub fn today_long() -> String {
    let lang = gloo::utils::document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "en".into());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    js_sys::Date::new_0()
        .to_locale_date_string(&lang, &options)
        .into()
}

/// A new annotation id, unique in practice across browsers: time and 48 random bits.
pub fn new_id() -> String {
    let millis = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(48)) as u64;
    format!("a{millis:x}{random:012x}")
}

/// Milliseconds since the epoch, for measuring how long work has run.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves in a later task, after the browser has had its turn (input, a frame): long work
/// awaits it between slices, so that the page never freezes.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
