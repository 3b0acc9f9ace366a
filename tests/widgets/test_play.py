"""Play moves the stepper to its last step, kernel-side, however many cells show the stepper.

An ``ipywidgets.Play`` animates in the browser, in every one of its views: shown twice, the second
view's ``change:playing`` handler pauses what the first started (ipywidgets issue 3967), so play
stopped after one step in lesson 06, which shows the stepper in two cells. The stepper has no such
control: its Play button is a toggle bound to ``playing``, and the kernel's event loop moves the
step on.
"""
import asyncio

import ipywidgets as w
import pytest

import autograd_lab
from autograd_lab.widgets import BackwardStepper


def classic_stepper(**kwargs):
    x = autograd_lab.ones(2, 2, requires_grad=True)
    out = (3 * (x + 2) ** 2).mean()
    return BackwardStepper(out, namespace={"x": x, "out": out}, **kwargs)


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


async def play(stepper, press=True, limit=2.0):
    """Press Play (the button, as a click does) and wait until playing stops; the steps shown."""
    seen = []
    stepper.observe(lambda c: seen.append(c["new"]), names="step")
    if press:
        stepper.controls["play"].value = True
    waited = 0.0
    while stepper.playing and waited < limit:
        await asyncio.sleep(0.005)
        waited += 0.005
    return seen


def test_no_control_animates_in_the_browser():
    """The cause of the stop after one step: a ``Play`` widget, whose views each run the animation."""
    stepper = classic_stepper()
    assert not any(isinstance(c, w.Play) for c in descendants(stepper))
    play_button = stepper.controls["play"]
    assert isinstance(play_button, w.ToggleButton) and play_button.description == "Play"
    assert "autograd-lab-play" in play_button._dom_classes
    slider = stepper.controls["slider"]
    assert (slider.min, slider.max, stepper.interval) == (1, stepper.n_steps, 900)


def test_play_shown_in_two_cells_goes_to_the_last_step_and_stops():
    stepper = classic_stepper(interval=5)
    first, _ = stepper._repr_mimebundle_()
    second, _ = stepper._repr_mimebundle_()  # lesson 06 shows the stepper again
    view = "application/vnd.jupyter.widget-view+json"
    assert first[view]["model_id"] == second[view]["model_id"] == stepper.model_id
    seen = asyncio.run(play(stepper))
    assert seen == [2, 3, 4, 5]
    assert stepper.step == stepper.n_steps and stepper.playing is False
    assert stepper.controls["play"].value is False and stepper.controls["play"].description == "Play"
    assert stepper.controls["slider"].value == 5 and "step 5 of 5" in stepper.svg


def test_play_from_the_last_step_starts_again_at_the_first():
    stepper = classic_stepper(interval=5)
    stepper.step = stepper.n_steps
    assert asyncio.run(play(stepper)) == [1, 2, 3, 4, 5]


def test_the_button_reads_pause_while_playing_and_pause_stops_the_steps():
    stepper = classic_stepper(interval=20)

    async def pause_after_two():
        stepper.controls["play"].value = True
        assert stepper.controls["play"].description == "Pause" and stepper.controls["play"].icon == "pause"
        while stepper.step < 3:
            await asyncio.sleep(0.002)
        stepper.controls["play"].value = False  # the user presses Pause
        await asyncio.sleep(0.1)

    asyncio.run(pause_after_two())
    assert stepper.step == 3 and stepper.playing is False and stepper._timer is None


def test_steps_come_interval_milliseconds_apart():
    stepper = classic_stepper(interval=40)

    async def timed():
        loop = asyncio.get_running_loop()
        times = []
        stepper.observe(lambda c: times.append(loop.time()), names="step")
        start = loop.time()
        await play(stepper)
        return [t - start for t in times]

    times = asyncio.run(timed())
    assert len(times) == 4 and times[0] >= 0.035
    assert all(b - a >= 0.035 for a, b in zip(times, times[1:]))


def test_without_an_event_loop_play_does_nothing():
    stepper = classic_stepper()
    stepper.controls["play"].value = True
    assert stepper.playing is False and stepper.step == 1 and stepper.controls["play"].value is False


@pytest.mark.parametrize("interval", [900, 5])
def test_interval_is_a_traitlet(interval):
    assert classic_stepper(interval=interval).interval == interval
