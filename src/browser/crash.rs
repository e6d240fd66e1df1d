//! If Discern ever stops on an internal error, the reader sees what happened and can take
//! their work away: the last saved state is in local storage, and the error screen's button
//! downloads it. A panic stops the WebAssembly module at once (the release is built with
//! immediate abort), so the screen is plain JavaScript, installed at start: it answers the
//! `RuntimeError` that a stopped module throws, wherever it surfaces (an event handler, a
//! promise). Its words are the language file's, handed to it once they are in
//! ([`translate`]); before that (a stop while the words load) it speaks English.

/// Listens for the module stopping, and then shows the error screen once, whose button
/// downloads every `discern/` key of local storage as one JSON file.
const INSTALL_SCRIPT: &str = r#"
  let shown = false;
  const stopped = (error) => {
    if (shown || !(error instanceof WebAssembly.RuntimeError)) return;
    shown = true;
    console.error('Discern stopped:', error);
    const el = (tag, text) => {
      const e = document.createElement(tag);
      if (text) e.textContent = text;
      return e;
    };
    const panel = el('div');
    panel.className = 'crash';
    panel.setAttribute('role', 'alertdialog');
    panel.setAttribute('aria-labelledby', 'crash-title');
    const words = window.discernCrashWords || ['Discern has stopped',
      'Something went wrong inside Discern. Your work up to the last change is saved in '
        + 'this browser: download it now, then reload the page.', 'Download my saved work'];
    const title = el('h2', words[0]);
    title.id = 'crash-title';
    const button = el('button', words[2]);
    button.type = 'button';
    button.addEventListener('click', () => {
      const out = {};
      try {
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i);
          if (k.startsWith('discern/')) out[k] = localStorage.getItem(k);
        }
      } catch (e) { out.error = String(e); }
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([JSON.stringify(out)], { type: 'application/json' }));
      a.download = 'discern-saved-work.json';
      a.click();
    });
    panel.append(
      title,
      el('p', words[1]),
      el('pre', String(error && error.stack || error)),
      button,
    );
    document.body.append(panel);
  };
  window.addEventListener('error', (e) => stopped(e.error));
  window.addEventListener('unhandledrejection', (e) => stopped(e.reason));
"#;

/// Installs the error screen.
pub fn install() {
    let _ = js_sys::Function::new_no_args(INSTALL_SCRIPT).call0(&wasm_bindgen::JsValue::NULL);
}

/// Gives the error screen the words of the language in use.
pub fn translate() {
    use crate::i18n::{t, T};
    let words: js_sys::Array = [T::CrashTitle, T::CrashText, T::CrashButton]
        .into_iter()
        .map(|s| wasm_bindgen::JsValue::from_str(t(s)))
        .collect();
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &"discernCrashWords".into(), &words);
}
