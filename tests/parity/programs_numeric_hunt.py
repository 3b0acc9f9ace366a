"""Reductions, element-wise arithmetic and nn.functional called the ways the second differential
hunt found them to differ from PyTorch: integer powers with negative exponents, small integer
dtypes beside Python ints and 0-d tensors, integer inputs to floating reductions, empty
reductions, and the overloads PyTorch picks from how an argument is given."""

from textwrap import dedent as _d

_TRY = """\
import warnings

warnings.simplefilter("always")


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)
"""

PROGRAMS = {
    "hunt2_integer_power_negative_exponent": _TRY + _d("""\
        a = torch.tensor([3, -2, 0, 1, -1])
        b = torch.tensor([-1, -2, 2, -3, -3])
        attempt("a ** b", lambda: a ** b)
        attempt("2 ** a", lambda: 2 ** a)
        attempt("-1 ** a", lambda: (-1) ** a)
        attempt("int32 ** int64", lambda: a.int() ** b)
        attempt("bool ** b", lambda: torch.tensor([True, False, True, True, False]) ** b)
        attempt("a ** -1", lambda: a ** -1)
        attempt("bool ** -1", lambda: torch.tensor([True, False]) ** -1)
        attempt("pow(a, b)", lambda: torch.pow(a, b))
    """),
    "hunt2_small_int_dtypes_beside_ints": _TRY + _d("""\
        u = torch.tensor([3, 2, 0], dtype=torch.uint8)
        attempt("u + tensor(2)", lambda: u + torch.tensor(2))
        attempt("u - tensor(2)", lambda: u - torch.tensor(2))
        attempt("tensor(2) * u", lambda: torch.tensor(2) * u)
        attempt("maximum", lambda: torch.maximum(u, torch.tensor(2)))
        attempt("u + -1", lambda: u + -1)
        attempt("-1 - u", lambda: -1 - u)
        attempt("u // -1", lambda: u // -1)
        attempt("u > -1", lambda: u > -1)
        attempt("u == 258", lambda: u == 258)
        attempt("int8 * 300", lambda: torch.tensor([1, 2], dtype=torch.int8) * 300)
        attempt("u / -1", lambda: u / -1)
    """),
    "hunt2_var_std_norm_refuse_integers": _TRY + _d("""\
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
    """),
    "hunt2_norm_dtype_and_empty_extremes": _TRY + _d("""\
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
    """),
    "hunt2_logsumexp_empty_and_var_empty_dim": _TRY + _d("""\
        e = torch.zeros(0, 3, requires_grad=True)
        out = e.logsumexp(0)
        print(out)
        out.sum().backward()
        print(e.grad)
        attempt("logsumexp(1)", lambda: e.logsumexp(1))
        attempt("var(1)", lambda: e.var(1))
        attempt("std(1)", lambda: e.std(1))
        attempt("var(0)", lambda: e.var(0))
    """),
    "hunt2_reciprocal_and_scalar_division_gradients": _d("""\
        x = torch.tensor([1.5, -2.0, 3.0, 0.0], requires_grad=True)
        (x.reciprocal() * torch.tensor([0.25, 0.5, 0.75, 1.0])).sum().backward()
        print([g.item() for g in x.grad])
        x.grad = None
        ((3 / x) * torch.tensor([0.25, 0.5, 0.75, 1.0])).sum().backward()
        print([g.item() for g in x.grad])
        d = torch.tensor(2.5, dtype=torch.float64, requires_grad=True)
        (2.5 / d).backward()
        print(d.grad.item())
    """),
    "hunt2_pow_exponent_gradient_promotes_base": _d("""\
        a = torch.tensor([1.5, 2.5, 0.0], dtype=torch.float16, requires_grad=True)
        b = torch.tensor([1.5, -2.0, 2.0], requires_grad=True)
        out = a ** b
        print(out.dtype, out.grad_fn.name())
        out.sum().backward()
        print([round(g.item(), 5) for g in b.grad], a.grad)
    """),
    "hunt2_clamp_min_max_tensor_bound": _d("""\
        x = torch.tensor([[-2., 0.5, 3.], [1., -0.5, 2.]], requires_grad=True)
        lo = torch.tensor([0., 1., 5.], requires_grad=True)
        hi = torch.tensor([1., 0., 2.], requires_grad=True)
        a = x.clamp_min(lo)
        b = torch.clamp_max(x, hi)
        print(a, b)
        print(a.grad_fn.name(), b.grad_fn.name())
        (a.sum() + 2 * b.sum()).backward()
        print(x.grad, lo.grad, hi.grad)
        print(x.clamp_min(0.5).grad_fn.name(), x.clamp_max(torch.tensor(0.5)).grad_fn.name())
    """),
    "hunt2_round_decimals_overload": _TRY + _d("""\
        x = torch.tensor([-2.5, 0.5, 1.25, 3.5], requires_grad=True)
        print(x.round().grad_fn.name(), x.round(decimals=0).grad_fn.name(), torch.round(x, decimals=1))
        attempt("long round(decimals=1)", lambda: torch.tensor([1, 2]).round(decimals=1))
        attempt("bool round(decimals=2)", lambda: torch.tensor([True]).round(decimals=2))
        attempt("long round()", lambda: torch.tensor([1, 2]).round())
    """),
    "hunt2_torch_softmax_positional_dtype": _d("""\
        x = torch.tensor([[1., 2., 3.], [0.5, -1., 2.]], requires_grad=True)
        s = torch.softmax(x, 1, torch.float64)
        ls = torch.log_softmax(x, 1, torch.float64)
        print(s, ls)
        (s[:, 0].sum() + ls[:, 1].sum()).backward()
        print(x.grad)
    """),
}

PROGRAMS["hunt2_norm_dtype_is_one_node"] = _d("""\
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
