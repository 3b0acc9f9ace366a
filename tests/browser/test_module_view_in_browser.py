"""The module view's pictures in a real browser (issue 18): the frames of opened modules, in
JupyterLab's output column, light and dark.

A notebook written into the server's temporary copy (never into lessons/) shows the default and
``--depth 2`` pictures of a TransformerEncoderLayer, a 2-layer LSTM and a conv net at
``--depth all``, drawn with PyTorch (its cells draw them again when run, from this checkout's
autograd_lab). Each picture must show when the notebook is opened fresh, fit its output area,
have no text below 12 px, and every text (the frames' labels too) must read at 4.5:1 or more on
JupyterLab Dark.
"""
import pytest

import lab_driver
from lab_server import ROOT

NAME = "zz_module_view_check.ipynb"
PICTURES = [("transformer", None), ("transformer", 2), ("lstm", None), ("conv_net", "all")]


def cell(program, depth):
    return (f"import sys\nsys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests' / 'viz')!r}]\nimport torch\n"
            "from module_view_programs import trace\nfrom autograd_lab.viz.display import GraphPicture\n"
            f"GraphPicture(trace({program!r}, torch).graph, depth={depth!r})")


def notebook():
    import nbformat.v4 as nbf
    import torch

    import sys
    sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "viz")]
    from module_view_programs import trace

    from autograd_lab.viz.display import GraphPicture

    cells = []
    for i, (program, depth) in enumerate(PICTURES):
        data, metadata = GraphPicture(trace(program, torch).graph, depth=depth)._repr_mimebundle_()
        cells.append(nbf.new_code_cell(cell(program, depth), execution_count=i + 1, outputs=[
            nbf.new_output("execute_result", data, metadata=metadata, execution_count=i + 1)]))
    nb = nbf.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


@pytest.fixture(scope="module")
def check(lab, lesson_runs):
    import nbformat

    pytest.importorskip("torch", reason="the module view's pictures are drawn from PyTorch models")
    nbformat.write(notebook(), lab.root / NAME)
    run = lesson_runs(NAME)
    if run.failures:
        pytest.fail(f"{NAME}: {run.failures}", pytrace=False)
    return run


def test_module_view_pictures_show_fresh_and_run_without_error(check):
    assert check.fresh_counts() == (len(PICTURES), len(PICTURES))
    assert check.errors == [] and check.run_finished


def test_module_view_pictures_fit_the_output_area_with_12_px_text(check):
    assert len(check.pictures) == len(PICTURES)
    for p in check.shown():
        assert p["width"] <= p["area"] + 0.5 and not p["scrolls"], p["cell"]
        assert p["texts"] and round(min(t["fontPx"] for t in p["texts"]), 1) >= 12, p["cell"]  # (11.996: rounding)
    assert not check.scrolls_sideways


def test_module_view_frame_labels_read_on_the_dark_theme(check):
    assert check.dark_theme == lab_driver.DARK and len(check.dark) == len(PICTURES)
    texts = [t for p in check.dark for t in p["texts"] if t["ratio"] is not None]
    assert any(t["text"] == "layer.self_attn: MultiheadAttention" for t in texts)
    assert min(t["ratio"] for t in texts) >= 4.5
