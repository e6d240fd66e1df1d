//! What Discern keeps in the browser's storage, written against a key-value [`Store`] so that
//! loading, saving and the merge with another tab are tested natively.

use serde::{Deserialize, Serialize};

/// Preferences kept with the work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Widen selections to whole words.
    pub snap_words: bool,
    /// The reader was asked for their name once (and answered or skipped).
    pub name_asked: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            snap_words: true,
            name_asked: false,
        }
    }
}
