"""The hybrid logical clock never outgrows the wire format and refuses malformed text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.hlc import MAX_AHEAD_MS, MAX_COUNTER, MAX_WALL_MS, Hlc, HybridLogicalClock
from sync.protocol import HLC_PATTERN

NOW_MS = 1_795_385_898_792  # November 2026
YEAR_2300_MS = 10_413_792_000_000


def test_the_counter_carries_into_the_wall_part_instead_of_a_sixth_digit() -> None:
    clock = HybridLogicalClock("laptop", Hlc(NOW_MS, MAX_COUNTER - 1, "laptop"))
    assert clock.tick(NOW_MS).encode() == f"{NOW_MS:015d}:99999:laptop"
    after = clock.tick(NOW_MS)
    assert after == Hlc(NOW_MS + 1, 0, "laptop")
    assert re.fullmatch(HLC_PATTERN, after.encode())


def test_observing_the_highest_counter_keeps_the_stamp_encodable() -> None:
    clock = HybridLogicalClock("laptop", Hlc(NOW_MS, 5, "laptop"))
    stamp = clock.observe(Hlc(NOW_MS, MAX_COUNTER, "other"), NOW_MS)
    assert stamp == Hlc(NOW_MS + 1, 0, "laptop")
    assert re.fullmatch(HLC_PATTERN, stamp.encode())


@pytest.mark.parametrize(
    "remote",
    [
        Hlc(MAX_WALL_MS, MAX_COUNTER, "x"),  # the highest stamp the wire format holds
        Hlc(YEAR_2300_MS, 0, "x"),
        Hlc(NOW_MS + MAX_AHEAD_MS + 1, 0, "x"),
    ],
)
def test_a_stamp_far_ahead_is_not_adopted(remote: Hlc) -> None:
    clock = HybridLogicalClock("laptop")
    stamp = clock.observe(remote, NOW_MS)
    assert stamp.wall_ms == NOW_MS
    assert clock.tick(NOW_MS + 1) == Hlc(NOW_MS + 1, 0, "laptop")


def test_a_stamp_a_few_minutes_ahead_is_adopted() -> None:
    clock = HybridLogicalClock("laptop")
    remote = Hlc(NOW_MS + MAX_AHEAD_MS, 3, "other")
    assert clock.observe(remote, NOW_MS) == Hlc(NOW_MS + MAX_AHEAD_MS, 4, "laptop")
    assert clock.tick(NOW_MS) > remote


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1:2:3",
        "0000000000000001:00000:dev",  # 16 digits
        "000000000000001:000001:dev",  # 6-digit counter
        "00000000000000a:00000:dev",
        "000000000000001:00000:",
        "000000000000001:00000:dev:extra",
        "000000000000001:00000:dév",
        "000000000000001:00000:dev\n",
        "-00000000000001:00000:dev",
        "０００００００００００００１:00000:dev",  # full-width digits pass int()
        "000000000000001:00000:" + "d" * 65,
    ],
)
def test_a_malformed_stamp_is_refused_without_echoing_it(text: str) -> None:
    with pytest.raises(ValueError) as info:
        Hlc.decode(text)
    assert "malformed clock stamp" in str(info.value)
    if text:
        assert text not in str(info.value)


def test_a_stamp_outside_the_wire_format_cannot_be_made() -> None:
    for wall, counter in ((MAX_WALL_MS + 1, 0), (0, MAX_COUNTER + 1), (-1, 0), (0, -1)):
        with pytest.raises(ValueError):
            Hlc(wall, counter, "dev")


def test_encode_and_decode_round_trip() -> None:
    stamp = Hlc(NOW_MS, 42, "a1-b_2")
    assert Hlc.decode(stamp.encode()) == stamp


walls = st.integers(min_value=0, max_value=YEAR_2300_MS)
any_remote = st.builds(
    Hlc,
    st.integers(min_value=0, max_value=MAX_WALL_MS),
    st.integers(min_value=0, max_value=MAX_COUNTER),
    st.sampled_from(["other", "zz", "0", "server"]),
)
events = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), walls, st.none()),
        st.tuples(st.just("tick_same"), st.none(), st.none()),
        st.tuples(st.just("observe"), walls, any_remote),
        # A remote stamp near the clock's own time, at the edge of its counter.
        st.tuples(st.just("observe_near"), st.integers(-3, 3), st.integers(0, MAX_COUNTER)),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(
    start=st.none() | st.builds(Hlc, walls, st.integers(0, MAX_COUNTER), st.just("me")),
    steps=events,
)
def test_any_ticks_and_observes_give_encodable_strictly_increasing_stamps(
    start: Hlc | None, steps: list[tuple[str, int | None, Hlc | int | None]]
) -> None:
    clock = HybridLogicalClock("me", start)
    previous = clock.last
    now = previous.wall_ms
    ceiling = previous.wall_ms
    for count, (kind, value, extra) in enumerate(steps, start=1):
        if kind == "tick":
            assert isinstance(value, int)
            now = value
            stamp = clock.tick(now)
        elif kind == "tick_same":
            stamp = clock.tick(now)
        elif kind == "observe":
            assert isinstance(value, int) and isinstance(extra, Hlc)
            now = value
            stamp = clock.observe(extra, now)
        else:
            assert isinstance(value, int) and isinstance(extra, int)
            remote = Hlc(max(0, clock.last.wall_ms + value), extra, "other")
            stamp = clock.observe(remote, now)
            if remote.wall_ms <= now + MAX_AHEAD_MS:
                assert (stamp.wall_ms, stamp.counter) > (remote.wall_ms, remote.counter)
        text = stamp.encode()
        assert re.fullmatch(HLC_PATTERN, text), text
        assert Hlc.decode(text) == stamp
        assert (stamp.wall_ms, stamp.counter) > (previous.wall_ms, previous.counter)
        assert text > previous.encode()
        # Never dragged further ahead of the times it was given than a counter carry or two.
        ceiling = max(ceiling, now + MAX_AHEAD_MS)
        assert stamp.wall_ms <= ceiling + count
        previous = stamp
