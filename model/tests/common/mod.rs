//! Helpers shared by the native integration tests.

use discern_model::{Annotation, Label};
use std::rc::Rc;

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
