//! Helpers shared by the native integration tests.

use discern_model::{Annotation, Label};
use std::rc::Rc;

/// Unicode's tables from Rust and unicode-segmentation, as the app has them from the
/// browser; called first by every test that makes documents or selections.
pub fn unicode_tables() {
    discern_model::text::set_unicode(&discern_model::text::Tables);
}

/// The `i`-th generated annotation of `doc`: id `a<i>`, the label `Label::ALL[label % 3]`.
pub fn ann(i: usize, doc: &str, label: usize, start: usize, end: usize) -> Rc<Annotation> {
    Rc::new(Annotation::new(
        format!("a{i}"),
        doc,
        Label::ALL[label % 3],
        start,
        end,
    ))
}
