"""Element-wise ops: arithmetic between tensors and with Python numbers (and PyTorch's hidden
add/sub overloads), unary math, clamp, where, lerp, rounding and division modes, integer and
small integer dtypes; each op's result, grad_fn, next_functions and gradients."""

from textwrap import dedent as _d

from ._sources import WARNINGS_ALWAYS, binary, unary, with_graph

PROGRAMS = {}


def _unary(name, *args, **kwargs):
    PROGRAMS[name] = unary(*args, **kwargs)


def _binary(name, *args):
    PROGRAMS[name] = binary(*args)


# ---------------------------------------------------------------- arithmetic
_binary("op_add_tensors", "[1., 2., 3.]", "[4., 5., 6.]", "a + b")
_binary("op_sub_tensors", "[1., 2., 3.]", "[4., 5., 6.]", "a - b")
_binary("op_mul_tensors", "[1., 2., 3.]", "[4., 5., 6.]", "a * b")
_binary("op_div_tensors", "[1., 2., 3.]", "[4., 5., 8.]", "a / b")
_binary("op_pow_tensors", "[1., 2., 3.]", "[2., 0.5, 1.]", "a ** b")
_binary("op_add_alpha", "[1., 2.]", "[3., 4.]", "torch.add(a, b, alpha=2)")
_binary("op_sub_alpha", "[1., 2.]", "[3., 4.]", "torch.sub(a, b, alpha=3)")

PROGRAMS["op_add_alpha_rounds_once"] = _d("""\
    # PyTorch fuses a + alpha * b into one multiply-add: the last bit shows in tolist().
    torch.manual_seed(0)
    for dtype in (torch.float32, torch.float64):
        a = torch.randn(64, dtype=dtype)
        b = torch.randn(64, dtype=dtype)
        print(torch.add(a, b, alpha=0.1).tolist())
        print(torch.sub(a, b, alpha=-3.7).tolist())
        w = a.clone()
        w.add_(b, alpha=-0.01)
        print(w.tolist())
        print(torch.add(a.reshape(4, 16), b[:16], alpha=0.3).tolist())
""")

_binary("op_maximum", "[1., 5., 3.]", "[4., 2., 3.]", "torch.maximum(a, b)")
_binary("op_minimum", "[1., 5., 3.]", "[4., 2., 3.]", "torch.minimum(a, b)")
_binary("op_mul_method", "[1., 2.]", "[3., 4.]", "a.mul(b)")
_binary("op_div_function", "[1., 2.]", "[4., 8.]", "torch.div(a, b)")
_binary("op_chain_mixed", "[1., 2.]", "[3., 4.]", "(a + b) * (a - b) / b")
_unary("op_add_scalar_right", "[1., 2.]", "x + 2")
_unary("op_add_scalar_left", "[1., 2.]", "2 + x")
_unary("op_sub_scalar_right", "[1., 2.]", "x - 2")
_unary("op_sub_scalar_left", "[1., 2.]", "2 - x")
_unary("op_mul_scalar_right", "[1., 2.]", "x * 3")
_unary("op_mul_scalar_left", "[1., 2.]", "3 * x")
_unary("op_div_scalar_right", "[1., 2.]", "x / 4")
_unary("op_div_scalar_left", "[1., 2.]", "4 / x")
_unary("op_pow_scalar_right", "[1., 2., 3.]", "x ** 2")
_unary("op_pow_scalar_left", "[1., 2., 3.]", "2 ** x")
_unary("op_pow_fractional", "[1., 4., 9.]", "x ** 0.5")
_unary("op_pow_negative", "[1., 2., 4.]", "x ** -1")
_unary("op_pow_zero_exponent", "[1., 2.]", "x ** 0")
_unary("op_pow_method", "[1., 2., 3.]", "x.pow(3)")
_unary("op_torch_pow", "[1., 2., 3.]", "torch.pow(x, 2)")
_unary("op_add_float_int_scalar", "[1., 2.]", "x + 1 + 0.5")
_unary("op_add_zero_dim_tensor", "[1., 2.]", "x + torch.tensor(3.)")

# ---------------------------------------------------------------- unary math
_unary("op_neg", "[1., -2., 0.]", "-x")
_unary("op_neg_method", "[1., -2.]", "x.neg()")
_unary("op_abs", "[-2., 0., 3.]", "x.abs()")
_unary("op_abs_function", "[-1.5, 2.]", "torch.abs(x)")
_unary("op_exp", "[0., 1., -1.]", "x.exp()")
_unary("op_exp_function", "[0., 0.5]", "torch.exp(x)")
_unary("op_log", "[1., 2., 0.5]", "x.log()")
_unary("op_log_function", "[1., 4.]", "torch.log(x)")
_unary("op_sqrt", "[1., 4., 9.]", "x.sqrt()")
_unary("op_sqrt_function", "[0.25, 16.]", "torch.sqrt(x)")
_unary("op_sin", "[0., 1., 2.]", "x.sin()")
_unary("op_cos", "[0., 1., 2.]", "torch.cos(x)")
_unary("op_tanh", "[-1., 0., 1.]", "x.tanh()")
_unary("op_tanh_function", "[0.5, 2.]", "torch.tanh(x)")
_unary("op_sigmoid", "[-1., 0., 2.]", "x.sigmoid()")
_unary("op_sigmoid_function", "[0., 1.]", "torch.sigmoid(x)")
_unary("op_relu", "[-1., 0., 2.]", "x.relu()")
_unary("op_relu_function", "[-3., 3.]", "torch.relu(x)")
_unary("op_reciprocal", "[1., 2., 4.]", "x.reciprocal()")
_unary("op_square", "[1., -2., 3.]", "x.square()")
_unary("op_clamp_both", "[-2., -1., 0., 1., 2.]", "x.clamp(-1, 1)")
_unary("op_clamp_min_only", "[-2., 0., 2.]", "x.clamp(min=0)")
_unary("op_clamp_max_only", "[-2., 0., 2.]", "torch.clamp(x, max=1.)")
_unary("op_clamp_min_method", "[-2., 3.]", "x.clamp_min(0.5)")
_unary("op_sign", "[-2., 0., 3.]", "x.sign()")
_unary("op_exp_log_chain", "[1.5, 2.5]", "x.exp().log()")
_unary("op_sin_times_x", "[0.5, 1.5]", "x.sin() * x")

# ---------------------------------------------------------------- where
PROGRAMS["op_where_tensors"] = _d("""\
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = torch.tensor([10., 20., 30.], requires_grad=True)
    y = torch.where(a > 1.5, a, b)
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    y.sum().backward()
    print(a.grad, b.grad)
""")

PROGRAMS["op_where_scalar_branch"] = _d("""\
    x = torch.tensor([-1., 2., -3.], requires_grad=True)
    y = torch.where(x > 0, x, 0.)
    print(y)
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["op_where_method_and_condition_only"] = _d("""\
    x = torch.tensor([1., -2., 3.])
    print(x.where(x > 0, torch.tensor(0.)))
    print(torch.where(x > 0))
""")

# ---------------------------------------------------------------- numbers, dtypes, division modes, more math
PROGRAMS["op_numpy_scalars_are_numbers"] = _d("""\
    # A numpy scalar (np.sqrt, np.float32(...)) is taken as a Python number, recorded or not.
    import numpy as np
    x = torch.tensor([1., 2.], requires_grad=True)
    for s in (np.sqrt(2.0), np.float32(0.5), np.int64(3)):
        for y in (x * s, s * x, x / s, s / x, x - s, s - x, x ** s, x.add(s, alpha=np.float64(2))):
            print(y, y.grad_fn.next_functions)
    y = x * np.float32(0.5)
    print(y.grad_fn._saved_other, (x * True).grad_fn._saved_other, (x * np.int64(3)).grad_fn._saved_other)
    print(x * np.bool_(True), np.bool_(False) + x)
    (x * np.sqrt(2.0) / np.float32(4)).sum().backward()
    print(x.grad)
    n = torch.tensor([1, 2])
    print(n * np.float64(2), n + np.int64(1), n / np.int64(2))
    with torch.no_grad():
        print(x * np.float32(3), x.clamp(np.float64(1.5)))
""")

PROGRAMS["op_bool_subtraction_and_negation_refused"] = _d("""\
    m = torch.tensor([True, False])
    x = torch.ones(2)
    for f in (lambda: m - 1, lambda: 1 - m, lambda: x - True, lambda: True - x, lambda: m - m,
              lambda: x.sub(m), lambda: m - x, lambda: torch.rsub(x, True), lambda: m - True,
              lambda: x.clone().sub_(m), lambda: -m, lambda: m.neg()):
        try:
            print(f())
        except RuntimeError as e:
            print(e)
    x -= 1
    print(x + True, m + m, ~m, x)
""")

PROGRAMS["op_integer_casts_leave_the_graph"] = _d("""\
    x = torch.tensor([1.5, -2.5], requires_grad=True)
    for y in (x.long(), x.int(), x.bool(), x.to(torch.int64), x.long().float(), x.argmax(), x.double(), x.float()):
        print(y, y.requires_grad, y.grad_fn is None)
""")

PROGRAMS["op_dtype_arguments_as_python_types_and_legacy_types"] = _d("""\
    x = torch.tensor([1.5, 2.], requires_grad=True)
    print(x.to(float), x.to(dtype=int), x.to(bool), x.type(torch.LongTensor), x.type("torch.IntTensor"))
    print(x.sum(dtype=float), x.mean(dtype=torch.float64))
    y = torch.cumsum(x, 0, dtype=torch.float64)
    print(y, y.grad_fn.next_functions[0][0].name())
    y.sum().backward()
    print(x.grad)
    for bad in (float, "float"):
        try:
            x.type(bad)
        except ValueError as e:
            print(e)
""")

PROGRAMS["op_div_rounding_modes"] = _d("""\
    x = torch.tensor([1.5, -2.5, 7.], requires_grad=True)
    o = torch.tensor([2., 2., -2.], requires_grad=True)
    for mode in ("trunc", "floor"):
        y = torch.div(x, o, rounding_mode=mode)
        print(y, y.grad_fn._saved_rounding_mode, x.div(2, rounding_mode=mode))
        y.sum().backward()
        print(x.grad, o.grad)
        a, b = torch.tensor([5, -5, 7, -7]), torch.tensor([2, 2, -3, -3])
        print(torch.div(a, b, rounding_mode=mode), torch.div(a, 2, rounding_mode=mode), torch.div(a, 2.5, rounding_mode=mode))
    print(torch.div(torch.tensor([5., -3.]), 0., rounding_mode="floor"))
    for bad in ("round", "Trunc"):
        try:
            torch.div(x, 2, rounding_mode=bad)
        except RuntimeError as e:
            print(e)
    try:
        torch.div(torch.tensor([1]), torch.tensor([0]), rounding_mode="trunc")
    except RuntimeError as e:
        print(e)
""")

PROGRAMS["nan_gradients_of_relu_abs_sign_minmax"] = _d("""\
    # Where an input is nan, PyTorch's formulas decide by comparisons that nan fails.
    nan = float('nan')
    for name, f in [("relu", lambda x: x.relu()), ("F.relu", F.relu), ("abs", torch.abs), ("sign", torch.sign),
                    ("minimum", lambda x: torch.minimum(x, torch.tensor([0., 0., nan]))),
                    ("maximum", lambda x: torch.maximum(x, torch.tensor([0., 0., nan]))),
                    ("max", torch.max), ("amax", torch.amax), ("amin", lambda x: x.amin()),
                    ("amax_dim", lambda x: x.amax(0)), ("max_dim", lambda x: x.max(0).values),
                    ("clamp", lambda x: x.clamp(-1, 1)), ("leaky_relu", lambda x: F.leaky_relu(x, 0.1))]:
        x = torch.tensor([nan, -1., 2.], requires_grad=True)
        y = f(x)
        y.sum().backward()
        print(name, y.detach(), x.grad)
    x = torch.tensor([nan, 0., 1.], requires_grad=True)
    (g,) = torch.autograd.grad(x.relu().sum(), x, create_graph=True)
    print(g, torch.sign(torch.tensor([nan, -0., 0., -2.])))
""")

PROGRAMS["op_trig_inverse_hyperbolic"] = _d("""\
    x = torch.tensor([-0.5, 0.25, 0.75], requires_grad=True)
    for f in (torch.sinh, torch.cosh, torch.asin, torch.acos, torch.atan):
        y = f(x)
        (g,) = torch.autograd.grad(y.sum(), x)
        print(y, g)
    print(torch.tensor([2.]).asin(), torch.tensor([1, 2]).atan())
    y = torch.tensor([1., -1.], requires_grad=True)
    a = torch.atan2(y, torch.tensor([-1., 0.]))
    a.sum().backward()
    print(a, y.grad, y.atan2(torch.tensor(2.)))
""")

PROGRAMS["op_hardtanh_relu6_logsigmoid_one_hot"] = _d("""\
    x = torch.tensor([-2., -1., -0.5, 0.5, 1., 7.], requires_grad=True)
    for y in (F.hardtanh(x), F.hardtanh(x, -0.6, 0.6), F.relu6(x * 2), F.logsigmoid(x), nn.Hardtanh(-2, 2)(x), nn.ReLU6()(x), nn.LogSigmoid()(x)):
        (g,) = torch.autograd.grad(y.sum(), x)
        print(y, g)
    y = F.hardtanh(x, -0.6, 0.6)
    print(y.grad_fn._saved_min_val, y.grad_fn._saved_max_val, F.logsigmoid(x).grad_fn._saved_buffer)
    print(nn.Hardtanh(), nn.ReLU6(), nn.Hardtanh(-2, 2), nn.LogSigmoid(), nn.ReLU6(inplace=True))
    print(F.hardtanh(torch.tensor([1, 2])), F.logsigmoid(torch.tensor([-100., 20.])))
    print(F.one_hot(torch.tensor([0, 2, 1])), F.one_hot(torch.tensor([0, 2]), 4), F.one_hot(torch.tensor([[1], [0]])))
    print(F.one_hot(torch.tensor([], dtype=torch.long), 2))
    for f in (lambda: F.one_hot(torch.tensor([0, 3]), 3), lambda: F.one_hot(torch.tensor([0., 1.])),
              lambda: F.one_hot(torch.tensor([-1, 1])), lambda: F.one_hot(torch.tensor([], dtype=torch.long)),
              lambda: F.hardtanh(x, 1., -1.), lambda: nn.Hardtanh(1., -1.)):
        try:
            f()
        except (RuntimeError, ValueError) as e:
            print(type(e).__name__, e)
""")

# ---------------------------------------------------------------- integer powers, small integer dtypes, overloads
PROGRAMS["op_integer_power_negative_exponent"] = WARNINGS_ALWAYS + _d("""\
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
""")

PROGRAMS["op_small_int_dtypes_beside_ints"] = WARNINGS_ALWAYS + _d("""\
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
""")

PROGRAMS["op_reciprocal_and_scalar_division_gradients"] = _d("""\
    x = torch.tensor([1.5, -2.0, 3.0, 0.0], requires_grad=True)
    (x.reciprocal() * torch.tensor([0.25, 0.5, 0.75, 1.0])).sum().backward()
    print([g.item() for g in x.grad])
    x.grad = None
    ((3 / x) * torch.tensor([0.25, 0.5, 0.75, 1.0])).sum().backward()
    print([g.item() for g in x.grad])
    d = torch.tensor(2.5, dtype=torch.float64, requires_grad=True)
    (2.5 / d).backward()
    print(d.grad.item())
""")

PROGRAMS["op_pow_exponent_gradient_promotes_base"] = _d("""\
    a = torch.tensor([1.5, 2.5, 0.0], dtype=torch.float16, requires_grad=True)
    b = torch.tensor([1.5, -2.0, 2.0], requires_grad=True)
    out = a ** b
    print(out.dtype, out.grad_fn.name())
    out.sum().backward()
    print([round(g.item(), 5) for g in b.grad], a.grad)
""")

PROGRAMS["op_clamp_min_max_tensor_bound"] = _d("""\
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
""")

PROGRAMS["op_round_decimals_overload"] = WARNINGS_ALWAYS + _d("""\
    x = torch.tensor([-2.5, 0.5, 1.25, 3.5], requires_grad=True)
    print(x.round().grad_fn.name(), x.round(decimals=0).grad_fn.name(), torch.round(x, decimals=1))
    attempt("long round(decimals=1)", lambda: torch.tensor([1, 2]).round(decimals=1))
    attempt("bool round(decimals=2)", lambda: torch.tensor([True]).round(decimals=2))
    attempt("long round()", lambda: torch.tensor([1, 2]).round())
""")

# ------------------------------------------------------------------ clamp with a tensor and a number
PROGRAMS["op_clamp_tensor_and_number_bounds"] = with_graph("""\
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

PROGRAMS["op_clamp_vector_bound_and_number_error"] = with_graph("""\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    torch.clamp(x, torch.tensor([2., 0., 3.]), 5)
""")

PROGRAMS["op_clamp_grad_tensor_and_number_error"] = with_graph("""\
    x = torch.tensor([1., 5.])
    torch.clamp(x, torch.tensor(2., requires_grad=True), 4)
""")

# ------------------------------------------------------------------ PyTorch's hidden add/sub overloads
PROGRAMS["op_subtract_number_other_and_alpha"] = with_graph("""\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    for y in (torch.subtract(t, 1, 2), t.subtract(1, 2), torch.subtract(t, 1, alpha=2), torch.subtract(t, 1)):
        print(y, y.grad_fn.name(), [f is not None for f, _ in y.grad_fn.next_functions])
    torch.subtract(t, 1, 2).sum().backward()
    print(t.grad)
    attempt("tensor as alpha", lambda: torch.subtract(t, 1, t))
""")

PROGRAMS["op_sub_alpha_first_deprecated"] = with_graph("""\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    y = torch.sub(t, 1, 2)  # alpha=1, other=2: t - 2, with PyTorch's deprecation warning
    print(y, y.grad_fn.name(), y.grad_fn._saved_alpha)
    y = torch.sub(t, 2, t)  # warned once per process: no second warning
    print(y, y.grad_fn._saved_alpha)
    y.sum().backward()
    print(t.grad)
""")

PROGRAMS["op_add_alpha_first_deprecated"] = with_graph("""\
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

PROGRAMS["op_method_add_alpha_first_deprecated"] = with_graph("""\
    t = torch.tensor([1., 2., 3.], requires_grad=True)
    y = t.add(2, t)
    print(y, y.grad_fn.name())
    print(t.sub(2, t))
""")

PROGRAMS["op_method_sub_alpha_first_deprecated"] = with_graph("""\
    t = torch.tensor([1., 2., 3.])
    print(t.sub(2, torch.tensor([1., 1., 1.])))
    attempt("two args", lambda: t.add(t, 2))
""")

PROGRAMS["op_inplace_add_alpha_first_deprecated"] = with_graph("""\
    t = torch.tensor([1., 2., 3.])
    print(t.add_(2, torch.tensor([1., 1., 1.])), t.sub_(3, torch.tensor([1., 1., 1.])))
    t += 1
    print(t)
""")

PROGRAMS["op_number_first_operands"] = with_graph("""\
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

# ------------------------------------------------------------------ 0-d tensors for float / Number arguments
# (torch.normal(mean) is in programs_random.py)
PROGRAMS["op_allclose_full_like_tensor_arguments"] = with_graph("""\
    x = torch.tensor([[1., 2.], [3., 4.]])
    print(torch.allclose(x, x, torch.tensor(1.)), x.allclose(x + 0.5, 0., torch.tensor(1.)))
    print(torch.allclose(x, x + 0.5, 0., torch.tensor(0.1)), torch.isclose(x, x + 0.5, 0., torch.tensor(1.)))
    print(torch.full_like(x, torch.tensor(2.)), torch.full_like(x, torch.tensor(3)))
    attempt("allclose vector", lambda: torch.allclose(x, x, torch.tensor([1.])))
    attempt("allclose grad", lambda: torch.allclose(x, x, torch.tensor(1., requires_grad=True)))
    attempt("full_like grad", lambda: torch.full_like(x, torch.tensor(2., requires_grad=True)))
""")

# ------------------------------------------------------------------ lerp
PROGRAMS["op_lerp_number_and_tensor_weight"] = with_graph("""\
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

# ------------------------------------------------------------------ expm1 digits
PROGRAMS["op_expm1_float32_float64"] = with_graph("""\
    x = torch.tensor([4., 1e-5, -3., 0.5, 10.], requires_grad=True)
    y = x.expm1()
    print(y, y.tolist())
    y.sum().backward()
    print(x.grad)
    print(torch.expm1(torch.tensor(4.)).item(), torch.tensor([1.]).expm1().item())
    print(torch.tensor([4., 1e-5, -3.], dtype=torch.float64).expm1().tolist())
""")

# ------------------------------------------------------------------ out=
PROGRAMS["op_out_add_mul_sub_div"] = _d("""\
    a, b = torch.tensor([1., 2.]), torch.tensor([3., 4.])
    c = torch.empty(2)
    r = torch.add(a, b, out=c)
    print(r, c, r is c, c._version)
    print(torch.add(a, b, alpha=2, out=c), torch.mul(a, b, out=c), torch.mul(a, 3, out=c))
    print(torch.sub(a, b, out=c), torch.div(a, b, out=c), torch.subtract(b, 1, out=c), torch.multiply(a, a, out=c))
    print(torch.divide(a, b, rounding_mode="floor", out=c), torch.true_divide(b, a, out=c))
    view = c.view(2)
    torch.add(a, 1, out=c)
    print(view, c._version)
    e = torch.empty(0)
    print(torch.add(a, b, out=e), e.shape)
    d = torch.empty(2, dtype=torch.float64)
    print(torch.add(a, b, out=d))
    print(torch.add(torch.tensor([1, 2]), torch.tensor([3, 4]), out=torch.empty(2)))
    attempt("float into long", lambda: torch.add(a, b, out=torch.empty(2, dtype=torch.int64)))
    attempt("long into bool", lambda: torch.mul(torch.tensor([1, 2]), 2, out=torch.empty(2, dtype=torch.bool)))
    big = torch.zeros(4)
    print(torch.add(a, b, out=big[:2]), big)
""")

PROGRAMS["op_out_resize_warning"] = WARNINGS_ALWAYS + _d("""\
    a, b = torch.tensor([1., 2.]), torch.tensor([3., 4.])
    c = torch.empty(3)
    print(torch.add(a, b, out=c), c.shape)
    print(torch.mul(a, b, out=torch.empty(1, 2)).shape)
""")

PROGRAMS["op_out_requires_grad_refused"] = _d("""\
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.])
    attempt("add input", lambda: torch.add(a, b, out=torch.empty(2)))
    attempt("add out", lambda: torch.add(b, b, out=torch.empty(2, requires_grad=True)))
    attempt("mul", lambda: torch.mul(b, a, out=torch.empty(2)))
    attempt("sub", lambda: torch.sub(a, 1, out=torch.empty(2)))
    attempt("div", lambda: torch.div(a, 2, out=torch.empty(2)))
    attempt("multiply", lambda: torch.multiply(a, 2, out=torch.empty(2)))
    attempt("subtract", lambda: torch.subtract(a, 2, out=torch.empty(2)))
    with torch.no_grad():
        c = torch.empty(2)
        r = torch.add(a, b, out=c)
        print(r, r.requires_grad, r.grad_fn)
""")

PROGRAMS["op_bitwise_functions"] = _d("""\
    print(torch.bitwise_xor(torch.tensor([1, 2, 3]), torch.tensor([3, 2, 1])), torch.bitwise_xor(torch.tensor([5]), 1))
    print(torch.bitwise_and(torch.tensor([6]), torch.tensor([3])), torch.bitwise_or(torch.tensor([6]), 1))
    print(torch.bitwise_not(torch.tensor([True, False])), torch.bitwise_not(torch.tensor([5, -1])))
    print(torch.bitwise_xor(torch.tensor([True, False]), torch.tensor([True, True])), torch.bitwise_xor(3, torch.tensor([1])))
    attempt("xor float", lambda: torch.bitwise_xor(torch.tensor([1.]), torch.tensor([1.])))
    attempt("xor double", lambda: torch.tensor([1.], dtype=torch.float64) ^ torch.tensor([1]))
    attempt("and float number", lambda: torch.tensor([1]) & 1.5)
    attempt("xor list", lambda: torch.bitwise_xor([1], torch.tensor([1])))
""")
