//! Import parsing and re-anchoring never panic, whatever the file: property tests over
//! arbitrary text, JSON-shaped noise and mutated real exports. The case counts bound the time
//! (a few seconds in `make test`); `PROPTEST_CASES` raises them for a longer run.

mod common;

use discern_model::formats::export::export_native;
use discern_model::import::{parse, plan, reanchor};
use discern_model::text::Tables;
use discern_model::text::TextIndex;
use discern_model::{Change, Document, DocumentMeta, Workspace};
use proptest::prelude::*;

fn atom() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "word",
        " ",
        "\n",
        "\r\n",
        "👍🏽",
        "🇸🇻",
        "👨‍👩‍👧",
        "e\u{301}",
        "Ábrego",
        "“",
        "”",
        ".",
        "the",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(atom(), 1..40).prop_map(|v| v.concat())
}

/// Pieces that make JSON-shaped noise.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"format\"",
            "\"discern.annotations\"",
            "\"version\"",
            "1",
            "2",
            "-1",
            "1e400",
            "null",
            "true",
            "\"annotations\"",
            "\"documents\"",
            "\"id\"",
            "\"label\"",
            "\"claim\"",
            "\"start\"",
            "\"end\"",
            "\"text\"",
            "\"\\ud800\"",
            "\"type\"",
            "\"AnnotationCollection\"",
            "\"Annotation\"",
            "\"first\"",
            "\"items\"",
            "\"body\"",
            "\"target\"",
            "\"selector\"",
            "\"TextQuoteSelector\"",
            "\"exact\"",
            "\"purpose\"",
            "\"tagging\"",
            "\"TextPositionSelector\"",
            "\"source\"",
            "\"urn:sha256:00\"",
        ])
        .prop_map(str::to_string),
        any::<String>().prop_map(|s| format!("{s:?}")),
        any::<u64>().prop_map(|n| n.to_string()),
    ]
}

fn workspace(t: &str, spans: &[(usize, usize, u8)]) -> Workspace {
    let mut ws = Workspace::new(vec![Document::new(
        &Tables,
        DocumentMeta::default(),
        t,
        true,
    )]);
    let doc = ws.documents()[0].clone();
    for (i, &(s, len, l)) in spans.iter().enumerate() {
        let s = s % doc.len().max(1);
        let end = (s + len).min(doc.len());
        let _ = ws.apply(&Change::Add(common::ann(i, &doc.id, l as usize, s, end)));
    }
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let ws = Workspace::new(vec![]);
        let _ = parse(&s).and_then(|i| plan(&Tables, &ws, "f", &i));
    }

    #[test]
    fn json_shaped_noise_never_panics(tokens in prop::collection::vec(token(), 0..80)) {
        let s = tokens.concat();
        let ws = workspace("Alpha beta gamma 👍🏽 delta.", &[(0, 5, 0)]);
        let _ = parse(&s).and_then(|i| plan(&Tables, &ws, "f", &i));
    }

    #[test]
    fn mutated_exports_import_consistently(
        t in text(),
        spans in prop::collection::vec((0usize..200, 1usize..20, 0u8..3), 1..8),
        edits in prop::collection::vec((0usize..8, 0u8..7, 0usize..400, "[a-z👍🏽 ]{0,6}"), 0..6),
        with_text: bool,
    ) {
        let source = workspace(&t, &spans);
        let file = export_native(&source, None, "Ana", "2026-11-22T10:00:00Z", with_text);
        // (Mutated as JSON, as another tool or a hand might: any label, any id.)
        let mut file = serde_json::to_value(&file).unwrap();
        let n = file["annotations"].as_array().unwrap().len();
        for (which, what, number, s) in edits {
            if n == 0 { break; }
            let a = &mut file["annotations"][which % n];
            let field = ["start", "end", "text", "prefix", "label", "document", "id"][what as usize];
            a[field] = if what < 2 { number.into() } else { s.into() };
        }
        let json = serde_json::to_string(&file).unwrap();
        // Into an empty workspace and into the one it came from: never a panic, and a plan
        // that is accepted is one the workspace can apply.
        for ws in [Workspace::new(vec![Document::new(&Tables, DocumentMeta::default(), &t, true)]), source.clone()] {
            if let Ok(p) = parse(&json).and_then(|i| plan(&Tables, &ws, "f.json", &i)) {
                let mut next = ws.clone();
                prop_assert!(next.apply_all(&p.changes).is_ok());
                for c in &p.changes {
                    if let Change::Add(a) = c {
                        let doc = next.document(&a.document).unwrap();
                        prop_assert!(a.start < a.end && a.end <= doc.len());
                    }
                }
            }
        }
    }

    #[test]
    fn reanchoring_finds_the_quote(t in text(), a in 0usize..200, len in 1usize..12, hint in 0usize..300) {
        let idx = TextIndex::new(&t);
        let n = idx.len_cp();
        let s = a % n;
        let e = (s + len).min(n);
        let exact = idx.slice(&t, s, e).to_string();
        let prefix = idx.slice(&t, s.saturating_sub(5), s).to_string();
        let suffix = idx.slice(&t, e, (e + 5).min(n)).to_string();
        let (ns, ne) = reanchor(&t, &idx, &exact, &prefix, &suffix, hint).expect("the quote is in the text");
        prop_assert_eq!(idx.slice(&t, ns, ne), exact.as_str());
        // With no hint and full context, a quote unique in its context lands where it was.
        let overlapping = (0..t.len()).filter(|&b| t.is_char_boundary(b) && t[b..].starts_with(exact.as_str())).count();
        if overlapping == 1 {
            prop_assert_eq!((ns, ne), (s, e));
        }
    }
}
