//! How the state's parts are compared, so that `AppState`'s equality is derived and a new
//! field needs no change to it: a value by the revision that counts its changes
//! ([`Revised`]), a shared value by identity ([`Shared`]). Both are far cheaper than comparing
//! the work itself, and both are exact: the reducer makes a new revision or a new value for
//! every change.

use std::ops::Deref;
use std::rc::Rc;

/// A value with a revision that counts its changes, compared by that revision. The value can
/// only be changed through [`Revised::get_mut`] or [`Revised::try_change`], which count a
/// change, so no change is ever missed by a comparison.
#[derive(Clone, Debug, Default)]
pub struct Revised<T> {
    value: T,
    revision: u64,
}

impl<T> Revised<T> {
    pub fn new(value: T) -> Self {
        Revised { value, revision: 0 }
    }

    /// How many times the value was changed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The value, to change: a new revision.
    pub fn get_mut(&mut self) -> &mut T {
        self.revision += 1;
        &mut self.value
    }

    /// Changes the value with `f`, which changes all or nothing: a new revision when it did
    /// (`Ok`), none when it refused.
    pub fn try_change<E>(&mut self, f: impl FnOnce(&mut T) -> Result<(), E>) -> Result<(), E> {
        f(&mut self.value)?;
        self.revision += 1;
        Ok(())
    }
}

impl<T> Deref for Revised<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> PartialEq for Revised<T> {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

/// A value shared between states, compared by identity: changing it means making a new one.
#[derive(Debug)]
pub struct Shared<T: ?Sized>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T: Clone> Shared<T> {
    /// The value, to change: a new one unless this state alone holds it.
    pub fn make_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

impl<T: ?Sized> Shared<T> {
    /// The shared value itself, for parts that keep it.
    pub fn rc(&self) -> &Rc<T> {
        &self.0
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T: ?Sized> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

impl<T, const N: usize> From<[T; N]> for Shared<[T]> {
    fn from(values: [T; N]) -> Self {
        Shared(Rc::from(values))
    }
}

impl<T> FromIterator<T> for Shared<[T]> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        Shared(values.into_iter().collect())
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A shared value given to a component as a property: compared by identity.
impl<T: ?Sized> yew::html::IntoPropValue<Shared<T>> for Rc<T> {
    fn into_prop_value(self) -> Shared<T> {
        Shared(self)
    }
}

impl<T: ?Sized> yew::html::IntoPropValue<Shared<T>> for &Rc<T> {
    fn into_prop_value(self) -> Shared<T> {
        Shared(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_a_new_revision_and_a_copy_is_the_same() {
        let a = Revised::new(vec![1]);
        let mut b = a.clone();
        assert!(a == b);
        b.get_mut().push(2);
        assert!(a != b && b.revision() == 1);
        let s = Shared::new(vec![1]);
        let mut t = s.clone();
        assert!(s == t);
        t.make_mut().push(2);
        assert!(s != t && *s == [1] && *t == [1, 2]);
        assert!(Shared::new(1) != Shared::new(1), "equal values, two values");
    }
}
