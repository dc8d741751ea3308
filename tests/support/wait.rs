//! Waiting on a condition instead of sleeping a fixed time: a fixed sleep is too short on a
//! loaded machine (the test flakes) and too long everywhere else. Every wait of the native
//! tests goes through here; the only sleep is the pause between two looks at the condition.

use std::fmt;
use std::time::{Duration, Instant};

/// How long to pause between two looks at a condition.
const POLL: Duration = Duration::from_millis(20);

/// The condition did not hold before the deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedOut {
    /// How long it was waited for.
    pub waited: Duration,
}

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not so after {:.1} s", self.waited.as_secs_f64())
    }
}

impl std::error::Error for TimedOut {}

/// Looks at `condition` until it gives a value, and returns it; gives up once `deadline` has
/// passed (after one last look). The condition is looked at at least once, even with a deadline
/// already past.
pub fn wait_for<T>(
    deadline: Instant,
    mut condition: impl FnMut() -> Option<T>,
) -> Result<T, TimedOut> {
    let started = Instant::now();
    loop {
        if let Some(value) = condition() {
            return Ok(value);
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(TimedOut {
                waited: now - started,
            });
        }
        std::thread::sleep(POLL.min(deadline - now));
    }
}

/// Looks at `condition` until it holds; gives up once `deadline` has passed.
pub fn wait_until(deadline: Instant, mut condition: impl FnMut() -> bool) -> Result<(), TimedOut> {
    wait_for(deadline, || condition().then_some(()))
}

/// The deadline `seconds` from now.
pub fn within(seconds: u64) -> Instant {
    Instant::now() + Duration::from_secs(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_as_soon_as_the_condition_holds() {
        let mut looks = 0;
        let found = wait_for(within(5), || {
            looks += 1;
            (looks == 3).then_some(looks)
        });
        assert_eq!(found, Ok(3));
    }

    #[test]
    fn gives_up_at_the_deadline_after_looking_at_least_once() {
        let mut looks = 0;
        let started = Instant::now();
        let result = wait_until(Instant::now(), || {
            looks += 1;
            false
        });
        assert!(result.is_err());
        assert_eq!(looks, 1);
        assert!(started.elapsed() < Duration::from_secs(1));
        let deadline = Instant::now() + Duration::from_millis(100);
        let result = wait_until(deadline, || false);
        assert!(result.is_err());
        assert!(Instant::now() >= deadline, "gave up before the deadline");
    }
}
