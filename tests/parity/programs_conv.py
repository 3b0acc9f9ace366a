"""Convolutions and pooling: F.conv1d/conv2d, nn.Conv1d/Conv2d, max and average pooling (1d, 2d,
adaptive), Dropout2d, Flatten/Unflatten; values (rounded: PyTorch's oneDNN sums in its own
order), gradients, grad_fn names and saved values, module reprs, and the errors of common misuse."""

from textwrap import dedent as _d

PROGRAMS = {}

# ------------------------------------------------------------ F.conv2d
PROGRAMS["conv_conv2d_values_and_grads"] = _d("""\
    torch.set_printoptions(precision=3)
    x = (torch.arange(50.).reshape(1, 2, 5, 5) / 8).requires_grad_()
    w = (torch.arange(36.).reshape(2, 2, 3, 3) / 16 - 1).requires_grad_()
    b = torch.tensor([0.5, -1.], requires_grad=True)
    y = F.conv2d(x, w, b)
    print(y, y.shape)
    print(y.grad_fn.name(), [type(f).__name__ for f, _ in y.grad_fn.next_functions])
    (y * y).sum().backward()
    print(x.grad)
    print(w.grad)
    print(b.grad)
""")

PROGRAMS["conv_conv2d_stride_padding_dilation"] = _d("""\
    torch.set_printoptions(precision=3)
    x = (torch.arange(98.).reshape(2, 1, 7, 7) % 11 / 4).requires_grad_()
    w = torch.tensor([[[[1., -1., 0.5], [0., 2., -0.5], [1., 0., -1.]]]], requires_grad=True)
    for kw in (dict(stride=2), dict(padding=1), dict(padding=(2, 0)), dict(dilation=2), dict(stride=(1, 2), padding=1, dilation=(2, 1))):
        y = F.conv2d(x, w, **kw)
        print(kw, y.shape, y.sum().item() // 1)
    y = F.conv2d(x, w, stride=2, padding=1, dilation=2)
    print(y)
    y.sum().backward()
    print(x.grad[0], w.grad)
    node = y.grad_fn
    print(node._saved_stride, node._saved_padding, node._saved_dilation, node._saved_groups, node._saved_transposed,
          node._saved_output_padding, node._saved_bias_sym_sizes_opt, node._saved_weight.shape)
""")

PROGRAMS["conv_conv2d_same_valid_padding"] = _d("""\
    torch.set_printoptions(precision=3)
    x = torch.arange(32.).reshape(1, 2, 4, 4) / 8
    w = torch.ones(3, 2, 3, 3) / 8
    print(F.conv2d(x, w, padding='same').shape, F.conv2d(x, w, padding='valid').shape)
    print(F.conv2d(x, w, padding='same')[0, 0])
    w2 = torch.ones(1, 2, 3, 1, requires_grad=True)
    y = F.conv2d(x.requires_grad_(), w2, padding='same')
    print(y, y.grad_fn.next_functions[0][0].name())
    y.sum().backward()
    print(x.grad, w2.grad)
    print(F.conv2d(x, torch.ones(1, 2, 3, 3), padding='same', dilation=2).shape)
""")

PROGRAMS["conv_conv2d_groups_depthwise"] = _d("""\
    torch.set_printoptions(precision=3)
    x = (torch.arange(64.).reshape(1, 4, 4, 4) / 16).requires_grad_()
    w = (torch.arange(36.).reshape(4, 1, 3, 3) / 32).requires_grad_()
    y = F.conv2d(x, w, groups=4)
    print(y, y.grad_fn._saved_groups)
    y.sum().backward()
    print(w.grad.shape, w.grad[:, 0, 0])
    w2 = torch.ones(6, 2, 1, 1)
    print(F.conv2d(x, w2, groups=2)[0, :, 0, 0])
""")

PROGRAMS["conv_conv2d_unbatched_and_int"] = _d("""\
    x = torch.arange(18.).reshape(2, 3, 3).requires_grad_()
    w = torch.ones(1, 2, 2, 2)
    y = F.conv2d(x, w)
    print(y, y.shape, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
    print(y.grad_fn.next_functions[0][0].next_functions[0][0].name())
    print(F.conv2d(torch.ones(1, 1, 3, 3, dtype=torch.int64), torch.ones(1, 1, 2, 2, dtype=torch.int64)))
    print(F.conv2d(torch.ones(1, 1, 3, 3, dtype=torch.float64), torch.ones(1, 1, 2, 2, dtype=torch.float64)).dtype)
""")

PROGRAMS["conv_conv2d_double_backward"] = _d("""\
    x = torch.tensor([[[[1., 2., 0.], [0., -1., 3.], [2., 1., 1.]]]], dtype=torch.float64, requires_grad=True)
    w = torch.tensor([[[[0.5, -1.], [2., 1.]]]], dtype=torch.float64, requires_grad=True)
    y = F.conv2d(x, w)
    gx, gw = torch.autograd.grad((y ** 2).sum(), (x, w), create_graph=True)
    print(gx, gw)
    print(gx.grad_fn.name())
    (gx.sum() + (gw ** 2).sum()).backward()
    print(x.grad, w.grad)
""")

PROGRAMS["conv_conv2d_errors"] = _d("""\
    x = torch.ones(1, 3, 5, 5)
    w = torch.ones(4, 3, 3, 3)
    attempt("channels", lambda: F.conv2d(torch.ones(1, 2, 5, 5), w))
    attempt("unbatched channels", lambda: F.conv2d(torch.ones(2, 5, 5), w))
    attempt("2d input", lambda: F.conv2d(torch.ones(5, 5), w))
    attempt("5d input", lambda: F.conv2d(torch.ones(1, 1, 3, 5, 5), w))
    attempt("small", lambda: F.conv2d(torch.ones(1, 3, 2, 2), w))
    attempt("small padded", lambda: F.conv2d(torch.ones(1, 3, 1, 4), w, padding=(1, 0), dilation=2))
    attempt("same strided", lambda: F.conv2d(x, w, stride=2, padding='same'))
    attempt("bad string", lambda: F.conv2d(x, w, padding='full'))
    attempt("groups", lambda: F.conv2d(x, torch.ones(4, 1, 3, 3), groups=3))
    attempt("groups channels", lambda: F.conv2d(torch.ones(1, 4, 5, 5), torch.ones(4, 1, 3, 3), groups=2))
    attempt("dtype", lambda: F.conv2d(x.double(), w))
    attempt("bias size", lambda: F.conv2d(x, w, torch.ones(3)))
    attempt("stride 0", lambda: F.conv2d(x, w, stride=0))
    attempt("negative padding", lambda: F.conv2d(x, w, padding=-1))
    attempt("dilation 0", lambda: F.conv2d(x, w, dilation=0))
    attempt("weight 3d", lambda: F.conv2d(x, torch.ones(4, 3, 3)))
    attempt("not a tensor", lambda: F.conv2d([1., 2.], w))
    attempt("torch.conv2d", lambda: torch.conv2d(x, w).shape)
""")

# ------------------------------------------------------------ F.conv1d
PROGRAMS["conv_conv1d_values_and_grads"] = _d("""\
    torch.set_printoptions(precision=3)
    x = (torch.arange(24.).reshape(2, 2, 6) / 8).requires_grad_()
    w = torch.tensor([[[1., 0., -1.], [0.5, 0.5, 0.5]], [[2., -1., 0.], [0., 1., 0.]]], requires_grad=True)
    b = torch.tensor([0., 1.], requires_grad=True)
    for kw in (dict(), dict(stride=2, padding=1), dict(dilation=2), dict(padding='same')):
        y = F.conv1d(x, w, b, **kw)
        print(kw, y)
    y = F.conv1d(x, w, b, stride=2, padding=1)
    print(y.grad_fn.name(), y.grad_fn._saved_stride, y.grad_fn._saved_padding, y.grad_fn._saved_bias_sym_sizes_opt)
    (y ** 2).mean().backward()
    print(x.grad, w.grad, b.grad)
    print(F.conv1d(torch.ones(2, 5), torch.ones(3, 2, 2)))
    attempt("channels", lambda: F.conv1d(torch.ones(1, 3, 5), w))
    attempt("4d", lambda: F.conv1d(torch.ones(1, 2, 5, 5), w))
    attempt("groups", lambda: F.conv1d(torch.ones(1, 4, 5), torch.ones(3, 2, 2), groups=2))
""")

# ------------------------------------------------------------ nn.Conv1d / nn.Conv2d
PROGRAMS["conv_module_reprs_and_attributes"] = _d("""\
    print(nn.Conv2d(3, 16, 3))
    print(nn.Conv2d(3, 16, (3, 5), stride=2, padding=1, dilation=2, bias=False))
    print(nn.Conv2d(4, 8, 3, padding='same', groups=2))
    print(nn.Conv1d(3, 6, 5, stride=2, padding='valid'))
    print(nn.Conv1d(3, 16, 3))
    c = nn.Conv2d(4, 6, 3, groups=2)
    print(c.kernel_size, c.stride, c.padding, c.dilation, c.groups, c.in_channels, c.out_channels)
    print(c.weight.shape, c.bias.shape, [n for n, _ in c.named_parameters()])
    print(nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(4, 2)))
    attempt("groups in", lambda: nn.Conv2d(3, 4, 3, groups=2))
    attempt("groups out", lambda: nn.Conv2d(4, 3, 3, groups=2))
    attempt("groups 0", lambda: nn.Conv2d(4, 4, 3, groups=0))
    attempt("same strided", lambda: nn.Conv2d(4, 3, 3, padding='same', stride=2))
""")

PROGRAMS["conv_module_forward_backward"] = _d("""\
    torch.set_printoptions(precision=3)
    conv = nn.Conv2d(2, 3, 2, padding=1)
    with torch.no_grad():
        conv.weight.copy_(torch.arange(24.).reshape(3, 2, 2, 2) / 32 - 0.5)
        conv.bias.copy_(torch.tensor([0.125, 0.25, -0.5]))
    x = torch.arange(18.).reshape(1, 2, 3, 3) / 8
    y = conv(x)
    print(y, y.grad_fn.name())
    y.relu().sum().backward()
    print(conv.weight.grad, conv.bias.grad)
    attempt("wrong channels", lambda: conv(torch.ones(1, 3, 3, 3)))
""")

# ------------------------------------------------------------ max pooling
PROGRAMS["conv_max_pool2d_values_grads_indices"] = _d("""\
    x = torch.tensor([[[[1., 5., 2., 0.], [3., 4., 8., 7.], [0., 9., 6., 1.], [2., 2., 3., 4.]]]], requires_grad=True)
    y = F.max_pool2d(x, 2)
    print(y, y.grad_fn.name(), [type(f).__name__ for f, _ in y.grad_fn.next_functions])
    y.sum().backward()
    print(x.grad)
    v, i = F.max_pool2d(x, 2, return_indices=True)
    print(v, i, i.dtype, i.requires_grad)
    node = v.grad_fn
    print(node._saved_kernel_size, node._saved_stride, node._saved_padding, node._saved_dilation, node._saved_ceil_mode)
    print(node._saved_result1)
    print(F.max_pool2d(x, 2, stride=2).grad_fn._saved_stride)
    print(F.max_pool2d(x, 3, stride=1, padding=1))
    print(F.max_pool2d(x, 3, stride=2, ceil_mode=True))
    print(F.max_pool2d(x, 2, stride=1, dilation=2))
    print(F.max_pool2d(x, (1, 2)))
    print(F.max_pool2d(x[0], 2), F.max_pool2d(x[0], 2).grad_fn.name())
    print(F.max_pool2d(torch.tensor([[[[1, 3], [2, 0]]]]), 2))
""")

PROGRAMS["conv_max_pool2d_ties_and_overlaps"] = _d("""\
    x = torch.tensor([[[[1., 1., 0.], [1., 1., 0.], [0., 0., 2.]]]], requires_grad=True)
    y = F.max_pool2d(x, 2, stride=1)
    print(y)
    y.sum().backward()
    print(x.grad)
    x.grad = None
    F.max_pool2d(x, 3, stride=1, padding=1).sum().backward()
    print(x.grad)
""")

PROGRAMS["conv_max_pool1d"] = _d("""\
    x = torch.tensor([[[1., 4., 2., 8., 5., 3., 7.]]], requires_grad=True)
    y = F.max_pool1d(x, 2)
    print(y, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
    y.sum().backward()
    print(x.grad)
    print(F.max_pool1d(x, 3, stride=2, padding=1, ceil_mode=True))
    print(F.max_pool1d(x, 2, return_indices=True))
    print(F.max_pool1d(x[0], 3))
    print(nn.MaxPool1d(3, 2)(x), nn.MaxPool1d(3, 2))
""")

PROGRAMS["conv_max_pool_module_and_errors"] = _d("""\
    print(nn.MaxPool2d(2), nn.MaxPool2d(3, 2, 1, ceil_mode=True), nn.MaxPool2d((2, 3), dilation=2))
    pool = nn.MaxPool2d(2, return_indices=True)
    print(pool(torch.arange(16.).reshape(1, 1, 4, 4)))
    y = nn.MaxPool2d(2)(torch.ones(1, 1, 4, 4, requires_grad=True))
    print(y.grad_fn._saved_stride, y.grad_fn._saved_kernel_size)
    attempt("pad too big", lambda: F.max_pool2d(torch.ones(1, 1, 4, 4), 2, padding=2))
    attempt("too small", lambda: F.max_pool2d(torch.ones(1, 1, 1, 1), 2))
    attempt("2d input", lambda: F.max_pool2d(torch.ones(4, 4), 2))
    attempt("kernel 0", lambda: F.max_pool2d(torch.ones(1, 1, 4, 4), 0))
    attempt("stride 0", lambda: F.max_pool2d(torch.ones(1, 1, 4, 4), 2, 0))
    attempt("kernel 3 ints", lambda: F.max_pool2d(torch.ones(1, 1, 4, 4), (2, 2, 2)))
""")

# ------------------------------------------------------------ average pooling
PROGRAMS["conv_avg_pool2d"] = _d("""\
    torch.set_printoptions(precision=4)
    x = (torch.arange(25.).reshape(1, 1, 5, 5)).requires_grad_()
    y = F.avg_pool2d(x, 2)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
    node = y.grad_fn
    print(node._saved_kernel_size, node._saved_stride, node._saved_padding, node._saved_ceil_mode,
          node._saved_count_include_pad, node._saved_divisor_override)
    for kw in (dict(stride=1), dict(padding=1), dict(padding=1, count_include_pad=False), dict(ceil_mode=True),
               dict(stride=2, padding=1, ceil_mode=True), dict(divisor_override=3)):
        print(kw, F.avg_pool2d(x, 3 if 'padding' in kw else 2, **kw))
    x.grad = None
    F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False).sum().backward()
    print(x.grad)
    print(F.avg_pool2d(torch.tensor([[[[1, 2], [4, 4]]]]), 2))
    attempt("pad too big", lambda: F.avg_pool2d(torch.ones(1, 1, 4, 4), 2, padding=2))
""")

PROGRAMS["conv_avg_pool1d_and_modules"] = _d("""\
    torch.set_printoptions(precision=4)
    x = torch.tensor([[[1., 4., 2., 8., 5., 3., 7.]]], requires_grad=True)
    y = F.avg_pool1d(x, 3, stride=2, padding=1)
    print(y, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
    y.sum().backward()
    print(x.grad)
    print(nn.AvgPool2d(2), nn.AvgPool2d(3, 1, 1), nn.AvgPool1d(3, 2), nn.AvgPool1d(2))
    print(nn.AvgPool2d(2)(torch.arange(16.).reshape(1, 4, 4)))
    print(nn.AvgPool1d(3, 2)(x))
""")

PROGRAMS["conv_adaptive_avg_pool2d"] = _d("""\
    torch.set_printoptions(precision=4)
    x = torch.arange(35.).reshape(1, 1, 5, 7).requires_grad_()
    y = F.adaptive_avg_pool2d(x, (2, 3))
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
    z = F.adaptive_avg_pool2d(x, 1)
    print(z, z.grad_fn.name())
    print(F.adaptive_avg_pool2d(x, (None, 2)).shape, F.adaptive_avg_pool2d(x, 7).shape)
    print(nn.AdaptiveAvgPool2d((1, 1)), nn.AdaptiveAvgPool2d(2), nn.AdaptiveAvgPool2d((1, 1))(x).shape)
""")

# ------------------------------------------------------------ Dropout2d, Flatten, Unflatten, a small CNN
PROGRAMS["conv_dropout2d_eval_and_p"] = _d("""\
    x = torch.ones(2, 3, 2, 2, requires_grad=True)
    d = nn.Dropout2d()
    print(d, nn.Dropout2d(0.2, inplace=True))
    d.eval()
    print(d(x) is x)
    print(F.dropout2d(x, 0.5, training=False) is x)
    print(F.dropout2d(x, 0.))
    y = F.dropout2d(x, 1.)
    print(y.sum(), y.grad_fn.name())
    attempt("p", lambda: F.dropout2d(x, 1.5))
    attempt("p module", lambda: nn.Dropout2d(-0.1))
""")

PROGRAMS["conv_flatten_unflatten"] = _d("""\
    x = torch.arange(24.).reshape(2, 3, 4).requires_grad_()
    print(nn.Flatten(), nn.Flatten(0, 1), nn.Unflatten(1, (2, 2)), nn.Unflatten(-1, (2, -1)))
    y = nn.Flatten()(x)
    print(y.shape, y.grad_fn.name())
    z = nn.Unflatten(1, (2, 6))(y)
    print(z.shape, z.grad_fn.name())
    print(nn.Unflatten(-1, (2, -1))(x).shape)
    z.sum().backward()
    print(x.grad.shape)
""")

PROGRAMS["conv_small_cnn_step"] = _d("""\
    torch.set_printoptions(precision=3)
    model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8, 3))
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (1 + i / 10))
    x = torch.arange(32.).reshape(2, 1, 4, 4) / 32
    target = torch.tensor([0, 2])
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for step in range(3):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), target)
        loss.backward()
        opt.step()
        print(step, round(loss.item(), 4))
    print(model[0].weight.grad.shape, model(x).grad_fn.name())
""")

PROGRAMS["conv_pool_more_misuse"] = _d("""\
    attempt("adaptive 2d", lambda: F.adaptive_avg_pool2d(torch.ones(4, 4), 2))
    attempt("adaptive 3 ints", lambda: F.adaptive_avg_pool2d(torch.ones(1, 4, 4), (2, 2, 2)))
    attempt("max_pool1d 4d", lambda: F.max_pool1d(torch.ones(1, 1, 4, 4), 2))
    attempt("max_pool1d 1d", lambda: F.max_pool1d(torch.ones(4), 2))
    attempt("avg_pool1d 4d", lambda: F.avg_pool1d(torch.ones(1, 1, 4, 4), 2))
    attempt("avg_pool2d 2d", lambda: F.avg_pool2d(torch.ones(4, 4), 2))
    attempt("avg int", lambda: F.avg_pool2d(torch.tensor([[[[-1, -2], [-4, 0]]]]), 2))
    attempt("max_pool2d bool", lambda: F.max_pool2d(torch.ones(1, 1, 4, 4, dtype=torch.bool), 2))
    attempt("dropout2d 2d", lambda: F.dropout2d(torch.ones(2, 2), 0.5, training=False).shape)
    attempt("dropout2d 3d", lambda: F.dropout2d(torch.ones(2, 2, 2), 0.5, training=False).shape)
    attempt("unflatten sizes", lambda: nn.Unflatten(1, (2, 3))(torch.ones(2, 4)))
    attempt("conv bool", lambda: F.conv2d(torch.ones(1, 1, 3, 3, dtype=torch.bool), torch.ones(1, 1, 2, 2, dtype=torch.bool)))
    attempt("conv bias dtype", lambda: F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2), torch.ones(1, dtype=torch.float64)))
    attempt("conv stride 3 ints", lambda: F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2), stride=(1, 1, 1)))
    attempt("conv padding list", lambda: F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2), padding=[1, 0]).shape)
    attempt("conv stride (2,)", lambda: F.conv2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, 2, 2), stride=(2,)).shape)
    attempt("Conv2d 5d input", lambda: nn.Conv2d(1, 1, 2)(torch.ones(1, 1, 1, 3, 3)))
    attempt("conv empty batch", lambda: F.conv2d(torch.ones(0, 1, 3, 3), torch.ones(1, 1, 2, 2)).shape)
    attempt("MaxPool1d unbatched", lambda: nn.MaxPool1d(2)(torch.arange(6.).reshape(1, 6)))
""")
