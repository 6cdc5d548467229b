//! One error type for the core, with a stable machine code for each kind so
//! the UI can react to the kind without matching on message text.

use serde::Serialize;
use ts_rs::TS;

use crate::message::{Lang, Message};
use crate::msg;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// What went wrong, as a stable code (crosses IPC as `{code, message, field}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is not acceptable; `field` names the culprit when there is one.
    Invalid,
    NotFound,
    /// The action does not fit the record's state (for example editing an answered case).
    Conflict,
    /// The database refused or failed (disk full, file locked, corruption).
    Storage,
    /// A file outside the database could not be read or written (an
    /// export's destination, an import's source).
    Io,
    /// The data folder or database could not be opened at all.
    Unavailable,
    /// The case book is encrypted and not unlocked: the passphrase or
    /// recovery code typed does not open it, or it has not been typed yet.
    Locked,
    /// The clinician cancelled a long job before it finished; what it had
    /// started was not kept.
    Cancelled,
    /// A fault in Casebook itself (a panic, a value it cannot serialize, a
    /// stored value it does not recognise), never the clinician's input.
    Internal,
}

impl ErrorCode {
    /// The code as it crosses IPC (and as it may be logged: no patient text).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Invalid => "invalid",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Storage => "storage",
            ErrorCode::Io => "io",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Locked => "locked",
            ErrorCode::Internal => "internal",
        }
    }
}

/// An error of the core. Every kind that a person reads carries a
/// [`Message`] (a key and arguments; see [`crate::message`]), so the UI and
/// the CLI can say it in the clinician's language.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: Message,
    },
    #[error("{0}")]
    NotFound(Message),
    #[error("{0}")]
    Conflict(Message),
    #[error("The database reported a problem: {0}")]
    Storage(#[from] rusqlite::Error),
    /// A file outside the database (an export's destination, an import).
    #[error("{0}")]
    Io(Message),
    #[error("{0}")]
    Unavailable(Message),
    #[error("{0}")]
    Locked(Message),
    #[error("{0}")]
    Internal(Message),
    /// A long job stopped at the clinician's request (its transaction rolled back).
    #[error("cancelled")]
    Cancelled,
}

impl From<std::io::Error> for CoreError {
    fn from(e: std::io::Error) -> Self {
        CoreError::Io(if is_disk_full_io(&e) {
            msg!("error.disk_full")
        } else {
            msg!("error.io", reason = e.to_string())
        })
    }
}

impl CoreError {
    pub fn invalid(field: &str, message: Message) -> Self {
        CoreError::Invalid {
            field: Some(field.to_string()),
            message,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Invalid { .. } => ErrorCode::Invalid,
            CoreError::NotFound(_) => ErrorCode::NotFound,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::Storage(e) if is_corrupt_value(e) => ErrorCode::Internal,
            CoreError::Storage(_) => ErrorCode::Storage,
            CoreError::Io(_) => ErrorCode::Io,
            CoreError::Unavailable(_) => ErrorCode::Unavailable,
            CoreError::Locked(_) => ErrorCode::Locked,
            CoreError::Internal(_) => ErrorCode::Internal,
            CoreError::Cancelled => ErrorCode::Cancelled,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Invalid { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// What a person reads, as a key and arguments.
    pub fn message(&self) -> Message {
        match self {
            CoreError::Invalid { message, .. }
            | CoreError::NotFound(message)
            | CoreError::Conflict(message)
            | CoreError::Io(message)
            | CoreError::Unavailable(message)
            | CoreError::Locked(message)
            | CoreError::Internal(message) => message.clone(),
            CoreError::Cancelled => msg!("error.cancelled"),
            CoreError::Storage(e) if is_disk_full(e) => msg!("error.disk_full"),
            CoreError::Storage(e) if is_corrupt_value(e) => {
                msg!("error.corrupt_value", detail = e.to_string())
            }
            CoreError::Storage(e) => msg!("error.storage", detail = e.to_string()),
        }
    }

    /// The message in English (the CLI's default, and IPC's fallback text).
    pub fn user_message(&self) -> String {
        self.message().render(Lang::En)
    }
}

fn is_disk_full(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull
    )
}

fn is_disk_full_io(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull
}

/// A stored value Casebook cannot read back (a fault, not the clinician's).
fn is_corrupt_value(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
    )
}
