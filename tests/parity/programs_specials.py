"""inf, nan and overflow: PyTorch computes them without a warning (numpy would warn), and refuses
a number that a tensor's dtype cannot hold when it writes that number into the tensor
(fill_, full, t[i] = v, masked_fill, clamp bounds, where)."""

from textwrap import dedent as _d

PROGRAMS = {}

_INF_NAN = """\
inf, nan = float("inf"), float("nan")
"""


def _program(name, body):
    PROGRAMS[name] = _INF_NAN + "\n" + _d(body)


_program("special_arithmetic_is_silent", """\
    a = torch.tensor([0., inf, -inf, nan, 3e38, -3e38, 1e-45, 1.])
    b = torch.tensor([inf, 0., inf, 2., 3e38, 3e38, 1e-45, 0.])
    print(a + b, a - b, a * b, a / b, sep="\\n")
    print(a + inf, a - inf, a * 10, a * inf, 1 - a, 1 / a, sep="\\n")
    print(a ** 2, a ** b, 2 ** a, a ** 0.5, sep="\\n")
    print(torch.tensor([0.]) ** -1.0, torch.tensor([-8.]) ** (1 / 3))
    a.clone().add_(b), a.clone().mul_(b), a.clone().sub_(b), a.clone().div_(b)
""")

_program("special_functions_are_silent", """\
    a = torch.tensor([0., inf, -inf, nan, 3e38, -3e38, 1e-45, 1.])
    b = torch.tensor([inf, 0., inf, 2., 3e38, 3e38, 1e-45, 0.])
    print(a.exp(), a.log(), a.sqrt(), a.sin(), a.cos(), a.tanh(), a.sigmoid(), sep="\\n")
    # (log1p of the subnormal 1e-45 is 0 in PyTorch's kernel and 1e-45 in numpy's: left out)
    print(a.reciprocal(), a.expm1(), a[:6].log1p(), a.sinh(), a.cosh(), torch.atan2(a, b), sep="\\n")
    print(torch.lerp(a, b, 0.5), a.fmod(b), a % b, a // b, sep="\\n")
    c, d = torch.tensor([-3., 3., -0., 0., 6., -6.]), torch.tensor([3., -3., 2., -2., -3., 3.])
    print(c % d, c % 3, -6. % d, torch.remainder(c, -3), c.fmod(d), sep="\\n")
    print(torch.allclose(a, b), torch.isclose(a, b))
    print(a.long(), a.int(), a.half(), torch.tensor([nan]).long(), sep="\\n")
""")

_program("special_reductions_and_products_are_silent", """\
    a = torch.tensor([0., inf, -inf, nan, 3e38, -3e38, 1e-45, 1.])
    b = torch.tensor([inf, 0., inf, 2., 3e38, 3e38, 1e-45, 0.])
    big = torch.full((10,), 3e38)
    print(a.sum(), a.mean(), a.prod(), a.norm(), a.norm(p=1), a.max(), a.cumsum(0), a.cumprod(0), sep="\\n")
    print(big.sum(), big.mean(), big.norm(), big.var(), torch.full((2, 10), 3e38).sum(1), sep="\\n")
    print(a.softmax(0), a.log_softmax(0), a.logsumexp(0), torch.tensor([inf, inf]).softmax(0), sep="\\n")
    print(a.dot(b), a[None] @ b[:, None], torch.full((2, 2), 3e38) @ torch.full((2, 2), 3e38), sep="\\n")
    print(F.mse_loss(a, b), F.binary_cross_entropy_with_logits(a, torch.ones(8)), F.linear(a[None], b[None]))
    print(F.cross_entropy(torch.tensor([[inf, 0.]]), torch.tensor([1])), torch.tensor([]).mean())
""")

_program("special_creation_and_gradients_are_silent", """\
    print(torch.tensor([1e40, -1e40]), torch.tensor(1e40), torch.arange(0, 1e39, 1e38))
    print(torch.tensor([1e40], dtype=torch.float64).float(), torch.ones(2) * 1e40)
    x = torch.tensor([0., 1.], requires_grad=True)
    (x * inf).sum().backward()
    print(x.grad)
    x = torch.tensor([0.], requires_grad=True)
    x.log().sum().backward()
    print(x.grad)
    x = torch.tensor([100.], requires_grad=True)
    (x * 1e30).tanh().sum().backward()
    x.exp().sum().backward()
    print(x.grad)
""")

_program("special_fill_refuses_what_the_dtype_cannot_hold", """\
    t = torch.zeros(2)
    for label, fn in [
        ("fill_", lambda: torch.zeros(2).fill_(1e40)),
        ("fill_ -", lambda: torch.zeros(2).fill_(-1e40)),
        ("fill_ max", lambda: torch.zeros(2).fill_(3.4028234663852886e38)),
        ("fill_ past max", lambda: torch.zeros(2).fill_(3.4028235e38)),
        ("fill_ inf", lambda: torch.zeros(2).fill_(inf)),
        ("fill_ nan", lambda: torch.zeros(2).fill_(nan)),
        ("fill_ tiny", lambda: torch.zeros(2).fill_(1e-50)),
        ("fill_ 0-d double", lambda: torch.zeros(2).fill_(torch.tensor(1e40, dtype=torch.float64))),
        ("fill_ double", lambda: torch.zeros(2, dtype=torch.float64).fill_(1e300)),
        ("full", lambda: torch.full((2,), 1e40)),
        ("full double", lambda: torch.full((2,), 1e40, dtype=torch.float64)),
        ("full_like", lambda: torch.full_like(t, -1e40)),
        ("new_full", lambda: t.new_full((2,), 1e40)),
        ("full int32", lambda: torch.full((2,), 1e40, dtype=torch.int32)),
        ("full half", lambda: torch.full((2,), 1e40, dtype=torch.float16)),
        ("setitem", lambda: torch.zeros(2).__setitem__(0, 1e40)),
        ("setitem slice", lambda: torch.zeros(2).__setitem__(slice(None), -1e40)),
        ("setitem mask", lambda: torch.zeros(2).__setitem__(torch.tensor([True, False]), 1e40)),
        ("masked_fill", lambda: t.masked_fill(t == 0, 1e40)),
        ("masked_fill_", lambda: torch.zeros(2).masked_fill_(torch.tensor([True, False]), -1e40)),
        ("clamp max", lambda: t.clamp(max=1e40)),
        ("clamp min", lambda: torch.clamp(t, min=-1e40)),
        ("clamp both", lambda: t.clamp(-1e40, 1)),
        ("clamp_", lambda: torch.zeros(2).clamp_(max=1e40)),
        ("clamp 0-d tensor", lambda: t.clamp(min=torch.tensor(1e40))),
        ("clamp nan", lambda: t.clamp(min=nan)),
        ("where other", lambda: torch.where(t == 0, t, 1e40)),
        ("where input", lambda: torch.where(t == 0, 1e40, t)),
        ("where numbers", lambda: torch.where(t == 0, 1e40, 1.0)),
        ("where double", lambda: torch.where(t == 0, 1e40, torch.zeros(2, dtype=torch.float64))),
        ("sum is not a fill", lambda: t + 1e40),
        ("add_ is not a fill", lambda: torch.ones(2).add_(1e40)),
    ]:
        attempt(label, fn)
""")

_program("special_fill_integer_and_half_ranges", """\
    def z(dtype):
        return torch.zeros(2, dtype=dtype)

    for label, fn in [
        ("int64 1e30", lambda: z(torch.int64).fill_(1e30)),
        ("int64 nan", lambda: z(torch.int64).fill_(nan)),
        ("int64 inf", lambda: z(torch.int64).fill_(inf)),
        ("int64 max", lambda: z(torch.int64).fill_(2**63 - 1)),
        ("int64 min", lambda: z(torch.int64).fill_(-2**63)),
        ("int64 2**63", lambda: z(torch.int64).fill_(2**63)),
        ("int64 2**64-1", lambda: z(torch.int64).fill_(2**64 - 1)),
        ("int64 9.3e18", lambda: z(torch.int64).fill_(9.3e18)),
        ("int32 2**40", lambda: z(torch.int32).fill_(2**40)),
        ("int32 min", lambda: z(torch.int32).fill_(-2**31)),
        ("int32 below", lambda: z(torch.int32).fill_(-2**31 - 1)),
        ("int16", lambda: z(torch.int16).fill_(2**20)),
        ("int8 -128", lambda: z(torch.int8).fill_(-128)),
        ("int8 -129", lambda: z(torch.int8).fill_(-129)),
        ("int8 200", lambda: z(torch.int8).fill_(200)),
        ("uint8 300", lambda: z(torch.uint8).fill_(300)),
        ("uint8 -1", lambda: z(torch.uint8).fill_(-1)),
        ("uint8 -255", lambda: z(torch.uint8).fill_(-255)),
        ("uint8 -256", lambda: z(torch.uint8).fill_(-256)),
        ("uint8 255.5", lambda: z(torch.uint8).fill_(255.5)),
        ("uint8 -1.0", lambda: z(torch.uint8).fill_(-1.0)),
        ("uint8 True", lambda: z(torch.uint8).fill_(True)),
        ("int64 3.7", lambda: z(torch.int64).fill_(3.7)),
        ("bool 5", lambda: z(torch.bool).fill_(5)),
        ("half 65504", lambda: z(torch.float16).fill_(65504)),
        ("half 65505", lambda: z(torch.float16).fill_(65505)),
        ("half 1e5", lambda: z(torch.float16).fill_(1e5)),
        ("full_like int", lambda: torch.full_like(z(torch.int64), 1e30)),
        ("full int 2**64-1", lambda: torch.full((1,), 2**64 - 1)),
        ("full int 2**70", lambda: torch.full((1,), 2**70)),
        ("fill_ 2**64", lambda: torch.zeros(2).fill_(2**64)),
        ("fill_ 2**63", lambda: torch.zeros(2).fill_(2**63)),
        ("fill_ -2**63-1", lambda: torch.zeros(2).fill_(-2**63 - 1)),
        ("masked_fill 2**70", lambda: torch.zeros(2).masked_fill(torch.tensor([True, True]), 2**70)),
        ("clamp 2**70", lambda: torch.zeros(2).clamp(max=2**70)),
        ("int32 clamp 1e40", lambda: z(torch.int32).clamp(max=1e40)),
        ("int32 clamp 2**40", lambda: z(torch.int32).clamp(max=2**40)),
        ("int32 clamp 3.5", lambda: z(torch.int32).clamp(max=3.5)),
    ]:
        attempt(label, fn)
""")

_program("special_nonzero_and_where_of_0d_and_non_bool", """\
    x = torch.tensor([1., 0., 2.])
    for label, fn in [
        ("nonzero 0-d", lambda: torch.nonzero(torch.tensor(2.))),
        ("nonzero 0-d zero", lambda: torch.nonzero(torch.tensor(0.))),
        ("nonzero 0-d tuple", lambda: torch.nonzero(torch.tensor(2.), as_tuple=True)),
        ("nonzero 0-d zero tuple", lambda: torch.nonzero(torch.tensor(0.), as_tuple=True)),
        ("where one argument 0-d", lambda: torch.where(torch.tensor(1.))),
        ("where float condition", lambda: torch.where(x, x, 0.)),
        ("where long condition", lambda: torch.where(x.long(), x, 0.)),
        ("where double condition", lambda: torch.where(x.double(), x, 0.)),
        ("nonzero empty", lambda: torch.nonzero(torch.zeros(2, 0))),
        ("nonzero 2-d", lambda: torch.tensor([[0, 3], [4, 0]]).nonzero()),
        ("nonzero layout", lambda: torch.ones(2, 3, 4).nonzero().stride()),
        ("nonzero tuple", lambda: torch.nonzero(torch.tensor([[1, 0], [0, 1]]), as_tuple=True)),
    ]:
        attempt(label, fn)
""")
