"""How fast can any Python autograd on numpy run the tiny lesson graph? A lower bound.

The tiny-graph target (autograd_lab at most half of PyTorch's time) is measured against two
floors, in one process, interleaved:

- ``numpy by hand``: the forward values and the three gradients written out as numpy calls,
  no graph at all. Nothing written in Python on numpy can be faster.
- ``bare autograd``: the smallest engine that still records a graph and walks it backward:
  slotted tensors, one node per op, numpy-only backward formulas, a depth-first walk. It has
  none of what a PyTorch-compatible engine must do (dtype promotion, grad mode, version
  counters, saved-tensor checks, ``next_functions``, PyTorch's node order, hooks, freeing,
  error messages, backward formulas written with differentiable ops for create_graph).

    python benchmarks/floor_tiny_graph.py
"""
import importlib.util
import timeit

import numpy as np


class BareTensor:
    __slots__ = ("data", "grad", "node")

    def __init__(self, data, node=None):
        self.data, self.grad, self.node = data, None, node

    def __add__(self, number):
        return BareTensor(self.data + number, BareNode((self,), lambda g: (g,)))

    def __mul__(self, other):
        if type(other) is BareTensor:
            a, b = self.data, other.data
            return BareTensor(a * b, BareNode((self, other), lambda g: (g * b, g * a)))
        return BareTensor(self.data * other, BareNode((self,), lambda g: (g * other,)))

    def mean(self):
        shape, n = self.data.shape, self.data.size
        node = BareNode((self,), lambda g: (np.full(shape, g / n, g.dtype),))
        return BareTensor(np.add.reduce(self.data) / n, node)

    def backward(self):
        # Consumers before producers: reverse of a depth-first post-order.
        order, seen, stack = [], set(), [(self.node, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((t.node, False) for t in node.inputs if t.node is not None)
        grads = {self.node: np.ones((), self.data.dtype)}
        for node in reversed(order):
            for t, g in zip(node.inputs, node.backward(grads.pop(node))):
                if t.node is None:
                    t.grad = g if t.grad is None else t.grad + g
                else:
                    grads[t.node] = grads[t.node] + g if t.node in grads else g


class BareNode:
    __slots__ = ("inputs", "backward")

    def __init__(self, inputs, backward):
        self.inputs, self.backward = inputs, backward


def numpy_by_hand(x):
    grad = np.zeros_like(x)

    def step():
        y = x + 2
        z = y * y * 3
        z.mean()
        # d mean / dz = 1/n; dz/dy = 6y; dy/dx = 1
        grad.__iadd__(np.full(x.shape, 1 / x.size, x.dtype) * 3 * y * 2)

    step.grad = grad  # (what the tests check)
    return step


def bare_autograd(x):
    leaf = BareTensor(x)

    def step():
        y = leaf + 2
        z = y * y * 3
        z.mean().backward()

    step.leaf = leaf
    return step


def library(name):
    lib = __import__(name)
    if name == "torch":
        lib.set_num_threads(1)
    x = lib.randn(3, requires_grad=True)

    def step():
        y = x + 2
        z = y * y * 3
        z.mean().backward()

    return step


def best_time(step, number=20000, repeat=5):
    step()
    return min(timeit.repeat(step, number=number, repeat=repeat)) / number


def main():
    x = np.random.default_rng(0).standard_normal(3, dtype=np.float32)
    steps = {"numpy by hand": numpy_by_hand(x), "bare autograd": bare_autograd(x),
             "autograd_lab": library("autograd_lab")}
    if importlib.util.find_spec("torch") is not None:
        steps["PyTorch"] = library("torch")
    best = {name: float("inf") for name in steps}
    for _ in range(3):  # interleaved, so a burst of load from elsewhere hits all alike
        for name, step in steps.items():
            best[name] = min(best[name], best_time(step))
    torch_time = best.get("PyTorch")
    print("tiny lesson graph, forward + backward, per iteration (best of 3 x 5 rounds)")
    for name, t in best.items():
        ratio = f"{t / torch_time:5.2f}x PyTorch" if torch_time else ""
        print(f"  {name:<14} {t * 1e6:7.1f} us  {ratio}")
    if torch_time:
        print(f"  target for autograd_lab: <= 0.5x PyTorch = {torch_time * 0.5e6:.1f} us")


if __name__ == "__main__":
    main()
