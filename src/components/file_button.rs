//! A button that opens the browser's file picker and hands the chosen files on. (A plain
//! function rather than a component: it has no state of its own.)

use web_sys::FileList;
use yew::prelude::*;

/// What a file button says and offers.
pub struct FileButton {
    /// What the button says.
    pub label: &'static str,
    /// What screen readers hear for the file input.
    pub aria_label: &'static str,
    /// The file types offered (the input's `accept`).
    pub accept: &'static str,
    pub title: Option<&'static str>,
}

/// The button; `on_files` gets the files chosen, and the input is cleared after, so the same
/// file can be chosen again.
pub fn file_button(b: FileButton, on_files: Callback<FileList>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            if let Some(list) = input.files() {
                on_files.emit(list);
            }
            input.set_value("");
        }
    });
    html! {
        <label class="btn file-btn" title={b.title}>
            {b.label}
            <input type="file" multiple=true accept={b.accept}
                class="sr-only" {onchange} aria-label={b.aria_label} />
        </label>
    }
}
