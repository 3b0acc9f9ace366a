#!/usr/bin/env python
"""Record the parity goldens from real PyTorch.

Runs every program of ``tests/parity/programs_*.py`` under real torch (one
thread, each program in its own forked child) and writes
``tests/golden/parity.json`` (sorted keys, indented, stable).

Usage::

    python scripts/record_goldens.py            # re-record everything
    python scripts/record_goldens.py -k grad_   # only programs whose name contains
                                                # 'grad_' (others kept as they are)
    python scripts/record_goldens.py --check    # write nothing; exit 1 if the
                                                # file is out of date
    python scripts/record_goldens.py --show NAME  # print one program's outcome

Programs that were deleted from the sources are dropped from the file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from parity import GOLDEN_PATH, load_programs  # noqa: E402
from parity.runner import run_isolated  # noqa: E402


def _torch_setup(torch):
    torch.set_num_threads(1)


def record(torch, programs, timeout=None):
    out = {}
    for prog in programs.values():
        outcome = run_isolated(prog.source, torch, prog.name, timeout=timeout,
                               before_run=_torch_setup)
        out[prog.name] = {
            "file": prog.file,
            "match": prog.match,
            "source_sha256": prog.sha256,
            **outcome,
        }
    return out


def dump(data) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", dest="substr", action="append",
                    help="only (re)record programs whose name contains this (repeatable)")
    ap.add_argument("--check", action="store_true",
                    help="compare with the stored file instead of writing it")
    ap.add_argument("--show", metavar="NAME", help="print one program's outcome and exit")
    ap.add_argument("--output", default=GOLDEN_PATH)
    args = ap.parse_args(argv)

    import torch

    _torch_setup(torch)
    programs = load_programs()

    if args.show:
        prog = programs[args.show]
        outcome = run_isolated(prog.source, torch, prog.name, before_run=_torch_setup)
        print(prog.source)
        print("----- stdout -----")
        print(outcome["stdout"], end="")
        print("----- warnings -----")
        for w in outcome["warnings"]:
            print(w)
        print("----- error -----")
        print(outcome["error"])
        return 0

    old = {}
    if os.path.exists(args.output):
        with open(args.output, encoding="utf-8") as f:
            old = json.load(f)
    old_programs = old.get("programs", {})

    if args.substr:
        chosen = {n: p for n, p in programs.items()
                  if any(s in n for s in args.substr)}
        if not chosen:
            print("no program matches", args.substr, file=sys.stderr)
            return 2
    else:
        chosen = programs

    new_records = record(torch, chosen)
    merged = {n: old_programs[n] for n in programs if n in old_programs}
    merged.update(new_records)
    data = {
        "torch_version": torch.__version__,
        "num_programs": len(merged),
        "programs": dict(sorted(merged.items())),
    }
    text = dump(data)

    if args.check:
        old_text = dump(old) if old else ""
        if old_text != text:
            print(f"{args.output} is out of date: run scripts/record_goldens.py", file=sys.stderr)
            changed = sorted(n for n in set(merged) | set(old_programs)
                             if merged.get(n) != old_programs.get(n))
            for n in changed:
                print("  changed:", n, file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(merged)} programs)")
        return 0

    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    n_err = sum(1 for r in new_records.values() if r["error"])
    n_warn = sum(1 for r in new_records.values() if r["warnings"])
    print(f"recorded {len(new_records)} programs with torch {torch.__version__} "
          f"({n_err} end in an error, {n_warn} warn) -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
