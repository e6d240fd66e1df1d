//! Two tabs on the same work: a three-way merge of one document's annotations. `base` is what
//! this tab last wrote or read, `ours` what it holds now, `theirs` what storage holds now
//! (another tab's save). What either side added, changed or deleted since `base` is kept, so
//! tagging in two tabs in turn never loses either tab's work, and a note typed in both keeps
//! every character typed on either side (`docs/FORMATS.md#storage`).

use crate::annotation::Annotation;
use crate::assignment::AssignmentFile;
use crate::document::Document;
use crate::{Change, Workspace};
use std::collections::HashSet;
use std::rc::Rc;

/// Changes another tab made, to bring into this tab's state.
#[derive(Clone, Debug, Default)]
pub struct FromOtherTab {
    /// Documents the other tab added.
    pub documents: Vec<Rc<Document>>,
    /// Documents whose annotations changed.
    pub annotations: Vec<Incoming>,
    /// The open assignments, merged with the other tab's, when they differ from this tab's.
    pub assignments: Option<Vec<Rc<AssignmentFile>>>,
    /// The store had lost this tab's saved work (another tab or the browser cleared it); the
    /// tab kept it and writes it all again.
    pub restored: bool,
}

/// One document's annotations as another tab left them. The state merges them with
/// [`merge3`] against what it holds when it takes them in, so a change made here meanwhile
/// (a keystroke in a note) is kept too.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub document: String,
    /// What this tab held when the other tab's work was read.
    pub base: Vec<Rc<Annotation>>,
    /// What the document's annotations become.
    pub theirs: Vec<Rc<Annotation>>,
}

impl FromOtherTab {
    /// Whether there is nothing to take in.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.annotations.is_empty()
            && self.assignments.is_none()
            && !self.restored
    }

    /// Takes the other tab's documents and annotations into `ws`, merged with what `ws`
    /// holds now. Returns whether `ws` changed: the other tab's save often already holds
    /// this tab's work.
    pub fn take_into(self, ws: &mut Workspace) -> bool {
        let mut changed = false;
        for d in self.documents {
            changed |= ws.apply(&Change::AddDocument(d)).is_ok();
        }
        if let Some(list) = self.assignments {
            changed |= ws.set_assignments(list);
        }
        for x in self.annotations {
            let ours = ws.annotations(&x.document);
            let merged = merge3(&x.base, &ours, &x.theirs);
            if !same(&merged, &ours) {
                ws.replace_annotations(&x.document, merged);
                changed = true;
            }
        }
        changed
    }
}

/// Whether two lists hold the same annotations in the same order.
pub fn same(a: &[Rc<Annotation>], b: &[Rc<Annotation>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Rc::ptr_eq(x, y) || x == y)
}

/// The merged list, in text order.
pub fn merge3(
    base: &[Rc<Annotation>],
    ours: &[Rc<Annotation>],
    theirs: &[Rc<Annotation>],
) -> Vec<Rc<Annotation>> {
    // Nothing changed on their side (the usual case, and a large list's): ours, as it is.
    if same(base, theirs) {
        return ours.to_vec();
    }
    let (base_by, ours_by) = (by_id(base), by_id(ours));
    let mut out: Vec<Rc<Annotation>> = Vec::new();
    let mut done: HashSet<&str> = HashSet::new();
    for t in theirs {
        let id = t.id.as_str();
        done.insert(id);
        match (find(&base_by, id), find(&ours_by, id)) {
            // We deleted it and they did not change it: stays deleted.
            (Some(b), None) if **b == **t => {}
            // We changed it: ours, with their changes to other fields and their text.
            (Some(b), Some(o)) if **b != **o => out.push(if **b == **t {
                (*o).clone()
            } else {
                Rc::new(merge_annotation(b, o, t))
            }),
            // Added on both sides with different fields (a tab writing a cleared store
            // again): both, as if changed from a blank note.
            (None, Some(o)) if **o != **t => {
                let blank = Annotation {
                    note: String::new(),
                    speaker: None,
                    ..(**o).clone()
                };
                out.push(Rc::new(merge_annotation(&blank, o, t)))
            }
            // Otherwise theirs (new, changed or the same).
            _ => out.push(t.clone()),
        }
    }
    for o in ours {
        let id = o.id.as_str();
        if done.contains(id) {
            continue;
        }
        match find(&base_by, id) {
            // New here: keep it.
            None => out.push(o.clone()),
            // They deleted it; keep it only if we changed it since.
            Some(b) if **b != **o => out.push(o.clone()),
            Some(_) => {}
        }
    }
    // The same range and label tagged in both tabs: keep one, the same in every tab (text
    // order puts such tags side by side, the smallest id first).
    Annotation::sort_in_text_order(&mut out);
    out.dedup_by(|a, b| a.same_tag(b));
    out
}

/// `list` in the order of the ids, for [`find`].
fn by_id(list: &[Rc<Annotation>]) -> Vec<&Rc<Annotation>> {
    let mut v: Vec<&Rc<Annotation>> = list.iter().collect();
    v.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    v
}

/// The annotation with id `id` in a list made by [`by_id`].
fn find<'a>(list: &[&'a Rc<Annotation>], id: &str) -> Option<&'a Rc<Annotation>> {
    list.binary_search_by(|a| a.id.as_str().cmp(id))
        .ok()
        .map(|i| list[i])
}

/// An annotation both tabs changed since `b`: each field as the side that changed it, and
/// where both did, ours, except the note, which keeps both sides' text.
fn merge_annotation(b: &Annotation, o: &Annotation, t: &Annotation) -> Annotation {
    let (span, label) = if (o.start, o.end, o.label) == (b.start, b.end, b.label) {
        ((t.start, t.end), t.label)
    } else {
        ((o.start, o.end), o.label)
    };
    Annotation {
        start: span.0,
        end: span.1,
        label,
        note: merge_text(&b.note, &o.note, &t.note),
        speaker: if o.speaker == b.speaker {
            t.speaker.clone()
        } else {
            o.speaker.clone()
        },
        modified: o.modified.clone().max(t.modified.clone()),
        ..o.clone()
    }
}

/// `base` with the edit `ours` made and the edit `theirs` made, each taken as one replaced
/// stretch. Stretches apart are both applied; where they meet or overlap, both sides' text of
/// the stretches together is kept, in place order. Two edits of the same stretch (two tabs
/// typing at the same place) keep `theirs`, what the other tab already saved, first: this
/// tab's unsaved text follows it, as if it had been typed after it, so that a word the other
/// tab was finishing stays whole and this tab's caret can stay after its own text
/// ([`caret_after`]). No character that either side added is dropped.
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> String {
    if ours == base || ours == theirs {
        return theirs.to_string();
    }
    if theirs == base {
        return ours.to_string();
    }
    let (a, b) = {
        let (o, t) = (edit(base, ours), edit(base, theirs));
        if (o.0, o.1) < (t.0, t.1) {
            (o, t)
        } else {
            (t, o)
        }
    };
    // A side's text over base[from..to], for a stretch that holds its edit.
    let over = |side: &(usize, usize, &str, &str), from: usize, to: usize| {
        side.3[from..side.3.len() + to - base.len()].to_string()
    };
    let (start, end) = (a.0, a.1.max(b.1));
    let middle = if a.1 <= b.0 {
        over(&a, a.0, a.1) + &base[a.1..b.0] + &over(&b, b.0, b.1)
    } else {
        over(&a, start, end) + &over(&b, start, end)
    };
    base[..start].to_string() + &middle + &base[end..]
}

/// Where a caret at code point `caret` of `before` is in `after`, a text another tab's work
/// changed (`after` is a [`merge_text`] of `before` with the other tab's edit, taken here as
/// the one stretch the two texts differ in). Text put before the caret moves it along by as
/// much, text put after it leaves it where it is, and text put right at it goes before it (a
/// merge puts the other tab's text before this tab's own at the same place, and a caret at
/// the end stays at the end); a caret inside a stretch the other tab replaced goes to the end
/// of what replaced it. A caret past the end of `before` counts as at its end.
pub fn caret_after(before: &str, after: &str, caret: usize) -> usize {
    let at = before
        .char_indices()
        .nth(caret)
        .map_or(before.len(), |(b, _)| b);
    let (start, end, put, _) = edit(before, after);
    let byte = if at < start || (at == start && end > start) {
        at
    } else if at >= end {
        at - end + start + put.len()
    } else {
        start + put.len()
    };
    after.get(..byte).map_or(0, |s| s.chars().count())
}

/// The one stretch `base[start..end]` that `changed` replaces, what replaces it, and
/// `changed`: outside the two texts' common start and common end (cut at characters).
fn edit<'a>(base: &str, changed: &'a str) -> (usize, usize, &'a str, &'a str) {
    let (x, y) = (base.as_bytes(), changed.as_bytes());
    let mut start = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    while !base.is_char_boundary(start) {
        start -= 1;
    }
    let room = x.len().min(y.len()) - start;
    let mut tail = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(room)
        .take_while(|(p, q)| p == q)
        .count();
    while !base.is_char_boundary(x.len() - tail) {
        tail -= 1;
    }
    (
        start,
        x.len() - tail,
        &changed[start..y.len() - tail],
        changed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Label;

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

    #[test]
    fn a_note_typed_in_both_tabs_keeps_every_character() {
        // One tab typed "b" into an empty note while the other's "alpha " was on its way:
        // what the other tab saved comes first, this tab's unsaved text after it.
        assert_eq!(merge_text("", "b", "alpha "), "alpha b");
        assert_eq!(
            merge_text("", "alpha ", "b"),
            "balpha ",
            "the saved text first"
        );
        assert_eq!(merge_text("alpha ", "alpha beta ", "alpha "), "alpha beta ");
        // Edits apart are both applied.
        assert_eq!(merge_text("one two", "one, two", "one two!"), "one, two!");
        // Overlapping edits keep both sides' text; only what both had is replaced.
        assert_eq!(
            merge_text("a cat sat", "a dog sat", "a cow sat"),
            "a dogcow sat"
        );
        assert_eq!(
            merge_text("a cat sat", "a dog sat", "a cab sat"),
            "a dogcab sat"
        );
        assert_eq!(
            merge_text("naïve", "naïve café", "naïve cafe"),
            "naïve cafe café"
        );
        assert_eq!(merge_text("ü", "üü", "ü!"), "ü!ü");
        assert_eq!(merge_text("ü", "ü!", "üü"), "üü!");
        let (b, o, t) = (a("x", 0, "why"), a("x", 0, "why so"), a("x", 0, "So why"));
        let merged = merge3(std::slice::from_ref(&b), &[o], &[t]);
        assert_eq!(merged[0].note, "So why so");
        // A change to the label on one side and to the note on the other: both kept.
        let relabeled = Rc::new(Annotation {
            label: Label::Opinion,
            ..(*b).clone()
        });
        let noted = a("x", 0, "why not");
        let merged = merge3(&[b], &[relabeled], &[noted]);
        assert_eq!(
            (merged[0].label, merged[0].note.as_str()),
            (Label::Opinion, "why not")
        );
    }
    #[test]
    fn a_word_the_other_tab_was_finishing_stays_whole() {
        // This tab saw "al" of the other tab's "alpha " and typed "b" after it; "pha " was
        // saved by then. The "b" goes after the other tab's word, whatever its letters.
        assert_eq!(merge_text("al", "alb", "alpha "), "alpha b");
        assert_eq!(merge_text("alpha", "alphab", "alpha "), "alpha b");
        assert_eq!(
            merge_text("alpha be", "alpha beg", "alpha beta "),
            "alpha beta g"
        );
        // Each tab's caret stays after its own text; typing on keeps each word whole.
        let merged = merge_text("al", "alb", "alpha ");
        let caret = caret_after("alb", &merged, 3);
        assert_eq!(caret, 7);
        let typed = merged[..caret].to_string() + "eta " + &merged[caret..];
        assert_eq!(typed, "alpha beta ");
    }

    #[test]
    fn a_caret_moves_only_by_what_the_other_tab_put_before_it() {
        // Before the caret: moved along by as much.
        assert_eq!(caret_after("alpha gamma", "zero alpha gamma", 6), 11);
        // After it: left where it is.
        assert_eq!(caret_after("alpha gamma", "alpha gamma delta", 6), 6);
        // Right at it: the other tab's text goes before it (a caret at the end stays there).
        assert_eq!(caret_after("al", "alpha ", 2), 6);
        assert_eq!(caret_after("alb", "alpha b", 3), 7);
        assert_eq!(caret_after("b", "alpha b", 1), 7);
        // Deleted before it: moved back; deleted around it: where the deletion was.
        assert_eq!(caret_after("one 2 three", "one three", 11), 9);
        assert_eq!(caret_after("one 2 three", "one three", 5), 4);
        // A stretch replaced from the caret on leaves it; one replaced up to it, after it.
        assert_eq!(caret_after("a cat sat", "a dog sat", 2), 2);
        assert_eq!(caret_after("a cat sat", "a dog sat", 5), 5);
        assert_eq!(caret_after("a cat sat", "a horse sat", 5), 7);
        // Nothing changed, a caret past the end, empty texts: no panic, a place in the text.
        assert_eq!(caret_after("same", "same", 2), 2);
        assert_eq!(caret_after("ab", "xab", 99), 3);
        assert_eq!(caret_after("", "", 0), 0);
        assert_eq!(caret_after("", "abc", 0), 3);
        assert_eq!(caret_after("abc", "", 2), 0);
        // Counted in code points, across characters of several bytes.
        assert_eq!(caret_after("naïve café", "très naïve café", 5), 10);
        assert_eq!(caret_after("👍🏽 ok", "👍🏽 ok!", 3), 3);
        assert_eq!(caret_after("ü", "ü!ü", 1), 3);
    }

    #[test]
    fn a_caret_after_any_merge_is_a_place_in_the_merged_text() {
        let texts = [
            "",
            "a",
            "ab",
            "ba",
            "aab",
            "ü",
            "üa",
            "👍🏽",
            "a👍🏽b",
            "alpha ",
            "al",
        ];
        for base in texts {
            for ours in texts {
                for theirs in texts {
                    let merged = merge_text(base, ours, theirs);
                    for caret in 0..=ours.chars().count() + 1 {
                        let c = caret_after(ours, &merged, caret);
                        assert!(c <= merged.chars().count(), "{base:?} {ours:?} {theirs:?}");
                    }
                }
            }
        }
    }
}
