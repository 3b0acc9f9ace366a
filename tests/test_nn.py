"""nn: Parameter, Module, the layers, nn.init and the losses behave and print as in PyTorch 2.13.

Expected values and messages were recorded from real PyTorch. Float values computed by several
ops are compared at float32 rounding (the engine and PyTorch may round a last bit differently);
values that come straight from the random generator (initial weights, dropout masks) and every
string are compared exactly. Tests named ``*_matches_torch`` also run PyTorch live.
"""
import copy
import math
import warnings
from collections import OrderedDict

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab import nn
from autograd_lab.nn import functional as F


def approx(values):
    return pytest.approx(values, rel=1e-6, abs=1e-7)


class TwoLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 3)
        self.act = nn.ReLU()
        self.out = nn.Linear(3, 1)

    def forward(self, x):
        return self.out(self.act(self.fc(x)))


# ------------------------------------------------------------------ Parameter


def test_parameter_repr_says_parameter_containing():
    p = nn.Parameter(torch.tensor([1.0, 2.0]))
    assert repr(p) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
    assert str(p) == repr(p)
    assert repr([p]) == "[Parameter containing:\ntensor([1., 2.], requires_grad=True)]"


def test_parameter_without_grad_prints_no_requires_grad():
    assert repr(nn.Parameter(torch.tensor([1, 2]), requires_grad=False)) == "Parameter containing:\ntensor([1, 2])"


def test_parameter_is_a_leaf_tensor_that_requires_grad():
    p = nn.Parameter(torch.tensor([1.0]))
    assert (type(p).__name__, isinstance(p, torch.Tensor), p.is_leaf, p.requires_grad, p.grad) == (
        "Parameter", True, True, True, None)


def test_parameter_shares_memory_with_the_tensor_it_wraps():
    t = torch.tensor([1.0, 2.0])
    p = nn.Parameter(t)
    t.add_(1)
    assert p.tolist() == [2.0, 3.0]
    assert p._version == t._version == 1


def test_parameter_of_integer_tensor_cannot_require_grad():
    with pytest.raises(RuntimeError, match="^Only Tensors of floating point and complex dtype can require gradients$"):
        nn.Parameter(torch.tensor([1, 2]))


def test_empty_parameter():
    assert repr(nn.Parameter()) == "Parameter containing:\ntensor([], requires_grad=True)"


def test_ops_on_a_parameter_give_plain_tensors():
    y = nn.Parameter(torch.tensor([1.0, 2.0])) * 2
    assert type(y) is torch.Tensor
    assert repr(y) == "tensor([2., 4.], grad_fn=<MulBackward0>)"


def test_deepcopy_of_a_parameter_is_a_new_parameter():
    p = nn.Parameter(torch.tensor([1.0]))
    q = copy.deepcopy(p)
    q.data.add_(1)
    assert (type(q).__name__, q.requires_grad, p.item(), q.item()) == ("Parameter", True, 1.0, 2.0)


# ------------------------------------------------------------------ Module registration


def test_named_parameters_use_dotted_names_in_assignment_order():
    names = [(n, tuple(p.shape)) for n, p in TwoLayer().named_parameters()]
    assert names == [("fc.weight", (3, 2)), ("fc.bias", (3,)), ("out.weight", (1, 3)), ("out.bias", (1,))]


def test_parameters_are_the_registered_objects():
    m = TwoLayer()
    assert [id(p) for p in m.parameters()] == [id(m.fc.weight), id(m.fc.bias), id(m.out.weight), id(m.out.bias)]


def test_a_shared_layer_is_listed_once():
    shared = nn.Linear(2, 2)
    m = nn.Sequential(shared, nn.ReLU(), shared)
    assert [n for n, _ in m.named_parameters()] == ["0.weight", "0.bias"]
    assert [n for n, _ in m.named_modules()] == ["", "0", "1"]


def test_children_and_modules():
    m = TwoLayer()
    assert [type(c).__name__ for c in m.children()] == ["Linear", "ReLU", "Linear"]
    assert [n for n, _ in m.named_modules()] == ["", "fc", "act", "out"]
    assert [type(c).__name__ for c in m.modules()] == ["TwoLayer", "Linear", "ReLU", "Linear"]


def test_assigning_a_plain_tensor_to_a_parameter_slot_is_refused():
    lin = nn.Linear(2, 1)
    with pytest.raises(TypeError, match=r"^cannot assign 'torch.FloatTensor' as parameter 'weight' \(torch.nn.Parameter or None expected\)$"):
        lin.weight = torch.ones(1, 2)


def test_bias_none_removes_the_parameter():
    lin = nn.Linear(2, 1)
    lin.bias = None
    assert (repr(lin), lin.bias, [n for n, _ in lin.named_parameters()]) == (
        "Linear(in_features=2, out_features=1, bias=False)", None, ["weight"])


def test_parameters_before_module_init_are_refused():
    class Early(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(torch.ones(1))

    with pytest.raises(AttributeError, match=r"^cannot assign parameters before Module.__init__\(\) call$"):
        Early()


def test_submodules_before_module_init_are_refused():
    class Early(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)

    with pytest.raises(AttributeError, match=r"^cannot assign module before Module.__init__\(\) call$"):
        Early()


def test_missing_attribute_message():
    with pytest.raises(AttributeError, match="^'Linear' object has no attribute 'foo'$"):
        nn.Linear(2, 1).foo


def test_module_without_forward():
    class Empty(nn.Module):
        pass

    with pytest.raises(NotImplementedError, match='^Module \\[Empty\\] is missing the required "forward" function$'):
        Empty()(torch.ones(1))


@pytest.mark.parametrize("call, error, message", [
    (lambda m: m.register_parameter(1, None), TypeError, "parameter name should be a string. Got int"),
    (lambda m: m.register_parameter("a.b", None), KeyError, 'parameter name can\'t contain "."'),
    (lambda m: m.register_parameter("", None), KeyError, 'parameter name can\'t be empty string ""'),
    (lambda m: m.register_parameter("training", None), KeyError, "attribute 'training' already exists"),
    (lambda m: m.register_parameter("x", torch.ones(1)), TypeError,
     "cannot assign 'torch.FloatTensor' object to parameter 'x' (torch.nn.Parameter or None required)"),
    (lambda m: m.add_module("a.b", None), KeyError, 'module name can\'t contain ".", got: a.b'),
    (lambda m: m.add_module("q", 3), TypeError, "int is not a Module subclass"),
    (lambda m: m.register_buffer("weight", None), KeyError, "attribute 'weight' already exists"),
    (lambda m: m.register_buffer("z", 3), TypeError,
     "cannot assign 'int' object to buffer 'z' (torch Tensor or None required)"),
    (lambda m: m.to(torch.int64), TypeError,
     "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64"),
])
def test_registration_errors_are_pytorchs(call, error, message):
    with pytest.raises(error) as info:
        call(nn.Linear(2, 1))
    # KeyError's str() adds quotes around the message, as in PyTorch.
    assert (info.value.args[0] if error is KeyError else str(info.value)) == message


def test_buffers_are_in_state_dict_unless_not_persistent():
    m = nn.Linear(2, 1)
    m.register_buffer("running", torch.zeros(2))
    m.register_buffer("scratch", torch.ones(1), persistent=False)
    assert list(m.state_dict()) == ["weight", "bias", "running"]
    assert [n for n, _ in m.named_buffers()] == ["running", "scratch"]
    assert [n for n, _ in m.named_parameters()] == ["weight", "bias"]


def test_delattr_unregisters():
    m = TwoLayer()
    del m.act
    assert [n for n, _ in m.named_children()] == ["fc", "out"]


def test_forward_hook_can_replace_the_output_and_be_removed():
    m = nn.Linear(2, 2)
    seen = []
    handle = m.register_forward_hook(lambda mod, args, out: seen.append(args[0].shape) or out * 0)
    assert m(torch.ones(1, 2)).tolist() == [[0.0, 0.0]]
    handle.remove()
    assert m(torch.ones(1, 2)).tolist() != [[0.0, 0.0]]
    assert seen == [torch.Size([1, 2])]


def test_apply_visits_children_first():
    order = []
    TwoLayer().apply(lambda mod: order.append(type(mod).__name__))
    assert order == ["Linear", "ReLU", "Linear", "TwoLayer"]


# ------------------------------------------------------------------ train / eval / freezing


def test_train_and_eval_reach_every_submodule():
    m = nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.Dropout()))
    assert m.eval() is m
    assert [mod.training for mod in m.modules()] == [False, False, False, False]
    m.train()
    assert [mod.training for mod in m.modules()] == [True, True, True, True]


def test_train_wants_a_bool():
    with pytest.raises(ValueError, match="^training mode is expected to be boolean$"):
        nn.Linear(1, 1).train("yes")


def test_requires_grad_false_freezes_every_parameter():
    m = TwoLayer()
    assert m.fc.requires_grad_(False) is m.fc
    m(torch.ones(4, 2)).sum().backward()
    assert (m.fc.weight.grad, m.fc.bias.grad) == (None, None)
    assert m.out.weight.grad is not None


def test_zero_grad_sets_grads_to_none_by_default():
    lin = nn.Linear(2, 1)
    lin(torch.ones(1, 2)).sum().backward()
    lin.zero_grad()
    assert (lin.weight.grad, lin.bias.grad) == (None, None)


def test_zero_grad_set_to_none_false_keeps_zero_tensors():
    lin = nn.Linear(2, 1)
    lin(torch.ones(1, 2)).sum().backward()
    lin.zero_grad(set_to_none=False)
    assert repr(lin.weight.grad) == "tensor([[0., 0.]])"


# ------------------------------------------------------------------ state_dict


def _fixed_linear():
    lin = nn.Linear(2, 1)
    with torch.no_grad():
        lin.weight.fill_(1.0)
        lin.bias.fill_(0.5)
    return lin


class _Shown(str):
    """A string whose repr is itself: a tensor's printed form inside a container's repr."""

    def __repr__(self):
        return str(self)


def ordered_dict_repr(*items):
    """How this Python prints an OrderedDict of tensors printed as given: ``OrderedDict([(k, v)])``
    up to 3.11, ``OrderedDict({k: v})`` from 3.12 on (PyTorch's state_dict prints the same way)."""
    return repr(OrderedDict((key, _Shown(shown)) for key, shown in items))


def test_state_dict_is_an_ordered_dict_of_detached_tensors():
    lin = _fixed_linear()
    sd = lin.state_dict()
    assert repr(sd) == ordered_dict_repr(("weight", "tensor([[1., 1.]])"), ("bias", "tensor([0.5000])"))
    assert sd["weight"].requires_grad is False
    assert sd["weight"].data_ptr() == lin.weight.data_ptr()  # shares memory, as in PyTorch


def test_state_dict_keys_of_nested_modules():
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 1, bias=False)))
    assert list(m.state_dict()) == ["0.weight", "0.bias", "2.0.weight"]


def test_load_state_dict_copies_values_into_the_same_parameters():
    src, dst = _fixed_linear(), nn.Linear(2, 1)
    weight = dst.weight
    result = dst.load_state_dict(src.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    assert dst.weight is weight and dst.weight.tolist() == [[1.0, 1.0]] and dst.bias.tolist() == [0.5]
    assert dst.weight.requires_grad


def test_load_state_dict_not_strict_reports_missing_keys():
    result = nn.Linear(2, 1).load_state_dict({"weight": torch.ones(1, 2)}, strict=False)
    assert repr(result) == "_IncompatibleKeys(missing_keys=['bias'], unexpected_keys=[])"


@pytest.mark.parametrize("state, message", [
    ({"weight": torch.ones(1, 2)},
     'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". '),
    ({"weight": torch.ones(1, 2), "bias": torch.ones(1), "foo": torch.ones(1)},
     'Error(s) in loading state_dict for Linear:\n\tUnexpected key(s) in state_dict: "foo". '),
    ({"weight": torch.ones(2, 2), "bias": torch.ones(1)},
     "Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape "
     "torch.Size([2, 2]) from checkpoint, the shape in current model is torch.Size([1, 2])."),
    ({"weight": torch.ones(2, 2), "foo": torch.ones(1)},
     'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". \n\t'
     'Unexpected key(s) in state_dict: "foo". \n\tsize mismatch for weight: copying a param with shape '
     "torch.Size([2, 2]) from checkpoint, the shape in current model is torch.Size([1, 2])."),
])
def test_load_state_dict_errors_are_pytorchs(state, message):
    with pytest.raises(RuntimeError) as info:
        nn.Linear(2, 1).load_state_dict(state)
    assert str(info.value) == message


def test_double_converts_values_but_keeps_the_parameter_objects():
    m = nn.Sequential(nn.Linear(1, 1))
    weight = m[0].weight
    assert m.double() is m
    assert (m[0].weight is weight, weight.dtype, weight.requires_grad) == (True, torch.float64, True)


# ------------------------------------------------------------------ reprs


SEQUENTIAL_REPR = """\
Sequential(
  (0): Linear(in_features=2, out_features=3, bias=True)
  (1): ReLU()
  (2): Sequential(
    (0): Linear(in_features=3, out_features=1, bias=False)
    (1): Sigmoid()
  )
  (3): Flatten(start_dim=1, end_dim=-1)
  (4): Dropout(p=0.5, inplace=False)
  (5): Softmax(dim=1)
  (6): Tanh()
  (7): ReLU(inplace=True)
  (8): Softmax(dim=None)
  (9): Identity()
)"""


def test_module_tree_repr():
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 1, bias=False), nn.Sigmoid()),
                      nn.Flatten(), nn.Dropout(), nn.Softmax(dim=1), nn.Tanh(), nn.ReLU(inplace=True), nn.Softmax(),
                      nn.Identity())
    assert repr(m) == SEQUENTIAL_REPR


def test_subclass_repr_names_its_attributes():
    assert repr(TwoLayer()) == (
        "TwoLayer(\n"
        "  (fc): Linear(in_features=2, out_features=3, bias=True)\n"
        "  (act): ReLU()\n"
        "  (out): Linear(in_features=3, out_features=1, bias=True)\n"
        ")"
    )


def test_module_without_children_or_extra_repr():
    class Empty(nn.Module):
        pass

    assert repr(Empty()) == "Empty()"


def test_loss_reprs_are_empty_parentheses():
    assert [repr(c()) for c in (nn.MSELoss, nn.BCELoss, nn.BCEWithLogitsLoss, nn.CrossEntropyLoss, nn.NLLLoss,
                                nn.L1Loss)] == [
        "MSELoss()", "BCELoss()", "BCEWithLogitsLoss()", "CrossEntropyLoss()", "NLLLoss()", "L1Loss()"]


def test_module_list_repr_groups_repeated_members():
    m = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.ReLU()])
    assert repr(m) == (
        "ModuleList(\n"
        "  (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)\n"
        "  (3): ReLU()\n"
        ")"
    )


def test_module_reprs_match_torch():
    real = pytest.importorskip("torch")

    def build(lib):
        n = lib.nn
        return [
            n.Sequential(n.Linear(2, 3), n.ReLU(), n.Sequential(n.Linear(3, 1, bias=False), n.Sigmoid()),
                         n.Flatten(0, 1), n.Dropout(0.25, inplace=True), n.Softmax(dim=-1), n.LogSoftmax(dim=1)),
            n.Sequential(OrderedDict([("fc", n.Linear(1, 1)), ("act", n.Tanh())])),
            n.ModuleList([n.ReLU(), n.ReLU(), n.Linear(1, 2), n.ReLU()]),
            n.CrossEntropyLoss(label_smoothing=0.1),
        ]

    assert [repr(m) for m in build(torch)] == [repr(m) for m in build(real)]


# ------------------------------------------------------------------ Sequential and ModuleList


def test_sequential_indexing_and_slicing():
    m = nn.Sequential(OrderedDict([("fc", nn.Linear(1, 1)), ("act", nn.ReLU())]))
    assert m[0] is m.fc and m[-1] is m.act and len(m) == 2
    part = m[:1]
    assert type(part) is nn.Sequential and repr(part) == "Sequential(\n  (fc): Linear(in_features=1, out_features=1, bias=True)\n)"


def test_sequential_index_out_of_range():
    with pytest.raises(IndexError, match="^index -3 is out of range$"):
        nn.Sequential(nn.ReLU())[-3]


def test_sequential_refuses_non_modules():
    with pytest.raises(TypeError, match="^int is not a Module subclass$"):
        nn.Sequential(nn.ReLU()).append(3)


def test_sequential_runs_its_layers_in_order():
    m = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
    with torch.no_grad():
        m[0].weight.copy_(torch.tensor([[1.0, -1.0], [0.5, 0.5]]))
        m[0].bias.zero_()
        m[2].weight.copy_(torch.tensor([[2.0, 1.0]]))
        m[2].bias.fill_(0.1)
    out = m(torch.tensor([[1.0, 2.0], [3.0, 1.0]]))
    assert repr(out) == "tensor([[1.6000],\n        [6.1000]], grad_fn=<AddmmBackward0>)"
    out.sum().backward()
    assert m[0].weight.grad.tolist() == [[6.0, 2.0], [4.0, 3.0]]


def test_module_list_registers_its_members():
    class Stack(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 1)])

    assert [n for n, _ in Stack().named_parameters()] == [
        "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"]


# ------------------------------------------------------------------ Linear


# Recorded from PyTorch 2.13: torch.manual_seed(0); nn.Linear(3, 2)
LINEAR_3_2_SEED_0 = {
    "weight": [[-0.004322517663240433, 0.3097158372402191, -0.4751853346824646],
               [-0.4248946011066437, -0.2223689705133438, 0.15482072532176971]],
    "bias": [-0.011439144611358643, 0.45777493715286255],
}


def test_linear_initial_weights_are_pytorchs_bit_for_bit():
    torch.manual_seed(0)
    lin = nn.Linear(3, 2)
    assert {"weight": lin.weight.tolist(), "bias": lin.bias.tolist()} == LINEAR_3_2_SEED_0


def test_sequential_initial_weights_are_pytorchs_bit_for_bit():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    assert [p.tolist() for p in m.parameters()] == [
        [[-0.005293981172144413, 0.37932288646698], [-0.5819807648658752, -0.5203874707221985],
         [-0.27234524488449097, 0.1896158903837204]],
        [-0.014010033570230007, 0.5606575012207031, -0.06275151669979095],
        [[0.1527741253376007, -0.1744827926158905, -0.11348707973957062]],
        [-0.55157071352005],
    ]


def test_linear_initial_weights_match_torch():
    real = pytest.importorskip("torch")
    for seed, shape in [(1, (5, 7)), (2, (64, 10)), (3, (1, 1))]:
        torch.manual_seed(seed)
        ours = torch.nn.Linear(*shape)
        real.manual_seed(seed)
        theirs = real.nn.Linear(*shape)
        assert np.array_equal(ours.weight.detach().numpy(), theirs.weight.detach().numpy())
        assert np.array_equal(ours.bias.detach().numpy(), theirs.bias.detach().numpy())


def test_linear_attributes_and_dtype():
    lin = nn.Linear(4, 3, dtype=torch.float64)
    assert (lin.in_features, lin.out_features, lin.weight.shape, lin.weight.dtype, lin.bias.shape) == (
        4, 3, torch.Size([3, 4]), torch.float64, torch.Size([3]))


def test_linear_forward_and_backward():
    lin = nn.Linear(2, 2)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[1.0, 0.0], [0.5, -1.0]]))
        lin.bias.copy_(torch.tensor([0.0, 1.0]))
    out = lin(torch.tensor([[1.0, 2.0], [3.0, 4.0], [0.0, 1.0]])).sum()
    out.backward()
    assert (out.item(), lin.weight.grad.tolist(), lin.bias.grad.tolist()) == (
        2.0, [[4.0, 7.0], [4.0, 7.0]], [3.0, 3.0])


def test_linear_on_batched_and_single_inputs():
    lin = nn.Linear(2, 1)
    assert (lin(torch.ones(4, 5, 2)).shape, lin(torch.ones(2)).shape) == (torch.Size([4, 5, 1]), torch.Size([1]))


@pytest.mark.parametrize("shape, message", [
    ((1, 3), "mat1 and mat2 shapes cannot be multiplied (1x3 and 2x1)"),
    ((4, 5, 3), "mat1 and mat2 shapes cannot be multiplied (20x3 and 2x1)"),
])
def test_linear_shape_mismatch_error(shape, message):
    with pytest.raises(RuntimeError) as info:
        nn.Linear(2, 1)(torch.ones(*shape))
    assert str(info.value) == message


# ------------------------------------------------------------------ nn.init


# Each recorded from PyTorch 2.13 right after torch.manual_seed(0).
INIT_CASES = {
    "kaiming_uniform_relu": (
        lambda: nn.init.kaiming_uniform_(torch.empty(3, 4), a=0, nonlinearity="relu"),
        [[-0.009169445373117924, 0.657006561756134, -1.0080204010009766, -0.9013375639915466],
         [-0.4717158377170563, 0.3284243643283844, -0.024266092106699944, 0.9710873365402222],
         [-0.10868881642818451, 0.3240828812122345, -0.3701339364051819, -0.24074245989322662]]),
    "xavier_uniform": (
        lambda: nn.init.xavier_uniform_(torch.empty(3, 4)),
        [[-0.006931448820978403, 0.4966502785682678, -0.7619917392730713, -0.681347131729126],
         [-0.3565836548805237, 0.24826547503471375, -0.01834344118833542, 0.7340730428695679],
         [-0.08216102421283722, 0.24498362839221954, -0.27979493141174316, -0.18198418617248535]]),
    "xavier_uniform_tanh_gain": (
        lambda: nn.init.xavier_uniform_(torch.empty(3, 4), gain=nn.init.calculate_gain("tanh")),
        [[-0.011552413925528526, 0.8277504444122314, -1.2699861526489258, -1.1355785131454468],
         [-0.5943061113357544, 0.41377580165863037, -0.030572399497032166, 1.2234549522399902],
         [-0.1369350254535675, 0.4083060324192047, -0.46632489562034607, -0.3033069670200348]]),
    "normal": (
        lambda: nn.init.normal_(torch.empty(5), 1.0, 0.5),
        [1.7704980373382568, 0.853285551071167, -0.08939468860626221, 1.2842156887054443, 0.45773881673812866]),
    "uniform": (
        lambda: nn.init.uniform_(torch.empty(4), -2, 2),
        [-0.014973640441894531, 1.0728871822357178, -1.6460902690887451, -1.4718780517578125]),
    "kaiming_normal": (
        lambda: nn.init.kaiming_normal_(torch.empty(2, 3)),
        [[1.2582180500030518, -0.23958370089530945, -1.7789740562438965],
         [0.4641222059726715, -0.8855087757110596, -1.1419483423233032]]),
    "xavier_normal": (
        lambda: nn.init.xavier_normal_(torch.empty(2, 3)),
        [[0.9746115207672119, -0.18558073043823242, -1.3779873847961426],
         [0.3595075011253357, -0.6859121322631836, -0.8845493793487549]]),
}


@pytest.mark.parametrize("name", list(INIT_CASES))
def test_init_draws_pytorchs_values(name):
    fill, expected = INIT_CASES[name]
    torch.manual_seed(0)
    assert fill().tolist() == expected


def test_init_works_on_parameters_in_place():
    p = nn.Parameter(torch.empty(2, 2))
    assert nn.init.ones_(p) is p and p.tolist() == [[1.0, 1.0], [1.0, 1.0]]
    assert nn.init.zeros_(p) is p and p.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert nn.init.constant_(p, 0.5).tolist() == [[0.5, 0.5], [0.5, 0.5]]
    assert p.requires_grad and p.grad_fn is None


def test_calculate_gain():
    gains = [nn.init.calculate_gain(n) for n in ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]]
    assert gains == [1, 1, 1.6666666666666667, 1.4142135623730951, 1.4141428569978354, 0.75]
    assert nn.init.calculate_gain("leaky_relu", 0.2) == 1.3867504905630728


@pytest.mark.parametrize("call, message", [
    (lambda: nn.init.xavier_uniform_(torch.empty(3)),
     "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"),
    (lambda: nn.init.kaiming_uniform_(torch.empty(3, 2), mode="x"), "Mode x not supported, please use one of ['fan_in', 'fan_out']"),
    (lambda: nn.init.calculate_gain("foo"), "Unsupported nonlinearity foo"),
    (lambda: nn.init.calculate_gain("leaky_relu", "x"), "negative_slope x not a valid number"),
])
def test_init_errors(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


def test_init_of_an_empty_tensor_warns():
    with pytest.warns(UserWarning, match="^Initializing zero-element tensors is a no-op$"):
        nn.init.kaiming_uniform_(torch.empty(0, 2))


# ------------------------------------------------------------------ activations


def test_activation_layers_record_pytorchs_nodes():
    x = torch.tensor([[0.5, -1.0, 2.0]], requires_grad=True)
    names = [layer(x).grad_fn.name() for layer in
             (nn.ReLU(), nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1), nn.LogSoftmax(dim=1))]
    assert names == ["ReluBackward0", "SigmoidBackward0", "TanhBackward0", "SoftmaxBackward0", "LogSoftmaxBackward0"]


def test_softmax_layer_values():
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
    assert nn.Softmax(dim=1)(x).tolist() == [approx([0.17529039084911346, 0.03911257162690163, 0.785597026348114]),
                                             approx([0.7361246943473816, 0.16425162553787231, 0.09962364286184311])]


def test_softmax_without_dim_warns_and_picks_dim_1_for_a_matrix():
    with pytest.warns(UserWarning, match=r"^Implicit dimension choice for softmax has been deprecated\. "
                                         r"Change the call to include dim=X as an argument\.$"):
        y = nn.Softmax()(torch.zeros(2, 4))
    assert y.tolist() == [[0.25] * 4, [0.25] * 4]


def test_relu_inplace_changes_its_input():
    x = torch.tensor([-1.0, 2.0])
    assert nn.ReLU(inplace=True)(x) is x and x.tolist() == [0.0, 2.0]


def test_flatten_and_identity():
    x = torch.ones(2, 3, 4)
    assert (nn.Flatten()(x).shape, nn.Flatten(0)(x).shape, nn.Identity(3, foo=2)(x) is x) == (
        torch.Size([2, 12]), torch.Size([24]), True)


def test_flatten_of_a_vector_is_pytorchs_dim_error():
    with pytest.raises(IndexError, match=r"^Dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)$"):
        nn.Flatten()(torch.ones(3))


# ------------------------------------------------------------------ dropout


def test_dropout_mask_is_pytorchs_after_the_same_seed():
    torch.manual_seed(0)
    x = torch.ones(2, 8, requires_grad=True)
    y = F.dropout(x, 0.25)
    k = 1.3333333730697632  # float32(1) / float32(0.75)
    expected = [[0.0, k, k, 0.0, k, 0.0, k, k], [k] * 8]
    assert (y.tolist(), y.grad_fn.name()) == (expected, "MulBackward0")
    y.sum().backward()
    assert x.grad.tolist() == expected


def test_dropout_layer_draws_pytorchs_mask():
    torch.manual_seed(0)
    assert nn.Dropout(0.5)(torch.arange(1.0, 11.0)).tolist() == [0.0, 0.0, 6.0, 0.0, 0.0, 0.0, 14.0, 16.0, 0.0, 20.0]


def test_dropout_in_float64_scales_in_float64():
    torch.manual_seed(0)
    assert F.dropout(torch.ones(4, dtype=torch.float64), 0.3).tolist() == [0.0, 0.0, 1.4285714285714286, 0.0]


def test_dropout_masks_match_torch():
    real = pytest.importorskip("torch")
    for seed, p, shape in [(0, 0.5, (1000,)), (1, 0.1, (33, 17)), (2, 0.9, (5, 4, 3))]:
        torch.manual_seed(seed)
        ours = torch.nn.Dropout(p)(torch.ones(*shape)).numpy()
        real.manual_seed(seed)
        theirs = real.nn.Dropout(p)(real.ones(*shape)).numpy()
        assert np.array_equal(ours, theirs)


def test_dropout_in_eval_mode_returns_its_input():
    x = torch.ones(3, requires_grad=True)
    d = nn.Dropout(0.2).eval()
    assert d(x) is x and F.dropout(x, 0.5, training=False) is x and F.dropout(x, 0.0) is x


def test_dropout_p_one_zeroes_everything_without_drawing():
    torch.manual_seed(0)
    y = F.dropout(torch.ones(3, requires_grad=True), 1.0)
    assert (y.tolist(), y.grad_fn.name(), torch.rand(1).item()) == ([0.0, 0.0, 0.0], "MulBackward0", 0.49625658988952637)


def test_dropout_inplace():
    torch.manual_seed(0)
    z = torch.ones(4)
    assert F.dropout(z, 0.5, inplace=True) is z and z.tolist() == [0.0, 0.0, 2.0, 0.0]


@pytest.mark.parametrize("make", [lambda: nn.Dropout(2), lambda: F.dropout(torch.ones(1), 1.5)])
def test_dropout_probability_must_be_in_0_1(make):
    with pytest.raises(ValueError, match="^dropout probability has to be between 0 and 1, but got (2|1.5)$"):
        make()


# ------------------------------------------------------------------ losses


LOGITS = [[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]
CLASSES = [2, 0]
BINARY = [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]

# name: (loss of the logits above, loss repr, gradient of the logits), recorded from PyTorch 2.13.
LOSS_CASES = {
    "cross_entropy": (
        lambda p: nn.CrossEntropyLoss()(p, torch.tensor(CLASSES)),
        "tensor(0.2738, grad_fn=<NllLossBackward0>)",
        [[0.08764519542455673, 0.019556285813450813, -0.107201486825943],
         [-0.1319376826286316, 0.08212580531835556, 0.04981182515621185]]),
    "cross_entropy_sum": (
        lambda p: nn.CrossEntropyLoss(reduction="sum")(p, torch.tensor(CLASSES)),
        "tensor(0.5477, grad_fn=<NllLossBackward0>)",
        [[0.17529039084911346, 0.03911257162690163, -0.214402973651886],
         [-0.2638753652572632, 0.16425161063671112, 0.0996236503124237]]),
    "cross_entropy_weight": (
        lambda p: nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0]))(p, torch.tensor(CLASSES)),
        "tensor(0.2576, grad_fn=<NllLossBackward0>)",
        [[0.1314677894115448, 0.029334429651498795, -0.1608022302389145],
         [-0.0659688413143158, 0.04106290265917778, 0.024905912578105927]]),
    "cross_entropy_label_smoothing": (
        lambda p: nn.CrossEntropyLoss(label_smoothing=0.2)(p, torch.tensor(CLASSES)),
        "tensor(0.5405, grad_fn=<AddBackward0>)",
        [[0.05431186035275459, -0.013777049258351326, -0.04053482413291931],
         [-0.06527101993560791, 0.04879247024655342, 0.016478490084409714]]),
    "cross_entropy_label_smoothing_weight": (
        lambda p: nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0]), label_smoothing=0.2)(p, torch.tensor(CLASSES)),
        "tensor(0.5358, grad_fn=<AddBackward0>)",
        [[0.10603661090135574, -0.0059545328840613365, -0.10008207708597183],
         [0.004170730710029602, 0.015942150726914406, -0.020112907513976097]]),
    "cross_entropy_label_smoothing_ignore_index": (
        lambda p: nn.CrossEntropyLoss(label_smoothing=0.2, ignore_index=0)(p, torch.tensor(CLASSES)),
        "tensor(0.5413, grad_fn=<AddBackward0>)",
        [[0.10862372070550919, -0.027554098516702652, -0.08106964826583862], [0.0, 0.0, 0.0]]),
    "cross_entropy_label_smoothing_none": (
        lambda p: nn.CrossEntropyLoss(label_smoothing=0.2, reduction="none")(p, torch.tensor(CLASSES)),
        "tensor([0.5413, 0.5397], grad_fn=<AddBackward0>)",
        [[0.10862372070550919, -0.027554098516702652, -0.08106964826583862],
         [-0.13054203987121582, 0.09758494049310684, 0.03295698016881943]]),
    "nll": (
        lambda p: nn.NLLLoss()(F.log_softmax(p, 1), torch.tensor(CLASSES)),
        "tensor(0.2738, grad_fn=<NllLossBackward0>)",
        [[0.08764519542455673, 0.019556285813450813, -0.107201486825943],
         [-0.1319376826286316, 0.08212580531835556, 0.04981182515621185]]),
    "mse": (
        lambda p: nn.MSELoss()(p, torch.zeros(2, 3)),
        "tensor(1.2917, grad_fn=<MseLossBackward0>)",
        [[0.1666666716337204, -0.3333333432674408, 0.6666666865348816], [0.5, 0.0, -0.1666666716337204]]),
    "l1": (
        lambda p: nn.L1Loss()(p, torch.ones(2, 3)),
        "tensor(1.0833, grad_fn=<MeanBackward0>)",
        [[-0.1666666716337204, -0.1666666716337204, 0.1666666716337204],
         [0.1666666716337204, -0.1666666716337204, -0.1666666716337204]]),
    "l1_sum": (
        lambda p: nn.L1Loss(reduction="sum")(p, torch.ones(2, 3)),
        "tensor(6.5000, grad_fn=<SumBackward0>)",
        [[-1.0, -1.0, 1.0], [1.0, -1.0, -1.0]]),
    "bce": (
        lambda p: nn.BCELoss()(torch.sigmoid(p), torch.tensor(BINARY)),
        "tensor(0.6305, grad_fn=<BinaryCrossEntropyBackward0>)",
        [[-0.06292343884706497, 0.04482357203960419, -0.01986716128885746],
         [0.1362624168395996, -0.0833333358168602, 0.06292343884706497]]),
    "bce_with_logits": (
        lambda p: nn.BCEWithLogitsLoss()(p, torch.tensor(BINARY)),
        "tensor(0.6305, grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)",
        [[-0.06292343884706497, 0.04482357203960419, -0.01986716128885746],
         [0.13626240193843842, -0.0833333358168602, 0.06292344629764557]]),
    "bce_with_logits_pos_weight": (
        lambda p: nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 2.0, 3.0]))(p, torch.tensor(BINARY)),
        "tensor(0.7883, grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)",
        [[-0.06292343884706497, 0.04482357203960419, -0.05960146710276604],
         [0.13626240193843842, -0.1666666716337204, 0.06292344629764557]]),
    "smooth_l1": (
        lambda p: nn.SmoothL1Loss()(p, torch.zeros(2, 3)),
        "tensor(0.5417, grad_fn=<SmoothL1LossBackward0>)",
        [[0.0833333358168602, -0.1666666716337204, 0.1666666716337204], [0.1666666716337204, 0.0, -0.0833333358168602]]),
    "smooth_l1_beta_sum": (
        lambda p: nn.SmoothL1Loss(beta=0.5, reduction="sum")(p, torch.ones(2, 3)),
        "tensor(5., grad_fn=<SmoothL1LossBackward0>)",
        [[-1.0, -1.0, 1.0], [1.0, -1.0, -1.0]]),
    "huber": (
        lambda p: nn.HuberLoss(delta=0.5)(p, torch.zeros(2, 3)),
        "tensor(0.3542, grad_fn=<HuberLossBackward0>)",
        [[0.0833333358168602, -0.0833333358168602, 0.0833333358168602], [0.0833333358168602, 0.0, -0.0833333358168602]]),
    "kl_div_batchmean": (
        lambda p: nn.KLDivLoss(reduction="batchmean")(F.log_softmax(p, 1), torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.0, 0.4]])),
        "tensor(0.4225, grad_fn=<DivBackward0>)",
        [[-0.012354806065559387, -0.1304437220096588, 0.142798513174057],
         [0.06806230545043945, 0.08212580531835556, -0.15018817782402039]]),
    "kl_div_log_target_sum": (
        lambda p: nn.KLDivLoss(reduction="sum", log_target=True)(
            F.log_softmax(p, 1), torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]).log()),
        "tensor(0.5701, grad_fn=<SumBackward0>)",
        [[-0.02470959722995758, -0.26088741421699524, 0.285597026348114],
         [0.1361246109008789, 0.0642516165971756, -0.20037633180618286]]),
}


@pytest.mark.parametrize("name", list(LOSS_CASES))
def test_loss_layers_give_pytorchs_value_and_gradient(name):
    compute, expected_repr, expected_grad = LOSS_CASES[name]
    p = torch.tensor(LOGITS, requires_grad=True)
    loss = compute(p)
    assert repr(loss) == expected_repr
    loss.sum().backward()
    assert p.grad.tolist() == [approx(row) for row in expected_grad]


def test_class_weights_are_buffers_in_state_dict():
    loss = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0]))
    assert repr(loss.state_dict()) == ordered_dict_repr(("weight", "tensor([1., 2.])"))
    assert list(nn.BCEWithLogitsLoss(pos_weight=torch.ones(2)).state_dict()) == ["pos_weight"]


@pytest.mark.parametrize("kwargs, reduction", [
    ({"size_average": False}, "sum"), ({"reduce": False}, "none"), ({"size_average": True, "reduce": True}, "mean"),
])
def test_legacy_reduction_arguments_warn_and_translate(kwargs, reduction):
    with pytest.warns(UserWarning) as record:
        loss = nn.MSELoss(**kwargs)
    assert str(record[0].message) == (
        f"size_average and reduce args will be deprecated, please use reduction='{reduction}' instead.")
    assert loss.reduction == reduction


def test_unknown_reduction_is_pytorchs_error():
    with pytest.raises(ValueError, match="^avg is not a valid value for reduction$"):
        nn.MSELoss(reduction="avg")(torch.ones(1), torch.ones(1))


def test_label_smoothing_out_of_range():
    with pytest.raises(RuntimeError, match="^label_smoothing must be between 0.0 and 1.0. Got: 1.5$"):
        F.cross_entropy(torch.ones(1, 2), torch.tensor([0]), label_smoothing=1.5)


def test_losses_match_torch_on_random_inputs():
    real = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((7, 5)).astype(np.float32)
    classes = rng.integers(0, 5, 7)
    probs = rng.random((7, 5)).astype(np.float32)
    weight = rng.random(5).astype(np.float32) + 0.5

    def run(lib, make):
        p = lib.tensor(logits, requires_grad=True)
        loss = make(lib, p)
        loss.sum().backward()
        return loss.detach().numpy(), p.grad.numpy()

    cases = [
        lambda L, p: L.nn.CrossEntropyLoss(label_smoothing=0.3)(p, L.tensor(classes)),
        lambda L, p: L.nn.CrossEntropyLoss(weight=L.tensor(weight), label_smoothing=0.1, reduction="sum")(p, L.tensor(classes)),
        lambda L, p: L.nn.CrossEntropyLoss(label_smoothing=0.05, ignore_index=1, reduction="none")(p, L.tensor(classes)),
        lambda L, p: L.nn.L1Loss()(p, L.tensor(probs)),
        lambda L, p: L.nn.BCEWithLogitsLoss(weight=L.tensor(weight))(p, L.tensor(probs)),
    ]
    for make in cases:
        ours, theirs = run(torch, make), run(real, make)
        np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-5, atol=1e-7)


def test_cross_entropy_with_label_smoothing_records_an_add():
    # PyTorch composes it: (1 - e) * nll + e / C * smoothing term.
    p = torch.tensor(LOGITS, requires_grad=True)
    loss = F.cross_entropy(p, torch.tensor(CLASSES), label_smoothing=0.2)
    assert [type(n).__name__ for n, _ in loss.grad_fn.next_functions] == ["MulBackward0", "MulBackward0"]


def test_no_warning_for_softmax_with_dim():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nn.Softmax(dim=0)(torch.ones(3))
        F.log_softmax(torch.ones(3), dim=0)
    assert math.isclose(F.softmax(torch.ones(4), dim=0).sum().item(), 1.0)


@pytest.mark.parametrize("args, kwargs, message", [
    ((3,), {}, "Module.__init__() takes 1 positional argument but 2 were given"),
    ((), {"a": 3}, "Module.__init__() got an unexpected keyword argument 'a'"),
])
def test_module_init_takes_no_arguments(args, kwargs, message):
    with pytest.raises(TypeError) as info:
        nn.Module(*args, **kwargs)
    assert str(info.value) == message


def test_deepcopy_of_a_model_copies_its_parameters():
    m = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
    m2 = copy.deepcopy(m)
    assert repr(m2) == repr(m) and m2[0].weight is not m[0].weight
    assert (type(m2[0].weight).__name__, m2[0].weight.requires_grad, m2[0].weight.tolist()) == (
        "Parameter", True, m[0].weight.tolist())


def test_forward_pre_hook_can_replace_the_input():
    m = nn.Identity()
    m.register_forward_pre_hook(lambda mod, args: (args[0] * 2,))
    assert m(torch.tensor([1.0])).tolist() == [2.0]


def test_get_submodule_follows_a_dotted_path():
    m = nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.ReLU(), nn.Tanh()))
    assert type(m.get_submodule("1.1")).__name__ == "Tanh" and m.get_submodule("") is m
    with pytest.raises(AttributeError, match="^Sequential has no attribute `7`$"):
        m.get_submodule("1.7")


# ------------------------------------------------------------------ LayerNorm


def test_layer_norm_module_repr_and_parameters():
    ln = nn.LayerNorm(3)
    assert repr(ln) == "LayerNorm((3,), eps=1e-05, elementwise_affine=True, bias=True)"
    assert (ln.weight.tolist(), ln.bias.tolist(), ln.normalized_shape) == ([1.0, 1.0, 1.0], [0.0, 0.0, 0.0], (3,))
    assert repr(nn.LayerNorm((2, 3), eps=1e-3, elementwise_affine=False)) == (
        "LayerNorm((2, 3), eps=0.001, elementwise_affine=False, bias=False)")
    assert list(nn.LayerNorm([2, 3], bias=False).state_dict()) == ["weight"]


def test_layer_norm_values_node_and_saved_statistics():
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 0.0, -1.0]], requires_grad=True)
    y = F.layer_norm(x, (3,))
    assert repr(y) == (
        "tensor([[-1.2247,  0.0000,  1.2247],\n        [ 1.3887, -0.4629, -0.9258]], "
        "grad_fn=<NativeLayerNormBackward0>)")
    node = y.grad_fn
    assert node._saved_normalized_shape == (3,)
    assert node._saved_result1.tolist() == [[2.0], [1.0]]
    assert node._saved_result2.flatten().tolist() == approx([1.2247356176376343, 0.4629095494747162])  # (PyTorch's)
    assert [f for f, _ in node.next_functions][1:] == [None, None]


def test_layer_norm_gradient_of_the_sum_is_exactly_zero():
    # PyTorch's kernel gives exact zeros here; so does the same formula written with our ops.
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 0.0, -1.0]], requires_grad=True)
    F.layer_norm(x, (3,)).sum().backward()
    assert x.grad.tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]


@pytest.mark.parametrize("call, error, message", [
    (lambda x: F.layer_norm(x, (4,)), RuntimeError,
     "Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]"),
    (lambda x: F.layer_norm(x, ()), RuntimeError,
     "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, "
     "but got normalized_shape = []"),
    (lambda x: F.layer_norm(x, 3), TypeError,
     "layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not int"),
    (lambda x: F.layer_norm(x, (3,), torch.ones(2)), RuntimeError,
     "Expected weight to be of same shape as normalized_shape, but got weight of shape [2] and normalized_shape = [3]"),
    (lambda x: F.layer_norm(x.long(), (3,)), NotImplementedError, '"LayerNormKernelImpl" not implemented for \'Long\''),
])
def test_layer_norm_errors_are_pytorchs(call, error, message):
    with pytest.raises(error) as info:
        call(torch.ones(2, 3))
    assert str(info.value) == message


def test_layer_norm_matches_torch():
    real = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    x, w, b = (rng.standard_normal(s).astype(np.float32) for s in ((4, 3, 5), (3, 5), (3, 5)))
    g = rng.standard_normal((4, 3, 5)).astype(np.float32)
    results = []
    for lib in (torch, real):
        xs, ws, bs = (lib.tensor(a, requires_grad=True) for a in (x, w, b))
        out = lib.nn.functional.layer_norm(xs, (3, 5), ws, bs)
        out.backward(lib.tensor(g))
        results.append([t.detach().numpy() for t in (out, xs.grad, ws.grad, bs.grad)])
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


# ------------------------------------------------------------------ Embedding


def test_embedding_initial_weights_are_pytorchs_bit_for_bit():
    # Recorded from PyTorch 2.13: torch.manual_seed(0); nn.Embedding(4, 3, padding_idx=1).weight
    torch.manual_seed(0)
    emb = nn.Embedding(4, 3, padding_idx=1)
    assert emb.weight.tolist() == [
        [1.5409960746765137, -0.293428897857666, -2.1787893772125244], [0.0, 0.0, 0.0],
        [0.40334683656692505, 0.8380263447761536, -0.7192575931549072],
        [-0.40334352850914, -0.5966353416442871, 0.18203648924827576]]


def test_embedding_weights_match_torch_after_the_same_seed():
    real = pytest.importorskip("torch")
    for seed in (0, 7):
        torch.manual_seed(seed)
        real.manual_seed(seed)
        assert torch.nn.Embedding(6, 4).weight.tolist() == real.nn.Embedding(6, 4).weight.tolist()


def test_embedding_repr_and_attributes():
    assert repr(nn.Embedding(5, 3)) == "Embedding(5, 3)"
    assert repr(nn.Embedding(5, 3, padding_idx=-1)) == "Embedding(5, 3, padding_idx=4)"
    assert repr(nn.Embedding(5, 3, max_norm=1.0, scale_grad_by_freq=True, sparse=True)) == (
        "Embedding(5, 3, max_norm=1.0, scale_grad_by_freq=True, sparse=True)")
    assert list(nn.Embedding(5, 3).state_dict()) == ["weight"]


def test_embedding_padding_row_gets_no_gradient():
    emb = nn.Embedding(4, 2, padding_idx=3)
    out = emb(torch.tensor([[3, 0], [3, 3]]))
    assert out[0, 0].tolist() == [0.0, 0.0]
    out.sum().backward()
    assert emb.weight.grad.tolist() == [[1.0, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]


def test_embedding_records_pytorchs_nodes_also_when_differentiated_twice():
    w = torch.tensor([[0.0, 1.0], [2.0, 3.0]], dtype=torch.float64, requires_grad=True)
    out = F.embedding(torch.tensor([1, 1, 0]), w)
    node = out.grad_fn
    assert (node.name(), node._saved_padding_idx, node._saved_weight_sym_argsize_0) == (
        "EmbeddingBackward0", 18446744073709551615, 2)
    (grad,) = torch.autograd.grad((out**2).sum(), w, create_graph=True)
    assert grad.grad_fn.name() == "EmbeddingDenseBackwardBackward0"
    assert grad.tolist() == [[0.0, 2.0], [8.0, 12.0]]


@pytest.mark.parametrize("call, error, message", [
    (lambda w: F.embedding(torch.tensor([4]), w), IndexError, "index out of range in self"),
    (lambda w: F.embedding(torch.tensor([-1]), w), IndexError, "index out of range in self"),
    (lambda w: F.embedding(torch.tensor([1.0]), w), RuntimeError,
     "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
     "but got torch.FloatTensor instead (while checking arguments for embedding)"),
    (lambda w: F.embedding(torch.tensor([0]), w[0]), RuntimeError, "'weight' must be 2-D"),
    (lambda w: F.embedding(torch.tensor([0]), w, padding_idx=4), AssertionError, "Padding_idx must be within num_embeddings"),
    (lambda w: nn.Embedding(4, 2, padding_idx=-5), AssertionError, "Padding_idx must be within num_embeddings"),
])
def test_embedding_errors_are_pytorchs(call, error, message):
    with pytest.raises(error) as info:
        call(torch.ones(4, 2))
    assert str(info.value) == message


def test_embedding_from_pretrained_is_frozen_by_default():
    emb = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert (repr(emb), emb.weight.requires_grad, emb(torch.tensor([1])).tolist()) == ("Embedding(2, 2)", False, [[3.0, 4.0]])


def test_embedding_max_norm_scales_looked_up_rows_in_place():
    w = torch.tensor([[3.0, 4.0], [0.3, 0.4], [6.0, 8.0]])
    F.embedding(torch.tensor([0, 1]), w, max_norm=1.0)
    assert w.tolist() == [[0.6000000238418579, 0.800000011920929], [0.30000001192092896, 0.4000000059604645],
                          [6.0, 8.0]]  # (PyTorch's)


# ------------------------------------------------------------------ BatchNorm1d

BATCH = [[1.0, 2.0, 3.0], [4.0, 0.0, -1.0], [0.5, 0.5, 2.0]]


def test_batch_norm_repr_buffers_and_state_dict():
    bn = nn.BatchNorm1d(3)
    assert repr(bn) == "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
    assert repr(nn.BatchNorm1d(3, eps=1e-3, momentum=None, affine=False, track_running_stats=False)) == (
        "BatchNorm1d(3, eps=0.001, momentum=None, affine=False, bias=False, track_running_stats=False)")
    assert list(bn.state_dict()) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
    assert (bn.num_batches_tracked.dtype, bn.running_var.tolist()) == (torch.int64, [1.0, 1.0, 1.0])
    assert list(nn.BatchNorm1d(3, track_running_stats=False).state_dict()) == ["weight", "bias"]


def test_batch_norm_training_normalises_with_the_batch_and_updates_running_stats():
    bn = nn.BatchNorm1d(3)
    x = torch.tensor(BATCH, requires_grad=True)
    y = bn(x)
    # Recorded from PyTorch 2.13.
    assert repr(y) == (
        "tensor([[-0.5392,  1.3728,  0.9806],\n        [ 1.4018, -0.9806, -1.3728],\n"
        "        [-0.8627, -0.3922,  0.3922]], grad_fn=<NativeBatchNormBackward0>)")
    assert bn.running_mean.tolist() == approx([0.18333333730697632, 0.0833333358168602, 0.13333334028720856])
    assert bn.running_var.tolist() == approx([1.2583333253860474, 1.0083333253860474, 1.3333333730697632])
    assert bn.num_batches_tracked.item() == 1
    (y * torch.arange(9.0).reshape(3, 3)).sum().backward()
    # (the input's gradient sums in another order than PyTorch's kernel: float32 noise differs)
    assert x.grad.tolist() == [pytest.approx(r, rel=1e-5, abs=1e-6) for r in [
        [-2.053833484649658, -0.6788979172706604, -1.4256120920181274],
        [0.2934037148952484, -2.036548614501953, -0.4752020239830017],
        [1.7604297399520874, 2.715446710586548, 1.9008139371871948]]]
    assert bn.weight.grad.tolist() == approx([-0.9704932570457458, -5.295099258422852, -1.7650425434112549])
    assert bn.bias.grad.tolist() == [9.0, 12.0, 15.0]


def test_batch_norm_eval_uses_the_running_estimates():
    bn = nn.BatchNorm1d(3)
    bn(torch.tensor(BATCH))
    bn.eval()
    y = bn(torch.tensor(BATCH, requires_grad=True))
    assert (y.grad_fn.name(), y.grad_fn._saved_training, y.grad_fn._saved_result1.shape) == (
        "NativeBatchNormBackward0", False, (0,))
    assert y[0].tolist() == approx([0.7280232310295105, 1.90872061252594, 2.4825966358184814])  # (PyTorch's)
    assert bn.num_batches_tracked.item() == 1


def test_batch_norm_momentum_none_is_a_cumulative_average():
    bn = nn.BatchNorm1d(3, momentum=None)
    x3 = torch.arange(24.0).reshape(2, 3, 4)
    bn(torch.tensor(BATCH))
    bn(x3)
    # Recorded from PyTorch 2.13.
    assert bn.running_mean.tolist() == approx([4.666666507720947, 6.166666507720947, 8.416666984558105])
    assert bn.running_var.tolist() == approx([23.077381134033203, 21.827381134033203, 23.452381134033203])
    assert bn.num_batches_tracked.item() == 2


@pytest.mark.parametrize("call, error, message", [
    (lambda bn: bn(torch.ones(1, 3)), ValueError,
     "Expected more than 1 value per channel when training, got input size torch.Size([1, 3])"),
    (lambda bn: bn(torch.ones(2, 4)), RuntimeError, "running_mean should contain 4 elements not 3"),
    (lambda bn: bn(torch.ones(3)), ValueError, "expected 2D or 3D input (got 1D input)"),
    (lambda bn: F.batch_norm(torch.ones(2, 3), torch.zeros(3), None), RuntimeError,
     "running_var must be defined in evaluation mode"),
    (lambda bn: F.batch_norm(torch.ones(2, 3, dtype=torch.long), None, None, training=True), NotImplementedError,
     '"batch_norm" not implemented for \'Long\''),
])
def test_batch_norm_errors_are_pytorchs(call, error, message):
    with pytest.raises(error) as info:
        call(nn.BatchNorm1d(3))
    assert str(info.value) == message


def test_batch_norm_matches_torch_in_training_and_eval():
    real = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    x = rng.standard_normal((6, 4, 3)).astype(np.float32)
    g = rng.standard_normal((6, 4, 3)).astype(np.float32)
    for training in (True, False):
        results = []
        for lib in (torch, real):
            bn = lib.nn.BatchNorm1d(4, momentum=0.3)
            with lib.no_grad():
                bn.weight.copy_(lib.tensor([1.0, 2.0, -1.0, 0.5]))
            bn(lib.tensor(x * 2 + 1))
            bn.train(training)
            xs = lib.tensor(x, requires_grad=True)
            out = bn(xs)
            out.backward(lib.tensor(g))
            results.append([t.detach().numpy() for t in (out, xs.grad, bn.weight.grad, bn.bias.grad,
                                                         bn.running_mean, bn.running_var)])
        for ours, theirs in zip(*results):
            np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


# ------------------------------------------------------------------ normalize, smooth_l1, huber, kl_div


def test_normalize_divides_by_the_clamped_norm():
    x = torch.tensor([[3.0, 4.0], [0.0, 0.0]], requires_grad=True)
    y = F.normalize(x)
    assert y.tolist() == [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    assert y.grad_fn.name() == "DivBackward0"
    assert y.grad_fn.next_functions[1][0].name() == "ExpandBackward0"


def test_kl_div_mean_warns_with_pytorchs_text():
    with pytest.warns(UserWarning) as record:
        F.kl_div(torch.tensor([[-1.0, -0.5]]), torch.tensor([[0.4, 0.6]]))
    assert str(record[0].message) == (
        "reduction: 'mean' divides the total loss by both the batch size and the support size."
        "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
        "'mean' will be changed to behave the same as 'batchmean' in the next major release.")


def test_kl_div_batchmean_and_other_reductions_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = F.kl_div(torch.tensor([[-1.0, -0.5]]), torch.tensor([[0.4, 0.6]]), reduction="batchmean")
    assert loss.item() == approx(0.6 * math.log(0.6) + 0.4 * math.log(0.4) + 0.4 + 0.3)


def test_kl_div_refuses_integer_inputs():
    with pytest.raises(RuntimeError, match="^kl_div: Integral inputs not supported.$"):
        F.kl_div(torch.ones(2), torch.tensor([1, 0]), reduction="sum")


def test_smooth_l1_and_huber_bad_parameters():
    x = torch.ones(2)
    with pytest.raises(RuntimeError, match="^smooth_l1_loss does not support negative values for beta.$"):
        F.smooth_l1_loss(x, x, beta=-1.0)
    with pytest.raises(RuntimeError, match="^huber_loss does not support non-positive values for delta.$"):
        F.huber_loss(x, x, delta=0.0)


def test_smooth_l1_with_beta_zero_is_l1():
    x = torch.tensor([1.0, -2.0], requires_grad=True)
    loss = F.smooth_l1_loss(x, torch.zeros(2), beta=0.0)
    assert repr(loss) == "tensor(1.5000, grad_fn=<MeanBackward0>)"


def test_new_losses_match_torch_on_random_inputs():
    real = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    x = rng.standard_normal((5, 4)).astype(np.float32)
    t = rng.standard_normal((5, 4)).astype(np.float32)
    p = rng.dirichlet(np.ones(4), 5).astype(np.float32)
    calls = [
        lambda L, a, b, q: L.nn.functional.smooth_l1_loss(a, b, beta=0.7),
        lambda L, a, b, q: L.nn.functional.huber_loss(a, b, delta=0.7, reduction="sum"),
        lambda L, a, b, q: L.nn.functional.kl_div(L.log_softmax(a, 1), q, reduction="batchmean"),
        lambda L, a, b, q: L.nn.functional.kl_div(a, b, reduction="sum", log_target=True),
        lambda L, a, b, q: L.nn.functional.normalize(a, p=3, dim=0).sum(),
    ]
    for i, call in enumerate(calls):
        results = []
        for lib in (torch, real):
            xs, ts = lib.tensor(x, requires_grad=True), lib.tensor(t, requires_grad=True)
            loss = call(lib, xs, ts, lib.tensor(p))
            loss.backward()
            results.append([loss.item(), xs.grad.numpy(), None if ts.grad is None else ts.grad.numpy()])
        (lv, lx, lt), (rv, rx, rt) = results
        assert lv == pytest.approx(rv, rel=1e-5), i
        np.testing.assert_allclose(lx, rx, rtol=1e-5, atol=1e-6, err_msg=str(i))
        assert (lt is None) == (rt is None), i
        if lt is not None:
            np.testing.assert_allclose(lt, rt, rtol=1e-5, atol=1e-6, err_msg=str(i))


def test_batch_norm_2d_matches_torch():
    real = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    x = rng.standard_normal((3, 2, 4, 5)).astype(np.float32)
    results = []
    for lib in (torch, real):
        bn = lib.nn.BatchNorm2d(2)
        xs = lib.tensor(x, requires_grad=True)
        out = bn(xs)
        (out * out * lib.tensor(x)).sum().backward()
        results.append([t.detach().numpy() for t in (out, xs.grad, bn.weight.grad, bn.running_mean, bn.running_var)])
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
