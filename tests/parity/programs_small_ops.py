"""The small ops of issue 20: padding, tiling and stacking, index writes, picking by mask or
position, order statistics, unique, more element-wise ops and activations, transposed
convolutions, in-place shape changes, view(dtype), resize_, empty(out=), the default device,
torch.accelerator and Adadelta. Values, gradients, node names, printing and errors."""

from textwrap import dedent as _d

_GRADS = """\
def grads(f, *ts):
    for t in ts:
        t.grad = None
    y = f()
    print(y)
    if y.requires_grad:
        w = torch.arange(float(y.numel())).reshape(y.shape) + 1
        (y * w).sum().backward()
        print([t.grad for t in ts])
"""

PROGRAMS = {
    "small_op_pad_modes_values_grads_nodes": _d("""\
        x = torch.arange(6.).reshape(1, 2, 3).requires_grad_()
        for mode in ("constant", "reflect", "replicate", "circular"):
            for p in [(1, 1), (2, 1), (-1, 2), (1, 0, 1, 1), (0, 2, 1, 0)]:
                y = F.pad(x, p, mode=mode)
                w = torch.arange(float(y.numel())).reshape(y.shape)
                x.grad = None
                (y * w).sum().backward()
                print(mode, p, y, x.grad, y.grad_fn.name())
        print(F.pad(x, (1, 1, 0, 1), value=-1.))
        print(F.pad(torch.arange(6).reshape(2, 3), (1, 2)))
        print(F.pad(torch.arange(8.).reshape(1, 1, 2, 4), (1, 1, 1, 1), mode="reflect"))
    """),
    "small_op_pad_errors": _d("""\
        x = torch.arange(6.).reshape(1, 2, 3)
        attempt("odd", lambda: F.pad(x, (1,)))
        attempt("too long", lambda: F.pad(x, (1, 1, 1, 1, 1, 1, 1, 1)))
        attempt("reflect too wide", lambda: F.pad(x, (3, 3), mode="reflect"))
        attempt("reflect 1d input", lambda: F.pad(torch.arange(3.), (1, 1), mode="reflect"))
        attempt("circular twice round", lambda: F.pad(x, (4, 4), mode="circular"))
        attempt("mode", lambda: F.pad(x, (1, 1), mode="foo"))
        attempt("value with reflect", lambda: F.pad(x, (1, 1), mode="reflect", value=2.))
        attempt("float pad", lambda: F.pad(x, (1., 1)))
        attempt("3 dims padded of 3", lambda: F.pad(x, (1, 1, 1, 1, 1, 1), mode="replicate"))
    """),
    "small_op_conv_padding_modes": _d("""\
        torch.manual_seed(0)
        for m in ("reflect", "replicate", "circular"):
            c = nn.Conv2d(2, 3, 3, padding=1, padding_mode=m)
            print(c)
            x = torch.arange(32.).reshape(1, 2, 4, 4).requires_grad_()
            y = c(x)
            (y * torch.arange(48.).reshape(y.shape)).sum().backward()
            print(y, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name(), x.grad)
        c = nn.Conv1d(2, 3, 2, padding="same", padding_mode="reflect")
        print(c(torch.arange(10.).reshape(1, 2, 5)))
    """),
    "small_shape_tile_stack_split": _d("""\
        x = torch.arange(6.).reshape(2, 3).requires_grad_()
        v = torch.arange(3., requires_grad=True)
        s = torch.tensor(5.)
        attempt("tile", lambda: x.tile((2,)))
        attempt("tile 3", lambda: torch.tile(x, (2, 1, 2)))
        attempt("tile int", lambda: v.tile(2))
        attempt("tile kw", lambda: torch.tile(v, dims=(2,)))
        for f in (torch.hstack, torch.vstack, torch.dstack, torch.column_stack, torch.row_stack):
            attempt(f.__name__ + " vv", lambda: f([v, v]))
            attempt(f.__name__ + " xx", lambda: f((x, x)))
            attempt(f.__name__ + " ss", lambda: f([s, s]))
            attempt(f.__name__ + " empty", lambda: f([]))
            attempt(f.__name__ + " mixed", lambda: f([x, v]))
        y = torch.hstack([v, v * 2])
        y.sum().backward()
        print(v.grad, y.grad_fn.name(), y.grad_fn.next_functions[1][0].name())
        print(torch.vstack([v, v]).grad_fn.next_functions[0][0].name())
        print(torch.dstack([x, x]).grad_fn.next_functions[0][0].name())
        print(torch.column_stack([v, v]).grad_fn.next_functions[0][0].name())
        attempt("ts 2", lambda: torch.tensor_split(x, 2, dim=1))
        attempt("ts 3 of 7", lambda: torch.tensor_split(torch.arange(7), 3))
        attempt("ts at", lambda: torch.tensor_split(torch.arange(7), [1, 5]))
        attempt("ts at out of range", lambda: torch.tensor_split(torch.arange(7), [-2, 9, 3]))
        attempt("ts tensor", lambda: torch.tensor_split(torch.arange(7), torch.tensor([2, 3])))
        attempt("ts 0-d tensor", lambda: torch.tensor_split(torch.arange(7), torch.tensor(3)))
        attempt("ts 0", lambda: x.tensor_split(0))
        attempt("ts of 0-d", lambda: s.tensor_split(2))
        attempt("ts sections=", lambda: x.tensor_split(sections=2, dim=1))
        attempt("ts indices=", lambda: x.tensor_split(indices=[1], dim=1))
        attempt("hsplit", lambda: x.hsplit(3))
        attempt("vsplit", lambda: torch.vsplit(x, [1]))
        attempt("atleast_2d", lambda: torch.atleast_2d(s, v))
        attempt("atleast_3d", lambda: torch.atleast_3d(x).shape)
        attempt("unflatten", lambda: x.unflatten(1, (3, 1)))
        attempt("unflatten -1", lambda: torch.arange(12.).unflatten(0, (2, -1, 3)))
        attempt("unflatten bad", lambda: torch.arange(12.).unflatten(0, (5, 3)))
        print(x.unflatten(-1, (3, 1)).grad_fn.name())
    """),
    "small_shape_keywords_repeat_interleave_view_dtype": _d("""\
        x = torch.arange(6.).reshape(2, 3).requires_grad_()
        attempt("reshape(shape=)", lambda: x.reshape(shape=(3, 2)))
        attempt("view(size=)", lambda: x.view(size=(3, 2)))
        attempt("permute(dims=)", lambda: x.permute(dims=(1, 0)))
        attempt("expand(size=)", lambda: x[:1].expand(size=(2, 3)))
        attempt("repeat(repeats=)", lambda: x.repeat(repeats=(1, 2)))
        attempt("split(split_size=)", lambda: x.split(split_size=1, dim=0))
        attempt("torch.reshape(shape=)", lambda: torch.reshape(x, shape=(6,)))
        attempt("torch.permute(dims=)", lambda: torch.permute(x, dims=(1, 0)))
        attempt("new_zeros(size=)", lambda: x.new_zeros(size=(2,)))
        attempt("contiguous", lambda: x.contiguous(memory_format=torch.contiguous_format))
        attempt("formats", lambda: (torch.contiguous_format, torch.channels_last, torch.preserve_format))
        attempt("ri", lambda: x.repeat_interleave(2, dim=0))
        attempt("ri tensor", lambda: x.repeat_interleave(torch.tensor([1, 2]), dim=0))
        attempt("ri flat", lambda: x.repeat_interleave(2))
        attempt("ri counts", lambda: torch.repeat_interleave(torch.tensor([1, 2])))
        attempt("ri bad", lambda: x.repeat_interleave(torch.tensor([1, 2, 3]), dim=0))
        y = x.repeat_interleave(2, dim=1)
        (y * torch.arange(12.).reshape(2, 6)).sum().backward()
        print(x.grad, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
        attempt("view int32", lambda: torch.tensor([1., 2]).view(torch.int32))
        attempt("view of grad", lambda: x.view(torch.int32))
        attempt("view same dtype", lambda: x.view(torch.float32))
        attempt("view int16", lambda: torch.tensor([1., 2]).view(torch.int16))
        attempt("view float64 bad", lambda: torch.tensor([1., 2, 3]).view(torch.float64))
        attempt("view float64", lambda: torch.tensor([[1., 2]]).view(torch.float64))
        attempt("view bool", lambda: torch.tensor([1, 0], dtype=torch.uint8).view(torch.bool))
        attempt("view dtype=", lambda: torch.tensor([1., 2]).view(dtype=torch.int32))
        attempt("view 0-d", lambda: torch.tensor(1.).view(torch.int32))
        attempt("view 0-d wider", lambda: torch.tensor(1.).view(torch.float64))
        a = torch.zeros(2)
        b = a.view(torch.int32)
        b[0] = 1065353216
        print(a, a._version, b._version)
    """),
    "small_shape_inplace_shape_changes": _d("""\
        x = torch.arange(6.).reshape(2, 3).requires_grad_()
        y = x * 1
        print(y.unsqueeze_(0), y.grad_fn.name(), y._version)
        print(y.squeeze_(), y.grad_fn.name(), y._version)
        print(y.t_(), y.grad_fn.name(), y.shape)
        print(y.transpose_(0, 1), y.grad_fn.name())
        print(y.swapaxes_(0, 1).grad_fn.name())
        y.unsqueeze_(-1).squeeze_(2)
        (y * torch.arange(6.).reshape(y.shape)).sum().backward()
        print(x.grad)
        z = torch.zeros(1, 2, 1, requires_grad=True) * 1
        print(z.squeeze_((0, 2)).grad_fn.name(), z.shape)
        attempt("t_ of 3d", lambda: torch.zeros(2, 3, 4).t_())
        attempt("leaf", lambda: torch.zeros(2, requires_grad=True).unsqueeze_(0))
        w = torch.zeros(3)
        print(w.t_().grad_fn, w.unsqueeze_(1).shape, w)
        b = torch.zeros(2, 3)
        v = b[0]
        v.unsqueeze_(0)
        v.fill_(2.)
        print(b, v)
    """),
    "small_idx_index_add_copy_fill": _GRADS + _d("""\
        x = torch.tensor([[3., 1, 2], [1, 3, 3]], requires_grad=True)
        s = torch.ones(2, 2, requires_grad=True)
        grads(lambda: x.index_add(1, torch.tensor([0, 0]), s, alpha=2), x, s)
        grads(lambda: torch.index_add(x, 0, torch.tensor([1]), s[:1, :1].expand(1, 3)), x, s)
        grads(lambda: x.index_copy(0, torch.tensor([1]), s[:1, :1].expand(1, 3) * 2), x, s)
        grads(lambda: x.index_fill(1, torch.tensor([0, 2]), -1), x)
        v = torch.tensor(-1., requires_grad=True)
        grads(lambda: x.index_fill(1, torch.tensor([0, 2]), v), x, v)
        attempt("add out of range", lambda: x.index_add(1, torch.tensor([0, 5]), torch.ones(2, 2)))
        attempt("add count", lambda: x.index_add(1, torch.tensor([0]), torch.ones(2, 2)))
        attempt("add float index", lambda: x.index_add(1, torch.tensor([0.]), torch.ones(2, 1)))
        attempt("add 2-d index", lambda: x.index_add(1, torch.tensor([[0]]), torch.ones(2, 1)))
        attempt("add dtype", lambda: x.index_add(1, torch.tensor([0]), torch.ones(2, 1, dtype=torch.float64)))
        attempt("add negative", lambda: x.index_add(1, torch.tensor([-1]), torch.ones(2, 1)))
        attempt("fill value not 0-d", lambda: x.index_fill(1, torch.tensor([0, 2]), torch.tensor([1.])))
        attempt("fill negative", lambda: x.index_fill(1, torch.tensor([-1]), 0.))
        attempt("fill too negative", lambda: x.index_fill(1, torch.tensor([-4]), 0.))
        attempt("fill out of range", lambda: x.index_fill(1, torch.tensor([3]), 0.))
        attempt("copy out of range", lambda: x.index_copy(1, torch.tensor([3]), torch.ones(2, 1)))
        attempt("copy negative", lambda: x.index_copy(1, torch.tensor([-1]), torch.ones(2, 1)))
        attempt("0-d", lambda: torch.tensor(2.).index_add(0, torch.tensor([0]), torch.tensor(3.)))
        y = torch.zeros(2, 3)
        print(y.index_add_(1, torch.tensor([0, 0]), torch.ones(2, 2)), y._version)
        print(y.index_fill_(0, torch.tensor([1]), 7.), y.index_copy_(1, torch.tensor([2]), torch.ones(2, 1) * 5))
        z = x * 1
        z.index_add_(1, torch.tensor([1]), s[:, :1])
        print(z)
    """),
    "small_idx_scatter_reduce_masked_select_take": _GRADS + _d("""\
        x = torch.tensor([[3., 1, 2], [1, 3, 3]], requires_grad=True)
        for r in ("sum", "mean", "amax", "amin", "prod"):
            for inc in (True, False):
                src = (x * 2).detach().requires_grad_()
                print(r, inc)
                grads(lambda: x.scatter_reduce(1, torch.tensor([[0, 0, 1], [2, 2, 2]]), src, r, include_self=inc), x, src)
        attempt("reduce name", lambda: x.scatter_reduce(1, torch.tensor([[0, 0, 1], [2, 2, 2]]), x * 2, "foo"))
        attempt("smaller index", lambda: x.scatter_reduce(1, torch.tensor([[0], [2]]), x * 2, "sum"))
        y = torch.zeros(2, 3)
        print(y.scatter_reduce_(1, torch.tensor([[0, 1]]), torch.tensor([[4., 5.]]), "amax"))
        grads(lambda: x.masked_select(torch.tensor([True, False, True])), x)
        grads(lambda: torch.masked_select(x[0], torch.tensor([[True], [False]])), x)
        attempt("mask not bool", lambda: x.masked_select(torch.tensor([1, 0, 1])))
        attempt("mask shape", lambda: x.masked_select(torch.tensor([True, False])))
        grads(lambda: x.take(torch.tensor([[0, 5], [1, 1]])), x)
        grads(lambda: torch.take(x, torch.tensor([-1])), x)
        attempt("take out of range", lambda: x.take(torch.tensor([6])))
    """),
    "small_op_order_statistics": _d("""\
        n = float("nan")
        x = torch.tensor([[2., 1, 2, 1, 3, 1], [5, 5, 4, 4, n, 0]], requires_grad=True)
        y = torch.tensor([[2., 7, 1, 3], [5, 0, 4, -1]], requires_grad=True)
        def show(label, f):
            r = f()
            print(label, r)
            v = r[0] if isinstance(r, tuple) else r
            y.grad = None
            (v * torch.arange(1., v.numel() + 1).reshape(v.shape)).sum().backward()
            print(y.grad, v.grad_fn.name())
        show("kthvalue", lambda: y.kthvalue(2))
        show("kthvalue dim 0", lambda: torch.kthvalue(y, 1, 0, keepdim=True))
        show("median", lambda: y.median())
        show("median 1", lambda: y.median(1))
        show("median 0 keepdim", lambda: y.median(0, True))
        show("nanmedian", lambda: y.nanmedian())
        show("mode", lambda: y.mode())
        show("cummax", lambda: y.cummax(1))
        show("cummin", lambda: torch.cummin(y, 0))
        show("nansum", lambda: y.nansum())
        show("nansum 1", lambda: y.nansum(1))
        show("nanmean", lambda: y.nanmean(0, keepdim=True))
        print(x.median(1), x.median(), x.nanmedian(), x.nanmedian(1).values, x.mode(1), x.cummax(1), x.cummin(1))
        print(x.nansum(), x.nansum(1), x.nanmean(1), torch.tensor([n, n]).nanmean())
        x.nansum().backward()
        print(x.grad)
        attempt("k too large", lambda: x.kthvalue(7, 1))
        attempt("kthvalue 0-d", lambda: torch.tensor(3.).kthvalue(1))
        attempt("median 0-d", lambda: torch.tensor(3.).median(0))
        attempt("mode 0-d", lambda: torch.tensor(3.).mode())
        attempt("median int", lambda: torch.tensor([3, 1, 2, 2]).median())
        attempt("mode int", lambda: torch.tensor([[1, 2, 2, 1, 3]]).mode())
        attempt("cummax int", lambda: torch.tensor([1, 3, 2, 5]).cummax(0))
        attempt("nansum int", lambda: torch.tensor([1, 3, 2, 5]).nansum())
        attempt("nanmean int", lambda: torch.tensor([1, 3, 2, 5]).nanmean())
        attempt("median empty", lambda: torch.tensor([]).median())
    """),
    "small_op_unique": _d("""\
        n = float("nan")
        y = torch.tensor([[2., 7, 1, 2], [5, 1, 4, -1]], requires_grad=True)
        attempt("unique", lambda: y.unique())
        attempt("inverse counts", lambda: torch.unique(torch.tensor([3, 1, 2, 3, 1]), return_inverse=True, return_counts=True))
        attempt("dim 1", lambda: torch.tensor([[3., 1, 2], [1, 3, 3]]).unique(dim=1, return_inverse=True, return_counts=True))
        attempt("dim 0", lambda: torch.unique(torch.tensor([[3., 1, 2], [1, 3, 3], [3., 1, 2]]), sorted=False, dim=0, return_inverse=True))
        attempt("backward", lambda: y.unique().sum().backward())
        attempt("backward dim", lambda: y.unique(dim=0).sum().backward())
        attempt("nan", lambda: torch.unique(torch.tensor([2., n, n, 1]), return_counts=True))
        attempt("0-d", lambda: torch.unique(torch.tensor(3), return_inverse=True))
        attempt("dim out of range", lambda: torch.unique(y, dim=2))
        attempt("inverse of grad", lambda: torch.unique(y, return_inverse=True))
    """),
    "small_op_elementwise_more": _GRADS + _d("""\
        x = torch.tensor([[-1.5, 0., 2.25], [0.3, -0.7, 3.]], requires_grad=True)
        b = torch.tensor([2., -0., float("nan")], requires_grad=True)
        p = torch.tensor([0.1, 0.5, 0.9, 0., 1.2], requires_grad=True)
        grads(lambda: x.addcmul(x, b, value=0.5), x, b)
        grads(lambda: torch.addcmul(x, x, x), x)
        grads(lambda: x.addcdiv(x, b + 3, value=-2), x, b)
        attempt("addcdiv of ints", lambda: torch.addcdiv(torch.ones(2), torch.ones(2, dtype=torch.long), torch.ones(2, dtype=torch.long)))
        attempt("addcmul shapes", lambda: torch.addcmul(torch.ones(2), torch.ones(3), torch.ones(2)))
        grads(lambda: x.hypot(b), x, b)
        attempt("hypot int", lambda: torch.hypot(torch.ones(2, dtype=torch.long), torch.ones(2)))
        grads(lambda: x.fmax(b), x, b)
        grads(lambda: torch.fmin(x, b), x, b)
        grads(lambda: x.copysign(b), x, b)
        grads(lambda: x.copysign(-1), x)
        grads(lambda: torch.copysign(x, -0.0), x)
        print(x.detach().heaviside(b.detach()))
        h = x.heaviside(b)
        print(h, h.grad_fn.name())
        attempt("heaviside backward", lambda: h.sum().backward())
        attempt("heaviside dtypes", lambda: x.heaviside(torch.tensor([1.], dtype=torch.float64)))
        grads(lambda: x.exp2(), x)
        grads(lambda: torch.exp2(torch.arange(4)), x)
        grads(lambda: x.frac(), x)
        attempt("frac int", lambda: torch.arange(3).frac())
        grads(lambda: x.sgn(), x)
        print(torch.tensor([-2, 0, 3]).sgn())
        grads(lambda: p.logit(), p)
        grads(lambda: p.logit(eps=0.2), p)
        grads(lambda: x.float_power(2), x)
        grads(lambda: torch.float_power(x, b), x, b)
        grads(lambda: torch.float_power(2, b), b)
        print(torch.float_power(torch.arange(3), 2))
        y = torch.ones(3)
        y.addcmul_(torch.full((3,), 2.), torch.full((3,), 3.), value=2)
        print(y)
        y.addcdiv_(torch.full((3,), 2.), torch.full((3,), 3.))
        print(y, y._version)
    """),
    "small_op_addcmul_addcdiv_rounding": _d("""\
        # PyTorch's kernels: (value * t1) * t2 + x rounded once; x + (value * t1) / t2
        g = torch.Generator().manual_seed(0)
        a, b, c = (torch.randn(2000, generator=g) for _ in range(3))
        print(a.addcmul(b, c, value=0.3).sum().item(), a.addcmul(b, c).sum().item())
        print(a.addcdiv(b, c.abs() + 0.5, value=0.3)[:400].sum().item())
        print(a.addcmul(b, c, value=0.3)[:6].tolist())
    """),
    "small_op_activations_more": _d("""\
        x = torch.tensor([[-4., -3., -1.5, -0.5, 0.], [0.25, 0.5, 1., 3., 5.]], requires_grad=True)
        w = torch.arange(1., 11.).reshape(2, 5)
        for name, f in [("selu", F.selu), ("celu", F.celu), ("celu2", lambda t: F.celu(t, 2.)), ("mish", F.mish),
                        ("hardswish", F.hardswish), ("hardsigmoid", F.hardsigmoid), ("softsign", F.softsign),
                        ("tanhshrink", F.tanhshrink), ("threshold", lambda t: F.threshold(t, 0.5, -2.)),
                        ("softshrink", F.softshrink), ("softshrink1", lambda t: F.softshrink(t, 1.)),
                        ("hardshrink", F.hardshrink), ("rrelu", F.rrelu)]:
            x.grad = None
            y = f(x)
            (y * w).sum().backward()
            print(name, y, x.grad)
        for m in [nn.SELU(), nn.CELU(), nn.CELU(0.5, inplace=True), nn.Mish(), nn.Hardswish(), nn.Hardsigmoid(),
                  nn.Softsign(), nn.Tanhshrink(), nn.Threshold(0.1, 20.), nn.Softshrink(), nn.Hardshrink(1.),
                  nn.RReLU(), nn.RReLU(0.1, 0.3).eval()]:
            print(m)
        print(nn.RReLU(0.1, 0.3).eval()(x))
        print(nn.Sequential(nn.Linear(2, 2), nn.Hardswish(), nn.Threshold(0.1, 20.)))
        attempt("softshrink negative", lambda: F.softshrink(x, -1.))
        attempt("softshrink negative double", lambda: F.softshrink(x.double(), -1.5))
        for name in ["mish", "selu", "hardswish", "hardsigmoid", "hardshrink", "softshrink", "rrelu"]:
            attempt(name + " int", lambda: getattr(F, name)(torch.arange(3)))
        attempt("threshold int", lambda: F.threshold(torch.arange(5), 2, 9))
        attempt("celu 0", lambda: F.celu(x, 0.))
        attempt("softsign int", lambda: F.softsign(torch.arange(3)))
    """),
    "small_op_conv_transpose": _d("""\
        torch.manual_seed(0)
        x = torch.randn(2, 4, 5, requires_grad=True)
        for kw in [dict(), dict(stride=2), dict(stride=2, padding=1, output_padding=1), dict(dilation=2, padding=2),
                   dict(groups=2, stride=3)]:
            w = torch.randn(4, 3, 3, requires_grad=True)
            b = torch.randn(3 * kw.get("groups", 1), requires_grad=True)
            y = F.conv_transpose1d(x, w, b, **kw)
            (y * torch.arange(float(y.numel())).reshape(y.shape).sin()).sum().backward()
            print(kw, y.shape, y.grad_fn.name(), y[0, :, :4])
            print(x.grad[0, :2], w.grad[:2], b.grad)
            x.grad = None
        x2 = torch.randn(1, 2, 3, 4, requires_grad=True)
        w2 = torch.randn(2, 3, 2, 3, requires_grad=True)
        y = F.conv_transpose2d(x2, w2, stride=(2, 1), padding=(0, 1))
        y.sum().backward()
        print(y, x2.grad, w2.grad)
        m = nn.ConvTranspose2d(2, 4, 3, stride=2, padding=1, output_padding=1)
        print(m, m.weight.shape, m.bias)
        print(m(x2).shape, m(x2, output_size=[6, 7]).shape)
        print(nn.ConvTranspose1d(4, 2, 2, bias=False, groups=2, dilation=2))
        print(nn.ConvTranspose1d(4, 2, 2)(x).shape)
        attempt("channels", lambda: F.conv_transpose1d(x, torch.randn(3, 3, 3)))
        attempt("output_padding 1d", lambda: F.conv_transpose1d(x, torch.randn(4, 3, 3), output_padding=1))
        attempt("output_padding 2d", lambda: F.conv_transpose2d(x2, torch.randn(2, 3, 3, 3), output_padding=(1, 0), stride=(1, 2)))
        attempt("padding_mode", lambda: nn.ConvTranspose2d(2, 2, 2, padding_mode="reflect"))
        attempt("unbatched", lambda: F.conv_transpose1d(x[0], torch.ones(4, 1, 2)))
    """),
    "small_op_resize_and_empty_out": _d("""\
        def a(l, f):
            try:
                print(l, repr(f()))
            except Exception as e:
                print(l, type(e).__name__, e)
        x = torch.arange(6.)
        a("same count", lambda: x.resize_(2, 3))
        a("smaller", lambda: x.resize_(4))
        a("smaller shape", lambda: x.resize_(2, 2).shape)
        a("back within memory", lambda: (x.resize_(3, 3)[0], x._version))
        a("leaf", lambda: torch.zeros(2, requires_grad=True).resize_(3))
        y = torch.zeros(2, requires_grad=True) * 2
        a("non-leaf", lambda: y.resize_(3))
        a("negative", lambda: torch.zeros(2).resize_(-1))
        a("negative 2", lambda: torch.zeros(2).resize_(2, -1))
        a("float", lambda: torch.zeros(2).resize_(2.))
        a("none", lambda: torch.zeros(2).resize_())
        a("view", lambda: torch.zeros(4)[:2].resize_(2, 1))
        a("resize_as_", lambda: torch.zeros(4).resize_as_(torch.zeros(2, 2)))
        a("tuple", lambda: torch.zeros(2).resize_((1, 2)))
        x = torch.arange(6.)
        v = x.view(2, 3)
        a("view shrinks", lambda: (v.resize_(2), x, v._version, x._version))
        x = torch.arange(6.)
        x.resize_(2)
        x.resize_(5)
        print(x)
        x = torch.arange(6.)
        x.resize_(6); print(x._version); x.resize_(2, 3); print(x._version); x.resize_(2, 3); print(x._version)
        t = torch.arange(6.)
        a("empty out same", lambda: torch.empty(6, out=t))
        a("empty out shape", lambda: torch.empty(2, 3, out=t))
        a("empty out smaller", lambda: torch.empty(2, out=t))
        a("t", lambda: (t, t._version))
        t = torch.arange(6.)
        a("empty out bigger within", lambda: torch.empty(2, 2, out=t))
        a("empty out dtype", lambda: torch.empty(3, out=t, dtype=torch.float64))
        a("empty out int", lambda: torch.empty(4, out=torch.arange(4)))
        a("empty out grad", lambda: torch.empty(2, out=torch.zeros(2, requires_grad=True)))
        a("empty out requires_grad", lambda: torch.empty(2, out=torch.zeros(2), requires_grad=True))
    """),
    "small_op_default_device_accelerator": _d("""\
        def a(l, f):
            try:
                print(l, repr(f()))
            except Exception as e:
                print(l, type(e).__name__, e)
        a("get", torch.get_default_device)
        a("set cpu", lambda: torch.set_default_device("cpu"))
        a("zeros", lambda: torch.zeros(2).device)
        a("set cuda", lambda: torch.set_default_device("cuda"))
        a("get", torch.get_default_device)
        a("zeros", lambda: torch.zeros(2))
        a("tensor", lambda: torch.tensor([1.]))
        a("randn", lambda: torch.randn(3))
        a("set None", lambda: torch.set_default_device(None))
        a("get", torch.get_default_device)
        a("set device", lambda: torch.set_default_device(torch.device("cpu")))
        a("set bad", lambda: torch.set_default_device("foo"))
        a("set None", lambda: torch.set_default_device(None))
        a("available", torch.accelerator.is_available)
        a("current", torch.accelerator.current_accelerator)
        a("current checked", lambda: torch.accelerator.current_accelerator(check_available=True))
        a("count", torch.accelerator.device_count)
        a("index", torch.accelerator.current_device_index)
        a("set index", lambda: torch.accelerator.set_device_index(0))
        a("synchronize", torch.accelerator.synchronize)
        device = torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"
        print(device, torch.zeros(2, device=device))
    """),
    "small_op_adadelta": _d("""\
        # five steps of a 4 -> 3 linear layer: the same steps as PyTorch's up to the last digit of
        # float32 (PyTorch's sqrt is MKL's), printed at 4 decimals
        for kw in [dict(), dict(lr=0.5, rho=0.8, weight_decay=0.1), dict(maximize=True, eps=1e-4)]:
            torch.manual_seed(0)
            m = nn.Linear(4, 3)
            o = torch.optim.Adadelta(m.parameters(), **kw)
            x = torch.randn(8, 4)
            for i in range(5):
                o.zero_grad()
                loss = m(x).pow(2).mean()
                loss.backward()
                o.step()
                print(round(loss.item(), 5))
            print(m.weight, m.bias)
            print(o.state_dict()["state"][1])
        print(o)
        for kw in [dict(lr=-1), dict(rho=1.5), dict(eps=-1), dict(weight_decay=-1)]:
            attempt(str(kw), lambda: torch.optim.Adadelta([nn.Parameter(torch.ones(2))], **kw))
    """),
    "small_op_adamax": _d("""\
        # given the same gradients the steps are PyTorch's bit for bit (a 1000-element parameter);
        # then five steps of a linear layer, whose gradients carry the matrix product's last bits
        g = torch.Generator().manual_seed(1)
        p = nn.Parameter(torch.randn(1000, generator=g))
        o = torch.optim.Adamax([p], lr=0.01, weight_decay=0.01)
        for i in range(3):
            p.grad = torch.randn(1000, generator=g)
            o.step()
        print(p[:5].tolist(), p[-5:].tolist(), o.state[p]["exp_inf"][:5].tolist(), o.state[p]["exp_avg"][-3:].tolist())
        for kw in [dict(), dict(lr=0.05, betas=(0.8, 0.9), weight_decay=0.1), dict(maximize=True, eps=1e-4)]:
            torch.manual_seed(0)
            m = nn.Linear(4, 3)
            o = torch.optim.Adamax(m.parameters(), **kw)
            x = torch.randn(8, 4)
            for i in range(5):
                o.zero_grad()
                loss = m(x).pow(2).mean()
                loss.backward()
                o.step()
                print(round(loss.item(), 5))
            print(m.weight, m.bias)
            print(o.state_dict()["state"][1])
        print(o)
        for kw in [dict(lr=-1), dict(betas=(1.5, 0.9)), dict(betas=(0.5, 1.)), dict(eps=-1), dict(weight_decay=-1)]:
            attempt(str(kw), lambda: torch.optim.Adamax([nn.Parameter(torch.ones(2))], **kw))
    """),
    "small_op_activations_in_place": _d("""\
        for name, f in [("selu", lambda t: F.selu(t, inplace=True)), ("celu", lambda t: F.celu(t, inplace=True)),
                        ("mish", lambda t: F.mish(t, inplace=True)), ("hardswish", lambda t: F.hardswish(t, inplace=True)),
                        ("hardsigmoid", lambda t: F.hardsigmoid(t, inplace=True)),
                        ("threshold", lambda t: F.threshold(t, 0., 1., inplace=True)), ("rrelu", lambda t: F.rrelu(t, inplace=True))]:
            leaf = torch.tensor([-1., 0.5], requires_grad=True)
            x = leaf * 1
            y = f(x)
            print(name, y is x, y.grad_fn.name(), x._version, y)
            (x * torch.tensor([1., 2.])).sum().backward()
            print(leaf.grad)
        print(F.selu(torch.tensor([-1., 2.]), inplace=True))
        attempt("leaf", lambda: F.selu(torch.tensor([-1., 2.], requires_grad=True), inplace=True))
        print(nn.Sequential(nn.Linear(2, 2), nn.SELU(inplace=True), nn.Hardswish(inplace=True), nn.Mish(True),
                            nn.Hardsigmoid(True), nn.Threshold(0.1, 2., True), nn.RReLU(inplace=True)))
    """),
    "small_op_nadam_radam": _d("""\
        # RAdam's steps are PyTorch's bit for bit given the same gradients (through both of its
        # regimes); NAdam's divide by a sqrt, which is MKL's in PyTorch: printed at 4 decimals
        for name, kw in [("RAdam", {}), ("RAdam", dict(weight_decay=0.1)), ("RAdam", dict(weight_decay=0.1, decoupled_weight_decay=True, lr=0.01, maximize=True)),
                         ("NAdam", {}), ("NAdam", dict(weight_decay=0.1, momentum_decay=0.01)), ("NAdam", dict(weight_decay=0.1, decoupled_weight_decay=True, maximize=True))]:
            g = torch.Generator().manual_seed(1)
            p = nn.Parameter(torch.randn(1000, generator=g))
            o = getattr(torch.optim, name)([p], **kw)
            for i in range(8):
                p.grad = torch.randn(1000, generator=g)
                o.step()
            if name == "RAdam":
                print(name, kw, p[:4].tolist(), o.state[p]["exp_avg_sq"][:3].tolist())
            else:
                print(name, kw, p[:4], o.state[p]["mu_product"], o.state[p]["exp_avg"][:3].tolist())
        print(o)
        print(torch.optim.RAdam([p]))
        for C in (torch.optim.NAdam, torch.optim.RAdam):
            for kw in [dict(lr=-1), dict(betas=(1.5, 0.9)), dict(eps=-1), dict(weight_decay=-1)]:
                attempt(C.__name__ + str(kw), lambda: C([nn.Parameter(torch.ones(2))], **kw))
        attempt("momentum_decay", lambda: torch.optim.NAdam([nn.Parameter(torch.ones(2))], momentum_decay=-1))
    """),
    "small_op_rrelu_training_draws": _d("""\
        torch.manual_seed(0)
        x = torch.randn(3, 5, requires_grad=True)
        y = F.rrelu(x, training=True)
        print(y, y.grad_fn.name())
        (y * torch.arange(15.).reshape(3, 5)).sum().backward()
        print(x.grad)
        print(torch.rand(2))
        m = nn.RReLU(0.1, 0.3)
        print(m(torch.randn(2, 4)), m.eval()(torch.randn(4)))
        print(F.rrelu(torch.randn(4, dtype=torch.float64), 0.2, 0.5, training=True))
        w = torch.randn(6) * 1
        print(F.rrelu(w, training=True, inplace=True) is w, w)
        print(F.rrelu(torch.randn(3), 0.3, 0.3, training=True))
        print(F.rrelu(torch.randn(200), training=True).tolist()[-20:])
    """),
}
