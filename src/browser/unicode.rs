//! Unicode from the browser, the model's [`Unicode`] on every page ([`UNICODE`], which the
//! app passes wherever the model makes documents or selections): grapheme clusters
//! from `Intl.Segmenter` (UAX #29 as the browser knows it), and letters and digits from
//! regular expressions (`\p{Alphabetic}`, `\p{N}`), so the download carries no Unicode tables
//! of its own: 11.4 KB (gzip) less on every page than with the model's `text::Tables`. A browser without `Intl.Segmenter` counts every character as a cluster
//! (`docs/ARCHITECTURE.md#unicode-from-the-browser`).

use discern_model::text::{NoTables, Unicode};
use wasm_bindgen::{JsCast, JsValue};

/// The UTF-16 offsets where the clusters of a text begin, as a `Uint32Array`, or `undefined`
/// where the browser has no `Intl.Segmenter`.
const CLUSTER_STARTS: &str = r#"
  if (typeof Intl !== 'object' || typeof Intl.Segmenter !== 'function') return undefined;
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return (text) => Uint32Array.from(segmenter.segment(text), (s) => s.index);
"#;

/// Whether a character is alphabetic or numeric (`char::is_alphanumeric`), or numeric only
/// (`char::is_numeric`) when the second argument is true.
const CLASSIFY: &str = r#"
  const letterOrNumber = /[\p{Alphabetic}\p{N}]/u;
  const number = /\p{N}/u;
  return (c, numeric) => (numeric ? number : letterOrNumber).test(c);
"#;

fn function(body: &str) -> Option<js_sys::Function> {
    js_sys::Function::new_no_args(body)
        .call0(&JsValue::NULL)
        .ok()
        .and_then(|f| f.dyn_into().ok())
}

thread_local! {
    static STARTS: Option<js_sys::Function> = function(CLUSTER_STARTS);
    static CLASSIFIER: Option<js_sys::Function> = function(CLASSIFY);
}

/// The browser's Unicode.
#[derive(Debug)]
pub struct BrowserUnicode;

/// The browser's Unicode, as the model takes it.
pub const UNICODE: &dyn Unicode = &BrowserUnicode;

impl BrowserUnicode {
    fn classify(c: char, numeric: bool) -> bool {
        CLASSIFIER.with(|f| {
            f.as_ref()
                .and_then(|f| {
                    let c = JsValue::from_str(c.encode_utf8(&mut [0; 4]));
                    f.call2(&JsValue::NULL, &c, &JsValue::from_bool(numeric))
                        .ok()
                })
                .is_some_and(|v| v.is_truthy())
        })
    }
}

impl Unicode for BrowserUnicode {
    fn cluster_starts(&self, text: &str) -> Vec<usize> {
        let utf16 = STARTS.with(|f| {
            let f = f.as_ref()?;
            let out = f.call1(&JsValue::NULL, &JsValue::from_str(text)).ok()?;
            Some(out.dyn_into::<js_sys::Uint32Array>().ok()?.to_vec())
        });
        match utf16 {
            Some(starts) => bytes_of_utf16(text, &starts),
            None => NoTables.cluster_starts(text),
        }
    }
    fn is_alphanumeric(&self, c: char) -> bool {
        Self::classify(c, false)
    }
    fn is_numeric(&self, c: char) -> bool {
        Self::classify(c, true)
    }
}

/// The byte offsets of `text` at the ascending UTF-16 offsets `starts` (those that fall on a
/// character boundary).
fn bytes_of_utf16(text: &str, starts: &[u32]) -> Vec<usize> {
    let mut out = Vec::with_capacity(starts.len());
    let mut wanted = starts.iter().map(|&u| u as usize).peekable();
    let mut u16s = 0;
    for (b, c) in text.char_indices() {
        while wanted.next_if(|&u| u < u16s).is_some() {}
        if wanted.next_if_eq(&u16s).is_some() {
            out.push(b);
        }
        u16s += c.len_utf16();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::bytes_of_utf16;

    #[test]
    fn utf16_offsets_become_byte_offsets() {
        // "a", a flag (4 UTF-16 units, 8 bytes), "é" as e + combining acute, "b".
        let text = "a🇸🇻e\u{301}b";
        assert_eq!(bytes_of_utf16(text, &[0, 1, 5, 7]), vec![0, 1, 9, 12]);
        assert_eq!(bytes_of_utf16("", &[]), Vec::<usize>::new());
        // An offset inside a surrogate pair is skipped.
        assert_eq!(bytes_of_utf16("🇸b", &[0, 1, 2]), vec![0, 4]);
    }
}
