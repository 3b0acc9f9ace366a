"""``torch.backends`` as PyTorch 2.13's CPU-only build answers it: no cuDNN, no MPS, no CUDA; the
CPU kernels are the AVX2 ones. A tutorial's settings (``torch.backends.cudnn.benchmark = True``)
and checks (``torch.backends.mps.is_available()``) run unchanged: a setting is kept and read back,
and changes nothing here."""
from . import cpu, cuda, cudnn, mps  # noqa: F401
