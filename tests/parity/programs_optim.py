"""Optimizers: SGD (momentum, param groups, zero_grad), Adam, RMSprop, Adagrad; their steps,
reprs and errors."""

from textwrap import dedent as _d

from ._sources import SHOW

PROGRAMS = {}


# ------------------------------------------------------------ optim.SGD
PROGRAMS["optim_sgd_step"] = _d("""\
    w = torch.tensor([1., -1.], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)
    loss = (w ** 2).sum()
    loss.backward()
    print(w.grad)
    opt.step()
    print(w)
    opt.zero_grad()
    print(w.grad)
""")

PROGRAMS["optim_sgd_linear_regression"] = _d("""\
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
""")

PROGRAMS["optim_sgd_momentum"] = _d("""\
    w = torch.tensor([2.], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    for i in range(3):
        opt.zero_grad()
        (w ** 2).sum().backward()
        opt.step()
        print(w)
""")

PROGRAMS["optim_sgd_rounds_each_update_once"] = _d("""\
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
""")

PROGRAMS["optim_adam_state_rounds_as_pytorch"] = _d("""\
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
""")

PROGRAMS["optim_sgd_param_groups"] = _d("""\
    w = torch.tensor([1.], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.5)
    print(len(opt.param_groups), opt.param_groups[0]["lr"])
    opt.param_groups[0]["lr"] = 0.25
    (3 * w).sum().backward()
    opt.step()
    print(w)
""")

PROGRAMS["optim_zero_grad_set_to_none_false"] = _d("""\
    w = torch.tensor([1., 2.], requires_grad=True)
    opt = torch.optim.SGD([w], lr=1.)
    (w * 2).sum().backward()
    opt.zero_grad(set_to_none=False)
    print(w.grad)
""")

# ------------------------------------------------------------ reprs, RMSprop, Adagrad, errors
PROGRAMS["optim_reprs"] = _d("""\
    p = nn.Parameter(torch.tensor([1., 2.]))
    print(torch.optim.RMSprop([p]))
    print(torch.optim.Adagrad([p]))
    print(torch.optim.RMSprop([p], lr=0.1, momentum=0.9, centered=True, weight_decay=0.01))
    print(torch.optim.Adagrad([p], lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1))
""")

PROGRAMS["optim_rmsprop_steps"] = _d("""\
    for kwargs in [{}, {"momentum": 0.9}, {"centered": True}, {"centered": True, "momentum": 0.5, "weight_decay": 0.1},
                   {"maximize": True, "alpha": 0.5}]:
        w = torch.tensor([1., -2., 3.], requires_grad=True)
        opt = torch.optim.RMSprop([w], **kwargs)
        for _ in range(4):
            opt.zero_grad()
            ((w - 0.5) ** 2 * torch.tensor([1., 2., 3.])).sum().backward()
            opt.step()
        print(kwargs, w)
        print(opt.state_dict()["state"])
""")

PROGRAMS["optim_adagrad_steps"] = _d("""\
    for kwargs in [{}, {"lr_decay": 0.1}, {"initial_accumulator_value": 0.5, "weight_decay": 0.1}, {"maximize": True}]:
        w = torch.tensor([1., -2., 3.], requires_grad=True)
        opt = torch.optim.Adagrad([w], lr=0.1, **kwargs)
        print(opt.state_dict()["state"])
        for _ in range(4):
            opt.zero_grad()
            ((w - 0.5) ** 2 * torch.tensor([1., 2., 3.])).sum().backward()
            opt.step()
        print(kwargs, w)
        print(opt.state_dict())
""")

PROGRAMS["optim_errors"] = SHOW + _d("""\
    p = nn.Parameter(torch.tensor([1., 2.]))
    for kw in [dict(lr=-1), dict(eps=-1), dict(momentum=-1), dict(weight_decay=-1), dict(alpha=-1)]:
        show(lambda: torch.optim.RMSprop([p], **kw))
    for kw in [dict(lr=-1), dict(eps=-1), dict(lr_decay=-1), dict(weight_decay=-1), dict(initial_accumulator_value=-1)]:
        show(lambda: torch.optim.Adagrad([p], **kw))
""")
