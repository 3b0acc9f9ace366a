"""Adapter: how capture reads real PyTorch's tensors and graph nodes, and hears its events.

Only used when the learner's code already imported torch: capture never imports it itself.
"""
import warnings
import weakref

import numpy as np

from .live import PREVIEW_ELEMENTS, preview, walk
from .patching import drop_own_frame, wrap_method


class TorchAdapter:
    """Answers capture's questions about PyTorch objects (see ``capture.GraphBuilder``)."""

    library = "torch"

    def __init__(self):
        import torch

        self.torch = torch

    # -- tensors ------------------------------------------------------------------------------
    def is_tensor(self, obj):
        return isinstance(obj, self.torch.Tensor)

    def module_tensors(self, obj):
        if isinstance(obj, self.torch.nn.Module):
            return list(obj.named_parameters())
        return None

    def grad_fn(self, t):
        return t.grad_fn

    def requires_grad(self, t):
        return t.requires_grad

    def to_numpy(self, t):
        """A numpy view or copy of ``t``'s values; NaN (0 for integers) of its shape when it has
        none to read (a tensor on the ``meta`` device)."""
        t = t.detach()
        if t.dtype in (self.torch.bfloat16,):
            t = t.float()
        if t.is_meta:
            values = np.zeros(tuple(t.shape), self.torch.empty(0, dtype=t.dtype).numpy().dtype)
            if values.dtype.kind in "fc":
                values[...] = np.nan
            return values
        # conj() and neg() of a view only set a bit, which numpy() refuses to read.
        return t.resolve_conj().resolve_neg().cpu().numpy()

    def grad_of(self, t):
        if t.grad_fn is not None and not t.retains_grad:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return t.grad

    def tensor_info(self, t):
        grad = self.grad_of(t)
        return dict(
            shape=tuple(t.shape), dtype=str(t.dtype).replace("torch.", ""),
            value=self.to_numpy(t) if not t.is_meta else None,
            requires_grad=t.requires_grad, is_leaf=t.grad_fn is None, retains_grad=t.retains_grad,
            grad=self.to_numpy(grad) if grad is not None else None, grad_fn=t.grad_fn,
            output_nr=t.output_nr,
        )

    # -- nodes --------------------------------------------------------------------------------
    def node_name(self, node):
        return node.name().replace("torch::autograd::", "")

    def next_functions(self, node):
        return node.next_functions

    def variable(self, node):
        return getattr(node, "variable", None) if node.name().endswith("AccumulateGrad") else None

    def saved(self, node):
        """``[(name, value, freed)]``: the node's ``_saved_*`` attributes (freed ones raise)."""
        out = []
        for name in sorted(a for a in dir(node) if a.startswith("_saved_")):
            try:
                out.append((name, getattr(node, name), False))
            except RuntimeError:
                out.append((name, None, True))
        if isinstance(node, self.torch.autograd.function.BackwardCFunction):
            try:
                for i, t in enumerate(node.saved_tensors):
                    out.append((f"saved_tensors[{i}]", t, False))
            except RuntimeError:
                out.append(("saved_tensors", None, True))
        return out

    def root_node(self, t):
        if t.grad_fn is not None:
            return t.grad_fn
        return self.torch.autograd.graph.get_gradient_edge(t).node

    def node_key(self, node):
        """A key no other node made in this thread shares: its sequence number (the Python
        object of a node may be made anew each time it is read, so its id is no key)."""
        return node._sequence_nr()

    # -- events -------------------------------------------------------------------------------
    def install(self, recorder):
        """Hear backward calls (through node hooks), ``zero_()``, ``zero_grad()`` and ``step()``
        until the returned function is called; it restores everything as it was."""
        torch = self.torch
        autograd = torch.autograd
        original = autograd._engine_run_backward
        to_numpy = self._grads_to_numpy

        def observe(call, node):
            def hook(grads_out, grads_in):
                if not recorder.backward_stopped:
                    try:
                        call.observe(node, to_numpy(grads_in), to_numpy(grads_out))
                    except Exception as e:  # noqa: BLE001 - never break the learner's backward
                        recorder.backward_failed(e)

            return node.register_hook(hook)

        def follow(t_outputs):
            """The recorder's call and the hooks on its nodes, or ``(None, [])`` when the
            backward is not followed (then it runs untouched)."""
            if recorder.backward_stopped:
                return None, []
            call, handles = None, []
            try:
                roots = [self.root_node(t) for t in t_outputs]
                call = recorder.backward_started(roots)
                handles = [observe(call, node) for node in walk(self, roots)]
                return call, handles
            except Exception as e:  # noqa: BLE001 - never break the learner's backward
                recorder.backward_failed(e)
                unfollow(call, handles)
                return None, []

        def unfollow(call, handles):
            for h in handles:
                h.remove()
            if call is not None:
                recorder.backward_finished(call)

        def engine_run_backward(t_outputs, *args, **kwargs):
            if not kwargs.get("accumulate_grad", False):  # autograd.grad: no .grad changes
                call, handles = None, []
            else:
                call, handles = follow(t_outputs)
            try:
                return original(t_outputs, *args, **kwargs)
            except BaseException as e:
                drop_own_frame(e)
                raise
            finally:
                unfollow(call, handles)

        autograd._engine_run_backward = engine_run_backward
        restores = [lambda: setattr(autograd, "_engine_run_backward", original)]
        restores.append(wrap_method(torch.Tensor, "zero_", recorder.zeroed, subclasses=False))
        restores.append(wrap_method(torch.optim.Optimizer, "zero_grad", lambda o: recorder.event("zero_grad", o)))
        restores.append(wrap_method(torch.nn.Module, "zero_grad", lambda m: recorder.event("zero_grad", m)))
        from torch.optim.optimizer import register_optimizer_step_post_hook

        handle = register_optimizer_step_post_hook(
            lambda opt, args, kwargs: recorder.event("step", opt))
        restores.append(handle.remove)
        restores.append(self._follow_ops(recorder))

        def uninstall():
            for restore in reversed(restores):
                restore()

        return uninstall

    def _follow_ops(self, recorder):
        """Note every op that makes a node (through a ``TorchFunctionMode``, entered now and left
        by the returned function); on any error the mode only stops noting, with a warning."""
        mode = _make_op_mode(self, recorder)
        mode.__enter__()

        def leave():
            try:
                mode.__exit__(None, None, None)
            except Exception as e:  # noqa: BLE001 - e.g. the code left a mode of its own open
                warnings.warn(f"%%tracegraph could not leave its torch function mode: {e}", RuntimeWarning)

        return leave

    def _grads_to_numpy(self, grads):
        return [None if g is None else self.to_numpy(g).copy() for g in grads]


def _make_op_mode(adapter, recorder):
    """A ``TorchFunctionMode`` that tells ``recorder`` of each op whose output has a new node."""
    from torch.overrides import TorchFunctionMode

    Tensor = adapter.torch.Tensor
    ops = recorder.ops
    numpy_dtypes = {}  # torch dtype -> numpy dtype, for the tensors too large to keep

    # This runs for every op of the traced cell, so the common case (one CPU tensor out, a few
    # tensors in) is written out with as few calls into torch as it needs.
    def keep(t):
        """``live.preview`` of ``t``: its bytes when small, else only its shape and dtype."""
        if t.numel() <= PREVIEW_ELEMENTS:
            try:  # refuses what it cannot read as is: meta, conj/neg bits, bfloat16, other devices
                return preview(t.detach().numpy())
            except (TypeError, RuntimeError):
                if not t.is_meta:
                    return preview(adapter.to_numpy(t))
        dtype = numpy_dtypes.get(t.dtype)
        if dtype is None:
            dtype = numpy_dtypes[t.dtype] = adapter.to_numpy(t.detach().reshape(-1)[:1]).dtype
        return (None, tuple(t.shape), dtype)

    def note(args, kwargs, out):
        if isinstance(out, Tensor):
            node = out.grad_fn
            if node is None:
                return
            key = node._sequence_nr()
            if key in ops:  # an op that returned a tensor it was given (.contiguous())
                return
            outputs = {out.output_nr: keep(out)}
        else:
            outs = [o for o in (out if type(out) in (tuple, list) else ()) if isinstance(o, Tensor)]
            node = outs[0].grad_fn if outs else None
            if node is None:
                return
            key = node._sequence_nr()
            if key in ops:
                return
            outputs = {o.output_nr: keep(o) for o in outs if o.grad_fn is node}
        constants, made = [], []
        for a in (*args, *kwargs.values()) if kwargs else args:
            if isinstance(a, Tensor):
                if not a.requires_grad:
                    constants.append((weakref.ref(a), keep(a)))
                elif a.grad_fn is not None:
                    made.append(a.grad_fn)
            elif type(a) in (tuple, list):
                for t in a:
                    if isinstance(t, Tensor):
                        if not t.requires_grad:
                            constants.append((weakref.ref(t), keep(t)))
                        elif t.grad_fn is not None:
                            made.append(t.grad_fn)
        # A function made of several ops (F.normalize) hands us only its last node, whose inputs
        # are not the function's: its constants are then not known to flow into that node.
        for n, _ in node.next_functions:
            if n is not None and not any(n is m for m in made) and not n.name().endswith("AccumulateGrad"):
                constants = None
                break
        recorder.op(key, outputs, constants)

    class OpMode(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            try:
                out = func(*args, **(kwargs or {}))
            except BaseException as e:
                drop_own_frame(e)
                raise
            if not recorder.ops_stopped:
                try:
                    note(args, kwargs, out)
                except Exception as e:  # noqa: BLE001 - never break the learner's cell
                    recorder.op_failed(e)
            return out

    return OpMode()
