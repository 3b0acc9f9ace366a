"""Helpers the benchmark modules use inside their subprocess: library loading, timing, peak memory."""
import gc
import importlib
import os
import statistics
import threading
import time
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Row:
    """One line of the results table: a metric a benchmark returns, and its target.

    ``max_ratio`` is a target on lab/torch; ``max_lab`` an absolute ceiling on autograd_lab's value
    (in the metric's base unit: seconds or bytes). ``label`` may use ``{params}`` of the benchmark.
    """

    label: str
    metric: str
    unit: str = "s"  # "s" for times, "B" for memory
    max_ratio: Optional[float] = None
    max_lab: Optional[float] = None


def load_library(name):
    """Import ``autograd_lab`` or ``torch`` with the thread count the runner chose."""
    lib = importlib.import_module(name)
    threads = int(os.environ.get("BENCH_THREADS", "1"))
    if name == "torch":
        # numpy's BLAS gets its thread count from the environment; torch needs to be told.
        lib.set_num_threads(threads)
        try:
            lib.set_num_interop_threads(threads)
        except RuntimeError:  # only settable once, before any parallel work
            pass
    return lib


def time_rounds(fn, rounds, warmup=1, min_round_time=0.0):
    """Time ``fn()``: ``warmup`` untimed rounds, then ``rounds`` timed ones.

    Each round calls ``fn`` ``loops`` times, with ``loops`` grown until a round lasts at least
    ``min_round_time`` so that fast functions are not swamped by timer resolution. Returns the
    per-call best and median (seconds). The garbage collector stays on (users pay for it too),
    but is emptied before each round so one round's garbage does not land in the next.
    """
    loops = _calibrate(fn, min_round_time)
    for _ in range(warmup):
        _one_round(fn, loops)
    times = [_one_round(fn, loops) / loops for _ in range(rounds)]
    return {"best": min(times), "median": statistics.median(times), "loops": loops, "rounds": times}


def _one_round(fn, loops):
    gc.collect()
    kept = []
    start = time.perf_counter()
    for _ in range(loops):
        kept.append(fn())
    elapsed = time.perf_counter() - start
    # Whatever fn returns is freed only now, so tearing down a returned graph is not timed.
    del kept
    return elapsed


def _calibrate(fn, min_round_time):
    loops = 1
    if min_round_time <= 0:  # slow benchmarks: one call per round, and no extra calibration run
        return loops
    while True:
        elapsed = _one_round(fn, loops)
        if elapsed >= min_round_time:
            return loops
        # Aim a little past the target so the next try usually succeeds.
        loops = max(loops * 2, int(loops * 1.2 * min_round_time / max(elapsed, 1e-9)))


def _proc_status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def _reset_hwm():
    """Reset the kernel's VmHWM to the current RSS; True if that works on this machine."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        # A kernel that ignores the write would leave the high-water mark above RSS.
        return _proc_status_kb("VmHWM") <= _proc_status_kb("VmRSS") + 1024
    except (OSError, KeyError):
        return False


class PeakRss:
    """Context manager: ``.increase`` is the peak RSS growth (bytes) inside the ``with`` block.

    Uses the kernel's high-water mark (reset through /proc/self/clear_refs) when it can, which
    sees every peak at no cost; otherwise samples VmRSS every millisecond in a thread.
    """

    def __enter__(self):
        gc.collect()
        self.method = "VmHWM" if _reset_hwm() else "VmRSS sampling"
        self.baseline_kb = _proc_status_kb("VmRSS")
        self._peak_kb = self.baseline_kb
        if self.method != "VmHWM":
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.001):
            self._peak_kb = max(self._peak_kb, _proc_status_kb("VmRSS"))

    def __exit__(self, *exc):
        if self.method == "VmHWM":
            self._peak_kb = _proc_status_kb("VmHWM")
        else:
            self._stop.set()
            self._thread.join()
            self._peak_kb = max(self._peak_kb, _proc_status_kb("VmRSS"))
        self.increase = (self._peak_kb - self.baseline_kb) * 1024
        return False
