"""parse_dateline on real-world dateline shapes (wire services, papers, press releases) and on
ordinary first sentences that must not be read as datelines."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.document import parse_dateline

META = date(2019, 6, 1)

# (text, dateline as written incl. separator and whitespace, place, date_text, date, agency)
SHAPES = [
    ("United Nations, Sep 27 (IANS) US Secretary of State Mike Pompeo will travel",
     "United Nations, Sep 27 (IANS) ", "United Nations", "Sep 27", date(2019, 9, 27), "IANS"),
    ("WASHINGTON (Reuters) - The Federal Reserve held rates.",
     "WASHINGTON (Reuters) - ", "WASHINGTON", None, None, "Reuters"),
    ("NEW YORK, March 3, 2019 /PRNewswire/ -- Acme Corp. today announced",
     "NEW YORK, March 3, 2019 /PRNewswire/ -- ", "NEW YORK", "March 3, 2019", date(2019, 3, 3), "PR Newswire"),
    ("LONDON, Jan. 5 (AFP) - British police said",
     "LONDON, Jan. 5 (AFP) - ", "LONDON", "Jan. 5", date(2019, 1, 5), "AFP"),
    ("BEIJING, Oct. 1 (Xinhua) -- China celebrated",
     "BEIJING, Oct. 1 (Xinhua) -- ", "BEIJING", "Oct. 1", date(2019, 10, 1), "Xinhua"),
    ("KYIV, Ukraine (AP) — Russian forces shelled",
     "KYIV, Ukraine (AP) — ", "KYIV, Ukraine", None, None, "AP"),
    ("PARIS (AFP) – France's president said",
     "PARIS (AFP) – ", "PARIS", None, None, "AFP"),
    ("MOSCOW, Feb 24 (Reuters) - Russia launched",
     "MOSCOW, Feb 24 (Reuters) - ", "MOSCOW", "Feb 24", date(2019, 2, 24), "Reuters"),
    ("SEOUL, South Korea (AP) -- North Korea fired",
     "SEOUL, South Korea (AP) -- ", "SEOUL, South Korea", None, None, "AP"),
    ("NEW DELHI: The government on Monday said",
     "NEW DELHI: ", "NEW DELHI", None, None, None),
    ("Islamabad, Sept. 12 (APP): Prime Minister Imran Khan said",
     "Islamabad, Sept. 12 (APP): ", "Islamabad", "Sept. 12", date(2019, 9, 12), "APP"),
    ("TOKYO — Japan's economy shrank", "TOKYO — ", "TOKYO", None, None, None),
    ("WASHINGTON — The Senate voted", "WASHINGTON — ", "WASHINGTON", None, None, None),
    ("SAN FRANCISCO--(BUSINESS WIRE)--Acme Inc. today announced",
     "SAN FRANCISCO--(BUSINESS WIRE)--", "SAN FRANCISCO", None, None, "Business Wire"),
    ("CHICAGO, Dec. 2, 2020 /PRNewswire/ -- Acme today reported",
     "CHICAGO, Dec. 2, 2020 /PRNewswire/ -- ", "CHICAGO", "Dec. 2, 2020", date(2020, 12, 2), "PR Newswire"),
    ("LONDON, 2 March 2021 (Reuters) - Britain's economy",
     "LONDON, 2 March 2021 (Reuters) - ", "LONDON", "2 March 2021", date(2021, 3, 2), "Reuters"),
    ("Nairobi, Kenya, 14 June 2019 (IRIN) - Aid agencies warned",
     "Nairobi, Kenya, 14 June 2019 (IRIN) - ", "Nairobi, Kenya", "14 June 2019", date(2019, 6, 14), "IRIN"),
    ("GENEVA, 5 May (UN News) - The World Health Organization",
     "GENEVA, 5 May (UN News) - ", "GENEVA", "5 May", date(2019, 5, 5), "UN News"),
    ("JERUSALEM, June 3 (JTA) — Israel's parliament",
     "JERUSALEM, June 3 (JTA) — ", "JERUSALEM", "June 3", date(2019, 6, 3), "JTA"),
    ("Dhaka, Aug 5 (bdnews24.com) - Police arrested",
     "Dhaka, Aug 5 (bdnews24.com) - ", "Dhaka", "Aug 5", date(2019, 8, 5), "bdnews24.com"),
    ("BRUSSELS, Belgium (dpa) - EU ministers met",
     "BRUSSELS, Belgium (dpa) - ", "BRUSSELS, Belgium", None, None, "dpa"),
    ("Kabul, Afghanistan, Sept 8 (Pajhwok): Taliban fighters",
     "Kabul, Afghanistan, Sept 8 (Pajhwok): ", "Kabul, Afghanistan", "Sept 8", date(2019, 9, 8), "Pajhwok"),
    ("ABUJA, Nigeria, March 4 (Reuters) - Nigeria's president",
     "ABUJA, Nigeria, March 4 (Reuters) - ", "ABUJA, Nigeria", "March 4", date(2019, 3, 4), "Reuters"),
    ("(CNN) -- The hurricane made landfall", "(CNN) -- ", None, None, None, "CNN"),
    ("Sydney, Australia — The bushfires", "Sydney, Australia — ", "Sydney, Australia", None, None, None),
    ("NEW YORK (AP) _ A man was arrested", "NEW YORK (AP) _ ", "NEW YORK", None, None, "AP"),
    ("UNITED NATIONS, Sept 27 (IPS) - The General Assembly",
     "UNITED NATIONS, Sept 27 (IPS) - ", "UNITED NATIONS", "Sept 27", date(2019, 9, 27), "IPS"),
    ("Beijing, Oct 1 (Xinhua) -- China held a parade",
     "Beijing, Oct 1 (Xinhua) -- ", "Beijing", "Oct 1", date(2019, 10, 1), "Xinhua"),
    ("WASHINGTON, D.C., Jan 3 (UPI) -- The new Congress",
     "WASHINGTON, D.C., Jan 3 (UPI) -- ", "WASHINGTON, D.C.", "Jan 3", date(2019, 1, 3), "UPI"),
    ("ST. LOUIS (AP) — A jury convicted", "ST. LOUIS (AP) — ", "ST. LOUIS", None, None, "AP"),
    ("HONG KONG/SINGAPORE (Reuters) - Asian shares fell",
     "HONG KONG/SINGAPORE (Reuters) - ", "HONG KONG/SINGAPORE", None, None, "Reuters"),
    ("Tuesday, March 3, 2020 (GLOBE NEWSWIRE) -- Acme Corp. reported",
     "Tuesday, March 3, 2020 (GLOBE NEWSWIRE) -- ", None, "Tuesday, March 3, 2020", date(2020, 3, 3),
     "GlobeNewswire"),
    # AP and NYT news-service shapes as they occur in TimeBank/AQUAINT
    ("HAVANA (AP ) --\n\nElian Gonzalez's father said", "HAVANA (AP ) --\n\n", "HAVANA", None, None, "AP"),
    ("JERUSALEM (AP)_ Taking the stand", "JERUSALEM (AP)_ ", "JERUSALEM", None, None, "AP"),
    ("INDEPENDENCE, MO. (AP)--\n\nPoland, Hungary", "INDEPENDENCE, MO. (AP)--\n\n", "INDEPENDENCE, MO.",
     None, None, "AP"),
    ("MIAMI _\n\nThe angry crowd rushed", "MIAMI _\n\n", "MIAMI", None, None, None),
    ("O'SMACH, Cambodia (AP)_ The top commander", "O'SMACH, Cambodia (AP)_ ", "O'SMACH, Cambodia",
     None, None, "AP"),
    ("THE HAGUE, Netherlands (AP)_ The World Court", "THE HAGUE, Netherlands (AP)_ ",
     "THE HAGUE, Netherlands", None, None, "AP"),
    ("DAR ES SALAAM, Tanzania (AP) _\n\nTanzania expelled", "DAR ES SALAAM, Tanzania (AP) _\n\n",
     "DAR ES SALAAM, Tanzania", None, None, "AP"),
    ("WASHINGTON, August 13 (Xinhua) --\n\nPresident Bill Clinton", "WASHINGTON, August 13 (Xinhua) --\n\n",
     "WASHINGTON", "August 13", date(2019, 8, 13), "Xinhua"),
    ("NEWARK, N.J. _ A new Essex County task force", "NEWARK, N.J. _ ", "NEWARK, N.J.", None, None, None),
    # more papers and wires
    ("Dar es Salaam, Tanzania — Officials said", "Dar es Salaam, Tanzania — ", "Dar es Salaam, Tanzania",
     None, None, None),
    ("New Delhi: The Supreme Court", "New Delhi: ", "New Delhi", None, None, None),
    ("WASHINGTON, Tuesday (AP) - The House", "WASHINGTON, Tuesday (AP) - ", "WASHINGTON", "Tuesday", None, "AP"),
    ("SEOUL, SEPT. 3 (Yonhap) -- South Korea", "SEOUL, SEPT. 3 (Yonhap) -- ", "SEOUL", "SEPT. 3",
     date(2019, 9, 3), "Yonhap"),
    ("TORONTO, April 5, 2019 /CNW/ - Acme Ltd. announced", "TORONTO, April 5, 2019 /CNW/ - ", "TORONTO",
     "April 5, 2019", date(2019, 4, 5), "CNW"),
    ("NEW YORK, May 1, 2019 /PRNewswire-FirstCall/ -- Acme", "NEW YORK, May 1, 2019 /PRNewswire-FirstCall/ -- ",
     "NEW YORK", "May 1, 2019", date(2019, 5, 1), "PR Newswire"),
    ("São Paulo, 3 June (Efe).- Brazil's", "São Paulo, 3 June (Efe).- ", "São Paulo", "3 June",
     date(2019, 6, 3), "EFE"),
    ("ANKARA, July 15 (AA) - Turkey's", "ANKARA, July 15 (AA) - ", "ANKARA", "July 15", date(2019, 7, 15), "Anadolu"),
    ("Frankfurt am Main, Germany (dpa) - Shares", "Frankfurt am Main, Germany (dpa) - ",
     "Frankfurt am Main, Germany", None, None, "dpa"),
    ("TOKYO—Japan's", "TOKYO—", "TOKYO", None, None, None),
    # South Asian papers and wires
    ("Islamabad [Pakistan], Sep 27 (ANI): Pakistan's", "Islamabad [Pakistan], Sep 27 (ANI): ",
     "Islamabad [Pakistan]", "Sep 27", date(2019, 9, 27), "ANI"),
    ("New Delhi, Sep 27 (IANS/EFE) The talks", "New Delhi, Sep 27 (IANS/EFE) ", "New Delhi", "Sep 27",
     date(2019, 9, 27), "IANS/EFE"),
    ("MUMBAI, Sept 27: The Bombay High Court", "MUMBAI, Sept 27: ", "MUMBAI", "Sept 27", date(2019, 9, 27), None),
    ("New Delhi, September 27, 2018: The", "New Delhi, September 27, 2018: ", "New Delhi", "September 27, 2018",
     date(2018, 9, 27), None),
    ("Kolkata: West Bengal Chief Minister", "Kolkata: ", "Kolkata", None, None, None),
    ("Srinagar/Jammu, Sep 27 (IANS) Security forces", "Srinagar/Jammu, Sep 27 (IANS) ", "Srinagar/Jammu",
     "Sep 27", date(2019, 9, 27), "IANS"),
    # broadcasters and press releases
    ("WASHINGTON (CNN)The White House", "WASHINGTON (CNN)", "WASHINGTON", None, None, "CNN"),
    ("(CNN)President Trump said", "(CNN)", None, None, None, "CNN"),
    ("CUPERTINO, California — September 12, 2018 — Apple today",
     "CUPERTINO, California — September 12, 2018 — ", "CUPERTINO, California", "September 12, 2018",
     date(2018, 9, 12), None),
    ("PARIS - 27 September 2018 - Total announced", "PARIS - 27 September 2018 - ", "PARIS",
     "27 September 2018", date(2018, 9, 27), None),
    ("WASHINGTON — March 3 is the day", "WASHINGTON — ", "WASHINGTON", None, None, None),
    ("LOS ANGELES (KABC) -- A fire", "LOS ANGELES (KABC) -- ", "LOS ANGELES", None, None, "KABC"),
    ("WASHINGTON, Tuesday, Sept. 27 (AP) — The", "WASHINGTON, Tuesday, Sept. 27 (AP) — ", "WASHINGTON",
     "Tuesday, Sept. 27", date(2019, 9, 27), "AP"),
    ("PRAGUE (RFE/RL) -- The", "PRAGUE (RFE/RL) -- ", "PRAGUE", None, None, "RFE/RL"),
    ("MOSCOW, September 27. /TASS/. Russian troops", "MOSCOW, September 27. /TASS/. ", "MOSCOW",
     "September 27", date(2019, 9, 27), "TASS"),
    ("SINGAPORE - The city-state's economy", "SINGAPORE - ", "SINGAPORE", None, None, None),
    ("Dubai: The emirate's ruler", "Dubai: ", "Dubai", None, None, None),
    ("NEW YORK (PRWEB) September 27, 2018 Acme Corp. announced", "NEW YORK (PRWEB) September 27, 2018 ",
     "NEW YORK", "September 27, 2018", date(2018, 9, 27), "PRWeb"),
    ("NEW YORK, NY / ACCESSWIRE / September 27, 2018 / Acme Corp. announced",
     "NEW YORK, NY / ACCESSWIRE / September 27, 2018 / ", "NEW YORK, NY", "September 27, 2018",
     date(2018, 9, 27), "ACCESSWIRE"),
    ("New Delhi, Sep 27 (IANS) Tuesday's meeting was", "New Delhi, Sep 27 (IANS) ", "New Delhi", "Sep 27",
     date(2019, 9, 27), "IANS"),
    ("WASHINGTON\xa0(Reuters)\xa0-\xa0The Fed", "WASHINGTON\xa0(Reuters)\xa0-\xa0", "WASHINGTON", None, None,
     "Reuters"),
    ("NEW\u00a0YORK, Sept.\u2009 27 (AP) — A", "NEW\u00a0YORK, Sept.\u2009 27 (AP) — ", "NEW\u00a0YORK",
     "Sept.\u2009 27", date(2019, 9, 27), "AP"),
    ("UNDATED (AP) — Storms swept across", "UNDATED (AP) — ", None, None, None, "AP"),
    ("WASHINGTON, DC, UNITED STATES, September 27, 2018 /EINPresswire.com/ -- Acme",
     "WASHINGTON, DC, UNITED STATES, September 27, 2018 /EINPresswire.com/ -- ", "WASHINGTON, DC, UNITED STATES",
     "September 27, 2018", date(2018, 9, 27), "EIN Presswire"),
]

NEGATIVES = [
    "The president said on Monday that he would veto the bill.",
    "In 2019, the company reported record profits.",
    "Apple Inc. (AAPL) shares rose 3% on Tuesday.",
    "Apple (AAPL) - shares rose 3% on Tuesday.",
    "US Secretary of State Mike Pompeo will travel to Pyongyang in October.",
    "CAMBREX Corp., Bayonne, N.J., declared its initial quarterly dividend.",
    "HEALTHDYNE Inc., Atlanta, said its subsidiary registered shares.",
    "The New York Times said in an editorial on Monday, Oct. 26:\n\nThe murder of Dr. Slepian",
    "(Undated)\n\nElian Gonzalez will remain in the United States",
    "UPDATE: The company has since withdrawn its offer.",
    "President Trump — who was in Florida — said",
    "Sen. John Smith (D-N.Y.) said on Tuesday",
    "International Women's Day is this coming Sunday, March eighth.",
    "September 11 — a day that changed America.",
    "Editor's Note: This story has been updated.",
    "FILE - In this Jan. 5, 2019 photo, protesters march.",
    "Police: Man arrested after standoff",
    "By Monday the troops had left.\nThe city was quiet.",
    "",
    "   \n\n  ",
    "Reuters reported that the talks had failed.",
    "COVID-19: What you need to know",
    "Q1 2019: Revenue rose 4%.",
    "NATO: Allies agree to raise spending",
    "Updated: Sep 27, 2018 10:35 IST",
    "Trump: I will win",
    "Mike Pompeo (R) — the secretary said",
    "WASHINGTON / the president / said nothing",
    "PARIS (and elsewhere) - protests continued",
]


@pytest.mark.parametrize(("text", "written", "place", "date_text", "expected_date", "agency"), SHAPES)
def test_document_dateline_reads_real_shapes(text, written, place, date_text, expected_date, agency):
    found = parse_dateline(text, META)
    if written is None:
        assert found is None
        return
    assert found is not None, text
    assert text[found.span[0]:found.span[1]] == written
    assert found.place == place
    assert found.date_text == date_text
    assert found.date == expected_date
    assert found.agency == agency
    if place is not None:
        assert text[found.place_span[0]:found.place_span[1]] == place
    if date_text is not None:
        assert text[found.date_span[0]:found.date_span[1]] == date_text
    if agency is not None:
        agency_written = text[found.agency_span[0]:found.agency_span[1]]
        assert agency_written == agency_written.strip() and agency_written in written


@pytest.mark.parametrize("text", NEGATIVES)
def test_document_dateline_ignores_ordinary_openings(text):
    assert parse_dateline(text, META) is None


def test_document_dateline_skips_leading_whitespace():
    text = "\n\n   LONDON, Jan. 5 (AFP) - British police"
    found = parse_dateline(text, META)
    assert found is not None
    assert text[found.span[0]:] == "LONDON, Jan. 5 (AFP) - British police"
    assert text[found.span[1]:] == "British police"


@pytest.mark.parametrize("byline", ["By JOHN SMITH", "By Jane Doe and Richard Roe, Associated Press Writers",
                                    "By MARÍA GARCÍA, Reuters", "By JOHN SMITH\nAssociated Press Writer",
                                    "By Ursula von der Leyen"])
def test_document_dateline_after_byline(byline):
    text = f"{byline}\n\nKYIV, Ukraine (AP) — Russian forces shelled"
    found = parse_dateline(text, META)
    assert found is not None
    assert text[found.span[0]:found.span[1]] == "KYIV, Ukraine (AP) — "
    assert found.place == "KYIV, Ukraine"


def test_document_dateline_byline_needs_a_dateline_after_it():
    assert parse_dateline("By JOHN SMITH\n\nThe Senate voted on Tuesday.", META) is None


def test_document_dateline_finds_only_the_opening():
    text = "The Senate voted on Tuesday.\n\nWASHINGTON (Reuters) - Later"
    assert parse_dateline(text, META) is None


def test_document_dateline_unknown_agency_needs_clear_shape():
    with_date = parse_dateline("Lagos, May 2 (NAN Online) - Officials said", META)
    assert with_date is not None and with_date.agency == "NAN Online"
    capitals = parse_dateline("LAGOS (Daily Trust) Officials said", META)
    assert capitals is not None and capitals.agency == "Daily Trust"
    assert parse_dateline("Lagos (Daily Trust) officials said", META) is None
