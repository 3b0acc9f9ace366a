"""Forward-mode AD: every op's ``jvp`` checked against reverse mode (the Jacobian's columns
from backward passes), the forward_ad API, user Functions' jvp, torch.autograd.functional and
torch.func. PyTorch's own outputs for the same calls are in the parity programs
(tests/parity/programs_forward_ad.py, programs_functional.py)."""
import importlib
import pkgutil

import numpy as np
import pytest

import autograd_lab as torch
import autograd_lab.nn.functional as F
from autograd_lab.autograd import forward_ad as fwAD
from autograd_lab.autograd import function as function_module
from autograd_lab.autograd.function import Function
from autograd_lab.autograd.functional import jacobian
from autograd_lab.ops.losses import xlogy  # (not yet exported as torch.xlogy)
from autograd_lab.ops.recurrent import TransposeInPlace, unsafe_chunk  # (an LSTM's batch-first output, its gates)


def _t(*shape, seed=0, low=-1.0, high=1.0, positive=False):
    rng = np.random.default_rng(seed + 7 * len(shape))
    values = rng.uniform(0.2 if positive else low, high, size=shape)
    return torch.tensor(values, dtype=torch.float64)


def _img(*shape, seed=0):
    return _t(*shape, seed=seed)


IDX = torch.tensor([2, 0, 1])
MASK = torch.tensor([[True, False, True], [False, True, False]])

# name -> (function of the float inputs, the inputs). Each case runs in forward mode with a
# random tangent per input and is compared with the Jacobian from reverse mode.
CASES = {
    # arithmetic
    "add": (lambda a, b: a + b, [_t(2, 3), _t(3, seed=1)]),
    "add_number_alpha": (lambda a, b: torch.add(a, b, alpha=2.5) + 2, [_t(2, 3), _t(2, 3, seed=1)]),
    "sub": (lambda a, b: a - b - 1, [_t(2, 3), _t(2, 3, seed=1)]),
    "sub_alpha": (lambda a, b: torch.sub(a, b, alpha=3), [_t(3), _t(3, seed=1)]),
    "sub_number_alpha": (lambda a: torch.subtract(a, 2, 3), [_t(3)]),
    "rsub_number": (lambda a: 1 - a, [_t(3)]),
    "rsub_tensor": (lambda a, b: torch.rsub(a, b, alpha=2), [_t(3), _t(3, seed=1)]),
    "mul": (lambda a, b: a * b * 3, [_t(2, 3), _t(2, 1, seed=1)]),
    "div": (lambda a, b: a / b + 2 / b, [_t(3), _t(3, seed=1, positive=True)]),
    "neg": (lambda a: -a, [_t(3)]),
    "atan2": (lambda a, b: torch.atan2(a, b), [_t(3), _t(3, seed=1, positive=True)]),
    "to_and_clone": (lambda a: a.to(torch.float32).clone().double(), [_t(3)]),
    # functions of one tensor
    **{f"unary_{name}": (getattr(torch, name), [_t(4, positive=name in ("log", "sqrt", "rsqrt", "log2", "log10"),
                                                  high=0.9)])
       for name in ("exp", "log", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid", "reciprocal", "relu", "abs",
                    "erf", "log1p", "expm1", "log2", "log10", "tan", "sinh", "cosh", "asin", "acos", "atan")},
    "select_backward": (lambda a: torch.autograd.grad((a[1] ** 3).sum() + a[:, 0].sum(), a, create_graph=True)[0], [_t(3, 2)]),
    "tanh_backward": (lambda a: torch.autograd.grad(a.tanh().sum(), a, create_graph=True)[0], [_t(3)]),
    "sigmoid_backward": (lambda a: torch.autograd.grad(a.sigmoid().sum(), a, create_graph=True)[0], [_t(3)]),
    "relu_backward": (lambda a: torch.autograd.grad((a.relu() * a).sum(), a, create_graph=True)[0], [_t(4)]),
    # powers
    "pow_number": (lambda a: a ** 3 + a ** 0.5 + a ** 0, [_t(3, positive=True)]),
    "pow_tensor": (lambda a, b: a ** b, [_t(3, positive=True), _t(3, seed=1)]),
    "rpow": (lambda a: 2 ** a, [_t(3)]),
    # clamp, maximum, where, lerp
    "clamp": (lambda a: a.clamp(-0.5, 0.5), [_t(5)]),
    "clamp_min_max": (lambda a, lo: a.clamp(min=-0.3) + a.clamp(max=0.2) + torch.clamp_min(a, -0.3) + torch.clamp_max(a, 0.2)
                      + torch.clamp_min(a, lo) + torch.clamp_max(a, lo), [_t(5), _t(5, seed=1)]),
    "clamp_tensor": (lambda a, lo, hi: torch.clamp(a, lo, hi), [_t(5), _t(5, seed=1) - 0.5, _t(5, seed=2) + 0.5]),
    "clamp_min_max_tensor": (lambda a, lo: torch.clamp(a, min=lo) + torch.clamp(a, max=lo), [_t(5), _t(5, seed=1)]),
    "maximum_minimum": (lambda a, b: torch.maximum(a, b) + torch.minimum(a, b) * 2, [_t(4), _t(4, seed=1)]),
    "where": (lambda a, b: torch.where(a > 0, a, b), [_t(4), _t(4, seed=1)]),
    "lerp": (lambda a, b, w: torch.lerp(a, b, 0.3) + torch.lerp(a, b, w), [_t(3), _t(3, seed=1), _t(3, seed=2)]),
    # rounding (zero tangents) and remainders
    "rounding": (lambda a: a.sign() + a.round() + a.floor() + a.ceil() + a.trunc() + a.round(decimals=1) + a, [_t(4)]),
    "div_rounded": (lambda a, b: torch.div(a, b, rounding_mode="floor") + a, [_t(3), _t(3, seed=1, positive=True)]),
    "remainder_fmod": (lambda a, b: a % 0.3 + torch.fmod(a, 0.3) + a % b + torch.fmod(a, b),
                       [_t(3), _t(3, seed=1, positive=True)]),
    # activations
    "activations": (lambda a: F.leaky_relu(a, 0.1) + F.gelu(a) + F.gelu(a, approximate="tanh") + F.softplus(a)
                    + F.hardtanh(a, -0.5, 0.5) + F.logsigmoid(a) + F.silu(a) + F.elu(a), [_t(6)]),
    # reductions
    "sum_mean": (lambda a: a.sum() + a.mean(), [_t(2, 3)]),
    "sum_mean_dim": (lambda a: a.sum(1) + a.mean(1) + a.sum((0, 1), keepdim=True).squeeze(1), [_t(2, 3)]),
    "prod": (lambda a: a.prod() + a.prod(1).sum(), [_t(2, 3)]),
    "max_min_all": (lambda a: a.max() + a.min() + a.amax() + a.amin(), [_t(2, 3)]),
    "max_min_dim": (lambda a: a.max(1).values + a.min(1)[0] + a.amax(1) + a.amin(1), [_t(2, 3)]),
    "var_std_norm": (lambda a: a.var() + a.std(1).sum() + a.norm() + a.norm(p=1, dim=0).sum(), [_t(2, 3)]),
    "logsumexp_cumsum_cumprod_trace": (lambda a: a.logsumexp(1).sum() + a.cumsum(1) + a.cumprod(0) + a[:, :2].trace(),
                                       [_t(2, 3)]),
    # shapes
    "views": (lambda a: a.view(3, 2).t().reshape(6).unsqueeze(0).expand(2, 6).permute(1, 0).transpose(0, 1)
              .flip(0).roll(1, 1).repeat(1, 2).squeeze().flatten(), [_t(2, 3)]),
    "squeeze_forms": (lambda a: a.squeeze(1).sum() + a.squeeze((1, 3)).sum() + a.squeeze().sum() + a[...].sum(),
                      [_t(2, 1, 3, 1)]),
    "reshape_copy": (lambda a: a.t().reshape(6) + a.t().reshape(3, 2).flatten(), [_t(2, 3)]),
    "reshape_alias": (lambda a: a[:, ::2].reshape(2, 2), [_t(2, 4)]),
    "unsafe_chunk": (lambda a: sum(p * (i + 1) for i, p in enumerate(unsafe_chunk(a, 3, 1))), [_t(2, 6)]),
    "cat_stack_split": (lambda a, b: torch.cat([a, b]).split(2)[1] + torch.stack([a, b])[1]
                        + torch.split(a, [1, 1])[0].expand(2, 3) + a.unbind(0)[0], [_t(2, 3), _t(2, 3, seed=1)]),
    # indexing
    "indexing": (lambda a: a[1] + a[:, 1:].sum() + a[0, IDX] + a[MASK].sum(), [_t(2, 3)]),
    "setitem": (lambda a, b: _setitem(a, b), [_t(2, 3), _t(3, seed=1)]),
    "selection": (lambda a: a.gather(1, torch.tensor([[0, 2], [1, 1]])).sum(1) + a.index_select(1, IDX).sum(1)
                  + a.sort(1).values.sum(1) + a.sort(stable=True, dim=1).values[:, 0] + a.topk(2).values.sum(1), [_t(2, 3)]),
    "triangles_diagonals": (lambda a: a.tril() + a.triu(1) + torch.diag_embed(a.diagonal()) + torch.diag(a, 1).sum(),
                            [_t(3, 3)]),
    "masked_fill": (lambda a, v: a.masked_fill(MASK, 2.0) + a.masked_fill(MASK, v), [_t(2, 3), _t(seed=1)]),
    "scatters": (lambda a, s: a.scatter(1, torch.tensor([[0], [2]]), s) + a.scatter(1, torch.tensor([[1], [0]]), 0.5)
                 + a.scatter_add(1, torch.tensor([[0], [2]]), s),
                 [_t(2, 3), _t(2, 1, seed=1)]),
    "selection_backward": (lambda a: torch.autograd.grad((a.index_select(1, IDX) ** 2).sum() + (a.diagonal() ** 2).sum()
                                                     + (a.gather(1, torch.tensor([[0, 0], [1, 2]])) ** 2).sum()
                                                     + (a.sort(1).values ** 2 * a[:, :1]).sum(), a, create_graph=True)[0],
                           [_t(2, 3)]),
    # linear algebra, softmax
    "matmul_family": (lambda a, b, v: (a @ b) + (v @ b).sum() + torch.mv(b.t(), v).sum() + torch.dot(v, v) + torch.bmm(a[None], b[None])[0],
                      [_t(2, 3), _t(3, 2, seed=1), _t(3, seed=2)]),
    "linear": (lambda x, w, b: F.linear(x, w, b), [_t(4, 3), _t(2, 3, seed=1), _t(2, seed=2)]),
    "softmax": (lambda a: F.softmax(a, 1) + F.log_softmax(a, 0), [_t(2, 3)]),
    "softmax_backward": (lambda a: torch.autograd.grad((F.softmax(a, 1) * a).sum() + (F.log_softmax(a, 1) * a).sum(), a,
                                                       create_graph=True)[0], [_t(2, 3)]),
    # normalization, losses, convolution, pooling, embedding
    "layer_norm": (lambda x, w, b: F.layer_norm(x, (3,), w, b), [_t(2, 3), _t(3, seed=1), _t(3, seed=2)]),
    "batch_norm": (lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), [_t(4, 3), _t(3, seed=1), _t(3, seed=2)]),
    "losses": (lambda x, y: F.mse_loss(x, y) + F.smooth_l1_loss(x, y) + F.huber_loss(x, y, delta=0.5)
               + F.binary_cross_entropy(x.sigmoid(), y.sigmoid()) + F.binary_cross_entropy_with_logits(x, y.sigmoid())
               + xlogy(x.sigmoid(), y.exp()).sum(), [_t(2, 3), _t(2, 3, seed=1)]),
    "losses_backward": (lambda x: torch.autograd.grad(F.smooth_l1_loss(x, x * 0.3), x, create_graph=True)[0], [_t(4)]),
    "cross_entropy": (lambda x: F.cross_entropy(x, torch.tensor([0, 2])) + F.cross_entropy(x, torch.tensor([1, 1]), reduction="sum")
                      + F.cross_entropy(x[:, :, None], torch.tensor([[0], [2]]))
                      + F.cross_entropy(x, x.softmax(1).detach()), [_t(2, 3)]),
    "cross_entropy_backward": (lambda x: torch.autograd.grad(F.nll_loss(x, torch.tensor([0, 2])) * 2
                                                          + F.cross_entropy(x[:, :, None], torch.tensor([[0], [2]])), x,
                                                          create_graph=True)[0] * x, [_t(2, 3)]),
    "conv": (lambda x, w, b: F.conv2d(x, w, b, padding=1).sum((2, 3)) + F.conv2d(x, w[:, :, :2, :2], b, padding="same").sum((2, 3)) + F.conv1d(x[:, :, 0], w[:, :, 0], b).sum(2),
             [_img(1, 2, 4, 4), _img(3, 2, 3, 3, seed=1), _t(3, seed=2)]),
    "conv_backward": (lambda x, w: torch.autograd.grad((F.conv2d(x, w) ** 2).sum(), w, create_graph=True)[0],
                      [_img(1, 1, 3, 3), _img(1, 1, 2, 2, seed=1)]),
    "pooling": (lambda x: F.max_pool2d(x, 2).flatten() + F.avg_pool2d(x, 2).flatten() + F.adaptive_avg_pool2d(x, 2).flatten(),
                [_img(1, 1, 4, 4)]),
    "pooling_backward": (lambda x: torch.autograd.grad((F.max_pool2d(x, 2) ** 2).sum() + (F.avg_pool2d(x, 2) ** 2).sum()
                                                       + (F.adaptive_avg_pool2d(x, 2) ** 2).sum(), x, create_graph=True)[0],
                         [_img(1, 1, 4, 4)]),
    "embedding": (lambda w: F.embedding(torch.tensor([[0, 2], [1, 0]]), w), [_t(3, 2)]),
    "embedding_backward": (lambda w: torch.autograd.grad((F.embedding(torch.tensor([0, 2, 0]), w) ** 2).sum(), w,
                                                         create_graph=True)[0], [_t(3, 2)]),
    "inplace": (lambda a, b: _inplace(a, b), [_t(3), _t(3, seed=1)]),
    "inplace_on_view_backward": (lambda a: _view_backward(a), [_t(3)]),
    "normal_reparametrised": (lambda m, s: _normal(m, s), [_t(3), _t(3, seed=1, positive=True)]),
    "bernoulli": (lambda p: _seeded(torch.bernoulli, p.sigmoid()) + p, [_t(4)]),  # (a sample: zero tangent)
    # more activations, arithmetic and special functions
    "activations_more": (lambda a: F.celu(a, 0.7) + F.selu(a) + F.hardshrink(a, 0.3) + F.softshrink(a, 0.3)
                         + F.hardsigmoid(a * 4) + F.hardswish(a * 4) + F.mish(a) + F.threshold(a, 0.1, -2.0)
                         + F.rrelu(a) + _seeded(F.rrelu, a, training=True), [_t(6)]),
    "arithmetic_more": (lambda a, b, c: torch.addcmul(a, b, c, value=0.5) + torch.addcdiv(a, b, c.exp(), value=2)
                        + torch.hypot(a, b) + torch.fmax(a, b) + torch.fmin(a, c) + torch.copysign(a, b)
                        + torch.copysign(a, -1.0) + torch.sgn(a) + torch.logit(b.sigmoid()) + torch.logit(c.sigmoid(), 0.2)
                        + torch.exp2(a) + torch.frac(a * 3), [_t(4), _t(4, seed=1), _t(1, seed=2)]),
    "special": (lambda a: torch.polygamma(1, a) + torch.polygamma(2, a) + torch.lgamma(a) + torch.digamma(a)
                + torch.erfinv(a - 1), [_t(4, positive=True)]),
    # index ops, order statistics, padding
    "index_ops": (lambda a, s, v: a.index_add(1, IDX, s, alpha=2) + a.index_copy(1, IDX, s) + a.index_fill(1, IDX[:2], 3.0)
                  + a.index_fill(1, IDX[1:], v) + a.take(torch.tensor([[5, 0, 2]])) + a.masked_select(MASK).sum(),
                  [_t(2, 3), _t(2, 3, seed=1), _t(seed=2)]),
    "scatter_reduce": (lambda a, s: sum(a.scatter_reduce(1, torch.tensor([[0, 0, 2], [1, 1, 1]]), s, r, include_self=i)
                                        for r in ("sum", "mean", "amax", "amin") for i in (True, False)),
                       [_t(2, 3), _t(2, 3, seed=1)]),
    "order_statistics": (lambda a: a.cummax(1).values + a.cummin(0)[0] + a.kthvalue(2, 1).values.unsqueeze(1)
                         + a.median(0).values + a.median() + a.mode(1).values.unsqueeze(1) + a.nanmedian(0)[0] + a.nanmedian()
                         + a.masked_fill(MASK, float("nan")).nansum() + a.masked_fill(MASK, float("nan")).nansum(1, True),
                         [_t(2, 3)]),
    "padding": (lambda a: F.pad(a, (1, 2), value=1.5).sum(2) + F.pad(a, (-1, 1, 1, 0)).sum((1, 2))
                + F.pad(a, (2, 1), mode="reflect").sum(2) + F.pad(a, (2, 1), mode="replicate").sum(2)
                + F.pad(a, (2, 1), mode="circular").sum(2) + F.pad(a[None], (1, 1, 1, 0), mode="reflect").sum((2, 3))[0]
                + F.pad(a[None], (1, 1, 1, 0), mode="replicate").sum((2, 3))[0]
                + F.pad(a[None, None], (1, 1, 1, 0, 0, 1), mode="reflect").sum((3, 4))[0, 0, :1]
                + F.pad(a[None, None], (1, 1, 1, 0, 0, 1), mode="replicate").sum((3, 4))[0, 0, :1], [_t(2, 2, 3)]),
    "inplace_shapes": (lambda a: a.clone().t_().sum(1) + a.clone().transpose_(0, 1).sum(0)[0] + a.clone()[None].squeeze_().sum(0)
                       + a.clone()[None].squeeze_(0).sum(0) + a.clone()[None].squeeze_((0,)).sum(0)
                       + a.clone().unsqueeze_(0).sum((0, 1)) + TransposeInPlace.apply(a[None].clone())[:, 0].sum(0),
                       [_t(2, 3)]),
    "conv_transposed": (lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2).sum((2, 3))
                        + F.conv_transpose1d(x[:, :, 0], w[:, :, 0], b, padding=1).sum(2),
                        [_img(1, 2, 3, 3), _img(2, 3, 2, 2, seed=1), _t(3, seed=2)]),
    # linear algebra
    "cholesky": (lambda m: torch.linalg.cholesky(_spd(m)) + torch.linalg.cholesky(_spd(m), upper=True)
                 + torch.cholesky_inverse(torch.linalg.cholesky(_spd(m))), [_t(3, 3)]),
    "decompositions": (lambda a: torch.linalg.qr(a).Q + torch.linalg.qr(a).R + torch.linalg.svd(a).S.sum()
                       + torch.linalg.svd(a)[0].abs() + torch.linalg.svdvals(a).sum() + torch.linalg.eigh(_spd(a)).eigenvalues.sum()
                       + torch.linalg.eigh(_spd(a)).eigenvectors.abs() + torch.linalg.eigvalsh(_spd(a)).sum(), [_t(3, 3)]),
    "solves": (lambda a, b: torch.linalg.solve(a, b) + torch.linalg.solve(a, b[:, 0])[:, None]
               + torch.linalg.solve_triangular(a.triu() + 3 * torch.eye(3, dtype=a.dtype), b, upper=True)
               + torch.triangular_solve(b, a.tril() + 3 * torch.eye(3, dtype=a.dtype), upper=False).solution
               + torch.linalg.inv(a) @ b, [_t(3, 3), _t(3, 2, seed=1)]),
    "determinants_cross_norms": (lambda a, b: torch.linalg.det(a) + torch.linalg.slogdet(a).logabsdet + torch.linalg.cross(a, b)
                                 + torch.linalg.vector_norm(a) + torch.linalg.matrix_norm(a) + torch.linalg.matrix_norm(a, 2)
                                 + torch.linalg.matrix_norm(a, "nuc"), [_t(3, 3), _t(3, 3, seed=1)]),
}


def _seeded(fn, *args, **kwargs):
    torch.manual_seed(0)
    return fn(*args, **kwargs)


def _spd(m):
    return m @ m.mT + 3 * torch.eye(m.shape[-1], dtype=m.dtype)


def _setitem(a, b):
    out = a.clone()
    out[0] = b
    out[1, 1:] = 2.0
    out[:, 0] = 0.5 * b[:2]
    out[torch.tensor([1]), torch.tensor([2])] = b[0]
    full = a.clone()
    full[:] = 1.5
    whole = a.clone()
    whole[:] = b
    return out + full + whole


def _inplace(a, b):
    on_view = a.clone()
    on_view[1:].mul_(b[1:])  # (an in-place op on a view: the base is rewritten through its region)
    out = a.clone() + on_view
    out.mul_(b).add_(1).sin_()
    z = a.clone()
    z.zero_()
    f = a.clone()
    f.fill_(2.0)
    c = a.clone()
    c.copy_(b)
    return out + z + f + c


def _view_backward(a):
    v = a * 1
    w = v[1:]
    w.mul_(2)  # w now reads its base anew (RegionRead); its backward writes into the base's shape
    return torch.autograd.grad((w ** 3).sum(), a, create_graph=True)[0]


def _normal(m, s):
    torch.manual_seed(0)
    a = torch.normal(m, 1.0)
    torch.manual_seed(0)
    b = torch.normal(0.0, s)
    torch.manual_seed(0)
    c = torch.normal(m, s)
    return a + b + c


def _forward_mode(fn, inputs, tangents):
    # (inputs that require grad: the cases named *_backward differentiate inside, forward over reverse)
    with fwAD.dual_level():
        out = fn(*[fwAD.make_dual(x.detach().requires_grad_(), t) for x, t in zip(inputs, tangents)])
        return fwAD.unpack_dual(out).tangent


def _reverse_mode(fn, inputs, tangents):
    jac = jacobian(fn, tuple(inputs))
    total = 0
    for block, x, t in zip(jac, inputs, tangents):
        out_shape = block.shape[: block.dim() - x.dim()]
        total = total + (block.reshape(-1, max(x.numel(), 1)) @ t.reshape(-1)).reshape(out_shape)
    return total


_USED = set()


@pytest.fixture
def record_ops(monkeypatch):
    real = function_module._apply_with_tangents

    def noting(cls, args, kwargs):
        _USED.add(cls)
        return real(cls, args, kwargs)

    monkeypatch.setattr(function_module, "_apply_with_tangents", noting)


@pytest.mark.parametrize("name", sorted(CASES))
def test_jvp_matches_the_jacobian_from_reverse_mode(name, record_ops):
    fn, inputs = CASES[name]
    tangents = [_t(*x.shape, seed=100 + i) for i, x in enumerate(inputs)]
    forward = _forward_mode(fn, inputs, tangents)
    reverse = _reverse_mode(fn, inputs, tangents)
    assert forward is not None
    assert forward.shape == reverse.shape
    rtol = 1e-6 if name == "to_and_clone" else 1e-9  # (a float32 step rounds the two ways differently)
    np.testing.assert_allclose(forward.detach().numpy(), reverse.numpy(), rtol=rtol, atol=1e-12)


def _ops_with_jvp():
    import autograd_lab.ops as ops

    for info in pkgutil.iter_modules(ops.__path__):
        importlib.import_module("autograd_lab.ops." + info.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {c for c in subclasses(Function) if c.raw and c.jvp is not None and c.__module__.startswith("autograd_lab.ops")}


def test_every_jvp_rule_is_checked_by_a_case(record_ops):
    _USED.clear()
    for name, (fn, inputs) in CASES.items():
        _forward_mode(fn, inputs, [_t(*x.shape) for x in inputs])
    # classes used only as bases of the op classes above (their rule runs as the subclass's)
    bases = {c for c in _ops_with_jvp() if c.__name__.startswith("_")}
    # (ops without a derivative: their jvp raises, checked by the test above)
    bases |= {c for c in _ops_with_jvp() if c.__name__ in ("FloorDivide", "RFloorDivide", "RRemainder", "Heaviside")}
    missing = sorted(f"{c.__module__}.{c.__name__}" for c in _ops_with_jvp() - _USED - bases)
    assert missing == []


# -- the forward_ad API ---------------------------------------------------------------------------
def test_make_dual_outside_a_level_raises_pytorchs_error():
    with pytest.raises(RuntimeError, match="^Trying to create a dual Tensor for forward AD but no level exists, make sure to "
                                           "enter_dual_level\\(\\) first.$"):
        fwAD.make_dual(torch.tensor([1.]), torch.tensor([1.]))


def test_levels_do_not_nest_and_end_in_order():
    with fwAD.dual_level() as level:
        assert level == 0
        with pytest.raises(RuntimeError, match="^Nested forward mode AD is not supported at the moment$"):
            fwAD.enter_dual_level()
    with pytest.raises(RuntimeError, match="^Dual level must be a positive number.$"):
        fwAD.exit_dual_level()
    assert fwAD.enter_dual_level() == 0
    with pytest.raises(RuntimeError, match="^Trying to exit a forward AD level that was not the last one"):
        fwAD.exit_dual_level(level=3)
    fwAD.exit_dual_level()


def test_tangents_are_forgotten_when_the_level_ends():
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([1., 2.]), torch.tensor([0.5, 0.]))
        y = d * 3
        assert repr(y) == "tensor([3., 6.], tangent=tensor([1.5000, 0.0000]))"
        assert repr(y.sum()) == "tensor(9., tangent=1.5)"
    assert repr(y) == "tensor([3., 6.])"
    assert fwAD.unpack_dual(y) == (y, None)


def test_unpack_dual_is_a_named_tuple_of_primal_and_tangent():
    with fwAD.dual_level():
        x = torch.tensor([1., 2.], requires_grad=True)
        d = fwAD.make_dual(x, torch.tensor([1., 0.]))
        assert repr(d) == "tensor([1., 2.], grad_fn=<ViewBackward0>, tangent=tensor([1., 0.]))"
        unpacked = fwAD.unpack_dual(d * 2)
        assert type(unpacked).__name__ == "UnpackedDualTensor" and unpacked._fields == ("primal", "tangent")
        assert repr(unpacked.primal) == "tensor([2., 4.], grad_fn=<Identity>)"
        assert unpacked.primal._tangent is None
        assert repr(unpacked.tangent) == "tensor([2., 0.], grad_fn=<AddBackward0>)"  # (x requires grad: so does 2 * dx)


@pytest.mark.parametrize("primal, tangent, error, message", [
    (torch.tensor([1, 2]), torch.tensor([1., 2.]), ValueError, "Expected primal to be floating point or complex, but got: torch.int64"),
    (torch.tensor([1., 2.]), torch.tensor([1, 2]), ValueError, "Expected tangent to be floating point or complex, but got: torch.int64"),
    (torch.tensor([1., 2.]), torch.tensor([1.]), RuntimeError,
     "Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. "
     "Tensor is of size [2] while the given forward gradient is of size [1]."),
])
def test_make_dual_refuses_what_pytorch_refuses(primal, tangent, error, message):
    with fwAD.dual_level():
        with pytest.raises(error) as info:
            fwAD.make_dual(primal, tangent)
    assert str(info.value) == message


@pytest.mark.parametrize("op, aten", [(lambda d: torch.floor_divide(d, 2), "floor_divide"),
                                      (lambda d: 2 // d, "floor_divide"), (lambda d: 2 % d, "remainder"),
                                      (lambda d: torch.heaviside(d, d), "heaviside")])
def test_an_op_without_a_derivative_raises_pytorchs_not_implemented_message(op, aten, record_ops):
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([3., 4.]), torch.tensor([1., 1.]))
        with pytest.raises(NotImplementedError, match=f"^Trying to use forward AD with aten::{aten} that does not "
                                                      "support it.$"):
            op(d)


def test_an_op_without_a_jvp_rule_raises_pytorchs_message_for_a_missing_formula():
    class Twice(Function):  # a built-in style op that has no jvp
        node_name = "TwiceBackward0"
        raw = True

        @staticmethod
        def forward(a):
            return a * 2

    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([3., 4.]), torch.tensor([1., 1.]))
        with pytest.raises(NotImplementedError) as info:
            Twice.apply(d)
    assert str(info.value) == (
        "Trying to use forward AD with twice that does not support it because it has not been implemented yet.\n"
        "Please file an issue to PyTorch at https://github.com/pytorch/pytorch/issues/new?template=feature-request.yml "
        "so that we can prioritize its implementation or submit a PR adding the implementation to derivatives.yaml")


@pytest.mark.parametrize("op, name", [(lambda d: torch.unique(d), "_unique2"), (lambda d: torch.unique(d, dim=0), "unique_dim"),
                                      (lambda d: torch.cholesky(d[:, None] * d + torch.eye(2)), "cholesky"),
                                      (lambda d: torch.autograd.grad(F.huber_loss(d, d * 0.3), d, create_graph=True),
                                       "huber_loss_backward"),
                                      (lambda d: torch.nn.utils.rnn.pack_padded_sequence(d[:, None], [1]),
                                       "_pack_padded_sequence")])
def test_ops_pytorch_has_no_forward_formula_for_raise_its_message(op, name):
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([3., 4.], requires_grad=True), torch.tensor([1., 1.]))
        with pytest.raises(NotImplementedError) as info:
            op(d)
    assert str(info.value) == (
        f"Trying to use forward AD with {name} that does not support it because it has not been implemented yet.\n"
        "Please file an issue to PyTorch at https://github.com/pytorch/pytorch/issues/new?template=feature-request.yml "
        "so that we can prioritize its implementation or submit a PR adding the implementation to derivatives.yaml")


def test_an_lstm_layer_raises_pytorchs_message_for_mkldnn_rnn_layer():
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(3, 4)
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.ones(2, 1, 3), torch.ones(2, 1, 3))
        with pytest.raises(NotImplementedError, match="^Trying to use forward AD with mkldnn_rnn_layer that does not "
                                                      "support it because it has not been implemented yet.\n"):
            lstm(d)


def test_scatter_reduce_prod_gives_no_tangent_as_in_pytorch():
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([[1., 2., 3.]]), torch.tensor([[1., 1., 1.]]))
        out = d.scatter_reduce(1, torch.tensor([[0, 0, 1]]), d, "prod")
        assert fwAD.unpack_dual(out).tangent is None
        assert fwAD.unpack_dual(d.scatter_reduce(1, torch.tensor([[0, 0, 1]]), d, "sum")).tangent is not None


class _Scale(Function):
    @staticmethod
    def forward(ctx, x, y, k):
        ctx.save_for_forward(x, y)
        ctx.k = k
        return x * y * k

    @staticmethod
    def backward(ctx, g):
        raise AssertionError("not used here")

    @staticmethod
    def jvp(ctx, tx, ty, tk):
        x, y = ctx.saved_tensors
        assert tk is None  # a number's tangent: None, as in PyTorch
        return (tx * y + x * ty) * ctx.k


class _NoJvp(Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2


def test_a_user_function_computes_its_tangent_with_jvp():
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([1., 2.]), torch.tensor([1., 0.]))
        out = _Scale.apply(d, torch.tensor([3., 4.]), 2.0)  # y without tangent: zeros reach jvp
        assert repr(out) == "tensor([ 6., 16.], tangent=tensor([6., 0.]))"


def test_a_user_function_without_jvp_raises_pytorchs_error():
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([1.]), torch.tensor([1.]))
        with pytest.raises(NotImplementedError, match="^You must implement the jvp function for custom autograd.Function "
                                                      "to use it with forward mode AD.$"):
            _NoJvp.apply(d)
        assert repr(_NoJvp.apply(torch.tensor([1.]))) == "tensor([2.])"  # no tangent in: no jvp needed


# -- torch.autograd.functional and torch.func --------------------------------------------------
def test_functional_forms_follow_the_inputs_and_outputs():
    from autograd_lab.autograd import functional as AF

    x = torch.tensor([1., 2.])
    assert AF.jacobian(lambda a: a * 2, x).shape == (2, 2)
    both = AF.jacobian(lambda a, b: (a * b, (a + b).sum()), (x, x))
    assert [[tuple(j.shape) for j in row] for row in both] == [[(2, 2), (2, 2)], [(2,), (2,)]]
    assert repr(AF.hessian(lambda a: (a ** 3).sum(), x)) == "tensor([[ 6.,  0.],\n        [ 0., 12.]])"
    out, hv = AF.hvp(lambda a: (a ** 3).sum(), x, torch.ones(2))
    assert repr(hv) == "tensor([ 6., 12.])"
    with pytest.raises(RuntimeError, match="^The vector v can only be None if the user-provided function returns a single "
                                           "Tensor with a single element.$"):
        AF.vjp(lambda a: a * 2, x)


def test_func_transforms_agree_with_each_other():
    from autograd_lab import func

    f = lambda a, b: (a.sin() * b).sum()  # noqa: E731
    x, y = _t(3), _t(3, seed=1)
    g = func.grad(f, argnums=(0, 1))(x, y)
    _, vjp_fn = func.vjp(f, x, y)
    assert all(np.allclose(a.numpy(), b.numpy()) for a, b in zip(g, vjp_fn(torch.tensor(1., dtype=torch.float64))))
    _, tangent = func.jvp(f, (x, y), (torch.ones_like(x), torch.zeros_like(y)))
    assert np.isclose(tangent.item(), g[0].sum().item())
    h = lambda a: a.sin() * a  # noqa: E731
    assert np.allclose(func.jacfwd(h)(x).numpy(), func.jacrev(h)(x).numpy())
    assert np.allclose(func.hessian(lambda a: f(a, y))(x).numpy(), np.diag((-x.sin() * y).numpy()))
    assert np.allclose(func.vmap(lambda r: r.sum(), in_dims=1)(torch.ones(2, 3)).numpy(), [2., 2., 2.])


def test_functional_call_leaves_the_module_as_it_was():
    from autograd_lab import func

    layer = torch.nn.Linear(2, 1)
    before = layer.weight
    out = func.functional_call(layer, {"weight": torch.tensor([[1., 2.]]), "bias": torch.tensor([0.5])}, (torch.ones(2),))
    assert repr(out) == "tensor([3.5000])"
    assert layer.weight is before


def test_gradcheck_checks_forward_mode_when_asked():
    class BadJvp(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_forward(x)
            return x.exp()

        @staticmethod
        def backward(ctx, g):
            raise AssertionError("not used here")

        @staticmethod
        def jvp(ctx, t):
            (x,) = ctx.saved_tensors
            return t * x.exp() * 1.5  # wrong by half

    class GoodJvp(BadJvp):
        @staticmethod
        def jvp(ctx, t):
            (x,) = ctx.saved_tensors
            return t * x.exp()

    x = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
    options = dict(check_forward_ad=True, check_backward_ad=False, check_undefined_grad=False, check_batched_grad=False)
    assert torch.autograd.gradcheck(GoodJvp.apply, (x,), **options) is True
    with pytest.raises(RuntimeError, match="^Jacobian computed with forward mode mismatch for output 0 with respect to input 0,"):
        torch.autograd.gradcheck(BadJvp.apply, (x,), **options)


def test_make_dual_keeps_the_tangent_laid_out_like_the_primal():
    primal, tangent = torch.ones(2, 3), torch.ones(3, 2)
    with fwAD.dual_level():
        same = torch.ones(2, 3)
        assert fwAD.unpack_dual(fwAD.make_dual(primal, same)).tangent is same
        copied = fwAD.unpack_dual(fwAD.make_dual(primal, tangent.T)).tangent
        assert copied is not tangent and copied.is_contiguous() and copied.shape == (2, 3)


def test_jvp_of_a_gradient_runs_forward_mode_through_backward():
    from autograd_lab import func

    x, t = torch.tensor([0.5, 1.0]), torch.tensor([1.0, 2.0])
    value, hvp = func.jvp(func.grad(lambda a: a.sin().sum()), (x,), (t,))
    assert repr(hvp) == repr(-x.sin() * t) and hvp.grad_fn is None
    # (PyTorch's off-diagonal zeros are -0.: -sin(x) times a tangent's 0., no +0. added for the plain gradient)
    assert repr(func.hessian(lambda a: a.sin().sum())(x)) == "tensor([[-0.4794, -0.0000],\n        [-0.0000, -0.8415]])"


_SEVERAL_INPUTS = sorted(name for name, (fn, inputs) in CASES.items() if len(inputs) > 1)


@pytest.mark.parametrize("name", _SEVERAL_INPUTS)
def test_jvp_with_one_input_dual_and_the_others_plain(name):
    # The other inputs have no tangent: the jvp gets None for them and leaves their terms out; the
    # result must still be the Jacobian's column block of the dual input times its tangent.
    fn, inputs = CASES[name]
    for i, x in enumerate(inputs):
        tangent = _t(*x.shape, seed=100 + i)
        with fwAD.dual_level():
            args = [a.detach().requires_grad_() for a in inputs]  # (some cases differentiate inside)
            args[i] = fwAD.make_dual(args[i], tangent)
            forward = fwAD.unpack_dual(fn(*args)).tangent
        zeros = [tangent if j == i else torch.zeros(a.shape, dtype=a.dtype) for j, a in enumerate(inputs)]
        reverse = _reverse_mode(fn, inputs, zeros)
        assert forward is not None, f"input {i}"
        np.testing.assert_allclose(forward.detach().numpy(), reverse.numpy(), rtol=1e-9, atol=1e-12, err_msg=f"input {i}")


def test_an_input_without_a_tangent_adds_no_zero_term():
    # PyTorch 2.13: -0. tangents survive a product, sum or quotient with a plain tensor (values
    # recorded from PyTorch; the parity program fwad_absent_tangent_keeps_signed_zeros has more)
    def signs(t):
        return np.signbit(t.detach().numpy()).tolist()

    with fwAD.dual_level():
        pos, neg = (fwAD.make_dual(torch.tensor([2.]), torch.tensor([z])) for z in (0., -0.))
        b = torch.tensor([-1.])
        assert signs(fwAD.unpack_dual(pos * b).tangent) == [True]  # 0. * -1. alone, no + 0.
        assert signs(fwAD.unpack_dual(neg + b).tangent) == [True]
        assert signs(fwAD.unpack_dual(b - pos).tangent) == [True]
        assert signs(fwAD.unpack_dual(neg / b).tangent) == [False]
        assert signs(fwAD.unpack_dual(torch.where(torch.tensor([False]), neg, b)).tangent) == [False]  # b's: zeros
        assert signs(fwAD.unpack_dual(torch.addmm(neg.reshape(1, 1), b.reshape(1, 1), b.reshape(1, 1))).tangent) == [[False]]
        assert fwAD.unpack_dual(b * b).tangent is None
