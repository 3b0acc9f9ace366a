"""More ops and more ways of calling them: dims given as 0-d tensors and numpy integers, tuple
dims for all/any, mixed clamp bounds, PyTorch's hidden add/sub overloads (torch.normal(mean) is in programs_random.py),
and cumprod, diag, diagonal, diag_embed, einsum, lerp, scatter, scatter_add, select, expm1."""

from textwrap import dedent as _d

PROGRAMS = {}

# A helper the programs below paste in: try an expression, print its result or its error.
_TRY = """\
import numpy as np


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


def graph(fn, depth=0):
    # Each node's name and its plain saved values, then its inputs' nodes, indented.
    if fn is None:
        print("  " * depth + "None")
        return
    values = {k: getattr(fn, k) for k in dir(fn) if k.startswith("_saved_") and not torch.is_tensor(getattr(fn, k))}
    print("  " * depth + fn.name(), values)
    for nxt, _ in fn.next_functions:
        graph(nxt, depth + 1)
"""


def _program(name, body):
    PROGRAMS[name] = _TRY + "\n" + _d(body)


# ------------------------------------------------------------------ dims as tensors and numpy ints
_program("opx_dim_reductions_tensor_and_numpy", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    for d in (torch.tensor(1), np.int64(1), np.int32(-1), torch.tensor(-1, dtype=torch.int32)):
        print(type(d).__name__)
        print(x.sum(d), torch.sum(x, d), x.sum(dim=d, keepdim=True))
        print(x.mean(d), x.prod(d), x.amax(d), torch.amin(x, d))
        print(x.argmax(d), torch.argmin(x, d), x.logsumexp(d))
        print(x.var(d), torch.std(x, d), x.norm(2, d), x.cumsum(d))
        print(x.softmax(d), torch.log_softmax(x, d))
        print(x.all(d), torch.any(x, d))
    print(x.max(np.int64(1)))
    print(torch.min(x, np.int64(0)))
    print(x.max(torch.tensor(4)))  # a 0-d tensor here is max's other operand
    s = x.sum((np.int64(0), torch.tensor(1)))
    print(s, s.grad_fn._saved_dim)
    s.backward()
    print(x.grad)
    print(x.size(torch.tensor(1)), x.size(np.int64(-1)))
""")

_program("opx_dim_shape_ops_tensor_and_numpy", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    one = torch.tensor(1)
    print(x.chunk(2, one))
    print(torch.split(x, 2, np.int64(1)))
    print(x.unbind(one))
    print(x.unsqueeze(np.int64(-1)).squeeze(one).shape, x.unsqueeze(one).grad_fn)
    print(x.transpose(one, np.int32(0)), x.flatten(np.int64(0)))
    print(x.select(np.int64(1), torch.tensor(2)), x.narrow(one, one, 2))
    print(x.gather(one, torch.tensor([[0], [2]])), x.index_select(one, torch.tensor([2, 0])))
    print(x.sort(one, descending=True).values, x.argsort(np.int64(0)), x.topk(torch.tensor(2), np.int64(1)).indices)
    print(x.roll(1, one), x.flip(np.int64(1)), x.movedim(np.int64(1), 0).shape)
    print(torch.cat([x, x], one).shape, torch.stack([x, x], np.int64(2)).shape)
    print(x.diagonal(0, np.int64(0), one), x.cumprod(one))
    attempt("split np", lambda: x.split(np.int64(2), 1))
    attempt("dim out of range", lambda: x.sum(torch.tensor(2)))
    attempt("float tensor dim", lambda: x.sum(torch.tensor(1.)))
""")

_program("opx_squeeze_dims_tuple", """\
    x = torch.ones(1, 2, 1, requires_grad=True)
    for d in [(0, 2), [0, 2], (np.int64(0), 2), (torch.tensor(0),), 0, np.int64(2), torch.tensor(0)]:
        y = x.squeeze(d)
        print(y.shape, y.grad_fn.name(), y.grad_fn._saved_dim, torch.squeeze(x, d).grad_fn.name())
    y = x.squeeze((0, 2))
    (y * torch.tensor([2., 3.])).sum().backward()
    print(x.grad)
""")

_program("opx_norm_fro_dim_tensor_error", """\
    x = torch.tensor([[1., 2.], [3., 4.]])
    print(x.norm(2, torch.tensor(1)), torch.norm(x, dim=1))
    attempt("numpy dim", lambda: x.norm(dim=np.int64(1)))
    x.norm(dim=torch.tensor(1))
""")

# ------------------------------------------------------------------ all / any over several dims
_program("opx_all_any_tuple_dims", """\
    b = torch.tensor([[True, False, True], [True, True, True]])
    print(torch.all(b, [0]), torch.any(b, (0, 1)), b.all(dim=(0, 1)), b.all(dim=(0, 1), keepdim=True))
    print(b.all(dim=[]), b.any(dim=()), b.any(None), b.all(dim=(-1,)))
    f = torch.tensor([[1., 0., 2.], [3., 4., 5.]])
    print(f.all((0,)), f.any(1), torch.all(f, dim=[0, 1], keepdim=True))
    u = torch.tensor([[1, 0], [2, 3]], dtype=torch.uint8)
    print(u.all(), u.all(1), u.any((0, 1)))
    print(torch.tensor(True).all(0), torch.tensor(0.).any((0,)))
    attempt("repeated", lambda: b.all((0, 0)))
    attempt("out of range", lambda: b.any((0, 2)))
    attempt("out of range int", lambda: b.all(3))
""")

# ------------------------------------------------------------------ clamp with a tensor and a number
_program("opx_clamp_tensor_and_number_bounds", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    y = torch.clamp(x, torch.tensor(2), 5)
    print(y, y.grad_fn.name(), y.grad_fn._saved_min, y.grad_fn._saved_max)
    y.sum().backward()
    print(x.grad)
    print(torch.clamp(x, torch.tensor(1), 0), torch.clamp(x, 0, torch.tensor(4.)))
    print(x.clamp(torch.tensor(2.), 5), x.clamp(min=torch.tensor(2.), max=5), torch.clip(x, torch.tensor(2.), 5))
    print(torch.clamp(x, torch.tensor(2., dtype=torch.float64), 6))
    print(x.detach().clone().clamp_(min=torch.tensor(2.), max=5))
    i = torch.tensor([1, 5, 9])
    print(torch.clamp(i, torch.tensor(2), 6.5), torch.clamp(i, 2.5, torch.tensor(6)))
    print(torch.clamp(i, 2, torch.tensor(6)), torch.clamp(i, torch.tensor(2.), 6))
    print(torch.clamp(x, torch.tensor(2.), None).grad_fn.name())
""")

_program("opx_clamp_vector_bound_and_number_error", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    torch.clamp(x, torch.tensor([2., 0., 3.]), 5)
""")

_program("opx_clamp_grad_tensor_and_number_error", """\
    x = torch.tensor([1., 5.])
    torch.clamp(x, torch.tensor(2., requires_grad=True), 4)
""")

# ------------------------------------------------------------------ PyTorch's hidden add/sub overloads
_program("opx_subtract_number_other_and_alpha", """\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    for y in (torch.subtract(t, 1, 2), t.subtract(1, 2), torch.subtract(t, 1, alpha=2), torch.subtract(t, 1)):
        print(y, y.grad_fn.name(), [f is not None for f, _ in y.grad_fn.next_functions])
    torch.subtract(t, 1, 2).sum().backward()
    print(t.grad)
    attempt("tensor as alpha", lambda: torch.subtract(t, 1, t))
""")

_program("opx_sub_alpha_first_deprecated", """\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    y = torch.sub(t, 1, 2)  # alpha=1, other=2: t - 2, with PyTorch's deprecation warning
    print(y, y.grad_fn.name(), y.grad_fn._saved_alpha)
    y = torch.sub(t, 2, t)  # warned once per process: no second warning
    print(y, y.grad_fn._saved_alpha)
    y.sum().backward()
    print(t.grad)
""")

_program("opx_add_alpha_first_deprecated", """\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    y = torch.add(t, 2, t)
    print(y, y.grad_fn.name(), y.grad_fn._saved_alpha)
    y.sum().backward()
    print(t.grad)
    print(torch.add(t, 2, 1), torch.add(1, 2, t), torch.add(t, torch.tensor(2.), t))
    print(torch.add(t, 2.5, torch.tensor([1, 2, 3])))
    attempt("three tensors", lambda: torch.add(t, t, t))
    attempt("with alpha", lambda: torch.add(t, 2, t, alpha=3))
    attempt("four", lambda: torch.add(t, 2, t, 3))
    attempt("int alpha float", lambda: torch.add(torch.tensor([1, 2]), 2.5, torch.tensor([1, 2])))
""")

_program("opx_method_add_alpha_first_deprecated", """\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    y = t.add(2, t)
    print(y, y.grad_fn.name())
    print(t.sub(2, t))
""")

_program("opx_method_sub_alpha_first_deprecated", """\
    t = torch.tensor([1., 2., 3.])
    print(t.sub(2, torch.tensor([1., 1., 1.])))
    attempt("two args", lambda: t.add(t, 2))
""")

_program("opx_inplace_add_alpha_first_deprecated", """\
    t = torch.tensor([1., 2., 3.])
    print(t.add_(2, torch.tensor([1., 1., 1.])), t.sub_(3, torch.tensor([1., 1., 1.])))
    t += 1
    print(t)
""")

_program("opx_number_first_operands", """\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    u = torch.tensor([4., 5., 6.], requires_grad=True)
    for y in (torch.add(1, t), torch.mul(2, t), torch.sub(1, t), torch.sub(1, t, alpha=2), 1 - t, 1 + t,
              torch.rsub(t, 1, 2), torch.rsub(t, u, alpha=2), torch.rsub(t, u), torch.rsub(t, 2.5)):
        names = [f.name() if f is not None else None for f, _ in y.grad_fn.next_functions]
        print(y, y.grad_fn.name(), names)
        print(torch.autograd.grad(y.sum(), (t, u), allow_unused=True))
    print(torch.mul(2, t).grad_fn._saved_self, torch.add(1, 2), torch.sub(1, torch.tensor([1, 2])))
    print(torch.add(1.5, torch.tensor([1, 2])))
""")

# ------------------------------------------------------------------ torch.normal(mean)

# ------------------------------------------------------------------ 0-d tensors for float / Number arguments
_program("opx_allclose_full_like_tensor_arguments", """\
    x = torch.tensor([[1., 2.], [3., 4.]])
    print(torch.allclose(x, x, torch.tensor(1.)), x.allclose(x + 0.5, 0., torch.tensor(1.)))
    print(torch.allclose(x, x + 0.5, 0., torch.tensor(0.1)), torch.isclose(x, x + 0.5, 0., torch.tensor(1.)))
    print(torch.full_like(x, torch.tensor(2.)), torch.full_like(x, torch.tensor(3)))
    attempt("allclose vector", lambda: torch.allclose(x, x, torch.tensor([1.])))
    attempt("allclose grad", lambda: torch.allclose(x, x, torch.tensor(1., requires_grad=True)))
    attempt("full_like grad", lambda: torch.full_like(x, torch.tensor(2., requires_grad=True)))
""")

# ------------------------------------------------------------------ cumprod
_program("opx_cumprod", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    y = x.cumprod(1)
    print(y, y.grad_fn._saved_dim, y.grad_fn._saved_self is not None, y.grad_fn._saved_result)
    y.backward(torch.tensor([[1., 2., 3.], [4., 5., 6.]]))
    print(x.grad)
    z = torch.tensor([[1., 0., 3.], [0., 5., 0.]], requires_grad=True)
    torch.cumprod(z, 1).backward(torch.tensor([[1., 2., 3.], [4., 5., 6.]]))
    print(z.grad)
    w = torch.tensor([2., 0., 0., 3.], requires_grad=True)
    w.cumprod(0).sum().backward()
    print(w.grad)
    print(torch.cumprod(torch.tensor([1, 2, 3]), 0), torch.cumprod(torch.tensor([1, 2, 3]), 0, dtype=torch.float64))
    print(torch.tensor(2.).cumprod(0), x.cumprod(-2))
    attempt("dim out of range", lambda: x.cumprod(2))
""")

# ------------------------------------------------------------------ diag, diagonal, diag_embed
_program("opx_diag_vector_and_matrix", """\
    v = torch.tensor([1., 2., 3.], requires_grad=True)
    d = torch.diag(v)
    print(d, d.grad_fn._saved_offset, d.grad_fn._saved_dim1, d.grad_fn._saved_dim2)
    (d * torch.arange(9.).reshape(3, 3)).sum().backward()
    print(v.grad)
    print(torch.diag(v, 1), v.diag(-2))
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    d = torch.diag(x)
    print(d, d.grad_fn._saved_self_sym_sizes, d._base is None)
    d.sum().backward()
    print(x.grad)
    print(x.diag(1), x.diag(-1), x.diag(5))
    attempt("3-D", lambda: torch.ones(2, 2, 2).diag())
    attempt("0-D", lambda: torch.tensor(1.).diag())
""")

_program("opx_diagonal_view", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    d = x.diagonal()
    graph(d.grad_fn)
    print(d, d._base is x)
    (d * torch.tensor([2., 3.])).sum().backward()
    print(x.grad)
    print(torch.diagonal(x, 1), x.diagonal(offset=-1, dim1=1, dim2=0))
    a = torch.arange(24.).reshape(2, 3, 4)
    print(a.diagonal(0, 0, 2), a.diagonal(1, -1, 1).shape)
    b = torch.zeros(3, 3)
    b.diagonal().fill_(7.)
    print(b)
    attempt("1-D", lambda: torch.ones(3).diagonal())
    attempt("same dims", lambda: x.diagonal(0, 1, 1))
""")

_program("opx_diag_embed", """\
    v = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    e = torch.diag_embed(v)
    print(e, e.grad_fn.name())
    e = torch.diag_embed(v, 1, 0, 2)
    print(e.shape, e.grad_fn._saved_offset, e.grad_fn._saved_dim1, e.grad_fn._saved_dim2)
    e.backward(torch.arange(18.).reshape(3, 2, 3))
    print(v.grad)
""")

# ------------------------------------------------------------------ einsum
for _i, (_eq, _ops) in enumerate([
    ("ij,jk->ik", "x, x.t()"),
    ("i,i->", "v, v"),
    ("ij->ji", "x,"),
    ("bij,bjk->bik", "b1, b2"),
    ("ii->i", "m,"),
    ("ii", "m,"),
    ("ij,jk", "x, x.t()"),
    ("ij,j->i", "x, v"),
    ("i,j->ij", "v, v"),
    ("ij->j", "x,"),
    ("ij,ij->", "x, x"),
    ("ij,kj->ik", "x, x"),
    ("...ij->...ji", "b1,"),
    ("bij,bkj->bik", "b1, b1"),
    ("ij,jk,kl->il", "x, x.t(), x"),
    ("i,i", "v, v"),
]):
    _name = "opx_einsum_" + "".join(c if c.isalpha() else {",": "_", ">": "to", ".": "e"}.get(c, "") for c in _eq)
    _program(_name, f"""\
        x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
        v = torch.tensor([1., 2., 3.], requires_grad=True)
        m = torch.tensor([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]], requires_grad=True)
        b1 = torch.arange(12.).reshape(2, 2, 3).requires_grad_()
        b2 = torch.arange(12.).reshape(2, 3, 2).div(4).requires_grad_()
        y = torch.einsum({_eq!r}, {_ops})
        print(y, y.is_contiguous(), y.stride())
        graph(y.grad_fn)
        y.backward(torch.ones_like(y) * 2)
        for t in (x, v, m, b1, b2):
            print(t.grad)
    """)

_program("opx_einsum_forms_and_errors", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    print(torch.einsum('ij,jk->ik', [x, x.t()]), torch.einsum('ij, jk -> ik', x, x.t()))
    print(torch.einsum('i,i->', torch.tensor([1, 2]), torch.tensor([3, 4])))
    print(torch.einsum('Ab,bA->A', x, x.t()), torch.einsum('ba', x))
    attempt("sizes", lambda: torch.einsum('ij,jk->ik', x, x))
    attempt("fewer", lambda: torch.einsum('ij,jk->ik', x))
    attempt("more", lambda: torch.einsum('ij->ij', x, x))
    attempt("dims", lambda: torch.einsum('ijk', x))
    attempt("dtypes", lambda: torch.einsum('i,i->', torch.tensor([1, 2]), torch.tensor([3., 4])))
    attempt("repeated output", lambda: torch.einsum('ij->ii', x))
    attempt("unknown output", lambda: torch.einsum('ij->k', x))
    attempt("diagonal sizes", lambda: torch.einsum('ii->i', x))
""")

# ------------------------------------------------------------------ lerp
_program("opx_lerp_number_and_tensor_weight", """\
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = torch.tensor([5., 6., 9.], requires_grad=True)
    w = torch.tensor([0.5, 0.25, 1.], requires_grad=True)
    y = torch.lerp(a, b, 0.3)
    print(y, y.grad_fn._saved_weight, len(y.grad_fn.next_functions))
    y.sum().backward()
    print(a.grad, b.grad)
    a.grad = b.grad = None
    y = a.lerp(b, w)
    print(y, y.grad_fn.name(), y.grad_fn._saved_weight, y.grad_fn._saved_end, y.grad_fn._saved_self)
    y.sum().backward()
    print(a.grad, b.grad, w.grad)
    print(torch.lerp(a, b, torch.tensor(0.3)), torch.lerp(a, b, 1), torch.lerp(a, torch.tensor(10.), 0.5))
    print(torch.lerp(torch.tensor([0.1, 0.7, 1e8]), torch.tensor([0.3, 0.9, 3.]), 0.7).tolist())
    print(torch.lerp(torch.tensor([0.1, 0.7]), torch.tensor([0.3, 0.9]), torch.tensor([0.2, 0.8])).tolist())
    d = torch.tensor([0.1, 0.7], dtype=torch.float64)
    print(torch.lerp(d, d * 3, 0.3).tolist(), torch.lerp(d, d * 3, d).tolist())
    c = a.detach().clone()
    print(c.lerp_(b.detach(), 0.5), c)
    print(torch.lerp(a, a, torch.tensor(0.5, dtype=torch.float64)))
    attempt("int", lambda: torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), 0.5))
    attempt("int tensor weight", lambda: torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([0, 1])))
    attempt("end dtype", lambda: torch.lerp(a, b.double(), 0.5))
    attempt("weight dtype", lambda: torch.lerp(a, a, torch.tensor([0.5], dtype=torch.float64)))
    attempt("shapes", lambda: torch.lerp(a, torch.ones(4), 0.5))
""")

# ------------------------------------------------------------------ scatter, scatter_add
_program("opx_scatter_src_value_add", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    src = torch.tensor([[10., 20., 30.], [40., 50., 60.]], requires_grad=True)
    idx = torch.tensor([[0, 1, 0], [1, 0, 1]])
    y = x.scatter(0, idx, src)
    print(y, y.grad_fn._saved_dim, y.grad_fn._saved_index, len(y.grad_fn.next_functions))
    y.backward(torch.arange(6.).reshape(2, 3))
    print(x.grad, src.grad)
    x.grad = src.grad = None
    y = torch.scatter_add(x, 0, idx, src)
    print(y, y.grad_fn.name(), y.grad_fn._saved_dim)
    y.backward(torch.arange(6.).reshape(2, 3))
    print(x.grad, src.grad)
    x.grad = None
    y = x.scatter(1, torch.tensor([[2], [0]]), 7.5)
    print(y, y.grad_fn.name(), y.grad_fn._saved_index)
    y.sum().backward()
    print(x.grad)
    print(x.scatter(1, torch.tensor([[2], [0]]), src), torch.scatter(x, 1, torch.tensor([[2], [0]]), value=7))
    print(x.scatter(1, torch.tensor([[2], [0]], dtype=torch.int32), src))
    print(torch.zeros(3).scatter_add(0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.])))
    print(torch.tensor(1.).scatter(0, torch.tensor(0), 5.), torch.tensor([1, 2, 3]).scatter(0, torch.tensor([0]), 5))
    c = x.detach().clone()
    print(c.scatter_(1, torch.tensor([[2], [0]]), 7.5), c)
    print(x.detach().clone().scatter_add_(1, torch.tensor([[2, 2], [0, 0]]), src.detach()))
""")

_program("opx_scatter_errors", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    src = torch.tensor([[10., 20., 30.], [40., 50., 60.]])
    attempt("out of bounds", lambda: x.scatter(1, torch.tensor([[3], [0]]), src))
    attempt("negative", lambda: x.scatter_add(1, torch.tensor([[-1], [0]]), src))
    attempt("float index", lambda: x.scatter(1, torch.tensor([[1.], [0]]), src))
    attempt("float index add", lambda: x.scatter_add(1, torch.tensor([[1.], [0]]), src))
    attempt("ndim", lambda: x.scatter(1, torch.tensor([2, 0]), src))
    attempt("too big", lambda: x.scatter(1, torch.tensor([[2, 0, 1, 1]]), src))
    attempt("too big add", lambda: x.scatter_add(1, torch.tensor([[1, 0, 1, 1]]), src))
    attempt("dtype", lambda: x.scatter(1, torch.tensor([[2], [0]]), src.double()))
    attempt("dim", lambda: x.scatter(2, torch.tensor([[1], [0]]), src))
    attempt("0-d src", lambda: x.scatter(1, torch.tensor([[2], [0]]), torch.tensor(7.)))
""")

# ------------------------------------------------------------------ select
_program("opx_select", """\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    s = x.select(1, -1)
    print(s, s.grad_fn._saved_dim, s.grad_fn._saved_index, s.grad_fn._saved_self_sym_sizes, s._base is x)
    print(x[:, -2].grad_fn._saved_index, x.select(0, 1).grad_fn._saved_index)
    torch.select(x, 0, 1).sum().backward()
    print(x.grad)
    attempt("index", lambda: x.select(1, 3))
    attempt("negative index", lambda: torch.select(x, 0, -3))
    attempt("dim", lambda: x.select(2, 0))
    attempt("0-d", lambda: torch.tensor(1.).select(0, 0))
""")

# ------------------------------------------------------------------ expm1 digits
_program("opx_expm1_float32_float64", """\
    x = torch.tensor([4., 1e-5, -3., 0.5, 10.], requires_grad=True)
    y = x.expm1()
    print(y, y.tolist())
    y.sum().backward()
    print(x.grad)
    print(torch.expm1(torch.tensor(4.)).item(), torch.tensor([1.]).expm1().item())
    print(torch.tensor([4., 1e-5, -3.], dtype=torch.float64).expm1().tolist())
""")

_program("opx_saved_dims_as_given", """\
    x = torch.ones(3, 3, requires_grad=True)
    v = torch.ones(2, 2, requires_grad=True)
    index = torch.zeros(3, 1, dtype=torch.long)
    for y in (x.diagonal(-1, -1, -2), torch.diag(x, -1), torch.diag(x[0], -1), torch.diag_embed(v),
              torch.diag_embed(v, -1, -3, -1), x.cumprod(-1), x.cumprod(torch.tensor(-1)), x.scatter(-1, index, 1.),
              x.scatter(-1, index, x), x.scatter_add(np.int64(-1), index, x), x.select(-1, 0)):
        graph(y.grad_fn)
""")

# ------------------------------------------------------------------ negative dims among saved values
_program("opx_saved_negative_dims_of_every_op", """\
    x = torch.ones(2, 3, 4, requires_grad=True)
    index = torch.zeros(2, 3, 1, dtype=torch.long)
    for y in (x.sum(-1), x.sum([-1, 0]), x.sum((-1, -2)), x.mean(-2), x.mean(-1, keepdim=True), x.prod(-1),
              x.prod(1), x.max(-1)[0], x.min(-1)[0], x.amax(-1), x.logsumexp(-1), x.var(-1), x.std(-1),
              x.norm(2, -1), x.cumsum(-1), x.softmax(-1), x.log_softmax(-1), x.transpose(-1, -2),
              x.unsqueeze(-1), x[:, :1].squeeze(-2), x.gather(-1, index), x.index_select(-1, torch.tensor([0])),
              torch.cat([x, x], -1), torch.stack([x, x], -1), x.flip(-1), x.narrow(-1, 0, 2), x.chunk(2, -1)[0],
              x.split(2, -1)[0], x.movedim(-1, 0), x.permute(-1, 0, 1), x.flatten(-2), x.sort(-1)[0],
              x.topk(2, -1)[0], x.roll(1, -1), x.unbind(-1)[0], x.size(-1) * x.sum(-3)):
        graph(y.grad_fn)
""")

_program("opx_narrow_starts_lengths_and_errors", """\
    x = torch.arange(12.).reshape(3, 4).requires_grad_()
    for args in ((1, 2, 5), (1, -2, 2), (1, -4, 4), (1, 5, 1), (1, -5, 1), (1, 1, -1), (1, 5, -1), (-1, 1, 2),
                 (1, 4, 0), (1, 4, 1), (2, 0, 1), (1, torch.tensor(1), 2), (0, np.int64(1), 2)):
        attempt(str(args), lambda: x.narrow(*args))
    y = torch.narrow(x, -1, -3, 2)
    graph(y.grad_fn)
    y.sum().backward()
    print(x.grad)
    attempt("0-d", lambda: torch.tensor(1.).narrow(0, 0, 1))
""")
