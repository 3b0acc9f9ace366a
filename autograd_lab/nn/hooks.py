"""A module call with hooks: forward (pre-)hooks, and backward hooks that see the module's gradients.

A full backward hook (``register_full_backward_hook``) gets ``(module, grad_input, grad_output)``:
the gradients with respect to the module's positional inputs and outputs. The module's forward may
record many nodes, so none of them has these gradients; instead the inputs and the outputs pass
through an identity op, ``BackwardHookFunction``, whose node sees exactly the gradients of the
module's outputs (when backward reaches the outputs) and of its inputs (when it leaves the inputs).
That is why ``model(x).grad_fn`` is a ``BackwardHookFunctionBackward`` when such a hook is set.
"""
import warnings

from .._tensor import Tensor
from ..autograd.function import Function
from ..autograd.grad_mode import GradMode

NO_INPUT_GRAD_WARNING = (
    "Full backward hook is firing when gradients are computed with respect to module outputs since no "
    "inputs require gradients. See https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html"
    "#torch.nn.Module.register_full_backward_hook for more details."
)


class BackwardHookFunction(Function):
    """The identity, as a node of its own: its gradients are the module's (see above)."""

    @staticmethod
    def forward(ctx, *args):
        ctx.mark_non_differentiable(*[a for a in args if isinstance(a, Tensor) and not a.requires_grad])
        return args

    @staticmethod
    def backward(ctx, *grads):
        return grads


class ModuleBackwardHooks:
    """One call's backward hooks: wraps the inputs before forward and the outputs after it."""

    def __init__(self, module, full_hooks, pre_hooks):
        self.module = module
        self.full_hooks, self.pre_hooks = full_hooks, pre_hooks
        self.n_args = 0
        self.tensor_positions = ()
        self.inputs_wrapped = False
        self.grad_outputs = None

    def wrap_inputs(self, args):
        self.n_args = len(args)
        self.tensor_positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        if not (GradMode.enabled and any(args[i].requires_grad for i in self.tensor_positions)):
            return args
        wrapped = BackwardHookFunction.apply(*[args[i] for i in self.tensor_positions])
        _node_of(wrapped).register_hook(self._on_input_grads)
        self.inputs_wrapped = True
        args = list(args)
        for i, t in zip(self.tensor_positions, wrapped):
            args[i] = t
        return tuple(args)

    def wrap_outputs(self, result):
        single = isinstance(result, Tensor)
        outputs = (result,) if single else result
        if not GradMode.enabled:
            return result
        if not isinstance(outputs, tuple):
            warnings.warn(
                "For backward hooks to be called, module output should be a Tensor or a tuple of Tensors "
                f"but received {type(result)}", UserWarning, stacklevel=3)
            return result
        positions = [i for i, o in enumerate(outputs) if isinstance(o, Tensor)]
        if not any(outputs[i].requires_grad for i in positions):
            return result
        wrapped = BackwardHookFunction.apply(*[outputs[i] for i in positions])
        _node_of(wrapped).register_prehook(self._output_prehook(positions, len(outputs)))
        if single:
            return wrapped[0]
        new = list(outputs)
        for i, t in zip(positions, wrapped):
            new[i] = t
        return tuple(new)

    def _output_prehook(self, positions, n_outputs):
        def hook(grads):  # (named so: PyTorch's message for a wrong return names 'hook')
            full = [None] * n_outputs  # one entry per output, None for one that is not a tensor
            for i, g in zip(positions, grads):
                full[i] = g
            for pre_hook in list(self.pre_hooks.values()):
                out = pre_hook(self.module, tuple(full))
                if out is not None:
                    full = out
            self.grad_outputs = tuple(full)
            if not self.inputs_wrapped and self.full_hooks:
                # No input needs a gradient: backward never reaches the inputs, so the hooks run here.
                warnings.warn(NO_INPUT_GRAD_WARNING, UserWarning, stacklevel=2)
                for full_hook in list(self.full_hooks.values()):
                    full_hook(self.module, (None,) * self.n_args, self.grad_outputs)
            if isinstance(full, Tensor):
                return full  # (the engine refuses it as PyTorch does: a tensor is no tuple of gradients)
            return [full[i] for i in positions]
        return hook

    def _on_input_grads(self, grad_inputs, grads):
        """The node of the wrapped inputs ran: ``grads`` are the gradients of the module's inputs."""
        grads = tuple(grads)
        if self.grad_outputs is None:  # the outputs were not wrapped (not a tuple): no hook is called
            return None
        for full_hook in list(self.full_hooks.values()):
            out = full_hook(self.module, self._by_position(grads), self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(grads):
                raise RuntimeError(
                    f"Backward hook returned an invalid number of grad_input, got {len(out)}, but expected {len(grads)}"
                )
            grads = tuple(out)
        return grads

    def _by_position(self, grads):
        """One entry per positional argument: the gradient of a tensor, None for anything else."""
        full = [None] * self.n_args
        for i, g in zip(self.tensor_positions, grads):
            full[i] = g
        return tuple(full)


def _node_of(tensors):
    return next(t.grad_fn for t in tensors if t.grad_fn is not None)


# Hooks for every module (torch.nn.modules.module.register_module_forward_hook and the rest, at
# the end of nn/module.py): each module call runs them before the module's own.
GLOBAL_FORWARD_PRE, GLOBAL_FORWARD, GLOBAL_BACKWARD_PRE, GLOBAL_BACKWARD = {}, {}, {}, {}
GLOBAL_FORWARD_WITH_KWARGS, GLOBAL_FORWARD_ALWAYS_CALLED = set(), set()


def call_with_hooks(module, args, kwargs):
    """``module(*args, **kwargs)`` when it has hooks; see ``Module.register_forward_hook`` and the rest."""
    called = set()
    forward_hooks = [*GLOBAL_FORWARD.items(), *module._forward_hooks.items()]
    with_kwargs = GLOBAL_FORWARD_WITH_KWARGS.union(module._forward_hooks_with_kwargs)
    try:
        for hid, hook in [*GLOBAL_FORWARD_PRE.items(), *module._forward_pre_hooks.items()]:
            if hid in module._forward_pre_hooks_with_kwargs:
                out = hook(module, args, kwargs)
                if out is not None:
                    if not (isinstance(out, tuple) and len(out) == 2):
                        raise RuntimeError(
                            f"forward pre-hook must return None or a tuple of (new_args, new_kwargs), but got {out}."
                        )
                    args, kwargs = out
            else:
                out = hook(module, args)
                if out is not None:
                    args = out if isinstance(out, tuple) else (out,)
        backward_hooks = None
        full = {**GLOBAL_BACKWARD, **(module._backward_hooks if module._is_full_backward_hook else {})}
        pre = {**GLOBAL_BACKWARD_PRE, **module._backward_pre_hooks}
        if full or pre:
            backward_hooks = ModuleBackwardHooks(module, full, pre)
            args = backward_hooks.wrap_inputs(args)
        result = module.forward(*args, **kwargs)
        for hid, hook in forward_hooks:
            called.add(hid)
            if hid in with_kwargs:
                out = hook(module, args, kwargs, result)
            else:
                out = hook(module, args, result)
            if out is not None:
                result = out
        if backward_hooks is not None:
            result = backward_hooks.wrap_outputs(result)
        if module._backward_hooks and module._is_full_backward_hook is False:
            _set_old_backward_hooks(module, args, result)
        return result
    except Exception:
        for hid, hook in forward_hooks:
            if hid in GLOBAL_FORWARD_ALWAYS_CALLED.union(module._forward_hooks_always_called) and hid not in called:
                if hid in with_kwargs:
                    hook(module, args, kwargs, None)
                else:
                    hook(module, args, None)
        raise


def _set_old_backward_hooks(module, args, result):
    """``register_backward_hook`` (deprecated): the hook goes on the node that made the first output
    tensor, and sees that node's gradients, which are the module's only when forward recorded one
    node. PyTorch warns when it can tell they are not."""
    var = result
    while not isinstance(var, Tensor):
        var = next(v for v in var.values() if isinstance(v, Tensor)) if isinstance(var, dict) else var[0]
    grad_fn = var.grad_fn
    if grad_fn is None:
        return
    for hook in list(module._backward_hooks.values()):
        grad_fn.register_hook(lambda grad_inputs, grad_outputs, hook=hook: hook(module, grad_inputs, grad_outputs))
    message = _old_hook_warning(args, result, grad_fn)
    if message:
        warnings.warn(message, FutureWarning, stacklevel=3)


def _old_hook_warning(inputs, result, grad_fn):
    """PyTorch's deprecation warning for a non-full backward hook that will miss gradients, if any."""
    if not isinstance(result, Tensor):
        if not (isinstance(result, tuple) and all(isinstance(r, Tensor) for r in result)):
            return (
                "Using non-full backward hooks on a Module that does not return a single Tensor or a tuple of "
                "Tensors is deprecated and will be removed in future versions. This hook will be missing some of "
                "the grad_output. Please use register_full_backward_hook to get the documented behavior."
            )
    else:
        result = (result,)
    if not (isinstance(inputs, tuple) and all(isinstance(i, Tensor) for i in inputs)):
        return (
            "Using non-full backward hooks on a Module that does not take as input a single Tensor or a tuple "
            "of Tensors is deprecated and will be removed in future versions. This hook will be missing some of "
            "the grad_input. Please use register_full_backward_hook to get the documented behavior."
        )
    out_nodes = {r.grad_fn for r in result if r.grad_fn is not None}
    if not out_nodes or (len(out_nodes) == 1 and grad_fn not in out_nodes):
        return (
            "Using a non-full backward hook when outputs are nested in python data structure is deprecated and "
            "will be removed in future versions. This hook will be missing some grad_output."
        )
    if len(out_nodes) > 1:
        return (
            "Using a non-full backward hook when outputs are generated by different autograd Nodes is deprecated "
            "and will be removed in future versions. This hook will be missing some grad_output. Please use "
            "register_full_backward_hook to get the documented behavior."
        )
    # One node made the outputs: its gradients are the module's if its inputs are the module's.
    if {i.grad_fn for i in inputs if i.grad_fn is not None} != {n for n, _ in grad_fn.next_functions}:
        return (
            "Using a non-full backward hook when the forward contains multiple autograd Nodes is deprecated and "
            "will be removed in future versions. This hook will be missing some grad_input. Please use "
            "register_full_backward_hook to get the documented behavior."
        )
    return None
