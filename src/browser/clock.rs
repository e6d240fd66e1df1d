//! Time stamps and fresh ids, from the browser's clock and random numbers.

/// The current time in UTC, to the second: `2026-11-22T10:00:00Z`.
pub fn now_iso() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    match iso.split_once('.') {
        Some((secs, _)) => format!("{secs}Z"),
        None => iso,
    }
}

/// A new annotation id, unique in practice across browsers: time and 48 random bits.
pub fn new_id() -> String {
    let millis = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(48)) as u64;
    format!("a{millis:x}{random:012x}")
}
