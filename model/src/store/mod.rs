//! What Discern keeps in the browser's storage, and how (`docs/FORMATS.md#storage`): the keys
//! and stored types of schema 1, loading them back (keeping aside what cannot be read), and
//! saving only what changed, merged with what another tab wrote.
//!
//! Everything here is written against a small key-value [`Store`], so that it builds and is
//! tested natively: the browser's local storage implements it in `browser::storage`, and
//! [`MemoryStore`] in memory. What loading or saving finds wrong is a [`StorageProblem`]:
//! data, which the browser side puts into words.
//!
//! - [`keys`]: the keys, and [`stored`]: what each holds;
//! - [`backend`]: the store, and the in-memory one;
//! - [`load`], [`read`] and [`save`]: loading the work, reading a value and keeping aside
//!   what cannot be read, and saving what changed;
//! - [`assignments`]: the open assignments, on the page that keeps them;
//! - [`compare`]: the compare set, on the compare page;
//! - [`problems`]: what can go wrong, as data.

pub mod assignments;
pub mod backend;
pub mod compare;
pub mod keys;
pub mod load;
pub mod problems;
pub mod read;
pub mod save;
pub mod stored;

pub use assignments::KeepAssignments;
pub use backend::{dump, keys_with_prefix, MemoryStore, Store, StoreError};
pub use compare::{load_compare, save_compare, LoadedCompare};
pub use keys::*;
pub use load::{load, Loaded};
pub use problems::{CompareNotKept, Kept, StorageProblem, Unreadable};
pub use save::{AssignmentKeeping, Saver};
pub use stored::{Meta, Prefs};

#[cfg(test)]
mod tests;
