//! The hand-in: a student's work on an assignment's documents (not the practice one) as a
//! native file carrying the assignment's id, and the name it is downloaded under.

use crate::assignment::file::AssignmentFile;
use crate::formats::export::export_native;
use crate::formats::native::NativeFile;
use crate::text::{is_alphanumeric, is_grapheme_boundary, Unicode};
use crate::workspace::Workspace;

impl AssignmentFile {
    /// The hand-in of `annotator`'s work in `ws` on the assignment's documents (not the
    /// practice one), as a native file carrying the assignment's id, and its file name.
    pub fn hand_in(
        &self,
        ws: &Workspace,
        annotator: &str,
        exported_at: &str,
        unicode: &dyn Unicode,
    ) -> (NativeFile, String) {
        let ids = self.handed_in();
        let mut file = export_native(ws, Some(&ids), annotator, exported_at, false);
        file.assignment = Some(self.id.clone());
        (file, hand_in_name(unicode, &self.title, annotator))
    }
}

/// A file name made of an assignment's title and a name, in safe characters only:
/// `<title>-<name>.json`. Letters and digits of any script stay, with the marks that belong
/// to them; every other run of characters becomes one `-`. Each part keeps at most 60
/// characters and 100 bytes, so the name fits every file system.
pub fn hand_in_name(unicode: &dyn Unicode, title: &str, name: &str) -> String {
    let safe = |s: &str| {
        let mut out = String::new();
        let mut kept = false;
        for (i, c) in s.char_indices() {
            // A mark or joiner inside the grapheme of a kept letter stays with it.
            let inside = i > 0 && !is_grapheme_boundary(unicode, s, i);
            kept = is_alphanumeric(unicode, c) || (kept && inside);
            if kept {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut cut = String::new();
        for c in out.chars().take(60) {
            if cut.len() + c.len_utf8() > 100 {
                break;
            }
            cut.push(c);
        }
        cut.trim_end_matches('-').to_string()
    };
    let (t, n) = (safe(title), safe(name));
    let t = if t.is_empty() { "assignment".into() } else { t };
    let n = if n.is_empty() { "work".into() } else { n };
    format!("{t}-{n}.json")
}
