"""Replay data for the backward stepper: each node backward runs, what reached it, what it sent on.

Two sources give the same ``Replay``: a live scalar output (``replay_output``: backward is run
through ``autograd.grad`` with a hook on every node, so no ``.grad`` of the learner's changes) and
a backward call a ``%%tracegraph`` cell recorded (``replay_trace``).
"""
import sys
from dataclasses import dataclass, field

import numpy as np

from ..parity.messages import shape_str
from ..viz.capture import GraphBuilder, named_tensors
from ..viz.live import walk
from ..viz.model import Step, copy_array
from ..viz.trace import NAMESPACE_SKIP, adapter_for
from ..viz.words import count
from .rules import rule_lines


@dataclass
class Arrival:
    """One gradient reaching a node: its value, and the node (and its input) that sent it."""

    value: object
    output_nr: int
    source: str  # function id of the sender
    source_name: str
    source_step: int  # 1-based
    input_name: str  # the sender's input the gradient is for: self, other, ...


@dataclass
class ReplayStep:
    """The ``number``-th node backward ran (1-based), in the engine's order."""

    number: int
    node: str  # function id in the model
    name: str
    grads_in: list  # one per output of the node (summed over arrivals), numpy or None
    grads_out: list  # one per next_functions edge, numpy or None
    rules: list  # [(input name, formula)], one per edge
    edges: list  # [(target function id or None, output_nr)], one per edge
    arrivals: list = field(default_factory=list)  # Arrival, in the order they arrived
    leaf: str = None  # AccumulateGrad: the leaf's label
    grad_before: object = None  # AccumulateGrad: the leaf's .grad before this step
    grad_after: object = None  # ... and after ``+=``


@dataclass
class Replay:
    """A whole backward call, ready to step through."""

    model: object  # GraphModel
    steps: list
    nodes: list  # function ids reached by this call (what the picture draws)
    output_label: str = "output"

    def leaf_grads(self, upto):
        """``{leaf label: .grad}`` after the first ``upto`` steps (before the call: ``upto=0``)."""
        grads = {}
        for s in self.steps:
            if s.leaf is not None:
                grads[s.leaf] = s.grad_after if s.number <= upto else s.grad_before
        return grads


def leaf_label(model, fid):
    rec = model.tensors[model.functions[fid].variable]
    return rec.names[0] if rec.names else f"leaf {shape_str(rec.shape)}"


def build_replay(model, steps, grads_before, output_label="output"):
    """A ``Replay`` from model ``Step`` records; ``grads_before`` maps a leaf label to its
    ``.grad`` before the call (missing: None)."""
    out = []
    arrivals = {}
    running = dict(grads_before)
    for i, s in enumerate(steps, 1):
        if s.node is None or s.node not in model.functions:
            raise ValueError(f"backward step {i} ran {s.name}, which is not in the captured graph: "
                             "step through the last backward() of the cell (call_index=-1)")
        fn = model.functions[s.node]
        step = ReplayStep(i, s.node, s.name, list(s.grads_in), list(s.grads_out),
                          rule_lines(s.name, len(fn.next)) if fn.variable is None else rule_lines(s.name, 1),
                          list(fn.next), arrivals.pop(s.node, []))
        if fn.variable is not None:
            step.leaf = leaf_label(model, s.node)
            before = running.get(step.leaf)
            g = s.grads_in[0] if s.grads_in else None
            step.grad_before = before
            if g is None:
                step.grad_after = before
            else:
                step.grad_after = np.array(g, copy=True) if before is None else before + g
            running[step.leaf] = step.grad_after
        else:
            for e, ((target, nr), g) in enumerate(zip(fn.next, s.grads_out)):
                if target is not None and g is not None:
                    name = step.rules[e][0] if e < len(step.rules) else f"input {e}"
                    arrivals.setdefault(target, []).append(Arrival(g, nr, s.node, s.name, i, name))
        out.append(step)
    reached = []
    for s in out:
        if s.node not in reached:
            reached.append(s.node)
    return Replay(model, out, reached, output_label)


def replay_output(output, gradient=None, namespace=None):
    """Run backward from ``output`` node by node (``autograd.grad`` with a hook on every node, so
    no ``.grad`` changes) and return its ``Replay``; tensors are named from ``namespace``."""
    adapter = adapter_for(output)
    if adapter is None:
        raise TypeError(f"expected a tensor (autograd_lab or torch) to step backward from, "
                        f"got {type(output).__name__}")
    lib = sys.modules[adapter.library]
    if not adapter.requires_grad(output):
        raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn "
                           "(nothing to step through: compute the output from a tensor with "
                           "requires_grad=True)")
    shape = tuple(adapter.to_numpy(output).shape)
    if gradient is None:
        if int(np.prod(shape)) != 1:
            raise RuntimeError(f"grad can be implicitly created only for scalar outputs (the output has "
                               f"shape {shape_str(shape)}: pass gradient=, a tensor of that shape, "
                               "or reduce it first, e.g. out.sum())")
        gradient = lib.ones_like(output)
    elif not adapter.is_tensor(gradient):
        gradient = lib.as_tensor(np.asarray(gradient, dtype=adapter.to_numpy(output).dtype))
    named = named_tensors(namespace or {}, adapter, NAMESPACE_SKIP)
    builder = GraphBuilder(adapter, named)
    root = adapter.root_node(output)
    model = builder.build([root])
    nodes = walk(adapter, [root])
    if len(nodes) > adapter.max_captured_functions:
        raise ValueError(f"the graph behind the output has {len(nodes):,} nodes, more than the "
                         f"{adapter.max_captured_functions:,} a {adapter.library} graph is read up to: "
                         "too large to step through (step through a smaller piece of it)")
    leaves = [adapter.variable(n) for n in nodes if adapter.variable(n) is not None]
    records = []
    handles = []
    for node in nodes:
        if adapter.variable(node) is None:
            def hook(grads_out, grads_in, node=node):
                records.append((node, _numpy(adapter, grads_in), _numpy(adapter, grads_out)))

            handles.append(node.register_hook(hook))
    try:
        grads = lib.autograd.grad([output], leaves, grad_outputs=[gradient], retain_graph=True,
                                  allow_unused=True)
    finally:
        for h in handles:
            h.remove()
    # autograd.grad hands the leaves' gradients back instead of running AccumulateGrad: put each
    # where the engine runs it, right after the node that sent its last gradient.
    acc = {id(adapter.root_node(v)): (adapter.root_node(v), g) for v, g in zip(leaves, grads)}
    steps = []
    if adapter.variable(root) is not None:  # the output is a leaf itself
        steps.append(Step(builder.fid[id(root)], adapter.node_name(root),
                          [copy_array(adapter.to_numpy(gradient))], []))
    for node, grads_in, grads_out in records:
        steps.append(Step(builder.fid[id(node)], adapter.node_name(node), grads_in, grads_out))
        for nxt, _ in adapter.next_functions(node):
            if nxt is not None and id(nxt) in acc and _last_sender(records, nxt, node):
                leaf_node, g = acc.pop(id(nxt))
                steps.append(Step(builder.fid[id(leaf_node)], "AccumulateGrad",
                                  [None if g is None else copy_array(adapter.to_numpy(g))], []))
    before = {}
    for v in leaves:
        fid = builder.fid[id(adapter.root_node(v))]
        g = adapter.grad_of(v)
        before[leaf_label(model, fid)] = None if g is None else copy_array(adapter.to_numpy(g))
    label = ", ".join(n for n, t in named if t is output) or "output"
    return build_replay(model, steps, before, label)


def _last_sender(records, target, node):
    """Whether ``node`` is the last recorded node with an edge to ``target``."""
    last = None
    for n, _, _ in records:
        if any(nxt is target for nxt, _ in n.next_functions):
            last = n
    return last is node


def _numpy(adapter, grads):
    return [None if g is None else copy_array(adapter.to_numpy(g)) for g in grads]


def replay_trace(trace, call_index=-1, graph_index=0):
    """The ``Replay`` of a backward call a ``%%tracegraph`` cell recorded (``-o NAME`` keeps the
    trace; a ``CellTraceResult`` or a ``viz.trace.Trace`` both do)."""
    trace = getattr(trace, "trace", trace)
    graphs = getattr(trace, "graphs", None)
    if graphs is None:
        raise TypeError(f"expected the trace of a %%tracegraph cell (-o NAME), got {type(trace).__name__}")
    if not graphs:
        raise ValueError("the traced cell built no autograd graph: nothing to step through")
    model = graphs[graph_index]
    if not model.backward_calls:
        raise ValueError("the traced cell called no backward(): nothing to step through "
                         "(call loss.backward() in the cell)")
    try:
        call = model.backward_calls[call_index]
    except IndexError:
        raise IndexError(f"call_index {call_index} is out of range: the cell made "
                         f"{count(len(model.backward_calls), 'backward call')}") from None
    if call.steps is None:
        raise ValueError(f"backward #{call.index} was not recorded node by node: on PyTorch %%tracegraph records "
                         f"the first {count(model.max_stepped_calls or 0, 'backward call')} of a cell that way "
                         "(through graphs of at most 100 nodes, after the first while the calls recorded total at "
                         "most 300 nodes); add --step to the %%tracegraph line to record "
                         "every call (a graph too large to be read whole is never recorded)")
    before = {}
    if call.grads_before is not None:
        before = dict(call.grads_before)
    else:
        label = f"backward #{call.index}"
        for i, e in enumerate(model.events):
            if e.kind == "backward" and e.label == label:
                if i > 0:
                    before = dict(model.events[i - 1].grads)
                break
    roots = [r for r in call.roots if r is not None]
    names = [", ".join(t.names) for t in model.tensors.values() if t.grad_fn in roots and t.names]
    return build_replay(model, call.steps, before, names[0] if names else "output")
