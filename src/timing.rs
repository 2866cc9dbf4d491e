//! Performance marks for the benchmarks: `performance.mark` entries named `claimmark:*`, measured
//! from `claimmark:start` (the wasm module has loaded and `main` runs). And [`after_next_paint`],
//! for work that should wait until the page's first frame is on screen.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Records a `performance.mark` (ignored where there is no Performance API).
pub fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(name);
    }
}

/// How long [`after_next_paint`] waits for a frame at most: a hidden tab runs no animation frames,
/// and what waits for the first paint must still happen there.
const FRAME_WAIT_MS: i32 = 200;

/// Runs `f` once the next frame has been painted: in a task queued from that frame's
/// `requestAnimationFrame` callback, which the browser runs after it has painted the frame. What
/// the DOM held when this was called is then on screen. Without a frame (a hidden tab) it runs
/// after [`FRAME_WAIT_MS`].
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    type Once = Rc<Cell<Option<Box<dyn FnOnce()>>>>;
    let pending: Once = Rc::new(Cell::new(Some(Box::new(f))));
    let run = |pending: Once| {
        move || {
            if let Some(f) = pending.take() {
                f();
            }
        }
    };
    let window = gloo::utils::window();
    let after_frame = Closure::once_into_js(run(pending.clone()));
    let on_frame = Closure::once_into_js(move || {
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(after_frame.unchecked_ref(), 0);
    });
    let _ = window.request_animation_frame(on_frame.unchecked_ref());
    let no_frame = Closure::once_into_js(run(pending));
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(no_frame.unchecked_ref(), FRAME_WAIT_MS);
}

/// Records the mark `name` once the next frame has been painted, as [`after_next_paint`] does, but
/// in a `user-blocking` task (`scheduler.postTask`, where the browser has it), so that the mark
/// is not queued behind tasks that were waiting before the frame: it is taken as soon as the
/// frame is done.
pub fn mark_after_next_paint(name: &'static str) {
    let on_frame = Closure::once_into_js(move || {
        let after = Closure::once_into_js(move || mark(name));
        if !post_user_blocking(&after) {
            let _ = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(after.unchecked_ref(), 0);
        }
    });
    let _ = gloo::utils::window().request_animation_frame(on_frame.unchecked_ref());
}

/// `scheduler.postTask(task, { priority: "user-blocking" })`; false where there is no scheduler.
fn post_user_blocking(task: &JsValue) -> bool {
    let Ok(scheduler) = Reflect::get(&gloo::utils::window(), &"scheduler".into()) else { return false };
    let Some(post) =
        Reflect::get(&scheduler, &"postTask".into()).ok().and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return false;
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"priority".into(), &"user-blocking".into());
    post.call2(&scheduler, task, &options).is_ok()
}
