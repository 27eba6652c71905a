"""The rules of what is captured: ideas, actions, the client and the contract, the
follow-up of earlier actions and the closing round (the 4 A)."""

from __future__ import annotations

from dataclasses import replace

from peertui.core import events as ev
from peertui.core import exchange
from peertui.core.flow import client_leads, new_round
from peertui.core.model import Action, Entry, Idea, Review
from peertui.core.protocol import Form, Step
from peertui.core.session import Refused, Session, clean_text, kept_silent, known_person, next_id
from peertui.core.sharing import confidential_mark


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
    against = bool(author) and kept_silent(session, author)
    session, idea_id = next_id(session, "i")
    seated = exchange.current_round(session) if session.step.tables or session.step.harvest else None
    table = exchange.table_of(session, author) if seated is not None else 0
    known = {i.id for i in session.ideas}
    gathers = tuple(idea for idea in event.gathers if idea in known)
    idea = Idea(
        idea_id,
        text,
        author,
        session.step.key,
        kind,
        at,
        event.confidential,
        against,
        table,
        seating=seated.step if seated is not None else "",
        gathers=gathers,
    )
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


def keep_idea(session: Session, event: ev.KeepIdea, at: float) -> Session:
    if event.idea_id is None:
        if not session.ideas:
            raise Refused("nothing_to_keep")
        index = len(session.ideas) - 1
    else:
        index = _find(session.ideas, event.idea_id, "no_such_idea")
    ideas = list(session.ideas)
    if ideas[index].confidential and not ideas[index].kept:
        raise Refused("confidential_not_kept")  # the memory is shared: the confidential stays out
    ideas[index] = replace(ideas[index], kept=not ideas[index].kept)
    return replace(session, ideas=tuple(ideas))


def _action_text(typed: str) -> str:
    """What an action says. An action goes to the group's recap, its owner's mail and
    calendar, the follow-up: it cannot be confidential, and a "!" must not make it look so."""
    what = clean_text(typed)
    if not what:
        raise Refused("empty_text")
    if confidential_mark(what)[1]:
        raise Refused("action_not_confidential")
    return what


def add_action(session: Session, event: ev.AddAction, at: float) -> Session:
    what = _action_text(event.what)
    owner = event.owner or session.client or session.speaker
    if not owner:  # "choose the client first" only where there is one to choose
        raise Refused("owner_needed" if session.protocol.needs_client else "owner_unnamed")
    known_person(session, owner)
    session, number = next_id(session, "a")
    action = Action(f"{session.id}/{number}", owner, what, at, session.id, session.group.name, event.due)
    return replace(session, actions=(*session.actions, action))


def edit_action(session: Session, event: ev.EditAction, at: float) -> Session:
    index = _find(session.actions, event.action_id, "no_such_action")
    what = _action_text(event.what)
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
    title, marked = confidential_mark(event.case_title)
    secret = session.case_confidential if event.confidential is None else event.confidential
    session = replace(
        session, client=client, case_title=clean_text(title), case_confidential=secret or marked
    )
    if client_leads(session) and session.queue.current is None:
        session = new_round(session, at)  # named in a step the client leads
    return session


def set_contract(session: Session, event: ev.SetContract, at: float) -> Session:
    return replace(session, contract=clean_text(event.text), contract_confidential=event.confidential)


def mark_confidential(session: Session, event: ev.MarkConfidential, at: float) -> Session:
    if event.what == "case":
        return replace(session, case_confidential=event.confidential)
    if event.what == "contract":
        return replace(session, contract_confidential=event.confidential)
    raise Refused("no_such_idea")


def review(session: Session, event: ev.ReviewAction, at: float) -> Session:
    review = Review(event.action_id, event.owner, event.what, event.status, clean_text(event.note), at)
    kept = tuple(r for r in session.reviews if r.action_id != event.action_id)
    return replace(session, reviews=(*kept, review))


def _form_of(session: Session, step_key: str) -> Form:
    step = next((run.step for run in session.runs if run.step.key == step_key), None)
    if step is None or step.form is None:
        raise Refused("no_form")
    return step.form


def _with_entry(session: Session, entry: Entry) -> Session:
    """The entry in the session, in place of the same person's in the same step; none if
    every part is empty."""
    entries = list(session.entries)
    index = next((i for i, e in enumerate(entries) if (e.author, e.step) == (entry.author, entry.step)), None)
    if index is None:
        entries.append(entry)
    else:
        entries[index] = entry
    return replace(session, entries=tuple(e for e in entries if any(text for _, text in e.parts)))


def fill_part(session: Session, event: ev.FillPart, at: float) -> Session:
    form = _form_of(session, session.step.key)
    if form.part(event.part) is None:
        raise Refused("bad_kind", kind=event.part)
    text = clean_text(event.text)
    if not text:
        raise Refused("empty_text")
    author = known_person(session, event.author) if event.author else session.speaker
    if not author and session.step.in_turn:  # each in turn: whose words, if nobody speaks?
        raise Refused("author_needed")
    # Out of turn, with nobody named, it is the group's (a practice sheet written together).
    earlier = next((e for e in session.entries if (e.author, e.step) == (author, session.step.key)), None)
    texts = {part.key: earlier.text(part.key) if earlier else "" for part in form.parts}
    texts[event.part] = text
    parts = tuple((part.key, texts[part.key]) for part in form.parts)
    return _with_entry(session, Entry(author, session.step.key, parts, at))


def edit_entry(session: Session, event: ev.EditEntry, at: float) -> Session:
    form = _form_of(session, event.step)
    author = known_person(session, event.author)
    given = dict(event.parts)
    unknown = [key for key in given if form.part(key) is None]
    if unknown:
        raise Refused("bad_kind", kind=unknown[0])
    parts = tuple((part.key, clean_text(given.get(part.key, ""))) for part in form.parts)
    return _with_entry(session, Entry(author, event.step, parts, at))


def delete_entry(session: Session, event: ev.DeleteEntry, at: float) -> Session:
    kept = tuple(e for e in session.entries if (e.author, e.step) != (event.author, event.step))
    if len(kept) == len(session.entries):
        raise Refused("no_such_entry")
    return replace(session, entries=kept)
