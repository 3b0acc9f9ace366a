"""``torch.backends.cuda``: not built; ``matmul.allow_tf32`` kept as set."""
import types

matmul = types.SimpleNamespace(allow_tf32=False, allow_fp16_reduced_precision_reduction=True,
                               allow_bf16_reduced_precision_reduction=True)


def is_built():
    return False
