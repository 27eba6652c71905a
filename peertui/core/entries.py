"""The rules of what is captured: ideas, actions, the client and the contract, the
follow-up of earlier actions and the closing round (the 4 A)."""

from __future__ import annotations

from dataclasses import replace

from peertui.core import events as ev
from peertui.core.model import Action, Evaluation, Idea, Review
from peertui.core.protocol import Step
from peertui.core.session import Refused, Session, clean_text, known_person, next_id


def _find(items: tuple[Idea, ...] | tuple[Action, ...], item_id: str, code: str) -> int:
    for index, found in enumerate(item.id for item in items):
        if found == item_id:
            return index
    raise Refused(code, id=item_id)


def _kind(step: Step, kind: str | None) -> str:
    if kind is None:
        return step.idea_kinds[0]
    if kind not in step.idea_kinds and kind != "note":
        raise Refused("bad_kind", kind=kind)
    return kind


def capture(session: Session, event: ev.CaptureIdea, at: float) -> Session:
    text = clean_text(event.text)
    if not text:
        raise Refused("empty_text")
    author = known_person(session, event.author) if event.author else session.speaker
    kind = _kind(session.step, event.kind)
    session, idea_id = next_id(session, "i")
    idea = Idea(idea_id, text, author, session.step.key, kind, at, event.confidential)
    return replace(session, ideas=(*session.ideas, idea))


def edit_idea(session: Session, event: ev.EditIdea, at: float) -> Session:
    index = _find(session.ideas, event.idea_id, "no_such_idea")
    idea = session.ideas[index]
    text = clean_text(event.text)
    if not text:
        raise Refused("empty_text")
    author = known_person(session, event.author) if event.author else idea.author
    step = next(run.step for run in session.runs if run.step.key == idea.step)
    kind = _kind(step, event.kind) if event.kind else idea.kind
    ideas = list(session.ideas)
    ideas[index] = replace(idea, text=text, author=author, kind=kind)
    return replace(session, ideas=tuple(ideas))


def delete_idea(session: Session, event: ev.DeleteIdea, at: float) -> Session:
    index = _find(session.ideas, event.idea_id, "no_such_idea")
    return replace(session, ideas=session.ideas[:index] + session.ideas[index + 1 :])


def toggle_confidential(session: Session, event: ev.ToggleConfidential, at: float) -> Session:
    index = _find(session.ideas, event.idea_id, "no_such_idea")
    ideas = list(session.ideas)
    ideas[index] = replace(ideas[index], confidential=not ideas[index].confidential)
    return replace(session, ideas=tuple(ideas))


def add_action(session: Session, event: ev.AddAction, at: float) -> Session:
    what = clean_text(event.what)
    if not what:
        raise Refused("empty_text")
    owner = event.owner or session.client or session.speaker
    if not owner:
        raise Refused("owner_needed")
    known_person(session, owner)
    session, number = next_id(session, "a")
    action = Action(f"{session.id}/{number}", owner, what, at, session.id, session.group.name, event.due)
    return replace(session, actions=(*session.actions, action))


def edit_action(session: Session, event: ev.EditAction, at: float) -> Session:
    index = _find(session.actions, event.action_id, "no_such_action")
    what = clean_text(event.what)
    if not what:
        raise Refused("empty_text")
    actions = list(session.actions)
    owner = known_person(session, event.owner)
    actions[index] = replace(actions[index], what=what, owner=owner, due=event.due)
    return replace(session, actions=tuple(actions))


def delete_action(session: Session, event: ev.DeleteAction, at: float) -> Session:
    index = _find(session.actions, event.action_id, "no_such_action")
    return replace(session, actions=session.actions[:index] + session.actions[index + 1 :])


def set_client(session: Session, event: ev.SetClient, at: float) -> Session:
    client = known_person(session, event.client) if event.client else ""
    if client and client == session.facilitator:
        raise Refused("facilitator_not_client")
    return replace(session, client=client, case_title=clean_text(event.case_title))


def set_contract(session: Session, event: ev.SetContract, at: float) -> Session:
    return replace(session, contract=clean_text(event.text))


def review(session: Session, event: ev.ReviewAction, at: float) -> Session:
    review = Review(event.action_id, event.owner, event.what, event.status, clean_text(event.note), at)
    kept = tuple(r for r in session.reviews if r.action_id != event.action_id)
    return replace(session, reviews=(*kept, review))


def evaluate(session: Session, event: ev.Evaluate, at: float) -> Session:
    author = known_person(session, event.author)
    evaluation = Evaluation(
        author,
        clean_text(event.appreciation),
        clean_text(event.expectations),
        clean_text(event.learning),
        clean_text(event.application),
        at,
    )
    kept = tuple(e for e in session.evaluations if e.author != author)
    return replace(session, evaluations=(*kept, evaluation))
