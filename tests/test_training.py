"""End to end: the training loops of the lessons run on autograd_lab and learn what PyTorch learns.

A 2-layer MLP on the two-moons data, trained with DataLoader + SGD with momentum under
manual_seed(0), reaches the same held-out accuracy as PyTorch after every epoch (recorded from
PyTorch 2.13), and at least 98% within 5 epochs.
"""
import importlib

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab.utils import datasets

# Held-out accuracy after each of the first 10 epochs, recorded from PyTorch 2.13 running
# train_moons() below with the same seed.
TORCH_MOONS_ACCURACY = [0.884, 0.894, 0.956, 0.98, 0.99, 0.988, 0.99, 0.988, 0.994, 0.992]


def two_moons(lib):
    """The toy data, made with ``lib``'s generator (autograd_lab's function body, PyTorch's calls)."""
    import types

    make = types.FunctionType(datasets.make_moons.__code__, {**datasets.make_moons.__globals__, "torch": lib},
                              "make_moons", datasets.make_moons.__defaults__)
    return make(1000, noise=0.1), make(500, noise=0.1)


def train_moons(lib, epochs=10, freeze_first_layer_after=None):
    """The lesson's loop, written once for either library."""
    nn = lib.nn
    data = importlib.import_module(lib.__name__ + ".utils.data")
    lib.manual_seed(0)
    (X, y), (X_test, y_test) = two_moons(lib)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    optimizer = lib.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    loader = data.DataLoader(data.TensorDataset(X, y), batch_size=32, shuffle=True)
    accuracies, losses = [], []
    for epoch in range(epochs):
        if epoch == freeze_first_layer_after:
            model[0].requires_grad_(False)
        model.train()
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        losses.append(loss.item())
        model.eval()
        with lib.no_grad():
            accuracies.append(round((model(X_test).argmax(1) == y_test).float().mean().item(), 4))
    return model, accuracies, losses


def test_mlp_learns_two_moons_to_98_percent_within_5_epochs():
    _, accuracies, _ = train_moons(torch, epochs=5)
    assert accuracies[-1] >= 0.98


def test_mlp_on_two_moons_has_pytorchs_accuracy_every_epoch():
    _, accuracies, _ = train_moons(torch)
    assert accuracies == TORCH_MOONS_ACCURACY


def test_training_is_deterministic_under_manual_seed():
    first, second = train_moons(torch, epochs=3), train_moons(torch, epochs=3)
    assert first[2] == second[2]
    assert [p.tolist() for p in first[0].parameters()] == [p.tolist() for p in second[0].parameters()]


def test_training_run_matches_torch():
    real = pytest.importorskip("torch")
    ours_model, ours_acc, ours_loss = train_moons(torch)
    real_model, real_acc, real_loss = train_moons(real)
    assert ours_acc == real_acc
    np.testing.assert_allclose(ours_loss, real_loss, rtol=1e-3)
    for a, b in zip(ours_model.parameters(), real_model.parameters()):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-3, atol=1e-4)


def test_fine_tuning_with_a_frozen_first_layer_leaves_it_untouched():
    model, accuracies, _ = train_moons(torch, epochs=2)
    frozen_before = [p.tolist() for p in model[0].parameters()]

    model2, accuracies2, _ = train_moons(torch, epochs=4, freeze_first_layer_after=2)
    assert [p.tolist() for p in model2[0].parameters()] == frozen_before  # same first two epochs, then frozen
    assert [p.grad for p in model2[0].parameters()] == [None, None]
    assert accuracies2[:2] == accuracies and accuracies2[-1] > accuracies[-1]


def test_linear_regression_recovers_the_line():
    torch.manual_seed(0)
    X, y = datasets.make_line(200, slope=2.0, intercept=1.0, noise=0.1)
    model = torch.nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.MSELoss()
    for _ in range(300):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
    assert model.weight.item() == pytest.approx(2.0, abs=0.05)
    assert model.bias.item() == pytest.approx(1.0, abs=0.05)
    assert loss.item() == pytest.approx(0.01, abs=0.003)  # what is left is the noise: 0.1^2


def test_adam_with_a_schedule_and_dropout_classifies_blobs():
    torch.manual_seed(0)
    X, y = datasets.make_blobs(300, centers=[[-2.0, 0.0], [2.0, 0.0], [0.0, 3.0]], cluster_std=0.7)
    model = torch.nn.Sequential(torch.nn.Linear(2, 32), torch.nn.ReLU(), torch.nn.Dropout(0.2), torch.nn.Linear(32, 3))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=50, shuffle=True)
    for _ in range(30):
        for xb, yb in loader:
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(xb), yb).backward()
            optimizer.step()
        scheduler.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(X).argmax(1) == y).float().mean().item()
    assert accuracy >= 0.95
    assert scheduler.get_last_lr() == [0.00625]
