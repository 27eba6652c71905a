"""What the facilitator's typing becomes in each step.

A step offers capture targets, cycled with one key: its idea kinds, and where
the step asks for them, an action, the contract sentence or the parts of its form
(the 4 A, a story...). `@name` at the start attributes the text, or the action, to
someone else than the current speaker.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from peertui.core import events as ev
from peertui.core.i18n import t
from peertui.core.protocol import Capture, FormPart, Step
from peertui.core.session import Refused, Session
from peertui.core.sharing import confidential_mark
from peertui.core.text import searchable

ACTION = "action"
CONTRACT = "contract"
ANSWER = "answer"  # the answer to the question waiting first
VOTES = "votes"  # "3 5": the idea numbered 3 got 5 dots
ROTI = "roti"  # 1 to 5
AGREEMENT = "agreement"  # the speaker agrees to the group's charter
DECISION = "group_decision"  # the group's decision: its name first, then why
PART = "part:"  # a part of the step's form: "part:" and the part's key

# An idea kind is one of protocol.IDEA_KINDS and a form part is prefixed, so that no
# protocol can make a target mean two things (a part called "action", the kind "decision").


def targets(step: Step) -> tuple[str, ...]:
    """What Enter can save in this step, each once, in the order the protocol lists its
    captures (an idea kind for `ideas`); the idea kinds are always offered, last if the
    step does not list them. An action is never the first: Enter on the step's first
    target saves what was said, and an action is one Tab (or ctrl+y) away."""
    kinds = step.idea_kinds
    if Capture.QUESTIONS in step.captures:  # questions asked, then answered
        kinds = ("question", ANSWER, *(k for k in kinds if k != "question"))
    offered: list[str] = []
    for capture in step.captures:
        offered += _capture_targets(step, capture, kinds)
    offered += kinds
    unique = list(dict.fromkeys(offered))
    if len(unique) > 1 and unique[0] == ACTION:
        unique[0], unique[1] = unique[1], unique[0]
    return tuple(unique)


def _capture_targets(step: Step, capture: Capture, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The targets one of the step's captures offers (none for those that F-keys handle)."""
    if capture in (Capture.IDEAS, Capture.QUESTIONS):
        return kinds
    if capture is Capture.FORM:
        return tuple(PART + part.key for part in step.form.parts) if step.form is not None else ()
    single = {
        Capture.CONTRACT: CONTRACT,
        Capture.DECISION: DECISION,
        Capture.ACTIONS: ACTION,
        Capture.VOTES: VOTES,
        Capture.ROTI: ROTI,
        Capture.CHARTER: AGREEMENT,
    }
    return (single[capture],) if capture in single else ()


def takes_an_empty_line(target: str) -> bool:
    """Whether Enter on an empty line saves something. Only where the line is a yes, not
    words: the speaker agrees to the charter. The facilitator hears "d'accord" and presses
    Enter; an empty line elsewhere is a stray Enter, and saves nothing."""
    return target == AGREEMENT


def form_part(step: Step, target: str) -> FormPart | None:
    """The part of the step's form that `target` fills, if it is one."""
    if step.form is None or not target.startswith(PART):
        return None
    return step.form.part(target.removeprefix(PART))


def _letters(text: str) -> str:
    """A name's letters and digits alone, accents and case aside: '@zoe' finds 'Zoé M.'"""
    plain = unicodedata.normalize("NFKD", text).casefold()
    return "".join(c for c in plain if c.isalnum())


def find_person(names: tuple[str, ...], typed: str) -> str:
    """The one name that `typed` starts (accents, case and spaces aside), or Refused."""
    key = _letters(typed)
    if not key:
        raise Refused("unknown_person", name=typed)
    exact = [n for n in names if _letters(n) == key]
    found = exact or [
        n for n in names if _letters(n).startswith(key) or any(_letters(w).startswith(key) for w in n.split())
    ]
    if len(found) != 1:
        raise Refused("ambiguous_person" if found else "unknown_person", name=typed)
    return found[0]


def split_mention(session: Session, text: str) -> tuple[str | None, str]:
    """'@zoe Ask the night team' -> ('Zoé Mercier', 'Ask the night team')."""
    stripped = text.lstrip()
    if not stripped.startswith("@"):
        return None, text
    word, _, rest = stripped[1:].partition(" ")
    word = word.rstrip(":,")
    people = tuple(
        dict.fromkeys((*session.present, session.facilitator) if session.facilitator else session.present)
    )
    return find_person(people, word), rest


def capture_event(session: Session, target: str, text: str) -> ev.Event:
    """The event that saving `text` as `target` makes (ACTION is handled by a form).
    A leading `!` (before or after an `@name`) makes an idea or the contract confidential."""
    text, secret = confidential_mark(text)
    author, text = split_mention(session, text)
    if not secret:
        text, secret = confidential_mark(text)
    if target == CONTRACT:
        return ev.SetContract(text, confidential=secret)
    if secret and target not in session.step.idea_kinds:
        # A part of the 4 A, a vote...: shared by nature. The words are kept as a confidential
        # note of the step, not refused: refused, they stayed on the line, and the keys typed
        # after them in a burst ran on into them, another person's answers with them.
        if not session.step.idea_kinds:
            raise Refused("not_confidential_here")
        target = session.step.idea_kinds[0]
    part = form_part(session.step, target)
    if part is not None:
        return ev.FillPart(part.key, text, author)
    if target == ANSWER:
        return ev.AnswerQuestion(text)
    if target == VOTES:
        return _vote(session, text)
    if target == ROTI:
        score = text.strip()
        if score not in ("1", "2", "3", "4", "5"):
            raise Refused("bad_roti")
        return ev.GiveRoti(int(score), author)
    if target == AGREEMENT:
        return ev.Agree(author)
    if target == DECISION:
        return _decision(session, text)
    if target == "theme":
        return replace(_theme(session, text), confidential=secret)
    return ev.CaptureIdea(text, author=author, kind=target, confidential=secret)


def _decision(session: Session, text: str) -> ev.Event:
    """'poursuivre, un an de plus' / 'go_on another year': the decision's name (its key, or
    its words in French or English), then why."""
    typed = searchable(text)
    names = sorted(
        (
            (searchable(name), key)
            for key in session.step.decisions
            for name in (key, t(f"decision.{key}", "fr"), t(f"decision.{key}", "en"))
        ),
        key=lambda pair: -len(pair[0]),
    )
    for name, key in names:
        if typed.startswith(name) and (len(typed) == len(name) or not typed[len(name)].isalnum()):
            count = len(name.split())
            words = text.split(maxsplit=count)  # the name's words, then the rest as typed
            note = words[count] if len(words) > count else ""
            return ev.Decide(key, note.lstrip(" ,:;—-"))
    raise Refused(
        "bad_decision", choices=", ".join(t(f"decision.{k}", session.lang) for k in session.step.decisions)
    )


def earlier_ideas(session: Session) -> list[str]:
    """The ids of the nearest earlier step's ideas, numbered from 1 on screen: a theme
    names the ones it gathers by their numbers."""
    steps = [run.step.key for run in session.runs[: session.current]]
    for key in reversed(steps):
        found = [i.id for i in session.ideas if i.step == key and not i.confidential]
        if found:
            return found
    return []


def _theme(session: Session, text: str) -> ev.CaptureIdea:
    """'Meetings: 1 4 7': the theme "Meetings", gathering the earlier ideas 1, 4 and 7."""
    name, _, numbers = text.rpartition(":")
    ideas = earlier_ideas(session)
    picked = numbers.replace(",", " ").split()
    if name.strip() and picked and all(n.isdigit() for n in picked):
        wrong = [n for n in picked if not 1 <= int(n) <= len(ideas)]
        if wrong:  # numbers meant as ideas, not all of them there: said, never a theme of nothing
            raise Refused("no_such_idea_number", numbers=" ".join(wrong), count=len(ideas))
    if not name.strip() or not picked or not all(n.isdigit() for n in picked):
        return ev.CaptureIdea(text, kind="theme")  # a theme alone, gathering nothing yet
    return ev.CaptureIdea(name.strip(), kind="theme", gathers=tuple(ideas[int(n) - 1] for n in picked))


def voted_ideas(session: Session) -> list[str]:
    """The ids of the ideas voted on, numbered from 1 as the screen shows them."""
    from peertui.core.exchange import voted_step

    step = voted_step(session)
    return [i.id for i in session.ideas if i.step == step and not i.confidential]


def _vote(session: Session, text: str) -> ev.Event:
    """'3 5' (or '3:5', '3=5'): idea number 3 has 5 dots; '3+' one more, '3-' one less."""
    plain = text.strip().replace(":", " ").replace("=", " ")
    ideas = voted_ideas(session)
    dots = dict(session.votes)
    number, _, count = plain.partition(" ")
    step = 0
    if not count and number.endswith(("+", "-")):
        number, step = number[:-1], 1 if number.endswith("+") else -1
    if not number.isdigit() or not 1 <= int(number) <= len(ideas):
        raise Refused("bad_vote", count=len(ideas))
    idea = ideas[int(number) - 1]
    if step:
        return ev.Vote(idea, max(0, dots.get(idea, 0) + step))
    if not count.strip().isdigit():
        raise Refused("bad_vote", count=len(ideas))
    return ev.Vote(idea, int(count.strip()))
