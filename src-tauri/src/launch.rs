//! Where a launch's time goes, for `npm run bench:app`.
//!
//! With `CASEBOOK_REPORT_LAUNCH` set, the app prints one line on standard
//! output when the inbox first paints rows:
//!
//! ```text
//! casebook: launch window=… page=… script=… ipc=… data=… rows=…
//! casebook: inbox shown
//! ```
//!
//! Each value is a wall-clock time in milliseconds since the Unix epoch (the
//! webview's clock and the backend's are the same system clock), so the
//! benchmark can subtract its own spawn time:
//!
//! - `window`: the main window is mapped on screen (GTK's `map-event`; Linux
//!   only, the other platforms leave it out);
//! - `page`: the webview began loading the page (`performance.timeOrigin`);
//! - `script`: the bundle's first statement ran;
//! - `ipc`: the first command reached the backend;
//! - `data`: the inbox's first page of cases reached the page;
//! - `rows`: the frame with the inbox's first rows was painted.
//!
//! Without the variable nothing is recorded or printed.

use std::io::Write;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use ts_rs::TS;

/// Set to have the app report a launch's steps on standard output.
pub const REPORT_LAUNCH_ENV: &str = "CASEBOOK_REPORT_LAUNCH";

static WINDOW_MAPPED: OnceLock<f64> = OnceLock::new();
static FIRST_COMMAND: OnceLock<f64> = OnceLock::new();

fn reporting() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os(REPORT_LAUNCH_ENV).is_some())
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// The steps the page measured itself, as wall-clock milliseconds.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
pub struct LaunchMarks {
    pub page: f64,
    pub script: f64,
    /// The first page of cases reached the page.
    pub data: f64,
    pub rows: f64,
}

/// Notes that a command reached the backend (only the first one counts).
pub fn command_received() {
    if reporting() {
        FIRST_COMMAND.get_or_init(now_ms);
    }
}

/// Notes when the main window is first mapped on screen.
pub fn watch_window<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    if !reporting() {
        return;
    }
    #[cfg(target_os = "linux")]
    if let Ok(gtk_window) = window.gtk_window() {
        use gtk::prelude::WidgetExtManual;
        gtk_window.connect_map_event(|_, _| {
            WINDOW_MAPPED.get_or_init(now_ms);
            gtk::glib::Propagation::Proceed
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// The line `npm run bench:app` reads, from the backend's and the page's marks.
fn report_line(window: Option<f64>, ipc: Option<f64>, page: Option<LaunchMarks>) -> String {
    let mut line = String::from("casebook: launch");
    let mut add = |name: &str, value: Option<f64>| {
        if let Some(v) = value {
            line.push_str(&format!(" {name}={v:.1}"));
        }
    };
    add("window", window);
    add("page", page.map(|m| m.page));
    add("script", page.map(|m| m.script));
    add("ipc", ipc);
    add("data", page.map(|m| m.data));
    add("rows", page.map(|m| m.rows));
    line
}

/// The inbox painted its first rows: prints the launch's steps.
pub fn inbox_shown(marks: Option<LaunchMarks>) {
    if !reporting() {
        return;
    }
    let line = report_line(
        WINDOW_MAPPED.get().copied(),
        FIRST_COMMAND.get().copied(),
        marks,
    );
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = writeln!(out, "casebook: inbox shown");
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_names_each_step_it_has_in_launch_order() {
        let marks = LaunchMarks {
            page: 2.0,
            script: 3.5,
            data: 4.5,
            rows: 5.0,
        };
        assert_eq!(
            report_line(Some(1.0), Some(4.0), Some(marks)),
            "casebook: launch window=1.0 page=2.0 script=3.5 ipc=4.0 data=4.5 rows=5.0"
        );
        // Off Linux there is no window mark; an old page sends no marks.
        assert_eq!(
            report_line(None, Some(4.0), None),
            "casebook: launch ipc=4.0"
        );
    }
}
