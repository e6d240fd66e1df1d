//! What the page tells the reader: the lasting storage warning (with a one-click export),
//! the report of the last import or compare load, file by file, and the short notices that
//! screen readers announce.

use super::context::use_app;
use super::export_panel::{download_export, Format};
use crate::browser::{files, storage};
use crate::messages;
use crate::state::{Action, Message, Notice, Report, Tone};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StorageWarningProps {
    pub text: String,
}

/// The lasting storage warning, with a one-click export of the work in memory and, when
/// unreadable data was kept aside, a download of it.
#[function_component]
pub fn StorageWarning(props: &StorageWarningProps) -> Html {
    let app = use_app();
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
            <p>{&props.text}</p>
            <div class="warning-actions">
                <button type="button" class="btn" onclick={export}>{"Export my work now"}</button>
                if kept {
                    <button type="button" class="btn" onclick={download_kept}>
                        {"Download the data kept aside"}
                    </button>
                }
            </div>
        </div>
    }
}

#[derive(Properties)]
pub struct ReportPanelProps {
    pub report: Rc<Report>,
}

/// A report is made once and never changed: the same one is the same `Rc`.
impl PartialEq for ReportPanelProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.report, &o.report)
    }
}

/// What the last import or compare load did, file by file; a refused file's lines are marked
/// as failures. It stays until closed.
#[function_component]
pub fn ReportPanel(props: &ReportPanelProps) -> Html {
    let app = use_app();
    let close = Callback::from(move |_| app.dispatch(Action::DismissReport));
    let kind = props.report.kind;
    let heading = messages::report_heading(kind);
    html! {
        <section class="import-report" role="status" aria-label={heading}>
            <h2>{heading}</h2>
            <ul>
                { for props.report.files.iter().flat_map(|f| {
                    let bad = f.outcome.is_refused();
                    messages::file_report(f, kind).into_iter().map(move |line| html! {
                        <li data-refused={bad.then_some("true")}>{line}</li>
                    })
                }) }
            </ul>
            <button type="button" class="btn" onclick={close}>{"Close"}</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeRegionProps {
    pub notice: Option<Notice>,
}

/// The short message of the moment, announced politely to screen readers.
#[function_component]
pub fn NoticeRegion(props: &NoticeRegionProps) -> Html {
    html! {
        <div class="notice-region" role="status" aria-live="polite">
            if let Some(n) = &props.notice {
                <div class="notice" data-refused={(n.message.tone() == Tone::Refused).then_some("true")}>
                    {messages::message(&n.message)}
                </div>
            }
        </div>
    }
}
