//! How errors cross IPC: a stable `code` the UI can switch on, a message a
//! clinician can read, and the form field it concerns (if any).

use casebook_core::{CoreError, ErrorCode, Lang, Message};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub code: ErrorCode,
    /// The message in English (shown when the UI has no translation).
    pub message: String,
    /// The message as a key and arguments, for the UI to say in the
    /// clinician's language (`core` namespace; see `casebook_core::message`).
    pub text: Message,
    pub field: Option<String>,
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        crate::logging::command_failed(&e);
        let text = e.message();
        CommandError {
            code: e.code(),
            message: text.render(Lang::En),
            text,
            field: e.field().map(str::to_string),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
