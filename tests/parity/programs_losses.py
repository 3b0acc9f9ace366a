"""Loss functions (nn.functional and their modules): mse, binary_cross_entropy(_with_logits),
cross_entropy, nll, smooth_l1, huber, kl_div; reductions, weights, target checks and legacy
size_average/reduce."""

from textwrap import dedent as _d

from ._sources import SHOW, SHOW_DTYPE

PROGRAMS = {}


# ------------------------------------------------------------ mse
PROGRAMS["F_mse_loss_mean"] = _d("""\
    pred = torch.tensor([1., 2., 3.], requires_grad=True)
    target = torch.tensor([1.5, 2., 2.])
    loss = F.mse_loss(pred, target)
    print(loss)
    print(loss.grad_fn, loss.grad_fn.next_functions)
    loss.backward()
    print(pred.grad)
""")

PROGRAMS["F_mse_loss_reductions"] = _d("""\
    pred = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    target = torch.zeros(2, 2)
    print(F.mse_loss(pred, target, reduction="sum"))
    none = F.mse_loss(pred, target, reduction="none")
    print(none)
    none.sum().backward()
    print(pred.grad)
""")

PROGRAMS["F_mse_loss_shape_mismatch_warning"] = _d("""\
    pred = torch.tensor([1., 2.])
    target = torch.tensor([[1.], [3.]])
    loss = F.mse_loss(pred, target)
    print(loss)
""")

PROGRAMS["F_mse_loss_target_requires_grad"] = _d("""\
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([2., 4.], requires_grad=True)
    loss = F.mse_loss(a, b)
    loss.backward()
    print(loss, a.grad, b.grad)
""")

# ------------------------------------------------------------ bce
PROGRAMS["F_binary_cross_entropy"] = _d("""\
    p = torch.tensor([0.9, 0.2, 0.6], requires_grad=True)
    t = torch.tensor([1., 0., 1.])
    loss = F.binary_cross_entropy(p, t)
    print(loss)
    print(loss.grad_fn.name())
    loss.backward()
    print(p.grad)
""")

PROGRAMS["F_binary_cross_entropy_sum_and_none"] = _d("""\
    p = torch.tensor([0.5, 0.25])
    t = torch.tensor([1., 0.])
    print(F.binary_cross_entropy(p, t, reduction="sum"))
    print(F.binary_cross_entropy(p, t, reduction="none"))
""")

PROGRAMS["F_binary_cross_entropy_clamps_log"] = _d("""\
    p = torch.tensor([0., 1.])
    t = torch.tensor([1., 0.])
    print(F.binary_cross_entropy(p, t))
    print(F.binary_cross_entropy(p, t, reduction="none"))
""")

PROGRAMS["F_binary_cross_entropy_out_of_range"] = _d("""\
    F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.]))
""")

PROGRAMS["F_binary_cross_entropy_sigmoid_pipeline"] = _d("""\
    z = torch.tensor([0.5, -1.5], requires_grad=True)
    t = torch.tensor([1., 0.])
    loss = F.binary_cross_entropy(torch.sigmoid(z), t)
    loss.backward()
    print(loss)
    print(z.grad)
""")

PROGRAMS["F_bce_with_logits"] = _d("""\
    z = torch.tensor([0.5, -1.5, 3.], requires_grad=True)
    t = torch.tensor([1., 0., 0.])
    loss = F.binary_cross_entropy_with_logits(z, t)
    print(loss)
    print(loss.grad_fn.name())
    loss.backward()
    print(z.grad)
""")

PROGRAMS["F_bce_with_logits_reductions"] = _d("""\
    z = torch.tensor([[0., 2.], [-2., 1.]])
    t = torch.tensor([[1., 1.], [0., 0.]])
    print(F.binary_cross_entropy_with_logits(z, t, reduction="sum"))
    print(F.binary_cross_entropy_with_logits(z, t, reduction="none"))
""")

PROGRAMS["F_bce_with_logits_extreme"] = _d("""\
    z = torch.tensor([100., -100.])
    t = torch.tensor([0., 1.])
    print(F.binary_cross_entropy_with_logits(z, t))
""")

# ------------------------------------------------------------ ce / nll
PROGRAMS["F_cross_entropy_indices"] = _d("""\
    logits = torch.tensor([[2., 1., 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
    target = torch.tensor([0, 1])
    loss = F.cross_entropy(logits, target)
    print(loss)
    print(loss.grad_fn.name(), loss.grad_fn.next_functions)
    loss.backward()
    print(logits.grad)
""")

PROGRAMS["F_cross_entropy_reductions"] = _d("""\
    logits = torch.tensor([[1., 2.], [3., 1.]])
    target = torch.tensor([1, 1])
    print(F.cross_entropy(logits, target, reduction="sum"))
    print(F.cross_entropy(logits, target, reduction="none"))
""")

PROGRAMS["F_cross_entropy_single_sample"] = _d("""\
    logits = torch.tensor([1., 2., 3.], requires_grad=True)
    loss = F.cross_entropy(logits, torch.tensor(2))
    print(loss)
    loss.backward()
    print(logits.grad)
""")

PROGRAMS["F_cross_entropy_float_target_probs"] = _d("""\
    logits = torch.tensor([[1., 2., 3.]])
    probs = torch.tensor([[0., 0.5, 0.5]])
    print(F.cross_entropy(logits, probs))
""")

PROGRAMS["F_cross_entropy_target_out_of_range"] = _d("""\
    F.cross_entropy(torch.tensor([[1., 2.]]), torch.tensor([2]))
""")

PROGRAMS["F_nll_loss_target_rows"] = _d("""\
    # Which rows count: ignored ones (-100, or an index inside the class range), empty batches.
    x = torch.tensor([[0.5, 1.5, 2.], [1., 0., 2.], [3., 1., 0.5]], requires_grad=True)
    for t, ignore in (([0, -100, 2], -100), ([0, 1, 2], 1), ([1, 1, 1], 1), ([2, 0, 1], 5)):
        for reduction in ("none", "mean", "sum"):
            loss = F.nll_loss(x, torch.tensor(t), ignore_index=ignore, reduction=reduction)
            (g,) = torch.autograd.grad(loss.sum(), x)
            print(t, ignore, reduction, loss.detach(), g)
    print(F.nll_loss(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long)))
    print(F.nll_loss(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long), reduction="sum"))
    try:
        F.nll_loss(x, torch.tensor([0, -3, 1]))
    except IndexError as e:
        print(e)
""")

PROGRAMS["F_nll_loss"] = _d("""\
    x = torch.tensor([[0.2, 1.5, -0.3], [1., 0., 2.]], requires_grad=True)
    logp = F.log_softmax(x, dim=1)
    loss = F.nll_loss(logp, torch.tensor([1, 2]))
    print(loss)
    print(loss.grad_fn.name(), loss.grad_fn.next_functions)
    loss.backward()
    print(x.grad)
""")

PROGRAMS["F_nll_loss_plain_values"] = _d("""\
    logp = torch.tensor([[-1., -2., -3.], [-0.5, -4., -1.]])
    print(F.nll_loss(logp, torch.tensor([2, 0])))
    print(F.nll_loss(logp, torch.tensor([2, 0]), reduction="none"))
    print(F.nll_loss(logp, torch.tensor([2, 0]), reduction="sum"))
""")

PROGRAMS["F_nll_loss_wrong_target_dtype"] = _d("""\
    F.nll_loss(torch.tensor([[-1., -2.]]), torch.tensor([1.]))
""")

# ------------------------------------------------------------ small modules
PROGRAMS["nn_mse_loss_module"] = _d("""\
    crit = nn.MSELoss()
    print(crit)
    pred = torch.tensor([1., 3.], requires_grad=True)
    loss = crit(pred, torch.tensor([2., 2.]))
    loss.backward()
    print(loss, pred.grad)
""")

# ------------------------------------------------------------ dtype, target and weight checks
PROGRAMS["F_cross_entropy_target_checks"] = SHOW_DTYPE + _d("""\
    x = torch.tensor([[1., 2., 3.], [0., -1., 2.], [1., 1., 1.], [2., 0., -1.]])
    t = torch.tensor([0, 1, 2, 1])
    show(lambda: F.cross_entropy(x, t.view(-1, 1)))
    show(lambda: F.cross_entropy(x, t.float()))
    show(lambda: nn.CrossEntropyLoss()(torch.ones(2, 3), torch.tensor([0., 1.])))
    show(lambda: F.cross_entropy(torch.ones(4, 1), torch.tensor([0., 1., 1., 0.])))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 4)))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(3, 3)))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3, 1)))
    for dt in (torch.int32, torch.int16, torch.int8, torch.bool, torch.uint8):
        show(lambda: F.cross_entropy(x, t.to(dt)))
    show(lambda: F.cross_entropy(x, t, weight=torch.ones(2)))
    show(lambda: nn.CrossEntropyLoss(weight=torch.ones(4))(x, t))
    show(lambda: F.cross_entropy(x, t, weight=torch.ones(1, 3)))
    show(lambda: F.cross_entropy(x, t, weight=torch.ones(3, dtype=torch.float64)))
    show(lambda: F.cross_entropy(x, t, weight=torch.ones(3, dtype=torch.int64)))
    show(lambda: F.cross_entropy(x.double(), t, weight=torch.ones(3)))
    show(lambda: F.cross_entropy(torch.ones(2, 3, 4), torch.zeros(2, 3, dtype=torch.int64)))
    show(lambda: F.cross_entropy(torch.ones(2, 3, 4), torch.zeros(2, dtype=torch.int64)))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor(1)))
    show(lambda: F.cross_entropy(torch.tensor([1., -1., 2., 0.]), torch.tensor([0, 1, 1, 0])))
    show(lambda: F.cross_entropy(torch.tensor(1.), torch.tensor(0)))
    show(lambda: F.cross_entropy(torch.tensor(1.), torch.tensor(0.)))
    show(lambda: F.cross_entropy(torch.tensor([1., 2., 3.]), torch.tensor(2)))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3) / 3, ignore_index=1))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3, dtype=torch.int64), ignore_index=1))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3) / 3, weight=torch.ones(2)))
    show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3) / 3, weight=torch.ones(3, dtype=torch.float64)))
    show(lambda: F.cross_entropy(torch.ones(2, 0), torch.tensor([0, 0])))
    show(lambda: F.cross_entropy(torch.ones(2, 3, dtype=torch.int64), torch.tensor([0, 1])))
    show(lambda: F.cross_entropy(x, t, reduction="avg"))
""")

PROGRAMS["F_cross_entropy_label_smoothing_range"] = SHOW_DTYPE + _d("""\
    x = torch.tensor([[1., 2., 3.], [0., -1., 2.], [1., 1., 1.], [2., 0., -1.]], requires_grad=True)
    t = torch.tensor([0, 1, 2, 1])
    p = torch.tensor([[0.2, 0.3, 0.5], [1., 0., 0.], [0., 0., 1.], [0.5, 0.5, 0.]])
    for ls in (-0.1, -2.0, 0.0, 0.3, 1.0, 1.5):
        show(lambda: F.cross_entropy(x, t, label_smoothing=ls))
        show(lambda: F.cross_entropy(x, p, label_smoothing=ls))
    loss = F.cross_entropy(x, t, label_smoothing=-0.1)
    print(loss.grad_fn.name())
    loss.backward()
    print(x.grad)
    show(lambda: nn.CrossEntropyLoss(label_smoothing=-0.5)(x, t))
    show(lambda: F.cross_entropy(torch.ones(2, 3, dtype=torch.int64), torch.ones(2, 3), label_smoothing=2.0))
""")

PROGRAMS["F_nll_loss_target_and_weight_checks"] = SHOW_DTYPE + _d("""\
    L, d = torch.int64, torch.float64
    x = torch.tensor([[-1., -2., -3.], [-0.5, -1., -2.]])
    show(lambda: F.nll_loss(x, torch.tensor([[0], [1]])))
    show(lambda: F.nll_loss(x, torch.ones(2, 3)))
    show(lambda: F.nll_loss(x, torch.tensor([0, 1], dtype=torch.int32)))
    show(lambda: F.nll_loss(x, torch.tensor([2, 0], dtype=torch.uint8)))
    show(lambda: F.nll_loss(x, torch.tensor([2, 0], dtype=torch.uint8), reduction="none"))
    show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(2)))
    show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(1, 3)))
    show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(3, dtype=d)))
    show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(3, dtype=d), reduction="none"))
    show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(3, dtype=L)))
    show(lambda: F.nll_loss(x, torch.tensor([0, 5])))
    show(lambda: F.nll_loss(x, torch.tensor([0, 5]), weight=torch.ones(3, dtype=d)))
    # which check comes first
    show(lambda: F.nll_loss(x, torch.zeros(2, dtype=torch.int32), weight=torch.ones(2)))
    show(lambda: F.nll_loss(x, torch.zeros(2, 1, dtype=L), weight=torch.ones(2)))
    show(lambda: F.nll_loss(x.long(), torch.zeros(2, dtype=torch.int32)))
    show(lambda: F.nll_loss(x.long(), torch.zeros(2, dtype=L), weight=torch.ones(2)))
    show(lambda: F.nll_loss(x.long(), torch.zeros(2, dtype=L), weight=torch.ones(3, dtype=d)))
    for dt in (torch.int64, torch.int32, torch.bool):
        show(lambda: F.nll_loss(torch.ones(2, 3, dtype=dt), torch.tensor([0, 1])))
    # 0-D and 1-D input
    show(lambda: F.nll_loss(torch.tensor(1.), torch.tensor(0)))
    show(lambda: F.nll_loss(torch.tensor([-1., -2., -3.]), torch.tensor(2)))
    show(lambda: F.nll_loss(torch.tensor([-1., -2., -3.]), torch.tensor([2])))
    show(lambda: F.nll_loss(torch.tensor([-1., -2., -3.]), torch.tensor([2]), reduction="none"))
    show(lambda: F.nll_loss(torch.tensor([-1., -2., -3., -4.]), torch.tensor([0, 1, 1, 0])))
    show(lambda: F.nll_loss(torch.ones(4), torch.zeros(4, dtype=torch.int32)))
    show(lambda: F.nll_loss(torch.ones(4), torch.zeros(4, dtype=L), weight=torch.ones(2)))
    show(lambda: F.nll_loss(torch.ones(4), torch.zeros(1, 1, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(4), torch.tensor(1.)))
    show(lambda: F.nll_loss(torch.ones(4, dtype=L), torch.tensor(1)))
    show(lambda: F.nll_loss(torch.ones(2, 3), torch.tensor(1)))
    # (N, C, d1, ...) input
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 3, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 3, dtype=torch.int32)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=torch.int32)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L), weight=torch.ones(2)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L), weight=torch.ones(1, 3)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L), weight=torch.ones(3, dtype=d)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, dtype=L), torch.zeros(2, 4, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, 4, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 20, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(3, 4, 5, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, 4, dtype=torch.int32)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, 4, dtype=L), weight=torch.ones(2)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5, dtype=torch.int32), torch.zeros(2, 4, 5, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5, 6), torch.zeros(2, 4, 5, dtype=L)))
    show(lambda: F.nll_loss(torch.ones(0, 3), torch.zeros(0, dtype=L), weight=torch.ones(2)))
    show(lambda: F.nll_loss(torch.ones(0, 3), torch.zeros(0)))
    show(lambda: F.nll_loss(torch.ones(2, 0), torch.tensor([0, 0])))
""")

PROGRAMS["F_nll_loss_spatial_weight_grad"] = _d("""\
    x = torch.tensor([[[-1., -2.], [-0.5, -3.]], [[-2., -1.], [-1., -0.25]]], requires_grad=True)
    t = torch.tensor([[0, 1], [1, 1]])
    loss = F.nll_loss(x, t, weight=torch.tensor([[1., 2.]]))
    print(loss)
    loss.backward()
    print(x.grad)
    for red in ("mean", "sum", "none"):
        out = F.nll_loss(x, t, reduction=red)
        print(out, out.grad_fn.next_functions)
        out = F.cross_entropy(x, t, reduction=red)
        print(out, out.grad_fn.next_functions)
    x4 = torch.arange(24.).view(2, 3, 2, 2).requires_grad_()
    t4 = torch.tensor([[[0, 1], [2, 0]], [[1, 1], [2, -100]]])
    for red in ("mean", "none"):
        out = F.nll_loss(x4, t4, reduction=red)
        print(out, out.grad_fn.next_functions)
    g, = torch.autograd.grad(F.nll_loss(x4, t4), x4, create_graph=True)
    print(g.grad_fn, g.grad_fn.next_functions)
    x5 = torch.arange(24.).view(2, 3, 2, 1, 2).requires_grad_()
    out = F.cross_entropy(x5, t4.view(2, 2, 1, 2), reduction="none")
    print(out.shape, out.grad_fn.next_functions[0][0].next_functions)
    out.sum().backward()
    print(x5.grad.view(2, 3, 4))
    print(F.nll_loss(torch.ones(0, 3, 2), torch.zeros(0, 2, dtype=torch.int64), reduction="none"))
    print(F.nll_loss(torch.ones(0, 3, 2), torch.zeros(0, 2, dtype=torch.int64)))
""")

PROGRAMS["F_binary_cross_entropy_dtype_range_weight_checks"] = SHOW_DTYPE + _d("""\
    bce = F.binary_cross_entropy
    p = torch.tensor([0.25, 0.5, 0.75, 0.5])
    t = torch.tensor([0, 1, 1, 0])
    for dt in (torch.int64, torch.bool, torch.int32, torch.float64, torch.float16):
        show(lambda: bce(p, t.to(dt)))
    show(lambda: nn.BCELoss()(p, t))
    show(lambda: bce(p.double(), t.float()))
    show(lambda: bce(p.double(), t.double()))
    show(lambda: bce(torch.tensor([0, 1]), torch.tensor([0., 1.])))
    show(lambda: bce(torch.tensor([0, 1]), torch.tensor([0, 1])))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 2.])))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., -0.5]), reduction="none"))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., float("nan")])))
    show(lambda: bce(torch.tensor([float("nan")]), torch.tensor([1.])))
    show(lambda: bce(torch.tensor([1.5]), torch.tensor([2.])))
    show(lambda: bce(torch.tensor([0., 1.]), torch.tensor([0., 1.])))
    show(lambda: bce(p, t.float() * 2 - 1 + 1))
    show(lambda: bce(torch.tensor([0.5]), torch.tensor([1.]), weight=torch.ones(2)))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(3)))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(2, 1)))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(2, 3)))
    show(lambda: bce(torch.ones(2, 3) / 2, torch.ones(2, 3), weight=torch.ones(2)))
    show(lambda: bce(torch.ones(2, 3) / 2, torch.ones(2, 3), weight=torch.tensor([1., 2., 3.])))
    show(lambda: bce(torch.ones(2, 3) / 2, torch.ones(2, 3), weight=torch.tensor([[1.], [2.]])))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(2, dtype=torch.float64)))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1, 0]), weight=torch.ones(3)))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 3.]), weight=torch.ones(3)))
    show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1])))
    show(lambda: bce(torch.ones(0), torch.ones(0)))
    show(lambda: F.mse_loss(torch.ones(0), torch.ones(0)))
    w = torch.tensor([0.2, 0.7], requires_grad=True)
    loss = bce(w, torch.tensor([0., 1.]), weight=torch.tensor([[1.], [3.]]).view(2))
    loss.backward()
    print(loss, w.grad)
""")

PROGRAMS["F_bce_with_logits_target_dtype_and_weights"] = SHOW_DTYPE + _d("""\
    bcel = F.binary_cross_entropy_with_logits
    x = torch.tensor([0.5, -1.])
    for dt in (torch.int64, torch.int32, torch.uint8, torch.bool):
        show(lambda: bcel(x, torch.tensor([0, 1]).to(dt)))
        show(lambda: bcel(x.half(), torch.tensor([0, 1]).to(dt)))
    show(lambda: nn.BCEWithLogitsLoss()(x, torch.tensor([0, 1])))
    show(lambda: bcel(torch.tensor([1, 2]), torch.ones(2)))
    show(lambda: bcel(torch.tensor([1, 2]), torch.tensor([1, 0])))
    show(lambda: bcel(torch.tensor([True, False]), torch.ones(2)))
    show(lambda: bcel(x, torch.tensor([0., 1.], dtype=torch.float64)))
    show(lambda: bcel(x.double(), torch.tensor([0., 1.])))
    show(lambda: bcel(x, torch.tensor([0., 1.]).half()))
    show(lambda: bcel(x.half(), torch.tensor([0., 1.])))
    show(lambda: bcel(x, torch.tensor([0., 1.]), pos_weight=torch.ones(3)))
    show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(3)))
    show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(2, 1)))
    show(lambda: bcel(x, torch.tensor([0., 1.]), pos_weight=torch.ones(2, 1)))
    show(lambda: bcel(x, torch.tensor([0., 1.]), pos_weight=torch.ones(2, dtype=torch.float64) * 2))
    show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(2, dtype=torch.float64) * 2))
    show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(2, dtype=torch.int64) * 2))
    show(lambda: bcel(torch.ones(2, 3), torch.ones(2, 3), weight=torch.ones(2, 1), pos_weight=torch.tensor([1., 2., 3.])))
    show(lambda: bcel(torch.ones(2, 3), torch.ones(2, 3), weight=torch.ones(3), pos_weight=torch.ones(2)))
    show(lambda: bcel(x, torch.tensor([0, 1]), pos_weight=torch.ones(2)))
    show(lambda: bcel(x, torch.tensor([0, 1]), weight=torch.ones(3)))
    show(lambda: bcel(x, torch.tensor([False, True]), pos_weight=torch.ones(2)))
    show(lambda: bcel(x, torch.tensor([2., 1.])))
    show(lambda: bcel(x, torch.tensor([0., 1., 1.])))
    a = torch.tensor([0.5, -1.], requires_grad=True)
    loss = bcel(a, torch.tensor([0., 1.], dtype=torch.float64), pos_weight=torch.tensor([2., 3.]))
    loss.backward()
    print(loss, a.grad)
""")

PROGRAMS["F_mse_loss_broadcast_error_dtypes_and_weight"] = SHOW_DTYPE + _d("""\
    import warnings
    warnings.simplefilter("always")
    show(lambda: F.mse_loss(torch.ones(3), torch.ones(4)))
    show(lambda: F.mse_loss(torch.ones(2, 3), torch.ones(4, 1, 2)))
    show(lambda: F.mse_loss(torch.ones(3), torch.ones(4), reduction="x"))
    show(lambda: F.mse_loss(torch.ones(3), torch.ones(3), reduction="x"))
    for dt in (torch.int64, torch.int32, torch.uint8, torch.bool):
        show(lambda: F.mse_loss(torch.ones(2, dtype=dt), torch.zeros(2, dtype=dt)))
        show(lambda: F.mse_loss(torch.tensor([1.5, 2.]), torch.tensor([1, 3]).to(dt)))
    show(lambda: F.mse_loss(torch.tensor([1, 3]), torch.tensor([1.5, 2.])))
    show(lambda: F.mse_loss(torch.tensor([1, 3]), torch.tensor([1, 2], dtype=torch.int32)))
    show(lambda: F.mse_loss(torch.tensor([1.5, 2.]), torch.tensor([1., 3.], dtype=torch.float64)))
    show(lambda: F.mse_loss(torch.tensor([1.5, 2.]), torch.tensor([1., 3.]).half()))
    a = torch.tensor([1.5, 2.], requires_grad=True)
    loss = F.mse_loss(a, torch.tensor([1, 3]))
    loss.backward()
    print(loss, a.grad)
    w = torch.tensor([1., 2., 3.])
    b = torch.tensor([1., 2., 4.], requires_grad=True)
    for red in ("mean", "sum", "none"):
        out = F.mse_loss(b, torch.zeros(3), weight=w, reduction=red)
        print(out, out.grad_fn.name())
    F.mse_loss(b, torch.zeros(3), weight=w).backward()
    print(b.grad)
    show(lambda: F.mse_loss(b, torch.zeros(3), weight=torch.ones(2)))
    show(lambda: F.mse_loss(b, torch.zeros(3), weight=w, reduction="x"))
""")

PROGRAMS["F_losses_legacy_size_average_reduce"] = _d("""\
    import warnings
    warnings.simplefilter("always")
    p = torch.tensor([0.25, 0.5, 0.75])
    t = torch.tensor([0., 1., 1.])
    x = torch.tensor([[1., 2., 3.], [0., -1., 2.]])
    c = torch.tensor([0, 2])
    for kw in ({"reduce": False}, {"size_average": False}, {"size_average": True, "reduce": True}):
        print(kw)
        print(F.mse_loss(p, t, **kw))
        print(F.l1_loss(p, t, **kw))
        print(F.binary_cross_entropy(p, t, **kw))
        print(F.binary_cross_entropy_with_logits(p, t, **kw))
        print(F.nll_loss(x, c, **kw))
        print(F.cross_entropy(x, c, **kw))
        print(nn.MSELoss(**kw)(p, t), nn.NLLLoss(**kw)(x, c))
""")

# ------------------------------------------------------------ smooth_l1 / huber
PROGRAMS["F_smooth_l1_loss"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
    t = torch.tensor([[1.5, 2., 0.], [4., 2., -1.]])
    for red in ["mean", "sum", "none"]:
        loss = F.smooth_l1_loss(x, t, reduction=red)
        print(loss)
        loss.sum().backward()
        print(x.grad)
        x.grad = None
    loss = F.smooth_l1_loss(x, t, beta=0.5)
    print(loss, loss.grad_fn.next_functions, loss.grad_fn._saved_beta, loss.grad_fn._saved_reduction)
    loss.backward()
    print(x.grad)
    print(F.smooth_l1_loss(x, t, beta=0.0))
""")

PROGRAMS["F_smooth_l1_target_grad_and_broadcast"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
    t = torch.tensor([1.5, 2., 0.], requires_grad=True)
    loss = F.smooth_l1_loss(x, t)
    print(loss, loss.grad_fn.next_functions)
    loss.backward()
    print(x.grad, t.grad)
""")

PROGRAMS["F_huber_loss"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
    t = torch.tensor([[1.5, 2., 0.], [4., 2., -1.]])
    for red in ["mean", "sum", "none"]:
        loss = F.huber_loss(x, t, reduction=red, delta=0.5)
        print(loss)
        loss.sum().backward()
        print(x.grad)
        x.grad = None
    loss = F.huber_loss(x, t)
    print(loss.grad_fn._saved_delta, loss.grad_fn._saved_reduction)
    w = torch.tensor([[1., 2., 0.], [0.5, 1., 1.]])
    loss = F.huber_loss(x, t, weight=w)
    print(loss, loss.grad_fn.name())
    loss.backward()
    print(x.grad)
""")

PROGRAMS["F_smooth_l1_huber_errors"] = SHOW + _d("""\
    x, t = torch.ones(2, 3), torch.zeros(2, 3)
    show(lambda: F.smooth_l1_loss(x, t, beta=-1.0))
    show(lambda: F.huber_loss(x, t, delta=0.0))
    show(lambda: F.huber_loss(x, t, delta=-1.0))
    show(lambda: F.smooth_l1_loss(x, t, reduction="bad"))
    show(lambda: F.huber_loss(x, t, reduction="bad"))
    show(lambda: F.huber_loss(x, t, weight=torch.ones(3)))
    show(lambda: F.smooth_l1_loss(x, torch.zeros(2)))
""")

PROGRAMS["F_smooth_l1_size_warning"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]])
    print(F.smooth_l1_loss(x, torch.tensor([1., 0., 2.])))
    print(F.huber_loss(x, torch.tensor([1., 0., 2.])))
""")

PROGRAMS["nn_loss_modules"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
    t = torch.tensor([[1.5, 2., 0.], [4., 2., -1.]])
    for m in [nn.SmoothL1Loss(), nn.SmoothL1Loss(beta=0.5, reduction="sum"), nn.HuberLoss(),
              nn.HuberLoss(delta=2.0, reduction="none")]:
        print(m, m.reduction, getattr(m, "beta", None), getattr(m, "delta", None), m(x, t))
    print(nn.KLDivLoss(), nn.KLDivLoss(reduction="batchmean", log_target=True).log_target)
    print(nn.SmoothL1Loss(size_average=False).reduction)
""")

# ------------------------------------------------------------ kl_div
PROGRAMS["F_kl_div_reductions"] = _d("""\
    x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
    t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.0, 0.4]])
    for red in ["sum", "none", "batchmean"]:
        loss = F.kl_div(x, t, reduction=red)
        print(loss, loss.grad_fn.name(), loss.grad_fn.next_functions)
        loss.sum().backward()
        print(x.grad)
        x.grad = None
""")

PROGRAMS["F_kl_div_mean_warns"] = _d("""\
    x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
    t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]])
    loss = F.kl_div(x, t)
    print(loss, loss.grad_fn.name())
    loss.backward()
    print(x.grad)
    print(nn.KLDivLoss()(x, t))
""")

PROGRAMS["F_kl_div_log_target"] = _d("""\
    x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
    t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]).log()
    loss = F.kl_div(x, t, reduction="batchmean", log_target=True)
    print(loss, loss.grad_fn.next_functions[0][0].name(), loss.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)
    loss.backward()
    print(x.grad)
    print(nn.KLDivLoss(reduction="sum", log_target=True)(x, t))
""")

PROGRAMS["F_kl_div_target_grad"] = _d("""\
    x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
    t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]], requires_grad=True)
    loss = F.kl_div(x, t, reduction="sum")
    sub = loss.grad_fn.next_functions[0][0]
    print(loss, sub.name(), [f[0].name() for f in sub.next_functions])
    loss.backward()
    print(x.grad, t.grad, sep="\\n")
""")

PROGRAMS["F_kl_div_errors_and_legacy"] = SHOW + _d("""\
    x = torch.tensor([[-1., -2.], [-0.3, -1.2]])
    t = torch.tensor([[0.2, 0.8], [0.6, 0.4]])
    show(lambda: F.kl_div(x, t, reduction="bad"))
    show(lambda: F.kl_div(x, torch.tensor([[1, 0], [0, 1]]), reduction="sum"))
    show(lambda: F.kl_div(torch.tensor([1, 2]), torch.tensor([0.5, 0.5]), reduction="sum"))
    show(lambda: F.kl_div(x, t, size_average=False))
    show(lambda: F.kl_div(x[0, 0], t[0, 0], reduction="batchmean"))
    show(lambda: F.kl_div(x, t[0], reduction="sum"))
    show(lambda: F.kl_div(x, t.double(), reduction="sum"))
""")
