"""peertui protocols: the formats a session can follow, bundled and the user's own."""

from __future__ import annotations

import json

from peertui.commands import UserError, show, tell


def list_protocols(form: str, lang: str) -> int:
    from peertui.core.i18n import t
    from peertui.library import protocols

    found, notes = protocols(lang)
    for note in notes:
        tell(note)
    rows: list[dict[str, str | int | float]] = [
        {
            "key": key,
            "name": protocol.name(lang),
            "steps": len(protocol.steps),
            "minutes": round(sum(step.minutes for step in protocol.steps), 1),
            "source": protocol.source,
        }
        for key, protocol in found.items()
    ]
    if form == "json":
        document = {"format": "peertui.protocols", "version": 1, "protocols": rows}
        show(json.dumps(document, ensure_ascii=False, indent=2) + "\n", data=True)
        return 0
    width = max(len(str(row["key"])) for row in rows)
    bundled = t("cli.bundled", lang)  # JSON keeps "bundled": it is for programs
    lines = [
        t(
            "cli.protocol_line",
            lang,
            key=f"{row['key']:<{width}}",
            name=row["name"],
            steps=row["steps"],
            minutes=f"{row['minutes']:g}",
            source=bundled if row["source"] == "bundled" else row["source"],
        )
        for row in rows
    ]
    show("\n".join(lines) + "\n")
    return 0


def known_protocol(key: str, lang: str) -> str:
    """`key` if it names a protocol; else a one-line mistake listing those that exist."""
    from peertui.library import protocols

    found, _ = protocols(lang)
    if key not in found:
        raise UserError("cli.no_protocol", key=key, known=", ".join(found))
    return key
