"""The models the module view is tested on (tests/viz/test_module_view.py), and the facts of a
traced cell's module view that tests/golden/module_view.json records from PyTorch
(``python scripts/record_module_view.py``).

Each program runs with ``torch`` and ``nn`` bound to PyTorch, or to autograd_lab for those in
``ON_AUTOGRAD_LAB`` (autograd_lab's ``nn`` has the modules they use).
"""
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.module_view import default_depth, levels
from autograd_lab.viz.trace import CellTracer
from autograd_lab.viz.views import dataflow_view

PROGRAMS = {
    "transformer": """
torch.manual_seed(0)
layer = nn.TransformerEncoderLayer(d_model=32, nhead=4)
src = torch.randn(5, 2, 32)
out = layer(src)
out.sum().backward()
""",
    "lstm": """
torch.manual_seed(0)
lstm = nn.LSTM(16, 32, num_layers=2)
seq = torch.randn(5, 3, 16)
out, (h, c) = lstm(seq)
out.sum().backward()
""",
    "gru": """
torch.manual_seed(0)
gru = nn.GRU(8, 16, num_layers=2)
seq = torch.randn(4, 2, 8)
out, h = gru(seq)
out.sum().backward()
""",
    "conv_net": """
torch.manual_seed(0)
conv = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                     nn.Linear(8 * 15 * 15, 10))
images = torch.randn(4, 3, 32, 32)
loss = conv(images).sum()
loss.backward()
""",
    "mlp30": """
torch.manual_seed(0)
deep = nn.Sequential(*[m for _ in range(30) for m in (nn.Linear(16, 16), nn.Tanh())])
x = torch.randn(4, 16)
loss = deep(x).pow(2).mean()
loss.backward()
""",
    "adam_loop": """
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(20, 64), nn.Tanh(), nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
X = torch.randn(64, 20)
Y = torch.randn(64, 1)
for step in range(5):
    opt.zero_grad()
    loss = ((model(X) - Y) ** 2).mean()
    loss.backward()
    opt.step()
""",
    "linear": """
torch.manual_seed(0)
fc = nn.Linear(3, 2)
x = torch.randn(4, 3)
fc(x).sum().backward()
""",
}
ON_AUTOGRAD_LAB = ("conv_net", "mlp30", "adam_loop", "linear")


def trace(program, torch):
    """The trace of ``PROGRAMS[program]`` run on ``torch`` (PyTorch or autograd_lab)."""
    ns = {"torch": torch, "nn": torch.nn}
    tracer = CellTracer(ns).start()
    try:
        exec(PROGRAMS[program], ns)
    finally:
        result = tracer.finish()
    return result


def facts(model):
    """What the module view makes of a traced cell: each module call's label, the label of the
    call it was made in, and the grad_fn names of the ops it made itself (sorted, each once);
    the default depth; and at each depth the module boxes' lines."""
    groups = []
    for gid, group in model.modules.items():
        parent = model.modules[group.parent].label if group.parent else None
        ops = sorted({model.functions[fid].name for fid, g in model.module_of.items() if g == gid})
        groups.append([group.label, parent, ops])
    boxes = {}
    for depth in range(levels(model)):
        view = GraphPicture(model, depth=depth).view()
        boxes[str(depth)] = [node.lines for node in view.nodes.values() if node.kind == "module"]
    return {"groups": groups, "levels": levels(model), "default_depth": default_depth(dataflow_view(model), model),
            "boxes": boxes}
