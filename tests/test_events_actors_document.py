"""Names and roles carried through a document: later short mentions take the earlier full ones."""

from __future__ import annotations

from datetime import date

from dateline.events.actors import ActorResolver

STORY = (
    "WASHINGTON (AP) - The FBI added terrorist mastermind Osama Bin Laden to its most wanted list. "
    "FBI Director Louis Freeh said the U.S. Embassy bombings were planned for years. "
    "Bin Laden has denied any role, and Freeh declined to say where he is. "
    "Workers cleared the rubble outside the embassy on Monday."
)


def mentions_of(nlp, text: str, reference: date | None = date(1999, 6, 7)):
    return ActorResolver(nlp(text), reference).mentions()


def test_partial_names_take_the_full_name(nlp):
    by_text = {m.text: m for m in mentions_of(nlp, STORY)}
    assert by_text["Bin Laden"].name == "Osama Bin Laden"
    assert (by_text["Freeh"].name, by_text["Freeh"].country) == ("Louis Freeh", "USA")


def test_title_words_are_not_part_of_the_name(nlp):
    freeh = next(m for m in mentions_of(nlp, STORY) if m.text.startswith("FBI Director"))
    assert (freeh.name, freeh.country, freeh.sector) == ("Louis Freeh", "USA", "COP")


def test_a_bare_role_noun_takes_the_country_it_had_before(nlp):
    embassy = [m for m in mentions_of(nlp, STORY) if m.text == "embassy"]
    assert embassy and embassy[-1].country == "USA"


def test_honorifics_are_dropped_from_names(nlp):
    text = "Dr. Barnett Slepian was shot in Amherst. Slepian had received threats."
    names = {m.text: m.name for m in mentions_of(nlp, text)}
    assert names["Slepian"] == "Barnett Slepian"


def test_dateline_capital_is_the_government_and_has_no_newlines(nlp):
    text = "\n\nWASHINGTON (AP) - Officials met on Monday."
    first = mentions_of(nlp, text)[0]
    assert first.text == "WASHINGTON" and first.country == "USA"


def test_a_title_and_name_in_the_actor_file_beat_a_shared_surname(nlp):
    text = ("Iraq's Saddam Hussein warned Jordan on Tuesday. King Hussein met the Iraqi envoy in Amman, "
            "and Saddam later praised him.")
    by_text = {m.text: m for m in mentions_of(nlp, text, date(1990, 8, 15))}
    assert (by_text["King Hussein"].name, by_text["King Hussein"].country) == ("King Hussein", "JOR")
    assert by_text["Saddam"].name == "Saddam Hussein"
