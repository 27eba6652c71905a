"""The group's memory: what its sessions learned, kept so that it can be found again.

A session gives its knowledge when it closes (`harvest`): the 4 A's learnings and
applications (a form's parts marked `learning` or `commitment`), whole entries of the
forms a group keeps (a story, a retrospective, a practice shared: `keep = true`), the
ideas of a knowing kind (a learning, an insight, a decision), the ideas the facilitator
kept (ctrl+b, or `k` in F2), any idea with a tag, and the group's decision. Nothing
confidential ever enters it.

Tags are typed inline, `#délégation`, in an idea, a part or the case's title (a case's
tags go to everything its session gave). A confidential case gives nothing of what was
said about it: only its learnings (the 4 A) and the ideas the facilitator kept knowingly.
Search is over a text prepared once per item (accents and case aside), so that it answers
as one types on a decade of history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from peertui.core.document import Block, Bullets, Facts, Outline, Paragraph, Section
from peertui.core.i18n import format_short_date, t
from peertui.core.session import Session

if TYPE_CHECKING:
    from peertui.core.sheets import Sheet
from peertui.core.sheets import SHEET_FIELDS, sheet_to_record
from peertui.core.text import json_escaped, searchable, tags_of

IDEA_KINDS = frozenset({"learning", "insight", "decision"})  # knowledge by their kind


@dataclass(frozen=True)
class Knowledge:
    """One thing the group learned: an idea, one person's entry (or a part of it), a
    decision. `parts` are (key, label, text): a form's part key and name (in the group's
    language), or ("", "", text) for what was said in one piece."""

    id: str  # "<session id>/<what>": stable, so that a practice sheet can name its sources
    group: str
    session_id: str
    day: date
    kind: str  # an idea's kind, a form part's key (learning, application), a form's key
    author: str  # "" for the group
    parts: tuple[tuple[str, str, str], ...]
    tags: tuple[str, ...] = ()
    case: str = ""  # the case of the session, when it is not confidential

    @property
    def text(self) -> str:
        """The parts as one text: 'Challenge: ... Action: ...', or the text alone."""
        return " · ".join(f"{label}: {text}" if label else text for _, label, text in self.parts)

    @property
    def haystack(self) -> str:
        """What a search looks in: the text, the author, the tags, the case."""
        return searchable(f"{self.text} {self.author} {' '.join(self.tags)} {self.case}")


def harvest(session: Session) -> list[Knowledge]:
    """What a session gives to the group's memory, in the order it was said."""
    lang = session.lang
    day = datetime.fromtimestamp(session.started_at).date()

    def item(
        what: str, kind: str, author: str, parts: Sequence[tuple[str, str, str]], step: str = ""
    ) -> Knowledge:
        told = session.case_of(step) if step else session.all_cases[0]
        case = "" if told.confidential else told.title
        case_tags = tags_of(case)
        tags = tags_of(*(text for _, _, text in parts))
        return Knowledge(
            id=f"{session.id}/{what}",
            group=session.group.name,
            session_id=session.id,
            day=day,
            kind=kind,
            author=author,
            parts=tuple(parts),
            tags=tuple(dict.fromkeys((*tags, *case_tags))),
            case=case,
        )

    def secret_case(step: str) -> bool:
        """Said in the steps of a confidential case: its words stay in the room."""
        return session.case_of(step).confidential

    found: list[Knowledge] = []
    for idea in session.ideas:
        if idea.confidential or idea.gathers:
            continue  # a theme only names what it gathers
        if secret_case(idea.step) and not idea.kept:
            continue  # unless the facilitator kept it, knowingly (ctrl+b)
        if idea.kept or idea.kind in IDEA_KINDS or tags_of(idea.text):
            found.append(item(idea.id, idea.kind, idea.author, (("", "", idea.text),), idea.step))
    steps = {run.step.key: run.step for run in session.runs}
    for entry in session.entries:
        step = steps.get(entry.step)
        form = step.form if step is not None else None
        if form is None:
            continue
        where = f"{entry.step}:{searchable(entry.author).replace(' ', '-') or 'group'}"
        if form.keep:  # a story, a practice: kept whole (never one told of a confidential case)
            parts = [
                (part.key, part.name(lang), entry.text(part.key))
                for part in form.parts
                if entry.text(part.key)
            ]
            if parts and not secret_case(entry.step):
                found.append(item(where, form.key, entry.author, parts, entry.step))
            continue
        for part in form.parts:  # the 4 A: what was learned, what will be applied
            text = entry.text(part.key)
            if text and (part.learning or part.commitment):
                found.append(
                    item(f"{where}:{part.key}", part.key, entry.author, (("", "", text),), entry.step)
                )
    if session.decision:
        chosen = t(f"decision.{session.decision}", lang)
        text = f"{chosen} — {session.decision_note}" if session.decision_note else chosen
        found.append(item("decision", "decision", "", (("", "", text),)))
    return found


# Finding it again ----------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What is asked: words (each must be found), tags (`#x`: each must be there), a
    person (`@zoe`: the start of a name), a group (part of its name)."""

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    person: str = ""
    group: str = ""

    @classmethod
    def parse(cls, typed: str, group: str = "") -> Query:
        """'#délégation @zoe réunion' as a query: tags, a person, words."""
        words, tags, person = [], [], ""
        for token in typed.split():
            if token.startswith("#") and len(token) > 1:
                tags.append(searchable(token[1:]))
            elif token.startswith("@") and len(token) > 1:
                person = searchable(token[1:])
            else:
                words.append(searchable(token))
        return cls(tuple(w for w in words if w), tuple(tags), person, searchable(group))

    def keeps_sheet(self, sheet: Sheet) -> bool:
        """A practice sheet, by its words, tags (as typed) and who contributed."""
        tags = [searchable(tag) for tag in sheet.tags]
        people = [word for name in sheet.contributors for word in searchable(name).split()]
        return (
            all(word in sheet.haystack for word in self.words)
            and all(any(have.startswith(tag) for have in tags) for tag in self.tags)
            and (not self.person or any(word.startswith(self.person) for word in people))
            and (not self.group or self.group in searchable(sheet.group))
        )

    def narrows(self, before: Query) -> bool:
        """Whatever this keeps, `before` kept too: each of its words, tags, person and group
        is found in one of this query's (typing on extends a word: "réu" then "réun")."""

        def covered(old: str, new: tuple[str, ...]) -> bool:
            return any(old in word for word in new)

        return (
            all(covered(word, self.words) for word in before.words)
            and all(any(tag.startswith(old) for tag in self.tags) for old in before.tags)
            and (not before.person or self.person.startswith(before.person))
            and (not before.group or before.group in self.group)
        )

    def keeps(self, item: _Prepared) -> bool:
        if self.group and self.group not in item.group:
            return False
        if self.person and not any(word.startswith(self.person) for word in item.author):
            return False
        # A tag as it is typed: "#deleg" finds #délégation before the word is finished.
        if not all(any(have.startswith(tag) for have in item.tags) for tag in self.tags):
            return False
        return all(word in item.haystack for word in self.words)


@dataclass(frozen=True)
class _Prepared:
    """An item as a search reads it, made once: every keystroke compares plain strings."""

    item: Knowledge
    haystack: str
    group: str
    author: tuple[str, ...]
    tags: frozenset[str]

    @classmethod
    def of(cls, item: Knowledge) -> _Prepared:
        return cls(
            item,
            item.haystack,
            searchable(item.group),
            tuple(searchable(item.author).split()),
            frozenset(searchable(tag) for tag in item.tags),
        )


class Memory:
    """The items of one or several groups, prepared once, searched as one types."""

    def __init__(self, items: Iterable[Knowledge]) -> None:
        # Newest first: what the group saw last is what it remembers first.
        self.items = sorted(items, key=lambda k: (k.day, k.id), reverse=True)
        self._prepared = [_Prepared.of(item) for item in self.items]
        self._last: tuple[Query, list[_Prepared]] | None = None

    def find(self, query: Query) -> list[Knowledge]:
        # Typing narrows: a query that only adds to the last one searches its results.
        pool = self._prepared
        if self._last is not None and query.narrows(self._last[0]):
            pool = self._last[1]
        found = [prepared for prepared in pool if query.keeps(prepared)]
        self._last = (query, found)
        return [prepared.item for prepared in found]

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many items carry it, the most used first."""
        counts: dict[str, list[Any]] = {}
        for item in self.items:
            for tag in item.tags:
                entry = counts.setdefault(searchable(tag), [tag, 0])
                entry[1] += 1
        found = [(str(tag), int(n)) for tag, n in counts.values()]
        return sorted(found, key=lambda pair: (-pair[1], searchable(pair[0])))


# As records, for the store and for JSON ------------------------------------------------

FORMAT = "peertui.knowledge"
VERSION = 1


def to_record(item: Knowledge) -> dict[str, Any]:
    return {
        "id": item.id,
        "group": item.group,
        "session_id": item.session_id,
        "day": item.day.isoformat(),
        "kind": item.kind,
        "author": item.author,
        "parts": [list(part) for part in item.parts],
        "tags": list(item.tags),
        "case": item.case,
    }


def from_record(record: dict[str, Any]) -> Knowledge:
    return Knowledge(
        id=record["id"],
        group=record["group"],
        session_id=record["session_id"],
        day=date.fromisoformat(record["day"]),
        kind=record["kind"],
        author=record["author"],
        parts=tuple((str(key), str(label), str(text)) for key, label, text in record["parts"]),
        tags=tuple(record.get("tags", ())),
        case=record.get("case", ""),
    )


# As documents: `peertui knowledge` ----------------------------------------------------


def to_json(items: Sequence[Knowledge], sheets: Sequence[Sheet]) -> str:
    """Stable, for scripts: a header, then the sheets and the items (newest first)."""
    import json

    document = {
        "format": FORMAT,
        "version": VERSION,
        "sheets": [sheet_to_record(sheet) for sheet in sheets],
        "items": [to_record(item) for item in items],
    }
    # Bidi and C1 controls as \uXXXX, as `peertui actions` writes them: safe on a terminal.
    return json_escaped(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def outline(items: Sequence[Knowledge], sheets: Sequence[Sheet], lang: str, title: str) -> Outline:
    """The memory as a document: the sheets, then what was learned, by group and date."""
    sections = []
    if sheets:
        blocks: list[Block] = []
        for sheet in sheets:
            facts = [
                (t(f"sheet.{name}", lang), sheet.field(name)) for name in SHEET_FIELDS if sheet.field(name)
            ]
            if sheet.tags:
                facts.append((t("sheet.tags", lang), " ".join(f"#{tag}" for tag in sheet.tags)))
            if sheet.contributors:
                facts.append((t("sheet.contributors", lang), ", ".join(sheet.contributors)))
            blocks += [sheet.title, Facts(tuple(facts))]
        sections.append(Section(t("bilan.sheets", lang), blocks))
    if items:
        bullets = tuple(
            (
                f"{format_short_date(item.day, lang)} · {item.author or t('recap.group', lang)}",
                item.text + ("  " + " ".join(f"#{tag}" for tag in item.tags) if item.tags else ""),
            )
            for item in items
        )
        sections.append(Section(t("ui.memory", lang), [Bullets(bullets)]))
    if not sections:
        sections.append(Section(t("ui.memory", lang), [Paragraph(t("ui.knowledge_empty", lang))]))
    return Outline(title, sections, lang)
