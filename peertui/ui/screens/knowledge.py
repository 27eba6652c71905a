"""The group's memory, found again (`k` on the home screen): what its sessions learned
and the practice sheets written from it, searched as one types.

Typing filters: words (accents and case aside), `#tag`, `@person`. Space marks items;
`s` writes a practice sheet from them (or from the one highlighted); Enter on a sheet
edits it. Everything is read once when the screen opens: a keystroke searches memory.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from peertui.core.i18n import colon, format_short_date, t
from peertui.core.knowledge import Knowledge, Memory, Query
from peertui.core.sheets import SHEET_FIELDS, Sheet
from peertui.core.text import searchable, tags_of
from peertui.ui.screens.base import PeerScreen
from peertui.ui.screens.dialogs import Dialog
from peertui.ui.text import literal
from peertui.ui.widgets.text_line import TextLine

SHEET = "sheet:"  # the id of a sheet's line in the list


def kind_name(kind: str, lang: str) -> str:
    """An idea's kind ("suggestion"), a part's or a form's ("application", "story")."""
    for key in (f"kind.{kind}", f"memory.{kind}"):
        if (word := t(key, lang)) != key:
            return word
    return kind  # a form of the facilitator's own protocol: its key


def item_line(item: Knowledge, lang: str, marked: bool = False) -> Content:
    when = format_short_date(item.day, lang)
    who = item.author or t("recap.group", lang)
    said = {searchable(tag) for tag in tags_of(item.text)}  # shown once: in the text already
    tags = " ".join(f"#{tag}" for tag in item.tags if searchable(tag) not in said)
    return Content.assemble(
        ("● " if marked else "  ", "$accent"),
        (f"{when} · ", "$text-muted"),
        literal(who, "bold"),
        (f" · {kind_name(item.kind, lang)}{colon(lang)} ", "$text-muted"),
        literal(item.text),
        literal(f"  {tags}" if tags else "", "$text-muted"),
    )


class KnowledgeScreen(PeerScreen[None]):
    DEFAULT_CSS = """
        #knowledge { padding: 0 1; }
        #knowledge-items { height: 1fr; }
        #knowledge-detail { height: auto; max-height: 8; border-top: solid $panel; }
        #knowledge-tags { color: $text-muted; }
    """
    BINDINGS = [
        Binding("slash", "filter", "ui.filter_key"),
        Binding("space", "mark", "ui.knowledge_mark", key_display="␣"),  # no English word in the footer
        Binding("s", "sheet", "ui.knowledge_sheet"),
        Binding("enter", "open", "ui.edit", show=False),
        Binding("escape", "back", "ui.back"),
    ]

    def __init__(self, group: str | None = None) -> None:
        super().__init__()
        self.group = group  # one group's memory, or every group's (None)
        self.items: list[Knowledge] = []
        self.sheets: list[Sheet] = []
        self.memory = Memory(())
        self.marked: set[str] = set()
        self.shown: list[Knowledge | Sheet] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="knowledge"):
            yield Static(id="knowledge-title")
            yield TextLine(id="knowledge-filter", compact=True, placeholder=self.tr("ui.knowledge_hint"))
            yield Static(id="knowledge-tags")
            yield OptionList(id="knowledge-items")
            with VerticalScroll(id="knowledge-detail"):
                yield Static(id="knowledge-text")
        yield Footer()

    def on_mount(self) -> None:
        self.items, self.sheets = self.door.knowledge(self.group)
        self.memory = Memory(self.items)
        title = self.tr("ui.knowledge_title", group=self.group or self.tr("ui.all_groups"))
        self.query_one("#knowledge-title", Static).update(literal(title, "bold"))
        tags = " ".join(f"#{tag} ({count})" for tag, count in self.memory.tags()[:12])
        self.query_one("#knowledge-tags", Static).update(literal(tags or self.tr("ui.knowledge_no_tags")))
        self.refill()
        self.query_one("#knowledge-filter", Input).focus()  # type to search at once; Enter: the list

    @on(Input.Changed, "#knowledge-filter")
    def refill(self) -> None:
        typed = self.query_one("#knowledge-filter", Input).value
        query = Query.parse(typed)
        sheets = [sheet for sheet in self.sheets if query.keeps_sheet(sheet)]
        found = self.memory.find(query)
        self.shown = [*sheets, *found]
        lang = self.door.lang
        options = [
            Option(Content.assemble(("★ ", "$accent"), literal(s.title, "bold")), id=SHEET + s.id)
            for s in sheets
        ]
        options += [Option(item_line(item, lang, item.id in self.marked), id=item.id) for item in found]
        items = self.query_one("#knowledge-items", OptionList)
        keep = items.highlighted
        items.clear_options()
        items.add_options(options)
        if options:
            items.highlighted = min(keep or 0, len(options) - 1)
        elif not self.items and not self.sheets:
            self.query_one("#knowledge-text", Static).update(literal(self.tr("ui.knowledge_empty")))
        self._show_detail()

    @on(OptionList.OptionSelected, "#knowledge-items")
    def _selected(self) -> None:
        """Enter in the list: a sheet opens to edit; an item is marked."""
        self.action_open()

    @on(OptionList.OptionHighlighted, "#knowledge-items")
    def _show_detail(self) -> None:
        chosen = self.highlighted
        lang = self.door.lang
        if isinstance(chosen, Sheet):
            lines = [chosen.title] + [
                f"{self.tr('sheet.' + name)}{colon(lang)} {chosen.field(name)}"
                for name in SHEET_FIELDS
                if chosen.field(name)
            ]
        elif isinstance(chosen, Knowledge):
            lines = [f"{label}{colon(lang)} {text}" if label else text for _, label, text in chosen.parts]
            if chosen.case:
                lines.append(f"{self.tr('recap.case')}{colon(lang)} {chosen.case}")
            lines.append(f"{chosen.group} · {chosen.session_id}")
        else:
            return
        self.query_one("#knowledge-text", Static).update(literal("\n".join(lines)))

    @property
    def highlighted(self) -> Knowledge | Sheet | None:
        items = self.query_one("#knowledge-items", OptionList)
        if items.highlighted is None or items.highlighted >= len(self.shown):
            return None
        return self.shown[items.highlighted]

    def action_filter(self) -> None:
        self.query_one("#knowledge-filter", Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.query_one("#knowledge-items", OptionList).focus()

    def action_mark(self) -> None:
        chosen = self.highlighted
        if isinstance(chosen, Knowledge):
            self.marked ^= {chosen.id}
            self.refill()

    def action_sheet(self) -> None:
        """A practice sheet from the items marked (or the one highlighted), to edit."""
        chosen = [item for item in self.items if item.id in self.marked]
        if not chosen and isinstance(self.highlighted, Knowledge):
            chosen = [self.highlighted]
        if chosen:
            self.app.push_screen(SheetEditor(self.door.new_sheet(chosen)), self._saved)

    def action_open(self) -> None:
        chosen = self.highlighted
        if isinstance(chosen, Sheet):
            self.app.push_screen(SheetEditor(chosen), self._saved)
        elif isinstance(chosen, Knowledge):
            self.action_mark()

    def _saved(self, sheet: Sheet | None) -> None:
        if sheet is None:
            return
        self.marked.clear()
        self.items, self.sheets = self.door.knowledge(self.group)
        self.memory = Memory(self.items)
        self.refill()

    def action_back(self) -> None:
        if self.query_one("#knowledge-filter", Input).has_focus:
            self.query_one("#knowledge-items", OptionList).focus()
            return
        self.dismiss(None)


class SheetEditor(Dialog[Sheet]):
    """A practice sheet, edited whole: ctrl+s saves it in the group's memory."""

    BINDINGS = [Binding("ctrl+s", "save", "ui.save"), Binding("escape", "cancel", "ui.back")]

    def __init__(self, sheet: Sheet) -> None:
        super().__init__()
        self.sheet = sheet

    def compose(self) -> ComposeResult:
        sheet = self.sheet
        with VerticalScroll(classes="dialog editor"):
            yield Static(literal(self.tr("ui.sheet_title"), "bold"))
            yield Static(literal(self.tr("sheet.title")))
            yield TextLine(sheet.title, id="sheet-title")
            for name in SHEET_FIELDS:
                yield Static(literal(self.tr(f"sheet.{name}")))
                yield TextLine(sheet.field(name).replace("\n", " · "), id=f"sheet-{name}")
            yield Static(literal(self.tr("sheet.tags")))
            yield TextLine(" ".join(f"#{tag}" for tag in sheet.tags), id="sheet-tags")
            yield Static(literal(self.tr("sheet.contributors")))
            yield TextLine(", ".join(sheet.contributors), id="sheet-contributors")
            yield Static(literal(self.tr("ui.sheet_keys"), "$text-muted"))
            yield Static(id="form-error")

    def on_mount(self) -> None:
        self.query_one("#sheet-title", Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.focus_next()

    def action_save(self) -> None:
        from dataclasses import replace

        def value(name: str) -> str:
            return self.query_one(f"#sheet-{name}", Input).value.strip()

        title = value("title")
        if not title:
            self.query_one("#form-error", Static).update(literal(self.tr("ui.sheet_needs_title"), "$error"))
            return
        tags_typed = value("tags")
        sheet = replace(
            self.sheet,
            title=title,
            **{name: value(name) for name in SHEET_FIELDS},  # type: ignore[arg-type]
            tags=tags_of(tags_typed) or tuple(w.strip("#,") for w in tags_typed.split() if w.strip("#,")),
            contributors=tuple(c.strip() for c in value("contributors").split(",") if c.strip()),
            updated_at=self.door.now(),
        )
        problem = self.door.save_sheet(sheet)
        if problem:
            self.query_one("#form-error", Static).update(literal(problem, "$error"))
            return
        self.dismiss(sheet)


class BilanScreen(PeerScreen[None]):
    """The cycle's bilan of a group (`b` on the home screen): a preview, copied like a
    recap, as Markdown (`m`) or plain text (`t`)."""

    DEFAULT_CSS = """
        #bilan { padding: 0 1; }
        #bilan-status { height: auto; padding: 0 1; border: round $success; }
        #bilan-preview { height: 1fr; }
    """
    BINDINGS = [
        Binding("m", "copy('md')", "key.copy_markdown"),
        Binding("t", "copy('txt')", "key.copy_text"),
        Binding("enter,escape", "back", "ui.back"),
    ]

    def __init__(self, group: str) -> None:
        super().__init__()
        self.group = group
        self.texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="bilan"):
            yield Static(id="bilan-status")
            with VerticalScroll(id="bilan-preview"):
                yield Static(id="bilan-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#bilan-status", Static).update(literal(self.tr("ui.bilan_keys")))
        self._write()

    @work(thread=True, exclusive=True, group="bilan")
    def _write(self) -> None:
        """Off the UI thread: a bilan reads every session of the cycle, a decade's 240."""
        texts = self.door.bilan_texts(self.group)
        self.app.call_from_thread(self._show, texts)

    def _show(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.query_one("#bilan-text", Static).update(literal(texts.get("md", "")))

    def action_copy(self, extension: str) -> None:
        self.query_one("#bilan-text", Static).update(literal(self.texts.get(extension, "")))
        self._copy(extension)

    @work(thread=True, exclusive=True)
    def _copy(self, extension: str) -> None:
        """Off the UI thread, as a recap is: a clipboard tool may take a moment."""
        from peertui.delivery import deliver

        def to_terminal(text: str) -> None:
            self.app.call_from_thread(self.app.copy_to_clipboard, text)

        delivery = deliver(self.texts.get(extension, ""), to_terminal)
        words = self.tr(f"ui.bilan_copied_{delivery.way}", format=self.tr(f"ui.format_{extension}"))
        self.app.call_from_thread(self.query_one("#bilan-status", Static).update, literal(words))

    def action_back(self) -> None:
        self.dismiss(None)


class KnownDialog(Dialog[None]):
    """What the group already knows of the case's themes (its #tags): earlier sheets and
    learnings, so that someone can say "we saw this in March"."""

    def __init__(self, group: str, case_title: str, session_id: str) -> None:
        super().__init__()
        self.group, self.case_title, self.session_id = group, case_title, session_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Static(id="known-title")
            yield OptionList(id="known-items")
            yield Static(literal(self.tr("ui.known_keys"), "$text-muted"))

    def on_mount(self) -> None:
        tags = {searchable(tag) for tag in tags_of(self.case_title)}
        lang = self.door.lang
        title = self.tr("ui.known_title", tags=" ".join(f"#{tag}" for tag in tags_of(self.case_title)))
        options: list[Option] = []
        if tags:
            items, sheets = self.door.knowledge(self.group)
            options += [  # a sheet with what it says, not its title alone
                Option(
                    Content("\n").join(
                        [
                            Content.assemble(("★ ", "$accent"), literal(sheet.title, "bold")),
                            *(
                                literal(f"  {self.tr('sheet.' + name)}{colon(lang)} {sheet.field(name)}")
                                for name in SHEET_FIELDS
                                if sheet.field(name)
                            ),
                        ]
                    )
                )
                for sheet in sheets
                if tags & {searchable(tag) for tag in sheet.tags}
            ]
            options += [
                Option(item_line(item, lang))
                for item in Memory(items).items
                if item.session_id != self.session_id and tags & {searchable(tag) for tag in item.tags}
            ]
        if not tags:
            title = self.tr("ui.known_no_tags")
        elif not options:
            title += "\n" + self.tr("ui.known_nothing")
        self.query_one("#known-title", Static).update(literal(title, "bold"))
        self.query_one("#known-items", OptionList).add_options(options)
