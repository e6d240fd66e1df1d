//! Discern's words: every sentence, label and name of the interface is looked up here by a
//! [`T`], in the language file the page loaded (`docs/FORMATS.md#language-files`), and
//! numbers are written the way that language writes them. The build carries no sentence and
//! no entry name: a `T`'s discriminant is its place in every language file, the names exist
//! for people (in `static/i18n/<code>.txt`) and for the native tests that check every file
//! against the list below, and a hash of the names in order, worked out when compiling,
//! tells a file made for another build.
//!
//! A text names its placeholders, `{name}`, and may choose between two forms by a number,
//! `{n:one|other}`: the first when the number is exactly 1, the second otherwise (English
//! and Spanish need no other plural form). The pages read the files as Trunk's hook writes
//! them (`scripts/i18n.mjs`): a placeholder by its place among the entry's placeholders in
//! English, `{0}`, which is the place of its value in a [`fill!`](crate::fill) call (the
//! call names them, in that order: a test checks it).
//!
//! Code names a string by its variant: `t(T::Library)` is its text in the language in use,
//! `fill!(Tagged, label = word)` fills its placeholders, and a view writes `{T::Library}`
//! directly. Sentences about what happened stay typed values until they are shown
//! (`crate::messages`). Numbers for people go through [`decimal`], [`percent`] and
//! [`millions`], which write the language's decimal mark (0,85 and 12,5 % in Spanish);
//! files, attributes and styles keep the full stop ([`fixed`], [`css_percent`]).
//!
//! Another language is one file, `static/i18n/<code>.txt` (a copy of `en.txt` with every
//! text translated, the names and their order unchanged), and one line in the list at the
//! top of `static/start.js`: the native tests check the new file, Trunk's hook ships it, the
//! header offers it. Only a language whose plurals need more forms than `one` and `other`
//! would need a change to [`fill_in`].

use std::cell::Cell;
use std::fmt::Display;

/// Defines [`T`], one variant a string in the order of the language files, [`COUNT`], the
/// hash of the names, and (for the tests) the names.
macro_rules! strings {
    ($($name:ident)*) => {
        /// A string of the interface; its discriminant is its place in every language file.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u16)]
        pub enum T { $($name,)* }

        /// How many strings a language file holds.
        pub const COUNT: usize = [$(stringify!($name)),*].len();

        /// The names in order, hashed when compiling: the names themselves are not built in.
        pub const NAMES_HASH: u32 = hash_names(&[$(stringify!($name)),*]);

        /// The entries' names, in the order of the files.
        #[cfg(test)]
        pub const NAMES: [&str; COUNT] = [$(stringify!($name)),*];
    };
}

strings! {
    // Starting, and the pages' titles (the browser's tab).
    Opening TitleReading TitleAssigned TitleTeaching TitleSetting Language
    // Numbers.
    DecimalMark Percent Quoted
    // The labels.
    Claim Quote Opinion ClaimWord QuoteWord OpinionWord
    // The header, and the first visit.
    Pages Library Assignments Compare NewAssignment YourName NamePlaceholder Import ImportLabel
    ImportTitle Undo UndoTitle Redo RedoTitle Welcome WelcomeQuestion Save NotNow
    // The export menu.
    Export Format FormatNative FormatW3c FormatCsv What EveryDocument ThisDocument IncludeTexts
    Download
    // Warnings and reports.
    ExportNow DownloadKeptAside Close Importing LoadingToCompare
    // The library.
    LibraryLead Orphaned OrphanedHead OrphanedLead OrphanFacts RemoveQuestion Characters Remove
    RemoveTitled TaggedShareTitle TaggedShare ByLine AddOwn Title SourceOptional
    SourcePlaceholder Text TextPlaceholder AddToLibrary OpenTextFiles OpenTextFilesLabel
    // The reader.
    Hint SnapWords PrintHandout TextOf Annotations TagSelection ArticleText
    // The keys overlay (?), on every page.
    KeysButton Keys KeysAndLabels KeysOr KeysTag KeysArrows KeysSelect KeysOpen KeysEscape
    KeysNext KeysPress KeysUndo KeysHelp KeysClose
    // The printed handout.
    HandoutBy HandoutNoName HandoutSpeaker Legend SolidLine DashedLine DottedLine MarkerBegins
    // The details of an annotation.
    SelectedAnnotation Selected CloseDetails CharactersRange Label WhyNote NotePlaceholder
    Speaker SpeakerPlaceholder DeleteTag
    // The list of annotations beside the text.
    AnnotationsInOrder Show All NoAnnotations ShowMore
    // Notices.
    Tagged Relabeled Deleted Undone Redone NothingToUndo NothingToRedo UndoFailed Refused
    NotTagged NotChanged NotDeleted NotAdded NotRemoved NotImported NotOpened NotClosed
    DocumentRemoved DocumentAdded DocumentAlready DocumentIncomplete NothingSelected
    NoHighlightHere Downloaded DownloadFailed Unreadable AssignmentOpened AssignmentClosed
    AssignmentNotOpened StorageRestored LanguageNotLoaded NewVersion
    NewVersionReload
    // Why a change was refused.
    ErrUnknownDocument ErrEmpty ErrOutOfRange ErrDuplicate ErrIdTaken ErrNotFound
    ErrDocumentExists ErrAssignmentOpen ErrDocumentHasAnnotations
    // Why a file was refused.
    RefTooLarge RefTooDeep RefLoneSurrogate RefNotJson RefUnknownKind RefOtherFormat
    RefFormatNotAString RefNewerVersion RefUnknownVersion RefMalformed RefMalformedAt
    RefIdUsedTwice
    // What is wrong with a JSON text, and where.
    JsonAt JsonWhatAt JsonSyntax JsonEnds JsonMissing JsonTwice JsonWrongKind JsonNegative JsonTooLarge JsonUnknownLabel JsonOther KindText
    KindWholeNumber KindNumber KindTrueFalse KindNull KindList KindObject
    ItemProblem ItemAnnotation ItemDocument ProbUnknownLabel ProbNoOffset
    ProbBadOffset FoundFraction FoundTooLarge FoundText FoundOther ProbNotAnAnnotation
    ProbNoTaggingBody ProbNoTarget ProbNoSource ProbNoSelector ProbEndsBeforeStart
    ProbPastTheEnd ProbShaMismatch ProbLengthMismatch ProbAppearsTwice
    // Why an assignment was not opened.
    NotOpened404 NotOpenedStatus NotOpenedWebPage NotOpenedNetwork NotOpenedOtherOrigin NotOpenedNoRoom NotALink
    AsgOtherFormat AsgNoFormat AsgMalformed AsgMissing AsgDocumentTwice AsgIdMismatch AsgNoText
    AsgPracticeNotIn AsgSpan SpanOutOfRange SpanUnknownLabel SpanOtherDocument SpanTextDiffers
    // The report of an import or of files loaded to compare.
    ReportImport ReportCompare ReportImported ReportDocuments ReportReanchored ReportOrphaned
    ReportAlready ReportLoaded ReportLoadedLost ReportOthers ReportNotImported ReportNotLoaded
    NoteReanchored NoteOrphaned OrphanNoDocument OrphanQuoteNotFound
    // Files and the network.
    NetworkFailed ServerAnswered NoAnswerWithin CouldNotFetch NotTheShippedText NotText
    CouldNotRead CannotMakeLink BuiltinMissing
    // Storage.
    StorageUnavailable ReadFailed StoreRefused NoLocalStorage NotLoaded UnreadableNewer
    UnreadableMalformed UnreadableUnknownSchema UnreadableNoSchema KeptAside KeptInPlace
    AnnotationRefused DocumentRefused PartlyLoaded DocumentNotKept CompareNotKept CompareNoRoom
    CompareTooBig AnnotationNotKept AnnotationsNotKept SaveFailed
    // The error screen, if Discern stops on an internal error.
    CrashTitle CrashText CrashButton
    // Compare.
    CompareLead LoadFiles LoadFilesLabel AddMine DownloadFigures NothingLoaded Loaded Annotator
    File Spans Key IsTheKey RemoveNamed BuiltInDiscern ThisBrowser Me AgainstTheKey
    AgainstKeyCaption KeySpans Matched Precision Recall F1 Kappa ClassAgreement PairsOf
    PairsNone KappasLabel KappasCaption With ShareLabel ShareHead WhoseTags ChartLabel
    ChartBarTitle AgreementLabel AgreementHead DocumentPick AgreementLegend AgreementPassage
    CountClaim CountQuote CountOpinion
    // Feedback for each student, on the compare page.
    FeedbackHead FeedbackStudent FeedbackOf ChooseStudent AllStudents PrintFeedback
    DownloadFeedback FeedbackFor AgainstKeyNamed WithOutcomes OverviewLabel OverviewCaption
    AllLabels FeedbackTagged Yours Why Note
    // Outcomes against the key.
    OutcomeHit OutcomeWrongLabel OutcomePartial OutcomeExtra OutcomeMissed CountHit
    CountWrongLabel CountPartial CountExtra CountMissed SaidHit SaidWrongLabel SaidPartial
    SaidExtra SaidMissed
    // Building a key from the class's files.
    BuildKeyLabel BuildKey BuildKeyLead Threshold ThresholdOf KeySummary KeyStale UseAsKey
    DownloadKey StartOver GroupsOf ShowEvery EveryInKey ShowMoreLeft Accept Reject AsLabel
    Decide ChosenBy StateAccepted StateRejected StateRelabelled StateIn StateOut
    // Assignments, as a student sees them.
    GuideClaim GuideQuote GuideOpinion AssignmentsNone AssignmentsSome OpenAssignment
    OpenAssignmentLabel SetBy SetByLower DocumentCount NotStarted TagCount PracticePill
    NotInLibrary WhatLabelsMean Documents HandInName HandIn HandInWhat HandInPractice
    CloseAssignment
    // The practice Check.
    Practice PracticeLead YourTeacher Check CheckAgain CheckStale OutcomesInOrder CheckHit
    CheckWrongLabel CheckPartial CheckExtra CheckMissed
    // New assignment, the teacher's page for setting one.
    NewLead Instructions InstructionsPlaceholder PracticeOptional PracticeDocument None KeyNone
    KeyAllNoted KeySomeUnnoted NoTitle NoDocuments StudentLink DownloadAssignment Preview
}

/// FNV-1a over the names, each followed by a line feed.
const fn hash_names(names: &[&str]) -> u32 {
    let mut h = FNV_START;
    let mut i = 0;
    while i < names.len() {
        h = hash_name(h, names[i]);
        i += 1;
    }
    h
}

const FNV_START: u32 = 0x811c_9dc5;

const fn hash_name(mut h: u32, name: &str) -> u32 {
    let b = name.as_bytes();
    let mut j = 0;
    while j <= b.len() {
        let byte = if j < b.len() { b[j] } else { b'\n' };
        h = (h ^ byte as u32).wrapping_mul(0x0100_0193);
        j += 1;
    }
    h
}

thread_local! {
    /// The texts of the language in use, in the order of [`T`].
    static WORDS: Cell<&'static [&'static str]> = const { Cell::new(&[]) };
}

/// A language file that does not fit this build: it has `found` entries (this build has
/// [`COUNT`]), or other names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub found: usize,
}

/// The entries of language file `file` as written: each entry's name and text, in order. A
/// line is `Name = text`; blank lines and lines starting with `#` are not entries.
#[cfg(test)]
pub fn entries(file: &str) -> impl Iterator<Item = (&str, &str)> {
    file.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (name, text) = line.split_once('=').unwrap_or((line, ""));
        Some((name.trim(), text.trim()))
    })
}

/// How a language file begins as the pages read it: `#!` and the hash of the names, then one
/// text a line, without the names and comments (Trunk's hook, `scripts/i18n.mjs`, writes it
/// from the file as translators write it).
const SHIPPED: &str = "#!";

/// Takes language file `file` (as shipped) as the words in use, when it has this build's
/// entries.
pub fn install(file: String) -> Result<(), Mismatch> {
    let file: &'static str = Box::leak(file.into_boxed_str());
    let (hash, texts) = file
        .strip_prefix(SHIPPED)
        .and_then(|rest| rest.split_once('\n'))
        .unwrap_or_default();
    let words: Vec<&str> = texts.split('\n').collect();
    // (The hash's digits read by hand: no number parsing for this alone.)
    let hash = hash.bytes().fold(0u32, |h, d| {
        h.wrapping_mul(10)
            .wrapping_add(u32::from(d.wrapping_sub(b'0')))
    });
    if words.len() != COUNT || hash != NAMES_HASH {
        return Err(Mismatch { found: words.len() });
    }
    WORDS.with(|w| w.set(Box::leak(words.into_boxed_slice())));
    Ok(())
}

/// The text of `s` in the language in use. (Never inlined: it is called in hundreds of
/// places, each a call.)
#[inline(never)]
pub fn t(s: T) -> &'static str {
    WORDS.with(|w| w.get().get(s as usize).copied().unwrap_or_default())
}

/// The text of `s` as a `String`.
#[inline(never)]
pub fn owned(s: T) -> String {
    t(s).to_string()
}

/// The text of `s` with its placeholders filled from `args`, in their order (use
/// [`fill!`](crate::fill), which names them).
#[inline(never)]
pub fn fill(s: T, args: &[&dyn Display]) -> String {
    fill_in(t(s), args)
}

/// `text` (a string of the language in use, escaped as markup, say) with each `{i}` replaced
/// by `args[i]`, and each `{i:one|other}` by the form for that number; a placeholder with no
/// value is left as it is written.
pub fn fill_in(text: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((inner, after)) = after.split_once('}') else {
            out.push('{');
            rest = after;
            break;
        };
        let (place, forms) = inner.split_once(':').unwrap_or((inner, ""));
        let at = match place.as_bytes() {
            [d @ b'0'..=b'9'] => args.get(usize::from(d - b'0')),
            _ => None,
        };
        match at {
            Some(v) => {
                let v = v.to_string();
                match forms.split_once('|') {
                    Some((one, other)) => out.push_str(if v == "1" { one } else { other }),
                    None => out.push_str(&v),
                }
            }
            None => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// [`fill`] with the placeholders named, in the order English first writes them:
/// `fill!(Tagged, label = word)` fills `{label}` of [`T::Tagged`].
#[macro_export]
macro_rules! fill {
    ($s:ident $(, $name:ident = $v:expr)* $(,)?) => {
        $crate::i18n::fill(
            $crate::i18n::T::$s,
            &[$(&$v as &dyn ::std::fmt::Display),*],
        )
    };
}

/// `v` with `decimals` digits after the point, rounded to the nearest by its exact value
/// (an exact half away from zero, as JavaScript's `toFixed` does), never "-0", and "—" when it
/// is not a number; always with a full stop, for files, attributes and styles. Rust's own
/// formatting rounds an exact half to even (0.125 to "0.12", 0.5 to "0"), where JavaScript
/// and spreadsheets write "0.13" and "1"; hence the whole-number arithmetic.
pub fn fixed(v: f64, decimals: u32) -> String {
    fixed_with(v, decimals, ".")
}

/// [`fixed`] with the decimal mark `mark`.
fn fixed_with(v: f64, decimals: u32, mark: &str) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let scale = 10u64.pow(decimals) as f64;
    let m = v.abs();
    let low = (m * scale).floor();
    // The sign of m·scale − (low + ½), computed exactly in one rounding.
    let above_half = m.mul_add(scale, -(low + 0.5));
    let n = (if above_half >= 0.0 { low + 1.0 } else { low }) as u64;
    let sign = if v < 0.0 && n > 0 { "-" } else { "" };
    let (whole, part) = (n / scale as u64, n % scale as u64);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}{mark}{part:0width$}",
            width = decimals as usize
        )
    }
}

/// [`fixed`] as the language in use writes it for people: with its decimal mark (a comma in
/// Spanish).
pub fn decimal(v: f64, decimals: u32) -> String {
    fixed_with(v, decimals, t(T::DecimalMark))
}

/// A share as a percentage for people: whole percents, but with one decimal under 10 %, so
/// that a little tagging never shows as none.
pub fn percent(share: f64) -> String {
    fill!(Percent, n = decimal(share * 100.0, places(share * 100.0)))
}

/// A share as a percentage for a style or an attribute, `12.5%`, with the digits of
/// [`percent`].
pub fn css_percent(share: f64) -> String {
    format!("{}%", fixed(share * 100.0, places(share * 100.0)))
}

fn places(p: f64) -> u32 {
    u32::from(p > 0.0 && p < 10.0)
}

/// A count of characters in millions, with one decimal (rounded down), as the language in
/// use writes it: "1.5".
pub fn millions(chars: usize) -> String {
    format!(
        "{}{}{}",
        chars / 1_000_000,
        t(T::DecimalMark),
        chars / 100_000 % 10
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const ROOT: &str = env!("CARGO_MANIFEST_DIR");

    /// Every language file beside the app: its code and its text.
    fn files() -> Vec<(String, String)> {
        let dir = format!("{ROOT}/static/i18n");
        let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| {
                let code = p.file_stem().unwrap().to_str().unwrap().to_string();
                (code, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    /// The names of a text's placeholders, each once, in the order they first appear.
    fn placeholders(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut rest = text;
        while let Some((_, after)) = rest.split_once('{') {
            let (inner, after) = after.split_once('}').expect("a { is closed by a }");
            let name = match inner.split_once(':') {
                Some((name, forms)) => {
                    assert_eq!(forms.matches('|').count(), 1, "{text}: two forms");
                    name
                }
                None => inner,
            };
            if !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
            rest = after;
        }
        out
    }

    /// The file as `scripts/i18n.mjs` ships it for a page that shows every text: the hash of
    /// the names, then the texts, each placeholder by its place in English.
    /// Takes the English words as the words in use, as a page that speaks English does: what
    /// a test of sentences calls first.
    pub fn in_english() {
        if WORDS.with(|w| w.get().is_empty()) {
            install(shipped(include_str!("../static/i18n/en.txt"))).expect("the English words");
        }
    }

    pub fn shipped(file: &str) -> String {
        let english: Vec<(&str, &str)> = entries(include_str!("../static/i18n/en.txt")).collect();
        let mut hash = FNV_START;
        let mut out = Vec::new();
        for (i, (name, text)) in entries(file).enumerate() {
            hash = hash_name(hash, name);
            let places = english
                .get(i)
                .map(|e| placeholders(e.1))
                .unwrap_or_default();
            let mut text = text.to_string();
            for (p, place) in places.iter().enumerate() {
                text = text
                    .replace(&format!("{{{place}}}"), &format!("{{{p}}}"))
                    .replace(&format!("{{{place}:"), &format!("{{{p}:"));
            }
            out.push(text);
        }
        format!("{SHIPPED}{hash}\n{}", out.join("\n"))
    }

    #[test]
    fn every_language_file_has_the_entries_of_this_build_in_order() {
        let files = files();
        let codes: Vec<&str> = files.iter().map(|(c, _)| c.as_str()).collect();
        assert!(codes.contains(&"en") && codes.contains(&"es"), "{codes:?}");
        let english: Vec<(&str, &str)> =
            entries(&files.iter().find(|f| f.0 == "en").unwrap().1).collect();
        for (code, text) in &files {
            assert!(text.starts_with('#'), "{code}.txt starts with its header");
            let found: Vec<(&str, &str)> = entries(text).collect();
            let names: Vec<&str> = found.iter().map(|e| e.0).collect();
            assert_eq!(
                names, NAMES,
                "{code}.txt has other entries, or another order"
            );
            for ((name, text), (_, en)) in found.iter().zip(&english) {
                assert!(!text.is_empty(), "{code}.txt: {name} is empty");
                let (mine, theirs): (BTreeSet<_>, BTreeSet<_>) = (
                    placeholders(text).into_iter().collect(),
                    placeholders(en).into_iter().collect(),
                );
                assert_eq!(
                    mine, theirs,
                    "{code}.txt: {name} has other placeholders than English"
                );
                assert!(
                    placeholders(en).len() <= 10,
                    "{name}: ten placeholders at most"
                );
            }
            assert!(install(shipped(text)).is_ok(), "{code}.txt is not taken in");
        }
        install(shipped(&files[0].1)).unwrap();
    }

    /// The non-test code of every Rust file under `src/`, by its path from there.
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    out.push(p);
                }
            }
        }
        let src = std::path::PathBuf::from(format!("{ROOT}/src"));
        let mut files = Vec::new();
        walk(&src, &mut files);
        files
            .into_iter()
            .map(|p| {
                let code = std::fs::read_to_string(&p).unwrap();
                // Without the tests, and without comments (which may show a call).
                let code = [
                    "#[cfg(test)]\nmod tests",
                    "#[cfg(test)]\npub(crate) mod tests",
                ]
                .iter()
                .fold(code.as_str(), |c, end| c.split(end).next().unwrap());
                let code: Vec<&str> = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                let code = code.join("\n");
                let rel = p
                    .strip_prefix(&src)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/");
                (rel, code)
            })
            .collect()
    }

    /// The calls `fill!(Name, a = …, b = …)` (and `fill_markup!`, `fill_html!`) in `code`: the
    /// entry's name and the names given.
    fn fill_calls(code: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let starts = code
            .match_indices("fill!(")
            .map(|(at, m)| at + m.len())
            .chain(
                code.match_indices("fill_markup!(")
                    .map(|(at, m)| at + m.len()),
            )
            .chain(
                code.match_indices("fill_html!(")
                    .map(|(at, m)| at + m.len()),
            );
        for at in starts {
            let body = &code[at..];
            // The arguments up to the closing parenthesis, split at the commas outside
            // brackets and strings.
            let (mut depth, mut in_str, mut args, mut arg) = (0, false, Vec::new(), String::new());
            let mut chars = body.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => in_str = !in_str,
                    '\\' if in_str => {
                        arg.push(c);
                        if let Some(n) = chars.next() {
                            arg.push(n);
                        }
                        continue;
                    }
                    '(' | '[' | '{' if !in_str => depth += 1,
                    ')' | ']' | '}' if !in_str && depth == 0 => break,
                    ')' | ']' | '}' if !in_str => depth -= 1,
                    ',' if !in_str && depth == 0 => {
                        args.push(std::mem::take(&mut arg));
                        continue;
                    }
                    _ => {}
                }
                arg.push(c);
            }
            args.push(arg);
            let name = args[0].trim().to_string();
            if name.is_empty() || name.starts_with('$') {
                continue;
            }
            let given = args[1..]
                .iter()
                .filter(|a| !a.trim().is_empty())
                .map(|a| a.split('=').next().unwrap().trim().to_string())
                .collect();
            out.push((name, given));
        }
        out
    }

    #[test]
    fn every_fill_names_the_placeholders_in_the_order_english_writes_them() {
        let english: Vec<(&str, &str)> = entries(include_str!("../static/i18n/en.txt")).collect();
        let order = |name: &str| {
            let (_, text) = english
                .iter()
                .find(|e| e.0 == name)
                .unwrap_or_else(|| panic!("no entry {name}"));
            placeholders(text)
        };
        let sources = sources();
        let mut calls = 0;
        for (file, code) in &sources {
            for (name, given) in fill_calls(code) {
                assert_eq!(given, order(&name), "{file}: fill!({name}, …)");
                calls += 1;
            }
        }
        assert!(calls > 100, "{calls} calls of fill! found");
        // An entry of two placeholders or more is filled by name only: never by its `T`.
        for (name, text) in &english {
            if placeholders(text).len() > 1 {
                for (file, code) in &sources {
                    let named = code.match_indices(&format!("T::{name}")).any(|(at, m)| {
                        let next = code[at + m.len()..].chars().next().unwrap_or(' ');
                        !(next.is_alphanumeric() || next == '_')
                    });
                    assert!(
                        !named,
                        "{file}: T::{name} is filled without naming its placeholders"
                    );
                }
            }
        }
    }

    #[test]
    fn the_language_list_names_every_file() {
        let start = std::fs::read_to_string(format!("{ROOT}/static/start.js")).unwrap();
        for (code, _) in files() {
            assert!(
                start.contains(&format!("['{code}', ")),
                "start.js does not list {code}"
            );
        }
    }

    #[test]
    fn a_file_on_some_pages_is_used_only_by_files_on_those_pages() {
        let hook = std::fs::read_to_string(format!("{ROOT}/scripts/i18n.mjs")).unwrap();
        let all: Vec<String> = ["reading", "assigned", "teaching", "setting"]
            .map(String::from)
            .into();
        // `'pages/reading/': ['reading'],` in the hook's ON_PAGES: a file, or a folder and
        // what is in it, and its pages.
        let body = hook.split("export const ON_PAGES = {").nth(1).unwrap();
        let entries: Vec<(String, Vec<String>)> = body
            .split("};")
            .next()
            .unwrap()
            .lines()
            .filter_map(|line| {
                let (key, pages) = line.trim().split_once(": [")?;
                let pages = pages.split(']').next()?;
                let pages = pages
                    .split(',')
                    .map(|p| p.trim().trim_matches('\'').to_string())
                    .collect();
                Some((key.trim_matches('\'').to_string(), pages))
            })
            .collect();
        let covers = |key: &str, file: &str| {
            if key.ends_with('/') {
                file.starts_with(key)
            } else {
                file == key
            }
        };
        let pages_of = |file: &str| {
            entries
                .iter()
                .find(|(key, _)| covers(key, file))
                .map_or(all.clone(), |(_, pages)| pages.clone())
        };
        assert_eq!(pages_of("pages/reading/library.rs"), ["reading"]);
        assert_eq!(
            pages_of("components/reader/doc_text.rs"),
            ["reading", "assigned"]
        );
        assert_eq!(pages_of("components/header.rs"), all);
        let sources = sources();
        for (key, theirs) in &entries {
            // How a file elsewhere names this file or folder: `crate::pages::reading`.
            let module = key
                .trim_end_matches('/')
                .trim_end_matches(".rs")
                .replace('/', "::");
            let names = [format!("crate::{module}"), format!("discern::{module}")];
            for (other, code) in &sources {
                if covers(key, other) {
                    continue;
                }
                if names.iter().any(|n| code.contains(n.as_str())) {
                    for page in pages_of(other) {
                        assert!(
                            theirs.contains(&page),
                            "{other} (on {page}) uses {key}, which is on {theirs:?} only"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_file_for_another_build_is_refused() {
        let en = include_str!("../static/i18n/en.txt");
        let fewer: String = en.lines().take(40).collect::<Vec<_>>().join("\n");
        assert!(install(shipped(&fewer)).is_err());
        // As many entries, but one of another name.
        let renamed = en.replacen("\nOpening =", "\nOpened =", 1);
        assert_ne!(renamed, en);
        assert_eq!(install(shipped(&renamed)), Err(Mismatch { found: COUNT }));
        // A file as written is not read: the build ships it without names.
        assert!(install(en.to_string()).is_err());
    }

    #[test]
    fn a_shipped_file_is_taken_as_the_file_it_was_made_from() {
        let es = include_str!("../static/i18n/es.txt");
        install(shipped(es)).unwrap();
        assert_eq!(t(T::Claim), "Afirmación");
        assert_eq!(
            fill!(Tagged, label = t(T::QuoteWord)),
            "Etiquetado como cita"
        );
        assert_eq!(
            fill!(ReportImported, file = "a.json", n = 1),
            "«a.json»: 1 anotación añadida"
        );
        assert_eq!(decimal(0.857, 2), "0,86");
        assert_eq!(percent(0.123), "12\u{a0}%");
        assert_eq!(percent(0.05), "5,0\u{a0}%");
        assert_eq!(css_percent(0.05), "5.0%");
        assert_eq!(millions(1_560_000), "1,5");
        // Another build's file is refused, and the words in use stay.
        let other = shipped(es).replacen("#!", "#!1", 1);
        assert!(install(other).is_err());
        assert_eq!(t(T::Claim), "Afirmación");
        install(shipped(include_str!("../static/i18n/en.txt"))).unwrap();
        assert_eq!(percent(0.05), "5.0%");
        assert_eq!(
            fill!(ReportImported, file = "a.json", n = 2),
            "“a.json”: 2 annotations added"
        );
    }

    #[test]
    fn placeholders_and_forms_are_filled() {
        let (one, three): (&dyn Display, &dyn Display) = (&1, &3);
        assert_eq!(
            fill_in("{0} {0:file|files}, {1} {1:file|files}", &[one, three]),
            "1 file, 3 files"
        );
        assert_eq!(fill_in("a {2} b", &[one]), "a {2} b");
        assert_eq!(fill_in("open { left", &[one]), "open { left");
        assert_eq!(fill_in("no placeholder", &[]), "no placeholder");
    }

    #[test]
    fn fixed_rounds_by_the_exact_value() {
        // 0.015 and 1.115 are stored a little below the half; 0.125 is an exact half.
        assert_eq!(fixed(0.015, 2), "0.01");
        assert_eq!(fixed(1.115, 2), "1.11");
        assert_eq!(fixed(0.125, 2), "0.13");
        assert_eq!(fixed(-0.125, 2), "-0.13");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(2.0 / 3.0, 2), "0.67");
        assert_eq!(fixed(99.95, 1), "100.0");
        assert_eq!(fixed(0.5, 0), "1");
        assert_eq!(fixed(f64::NAN, 2), "—");
        // Away from halves, the same digits as Rust's own formatting.
        for i in 0..100_000u32 {
            let v = f64::from(i) / 99_991.0;
            assert_eq!(fixed(v, 2), format!("{v:.2}"), "{v}");
            assert_eq!(
                fixed(-v * 7.0, 1),
                format!("{:.1}", -v * 7.0).replace("-0.0", "0.0")
            );
        }
    }
}
