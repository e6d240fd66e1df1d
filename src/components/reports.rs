//! What the page tells the reader: the lasting storage warning (with a one-click export),
//! the report of the last import or compare load, file by file, and the short notices that
//! screen readers announce (and the lasting one of a new version). Plain functions the root
//! calls, not components: they have no state of their own and redraw with the root, so a
//! component would add nothing but its code (about 1.5 KB of the module each).

use super::context::AppContext;
use super::download::{download_export, Format};
use crate::browser::{files, storage, update};
use crate::i18n::T;
use crate::messages::{self, PageWords};
use crate::state::{Action, Message, Notice, Report, Tone};
use yew::prelude::*;

/// The lasting storage warning: what the last save could not do, then what loading found
/// wrong, with a one-click export of the work in memory and, when unreadable data was kept
/// aside, a download of it.
pub fn storage_warning(app: &AppContext) -> Html {
    let text = messages::warnings(&app.save_error, &app.storage_warning);
    let export = {
        let app = app.clone();
        Callback::from(move |_| {
            let (ws, name) = (&app.workspace, &app.annotator);
            if let Err(e) = download_export(ws, name, Format::Native, None, true) {
                app.dispatch(Action::Notify(Message::DownloadFailed(e)));
            }
        })
    };
    let kept = !storage::keys_with_prefix(storage::ASIDE_PREFIX).is_empty();
    let download_kept = Callback::from(|_| {
        let dump = storage::dump(storage::ASIDE_PREFIX);
        let _ = files::download("discern-kept-aside.json", "application/json", &dump);
    });
    html! {
        <div class="storage-warning" role="alert">
            <p>{text}</p>
            <div class="warning-actions">
                <button type="button" class="btn" onclick={export}>{T::ExportNow}</button>
                if kept {
                    <button type="button" class="btn" onclick={download_kept}>
                        {T::DownloadKeptAside}
                    </button>
                }
            </div>
        </div>
    }
}

/// What the last import or compare load did, file by file; a refused file's lines are marked
/// as failures. It stays until closed.
pub fn report_panel(report: &Report, app: &AppContext, words: &dyn PageWords) -> Html {
    let dispatch = app.dispatcher();
    let close = Callback::from(move |_| dispatch.dispatch(Action::DismissReport));
    let kind = report.kind;
    let heading = messages::report_heading(kind);
    html! {
        <section class="import-report" role="status" aria-label={heading}>
            <h2>{heading}</h2>
            <ul>
                { for report.files.iter().flat_map(|f| {
                    let bad = f.outcome.is_refused();
                    words.file_report(f).into_iter().map(move |line| html! {
                        <li data-refused={bad.then_some("true")}>{line}</li>
                    })
                }) }
            </ul>
            <button type="button" class="btn" onclick={close}>{T::Close}</button>
        </section>
    }
}

/// The short message of the moment, announced politely to screen readers; above it, while
/// a new version of Discern is waiting (`new_version`), the lasting notice that says so,
/// with the button that reloads under it.
pub fn notice_region(notice: Option<&Notice>, new_version: bool, words: &dyn PageWords) -> Html {
    html! {
        <div class="notice-region" role="status" aria-live="polite">
            if new_version {
                <div class="notice new-version">
                    {T::NewVersion}{" "}
                    <button type="button" class="btn" onclick={Callback::from(|_| update::reload())}>
                        {T::NewVersionReload}
                    </button>
                </div>
            }
            if let Some(n) = notice {
                <div class="notice" data-refused={(n.message.tone() == Tone::Refused).then_some("true")}>
                    {messages::message(&n.message, words)}
                </div>
            }
        </div>
    }
}
