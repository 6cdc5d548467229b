//! Tauri commands, one module per area. Each is a few lines: take the state,
//! call the core, map the error.

pub mod app;
pub mod cases;
