"""``out=``: a function's result written into a tensor the caller gives, as PyTorch does it.

``torch.add(a, b, out=c)`` computes ``a + b`` outside the graph, writes it into ``c`` (made the
result's shape first: PyTorch resizes ``c``, and warns when ``c`` had elements, since that is
deprecated) and returns ``c``. Functions with ``out=`` record no gradient, so PyTorch refuses
one while gradients are recorded and an argument requires grad.
"""
import functools
import warnings

import numpy as np

from .._tensor import Tensor
from ..autograd.function import Function
from ..autograd.grad_mode import GradMode, no_grad
from ..parity.messages import shape_str
from ..parity.out_rules import LINALG_TUPLES, MAX_ALL_CAST, MESSAGES, NANMEAN_INTEGRAL, NO_KERNEL, PAIR_RULES, RULES
from ._support import scalar_type
from .inplace import _set_history

_RESIZE_WARNING = (
    "An output with one or more elements was resized since it had shape {old}, which does not match the "
    "required output shape {new}. This behavior is deprecated, and in a future PyTorch release outputs will "
    "not be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, "
    "inplace, to zero elements with t.resize_(0). (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Resize.cpp:30.)"
)


def refuse_grad(name, out, args=()):
    """PyTorch's error for ``out=`` while an argument (or ``out``) requires grad."""
    if GradMode.enabled and (out._requires_grad or any(isinstance(a, Tensor) and a._requires_grad for a in args)):
        raise RuntimeError(
            f"{name}(): functions with out=... arguments don't support automatic differentiation, but one of the "
            "arguments requires grad."
        )


def write(out, values, warn_resize=True, stacklevel=3):
    """Put ``values`` (a numpy array) into ``out``, resized to their shape if need be; one more
    version of ``out`` (it changed in place)."""
    if out._data.shape != values.shape:
        if warn_resize and out._data.size:
            warnings.warn(_RESIZE_WARNING.format(old=shape_str(out._data.shape), new=shape_str(values.shape)),
                          UserWarning, stacklevel=stacklevel)
        out._data = np.empty(values.shape, out._data.dtype)
    np.copyto(out._data, values, casting="unsafe")
    out._vc[0] += 1
    return out


def _can_cast(src, dst):
    """PyTorch's rule for writing a result into ``out``: never float into an integer, nor a
    number into bool."""
    if src.kind == "f" and dst.kind in "iub":
        return False
    return not (src.kind != "b" and dst.kind == "b")


def with_out(fn, name):
    """``fn`` taking ``out=`` as PyTorch's torch.``name`` does: computed outside the graph, the
    dtype of ``out`` checked by the function's own rule (``parity/out_rules.py``: most cast their
    result into ``out``, some want ``out`` of their own dtype, reductions like ``sum`` compute in
    ``out``'s dtype), then written into ``out``, which is returned."""
    rule, aten = RULES[name]

    @functools.wraps(fn)
    def call(*args, out=None, **kwargs):
        if out is None:
            return fn(*args, **kwargs)
        if not isinstance(out, Tensor):
            return fn(*args, out=out, **kwargs)  # the argument checks say what is wrong with it
        if not args and "input" in kwargs:
            args = (kwargs.pop("input"),)
        tensors = _tensors(args, kwargs)
        if rule == "norm_copy":
            return _copy_into(fn, aten, out, args, kwargs)
        if rule == "double":  # float_power checks ``out`` before anything else
            check_dtype(rule, aten, np.dtype(np.float64), out._data.dtype)
        elif name in _DTYPE_FIRST and tensors:
            check_dtype(rule, aten, tensors[0]._data.dtype, out._data.dtype)
        if name in _DTYPE_FIRST:
            if GradMode.enabled and out._requires_grad:
                refuse_grad("aten::" + aten, out)
        elif aten not in _NOT_DIFFERENTIABLE:
            refuse_grad(aten, out, tensors)
        dst = out._data.dtype
        first = args[0] if args else None
        if name == "nanmean" and isinstance(first, Tensor) and first._data.dtype.kind in "iub":
            raise RuntimeError(NANMEAN_INTEGRAL)
        if isinstance(first, Tensor):
            _no_kernel(name, first, dst)
        if rule == "in_out_dtype":
            args = (args[0].to(out.dtype),) + args[1:]
        with no_grad():
            try:
                result = fn(*args, **kwargs)
            except Exception:
                # PyTorch checks ``out`` before its kernel runs: a wrong ``out`` is what it reports
                if tensors and rule not in ("reduce_cast", "floating"):
                    check_dtype(rule, aten, tensors[0]._data.dtype, dst)
                raise
            check_dtype(rule, aten, result._data.dtype, dst)
            if rule in ("reduce_cast", "floating") and dst.kind == "f" and dst != result._data.dtype:
                # a float ``out`` of another dtype: the reduction runs in that dtype
                result = fn(args[0].to(out.dtype), *args[1:], **kwargs)
        write(out, result._data, stacklevel=3)
        if name in _DTYPE_FIRST and GradMode.enabled and any(t._requires_grad for t in tensors):
            refused = RefusedGradient.apply(aten, *[t for t in tensors if t._requires_grad])
            _set_history(out, refused._grad_fn, 0)
        return out

    return call


def _copy_into(fn, name, out, args, kwargs):
    """linalg.norm / matrix_norm with ``out=``: the norm is computed (recorded as usual) and copied
    into ``out`` with ``copy_``, which records the copy when the norm requires grad."""
    result = fn(*args, **kwargs)
    check_dtype("same", name, result._data.dtype, out._data.dtype, rule_words="norm_copy")
    if out._data.shape != result._data.shape:
        write(out, np.zeros(result._data.shape, out._data.dtype), stacklevel=4)
    return out.copy_(result)


def with_out_pair(fn, name):
    """``fn`` (``max``, ``sort``, ``median`` ...: a values/indices pair) taking
    ``out=(values, indices)`` as PyTorch's torch.``name`` does; ``max``/``min`` also take one
    ``out`` tensor for the maximum of two tensors or of the whole tensor."""
    from .reduction import return_types

    words = PAIR_RULES[name]
    pair_type = type(f"{name}_out", (return_types._Pair,), {"_name": f"{name}_out"})

    @functools.wraps(fn)
    def call(*args, out=None, **kwargs):
        if out is None:
            return fn(*args, **kwargs)
        if isinstance(out, Tensor):  # max/min of two tensors, or of a whole tensor
            two = len(args) > 1 and isinstance(args[1], Tensor) or isinstance(kwargs.get("other"), Tensor)
            refuse_grad({"max": "maximum", "min": "minimum"}[name] if two else name, out, _tensors(args, kwargs))
            with no_grad():
                result = fn(*args, **kwargs)
            if not _can_cast(result._data.dtype, out._data.dtype):
                check_dtype("cast", name, result._data.dtype, out._data.dtype) if two else _raise(MAX_ALL_CAST)
            return write(out, result._data, stacklevel=3)
        if len(out) != 2:
            raise TypeError(f"expected tuple of 2 elements but got {len(out)}")
        values, indices = out
        input = args[0] if args else kwargs["input"]
        refuse_grad(name, values, (input, indices))
        src = input._data.dtype
        for given, want, text in ((values, src, words[0]), (indices, np.dtype(np.int64), words[1])):
            have = given._data.dtype
            if have != want:
                raise RuntimeError(text.format(R=scalar_type(want), O=scalar_type(have), r=_c10(want), o=_c10(have),
                                               RT=_tensor_type(want), OT=_tensor_type(have)))
        with no_grad():
            result = fn(*args, **kwargs)
        for given, got in zip(out, result):
            if name in _KEPT_DIM_FIRST:
                _warn_kept_dim(name, given, got, args, kwargs)
            write(given, got._data, warn_resize=name not in _KEPT_DIM_FIRST, stacklevel=3)
        return pair_type(values, indices)

    return call


# kthvalue and mode make ``out`` the shape of the result with the reduced dim kept, then drop it:
# the resize warning names both shapes with that dim
_KEPT_DIM_FIRST = {"kthvalue": (2, -1), "mode": (1, -1)}  # name -> (position of dim, its default)


def _warn_kept_dim(name, given, got, args, kwargs):
    where, default = _KEPT_DIM_FIRST[name]
    dim = args[where] if len(args) > where else kwargs.get("dim", default)
    keepdim = args[where + 1] if len(args) > where + 1 else kwargs.get("keepdim", False)
    old, new = list(given._data.shape), list(got._data.shape)
    if not given._data.size or old == new:
        return
    if not keepdim:
        d = dim % (len(new) + 1)
        new.insert(d, 1)
        if len(old) == len(new) - 1:
            old.insert(d, 1)
    if old != new:
        warnings.warn(_RESIZE_WARNING.format(old=shape_str(tuple(old)), new=shape_str(tuple(new))), UserWarning,
                      stacklevel=4)


def with_out_tuple(fn, name):
    """A torch.linalg function giving several tensors (``eigh``, ``qr``, ``slogdet``, ``svd``)
    taking ``out=`` as many tensors, each of the input's dtype."""
    count, aten = LINALG_TUPLES[name]
    out_types = {}

    @functools.wraps(fn)
    def call(*args, out=None, **kwargs):
        if out is None:
            return fn(*args, **kwargs)
        if len(out) != count:
            raise TypeError(f"expected tuple of {count} elements but got {len(out)}")
        input = args[0] if args else kwargs["A"]
        refuse_grad(aten, out[0], (input,) + tuple(out[1:]))
        for given in out:
            check_dtype("same_expected", aten, input._data.dtype, given._data.dtype)
        with no_grad():
            result = fn(*args, **kwargs)
        for given, got in zip(out, result):
            write(given, got._data, stacklevel=3)
        cls = type(result)
        if cls not in out_types:  # torch.return_types.linalg_qr_out, ...
            out_types[cls] = type(cls.__name__ + "_out", (cls,), {"_name": cls._name + "_out"})
        return tuple.__new__(out_types[cls], out)

    return call


def _raise(words):
    raise RuntimeError(words)


def _tensor_type(dt):
    return f"torch.{scalar_type(dt)}Tensor"


# functions whose result has no gradient: PyTorch does not refuse ``out=`` when an argument
# requires grad
_NOT_DIFFERENTIABLE = frozenset("argmax argmin nonzero eq ne lt le gt ge all any bitwise_and bitwise_or "
                                "bitwise_xor bitwise_not".split())


# functions PyTorch 2.13 does not refuse when an input requires grad: ``out`` gets the result and a
# grad_fn whose backward refuses (their ``out`` dtype is checked first; an ``out`` that requires
# grad is refused, in the words of the ATen op)
_DTYPE_FIRST = frozenset(("softmax", "log_softmax", "heaviside"))


class RefusedGradient(Function):
    """The node that ``out=`` leaves on ``out`` for those three: backward says the derivative is
    not implemented (its inputs: the op's name, then the inputs that require grad)."""

    node_name = "NotImplemented"
    node_qualname = "torch::autograd::NotImplemented"
    raw = True

    @staticmethod
    def forward(aten, *inputs):
        return np.zeros(())  # (a placeholder: ``out`` keeps the values, this node only its history)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.aten = inputs[0]

    @staticmethod
    def backward(ctx, grad):
        raise RuntimeError(f"derivative for aten::{ctx.aten} is not implemented")


def _tensors(args, kwargs):
    found = []
    for a in args + tuple(kwargs.values()):
        if isinstance(a, (list, tuple)):
            found.extend(x for x in a if isinstance(x, Tensor))
        elif isinstance(a, Tensor):
            found.append(a)
    return found


def check_dtype(rule, name, src, dst, rule_words=None):
    """Raise PyTorch's error when a result of numpy dtype ``src`` may not go into an ``out`` of
    dtype ``dst`` under ``rule`` (in the words of ``rule_words``, if given)."""
    if rule in ("cast", "reduce_cast", "cat", "castable"):
        bad = not _can_cast(src, dst)
    elif rule == "long":
        bad = dst != np.int64
    elif rule == "bool_only":
        bad = dst != np.bool_
    elif rule == "floating":
        bad = dst.kind != "f"
    elif rule == "double":
        bad = dst != np.float64
    elif rule == "in_out_dtype":
        bad = False
    else:  # the same* rules
        bad = src != dst
    if bad:
        words = MESSAGES[rule_words or rule].format(R=scalar_type(src), O=scalar_type(dst), r=_c10(src), o=_c10(dst), name=name)
        raise (TypeError if rule == "cat" else RuntimeError)(words)


def _no_kernel(name, input, dst):
    words, missing, float_input_only = NO_KERNEL.get(name, ("", (), False))
    if scalar_type(dst) in missing and (input._data.dtype.kind == "f" or not float_input_only):
        raise NotImplementedError(words.format(O=scalar_type(dst)))


def _c10(dt):
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "int16": "short int",
            "int8": "signed char", "uint8": "unsigned char", "bool": "bool", "float16": "c10::Half"}.get(dt.name, dt.name)
