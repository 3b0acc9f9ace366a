"""Benchmark 3: one forward and backward pass of a 784-256-10 MLP on a float32 batch of 256."""
from _measure import Row, load_library, time_rounds

NAME = "mlp"
PARAMS = {"full": {"batch": 256, "rounds": 7, "min_round_time": 0.3},
          "quick": {"batch": 256, "rounds": 3, "min_round_time": 0.05}}
ROWS = [Row("MLP 784-256-10, batch {batch}: fwd+bwd", "time", max_ratio=1.1)]


def measure(lib_name, batch, rounds, min_round_time):
    torch = load_library(lib_name)
    F = torch.nn.functional
    torch.manual_seed(0)
    x = torch.randn(batch, 784)
    target = torch.randint(0, 10, (batch,))
    # Plain leaf tensors, not nn.Linear: autograd_lab may not have nn.Module yet.
    w1 = (torch.randn(256, 784) * 0.05).requires_grad_()
    b1 = torch.zeros(256, requires_grad=True)
    w2 = (torch.randn(10, 256) * 0.05).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    params = (w1, b1, w2, b2)

    def step():
        for p in params:
            p.grad = None  # what optimizer.zero_grad() does by default: no accumulation cost
        hidden = F.relu(F.linear(x, w1, b1))
        loss = F.cross_entropy(F.linear(hidden, w2, b2), target)
        loss.backward()

    stats = time_rounds(step, rounds, warmup=3, min_round_time=min_round_time)
    return {"time": stats["best"], "time_stats": stats}
