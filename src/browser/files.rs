//! Files in and out: downloading an export, reading the files a reader picked or dropped,
//! and fetching files that sit beside the app (the built-in articles).

use crate::model::{corpus, Document};
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

/// Fetches `url` (relative to the page) as text, or says why it could not.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("there is no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "the network failed".to_string())?
        .dyn_into()
        .map_err(|_| "no answer came".to_string())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = response.text().map_err(|_| "it is not text".to_string())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "it is not text".to_string())
}

/// The built-in articles, fetched from the release's `corpus/` folder; each one that could not
/// be had gives its file name and why.
pub async fn fetch_builtin() -> (Vec<Document>, Vec<(&'static str, String)>) {
    let mut texts = Vec::new();
    let mut missing = Vec::new();
    for name in corpus::NAMES {
        match fetch_text(&format!("corpus/{name}")).await {
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
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "anonymous".to_string()
    } else {
        trimmed.chars().take(40).collect()
    }
}
