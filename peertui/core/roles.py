"""What a protocol calls the one at its centre and what they bring: co-development's
client and case, a brown bag's presenter and topic, a practice exchange's situation holder
and situation. The protocol file names them (`client_fr`, `case_en`...); the catalogue's
"client" and "case" are the words otherwise."""

from __future__ import annotations

from peertui.core.i18n import t
from peertui.core.protocol import Protocol


def client_word(protocol: Protocol, lang: str) -> str:
    """'Client', 'Presenter', 'Porteur de la situation': a label."""
    return protocol.client_role(lang) or t("recap.client", lang)


def case_word(protocol: Protocol, lang: str) -> str:
    """'Case', 'Topic', 'Situation': a label."""
    return protocol.case_name(lang) or t("recap.case", lang)


def lowered(word: str) -> str:
    """A label inside a sentence: 'Presenter' -> 'presenter' (an acronym is left alone)."""
    return word[:1].lower() + word[1:] if word[1:2].islower() else word


def words(protocol: Protocol, lang: str) -> dict[str, str]:
    """The catalogue's parameters for a text about them: {client}, {client_lower}, {case},
    {case_lower}."""
    client, case = client_word(protocol, lang), case_word(protocol, lang)
    return {"client": client, "client_lower": lowered(client), "case": case, "case_lower": lowered(case)}
