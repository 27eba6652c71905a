import re
from datetime import date

from peertui.core.i18n import catalogue, format_date, language, t


def test_both_catalogues_have_the_same_keys():
    fr, en = catalogue("fr"), catalogue("en")
    assert sorted(set(fr) - set(en)) == []
    assert sorted(set(en) - set(fr)) == []


def test_placeholders_match_between_languages():
    fr, en = catalogue("fr"), catalogue("en")
    for key in en:
        assert set(re.findall(r"{(\w+)}", fr[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_fallbacks():
    assert language("fr-CA") == "fr" and language(None) == "en" and language("de") == "en"
    assert t("no.such.key", "fr") == "no.such.key"


def test_dates_in_each_language():
    assert format_date(date(2026, 11, 23), "fr") == "lundi 23 novembre 2026"
    assert format_date(date(2026, 11, 23), "en") == "Monday 23 November 2026"


def test_every_key_the_code_names_is_in_the_catalogues():
    """t("ui.x") / tr("key.y") / Binding(..., "status.done"): each literal key exists."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "peertui"
    pattern = re.compile(
        r"""["']((?:ui|key|short\.key|recap|status|refused|followup|cycle|app|speakers|"""
        r"""target|kind|format|keyname|cli)\.[a-z_]+)["']"""
    )
    not_keys = {"app.pop_screen", "app.quit", "app.tcss"}  # Textual actions, a file name
    used = {
        key
        for path in root.rglob("*.py")
        for key in pattern.findall(path.read_text(encoding="utf-8"))
        if key not in not_keys and not key.endswith("_")
    }  # "ui.timer_" + state: a prefix
    assert len(used) > 100
    fr, en = catalogue("fr"), catalogue("en")

    def known(key: str, table: dict[str, str]) -> bool:  # tn("x", n): x.one and x.other
        return key in table or {f"{key}.one", f"{key}.other"} <= table.keys()

    missing = sorted(key for key in used if not known(key, en) or not known(key, fr))
    assert missing == []
