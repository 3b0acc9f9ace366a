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
from ..autograd.grad_mode import GradMode, no_grad
from ..parity.messages import shape_str
from ._support import scalar_type

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


def with_out(fn, name, same_dtype=False):
    """``fn`` taking ``out=`` as PyTorch's torch.``name`` does: the result cast into ``out``'s
    dtype where PyTorch allows (``same_dtype``: matrix products want ``out`` of the result's own)."""

    @functools.wraps(fn)
    def call(*args, out=None, **kwargs):
        if out is None:
            return fn(*args, **kwargs)
        refuse_grad(name, out, args + tuple(kwargs.values()))
        with no_grad():
            result = fn(*args, **kwargs)
        src, dst = result._data.dtype, out._data.dtype
        if same_dtype and src != dst:
            raise RuntimeError(
                f"Expected out tensor to have dtype {_c10(src)}, but got {_c10(dst)} instead"
            )
        if not _can_cast(src, dst):
            raise RuntimeError(
                f"result type {scalar_type(src)} can't be cast to the desired output type {scalar_type(dst)}"
            )
        return write(out, result._data, stacklevel=3)

    return call


def _c10(dt):
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "int16": "short int",
            "int8": "signed char", "uint8": "unsigned char", "bool": "bool", "float16": "c10::Half"}.get(dt.name, dt.name)
