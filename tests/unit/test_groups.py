from pathlib import Path

import pytest

from peertui.core.groups import GroupFileError, parse_group

ROOT = Path(__file__).resolve().parents[2]
GOOD = """[group]
name = "Codév Lyon"
language = "fr"
cadence = "monthly"
planned_sessions = 6

[[participants]]
name = "Hélène"

[[participants]]
name = "Zoé"
role = "cadre"

[[participants]]
name = "Noël"
contact = "noel@example.fr"
"""


def problems(text: str) -> list[str]:
    with pytest.raises(GroupFileError) as error:
        parse_group(text, "g.toml")
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize("path", sorted((ROOT / "sample_groups").glob("*.toml")), ids=lambda p: p.name)
def test_every_sample_group_is_valid(path):
    group = parse_group(path.read_text(encoding="utf-8"), str(path))
    assert 3 <= len(group.participants) <= 20


def test_a_good_file():
    group = parse_group(GOOD, "g.toml")
    assert group.name == "Codév Lyon" and group.language == "fr" and group.planned_sessions == 6
    assert group.names == ("Hélène", "Zoé", "Noël")
    assert group.participants[1].role == "cadre"


def test_malformed_toml_names_the_line():
    assert problems(GOOD.replace('cadence = "monthly"', 'cadence = "monthly')) == [
        "g.toml:4: not valid TOML: Illegal character '\\n'"
    ]


def test_missing_group_table_and_name():
    assert problems(GOOD.replace('name = "Codév Lyon"\n', "")) == [
        'g.toml:1: the group needs a name: name = "..."'
    ]
    assert problems(GOOD.split("[[participants]]", 1)[1].join(["[[participants]]", ""]))[0].startswith(
        "g.toml:1: missing [group] table"
    )


def test_duplicate_names_ignore_case_and_point_at_both_lines():
    found = problems(GOOD.replace('name = "Noël"', 'name = "zoé"'))
    assert found == ['g.toml:15: duplicate name "zoé" (first at line 11): names must differ']


def test_empty_name_is_named():
    assert problems(GOOD.replace('name = "Zoé"', 'name = "  "')) == [
        'g.toml:11: participant 2 has an empty name: name = "..."'
    ]


def test_too_few_and_too_many():
    two = GOOD.rsplit("[[participants]]", 1)[0]
    assert problems(two) == ["g.toml:7: 2 participants: a group needs 3 to 20"]
    many = GOOD + "".join(f'\n[[participants]]\nname = "P{i}"\n' for i in range(18))
    assert problems(many) == ["g.toml:7: 21 participants: a group needs 3 to 20"]


def test_bad_language_and_planned_sessions_are_both_reported():
    text = GOOD.replace('language = "fr"', 'language = "de"').replace("= 6", '= "six"')
    assert problems(text) == [
        'g.toml:3: language must be "fr" or "en", not "de"',
        "g.toml:5: planned_sessions must be a whole number (0 if not planned)",
    ]


NFC, NFD = "Zo\u00e9", "Zoe\u0301"  # "Zoé" as one character, and as e + a combining accent


def test_names_equal_once_normalised_are_one_person():
    assert NFC != NFD
    text = GOOD.replace('name = "Zoé"', f'name = "{NFC}"').replace('name = "Noël"', f'name = "{NFD}"')
    assert problems(text) == ['g.toml:15: duplicate name "Zoé" (first at line 11): names must differ']


def test_every_text_of_a_group_is_kept_composed():
    decomposed = {
        'name = "Codév Lyon"': 'name = "Code\u0301v Lyon"',
        'name = "Zoé"': f'name = "{NFD}"',
        'role = "cadre"': 'role = "de\u0301le\u0301gue\u0301e"',
        'contact = "noel@example.fr"': 'contact = "noe\u0308l@example.fr"',
        'cadence = "monthly"': 'cadence = "le lundi\u0301"\nfacilitator = "He\u0301le\u0300ne"',
    }
    text = GOOD
    for composed, spelled in decomposed.items():
        text = text.replace(composed, spelled)
    group = parse_group(text, "g.toml")
    assert group.name == "Codév Lyon" and group.names[1] == NFC
    assert (group.participants[1].role, group.participants[2].contact) == ("déléguée", "noël@example.fr")
    assert group.facilitator == "Hélène" and group.cadence == "le lundí"


def test_a_group_files_problems_read_in_french_too():
    with pytest.raises(GroupFileError) as error:
        parse_group('[group]\nname = "x"\nlanguage = "de"\n', "g.toml")
    problem = error.value.problems[-1]  # the participants are missing too, from line 1
    assert problem.text("fr") == 'g.toml:3: language doit valoir "fr" ou "en", pas "de"'
    assert str(problem) == 'g.toml:3: language must be "fr" or "en", not "de"'
