//! Helpers shared by the native integration tests.

use discern::model::{Annotation, Label};
use std::rc::Rc;

/// Grapheme clusters by unicode-segmentation, as the app has them by the browser's
/// segmenter; called first by every test that makes documents.
pub fn uax29() {
    discern::model::text::set_segmenter(&discern::model::text::Uax29);
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
