"""Run lesson notebooks top to bottom in a fresh kernel and save them with their outputs.

    python scripts/execute_lessons.py                 # every lesson
    python scripts/execute_lessons.py 02 03           # lessons whose file name contains 02 or 03

The saved outputs are what CI compares a fresh run against (nbval: `python -m pytest lessons/`,
with the options in pyproject.toml's addopts), so save a
lesson through this script after editing it or the engine: it runs the kernel in this Python's
environment, numbers the cells 1, 2, 3..., writes the parts of outputs that change from run to run
(memory addresses, temporary file names) the way autograd_lab/nbval_sanitize.cfg does, leaves out widgets' live
views (their random model ids; the picture and text of each widget are kept), and drops the metadata
that differs from machine to machine (Python version, timings). Re-running it changes no file
unless an output really changed.
"""
import re
import sys
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager
from nbval.plugin import get_sanitize_patterns

from autograd_lab.nbval import SANITIZE_CONFIG

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
SANITIZE_PATTERNS = get_sanitize_patterns(SANITIZE_CONFIG.read_text())
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def lesson_paths(patterns=()):
    paths = sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))
    if patterns:
        paths = [p for p in paths if any(pat in p.name for pat in patterns)]
    return paths


def execute(path):
    """Execute the notebook at ``path`` in place."""
    nb = nbformat.read(path, as_version=4)
    # The kernel is this interpreter, not whatever a "python3" kernelspec on the machine points to.
    km = KernelManager(kernel_name=CURRENT_ENV_KERNEL_NAME, kernel_spec_manager=NbvalKernelspecManager())
    client = NotebookClient(
        nb, km=km, timeout=600, record_timing=False, resources={"metadata": {"path": str(LESSONS)}},
    )
    client.execute()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
            for out in cell.outputs:
                sanitize_output(out)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    nbformat.validate(nb)
    nbformat.write(nb, path)


def merge_streams(outputs):
    """Join consecutive pieces of the same stream: how a print is split into messages depends on
    timing, and would otherwise change the saved file from run to run."""
    merged = []
    for out in outputs:
        last = merged[-1] if merged else None
        if out.output_type == "stream" and last is not None and last.output_type == "stream" and last.name == out.name:
            last.text += out.text
        else:
            merged.append(out)
    return merged


def sanitize(text):
    for regex, replace in SANITIZE_PATTERNS:
        text = re.sub(regex, replace, text)
    return text


# A widget's live view points to a model by a random id, and the widget state it would need is
# not saved (the metadata is dropped, see execute): the saved notebook shows the widget's picture
# (image/svg+xml) and text instead, which is also what nbval compares.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def sanitize_output(out):
    if out.output_type == "stream":
        out.text = sanitize(out.text)
    elif "data" in out:
        out.data.pop(WIDGET_VIEW, None)
        if "text/plain" in out.data:
            out.data["text/plain"] = sanitize(out.data["text/plain"])


def main(argv):
    paths = lesson_paths(argv)
    if not paths:
        sys.exit(f"no lesson matches {argv}")
    for path in paths:
        print(f"executing {path.name}")
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])
