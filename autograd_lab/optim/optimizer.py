"""``optim.Optimizer``: parameter groups, per-parameter state, ``zero_grad`` and ``state_dict``.

A subclass only writes ``step()``: how one group's parameters move given their gradients.
"""
import functools
import warnings
from collections import defaultdict

import numpy as np

from ..parity import mkl
from ..parity.fma import fma
from .._tensor import Tensor
from ..autograd.grad_mode import enable_grad, no_grad
from ..nn.module import _reset_grad, typename


class _RequiredParameter:
    """Marks a hyperparameter that has no default: every group must give it."""

    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


def _no_grad_step(step):
    """Run an optimizer's ``step`` without recording: the update is not part of any graph."""

    @functools.wraps(step)
    def wrapper(self, *args, **kwargs):
        with no_grad():
            return step(self, *args, **kwargs)

    return wrapper


_LABELS = {"lr": "learning rate", "eps": "epsilon value"}


def check_hyperparameters(**values):
    """PyTorch's checks of an optimizer's arguments, in the order given (the first bad one is
    reported): each must be >= 0, ``rho`` at most 1, and both ``betas`` in [0, 1)."""
    for name, value in values.items():
        if name == "betas":
            for i in (0, 1):
                if not 0.0 <= value[i] < 1.0:
                    raise ValueError(f"Invalid beta parameter at index {i}: {value[i]}")
        elif not (0.0 <= value <= 1.0 if name == "rho" else 0.0 <= value):
            raise ValueError(f"Invalid {_LABELS.get(name, name + ' value')}: {value}")


class Optimizer:
    """Base class of the optimizers.

    ``params`` is an iterable of tensors, of ``(name, tensor)`` pairs (``model.named_parameters()``)
    or of dicts, each a parameter group with its own hyperparameters::

        SGD([{"params": model[0].parameters(), "lr": 0.01},
             {"params": model[2].parameters()}], lr=0.1)

    ``defaults`` fills in whatever a group does not set.
    """

    def __init__(self, params, defaults):
        self.defaults = defaults
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or dicts, "
                f"but got {typename(params)}"
            )
        self.state = defaultdict(dict)  # per parameter: momentum buffers, Adam's averages...
        self.param_groups = []
        groups = list(params)
        if len(groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group):
        """Add a group of parameters with its own hyperparameters (when unfreezing layers, say)."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {typename(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the ordering of tensors "
                "in sets will change between runs. Please use a list instead."
            )
        else:
            params = list(params)
        if params and all(isinstance(p, tuple) for p in params):  # from named_parameters()
            param_group["param_names"] = [name for name, _ in params]
            params = [p for _, p in params]
        elif any(isinstance(p, tuple) for p in params):
            raise ValueError("all optimizer params should be with/without names. Some param names are missing")
        param_group["params"] = params

        for p in params:
            if not isinstance(p, Tensor):
                raise TypeError(f"optimizer can only optimize Tensors, but one of the params is {typename(p)}")
            if not self.defaults.get("differentiable", None) and not (p.is_leaf or p.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")

        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError(f"parameter group didn't specify a value of required optimization parameter {name}")
            param_group.setdefault(name, default)

        if len({id(p) for p in params}) != len(params):
            warnings.warn(
                "optimizer contains a parameter group with duplicate parameters; in future, this will cause an "
                "error; see github.com/pytorch/pytorch/issues/40967 for more information",
                UserWarning, stacklevel=3,
            )
        taken = {id(p) for group in self.param_groups for p in group["params"]}
        if any(id(p) in taken for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none=True):
        """Reset every parameter's gradient before the next backward: to None by default, so
        backward stores fresh gradients instead of adding to old ones."""
        for group in self.param_groups:
            for p in group["params"]:
                _reset_grad(p, set_to_none)

    def step(self, closure=None):
        raise NotImplementedError

    @staticmethod
    def _evaluate(closure):
        """Run the closure (which recomputes the loss and calls backward) with grad enabled."""
        if closure is None:
            return None
        with enable_grad():
            return closure()

    # -- saving and loading --------------------------------------------------------------------
    def state_dict(self):
        """``{'state': {index: {...}}, 'param_groups': [{..., 'params': [indices]}]}``: the
        parameters are replaced by their position, counted across groups."""
        index = {}
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            for p in group["params"]:
                index.setdefault(id(p), len(index))
            packed["params"] = [index[id(p)] for p in group["params"]]
            groups.append(packed)
        state = {index[id(p)] if isinstance(p, Tensor) else p: s for p, s in self.state.items()}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        """Take over the hyperparameters and state (momentum, averages) saved by ``state_dict``."""
        saved_groups = state_dict["param_groups"]
        if len(saved_groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        for group, saved in zip(self.param_groups, saved_groups):
            if len(group["params"]) != len(saved["params"]):
                raise ValueError(
                    "loaded state dict contains a parameter group that doesn't match the size of optimizer's group"
                )
        by_index = {}
        for group, saved in zip(self.param_groups, saved_groups):
            by_index.update(zip(saved["params"], group["params"]))

        self.state = defaultdict(dict)
        for key, values in state_dict["state"].items():
            if key in by_index:
                p = by_index[key]
                self.state[p] = {name: _like_param(p, name, v) for name, v in values.items()}
            else:
                self.state[key] = values
        new_groups = []
        for group, saved in zip(self.param_groups, saved_groups):
            new = {k: v for k, v in saved.items() if k != "params"}
            new["params"] = group["params"]
            if "param_names" in group and "param_names" not in saved:
                new["param_names"] = group["param_names"]
            new_groups.append(new)
        self.param_groups = new_groups

    def __getstate__(self):
        return {"defaults": self.defaults, "state": self.state, "param_groups": self.param_groups}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def __repr__(self):
        lines = [f"{type(self).__name__} ("]
        for i, group in enumerate(self.param_groups):
            if i:
                lines.append("")
            lines.append(f"Parameter Group {i}")
            for key in sorted(group):
                if key != "params":
                    lines.append(f"    {key}: {group[key]}")
        lines.append(")")
        return "\n".join(lines)


def _bump_version(t, changes=1):
    """Count in-place changes made to ``t``'s array, as its in-place methods would: autograd then
    knows that a graph which saved ``t`` before the step has stale values."""
    t._vc[0] += changes


# Parameters up to this many elements are updated exactly as PyTorch rounds: each ``c + a * b`` of
# its kernels (add with alpha, lerp, addcmul) is one fused multiply-add. numpy has none, and its
# emulation costs about ten times the plain update, which for a large weight matrix is most of a
# training step; so larger parameters are updated with numpy's two roundings (the last bit then
# differs from PyTorch's in some elements, as the matrix products behind such a gradient do).
# Where MKL is installed (parity/mkl.py) those products are PyTorch's, so every update is exact
# (about 0.6 ms more per 100,000 elements, measured on a loaded machine).
EXACT_UPDATE_LIMIT = 1 << 16


def _multiply_add(a, b, c, out=None):
    """``a * b + c`` for an optimizer (``c`` an array, ``a``, ``b`` arrays or numbers): rounded
    once up to ``EXACT_UPDATE_LIMIT`` elements, see there."""
    if c.size <= EXACT_UPDATE_LIMIT or mkl.library() is not None:  # (with MKL the gradients are exact too)
        return fma(a, b, c, out=out)
    dt = c.dtype.type
    product = np.multiply(a if np.ndim(a) else dt(a), b if np.ndim(b) else dt(b), dtype=c.dtype)
    return np.add(product, c, out=out)


def _like_param(param, name, value):
    """A loaded state tensor in its parameter's dtype (Adam's ``step`` counter stays as it is);
    a list of them (LBFGS's history) is a new list, its tensors cast likewise."""
    if isinstance(value, (list, tuple)):
        return type(value)(_like_param(param, None, v) for v in value)
    if name == "step" or not isinstance(value, Tensor) or not param.is_floating_point():
        return value
    return value.to(param.dtype)
