"""``torch.utils``: data loading (``utils.data``) and the toy datasets lessons train on."""
from . import data  # noqa: F401
