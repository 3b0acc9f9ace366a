"""Adapter: how capture reads autograd_lab's tensors and graph nodes, and hears its events."""
import sys
import weakref

import numpy as np

from .. import Tensor
from ..autograd import engine, function
from ..autograd.function import AccumulateGrad
from .live import MAX_RECORDED_OPS, PREVIEW_ELEMENTS, preview
from .modules import record_module_calls
from .patching import call_after_import, wrap_method


class LabAdapter:
    """Answers capture's questions about autograd_lab objects (see ``capture.GraphBuilder``)."""

    library = "autograd_lab"
    max_stepped_calls = None  # the engine hands every node to its listener anyway: all calls are stepped
    max_captured_functions = 10_000  # a graph is read up to this many nodes, those nearest its outputs

    def __init__(self):
        self.Tensor = Tensor
        self.AccumulateGrad = AccumulateGrad

    # -- tensors ------------------------------------------------------------------------------
    def is_tensor(self, obj):
        return isinstance(obj, self.Tensor)

    def module_tensors(self, obj):
        nn = sys.modules.get("autograd_lab.nn")
        if nn is not None and isinstance(obj, nn.Module):  # buffers too: bn.running_mean is a named constant
            return list(obj.named_parameters()) + list(obj.named_buffers())
        return None

    def grad_fn(self, t):
        return t._grad_fn

    def requires_grad(self, t):
        return t._requires_grad

    def to_numpy(self, t):
        return np.asarray(t._data)

    def grad_of(self, t):
        """The leaf's ``.grad`` tensor (read without a warning), or None."""
        return t._grad

    def leaf_grad(self, t):
        return t._grad

    def grad_norms(self, leaves):
        """The 2-norm of each leaf's ``.grad`` (None: it has none)."""
        return [None if t._grad is None else float(np.linalg.norm(t._grad._data.reshape(-1))) for t in leaves]

    def tensor_info(self, t):
        grad = t._grad
        return dict(
            shape=tuple(t._data.shape), dtype=t.dtype.name, value=t._data,  # (bfloat16 is float32 underneath)
            requires_grad=t._requires_grad, is_leaf=t._grad_fn is None, retains_grad=t._retains_grad,
            grad=grad._data if grad is not None else None, grad_fn=t._grad_fn, output_nr=t._output_nr,
        )

    # -- nodes --------------------------------------------------------------------------------
    def node_name(self, node):
        return node.name().replace("torch::autograd::", "")

    def next_functions(self, node):
        return node.next_functions

    def variable(self, node):
        return node.variable if type(node) is self.AccumulateGrad else None

    def saved(self, node, freed=False, held=None):
        """``[(name, value, freed)]``: the node's ``_saved_*`` attributes, as PyTorch lists them
        (``held``: see the torch adapter's; not needed here)."""
        out = []
        cls = type(node)
        for name in sorted(cls.saved_names + cls.saved_values):
            if name in cls.saved_names and node._freed and (
                    cls.saved_names.index(name) not in node._never_saved):
                out.append((f"_saved_{name}", None, True))
            else:
                out.append((f"_saved_{name}", getattr(node, "_saved_" + name), False))
        if not node._builtin and (node._stash or node._freed):
            if node._freed:
                out.append(("saved_tensors", None, True))
            else:
                for i, t in enumerate(node.saved_tensors):
                    out.append((f"saved_tensors[{i}]", t, False))
        return out

    def root_node(self, t):
        return t._grad_fn if t._grad_fn is not None else t._accumulator()

    def node_key(self, node):
        """A key for the node that no other node of the session shares (its creation number)."""
        return node._seq

    # -- events -------------------------------------------------------------------------------
    def install(self, recorder):
        """Hear backward calls (node by node), ``zero_()``, ``zero_grad()`` and ``step()`` until
        the returned function is called; it restores everything as it was."""
        restores = [engine.add_backward_listener(_EngineListener(recorder))]
        restores.append(function.add_op_listener(_op_listener(self.Tensor, recorder)))
        restores.append(wrap_method(self.Tensor, "zero_", recorder.zeroed, subclasses=False))

        def wrap_optim(optim):
            restores.append(wrap_method(optim.Optimizer, "zero_grad", lambda o: recorder.event("zero_grad", o)))
            restores.append(wrap_method(optim.Optimizer, "step", lambda o: recorder.event("step", o)))

        def wrap_nn(nn):
            restores.append(wrap_method(nn.Module, "zero_grad", lambda m: recorder.event("zero_grad", m)))
            # The next node's number: taking one leaves a gap, which orders nodes all the same.
            restores.append(record_module_calls(nn.Module, lambda: next(function._sequence) + 1,
                                                recorder.module_calls))

        # nn and optim load lazily (on first ``torch.optim``), maybe only inside the traced code.
        for name, wrap in (("autograd_lab.optim", wrap_optim), ("autograd_lab.nn", wrap_nn)):
            if name in sys.modules:
                wrap(sys.modules[name])
            else:
                restores.append(call_after_import(name, wrap))

        def uninstall():
            for restore in reversed(restores):
                restore()

        return uninstall


def _op_listener(Tensor, recorder):
    """``listener(node, args, outputs)`` for the engine: notes each recorded op in ``recorder``.
    It runs for every op of the traced code, so it is kept to a few attribute reads and copies."""
    ops = recorder.ops

    def on_op(node, args, outputs):
        if recorder.ops_stopped:
            return
        try:
            constants = ()
            for a in args:
                if isinstance(a, Tensor) and not a._requires_grad:
                    constants += ((weakref.ref(a), preview(a._data)),)
            if type(outputs) is tuple:
                outs = {nr: preview(o._data) for nr, o in enumerate(outputs)
                        if isinstance(o, Tensor) and o._grad_fn is node}
                ops[node._seq] = (outs, None, None, constants)
            else:  # the common case, written out: what preview(d) gives, and the constants
                d = outputs._data
                ops[node._seq] = (d.tobytes() if d.size <= PREVIEW_ELEMENTS else None, d.shape, d.dtype, constants)
            if len(ops) > MAX_RECORDED_OPS:
                recorder.forget_old_ops()
        except Exception as e:  # noqa: BLE001 - never break the learner's op
            recorder.op_failed(e)

    return on_op


class _EngineListener:
    """Relays the engine's backward passes to the recorder, gradients copied to numpy."""

    def __init__(self, recorder):
        self.recorder = recorder

    def backward_started(self, root_nodes):
        call = self.recorder.backward_started(root_nodes)

        def on_node(node, grads_in, grads_out):
            call.observe(node, _grads_to_numpy(grads_in), _grads_to_numpy(grads_out))

        on_node.call = call
        return on_node

    def backward_finished(self, on_node):
        self.recorder.backward_finished(on_node.call)


def _grads_to_numpy(grads):
    return [None if g is None else np.array(g._data) for g in grads]
