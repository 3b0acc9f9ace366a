"""What nbval compares of a saved picture, with the plugin ``autograd_lab.nbval``: the SVG exactly,
never the PNG (its pixels depend on the matplotlib and FreeType versions of each CI row).

nbval leaves ``image/png`` out unless run with ``--nbdime`` (which needs nbdime installed); the
notebook runs below make nbval compare PNGs as ``--nbdime`` does, through a conftest.
"""
import base64
import re
import struct
import subprocess
import sys
import zlib

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager

from autograd_lab.nbval import OUR_SVG, without_our_png

CELLS = [
    "import autograd_lab as torch\n%load_ext autograd_lab",
    "%%tracegraph\nx = torch.ones(2, requires_grad=True)\ny = (x * 3).sum()\ny.backward()",
]
# nbval with --nbdime compares image/png: the same, without needing nbdime.
COMPARE_PNG = """
from nbval.plugin import IPyNbFile

_init = IPyNbFile.__init__


def __init__(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.skip_compare = tuple(k for k in self.skip_compare if k != "image/png")


IPyNbFile.__init__ = __init__
"""


def test_only_the_png_of_our_pictures_is_left_out():
    ours = {"output_type": "display_data", "data": {"image/svg+xml": f"<svg><defs><marker {OUR_SVG}/></defs></svg>",
                                                    "image/png": "AAAA", "text/plain": "<GraphPicture>"}}
    plot = {"output_type": "display_data", "data": {"image/png": "BBBB", "text/plain": "<Figure>"}}
    assert without_our_png([ours, plot]) == [
        {"output_type": "display_data", "data": {"image/svg+xml": ours["data"]["image/svg+xml"],
                                                 "text/plain": "<GraphPicture>"}}, plot]
    assert "image/png" in ours["data"]  # the notebook's own output is left as it is


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A notebook saved with its outputs: a %%tracegraph picture (SVG + PNG + text)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    km = KernelManager(kernel_name=CURRENT_ENV_KERNEL_NAME, kernel_spec_manager=NbvalKernelspecManager())
    root = tmp_path_factory.mktemp("saved")
    NotebookClient(nb, km=km, timeout=120, resources={"metadata": {"path": str(root)}}).execute()
    picture = nb.cells[1].outputs[-1]
    assert sorted(picture["data"]) == ["image/png", "image/svg+xml", "text/plain"]
    return nb


def check(notebooks, folder, plugin=True):
    """Run nbval (comparing PNGs, as with --nbdime) on ``notebooks`` (file name -> notebook)
    saved in ``folder``: its exit code and output."""
    (folder / "notebooks").mkdir()
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / "notebooks" / name)
    (folder / "conftest.py").write_text(COMPARE_PNG)
    args = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "notebooks/", "-p", "no:cacheprovider",
            "-rf"]
    if plugin:
        args[3:3] = ["-p", "autograd_lab.nbval"]
    done = subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout + done.stderr


def with_other_png(nb):
    """``nb`` with its picture's PNG drawn differently, as another matplotlib or FreeType may
    (here: one more text chunk before its end)."""
    other = nbformat.from_dict(nb)
    data = other.cells[1].outputs[-1]["data"]
    png = base64.b64decode(data["image/png"])
    text = b"tEXt" + b"Comment\x00another FreeType"
    chunk = struct.pack(">I", len(text) - 4) + text + struct.pack(">I", zlib.crc32(text))
    data["image/png"] = base64.b64encode(png[:-12] + chunk + png[-12:]).decode("ascii")
    return other


def with_other_svg(nb):
    changed = nbformat.from_dict(nb)
    data = changed.cells[1].outputs[-1]["data"]
    data["image/svg+xml"] = data["image/svg+xml"].replace(">SumBackward0<", ">MeanBackward0<")
    return changed


def test_with_the_plugin_a_png_drawn_differently_passes_and_a_changed_svg_fails(saved, tmp_path):
    code, out = check({"png.ipynb": with_other_png(saved), "svg.ipynb": with_other_svg(saved)}, tmp_path)
    assert code == 1 and re.search(r"\b1 failed, 3 passed\b", out), out
    assert "FAILED notebooks/svg.ipynb::Cell 1" in out, out


def test_without_the_plugin_nbval_comparing_pngs_fails_on_the_png(saved, tmp_path):
    code, out = check({"png.ipynb": with_other_png(saved)}, tmp_path, plugin=False)
    assert code == 1 and re.search(r"\b1 failed, 1 passed\b", out) and "image/png" in out, out
