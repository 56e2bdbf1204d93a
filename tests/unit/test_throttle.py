"""The per-user command throttle: a burst, then a steady rate, and one warning per burst."""

from __future__ import annotations

from bot.telegram.throttle import CommandThrottle, Verdict

USER, OTHER = 100_000_001, 100_000_002


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def verdicts(throttle: CommandThrottle, sender: int, count: int) -> list[Verdict]:
    return [throttle.take(sender) for _ in range(count)]


def test_a_burst_up_to_the_limit_is_allowed() -> None:
    throttle = CommandThrottle(burst=10, rate=0.5, clock=ManualClock())

    assert verdicts(throttle, USER, 10) == [Verdict.ALLOWED] * 10


def test_the_first_command_beyond_the_burst_asks_to_slow_down_and_the_rest_are_silent() -> None:
    throttle = CommandThrottle(burst=3, rate=0.5, clock=ManualClock())

    assert verdicts(throttle, USER, 6) == [Verdict.ALLOWED] * 3 + [
        Verdict.SLOW_DOWN,
        Verdict.REFUSED,
        Verdict.REFUSED,
    ]


def test_commands_are_allowed_again_at_the_steady_rate() -> None:
    clock = ManualClock()
    throttle = CommandThrottle(burst=2, rate=0.5, clock=clock)
    verdicts(throttle, USER, 3)

    clock.now += 2.0

    assert verdicts(throttle, USER, 2) == [Verdict.ALLOWED, Verdict.SLOW_DOWN]


def test_a_new_throttled_burst_gets_a_new_warning() -> None:
    clock = ManualClock()
    throttle = CommandThrottle(burst=1, rate=1.0, clock=clock)
    verdicts(throttle, USER, 3)
    clock.now += 1.0
    throttle.take(USER)

    assert throttle.take(USER) is Verdict.SLOW_DOWN


def test_one_users_flood_does_not_throttle_another_user() -> None:
    throttle = CommandThrottle(burst=2, rate=0.5, clock=ManualClock())
    verdicts(throttle, USER, 10)

    assert throttle.take(OTHER) is Verdict.ALLOWED


def test_idle_users_are_forgotten_as_the_table_grows() -> None:
    clock = ManualClock()
    throttle = CommandThrottle(burst=2, rate=1.0, clock=clock)
    for sender in range(1000):
        throttle.take(sender)
    clock.now += 10.0  # long enough for their buckets to be full again

    for sender in range(1000, 1100):
        throttle.take(sender)

    assert len(throttle) < 1000


def test_a_throttled_sender_is_told_how_long_until_the_next_command() -> None:
    clock = ManualClock()
    throttle = CommandThrottle(burst=1, rate=0.5, clock=clock)
    throttle.take(USER)

    assert throttle.wait(USER) == 2.0
    clock.now += 1.5
    assert throttle.wait(USER) == 0.5
    assert throttle.wait(OTHER) == 0.0
