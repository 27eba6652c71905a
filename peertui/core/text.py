"""User text made safe to print in a terminal: nothing in it can act as a control code."""

# C0 and C1 control codes (but tab and newline) and the bidi embedding/override
# characters: shown as a visible sign, so that no text can restyle a terminal
# or reorder what follows it.
_CONTROLS = {code: 0x2400 + code for code in range(0x20) if code not in (9, 10)}
_CONTROLS |= {0x7F: 0x2421} | {code: 0xFFFD for code in range(0x80, 0xA0)}
_CONTROLS |= {code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def printable(text: str) -> str:
    """The text with every control code made visible (ESC shows as ␛)."""
    return text.translate(_CONTROLS)
