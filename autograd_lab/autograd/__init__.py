"""autograd: backward(), grad(), Function, the grad-mode switches and gradcheck."""
import numpy as np

from .function import Function, Node, AccumulateGrad, RemovableHandle, FunctionCtx  # noqa: F401
from .grad_mode import (  # noqa: F401
    enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled,
)
from ..parity.messages import shape_str
from . import engine, graph  # noqa: F401
from .gradcheck import gradcheck, gradgradcheck  # noqa: F401


CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter and its "
    "gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to "
    "avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters "
    "to None after use to break the cycle and avoid the leak. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)"
)


_create_graph_warned = False


def _called_from_method():
    import sys

    return sys._getframe(2).f_code.co_name == "backward"


def Variable(data, requires_grad=False, volatile=False):
    """The pre-0.4 wrapper: today it just returns the tensor, with requires_grad set if asked."""
    if requires_grad:
        data.requires_grad_(True)
    return data


def _size_str(shape):
    return f"torch.Size({shape_str(shape)})"


def _make_grads(outputs, grad_outputs):
    """The gradients backward starts from: given ones, checked, or ones for a scalar output."""
    Tensor = engine.Tensor
    out = []
    for i, (t, g) in enumerate(zip(outputs, grad_outputs)):
        if g is None:
            if t._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if t._data.dtype.kind != "f":
                raise RuntimeError(
                    f"grad can be implicitly created only for real scalar outputs but got {t.dtype}"
                )
            g = np.empty(t._data.shape, t._data.dtype)
            g.fill(1)
            g = Tensor._make(g)
        else:
            if not isinstance(g, Tensor):
                g = Tensor._make(np.asarray(g, t._data.dtype))
            if g._data.shape != t._data.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of {_size_str(g._data.shape)} and "
                    f"output[{i}] has a shape of {_size_str(t._data.shape)}."
                )
            if g._data.dtype != t._data.dtype:
                g = g.to(t.dtype)
        out.append(g)
    return out


def _as_tuple(x):
    if x is None:
        return None
    if isinstance(x, engine.Tensor):
        return (x,)
    return tuple(x)


def _grads_for(tensors, grad_tensors):
    """One starting gradient (a tensor, or None for "ones") per output tensor; extra ones are
    ignored and missing ones are an error, as in PyTorch."""
    grads = _as_tuple(grad_tensors) or (None,) * len(tensors)
    for g in grads:
        if g is not None and not isinstance(g, engine.Tensor):
            raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
    grads = grads[: len(tensors)]
    if len(grads) != len(tensors):
        raise RuntimeError(f"got {len(tensors)} tensors and {len(grads)} gradients")
    return grads


def _check_roots(tensors):
    for i, t in enumerate(tensors):
        if not t._requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )


def _target(t):
    """Where a tensor's gradient can be caught in the graph: its grad_fn slot, or its leaf node."""
    if t._grad_fn is not None:
        return (t._grad_fn, t._output_nr)
    return (t._accumulator(), 0)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None):
    """Add the gradients of ``tensors`` into the ``.grad`` of the leaves they depend on.

    ``grad_tensors`` are the vectors of the vector-Jacobian product (needed unless each tensor
    is a scalar); ``retain_graph`` keeps saved values for another backward; ``inputs``
    restricts which tensors receive a ``.grad``.
    """
    tensors = _as_tuple(tensors)
    grads = _grads_for(tensors, grad_tensors)
    if retain_graph is None:
        retain_graph = create_graph
    _check_roots(tensors)
    root_grads = _make_grads(tensors, grads)
    global _create_graph_warned
    if create_graph and inputs is None and not _create_graph_warned:
        import warnings

        _create_graph_warned = True  # PyTorch gives this warning once per process
        warnings.warn(CREATE_GRAPH_WARNING, UserWarning, stacklevel=3 if _called_from_method() else 2)
    if inputs is None:
        engine.run_backward(tensors, root_grads, retain_graph, create_graph)
        return
    inputs = _as_tuple(inputs)
    if not inputs:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    for t in inputs:
        if not t._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
    found = engine.run_backward(tensors, root_grads, retain_graph, create_graph, targets=[_target(t) for t in inputs])
    for i, t in enumerate(inputs):
        g = found.get(i)
        if g is None:
            continue
        if t._grad_fn is None:
            engine._accumulate(t, g, create_graph)
        else:
            engine._retain(t, g, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """The gradients of ``outputs`` with respect to ``inputs``, returned instead of stored.

    >>> x = tensor(2., requires_grad=True)
    >>> (dy,) = grad(x ** 3, x, create_graph=True)   # 3x^2 = 12
    >>> grad(dy, x)                                  # 6x = 12
    (tensor(12.),)
    """
    outputs = _as_tuple(outputs)
    inputs = _as_tuple(inputs)
    if not inputs:
        raise RuntimeError("`inputs` argument to `grad()` cannot be empty.")
    grads = _grads_for(outputs, grad_outputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    if retain_graph is None:
        retain_graph = create_graph
    _check_roots(outputs)
    for t in inputs:
        if not t._requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    root_grads = _make_grads(outputs, grads)
    found = engine.run_backward(outputs, root_grads, retain_graph, create_graph, targets=[_target(t) for t in inputs])
    result = []
    for i, t in enumerate(inputs):
        g = found.get(i)
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the graph. "
                    "Set allow_unused=True if this is the desired behavior."
                )
            if materialize_grads:
                from .._tensor import Tensor

                g = Tensor._make(np.zeros(t._data.shape, t._data.dtype))
        elif not create_graph:
            g = g.detach()
        result.append(g)
    return tuple(result)


def set_detect_anomaly(mode, check_nan=True):
    """Accepted for compatibility; this engine's errors already name the failing node."""
    return None


class detect_anomaly:
    def __init__(self, check_nan=True):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
