"""A document as an outline (sections of facts, lists, entries and tables), written as
Markdown (for a chat) or as plain text wrapped at 72 columns (for an email).

The recap and, later, other documents are built as an outline first, so that their two
forms never say different things. User text is escaped for Markdown here; control
characters are made visible by whoever prints the result (text.printable).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from peertui.core.i18n import colon

WIDTH = 72


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[str, str], ...]  # (lead, text): lead is bold in Markdown; "": none


@dataclass(frozen=True)
class Facts:
    items: tuple[tuple[str, str], ...]  # (label, value)


@dataclass(frozen=True)
class Entries:
    """A person a bullet, and under it their parts, a line each (the 4 A, a story)."""

    items: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (lead, ((label, text), ...))


@dataclass(frozen=True)
class Paragraph:
    text: str


Block = Table | Bullets | Facts | Entries | Paragraph | str  # a str is a subheading


@dataclass(frozen=True)
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Outline:
    title: str
    sections: list[Section]
    lang: str = "en"
    notice: str = ""  # who it is for, said under the title


def _flat(text: str) -> str:
    """One line: runs of ASCII white space made one space (a no-break space is kept)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


# Markdown -----------------------------------------------------------------

# Escaped wherever they stand: emphasis, code, links, HTML and autolinks, table cells,
# strikethrough. Not "!", "." or "#" in the middle of a sentence: a chat shows their
# backslash ("Noël \\!", "4\\.5", "\\#délégation") and they change nothing there.
_MD_SPECIAL = set("\\`*_[]<>|~")
# What makes a list, a heading or an underline, only where a value starts a line: "1. ",
# "- ", "+ ", "# " (a marker, then a space or nothing), a line of "=".
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+#])(?=\s|$|#)|^(=+)$")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would show as "&": "&" alone is text


def md_escape(text: str) -> str:
    """User text as literal Markdown: no emphasis, link, table cell, list or heading can leak."""
    escaped = "".join("\\" + c if c in _MD_SPECIAL else c for c in _flat(text))
    escaped = _MD_ENTITY.sub(r"\\&", escaped)

    def marker(found: re.Match[str]) -> str:
        if found[1]:
            return f"{found[1]}\\{found[2]}"
        return f"\\{found[3] or found[4]}"

    return _MD_LINE_START.sub(marker, escaped)


def to_markdown(doc: Outline) -> str:
    sep = colon(doc.lang)
    out = [f"# {md_escape(doc.title)}", ""]
    if doc.notice:
        out += [f"> {md_escape(doc.notice)}", ""]
    for section in doc.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, str):
                out += [f"### {md_escape(block)}", ""]
            elif isinstance(block, Paragraph):
                out += [md_escape(block.text), ""]
            elif isinstance(block, Facts | Bullets):
                out += [
                    f"- **{md_escape(lead)}{sep}** {md_escape(text)}" if lead else f"- {md_escape(text)}"
                    for lead, text in block.items
                ]
                out.append("")
            elif isinstance(block, Entries):
                for lead, parts in block.items:
                    out.append(f"- **{md_escape(lead)}**")
                    out += [f"  - {md_escape(label)}{sep} {md_escape(text)}" for label, text in parts]
                out.append("")
            else:
                out.append("| " + " | ".join(md_escape(h) for h in block.headers) + " |")
                out.append("|" + "|".join("---" for _ in block.headers) + "|")
                out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows]
                out.append("")
    return "\n".join(out).rstrip() + "\n"


# Plain text -----------------------------------------------------------------


def _wrap(text: str, lead: str = "", indent: str = "") -> list[str]:
    # textwrap breaks at ASCII white space only: a no-break space holds.
    return textwrap.wrap(
        _flat(text),
        WIDTH,
        initial_indent=lead,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def _text_table(table: Table) -> list[str]:
    """Columns when they fit in 72 characters, else one entry per row."""
    widths = [max(len(cell) for cell in column) for column in zip(table.headers, *table.rows, strict=True)]
    if sum(widths) + 2 * (len(widths) - 1) <= WIDTH:

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        return [line(table.headers), line(tuple("-" * w for w in widths))] + [line(r) for r in table.rows]
    out: list[str] = []
    for row in table.rows:
        out += _wrap(" — ".join(row), "- ", "  ")
    return out


def to_text(doc: Outline) -> str:
    sep = colon(doc.lang)
    out = [*_wrap(doc.title), "=" * min(WIDTH, len(doc.title)), ""]
    if doc.notice:
        out += [*_wrap(doc.notice), ""]
    for section in doc.sections:
        out += [section.title, "-" * min(WIDTH, len(section.title)), ""]
        for block in section.blocks:
            if isinstance(block, str):
                out += [f"{block}{sep}", ""]
                continue
            if isinstance(block, Paragraph):
                out += _wrap(block.text)
            elif isinstance(block, Facts):
                for label, value in block.items:
                    out += _wrap(value, f"{label}{sep} ", "  ")
            elif isinstance(block, Bullets):
                for lead, text in block.items:
                    out += _wrap(text, f"- {lead}{sep} " if lead else "- ", "  ")
            elif isinstance(block, Entries):
                for lead, parts in block.items:
                    out.append(f"- {lead}")
                    for label, text in parts:
                        out += _wrap(text, f"    {label}{sep} ", "      ")
            else:
                out += _text_table(block)
            out.append("")
    return "\n".join(out).rstrip() + "\n"
