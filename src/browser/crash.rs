//! If Discern ever panics, the reader sees what happened and can take their work away: the
//! last saved state is in local storage, and the button here downloads it without needing
//! the (stopped) WebAssembly module.

/// The script behind the error screen's button: every `discern/` key of local storage as one
/// JSON file.
const EXPORT_SCRIPT: &str = r#"
  const out = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith('discern/')) out[k] = localStorage.getItem(k);
    }
  } catch (e) { out.error = String(e); }
  const blob = new Blob([JSON.stringify(out)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'discern-saved-work.json';
  a.click();
"#;

/// Installs the panic hook that shows the error screen.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Discern stopped: {message}").into());
        show(&message);
    }));
}

fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("crash");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "crash-title");
    let title = document.create_element("h2").ok();
    if let Some(t) = &title {
        t.set_id("crash-title");
        t.set_text_content(Some("Discern has stopped"));
        let _ = panel.append_child(t);
    }
    if let Ok(p) = document.create_element("p") {
        p.set_text_content(Some(
            "Something went wrong inside Discern. Your work up to the last change is saved in \
             this browser: download it now, then reload the page.",
        ));
        let _ = panel.append_child(&p);
    }
    if let Ok(detail) = document.create_element("pre") {
        detail.set_text_content(Some(message));
        let _ = panel.append_child(&detail);
    }
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("Download my saved work"));
        let _ = button.set_attribute("type", "button");
        let f = js_sys::Function::new_no_args(EXPORT_SCRIPT);
        let _ = button.add_event_listener_with_callback("click", &f);
        let _ = panel.append_child(&button);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&panel);
    }
}
