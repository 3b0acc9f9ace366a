"""Benchmark 4: wall time of ``python -c "import LIB"`` in a fresh interpreter."""
import statistics
import subprocess
import sys
import time

from _measure import Row

NAME = "import"
# The quick run skips the warm-up: earlier benchmarks have already brought the files into cache.
PARAMS = {"full": {"runs": 10, "warmup": 1}, "quick": {"runs": 2, "warmup": 0}}
ROWS = [Row("python -c 'import <lib>', median of {runs}", "time", max_lab=0.150)]


def measure(lib_name, runs, warmup):
    # This benchmark does not import the library itself: every run is a new interpreter.
    _compile_bytecode(lib_name)
    for _ in range(warmup):  # brings the files into the page cache
        _wall_time(f"import {lib_name}")
    times = [_wall_time(f"import {lib_name}") for _ in range(runs)]
    bare = statistics.median(_wall_time("pass") for _ in range(runs))
    return {"time": statistics.median(times), "times": times, "python_startup": bare}


def _compile_bytecode(lib_name):
    """Write the library's cached bytecode, as ``pip install`` does for a regular install.

    An editable install (``pip install -e .``) leaves it to the first import, and with
    PYTHONDONTWRITEBYTECODE set (as on the development machines) no import ever writes it, so
    every run would compile the source again: not what a user's import costs.
    """
    import importlib.util

    spec = importlib.util.find_spec(lib_name)
    folders = list(spec.submodule_search_locations or [])
    # (Not checked: torch ships a few files that do not compile, which pip skips as well.)
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def _wall_time(code):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start
