//! The release binary run as a child, with its own CPU time and peak memory read from `/proc`
//! (Linux; clock ticks of 1/100 s): shared by the benches that measure whole runs.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Run {
    pub wall: Duration,
    pub cpu_seconds: f64,
    pub peak_kib: u64,
    pub exit: String,
}

/// Runs `jixiao ARGS…` with its output discarded. Its CPU time is read from `/proc/<pid>/stat`
/// once it has exited (a zombie keeps its times until reaped), its peak memory from `VmHWM` (a
/// high-water mark, so any reading after the peak has it) every few milliseconds while it runs.
pub fn measure<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let binary = env!("CARGO_BIN_EXE_jixiao");
    let start = Instant::now();
    let mut child = Command::new(binary)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| fail(&format!("{binary}: {e}")));
    let proc = PathBuf::from(format!("/proc/{}", child.id()));
    let mut peak_kib = 0;
    let cpu_seconds = loop {
        let stat = std::fs::read_to_string(proc.join("stat")).unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        peak_kib = peak_kib.max(high_water_kib(&proc).unwrap_or(0));
        if fields.first().is_none_or(|state| *state == "Z") {
            // utime and stime, the 14th and 15th fields of stat (12th and 13th after the name).
            let ticks: f64 = [11, 12]
                .iter()
                .filter_map(|&i| fields.get(i).and_then(|t| t.parse::<f64>().ok()))
                .sum();
            break ticks / 100.0;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let exit = child
        .wait()
        .ok()
        .and_then(|s| s.code())
        .map_or("?".to_owned(), |c| c.to_string());
    Run {
        wall: start.elapsed(),
        cpu_seconds,
        peak_kib,
        exit,
    }
}

/// Ends the bench with the message: a bench has no test harness to report a panic to.
pub fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

fn high_water_kib(proc: &std::path::Path) -> Option<u64> {
    let status = std::fs::read_to_string(proc.join("status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
