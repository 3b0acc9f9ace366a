"""The glibc malloc tuning done at import (autograd_lab/parity/malloc.py): freed arrays are reused."""
import os
import subprocess
import sys
import textwrap

import pytest

from autograd_lab.parity import malloc as _malloc

# Three 1 MiB arrays made and dropped per step, as a training step makes and drops its
# activations: the minor page faults per step tell whether their memory was reused.
PROBE = textwrap.dedent("""\
    import resource
    import numpy as np
    import autograd_lab

    def step():
        arrays = [np.ones(256 * 1024, np.float32) for _ in range(3)]
        del arrays

    for _ in range(3):
        step()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(50):
        step()
    print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) // 50)
""")


def _faults_per_step(**env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    environ.pop("AUTOGRAD_LAB_MALLOC_TUNING", None)
    environ.update(env)
    out = subprocess.run([sys.executable, "-c", PROBE], env=environ, capture_output=True, text=True, check=True)
    return int(out.stdout)


glibc_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")


@glibc_only
def test_after_import_a_step_reuses_the_memory_the_last_step_freed():
    assert _faults_per_step() == 0


@glibc_only
def test_without_the_tuning_each_step_faults_its_pages_in_again():
    # (so the test above can fail: 3 MiB is 768 pages; glibc keeps part of it)
    assert _faults_per_step(AUTOGRAD_LAB_MALLOC_TUNING="0") > 256


def test_the_tuning_is_off_when_asked_or_when_the_user_tuned_malloc(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_LAB_MALLOC_TUNING", "0")
    assert _malloc.keep_freed_memory() is False
    monkeypatch.delenv("AUTOGRAD_LAB_MALLOC_TUNING")
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "1000000")
    assert _malloc.keep_freed_memory() is False
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_")
    assert _malloc.keep_freed_memory() is sys.platform.startswith("linux")
