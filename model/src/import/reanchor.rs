//! Re-anchoring: where an annotation's quote fits a text best, when its offsets no longer do
//! (the text changed, or another tool counted differently): the occurrence of the quote whose
//! context matches the file's prefix and suffix best, then the nearest to where it was.

use crate::text::TextIndex;

/// Where the quote `exact` best fits `text`, in code points: the occurrence whose context
/// matches `prefix` and `suffix` best, then the one nearest `hint`.
pub fn reanchor(
    text: &str,
    index: &TextIndex,
    exact: &str,
    prefix: &str,
    suffix: &str,
    hint: usize,
) -> Option<(usize, usize)> {
    if exact.is_empty() {
        return None;
    }
    let len = exact.chars().count();
    let mut best: Option<((usize, usize, usize), usize)> = None;
    for b in occurrences(text, exact) {
        let start = index.cp_of_byte(text, b)?;
        let before = &text[..b];
        let after = &text[b + exact.len()..];
        let p = common_suffix(before, prefix);
        let s = common_prefix(after, suffix);
        // Higher context match first, then nearer the old position.
        let score = (p + s, usize::MAX - start.abs_diff(hint), usize::MAX - start);
        if best.as_ref().is_none_or(|(bs, _)| score > *bs) {
            best = Some((score, start));
        }
    }
    best.map(|(_, start)| (start, start + len))
}

/// Every byte offset where `needle` starts in `text`, overlapping ones included.
fn occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + text.get(from..)?.find(needle)?;
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}
