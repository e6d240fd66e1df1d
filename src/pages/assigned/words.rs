//! The words of why an assignment was not opened, which the assignment page alone says (it is
//! the only page that fetches, reads and opens assignment files). The other pages carry none
//! of these sentences, and their language files leave them out. (The reading page, which
//! hands files over, only ever says that one did not fit: `PageWords::not_opened`.)

use crate::fill;
use crate::i18n::{t, T};
use crate::messages::{json_problem, refusal, PageWords};
use crate::state::NotOpened;
use discern_model::assignment::{AssignmentError, SpanProblem};
use discern_model::import::Refusal;

/// The assignment page's own words.
pub struct AssignedWords;

impl PageWords for AssignedWords {
    fn not_opened(&self, why: &NotOpened) -> String {
        not_opened(why)
    }
}

/// Why an assignment was not opened: the part after "was not opened:".
pub fn not_opened(why: &NotOpened) -> String {
    match why {
        NotOpened::Status(404) => crate::i18n::owned(T::NotOpened404),
        NotOpened::Status(n) => fill!(NotOpenedStatus, status = n),
        NotOpened::WebPage(address) => fill!(NotOpenedWebPage, address = address),
        NotOpened::Network => fill!(NotOpenedNetwork, why = t(T::NetworkFailed)),
        NotOpened::NotALink => fill!(NotOpenedNetwork, why = t(T::NotALink)),
        NotOpened::OtherOrigin(origin) => fill!(NotOpenedOtherOrigin, origin = origin),
        NotOpened::File(e) => assignment_error(e),
        NotOpened::NoRoom => crate::i18n::owned(T::NotOpenedNoRoom),
    }
}

/// What is wrong with an assignment file.
pub fn assignment_error(e: &AssignmentError) -> String {
    use AssignmentError as E;
    match e {
        E::TooLarge { megabytes } => refusal(&Refusal::TooLarge {
            megabytes: *megabytes,
        }),
        E::TooDeep { depth } => refusal(&Refusal::TooDeep { depth: *depth }),
        E::NotJson(e) => refusal(&Refusal::NotJson(e.clone())),
        E::OtherFormat(Some(f)) => fill!(AsgOtherFormat, format = f),
        E::OtherFormat(None) => crate::i18n::owned(T::AsgNoFormat),
        E::NewerVersion(n) => refusal(&Refusal::NewerVersion(*n)),
        E::UnknownVersion => refusal(&Refusal::UnknownVersion),
        E::Malformed(e) => fill!(AsgMalformed, why = json_problem(e)),
        E::Missing(field) => fill!(AsgMissing, field = field),
        E::DocumentTwice(id) => fill!(AsgDocumentTwice, id = id),
        E::IdMismatch {
            title,
            id,
            expected,
        } => fill!(AsgIdMismatch, title = title, id = id, expected = expected),
        E::NoText { title, id } => fill!(AsgNoText, title = title, id = id),
        E::PracticeNotInAssignment(id) => fill!(AsgPracticeNotIn, id = id),
        E::Span { index, problem } => {
            let what = match problem {
                SpanProblem::OutOfRange { start, end, length } => {
                    fill!(SpanOutOfRange, start = start, end = end, length = length)
                }
                SpanProblem::UnknownLabel(l) => fill!(SpanUnknownLabel, label = l),
                SpanProblem::OtherDocument(d) => fill!(SpanOtherDocument, id = d),
                SpanProblem::TextDiffers => crate::i18n::owned(T::SpanTextDiffers),
            };
            fill!(AsgSpan, index = index, problem = what)
        }
    }
}
