//! One cold run, then 20 timed runs of a service call, printed in milliseconds.
use std::time::Instant;

/// One cold run, then 20 timed runs, in milliseconds.
pub struct Timing {
    cold: f64,
    runs: Vec<f64>,
}

impl Timing {
    pub async fn of<T>(mut f: impl AsyncFnMut() -> T) -> Timing {
        let mut once = async || {
            let start = Instant::now();
            std::hint::black_box(f().await);
            start.elapsed().as_secs_f64() * 1000.0
        };
        let cold = once().await;
        let mut runs = Vec::with_capacity(20);
        for _ in 0..20 {
            runs.push(once().await);
        }
        runs.sort_by(f64::total_cmp);
        Timing { cold, runs }
    }

    /// Prints the line and returns the slowest warm run; `target` adds the 50 ms verdict.
    pub fn report(&self, label: &str, target: bool) -> f64 {
        let (median, max) = (
            self.runs[self.runs.len() / 2],
            self.runs[self.runs.len() - 1],
        );
        let verdict = match (target, max < 50.0) {
            (false, _) => "",
            (true, true) => "ok (< 50 ms)",
            (true, false) => "OVER 50 ms",
        };
        println!(
            "  {label:<40} first {:>6.2} ms   median {median:>6.2} ms   max {max:>6.2} ms   {verdict}",
            self.cold
        );
        max
    }
}
