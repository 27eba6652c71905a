"""A year of history with a fixed seed: 4 groups x 24 sessions x 12 participants,
each session with about 150 turns, 60 ideas and 15 actions.

Sessions are built by the core's own events, as the app would, so what is
measured is what a facilitator's database would hold.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.clock import FakeClock
from peertui.core.model import ActionStatus, Group, Participant
from peertui.core.protocol_file import builtin_protocols
from peertui.store import Store

FIRST = [
    "Hélène",
    "Zoé",
    "Noël",
    "Anaïs",
    "Tom",
    "Priya",
    "Aisha",
    "Daniel",
    "Sofia",
    "Liam",
    "Maëlle",
    "Jérôme",
    "Séverine",
    "Ibrahim",
    "Claire",
    "Étienne",
]
LAST = [
    "Dupré",
    "Mercier",
    "Bénard",
    "Côté",
    "Becker",
    "Raman",
    "Okafor",
    "Novak",
    "García",
    "O'Connor",
    "Œuvray",
    "Rousseau",
    "Kébé",
    "Diallo",
    "Martin",
    "Moreau",
]
WORDS = [
    "équipe",
    "réunion",
    "délégation",
    "confiance",
    "feedback",
    "priorité",
    "conflit",
    "planning",
    "budget",
    "client",
    "recrutement",
    "entretien",
    "objectif",
    "charge",
    "écoute",
    "décision",
    "projet",
    "changement",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def make_group(rng: random.Random, number: int) -> Group:
    people = rng.sample([f"{f} {last}" for f in FIRST for last in LAST], 12)
    return Group(
        f"Groupe {number} — codév", "fr", tuple(Participant(p) for p in people), "toutes les 2 semaines", 24
    )


def run_session(
    rng: random.Random, group: Group, session_id: str, clock: FakeClock, carried: list
) -> core.Session:
    protocol = builtin_protocols()["codev"]
    client = group.names[rng.randrange(12)]
    session = core.start(session_id, group, protocol, clock.now(), client, sentence(rng, 5))

    def do(event_type, **params):
        nonlocal session
        session = core.apply(session, event_type(**params), clock.now())

    for action in carried[-15:]:
        do(
            ev.ReviewAction,
            action_id=action.id,
            owner=action.owner,
            what=action.what,
            status=rng.choice(list(ActionStatus)),
            note=sentence(rng, 3),
        )
    in_turn = sum(1 for run in session.runs if run.step.in_turn)
    turns_per_step, ideas = -(-150 // in_turn), 0  # about 150 turns in all
    for step_index in range(len(session.runs)):
        step = session.step
        if step.in_turn:
            for _ in range(turns_per_step):
                clock.advance(rng.uniform(20, 110))  # about three hours a session
                if ideas < 60 and rng.random() < 0.45:
                    do(ev.CaptureIdea, text=sentence(rng, rng.randint(6, 20)))
                    ideas += 1
                do(ev.NextSpeaker)
        if step.key == "contract":
            do(ev.SetContract, text="Aidez-moi à " + sentence(rng, 6).lower())
        if step.key == "synthesis":
            for _ in range(15):
                do(
                    ev.AddAction,
                    what=sentence(rng, 8),
                    owner=rng.choice(session.present),
                    due=date(2026, 1, 1) + timedelta(days=rng.randrange(365)),
                )
        if step_index + 1 < len(session.runs):
            clock.advance(60)
            do(ev.NextStep)
    while ideas < 60:
        do(ev.CaptureIdea, text=sentence(rng, 10))
        ideas += 1
    clock.advance(60)
    do(ev.CloseSession)
    return session


def build(db: Path, groups: int = 4, sessions: int = 24, seed: int = 2026) -> None:
    """Write the whole history into the database at `db` (which must not exist yet)."""
    rng = random.Random(seed)
    clock = FakeClock(1_767_261_600.0)  # 2026-01-01 10:00 UTC
    with Store(db) as store:
        for number in range(1, groups + 1):
            group = make_group(rng, number)
            store.save_group(group)
            carried: list = []
            for index in range(sessions):
                clock.advance(14 * 86400)
                session = run_session(rng, group, f"g{number}-s{index + 1:02d}", clock, carried)
                store.save_session(session)
                carried = list(session.actions)


if __name__ == "__main__":
    import sys

    build(Path(sys.argv[1]))
