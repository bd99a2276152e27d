"""Tense, narrative anchoring, missing reference dates and impossible dates, on real sentences."""

from __future__ import annotations

from datetime import date

from dateline.timex import tag

REF = date(2018, 9, 27)  # a Thursday


def tagged(nlp, text, reference=REF):
    return {t.text: t for t in tag(nlp(text), reference)}


def test_future_verb_takes_the_coming_month_and_day(nlp):
    found = tagged(nlp, "The minister will visit Paris in February and will speak on Monday.")
    assert found["February"].value == "2019-02"
    assert found["Monday"].value == "2018-10-01"


def test_past_verb_takes_the_last_month_and_day(nlp):
    found = tagged(nlp, "The minister visited Paris in November and spoke on Monday.")
    assert found["November"].value == "2017-11"
    assert found["Monday"].value == "2018-09-24"


def test_narrative_anchors_on_the_last_date_mentioned(nlp):
    text = ("The Allies landed in Normandy on 6 June 1944. The following day they took Bayeux. "
            "In August 1944 Paris was freed; by 1945 the war was over, and in 1946 the trials began. "
            "In March the court met again.")
    found = tagged(nlp, text, date(2009, 12, 19))
    assert found["The following day"].value == "1944-06-07"
    assert found["March"].value == "1946-03"
    assert found["The following day"].anchor == "1944-06-06"


def test_news_keeps_the_reference_date_despite_an_old_year(nlp):
    found = tagged(nlp, "The company, founded in 1984, said on Tuesday that profit rose in June.")
    assert found["Tuesday"].value == "2018-09-25"
    assert found["June"].value == "2018-06"


def test_without_reference_date_relative_values_stay_underspecified(nlp):
    found = tagged(nlp, "Last week the board met on Friday and agreed to act next month.", None)
    assert found["Last week"].value == "XXXX-WXX"
    assert found["Friday"].value == "XXXX-WXX-5"
    assert found["next month"].value == "XXXX-XX"
    assert all(t.anchor is None for t in found.values())


def test_impossible_date_is_not_made_real(nlp):
    found = tagged(nlp, "The vote was set for February 30, 2018, officials said.")
    assert "February 30, 2018" not in found
    assert all("2018-02-30" not in t.value and "2018-03-0" not in t.value for t in found.values())


def test_may_the_modal_is_not_a_month(nlp):
    timexes = tag(nlp("Officials said the talks may resume in May."), REF)
    assert [(t.text, t.value) for t in timexes] == [("May", "2019-05")]  # the modal points ahead


def test_ordinal_second_is_not_a_duration(nlp):
    assert tag(nlp("They prepared a second summit between the leaders."), REF) == ()


def test_durations_and_sets(nlp):
    found = tagged(nlp, "Prices rose for three years and more than two decades ago the fund paid out "
                        "annually, while in the past 24 hours every Monday was lost.")
    assert found["three years"].type == "DURATION" and found["three years"].value == "P3Y"
    assert found["annually"].type == "SET" and found["annually"].value == "P1Y"
    assert found["the past 24 hours"].value == "PT24H"
    assert found["every Monday"].value == "XXXX-WXX-1"
    assert found["more than two decades ago"].mod == "MORE_THAN"


def test_bc_narrative_counts_years_backwards(nlp):
    text = ("In 490 BC the Persians landed at Marathon. The following year Miltiades attacked "
            "Paros. Just 14 years later the Athenians won.")
    found = tagged(nlp, text, None)
    assert found["490 BC"].value == "BC0490"
    assert found["The following year"].value == "BC0489"
    assert found["Just 14 years later"].value == "BC0475"


def test_plan_in_history_does_not_move_the_story(nlp):
    text = ("On 10 March 1975 the offensive began. The road would be open for a campaign in 1976. "
            "On 11 March the town fell.")
    found = tagged(nlp, text, None)
    assert found["1976"].value == "1976"
    assert found["11 March"].value == "1975-03-11"


def test_narrative_end_of_the_year_and_clock_times_follow_the_story(nlp):
    text = ("The Allies landed in Normandy in 1944. The Germans retreated in 1943 and 1942, and "
            "the war ended in 1945. On 25 April 1975 the city was shelled, and at 11:30 a.m. "
            "the palace fell. By the end of the year the country was united.")
    found = tagged(nlp, text, date(2009, 12, 19))
    assert found["11:30 a.m."].value == "1975-04-25T11:30"
    assert found["the end of the year"].value == "1975"


def test_news_this_year_stays_deictic_in_narrative(nlp):
    text = "The law of 1990, 1991 and 1993 was changed in 1994. This year the court ruled again."
    found = tagged(nlp, text, date(1998, 2, 13))
    assert found["This year"].value == "1998"


def test_bc_years_make_a_narrative(nlp):
    text = ("Darius attacked Greece in 492 BC and again in 490 BC; Xerxes followed in 480 BC. "
            "The following year, Athens sent ships.")
    found = tagged(nlp, text, date(2009, 12, 19))
    assert found["The following year"].value == "BC0479"


def test_former_is_past_ref_only_in_long_histories(nlp):
    news = "The former minister, who served from 1990 to 1994 and again in 1996, resigned."
    assert "former" not in tagged(nlp, news, date(1998, 2, 13))
    history = " ".join(f"In {year} the war went on." for year in range(1900, 1916))
    found = tagged(nlp, history + " The former emperor fled.", date(2009, 12, 19))
    assert found["former"].value == "PAST_REF"
