"""``x ** y`` of float32/float64 tensors for the exponents PyTorch has no shortcut for (4, 5, 1.5,
0.3, tensors, ...): PyTorch's CPU loop computes 16 float32 (8 float64) elements at a time with
SLEEF's pow and the elements left over (a row's last ones, a strided tensor's, a 0-d tensor)
with the C library's pow; the two differ in the last bit for about one element in fifty. Values
are printed exactly (``tolist`` of float32 values, bit patterns as int32) or as the sum of their
bit patterns, so a last-bit difference anywhere fails."""

from textwrap import dedent as _d

# the sum of a float tensor's bit patterns: any last-bit difference changes it
_BITS = """\
def bits(t):
    wide = torch.int32 if t.dtype == torch.float32 else torch.int64
    return t.view(wide).to(torch.int64).sum().item()
"""

PROGRAMS = {
    "sleef_pow_float32_number_exponents": _BITS + _d("""\
        x = torch.linspace(-3.14, 3.14, 2000)
        for n in (4, 5, 7, -3, 10, 4.0, 5.0, -7.0):
            y = x ** n
            print(n, bits(y), y[:3].tolist(), y[1000:1003].tolist())
        for n in (1.5, 2.5, 0.3, -0.7, 3.25, 100.0, -50.5, 0.1):
            y = x.abs() ** n
            print(n, bits(y), y[:3].tolist(), y[-3:].tolist())
        w = torch.tensor([1.2345 * 10.0 ** (k / 7) for k in range(-300, 300)])  # 1e-43 .. 1e42
        for n in (0.3, 1.5, -1.7, 2.2):
            print(n, bits(w ** n), (w ** n)[::75].tolist())
    """),
    "sleef_pow_loop_tails": _BITS + _d("""\
        x = torch.linspace(0.5, 9.5, 100)
        for size in (1, 7, 15, 16, 17, 31, 32, 33, 47, 100):
            print(size, (x[:size] ** 0.3).tolist()[-6:], (x[:size] ** 4).tolist()[-3:])
        print((x[7] ** 0.3).tolist(), (x[7:8] ** 0.3).tolist(), (x[:16] ** 0.3)[7].tolist())
        print(torch.pow(torch.tensor(4.7), 2.5).tolist(), torch.pow(torch.tensor([4.7] * 16), 2.5)[0].tolist())
    """),
    "sleef_pow_layouts": _BITS + _d("""\
        x = torch.linspace(0.5, 9.5, 400).reshape(20, 20)
        for name, v in (("plain", x), ("t", x.t()), ("cols", x[:, 1:]), ("step", x[:, ::2]),
                        ("rows", x[::3]), ("flat step", x.reshape(-1)[::3]), ("expand", x[:1].expand(5, 20))):
            y = v ** 0.3
            print(name, y.shape, y.is_contiguous(), bits(y), bits(v ** 5), bits(v ** -1.5))
        z = torch.linspace(0.5, 9.5, 3 * 5 * 37).reshape(3, 5, 37)
        print(bits(z ** 2.5), bits(z.permute(2, 0, 1) ** 2.5), bits(z[:, :, :32] ** 2.5))
    """),
    "sleef_pow_tensor_exponents": _BITS + _d("""\
        a = torch.linspace(0.1, 6., 400).reshape(20, 20)
        b = torch.linspace(-3., 3., 400).reshape(20, 20)
        print(bits(a ** b), bits(torch.pow(a, b)), bits(a.pow(b)), bits(a.t() ** b), bits(a ** b.t()))
        print(bits(a ** b[0]), bits(a ** b[:, :1]), bits(b[:, :1].abs() ** a), bits(a[0] ** b[:, :1]))
        print(bits(a ** torch.tensor(2.7)), bits(a ** torch.tensor(2.7, dtype=torch.float64)))
        print(bits(2.5 ** b), bits(2.5 ** b.t()), bits(torch.pow(0.7, b)), bits(3 ** b[:, ::2]))
        print((a[0, :5] ** b[0, :5]).tolist(), (2.5 ** b[0, :5]).tolist())
        i = torch.arange(1, 41)
        print(bits(i ** 1.5), bits(i ** torch.linspace(-2., 2., 40)), bits(torch.linspace(0.5, 3., 40) ** i))
        print(bits(torch.linspace(0.1, 3., 40) ** (i % 7)), (1.5 ** i[:20]).dtype, bits(1.5 ** i[:20]))
    """),
    "sleef_pow_specials": _d("""\
        inf, nan = float('inf'), float('nan')
        bases = [0., -0., inf, -inf, nan, 1., -1., 1e-45, -1e-45, 1e-40, 3.4e38, -3.4e38, 0.5, -0.5, 2., -2.]
        exponents = [0., -0., 1., -1., 2., 3., 4., 5., -3., 2.5, -2.5, inf, -inf, nan, 1e10, -1e10,
                     16777217., 3e9, 0.3]
        x = torch.tensor(bases)
        for e in exponents:
            print(e, (x ** e).view(torch.int32).tolist())
        for e in (-1.5, 40.0, -40.0, 150.5):
            print(e, (torch.tensor(bases) ** torch.full((16,), e)).view(torch.int32).tolist())
        print((torch.tensor(bases) ** torch.tensor(bases).flip(0)).view(torch.int32).tolist())
        print(torch.tensor([-8., -0.5, 8.] * 6) ** 1.5)
    """),
    "sleef_pow_float64": _BITS + _d("""\
        x = torch.linspace(-3.14, 3.14, 2000, dtype=torch.float64)
        for n in (4, 5, 7, -3, 1.5, 0.3, -0.7, 100.0):
            y = (x if n == int(n) else x.abs()) ** n
            print(n, bits(y), y[:2].tolist(), y[-2:].tolist())
        for size in (1, 7, 8, 9, 15, 17):
            print(size, (x[:size].abs() ** 0.3).tolist()[-3:])
        a = torch.linspace(0.1, 6., 400, dtype=torch.float64).reshape(20, 20)
        print(bits(a ** a.t()), bits(2.5 ** a), bits(a.t() ** 2.5), bits(a ** torch.tensor(1.3)))
        f = torch.linspace(-3., 3., 100)
        print(bits(torch.float_power(f, 3)), bits(torch.float_power(f.abs(), 2.5)), bits(torch.float_power(f, f)))
        inf, nan = float('inf'), float('nan')
        sp = torch.tensor([0., -0., inf, -inf, nan, 1., -1., 5e-324, 1.7e308, -1.7e308, 0.5, -2., 2., 3., 7., 1e-300],
                          dtype=torch.float64)
        for e in (4., -3., 2.5, inf, -inf, nan, 1e300, 0.):
            print(e, (sp ** e).view(torch.int64).tolist())
    """),
    "sleef_pow_gradients": _BITS + _d("""\
        for n in (4, 5, 2.5, 0.3, -3, 7, 4.5):
            x = torch.linspace(-3.14, 3.14, 2000, requires_grad=True)
            base = x if n == int(n) else x.abs()
            y = base ** n
            y.backward(torch.linspace(-1., 1., 2000))
            print(n, y.grad_fn.name(), bits(y), bits(x.grad), x.grad[995:1000].tolist())
        a = torch.linspace(0.1, 6., 64, requires_grad=True)
        b = torch.linspace(-3., 3., 64, requires_grad=True)
        y = a ** b
        y.sum().backward()
        print(y.grad_fn.name(), bits(a.grad), bits(b.grad))
        c = torch.linspace(-3., 3., 64, requires_grad=True)
        z = 2.5 ** c
        z.sum().backward()
        print(z.grad_fn.name(), bits(c.grad))
        x = torch.linspace(0.5, 3., 48, requires_grad=True)
        g, = torch.autograd.grad((x ** 4.5).sum(), x, create_graph=True)
        g2, = torch.autograd.grad(g.sum(), x)
        print(bits(g), bits(g2))
    """),
    "sleef_pow_dynamic_net_steps": _d("""\
        # the polynomial fit of PyTorch's dynamic_net tutorial, 300 steps, fixed starting weights
        x = torch.linspace(-3.14, 3.14, 2000)
        y = x / (1 + x * x)
        w = [torch.tensor(v, requires_grad=True) for v in (0.1, -0.2, 0.05, 0.01, -0.003)]
        opt = torch.optim.SGD(w, lr=1e-8, momentum=0.9)
        for t in range(300):
            a, b, c, d, e = w
            pred = a + b * x + c * x ** 2 + d * x ** 3
            for n in range(4, 4 + t % 3):
                pred = pred + e * x ** n
            loss = (pred - y).pow(2).sum()
            if t % 50 == 49:
                print(t, loss.item())
            opt.zero_grad()
            loss.backward()
            opt.step()
        print([v.item() for v in w])
    """),
}
