"""autograd: backward(), grad(), Function, the grad-mode switches and gradcheck."""
from .function import Function, Node, AccumulateGrad, FunctionCtx  # noqa: F401
from .hooks import RemovableHandle  # noqa: F401
from .grad_mode import (  # noqa: F401
    enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled,
)
from . import engine, forward_ad, functional, graph  # noqa: F401
from .engine import backward, grad  # noqa: F401
from .gradcheck import gradcheck, gradgradcheck  # noqa: F401


def Variable(data, requires_grad=False, volatile=False):
    """The pre-0.4 wrapper: today it just returns the tensor, with requires_grad set if asked."""
    if requires_grad:
        data.requires_grad_(True)
    return data


def set_detect_anomaly(mode, check_nan=True):
    """Accepted for compatibility; this engine's errors already name the failing node."""
    return None


class detect_anomaly:
    def __init__(self, check_nan=True):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


from . import profiler  # noqa: E402,F401  (torch.autograd.profiler.profile, record_function)
