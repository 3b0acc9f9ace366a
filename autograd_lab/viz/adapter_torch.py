"""Adapter: how capture reads real PyTorch's tensors and graph nodes, and hears its events.

Only used when the learner's code already imported torch: capture never imports it itself.
"""
import gc
import warnings
import weakref

import numpy as np

from .live import MAX_RECORDED_OPS, PREVIEW_ELEMENTS, preview
from .model import MAX_KEPT_ELEMENTS, copy_array
from .modules import record_module_calls
from .patching import drop_own_frame, wrap_method

# What the op-following mode may spend per cell, in calls through torch's API (ops, but also
# optimizer internals, module set-up, attribute reads): each counts 1, and one that made a node
# (noted: previews copied, about 4 times the cost of the call) 10 more: about 300 ops, or a
# 100-layer MLP built and run in the cell (1,000 set-up calls and 201 ops). Then it stops
# noting, and is left at the next point where it is on top of torch's mode stack: the cell then
# runs at full speed.
MAX_FOLLOWED_CALLS = 3500
NOTED_OP_COST = 10
# ... and only until the backward call after this one starts (its graph noted): a loop's later
# graphs are drawn without them (their constants from the first graph of their shape). Noting
# costs about the op itself (a 30-layer MLP's training step: 3.4 ms, 4 ms more noted), so a
# loop's first three iterations are noted: a loop of up to 4 iterations (the lessons' loops of
# three backward calls) is drawn in full, as autograd_lab draws it.
MAX_FOLLOWED_BACKWARD = 3
# Backward calls heard node by node (a hook on every node), unless the cell asked for --step.
MAX_STEPPED_CALLS = 3
# A graph is read up to this many nodes, those nearest its outputs (reading a torch node from
# Python costs about as much as running it: a 3,000-step chain is not read whole).
MAX_CAPTURED_FUNCTIONS = 600
# Gradients of one shape are normed stacked, row by row, up to this many elements in all (torch's
# grain for splitting a reduction between threads: a row is then reduced whole, as alone).
STACKED_NORMS = 32768
assert STACKED_NORMS <= MAX_KEPT_ELEMENTS  # (a stacked gradient's row is the timeline's copy of it, whole)


class TorchAdapter:
    """Answers capture's questions about PyTorch objects (see ``capture.GraphBuilder``)."""

    library = "torch"
    max_stepped_calls = MAX_STEPPED_CALLS
    max_captured_functions = MAX_CAPTURED_FUNCTIONS

    def __init__(self):
        import torch

        self.torch = torch
        self._leaf_groups = None  # (leaves, how many, groups), see ``_grad_groups``

    # -- tensors ------------------------------------------------------------------------------
    def is_tensor(self, obj):
        return isinstance(obj, self.torch.Tensor)

    def module_tensors(self, obj):
        if isinstance(obj, self.torch.nn.Module):  # buffers too: bn.running_mean is a named constant
            return list(obj.named_parameters()) + list(obj.named_buffers())
        return None

    def grad_fn(self, t):
        return t.grad_fn

    def requires_grad(self, t):
        return t.requires_grad

    def to_numpy(self, t):
        """A numpy view or copy of ``t``'s values; NaN (0 for integers) of its shape when it has
        none to read (a tensor on the ``meta`` device)."""
        t = t.detach()
        if not t.is_meta:
            try:  # the common case (a CPU tensor numpy can read as is), in one call
                return t.numpy()
            except (TypeError, RuntimeError):  # bfloat16, conj/neg bits, other devices: below
                pass
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
        if t.grad_fn is None:
            return t.grad  # (reading a leaf's never warns)
        if not t.retains_grad:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return t.grad

    def leaf_grad(self, t):
        """A leaf's ``.grad`` (reading a leaf's never warns)."""
        return t.grad

    def grad_copies(self, leaves, norms=False):
        """``[copy_array of each leaf's .grad, or None]``, and with ``norms`` also ``grad_norms``
        of them (``(copies, norms)``): the timeline takes both after a backward call, from one
        stacked copy of each group of gradients of one shape (``_grad_groups``), whose rows are
        the copies (read-only views) and whose rows' norms are the norms. A gradient alone is
        read by numpy as is and copied."""
        copies, values = self._read_grads(leaves, copies=True, norms=norms)
        return (copies, values) if norms else copies

    def grad_norms(self, leaves):
        """The 2-norm of each leaf's ``.grad`` (None: it has none), outside any torch function
        mode (the cell's or ours). The small contiguous CPU gradients of one shape and dtype (a
        deep MLP's 30 weights) are stacked and normed row by row in one call: torch reduces each
        row as it reduces that tensor alone (``_foreach_norm`` norms one tensor at a time, about
        1.6 us each), so the numbers are the same; the others go through ``_foreach_norm``."""
        return self._read_grads(leaves, copies=False, norms=True)[1]

    def _read_grads(self, leaves, copies, norms):
        """``(copies or None, norms or None)`` of the leaves' gradients (``grad_copies``)."""
        torch = self.torch
        grads = [t.grad for t in leaves]
        kept = [None] * len(grads) if copies else None
        values = [None] * len(grads) if norms else None
        alone = []
        with torch._C.DisableTorchFunction(), torch.no_grad():
            for places in self._grad_groups(leaves, grads):
                if len(places) == 1:
                    alone.append(places[0])
                    continue
                stacked = torch.stack([grads[i] for i in places])
                if copies:
                    try:  # refuses bfloat16
                        rows = stacked.numpy()
                    except (TypeError, RuntimeError):
                        rows = self.to_numpy(stacked)
                    rows.flags.writeable = False  # (the rows are the timeline's copies: never written)
                    for i, row in zip(places, rows):  # (a group is within MAX_KEPT_ELEMENTS: rows kept whole)
                        kept[i] = row
                if norms:
                    for i, v in zip(places, torch.linalg.vector_norm(stacked.flatten(1), dim=1).tolist()):
                        values[i] = v
            if copies:
                for i in alone:
                    g = grads[i]
                    try:  # refuses a gradient that requires grad, conj/neg bits, bfloat16, meta, other devices
                        a = g.numpy()
                    except (TypeError, RuntimeError):
                        a = self.to_numpy(g)
                    kept[i] = copy_array(a)
            if norms and alone:
                for i, v in zip(alone, torch.stack(torch._foreach_norm([grads[i] for i in alone])).tolist()):
                    values[i] = v
        return kept, values

    def _grad_groups(self, leaves, grads):
        """The places of the gradients (not None) in groups that can be stacked: small contiguous
        CPU tensors of one dtype and shape, up to ``STACKED_NORMS`` elements a group (torch's grain
        for splitting a reduction between threads: a row is then reduced whole, as alone); every
        other gradient in a group of its own. A leaf's gradient has its dtype, shape and device
        (torch refuses any other), so the groups are the leaves', made once per list of leaves;
        each gradient's layout and contiguity is asked every time (a sparse gradient, or one
        assigned with other strides, goes alone)."""
        torch = self.torch
        cached = self._leaf_groups
        if cached is None or cached[0] is not leaves or cached[1] != len(leaves):
            groups = {}
            for i, t in enumerate(leaves):
                small = t.is_cpu and t.layout is torch.strided and t.numel() <= STACKED_NORMS
                groups.setdefault((t.dtype, t.shape) if small else i, []).append(i)
            split = []
            for key, places in groups.items():
                per_group = 1 if type(key) is int else max(1, STACKED_NORMS // max(1, leaves[places[0]].numel()))
                split.extend(places[k:k + per_group] for k in range(0, len(places), per_group))
            cached = self._leaf_groups = (leaves, len(leaves), split)
        strided = torch.strided
        out = []
        for places in cached[2]:
            present = [i for i in places if grads[i] is not None]
            if len(present) > 1:
                ok = [i for i, g in zip(present, [grads[i] for i in present])
                      if g.layout is strided and g.is_contiguous()]
                if len(ok) < len(present):
                    out.extend([i] for i in present if i not in ok)
                    present = ok
            if present:
                out.append(present)
        return out

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
        name = _NODE_NAME.get(type(node))
        if name is None:
            name = node.name().replace("torch::autograd::", "")
            if type(node).__name__ == name:  # a class of one op (not a generic wrapper): cached
                _NODE_NAME[type(node)] = name
        return name

    def next_functions(self, node):
        return node.next_functions

    def variable(self, node):
        is_acc = _IS_ACCUMULATE.get(type(node))
        if is_acc is None:
            is_acc = _IS_ACCUMULATE[type(node)] = node.name().endswith("AccumulateGrad")
        return node.variable if is_acc else None

    def saved_constants_of(self, node, held=None):
        """``{saved name: tensor}``: what ``node`` saved that needs no grad, as ``saved`` finds
        it, reading only the attributes that hold a tensor for nodes of its class. ``held``: a
        dict that gets ``{id(node): {name: whether it held a tensor (else None)}}`` for those
        attributes (read before backward: once backward frees the node, ``saved`` need not ask
        them, see there)."""
        names = _TENSOR_SAVED.get(type(node))
        if names is None:
            saved = self.saved(node)
            if not any(freed for _, _, freed in saved) and not isinstance(
                    node, self.torch.autograd.function.BackwardCFunction):
                _TENSOR_SAVED[type(node)] = [n for n, v, _ in saved if v is None or isinstance(v, self.torch.Tensor)]
                if held is not None:
                    held[id(node)] = {n: v is not None for n, v, _ in saved if n in _TENSOR_SAVED[type(node)]}
            return {n: v for n, v, freed in saved
                    if not freed and isinstance(v, self.torch.Tensor) and not v.requires_grad}
        if not names:
            return None
        found = {}
        holding = {}
        Tensor = self.torch.Tensor
        for name in names:
            try:
                v = getattr(node, name)
            except RuntimeError:
                holding = None  # freed already: nothing known of it
                continue
            if v is None:
                if holding is not None:
                    holding[name] = False
            elif isinstance(v, Tensor):
                if holding is not None:
                    holding[name] = True
                if not v.requires_grad:
                    found[name] = v
        if held is not None and holding is not None:
            held[id(node)] = holding
        return found

    def saved(self, node, freed=False, held=None):
        """``[(name, value, freed)]``: the node's ``_saved_*`` attributes (freed ones raise).
        ``freed``: backward is known to have freed its saved tensors; each slot is still asked,
        since one never saved reads None, not freed, unless ``held`` (``saved_constants_of``,
        read as the call started) says what an attribute was then: one that held a tensor is
        freed now, one that read None still does (asking a freed one raises: about 25 us)."""
        out = []
        names = _SAVED_NAMES.get(type(node))
        if names is None:
            names = _SAVED_NAMES[type(node)] = sorted(a for a in dir(node) if a.startswith("_saved_"))
        if not freed:
            held = None
        for name in names:
            if held is not None and name in held:
                out.append((name, None, held[name]))
                continue
            # Asked even when backward freed the node's values: a slot never saved (the operand
            # of ``yy * 3`` that needs no grad) still reads None then, as PyTorch shows it.
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
        # What the recorder reads (.grad, .requires_grad, numpy copies) goes past every torch
        # function mode: through ours it would cost a mode call each and count in its budget.
        quiet = torch._C.DisableTorchFunction

        def observe(call, node):
            def hook(grads_out, grads_in):
                if not recorder.backward_stopped:
                    try:
                        with quiet():
                            call.observe(node, to_numpy(grads_in), to_numpy(grads_out))
                    except Exception as e:  # noqa: BLE001 - never break the learner's backward
                        recorder.backward_failed(e)

            return node.register_hook(hook)

        def follow(t_outputs, frees):
            """The recorder's call and the hooks on its nodes (only when the recorder steps
            this call), or ``(None, [])`` when the backward is not followed (then it runs untouched)."""
            ops.step_back()  # (after a zero_grad() or step() that raised)
            if recorder.backward_stopped:
                return None, []
            call, handles = None, []
            try:
                with quiet():
                    roots = [self.root_node(t) for t in t_outputs]
                    call = recorder.backward_started(roots, frees)
                if call.index > MAX_FOLLOWED_BACKWARD and not ops.spent:
                    ops.spend(f"up to its backward call #{MAX_FOLLOWED_BACKWARD + 1}")
                if call.stepped:
                    handles = [observe(call, node) for node in call.order]
                return call, handles
            except Exception as e:  # noqa: BLE001 - never break the learner's backward
                recorder.backward_failed(e)
                unfollow(call, handles)
                return None, []

        def unfollow(call, handles):
            for h in handles:
                h.remove()
            if call is not None:
                with quiet():
                    recorder.backward_finished(call)
                if recorder.wants_module_calls():
                    module_calls.resume()
                    recorder.unnoted_from = None
                elif module_calls.on:  # (the next forward's graph is not read as its call starts: see there)
                    module_calls.pause()
                    recorder.unnoted_from = torch._C._autograd._get_sequence_nr()
            ops.leave_if_spent()

        def engine_run_backward(t_outputs, *args, **kwargs):
            if not kwargs.get("accumulate_grad", False):  # autograd.grad: no .grad changes
                call, handles = None, []
            else:  # (tensors, grad_tensors, retain_graph, create_graph, inputs, ...)
                frees = len(args) > 3 and not args[1] and not args[3]
                call, handles = follow(t_outputs, frees)
            try:
                return original(t_outputs, *args, **kwargs)
            except BaseException as e:
                drop_own_frame(e)
                if call is not None:
                    recorder.backward_raised(call)
                raise
            finally:
                unfollow(call, handles)

        ops = _OpFollower(self, recorder)

        def event(kind):
            def heard(owner, *_):
                ops.step_back()
                with quiet():
                    recorder.event(kind, owner)
                ops.leave_if_spent()

            return heard

        def zeroed(t):
            with quiet():
                recorder.zeroed(t)
            ops.leave_if_spent()

        def aside(owner, *_):
            # An optimizer's step() (under no_grad, unless it is differentiable) and zero_grad()
            # make no node: the op mode steps off torch's mode stack while they run (a 30-layer
            # MLP's SGD step and zero_grad are about 430 torch calls, ~3 us each through a mode).
            if not getattr(owner, "defaults", {}).get("differentiable", False):
                ops.step_aside()

        autograd._engine_run_backward = engine_run_backward
        restores = [lambda: setattr(autograd, "_engine_run_backward", original)]
        restores.append(wrap_method(torch.Tensor, "zero_", zeroed, subclasses=False))
        restores.append(wrap_method(torch.optim.Optimizer, "zero_grad", event("zero_grad"), before=aside))
        restores.append(wrap_method(torch.nn.Module, "zero_grad", event("zero_grad"), before=aside))
        from torch.optim.optimizer import register_optimizer_step_post_hook, register_optimizer_step_pre_hook

        handle = register_optimizer_step_pre_hook(aside)
        restores.append(handle.remove)
        handle = register_optimizer_step_post_hook(event("step"))
        restores.append(handle.remove)
        # (``_call_impl``: what ``Module.__call__`` calls, cheap to set, see modules.py)
        module_calls = record_module_calls(torch.nn.Module, torch._C._autograd._get_sequence_nr,
                                           recorder.module_calls, "_call_impl")
        restores.append(module_calls)
        restores.append(ops.start())
        restores.append(_follow_custom_functions(torch, ops, recorder))

        def uninstall():
            for restore in reversed(restores):
                restore()

        return uninstall

    def _grads_to_numpy(self, grads):
        """Numpy copies of a stepped node's gradients (a plain CPU gradient is read as is, as in
        ``grad_copies``: this runs for every node of a stepped call)."""
        out = []
        for g in grads:
            if g is None:
                out.append(None)
                continue
            try:  # refuses a gradient that requires grad (create_graph), conj/neg bits, bfloat16, meta, other devices
                a = g.numpy()
            except (TypeError, RuntimeError):
                a = self.to_numpy(g)
            out.append(a.copy())
        return out


_NODE_NAME = {}  # node class -> the name its nodes give
_SAVED_NAMES = {}  # node class -> its ``_saved_*`` attribute names (``dir`` is slow)
_TENSOR_SAVED = {}  # node class -> those of them that hold a tensor (or None)
_IS_ACCUMULATE = {}  # node class -> whether it is AccumulateGrad


class _OpFollower:
    """Notes every op that makes a node, through a ``TorchFunctionMode`` entered by ``start``
    (which returns the function that leaves it); on any error the mode only stops noting, with
    a warning.

    Every torch call of the cell goes through the mode, which costs more than a small op itself.
    So after ``MAX_FOLLOWED_CALLS`` calls the mode stops noting (always at the same call: the
    picture is the same every run) and is left as soon as it is on top of the mode stack of the
    thread it was entered on, at a point outside any torch call: after ``zero_grad()``, after an
    optimizer's ``step()``, after ``.grad.zero_()``, after backward, or when an op output made
    since dies in the learner's code (a weak reference's callback, skipped while the garbage
    collector runs, since that may happen inside a torch call). A mode pushed by the code above
    ours is left alone; ours then stays to the end of the cell, noting nothing, and is taken
    out from under it (the code's mode stays on the stack, as the code left it).
    """

    def __init__(self, adapter, recorder):
        self.adapter = adapter
        self.recorder = recorder
        self.torch_C = adapter.torch._C
        self.mode = None
        self.entered = self.left = False
        self.missing = False  # an op that made a node was not noted
        self.how_far = None
        self.calls = 0  # what noting cost so far (see MAX_FOLLOWED_CALLS)
        self.n_calls = 0  # calls noted
        self.spent = False
        self.outputs = []  # weak references to outputs made after the budget was spent
        self.collecting = False
        self.aside = None  # the mode stack's depth below ours, while ours is stepped off (``step_aside``)

    def start(self):
        self.mode = _make_op_mode(self.adapter, self.recorder, self)
        gc.callbacks.append(self._gc)
        try:
            self.mode.__enter__()
            self.entered = True
        except BaseException:
            gc.callbacks.remove(self._gc)
            raise
        return self.stop

    def _gc(self, phase, info):
        self.collecting = phase == "start"

    def spend(self, how_far):
        """Stop noting (``how_far``: which ops were noted, for the picture's note). The mode is
        left, when it is safe, once an op that made a node went unnoted (``missed``): a cell
        that ends before (a short loop) is drawn in full, with no note."""
        self.spent = True
        self.how_far = how_far

    def missed(self, out):
        """The first op the mode did not note: the picture will say so; leave when safe."""
        self.recorder.ops_budget_spent = self.how_far
        self.missing = True
        self.watch(out)

    def watch(self, out):
        """Leave when ``out`` (an op's output, made after the budget was spent) dies."""
        outputs = self.outputs
        if len(outputs) >= 64:  # ours may stay under a mode of the code's to the end: keep few
            del outputs[:32]
        try:
            outputs.append(weakref.ref(out, self._output_died))
        except TypeError:
            pass

    def _output_died(self, ref):
        if not self.collecting:
            self.leave_if_spent()

    def leave_if_spent(self):
        if not self.missing or self.left or not self.entered:
            return
        C = self.torch_C
        n = C._len_torch_function_stack()
        if n and C._get_function_stack_at(n - 1) is self.mode:
            C._pop_torch_function_stack()
            self.left = True
            self.outputs = []

    def step_aside(self):
        """Step off torch's mode stack, when ours is on top, while code that makes no node runs
        (an optimizer's ``zero_grad()`` and ``step()``): its calls then cost nothing and count
        nothing. ``step_back`` puts the mode back."""
        if not self.entered or self.left or self.aside is not None:
            return
        C = self.torch_C
        n = C._len_torch_function_stack()
        if n and C._get_function_stack_at(n - 1) is self.mode:
            C._pop_torch_function_stack()
            self.aside = n - 1

    def step_back(self):
        """Back on the stack after ``step_aside``, unless the budget was spent meanwhile (then
        the mode is left, as ``leave_if_spent`` would) or the stack is not as it was."""
        if self.aside is None:
            return
        depth, self.aside = self.aside, None
        C = self.torch_C
        if self.missing or C._len_torch_function_stack() != depth:
            self.left = True
            self.outputs = []
            return
        C._push_on_torch_function_stack(self.mode)

    def stop(self):
        if self._gc in gc.callbacks:
            gc.callbacks.remove(self._gc)
        self.outputs = []
        if self.aside is not None:  # off the stack already
            self.aside = None
            self.left = True
        if self.entered and not self.left:
            self.left = True
            try:
                self._take_out_own_mode()
            except Exception as e:  # noqa: BLE001 - never break the learner's cell
                warnings.warn(f"%%tracegraph could not leave its torch function mode: {e}", RuntimeWarning)

    def _take_out_own_mode(self):
        """Take our mode off torch's mode stack wherever it is; a mode the code entered above
        ours and left open stays, as it was (``mode.__exit__`` would pop whichever is on top)."""
        C = self.torch_C
        above = []
        while C._len_torch_function_stack():
            mode = C._pop_torch_function_stack()
            if mode is self.mode:
                break
            above.append(mode)
        else:
            warnings.warn("%%tracegraph's torch function mode was no longer on torch's mode stack", RuntimeWarning)
        for mode in reversed(above):
            C._push_on_torch_function_stack(mode)


def _make_op_mode(adapter, recorder, follower):
    """A ``TorchFunctionMode`` that tells ``recorder`` of each op whose output has a new node,
    for the first ``MAX_FOLLOWED_CALLS`` calls (``follower`` counts them)."""
    from torch.overrides import TorchFunctionMode

    Tensor = adapter.torch.Tensor
    grad_attribute = adapter.torch._C.TensorBase.__dict__["grad"]
    ops = recorder.ops
    numpy_dtypes = {}  # torch dtype -> numpy dtype, for the tensors too large to keep
    accumulate = _IS_ACCUMULATE

    # This runs for every op of the traced cell, so the common case (one CPU tensor out, a few
    # tensors in) is written out with as few calls into torch as it needs.
    def keep(t):
        """``live.preview`` of ``t``: its bytes when small, else only its shape and dtype."""
        if t.numel() <= PREVIEW_ELEMENTS:
            try:  # (force: past requires_grad, conj/neg bits, other devices); refuses meta, bfloat16
                a = t.numpy(force=True)
                return (a.tobytes(), a.shape, a.dtype)  # live.preview, written out
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
            if n is not None and n not in made:  # (nodes compare by identity)
                is_acc = accumulate.get(type(n))
                if is_acc is None:
                    is_acc = accumulate[type(n)] = n.name().endswith("AccumulateGrad")
                if not is_acc:
                    constants = None
                    break
        if len(outputs) == 1 and 0 in outputs:  # recorder.op, written out for the common case
            ops[key] = (*outputs[0], constants)
            if len(ops) > MAX_RECORDED_OPS:
                recorder.forget_old_ops()
        else:
            recorder.op(key, outputs, constants)
        return True

    follower.note = note

    def _makes_node(out):
        if type(out) in (tuple, list):
            out = out[0] if out else None
        return isinstance(out, Tensor) and out.grad_fn is not None

    class OpMode(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            try:
                # (t.grad of a non-leaf: its warning, at the learner's line; a leaf's never warns)
                if getattr(func, "__self__", None) is grad_attribute and args[0].grad_fn is not None:
                    out = _warning_at_callers_line(func, args)
                else:
                    out = func(*args, **(kwargs or {}))
            except BaseException as e:
                drop_own_frame(e)
                raise
            if follower.spent:
                if follower.missing:
                    if isinstance(out, Tensor):
                        follower.watch(out)
                elif _makes_node(out):
                    follower.missed(out)
                return out
            follower.calls += 1
            if follower.calls > MAX_FOLLOWED_CALLS:
                follower.spend(f"in its first {follower.n_calls:,} torch calls")
                if _makes_node(out):
                    follower.missed(out)
                return out
            follower.n_calls += 1
            if not recorder.ops_stopped:
                try:
                    if note(args, kwargs, out):
                        follower.calls += NOTED_OP_COST
                except Exception as e:  # noqa: BLE001 - never break the learner's cell
                    recorder.op_failed(e)
            return out

    return OpMode()


def _follow_custom_functions(torch, follower, recorder):
    """Note each ``torch.autograd.Function.apply`` (a custom Function: the op mode does not hear
    it, only the ops inside its forward, which make no node) as the mode notes an op, while the
    mode notes: its inputs that need no grad (a constant it did not save) are then drawn flowing
    into its node. Returns the function that puts ``apply`` back."""
    Function = torch.autograd.Function
    original = Function.__dict__["apply"]
    quiet = torch._C.DisableTorchFunction

    def apply(cls, *args, **kwargs):
        try:
            out = original.__func__(cls, *args, **kwargs)
        except BaseException as e:
            drop_own_frame(e)
            raise
        if follower.entered and not follower.left and not follower.spent and not recorder.ops_stopped:
            try:
                with quiet():
                    if follower.note(args, kwargs, out):
                        follower.calls += 1 + NOTED_OP_COST  # counted as the mode counts an op
            except Exception as e:  # noqa: BLE001 - never break the learner's cell
                recorder.op_failed(e)
        return out

    Function.apply = classmethod(apply)

    def restore():
        Function.apply = original

    return restore


def _warning_at_callers_line(func, args):
    """``func(*args)``, any warning torch's C++ raises re-issued at the line that called the op
    (torch puts it at the innermost Python line, which is the mode's, not the learner's)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        out = func(*args)
    for w in seen:
        warnings.warn(w.message, w.category, stacklevel=3)
    return out
