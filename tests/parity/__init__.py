"""Parity programs: small PyTorch-API programs whose outcome under real
PyTorch is recorded in ``tests/golden/parity.json`` and compared against
autograd_lab by ``tests/test_parity.py``.

Each ``programs_*.py`` module in this package exposes

* ``PROGRAMS``: ``{"name": "python source", ...}`` (names unique across files);
* optionally ``MATCH``: ``{"name": "first_line"}`` to compare only the first
  line of an escaping error's (and warnings') message for that program
  (default ``"full"``).

Programs run with ``torch``, ``nn``, ``F`` and ``attempt`` given (see ``runner``);
``_sources`` holds pieces of source that several files build programs from.

Importing this package needs neither torch nor autograd_lab.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pkgutil
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_PATH = os.path.join(os.path.dirname(HERE), "golden", "parity.json")


@dataclass(frozen=True)
class Program:
    name: str
    source: str
    file: str        # e.g. "programs_pointwise.py"
    match: str = "full"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()


def program_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([HERE])
                  if m.name.startswith("programs_"))


def load_programs() -> dict[str, Program]:
    """All programs, keyed by name, in file order then definition order."""
    from .runner import MATCH_MODES

    programs: dict[str, Program] = {}
    for modname in program_modules():
        mod = importlib.import_module(f"{__name__}.{modname}")
        match = getattr(mod, "MATCH", {})
        for name in match:
            if name not in mod.PROGRAMS:
                raise ValueError(f"{modname}.MATCH names unknown program {name!r}")
        for name, source in mod.PROGRAMS.items():
            if name in programs:
                raise ValueError(
                    f"duplicate parity program name {name!r} in {modname} "
                    f"and {programs[name].file}")
            m = match.get(name, "full")
            if m not in MATCH_MODES:
                raise ValueError(f"{modname}.MATCH[{name!r}] = {m!r} is not one of {MATCH_MODES}")
            programs[name] = Program(name, source, modname + ".py", m)
    return programs
