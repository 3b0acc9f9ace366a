"""Seeded randomness: these need autograd_lab's RNG to be bit-exact with
PyTorch's CPU generator (mt19937 plus PyTorch's own transformations)."""

from textwrap import dedent as _d

PROGRAMS = {
    "rand_manual_seed_rand": _d("""\
        torch.manual_seed(0)
        print(torch.rand(3))
        print(torch.rand(2, 2))
    """),
    "rand_manual_seed_randn": _d("""\
        torch.manual_seed(42)
        print(torch.randn(4))
        print(torch.randn(2, 3))
    """),
    "rand_randn_long_vector": _d("""\
        torch.manual_seed(1)
        print(torch.randn(20))
    """),
    "rand_reseed_repeats": _d("""\
        torch.manual_seed(7)
        a = torch.rand(3)
        torch.manual_seed(7)
        b = torch.rand(3)
        print(torch.equal(a, b), a)
    """),
    "rand_randint": _d("""\
        torch.manual_seed(0)
        print(torch.randint(0, 10, (6,)))
        print(torch.randint(5, (2, 3)))
        print(torch.randint(-3, 3, (4,)).dtype)
    """),
    "rand_randperm": _d("""\
        torch.manual_seed(3)
        print(torch.randperm(5))
        print(torch.randperm(10))
    """),
    "rand_requires_grad_and_dtype": _d("""\
        torch.manual_seed(5)
        w = torch.randn(3, requires_grad=True)
        print(w)
        (w * w).sum().backward()
        print(w.grad)
        print(torch.rand(2, dtype=torch.float64))
    """),
    "rand_like_variants": _d("""\
        torch.manual_seed(11)
        base = torch.zeros(2, 2)
        print(torch.rand_like(base))
        print(torch.randn_like(base))
    """),
    "rand_inplace_uniform_normal": _d("""\
        torch.manual_seed(2)
        print(torch.empty(3).uniform_(-1, 1))
        print(torch.empty(3).normal_())
        print(torch.empty(2).normal_(mean=10., std=0.5))
    """),
    "rand_nn_linear_init": _d("""\
        torch.manual_seed(0)
        lin = nn.Linear(3, 2)
        print(lin.weight)
        print(lin.bias)
    """),
    "rand_nn_linear_init_forward": _d("""\
        torch.manual_seed(123)
        lin = nn.Linear(2, 2)
        out = lin(torch.tensor([[1., -1.]]))
        print(out)
        out.sum().backward()
        print(lin.weight.grad)
    """),
    "rand_sequence_of_calls_shares_state": _d("""\
        torch.manual_seed(9)
        print(torch.rand(2))
        print(torch.randn(2))
        print(torch.randint(0, 100, (3,)))
        print(torch.rand(1))
    """),
    "rand_training_loop_seeded": _d("""\
        torch.manual_seed(0)
        X = torch.randn(8, 2)
        true_w = torch.tensor([[2.], [-1.]])
        Y = X @ true_w
        model = nn.Linear(2, 1)
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        for epoch in range(3):
            opt.zero_grad()
            loss = F.mse_loss(model(X), Y)
            loss.backward()
            opt.step()
            print(epoch, f"{loss.item():.4f}")
    """),
    "rand_random_inplace_whole_range_per_dtype": _d("""\
        for dt in (torch.float32, torch.float64, torch.int64, torch.int32, torch.int16, torch.int8,
                   torch.uint8, torch.bool):
            torch.manual_seed(3)
            t = torch.empty(5, dtype=dt)
            print(t.random_() is t, t.tolist())
    """),
    "rand_random_inplace_ranges": _d("""\
        torch.manual_seed(0)
        print(torch.empty(6).random_(10))
        print(torch.empty(2, 3).random_(-5, 5))
        print(torch.zeros(4, dtype=torch.int64).random_(0, 2**40))
        print(torch.empty(3, 2).t().random_(100))
        print(torch.rand(2))
    """),
    "rand_inplace_fills_a_transposed_tensor_in_memory_order": _d("""\
        torch.manual_seed(0)
        print(torch.empty(3, 2).t().uniform_())
        print(torch.empty(3, 2).t().normal_())
        print(torch.empty(2, 3).t().bernoulli_(0.5))
        w = torch.empty(4, 3)
        w.t().uniform_(-1, 1)
        print(w)
    """),
    "rand_random_inplace_bounds_errors": _d("""\
        for make in (lambda: torch.empty(2).random_(5, 3),
                     lambda: torch.empty(2, dtype=torch.uint8).random_(0, 300),
                     lambda: torch.empty(2, dtype=torch.uint8).random_(-1, 3),
                     lambda: torch.randint(0, 3, (2,), dtype=torch.bool),
                     lambda: torch.randint(0, 2**20, (2,), dtype=torch.int16),
                     lambda: torch.randint(-2**40, 3, (2,), dtype=torch.int32)):
            try:
                make()
            except RuntimeError as e:
                print(e)
        x = torch.zeros(2, requires_grad=True)
        x.random_()
    """),
    # torch.normal with tensor means/stds: the draws, the NormalBackward nodes and their zero gradients
    "random_normal_tensor_mean_std": _d("""\
        m = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
        torch.manual_seed(0)
        y = torch.normal(m)
        print(y, y.grad_fn._saved_mean_sym_sizes)
        y.sum().backward()
        print(m.grad)
        torch.manual_seed(0)
        print(torch.normal(m.detach()), torch.normal(mean=m.detach()))
        torch.manual_seed(0)
        print(torch.normal(m, 2.))
        s = torch.tensor([1., 2., 3.], requires_grad=True)
        torch.manual_seed(0)
        for y in (torch.normal(1., s), torch.normal(m, s), torch.normal(m.detach(), s), torch.normal(m, torch.tensor(2.))):
            values = {k: getattr(y.grad_fn, k) for k in dir(y.grad_fn) if k.startswith("_saved_")}
            print(y, values, [f is not None for f, _ in y.grad_fn.next_functions])
        torch.manual_seed(0)
        print(torch.normal(torch.tensor([1., 2.], dtype=torch.float64)))
        attempt("int mean", lambda: torch.normal(torch.tensor([1, 2])))
        attempt("negative std", lambda: torch.normal(torch.tensor([1., 2.]), -1.))
    """),
    # nn.Conv1d / nn.Conv2d start as PyTorch's do after the same seed (kaiming_uniform a=sqrt(5), bias in +-1/sqrt(fan_in))
    "random_conv_layers_init": _d("""\
        torch.manual_seed(0)
        c = nn.Conv2d(2, 3, 2)
        print(c.weight, c.bias)
        print(nn.Conv2d(4, 2, (1, 2), groups=2, bias=False).weight)
        c1 = nn.Conv1d(1, 2, 3)
        print(c1.weight, c1.bias)
        torch.manual_seed(0)
        x = torch.ones(2, 3, 1, 1)
        print(F.dropout2d(x, 0.5), nn.Dropout2d(0.25)(torch.ones(1, 4, 1, 2)))
    """),
    # torch.multinomial: one sample and samples without replacement by the exponential trick, with replacement by cumulative sums
    "random_multinomial": _d("""\
        torch.manual_seed(0)
        p = torch.tensor([0.1, 0.2, 0.3, 0.4])
        print(torch.multinomial(p, 1), torch.multinomial(p, 3), torch.multinomial(p, 6, replacement=True))
        P = torch.tensor([[1., 0., 3.], [0.5, 0.5, 0.]])
        print(torch.multinomial(P, 2), P.multinomial(4, replacement=True), torch.multinomial(P, 1, True))
        g = torch.Generator().manual_seed(2147483647)
        print(torch.multinomial(torch.tensor([0.6, 0.3, 0.1]), num_samples=5, replacement=True, generator=g))
        attempt("too many", lambda: torch.multinomial(p, 5))
        attempt("zero", lambda: torch.multinomial(p, 0))
        attempt("negative", lambda: torch.multinomial(torch.tensor([1., -1.]), 1))
        attempt("int", lambda: torch.multinomial(torch.tensor([1, 2]), 1))
        attempt("3d", lambda: torch.multinomial(torch.ones(2, 2, 2), 1))
        attempt("sum zero", lambda: torch.multinomial(torch.zeros(3), 1))
        attempt("not a tensor", lambda: torch.multinomial([0.5, 0.5], 1))
        o = torch.empty(3, dtype=torch.int64)
        print(torch.multinomial(p, 3, out=o), o)
    """),
    # PyTorch's "Neural Networks" tutorial (60-minute blitz), unchanged but for rounded losses:
    # seeded LeNet weights, conv2d/max_pool2d/flatten, the graph's nodes, conv1.bias.grad, SGD
    "random_tutorial_lenet": _d("""\
        torch.manual_seed(0)

        class Net(nn.Module):
            def __init__(self):
                super(Net, self).__init__()
                self.conv1 = nn.Conv2d(1, 6, 5)
                self.conv2 = nn.Conv2d(6, 16, 5)
                self.fc1 = nn.Linear(16 * 5 * 5, 120)
                self.fc2 = nn.Linear(120, 84)
                self.fc3 = nn.Linear(84, 10)

            def forward(self, input):
                c1 = F.relu(self.conv1(input))
                s2 = F.max_pool2d(c1, (2, 2))
                c3 = F.relu(self.conv2(s2))
                s4 = F.max_pool2d(c3, 2)
                s4 = torch.flatten(s4, 1)
                f5 = F.relu(self.fc1(s4))
                f6 = F.relu(self.fc2(f5))
                output = self.fc3(f6)
                return output

        net = Net()
        print(net)
        params = list(net.parameters())
        print(len(params), params[0].size())
        input = torch.randn(1, 1, 32, 32)
        out = net(input)
        print(out)
        net.zero_grad()
        out.backward(torch.randn(1, 10))
        output = net(input)
        target = torch.randn(10).view(1, -1)
        criterion = nn.MSELoss()
        loss = criterion(output, target)
        print(loss, loss.grad_fn.name(), loss.grad_fn.next_functions[0][0].name())
        net.zero_grad()
        print(net.conv1.bias.grad)
        loss.backward()
        print(net.conv1.bias.grad)
        optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
        for i in range(3):
            optimizer.zero_grad()
            loss = criterion(net(input), target)
            loss.backward()
            optimizer.step()
            print(i, round(loss.item(), 4))
    """),
}
