"""What is wrong in a file a person wrote (a group, a protocol): one line a problem, with
the file, the line and what to fix, in the language asked for.

A problem is a catalogue key and its values (file.* in the catalogues), so that the same
problem reads in French or in English; str() gives the English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peertui.core.i18n import t

TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class Problem:
    source: str
    line: int
    key: str  # in the catalogues, under "file."
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return f"{self.source}:{self.line}: {t('file.' + self.key, lang, **self.params)}"

    def __str__(self) -> str:
        return self.text("en")


class FileProblems(ValueError):
    """Every problem found in one file."""

    def __init__(self, problems: list[Problem]) -> None:
        problems = sorted(problems, key=lambda p: p.line)  # as the file reads, top to bottom
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def not_toml(source: str, error: Exception) -> Problem:
    """A file that is not TOML, with the line where the parser stopped."""
    message = str(error)
    match = TOML_POSITION.search(message)
    return Problem(
        source, int(match[1]) if match else 1, "not_toml", {"reason": TOML_POSITION.sub("", message).strip()}
    )


class Lines:
    """Finds the line of a table or of a key in the raw text, for messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def header(self, name: str, nth: int = 0) -> int:
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?")
        found = [i + 1 for i, line in enumerate(self.lines) if pattern.match(line)]
        return found[nth] if nth < len(found) else 1

    def key(self, key: str, after: int) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        # `after` is the header's line number, so index `after` is the line below it.
        for index in range(after, len(self.lines)):
            line = self.lines[index]
            if line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return index + 1
        return after
