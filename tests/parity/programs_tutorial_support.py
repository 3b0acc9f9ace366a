"""What public tutorials use around the ops: torch.set_default_device, torch.functional,
torch.save / torch.load of checkpoints (benchmarks/tutorials/ runs the tutorials themselves)."""

PROGRAMS = {
    "tut_set_default_device_cpu": """
torch.set_default_device("cpu")
print(torch.get_default_device())
torch.set_default_device(torch.device("cpu"))
torch.set_default_device(None)
print(torch.get_default_device(), torch.zeros(2).device)
""",
    "tut_set_default_device_cuda_fails_on_a_cpu_build": """
def use_cuda():
    torch.set_default_device("cuda")
    return torch.zeros(2)
attempt("cuda", use_cuda)
torch.set_default_device("cpu")
""",
    "tut_torch_functional_is_the_torch_functions": """
import torch.functional as TF
print(TF.einsum is torch.einsum, TF.norm is torch.norm, TF.split is torch.split)
print(TF.einsum("ij,j->i", torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([1., -1.])))
attempt("relu", lambda: TF.relu)
""",
    "tut_save_load_checkpoint": """
import io
torch.manual_seed(0)
model = nn.Linear(3, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
model(torch.ones(1, 3)).sum().backward()
opt.step()
buffer = io.BytesIO()
torch.save({"epoch": 4, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(),
            "loss": torch.tensor(0.5)}, buffer)
buffer.seek(0)
checkpoint = torch.load(buffer)
print(checkpoint["epoch"], checkpoint["loss"])
print(list(checkpoint["model_state_dict"].items()))  # (an OrderedDict prints differently from Python 3.12 on)
print(checkpoint["optimizer_state_dict"]["param_groups"])
print(checkpoint["optimizer_state_dict"]["state"][1])
other = nn.Linear(3, 2)
print(other.load_state_dict(checkpoint["model_state_dict"]))
print(other.weight)
""",
}

PROGRAMS["tut_inplace_functions_in_torch"] = """\
b = torch.tensor([[0.5, 1.0], [1.5, -2.0]])
print(torch.sin_(b), b)
print(torch.abs_(b), torch.sqrt_(b), torch.clamp_(b, 0.1, 0.8), b)
print(torch.zero_(b), torch.fill_(b, 2.0))
x = torch.ones(2, requires_grad=True)
attempt("sin_ of a leaf", lambda: torch.sin_(x))
attempt("sin_ of a number", lambda: torch.sin_(3))
y = x * 2
torch.exp_(y)
print(y.grad_fn)
"""

PROGRAMS["tut_backends_on_a_cpu_build"] = """\
print(torch.backends.cudnn.is_available(), torch.backends.cudnn.enabled, torch.backends.cudnn.benchmark)
print(torch.backends.cudnn.deterministic, torch.backends.cudnn.allow_tf32, torch.backends.cudnn.version())
print(torch.backends.mps.is_available(), torch.backends.mps.is_built(), torch.backends.cuda.is_built())
print(torch.backends.cuda.matmul.allow_tf32, torch.backends.cpu.get_cpu_capability())
with torch.backends.cudnn.flags(allow_tf32=False, deterministic=True):
    print(torch.backends.cudnn.allow_tf32, torch.backends.cudnn.deterministic, torch.backends.cudnn.enabled)
print(torch.backends.cudnn.allow_tf32, torch.backends.cudnn.deterministic, torch.backends.cudnn.enabled)
torch.backends.cudnn.benchmark = True
print(torch.backends.cudnn.benchmark)
torch.backends.cudnn.benchmark = False
"""

PROGRAMS["tut_legacy_new_constructor"] = """
import numpy as np
t = torch.tensor([1., 2.])
print(repr(t.new()), t.new(2, 3).shape, t.new([1, 2]), t.new(np.array([1.5, 2.5])), t.new(np.array([1, 2])))
print(t.new(torch.Size([2])).shape, repr(t.new((1, 2))), repr(t.new(np.array([[1, 2]], dtype=np.float64))))
i = torch.tensor([1, 2])
print(repr(i.new([1.7, 2])), i.new(2).dtype, repr(torch.zeros(2, dtype=torch.float64).new([3])))
for args in [(torch.tensor([3, 4]),), (torch.tensor([1., 2.], dtype=torch.float64),), (2.5,), ([1, 2], [3]),
             (True,), ("ab",)]:
    attempt(f"new{tuple(type(a).__name__ for a in args)}", lambda: t.new(*args))
attempt("new(dtype=)", lambda: t.new([1, 2], dtype=torch.int64))
o = torch.tensor([5., 6.])
a = t.new(o)
a[0] = 9
print(o, a.requires_grad)
x = torch.tensor([1., 2.], requires_grad=True)
y = x.new(x)
print(repr(x.new([1.])), x.new(3).requires_grad, y.requires_grad, y.grad_fn.name(), y.is_leaf)
w = x.new(x * 2)
w.sum().backward()
print(x.grad, w.grad_fn.name())
"""

PROGRAMS["tut_nn_modules_paths"] = """
from torch.nn.modules.module import Module
from torch.nn.modules.loss import _Loss, MSELoss
from torch.nn.modules.linear import Linear
from torch.nn.modules.activation import ReLU
from torch.nn.modules import conv, pooling, rnn, container, batchnorm
import torch.nn.modules.sparse
print(Module is torch.nn.Module, Linear is torch.nn.Linear, MSELoss is torch.nn.MSELoss, ReLU is torch.nn.ReLU)
print(conv.Conv2d is torch.nn.Conv2d, pooling.MaxPool2d is torch.nn.MaxPool2d, rnn.LSTM is torch.nn.LSTM)
print(container.Sequential is torch.nn.Sequential, batchnorm.BatchNorm1d is torch.nn.BatchNorm1d)
print(torch.nn.modules.sparse.Embedding is torch.nn.Embedding, torch.nn.modules.Linear is torch.nn.Linear)
print(issubclass(MSELoss, _Loss), [c.__name__ for c in MSELoss.__mro__[:3]])
class Twice(Module):
    def forward(self, x):
        return 2 * x
print(Twice()(torch.ones(2)))
"""
