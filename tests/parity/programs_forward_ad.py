"""Forward-mode AD (torch.autograd.forward_ad): dual levels, make_dual/unpack_dual, tangents
through pointwise ops, reductions, views, indexing, matmul, softmax, activations, losses and
in-place ops; how a dual tensor prints; custom Functions with jvp; the errors of misuse."""

from textwrap import dedent as _d

PROGRAMS = {}

# PyTorch loads its jvp decompositions on the first make_dual of a process, and that import warns
# (DeprecationWarnings from inside torch, which a script's default filters hide): every program
# starts with one make_dual whose warnings are dropped, so the goldens hold only the program's own.
_WARM_UP = _d("""\
    import warnings
    fwAD = torch.autograd.forward_ad
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fwAD.dual_level():
            fwAD.make_dual(torch.zeros(1), torch.zeros(1))
""")

PROGRAMS["fwad_make_dual_print_and_unpack"] = _WARM_UP + _d("""\
    fwAD = torch.autograd.forward_ad
    x = torch.tensor([1., 2., 3.])
    v = torch.tensor([0.1, 0.2, 0.3])
    with fwAD.dual_level() as level:
        print(level)
        d = fwAD.make_dual(x, v)
        print(d)
        print(d._base is x, d.is_leaf, d.requires_grad)
        u = fwAD.unpack_dual(d)
        print(type(u).__name__, u._fields)
        print(u)
        print(u.primal, u.tangent)
        print(fwAD.unpack_dual(x))
        print(d.sum(), d.mean())
        print(d * 2)
    print(d)
    print(fwAD.unpack_dual(d))
""")

PROGRAMS["fwad_printing_shapes_and_dtypes"] = _WARM_UP + _d("""\
    fwAD = torch.autograd.forward_ad
    with fwAD.dual_level():
        print(fwAD.make_dual(torch.tensor(2.), torch.tensor(1 / 3)))
        print(fwAD.make_dual(torch.tensor(2., dtype=torch.float64), torch.tensor(1 / 3, dtype=torch.float64)))
        print(fwAD.make_dual(torch.tensor([2.]), torch.tensor([1 / 3])))
        m = torch.arange(12.).reshape(3, 4) / 7
        print(fwAD.make_dual(m.double(), torch.ones(3, 4, dtype=torch.float64) * 1e-3))
        print(fwAD.make_dual(torch.tensor([[1e6, 2.], [3, 4]]), torch.tensor([[1., 2.], [3, 4]])))
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        d = fwAD.make_dual(x, torch.tensor([0.1, 0.2, 0.3]))
        print(d)
        print(fwAD.make_dual(torch.tensor([1., 2.], requires_grad=True), torch.tensor([1., 0.])))
        print((d * d).sum())
        print(fwAD.unpack_dual((d * d).sum()).tangent)
        print(fwAD.unpack_dual(d * 2).primal)
""")

PROGRAMS["fwad_pointwise_tangents"] = _WARM_UP + _d("""\
    torch.set_printoptions(precision=5)
    fwAD = torch.autograd.forward_ad
    x = torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64)
    v = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
    y = torch.tensor([1.5, -0.5, 3.0], dtype=torch.float64)
    with fwAD.dual_level():
        d = fwAD.make_dual(x, v)
        for name, f in [("add", lambda a: a + y + 2), ("sub", lambda a: 1 - a - y), ("mul", lambda a: a * y * 3),
                        ("div", lambda a: a / y + 1 / a), ("pow", lambda a: a ** 3 + a ** 0.5 + 2 ** a),
                        ("pow_tensor", lambda a: a ** y), ("exp", torch.exp), ("log", torch.log), ("sqrt", torch.sqrt),
                        ("sin", torch.sin), ("cos", torch.cos), ("tanh", torch.tanh), ("sigmoid", torch.sigmoid),
                        ("relu", lambda a: torch.relu(a - 1)), ("abs", lambda a: (a - 1).abs()),
                        ("atan2", lambda a: torch.atan2(a, y)), ("clamp", lambda a: a.clamp(0.8, 1.5)),
                        ("maximum", lambda a: torch.maximum(a, y)), ("where", lambda a: torch.where(a > 1, a, y)),
                        ("rounding", lambda a: a.floor() + a.round()), ("erf", torch.erf), ("log1p", torch.log1p)]:
            print(name, fwAD.unpack_dual(f(d)).tangent)
""")

PROGRAMS["fwad_reductions_views_indexing"] = _WARM_UP + _d("""\
    torch.set_printoptions(precision=5)
    fwAD = torch.autograd.forward_ad
    x = torch.tensor([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=torch.float64)
    v = torch.tensor([[0.1, 0.2, 0.3], [-1.0, 0.5, 2.0]], dtype=torch.float64)
    with fwAD.dual_level():
        d = fwAD.make_dual(x, v)
        for name, f in [("sum", lambda a: a.sum()), ("sum_dim", lambda a: a.sum(1)), ("mean", lambda a: a.mean(0)),
                        ("prod", lambda a: a.prod(1)), ("max", lambda a: a.max()), ("max_dim", lambda a: a.max(1).values),
                        ("amax", lambda a: a.amax(0)), ("var", lambda a: a.var(1)), ("std", lambda a: a.std()),
                        ("norm", lambda a: a.norm()), ("logsumexp", lambda a: a.logsumexp(1)),
                        ("cumsum", lambda a: a.cumsum(1)), ("view", lambda a: a.view(3, 2)), ("t", lambda a: a.t()),
                        ("permute_flatten", lambda a: a.unsqueeze(0).permute(2, 1, 0).flatten()),
                        ("expand", lambda a: a[:, :1].expand(2, 3)), ("cat", lambda a: torch.cat([a, x])),
                        ("stack", lambda a: torch.stack([a, x])[0]), ("split", lambda a: a.split(2, 1)[1]),
                        ("index", lambda a: a[1]), ("slice", lambda a: a[:, 1:]), ("fancy", lambda a: a[[1, 0], [2, 2]]),
                        ("mask", lambda a: a[a > 0]), ("gather", lambda a: a.gather(1, torch.tensor([[2], [0]]))),
                        ("sort", lambda a: a.sort(1).values), ("topk", lambda a: a.topk(2).values),
                        ("tril", lambda a: torch.tril(a)), ("masked_fill", lambda a: a.masked_fill(a < 0, 0.))]:
            out = f(d)
            print(name, fwAD.unpack_dual(out).tangent)
        print(d.max(1))
        print(d.argmax(), d > 1)
""")

PROGRAMS["fwad_linear_algebra_softmax_activations"] = _WARM_UP + _d("""\
    torch.set_printoptions(precision=5)
    fwAD = torch.autograd.forward_ad
    x = torch.tensor([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=torch.float64)
    v = torch.tensor([[0.1, 0.2, 0.3], [-1.0, 0.5, 2.0]], dtype=torch.float64)
    w = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], dtype=torch.float64)
    b = torch.tensor([0.1, -0.2], dtype=torch.float64)
    with fwAD.dual_level():
        d = fwAD.make_dual(x, v)
        for name, f in [("matmul", lambda a: a @ w.t()), ("mm", lambda a: torch.mm(w.t(), a)),
                        ("mv", lambda a: torch.mv(a, w[0])), ("dot", lambda a: torch.dot(a[0], a[1])),
                        ("bmm", lambda a: torch.bmm(a[None], w.t()[None])), ("linear", lambda a: F.linear(a, w, b)),
                        ("softmax", lambda a: F.softmax(a, dim=1)), ("log_softmax", lambda a: F.log_softmax(a, dim=0)),
                        ("gelu", F.gelu), ("silu", F.silu), ("elu", F.elu), ("leaky_relu", lambda a: F.leaky_relu(a, 0.1)),
                        ("softplus", F.softplus), ("hardtanh", F.hardtanh), ("logsigmoid", F.logsigmoid),
                        ("layer_norm", lambda a: F.layer_norm(a, (3,))),
                        ("mse", lambda a: F.mse_loss(a, w)), ("cross_entropy", lambda a: F.cross_entropy(a, torch.tensor([2, 0]))),
                        ("bce_logits", lambda a: F.binary_cross_entropy_with_logits(a, torch.sigmoid(w)))]:
            print(name, fwAD.unpack_dual(f(d)).tangent)
""")

PROGRAMS["fwad_module_and_jacobian_columns"] = _WARM_UP + _d("""\
    torch.set_printoptions(precision=4)
    fwAD = torch.autograd.forward_ad
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    x = torch.tensor([0.5, -1.0, 2.0])
    columns = []
    with fwAD.dual_level():
        for i in range(3):
            out = model(fwAD.make_dual(x, torch.eye(3)[i]))
            columns.append(fwAD.unpack_dual(out).tangent.detach())
    J = torch.stack(columns, dim=1)
    print(J)
    print(torch.autograd.functional.jacobian(model, x))
""")

PROGRAMS["fwad_with_requires_grad_forward_over_reverse"] = _WARM_UP + _d("""\
    fwAD = torch.autograd.forward_ad
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(x, torch.tensor([1., 0., 0.]))
        y = (d ** 3).sum()
        print(y)
        g, = torch.autograd.grad(y, d, create_graph=True)
        print(fwAD.unpack_dual(g).tangent)
        t = fwAD.unpack_dual(y).tangent
        t.backward()
        print(x.grad)
""")

PROGRAMS["fwad_inplace_and_setitem"] = _WARM_UP + _d("""\
    fwAD = torch.autograd.forward_ad
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([1., 2., 3.]), torch.tensor([1., 1., 1.]))
        w = torch.zeros(3)
        w.add_(d)
        print(w)
        e = d.clone()
        e.mul_(3)
        print(e)
        e.sin_()
        print(e)
        z = torch.zeros(4)
        z[1:] = d
        print(z)
        z[0] = 5.
        print(z)
        e = d.clone()
        e[:2].mul_(2)
        print(e)
        print(d.detach())
""")

PROGRAMS["fwad_custom_function_jvp"] = _WARM_UP + _d("""\
    fwAD = torch.autograd.forward_ad

    class MulK(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, y, k):
            ctx.save_for_forward(x, y)
            ctx.k = k
            return x * y * k

        @staticmethod
        def backward(ctx, g):
            return None, None, None

        @staticmethod
        def jvp(ctx, tx, ty, tk):
            x, y = ctx.saved_tensors
            print("tangents", tx, ty, tk)
            return (tx * y + x * ty) * ctx.k

    class NoJvp(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([1., 2.]), torch.tensor([1., 0.]))
        print(MulK.apply(d, torch.tensor([3., 4.]), 2.0))
        print(MulK.apply(torch.tensor([3., 4.]), torch.tensor([3., 4.]), 1.0))
        print(NoJvp.apply(torch.tensor([1.])))
        attempt("no jvp", lambda: NoJvp.apply(d))
""")

PROGRAMS["fwad_errors"] = _WARM_UP + _d("""\
    fwAD = torch.autograd.forward_ad
    x = torch.tensor([1., 2., 3.])
    attempt("no level", lambda: fwAD.make_dual(x, x))
    attempt("exit without level", lambda: fwAD.exit_dual_level())
    with fwAD.dual_level():
        attempt("nested", lambda: fwAD.enter_dual_level())
        attempt("size", lambda: fwAD.make_dual(x, torch.ones(2)))
        attempt("int primal", lambda: fwAD.make_dual(torch.tensor([1, 2]), torch.tensor([1., 2.])))
        attempt("int tangent", lambda: fwAD.make_dual(x, torch.tensor([1, 2, 3])))
        attempt("bad level", lambda: fwAD.make_dual(x, x, level=5))
        d = fwAD.make_dual(x, x)
        attempt("dual of dual", lambda: fwAD.make_dual(d, x))
        attempt("floor_divide", lambda: torch.floor_divide(d, 2))
        attempt("rremainder", lambda: 2 % d)
        attempt("exit other level", lambda: fwAD.exit_dual_level(level=3))
    print(fwAD.enter_dual_level())
    fwAD.exit_dual_level()
""")

# An input without a tangent: PyTorch leaves its term out of a formula rather than adding zeros
# (its "efficient zero tensor"), which shows in the sign of a zero tangent.
PROGRAMS["fwad_absent_tangent_keeps_signed_zeros"] = _WARM_UP + _d("""\
    fwAD = torch.autograd.forward_ad
    T = torch.tensor
    tangent = lambda x: fwAD.unpack_dual(x).tangent
    with fwAD.dual_level():
        for tz in (0., -0.):
            d = fwAD.make_dual(T([2.]), T([tz]))
            b, zero = T([-1.]), T([0.])
            print(tz, tangent(d * b), tangent(b * d), tangent(d * -1), tangent(d * zero), tangent(d * 3))
            print(tz, tangent(d + b), tangent(b + d), tangent(d - b), tangent(b - d), tangent(d + 1), tangent(1 - d))
            print(tz, tangent(torch.add(b, d, alpha=-1)), tangent(torch.sub(b, d, alpha=2)), tangent(torch.rsub(d, b)))
            print(tz, tangent(d / b), tangent(b / d), tangent(3 / d), tangent(torch.atan2(d, b)), tangent(torch.atan2(b, d)))
            print(tz, tangent(d ** b), tangent(b.abs() ** d), tangent(torch.addcmul(b, d, b)), tangent(torch.addcdiv(d, b, b)))
            print(tz, tangent(torch.where(T([True]), d, b)), tangent(torch.where(T([False]), d, b)), tangent(torch.where(T([True]), d, 5.)))
            print(tz, tangent(torch.maximum(d, b)), tangent(torch.minimum(b, d)), tangent(torch.clamp(d, min=b)))
            print(tz, tangent(torch.lerp(d, b, 0.5)), tangent(torch.lerp(b, d, 0.5)), tangent(torch.lerp(b, b, d)))
            print(tz, tangent(torch.cat([d, b])), tangent(torch.stack([b, d])).flatten(), tangent(b.clone().mul_(d)))
            m = d.reshape(1, 1)
            print(tz, tangent(m @ b.reshape(1, 1)), tangent(torch.addmm(m, T([[1.]]), T([[1.]]))))
            print(tz, tangent(torch.linalg.cross(fwAD.make_dual(T([1., 2., 3.]), T([tz, tz, tz])), T([1., 1., 1.]))))
        print(tangent(b * b), tangent(d * d))
""")

PROGRAMS["fwad_absent_tangent_in_second_derivatives"] = _WARM_UP + _d("""\
    from torch.func import grad, hessian, jvp
    x = torch.tensor([1., -2., 0.5])
    functions = {
        "sin": lambda x: x.sin().sum(),
        "cos": lambda x: x.cos().sum(),
        "neg_square": lambda x: -(x * x).sum(),
        "cube": lambda x: (x ** 3).sum(),
        "reciprocal": lambda x: (1 / x).sum(),
        "xy": lambda x: x[0] * x[1],
        "tanh": lambda x: x.tanh().sum(),
        "sigmoid": lambda x: torch.sigmoid(x).sum(),
    }
    for name, f in functions.items():
        print(name, hessian(f)(x))
        print(name, jvp(grad(f), (x,), (torch.tensor([1., 0., 0.]),))[1])
        print(name, jvp(grad(f), (x,), (torch.tensor([0., -1., 0.]),))[1])
    print(torch.autograd.functional.hvp(functions["sin"], x, torch.tensor([1., 0., 0.]))[1])
""")
