"""The module view (issue 18): ops grouped by the nn.Module call that made them, collapsed at a
depth that fits the notebook's column, on real PyTorch models and on autograd_lab's nn.

What PyTorch makes of each model (which module call made which grad_fn names, the boxes at each
depth) is recorded in tests/golden/module_view.json by scripts/record_module_view.py; the tests
on autograd_lab compare against it, so they mean something without PyTorch installed.
"""
import json
import pathlib
import re

import pytest
from IPython.core.error import UsageError

import autograd_lab
import autograd_lab.nn  # noqa: F401 - torch.nn in the programs
import autograd_lab.optim  # noqa: F401 - torch.optim in the programs
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.module_view import MAX_DEFAULT_BOXES
from autograd_lab.viz.render_svg import STYLE
from module_view_programs import ON_AUTOGRAD_LAB, PROGRAMS, facts, trace

GOLDEN = json.loads((pathlib.Path(__file__).parent.parent / "golden" / "module_view.json").read_text(encoding="utf-8"))
COLUMN = 960


def real_torch():
    return pytest.importorskip("torch", reason="PyTorch is not installed: the module view on real PyTorch "
                                               "models is checked by the tests on autograd_lab against the "
                                               "recorded tests/golden/module_view.json only")


def measure(svg):
    """The SVG's width in px and the smallest font size any of its text has."""
    width = float(re.match(r'<svg [^>]*width="([\d.]+)"', svg).group(1))
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    return width, min(sizes)


def module_boxes(picture):
    return [node.lines for node in picture.view().nodes.values() if node.kind == "module"]


def labels(picture):
    return sorted(lines[0] for lines in module_boxes(picture))


# -- real PyTorch ------------------------------------------------------------------------------

@pytest.mark.parametrize("program", list(PROGRAMS))
def test_pytorch_module_calls_group_ops_as_recorded(program):
    torch = real_torch()
    assert facts(trace(program, torch).graph) == GOLDEN["programs"][program]


# Which module boxes the default picture of each model shows, and that it fits the column.
DEFAULT_BOXES = {
    "transformer": ["layer.dropout1: Dropout", "layer.dropout2: Dropout", "layer.dropout: Dropout",
                    "layer.linear1: Linear", "layer.linear2: Linear", "layer.norm1: LayerNorm",
                    "layer.norm2: LayerNorm", "layer.self_attn: MultiheadAttention"],
    "lstm": [],  # its 4 ops and 14 tensors fit: drawn as every op
    "gru": ["gru: GRU"],  # 124 ops: one box
    "conv_net": ["conv.0: Conv2d", "conv.1: BatchNorm2d", "conv.2: ReLU", "conv.3: MaxPool2d", "conv.4: Flatten",
                 "conv.5: Linear"],
    "mlp30": ["deep.0 … deep.59"],
    "adam_loop": [],
    "linear": [],
}


@pytest.mark.parametrize("program", list(DEFAULT_BOXES))
def test_pytorch_default_picture_shows_its_modules_and_fits_960_px_with_12_px_text(program):
    torch = real_torch()
    picture = GraphPicture(trace(program, torch).graph)
    assert labels(picture) == DEFAULT_BOXES[program]
    assert len(picture.view().nodes) <= MAX_DEFAULT_BOXES
    width, smallest = measure(picture.svg())
    assert width <= COLUMN and smallest >= 12


def test_transformer_layer_at_depth_0_is_one_box_with_its_parameters_and_ops():
    torch = real_torch()
    picture = GraphPicture(trace("transformer", torch).graph, depth=0)
    assert module_boxes(picture) == [["layer: TransformerEncoderLayer", "12 parameters, 137,504 values", "59 ops"]]
    assert "Ops are grouped by the module that ran them, no module opened (--depth 0; --depth all draws " \
           "every op)." in picture.view().notes


def test_thirty_linear_tanh_pairs_are_one_box_with_the_count():
    torch = real_torch()
    picture = GraphPicture(trace("mlp30", torch).graph)
    assert module_boxes(picture) == [["deep.0 … deep.59", "(Linear, Tanh) × 30", "each: weight [16, 16], bias [16]",
                                      "90 ops"]]
    assert "× 30" in picture.svg()


def test_adam_loop_groups_the_last_graph_and_keeps_its_timeline():
    torch = real_torch()
    model = trace("adam_loop", torch).graph
    picture = GraphPicture(model, depth=1)
    assert labels(picture) == ["model.0: Linear", "model.1: Tanh", "model.2: Linear"]
    assert model.n_backward_calls == 5 and "gradient timeline" in picture.svg()
    width, smallest = measure(picture.svg())
    assert width <= COLUMN and smallest >= 12


def test_depth_all_draws_every_op_as_without_modules():
    torch = real_torch()
    model = trace("lstm", torch).graph
    every = GraphPicture(model, depth="all").view()
    assert not any(n.kind == "module" for n in every.nodes.values())
    assert sorted({n.lines[0] for n in every.nodes.values() if n.kind == "function"}) == \
        GOLDEN["programs"]["lstm"]["groups"][0][2] + ["SumBackward0"]


def test_pytorch_module_call_is_restored_after_the_cell_also_when_it_raised():
    torch = real_torch()
    from autograd_lab.viz.trace import CellTracer

    original = torch.nn.Module.__dict__["__call__"]
    impl = torch.nn.Module.__dict__["_call_impl"]  # (what the tracer wraps: what __call__ calls)
    ns = {"torch": torch}
    tracer = CellTracer(ns).start()
    with pytest.raises(RuntimeError) as info:
        try:
            exec("torch.nn.Linear(3, 2)(torch.ones(2, 2))", ns)
        finally:
            tracer.finish()
    assert torch.nn.Module.__dict__["__call__"] is original
    assert torch.nn.Module.__dict__["_call_impl"] is impl
    frames = []
    tb = info.value.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    assert not any(f.endswith("modules.py") and "viz" in f for f in frames)  # the learner's traceback


def test_pytorch_pictures_are_the_same_bytes_every_run():
    torch = real_torch()
    assert GraphPicture(trace("transformer", torch).graph).svg() == \
        GraphPicture(trace("transformer", torch).graph).svg()


# -- autograd_lab ------------------------------------------------------------------------------

@pytest.mark.parametrize("program", ON_AUTOGRAD_LAB)
def test_autograd_lab_groups_ops_by_module_as_pytorch_does(program):
    found = facts(trace(program, autograd_lab).graph)
    recorded = dict(GOLDEN["programs"][program])
    assert found == recorded  # default depth included: the same picture as PyTorch's


@pytest.mark.parametrize("program", ON_AUTOGRAD_LAB)
def test_autograd_lab_default_picture_fits_960_px_with_12_px_text(program):
    picture = GraphPicture(trace(program, autograd_lab).graph)
    width, smallest = measure(picture.svg())
    assert width <= COLUMN and smallest >= 12
    assert len(picture.view().nodes) <= MAX_DEFAULT_BOXES


def test_autograd_lab_repeated_blocks_of_a_nested_sequential_are_one_box():
    torch = autograd_lab
    ns = {"torch": torch}
    from autograd_lab.viz.trace import CellTracer

    tracer = CellTracer(ns).start()
    try:
        exec("torch.manual_seed(0)\n"
             "nn = torch.nn\n"
             "net = nn.Sequential(*[nn.Sequential(nn.Linear(8, 8), nn.ReLU()) for _ in range(4)])\n"
             "net(torch.randn(2, 8)).sum().backward()", ns)
    finally:
        model = tracer.finish().graph
    assert module_boxes(GraphPicture(model, depth=1)) == [
        ["net.0 … net.3", "Sequential × 4", "each: 0.weight [8, 8], 0.bias [8]", "12 ops"]]
    assert module_boxes(GraphPicture(model, depth=0)) == [["net: Sequential", "8 parameters, 288 values", "12 ops"]]


def test_autograd_view_boxes_hold_the_parameters_accumulate_grad_nodes_and_count_only_ops():
    model = trace("conv_net", autograd_lab).graph
    boxes = module_boxes(GraphPicture(model, autograd=True, depth=1))
    assert sorted(boxes) == sorted(module_boxes(GraphPicture(model, depth=1)))
    assert boxes[-1] == ["conv.0: Conv2d", "weight [8, 3, 3, 3], bias [8]", "1 op"]
    view = GraphPicture(model, autograd=True, depth=1).view()
    assert [n.lines[0] for n in view.nodes.values() if n.kind == "function"] == ["SumBackward0"]


def test_a_module_no_name_reaches_is_labelled_by_its_class():
    torch = autograd_lab
    ns = {"torch": torch}
    from autograd_lab.viz.trace import CellTracer

    tracer = CellTracer(ns).start()
    try:
        exec("x = torch.ones(2, 3)\ny = torch.nn.Linear(3, 2)(x)", ns)
    finally:
        model = tracer.finish().graph
    assert [g.label for g in model.modules.values()] == ["Linear"]
    assert module_boxes(GraphPicture(model, depth=0))[0][:2] == ["Linear", "weight [2, 3], bias [2]"]


def test_without_module_calls_the_picture_is_as_before():
    from autograd_lab.viz.trace import CellTracer

    ns = {"torch": autograd_lab}
    tracer = CellTracer(ns).start()
    try:
        exec("w = torch.tensor([1., 2.], requires_grad=True)\nloss = (w * w).sum()\nloss.backward()", ns)
    finally:
        model = tracer.finish().graph
    assert model.modules == {} and model.module_of == {}
    assert GraphPicture(model).svg() == GraphPicture(model, depth="all").svg()


def test_autograd_lab_module_call_is_restored_and_later_calls_are_not_noted():
    from autograd_lab.viz.trace import CellTracer

    Module = autograd_lab.nn.Module
    original = Module.__dict__["__call__"]
    ns = {"torch": autograd_lab}
    tracer = CellTracer(ns).start()
    try:
        exec("fc = torch.nn.Linear(2, 2)\nfc(torch.ones(1, 2)).sum().backward()", ns)
    finally:
        tracer.finish()
    assert Module.__dict__["__call__"] is original


@pytest.mark.parametrize("depth", [-1, 1.5, "2", "deep", True])
def test_a_depth_that_is_not_a_level_count_is_refused(depth):
    with pytest.raises(ValueError, match=r"depth must be a whole number of module levels to open \(0, 1, 2, "
                                         r"\.\.\.\), 'all' \(every op\) or None \(chosen to fit\), not "):
        GraphPicture(trace("linear", autograd_lab).graph, depth=depth)


@pytest.fixture
def ip():
    from IPython.testing.globalipapp import start_ipython
    import IPython

    from autograd_lab.magics import load_ipython_extension, unload_ipython_extension

    shell = start_ipython() or IPython.get_ipython()
    load_ipython_extension(shell)
    shell.user_ns.clear()
    shell.user_ns.update(shell.user_ns_hidden)
    shell.run_cell("import autograd_lab as torch\nimport autograd_lab.nn as nn")
    shown = []
    original = shell.display_pub.publish
    shell.display_pub.publish = lambda data, *a, **k: shown.append(data)
    shell.shown = shown
    yield shell
    shell.display_pub.publish = original
    unload_ipython_extension(shell)


@pytest.mark.parametrize("value", ["-1", "one", "1.5", ""])
def test_magic_refuses_a_bad_depth_before_the_cell_runs(ip, value):
    with pytest.raises(UsageError) as info:
        ip.run_cell_magic("tracegraph", f"--depth={value}", "ran = True")
    assert str(info.value) == (f"--depth {value}: give how many levels of modules to open, a whole number from 0 "
                               "(e.g. --depth 1), or --depth all to draw every op")
    assert "ran" not in ip.user_ns


def test_magic_depth_opens_levels_and_all_draws_every_op(ip):
    cell = PROGRAMS["linear"]
    ip.run_cell_magic("tracegraph", "--depth 0 -o boxed", cell)
    ip.run_cell_magic("tracegraph", "--depth all -o every", cell)
    assert module_boxes(ip.user_ns["boxed"].graph) == [["fc: Linear", "weight [2, 3], bias [2]", "2 ops"]]
    assert "fc: Linear" in ip.shown[0]["image/svg+xml"]
    assert module_boxes(ip.user_ns["every"].graph) == []
    # every op drawn, inside the frame of the module that ran them (no frame around a box)
    frame = f'fill="{STYLE["frame"][0]}"'
    assert frame in ip.shown[1]["image/svg+xml"] and frame not in ip.shown[0]["image/svg+xml"]
    assert ip.user_ns["every"].graph.view().frames["m0"][0] == "fc: Linear"


def test_help_documents_depth(ip):
    doc = " ".join(ip.find_cell_magic("tracegraph").__doc__.split())
    assert "--depth N ops made by nn.Module calls are grouped by module: N levels of modules opened" in doc
    assert "'all' draws every op" in doc and f"at most {MAX_DEFAULT_BOXES} boxes" in doc


def test_a_failure_to_group_draws_every_op_with_a_note(monkeypatch):
    from autograd_lab.viz import modules

    def broken(*args):
        raise KeyError("m9")

    monkeypatch.setattr(modules, "assign_modules", broken)
    model = trace("linear", autograd_lab).graph
    assert model.modules == {} and model.module_of == {}
    assert model.notes == ["The ops could not be grouped by module (KeyError: 'm9'); every op is drawn."]
    assert module_boxes(GraphPicture(model, depth=0)) == []


def test_a_cell_called_in_a_loop_with_ops_between_its_calls_is_not_one_box_with_a_cycle():
    from autograd_lab.viz.trace import CellTracer
    from autograd_lab.viz.views import main_chain

    ns = {"torch": autograd_lab}
    tracer = CellTracer(ns).start()
    try:
        exec("torch.manual_seed(0)\ncell = torch.nn.Linear(4, 4)\nh = torch.zeros(1, 4)\n"
             "for t in range(5):\n    h = torch.tanh(cell(h))\nh.sum().backward()", ns)
    finally:
        model = tracer.finish().graph
    view = GraphPicture(model, depth=0).view()
    assert [n.lines for n in view.nodes.values() if n.kind == "module"] == \
        [["cell: Linear", "weight [4, 4], bias [4]", "2 ops"]] * 5
    assert main_chain(list(view.nodes), [(s, d) for s, d, _ in view.edges])[0]  # no cycle: a chain exists


def test_one_module_called_again_and_again_with_nothing_between_is_one_box_with_the_count():
    from autograd_lab.viz.trace import CellTracer

    ns = {"torch": autograd_lab}
    tracer = CellTracer(ns).start()
    try:
        exec("torch.manual_seed(0)\nact = torch.nn.Tanh()\nh = torch.ones(1, 4, requires_grad=True)\n"
             "for t in range(5):\n    h = act(h)\nh.sum().backward()", ns)
    finally:
        model = tracer.finish().graph
    assert module_boxes(GraphPicture(model, depth=0)) == [["act: Tanh", "Tanh × 5", "5 ops"]]


# -- frames: the modules --depth opened, around what they hold ---------------------------------

def frame_geometry(picture):
    """``{frame label: (x, y, w, h)}`` and ``{node id: its box}`` as laid out, and the view."""
    from autograd_lab.viz.fit import fit_layout

    layout, view = fit_layout(picture.view(), COLUMN - 16)
    return {f[4]: f[:4] for f in layout.frames}, layout.boxes, view


def inside(box, frame):
    x, y, w, h = frame
    return x <= box.x and y <= box.y and box.x + box.w <= x + w and box.y + box.h <= y + h


def overlaps(box, frame):
    x, y, w, h = frame
    return box.x < x + w and x < box.x + box.w and box.y < y + h and y < box.y + box.h


def check_frames_hold_exactly_their_boxes(picture):
    frames, boxes, view = frame_geometry(picture)
    label = {fid: f[0] for fid, f in view.frames.items()}
    for nid, box in boxes.items():
        chain, fid = set(), view.frame_of.get(nid)
        while fid is not None:
            chain.add(label[fid])
            fid = view.frames[fid][1]
        for name, frame in frames.items():
            if name in chain:
                assert inside(box, frame), (nid, name)
            else:
                assert not overlaps(box, frame), (nid, name)
    return frames


def test_pytorch_transformer_at_depth_2_frames_each_opened_module_nested_in_the_layer():
    torch = real_torch()
    picture = GraphPicture(trace("transformer", torch).graph, depth=2)
    frames = check_frames_hold_exactly_their_boxes(picture)
    assert sorted(frames) == ["layer.dropout1: Dropout", "layer.dropout2: Dropout", "layer.dropout: Dropout",
                              "layer.linear1: Linear", "layer.linear2: Linear", "layer.norm1: LayerNorm",
                              "layer.norm2: LayerNorm", "layer.self_attn: MultiheadAttention",
                              "layer: TransformerEncoderLayer"]
    assert inside(frame_box(frames["layer.self_attn: MultiheadAttention"]), frames["layer: TransformerEncoderLayer"])
    # every op drawn: self_attn's out_proj is not called as a module (multi_head_attention_forward
    # takes its weight), so two levels are all there are
    assert labels(picture) == []
    width, smallest = measure(picture.svg())
    assert width <= COLUMN and smallest >= 12
    assert "layer.self_attn: MultiheadAttention</text>" in picture.svg()


def frame_box(frame):
    from autograd_lab.viz.layout import Box

    return Box(*frame)


@pytest.mark.parametrize("program, depth", [("transformer", None), ("transformer", "all"), ("lstm", None),
                                            ("conv_net", None), ("conv_net", "all"), ("mlp30", None)])
def test_pytorch_framed_pictures_fit_960_px_with_12_px_text(program, depth):
    torch = real_torch()
    picture = GraphPicture(trace(program, torch).graph, depth=depth)
    check_frames_hold_exactly_their_boxes(picture)
    width, smallest = measure(picture.svg())
    assert width <= COLUMN and smallest >= 12


# (mlp30 at --depth all is larger than --max-nodes: collapsed, it is drawn without frames)
@pytest.mark.parametrize("program", [p for p in ON_AUTOGRAD_LAB if p != "mlp30"])
def test_autograd_lab_every_op_framed_by_its_modules_fits_the_column(program):
    picture = GraphPicture(trace(program, autograd_lab).graph, depth="all")
    frames = check_frames_hold_exactly_their_boxes(picture)
    assert frames and module_boxes(picture) == []
    width, smallest = measure(picture.svg())
    assert width <= COLUMN and smallest >= 12


def test_the_png_draws_the_frames_too():
    picture = GraphPicture(trace("conv_net", autograd_lab).graph, depth="all")
    frames = [item for item in picture.canvas().items  # (the legend's swatch has corners of 4 px)
              if item[0] == "rect" and item[5] == STYLE["frame"][0] and item[7] == 6]
    assert len(frames) == len(picture.view().frames) == 7  # conv: Sequential and its 6 modules
    assert picture.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_pytorch_src_that_needs_no_grad_reaches_the_collapsed_self_attn_box():
    torch = real_torch()
    g = GraphPicture(trace("transformer", torch).graph).to_networkx()
    names = {g.nodes[k]["label"]: k for k in g.nodes}
    assert g.has_edge(names["src"], names["layer.self_attn: MultiheadAttention"])


HIDDEN_INPUT = """
class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.ones(3))

    def forward(self, x):
        return self.w * float(x.sum())  # x reaches no op of the graph

torch.manual_seed(0)
scale = Scale()
x = torch.tensor([1., 2., 3.])
out = (scale(x) + x).sum()  # (x is drawn: the add takes it)
"""


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_constant_a_module_was_called_with_reaches_its_box_though_no_op_took_it(lib_name):
    lib = pytest.importorskip(lib_name)
    from autograd_lab.viz.trace import CellTracer

    ns = {"torch": lib, "nn": lib.nn}
    tracer = CellTracer(ns).start()
    try:
        exec(HIDDEN_INPUT, ns)
    finally:
        model = tracer.finish().graph
    g = GraphPicture(model, depth=0).to_networkx()
    names = {g.nodes[k]["label"]: k for k in g.nodes}
    assert g.has_edge(names["x"], names["scale: Scale"])
    assert g.nodes[names["x"]]["role"] == "const"


def test_pytorch_src_reaches_the_opened_self_attn_frame_at_its_border():
    from autograd_lab.viz.fit import fit_layout

    torch = real_torch()
    view = GraphPicture(trace("transformer", torch).graph, depth=2).view()
    src = [k for k, n in view.nodes.items() if n.lines[0] == "src"][0]
    attn = [f for f, (label, _, _) in view.frames.items() if label == "layer.self_attn: MultiheadAttention"][0]
    assert view.frame_inputs == [(src, attn)]
    layout, _ = fit_layout(view, COLUMN - 16)
    x, y, w, h = [f[:4] for f in layout.frames if f[4] == "layer.self_attn: MultiheadAttention"][0]
    end = [pts[-1] for s, d, _, pts in layout.edges if s == src and d.endswith(f"frame {attn}")]
    assert len(end) == 1 and end[0][1] == y and x < end[0][0] < x + w  # the arrow ends on its top border


def test_framed_pictures_are_the_same_bytes_whatever_the_string_hash_seed():
    import os
    import subprocess
    import sys

    here = pathlib.Path(__file__).parent
    code = ("import hashlib, sys\nsys.path[:0] = [sys.argv[1], sys.argv[2]]\nimport autograd_lab\n"
            "from module_view_programs import trace\nfrom autograd_lab.viz.display import GraphPicture\n"
            "svg = GraphPicture(trace('conv_net', autograd_lab).graph, depth='all').svg()\n"
            "print(hashlib.sha256(svg.encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code, str(here.parent.parent), str(here)], check=True,
                              capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED=seed)).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1


def test_a_failure_to_lay_out_the_frames_draws_the_picture_without_them_with_a_note(monkeypatch):
    from autograd_lab.viz import frame_layout

    def broken(*args):
        raise KeyError("m9")

    monkeypatch.setattr(frame_layout, "framed_layout", broken)
    picture = GraphPicture(trace("conv_net", autograd_lab).graph, depth="all")
    assert "The modules' frames could not be drawn (KeyError: 'm9')." in picture.svg()
    assert not [f for f in picture.canvas().items if f[0] == "rect" and f[5] == STYLE["frame"][0]]


def test_a_model_run_twice_draws_its_parameters_in_neither_box_nor_outside(monkeypatch):
    # A forward after the training loop: the parameters are taken by two calls of deep, so they are
    # in neither call's group; with both calls drawn as boxes, the boxes' lines count them (before:
    # 60 parameter nodes down the picture, 8,100 px tall). Opened (--depth all), they are drawn.
    torch = real_torch()
    code = PROGRAMS["mlp30"] + "pred = deep(x)\n"
    monkeypatch.setitem(PROGRAMS, "mlp30_twice", code)
    graph = trace("mlp30_twice", torch).graph
    picture = GraphPicture(graph)
    tensors = [node.lines[0] for node in picture.view().nodes.values() if node.kind == "tensor"]
    assert not [t for t in tensors if t.startswith("deep.")]
    assert labels(picture) == ["deep.0 … deep.59"] * 2  # (each call: its 30 blocks, in a deep: Sequential frame)
    width, smallest = measure(picture.svg())
    assert width <= COLUMN and smallest >= 12
    opened = [node.lines[0] for node in GraphPicture(graph, depth="all").view().nodes.values() if node.kind == "tensor"]
    assert [t for t in opened if t.startswith("deep.")]  # (drawn once the calls are opened)
