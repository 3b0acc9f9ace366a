"""torch.nn.functional activations and losses, nn.Linear, optim.SGD."""

from textwrap import dedent as _d

PROGRAMS = {
    # ------------------------------------------------------------ activations
    "F_relu": _d("""\
        x = torch.tensor([-1., 0., 2.], requires_grad=True)
        y = F.relu(x)
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """),
    "F_sigmoid": _d("""\
        x = torch.tensor([-1., 0., 1.], requires_grad=True)
        y = F.sigmoid(x)
        print(y)
        y.sum().backward()
        print(x.grad)
    """),
    "F_tanh": _d("""\
        x = torch.tensor([-1., 0., 1.], requires_grad=True)
        y = F.tanh(x)
        print(y)
        y.sum().backward()
        print(x.grad)
    """),
    "F_softmax_log_softmax_match": _d("""\
        x = torch.tensor([[1., 2., 0.5]])
        print(F.softmax(x, dim=1))
        print(F.log_softmax(x, dim=1))
        print(torch.allclose(F.log_softmax(x, dim=1).exp(), F.softmax(x, dim=1)))
    """),
    # ------------------------------------------------------------ mse
    "F_mse_loss_mean": _d("""\
        pred = torch.tensor([1., 2., 3.], requires_grad=True)
        target = torch.tensor([1.5, 2., 2.])
        loss = F.mse_loss(pred, target)
        print(loss)
        print(loss.grad_fn, loss.grad_fn.next_functions)
        loss.backward()
        print(pred.grad)
    """),
    "F_mse_loss_reductions": _d("""\
        pred = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        target = torch.zeros(2, 2)
        print(F.mse_loss(pred, target, reduction="sum"))
        none = F.mse_loss(pred, target, reduction="none")
        print(none)
        none.sum().backward()
        print(pred.grad)
    """),
    "F_mse_loss_shape_mismatch_warning": _d("""\
        pred = torch.tensor([1., 2.])
        target = torch.tensor([[1.], [3.]])
        loss = F.mse_loss(pred, target)
        print(loss)
    """),
    "F_mse_loss_target_requires_grad": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([2., 4.], requires_grad=True)
        loss = F.mse_loss(a, b)
        loss.backward()
        print(loss, a.grad, b.grad)
    """),
    # ------------------------------------------------------------ bce
    "F_binary_cross_entropy": _d("""\
        p = torch.tensor([0.9, 0.2, 0.6], requires_grad=True)
        t = torch.tensor([1., 0., 1.])
        loss = F.binary_cross_entropy(p, t)
        print(loss)
        print(loss.grad_fn.name())
        loss.backward()
        print(p.grad)
    """),
    "F_binary_cross_entropy_sum_and_none": _d("""\
        p = torch.tensor([0.5, 0.25])
        t = torch.tensor([1., 0.])
        print(F.binary_cross_entropy(p, t, reduction="sum"))
        print(F.binary_cross_entropy(p, t, reduction="none"))
    """),
    "F_binary_cross_entropy_clamps_log": _d("""\
        p = torch.tensor([0., 1.])
        t = torch.tensor([1., 0.])
        print(F.binary_cross_entropy(p, t))
        print(F.binary_cross_entropy(p, t, reduction="none"))
    """),
    "F_binary_cross_entropy_out_of_range": _d("""\
        F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.]))
    """),
    "F_binary_cross_entropy_sigmoid_pipeline": _d("""\
        z = torch.tensor([0.5, -1.5], requires_grad=True)
        t = torch.tensor([1., 0.])
        loss = F.binary_cross_entropy(torch.sigmoid(z), t)
        loss.backward()
        print(loss)
        print(z.grad)
    """),
    "F_bce_with_logits": _d("""\
        z = torch.tensor([0.5, -1.5, 3.], requires_grad=True)
        t = torch.tensor([1., 0., 0.])
        loss = F.binary_cross_entropy_with_logits(z, t)
        print(loss)
        print(loss.grad_fn.name())
        loss.backward()
        print(z.grad)
    """),
    "F_bce_with_logits_reductions": _d("""\
        z = torch.tensor([[0., 2.], [-2., 1.]])
        t = torch.tensor([[1., 1.], [0., 0.]])
        print(F.binary_cross_entropy_with_logits(z, t, reduction="sum"))
        print(F.binary_cross_entropy_with_logits(z, t, reduction="none"))
    """),
    "F_bce_with_logits_extreme": _d("""\
        z = torch.tensor([100., -100.])
        t = torch.tensor([0., 1.])
        print(F.binary_cross_entropy_with_logits(z, t))
    """),
    # ------------------------------------------------------------ ce / nll
    "F_cross_entropy_indices": _d("""\
        logits = torch.tensor([[2., 1., 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
        target = torch.tensor([0, 1])
        loss = F.cross_entropy(logits, target)
        print(loss)
        print(loss.grad_fn.name(), loss.grad_fn.next_functions)
        loss.backward()
        print(logits.grad)
    """),
    "F_cross_entropy_reductions": _d("""\
        logits = torch.tensor([[1., 2.], [3., 1.]])
        target = torch.tensor([1, 1])
        print(F.cross_entropy(logits, target, reduction="sum"))
        print(F.cross_entropy(logits, target, reduction="none"))
    """),
    "F_cross_entropy_single_sample": _d("""\
        logits = torch.tensor([1., 2., 3.], requires_grad=True)
        loss = F.cross_entropy(logits, torch.tensor(2))
        print(loss)
        loss.backward()
        print(logits.grad)
    """),
    "F_cross_entropy_float_target_probs": _d("""\
        logits = torch.tensor([[1., 2., 3.]])
        probs = torch.tensor([[0., 0.5, 0.5]])
        print(F.cross_entropy(logits, probs))
    """),
    "F_cross_entropy_target_out_of_range": _d("""\
        F.cross_entropy(torch.tensor([[1., 2.]]), torch.tensor([2]))
    """),
    "F_nll_loss_target_rows": _d("""\
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
    """),
    "F_nll_loss": _d("""\
        x = torch.tensor([[0.2, 1.5, -0.3], [1., 0., 2.]], requires_grad=True)
        logp = F.log_softmax(x, dim=1)
        loss = F.nll_loss(logp, torch.tensor([1, 2]))
        print(loss)
        print(loss.grad_fn.name(), loss.grad_fn.next_functions)
        loss.backward()
        print(x.grad)
    """),
    "F_nll_loss_plain_values": _d("""\
        logp = torch.tensor([[-1., -2., -3.], [-0.5, -4., -1.]])
        print(F.nll_loss(logp, torch.tensor([2, 0])))
        print(F.nll_loss(logp, torch.tensor([2, 0]), reduction="none"))
        print(F.nll_loss(logp, torch.tensor([2, 0]), reduction="sum"))
    """),
    "F_nll_loss_wrong_target_dtype": _d("""\
        F.nll_loss(torch.tensor([[-1., -2.]]), torch.tensor([1.]))
    """),
    # ------------------------------------------------------------ linear
    "F_linear_with_bias": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]])
        w = torch.tensor([[0.5, -1.], [2., 0.]], requires_grad=True)
        b = torch.tensor([0.1, -0.1], requires_grad=True)
        y = F.linear(x, w, b)
        print(y)
        print(y.grad_fn.name(), y.grad_fn.next_functions)
        y.sum().backward()
        print(w.grad)
        print(b.grad)
    """),
    "F_linear_no_bias": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([[1., 1.], [2., -1.], [0., 3.]], requires_grad=True)
        y = F.linear(x, w)
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
        print(w.grad)
    """),
    "F_linear_1d_input_with_bias": _d("""\
        x = torch.tensor([1., 2.])
        w = torch.tensor([[3., 4.]], requires_grad=True)
        b = torch.tensor([0.5], requires_grad=True)
        y = F.linear(x, w, b)
        print(y, y.grad_fn.name())
    """),
    # ------------------------------------------------------------ nn.Linear
    "nn_linear_repr_and_shapes": _d("""\
        lin = nn.Linear(3, 2)
        print(lin)
        print(lin.weight.shape, lin.bias.shape)
        print(lin.in_features, lin.out_features)
        print(type(lin.weight).__name__, lin.weight.requires_grad, lin.weight.is_leaf)
        print(isinstance(lin.weight, torch.Tensor), isinstance(lin.weight, nn.Parameter))
        print(nn.Linear(4, 1, bias=False))
        print(nn.Linear(4, 1, bias=False).bias)
    """),
    "nn_linear_set_weights_no_grad": _d("""\
        lin = nn.Linear(2, 1)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor([[2., -1.]]))
            lin.bias.fill_(0.5)
        print(lin.weight)
        print(lin.bias)
        x = torch.tensor([[1., 1.], [3., 2.]])
        y = lin(x)
        print(y)
        print(y.grad_fn.name())
    """),
    "nn_linear_backward": _d("""\
        lin = nn.Linear(2, 2)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor([[1., 0.], [0.5, -1.]]))
            lin.bias.copy_(torch.tensor([0., 1.]))
        x = torch.tensor([[1., 2.], [3., 4.], [0., 1.]])
        out = lin(x).sum()
        out.backward()
        print(out)
        print(lin.weight.grad)
        print(lin.bias.grad)
    """),
    "nn_linear_parameters": _d("""\
        lin = nn.Linear(2, 1)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor([[0.25, 0.75]]))
            lin.bias.zero_()
        for name, p in lin.named_parameters():
            print(name, p.shape, p.requires_grad)
        params = list(lin.parameters())
        print(len(params), params[0] is lin.weight, params[1] is lin.bias)
        print(params[0])
    """),
    "nn_parameter_direct": _d("""\
        p = nn.Parameter(torch.tensor([1., 2.]))
        print(p)
        print(p.requires_grad, p.is_leaf, p.grad)
        q = nn.Parameter(torch.tensor([1.]), requires_grad=False)
        print(q)
        print(p * 2)
    """),
    "nn_linear_input_shape_error": _d("""\
        lin = nn.Linear(2, 1)
        lin(torch.ones(1, 3))
    """),
    "nn_linear_zero_grad": _d("""\
        lin = nn.Linear(2, 1)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor([[1., 1.]]))
            lin.bias.fill_(0.)
        lin(torch.tensor([[1., 2.]])).sum().backward()
        print(lin.weight.grad)
        lin.zero_grad()
        print(lin.weight.grad, lin.bias.grad)
    """),
    # ------------------------------------------------------------ optim.SGD
    "optim_sgd_step": _d("""\
        w = torch.tensor([1., -1.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1)
        loss = (w ** 2).sum()
        loss.backward()
        print(w.grad)
        opt.step()
        print(w)
        opt.zero_grad()
        print(w.grad)
    """),
    "optim_sgd_linear_regression": _d("""\
        lin = nn.Linear(1, 1)
        with torch.no_grad():
            lin.weight.fill_(0.)
            lin.bias.fill_(0.)
        opt = torch.optim.SGD(lin.parameters(), lr=0.05)
        X = torch.tensor([[1.], [2.], [3.], [4.]])
        Y = torch.tensor([[3.], [5.], [7.], [9.]])
        for epoch in range(5):
            opt.zero_grad()
            loss = F.mse_loss(lin(X), Y)
            loss.backward()
            opt.step()
            print(epoch, f"{loss.item():.4f}", f"{lin.weight.item():.4f}", f"{lin.bias.item():.4f}")
    """),
    "optim_sgd_momentum": _d("""\
        w = torch.tensor([2.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
        for i in range(3):
            opt.zero_grad()
            (w ** 2).sum().backward()
            opt.step()
            print(w)
    """),
    "optim_sgd_rounds_each_update_once": _d("""\
        # Every bit of a large parameter after a few steps: PyTorch fuses each a + alpha * b.
        import hashlib
        n = 4096
        ramp = torch.arange(n)
        for kwargs in [dict(lr=0.1), dict(lr=0.01, momentum=0.9),
                       dict(lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.1),
                       dict(lr=0.3, momentum=0.5, dampening=0.1, maximize=True)]:
            w = ((ramp * 37 % 101 - 50) / 7.0).requires_grad_()
            opt = torch.optim.SGD([w], **kwargs)
            for step in range(4):
                opt.zero_grad()
                w.grad = (ramp * (13 + step) % 89 - 44) / 9.0
                opt.step()
            print(hashlib.sha256(w.detach().numpy().tobytes()).hexdigest()[:16], w[:3].tolist())
    """),
    "optim_adam_state_rounds_as_pytorch": _d("""\
        # exp_avg (a lerp) and exp_avg_sq (mul, then addcmul) bit for bit on a large parameter.
        import hashlib
        n = 4096
        ramp = torch.arange(n)
        for kwargs in [dict(lr=0.1), dict(lr=0.01, betas=(0.3, 0.9), weight_decay=0.1)]:
            w = ((ramp * 37 % 101 - 50) / 7.0).requires_grad_()
            opt = torch.optim.Adam([w], **kwargs)
            for step in range(4):
                w.grad = (ramp * (13 + step) % 89 - 44) / 9.0
                opt.step()
            state = opt.state[w]
            for key in ("exp_avg", "exp_avg_sq"):
                print(key, hashlib.sha256(state[key].numpy().tobytes()).hexdigest()[:16])
    """),
    "optim_sgd_param_groups": _d("""\
        w = torch.tensor([1.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.5)
        print(len(opt.param_groups), opt.param_groups[0]["lr"])
        opt.param_groups[0]["lr"] = 0.25
        (3 * w).sum().backward()
        opt.step()
        print(w)
    """),
    "optim_zero_grad_set_to_none_false": _d("""\
        w = torch.tensor([1., 2.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=1.)
        (w * 2).sum().backward()
        opt.zero_grad(set_to_none=False)
        print(w.grad)
    """),
    # ------------------------------------------------------------ small modules
    "nn_mse_loss_module": _d("""\
        crit = nn.MSELoss()
        print(crit)
        pred = torch.tensor([1., 3.], requires_grad=True)
        loss = crit(pred, torch.tensor([2., 2.]))
        loss.backward()
        print(loss, pred.grad)
    """),
    "nn_sequential_relu": _d("""\
        model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
        with torch.no_grad():
            model[0].weight.copy_(torch.tensor([[1., -1.], [0.5, 0.5]]))
            model[0].bias.zero_()
            model[2].weight.copy_(torch.tensor([[2., 1.]]))
            model[2].bias.fill_(0.1)
        print(model)
        out = model(torch.tensor([[1., 2.], [3., 1.]]))
        print(out)
        out.sum().backward()
        print(model[0].weight.grad)
    """),
    "nn_module_subclass": _d("""\
        class Tiny(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(2, 1)
            def forward(self, x):
                return torch.sigmoid(self.fc(x))
        m = Tiny()
        with torch.no_grad():
            m.fc.weight.copy_(torch.tensor([[1., -1.]]))
            m.fc.bias.zero_()
        print(m)
        y = m(torch.tensor([[2., 1.]]))
        print(y)
        print(sum(p.numel() for p in m.parameters()))
    """),
    "F_more_activations_values_names_and_grads": _d("""\
        x = torch.tensor([-1.5, 0., 2., 30.], requires_grad=True)
        outs = [F.leaky_relu(x, 0.1), F.gelu(x), F.gelu(x, approximate="tanh"), F.softplus(x), F.elu(x),
                F.silu(x), torch.erf(x)]
        for y in outs:
            print(y, [a for a in dir(y.grad_fn) if a.startswith("_saved")])
        sum(y.sum() for y in outs).backward()
        print(x.grad)
    """),
    "nn_more_activation_modules": _d("""\
        print(nn.LeakyReLU(0.2), nn.GELU(), nn.GELU("tanh"), nn.SiLU(), nn.Softplus(), nn.ELU())
        print(nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(), nn.GELU()))
    """),
    "nn_utils_clip_grad": _d("""\
        w = torch.tensor([[3., 4.], [0., 0.]], requires_grad=True)
        b = torch.tensor([12., 0.], requires_grad=True)
        (w.sum() * 0 + (w * torch.tensor([[3., 4.], [0., 0.]])).sum() + (b * torch.tensor([12., 0.])).sum()).backward()
        print(nn.utils.clip_grad_norm_([w, b], 6.5))
        print(w.grad, b.grad)
        print(nn.utils.clip_grad_norm_([w, b], 100.0, norm_type=float("inf")))
        nn.utils.clip_grad_value_([w, b], 1.0)
        print(w.grad, b.grad)
    """),
}
