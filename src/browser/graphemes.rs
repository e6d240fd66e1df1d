//! The browser's own grapheme segmentation (`Intl.Segmenter`, Unicode's UAX #29 as the
//! browser knows it), set at start-up as the model's [`Segmenter`]: the download then carries
//! no Unicode tables of its own. A browser without `Intl.Segmenter` counts every character as
//! a cluster (`docs/ARCHITECTURE.md#grapheme-clusters`).

use crate::model::text::{set_segmenter, EveryChar, Segmenter};
use wasm_bindgen::{JsCast, JsValue};

/// The UTF-16 offsets where the clusters of `text` begin, as a `Uint32Array`, or `undefined`
/// where the browser has no `Intl.Segmenter`.
const CLUSTER_STARTS: &str = r#"
  if (typeof Intl !== 'object' || typeof Intl.Segmenter !== 'function') return undefined;
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return (text) => Uint32Array.from(segmenter.segment(text), (s) => s.index);
"#;

thread_local! {
    static STARTS: Option<js_sys::Function> = js_sys::Function::new_no_args(CLUSTER_STARTS)
        .call0(&JsValue::NULL)
        .ok()
        .and_then(|f| f.dyn_into().ok());
}

/// The browser's segmenter.
pub struct BrowserSegmenter;

impl Segmenter for BrowserSegmenter {
    fn cluster_starts(&self, text: &str) -> Vec<usize> {
        let utf16 = STARTS.with(|f| {
            let f = f.as_ref()?;
            let out = f.call1(&JsValue::NULL, &JsValue::from_str(text)).ok()?;
            Some(out.dyn_into::<js_sys::Uint32Array>().ok()?.to_vec())
        });
        match utf16 {
            Some(starts) => bytes_of_utf16(text, &starts),
            None => EveryChar.cluster_starts(text),
        }
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

/// Makes the browser's segmenter the model's.
pub fn install() {
    set_segmenter(&BrowserSegmenter);
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
