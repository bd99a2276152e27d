"""Actors in typical wire-copy sentences: demonyms, roles, organisations, context, ethnic groups."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events.actors import ActorResolver

REFERENCE = date(2022, 5, 1)


def resolve(nlp, sentence: str, phrase: str, reference: date | None = REFERENCE):
    resolver = ActorResolver(nlp(sentence), reference)
    start = sentence.index(phrase)
    return resolver.resolve_span(start, start + len(phrase))


@pytest.mark.parametrize("sentence, phrase, country, sector", [
    ("Israeli troops killed two Palestinians in Gaza on Tuesday.", "Israeli troops", "ISR", "MIL"),
    ("Israeli troops killed two Palestinians in Gaza on Tuesday.", "two Palestinians", "PSE", "CVL"),
    ("Afghan police arrested three Taliban militants.", "Afghan police", "AFG", "COP"),
    ("Afghan police arrested three Taliban militants.", "three Taliban militants", "AFG", "REB"),
    ("The European Union imposed sanctions on Iran.", "The European Union", "IGO", "GOV"),
    ("The European Union imposed sanctions on Iran.", "Iran", "IRN", "GOV"),
    ("Protesters in Hong Kong clashed with police.", "Protesters in Hong Kong", "HKG", "CVL"),
    ("The U.N. Security Council condemned the attack.", "The U.N. Security Council", "IGO", "GOV"),
    ("Amnesty International accused Myanmar's military of war crimes.", "Amnesty International", "NGO", "HRI"),
    ("Amnesty International accused Myanmar's military of war crimes.", "Myanmar's military", "MMR", "MIL"),
    ("Turkish warplanes bombed Kurdish militants in northern Iraq.", "Turkish warplanes", "TUR", "MIL"),
    ("A Saudi businessman was arrested in Riyadh.", "A Saudi businessman", "SAU", "BUS"),
    ("The Serbian parliament voted to dissolve itself.", "The Serbian parliament", "SRB", "LEG"),
    ("Israel's high court rejected the petition.", "Israel's high court", "ISR", "JUD"),
])
def test_role_and_country_words_combine(nlp, sentence, phrase, country, sector):
    actor = resolve(nlp, sentence, phrase)
    assert (actor.country, actor.sector) == (country, sector)


def test_titled_leaders_of_two_countries(nlp):
    sentence = "Russian President Vladimir Putin met German Chancellor Olaf Scholz in Moscow."
    putin = resolve(nlp, sentence, "Russian President Vladimir Putin")
    scholz = resolve(nlp, sentence, "German Chancellor Olaf Scholz")
    assert (putin.name, putin.country, putin.sector) == ("Vladimir Putin", "RUS", "GOV")
    assert (scholz.name, scholz.country, scholz.sector) == ("Olaf Scholz", "DEU", "GOV")


def test_title_without_country_takes_the_sentence_country(nlp):
    actor = resolve(nlp, "President Amadou Diallo said on Monday that Mali would hold elections.",
                    "President Amadou Diallo")
    assert (actor.name, actor.country, actor.sector) == ("Amadou Diallo", "MLI", "GOV")


def test_bare_role_takes_the_place_it_is_in(nlp):
    actor = resolve(nlp, "Gunmen killed five people in Kabul.", "Gunmen")
    assert (actor.country, actor.sector) == ("AFG", "UAF")


def test_ethnic_group_is_coded_where_it_lives(nlp):
    assert resolve(nlp, "Hutu rebels attacked a village in Burundi.", "Hutu rebels").country == "BDI"
    sentence = "Ethnic Albanians in south Serbia are demanding autonomy."
    assert resolve(nlp, sentence, "Ethnic Albanians in south Serbia").country == "SRB"
    assert resolve(nlp, "Albanian officials met in Tirana.", "Albanian officials").country == "ALB"


def test_organisation_keeps_its_code_despite_a_place_after_it(nlp):
    actor = resolve(nlp, "The Red Cross operating in Iraq asked for access.", "The Red Cross operating in Iraq")
    assert actor.country == "IGO"


def test_unnamed_rights_group_is_an_ngo(nlp):
    sentence = "Croatian authorities are failing refugees, a human rights group said."
    assert resolve(nlp, sentence, "a human rights group").country == "NGO"


def test_the_pronoun_us_is_not_the_united_states(nlp):
    resolver = ActorResolver(nlp("They told us the talks would go on."), REFERENCE)
    assert all(m.country != "USA" for m in resolver.mentions())


def test_capital_used_as_a_place_is_its_people(nlp):
    actor = resolve(nlp, "Thousands marched in Paris against the reform.", "Paris")
    assert (actor.country, actor.sector) == ("FRA", "CVL")
    acting = resolve(nlp, "Paris recalled its ambassador.", "Paris")
    assert (acting.country, acting.sector) == ("FRA", "GOV")


def test_both_countries_are_the_last_two_states(nlp):
    sentence = "Egypt and Qatar held talks in Cairo, and both countries agreed to restore ties."
    resolver = ActorResolver(nlp(sentence), REFERENCE)
    start = sentence.index("both countries")
    group = resolver.resolve_group(start, start + len("both countries"))
    assert [a.country for a in group] == ["EGY", "QAT"]


def test_text_with_no_actor_gives_none(nlp):
    sentence = "The weather was mild and the harvest was good."
    resolver = ActorResolver(nlp(sentence), REFERENCE)
    assert resolver.resolve_span(0, len("The weather")) is None
    assert resolver.mentions() == ()


def test_conjoined_demonyms_are_two_actors(nlp):
    sentence = "Indian and Chinese troops clashed along their disputed Himalayan border."
    mentions = ActorResolver(nlp(sentence), REFERENCE).mentions()
    assert [(m.country, m.sector) for m in mentions] == [("IND", "MIL"), ("CHN", "MIL")]


def test_the_head_noun_decides_between_organisation_and_country(nlp):
    sentence = "NATO-member Norway is willing to send material to help defend Saudi Arabia."
    assert resolve(nlp, sentence, "NATO-member Norway").country == "NOR"


def test_a_people_of_a_place_is_coded_by_the_place(nlp):
    sentence = "The Albanians of southern Serbia are demanding political autonomy."
    assert resolve(nlp, sentence, "The Albanians of southern Serbia").country == "SRB"


def test_surname_tagged_as_a_place_is_not_a_city(nlp):
    sentence = ("Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded that the parties "
                "allow aid workers in.")
    resolver = ActorResolver(nlp(sentence), REFERENCE)
    actor = resolver.resolve_token(next(t for t in resolver.doc if t.text == "Oshima"))
    assert (actor.name, actor.country) == ("Kenzo Oshima", "IGO")


def test_former_office_holders_are_elites_and_supporters_opposition(nlp):
    sentence = "Former Socialist prime minister Andreas Papandreou demanded immediate elections in Greece."
    actor = resolve(nlp, sentence, "Former Socialist prime minister Andreas Papandreou")
    assert (actor.country, actor.sector) == ("GRC", "ELI")
    sentence = "About 200 supporters of former President Ahmed Ben Bella blocked roads in Algiers."
    assert resolve(nlp, sentence, "supporters of former President Ahmed Ben Bella").sector == "OPP"


def test_an_unqualified_force_belongs_to_the_country_named_before_it(nlp):
    sentence = "The Israeli Defense Ministry said the army had struck targets in Lebanon."
    assert resolve(nlp, sentence, "the army").country == "ISR"


def test_a_stance_is_not_a_nationality(nlp):
    sentence = "A prominent anti-Syria journalist was killed in a car bomb explosion in Beirut."
    assert resolve(nlp, sentence, "A prominent anti-Syria journalist").country == "LBN"
