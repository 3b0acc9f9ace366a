"""What a saved notebook keeps: each widget's mimebundle carries its picture (SVG and a PNG of the
same canvas) and text; the widgets run in a real kernel, Play included; importing autograd_lab
imports no ipywidgets."""
import base64
import struct
import subprocess
import sys

import pytest

import autograd_lab
from autograd_lab.widgets import BackwardStepper, GradAccumulation, RetainGradExplorer, StopTrackingExplorer

VIEW = "application/vnd.jupyter.widget-view+json"


def classic_stepper():
    x = autograd_lab.ones(2, 2, requires_grad=True)
    out = (3 * (x + 2) ** 2).mean()
    return BackwardStepper(out, namespace={"x": x, "out": out})


def retain_forward():
    x = autograd_lab.tensor([1., 2.], requires_grad=True)
    h = x * 2
    loss = h.sum()
    return locals()


@pytest.mark.parametrize("make", [classic_stepper, lambda: GradAccumulation("times3"),
                                  lambda: RetainGradExplorer(retain_forward), lambda: StopTrackingExplorer()])
def test_mimebundle_has_the_live_view_the_current_svg_a_png_and_text(make):
    widget = make()
    bundle, metadata = widget._repr_mimebundle_()
    assert sorted(bundle) == [VIEW, "image/png", "image/svg+xml", "text/plain"]
    assert bundle[VIEW]["model_id"] == widget.model_id
    assert bundle["image/svg+xml"] == widget.svg and widget.svg.rstrip().endswith("</svg>")
    assert bundle["text/plain"] == widget.text
    png = base64.b64decode(bundle["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == widget.png()
    # shown at the canvas size (the PNG itself is drawn sharper), the size the SVG says
    size = metadata["image/png"]
    assert f'width="{size["width"]}" height="{size["height"]}"' in widget.svg
    assert struct.unpack(">II", png[16:24])[0] >= size["width"]


def test_the_fallback_follows_the_state():
    stepper = classic_stepper()
    stepper.step = 5
    bundle, _ = stepper._repr_mimebundle_()
    assert "step 5 of 5: AccumulateGrad (x)" in bundle["text/plain"]
    assert ">step 5 of 5: AccumulateGrad (x)</text>" in bundle["image/svg+xml"]


def test_the_svg_has_no_random_ids():
    assert classic_stepper().svg == classic_stepper().svg


def test_import_autograd_lab_does_not_import_ipywidgets():
    code = "import sys, autograd_lab, autograd_lab.widgets\nprint('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_widgets_run_in_a_real_kernel():
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import autograd_lab as torch\nfrom autograd_lab.widgets import BackwardStepper, GradAccumulation\n"
            "x = torch.ones(2, 2, requires_grad=True)\nout = (3 * (x + 2) ** 2).mean()\n"
            "stepper = BackwardStepper(out)\nstepper.step = 5\nstepper"),
        nbformat.v4.new_code_cell("GradAccumulation('times3', epochs=3)"),
        # Play with the stepper shown in two cells: the kernel moves the step on to the last one
        nbformat.v4.new_code_cell("stepper"),
        nbformat.v4.new_code_cell("import asyncio\nstepper.interval = 20\nseen = []\n"
                                  "stepper.observe(lambda c: seen.append(c['new']), 'step')\n"
                                  "stepper.controls['play'].value = True\n"
                                  "for _ in range(200):\n    await asyncio.sleep(0.02)\n"
                                  "    if not stepper.playing:\n        break\n"
                                  "print(seen, stepper.playing, stepper.controls['play'].description)"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    first, second = nb.cells[0].outputs, nb.cells[1].outputs
    assert nb.cells[3].outputs[0]["text"] == "[1, 2, 3, 4, 5] False Play\n"
    assert [o["output_type"] for o in first] == ["execute_result"]
    data = first[0]["data"]
    assert sorted(data) == [VIEW, "image/png", "image/svg+xml", "text/plain"]
    assert ">x.grad: [[4.5, 4.5], [4.5, 4.5]]</text>" in data["image/svg+xml"]
    assert "x.grad was None, so it becomes grad: x.grad = [[4.5, 4.5], [4.5, 4.5]]" in data["text/plain"]
    assert "  w.grad per epoch: 3., 6., 9." in second[0]["data"]["text/plain"]
    assert first[0]["metadata"]["image/png"] == {"width": int(round(stepper_size(data)[0])),
                                                 "height": int(round(stepper_size(data)[1]))}
    assert "widgets" in nb.metadata  # the widget state is saved with the notebook


def stepper_size(data):
    head = data["image/svg+xml"].split(">", 1)[0]
    return [float(head.split(f'{k}="')[1].split('"')[0]) for k in ("width", "height")]


def test_the_png_is_drawn_once_per_state_shown(monkeypatch):
    from autograd_lab.widgets import picture

    calls = []
    real = picture.picture_bundle
    monkeypatch.setattr(picture, "picture_bundle", lambda *a: calls.append(a[0]) or real(*a))
    stepper = classic_stepper()
    first = stepper._repr_mimebundle_()
    assert stepper._repr_mimebundle_() == first and len(calls) == 1  # shown again, same step: the same PNG
    stepper.step = 2
    assert stepper._repr_mimebundle_()[0]["image/png"] != first[0]["image/png"] and len(calls) == 2
