//! Long jobs (batch exports, records exports, imports) and their cancel
//! tokens: each job has its own, named by the id the UI gave it, so
//! cancelling one never stops another.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Default)]
pub struct Jobs {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl Jobs {
    /// Registers job `id`; its token is cancelled by [`Jobs::cancel`] and the
    /// job is forgotten when the returned guard drops.
    pub fn start(self: &Arc<Self>, id: &str) -> Job {
        let token = Arc::new(AtomicBool::new(false));
        self.lock().insert(id.to_string(), token.clone());
        Job {
            id: id.to_string(),
            token,
            jobs: self.clone(),
        }
    }

    /// Cancels job `id`; false when no such job is running.
    pub fn cancel(&self, id: &str) -> bool {
        match self.lock().get(id) {
            Some(token) => {
                token.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// Cancels every running job (the book is being locked).
    pub fn cancel_all(&self) {
        for token in self.lock().values() {
            token.store(true, Ordering::Relaxed);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicBool>>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running job; dropping it forgets the job.
pub struct Job {
    id: String,
    token: Arc<AtomicBool>,
    jobs: Arc<Jobs>,
}

impl Job {
    pub fn token(&self) -> &AtomicBool {
        &self.token
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        let mut running = self.jobs.lock();
        if running
            .get(&self.id)
            .is_some_and(|t| Arc::ptr_eq(t, &self.token))
        {
            running.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelling_one_job_leaves_the_other_running() {
        let jobs = Arc::new(Jobs::default());
        let a = jobs.start("a");
        let b = jobs.start("b");
        assert!(jobs.cancel("a"));
        assert!(a.token().load(Ordering::Relaxed));
        assert!(!b.token().load(Ordering::Relaxed));
        drop(a);
        assert!(!jobs.cancel("a"), "a finished job is forgotten");
        assert!(jobs.cancel("b"));
    }

    #[test]
    fn cancel_all_reaches_every_running_job() {
        let jobs = Arc::new(Jobs::default());
        let a = jobs.start("a");
        let b = jobs.start("b");
        jobs.cancel_all();
        assert!(a.token().load(Ordering::Relaxed) && b.token().load(Ordering::Relaxed));
    }
}
