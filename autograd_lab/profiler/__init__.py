"""``torch.profiler``: the profiler with activities, a schedule of steps and a trace handler.

    from torch.profiler import profile, record_function, ProfilerActivity
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        with record_function("model_inference"):
            model(inputs)
    print(prof.key_averages().table(sort_by="cpu_time_total", row_limit=10))

The timing and the table are those of ``torch.autograd.profiler`` (``autograd/profiler.py``);
this adds PyTorch's newer front: ``activities`` (the CPU is the only one there is here),
``schedule(wait=, warmup=, active=, repeat=)`` with ``prof.step()``, and ``on_trace_ready``.
"""
import enum
import os
import warnings

from ..autograd import profiler as _autograd_profiler
from ..autograd.profiler import EventList, record_function  # noqa: F401

__all__ = ["profile", "record_function", "ProfilerActivity", "ProfilerAction", "schedule",
           "supported_activities", "tensorboard_trace_handler"]


class ProfilerActivity(enum.Enum):
    CPU = 0
    XPU = 1
    MTIA = 2
    CUDA = 3
    HPU = 4
    PrivateUse1 = 5


def supported_activities():
    return {ProfilerActivity.CPU}


class ProfilerAction(enum.Enum):
    NONE = 0
    WARMUP = 1
    RECORD = 2
    RECORD_AND_SAVE = 3


def schedule(*, wait, warmup, active, repeat=0, skip_first=0, skip_first_wait=0):
    """What the profiler does at each step: ``skip_first`` steps nothing, then cycles of ``wait``
    steps nothing, ``warmup`` steps warming up, ``active`` steps recording (the last one hands the
    cycle's events to ``on_trace_ready``), ``repeat`` times (0: for ever)."""
    if wait < 0 or warmup < 0 or active <= 0 or repeat < 0 or skip_first < 0:
        raise AssertionError("Invalid profiler schedule arguments")

    def action(step):
        if step < skip_first:
            return ProfilerAction.NONE
        step -= skip_first
        if skip_first_wait:
            step += wait  # the first cycle starts at its warm-up
        cycle = wait + warmup + active
        if repeat > 0 and step // cycle >= repeat:
            return ProfilerAction.NONE
        cycle_step = step % cycle
        if cycle_step < wait:
            return ProfilerAction.NONE
        if cycle_step < wait + warmup:
            return ProfilerAction.WARMUP
        return ProfilerAction.RECORD_AND_SAVE if cycle_step == cycle - 1 else ProfilerAction.RECORD
    return action


_RECORDING = (ProfilerAction.RECORD, ProfilerAction.RECORD_AND_SAVE)
_warned = set()


def _warn_once(message):
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, UserWarning, stacklevel=4)


def _always_record(step):
    return ProfilerAction.RECORD


def tensorboard_trace_handler(dir_name, worker_name=None, use_gzip=False):
    """An ``on_trace_ready`` that writes each cycle's trace as ``<worker>.<step>.pt.trace.json``."""
    def handler(prof):
        os.makedirs(dir_name, exist_ok=True)
        name = f"{worker_name or 'worker0'}.{prof.step_num}.pt.trace.json"
        prof.export_chrome_trace(os.path.join(dir_name, name))
    return handler


class profile(_autograd_profiler.profile):
    """``torch.profiler.profile``: records the ops of the steps its ``schedule`` marks."""

    def __init__(self, *, activities=None, schedule=None, on_trace_ready=None, record_shapes=False,
                 profile_memory=False, with_stack=False, with_flops=False, with_modules=False,
                 experimental_config=None, execution_trace_observer=None, acc_events=False,
                 use_cuda=None, custom_trace_id_callback=None):
        super().__init__(record_shapes=record_shapes)
        self.activities = set(activities) if activities else supported_activities()
        self.schedule = schedule or _always_record
        self.on_trace_ready = on_trace_ready
        self.step_num = 0
        self._action = ProfilerAction.NONE
        self._recording = False
        self.acc_events = acc_events
        self._cycles = 0

    def _begin_cycle(self):
        kept = self._events
        if self._cycles and not self.acc_events:
            _warn_once("Warning: Profiler clears events at the end of each cycle. Only events from the "
                       "current cycle will be reported. To keep events across cycles, set acc_events=True.")
        self.entered = False
        _autograd_profiler.profile.__enter__(self)
        if self.acc_events:
            self._events = kept
        self._cycles += 1
        self._recording = True

    def _end_cycle(self):
        _autograd_profiler.profile.__exit__(self, None, None, None)
        self._recording = False
        if self.on_trace_ready is not None:
            self.on_trace_ready(self)

    def start(self):
        self._action = self.schedule(self.step_num)
        if self._action in _RECORDING:
            self._begin_cycle()

    def stop(self):
        if self._recording:
            self._end_cycle()

    def step(self):
        """Tell the profiler one step (an iteration of the training loop) ended."""
        before = self._action
        self.step_num += 1
        self._action = self.schedule(self.step_num)
        if self._recording and (before is ProfilerAction.RECORD_AND_SAVE or self._action not in _RECORDING):
            self._end_cycle()
        if self._action in _RECORDING and not self._recording:
            self._begin_cycle()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False
