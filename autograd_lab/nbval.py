"""Check a course's notebooks that use ``%%tracegraph`` or the widgets with nbval, in one line.

nbval re-runs each notebook and compares every cell's output with the one saved in it. A few
parts of autograd_lab's outputs change from run to run whatever the code does (the memory
address in ``<MulBackward0 object at 0x7f...>``, the kernel's temporary file named in a
warning); ``nbval_sanitize.cfg`` beside this file rewrites them before the comparison. This
module is a pytest plugin that hands that file to nbval::

    python -m pytest -p autograd_lab.nbval --nbval --nbval-current-env notebooks/

(or ``addopts = -p autograd_lab.nbval --nbval --nbval-current-env`` in the course's pytest
configuration). A sanitize file of the course's own (``--nbval-sanitize-with``) is kept: both
are applied.

What is compared: text, HTML, errors and each picture's SVG, exactly (the SVG is hand-written
text, the same bytes on every run, machine and Python version). Not the PNG each picture also
carries (for the places that show no SVG: an untrusted notebook, GitHub, VS Code): it is drawn
by matplotlib's Agg with FreeType, whose anti-aliasing and glyph placement differ between their
versions (one CI row's Python 3.10 wheels against another's 3.13), so its bytes would fail on
one row and pass on the next while the picture is the same. It is the same canvas as the SVG,
so comparing the SVG checks it. nbval leaves every ``image/png`` out already unless run with
``--nbdime``; with it, this plugin still leaves out the PNG of an autograd_lab picture (an
output whose SVG is ours), and only that: a course's own plots are compared as nbval compares
them. Nor is a widget's live view compared (its model id is random), as nbval does.
"""
import shutil
import tempfile
from pathlib import Path

try:
    import nbval  # noqa: F401 - only to fail early with a clear message
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError("autograd_lab.nbval is a plugin for nbval: pip install nbval") from None

SANITIZE_CONFIG = Path(__file__).with_name("nbval_sanitize.cfg")
# In every SVG autograd_lab draws (render_svg.to_svg's arrowhead): how its pictures are known.
OUR_SVG = 'id="autograd-lab-arrow"'


def without_our_png(outputs):
    """``outputs`` (a cell's, as nbval holds them) with the PNG of each autograd_lab picture left
    out: the outputs whose SVG is ours. Others are returned as they are."""
    kept = []
    for out in outputs:
        data = out.get("data") if hasattr(out, "get") else None
        if data and "image/png" in data and OUR_SVG in str(data.get("image/svg+xml", "")):
            out = type(out)(out)  # a copy: the notebook's own output is left as it is
            out["data"] = {k: v for k, v in data.items() if k != "image/png"}
        kept.append(out)
    return kept


def pytest_collection_modifyitems(session, config, items):
    """Each notebook cell compares its outputs without our pictures' PNGs (see above)."""
    from nbval.plugin import IPyNbCell

    for item in items:
        if isinstance(item, IPyNbCell):
            compare = item.compare_outputs
            item.compare_outputs = (lambda test, ref, skip_compare=None, _compare=compare:
                                    _compare(without_our_png(test), without_our_png(ref), skip_compare))


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
