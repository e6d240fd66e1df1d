//! The key-value store Discern keeps its work in ([`Store`]): the browser's local storage
//! implements it (`browser::storage`), and [`MemoryStore`] implements it in memory, for the
//! native tests, with knobs for a full, failing or missing store. Also what every Discern key
//! and its value are, for the downloads that hand them over.

use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Why the store did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser has no local storage to give (no window, or none at all).
    Missing,
    /// There is no storage at all (storage disabled, a sandboxed page): the name of what the
    /// browser threw (`SecurityError`), or empty when it gave none.
    Unavailable(String),
    /// The store is full (`QuotaExceededError`).
    Quota,
    /// The store refused with any other error: its name (`SecurityError`…), or empty when
    /// it gave none.
    Refused(String),
}

/// A key-value store of strings: the browser's local storage, or [`MemoryStore`].
pub trait Store {
    /// The value under `key`, if there is one.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Puts `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (removing a missing key is not an error).
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key. [`load`] takes a failure here as "there is no storage".
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// A [`Store`] in memory. Clones share the same data, so two [`Saver`]s on clones of one
/// store behave like two tabs on one browser's storage. Knobs make it full, failing or
/// missing, for tests.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    inner: Rc<RefCell<Memory>>,
}

#[derive(Debug, Default)]
struct Memory {
    data: BTreeMap<String, String>,
    quota: Option<usize>,
    failing: bool,
    unavailable: bool,
}

impl MemoryStore {
    /// An empty store with no quota that works.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the quota in bytes (the sum of every key's and value's length); `None` for no
    /// limit. A `set` that would go over it fails with [`StoreError::Quota`]. Data already
    /// stored stays.
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.inner.borrow_mut().quota = bytes;
    }

    /// When on, every `set` and `remove` fails with `StoreError::Refused("SecurityError")`;
    /// reads still work.
    pub fn fail_writes(&self, on: bool) {
        self.inner.borrow_mut().failing = on;
    }

    /// When on, every call fails with `StoreError::Missing`.
    pub fn set_unavailable(&self, on: bool) {
        self.inner.borrow_mut().unavailable = on;
    }

    /// The bytes used, as the quota counts them.
    pub fn used(&self) -> usize {
        self.inner
            .borrow()
            .data
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }

    /// Everything stored, whatever the knobs say.
    pub fn entries(&self) -> BTreeMap<String, String> {
        self.inner.borrow().data.clone()
    }

    fn check(&self, write: bool) -> Result<(), StoreError> {
        let inner = self.inner.borrow();
        if inner.unavailable {
            return Err(StoreError::Missing);
        }
        if write && inner.failing {
            return Err(StoreError::Refused("SecurityError".to_string()));
        }
        Ok(())
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check(false)?;
        Ok(self.inner.borrow().data.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check(true)?;
        let mut inner = self.inner.borrow_mut();
        if let Some(quota) = inner.quota {
            let old = inner.data.get(key).map_or(0, |v| key.len() + v.len());
            let used: usize = inner.data.iter().map(|(k, v)| k.len() + v.len()).sum();
            if used - old + key.len() + value.len() > quota {
                return Err(StoreError::Quota);
            }
        }
        inner.data.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.check(true)?;
        self.inner.borrow_mut().data.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check(false)?;
        Ok(self.inner.borrow().data.keys().cloned().collect())
    }
}

/// Every stored key that starts with `prefix` (none when the store fails).
pub fn keys_with_prefix(store: &dyn Store, prefix: &str) -> Vec<String> {
    store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Every stored key that starts with `prefix` and its value, as one JSON object: what the
/// "download" buttons hand over when the work cannot be read or saved.
pub fn dump(store: &dyn Store, prefix: &str) -> String {
    let mut keys = keys_with_prefix(store, prefix);
    keys.sort_unstable();
    let pairs: Vec<(String, String)> = keys
        .into_iter()
        .filter_map(|k| {
            let value = store.get(&k).ok()??;
            Some((k, value))
        })
        .collect();
    serde_json::to_string(&Pairs(&pairs)).unwrap_or_default()
}

/// Key and value pairs written as one JSON object, in their order.
struct Pairs<'a>(&'a [(String, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}
