"""softmax, log_softmax, sigmoid, their gradients and cross_entropy in float32: every value's
last bit, as PyTorch's CPU kernels round them (autograd_lab/parity/softmax_kernels.py: SLEEF's
exp and log, sums in 8 lanes; parity/cascade_sum.py: nll_loss's order). Inputs are made with
exact arithmetic (integers, then one division), so both libraries start from the same bits;
each result prints as the sum of its bit patterns, so one last-bit difference shows."""

from textwrap import dedent as _d

_INPUTS = """\
def inputs(rows, n, scale=1.0, seed=0):
    k = torch.arange(rows * n, dtype=torch.int64) + seed
    x = ((k * 7919 + 13) % 1009 - 504).float() / 77.0
    return (x * scale).reshape(rows, n)

def bits(t):
    return t.contiguous().view(torch.int32).long().sum().item()
"""

PROGRAMS = {
    "smbits_softmax_lastdim_row_lengths": _INPUTS + _d("""\
        for n in (1, 2, 3, 7, 8, 9, 10, 15, 16, 17, 31, 64, 100, 257, 1000, 1001, 2000):
            x = inputs(max(2, 3000 // n), n)
            y, ly = torch.softmax(x, 1), torch.log_softmax(x, -1)
            print(n, bits(y), bits(ly), y[0, :4].tolist(), ly[-1, -4:].tolist())
    """),
    "smbits_softmax_scales_and_inf_rows": _INPUTS + _d("""\
        for scale in (0.001, 0.5, 3.0, 30.0, 1000.0):
            x = inputs(40, 23, scale, seed=5)
            x[3] = float("-inf")          # a row of -inf: nan
            x[4, 7] = float("-inf")       # one -inf: 0 there
            x[5, :] = 0.0
            y, ly = F.softmax(x, dim=1), F.log_softmax(x, dim=1)
            print(scale, bits(y), bits(ly), y[3, :3].tolist(), y[4, 5:9].tolist(), ly[4, 5:9].tolist(), y[5, 0].item())
    """),
    "smbits_softmax_other_dims": _INPUTS + _d("""\
        x = inputs(60, 11, 2.0, seed=1)
        print(bits(torch.softmax(x, 0)), bits(torch.log_softmax(x, 0)))
        x3 = inputs(3 * 40, 13, 1.5, seed=2).reshape(3, 40, 13)
        print(bits(torch.softmax(x3, 1)), bits(torch.log_softmax(x3, 1)), bits(torch.softmax(x3, 0)))
        x4 = inputs(2 * 3 * 4, 20, seed=3).reshape(2, 3, 4, 20)
        print(bits(torch.softmax(x4, 2)), bits(torch.log_softmax(x4, 1)))
        print(torch.softmax(torch.tensor(0.7), 0).item(), torch.softmax(inputs(1, 5)[0], 0).tolist())
    """),
    "smbits_sigmoid_layouts": _INPUTS + _d("""\
        for rows, n in ((1, 1), (1, 15), (1, 16), (1, 37), (50, 41), (256, 100)):
            x = inputs(rows, n, 4.0, seed=rows)
            print(rows, n, bits(torch.sigmoid(x)), torch.sigmoid(x)[0, -3:].tolist())
        x = inputs(37, 53, 4.0)
        for v in (x.t(), x[:, :20], x[::2], x[:, ::2], x[3]):
            print(tuple(v.shape), bits(torch.sigmoid(v)))
        big = inputs(10, 30, 40.0)   # e**-x overflows below about -88: exactly 0
        print(bits(torch.sigmoid(big)), torch.sigmoid(torch.tensor([-100.0, -88.0, 88.0, 0.0])).tolist())
    """),
    "smbits_gradients": _INPUTS + _d("""\
        for n, dim in ((5, 1), (8, 1), (13, 1), (100, 1), (1001, 1), (13, 0), (100, 0)):
            x = inputs(max(3, 2000 // n), n, 2.0, seed=n).requires_grad_()
            g = inputs(x.shape[0], n, 0.25, seed=7 * n)
            (gs,) = torch.autograd.grad(torch.softmax(x, dim), x, g)
            (gl,) = torch.autograd.grad(torch.log_softmax(x, dim), x, g)
            (gg,) = torch.autograd.grad(torch.sigmoid(x), x, g)
            print(n, dim, bits(gs), bits(gl), bits(gg), gs[0, :3].tolist(), gl[-1, -3:].tolist())
    """),
    "smbits_cross_entropy": _INPUTS + _d("""\
        for rows, classes in ((1, 10), (16, 10), (17, 5), (300, 10), (1000, 3), (64, 1000)):
            x = inputs(rows, classes, 1.5, seed=rows).requires_grad_()
            t = (torch.arange(rows) * 7) % classes
            loss = F.cross_entropy(x, t)
            loss.backward()
            s = F.cross_entropy(x, t, reduction="sum")
            print(rows, classes, loss.item(), s.item(), bits(x.grad))
        x = inputs(300, 6, 2.0, seed=9).requires_grad_()
        t = (torch.arange(300) * 5) % 6
        w = torch.arange(1, 7).float() / 3.0
        t_ign = t.clone(); t_ign[::7] = -100
        for kw in (dict(weight=w), dict(ignore_index=-100), dict(weight=w, ignore_index=-100)):
            x.grad = None
            loss = F.cross_entropy(x, t_ign if "ignore_index" in kw else t, **kw)
            loss.backward()
            print(sorted(kw), loss.item(), bits(x.grad))
        print(F.nll_loss(torch.log_softmax(x, 1), t).item(), nn.CrossEntropyLoss()(x, t).item())
    """),
}

PROGRAMS["smbits_float64"] = _INPUTS + _d("""\
    def bits64(t):
        return (t.contiguous().view(torch.int64) % 1000003).sum().item()
    for n, dim in ((1, 1), (3, 1), (4, 1), (5, 1), (17, 1), (100, 1), (1001, 1), (7, 0), (100, 0)):
        x = inputs(max(3, 2000 // n), n, 2.5, seed=n).double().requires_grad_()
        g = inputs(x.shape[0], n, 0.25, seed=3 * n).double()
        y, ly, sg = torch.softmax(x, dim), torch.log_softmax(x, dim), torch.sigmoid(x)
        grads = torch.autograd.grad([y, ly, sg], x, [g, g, g])
        print(n, dim, bits64(y), bits64(ly), bits64(sg), bits64(grads[0]), y[0, :2].tolist(), ly[-1, -2:].tolist())
    x = inputs(300, 10, 1.5, seed=4).double().requires_grad_()
    loss = F.cross_entropy(x, (torch.arange(300) * 3) % 10)
    loss.backward()
    print(loss.item(), bits64(x.grad))
""")

PROGRAMS["smbits_silu"] = _INPUTS + _d("""\
    # silu is x / (1 + e**-x), with the same exp as sigmoid
    for rows, n in ((1, 5), (1, 16), (3, 37), (200, 64)):
        x = inputs(rows, n, 4.0, seed=n)
        print(rows, n, bits(F.silu(x)), F.silu(x)[0, :3].tolist(), bits(F.silu(x.t())), bits(F.silu(x[:, ::2])))
        print(F.silu(x[:2].double())[0, :3].tolist(), nn.SiLU()(x).sum().item() == F.silu(x).sum().item())
""")
