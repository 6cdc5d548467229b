//! One error type for the core, with a stable machine code for each kind so
//! the UI can react to the kind without matching on message text.

use serde::Serialize;
use ts_rs::TS;

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
    /// The data folder or database could not be opened at all.
    Unavailable,
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: String,
    },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("The database reported a problem: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl CoreError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Invalid { .. } => ErrorCode::Invalid,
            CoreError::NotFound(_) => ErrorCode::NotFound,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::Storage(_) | CoreError::Io(_) => ErrorCode::Storage,
            CoreError::Unavailable(_) => ErrorCode::Unavailable,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Invalid { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The message a clinician reads. Storage errors get a plain-language lead.
    pub fn user_message(&self) -> String {
        match self {
            CoreError::Storage(e) if is_disk_full(e) => {
                "The disk is full, so nothing was saved. Free some space and try again; what you typed is still here.".into()
            }
            CoreError::Io(e) => format!("A file could not be read or written: {e}"),
            other => other.to_string(),
        }
    }
}

fn is_disk_full(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull
    )
}
