//! Files in and out: downloading an export, reading the files a reader picked or dropped.

use wasm_bindgen::JsCast;
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

/// The files of a (live) file list, taken out before the list is cleared.
pub fn take(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads every file as text; a file that cannot be read gives its error.
pub async fn read_all(list: Vec<web_sys::File>) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    for file in list {
        let name = file.name();
        let text = match JsFuture::from(file.text()).await {
            Ok(v) => v.as_string().ok_or_else(|| "not text".to_string()),
            Err(_) => Err("the browser could not read it".to_string()),
        };
        out.push((name, text));
    }
    out
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
