//! Writing to standard output the way Unix tools do: a reader that stops
//! early (`casebook-cli search … | head`) ends the command quietly instead of
//! a panic, and nothing else is printed once the pipe is gone.

use std::fmt;
use std::io::{self, Write};

/// Why a command stopped before finishing.
#[derive(Debug)]
pub enum Failure {
    /// A one-line reason for stderr; the exit code is 1.
    Message(String),
    /// Whoever read standard output closed it: stop quietly, exit 0.
    ClosedPipe,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::Message(message.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::ClosedPipe
        } else {
            Failure::Message(format!("cannot write to standard output: {e}"))
        }
    }
}

pub type Outcome = Result<(), Failure>;

/// Writes one line to standard output (and flushes it, so a closed pipe is
/// noticed here rather than when the process exits).
pub fn line(args: fmt::Arguments<'_>) -> Outcome {
    let mut out = io::stdout().lock();
    out.write_fmt(args)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Writes one line to standard error; a closed stderr is ignored (there is
/// nobody left to tell).
pub fn note(args: fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
}

/// `println!` for the CLI: returns an [`Outcome`] instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::output::line(format_args!($($arg)*))
    };
}

/// `eprintln!` for the CLI: never panics.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::note(format_args!($($arg)*))
    };
}

pub(crate) use {errln, outln};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_is_quiet_and_other_write_errors_are_reported() {
        let closed = io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(matches!(Failure::from(closed), Failure::ClosedPipe));
        let full = io::Error::other("disk full");
        match Failure::from(full) {
            Failure::Message(m) => assert_eq!(m, "cannot write to standard output: disk full"),
            Failure::ClosedPipe => panic!("not a closed pipe"),
        }
    }
}
