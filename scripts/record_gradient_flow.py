#!/usr/bin/env python
"""Record the gradient-flow golden from real PyTorch: a 30-layer MLP's SGD training loop, and the
norm of each parameter's ``.grad`` after each backward call as PyTorch computes it
(``p.grad.norm().item()``), in ``named_parameters`` order.

Writes ``tests/golden/gradient_flow.json`` (the program, the names, the norms), which
``tests/viz/test_gradient_flow.py`` checks the chart's numbers against, with or without torch.

    python scripts/record_gradient_flow.py           # write the file
    python scripts/record_gradient_flow.py --check   # write nothing; exit 1 if it is out of date
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden", "gradient_flow.json")

# The cell the test traces (``torch`` and ``nn`` are PyTorch's or autograd_lab's).
PROGRAM = """\
torch.manual_seed(0)
layers = []
for i in range(30):
    layers += [nn.Linear(8, 8), nn.Tanh()]
model = nn.Sequential(*layers[:-1])
X = torch.randn(32, 8)
Y = torch.randn(32, 8)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(12):
    opt.zero_grad()
    loss = ((model(X) - Y) ** 2).mean()
    loss.backward()
    opt.step()
"""


def record():
    import torch

    torch.set_num_threads(1)
    ns = {"torch": torch, "nn": torch.nn}
    norms = []
    # The same program, with the norms read right after each backward call.
    recording = PROGRAM.replace("    loss.backward()\n",
                                "    loss.backward()\n    norms.append([p.grad.norm().item() for p in model.parameters()])\n")
    assert recording != PROGRAM
    ns["norms"] = norms
    exec(recording, ns)
    names = [f"model.{name}" for name, _ in ns["model"].named_parameters()]  # as the namespace names them
    return {"torch": torch.__version__.split("+")[0], "program": PROGRAM, "names": names, "norms": norms}


def main():
    text = json.dumps(record(), indent=1, sort_keys=True) + "\n"
    if "--check" in sys.argv[1:]:
        with open(GOLDEN, encoding="utf-8") as f:
            same = f.read() == text
        print("up to date" if same else f"{GOLDEN} is out of date")
        sys.exit(0 if same else 1)
    with open(GOLDEN, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
