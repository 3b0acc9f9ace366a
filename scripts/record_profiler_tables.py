#!/usr/bin/env python
"""Record PyTorch's profiler tables, built from fixed made-up timings, into tests/golden/profiler_tables.json.

The events (names, start and end in microseconds, input shapes, which event encloses which) are
written below; PyTorch's own ``FunctionEvent`` / ``EventList`` turn them into the tables
``key_averages().table(...)`` prints, and ``tests/test_profiler.py`` checks that autograd_lab's
profiler prints the same tables from the same events: columns, widths, order, number formats and
the totals line, never a real timing. It also records the header and separator lines of a table
from a real profiled run (the names of ops are those of its events, its timings are left out).

Usage::

    .venv/bin/python scripts/record_profiler_tables.py
"""
import json
import os

import torch
from torch.autograd.profiler_util import EventList, FunctionEvent

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "golden", "profiler_tables.json")

LONG = "a_record_function_label_long_enough_to_be_cut_at_the_name_column_limit"
# name, start us, end us, input shapes, index of the enclosing event (None: top level)
EVENTS = [
    ["model_inference", 0, 2050, [], None],
    ["aten::matmul", 10, 400, [[32, 64], [64, 10]], 0],
    ["aten::mm", 20, 390, [[32, 64], [64, 10]], 1],
    ["aten::relu", 400, 480.25, [[32, 10]], 0],
    ["aten::clamp_min", 405, 470.125, [[32, 10], []], 3],
    ["aten::sum", 500, 600, [[32, 10], []], 0],
    ["autograd::engine::evaluate_function: SumBackward0", 700, 760, [], 0],
    ["SumBackward0", 702, 755.5, [], 6],
    ["aten::expand", 703, 710, [[], []], 7],
    ["aten::mm", 800, 1000, [[10, 32], [32, 64]], 0],
    ["aten::mm", 1000, 1200.5, [[10, 32], [32, 64]], 0],
    ["aten::add", 3000, 1503000, [[1000, 1000], [1000, 1000], []], None],
    [LONG, 1600000, 1600012.345, [], None],
    ["aten::zeros", 1600020, 1600020.5, [[]], None],
]

TABLES = [
    # (what it is, key_averages keyword arguments or None for the events themselves, table() keyword arguments)
    ("averages by cpu_time_total, 10 rows", {}, {"sort_by": "cpu_time_total", "row_limit": 10}),
    ("averages by self_cpu_time_total", {}, {"sort_by": "self_cpu_time_total"}),
    ("averages in order", {}, {}),
    ("averages by count, 3 rows", {}, {"sort_by": "count", "row_limit": 3}),
    ("averages by cpu_time (the average)", {}, {"sort_by": "cpu_time"}),
    ("averages by input shape, 6 rows", {"group_by_input_shape": True}, {"sort_by": "cpu_time_total", "row_limit": 6}),
    ("averages, names cut at 20", {}, {"sort_by": "self_cpu_time_total", "max_name_column_width": 20}),
    ("averages with a header", {}, {"sort_by": "cpu_time_total", "row_limit": 2, "header": "A HEADER"}),
    ("the events themselves", None, {}),
    ("top-level events only", {}, {"sort_by": "cpu_time_total", "top_level_events_only": True}),
]


def build_events():
    events = []
    for i, (name, start, end, shapes, parent) in enumerate(EVENTS):
        e = FunctionEvent(id=i, name=name, thread=0, start_us=start, end_us=end, input_shapes=shapes,
                          stack=[])
        if parent is not None:
            events[parent].append_cpu_child(e)
            e.set_cpu_parent(events[parent])
        events.append(e)
    events = EventList(events)
    events._tree_built = True  # the enclosing events are given above, not found from the times
    return events


def real_run_layout():
    """Header and separator lines of a real profiled run of ``(x @ w).relu().sum()``."""
    from torch.profiler import ProfilerActivity, profile, record_function
    x = torch.randn(32, 64, requires_grad=True)
    w = torch.randn(64, 10, requires_grad=True)
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        with record_function("model_inference"):
            (x @ w).relu().sum()
    lines = prof.key_averages().table(sort_by="cpu_time_total", row_limit=5).splitlines()
    return {"separator": lines[0], "header": lines[1], "rows": len(lines) - 5,
            "totals_prefix": lines[-1].split(":")[0] + ":"}


def main():
    events = build_events()
    tables = []
    for what, avg_kwargs, table_kwargs in TABLES:
        source = events if avg_kwargs is None else events.key_averages(avg_kwargs.get("group_by_input_shape", False))
        tables.append({"what": what, "key_averages": avg_kwargs, "table": table_kwargs,
                       "text": source.table(**table_kwargs)})
    golden = {"torch": torch.__version__, "events": EVENTS, "tables": tables, "real_run": real_run_layout()}
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(f"wrote {len(tables)} tables to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
