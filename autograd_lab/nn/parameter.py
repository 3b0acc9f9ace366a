"""``nn.Parameter``: a tensor that a Module registers as one of its learnable weights."""
from .._tensor import Tensor
from ..parity.dispatch import is_wrapper
from ..parity.names import ShownAs


class _ParameterMeta(ShownAs):
    """``isinstance(t, Parameter)`` is also true of a tensor subclass made a parameter
    (``Parameter(subclass_instance)`` keeps its class and marks it ``_is_param``)."""

    def __instancecheck__(cls, instance):
        return super().__instancecheck__(instance) or (
            cls is Parameter and isinstance(instance, Tensor) and instance.__dict__.get("_is_param", False))


class Parameter(Tensor, metaclass=_ParameterMeta):
    """A leaf tensor that requires grad (by default) and that a Module lists in ``parameters()``.

    It shares memory and version counter with the tensor it wraps, as PyTorch's does.

    >>> p = Parameter(tensor([1., 2.]))
    >>> p
    Parameter containing:
    tensor([1., 2.], requires_grad=True)
    """

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            from ..creation import empty

            data = empty(0)
        if is_wrapper(data):  # a __torch_dispatch__ subclass stays itself, marked as a parameter
            return _subclass_parameter(data, requires_grad)
        if requires_grad and data._data.dtype.kind != "f":
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        param = cls._make(data._data, bool(requires_grad))
        param._vc = data._vc  # an alias of ``data``: in-place changes through either are seen by both
        return param

    def __init__(self, data=None, requires_grad=True):
        pass  # everything happened in __new__ (Tensor.__init__ would build a new tensor)

    def __repr__(self):
        return "Parameter containing:\n" + Tensor.__repr__(self)

    __str__ = __repr__

    def __reduce_ex__(self, proto):
        return (_rebuild_parameter, (self._data, self._requires_grad))


def _subclass_parameter(data, requires_grad):
    t = data.detach().requires_grad_(requires_grad)
    if type(t) is not type(data):
        raise RuntimeError(
            f"Creating a Parameter from an instance of type {type(data).__name__} requires that detach() returns "
            f"an instance of the same type, but return type {type(t).__name__} was found instead. To use the type as "
            "a Parameter, please correct the detach() semantics defined by its __torch_dispatch__() implementation.")
    t._is_param = True
    return t


def _rebuild_parameter(data, requires_grad):
    return Parameter._make(data, requires_grad)
