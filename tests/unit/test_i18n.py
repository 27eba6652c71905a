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
