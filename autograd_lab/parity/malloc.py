"""Let freed array memory be reused before it goes back to the operating system.

A training step frees and re-allocates the same large arrays over and over (activations,
gradients). glibc's malloc serves arrays above a size threshold with fresh pages from the OS and
gives freed memory back once more than a few megabytes of it lie free, so each step pays the
page faults of touching new memory again: in the MLP benchmark that is a quarter of the step.
PyTorch's own allocator avoids most of it; an engine on numpy has only malloc's knobs.

``keep_freed_memory()`` fixes the two thresholds at the largest values glibc's own adaptive rule
would reach (arrays up to 32 MiB from the reusable heap; up to 64 MiB of free heap kept), so the
steady state starts at the first step. It does nothing on other C libraries (macOS, musl,
Windows), when the user already set one of glibc's ``MALLOC_*_`` variables, or when
``AUTOGRAD_LAB_MALLOC_TUNING=0``.
"""
import ctypes
import os
import sys

_M_TRIM_THRESHOLD = -1  # mallopt's parameter numbers, from glibc's malloc.h
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024
TRIM_THRESHOLD = 64 * 1024 * 1024
_USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")


def keep_freed_memory():
    """Tune glibc's malloc as described above; True if it did."""
    if not sys.platform.startswith("linux") or os.environ.get("AUTOGRAD_LAB_MALLOC_TUNING") == "0":
        return False
    if any(name in os.environ for name in _USER_SETTINGS):
        return False
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # (glibc only: other C libraries' mallopt means something else)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
