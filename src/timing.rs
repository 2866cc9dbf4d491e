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
///
/// Where there is a scheduler, the frame callback and the task are the browser's own functions
/// (`scheduler.postTask` and `performance.mark`, bound to their arguments), so that no wasm runs
/// between the frame and the mark: a first call into a wasm closure there has V8 compile it,
/// which measured up to 3.6 ms after the frame was already on screen (2026-11-26).
pub fn mark_after_next_paint(name: &'static str) {
    let window = gloo::utils::window();
    let native = || -> Option<JsValue> {
        let function =
            |target: &JsValue, key: &str| Reflect::get(target, &key.into()).ok()?.dyn_into::<Function>().ok();
        let performance: JsValue = window.performance()?.into();
        let scheduler = Reflect::get(&window, &"scheduler".into()).ok()?;
        let mark = function(&performance, "mark")?.bind1(&performance, &name.into());
        let options = Object::new();
        Reflect::set(&options, &"priority".into(), &"user-blocking".into()).ok()?;
        // The frame callback's timestamp goes to postTask as a third argument, which it ignores;
        // postTask calls the mark with no arguments.
        Some(function(&scheduler, "postTask")?.bind2(&scheduler, &mark.into(), &options).into())
    };
    if let Some(on_frame) = native() {
        let _ = window.request_animation_frame(on_frame.unchecked_ref());
        return;
    }
    let on_frame = Closure::once_into_js(move || {
        let after = Closure::once_into_js(move || mark(name));
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(after.unchecked_ref(), 0);
    });
    let _ = window.request_animation_frame(on_frame.unchecked_ref());
}
