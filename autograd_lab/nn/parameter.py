"""``nn.Parameter``: a tensor that a Module registers as one of its learnable weights."""
from .._tensor import Tensor


class Parameter(Tensor):
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


def _rebuild_parameter(data, requires_grad):
    return Parameter._make(data, requires_grad)
