//! Files in and out: downloading an export, reading the files a reader picked or dropped,
//! and files that sit beside the app: the built-in articles, which the start script asked for
//! while the module downloaded ([`BuiltinFetch`]), and an assignment a link names.

use crate::browser::unicode::UNICODE;
use crate::i18n::{t, T};
use crate::state::{FetchFailure, NotOpened, ReadFailure};
use discern_model::{corpus, text, Document};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `content` as a download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(content, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| t(T::CannotMakeLink))?
        .dyn_into()
        .map_err(|_| t(T::CannotMakeLink))?;
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
    then: impl FnOnce(Vec<(String, Result<String, ReadFailure>)>) + 'static,
) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::new();
        for file in files {
            let name = file.name();
            let text = match JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().ok_or(ReadFailure::NotText),
                Err(_) => Err(ReadFailure::Refused),
            };
            out.push((name, text));
        }
        then(out);
    });
}

/// The assignment the page's link names (`?assignment=<URL relative to the app>`), fetched:
/// `null` when there is none, else `{link}` with `text`, `status` (not OK), `origin` (of
/// another site), `bad` (it is no link) or `network`. Once the file is read, the link is taken off the
/// address, so a reload does not open it again (and one that failed can be tried again).
const FETCH_LINKED: &str = r#"
  const link = new URLSearchParams(location.search).get('assignment');
  if (link === null) return Promise.resolve(null);
  const read = (text) => {
    history.replaceState(history.state, '', location.pathname + location.hash);
    return { link, text };
  };
  // A host that answers a missing file with its start page gives HTML (which no JSON text
  // starts with), not an assignment.
  const page = (r) => r.text().then((text) =>
    /^\uFEFF?\s*</.test(text) ? { link, page: r.url || u.href } : read(text));
  let u;
  try { u = new URL(link, location.href); } catch (e) { return Promise.resolve({ link, bad: true }); }
  if (u.origin !== location.origin) return Promise.resolve({ link, origin: u.origin });
  return fetch(u, { cache: 'no-cache' }).then(
    (r) => (r.ok ? page(r) : { link, status: r.status }),
    () => ({ link, network: true }));
"#;

/// The assignment the page's link names, if it names one: the link as given, and the file's
/// text or why it could not be had.
pub async fn fetch_linked_assignment() -> Option<(String, Result<String, NotOpened>)> {
    let fetch = js_sys::Function::new_no_args(FETCH_LINKED);
    let promise = js_sys::Promise::from(fetch.call0(&JsValue::NULL).ok()?);
    let got = JsFuture::from(promise)
        .await
        .ok()
        .filter(|v| v.is_object())?;
    let get = |k: &str| {
        js_sys::Reflect::get(&got, &k.into())
            .ok()
            .filter(|v| !v.is_undefined())
    };
    let link = get("link")?.as_string()?;
    let result = if let Some(text) = get("text").and_then(|t| t.as_string()) {
        Ok(text)
    } else if let Some(address) = get("page").and_then(|p| p.as_string()) {
        Err(NotOpened::WebPage(address))
    } else if let Some(status) = get("status").and_then(|s| s.as_f64()) {
        Err(NotOpened::Status(status as u16))
    } else if let Some(origin) = get("origin").and_then(|o| o.as_string()) {
        Err(NotOpened::OtherOrigin(origin))
    } else if get("bad").is_some() {
        Err(NotOpened::NotALink)
    } else {
        Err(NotOpened::Network)
    };
    Some((link, result))
}

/// Where files go from one page to the assignment page, in the tab's session storage.
const HANDED_OVER: &str = "discern/handed-over";

/// Hands assignment files (name, text) to the assignment page of this tab; whether the
/// session storage had room for them.
pub fn hand_over(files: &[(String, String)]) -> bool {
    let json = serde_json::to_string(files).unwrap_or_default();
    let storage = gloo::utils::window().session_storage().ok().flatten();
    storage.is_some_and(|s| s.set_item(HANDED_OVER, &json).is_ok())
}

/// The assignment files another page handed to this one, taken (once).
pub fn take_handed_over() -> Option<Vec<(String, String)>> {
    let storage = gloo::utils::window().session_storage().ok().flatten()?;
    let json = storage.get_item(HANDED_OVER).ok().flatten()?;
    let _ = storage.remove_item(HANDED_OVER);
    serde_json::from_str(&json).ok()
}

/// When the address names an assignment (`?assignment=…`), goes to `page` with the same
/// query, which opens it.
pub fn hand_link_over(page: &str) {
    let location = gloo::utils::window().location();
    let search = location.search().unwrap_or_default();
    if search.contains("assignment=") {
        let _ = location.replace(&format!("{page}{search}"));
    }
}

/// How long the start waits for each built-in article (the start script's 10 seconds).
const BUILTIN_WAIT_MS: f64 = 10_000.0;

/// The built-in articles as fetched, and those that could not be had (file, why).
pub type Builtin = (Vec<Document>, Vec<(&'static str, FetchFailure)>);

/// The fetch of the built-in articles, under way: the start script (`static/start.js`) has
/// asked for them from the release's `corpus/` folder while the module downloaded, all four
/// together, each within 10 seconds, and left the promise of what they gave in
/// `window.discernCorpus`.
pub struct BuiltinFetch(js_sys::Promise);

impl BuiltinFetch {
    /// The fetch the start script began (none, if it did not: every article is then missing).
    pub fn start() -> Self {
        let left = js_sys::Reflect::get(&gloo::utils::window(), &"discernCorpus".into());
        let promise = left
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
            .unwrap_or_else(|| js_sys::Promise::reject(&JsValue::NULL));
        BuiltinFetch(promise)
    }

    /// The built-in articles, once every fetch has settled; each one that could not be had
    /// gives its file name and why.
    pub async fn settled(&self) -> Builtin {
        let settled = JsFuture::from(self.0.clone()).await.ok();
        builtin(settled)
    }

    /// The built-in articles if every fetch settles within `ms` milliseconds.
    pub async fn settled_within(&self, ms: i32) -> Option<Builtin> {
        let timeout = js_sys::Promise::new(&mut |resolve, _| {
            let _ = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let first = js_sys::Promise::race(&js_sys::Array::of2(&self.0, &timeout));
        let settled = JsFuture::from(first).await.ok()?;
        js_sys::Array::is_array(&settled).then(|| builtin(Some(settled)))
    }
}

/// The documents of the built-in articles from what their fetches gave (`Promise.allSettled`),
/// or none at all.
fn builtin(settled: Option<JsValue>) -> Builtin {
    let outcome = |i: u32| -> Result<String, FetchFailure> {
        let s = settled.as_ref().map(|a| js_sys::Array::from(a).get(i));
        let get = |s: &JsValue, k: &str| js_sys::Reflect::get(s, &k.into()).ok();
        match s {
            Some(s) => match get(&s, "value").and_then(|v| v.as_string()) {
                Some(text) => Ok(text),
                None => Err(match get(&s, "reason").and_then(|r| r.as_f64()) {
                    Some(0.0) => FetchFailure::NoAnswer(BUILTIN_WAIT_MS as u32 / 1000),
                    Some(r) if r > 0.0 => FetchFailure::Status(r as u16),
                    _ => FetchFailure::Network,
                }),
            },
            None => Err(FetchFailure::NotAsked),
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
    for (doc, name) in corpus::documents(UNICODE, &texts)
        .into_iter()
        .zip(corpus::NAMES)
    {
        match doc {
            Ok(doc) => docs.push(doc),
            Err(_) if missing.iter().any(|(m, _)| *m == name) => {}
            Err(_) => missing.push((name, FetchFailure::NotShipped)),
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
        .map(|c| {
            if text::is_alphanumeric(UNICODE, c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "anonymous".to_string()
    } else {
        trimmed.chars().take(40).collect()
    }
}

#[cfg(test)]
mod tests {
    use discern_model::corpus;

    /// Every page's start script asks for the built-in articles its `data-corpus` names,
    /// and they are exactly the ones [`super::BuiltinFetch`] reads, in its order: a name
    /// that is not one of them is a download for nothing, and a missing one an article the
    /// library would lack.
    #[test]
    fn every_page_names_the_builtin_articles() {
        let pages = [
            ("index.html", include_str!("../../index.html")),
            ("assignment.html", include_str!("../../assignment.html")),
            ("teach.html", include_str!("../../teach.html")),
            ("set.html", include_str!("../../set.html")),
        ];
        for (page, html) in pages {
            let named: Vec<&str> = html
                .split(r#"data-corpus=""#)
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(|names| names.split(' ').collect())
                .unwrap_or_default();
            assert_eq!(named, corpus::NAMES, "{page}");
        }
    }

    /// The start script gives each article the time that an article with no answer is said
    /// to have had ([`super::BUILTIN_WAIT_MS`]).
    #[test]
    fn the_start_script_waits_as_long_as_the_app_says() {
        let script = include_str!("../../static/start.js");
        let wait = format!("setTimeout(() => no(0), {})", super::BUILTIN_WAIT_MS);
        assert!(script.contains(&wait), "static/start.js has no `{wait}`");
    }
}
