//! A teacher's decisions on the groups (accept, reject, relabel), kept by the group's place,
//! with their own undo and redo, and the threshold at which a group is accepted.

use super::groups::{Group, Place, DEFAULT_THRESHOLD};
use crate::annotation::Label;

impl Decision {
    /// The decision as one word: `accept`, `reject`, or the label it gives. It is how the
    /// compare set's storage and the key building's buttons name it.
    pub fn code(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Reject => "reject",
            Decision::Relabel(l) => l.as_str(),
        }
    }

    /// The decision a [`Decision::code`] names, if it names one.
    pub fn from_code(code: &str) -> Option<Decision> {
        match code {
            "accept" => Some(Decision::Accept),
            "reject" => Some(Decision::Reject),
            l => Label::parse(l).map(Decision::Relabel),
        }
    }
}

/// What the teacher decided for a group, over what the threshold says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// In the key, whoever chose it.
    Accept,
    /// Not in the key.
    Reject,
    /// In the key, with this label instead of the group's.
    Relabel(Label),
}

/// The part of a [`KeyDraft`] that Undo and Redo go back and forth over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    /// The share of annotators a group needs, in per cent (see [`Group::accepted`]).
    pub threshold: u32,
    /// The teacher's decisions, by the group's place, in the order of places.
    pub decisions: Vec<(Place, Decision)>,
}

impl Default for Settled {
    fn default() -> Self {
        Settled {
            threshold: DEFAULT_THRESHOLD,
            decisions: Vec::new(),
        }
    }
}

/// A key being built from the files of a compare set (`docs/FORMATS.md#building-a-key`):
/// the threshold and the teacher's decisions, with their own Undo and Redo. The groups are
/// never stored: they follow from the files, so a decision is kept by its group's place and
/// holds while files are added or removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyDraft {
    /// Whether the key building is shown.
    pub open: bool,
    /// The file (by annotator name) that was the key when the building was opened: it stays
    /// out of what the key is built from, also once a built key is used in its place.
    pub without: Option<String>,
    pub settled: Settled,
    undo: Vec<Settled>,
    redo: Vec<Settled>,
}

/// The name a built key goes by, in the compare set and in its file.
pub const KEY_NAME: &str = "Key";

impl KeyDraft {
    /// Where group `g`'s decision is, or would go.
    fn find(&self, g: &Group) -> Result<usize, usize> {
        let place = (g.doc.as_str(), g.label, g.start, g.end);
        self.settled
            .decisions
            .binary_search_by(|(p, _)| (p.0.as_str(), p.1, p.2, p.3).cmp(&place))
    }

    /// The decision on group `g`, if the teacher made one.
    pub fn decision(&self, g: &Group) -> Option<Decision> {
        self.find(g).ok().map(|i| self.settled.decisions[i].1)
    }

    /// The label group `g` has in the key, if it is in it: the teacher's decision, else the
    /// threshold over `annotators`.
    pub fn in_key(&self, g: &Group, annotators: usize) -> Option<Label> {
        match self.decision(g) {
            Some(Decision::Accept) => Some(g.label),
            Some(Decision::Relabel(l)) => Some(l),
            Some(Decision::Reject) => None,
            None => g
                .accepted(annotators, self.settled.threshold)
                .then_some(g.label),
        }
    }

    /// Changes what is settled, as one step that Undo takes back.
    fn step(&mut self, change: impl FnOnce(&mut Settled)) {
        let before = self.settled.clone();
        change(&mut self.settled);
        if self.settled != before {
            self.undo.push(before);
            self.redo.clear();
        }
    }

    /// Decides group `g` (or takes the decision back, with `None`).
    pub fn decide(&mut self, g: &Group, d: Option<Decision>) {
        let at = self.find(g);
        self.step(|s| match (at, d) {
            (Ok(i), Some(d)) => s.decisions[i].1 = d,
            (Ok(i), None) => {
                s.decisions.remove(i);
            }
            (Err(i), Some(d)) => s.decisions.insert(i, (g.place(), d)),
            (Err(_), None) => {}
        });
    }

    /// Sets the threshold (per cent, at most 100).
    pub fn set_threshold(&mut self, percent: u32) {
        self.step(|s| s.threshold = percent.min(100));
    }

    /// Forgets every decision and the threshold, as one step.
    pub fn start_over(&mut self) {
        self.step(|s| *s = Settled::default());
    }

    /// Whether there is nothing to keep: hidden, with the default threshold and no decision
    /// (the undo history is not kept).
    pub fn is_empty(&self) -> bool {
        !self.open && self.without.is_none() && self.settled == Settled::default()
    }

    /// How many steps can be undone (for tests).
    #[cfg(test)]
    pub(super) fn steps(&self) -> usize {
        self.undo.len()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes the last step back (`undo`), or does again the one last taken back; false when
    /// there is none.
    pub fn step_back(&mut self, undo: bool) -> bool {
        let (from, to) = match undo {
            true => (&mut self.undo, &mut self.redo),
            false => (&mut self.redo, &mut self.undo),
        };
        let Some(settled) = from.pop() else {
            return false;
        };
        to.push(std::mem::replace(&mut self.settled, settled));
        true
    }
}
