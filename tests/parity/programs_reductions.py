"""Reductions and softmax: sum, mean, prod, max/min, var/std, norm, logsumexp, all/any, cumprod,
softmax/log_softmax; dims given as ints, tuples, 0-d tensors and numpy integers; empty and
integer inputs; values, grad_fn and gradients."""

from textwrap import dedent as _d

from ._sources import WARNINGS_ALWAYS, unary, with_graph

PROGRAMS = {}


def _unary(name, *args, **kwargs):
    PROGRAMS[name] = unary(*args, **kwargs)


# ---------------------------------------------------------------- reductions
_unary("red_sum_all", "[[1., 2.], [3., 4.]]", "x.sum()", "y.backward()")
_unary("red_sum_dim0", "[[1., 2.], [3., 4.]]", "x.sum(dim=0)")
_unary("red_sum_dim1_keepdim", "[[1., 2.], [3., 4.]]", "x.sum(1, keepdim=True)")
_unary("red_sum_negative_dim", "[[1., 2., 3.], [4., 5., 6.]]", "x.sum(-1)")
_unary("red_sum_tuple_dims", "[[[1., 2.], [3., 4.]], [[5., 6.], [7., 8.]]]", "x.sum((0, 2))")
_unary("red_torch_sum", "[1., 2., 3.]", "torch.sum(x)", "y.backward()")
_unary("red_mean_all", "[[1., 2.], [3., 5.]]", "x.mean()", "y.backward()")
_unary("red_mean_dim", "[[1., 2.], [3., 5.]]", "x.mean(0)")
_unary("red_mean_keepdim", "[[1., 2.], [3., 5.]]", "x.mean(dim=1, keepdim=True)")
_unary("red_prod_all", "[1., 2., 3., 4.]", "x.prod()", "y.backward()")
_unary("red_prod_with_zero", "[2., 0., 3.]", "x.prod()", "y.backward()")
_unary("red_prod_dim", "[[1., 2.], [3., 4.]]", "x.prod(1)")
_unary("red_max_all", "[1., 5., 3.]", "x.max()", "y.backward()")
_unary("red_max_all_ties", "[5., 1., 5.]", "x.max()", "y.backward()")
_unary("red_min_all", "[4., 1., 3.]", "x.min()", "y.backward()")
_unary("red_var_all", "[1., 2., 3., 4.]", "x.var()", "y.backward()")
_unary("red_var_unbiased_false", "[1., 2., 3., 4.]", "x.var(unbiased=False)", "y.backward()")
_unary("red_var_dim", "[[1., 2., 4.], [2., 2., 2.]]", "x.var(dim=1)")
_unary("red_std_all", "[1., 2., 3., 4.]", "x.std()", "y.backward()")
_unary("red_std_dim_keepdim", "[[1., 3.], [2., 6.]]", "x.std(0, keepdim=True)")
_unary("red_std_correction0", "[1., 2., 3., 4.]", "x.std(correction=0)", "y.backward()")
_unary("red_norm_default", "[3., 4.]", "x.norm()", "y.backward()")
_unary("red_norm_p1", "[3., -4.]", "x.norm(p=1)", "y.backward()")
_unary("red_norm_dim", "[[3., 4.], [6., 8.]]", "x.norm(dim=1)")
_unary("red_torch_norm", "[1., 2., 2.]", "torch.norm(x)", "y.backward()")
_unary("red_mean_of_square", "[1., 2., 3.]", "(x ** 2).mean()", "y.backward()")

PROGRAMS["red_max_dim_namedtuple"] = _d("""\
    x = torch.tensor([[1., 7., 3.], [9., 2., 4.]], requires_grad=True)
    r = x.max(dim=1)
    print(r)
    print(type(r).__name__)
    print(r.values, r.indices)
    print(r[0], r[1])
    values, indices = r
    print(values.grad_fn.name(), indices.dtype, indices.requires_grad)
    values.sum().backward()
    print(x.grad)
""")

PROGRAMS["red_max_dim_keepdim"] = _d("""\
    x = torch.tensor([[1., 7.], [9., 2.]], requires_grad=True)
    v, i = torch.max(x, 0, keepdim=True)
    print(v)
    print(i)
    (v * torch.tensor([[1., 10.]])).sum().backward()
    print(x.grad)
""")

PROGRAMS["red_min_dim_namedtuple"] = _d("""\
    x = torch.tensor([[4., 2.], [1., 3.]], requires_grad=True)
    r = torch.min(x, dim=0)
    print(r)
    r.values.sum().backward()
    print(x.grad)
""")

PROGRAMS["red_max_min_int_tensor"] = _d("""\
    t = torch.tensor([[3, 1], [2, 5]])
    print(t.max(), t.min())
    print(t.max(0))
    print(t.argmax(), t.argmin(dim=1))
""")

PROGRAMS["red_argmax"] = _d("""\
    x = torch.tensor([[1., 7., 3.], [9., 2., 4.]])
    print(x.argmax(), x.argmax(dim=1), x.argmax(0, keepdim=True))
    print(torch.argmax(x, dim=0))
""")

PROGRAMS["red_max_two_tensors"] = _d("""\
    a = torch.tensor([1., 5.], requires_grad=True)
    b = torch.tensor([3., 2.], requires_grad=True)
    y = torch.max(a, b)
    print(y)
    y.sum().backward()
    print(a.grad, b.grad)
""")

# ---------------------------------------------------------------- softmax
PROGRAMS["softmax_torch"] = _d("""\
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = torch.softmax(x, dim=0)
    print(y)
    print(y.grad_fn, y.grad_fn.next_functions)
    (y * torch.tensor([1., 0., 0.])).sum().backward()
    print(x.grad)
""")

PROGRAMS["softmax_method_2d"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 5.]], requires_grad=True)
    y = x.softmax(dim=1)
    print(y)
    y[:, 0].sum().backward()
    print(x.grad)
""")

PROGRAMS["softmax_F"] = _d("""\
    x = torch.tensor([[0., 1., 2.]], requires_grad=True)
    y = F.softmax(x, dim=-1)
    print(y, y.grad_fn.name())
""")

PROGRAMS["log_softmax_torch"] = _d("""\
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = torch.log_softmax(x, dim=0)
    print(y)
    print(y.grad_fn, y.grad_fn.next_functions)
    y[2].backward()
    print(x.grad)
""")

PROGRAMS["log_softmax_F_dim0"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = F.log_softmax(x, dim=0)
    print(y)
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["softmax_large_values_stable"] = _d("""\
    x = torch.tensor([1000., 1001., 1002.])
    print(torch.softmax(x, 0))
    print(torch.log_softmax(x, 0))
""")

# ---------------------------------------------------------------- edge cases: no dims, nan, 0-d, order of sums
PROGRAMS["red_dim_none_or_empty_reduces_everything"] = _d("""\
    a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    for y in (a.sum(dim=None, keepdim=True), a.sum(dim=()), a.sum(dim=[]), a.mean(()), a.mean(dim=None),
              torch.sum(a, ()), a.mean(dim=None, keepdim=True), a.amax(dim=()), a.sum(), a.mean()):
        print(y, y.grad_fn.name())
    print(a.sum(dim=None).grad_fn._saved_dim, a.var(dim=()), a.std(dim=None), a.norm(dim=()))
    a.sum(dim=()).backward()
    print(a.grad)
""")

PROGRAMS["red_max_of_a_tensor_with_nan"] = _d("""\
    a = torch.tensor([1., float('nan'), 3., float('nan')], requires_grad=True)
    m = a.max()
    m.backward()
    print(m, a.grad)
    b = torch.tensor([3., 1., 3.], requires_grad=True)
    b.min().backward()
    b.max().backward()
    print(b.grad)
""")

PROGRAMS["red_norm_minus_inf"] = _d("""\
    a = torch.tensor([1., -2., 0.5], requires_grad=True)
    n = a.norm(p=float('-inf'))
    n.backward()
    print(n, a.grad)
    b = torch.tensor([[1., -2.], [3., 0.5]], requires_grad=True)
    n = b.norm(p=float('-inf'), dim=1)
    n.sum().backward()
    print(n, b.grad, torch.tensor([1., -2., 0.]).norm(p=float('-inf')))
""")

PROGRAMS["red_over_dim_0_of_a_0d_tensor"] = _d("""\
    a = torch.tensor(3., requires_grad=True)
    for y in (a.sum(dim=0), a.mean(0), a.amax(0), a.norm(dim=0), a.logsumexp(0), a.prod(0),
              a.sum(dim=-1, keepdim=True), a.cumsum(0), a.std(0)):
        print(y, y.shape)
    a.cumsum(0).backward()
    a.logsumexp(0).backward()
    print(a.grad)
    try:
        a.sum(1)
    except IndexError as e:
        print(e)
""")

PROGRAMS["red_arg_and_extreme_edge_cases"] = _d("""\
    a = torch.tensor(3., requires_grad=True)
    print(a.argmax(0), a.max(0), a.min(0, keepdim=True))
    a.max(0).values.backward()
    print(a.grad)
    for f in (lambda: torch.ones(0).argmax(), lambda: torch.ones(0, 3).argmax(dim=0), lambda: torch.ones(0, 3).argmin(dim=1),
              lambda: torch.tensor([True, False]).argmax(), lambda: torch.ones(0).amax(), lambda: torch.ones(0).amin(),
              lambda: torch.ones(0, 3).amax(dim=0), lambda: torch.ones(0, 3).amin(dim=0), lambda: torch.ones(0, 3).amax(dim=1)):
        try:
            print(f())
        except (IndexError, RuntimeError) as e:
            print(type(e).__name__, e)
""")

PROGRAMS["op_softmax_with_dtype"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    for y in (x.softmax(0, dtype=torch.float64), torch.softmax(x, 0, dtype=torch.float64),
              torch.log_softmax(x, 0, dtype=torch.float64), F.softmax(x, 0, dtype=torch.float64)):
        print(y, y.grad_fn.next_functions[0][0].name())
    x.log_softmax(0, dtype=torch.float64)[0].backward()
    print(x.grad)
""")

PROGRAMS["red_short_sums_add_in_pytorchs_order"] = _d("""\
    # .item() shows every digit: a short float sum must add its values in PyTorch's order.
    print(torch.arange(0, 1, 0.1).sum().item(), torch.arange(0, 1, 0.1).mean().item())
    x = (torch.arange(37) * 7 % 11 - 5) / 3
    for n in (5, 6, 7, 8, 9, 15, 16, 17, 31, 37):
        v = x[:n].contiguous()
        print(n, v.sum().item(), v.mean().item(), v.double().sum().item(), v.view(1, n).sum(dim=None).item())
    w = ((torch.arange(300) * 13 % 101 - 50) / 7).reshape(20, 15)
    print(w.sum().item(), w.mean().item(), w.double().mean().item())
    print(torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]).sum().item())
""")

# ---------------------------------------------------------------- integer and empty inputs, dtype arguments
PROGRAMS["red_var_std_norm_refuse_integers"] = WARNINGS_ALWAYS + _d("""\
    for x in [torch.tensor([[1, -2, 3], [4, 5, -6]]), torch.tensor([True, False]),
              torch.tensor([1, 2], dtype=torch.int8)]:
        attempt(f"{x.dtype} var", lambda: x.var())
        attempt(f"{x.dtype} std(0)", lambda: x.std(0))
        attempt(f"{x.dtype} norm", lambda: x.norm())
        attempt(f"{x.dtype} norm(1, dim=0)", lambda: x.norm(1, dim=0))
        attempt(f"{x.dtype} logsumexp", lambda: x.logsumexp(0))
    x = torch.tensor([[1., 2.], [3., 4.]])
    attempt("mean(dtype=int64)", lambda: x.mean(dtype=torch.int64))
    attempt("long mean", lambda: x.long().mean())
""")

PROGRAMS["red_norm_dtype_and_empty_extremes"] = WARNINGS_ALWAYS + _d("""\
    x = torch.tensor([[3., -4.], [1., 2.]], requires_grad=True)
    n = x.norm(p=2, dim=1, dtype=torch.float64)
    print(n, n.dtype)
    n.sum().backward()
    print(x.grad)
    e = torch.zeros(0, 3)
    attempt("inf norm of empty", lambda: e.norm(float("inf")))
    attempt("-inf norm of empty", lambda: e.norm(float("-inf")))
    attempt("inf norm over empty dim", lambda: e.norm(float("inf"), dim=0))
    attempt("inf norm over full dim", lambda: e.norm(float("inf"), dim=1))
""")

PROGRAMS["red_logsumexp_empty_and_var_empty_dim"] = WARNINGS_ALWAYS + _d("""\
    e = torch.zeros(0, 3, requires_grad=True)
    out = e.logsumexp(0)
    print(out)
    out.sum().backward()
    print(e.grad)
    attempt("logsumexp(1)", lambda: e.logsumexp(1))
    attempt("var(1)", lambda: e.var(1))
    attempt("std(1)", lambda: e.std(1))
    attempt("var(0)", lambda: e.var(0))
""")

PROGRAMS["softmax_positional_dtype"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [0.5, -1., 2.]], requires_grad=True)
    s = torch.softmax(x, 1, torch.float64)
    ls = torch.log_softmax(x, 1, torch.float64)
    print(s, ls)
    (s[:, 0].sum() + ls[:, 1].sum()).backward()
    print(x.grad)
""")

PROGRAMS["red_norm_dtype_is_one_node"] = _d("""\
    x = torch.tensor([[3., 4.], [0., 0.]], requires_grad=True)
    for p in (2, 1, float("inf"), 3):
        y = x.norm(p, dim=1, dtype=torch.float64)
        y.sum().backward()
        print(y, y.grad_fn.next_functions[0][0].name(), x.grad, x.grad.dtype)
        x.grad = None
    h = torch.tensor([1., 2.]).half().requires_grad_()
    z = (h * 2).norm(dtype=torch.float32)
    z.backward()
    print(z, z.grad_fn.next_functions[0][0].name(), h.grad, h.grad.dtype)
""")

# ------------------------------------------------------------------ dims as tensors and numpy ints
PROGRAMS["red_dims_as_tensors_and_numpy_ints"] = with_graph("""\
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

PROGRAMS["red_norm_fro_dim_tensor_error"] = with_graph("""\
    x = torch.tensor([[1., 2.], [3., 4.]])
    print(x.norm(2, torch.tensor(1)), torch.norm(x, dim=1))
    attempt("numpy dim", lambda: x.norm(dim=np.int64(1)))
    x.norm(dim=torch.tensor(1))
""")

# ------------------------------------------------------------------ all / any over several dims
PROGRAMS["red_all_any_tuple_dims"] = with_graph("""\
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

# ------------------------------------------------------------------ cumprod
PROGRAMS["red_cumprod"] = with_graph("""\
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
