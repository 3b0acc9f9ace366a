"""In-place ops: version counters, grad_fn of a modified non-leaf, views, and what autograd
refuses."""

from textwrap import dedent as _d

PROGRAMS = {}


# ---------------------------------------------------------------- in-place
PROGRAMS["inplace_add_plain_version"] = _d("""\
    t = torch.tensor([1., 2.])
    print(t._version)
    t.add_(1)
    print(t, t._version)
    t += 1
    print(t, t._version)
    t.mul_(2)
    t.sub_(1)
    t.div_(2)
    print(t, t._version)
""")

PROGRAMS["inplace_returns_self"] = _d("""\
    t = torch.tensor([1., 2.])
    r = t.add_(5)
    print(r is t, t)
    u = t
    u *= 2
    print(u is t, t)
""")

PROGRAMS["inplace_on_nonleaf_grad_fn"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    print(y.grad_fn.name(), y._version, y.is_leaf)
    y.add_(1)
    print(y, y._version, y.is_leaf)
    print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["inplace_iadd_nonleaf"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x + 0
    y += 3
    print(y)
    y -= 1
    print(y)
    y *= 2
    print(y)
    y /= 4
    print(y, y._version)
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["inplace_mul_div_nonleaf_grad"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x + 1
    y.mul_(x)
    print(y.grad_fn.name())
    z = x * 1
    z.div_(torch.tensor([2., 4.]))
    print(z.grad_fn.name())
    (y.sum() + z.sum()).backward()
    print(x.grad)
""")

PROGRAMS["inplace_zero_fill"] = _d("""\
    t = torch.tensor([1., 2., 3.])
    t.zero_()
    print(t, t._version)
    t.fill_(7)
    print(t, t._version)
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 3
    y.fill_(2.)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["inplace_zero_on_nonleaf"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x + 1
    y.zero_()
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["inplace_clamp"] = _d("""\
    t = torch.tensor([-2., 0.5, 3.])
    t.clamp_(0, 1)
    print(t, t._version)
    x = torch.tensor([-2., 0.5, 3.], requires_grad=True)
    y = x * 1
    y.clamp_(min=0)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["inplace_copy"] = _d("""\
    t = torch.zeros(3)
    t.copy_(torch.tensor([1., 2., 3.]))
    print(t, t._version)
    t.copy_(torch.tensor(5.))
    print(t)
    i = torch.zeros(2, dtype=torch.int64)
    i.copy_(torch.tensor([1.7, 2.2]))
    print(i)
""")

PROGRAMS["inplace_copy_grad_flows"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    buf = torch.zeros(2)
    buf.copy_(x * 3)
    print(buf, buf.requires_grad, buf.is_leaf, buf.grad_fn.name())
    buf.sum().backward()
    print(x.grad)
""")

PROGRAMS["inplace_on_leaf_under_no_grad"] = _d("""\
    w = torch.tensor([1., 2.], requires_grad=True)
    with torch.no_grad():
        w -= 0.5 * torch.tensor([1., 1.])
    print(w, w.is_leaf, w.grad_fn, w._version)
    with torch.no_grad():
        w.add_(1.)
        w.mul_(2.)
    print(w, w.is_leaf, w._version)
""")

PROGRAMS["inplace_on_view_of_nonleaf"] = _d("""\
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1
    v = y[1:]
    v.mul_(10)
    print(y)
    print(y.grad_fn.name(), v.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["inplace_view_version_shared"] = _d("""\
    a = torch.tensor([1., 2., 3., 4.])
    b = a.view(2, 2)
    b.add_(1)
    print(a._version, b._version)
    a[0] = 0.
    print(a._version, b._version)
""")

PROGRAMS["inplace_on_int_tensor"] = _d("""\
    t = torch.tensor([1, 2, 3])
    t += 1
    t *= 2
    print(t, t.dtype)
    t.fill_(0)
    print(t)
""")

PROGRAMS["inplace_sigmoid_exp_methods"] = _d("""\
    t = torch.tensor([0., 1.])
    t.exp_()
    print(t)
    t.neg_()
    print(t)
    u = torch.tensor([-1., 4.])
    u.abs_().sqrt_()
    print(u)
""")

PROGRAMS["inplace_more_unary_methods"] = _d("""\
    for name in ("tan", "sinh", "cosh", "asin", "acos", "atan", "erf", "expm1", "log1p", "log2", "log10", "rsqrt",
                 "floor", "ceil", "round", "trunc", "sign", "absolute", "negative"):
        x = torch.tensor([0.25, -0.5, 0.75])
        y = getattr(x, name + "_")()
        print(name, y is x, x, x._version)
    x = torch.tensor([0.25, -0.5], requires_grad=True)
    attempt("leaf", lambda: x.tan_())
    z = x * 1
    z.tan_()
    print(z, z.grad_fn.name())
    z.sum().backward()
    print(x.grad)
    w = torch.tensor([4, -3])
    print(w.sign_(), w.negative_(), w.absolute_())
""")
