from datetime import date

import pytest

from peertui.core.dates import DueDateError, add_months, parse_due

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2026-12-15", date(2026, 12, 15)),
        ("15/12", date(2026, 12, 15)),
        ("15/12/2027", date(2027, 12, 15)),
        ("3/1", date(2027, 1, 3)),  # already past this year: next year
        ("+2w", date(2026, 12, 7)),
        ("+10d", date(2026, 12, 3)),
        ("+3j", date(2026, 11, 26)),
        ("+1m", date(2026, 12, 23)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("dans 2 semaines", date(2026, 12, 7)),
        ("next week", date(2026, 11, 30)),
        ("Next Month", date(2026, 12, 23)),
        ("mois prochain", date(2026, 12, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("demain", date(2026, 11, 24)),
        ("friday", date(2026, 11, 27)),
        ("vendredi", date(2026, 11, 27)),
        ("monday", date(2026, 11, 30)),  # never today
        ("", None),
    ],
)
def test_due_dates_as_typed(text, due):
    assert parse_due(text, TODAY) == due


@pytest.mark.parametrize("text", ["soon", "31/02", "+2x", "2026-13-01", "[bold]"])
def test_not_a_date(text):
    with pytest.raises(DueDateError, match="not a date"):
        parse_due(text, TODAY)


def test_months_clamp_to_the_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
