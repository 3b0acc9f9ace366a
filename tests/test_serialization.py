"""torch.save / torch.load: checkpoints round-trip; a weights-only load refuses classes as PyTorch does."""
import pickle

import numpy as np
import pytest

import autograd_lab as torch


def test_a_checkpoint_round_trips(tmp_path):
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 3)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    path = tmp_path / "checkpoint.pt"
    torch.save({"epoch": 5, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(),
                "loss": torch.tensor(0.25, dtype=torch.float64)}, path)
    checkpoint = torch.load(path)
    assert checkpoint["epoch"] == 5
    assert checkpoint["loss"].dtype == torch.float64 and checkpoint["loss"].item() == 0.25
    assert list(checkpoint["model_state_dict"]) == ["weight", "bias"]
    np.testing.assert_array_equal(checkpoint["model_state_dict"]["weight"].numpy(), model.weight.detach().numpy())
    assert checkpoint["optimizer_state_dict"]["param_groups"][0]["momentum"] == 0.9
    other = torch.nn.Linear(2, 3)
    other.load_state_dict(checkpoint["model_state_dict"])
    np.testing.assert_array_equal(other.bias.detach().numpy(), model.bias.detach().numpy())


def test_a_file_object_works_as_well_as_a_path(tmp_path):
    with open(tmp_path / "t.pt", "wb") as f:
        torch.save(torch.arange(3), f)
    with open(tmp_path / "t.pt", "rb") as f:
        assert torch.load(f).tolist() == [0, 1, 2]


def test_weights_only_refuses_a_pickled_module_with_pytorchs_message(tmp_path):
    torch.save(torch.nn.Linear(2, 3), tmp_path / "m.pt")
    with pytest.raises(pickle.UnpicklingError) as e:
        torch.load(tmp_path / "m.pt")
    message = str(e.value)
    assert message.startswith("Weights only load failed. This file can still be loaded, to do so you have two options, ")
    assert "\tWeightsUnpickler error: Unsupported global: GLOBAL autograd_lab.nn.layers.Linear was not an allowed " in message
    assert repr(torch.load(tmp_path / "m.pt", weights_only=False)) == "Linear(in_features=2, out_features=3, bias=True)"
    with torch.serialization.safe_globals([torch.nn.Linear]):
        assert type(torch.load(tmp_path / "m.pt")) is torch.nn.Linear
