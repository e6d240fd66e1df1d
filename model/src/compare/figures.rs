//! Every figure of a compare set, as rows: each annotator against the key, the chosen one
//! against each other, the class's agreement.

use super::agreement::{fleiss, kappa};
use super::scores::{score, Scores, Submission};
use super::set::CompareSet;
use crate::annotation::Label;

/// The documents a comparison covers: every document any submission tagged, with its length
/// from `length` (documents it does not know are left out).
pub fn documents(
    subs: &[Submission],
    length: &dyn Fn(&str) -> Option<usize>,
) -> Vec<(String, usize)> {
    let mut ids: Vec<&String> = subs
        .iter()
        .flat_map(|s| s.spans.iter().map(|x| &x.doc))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| length(id).map(|l| (id.clone(), l)))
        .collect()
}

/// One annotator's scores for one label against the key.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow {
    pub annotator: String,
    pub key: String,
    pub scores: Scores,
    /// Cohen's kappa of the annotator with the key, for the label.
    pub kappa: Option<f64>,
}

/// Cohen's kappa of two annotators for one label.
#[derive(Clone, Debug, PartialEq)]
pub struct KappaRow {
    pub a: String,
    pub b: String,
    pub label: Label,
    pub kappa: Option<f64>,
}

/// Every figure of a comparison.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// The documents compared (id, length in code points).
    pub documents: Vec<(String, usize)>,
    /// Each annotator but the key against the key, label by label, with their kappa (none
    /// without a key).
    pub scores: Vec<ScoreRow>,
    /// Cohen's kappa, label by label, of the chosen annotator with each other but the key
    /// (none without a choice).
    pub kappas: Vec<KappaRow>,
    /// Fleiss' kappa of the whole class, per label (claim, quote, opinion).
    pub class: [Option<f64>; 3],
}

impl CompareSet {
    /// The figures of the comparison; `length` gives each document's length, and `pairs_of`
    /// the annotator (by place) whose kappa with every other one is wanted too. Only such
    /// rows are made, never every pair of a class: the work grows with the annotators.
    pub fn figures(
        &self,
        length: &dyn Fn(&str) -> Option<usize>,
        pairs_of: Option<usize>,
    ) -> Figures {
        let subs: Vec<Submission> = self.files.iter().map(|f| f.submission.clone()).collect();
        let docs = documents(&subs, length);
        let mut scores = Vec::new();
        if let Some(key) = self.key.and_then(|k| subs.get(k)) {
            for (i, s) in subs.iter().enumerate() {
                if Some(i) == self.key {
                    continue;
                }
                scores.extend(score(key, s).into_iter().map(|sc| ScoreRow {
                    annotator: s.name.clone(),
                    key: key.name.clone(),
                    kappa: kappa(s, key, sc.label, &docs),
                    scores: sc,
                }));
            }
        }
        let mut kappas = Vec::new();
        if let Some(p) = pairs_of.filter(|&p| p < subs.len() && Some(p) != self.key) {
            for j in (0..subs.len()).filter(|&j| j != p && Some(j) != self.key) {
                for label in Label::ALL {
                    kappas.push(KappaRow {
                        a: subs[p].name.clone(),
                        b: subs[j].name.clone(),
                        label,
                        kappa: kappa(&subs[p], &subs[j], label, &docs),
                    });
                }
            }
        }
        let class = Label::ALL.map(|l| fleiss(&subs, l, &docs));
        Figures {
            documents: docs,
            scores,
            kappas,
            class,
        }
    }
}
