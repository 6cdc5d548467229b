//! How errors cross IPC: a stable `code` the UI can switch on, a message a
//! clinician can read, and the form field it concerns (if any).

use casebook_core::{CoreError, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        crate::logging::command_failed(&e);
        CommandError {
            code: e.code(),
            message: e.user_message(),
            field: e.field().map(str::to_string),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
