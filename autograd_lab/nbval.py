"""Check a course's notebooks that use ``%%tracegraph`` or the widgets with nbval, in one line.

nbval re-runs each notebook and compares every cell's output with the one saved in it. A few
parts of autograd_lab's outputs change from run to run whatever the code does (the memory
address in ``<MulBackward0 object at 0x7f...>``, the kernel's temporary file named in a
warning); ``nbval_sanitize.cfg`` beside this file rewrites them before the comparison. This
module is a pytest plugin that hands that file to nbval::

    python -m pytest -p autograd_lab.nbval --nbval --nbval-current-env notebooks/

(or ``addopts = -p autograd_lab.nbval --nbval --nbval-current-env`` in the course's pytest
configuration). A sanitize file of the course's own (``--nbval-sanitize-with``) is kept: both
are applied. What nbval compares: text, HTML, errors and each picture's SVG (the same bytes on
every run); not PNG images, nor a widget's live view (its model id is random), as nbval does.
"""
import shutil
import tempfile
from pathlib import Path

try:
    import nbval  # noqa: F401 - only to fail early with a clear message
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError("autograd_lab.nbval is a plugin for nbval: pip install nbval") from None

SANITIZE_CONFIG = Path(__file__).with_name("nbval_sanitize.cfg")


def pytest_configure(config):
    own = config.getoption("nbval_sanitize_with", None)
    if own is None:
        config.option.nbval_sanitize_with = str(SANITIZE_CONFIG)
        return
    # nbval takes one file: give it the course's rules followed by ours, in a file of this run.
    folder = Path(tempfile.mkdtemp(prefix="autograd_lab_nbval_"))
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    both = folder / "sanitize.cfg"
    both.write_text(Path(own).read_text() + "\n" + SANITIZE_CONFIG.read_text())
    config.option.nbval_sanitize_with = str(both)
