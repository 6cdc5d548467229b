//! Tauri commands, one module per area. Each is a few lines: take the state,
//! call the core, map the error.

pub mod app;
pub mod cases;
pub mod export;
pub mod followups;
pub mod profile;
pub mod replies;
pub mod search;
pub mod settings;
pub mod templates;
