import pytest

from peertui.core.clock import Countdown, FakeClock, TimerState, format_minutes, format_remaining


def test_countdown_counts_down_then_overtime():
    clock = FakeClock(1000.0)
    timer = Countdown(300).start(clock.now())
    clock.advance(120)
    assert timer.remaining(clock.now()) == 180
    assert format_remaining(timer.remaining(clock.now())) == "3:00"
    clock.advance(263)
    assert format_remaining(timer.remaining(clock.now())) == "+1:23"
    assert timer.state(clock.now()) is TimerState.OVERTIME


def test_first_second_of_overtime_is_not_a_second_zero():
    assert format_remaining(0.0) == "0:00"
    assert format_remaining(-0.2) == "+0:01"
    assert format_remaining(0.2) == "0:01"


def test_pause_keeps_the_time_spent():
    timer = Countdown(600).start(0.0)
    timer = timer.pause(100.0)
    assert not timer.running
    assert timer.spent(5000.0) == 100.0
    timer = timer.start(6000.0)
    assert timer.spent(6050.0) == 150.0


@pytest.mark.parametrize(
    ("planned", "left", "state"),
    [
        (600, 121, TimerState.OK),
        (600, 120, TimerState.WARNING),
        (60, 31, TimerState.OK),
        (60, 30, TimerState.WARNING),
        (3600, 121, TimerState.OK),
        (300, 0, TimerState.WARNING),
    ],
)
def test_warning_is_a_fifth_between_thirty_seconds_and_two_minutes(planned, left, state):
    timer = Countdown(planned).start(0.0)
    assert timer.state(planned - left) is state


def test_long_durations_show_hours():
    assert format_remaining(3723) == "1:02:03"
    assert format_remaining(-3723) == "+1:02:03"
    assert format_minutes(65 * 60) == "1 h 05"
    assert format_minutes(12 * 60 + 20) == "12 min"
