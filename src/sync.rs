//! Sharing state between worker threads.

/// Locks a mutex shared by worker threads, even one a panicking worker
/// left poisoned: the panic is what gets reported, not a second one here.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
