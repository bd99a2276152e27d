"""Language detection: cheap, English kept, other languages and scripts named."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.nlp import detect_language

TEXTS = {
    "en": "The prime minister said on Tuesday that the government would hold the elections in March, "
          "according to a statement released by the interior ministry after a cabinet meeting.",
    "fr": "Le premier ministre a déclaré mardi que le gouvernement organiserait les élections en mars, "
          "selon un communiqué publié par le ministère de l'Intérieur après le conseil des ministres.",
    "de": "Der Ministerpräsident hat am Dienstag erklärt, dass die Regierung die Wahlen im März abhalten "
          "wird, wie das Innenministerium nach einer Kabinettssitzung mitteilte.",
    "es": "El primer ministro dijo el martes que el gobierno celebrará las elecciones en marzo, según un "
          "comunicado del ministerio del interior publicado tras la reunión del gabinete.",
    "cyrillic": "Премьер-министр заявил во вторник, что правительство проведет выборы в марте, "
                "говорится в заявлении министерства внутренних дел.",
    "arabic": "قال رئيس الوزراء يوم الثلاثاء إن الحكومة ستجري الانتخابات في مارس وفقا لبيان صادر عن وزارة الداخلية",
    "cjk": "首相は火曜日、政府が3月に選挙を実施すると述べた。内務省が閣議後に発表した声明による。",
}


@pytest.mark.parametrize("expected", sorted(TEXTS))
def test_nlp_language_names_the_language(expected):
    assert detect_language(TEXTS[expected]) == expected


def test_nlp_language_seed_is_english(seed_text):
    assert detect_language(seed_text) == "en"


def test_nlp_language_short_headline_is_taken_as_english():
    assert detect_language("PUTIN MEETS XI IN BEIJING") == "en"


def test_nlp_language_english_with_foreign_quotes_stays_english():
    text = TEXTS["en"] + ' He ended with "vive la France", to applause from the audience in the hall.'
    assert detect_language(text) == "en"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_nlp_language_any_text_gives_a_label(text):
    label = detect_language(text)
    assert isinstance(label, str) and label
