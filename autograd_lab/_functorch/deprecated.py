"""functorch's old names for ``torch.func``: each warns as PyTorch 2.13 does (a FutureWarning
naming its ``torch.func`` replacement) and calls the ``torch.func`` function."""
import warnings

from .. import func as _func
from . import make_functional as _mf


def _warn(api, new_api=None):
    new_api = new_api or f"torch.func.{api}"
    warnings.warn(
        "We've integrated functorch into PyTorch. As the final step of the "
        f"integration, `functorch.{api}` is deprecated as of PyTorch "
        "2.0 and will be deleted in a future version of PyTorch >= 2.3. "
        f"Please use `{new_api}` instead; see the PyTorch 2.0 release notes "
        "and/or the `torch.func` migration guide for more details "
        "https://pytorch.org/docs/main/func.migrating.html",
        FutureWarning, stacklevel=3)


def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    _warn("vmap", "torch.vmap")
    return _func.vmap(func, in_dims, out_dims, randomness, chunk_size=chunk_size)


def grad(func, argnums=0, has_aux=False):
    _warn("grad")
    return _func.grad(func, argnums, has_aux)


def grad_and_value(func, argnums=0, has_aux=False):
    _warn("grad_and_value")
    return _func.grad_and_value(func, argnums, has_aux)


def vjp(func, *primals, has_aux=False):
    _warn("vjp")
    return _func.vjp(func, *primals, has_aux=has_aux)


def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    _warn("jvp")
    return _func.jvp(func, primals, tangents, strict=strict, has_aux=has_aux)


def jacrev(func, argnums=0, *, has_aux=False, chunk_size=None, _preallocate_and_copy=False):
    _warn("jacrev")
    return _func.jacrev(func, argnums, has_aux=has_aux, chunk_size=chunk_size)


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    _warn("jacfwd")
    return _func.jacfwd(func, argnums, has_aux, randomness=randomness)


def hessian(func, argnums=0):
    _warn("hessian")
    return _func.hessian(func, argnums)


def functionalize(func, *, remove="mutations"):
    _warn("functionalize")
    raise NotImplementedError("functionalize rewrites the ops a function dispatches into a torch.fx graph "
                              "without mutations; autograd_lab has no torch.fx")


def make_functional(model, disable_autograd_tracking=False):
    _warn("make_functional", "torch.func.functional_call")
    return _mf.make_functional(model, disable_autograd_tracking)


def make_functional_with_buffers(model, disable_autograd_tracking=False):
    _warn("make_functional_with_buffers", "torch.func.functional_call")
    return _mf.make_functional_with_buffers(model, disable_autograd_tracking)


def combine_state_for_ensemble(models):
    _warn("combine_state_for_ensemble", "torch.func.stack_module_state")
    raise NotImplementedError("combine_state_for_ensemble is not built in autograd_lab")
