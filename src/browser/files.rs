//! Files in and out: downloading an export, reading the files a reader picked or dropped,
//! and fetching files that sit beside the app (the built-in articles).

use crate::model::{corpus, text, Document};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `content` as a download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(content, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot make a link")?
        .dyn_into()
        .map_err(|_| "cannot make a link")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The object URL is released when `url` drops, after the click has started the download.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
    Ok(())
}

/// Reads every file of `list` as text, in order, and hands each name with its text (or why
/// the browser could not read it) to `then`. The files are taken out of the (live) list at
/// once, so the input may be cleared right after.
pub fn read_all(
    list: &web_sys::FileList,
    then: impl FnOnce(Vec<(String, Result<String, String>)>) + 'static,
) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::new();
        for file in files {
            let name = file.name();
            let text = match JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().ok_or_else(|| "not text".to_string()),
                Err(_) => Err("the browser could not read it".to_string()),
            };
            out.push((name, text));
        }
        then(out);
    });
}

/// Fetches the URLs (relative to the page) all at once, each given `ms` milliseconds, and
/// settles them all: `{status, value}` (the text) or `{status, reason}` (why not).
const FETCH_ALL: &str = r#"
  const why = (e) => (typeof e === 'string' ? e : 'the network failed');
  return Promise.allSettled(urls.map((u) => Promise.race([
    fetch(u).then((r) => (r.ok ? r.text() : Promise.reject('the server answered ' + r.status))),
    new Promise((_, no) => setTimeout(() => no('no answer came within ' + ms / 1000 + ' s'), ms)),
  ]).catch((e) => Promise.reject(why(e)))));
"#;

/// How long the start waits for each built-in article.
const BUILTIN_WAIT_MS: f64 = 10_000.0;

/// The built-in articles, fetched together from the release's `corpus/` folder (each within
/// 10 seconds, so a stalled connection never holds the work back); each one that could not
/// be had gives its file name and why.
pub async fn fetch_builtin() -> (Vec<Document>, Vec<(&'static str, String)>) {
    let urls: js_sys::Array = corpus::NAMES
        .iter()
        .map(|n| JsValue::from_str(&format!("corpus/{n}")))
        .collect();
    let fetch_all = js_sys::Function::new_with_args("urls, ms", FETCH_ALL);
    let settled = match fetch_all.call2(&JsValue::NULL, &urls, &BUILTIN_WAIT_MS.into()) {
        Ok(p) => JsFuture::from(js_sys::Promise::from(p)).await.ok(),
        Err(_) => None,
    };
    let outcome = |i: u32| -> Result<String, String> {
        let s = settled.as_ref().map(|a| js_sys::Array::from(a).get(i));
        let get = |s: &JsValue, k: &str| js_sys::Reflect::get(s, &k.into()).ok();
        match s {
            Some(s) => match get(&s, "value").and_then(|v| v.as_string()) {
                Some(text) => Ok(text),
                None => Err(get(&s, "reason")
                    .and_then(|r| r.as_string())
                    .unwrap_or_else(|| "the network failed".to_string())),
            },
            None => Err("the browser could not fetch it".to_string()),
        }
    };
    let mut texts = Vec::new();
    let mut missing = Vec::new();
    for (i, name) in corpus::NAMES.into_iter().enumerate() {
        match outcome(i as u32) {
            Ok(text) => texts.push(text),
            Err(why) => {
                missing.push((name, why));
                texts.push(String::new());
            }
        }
    }
    let mut docs = Vec::new();
    for (doc, name) in corpus::documents(&texts).into_iter().zip(corpus::NAMES) {
        match doc {
            Ok(doc) => docs.push(doc),
            Err(_) if missing.iter().any(|(m, _)| *m == name) => {}
            Err(_) => missing.push((name, "its text is not the one Discern ships".to_string())),
        }
    }
    (docs, missing)
}

/// Offers JSON as a download, laid out with two-space indents for people who open it.
pub fn download_json(name: &str, mime: &str, json: &str) -> Result<(), String> {
    let pretty = js_sys::JSON::parse(json)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2))
                .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| json.to_string());
    download(name, mime, &pretty)
}

/// The name of an export file: `discern-<annotator>-<date>.<ext>`, `now` being an ISO time.
pub fn export_name(annotator: &str, now: &str, ext: &str) -> String {
    format!(
        "discern-{}-{}.{ext}",
        file_part(annotator),
        now.get(..10).unwrap_or(now)
    )
}

/// A safe piece of a file name: letters, digits and dashes.
pub fn file_part(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if text::is_alphanumeric(c) { c } else { '-' })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "anonymous".to_string()
    } else {
        trimmed.chars().take(40).collect()
    }
}
