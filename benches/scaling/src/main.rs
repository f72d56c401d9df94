//! Prints, for every [`Shape`], time and peak heap per unit at 1×, 2×, 4× and 8× its benchmark size, and the
//! slope between 1× and 8× (1 is linear, 2 quadratic). Fails nothing: run it with
//! `cargo run --release -p swagger2rs-scaling [-- 'shape name' …]` and read the table (BENCHMARKS.md holds the last one).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use swagger2rs_scaling::{Shape, refused, run, slope};

/// The system allocator, counting the bytes live and the most live at once since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    println!(
        "| shape | 1× size | time / unit at 1× · 2× · 4× · 8× | time slope | peak heap / unit at 1× · 8× | memory slope |"
    );
    println!("|---|---:|---|---:|---|---:|");
    // Optional arguments name the shapes to run (`path length`, …); all by default.
    let only: Vec<String> = std::env::args().skip(1).collect();
    for shape in Shape::ALL.into_iter().filter(|s| only.is_empty() || only.iter().any(|o| o == s.name())) {
        let base = shape.bench_size();
        let mut times = Vec::new();
        let mut peaks = Vec::new();
        for factor in [1, 2, 4, 8] {
            let n = base * factor;
            let mut best = f64::INFINITY;
            let mut peak = 0;
            for _ in 0..3 {
                let spec = shape.spec(n);
                let before = LIVE.load(Ordering::Relaxed);
                PEAK.store(before, Ordering::Relaxed);
                let (elapsed, files) = run(spec);
                assert_eq!(files > 0, !refused(shape), "{} at {n}", shape.name());
                best = best.min(elapsed.as_secs_f64());
                peak = PEAK.load(Ordering::Relaxed) - before;
            }
            times.push(best / n as f64);
            peaks.push(peak as f64 / n as f64);
        }
        let micros: Vec<String> = times.iter().map(|t| format!("{:.2} µs", t * 1e6)).collect();
        println!(
            "| {} | {base} | {} | {:.2} | {:.0} B · {:.0} B | {:.2} |",
            shape.name(),
            micros.join(" · "),
            slope(times[0], times[3] * 8.0),
            peaks[0],
            peaks[3],
            slope(peaks[0], peaks[3] * 8.0),
        );
    }
}
