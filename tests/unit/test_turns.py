from peertui.core.model import Turn
from peertui.core.turns import Order, TurnQueue, start_round, talk_time

PEOPLE = ("Ana", "Ben", "Chloé", "Dev")


def test_round_robin_records_each_turn_and_ends():
    queue = start_round(PEOPLE, 0.0, Order.GROUP, {}, 0)
    turns = []
    for moment in (10.0, 25.0, 45.0, 50.0):
        queue, turn = queue.end_turn("questions", moment)
        turns.append(turn)
    assert [t.speaker for t in turns] == list(PEOPLE)
    assert [t.seconds for t in turns] == [10, 15, 20, 5]
    assert queue.current is None and queue.round_over


def test_a_pass_is_recorded_and_the_time_on_the_floor_before_it_counts():
    queue = start_round(PEOPLE, 0.0, Order.GROUP, {}, 0)
    queue, turn = queue.end_turn("s", 660.0, passed=True)  # eleven minutes, then "I pass"
    assert turn.passed
    assert talk_time([turn]) == {"Ana": 660.0}
    assert queue.current == "Ben"


def test_skip_sends_the_speaker_to_the_end_without_a_turn():
    queue = start_round(PEOPLE, 0.0, Order.GROUP, {}, 0).skip(5.0)
    assert queue.waiting == ("Ben", "Chloé", "Dev", "Ana")
    assert queue.since == 5.0


def test_choose_gives_the_floor_and_closes_the_current_turn():
    queue = start_round(PEOPLE, 0.0, Order.GROUP, {}, 0)
    queue, turn = queue.choose("Dev", "s", 12.0)
    assert turn == Turn("Ana", "s", 0.0, 12.0)
    assert queue.current == "Dev"
    assert queue.upcoming == ("Ben", "Chloé")


def test_random_order_is_reproducible_and_keeps_everyone():
    one = start_round(PEOPLE, 0.0, Order.RANDOM, {}, 7).waiting
    assert one == start_round(PEOPLE, 0.0, Order.RANDOM, {}, 7).waiting
    assert sorted(one) == sorted(PEOPLE)
    draws = {start_round(PEOPLE, 0.0, Order.RANDOM, {}, seed).waiting[0] for seed in range(40)}
    assert len(draws) > 1  # not always the same person first


def test_least_heard_first_is_stable_for_ties():
    talk = {"Ana": 300.0, "Ben": 10.0, "Dev": 10.0}
    assert start_round(PEOPLE, 0.0, Order.LEAST_HEARD, talk, 0).waiting == ("Chloé", "Ben", "Dev", "Ana")


def test_reorder_keeps_the_current_speaker():
    queue = start_round(PEOPLE, 0.0, Order.GROUP, {}, 0)
    reordered = queue.reorder(Order.LEAST_HEARD, {"Ben": 100.0, "Ana": 200.0}, 0, now=60.0)
    assert reordered.current == "Ana"
    assert reordered.upcoming == ("Chloé", "Dev", "Ben")


def test_a_round_not_yet_begun_is_reordered_whole():
    queue = start_round(PEOPLE, 0.0, Order.GROUP, {}, 0)
    reordered = queue.reorder(Order.LEAST_HEARD, {"Ana": 200.0}, 0, now=3.0)
    assert reordered.waiting == ("Ben", "Chloé", "Dev", "Ana")
    assert reordered.since == 3.0


def test_empty_round_has_no_speaker():
    queue = start_round((), 0.0, Order.GROUP, {}, 0)
    assert queue == TurnQueue()
    assert queue.end_turn("s", 1.0) == (queue, None)
