"""peertui knowledge (the group's memory, found again) and peertui bilan (the document
that ends a cycle). Read-only: safe beside a running session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from peertui.commands import UserError, put, tell

if TYPE_CHECKING:
    from peertui.store import Store


def _group_named(store: Store, typed: str | None) -> str | None:
    """The group whose name holds `typed` (accents and case aside); None: every group."""
    from peertui.core.text import searchable

    if not typed:
        return None
    names = sorted({group.name for group in store.groups()} | {s.group for s in store.summaries()})
    found = [name for name in names if searchable(typed) in searchable(name)]
    if len(found) != 1:
        raise UserError(
            "cli.several_groups" if found else "cli.no_group", typed=typed, names=", ".join(names)
        )
    return found[0]


def knowledge(
    db: Path, group: str | None, tags: list[str], search: str, form: str, lang: str, output: Path | None
) -> int:
    from peertui.core import knowledge as memory
    from peertui.core.document import to_markdown, to_text
    from peertui.core.i18n import t
    from peertui.core.text import printable
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            name = _group_named(store, group)
            items, sheets = store.memory(name)
            # One group's memory is written in its language (a French group's in French).
            lang = next((g.language for g in store.groups() if g.name == name), lang)
    except StoreError as error:
        raise UserError.quoting(error) from None
    query = memory.Query.parse(" ".join([search, *(f"#{tag.lstrip('#')}" for tag in tags)]))
    found = memory.Memory(items).find(query)
    kept = [sheet for sheet in sheets if query.keeps_sheet(sheet)]
    if form == "json":
        put(memory.to_json(found, kept), output, data=True)
    else:
        title = t("ui.knowledge_title", lang, group=name or t("ui.all_groups", lang))
        outline = memory.outline(found, kept, lang, title)
        put(printable(to_markdown(outline) if form == "markdown" else to_text(outline)), output)
    if output is not None:
        tell(t("cli.written", lang, path=str(output)))
    return 0


def bilan(db: Path, group: str, form: str, output: Path | None, lang: str) -> int:
    """The cycle's bilan of one group, in its language: every closed session is read."""
    from peertui.core import bilan as document
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            name = _group_named(store, group) or ""
            sessions = [store.load_session(s.id) for s in store.summaries(name) if not s.running]
            # The group as the database has it, else as its last session knew it.
            saved = [g for g in store.groups() if g.name == name]
            the_group = saved[0] if saved else sessions[-1].group if sessions else None
            actions = store.all_actions(name)
            items, sheets = store.knowledge(name), store.sheets(name)
    except StoreError as error:
        raise UserError.quoting(error) from None
    if the_group is None:
        raise UserError("cli.no_bilan_yet", group=name)
    render = document.render_markdown if form == "markdown" else document.render_text
    put(render(the_group, sessions, actions, items, sheets), output)
    if output is not None:
        from peertui.core.i18n import t

        tell(t("cli.written", lang, path=str(output)))
    return 0
