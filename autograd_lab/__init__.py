"""autograd_lab: PyTorch's autograd, rebuilt on numpy to be read and taken apart.

``import autograd_lab as torch`` runs autograd lesson code written for PyTorch and prints what
PyTorch prints. ``%load_ext autograd_lab`` adds the ``%%tracegraph`` magic (see ``magics``).
"""
import math as _math

from .parity.malloc import keep_freed_memory as _keep_freed_memory
from . import _dtype
from ._dtype import (  # noqa: F401
    bool_ as bool, dtype, finfo, float16, float32, float64, get_default_dtype, iinfo, int8, int16, int32, int64,
    uint8,
)
# autograd before the tensor: importing autograd/function.py brings in _tensor.py, which itself
# takes GradMode from inside the autograd package (importing _tensor.py first would start the
# package, and so function.py, while _tensor.py is half done).
from . import autograd  # noqa: F401
from ._tensor import Size, Tensor, device  # noqa: F401
from . import _tensor_methods  # noqa: F401  (attaches the operators to Tensor)
from .creation import (  # noqa: F401
    BoolTensor, ByteTensor, DoubleTensor, FloatTensor, IntTensor, LongTensor, arange, as_tensor, empty,
    empty_like, eye, from_numpy, full, full_like, linspace, logspace, normal, ones, ones_like, rand,
    rand_like, randint, randn, randn_like, randperm, tensor, zeros, zeros_like,
)
from .creation import get_default_device, set_default_device  # noqa: F401
from . import accelerator  # noqa: F401
from .ops.pointwise import (  # noqa: F401
    abs, absolute, add, cos, div, divide, erf, exp, expm1, log, log10, log1p, log2, mul, multiply, neg, negative,
    reciprocal, relu, rsqrt, rsub, sigmoid, sin, sqrt, sub, subtract, tan, tanh, true_divide,
    sinh, cosh, asin, acos, atan, atan2,
)
from .ops.powers import pow, square  # noqa: F401
from .ops.arithmetic import (  # noqa: F401
    addcdiv, addcmul, copysign, exp2, float_power, fmax, fmin, frac, heaviside, hypot, logit, sgn,
)
from .ops.rounding import ceil, floor, floor_divide, fmod, remainder, round, sign, trunc  # noqa: F401
from .ops.clamp import clamp, clamp_max, clamp_min, clip, lerp, maximum, minimum, nonzero, where  # noqa: F401
from .ops.selection import (  # noqa: F401
    argsort, diag, diag_embed, diagonal, gather, index_select, scatter, scatter_add, sort, topk, tril, triu,
)
from .ops.indexing import narrow, select  # noqa: F401
from .ops.index_ops import index_add, index_copy, index_fill, masked_select, scatter_reduce, take  # noqa: F401
from .ops.reduction import (  # noqa: F401
    all, amax, amin, any, argmax, argmin, max, mean, min, prod, return_types, sum,
)
from .ops.statistics import cumprod, cumsum, logsumexp, norm, std, trace, var  # noqa: F401
from .ops.order_statistics import (  # noqa: F401
    cummax, cummin, kthvalue, median, mode, nanmean, nanmedian, nansum, unique,
)
from .ops.shape import (  # noqa: F401
    broadcast_shapes, broadcast_tensors, clone, flatten, flip, movedim, permute, reshape, repeat, roll, squeeze, swapaxes, t,
    transpose, unsqueeze,
)
from .ops.join_split import cat, chunk, concat, concatenate, split, stack, unbind  # noqa: F401
from .ops.join_split import (  # noqa: F401
    atleast_1d, atleast_2d, atleast_3d, column_stack, dstack, hsplit, hstack, row_stack, tensor_split, vsplit, vstack,
)
from .ops.shape import repeat_interleave, tile, unflatten  # noqa: F401
from .ops.sampling import bernoulli, multinomial, normal  # noqa: F401,F811  (torch.normal of tensors records a node)
from .ops.linalg import addmm, bmm, dot, einsum, matmul, mm, mv, outer  # noqa: F401
from .ops.softmax import log_softmax, softmax  # noqa: F401
from .ops.special import digamma, erfinv, lgamma, polygamma  # noqa: F401
from .ops.decompositions import (  # noqa: F401
    cholesky_deprecated as cholesky, cholesky_inverse, qr_deprecated as qr, svd_old as svd,
)
from .ops.solves import cross, det, inverse, logdet, slogdet_old as slogdet, triangular_solve  # noqa: F401
from . import linalg, special  # noqa: F401
from .ops.convolution import conv1d, conv2d  # noqa: F401
from .ops.out import with_out as _with_out, with_out_pair as _with_out_pair
from .parity.out_rules import PAIR_RULES as _OUT_PAIRS, RULES as _OUT_RULES
from .ops.pooling import avg_pool1d, max_pool1d, max_pool2d  # noqa: F401
from .autograd.grad_mode import (  # noqa: F401
    enable_grad, inference_mode, is_grad_enabled, is_inference_mode_enabled, no_grad, set_grad_enabled,
)
from .parity.printing import get_printoptions, printoptions, set_printoptions  # noqa: F401

float = float32
double = float64
half = float16
long = int64
int = int32
short = int16

__version__ = "0.1.0"

_keep_freed_memory()  # (glibc: reuse freed arrays instead of faulting in new pages each step)

pi, e, inf, nan = _math.pi, _math.e, _math.inf, _math.nan

from ._dtype import (  # noqa: E402,F401  (names accepted, every tensor here being row-major)
    channels_last, channels_last_3d, contiguous_format, memory_format, preserve_format, layout, strided,
)


# Comparisons and tests as functions: torch.eq(a, b) is a.eq(b), a bool tensor outside the graph.
def eq(input, other):
    return input.eq(other)


def ne(input, other):
    return input.ne(other)


def lt(input, other):
    return input.lt(other)


def le(input, other):
    return input.le(other)


def gt(input, other):
    return input.gt(other)


def ge(input, other):
    return input.ge(other)


def bitwise_and(input, other):
    return input.bitwise_and(other) if isinstance(input, Tensor) else other.bitwise_and(input)


def bitwise_or(input, other):
    return input.bitwise_or(other) if isinstance(input, Tensor) else other.bitwise_or(input)


def bitwise_xor(input, other):
    """Bits set in one of the two integers (or bools) but not both: ``bitwise_xor(5, 1)`` is 4."""
    return input.bitwise_xor(other) if isinstance(input, Tensor) else other.bitwise_xor(input)


def bitwise_not(input):
    return input.bitwise_not()


def isnan(input):
    return input.isnan()


def isinf(input):
    return input.isinf()


def isfinite(input):
    return input.isfinite()


def is_tensor(obj):
    """True for autograd_lab tensors (and nn parameters)."""
    return isinstance(obj, Tensor)


def is_floating_point(input):
    return input.is_floating_point()


def numel(input):
    return input.numel()


def set_default_dtype(d):
    from .ops import _support

    _dtype.set_default_dtype(d)
    _support.clear_cache()


def manual_seed(seed):
    """Seed the random generator; the same seed gives the same numbers as PyTorch's CPU generator."""
    from .parity import random as _random

    return _random.manual_seed(seed)


def seed():
    from .parity import random as _random

    return _random.seed()


def initial_seed():
    from .parity import random as _random

    return _random.initial_seed()


_LAZY_SUBMODULES = ("_C", "nn", "optim", "utils", "viz", "magics", "func", "distributions", "profiler", "functional",
                    "backends", "serialization", "__future__", "_functorch")


def __getattr__(name):
    # Layers, optimizers, data and drawing load on first use, so `import autograd_lab`
    # costs little more than numpy.
    if name in _LAZY_SUBMODULES:
        import importlib

        return importlib.import_module("." + name, __name__)
    if name == "bfloat16":  # (ops start rounding to bfloat16 once it is asked for: parity/bfloat16.py)
        return _dtype._bfloat16()
    if name in ("save", "load"):  # torch.save / torch.load, in serialization.py
        from . import serialization

        return getattr(serialization, name)
    # The random Generator class lives with the generator itself; import it on demand.
    if name == "Generator":
        from .parity.random import Generator

        return Generator
    if name == "default_generator":
        from .parity import random as _random

        return _random.default_generator
    raise AttributeError(f"module 'autograd_lab' has no attribute '{name}'")


def load_ipython_extension(ipython):
    """``%load_ext autograd_lab``: register the ``%tracegraph`` / ``%%tracegraph`` magics."""
    from .magics import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython):
    """``%unload_ext autograd_lab`` (and so ``%reload_ext``): remove the magics."""
    from .magics import unload_ipython_extension as unload

    unload(ipython)


class cuda:
    """There is no GPU here: ``torch.cuda.is_available()`` is False, as on a CPU-only PyTorch."""

    @staticmethod
    def is_available():
        return False

    @staticmethod
    def device_count():
        return 0

    @staticmethod
    def manual_seed(seed):
        return None

    @staticmethod
    def manual_seed_all(seed):
        return None


def get_num_threads():
    return 1


def set_num_threads(n):
    return None


def equal(input, other):
    """True when both tensors have the same shape and the same values."""
    return input.equal(other)


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return input.allclose(other, rtol, atol, equal_nan)


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return input.isclose(other, rtol, atol, equal_nan)


# The torch functions PyTorch writes in C++ check their arguments first: a wrong one raises the
# argument parser's TypeError, under the name it was called by (torch.absolute is not abs()).
# The tensor factories too: torch.ones(2, requires_grad="no") is refused before anything is made.
def _torch_inplace(name):
    """``torch.sin_(t)`` and the like: the tensor's own in-place method, under the name PyTorch
    also gives it in ``torch``."""
    method = getattr(Tensor, name)

    def function(input, *args, **kwargs):
        if not isinstance(input, Tensor):
            raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
        return method(input, *args, **kwargs)

    function.__name__ = function.__qualname__ = name
    return function


# PyTorch 2.13's in-place functions in ``torch`` whose method autograd_lab's Tensor has.
for _name in ("abs_", "acos_", "asin_", "atan_", "ceil_", "clamp_", "clamp_max_", "clamp_min_", "clip_",
              "cos_", "cosh_", "detach_", "erf_", "exp2_", "exp_", "expm1_", "fill_", "floor_", "frac_",
              "log10_", "log1p_", "log2_", "log_", "logit_", "neg_", "negative_", "reciprocal_", "relu_",
              "resize_as_", "round_", "rsqrt_", "sigmoid_", "sin_", "sinh_", "sqrt_", "square_", "tan_", "tanh_",
              "trunc_", "zero_"):
    if hasattr(Tensor, _name):
        globals()[_name] = _torch_inplace(_name)
del _name


_PARSER_CHECKED = (
    "abs", "absolute", "add", "addmm", "all", "allclose", "amax", "amin", "any", "arange", "argmax", "argmin",
    "as_tensor", "bmm", "cat", "ceil", "chunk", "clamp", "clamp_max", "clamp_min", "clip", "clone", "concat",
    "concatenate", "cos", "cumsum", "div", "divide", "dot", "empty_like", "eq", "equal", "erf",
    "exp", "expm1", "eye", "flatten", "flip", "floor", "floor_divide", "fmod", "full", "full_like",
    "ge", "gt", "is_floating_point", "isclose", "isfinite", "isinf", "isnan", "le", "linspace",
    "log", "log10", "log1p", "log2", "log_softmax", "logspace", "logsumexp", "lt", "matmul", "max",
    "maximum", "mean", "min", "minimum", "mm", "movedim", "mul", "multiply", "mv", "narrow", "ne",
    "neg", "negative", "nonzero", "normal", "numel", "ones_like", "outer", "permute", "pow", "prod",
    "rand_like", "randint", "randn_like", "randperm", "reciprocal", "relu", "remainder", "reshape",
    "round", "rsqrt", "rsub", "sigmoid", "sign", "sin", "softmax", "sqrt", "square", "squeeze",
    "stack", "std", "sub", "subtract", "sum", "swapaxes", "t", "tan", "tanh", "transpose",
    "true_divide", "trunc", "unbind", "unsqueeze", "var", "where", "zeros_like",
    "sinh", "cosh", "asin", "acos", "atan", "atan2", "argsort", "gather", "index_select", "sort",
    "topk", "tril", "triu", "trace", "roll",
    "cumprod", "diag", "diag_embed", "diagonal", "lerp", "scatter", "scatter_add", "select",
    "empty", "ones", "rand", "randn", "tensor", "zeros",
    "conv1d", "conv2d", "avg_pool1d", "max_pool1d", "max_pool2d",
    "multinomial", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not",
    "tile", "hstack", "vstack", "dstack", "column_stack", "row_stack", "tensor_split", "hsplit", "vsplit",
    "index_add", "index_copy", "index_fill", "masked_select", "take", "scatter_reduce", "kthvalue", "median",
    "nanmedian", "mode", "cummax", "cummin", "nansum", "nanmean", "fmax", "fmin", "addcmul", "addcdiv", "sgn",
    "frac", "exp2", "float_power", "heaviside", "logit", "hypot", "copysign", "repeat_interleave", "unflatten",
    "bernoulli", "cholesky", "cholesky_inverse", "cross", "det", "inverse", "logdet", "slogdet", "svd",
    "triangular_solve", "erfinv", "qr", "lgamma", "digamma", "polygamma",
)


def _check_arguments():
    from .parity.arg_errors import check_methods, checked
    from .parity.signatures import SIGNATURES

    namespace = globals()
    for name in _PARSER_CHECKED:
        # (a name scripts/record_signatures.py has not recorded yet stays as it is; the
        # recorder imports this package, and tests/test_signatures.py catches the omission)
        if name in SIGNATURES:
            fn = namespace[name]
            # out=: the result written into a tensor the caller gives (ops/out.py; each
            # function's dtype rule in parity/out_rules.py)
            out = _with_out(fn, name) if name in _OUT_RULES else _with_out_pair(fn, name) if name in _OUT_PAIRS else None
            namespace[name] = checked(fn, name, with_out=out)
    check_methods(Tensor)


_check_arguments()
