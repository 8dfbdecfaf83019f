//! Performance marks at the steps of a start (`taawun:start`, `taawun:read`, …), which the
//! benchmark reads to say where a cold start's time goes; they cost a call each and show in the
//! browser's profiler.

/// Sets the performance mark `name`; does nothing where the Performance API is missing.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}
