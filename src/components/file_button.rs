//! A button that opens the browser's file picker and hands the chosen files on.

use web_sys::FileList;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileButtonProps {
    /// What the button says.
    pub label: AttrValue,
    /// What screen readers hear for the file input.
    pub aria_label: AttrValue,
    /// The file types offered (the input's `accept`).
    pub accept: AttrValue,
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// The files chosen; the input is cleared after, so the same file can be chosen again.
    pub on_files: Callback<FileList>,
}

#[function_component]
pub fn FileButton(props: &FileButtonProps) -> Html {
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                if let Some(list) = input.files() {
                    on_files.emit(list);
                }
                input.set_value("");
            }
        })
    };
    html! {
        <label class="btn file-btn" title={props.title.clone()}>
            {props.label.clone()}
            <input type="file" multiple=true accept={props.accept.clone()}
                class="sr-only" {onchange} aria-label={props.aria_label.clone()} />
        </label>
    }
}
