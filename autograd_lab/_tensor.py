"""The Tensor: a numpy array plus what autograd needs to know about it.

A tensor holds its values (``_data``), whether it requires grad, the node that produced it
(``grad_fn``) and, for leaves, the ``.grad`` that backward fills. Every operator on a tensor
delegates to an op in ``autograd_lab.ops``; this file holds no derivative formulas.
"""
import operator
import warnings
import weakref

import numpy as np

from . import _dtype
from .parity.messages import shape_str
from .parity.meta import MetaArray
from .parity import dispatch as _dispatch
from .parity.names import GivenDim, ShownAs
from .autograd.grad_mode import GradMode
from .autograd.hooks import RemovableHandle

NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
    "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
    "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
    "github.com/pytorch/pytorch/pull/30531 for more information. (Triggered internally at "
    "/__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)"
)

SCALAR_OF_GRAD_WARNING = (
    "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
    "Consider using tensor.detach() first. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/generated/python_variable_methods.cpp:822.)"
)
_scalar_warned = False


class Size(tuple, metaclass=ShownAs):
    """A tensor's shape: a tuple that prints as ``torch.Size([2, 3])``."""

    _shown_as = "torch.Size"

    def __repr__(self):
        return f"torch.Size({shape_str(self)})"

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n

    def __getitem__(self, item):
        out = tuple.__getitem__(self, item)
        return Size(out) if isinstance(item, slice) else out

    def __add__(self, other):
        return Size(tuple(self) + tuple(other))


class device:
    """Only the CPU exists here; ``torch.device('cpu')`` and ``'cuda'`` names are accepted."""

    def __init__(self, type="cpu", index=None):
        if isinstance(type, device):
            type, index = type.type, type.index
        if ":" in str(type):
            type, index = type.split(":")
            index = int(index)
        self.type = type
        self.index = index

    def __repr__(self):
        return f"device(type='{self.type}')" if self.index is None else f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        other = device(other) if isinstance(other, str) else other
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self):
        return hash((self.type, self.index))

    def __enter__(self):
        """``with torch.device("meta"):`` factories (and modules built inside) make tensors on
        this device unless told another."""
        self._outer = DEFAULT_DEVICE[0]
        DEFAULT_DEVICE[0] = None if str(self) == "cpu" else str(self)
        return self

    def __exit__(self, *exc):
        DEFAULT_DEVICE[0] = self._outer


DEFAULT_DEVICE = [None]  # what torch.set_default_device or `with torch.device(...)` set: None is the CPU


CPU = device("cpu")
META = device("meta")
_as_device = device  # (for methods whose ``device=`` argument hides the class)


class DefinedIn:
    """A line of Tensor's table of methods: the method is defined in ``path`` (under autograd_lab/)
    and attached by _tensor_methods.py, which leaves none of these behind."""

    LISTED = {}  # method name -> the file the table names

    def __init__(self, path):
        self.path = path

    def __set_name__(self, owner, name):
        DefinedIn.LISTED[name] = self.path

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"this Tensor method is defined in {self.path}, not attached yet")


class Tensor(metaclass=ShownAs):
    """A multi-dimensional array that can record the operations applied to it.

    >>> x = tensor([1., 2.], requires_grad=True)
    >>> (x * x).sum().backward()
    >>> x.grad
    tensor([2., 4.])
    """

    _shown_as = "torch.Tensor"

    # Every op makes a tensor, so making one must be cheap: only the fields every tensor sets
    # are slots; the rarely set ones default here and land in the instance dict when set.
    __slots__ = ("_data", "_requires_grad", "_grad_fn", "_vcl", "__weakref__", "__dict__")
    _output_nr = 0
    _grad = None
    _base = None  # for a view: the tensor whose memory it shares
    _graph_version = 0  # for a view: the shared version when its grad_fn was recorded
    _hooks = None
    _post_accumulate_hooks = None
    _retains_grad = False
    _acc = None  # weak reference to a leaf's AccumulateGrad node
    _inference = False
    _tangent = None  # forward mode: the tangent at the current dual level (autograd/forward_ad.py)
    __array_priority__ = 1000  # numpy scalars on the left defer to our operators

    def _init(self, data):
        self._data = data
        self._requires_grad = False
        self._grad_fn = None
        self._vcl = None
        if GradMode.inference:
            self._inference = True

    @classmethod
    def _make(cls, data, requires_grad=False):
        t = object.__new__(cls)
        t._data = data
        t._requires_grad = requires_grad
        t._grad_fn = None
        t._vcl = None
        if GradMode.inference:
            t._inference = True
        return t

    @property
    def _vc(self):
        """The version counter, a one-item list shared by a tensor and its views. Made on
        first need: a tensor nobody changes in place never pays for one (version 0)."""
        vc = self._vcl
        if vc is None:
            vc = self._vcl = [0]
        return vc

    @_vc.setter
    def _vc(self, counter):
        self._vcl = counter

    # -- what a tensor is ---------------------------------------------------------------------
    @property
    def dtype(self):
        d = self._data.dtype
        return _dtype._FROM_NUMPY[d] if d.metadata is None else _dtype.from_numpy_dtype(d)

    @property
    def shape(self):
        return Size(self._data.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[_wrap_dim(dim, self._data.ndim)]

    def dim(self):
        return self._data.ndim

    ndimension = dim

    @property
    def ndim(self):
        return self._data.ndim

    def numel(self):
        return self._data.size

    nelement = numel

    def element_size(self):
        return self.dtype.itemsize

    @property
    def device(self):
        kind = type(self._data)
        if kind is _dispatch.WrapperArray:  # a __torch_dispatch__ subclass: the device it was given
            return self._data.torch_device
        return META if kind is MetaArray else CPU

    @property
    def is_meta(self):
        """A tensor of the meta device: a shape and a dtype, no values (parity/meta.py)."""
        kind = type(self._data)
        return kind is MetaArray or (kind is _dispatch.WrapperArray and self._data.torch_device == META)

    @property
    def is_cuda(self):
        return False

    def is_floating_point(self):
        return self._data.dtype.kind == "f"

    def is_contiguous(self, memory_format=None):
        if type(self._data) is _dispatch.WrapperArray:
            return self._data.torch_strides == self._contiguous_strides()
        return self._data.flags.c_contiguous or type(self._data) is MetaArray

    def _contiguous_strides(self):
        return tuple(int(np.prod(self._data.shape[i + 1:])) for i in range(self._data.ndim))

    def stride(self, dim=None):
        size = self._data.itemsize
        st = tuple([s // size for s in self._data.strides])
        if type(self._data) is _dispatch.WrapperArray:
            st = self._data.torch_strides
        elif type(self._data) is MetaArray:  # (laid out as a contiguous tensor would be)
            st = self._contiguous_strides()
        return st if dim is None else st[_wrap_dim(dim, self._data.ndim)]

    @property
    def layout(self):
        return _dtype.strided

    def storage_offset(self):
        """Where this tensor starts in its base's memory, in elements (0 for a tensor that
        owns its memory)."""
        if type(self._data) is _dispatch.WrapperArray:
            return self._data.torch_offset
        base = self._base._data if self._base is not None else None
        if base is None or type(self._data) is MetaArray:
            return 0
        start = self._data.__array_interface__["data"][0] - base.__array_interface__["data"][0]
        return start // self._data.itemsize

    def data_ptr(self):
        return self._data.__array_interface__["data"][0]

    @property
    def _version(self):
        return self._vcl[0] if self._vcl is not None else 0

    # -- autograd state -----------------------------------------------------------------------
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        if type(value) is not bool:
            raise RuntimeError("requires_grad must be a bool")
        self._set_requires_grad(value, "only Tensors of floating point and complex dtype can require gradients")

    def requires_grad_(self, requires_grad=True):
        """Set whether autograd records ops on this tensor (a leaf); returns the tensor."""
        if type(requires_grad) is not bool:
            raise TypeError(
                "requires_grad_(): argument 'requires_grad' (position 1) must be bool, not "
                f"{type(requires_grad).__name__}"
            )
        # PyTorch words this error three ways depending on how the flag was set.
        return self._set_requires_grad(requires_grad, "only Tensors of floating point dtype can require gradients")

    def _set_requires_grad(self, requires_grad, int_message):
        if not self.is_leaf:
            if not requires_grad:
                raise RuntimeError(
                    "you can only change requires_grad flags of leaf variables. If you want to use a "
                    "computed variable in a subgraph that doesn't require differentiation use "
                    "var_no_grad = var.detach()."
                )
            return self
        if requires_grad and self._data.dtype.kind != "f":
            raise RuntimeError(int_message)
        self._requires_grad = bool(requires_grad)
        return self

    @property
    def is_leaf(self):
        return self._grad_fn is None

    @property
    def grad_fn(self):
        if self._base is not None and self._vcl[0] != self._graph_version:
            self._refresh_history()  # its base was changed in place since
        return self._grad_fn

    @property
    def grad(self):
        if self._grad_fn is not None and not self._retains_grad and self._grad is None:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of type {type(value).__name__}")
            if value is self:
                raise RuntimeError("can't assign Variable as its own grad")
            if value._data.shape != self._data.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{shape_str(value._data.shape)}' to a tensor of size "
                    f"'{shape_str(self._data.shape)}'. Please ensure that the gradient and the tensor are the same size"
                )
            if value._data.dtype != self._data.dtype:
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{_c10_name(value.dtype)}' to a tensor with "
                    f"grad_dtype '{_dtype.scalar_type_name(self.dtype)}'. The gradient must match the tensor's "
                    "grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with "
                    "a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes "
                    "of a tensor and its gradient may break downstream systems that assume they match."
                )
        self._grad = value

    @property
    def retains_grad(self):
        return self._retains_grad

    def retain_grad(self):
        """Keep this non-leaf tensor's gradient in ``.grad`` when backward runs."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self._grad_fn is None or self._retains_grad:
            return
        fn = self._grad_fn
        if fn._retain_grad is None:
            fn._retain_grad = {}
        fn._retain_grad[self._output_nr] = weakref.ref(self)
        self._retains_grad = True

    def register_hook(self, hook):
        """``hook(grad)`` runs when this tensor's gradient is computed; it may return a new one."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._grad_fn is not None:
            return self._grad_fn._add_tensor_prehook(self._output_nr, hook)
        if self._hooks is None:
            self._hooks = {}
        handle = RemovableHandle(self._hooks)
        self._hooks[handle.id] = hook
        return handle

    def register_post_accumulate_grad_hook(self, hook):
        """``hook(tensor)`` runs after backward has added into this leaf's ``.grad``."""
        if self._grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
        if self._post_accumulate_hooks is None:
            self._post_accumulate_hooks = {}
        handle = RemovableHandle(self._post_accumulate_hooks)
        self._post_accumulate_hooks[handle.id] = hook
        return handle

    def detach(self):
        """A tensor sharing this one's data, cut off from the graph (``requires_grad=False``)."""
        if type(self._data) is _dispatch.WrapperArray:  # (its class answers: parity/dispatch.py)
            return _dispatch.call("detach.default", self)
        out = Tensor._make(self._data)
        out._vc = self._vc
        return out

    def detach_(self):
        if self._base is not None and self._grad_fn is not None:
            raise RuntimeError(
                "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) "
                "for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, "
                "and hence detach_() cannot be called on these gradients. To fix this error, please refer to the "
                "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution."
            )
        self._grad_fn = None
        self._output_nr = 0
        self._requires_grad = False
        return self

    @property
    def data(self):
        return self.detach()

    @data.setter
    def data(self, value):
        if not isinstance(value, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(value).__name__}")
        if self._requires_grad and value._data.dtype.kind != "f":
            raise RuntimeError("data set to a tensor that requires gradients must be floating point or complex dtype")
        self._data = value._data

    # -- conversion ---------------------------------------------------------------------------
    def item(self):
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        self._refuse_meta("item")
        return self._data.reshape(()).item()

    def tolist(self):
        if type(self) is not Tensor and type(self._data) is _dispatch.WrapperArray:
            raise RuntimeError(f".tolist() is not supported for tensor subclasses, got {type(self).__name__}")
        self._refuse_meta("tolist")
        return self._data.tolist()

    def numpy(self, force=False):
        if self._requires_grad and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
            )
        self._refuse_meta("numpy")
        if self._data.dtype.metadata is not None:  # (numpy has no bfloat16)
            raise TypeError("Got unsupported ScalarType BFloat16")
        if type(self._data) is _dispatch.WrapperArray:
            raise RuntimeError(".numpy() is not supported for tensor subclasses.")
        return self._data

    def _refuse_meta(self, what):
        if type(self._data) is MetaArray:
            from .parity.messages import meta_refusal

            raise meta_refusal(what)

    def __array__(self, dtype=None, copy=None):
        arr = self.numpy()
        return arr if dtype is None else arr.astype(dtype)

    def cpu(self):
        self._refuse_meta("cpu")
        return self

    def cuda(self, *args, **kwargs):
        raise AssertionError("Torch not compiled with CUDA enabled")

    def module_load(self, other, assign=False):
        """What ``load_state_dict`` puts in this parameter's place when modules swap their
        parameters (``torch.__future__.set_swap_module_params_on_conversion``): ``other``
        itself with ``assign``, else this tensor with ``other``'s values; detached. A subclass's
        ``__torch_function__`` may answer instead (as it may in PyTorch: the tensors are yours)."""
        if _dispatch.has_torch_function((self, other)):
            return _dispatch.handle_torch_function(Tensor.module_load, (self, other), (self, other), {"assign": assign})
        if assign:
            return other.detach()
        return self.copy_(other).detach()

    @staticmethod
    def _make_wrapper_subclass(cls, size, strides=None, storage_offset=None, memory_format=None, dtype=None,
                               layout=None, device=None, pin_memory=False, requires_grad=False, **ignored):
        """An instance of ``cls`` with this metadata and no values: every op on it goes to
        ``cls.__torch_dispatch__`` (parity/dispatch.py), which usually computes on a real
        tensor the instance keeps (``self.elem``)."""
        if getattr(cls, "__torch_dispatch__", None) is None:
            raise TypeError(f"{cls.__name__} must define __torch_dispatch__")
        dtype = dtype or _dtype.get_default_dtype()
        where = _as_device(device or "cpu")
        t = object.__new__(cls)
        t._init(_dispatch.wrapper_array(size, dtype.numpy, where, strides, storage_offset or 0))
        t._requires_grad = bool(requires_grad)
        return t

    def __bool__(self):
        if self._data.size != 1:
            raise RuntimeError(f"Boolean value of Tensor with more than one value is ambiguous")
        self._refuse_meta("item")
        return bool(self._data)

    def __float__(self):
        global _scalar_warned
        if self._requires_grad and GradMode.enabled and not _scalar_warned:
            _scalar_warned = True  # PyTorch warns once per process, and not under no_grad
            warnings.warn(SCALAR_OF_GRAD_WARNING, UserWarning, stacklevel=2)
        return float(self._scalar())

    def __int__(self):
        return int(self._scalar())

    def _scalar(self):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        self._refuse_meta("item")
        return self._data.reshape(()).item()

    def is_inference(self):
        return self._inference

    def __index__(self):
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __contains__(self, element):
        """``3. in t``: whether any element equals it (broadcast, as ``==`` is)."""
        if not isinstance(element, (Tensor, int, float, bool, complex, np.generic)):
            raise RuntimeError(
                f"Tensor.__contains__ only supports Tensor or scalar, but you passed in a {type(element)}."
            )
        return bool((element == self).any())

    def __hash__(self):
        return id(self)

    def __format__(self, spec):
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    def __repr__(self, *, tensor_contents=None):
        from .parity.printing import format_tensor

        if type(self._data) is _dispatch.WrapperArray:
            _dispatch.call("view.default", self, [-1])  # (PyTorch's printing starts by flattening it)
            raise NotImplementedError(f"autograd_lab prints a __torch_dispatch__ subclass ({type(self).__name__}) "
                                      "only through a __repr__ of its own")

        suffixes = ()
        if self._grad_fn is not None:
            suffixes = (f"grad_fn=<{type(self._grad_fn).__name__}>",)
        elif self._requires_grad:
            suffixes = ("requires_grad=True",)
        if self._tangent is not None:
            t = self._tangent
            suffixes += (f"tangent={t.item() if t._data.ndim == 0 else t!r}",)
        if type(self._data) is MetaArray:
            from .parity.printing import format_meta

            return format_meta(self._data, self.dtype.name, suffixes, default_float=_dtype.get_default_dtype().name)
        return format_tensor(self._data, self.dtype.name, suffixes, default_float=_dtype.get_default_dtype().name)

    def __deepcopy__(self, memo):
        if not self.is_leaf:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  "
                "If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, "
                "see https://github.com/pytorch/pytorch/pull/103001"
            )
        if type(self._data) is _dispatch.WrapperArray:
            return _dispatch.deepcopy_wrapper(self, memo)
        out = type(self)._make(self._data.copy(), self._requires_grad)
        if self._grad is not None:
            out._grad = self._grad.__deepcopy__(memo)
        memo[id(self)] = out
        return out

    def __reduce_ex__(self, proto):
        return (_rebuild, (self._data, self._requires_grad))

    # -- what you can do with a tensor -------------------------------------------------------------
    # Each method is defined in the file named on its line. The ops import Tensor, so they are
    # attached once this class exists (by _tensor_methods.py, which also holds the operators and
    # conversions); go-to-definition on ``x.sum`` lands here, and ops/reduction.py has sum.
    # tests/test_engine.py checks that every line names the file that really defines the method.

    # making one, running backward: torch.Tensor(2, 3) (uninitialised) and torch.Tensor([1, 2]);
    # x.backward(); a leaf's AccumulateGrad node; a view's history read anew once its base was
    # changed in place (see grad_fn)
    __init__ = DefinedIn("creation.py")
    backward = DefinedIn("autograd/engine.py")
    _accumulator = DefinedIn("autograd/function.py")
    _refresh_history = DefinedIn("ops/inplace.py")

    # operators: x + y, x @ y, x == y, x & y, -x (each hands over to its op), x[i], x[i] = v.
    # The op of each: + - * / -x are Add Sub Mul Div Neg, in ops/pointwise.py; ** is PowScalar or
    # PowTensor, in ops/powers.py; @ is matmul, in ops/linalg.py; // and % are in ops/rounding.py.
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = DefinedIn("_tensor_methods.py")
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = DefinedIn("_tensor_methods.py")
    __pow__ = __rpow__ = __matmul__ = __rmatmul__ = __neg__ = __pos__ = __abs__ = DefinedIn("_tensor_methods.py")
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = DefinedIn("_tensor_methods.py")
    __and__ = __rand__ = __or__ = __ror__ = __xor__ = __rxor__ = __invert__ = DefinedIn("_tensor_methods.py")
    __getitem__ = __setitem__ = select = narrow = DefinedIn("ops/indexing.py")

    # element by element
    add = sub = subtract = mul = multiply = div = divide = true_divide = pow = DefinedIn("_tensor_methods.py")
    maximum = minimum = atan2 = remainder = floor_divide = fmod = where = nonzero = DefinedIn("_tensor_methods.py")
    neg = negative = abs = absolute = reciprocal = exp = expm1 = log = log1p = log2 = log10 = DefinedIn("ops/pointwise.py")
    sqrt = rsqrt = sin = cos = tan = sinh = cosh = asin = acos = atan = erf = DefinedIn("ops/pointwise.py")
    tanh = sigmoid = relu = DefinedIn("ops/pointwise.py")
    addcmul = addcdiv = hypot = copysign = fmax = fmin = heaviside = exp2 = frac = sgn = logit = DefinedIn("ops/arithmetic.py")
    float_power = DefinedIn("ops/arithmetic.py")
    square = DefinedIn("ops/powers.py")
    sign = round = floor = ceil = trunc = DefinedIn("ops/rounding.py")
    clamp = clip = clamp_min = clamp_max = lerp = DefinedIn("ops/clamp.py")
    eq = ne = lt = le = gt = ge = greater = less = greater_equal = less_equal = not_equal = DefinedIn("_tensor_methods.py")
    bitwise_and = bitwise_or = bitwise_xor = bitwise_not = DefinedIn("_tensor_methods.py")
    logical_not = logical_and = logical_or = isnan = isinf = isfinite = DefinedIn("_tensor_methods.py")
    equal = allclose = isclose = DefinedIn("_tensor_methods.py")

    # reductions
    sum = mean = prod = max = min = amax = amin = argmax = argmin = all = any = DefinedIn("ops/reduction.py")
    var = std = norm = logsumexp = cumsum = cumprod = trace = DefinedIn("ops/statistics.py")
    kthvalue = median = nanmedian = mode = cummax = cummin = nansum = nanmean = unique = DefinedIn("ops/order_statistics.py")

    # picking entries by index or order
    gather = index_select = scatter = scatter_add = masked_fill = DefinedIn("ops/selection.py")
    sort = argsort = topk = tril = triu = diag = diagonal = diag_embed = DefinedIn("ops/selection.py")
    index_add = index_copy = index_fill = scatter_reduce = masked_select = take = DefinedIn("ops/index_ops.py")

    # shapes
    reshape = view = flatten = permute = transpose = swapaxes = t = expand = squeeze = DefinedIn("ops/shape.py")
    unsqueeze = flip = movedim = repeat = roll = DefinedIn("ops/shape.py")
    unbind = split = chunk = DefinedIn("ops/join_split.py")
    tile = unflatten = repeat_interleave = DefinedIn("ops/shape.py")
    tensor_split = hsplit = vsplit = DefinedIn("ops/join_split.py")
    clone = view_as = reshape_as = expand_as = resize = contiguous = sum_to_size = T = mT = DefinedIn("_tensor_methods.py")

    # linear algebra; softmax
    matmul = mm = mv = dot = bmm = outer = DefinedIn("ops/linalg.py")
    softmax = log_softmax = DefinedIn("_tensor_methods.py")

    # dtypes, new tensors like this one
    to = float = double = half = bfloat16 = long = int = bool = byte = type = type_as = DefinedIn("_tensor_methods.py")

    # drawing samples: indices of categories, from the rows of weights
    multinomial = bernoulli = DefinedIn("ops/sampling.py")
    erfinv = lgamma = digamma = polygamma = DefinedIn("ops/special.py")
    new_tensor = new_zeros = new_ones = new_full = new_empty = new = DefinedIn("_tensor_methods.py")

    # in place: x.add_(y), x += y, x.zero_(), the random fills (add_, sub_ and the clamps check
    # their arguments first in _tensor_methods.py, then go the same way)
    mul_ = div_ = pow_ = exp_ = log_ = sqrt_ = neg_ = abs_ = relu_ = sigmoid_ = tanh_ = DefinedIn("ops/inplace.py")
    sin_ = cos_ = reciprocal_ = square_ = masked_fill_ = scatter_ = scatter_add_ = lerp_ = DefinedIn("ops/inplace.py")
    tan_ = sinh_ = cosh_ = asin_ = acos_ = atan_ = erf_ = expm1_ = log1p_ = log2_ = log10_ = DefinedIn("ops/inplace.py")
    rsqrt_ = floor_ = ceil_ = round_ = trunc_ = sign_ = absolute_ = negative_ = DefinedIn("ops/inplace.py")
    __iadd__ = __isub__ = __imul__ = __itruediv__ = __ipow__ = __ifloordiv__ = __imod__ = DefinedIn("ops/inplace.py")
    zero_ = fill_ = copy_ = uniform_ = normal_ = bernoulli_ = random_ = exponential_ = DefinedIn("ops/inplace.py")
    add_ = sub_ = clamp_ = clamp_min_ = clamp_max_ = clip_ = DefinedIn("_tensor_methods.py")
    index_add_ = index_copy_ = index_fill_ = scatter_reduce_ = DefinedIn("ops/inplace.py")
    addcmul_ = addcdiv_ = hypot_ = copysign_ = exp2_ = frac_ = sgn_ = logit_ = DefinedIn("ops/inplace.py")
    unsqueeze_ = squeeze_ = t_ = transpose_ = swapaxes_ = DefinedIn("ops/inplace.py")
    resize_ = resize_as_ = DefinedIn("ops/inplace.py")


_dispatch.PLAIN_TENSOR[0] = Tensor


def _rebuild(data, requires_grad):
    return Tensor._make(data, requires_grad)


def _wrap_output(arr):
    """A fresh tensor around an op's numpy result (numpy returns scalars for 0-d results)."""
    return Tensor._make(arr if type(arr) is np.ndarray or type(arr) is MetaArray else np.asarray(arr))


def _c10_name(dt):
    return {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int", "int32": "int"}.get(dt.name, dt.name)


def _wrap_dim(dim, ndim):
    """PyTorch's dim checking: negative dims count from the end; out of range is an IndexError.
    A numpy integer or a 0-d integer tensor is taken as the int it holds."""
    if type(dim) is not int:
        if type(dim) is GivenDim:  # (wrapped already; keeps how it was given)
            return dim
        dim = operator.index(dim)
    n = max(ndim, 1)
    if dim < -n or dim >= n:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})"
        )
    return GivenDim(dim + n, dim) if dim < 0 else dim
