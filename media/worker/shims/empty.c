// Shims link system libraries; meson still wants a library object to link whole.
