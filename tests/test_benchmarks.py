"""The benchmarks' reference implementations compute what they claim (their timings are not tested)."""
import sys
from pathlib import Path

import numpy as np

import autograd_lab as torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import floor_tiny_graph  # noqa: E402


def lab_gradient(values, steps):
    x = torch.tensor(values, requires_grad=True)
    for _ in range(steps):
        y = x + 2
        z = y * y * 3
        z.mean().backward()
    return x.grad.numpy()


def test_the_tiny_graph_floors_compute_autograd_labs_gradient_and_accumulate_it():
    values = np.array([0.5, -1.25, 2.0], np.float32)
    by_hand = floor_tiny_graph.numpy_by_hand(values.copy())
    bare = floor_tiny_graph.bare_autograd(values.copy())
    for _ in range(2):
        by_hand()
        bare()
    expected = lab_gradient(values.tolist(), 2)
    np.testing.assert_allclose(by_hand.grad, expected, rtol=1e-6)
    np.testing.assert_allclose(bare.leaf.grad, expected, rtol=1e-6)
    np.testing.assert_allclose(expected, 2 * 2 * (values + 2), rtol=1e-6)  # d/dx mean(3 (x+2)^2) = 2 (x+2)
