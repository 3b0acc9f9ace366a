"""The local rule each backward node applies, one line per input, in PyTorch's derivatives.yaml words.

``grad`` is the gradient arriving at the node, ``result`` the node's forward output, the other
names are the inputs and values the node saved (``self``, ``other``, ``exponent``, ...). The order
is that of the node's ``next_functions``: the i-th formula gives the gradient sent along edge i.
"""

RULES = {
    "AddBackward0": [("self", "grad"), ("other", "grad * alpha")],
    "AddBackward1": [("self", "grad")],
    "SubBackward0": [("self", "grad"), ("other", "-grad * alpha")],
    "SubBackward1": [("self", "grad")],
    "RsubBackward0": [("self", "-grad * alpha"), ("other", "grad")],
    "RsubBackward1": [("self", "-grad * alpha")],
    "MulBackward0": [("self", "grad * other"), ("other", "grad * self")],
    "MulBackward1": [("self", "grad * other")],
    "DivBackward0": [("self", "grad / other"), ("other", "-grad * self / (other * other)")],
    "DivBackward1": [("self", "grad / other")],
    "NegBackward0": [("self", "-grad")],
    "PowBackward0": [("self", "grad * exponent * self ** (exponent - 1)")],
    "PowBackward1": [("self", "grad * exponent * self ** (exponent - 1)"),
                     ("exponent", "grad * result * self.log()")],
    "SqrtBackward0": [("self", "grad / (2 * result)")],
    "ExpBackward0": [("self", "grad * result")],
    "LogBackward0": [("self", "grad / self")],
    "SinBackward0": [("self", "grad * self.cos()")],
    "CosBackward0": [("self", "grad * -self.sin()")],
    "TanhBackward0": [("self", "grad * (1 - result * result)")],
    "SigmoidBackward0": [("self", "grad * result * (1 - result)")],
    "ReluBackward0": [("self", "grad * (result > 0)")],
    "AbsBackward0": [("self", "grad * self.sgn()")],
    "ClampMinBackward0": [("self", "grad * (self >= min)")],
    "ClampMaxBackward0": [("self", "grad * (self <= max)")],
    "SumBackward0": [("self", "grad.expand(self.sizes())")],
    "SumBackward1": [("self", "grad (unsqueezed on dim) .expand(self.sizes())")],
    "MeanBackward0": [("self", "grad.expand(self.sizes()) / self.numel()")],
    "MeanBackward1": [("self", "grad.expand(self.sizes()) / (elements reduced)")],
    "MmBackward0": [("self", "grad @ mat2.t()"), ("mat2", "self.t() @ grad")],
    "MvBackward0": [("self", "grad.outer(vec)"), ("vec", "self.t() @ grad")],
    "DotBackward0": [("self", "grad * tensor"), ("tensor", "grad * self")],
    "AddmmBackward0": [("self", "grad (summed to self's shape)"), ("mat1", "grad @ mat2.t()"),
                       ("mat2", "mat1.t() @ grad")],
    "TBackward0": [("self", "grad.t()")],
    "ViewBackward0": [("self", "grad.reshape(self.sizes())")],
    "UnsqueezeBackward0": [("self", "grad.squeeze(dim)")],
    "SqueezeBackward0": [("self", "grad.unsqueeze(dim)")],
    "ExpandBackward0": [("self", "grad summed to self.sizes()")],
    "CloneBackward0": [("self", "grad")],
    "ToCopyBackward0": [("self", "grad.to(self's dtype)")],
    "CopySlices": [("self", "grad (with the copied region zeroed)"), ("src", "grad[region]")],
    "AccumulateGrad": [("variable", "variable.grad += grad")],
}


def rule_lines(name, n_edges):
    """``[(input name, formula)]`` for a node called ``name`` with ``n_edges`` next_functions.

    >>> rule_lines("MulBackward0", 2)
    [('self', 'grad * other'), ('other', 'grad * self')]
    """
    rules = RULES.get(name)
    if rules is None:
        return [(f"input {i}", "(rule not listed here: the value is the engine's)") for i in range(n_edges)]
    rules = list(rules[:n_edges])
    while len(rules) < n_edges:
        rules.append((f"input {len(rules)}", "(rule not listed here: the value is the engine's)"))
    return rules
