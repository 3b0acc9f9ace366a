"""Tensor's operators and methods, each handing over to the op that defines it.

Kept apart from ``_tensor.py`` so that the class reads as "what a tensor is" and this file as
"what you can do with one"; nothing here computes a derivative.
"""
import warnings

import numpy as np

from . import _dtype, creation
from .parity.fp import quiet
from ._tensor import DefinedIn, Size, Tensor, device
from .parity import arg_errors
from .autograd.engine import tensor_backward
from .autograd.function import _apply, leaf_accumulator
from .autograd.grad_mode import GradMode
from .ops import clamp as clamp_ops, indexing, join_split, linalg, pointwise as pw, powers, reduction as red, rounding
from .ops import sampling, selection, special, shape as sh, softmax as nn_ops, statistics
from .ops import arithmetic, index_ops, order_statistics
from .ops import inplace as inplace_ops
from .ops._support import OPERANDS, broadcast_error, wrap_int
from .ops.inplace import Zero, refresh_view_history, _check_inplace, _copy, _fill, _inplace, _inplace_result, _random_fill, _rng


# -- made in creation.py; backward and a leaf's node from autograd/; views' history from ops/inplace.py ----
Tensor.__init__ = creation.tensor_init
Tensor.backward = tensor_backward
Tensor._accumulator = leaf_accumulator
Tensor._refresh_history = refresh_view_history


# -- arithmetic operators -----------------------------------------------------------------------------
# Operators call the op mechanism directly (one call less than Op.apply): they run in every loop.
# Another kind of operand (a list, a string, None) makes them return NotImplemented, so that Python
# raises its own TypeError ("unsupported operand type(s) for +: 'Tensor' and 'list'"), as with PyTorch.
_PLAIN = frozenset((Tensor, float, int))  # the usual operands, checked by type first: it is quicker


def _operator(cls):
    def operator(self, other):
        if type(other) in _PLAIN or isinstance(other, OPERANDS):
            return _apply(cls, self, other)
        return NotImplemented

    return operator


def _takes(fn):
    """The same check for operators written as a call of a function."""

    def operator(self, other):
        if type(other) in _PLAIN or isinstance(other, OPERANDS):
            return fn(self, other)
        return NotImplemented

    return operator


Tensor.__add__ = Tensor.__radd__ = _operator(pw.Add)
Tensor.__sub__ = _operator(pw.Sub)
Tensor.__rsub__ = _operator(pw.RSub)
Tensor.__mul__ = Tensor.__rmul__ = _operator(pw.Mul)
Tensor.__truediv__ = _operator(pw.Div)
Tensor.__rtruediv__ = _takes(lambda self, other: _apply(pw.Mul, _apply(pw.Reciprocal, self), other))
Tensor.__neg__ = lambda self: _apply(pw.Neg, self)
Tensor.__pos__ = lambda self: self


def _pow(self, other):
    if type(other) in _PLAIN or isinstance(other, OPERANDS):
        return _apply(powers.PowTensor if isinstance(other, Tensor) else powers.PowScalar, self, other)
    return NotImplemented


Tensor.__pow__ = _pow
Tensor.__rpow__ = _operator(powers.RPow)


def _matmul_operator(fn):
    # numpy arrays too are left to Python: numpy's own @ then takes the tensor as an array.
    return lambda self, other: fn(self, other) if isinstance(other, Tensor) else NotImplemented


Tensor.__matmul__ = _matmul_operator(lambda self, other: linalg.matmul(self, other))
Tensor.__rmatmul__ = _matmul_operator(lambda self, other: linalg.matmul(other, self))
Tensor.__abs__ = lambda self: _apply(pw.Abs, self)
Tensor.__getitem__ = indexing.getitem
Tensor.__setitem__ = indexing.setitem


Tensor.__floordiv__ = _operator(rounding.FloorDivide)
Tensor.__rfloordiv__ = _operator(rounding.RFloorDivide)
Tensor.__mod__ = _takes(rounding.remainder)
Tensor.__rmod__ = _takes(lambda self, other: rounding.remainder(other, self))


# -- comparisons and logic: results are bool tensors outside the graph -----------------------------------
def _compare(ufunc, name=None):
    """A comparison method (``name``: t.eq(...)) or operator (no name: ``t == ...``). An operator
    given another kind of operand returns NotImplemented: Python then compares identities for
    == and != (``t == None`` is False) and raises its TypeError for the others."""

    def compare(self, other):
        if not isinstance(other, OPERANDS):
            if name is None:
                return NotImplemented
            raise pw.no_overload(name, (other,), [("Tensor other", (False,)), ("Number other", (False,))])
        b = other._data if isinstance(other, Tensor) else wrap_int(other, self._data.dtype)
        try:
            return Tensor._make(np.asanyarray(ufunc(self._data, b)))  # (any: a meta tensor's stays meta)
        except ValueError:
            raise broadcast_error(self._data.shape, np.shape(b)) from None

    return compare


for _name, _ufunc in [("eq", np.equal), ("ne", np.not_equal), ("lt", np.less), ("le", np.less_equal),
                      ("gt", np.greater), ("ge", np.greater_equal)]:
    setattr(Tensor, f"__{_name}__", _compare(_ufunc))
    setattr(Tensor, _name, _compare(_ufunc, _name))
Tensor.greater, Tensor.less, Tensor.greater_equal, Tensor.less_equal = Tensor.gt, Tensor.lt, Tensor.ge, Tensor.le
Tensor.not_equal = Tensor.ne


def _logic(ufunc, name):
    def logic(self, other):
        b = other._data if isinstance(other, Tensor) else other
        if self._data.dtype.kind == "f" or np.asarray(b).dtype.kind == "f":
            floating = self._data.dtype if self._data.dtype.kind == "f" else (
                b.dtype if isinstance(b, np.ndarray) else _dtype.get_default_dtype().numpy)
            raise NotImplementedError(f'"{name}_cpu" not implemented for \'{_dtype.scalar_type_name(floating)}\'')
        return Tensor._make(np.asanyarray(ufunc(self._data, b)))

    return logic


Tensor.__and__ = Tensor.__rand__ = Tensor.bitwise_and = _logic(np.bitwise_and, "bitwise_and")
Tensor.__or__ = Tensor.__ror__ = Tensor.bitwise_or = _logic(np.bitwise_or, "bitwise_or")
Tensor.__xor__ = Tensor.__rxor__ = Tensor.bitwise_xor = _logic(np.bitwise_xor, "bitwise_xor")


def _invert(self):
    if self._data.dtype.kind == "f":
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
    return Tensor._make(np.invert(self._data))


Tensor.__invert__ = Tensor.bitwise_not = _invert
Tensor.logical_not = lambda self: Tensor._make(np.logical_not(self._data))  # (a bool result for any dtype)
Tensor.logical_and = lambda self, other: Tensor._make(np.logical_and(self._data, other._data))
Tensor.logical_or = lambda self, other: Tensor._make(np.logical_or(self._data, other._data))
Tensor.isnan = lambda self: Tensor._make(np.isnan(self._data))
Tensor.isinf = lambda self: Tensor._make(np.isinf(self._data))
Tensor.isfinite = lambda self: Tensor._make(np.isfinite(self._data))
Tensor.equal = lambda self, other: bool(self._data.shape == other._data.shape and np.array_equal(self._data, other._data))


def _allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    rtol, atol = _float_arg("rtol", 3, rtol), _float_arg("atol", 4, atol)
    with quiet():  # (inf - inf inside numpy's formula: PyTorch is silent)
        return bool(np.allclose(self._data, other._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


def _float_arg(name, position, value):
    """A ``float`` argument: PyTorch also takes a 0-d tensor there (its value), no other tensor."""
    if isinstance(value, Tensor):
        if value._data.ndim or value._requires_grad:
            raise TypeError(f"allclose(): argument '{name}' (position {position}) must be float, not Tensor")
        return float(value._data)
    return value


Tensor.allclose = _allclose


def _isclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    with quiet():
        return Tensor._make(np.isclose(self._data, other._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


Tensor.isclose = _isclose



# -- element-wise methods ------------------------------------------------------------------------------------
for _name in ["add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "neg", "negative",
              "exp", "log", "sqrt", "rsqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "abs", "absolute",
              "log1p", "expm1", "log2", "log10", "reciprocal", "erf", "sinh", "cosh", "asin", "acos", "atan"]:
    setattr(Tensor, _name, getattr(pw, _name))
Tensor.square = powers.square
for _name in ["addcmul", "addcdiv", "hypot", "copysign", "fmax", "fmin", "heaviside", "exp2", "frac", "sgn", "logit",
              "float_power"]:
    setattr(Tensor, _name, getattr(arithmetic, _name))
for _name in ["sign", "round", "floor", "ceil", "trunc"]:
    setattr(Tensor, _name, getattr(rounding, _name))
for _name in ["clamp", "clip", "clamp_min", "clamp_max"]:
    setattr(Tensor, _name, getattr(clamp_ops, _name))


def _binary_method(fn, name):
    """``t.add(other)``, and PyTorch's older ways of calling it with more arguments (a wrong
    ``other`` gets the parser's error from ``parity.arg_errors.check_methods``)."""

    def method(self, other, *more, **kwargs):
        if more:
            if name in ("add", "sub"):  # t.add(2, u): the deprecated order, alpha first
                other, kwargs["alpha"] = pw.alpha_first("Tensor." + name, (other,) + more, "alpha" in kwargs)
            elif name == "subtract" and len(more) == 1:  # t.subtract(2, 3): other and alpha numbers
                return pw.subtract(self, other, *more, **kwargs)
            else:
                raise TypeError(f"{name}() takes 1 positional argument but {len(more) + 1} were given")
        return fn(self, other, **kwargs)

    return method


def _alpha_first_inplace(name):
    """``t.add_(2, u)``: the deprecated order for the in-place forms too, with their own warning."""
    general = getattr(Tensor, name)

    def method(self, *args, **kwargs):
        if len(args) > 1:
            other, alpha = pw.alpha_first("Tensor." + name, args, "alpha" in kwargs)
            return general(self, other, alpha=alpha)
        return general(self, *args, **kwargs)

    return method


for _name in ["add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "atan2"]:
    setattr(Tensor, _name, _binary_method(getattr(pw, _name), _name))
for _name in ["maximum", "minimum"]:
    setattr(Tensor, _name, _binary_method(getattr(clamp_ops, _name), _name))


def _scalar_or_tensor_method(fn, name):
    """``t.fmod(other)`` and the like: PyTorch lists their two overloads when ``other`` fits neither."""

    def method(self, other):
        if not isinstance(other, OPERANDS):
            raise pw.no_overload(name, (other,), [("Tensor other", (False,)), ("Number other", (False,))])
        return fn(self, other)

    return method


Tensor.remainder = _scalar_or_tensor_method(rounding.remainder, "remainder")
Tensor.floor_divide = _scalar_or_tensor_method(rounding.floor_divide, "floor_divide")
Tensor.fmod = _scalar_or_tensor_method(rounding.fmod, "fmod")


def _pow_method(self, exponent):
    if not isinstance(exponent, OPERANDS):
        raise pw.no_overload("pow", (exponent,), [("Tensor exponent", (False,)), ("Number exponent", (False,))])
    return powers.pow(self, exponent)


Tensor.pow = _pow_method
Tensor.where = lambda self, condition, other: clamp_ops.where(condition, self, other)
Tensor.nonzero = lambda self, *, as_tuple=False: clamp_ops.nonzero(self, as_tuple=as_tuple)


Tensor.masked_fill = selection.masked_fill

# -- reductions ---------------------------------------------------------------------------------------
for _name in ["sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "all", "any"]:
    setattr(Tensor, _name, getattr(red, _name))
for _name in ["var", "std", "norm", "logsumexp", "cumsum", "cumprod", "trace"]:
    setattr(Tensor, _name, getattr(statistics, _name))
for _name in ["kthvalue", "median", "nanmedian", "mode", "cummax", "cummin", "nansum", "nanmean", "unique"]:
    setattr(Tensor, _name, getattr(order_statistics, _name))


def _sum_to_size(self, *size):
    """Sum broadcast dimensions away until the tensor has ``size`` (the gradient of expand)."""
    size = sh._shape_args(size)
    shape = self._data.shape
    lead = len(shape) - len(size)
    if lead < 0 or any(s != 1 and s != own for s, own in zip(size, shape[lead:])):
        raise RuntimeError(f"size {{[{', '.join(map(str, size))}]}} is not expandable to size "
                           f"{{[{', '.join(map(str, shape))}]}}.")
    dims = tuple(range(lead)) + tuple(i + lead for i, s in enumerate(size) if s == 1 and shape[i + lead] != 1)
    if not dims:
        return self
    if not GradMode.enabled and self._data.dtype.kind == "f":
        # Nothing is recorded: one numpy call (backward reduces every broadcast gradient here),
        # or PyTorch's order when it is a sum of the whole tensor.
        values = red._in_pytorch_order(self._data, dims, None)
        if values is not None:
            return Tensor._make(np.full(size, red.pytorch_order_sum(values), self._data.dtype))
        if not lead and dims == tuple(range(len(dims))):  # (n, ...) -> (1, ...): an outer reduction
            leading = red._leading_sum(self._data, dims, True, None)
            if leading is not None:
                return Tensor._make(leading)
        elif lead and dims == tuple(range(lead)):  # (n, ...) -> (...)
            leading = red._leading_sum(self._data, dims, False, None)
            if leading is not None:
                return Tensor._make(leading)
        return Tensor._make(np.add.reduce(self._data, axis=dims, keepdims=True).reshape(size))
    out = red.sum(self, dims, keepdim=True)
    return out.reshape(size) if lead else out


Tensor.sum_to_size = _sum_to_size

# -- picking entries by index or order ---------------------------------------------------------------
for _name in ["gather", "index_select", "sort", "argsort", "topk", "tril", "triu", "scatter", "scatter_add",
              "diag", "diagonal", "diag_embed"]:
    setattr(Tensor, _name, getattr(selection, _name))
Tensor.select = indexing.select
for _name in ["index_add", "index_copy", "index_fill", "scatter_reduce", "masked_select", "take"]:
    setattr(Tensor, _name, getattr(index_ops, _name))
Tensor.lerp = clamp_ops.lerp

# -- shapes ---------------------------------------------------------------------------------------------------
for _name in ["reshape", "view", "flatten", "permute", "transpose", "swapaxes", "t", "expand", "squeeze",
              "unsqueeze", "flip", "movedim", "repeat", "roll"]:
    setattr(Tensor, _name, getattr(sh, _name))
Tensor.narrow = indexing.narrow
for _name in ["tile", "unflatten", "repeat_interleave"]:
    setattr(Tensor, _name, getattr(sh, _name))
for _name in ["tensor_split", "hsplit", "vsplit"]:
    setattr(Tensor, _name, getattr(join_split, _name))
for _name in ["unbind", "split", "chunk"]:
    setattr(Tensor, _name, getattr(join_split, _name))
Tensor.clone = lambda self, *, memory_format=None: sh.clone(self)
Tensor.view_as = lambda self, other: sh.view(self, other._data.shape)


def _resize(self, *sizes):
    warnings.warn("non-inplace resize is deprecated", stacklevel=2)
    return sh.Resize.apply(self, sizes)


Tensor.resize = _resize
Tensor.reshape_as = lambda self, other: sh.reshape(self, other._data.shape)
Tensor.expand_as = lambda self, other: sh.expand(self, other._data.shape)
Tensor.contiguous = lambda self, memory_format=None: self if self._data.flags.c_contiguous else sh.clone(self)


_T_WARNED = []  # PyTorch warns about x.T on other than 2-d tensors once per process


def _T(self):
    if self._data.ndim != 2 and self._data.ndim != 0 and not _T_WARNED:
        _T_WARNED.append(True)
        warnings.warn(
            "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it "
            "will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or "
            "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered "
            "internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4314.)",
            UserWarning, stacklevel=2,
        )
    return sh.permute(self, *range(self._data.ndim - 1, -1, -1))


Tensor.T = property(_T)
def _mT(self):
    if 0 < self._data.ndim < 2:
        raise RuntimeError(
            f"tensor.mT is only supported on matrices or batches of matrices. Got {self._data.ndim}-D tensor."
        )
    return sh.transpose(self, -2, -1)


Tensor.mT = property(_mT)

# -- linear algebra and nn ------------------------------------------------------------------------------
for _name in ["matmul", "mm", "mv", "dot", "bmm", "outer"]:
    setattr(Tensor, _name, getattr(linalg, _name))
Tensor.softmax = lambda self, dim, dtype=None: nn_ops.softmax(self, dim, dtype=dtype)
Tensor.log_softmax = lambda self, dim, dtype=None: nn_ops.log_softmax(self, dim, dtype=dtype)


# -- dtype conversion -------------------------------------------------------------------------------------
def _to(self, *args, **kwargs):
    """``t.to(torch.float64)``, ``t.to('cpu')``, ``t.to(other)``: a dtype change is recorded."""
    dtype = _dtype.as_dtype(kwargs.get("dtype"), "to")
    target = self.device
    for a in list(args) + ([kwargs["device"]] if kwargs.get("device") is not None else []):
        if isinstance(a, _dtype.dtype) or a in (float, int, bool):
            dtype = _dtype.as_dtype(a, "to")
        elif isinstance(a, Tensor):
            dtype, target = a.dtype, a.device
        elif isinstance(a, (str, device)):
            target = device(a) if isinstance(a, str) else a
            if target.type not in ("cpu", "meta"):
                raise AssertionError("Torch not compiled with CUDA enabled")
        elif isinstance(a, int) and not isinstance(a, bool):  # t.to(0): accelerator number 0
            raise RuntimeError("Cannot access accelerator device when none is available.")
    if target != self.device:  # to or from the meta device (parity/meta.py)
        return _to_device(self, target, dtype)
    if dtype is None or dtype is self.dtype:
        return self.clone() if kwargs.get("copy") else self
    return pw.ToCopy.apply(self, dtype.numpy)


def _to_device(self, target, dtype):
    """A CPU tensor on the meta device: its shape and dtype, recorded as a copy. A meta
    tensor has nothing to copy to the CPU."""
    if target.type != "meta":
        self._refuse_meta("to")
    from .parity.meta import as_meta

    out = pw.ToCopy.apply(self, (dtype or self.dtype).numpy)
    out._data = as_meta(out._data)
    return out


Tensor.to = _to
Tensor.float = lambda self: _to(self, _dtype.float32)
Tensor.double = lambda self: _to(self, _dtype.float64)
Tensor.half = lambda self: _to(self, _dtype.float16)
Tensor.bfloat16 = lambda self: _to(self, _dtype._bfloat16())
Tensor.long = lambda self: _to(self, _dtype.int64)
Tensor.int = lambda self: _to(self, _dtype.int32)
Tensor.bool = lambda self: _to(self, _dtype.bool_)
Tensor.byte = lambda self: _to(self, _dtype.uint8)


def _type(self, dtype=None):
    """``t.type()`` names the legacy type (torch.FloatTensor); ``t.type(T)`` converts to T, given
    as a dtype, a legacy type (torch.LongTensor) or its name."""
    if dtype is None:
        return f"torch.{self.dtype._legacy}"
    legacy = getattr(dtype, "_dtype", None)  # torch.LongTensor and the other legacy types
    if legacy is not None:
        dtype = legacy
    elif isinstance(dtype, str):
        named = next((d for d in _dtype.ALL if f"torch.{d._legacy}" == dtype), None)
        if named is None:
            raise ValueError(f"invalid type: '{dtype}'")
        dtype = named
    elif not isinstance(dtype, _dtype.dtype):
        raise ValueError(f"invalid type: '{getattr(dtype, '__name__', dtype)}'")
    return _to(self, dtype)


Tensor.type = _type
Tensor.type_as = lambda self, other: _to(self, other.dtype)
def _new_device(self, device):
    return device if device is not None else ("meta" if self.is_meta else None)


Tensor.new_tensor = lambda self, data, dtype=None, device=None, requires_grad=False: creation.tensor(
    data, dtype=dtype or self.dtype, device=_new_device(self, device), requires_grad=requires_grad)
Tensor.new_zeros = lambda self, *sizes, size=None, dtype=None, device=None, requires_grad=False: creation.zeros(
    *(sizes if size is None else (size,)), dtype=dtype or self.dtype, device=_new_device(self, device),
    requires_grad=requires_grad)
Tensor.new_ones = lambda self, *sizes, size=None, dtype=None, device=None, requires_grad=False: creation.ones(
    *(sizes if size is None else (size,)), dtype=dtype or self.dtype, device=_new_device(self, device),
    requires_grad=requires_grad)
Tensor.new_full = lambda self, size, fill_value, dtype=None, device=None, requires_grad=False: creation.full(
    size, fill_value, dtype=dtype or self.dtype, device=_new_device(self, device), requires_grad=requires_grad)
Tensor.new_empty = Tensor.new_zeros


def _new(self, *args, device=None, **keywords):
    """The legacy constructor ``x.new(...)``, in x's dtype: ``x.new()`` is empty, ``x.new(2, 3)``
    or ``x.new(torch.Size([2, 3]))`` has that shape (zeros here; PyTorch leaves the memory as it
    finds it), ``x.new(data)`` holds a list, tuple or numpy array's values, ``x.new(t)`` is an
    alias of a tensor t of the same dtype (in t's graph, as ``AliasBackward0``)."""
    if keywords:
        raise arg_errors.new_no_overload(args, list(keywords.items()))
    device = _new_device(self, device)
    if not args:
        return creation.zeros(0, dtype=self.dtype, device=device)
    if len(args) == 1 and isinstance(args[0], Tensor):
        if args[0].dtype != self.dtype:
            raise arg_errors.new_other_dtype(self.dtype, args[0].dtype)
        return sh.Alias.apply(args[0])
    if all(isinstance(a, int) and not isinstance(a, bool) for a in args) or (
            len(args) == 1 and isinstance(args[0], Size)):
        return creation.zeros(*args, dtype=self.dtype, device=device)
    if len(args) == 1:
        if isinstance(args[0], str):
            raise TypeError("new(): invalid data type 'str'")
        if not isinstance(args[0], (list, tuple, np.ndarray)):
            raise TypeError(f"new(): data must be a sequence (got {arg_errors.type_name(args[0])})")
        return creation.tensor(args[0], dtype=self.dtype, device=device)
    raise arg_errors.new_no_overload(args)


Tensor.new = _new




Tensor._check_inplace = _check_inplace
Tensor._inplace_result = _inplace_result
for _name in ["add", "sub", "mul", "div", "clamp", "pow", "exp", "log", "sqrt", "neg", "abs", "relu",
              "sigmoid", "tanh", "sin", "cos", "reciprocal", "masked_fill", "square", "clip", "clamp_min",
              "clamp_max", "tan", "sinh", "cosh", "asin", "acos", "atan", "erf", "expm1", "log1p", "log2",
              "log10", "rsqrt", "floor", "ceil", "round", "trunc", "sign", "absolute", "negative"]:
    setattr(Tensor, _name + "_", _inplace(getattr(Tensor, _name), _name))
# PyTorch's in-place clamp to number bounds names the tensor's dtype by its C type.
_C_TYPE = {np.int64: "long int", np.int32: "int", np.int16: "short int", np.int8: "signed char",
           np.uint8: "unsigned char", np.bool_: "bool"}


def _clamp_inplace(name, bound_names):
    general = getattr(Tensor, name + "_")

    def method(self, *args, **kwargs):
        bounds = dict(zip(bound_names, args), **kwargs)
        if self._data.dtype.kind in "iub" and not any(isinstance(b, Tensor) for b in bounds.values()):
            lo, hi = bounds.get("min"), bounds.get("max")
            if lo is not None or hi is not None:
                dt = clamp_ops.clamp_dtype(self._data, lo, hi)
                if dt != self._data.dtype and not np.can_cast(dt, self._data.dtype, "same_kind"):
                    raise RuntimeError(
                        f"result type {_dtype.scalar_type_name(dt)} can't be cast to "
                        f"the desired output type {_C_TYPE[self._data.dtype.type]}"
                    )
        return general(self, *args, **kwargs)

    return method


_add_inplace, _sub_inplace = Tensor.add_, Tensor.sub_  # (what += and -= call: no deprecated forms there)
Tensor.add_, Tensor.sub_ = _alpha_first_inplace("add_"), _alpha_first_inplace("sub_")
for _name in ["scatter", "scatter_add", "lerp", "index_add", "index_copy", "index_fill", "scatter_reduce",
              "addcmul", "addcdiv", "hypot", "copysign", "exp2", "frac", "sgn", "logit"]:
    setattr(Tensor, _name + "_", _inplace(getattr(Tensor, _name), aten=_name))
Tensor.clamp_ = _clamp_inplace("clamp", ("min", "max"))
Tensor.clip_ = _clamp_inplace("clip", ("min", "max"))
Tensor.clamp_min_ = _clamp_inplace("clamp_min", ("min",))
Tensor.clamp_max_ = _clamp_inplace("clamp_max", ("max",))
Tensor.__iadd__ = _add_inplace
Tensor.__isub__ = _sub_inplace
Tensor.__imul__ = Tensor.mul_
Tensor.__itruediv__ = Tensor.div_
# Without these Python would fall back to ``a = a ** 2``: a new tensor, and no in-place check.
Tensor.__ipow__ = Tensor.pow_
Tensor.__ifloordiv__ = _inplace(rounding.floor_divide, aten="floor_divide")
Tensor.__imod__ = _inplace(rounding.remainder, aten="remainder")


Tensor.unsqueeze_, Tensor.squeeze_, Tensor.t_ = inplace_ops.unsqueeze_, inplace_ops.squeeze_, inplace_ops.t_
Tensor.transpose_ = Tensor.swapaxes_ = inplace_ops.transpose_
Tensor.resize_, Tensor.resize_as_ = inplace_ops.resize_, inplace_ops.resize_as_
Tensor.zero_ = _inplace(lambda self: Zero.apply(self), fills=True, aten="zero")
Tensor.fill_ = _inplace(_fill, fills=True, aten="fill")
Tensor.copy_ = _inplace(_copy, aten="copy")


Tensor.multinomial = sampling.multinomial
Tensor.bernoulli = sampling.bernoulli
Tensor.erfinv, Tensor.lgamma, Tensor.digamma = special.erfinv, special.lgamma, special.digamma
Tensor.polygamma = special.polygamma_method
Tensor.uniform_ = _random_fill(_rng("uniform_"), "uniform")
Tensor.normal_ = _random_fill(_rng("normal_"), "normal")
Tensor.bernoulli_ = _random_fill(_rng("bernoulli_"), "bernoulli")
Tensor.random_ = _random_fill(_rng("random_"), "random")
Tensor.exponential_ = _random_fill(_rng("exponential_"), "exponential")


# Every line of Tensor's table of methods (_tensor.py) is filled in now.
_unattached = [name for name, value in vars(Tensor).items() if isinstance(value, DefinedIn)]
if _unattached:
    raise ImportError(f"Tensor methods listed in _tensor.py but never attached: {', '.join(_unattached)}")
