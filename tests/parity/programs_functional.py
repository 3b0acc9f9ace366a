"""torch.autograd.functional (jacobian, hessian, vjp, jvp, hvp, vhp) and torch.func (grad,
grad_and_value, vjp, jvp, jacrev, jacfwd, hessian, functional_call, vmap): values, output forms
(tensors vs tuples, shapes), create_graph and strict, and the errors for wrong inputs."""

from textwrap import dedent as _d

PROGRAMS = {}

# torch.func.jvp and jacfwd run forward mode; in PyTorch the first dual tensor of a process
# loads its jvp decompositions, whose import warns from inside torch (hidden by a script's
# default filters): programs using them start with one make_dual whose warnings are dropped.
_WARM_UP = _d("""\
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with torch.autograd.forward_ad.dual_level():
            torch.autograd.forward_ad.make_dual(torch.zeros(1), torch.zeros(1))
""")

PROGRAMS["afn_jacobian_forms"] = _d("""\
    AF = torch.autograd.functional
    x = torch.tensor([1., 2., 3.])
    f = lambda x: x ** 2 * x.sin()
    print(AF.jacobian(f, x))
    print(AF.jacobian(lambda a, b: (a * b, (a + b).sum()), (x, x * 2)))
    print(AF.jacobian(lambda a, b: a * b, (x, x * 2)))
    print(AF.jacobian(lambda a: (a.exp(), a.sum()), x))
    print(AF.jacobian(lambda a: a @ a.t(), torch.tensor([[1., 2.], [3., 4.]])).shape)
    print(AF.jacobian(lambda x: torch.ones(2), x))
    j = AF.jacobian(f, x, create_graph=True)
    print(j.requires_grad, AF.jacobian(f, x).requires_grad)
    print(AF.jacobian(f, x, vectorize=True))
    print(AF.jacobian(lambda a: a.sum(), torch.tensor(2.)))
""")

PROGRAMS["afn_hessian_vjp_jvp_hvp_vhp"] = _d("""\
    AF = torch.autograd.functional
    x = torch.tensor([1., 2., 3.])
    f = lambda x: x ** 2 * x.sin()
    g = lambda x: (x ** 3).sum() + x.prod()
    print(AF.hessian(g, x))
    print(AF.hessian(lambda a, b: (a * b ** 2).sum(), (x, x * 2)))
    print(AF.vjp(f, x, torch.ones(3)))
    print(AF.vjp(g, x))
    print(AF.vjp(lambda a, b: (a * b, a.sum()), (x, x), (torch.ones(3), torch.tensor(2.))))
    print(AF.jvp(f, x, torch.ones(3)))
    print(AF.jvp(lambda a, b: a * b, (x, x * 2), (torch.ones(3), torch.zeros(3))))
    print(AF.jvp(lambda a: a * 3, torch.tensor([2.])))
    print(AF.hvp(g, x, torch.ones(3)))
    print(AF.vhp(g, x, torch.ones(3)))
    print(AF.hvp(lambda a, b: (a * b ** 2).sum(), (x, x), (torch.ones(3), torch.ones(3))))
    out, v = AF.vjp(f, x, torch.ones(3), create_graph=True)
    print(out.requires_grad, v.requires_grad)
""")

PROGRAMS["afn_strict_and_errors"] = _d("""\
    AF = torch.autograd.functional
    x = torch.tensor([1., 2., 3.])
    f = lambda x: x ** 2
    attempt("list input", lambda: AF.jacobian(f, [x]))
    attempt("tuple with a number", lambda: AF.jacobian(lambda a, b: a, (x, 2.)))
    attempt("number output", lambda: AF.jacobian(lambda x: 3, x))
    attempt("tuple with a number out", lambda: AF.vjp(lambda x: (x, 3), x, (x, x)))
    attempt("vjp no v", lambda: AF.vjp(f, x))
    attempt("vjp bad v", lambda: AF.vjp(f, x, torch.ones(2)))
    attempt("vjp bad v tuple", lambda: AF.vjp(lambda a: (a, a), x, (x, torch.ones(2))))
    attempt("vjp v length", lambda: AF.vjp(lambda a: (a, a), x, (x,)))
    attempt("vjp v two", lambda: AF.vjp(f, x, (x, x)))
    attempt("jvp no v", lambda: AF.jvp(f, x))
    attempt("jvp v length", lambda: AF.jvp(f, (x,), (torch.ones(3), torch.ones(3))))
    attempt("strict constant", lambda: AF.jacobian(lambda x: torch.ones(2), x, strict=True))
    attempt("strict independent", lambda: AF.jacobian(lambda a, b: a * 2, (x, x), strict=True))
    attempt("strict vectorize", lambda: AF.jacobian(f, x, strict=True, vectorize=True))
    attempt("strict vjp", lambda: AF.vjp(lambda a, b: a * 2, (x, x), torch.ones(3), strict=True))
    attempt("not strict vjp", lambda: AF.vjp(lambda a, b: a * 2, (x, x), torch.ones(3)))
    attempt("hessian many outputs", lambda: AF.hessian(f, x))
    attempt("hessian tuple output", lambda: AF.hessian(lambda a: (a.sum(), a.sum()), x))
    attempt("hvp many outputs", lambda: AF.hvp(f, x, x))
    attempt("vhp tuple", lambda: AF.vhp(lambda a: (a.sum(),), x, x))
    attempt("forward-mode no vectorize", lambda: AF.jacobian(f, x, strategy="forward-mode"))
    attempt("bad strategy", lambda: AF.jacobian(f, x, strategy="sideways"))
""")

PROGRAMS["func_grad_vjp_jacrev"] = _WARM_UP + _d("""\
    from torch.func import grad, grad_and_value, vjp, jacrev, hessian
    x = torch.tensor([1., 2., 3.])
    f = lambda x: (x.sin() * x).sum()
    print(grad(f)(x))
    print(grad_and_value(f)(x))
    print(grad(lambda x, y: (x * y ** 2).sum(), argnums=(0, 1))(x, x + 1))
    print(grad(lambda x, y: (x * y ** 2).sum(), argnums=1)(x, x + 1))
    print(grad(lambda x: ((x ** 2).sum(), x.mean()), has_aux=True)(x))
    print(grad(grad(lambda x: x ** 3))(torch.tensor(2.)))
    print(grad(lambda x: x.sum().long())(x))
    out, fn = vjp(lambda a, b: a.exp() * b, x, x * 2)
    print(out, fn(torch.ones(3)))
    print(fn(torch.tensor([1., 0., 0.])))
    print(jacrev(lambda x: x.sin() * x)(x))
    print(jacrev(lambda a, b: (a.exp() * b, (a * b).sum()), argnums=(0, 1))(x, x * 2))
    print(jacrev(jacrev(lambda x: x ** 3))(x))
    h = hessian(lambda a, b: (a * b ** 2).sum(), argnums=1)(x, x + 1)
    print(h)
    params = {"w": torch.tensor([1., -1.]), "b": torch.tensor(0.5)}
    print(grad(lambda p, x: ((p["w"] * x).sum() + p["b"]) ** 2)(params, torch.tensor([2., 1.])))
""")

PROGRAMS["func_jvp_jacfwd"] = _WARM_UP + _d("""\
    from torch.func import jvp, jacfwd, jacrev
    x = torch.tensor([1., 2., 3.])
    f = lambda x: (x.sin() * x).sum()
    print(jvp(f, (x,), (torch.ones(3),)))
    print(jvp(lambda a, b: (a.exp() * b, (a * b).sum()), (x, x * 2), (torch.ones(3), torch.zeros(3))))
    print(jvp(lambda a: (a * 2, a.sum()), (x,), (x,), has_aux=True))
    print(jacfwd(lambda x: x.sin() * x)(x))
    print(jacfwd(lambda a, b: (a.exp() * b, (a * b).sum()), argnums=(0, 1))(x, x * 2))
    print(jacfwd(lambda x: x.sum())(x))
    print(jacfwd(lambda m: m @ m)(torch.tensor([[1., 2.], [3., 4.]])))
    print(torch.allclose(jacfwd(torch.tanh)(x), jacrev(torch.tanh)(x)))
    from torch.func import grad
    print(jvp(grad(lambda a: (a.sin() * a).sum()), (x,), (torch.tensor([1., 0.5, 2.]),)))
    print(jacfwd(jacrev(lambda a: a.exp() * a.sum()))(x))
""")

PROGRAMS["func_errors"] = _WARM_UP + _d("""\
    from torch.func import grad, vjp, jvp, jacrev
    x = torch.tensor([1., 2., 3.])
    f = lambda x: (x.sin() * x).sum()
    attempt("grad of a vector", lambda: grad(lambda x: x * 2)(x))
    attempt("argnum out of range", lambda: grad(lambda x, y: (x * y).sum(), argnums=2)(x, x))
    attempt("list of floats", lambda: grad(lambda x: x.sum())([1.]))
    attempt("has_aux not a pair", lambda: grad(f, has_aux=True)(x))
    attempt("jvp primals not a tuple", lambda: jvp(f, x, x))
    attempt("jvp tangent size", lambda: jvp(f, (x,), (x[:2],)))
    attempt("jvp list tangents", lambda: jvp(f, (x,), [x]))
    attempt("vjp cotangent shape", lambda: vjp(f, x)[1](torch.ones(2)))
""")

PROGRAMS["func_functional_call"] = _d("""\
    from torch.func import functional_call, grad
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1))
    x = torch.tensor([0.5, -1.0, 2.0])
    params = {k: v.detach() * 0.5 for k, v in net.named_parameters()}
    print(functional_call(net, params, (x,)))
    print(net(x))
    print(functional_call(net, params, x))
    g = grad(lambda p: functional_call(net, p, (x,)).sum())(params)
    print(g)
    print(net[0].weight.grad)
    layer = nn.Linear(3, 1)
    attempt("strict extra and missing", lambda: functional_call(layer, {"weight": torch.ones(1, 3), "foo": torch.zeros(1)}, x, strict=True))
    attempt("strict missing", lambda: functional_call(layer, {"weight": torch.ones(1, 3)}, x, strict=True))
    print(functional_call(layer, {"weight": torch.ones(1, 3), "bias": torch.zeros(1)}, x))
    print(functional_call(layer, ({"weight": torch.ones(1, 3)}, {"bias": torch.ones(1)}), (x,)))
    bn = nn.BatchNorm1d(2)
    bn.eval()
    print(functional_call(bn, {"running_mean": torch.tensor([1., 2.])}, (torch.tensor([[1., 2.], [3., 4.]]),)))
    print(bn.running_mean)
    tied = nn.Sequential(nn.Linear(2, 2, bias=False), nn.Linear(2, 2, bias=False))
    tied[1].weight = tied[0].weight
    print(functional_call(tied, {"0.weight": torch.eye(2) * 2}, (torch.tensor([1., 1.]),)))
    print(functional_call(tied, {"0.weight": torch.eye(2) * 2}, (torch.tensor([1., 1.]),), tie_weights=False).shape)
""")

PROGRAMS["func_vmap_loops"] = _d("""\
    from torch.func import vmap, grad, jacrev
    x = torch.tensor([1., 2., 3.])
    print(vmap(lambda a: a.sum())(torch.ones(2, 3)))
    print(vmap(lambda a, b: a * b, in_dims=(0, None))(torch.arange(6.).reshape(2, 3), x))
    print(vmap(lambda a: a * 2, in_dims=1)(torch.arange(6.).reshape(2, 3)))
    print(vmap(lambda a: (a, a * 2), out_dims=(0, 1))(torch.ones(2, 3)))
    print(vmap(lambda row: grad(lambda p: (p * row).sum() ** 2)(x))(torch.ones(2, 3)))
    print(vmap(jacrev(torch.sin))(torch.tensor([[0., 1.], [2., 3.]])))
    attempt("in_dim too large", lambda: vmap(lambda a: a, in_dims=1)(torch.ones(2)))
    attempt("sizes differ", lambda: vmap(lambda a, b: a + b)(torch.ones(2), torch.ones(3)))
""")

# Third-order reverse mode through indexing: hvp differentiates x[0]'s backward (a scatter) once
# more, which picks a single entry again (a 0-d result).
PROGRAMS["afn_hvp_through_indexing"] = _d("""\
    AF = torch.autograd.functional
    x = torch.tensor([1., 2., 3.])
    v = torch.tensor([1., 0., 0.])
    print(AF.hvp(lambda x: x[0] * x[1], x, v))
    print(AF.hvp(lambda x: (x ** 3).sum() + x[0] * x[1], x, v))
    print(AF.hessian(lambda x: x[0] * x[1] * x[2], x))
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    g, = torch.autograd.grad(x[1] ** 3, x, create_graph=True)
    h, = torch.autograd.grad(g[1], x, create_graph=True)
    t, = torch.autograd.grad(h[1], x)
    print(g, h, t)
""")
