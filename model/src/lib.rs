//! Discern's model: documents, labels, annotations, offsets, the workspace's rules and undo
//! history, formats, comparison and storage logic. Pure Rust with no browser imports, so it
//! builds and is tested natively (`docs/ARCHITECTURE.md#invariants`).

pub mod annotation;
pub mod assignment;
pub mod compare;
pub mod corpus;
pub mod document;
pub mod formats;
pub mod history;
pub mod import;
pub mod json;
pub mod key;
pub mod outcome;
pub mod render;
pub mod selection;
pub mod span;
pub mod store;
pub mod sync;
pub mod text;
pub mod workspace;

pub use annotation::{Annotation, Label};
pub use document::{Document, DocumentMeta};
pub use history::History;
pub use workspace::{Change, ChangeError, Workspace};
