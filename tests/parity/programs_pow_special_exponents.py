"""``x ** 0.5``, ``** -0.5``, ``** 2``, ``** 3``, ``** -1``, ``** -2`` of float32/float64 tensors: PyTorch's
pow kernel computes these as sqrt, rsqrt, x*x, x*x*x, reciprocal and 1/(x*x), not with pow(), so
``(-inf) ** 0.5`` is nan (pow() says inf) and ``(-0.) ** -0.5`` is -inf, whatever numpy's version.
Their gradients go through the same powers."""

from textwrap import dedent as _d

_SPECIALS = "[-float('inf'), -4., -2.5, -0., 0., float('nan'), 2.25, 4., float('inf')]"

PROGRAMS = {
    "pow_half_specials": _d(f"""\
        for dtype in (torch.float32, torch.float64):
            x = torch.tensor({_SPECIALS}, dtype=dtype)
            print(x ** 0.5)
            print(torch.pow(x, 0.5).tolist(), x.pow(0.5).tolist())
            print(torch.tensor([-float('inf'), -4.]) ** 0.5)
    """),
    "pow_minus_half_specials": _d(f"""\
        for dtype in (torch.float32, torch.float64):
            x = torch.tensor({_SPECIALS}, dtype=dtype)
            print(x ** -0.5)
            print((x ** -0.5).tolist())
    """),
    "pow_small_integer_exponents_specials": _d(f"""\
        for dtype in (torch.float32, torch.float64):
            x = torch.tensor({_SPECIALS}, dtype=dtype)
            for n in (2, 3, -1, -2, 2.0, 3.0, -1.0, -2.0):
                print(n, (x ** n).tolist())
    """),
    "pow_small_integer_exponents_last_bits": _d("""\
        for dtype in (torch.float32, torch.float64):
            x = torch.tensor([1.1, -3.7, 1e-20, -2.2e-8, 3e12, 0.3, 7.77, -123.456, 1e25, 5e-15], dtype=dtype)
            for n in (-0.5, 2, 3, -1, -2):
                print(n, (x.abs() if n == -0.5 else x).pow(n).tolist())
    """),
    "pow_half_gradients": _d(f"""\
        for dtype in (torch.float32, torch.float64):
            for n in (0.5, -0.5, 2, 3, -1, -2):
                x = torch.tensor([-4., -0., 0., 0.3, 2.25, 7.77, float('inf')], dtype=dtype, requires_grad=True)
                y = x ** n
                y.sum().backward()
                print(n, y.grad_fn.name(), x.grad.tolist())
        x = torch.tensor([4., 9.], requires_grad=True)
        (x ** 0.5).sum().backward()
        print(x.grad)
    """),
    "pow_half_integer_and_half_precision": _d(f"""\
        print(torch.tensor([4, 9, -4]) ** 0.5, torch.tensor([4, 9, -4]) ** -0.5)
        print(torch.tensor({_SPECIALS}, dtype=torch.float16) ** 0.5)
        print(torch.tensor({_SPECIALS}, dtype=torch.float16) ** -0.5)
        print(torch.tensor({_SPECIALS}, dtype=torch.float16) ** 3)
    """),
}
