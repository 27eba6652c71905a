"""User text made safe to print in a terminal: nothing in it can act as a control code."""

import re
import unicodedata

# C0 and C1 control codes (but tab and newline) and the bidi embedding/override
# characters: shown as a visible sign, so that no text can restyle a terminal
# or reorder what follows it.
_CONTROLS = {code: 0x2400 + code for code in range(0x20) if code not in (9, 10)}
_CONTROLS |= {0x7F: 0x2421} | {code: 0xFFFD for code in range(0x80, 0xA0)}
_CONTROLS |= {code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# A lone surrogate (from a hand-edited database) cannot even be encoded: it would stop the output.
_CONTROLS |= {code: 0xFFFD for code in range(0xD800, 0xE000)}
# In JSON: what JSON does not escape itself (it does C0), written \uXXXX.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """The text with every control code made visible (ESC shows as ␛)."""
    return text.translate(_CONTROLS)


def one_line(text: str) -> str:
    """`printable`, a newline too made visible: a message stays on its one line."""
    return printable(text).replace("\n", "\u240a")


def json_escaped(document: str) -> str:
    """A JSON document with the characters `printable` would change written \\uXXXX:
    the same values for any parser, and nothing left that a terminal acts on."""
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found[0]):04x}", document)


# The combining marks that decompose from accented letters (Latin, Greek, Cyrillic,
# Hebrew points, Arabic harakat...): taken away by one regular expression, not a call per
# character, as the group's memory prepares ten thousand items at once.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def searchable(text: str) -> str:
    """'Zoé  MERCIER' -> 'zoe mercier': what people type and what is stored, compared with
    accents, case and extra spaces aside."""
    plain = unicodedata.normalize("NFKD", text).casefold()
    return " ".join((plain if plain.isascii() else _MARKS.sub("", plain)).split())


# A tag: '#' then letters, digits, '-' or '_', not inside a word ("C#" is no tag) nor a
# number alone ("#3" is an idea's number, as in a theme's "1 4 7").
TAG = re.compile(r"(?<![\w#&])#([^\W\d_][\w-]*|\d+[^\W\d][\w-]*)")


def tags_of(*texts: str) -> tuple[str, ...]:
    """The tags in `texts`, each once (accents and case aside), as first typed."""
    seen: dict[str, str] = {}
    for text in texts:
        for tag in TAG.findall(text):
            tag = tag.rstrip("-_")
            seen.setdefault(searchable(tag), tag)
    return tuple(seen.values())
