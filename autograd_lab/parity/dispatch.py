"""Tensor subclasses that take over the ops: ``__torch_dispatch__`` and ``__torch_function__``.

**Wrapper subclasses.** ``Tensor._make_wrapper_subclass(cls, shape, dtype=...)`` makes an
instance of ``cls`` that has a shape, dtype, device and strides but no values of its own
(``cls`` usually keeps a real tensor in an attribute, ``self.elem``). Its ``_data`` is a
``WrapperArray``: zero strides over one element, so a shape and a dtype cost nothing. An op
given such a tensor does not compute: ``Function.apply`` hands it here (``dispatch``), and the
call goes to ``cls.__torch_dispatch__(func, types, args, kwargs)`` with ``func`` the ATen
overload PyTorch would pass (``aten.add.Tensor``, ``aten._to_copy.default``) and the arguments
as ATen's signature takes them. ``ATEN_CALLS`` below is the table, keyed by the op's node name
(its ``grad_fn`` name: ``AddBackward0``). An op without a line there raises NotImplementedError
naming it rather than running on the empty array.

**``__torch_function__``.** A subclass may define ``__torch_function__(cls, func, types, args,
kwargs)`` to see a call before it runs. Here it is consulted where PyTorch's own Python code
consults it (``Tensor.module_load``, through ``handle_torch_function``), not on every op;
``torch._C.DisableTorchFunctionSubclass()`` turns it off for the calls inside.
"""
import numpy as np

from .. import _dtype
from .aten import aten

USED = [False]  # set when the first wrapper tensor is made: until then ops skip the check


class WrapperArray(np.ndarray):
    """A wrapper subclass's data: shape and dtype only. ``torch_device``, ``torch_strides`` and
    ``torch_offset`` are what ``_make_wrapper_subclass`` was told. Any numpy computation on it is
    an op that escaped ``dispatch``, and fails loudly instead of computing on nothing."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        raise NotImplementedError(f"{ufunc.__name__} on a __torch_dispatch__ subclass: it holds no data here")

    def __array_function__(self, func, types, args, kwargs):
        raise NotImplementedError(f"{func.__name__} on a __torch_dispatch__ subclass: it holds no data here")

    def __setitem__(self, key, value):
        raise NotImplementedError("t[key] = value on a __torch_dispatch__ subclass is not sent to its "
                                  "__torch_dispatch__ by autograd_lab (PyTorch sends select and copy_)")


def wrapper_array(shape, np_dtype, device, strides, offset):
    USED[0] = True
    shape = tuple(int(s) for s in shape)
    one = np.zeros((), np_dtype)
    arr = np.lib.stride_tricks.as_strided(one, shape, (0,) * len(shape)).view(WrapperArray)
    if strides is None:  # (laid out as a contiguous tensor would be)
        strides = tuple(int(np.prod(shape[i + 1:], dtype=np.int64)) for i in range(len(shape)))
    arr.torch_device, arr.torch_strides, arr.torch_offset = device, tuple(int(s) for s in strides), int(offset)
    return arr


def is_wrapper(t):
    return type(getattr(t, "_data", None)) is WrapperArray


def has_wrapper(args):
    return any(type(getattr(a, "_data", None)) is WrapperArray for a in args)


# What each op is called in ATen, and its arguments in ATen's order: node name -> (overload,
# a function of the op's ``apply`` arguments giving ATen's ``(args, kwargs)``).
def _alpha(alpha):
    return {} if alpha == 1 and type(alpha) is not bool else {"alpha": alpha}


ATEN_CALLS = {
    "AddBackward0": ("add.Tensor", lambda a, b, alpha=1: ((a, b), _alpha(alpha))),
    "SubBackward0": ("sub.Tensor", lambda a, b, alpha=1: ((a, b), _alpha(alpha))),
    "MulBackward0": ("mul.Tensor", lambda a, b: ((a, b), {})),
    "MulBackward1": ("mul.Tensor", lambda a, b: ((a, b), {})),
    "DivBackward0": ("div.Tensor", lambda a, b: ((a, b), {})),
    "RsubBackward1": ("rsub.Scalar", lambda a, number, alpha=1: ((a, number), _alpha(alpha))),
    "MmBackward0": ("mm.default", lambda a, b: ((a, b), {})),
    "TBackward0": ("t.default", lambda a: ((a,), {})),
    "TransposeBackward0": ("transpose.int", lambda a, d0, d1: ((a, int(d0), int(d1)), {})),
    "ViewBackward0": ("view.default", lambda a, shape: ((a, list(shape)), {})),
    "ReshapeAliasBackward0": ("view.default", lambda a, shape: ((a, list(shape)), {})),
    "AliasBackward0": ("alias.default", lambda a: ((a,), {})),
    "CloneBackward0": ("clone.default", lambda a: ((a,), {})),
    "ToCopyBackward0": ("_to_copy.default", lambda a, np_dtype: ((a,), {"dtype": _dtype.from_numpy_dtype(np_dtype)})),
    "PermuteBackward0": ("permute.default", lambda a, dims: ((a, list(dims)), {})),
    "ExpandBackward0": ("expand.default", lambda a, shape: ((a, list(shape)), {})),
    "UnsqueezeBackward0": ("unsqueeze.default", lambda a, dim: ((a, int(dim)), {})),
    "SelectBackward0": ("select.int", lambda a, dim, index, given=None, given_dim=None: (
        (a, dim if given_dim is None else given_dim, index if given is None else given), {})),
    "SumBackward0": ("sum.default", lambda a, dims=None, keepdim=False, dtype=None: ((a,), _dtype_kw(dtype))),
    "SumBackward1": ("sum.dim_IntList", lambda a, dims, keepdim=False, dtype=None: (
        (a, list(dims)) + ((True,) if keepdim else ()), _dtype_kw(dtype))),
    "MeanBackward0": ("mean.default", lambda a, dims=None, keepdim=False, dtype=None: ((a,), _dtype_kw(dtype))),
}
# Functions of one tensor: ``x.exp()`` is ``aten.exp.default(x)``.
for _name in ("neg", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "abs", "erf",
              "reciprocal", "expm1", "log2", "log10", "sinh", "cosh", "asin", "acos", "atan"):
    ATEN_CALLS[f"{_name.capitalize()}Backward0"] = (f"{_name}.default", lambda a: ((a,), {}))


def _dtype_kw(np_dtype):
    return {} if np_dtype is None else {"dtype": _dtype.from_numpy_dtype(np_dtype)}


def dispatch(op, args, kwargs):
    """``op.apply(*args, **kwargs)`` with a wrapper tensor among ``args``: the subclass's
    ``__torch_dispatch__`` answers for it."""
    node = getattr(op, "node_name", None) or op.__name__
    overload, to_aten = ATEN_CALLS.get(node, (None, None))
    if overload is None:
        raise NotImplementedError(
            f"{op.__name__} ({node}) is not sent to __torch_dispatch__ by autograd_lab: the ops it sends are "
            + ", ".join(sorted({o.split(".")[0] for o, _ in ATEN_CALLS.values()})))
    name, which = overload.split(".")
    aten_args, aten_kwargs = to_aten(*args, **kwargs)
    return call_torch_dispatch(getattr(getattr(aten, name), which), aten_args, aten_kwargs)


def dispatch_inplace(name, self, args, kwargs):
    """``self.<name>_(*args, **kwargs)`` with a wrapper tensor among them: its class's
    ``__torch_dispatch__`` is handed ``aten.<name>_``; the method returns ``self``, as PyTorch's do."""
    if name is None:
        raise NotImplementedError("this in-place op is not sent to __torch_dispatch__ by autograd_lab")
    if name in ("clamp", "clip"):  # (bounds given by name go in their places)
        bounds = dict(zip(("min", "max"), args), **kwargs)
        args, kwargs = (bounds.get("min"), bounds.get("max")), {}
        args = args[:1] if args[1] is None else args
    if name in ("add", "sub", "mul", "div"):
        overload = "Tensor"
    elif name in ("fill", "pow", "masked_fill"):
        overload = "Tensor" if hasattr(args[-1], "_data") else "Scalar"
    else:
        overload = "default"
    call_torch_dispatch(getattr(getattr(aten, name + "_"), overload), (self,) + tuple(args), kwargs)
    return self


def call(overload, *args, **kwargs):
    """``aten.<overload>(*args, **kwargs)`` answered by the wrapper's class: ``call("detach.default", t)``."""
    name, which = overload.split(".")
    return call_torch_dispatch(getattr(getattr(aten, name), which), args, kwargs)


def deepcopy_wrapper(t, memo):
    """``copy.deepcopy`` of a wrapper tensor, as PyTorch makes it: its clone (made by its class),
    then a deep copy of its attributes (``elem``, ...)."""
    import copy

    out = call("clone.default", t)
    if type(out) is not type(t):
        raise RuntimeError(
            "The default implementation of __deepcopy__() for wrapper subclasses only works for subclass types that "
            "implement clone() and for which cloning returns another instance of the same subclass. You should either "
            "properly implement clone() for your subclass or override __deepcopy__() if it is intended behavior for "
            "clone() to return an instance of a different type.")
    out._requires_grad = t._requires_grad
    out.__dict__.update(copy.deepcopy(t.__dict__, memo))
    memo[id(t)] = out
    return out


def call_torch_dispatch(func, args, kwargs):
    """``func(*args, **kwargs)`` answered by the ``__torch_dispatch__`` of the first wrapper
    argument's class, as PyTorch calls it: ``(func, types, args, kwargs)``."""
    wrappers = [a for a in args if is_wrapper(a)] + [v for v in kwargs.values() if is_wrapper(v)]
    types = tuple(dict.fromkeys(type(w) for w in wrappers))
    handler = getattr(type(wrappers[0]), "__torch_dispatch__", None)
    if handler is None:
        raise NotImplementedError(f"{type(wrappers[0]).__name__} has no __torch_dispatch__ to run {func}")
    return handler(func, types, tuple(args), dict(kwargs))


# -- __torch_function__ ----------------------------------------------------------------------------
class DisableTorchFunctionSubclass:
    """``with torch._C.DisableTorchFunctionSubclass():`` calls inside skip the subclasses'
    ``__torch_function__`` (a handler calls ``func`` this way to run the plain op)."""

    depth = 0

    def __enter__(self):
        DisableTorchFunctionSubclass.depth += 1
        return self

    def __exit__(self, *exc):
        DisableTorchFunctionSubclass.depth -= 1


DisableTorchFunction = DisableTorchFunctionSubclass  # (no torch function modes here to disable beside them)


PLAIN_TENSOR = [None]  # the Tensor class (set by _tensor.py): a plain tensor is among ``types``, never asked


def _overloaded(args):
    """The classes of the arguments that have their own ``__torch_function__`` (and the plain
    Tensor class), subclasses before their bases, otherwise left to right: PyTorch's ``types``,
    and the order it asks them in."""
    found = []
    for a in args:
        t = type(a)
        if (getattr(t, "__torch_function__", None) is None and t is not PLAIN_TENSOR[0]) or t in found:
            continue
        found.insert(next((i for i, f in enumerate(found) if issubclass(t, f)), len(found)), t)
    return found


def has_torch_function(args):
    """Whether a subclass's ``__torch_function__`` is to answer a call with these arguments."""
    return DisableTorchFunctionSubclass.depth == 0 and any(
        getattr(type(a), "__torch_function__", None) is not None for a in args)


def handle_torch_function(func, relevant, args, kwargs):
    """``func(*args, **kwargs)`` as the ``__torch_function__`` of ``relevant``'s subclasses
    answer it: each asked in turn until one returns something other than NotImplemented."""
    types = tuple(_overloaded(relevant))
    for t in types:
        if t is PLAIN_TENSOR[0]:
            continue
        result = t.__torch_function__(func, types, args, kwargs)
        if result is not NotImplemented:
            return result
    where = f"{func.__module__}.{func.__name__}".replace("autograd_lab._tensor", "torch._tensor")
    raise TypeError(f"no implementation found for '{where}' on types that implement __torch_function__: "
                    f"[{', '.join(repr(t) for t in types)}]")
