//! Performance marks for the benchmarks: `performance.mark` entries named `claimmark:*`, measured
//! from `claimmark:start` (the wasm module has loaded and `main` runs).

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Records a `performance.mark` (ignored where there is no Performance API).
pub fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(name);
    }
}

/// Runs `f` once the next frame has been painted: in a task queued from that frame's
/// `requestAnimationFrame` callback, which the browser runs after it has painted the frame. What
/// the DOM held when this was called is then on screen.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let on_frame = Closure::once_into_js(move || {
        let after = Closure::once_into_js(f);
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(after.unchecked_ref(), 0);
    });
    let _ = gloo::utils::window().request_animation_frame(on_frame.unchecked_ref());
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
