"""Random programs, run in autograd_lab and in PyTorch, must agree.

Hypothesis draws a small random DAG of ops over a few random float64 input tensors (shapes that
broadcast, some inputs not requiring grad), writes it down as Python source that uses
``torch.``, and runs that same source with ``torch`` bound to autograd_lab and to PyTorch.
The source is what a failing example prints: paste it after ``import torch`` (or
``import autograd_lab as torch``) to reproduce.

While drawing, each candidate op is run in PyTorch first and kept only when its result is
valid (finite, small, inside the op's domain), so both libraries see well-defined programs.

Each property is its own test, so one kind of mismatch does not hide another:

* forward values of every named tensor;
* the backward graph: ``grad_fn`` names along ``next_functions`` (with ``output_nr``, the
  ``None`` edges and which leaf each ``AccumulateGrad`` belongs to);
* the leaves' ``.grad`` (and ``retain_grad`` intermediates) after backward of a sum, of a
  random ``gradient``, of two ``retain_graph=True`` calls (accumulation), or the result of
  ``autograd.grad``.
"""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, given, note, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

import autograd_lab  # noqa: E402

RTOL = 1e-8
ATOL = 1e-10
MAX_NUMEL = 48
MAX_ABS = 1e4

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same programs every run: a failure reproduces
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

VALUES = st.one_of(
    st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from([0.0, 1.0, -1.0, 0.5]),  # exact values: ties and kinks on purpose
)


class Program:
    """A program as source lines: inputs, ops, the output ``out``, then backward."""

    def __init__(self):
        self.lines = []
        self.inputs = []  # names of the input tensors
        self.grad_inputs = []  # the inputs that require grad
        self.pool = []  # names of the tensors ops may use
        self.retained = []  # names that called retain_grad()
        self.backward_lines = []
        self.mode = None
        self._count = 0

    def new_name(self):
        name = f"t{self._count}"
        self._count += 1
        return name

    def forward_source(self):
        return "\n".join(self.lines)

    def source(self):
        return "\n".join(self.lines + self.backward_lines)

    def __repr__(self):
        return "\n# ---- program (prefix with `import torch`) ----\n" + self.source() + "\n# ----\n"


# -- ops ----------------------------------------------------------------------------------------
def _valid(t):
    if not isinstance(t, torch.Tensor) or t.dtype != torch.float64:
        return False
    if t.numel() == 0 or t.numel() > MAX_NUMEL or t.dim() > 4:
        return False
    v = t.detach()
    return bool(torch.isfinite(v).all()) and float(v.abs().max()) < MAX_ABS


def _min(t):
    return float(t.detach().min())


def _max(t):
    return float(t.detach().max())


def _min_abs(t):
    return float(t.detach().abs().min())


UNARY = [
    ("torch.neg({x})", None),
    ("-{x}", None),
    ("{x}.sin()", None),
    ("torch.cos({x})", None),
    ("torch.tanh({x})", None),
    ("{x}.sigmoid()", None),
    ("torch.relu({x})", None),
    ("{x}.abs()", None),
    ("torch.exp({x})", lambda t: _max(t) < 5),
    ("{x}.expm1()", lambda t: _max(t) < 5),
    ("torch.log({x})", lambda t: _min(t) > 0.1),
    ("{x}.log1p()", lambda t: _min(t) > -0.9),
    ("{x}.sqrt()", lambda t: _min(t) > 0.1),
    ("torch.rsqrt({x})", lambda t: _min(t) > 0.1),
    ("{x}.reciprocal()", lambda t: _min_abs(t) > 0.1),
    ("{x}.tan()", lambda t: float(t.detach().abs().max()) < 1.2),
    ("{x} ** 2", None),
    ("{x} ** 3", None),
    ("{x} ** 0.5", lambda t: _min(t) > 0.1),
    ("{x} ** -1.5", lambda t: _min(t) > 0.1),
    ("torch.square({x})", None),
    ("{x}.clamp(-0.5, 0.5)", None),
    ("{x}.clamp(min=0.25)", None),
    ("torch.clamp_max({x}, 0.3)", None),
    ("{x} * 2.5", None),
    ("2.5 * {x}", None),
    ("{x} + 1.5", None),
    ("1.5 - {x}", None),
    ("{x} - 1", None),
    ("{x} / 2.0", None),
    ("2.0 / {x}", lambda t: _min_abs(t) > 0.1),
    ("3.0 ** {x}", lambda t: _max(t) < 5),
    ("{x}.clone()", None),
    ("torch.softmax({x}, -1)", lambda t: t.dim() >= 1),
    ("torch.log_softmax({x}, 0)", lambda t: t.dim() >= 1),
    ("{x}.sum()", None),
    ("{x}.mean()", None),
    ("{x}.max()", None),
    ("{x}.amin()", None),
    ("{x}.prod()", None),
    ("{x}.norm()", lambda t: float(t.detach().norm()) > 1e-3),
    ("{x}.var()", lambda t: t.numel() > 1),
    ("{x}.reshape(-1)", None),
    ("{x}.flatten()", None),
    ("{x}.squeeze()", None),
    ("{x}.unsqueeze(0)", lambda t: t.dim() < 4),
    ("{x}.unsqueeze(-1)", lambda t: t.dim() < 4),
    ("{x}.t()", lambda t: t.dim() == 2),
    ("{x}.T", lambda t: t.dim() == 2),
    ("{x}.transpose(0, -1)", lambda t: t.dim() >= 2),
    ("{x}.flip(0)", lambda t: t.dim() >= 1),
    ("{x}[0]", lambda t: t.dim() >= 1),
    ("{x}[-1]", lambda t: t.dim() >= 1),
    ("{x}[..., ::2]", lambda t: t.dim() >= 1),
    ("{x}[1:]", lambda t: t.dim() >= 1 and t.shape[0] > 1),
    ("{x}[:, None]", lambda t: t.dim() >= 1 and t.dim() < 4),
    ("{x}[[0, 0]]", lambda t: t.dim() >= 1),
    ("{x}[[-1, 0, -1]]", lambda t: t.dim() >= 1),
    ("{x}[{x} > 0]", lambda t: bool((t.detach() > 0).any())),
    ("{x}.expand(2, *{x}.shape)", lambda t: t.dim() < 4),
    ("{x}.repeat(*([2] + [1] * {x}.dim()))", lambda t: t.dim() < 4),
    ("{x}.unbind(0)[-1]", lambda t: t.dim() >= 1),
    ("{x}.split(1)[0]", lambda t: t.dim() >= 1),
    ("{x}.chunk(2, -1)[0]", lambda t: t.dim() >= 1),
    ("{x}.narrow(0, 0, 1)", lambda t: t.dim() >= 1),
    ("{x}.contiguous()", None),
    ("{x}.mT", lambda t: t.dim() >= 2),
]

DIM_OPS = [
    ("{x}.sum({d})", None),
    ("{x}.sum({d}, keepdim=True)", None),
    ("{x}.mean({d})", None),
    ("{x}.mean(dim={d}, keepdim=True)", None),
    ("{x}.prod({d})", None),
    ("{x}.amax({d})", None),
    ("{x}.max({d}).values", None),
    ("{x}.min({d}, keepdim=True)[0]", None),
    ("{x}.logsumexp({d})", None),
    ("torch.softmax({x}, {d})", None),
    ("torch.log_softmax({x}, dim={d})", None),
    ("{x}.cumsum({d})", None),
    ("{x}.var({d})", lambda t, d: t.shape[d] > 1),
    ("{x}.std({d})", lambda t, d: t.shape[d] > 1 and float(t.detach().std(d).min()) > 1e-3),
    ("{x}.norm(dim={d})", lambda t, d: float(t.detach().norm(dim=d).min()) > 1e-3),
    ("{x}.norm(p=1, dim={d})", None),
    ("{x}.flip({d})", None),
    ("{x}.unsqueeze({d})", lambda t, d: t.dim() < 4),
    ("{x}.squeeze({d})", None),
    ("torch.cat([{x}, {x}], {d})", None),
    ("torch.stack([{x}, {x} * 2], {d})", lambda t, d: t.dim() < 4),
]

BINARY = [
    ("{x} + {y}", None),
    ("{x} - {y}", None),
    ("{x} * {y}", None),
    ("{x} / {y}", lambda a, b: _min_abs(b) > 0.1),
    ("torch.maximum({x}, {y})", None),
    ("torch.minimum({x}, {y})", None),
    ("{x} ** {y}", lambda a, b: _min(a) > 0.1 and float(b.detach().abs().max()) < 3),
    ("torch.where({x} > {y}, {x}, {y})", None),
    ("torch.where({x} > 0, {x}, {y} * 2)", None),
    ("torch.add({x}, {y}, alpha=2)", None),
    ("torch.sub({x}, {y}, alpha=0.5)", None),
]


def _pick(draw, prog):
    return draw(st.sampled_from(prog.pool))


def _op_unary(draw, prog, ns):
    x = _pick(draw, prog)
    template, ok = draw(st.sampled_from(UNARY))
    if ok is not None and not ok(ns[x]):
        return None
    return [f"{{new}} = {template.format(x=x)}"], [x]


def _op_dim(draw, prog, ns):
    x = _pick(draw, prog)
    t = ns[x]
    if t.dim() == 0:
        return None
    d = draw(st.integers(-t.dim(), t.dim() - 1))
    template, ok = draw(st.sampled_from(DIM_OPS))
    if ok is not None and not ok(t, d):
        return None
    return [f"{{new}} = {template.format(x=x, d=d)}"], [x]


def _op_binary(draw, prog, ns):
    x, y = _pick(draw, prog), _pick(draw, prog)
    template, ok = draw(st.sampled_from(BINARY))
    try:
        torch.broadcast_shapes(ns[x].shape, ns[y].shape)
    except RuntimeError:
        return None
    if ok is not None and not ok(ns[x], ns[y]):
        return None
    return [f"{{new}} = {template.format(x=x, y=y)}"], [x, y]


def _batch_folding_differs(a, b):
    """PyTorch 2.13 folds a batched operand whose batch dims are all 1, and broadcasts unequal
    batch dims, with grad_fn chains autograd_lab does not copy (same values and gradients; see
    test_engine.test_matmul_with_a_batch_of_one_records_a_different_chain_than_pytorch)."""
    batched = [t for t in (a, b) if t.dim() >= 3]
    if any(all(s == 1 for s in t.shape[:-2]) for t in batched):
        return True
    return len(batched) == 2 and a.shape[:-2] != b.shape[:-2]


def _op_matmul(draw, prog, ns):
    x, y = _pick(draw, prog), _pick(draw, prog)
    a, b = ns[x], ns[y]
    if _batch_folding_differs(a, b):
        return None
    forms = []
    if a.dim() >= 1 and b.dim() >= 1 and a.shape[-1] == b.shape[-1]:
        forms.append(f"{x} @ {y}.mT" if b.dim() >= 2 else f"{x} @ {y}")
    if a.dim() == 1 and b.dim() == 1 and a.shape == b.shape:
        forms.append(f"torch.dot({x}, {y})")
    if a.dim() >= 1 and b.dim() >= 2 and a.shape[-1] == b.shape[-2]:
        forms.append(f"torch.matmul({x}, {y})")
    if a.dim() >= 1 and b.dim() >= 1 and a.shape[-1] == b.shape[-1] and a.dim() <= 2:
        forms.append(f"{y} @ {x}.mT" if a.dim() == 2 else f"{y} @ {x}")
    if not forms:
        return None
    return [f"{{new}} = {draw(st.sampled_from(forms))}"], [x, y]


def _op_cat(draw, prog, ns):
    x, y = _pick(draw, prog), _pick(draw, prog)
    a, b = ns[x], ns[y]
    if a.dim() == 0 or a.dim() != b.dim():
        return None
    d = draw(st.integers(0, a.dim() - 1))
    if any(a.shape[i] != b.shape[i] for i in range(a.dim()) if i != d):
        return None
    if draw(st.booleans()) and a.shape == b.shape:
        return [f"{{new}} = torch.stack([{x}, {y}], {d})"], [x, y]
    return [f"{{new}} = torch.cat([{x}, {y}], {d})"], [x, y]


INPLACE_UNARY = ["mul_(2.0)", "add_(1.5)", "sigmoid_()", "tanh_()", "neg_()", "sin_()", "clamp_(-0.5, 0.5)", "abs_()", "relu_()"]


def _op_inplace(draw, prog, ns):
    """On a fresh clone (nothing saved it): an in-place op, on the whole tensor or a view."""
    x = _pick(draw, prog)
    t = ns[x]
    lines = ["{new} = " + f"{x}.clone()"]
    if draw(st.booleans()):
        lines.append("{new}.retain_grad()")
    target = "{new}"
    if t.dim() >= 1 and draw(st.booleans()):
        target = "{new}" + draw(st.sampled_from(["[0]", "[-1]", "[..., 0]", "[1:]", "[::2]"]))
        if target.endswith("[1:]") and t.shape[0] < 2:
            return None
    kind = draw(st.sampled_from(["unary", "binary", "setitem"]))
    used = [x]
    if kind == "unary":
        lines.append(f"{target}.{draw(st.sampled_from(INPLACE_UNARY))}")
    elif kind == "binary":
        y = _pick(draw, prog)
        method = draw(st.sampled_from(["mul_", "add_", "sub_", "copy_"]))
        # the other operand reduced to a scalar always broadcasts into the target
        lines.append(f"{target}.{method}({y}.sum())" if draw(st.booleans()) else f"{target}.{method}({y})")
        used.append(y)
    else:
        if t.dim() == 0:
            return None
        y = _pick(draw, prog)
        key = draw(st.sampled_from(["0", "-1", "..., 0", "1:", "::2"]))
        lines.append("{new}" + f"[{key}] = {y}.sum()")
        used.append(y)
    return lines, used


OPS = [_op_unary] * 4 + [_op_dim] * 3 + [_op_binary] * 3 + [_op_matmul, _op_cat, _op_inplace, _op_inplace]


def _shape_for(draw, base):
    rank = draw(st.integers(0, len(base)))
    shape = base[len(base) - rank:]
    return tuple(s if draw(st.integers(0, 3)) else 1 for s in shape)


@st.composite
def programs(draw):
    prog = Program()
    ns = {"torch": torch}
    base = [draw(st.sampled_from([2, 3, 1])) for _ in range(draw(st.sampled_from([2, 1, 3])))]
    n_inputs = draw(st.integers(1, 3))
    for i in range(n_inputs):
        shape = _shape_for(draw, base)
        values = draw(hnp.arrays(np.float64, shape, elements=VALUES))
        requires = i == 0 or draw(st.integers(0, 3)) > 0
        name = prog.new_name()
        line = f"{name} = torch.tensor({values.tolist()!r}, dtype=torch.float64, requires_grad={requires})"
        exec(line, ns)
        prog.lines.append(line)
        prog.inputs.append(name)
        prog.pool.append(name)
        if requires:
            prog.grad_inputs.append(name)

    consumed = set()
    intermediates = []
    n_ops = draw(st.integers(1, 7))
    for _ in range(n_ops):
        for _attempt in range(20):
            op = draw(st.sampled_from(OPS))
            made = op(draw, prog, ns)
            if made is None:
                continue
            lines, used = made
            name = f"t{prog._count}"
            lines = [line.replace("{new}", name) for line in lines]
            trial = dict(ns)
            try:
                for line in lines:
                    exec(line, trial)
            except Exception:  # noqa: BLE001 - PyTorch refused the op: draw another
                continue
            if not _valid(trial.get(name)):
                continue
            ns.update(trial)
            prog.new_name()
            prog.lines.extend(lines)
            consumed.update(used)
            if any(line == f"{name}.retain_grad()" for line in lines):
                prog.retained.append(name)
            elif ns[name].requires_grad and ns[name].grad_fn is not None and draw(st.integers(0, 4)) == 0:
                prog.lines.append(f"{name}.retain_grad()")
                exec(prog.lines[-1], ns)
                prog.retained.append(name)
            prog.pool.append(name)
            intermediates.append(name)
            break
    if not intermediates:
        prog.lines.append("t_last = t0 * 1.5")
        exec(prog.lines[-1], ns)
        intermediates.append("t_last")

    # Every unconsumed intermediate feeds the output, so most inputs reach it.
    last = intermediates[-1]
    sinks = [t for t in intermediates[:-1] if t not in consumed]
    line = "out = " + " + ".join([last] + [f"{s}.sum()" for s in sinks])
    prog.lines.append(line)
    exec(line, ns)
    if not ns["out"].requires_grad:
        prog.lines.append(f"out = out + {prog.grad_inputs[0]}.sum()")
        exec(prog.lines[-1], ns)

    mode = draw(st.sampled_from(["sum", "gradient", "twice", "grad"]))
    prog.mode = mode
    if mode == "sum":
        prog.backward_lines = ["out.sum().backward()"]
    elif mode == "gradient":
        g = draw(hnp.arrays(np.float64, tuple(ns["out"].shape), elements=st.floats(-2, 2, width=64)))
        prog.backward_lines = [f"out.backward(gradient=torch.tensor({g.tolist()!r}, dtype=torch.float64))"]
    elif mode == "twice":
        prog.backward_lines = ["loss = (out * out).sum()", "loss.backward(retain_graph=True)", "loss.backward()"]
    else:
        names = ", ".join(prog.grad_inputs)
        prog.backward_lines = [f"grads = torch.autograd.grad(out.sum(), [{names}], allow_unused=True)"]
    return prog


# -- running ------------------------------------------------------------------------------------
def _run_forward(T, prog):
    ns = {"torch": T}
    exec(prog.forward_source(), ns)
    return ns


def _run(T, prog):
    ns = _run_forward(T, prog)
    exec("\n".join(prog.backward_lines), ns)
    return ns


def _arr(t):
    return None if t is None else t.detach().numpy(force=True)


def _graph(out, leaf_names):
    """The graph under ``out.grad_fn`` as a list, nodes numbered in breadth-first order:
    (name, leaf name for AccumulateGrad, [(child number or None, output_nr), ...])."""
    root = out.grad_fn
    if root is None:
        return []
    numbers = {id(root): 0}
    keep = [root]
    queue = [root]
    rows = []
    while queue:
        node = queue.pop(0)
        edges = []
        for child, nr in node.next_functions:
            if child is None:
                edges.append((None, nr))
                continue
            if id(child) not in numbers:
                numbers[id(child)] = len(numbers)
                keep.append(child)
                queue.append(child)
            edges.append((numbers[id(child)], nr))
        var = getattr(node, "variable", None)
        leaf = next((n for n, t in leaf_names if t is var), "?") if var is not None else None
        rows.append((node.name(), leaf, edges))
    return rows


def _close(a, b, what, prog):
    if a is None or b is None:
        assert a is None and b is None, f"{what}: autograd_lab {a!r}, PyTorch {b!r}\n{prog!r}"
        return
    assert a.shape == b.shape, f"{what}: shape {a.shape}, PyTorch {b.shape}\n{prog!r}"
    np.testing.assert_allclose(a, b, rtol=RTOL, atol=ATOL, err_msg=f"{what}\n{prog!r}")


# -- properties ---------------------------------------------------------------------------------
@SETTINGS
@given(programs())
def test_forward_values_match_torch(prog):
    note(repr(prog))
    lab, ref = _run_forward(autograd_lab, prog), _run_forward(torch, prog)
    for name in prog.pool + ["out"]:
        _close(_arr(lab[name]), _arr(ref[name]), f"value of {name}", prog)
        assert lab[name].requires_grad == ref[name].requires_grad, f"{name}.requires_grad\n{prog!r}"


@SETTINGS
@given(programs())
def test_grad_fn_graph_matches_torch(prog):
    note(repr(prog))
    lab, ref = _run_forward(autograd_lab, prog), _run_forward(torch, prog)
    for name in prog.pool:
        lab_fn, ref_fn = lab[name].grad_fn, ref[name].grad_fn
        assert (lab_fn and lab_fn.name()) == (ref_fn and ref_fn.name()), f"{name}.grad_fn\n{prog!r}"
    lab_graph = _graph(lab["out"], [(n, lab[n]) for n in prog.inputs])
    ref_graph = _graph(ref["out"], [(n, ref[n]) for n in prog.inputs])
    assert lab_graph == ref_graph, f"graph under out.grad_fn differs\n{prog!r}"


@SETTINGS
@given(programs())
def test_gradients_match_torch(prog):
    note(repr(prog))
    lab, ref = _run(autograd_lab, prog), _run(torch, prog)
    if prog.mode == "grad":
        assert len(lab["grads"]) == len(ref["grads"])
        for name, a, b in zip(prog.grad_inputs, lab["grads"], ref["grads"]):
            _close(_arr(a), _arr(b), f"autograd.grad for {name}", prog)
        return
    for name in prog.inputs:
        _close(_arr(lab[name].grad), _arr(ref[name].grad), f"{name}.grad", prog)
    for name in prog.retained:
        _close(_arr(lab[name].grad), _arr(ref[name].grad), f"{name}.grad (retain_grad)", prog)
