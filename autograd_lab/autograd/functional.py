"""``torch.autograd.functional``: derivatives of a whole Python function at a point, built on
``autograd.grad``: vjp (one backward pass), jvp (two, the "double backward trick"), jacobian
(one backward per output element), hessian (the jacobian of the jacobian), hvp and vhp.

    >>> jacobian(lambda x: x ** 2, tensor([1., 2.]))
    tensor([[2., 0.],
            [0., 4.]])

Every function takes a tensor or a tuple of tensors and answers in the same form: a tensor for
a tensor, a tuple for a tuple (a jacobian is indexed ``[output][input]``).
``vectorize=True`` is accepted and computes the same by the same loop.
"""
from .._tensor import Tensor
from .engine import grad as _autograd_grad_raw
from .grad_mode import GradMode, enable_grad, set_grad_enabled

__all__ = ["vjp", "jvp", "jacobian", "hessian", "hvp", "vhp"]


# -- the checks and conversions every function shares -----------------------------------------
def _as_tuple(value, what, fn_name):
    """``(was_tuple, tuple_of_tensors)``, or PyTorch's TypeError for anything but tensors."""
    was_tuple = isinstance(value, tuple)
    items = value if was_tuple else (value,)
    for i, item in enumerate(items):
        if not isinstance(item, Tensor):
            where = f"value at index {i}" if was_tuple else f"given {what}"
            raise TypeError(
                f"The {what} given to {fn_name} must be either a Tensor or a tuple of Tensors but the "
                f"{where} has type {type(item)}."
            )
    return was_tuple, items


def _fresh(tensors, create_graph, need_graph):
    """New tensor objects for the inputs: connected to the caller's graph only with
    create_graph=True (a view), otherwise detached leaves that require grad when we need it."""
    return tuple(
        t.view_as(t) if create_graph and t.requires_grad else t.detach().requires_grad_(need_graph)
        for t in tensors
    )


def _done(tensors, create_graph):
    """What the caller gets back: without create_graph, tensors with no history."""
    if create_graph:
        return tensors
    return tuple(t.detach() if isinstance(t, Tensor) else _done(t, create_graph) for t in tensors)


def _unpack(result, was_tuple):
    return result if was_tuple else result[0]


def _check_v(v, others, others_tuple):
    if len(v) != len(others):
        if others_tuple:
            raise RuntimeError(f"v is a tuple of invalid length: should be {len(others)} but got {len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for i, (a, b) in enumerate(zip(v, others)):
        if a.size() != b.size():
            where = f"Entry {i} in " if others_tuple else ""
            raise RuntimeError(f"{where}v has invalid size: should be {b.size()} but got {a.size()}.")


def _check_outputs_differentiable(outputs, strict):
    if strict:
        for i, out in enumerate(outputs):
            if not out.requires_grad:
                raise RuntimeError(
                    f"Output {i} of the user-provided function does not require gradients. The outputs must be "
                    "computed in a differentiable manner from the input when running in strict mode."
                )


def _grad(outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None):
    """autograd.grad over the outputs that require grad; None for inputs nothing reached."""
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o is not None and o.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    return _autograd_grad_raw(
        [o for o, _ in pairs], inputs, [g for _, g in pairs], create_graph=create_graph,
        retain_graph=retain_graph, allow_unused=True,
    )


def _zeros_for_none(grads, refs, strict, message):
    """A None gradient (the result does not depend on that input) becomes zeros, or in strict
    mode the error ``message.format(i)``."""
    out = []
    for i, (g, ref) in enumerate(zip(grads, refs)):
        if g is None:
            if strict:
                raise RuntimeError(message.format(i))
            g = ref.new_zeros(ref.shape)
        out.append(g)
    return tuple(out)


_INDEPENDENT = "The output of the user-provided function is independent of input {}. This is not allowed in strict mode."


def _single_v(v, inputs, was_tuple, create_graph, fn_name, what):
    if v is None:
        if len(inputs) != 1 or inputs[0].nelement() != 1:
            raise RuntimeError(f"The vector v can only be None if {what} a single Tensor with a single element.")
        return None
    _, v = _as_tuple(v, "v", fn_name)
    v = _fresh(v, create_graph, need_graph=False)
    _check_v(v, inputs, was_tuple)
    return v


# -- the functions -------------------------------------------------------------------------------
def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), v^T J)``: one backward pass from the outputs, weighted by ``v``."""
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "vjp")
        _check_outputs_differentiable(outputs, strict)
        v = _single_v(v, outputs, outputs_tuple, create_graph, "vjp", "the user-provided function returns")
    with set_grad_enabled(create_graph or GradMode.enabled):
        grads = _grad(outputs, inputs, v, create_graph=create_graph)
        grads = _zeros_for_none(grads, inputs, strict, _INDEPENDENT)
    return _unpack(_done(outputs, create_graph), outputs_tuple), _unpack(_done(grads, create_graph), inputs_tuple)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), J v)`` by the double backward trick: backward maps u to J^T u, linear
    in u, and the gradient of <J^T u, v> with respect to u is J v. (``torch.func.jvp`` uses
    forward mode instead.)"""
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        v = _single_v(v, inputs, inputs_tuple, create_graph, "jvp", "the input to the user-provided function is")
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jvp")
        _check_outputs_differentiable(outputs, strict)
        us = tuple(Tensor._make(out._data * 0, True) for out in outputs)  # any value will do: J^T u is linear in u
        grad_inputs = _grad(outputs, inputs, us, create_graph=True)
    with set_grad_enabled(create_graph or GradMode.enabled):
        result = _grad(grad_inputs, us, v, create_graph=create_graph)
        result = _zeros_for_none(result, outputs, strict, _INDEPENDENT)
    return _unpack(_done(outputs, create_graph), outputs_tuple), _unpack(_done(result, create_graph), outputs_tuple)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """The Jacobian: for output i and input j a tensor of shape ``out_i.shape + in_j.shape``,
    one backward pass per element of each output (a row of the Jacobian each)."""
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError(
            'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function has more '
            'outputs than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use '
            '"reverse-mode".'
        )
    if strategy == "forward-mode" and not vectorize:
        raise NotImplementedError(
            # (PyTorch's message lacks the space after "is")
            "Computing Jacobian using forward-AD or forward-over-reverse Hessian isonly implemented for "
            "`vectorize=True`."
        )
    if strategy == "forward-mode" and strict:
        raise RuntimeError(
            'torch.autograd.functional.jacobian: `strict=True` and `strategy="forward-mode"` are not supported '
            'together (yet). Please either set `strict=False` or `strategy="reverse-mode"`.'
        )
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jacobian")
        _check_outputs_differentiable(outputs, strict)
        if vectorize and strict:
            raise RuntimeError(
                "torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not supported "
                "together. Please either set `strict=False` or `vectorize=False`."
            )
        result = []
        for i, out in enumerate(outputs):
            rows = [[] for _ in inputs]  # rows[j]: d out_i[k] / d input j, for each element k
            flat = out.reshape(-1)
            for k in range(out.nelement()):
                grads = _grad((flat[k],), inputs, retain_graph=True, create_graph=create_graph)
                for j, (g, inp) in enumerate(zip(grads, inputs)):
                    if g is None:
                        if strict:
                            raise RuntimeError(
                                f"Output {i} of the user-provided function is independent of input {j}. This is "
                                "not allowed in strict mode."
                            )
                        g = inp.new_zeros(inp.shape)
                    elif strict and create_graph and not g.requires_grad:
                        raise RuntimeError(
                            f"The jacobian of the user-provided function is independent of input {i}. This is "
                            "not allowed in strict mode when create_graph=True."
                        )
                    rows[j].append(g)
            result.append(tuple(_stack(r, inp).view(out.size() + inp.size()) for r, inp in zip(rows, inputs)))
        result = _done(tuple(result), create_graph)
    result = result if inputs_tuple else tuple(r[0] for r in result)
    return result if outputs_tuple else result[0]


def _stack(rows, like):
    """The rows of one block of the Jacobian as one tensor (an empty output has no rows)."""
    from ..ops.join_split import stack  # (ops import autograd: loaded on first use)

    return stack(rows, 0) if rows else like.new_zeros((0,) + tuple(like.shape))


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode"):
    """The matrix of second derivatives of a function with one single-element output: the
    jacobian of its gradient. For a tuple of inputs, indexed ``[input i][input j]``."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')

    def one_output(*inp):
        out = func(*inp)
        out_tuple, outs = _as_tuple(out, "outputs of the user-provided function", "hessian")
        _check_outputs_differentiable(outs, strict)
        if out_tuple:
            raise RuntimeError("The function given to hessian should return a single Tensor")
        if out.nelement() != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should contain a single element")
        return out.squeeze()

    def gradient(*inp):
        return jacobian(one_output, inp, create_graph=True)

    result = jacobian(gradient, inputs, create_graph=create_graph, strict=strict, vectorize=vectorize,
                      strategy=outer_jacobian_strategy)
    return result if inputs_tuple else result[0][0]


def _hessian_setup(func, inputs, v, create_graph, strict, fn_name):
    """The shared start of vhp and hvp: inputs, v, the output and its gradient (with a graph)."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", fn_name)
    inputs = _fresh(inputs, create_graph, need_graph=True)
    if v is None:
        if len(inputs) != 1 or inputs[0].nelement() != 1:
            raise RuntimeError(
                "The vector v can only be None if the input to the user-provided function is a single Tensor "
                "with a single element."
            )
    else:
        _, v = _as_tuple(v, "v", fn_name)
        v = _fresh(v, create_graph, need_graph=False)
        _check_v(v, inputs, inputs_tuple)
    outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", fn_name)
    _check_outputs_differentiable(outputs, strict)
    if outputs_tuple:
        raise RuntimeError(f"The function given to {fn_name} should return a single Tensor")
    if outputs[0].nelement() != 1:
        raise RuntimeError(f"The Tensor returned by the function given to {fn_name} should contain a single element")
    gradient = _grad(outputs, inputs, create_graph=True)
    if strict:
        for i, g in enumerate(gradient):
            if g is None or not g.requires_grad:
                raise RuntimeError(
                    f"The gradient with respect to input {i} is independent of the inputs of the user-provided "
                    "function. This is not allowed in strict mode."
                )
    return inputs_tuple, inputs, v, outputs, gradient


_HESSIAN_INDEPENDENT = "The hessian of the user-provided function with respect to input {} is independent of the input. This is not allowed in strict mode. You should ensure that your function is thrice differentiable and that the hessian depends on the inputs."


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), v^T H)``: the gradient of <gradient, v>, two backward passes."""
    with enable_grad():
        inputs_tuple, inputs, v, outputs, gradient = _hessian_setup(func, inputs, v, create_graph, strict, "vhp")
    with set_grad_enabled(create_graph or GradMode.enabled):
        result = _grad(gradient, inputs, v, create_graph=create_graph)
        result = _zeros_for_none(result, inputs, strict, _INDEPENDENT.replace("output", "jacobian"))
    return _done(outputs, create_graph)[0], _unpack(_done(result, create_graph), inputs_tuple)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), H v)`` by the double backward trick on the gradient (the same numbers as
    vhp for a function whose second derivatives are symmetric)."""
    with enable_grad():
        inputs_tuple, inputs, v, outputs, gradient = _hessian_setup(func, inputs, v, create_graph, strict, "hvp")
        us = tuple(inp.new_zeros(inp.shape).requires_grad_(True) for inp in inputs)
        back = _grad(gradient, inputs, us, create_graph=True)
    with set_grad_enabled(create_graph or GradMode.enabled):
        result = _grad(back, us, v, create_graph=create_graph)
        result = _zeros_for_none(result, inputs, strict, _HESSIAN_INDEPENDENT)
    return _done(outputs, create_graph)[0], _unpack(_done(result, create_graph), inputs_tuple)
