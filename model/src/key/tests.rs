use super::*;
use crate::annotation::Label;
use crate::compare::CompareSet;
use crate::span::Span;
use Label::*;

fn c(annotator: usize, label: Label, start: usize, end: usize) -> Chosen {
    Chosen {
        annotator,
        span: Span {
            doc: "d".into(),
            label,
            start,
            end,
        },
        note: String::new(),
    }
}

/// A claim `start..end` of document `d` as a loaded file holds it, with no note.
fn loaded(start: usize, end: usize) -> (Span, String) {
    let span = Span {
        doc: "d".into(),
        label: Claim,
        start,
        end,
    };
    (span, String::new())
}

fn ranges(g: &[Group]) -> Vec<(Label, usize, usize, usize)> {
    g.iter()
        .map(|g| (g.label, g.start, g.end, g.members.len()))
        .collect()
}

#[test]
fn agreeing_spans_form_one_group_with_the_range_most_chose() {
    // Three annotators tag about the same words; two chose exactly 10..20.
    let chosen = [
        c(0, Claim, 10, 20),
        c(1, Claim, 10, 20),
        c(2, Claim, 11, 20),
    ];
    let g = groups(&chosen);
    assert_eq!(ranges(&g), [(Claim, 10, 20, 3)]);
    assert!(g[0].accepted(3, DEFAULT_THRESHOLD));
}

#[test]
fn range_ties_go_to_the_earliest_start_then_the_longest() {
    let g = groups(&[c(0, Claim, 12, 20), c(1, Claim, 10, 20)]);
    assert_eq!(ranges(&g), [(Claim, 10, 20, 2)]);
    let g = groups(&[c(0, Claim, 10, 18), c(1, Claim, 10, 20)]);
    assert_eq!(ranges(&g), [(Claim, 10, 20, 2)]);
}

#[test]
fn an_annotator_with_two_spans_in_reach_gives_the_group_one_and_starts_another() {
    // Annotator 0 has two spans that both match the group; the second begins its own.
    let chosen = [c(0, Claim, 0, 10), c(0, Claim, 1, 10), c(1, Claim, 0, 10)];
    let g = groups(&chosen);
    assert_eq!(ranges(&g), [(Claim, 0, 10, 2), (Claim, 1, 10, 1)]);
}

#[test]
fn labels_and_documents_never_mix() {
    let mut other = c(1, Claim, 0, 10);
    other.span.doc = "e".into();
    let g = groups(&[c(0, Claim, 0, 10), c(1, Quote, 0, 10), other]);
    assert_eq!(g.len(), 3);
    assert!(g.iter().all(|g| g.members.len() == 1));
}

#[test]
fn a_chain_of_overlaps_does_not_pull_far_spans_together() {
    // 0..10, 5..15, 10..20: each overlaps the next by a third, less than IoU 0.5.
    let g = groups(&[c(0, Claim, 0, 10), c(1, Claim, 5, 15), c(2, Claim, 10, 20)]);
    assert_eq!(
        ranges(&g),
        [(Claim, 0, 10, 1), (Claim, 5, 15, 1), (Claim, 10, 20, 1)]
    );
}

#[test]
fn a_span_joins_the_group_it_overlaps_best() {
    // Annotator 0's 0..10 and 2..14 are two groups (one span of each annotator a group);
    // annotator 1's 3..12 matches both, 0..10 by 7/12 and 2..14 by 9/12, and joins the
    // second.
    let chosen = [c(0, Claim, 0, 10), c(0, Claim, 2, 14), c(1, Claim, 3, 12)];
    let g = groups(&chosen);
    assert_eq!(ranges(&g), [(Claim, 0, 10, 1), (Claim, 2, 14, 2)]);
}

#[test]
fn the_threshold_edges() {
    let g = &groups(&[c(0, Claim, 0, 10), c(1, Claim, 0, 10)])[0];
    // Two of four is not more than half; two of three is.
    assert!(!g.accepted(4, DEFAULT_THRESHOLD));
    assert!(g.accepted(3, DEFAULT_THRESHOLD));
    // With a threshold of a quarter, two of four is enough; with none, one is.
    assert!(g.accepted(4, 25));
    assert!(g.accepted(4, 49));
    assert!(!g.accepted(4, 50));
    assert!(!g.accepted(0, 0));
    // Counted exactly: 57 of 100 is not more than 57 per cent (57.0 as 0.57 × 100 in
    // floating point would be 56.99…).
    let many = Group {
        members: (0..57).collect(),
        chosen_by: 57,
        ..g.clone()
    };
    assert!(!many.accepted(100, 57));
    assert!(many.accepted(100, 56));
}

#[test]
fn the_order_of_the_files_does_not_matter() {
    let a = [
        c(0, Claim, 0, 10),
        c(1, Claim, 1, 10),
        c(2, Opinion, 30, 40),
        c(1, Claim, 0, 9),
    ];
    let mut b = a.to_vec();
    b.reverse();
    let spans = |g: Vec<Group>| {
        g.iter()
            .map(|g| (g.place(), g.members.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(spans(groups(&a)), spans(groups(&b)));
}

#[test]
fn a_decision_and_its_word_name_each_other() {
    for d in [Decision::Accept, Decision::Reject]
        .into_iter()
        .chain(Label::ALL.map(Decision::Relabel))
    {
        assert_eq!(Decision::from_code(d.code()), Some(d));
    }
    assert_eq!(Decision::from_code("maybe"), None);
}

#[test]
fn groups_that_come_to_one_place_are_one_and_count_each_annotator_once() {
    // C tagged 20..50 and 30..50; A and B 30..50. C's 20..50 begins the group, A and B
    // move its range to 30..50, and C's 30..50 (C is in already) would begin another
    // group at the same place: it is the same group, chosen by three.
    let chosen = [
        c(0, Claim, 30, 50),
        c(1, Claim, 30, 50),
        c(2, Claim, 20, 50),
        c(2, Claim, 30, 50),
    ];
    let g = groups(&chosen);
    assert_eq!(ranges(&g), [(Claim, 30, 50, 4)]);
    assert_eq!(g[0].chosen_by, 3);
    // One decision is on that one group.
    let mut d = KeyDraft::default();
    d.decide(&g[0], Some(Decision::Reject));
    assert!(key_spans(&d, &g, &chosen, 3).is_empty());
}

#[test]
fn a_member_the_range_moved_away_from_leaves_the_group() {
    // A 0..40 and B 0..20 begin a group at 0..40; C and D at 20..40 make its range
    // 20..40, which B's 0..20 does not overlap at all: B's span is a group of its own.
    let chosen = [
        c(0, Claim, 0, 40),
        c(1, Claim, 0, 20),
        c(2, Claim, 20, 40),
        c(3, Claim, 20, 40),
    ];
    let g = groups(&chosen);
    assert_eq!(ranges(&g), [(Claim, 0, 20, 1), (Claim, 20, 40, 3)]);
    assert_eq!(g[1].chosen_by, 3);
}

#[test]
fn a_relabel_onto_another_groups_place_keeps_both_groups_notes() {
    let mut chosen = [c(0, Quote, 0, 10), c(1, Quote, 0, 10), c(2, Claim, 0, 10)];
    chosen[0].note = "her words".into();
    chosen[2].note = "a fact".into();
    let g = groups(&chosen);
    let mut d = KeyDraft::default();
    let claim = g.iter().find(|g| g.label == Claim).unwrap();
    d.decide(claim, Some(Decision::Relabel(Quote)));
    let key = key_spans(&d, &g, &chosen, 3);
    assert_eq!(key.len(), 1);
    assert_eq!(
        (key[0].0.label, key[0].1.as_str()),
        (Quote, "a fact\nher words")
    );
}

#[test]
fn decisions_go_over_the_threshold_and_undo_takes_them_back() {
    // Three annotators: 0..10 chosen by all three, 20..30 by one, 40..50 by two.
    let chosen = [
        c(0, Claim, 0, 10),
        c(1, Claim, 0, 10),
        c(2, Claim, 0, 10),
        c(0, Quote, 20, 30),
        c(1, Opinion, 40, 50),
        c(2, Opinion, 40, 50),
    ];
    let g = groups(&chosen);
    let mut d = KeyDraft::default();
    let key = |d: &KeyDraft| {
        key_spans(d, &g, &chosen, 3)
            .into_iter()
            .map(|(s, _)| (s.label, s.start))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&d), [(Claim, 0), (Opinion, 40)]);
    // Accept the lone quote, reject the opinion, relabel the claim.
    d.decide(&g[1], Some(Decision::Accept));
    d.decide(&g[2], Some(Decision::Reject));
    d.decide(&g[0], Some(Decision::Relabel(Opinion)));
    assert_eq!(key(&d), [(Opinion, 0), (Quote, 20)]);
    assert_eq!(d.decision(&g[2]), Some(Decision::Reject));
    // Undo, undo: the opinion comes back, then the claim's label.
    assert!(d.step_back(true));
    assert_eq!(key(&d), [(Claim, 0), (Quote, 20)]);
    assert!(d.step_back(true));
    assert_eq!(key(&d), [(Claim, 0), (Quote, 20), (Opinion, 40)]);
    assert!(d.step_back(false));
    assert_eq!(key(&d), [(Claim, 0), (Quote, 20)]);
    // A threshold of 0: every group counts (the rejected one stays out).
    d.set_threshold(0);
    assert_eq!(key(&d), [(Claim, 0), (Quote, 20)]);
    d.decide(&g[2], None);
    assert_eq!(key(&d), [(Claim, 0), (Quote, 20), (Opinion, 40)]);
    // A new step ends the redo; starting over is one step too.
    assert!(!d.can_redo());
    d.start_over();
    assert_eq!(key(&d), [(Claim, 0), (Opinion, 40)]);
    assert!(d.step_back(true));
    assert_eq!(d.settled.threshold, 0);
    // A step that changes nothing is no step.
    let steps = d.steps();
    d.decide(&g[1], Some(Decision::Accept));
    assert_eq!(d.steps(), steps);
}

#[test]
fn the_key_gathers_its_members_notes_and_has_each_span_once() {
    let mut chosen = [c(0, Claim, 0, 10), c(1, Claim, 0, 10), c(2, Quote, 0, 10)];
    chosen[0].note = "a number".into();
    chosen[1].note = " a number ".into();
    chosen[2].note = "said so".into();
    let g = groups(&chosen);
    let mut d = KeyDraft::default();
    d.decide(&g[1], Some(Decision::Relabel(Claim)));
    let key = key_spans(&d, &g, &chosen, 3);
    assert_eq!(key.len(), 1);
    // The relabelled quote's note comes too.
    assert_eq!(
        (key[0].0.label, key[0].1.as_str()),
        (Claim, "a number\nsaid so")
    );
}

#[test]
fn the_key_is_built_from_every_file_but_the_key_and_numbers_annotators_by_name() {
    let mut set = CompareSet::default();
    let span = |start| loaded(start, start + 5);
    set.add("Key".into(), "k", vec![span(0)]);
    set.add("Ben".into(), "b", vec![span(10)]);
    set.add("Ana".into(), "a", vec![span(0), span(10)]);
    set.use_built_key(KEY_NAME.into(), vec![span(20)]);
    set.key = Some(0);
    // Neither the key nor a key built in Discern: Ana (file 2) is annotator 0, Ben 1.
    let (chosen, files) = chosen(&set, None);
    assert_eq!(files, [2, 1]);
    assert_eq!(
        chosen
            .iter()
            .map(|c| (c.annotator, c.span.start))
            .collect::<Vec<_>>(),
        [(0, 0), (0, 10), (1, 10)]
    );
}

#[test]
fn the_groups_do_not_depend_on_the_order_the_files_were_loaded_in() {
    // Ana has 0..10 and 1..10, Ben 1..10: which of the two equal 1..10 spans comes first
    // decides the groups, and it goes by the names, not by the order of the files.
    let span = |start| loaded(start, 10);
    let built = |first_ben: bool| {
        let mut set = CompareSet::default();
        let (ana, ben) = (vec![span(0), span(1)], vec![span(1)]);
        if first_ben {
            set.add("Ben".into(), "b", ben);
            set.add("Ana".into(), "a", ana);
        } else {
            set.add("Ana".into(), "a", ana);
            set.add("Ben".into(), "b", ben);
        }
        let (chosen, _) = chosen(&set, None);
        groups(&chosen)
            .iter()
            .map(|g| (g.place(), g.chosen_by))
            .collect::<Vec<_>>()
    };
    assert_eq!(built(false), built(true));
}
