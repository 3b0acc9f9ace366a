"""``arange`` with a fractional step: every value's last bit, as PyTorch's vectorised kernel
rounds it (autograd_lab/parity/ranges.py), in float16, float32 and float64, short ranges (one element at
a time) and long ones (vectors of lanes, then the rest)."""

from textwrap import dedent as _d

PROGRAMS = {
    "range_arange_fractional_steps_bits": _d("""\
        cases = [(-1, 1, 0.3), (0, 1, 0.1), (0.5, 7.3, 1 / 3), (-3.14159, 3.14159, 0.05), (2.0, -2.0, -0.07),
                 (10.0, 10.9, 0.01), (0, 40, 0.7), (-5.5, 5.5, 0.123)]
        for start, end, step in cases:
            for dt in (torch.float32, torch.float64):
                t = torch.arange(start, end, step, dtype=dt)
                print(dt, t.shape, t.tolist())
    """),
    "range_arange_long_ranges_bits": _d("""\
        for start, end, step in [(0, 100, 0.001), (-7.25, 7.25, 1e-4), (1.0, 1000.0, 0.37)]:
            t32 = torch.arange(start, end, step)
            t64 = torch.arange(start, end, step, dtype=torch.float64)
            print(t32.shape, t32.view(torch.int32).sum().item(), t32[:20].tolist(), t32[-20:].tolist())
            print(t64.shape, (t64.view(torch.int64) % 1000003).sum().item(), t64[-20:].tolist())
        print(torch.arange(0, 1, 0.1)[3].item(), torch.arange(-1, 1, 1 / 3).tolist())
    """),
}

PROGRAMS["range_arange_float16_bits"] = _d("""\
    # float16: 16 lanes, computed in float; long ranges run past float16's range into inf
    cases = [(-37.0, 148.3775, 0.8025), (-2.775, 597.225, 2.4), (0, 1, 0.1), (-1, 1, 0.3), (384.9, 86336.7, 29.7),
             (475.735, -70669.665, -25.4), (10.0, 10.9, 0.01), (0, 100, 0.013)]
    for start, end, step in cases:
        t = torch.arange(start, end, step, dtype=torch.float16)
        print(t.shape, t.float().tolist()[:40], t.float().tolist()[-40:], t.view(torch.int16).sum().item())
""")
