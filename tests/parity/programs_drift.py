"""Last-bit rules behind the tutorials that drifted from PyTorch (issue 20): float32 batch norm
rounded step by step as PyTorch's CPU kernel (``parity/batch_norm.py``), and a sum whose kept
dims all have size 1 (the bias gradient of ``nn.Linear(n, 1)``) added in the order of a whole
tensor's sum (``parity/sum_order.py``). Values are printed as Python floats (17 digits), so a
difference in the last bit of a float32 shows."""

from textwrap import dedent as _d

# Explicit inputs: smooth but not round, so that the roundings matter.
_X3 = "((torch.arange(48.) * 0.7316 - 9.1) ** 2 * 0.37 + 5.13).reshape(2, 4, 6)"
_X2 = "((torch.arange(60.) * 1.173 - 31.5) ** 3 * 0.0021 + 2.7).reshape(15, 4)"

_SHOW = """\
def bits(t):
    return [float(v) for v in t.detach().flatten()]
"""

PROGRAMS = {
    "drift_batch_norm1d_train_3d": _d(f"""\
        {_SHOW.replace(chr(10), chr(10) + '        ')}
        x = {_X3}
        bn = nn.BatchNorm1d(4)
        for step in range(3):
            out = bn(x * (step + 1))
            print(bits(out))
            print(out.mean())
            print(bits(out.mean()), bits(bn.running_mean), bits(bn.running_var))
    """),
    "drift_batch_norm1d_train_2d_affine": _d(f"""\
        {_SHOW.replace(chr(10), chr(10) + '        ')}
        x = {_X2}
        bn = nn.BatchNorm1d(4, momentum=0.3)
        with torch.no_grad():
            bn.weight.copy_(torch.tensor([0.5, 1.25, -0.75, 2.0]))
            bn.bias.copy_(torch.tensor([0.1, -0.2, 0.3, 0.7]))
        for step in range(3):
            out = bn(x - step * 0.37)
            print(bits(out))
            print(bits(bn.running_mean), bits(bn.running_var))
    """),
    "drift_batch_norm2d_train_then_eval": _d(f"""\
        {_SHOW.replace(chr(10), chr(10) + '        ')}
        x = {_X3}.reshape(2, 2, 3, 4)
        bn = nn.BatchNorm2d(2)
        print(bits(bn(x)))
        print(bits(bn.running_mean), bits(bn.running_var))
        bn.eval()
        print(bits(bn(x * 1.7 - 0.3)))
    """),
    "drift_batch_norm_functional_float32": _d(f"""\
        {_SHOW.replace(chr(10), chr(10) + '        ')}
        x = {_X3}
        rm, rv = torch.zeros(4), torch.ones(4)
        w, b = torch.tensor([1.5, -0.5, 0.25, 3.0]), torch.tensor([0.0, 1.0, -1.0, 0.5])
        y = F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.2, eps=1e-3)
        print(bits(y), bits(rm), bits(rv))
        print(bits(F.batch_norm(x, rm, rv, w, b, training=False, eps=1e-3)))
    """),
    "drift_sum_over_dims_with_size_one_kept": _d(f"""\
        {_SHOW.replace(chr(10), chr(10) + '        ')}
        g = (torch.linspace(-1, 1, 2000) ** 3 * 3.7 + 0.013).reshape(2000, 1)
        print(bits(g.sum(0)), bits(g.sum(0, keepdim=True)), bits(g.sum()), bits(g.t().sum(1)))
        print(bits(g.reshape(1, 2000, 1).sum((0, 1))), bits(g.mean(0)))
        b = torch.zeros(1, requires_grad=True)
        (g.detach() + b).backward(g)
        print(bits(b.grad))
        lin = nn.Linear(3, 1)
        xx = torch.linspace(-3.1, 3.1, 2000).unsqueeze(-1) ** torch.tensor([1, 2, 3])
        lin(xx).backward(g)
        print(bits(lin.bias.grad))
    """),
    "drift_sum_over_leading_dims": _d(f"""\
        {_SHOW.replace(chr(10), chr(10) + '        ')}
        # PyTorch's "outer" reduction: whole groups of 32 columns (16 in float64) one way, the
        # other columns (and groups of 4 when there are fewer than 8) another.
        for n, w in ((64, 100), (5, 7), (257, 33), (1000, 10), (3, 3)):
            g = (torch.linspace(-1, 1, n * w) ** 3 * 3.7 + 0.013).reshape(n, w)
            print(n, w, bits(g.sum(0)), bits(g.mean(0)), bits(g.sum(0, keepdim=True)))
            print(bits(g.double().sum(0)))
        g = (torch.linspace(-2, 3, 6 * 5 * 3 * 4) ** 3).reshape(6, 5, 3, 4)
        print(bits(g.sum((0, 1))), bits(g.sum((1, 0))))
    """),
    "drift_linear_bias_grad_batch": _d(f"""\
        {_SHOW.replace(chr(10), chr(10) + '        ')}
        g = (torch.linspace(-1, 1, 64 * 100) ** 3 * 3.7 + 0.013).reshape(64, 100)
        b = torch.zeros(100, requires_grad=True)
        (g.detach() + b).backward(g)
        print(bits(b.grad))
        x = torch.zeros(64, 5)
        lin = nn.Linear(5, 100)
        lin(x).backward(g)
        print(bits(lin.bias.grad))
        b2 = torch.zeros(1, 7, requires_grad=True)
        (torch.zeros(5, 7) + b2).backward(g[:5, :7])
        print(bits(b2.grad))
    """),
}
