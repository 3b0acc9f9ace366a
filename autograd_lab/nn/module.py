"""``nn.Module``: the base class of layers and models, which keeps track of their parameters.

A Module finds its parameters and submodules by watching attribute assignment: ``self.fc =
Linear(2, 1)`` registers a child, ``self.w = Parameter(...)`` a parameter. Everything else a
model does with them (``parameters()``, ``zero_grad()``, ``state_dict()``, the printed tree)
walks those registrations.
"""
from collections import OrderedDict, namedtuple

from .._tensor import Tensor
from ..autograd.hooks import RemovableHandle
from ..autograd.grad_mode import no_grad
from .parameter import Parameter
from .hooks import GLOBAL_BACKWARD, GLOBAL_BACKWARD_PRE, GLOBAL_FORWARD, GLOBAL_FORWARD_PRE
from .hooks import call_with_hooks
from . import hooks as _hooks


def typename(obj):
    """The name PyTorch's messages give an object: ``torch.FloatTensor`` for a tensor, else its class."""
    if isinstance(obj, Tensor):
        return obj.type()
    cls = type(obj)
    module = cls.__module__
    return cls.__qualname__ if module in ("builtins", None) else f"{module}.{cls.__qualname__}"


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """What ``load_state_dict`` returns: the keys it could not match, either way."""

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self.missing_keys}, unexpected_keys={self.unexpected_keys})"

    __str__ = __repr__


class Module:
    """Base class for all layers and models: subclass it, assign layers in ``__init__``, write ``forward``.

    >>> class Net(Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.fc = Linear(2, 1)
    ...     def forward(self, x):
    ...         return self.fc(x).sigmoid()
    >>> [name for name, _ in Net().named_parameters()]
    ['fc.weight', 'fc.bias']
    """

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError(f"{type(self).__name__}.__init__() got an unexpected keyword argument '{next(iter(kwargs))}'")
        if args:
            raise TypeError(f"{type(self).__name__}.__init__() takes 1 positional argument but {len(args) + 1} were given")
        # Set through object.__setattr__: our own __setattr__ reads these very dicts.
        setattr_ = object.__setattr__
        setattr_(self, "training", True)
        setattr_(self, "_parameters", {})
        setattr_(self, "_buffers", {})
        setattr_(self, "_non_persistent_buffers_set", set())
        setattr_(self, "_modules", {})
        setattr_(self, "_forward_pre_hooks", {})
        setattr_(self, "_forward_hooks", {})

    def forward(self, *input):
        raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')

    def __call__(self, *args, **kwargs):
        if not (self._forward_pre_hooks or self._forward_hooks or self._backward_hooks or self._backward_pre_hooks
                or GLOBAL_FORWARD_PRE or GLOBAL_FORWARD or GLOBAL_BACKWARD_PRE or GLOBAL_BACKWARD):
            return self.forward(*args, **kwargs)
        return call_with_hooks(self, args, kwargs)

    # -- hooks (how they run: nn/hooks.py) ----------------------------------------------------
    # The stores are made on first use, so a module made without __init__ (unpickled) has them too.
    _forward_hooks_with_kwargs = _forward_pre_hooks_with_kwargs = _forward_hooks_always_called = frozenset()
    _backward_hooks = _backward_pre_hooks = {}  # (read only: registration makes the module's own)
    _is_full_backward_hook = None  # True after register_full_backward_hook, False after register_backward_hook

    def register_forward_pre_hook(self, hook, *, prepend=False, with_kwargs=False):
        """``hook(module, args)`` runs before ``forward``; returning a value replaces the args.
        With ``with_kwargs``: ``hook(module, args, kwargs)``, returning ``(args, kwargs)`` or None."""
        handle = _add_hook(self, "_forward_pre_hooks", hook, prepend)
        if with_kwargs:
            _own(self, "_forward_pre_hooks_with_kwargs", set).add(handle.id)
        return handle

    def register_forward_hook(self, hook, *, prepend=False, with_kwargs=False, always_call=False):
        """``hook(module, args, output)`` runs after ``forward``; returning a value replaces the output.
        With ``with_kwargs``: ``hook(module, args, kwargs, output)``. With ``always_call`` it runs
        (with output None) even when forward raised."""
        handle = _add_hook(self, "_forward_hooks", hook, prepend)
        if with_kwargs:
            _own(self, "_forward_hooks_with_kwargs", set).add(handle.id)
        if always_call:
            _own(self, "_forward_hooks_always_called", set).add(handle.id)
        return handle

    def register_full_backward_pre_hook(self, hook, prepend=False):
        """``hook(module, grad_output)`` runs when the gradients of the module's outputs are known;
        returning a tuple replaces them."""
        return _add_hook(self, "_backward_pre_hooks", hook, prepend)

    def register_full_backward_hook(self, hook, prepend=False):
        """``hook(module, grad_input, grad_output)`` runs when the gradients of the module's
        positional inputs are known; returning a tuple replaces ``grad_input``.

        >>> lin.register_full_backward_hook(lambda m, gi, go: print(gi[0].shape))
        """
        if self._is_full_backward_hook is False:
            raise RuntimeError(MIXED_BACKWARD_HOOKS_MESSAGE)
        object.__setattr__(self, "_is_full_backward_hook", True)
        return _add_hook(self, "_backward_hooks", hook, prepend)

    def register_backward_hook(self, hook):
        """Deprecated: ``hook(module, grad_input, grad_output)`` with the gradients of the last node
        forward recorded (see nn/hooks.py). Use ``register_full_backward_hook``."""
        if self._is_full_backward_hook is True:
            raise RuntimeError(MIXED_BACKWARD_HOOKS_MESSAGE)
        object.__setattr__(self, "_is_full_backward_hook", False)
        return _add_hook(self, "_backward_hooks", hook, False)

    # -- registration -------------------------------------------------------------------------
    def register_parameter(self, name, param):
        """Add ``param`` (a Parameter, or None for a missing one such as ``bias=False``) as ``name``."""
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        _check_name(self, name, "parameter", self._parameters)
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{typename(param)}' object to parameter '{name}' "
                "(torch.nn.Parameter or None required)"
            )
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        """Add a tensor that is part of the module's state but is not trained (a running mean, say).
        Persistent buffers are saved in ``state_dict``."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        _check_name(self, name, "buffer", self._buffers)
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(f"cannot assign '{typename(tensor)}' object to buffer '{name}' (torch Tensor or None required)")
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name, module):
        """Add ``module`` as a child named ``name`` (what ``self.name = module`` does)."""
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{typename(module)} is not a Module subclass")
        if not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {typename(name)}")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        if "." in name:
            raise KeyError(f'module name can\'t contain ".", got: {name}')
        if name == "":
            raise KeyError('module name can\'t be empty string ""')
        self._modules[name] = module

    register_module = add_module

    def __setattr__(self, name, value):
        d = self.__dict__
        params, modules, buffers = d.get("_parameters"), d.get("_modules"), d.get("_buffers")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            _forget(self, name, keep=params)  # (a parameter assigned anew keeps its place in the order)
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as parameter '{name}' (torch.nn.Parameter or None expected)"
                )
            params[name] = None
        elif isinstance(value, Module):
            if modules is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            _forget(self, name, keep=modules)
            modules[name] = value
        elif modules is not None and name in modules:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as child module '{name}' (torch.nn.Module or None expected)"
                )
            modules[name] = None
        elif buffers is not None and name in buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(f"cannot assign '{typename(value)}' as buffer '{name}' (torch.Tensor or None expected)")
            buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name):
        # Only called when normal lookup failed: the registered things are not in __dict__.
        d = self.__dict__
        for store in ("_parameters", "_buffers", "_modules"):
            registered = d.get(store)
            if registered is not None and name in registered:
                return registered[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        for store in (self._parameters, self._buffers, self._modules):
            if name in store:
                del store[name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def __dir__(self):
        return sorted(set(object.__dir__(self)) | set(self._parameters) | set(self._buffers) | set(self._modules))

    # -- walking the tree ----------------------------------------------------------------------
    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """This module and every module below it, depth first, each once, with its dotted name."""
        if memo is None:
            memo = set()
        if id(self) in memo:
            return
        if remove_duplicate:
            memo.add(id(self))
        yield prefix, self
        for name, child in self._modules.items():
            if child is None:
                continue
            yield from child.named_modules(memo, f"{prefix}.{name}" if prefix else name, remove_duplicate)

    def modules(self):
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        """The direct submodules, in the order they were assigned."""
        seen = set()
        for name, child in self._modules.items():
            if child is not None and id(child) not in seen:
                seen.add(id(child))
                yield name, child

    def children(self):
        for _, child in self.named_children():
            yield child

    def _named_members(self, store, prefix, recurse, remove_duplicate):
        seen = set()  # by id: a tensor's == is elementwise, so it cannot go in a set itself
        owners = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, self)]
        for owner_prefix, owner in owners:
            for name, value in getattr(owner, store).items():
                if value is None or id(value) in seen:
                    continue
                if remove_duplicate:
                    seen.add(id(value))
                yield (f"{owner_prefix}.{name}" if owner_prefix else name), value

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """``(name, parameter)`` pairs, ``'0.weight'`` style names; a parameter shared by two
        layers is listed once."""
        yield from self._named_members("_parameters", prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        """Every parameter of this module and its submodules: what an optimizer is given."""
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        yield from self._named_members("_buffers", prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        for _, buf in self.named_buffers(recurse=recurse):
            yield buf

    def get_submodule(self, target):
        """The submodule at a dotted path such as ``'encoder.0'``."""
        module = self
        for part in target.split(".") if target else []:
            if not hasattr(module, part):
                raise AttributeError(f"{type(module).__name__} has no attribute `{part}`")
            module = getattr(module, part)
            if not isinstance(module, Module):
                raise AttributeError(f"`{part}` is not an nn.Module")
        return module

    def apply(self, fn):
        """Call ``fn`` on every submodule (children first) and then on this module; returns self.
        The usual way to re-initialise a model's weights."""
        for child in self.children():
            child.apply(fn)
        fn(self)
        return self

    # -- training state ------------------------------------------------------------------------
    def train(self, mode=True):
        """Put this module and its submodules in training mode (Dropout drops); returns self."""
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for child in self.children():
            child.train(mode)
        return self

    def eval(self):
        """Evaluation mode (Dropout passes everything through): ``train(False)``."""
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        """Freeze (False) or unfreeze every parameter; returns self."""
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        """Reset the gradients of every parameter: to None by default, as PyTorch 2 does."""
        for p in self.parameters():
            _reset_grad(p, set_to_none)

    # -- dtype ---------------------------------------------------------------------------------
    def _apply(self, fn):
        """Replace the values of every parameter, gradient and buffer by ``fn`` of them. The
        Parameter objects stay the same, so an optimizer built before still holds them."""
        from .. import __future__ as future

        swap = future.get_swap_module_params_on_conversion()
        for module in self.modules():
            for key, p in module._parameters.items():
                if p is None:
                    continue
                if swap or future.get_overwrite_module_params_on_conversion():
                    _replace_param(module, key, p, fn, swap)
                    continue
                with no_grad():
                    p.data = fn(p)
                if p._grad is not None:
                    p._grad = fn(p._grad)
            for name, buf in module._buffers.items():
                if buf is not None:
                    module._buffers[name] = fn(buf)
        return self

    def to(self, *args, **kwargs):
        """``model.to(torch.float64)``, ``model.to('cpu')``: floating point values change dtype."""
        from .._dtype import dtype as dtype_type
        from .._tensor import device

        dtype, target = kwargs.get("dtype"), kwargs.get("device")
        for a in args:
            if isinstance(a, dtype_type):
                dtype = a
            elif isinstance(a, Tensor):
                dtype, target = a.dtype, a.device
            elif isinstance(a, (str, device)):
                target = a
        target = device(target) if target is not None else None
        if target is not None and target.type not in ("cpu", "meta"):
            raise AssertionError("Torch not compiled with CUDA enabled")
        if dtype is not None and not dtype.is_floating_point:
            raise TypeError(f"nn.Module.to only accepts floating point or complex dtypes, but got desired dtype={dtype}")
        if target is not None and target.type == "cpu" and any(t.is_meta for t in self._tensors()):
            raise NotImplementedError(
                "Cannot copy out of meta tensor; no data! Please use torch.nn.Module.to_empty() instead of "
                "torch.nn.Module.to() when moving module from meta to a different device.")
        if target is not None and target.type == "meta":
            self._apply(lambda t: t.to("meta"))
        if dtype is None:
            return self
        return self._apply(lambda t: t.to(dtype) if t.is_floating_point() else t)

    def to_empty(self, *, device, recurse=True):
        """The parameters and buffers replaced by uninitialised tensors of the same shapes on
        ``device`` (how a model built on the meta device gets memory)."""
        from ..creation import empty_like

        return self._apply(lambda t: empty_like(t, device=device))

    def _tensors(self):
        for module in self.modules():
            yield from (p for p in module._parameters.values() if p is not None)
            yield from (b for b in module._buffers.values() if b is not None)

    def float(self):
        return self._apply(lambda t: t.float() if t.is_floating_point() else t)

    def double(self):
        return self._apply(lambda t: t.double() if t.is_floating_point() else t)

    def half(self):
        return self._apply(lambda t: t.half() if t.is_floating_point() else t)

    def bfloat16(self):
        return self._apply(lambda t: t.bfloat16() if t.is_floating_point() else t)

    def cpu(self):
        return self

    def cuda(self, device=None):
        raise AssertionError("Torch not compiled with CUDA enabled")

    # -- saving and loading --------------------------------------------------------------------
    def state_dict(self, *, destination=None, prefix="", keep_vars=False):
        """An OrderedDict from dotted names to the tensors that define the model: parameters
        (detached, sharing memory with them) and persistent buffers."""
        if destination is None:
            destination = OrderedDict()
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()
        for name, buf in self._buffers.items():
            if buf is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buf if keep_vars else buf.detach()
        for name, child in self._modules.items():
            if child is not None:
                child.state_dict(destination=destination, prefix=prefix + name + ".", keep_vars=keep_vars)
        return destination

    def load_state_dict(self, state_dict, strict=True, assign=False):
        """Copy the tensors of ``state_dict`` into this model's parameters and buffers.

        With ``strict`` (the default) every key must match; otherwise the unmatched keys are
        returned. A shape mismatch is always an error.
        """
        if not hasattr(state_dict, "keys"):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        errors, missing, expected = [], [], set()
        for module_prefix, module in self.named_modules():
            prefix = module_prefix + "." if module_prefix else ""
            local = [(n, p) for n, p in module._parameters.items() if p is not None]
            local += [(n, b) for n, b in module._buffers.items()
                      if b is not None and n not in module._non_persistent_buffers_set]
            for name, target in local:
                key = prefix + name
                expected.add(key)
                if key not in state_dict:
                    missing.append(key)
                    continue
                errors += _load_one(module, name, target, key, state_dict[key], assign)
        unexpected = [k for k in state_dict.keys() if k not in expected]
        if strict:
            if unexpected:
                errors.insert(0, "Unexpected key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in unexpected)))
            if missing:
                errors.insert(0, "Missing key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in missing)))
        if errors:
            raise RuntimeError(
                "Error(s) in loading state_dict for {}:\n\t{}".format(type(self).__name__, "\n\t".join(errors))
            )
        return _IncompatibleKeys(missing, unexpected)

    # -- printing ------------------------------------------------------------------------------
    def extra_repr(self):
        """The text inside the parentheses of this module's line (``in_features=2, ...``)."""
        return ""

    def _get_name(self):
        return type(self).__name__

    def __repr__(self):
        extra = self.extra_repr()
        lines = extra.split("\n") if extra else []
        children = [f"({name}): {_indent(repr(child), 2)}" for name, child in self._modules.items()]
        return _tree_repr(self._get_name(), lines, children)


MIXED_BACKWARD_HOOKS_MESSAGE = (
    "Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them."
)


def _own(module, name, make):
    """The module's own store ``name`` (made if it only has the class's shared default)."""
    store = module.__dict__.get(name)
    if store is None:
        store = make()
        object.__setattr__(module, name, store)
    return store


def _add_hook(module, name, hook, prepend):
    """Register ``hook`` in the module's store ``name``, first if ``prepend``; returns its handle."""
    hooks = _own(module, name, dict)
    handle = RemovableHandle(hooks)
    if prepend:  # (the dict itself must stay: handles hold it)
        rest = list(hooks.items())
        hooks.clear()
        hooks[handle.id] = hook
        hooks.update(rest)
    else:
        hooks[handle.id] = hook
    return handle


def _tree_repr(name, extra_lines, child_lines):
    """``Name(extra)`` on one line, or the extra lines and child lines indented below ``Name(``."""
    if len(extra_lines) == 1 and not child_lines:
        return f"{name}({extra_lines[0]})"
    lines = extra_lines + child_lines
    if not lines:
        return f"{name}()"
    return name + "(\n  " + "\n  ".join(lines) + "\n)"


def _indent(text, spaces):
    """Indent every line but the first (which follows a ``(name): `` label)."""
    first, *rest = text.split("\n")
    return "\n".join([first] + [" " * spaces + line for line in rest])


def _check_name(module, name, what, store):
    if not isinstance(name, str):
        raise TypeError(f"{what} name should be a string. Got {typename(name)}")
    if "." in name:
        raise KeyError(f'{what} name can\'t contain "."')
    if name == "":
        raise KeyError(f'{what} name can\'t be empty string ""')
    if hasattr(module, name) and name not in store:
        raise KeyError(f"attribute '{name}' already exists")


def _forget(module, name, keep=None):
    """Remove ``name`` wherever a module keeps it, before it is registered anew (in ``keep``,
    where it stays in its place)."""
    module.__dict__.pop(name, None)
    for store in (module._parameters, module._buffers, module._modules):
        if store is not keep:
            store.pop(name, None)
    module._non_persistent_buffers_set.discard(name)


def _reset_grad(p, set_to_none):
    """What ``zero_grad`` does to one parameter."""
    if p.grad is None:
        return
    if set_to_none:
        p.grad = None
    else:
        if p.grad.grad_fn is not None:
            p.grad.detach_()
        else:
            p.grad.requires_grad_(False)
        p.grad.zero_()


def _replace_param(module, key, p, fn, swap):
    """``fn`` of a parameter (and its gradient) as a new Parameter: swapped into the old object
    (``swap_tensors``: who holds the Parameter sees the new one) or put in its place."""
    from ..utils import swap_tensors

    with no_grad():
        new = Parameter(fn(p), requires_grad=p.requires_grad)
    if p._grad is not None:
        new._grad = fn(p._grad)
    if swap:
        swap_tensors(p, new)
    else:
        module._parameters[key] = new


def _load_one(module, name, target, key, value, assign):
    """Copy one checkpoint tensor into a parameter or buffer; return the error messages, if any."""
    if not isinstance(value, Tensor):
        return [f'While copying the parameter named "{key}", expected torch.Tensor or Tensor-like object '
                f"from checkpoint but received {type(value)}"]
    if value.shape != target.shape:
        return [f"size mismatch for {key}: copying a param with shape {value.shape} from checkpoint, "
                f"the shape in current model is {target.shape}."]
    from .. import __future__ as future

    if future.get_swap_module_params_on_conversion():
        return _swap_in(target, value, assign)
    with no_grad():
        if assign:
            if name in module._parameters:
                module._parameters[name] = Parameter(value, requires_grad=target.requires_grad)
            else:
                module._buffers[name] = value
        else:
            target.copy_(value)
    return []


def _swap_in(target, value, assign):
    """``load_state_dict`` under ``set_swap_module_params_on_conversion(True)``: the parameter
    object takes ``target.module_load(value)``'s content (``swap_tensors``)."""
    from ..utils import swap_tensors

    with no_grad():
        new = target.module_load(value, assign=assign)
    if new is value or new is target:
        raise RuntimeError("module_load returned one of self or other, please .detach() the result if returning "
                           "one of the inputs in module_load")
    if isinstance(target, Parameter):
        if isinstance(new, Parameter):
            new.requires_grad_(target.requires_grad)
        else:
            new = Parameter(new, requires_grad=target.requires_grad)
    swap_tensors(target, new)
    return []


# -- hooks for every module (PyTorch's torch.nn.modules.module.register_module_*_hook) ------------
# They run before each module's own hooks of the same kind (nn/hooks.py).

def _add_global_hook(hooks, hook):
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    return handle


def register_module_forward_pre_hook(hook):
    """``hook(module, args)`` before every module's forward (before the module's own pre-hooks)."""
    return _add_global_hook(GLOBAL_FORWARD_PRE, hook)


def register_module_forward_hook(hook, *, with_kwargs=False, always_call=False):
    """``hook(module, args, output)`` after every module's forward (before the module's own hooks)."""
    handle = _add_global_hook(GLOBAL_FORWARD, hook)
    if with_kwargs:
        _hooks.GLOBAL_FORWARD_WITH_KWARGS.add(handle.id)
    if always_call:
        _hooks.GLOBAL_FORWARD_ALWAYS_CALLED.add(handle.id)
    return handle


def register_module_full_backward_pre_hook(hook):
    """``hook(module, grad_output)`` on every module's backward (see ``register_full_backward_pre_hook``)."""
    return _add_global_hook(GLOBAL_BACKWARD_PRE, hook)


def register_module_full_backward_hook(hook):
    """``hook(module, grad_input, grad_output)`` on every module's backward (see ``register_full_backward_hook``)."""
    return _add_global_hook(GLOBAL_BACKWARD, hook)
