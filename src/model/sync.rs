//! Two tabs on the same work: a three-way merge of one document's annotations. `base` is what
//! this tab last wrote or read, `ours` what it holds now, `theirs` what storage holds now
//! (another tab's save). What either side added, changed or deleted since `base` is kept, so
//! tagging in two tabs in turn never loses either tab's work (`docs/FORMATS.md#storage`).

use super::annotation::Annotation;
use super::document::Document;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Changes another tab made, merged with this tab's work, to bring into this tab's state.
#[derive(Clone, Debug, Default)]
pub struct FromOtherTab {
    /// Documents the other tab added.
    pub documents: Vec<Rc<Document>>,
    /// Each document's annotations after the merge.
    pub annotations: Vec<(String, Vec<Rc<Annotation>>)>,
}

impl FromOtherTab {
    /// Whether there is nothing to take in.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.annotations.is_empty()
    }
}

/// The merged list, in text order.
pub fn merge3(
    base: &[Rc<Annotation>],
    ours: &[Rc<Annotation>],
    theirs: &[Rc<Annotation>],
) -> Vec<Rc<Annotation>> {
    let base_by: HashMap<&str, &Rc<Annotation>> = base.iter().map(|a| (a.id.as_str(), a)).collect();
    let ours_by: HashMap<&str, &Rc<Annotation>> = ours.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut out: Vec<Rc<Annotation>> = Vec::new();
    let mut done: HashSet<&str> = HashSet::new();
    for t in theirs {
        let id = t.id.as_str();
        done.insert(id);
        match (base_by.get(id), ours_by.get(id)) {
            // We deleted it and they did not change it: stays deleted.
            (Some(b), None) if ***b == **t => {}
            // We changed it: ours wins; otherwise theirs (new, changed or the same).
            (Some(b), Some(o)) if ***b != ***o => out.push((*o).clone()),
            _ => out.push(t.clone()),
        }
    }
    for o in ours {
        let id = o.id.as_str();
        if done.contains(id) {
            continue;
        }
        match base_by.get(id) {
            // New here: keep it.
            None => out.push(o.clone()),
            // They deleted it; keep it only if we changed it since.
            Some(b) if ***b != **o => out.push(o.clone()),
            Some(_) => {}
        }
    }
    // The same range and label tagged in both tabs: keep one, the same in every tab (text
    // order puts such tags side by side, the smallest id first).
    Annotation::sort_in_text_order(&mut out);
    out.dedup_by(|a, b| a.same_tag(b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;

    fn a(id: &str, start: usize, note: &str) -> Rc<Annotation> {
        Rc::new(Annotation {
            note: note.into(),
            ..Annotation::new(id, "d", Label::Claim, start, start + 3)
        })
    }

    fn ids(mut v: Vec<Rc<Annotation>>) -> Vec<String> {
        v.sort_by(|x, y| x.id.cmp(&y.id));
        v.iter().map(|x| format!("{}{}", x.id, x.note)).collect()
    }

    #[test]
    fn both_tabs_additions_survive() {
        let base = vec![a("x", 0, "")];
        let ours = vec![a("x", 0, ""), a("o", 5, "")];
        let theirs = vec![a("x", 0, ""), a("t", 9, "")];
        assert_eq!(ids(merge3(&base, &ours, &theirs)), ["o", "t", "x"]);
    }

    #[test]
    fn deletions_and_edits_on_either_side() {
        let base = vec![a("x", 0, ""), a("y", 5, ""), a("z", 9, "")];
        // We delete x and edit y; they delete z and edit x.
        let ours = vec![a("y", 5, "ours"), a("z", 9, "")];
        let theirs = vec![a("x", 0, "theirs"), a("y", 5, "")];
        // x: they changed it after we deleted it: kept with their change.
        assert_eq!(ids(merge3(&base, &ours, &theirs)), ["xtheirs", "yours"]);
    }

    #[test]
    fn nothing_changed_is_identity() {
        let base = vec![a("x", 0, ""), a("y", 5, "")];
        assert_eq!(ids(merge3(&base, &base, &base)), ["x", "y"]);
    }

    #[test]
    fn the_same_tag_in_both_tabs_is_kept_once_and_the_same_in_each() {
        let base = vec![a("x", 9, "")];
        let ours = vec![a("x", 9, ""), a("b", 0, "")];
        let theirs = vec![a("x", 9, ""), a("a", 0, "")];
        assert_eq!(ids(merge3(&base, &ours, &theirs)), ["a", "x"]);
        assert_eq!(ids(merge3(&base, &theirs, &ours)), ["a", "x"]);
    }
}
