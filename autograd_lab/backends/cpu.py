"""``torch.backends.cpu``."""


def get_cpu_capability():
    """The kernels PyTorch 2.13 runs on this machine: 256-bit vectors, the order autograd_lab's sums
    follow (``parity/sum_order.py``)."""
    return "AVX2"
