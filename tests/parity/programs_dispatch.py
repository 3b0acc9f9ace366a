"""Tensor subclasses that take over the ops (``Tensor._make_wrapper_subclass`` with
``__torch_dispatch__``, ``__torch_function__`` on ``Tensor.module_load``), and ``torch.bfloat16``:
what recipes/swap_tensors.py uses (benchmarks/tutorials/ runs it)."""

# A wrapper subclass as the tutorials write one: the real tensor in ``elem``, every op on the
# wrapper answered by ``__torch_dispatch__``, which prints what it was handed.
_WRAPPER = """
aten = torch.ops.aten

class Logged(torch.Tensor):
    @staticmethod
    def __new__(cls, elem):
        return torch.Tensor._make_wrapper_subclass(
            cls, elem.shape, dtype=elem.dtype, layout=elem.layout, device=elem.device,
            strides=elem.stride(), storage_offset=elem.storage_offset(), requires_grad=elem.requires_grad)

    def __init__(self, elem):
        self.elem = elem

    def __repr__(self):
        return f"Logged({self.elem})"

    @classmethod
    def __torch_dispatch__(cls, func, types, args, kwargs):
        shown = [type(a).__name__ if isinstance(a, torch.Tensor) else a for a in args]
        print("dispatch", func, types == (cls,), shown, kwargs)
        unwrap = lambda x: x.elem if isinstance(x, Logged) else x
        out = func(*[unwrap(a) for a in args], **{k: unwrap(v) for k, v in kwargs.items()})
        return Logged(out) if isinstance(out, torch.Tensor) else out
"""

# The tutorial's class: detach and _to_copy handled, anything else refused by its own words.
_QUANTIZED = """
aten = torch.ops.aten

class MyQuantizedLinearWeight(torch.Tensor):
    @staticmethod
    def __new__(cls, elem, scale):
        return torch.Tensor._make_wrapper_subclass(
            cls, elem.shape, dtype=elem.dtype, layout=elem.layout, device=elem.device,
            strides=elem.stride(), storage_offset=elem.storage_offset())

    def __init__(self, elem, scale):
        self.elem = elem
        self.scale = scale

    def __repr__(self):
        return f"MyQuantizedLinearWeight({self.elem}, scale={self.scale})"

    @classmethod
    def __torch_dispatch__(cls, func, types, args, kwargs):
        if func in (aten.detach.default, aten._to_copy.default):
            new_elem = func(args[0].elem, *args[1:], **kwargs)
            return cls(new_elem, args[0].scale)
        raise NotImplementedError(f"Unsupported function {func}")
"""

PROGRAMS = {
    "dispatch_wrapper_metadata": _WRAPPER + """
w = Logged(torch.tensor([[1., 2., 3.], [4., 5., 6.]]))
print(type(w).__name__, isinstance(w, torch.Tensor), w.shape, w.dtype, w.device, w.layout)
print(w.stride(), w.storage_offset(), w.requires_grad, w.is_leaf, w.dim(), w.numel(), w.element_size())
print(w.is_floating_point(), w.is_contiguous(), w.is_meta, w.size(1), len(w))
m = torch.Tensor._make_wrapper_subclass(Logged, (2, 3), dtype=torch.float64, strides=(1, 2), storage_offset=3,
                                        requires_grad=True, device="meta")
print(m.shape, m.dtype, m.device, m.stride(), m.storage_offset(), m.requires_grad, m.is_meta, m.is_contiguous())
d = torch.Tensor._make_wrapper_subclass(Logged, [4])
print(d.dtype, d.device, d.stride(), d.requires_grad)
attempt("no __torch_dispatch__", lambda: torch.Tensor._make_wrapper_subclass(torch.Tensor, [2]))
attempt("tolist", lambda: w.tolist())
attempt("numpy", lambda: w.numpy())
""",
    "dispatch_ops_reach_torch_dispatch": _WRAPPER + """
x = Logged(torch.tensor([[1., 2.], [3., 4.]]))
y = Logged(torch.tensor([[1., 0.], [0., 1.]]))
print(x.detach())
print(x + y)
print(x + 2)
print(2 + x)
print(torch.add(x, y, alpha=2))
print(x - y)
print(x * y)
print(x * 3)
print(x / y)
print(-x)
print(x.exp())
print(x.mm(y))
print(x @ y)
print(x.t())
print(x.transpose(0, 1))
print(x.view(4))
print(x.reshape(4))
print(x.clone())
print(aten.alias.default(x))
print(x.sum())
""",
    "dispatch_conversions_reach_to_copy": _WRAPPER + """
x = Logged(torch.tensor([[1., 2.], [3., 4.]]))
print(x.float() is x, x.to(torch.float32) is x)
print(x.double())
print(x.to(torch.float64))
print(x.to(dtype=torch.float16))
b = x.bfloat16()
print(type(b).__name__, b.dtype, b.elem.dtype)
""",
    "dispatch_inplace_ops_return_self": _WRAPPER + """
x = Logged(torch.tensor([1., 2.]))
print(x.add_(1) is x, x)
print(x.add_(torch.ones(2), alpha=2) is x, x)
x += 1
print(type(x).__name__, x)
print(x.mul_(2) is x, x.sub_(1) is x, x.div_(2) is x, x)
print(x.neg_() is x, x.exp_() is x, x.clamp_(min=0.5) is x, x.clamp_(max=0.75) is x, x)
print(x.fill_(3) is x, x.zero_() is x, x.copy_(torch.tensor([4., 5.])) is x, x)
print(x.pow_(2) is x, x)
""",
    "dispatch_deepcopy_clones_through_dispatch": _WRAPPER + """
import copy
x = Logged(torch.tensor([1., 2.]))
x.tag = ["t"]
y = copy.deepcopy(x)
print(type(y).__name__, y, y.tag, y.tag is x.tag, y.elem is x.elem)
m = nn.Linear(2, 1)
m.weight = nn.Parameter(Logged(m.weight.detach()))
m2 = copy.deepcopy(m)
print(type(m2.weight).__name__, isinstance(m2.weight, nn.Parameter), m2.weight.requires_grad, m2.weight is m.weight)
""",
    "dispatch_deepcopy_refused_by_the_subclass": _QUANTIZED + """
import copy
attempt("deepcopy", lambda: copy.deepcopy(MyQuantizedLinearWeight(torch.ones(2), 0.5)))
""",
    "dispatch_pytree_unwraps_arguments": """
import collections
from torch.utils._pytree import tree_flatten, tree_leaves, tree_map, tree_map_only, tree_unflatten

class Unwrapped(torch.Tensor):
    @staticmethod
    def __new__(cls, elem):
        return torch.Tensor._make_wrapper_subclass(cls, elem.shape, dtype=elem.dtype, device=elem.device)

    def __init__(self, elem):
        self.elem = elem

    def __repr__(self):
        return f"Unwrapped({self.elem})"

    @classmethod
    def __torch_dispatch__(cls, func, types, args=(), kwargs=None):
        args, kwargs = tree_map_only(Unwrapped, lambda t: t.elem, (args, kwargs or {}))
        out = func(*args, **kwargs)
        return tree_map_only(torch.Tensor, Unwrapped, out)

x = Unwrapped(torch.tensor([[1., 2.], [3., 4.]]))
print(x + x, x.mm(x), x.t() * 2, x.to(torch.float64), x.sum())
print(tree_flatten((1, [2, {"b": 3, "a": 4}], None))[0])
leaves, spec = tree_flatten((1, [2, {"b": 3, "a": 4}]))
print(leaves, tree_unflatten([l * 10 for l in leaves], spec), spec.num_leaves)
print(tree_map(lambda v: v, (1, None)), tree_leaves([1, (2, None)]))
mapped = tree_map(lambda v: v * 10, collections.OrderedDict(a=1, b=[2]))
print(type(mapped).__name__, list(mapped.items()))  # (an OrderedDict prints otherwise from Python 3.12 on)
print(tree_map_only(int, lambda v: v + 1, (1, "a", 2.0, [3])), tree_map(lambda a, b: a + b, (1, [2]), (10, [20])))
P = collections.namedtuple("P", "x y")
print(tree_map(lambda v: v * 2, P(1, 2)), tree_map_only((int, float), lambda v: -v, {"z": 1, "a": 2.5}))
""",
    "dispatch_aten_overload_objects": """
aten = torch.ops.aten
f = aten.detach.default
print(str(f), repr(f), f.name(), f.__name__, f.overloadpacket)
print(str(aten.add.Tensor), repr(aten.add.Tensor), aten.add.Tensor.name(), repr(aten.add))
print(f is aten.detach.default, f in (aten.detach.default, aten._to_copy.default), f == aten._to_copy.default)
print({aten.mul.Tensor: 1}[aten.mul.Tensor])
x = torch.tensor([1.5, -2.], requires_grad=True)
print(aten.detach.default(x))
print(aten._to_copy.default(x, dtype=torch.float64))
print(aten.add.Tensor(x, torch.tensor([1., 1.])))
print(aten.view.default(torch.arange(6.), [2, 3]))
print(aten.clone.default(x))
print(aten.mm.default(torch.eye(2), torch.tensor([[1., 2.], [3., 4.]])))
print(aten.t.default(torch.tensor([[1., 2.], [3., 4.]])))
""",
    "dispatch_user_refusal_names_the_op": _QUANTIZED + """
w = MyQuantizedLinearWeight(torch.tensor([[1., 2.], [3., 4.]]), 0.5)
print(w.detach())
print(w.to(torch.float64).elem.dtype)
attempt("add", lambda: w + w)
attempt("mul", lambda: w * 2)
attempt("exp", lambda: torch.exp(w))
attempt("mm", lambda: w.mm(w))
attempt("sum", lambda: w.sum())
attempt("view", lambda: w.view(4))
attempt("t", lambda: w.t())
attempt("clone", lambda: w.clone())
""",
    "dispatch_parameter_of_a_wrapper": _QUANTIZED + """
w = MyQuantizedLinearWeight(torch.tensor([[1., 2.], [3., 4.]]), 0.5)
p = nn.Parameter(w)
print(type(p).__name__, isinstance(p, nn.Parameter), isinstance(w, nn.Parameter), p.requires_grad)
print(p)
q = nn.Parameter(w, requires_grad=False)
print(q.requires_grad, isinstance(q, nn.Parameter))
m = nn.Linear(2, 2)
m.weight = p
print([name for name, _ in m.named_parameters()], type(m.weight).__name__)
print(list(m.state_dict().keys()), type(m.state_dict()["weight"]).__name__)
""",
    "dispatch_module_bfloat16_sets_data": _QUANTIZED + """
torch.__future__.set_swap_module_params_on_conversion(False)
m = nn.Linear(3, 2)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[1.1, 2.2, 3.3], [-1., 0.5, 0.25]]))
    m.bias.copy_(torch.tensor([0.1, -0.3]))
m.weight = nn.Parameter(MyQuantizedLinearWeight(m.weight, 0.5))
w_id, b_id = id(m.weight), id(m.bias)
m.bfloat16()
print(id(m.weight) == w_id, id(m.bias) == b_id)
print(m.weight.dtype, m.weight.elem.dtype, m.bias.dtype, type(m.weight).__name__)
print(m.bias)
""",
    "dispatch_module_bfloat16_swaps": _QUANTIZED + """
torch.__future__.set_swap_module_params_on_conversion(True)
try:
    m = nn.Linear(3, 2)
    with torch.no_grad():
        m.weight.copy_(torch.tensor([[1.1, 2.2, 3.3], [-1., 0.5, 0.25]]))
        m.bias.copy_(torch.tensor([0.1, -0.3]))
    m.weight = nn.Parameter(MyQuantizedLinearWeight(m.weight, 0.5))
    w_id, b_id = id(m.weight), id(m.bias)
    m.bfloat16()
    print(id(m.weight) == w_id, id(m.bias) == b_id)
    print(m.weight.dtype, m.weight.elem.dtype, m.bias.dtype, type(m.weight).__name__)
    print(m.weight.elem)
    print(m.bias)
    m.float()
    print(m.weight.dtype, m.weight.elem.dtype, m.bias.dtype)
finally:
    torch.__future__.set_swap_module_params_on_conversion(False)
""",
    "dispatch_module_load_through_torch_function": _QUANTIZED + """
calls = []

@classmethod
def custom_torch_function(cls, func, types, args=(), kwargs=None):
    kwargs = {} if kwargs is None else kwargs
    calls.append(func.__name__)
    if func is torch.Tensor.module_load:
        dest, src = args[0], args[1]
        assert type(dest) == cls and type(src) == torch.Tensor
        print("module_load", types, kwargs)
        return MyQuantizedLinearWeight(src, dest.scale)
    with torch._C.DisableTorchFunctionSubclass():
        return func(*args, **kwargs)

MyQuantizedLinearWeight.__torch_function__ = custom_torch_function

def fn(m):
    if isinstance(m, nn.Linear):
        requires_grad = m.weight.requires_grad
        m.weight = nn.Parameter(MyQuantizedLinearWeight(m.weight, 0.5), requires_grad=requires_grad)

with torch.device("meta"):
    m = nn.Linear(3, 2)
    m.apply(fn)
print(list(m.state_dict().items()))
state_dict = {"weight": torch.tensor([[1., 2., 3.], [4., 5., 6.]]), "bias": torch.tensor([0.5, -0.5])}
torch.__future__.set_swap_module_params_on_conversion(True)
try:
    w_id, b_id = id(m.weight), id(m.bias)
    print(m.load_state_dict(state_dict, assign=True))
    print(id(m.weight) == w_id, id(m.bias) == b_id)
    print(list(m.state_dict().items()))
    print(type(m.weight).__name__, m.weight.requires_grad, m.bias.requires_grad, m.weight.device)
    print("module_load" in calls)
finally:
    torch.__future__.set_swap_module_params_on_conversion(False)
""",
    "dispatch_torch_function_order_and_notimplemented": _QUANTIZED + """
class Refuses(MyQuantizedLinearWeight):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        print("Refuses asked", func.__name__, [t.__name__ for t in types])
        return NotImplemented

class Answers(MyQuantizedLinearWeight):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        print("Answers asked", func.__name__, [t.__name__ for t in types], kwargs)
        with torch._C.DisableTorchFunctionSubclass():
            return func(*args, **(kwargs or {}))

class Sub(Answers):
    pass

plain = torch.tensor([1., 2.])
r = Refuses(torch.tensor([0., 0.]), 0.5)
a = Answers(torch.tensor([0., 0.]), 0.5)
s = Sub(torch.tensor([0., 0.]), 0.5)
out = torch.Tensor.module_load(a, plain, assign=True)
print(type(out).__name__, out)
attempt("all refuse", lambda: torch.Tensor.module_load(r, plain))
attempt("refuses then answers", lambda: type(torch.Tensor.module_load(r, a, assign=True)).__name__)
attempt("subclass first", lambda: type(torch.Tensor.module_load(a, s, assign=True)).__name__)
with torch._C.DisableTorchFunctionSubclass():
    print(type(torch.Tensor.module_load(r, plain, assign=True)).__name__)
""",
    "bf16_values_and_printing": """
print(torch.bfloat16, torch.bfloat16.is_floating_point, torch.bfloat16.itemsize)
print(torch.tensor([1.1, 2.5], dtype=torch.bfloat16))
x = torch.tensor([1.1, 2.5, -3.3, 1e-3, 65504., 3e38, 3.39e38, 3.4e38, float("nan"), float("-inf")])
b = x.bfloat16()
print(b, b.dtype, b.element_size(), b.type())
print(b.float())
print(b.double())
print(x.to(torch.bfloat16).tolist())
print(torch.tensor(1 / 3, dtype=torch.bfloat16).item(), torch.tensor([256., 257., 258., 259., 261.], dtype=torch.bfloat16))
print(torch.tensor([1, 2, 300]).to(torch.bfloat16), torch.tensor([1.7, -2.5], dtype=torch.bfloat16).long())
print(torch.zeros(2, dtype=torch.bfloat16), torch.ones(2, 2, dtype=torch.bfloat16), torch.full((2,), 1.1, dtype=torch.bfloat16))
print(torch.arange(5, dtype=torch.bfloat16), torch.linspace(0, 1, 4, dtype=torch.bfloat16))
print(torch.tensor([[0.001, 1000.]], dtype=torch.bfloat16))
""",
    "bf16_arithmetic_rounds_every_op": """
b = torch.tensor([1.1, 2.5, -3.3, 1e-3, 65504., 3e38], dtype=torch.bfloat16)
print(b * 3)
print(b + 1)
print(b / 3)
print(b - 0.1)
print(b * b)
print(torch.tensor([1e-3, 100.], dtype=torch.bfloat16).exp(), torch.tensor([2.], dtype=torch.bfloat16).sqrt())
print(torch.tensor([0.1, 0.2, 0.3], dtype=torch.bfloat16).sum(), torch.tensor([0.1, 0.2], dtype=torch.bfloat16).mean())
m = torch.tensor([[1.1, 2.2], [3.3, 4.4]], dtype=torch.bfloat16)
print(m @ torch.tensor([[1.1], [0.3]], dtype=torch.bfloat16))
print(torch.ones(2, dtype=torch.bfloat16) == torch.ones(2), torch.tensor([1.5], dtype=torch.bfloat16) > 1)
x = torch.tensor([1., 2., 3.], dtype=torch.bfloat16, requires_grad=True)
y = (x * 1.1).sum()
y.backward()
print(y, x.grad)
""",
    "bf16_type_promotion": """
b = torch.tensor([1.5, 2.25], dtype=torch.bfloat16)
for other in [torch.ones(2, dtype=torch.float16), torch.ones(2), torch.ones(2, dtype=torch.float64),
              torch.ones(2, dtype=torch.int64), torch.ones(2, dtype=torch.int32), torch.ones(2, dtype=torch.bool),
              torch.tensor(2.5), torch.tensor(2.5, dtype=torch.float64), torch.tensor(3), 2, 2.5, True]:
    r = b + other
    print(type(other).__name__, getattr(other, "dtype", None), r.dtype, r)
print((torch.ones(2, dtype=torch.float16) * b).dtype, (torch.ones(2, dtype=torch.int64) * b).dtype)
print(torch.ones(2, dtype=torch.bfloat16).to(torch.float16) + b)
print(torch.result_type(b, torch.ones(2)) if hasattr(torch, "result_type") else torch.float32)
""",
    "bf16_writes_round": """
b = torch.tensor([1.1, 2.5, -3.3], dtype=torch.bfloat16)
c = b.clone(); c[0] = 1.7; print(c)
c = b.clone(); c[1:] = torch.tensor([0.1, 0.2]); print(c)
c = b.clone(); c.fill_(1.7); print(c)
c = b.clone(); c.copy_(torch.tensor([0.1, 0.2, 0.3])); print(c)
c = b.clone(); c.add_(0.01); print(c)
c = b.clone(); c += 0.01; print(c)
c = b.clone(); c.mul_(torch.tensor([1.01, 1.02, 1.03])); print(c)
c = b.clone(); c.add_(torch.tensor([1., 1., 1.]), alpha=0.3); print(c)
print(b.masked_fill(b > 2, 0.3), torch.where(b > 2, b, torch.tensor(0.3)), b.clamp(min=0.3))
print(torch.cat([b, torch.tensor([0.1])]), torch.cat([b, torch.tensor([0.1], dtype=torch.bfloat16)]))
print(torch.zeros_like(b), torch.full_like(b, 0.1), b.new_tensor([0.1]), b[[0, 2]], b.max(), b.argmax())
attempt("fill overflow", lambda: torch.zeros(2, dtype=torch.bfloat16).fill_(3.4e38))
""",
    "bf16_bytes_and_numpy": """
b = torch.tensor([1.1, 2.5, -3.3], dtype=torch.bfloat16)
print(b.view(torch.int16), b.view(torch.uint8))
print(torch.tensor([16269, -16301], dtype=torch.int16).view(torch.bfloat16))
print(torch.tensor([[0., 1., 2., 3.]]).view(torch.bfloat16))
attempt("view odd", lambda: torch.tensor([77], dtype=torch.int8).view(torch.bfloat16))
attempt("numpy", lambda: b.numpy())
attempt("half", lambda: b.half())
attempt("save and load", lambda: (torch.save(b, "/tmp/_parity_bf16.pt"), torch.load("/tmp/_parity_bf16.pt"))[1])
""",
    "bf16_finfo_iinfo": """
for d in [torch.bfloat16, torch.float16, torch.float32, torch.float64]:
    f = torch.finfo(d)
    print(f)
    print(f.bits, f.eps, f.max, f.min, f.tiny, f.smallest_normal, f.resolution, f.dtype)
print(torch.finfo())
print(torch.iinfo(torch.int32), torch.iinfo(torch.uint8).max, torch.iinfo(torch.int64).min, torch.iinfo(torch.int8).bits)
attempt("finfo of int", lambda: torch.finfo(torch.int32))
attempt("iinfo of float", lambda: torch.iinfo(torch.float32))
""",
    "bf16_random_and_modules": """
torch.manual_seed(0)
print(torch.randn(20, dtype=torch.bfloat16))
print(torch.randn(5, dtype=torch.bfloat16))
print(torch.rand(6, dtype=torch.bfloat16))
torch.manual_seed(0)
m = nn.Linear(3, 2).bfloat16()
print(m.weight.dtype, m.bias.dtype)
print(m.weight)
out = m(torch.tensor([[1., 2., 3.]], dtype=torch.bfloat16))
print(out)
attempt("fill overflow", lambda: torch.zeros(2, dtype=torch.bfloat16).fill_(1e39))
""",
}
