//! Hooks of Discern's own.

use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// Returns `value` as it was at the last paint, catching up right after the next one: the
/// part of the page that shows it (the side panel) never delays the frame that shows a new
/// highlight. A hidden tab, which has no frames, catches up by a timer.
///
/// # Example
/// ```ignore
/// let shown = use_after_paint(props.annotations.clone());
/// ```
#[hook]
pub fn use_after_paint<T>(value: T) -> T
where
    T: Clone + PartialEq + 'static,
{
    let shown = use_state_eq(|| value.clone());
    let frame = use_mut_ref(|| None::<(AnimationFrame, Timeout)>);
    {
        let shown = shown.setter();
        let frame = frame.clone();
        use_effect_with(value, move |value| {
            let (a, b) = (value.clone(), value.clone());
            let (sa, sb) = (shown.clone(), shown);
            let raf = request_animation_frame(move |_| {
                Timeout::new(0, move || sa.set(a)).forget();
            });
            let fallback = Timeout::new(100, move || sb.set(b));
            *frame.borrow_mut() = Some((raf, fallback));
        });
    }
    (*shown).clone()
}
