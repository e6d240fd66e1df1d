//! Discern's file formats (`docs/FORMATS.md`): the native format's records ([`native`]), the
//! workspace written as a native file ([`export`]), W3C Web Annotation JSON-LD ([`w3c`]) and
//! CSV ([`csv`]). Reading files back is `crate::import`.

pub mod csv;
pub mod export;
pub mod native;
pub mod side_by_side;
pub mod w3c;
