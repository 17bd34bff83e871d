"""City neighbourhoods and spellings added to the shipped gazetteer, looked up and resolved in context."""

from __future__ import annotations

import pytest

from conftest import places_by_surface
from geo.model import Article
from geo.names import name_key
from scripts.build_gazetteer import neighbourhood_name


# ------------------------------------------------------------ build step


@pytest.mark.parametrize("raw, display, parts", [
    ("Al Thawra_ Al Jourah", "Al Thawra / Al Jourah", ["Al Thawra", "Al Jourah"]),
    ("Al Hurriya _Ish Al Werwer", "Al Hurriya / Ish Al Werwer", ["Al Hurriya", "Ish Al Werwer"]),
    ("Al_Sad", "Al Sad", []),
    ("Qosour", "Qosour", []),
])
def test_merged_ocha_neighbourhoods_are_split_into_names(raw, display, parts):
    assert neighbourhood_name(raw) == (display, parts)


# ------------------------------------------------------------ lookup


@pytest.mark.parametrize("spelling, place_id", [
    ("al-Joura", "nbhd:N0413"),        # Deir ez-Zor, mapped by OCHA with al-Thawra
    ("Harabesh", "nbhd:N0427"),
    ("Hrabesh", "nbhd:N0427"),
    ("al-Athamiyeh", "nbhd:N0202"),    # Aleppo's al-A'zamiyeh, with "th"
    ("Salah Eddin", "nbhd:N0214"),
    ("Salaheddine", "nbhd:N0214"),
    ("Ramouseh", "nbhd:N0226"),
    ("Mezzeh", "wof:421190383"),
    ("Mazzeh", "wof:421190383"),
    ("Ruken Eddin", "region:rukn-eddine"),
    ("Rukn al-Din", "region:rukn-eddine"),
    ("Kafr Sousa", "region:kafr-souseh"),
    ("al-Shaghour", "region:shaghour"),
    ("Muhajireen", "region:muhajerin"),
    ("Old Damascus", "region:old-damascus"),
])
def test_neighbourhood_spellings_are_known(gaz, spelling, place_id):
    assert place_id in {p.id for p in gaz.by_key(name_key(spelling))}


def test_damascus_areas_sit_among_their_ocha_neighbourhoods(gaz):
    for region_id in ("region:rukn-eddine", "region:salhiyeh-damascus", "region:muhajerin",
                      "region:shaghour", "region:kafr-souseh", "region:old-damascus"):
        area = gaz.get(region_id)
        assert area.kind == "neighbourhood" and area.admin1 == "Damascus"
        members = gaz.record(region_id)["members"]
        assert len(members) >= 4 and all(m.startswith("nbhd:") for m in members)


def test_al_quriyah_is_the_deir_ez_zor_town(gaz):
    place = gaz.get("wof:1193158247")
    assert (place.name, place.kind, place.admin1) == ("Al Quriyah", "town", "Deir-ez-Zor")


def test_ramouseh_display_name_has_no_typo(gaz):
    assert gaz.get("nbhd:N0226").name == "Ar-Ramouseh Industrial District"


# ------------------------------------------------------------ resolution in context


def test_joura_beside_qusour_is_the_deir_ez_zor_neighbourhood(pipeline):
    found = places_by_surface(pipeline, "ISIS shells hit the al-Qusour and al-Joura neighborhoods of Deir Ezzor city.")
    assert found["Joura"].id == "nbhd:N0413"
    assert found["Qusour"].admin1 == "Deir-ez-Zor"


def test_joura_in_old_damascus_stays_the_damascus_neighbourhood(pipeline):
    found = places_by_surface(pipeline, "A mortar shell fell in Joura neighbourhood near Bab Touma in Damascus.")
    assert found["Joura"].id == "nbhd:N0042"


def test_athamiyeh_in_aleppo_is_the_aleppo_neighbourhood(pipeline):
    found = places_by_surface(pipeline, "Rocket shells fell on al-Athamiyeh neighborhood in Aleppo city.")
    assert found["Athamiyeh"].id == "nbhd:N0202"


def test_salah_eddin_in_aleppo_is_one_neighbourhood(pipeline):
    found = places_by_surface(pipeline, "Shells hit Salah Eddin neighborhood in Aleppo city on Tuesday.")
    assert found["Salah Eddin"].id == "nbhd:N0214"
    assert "Eddin" not in found and "Salah" not in found


def test_rukn_eddin_in_damascus_is_the_damascus_area(pipeline):
    found = places_by_surface(pipeline, "Mortar shells hit Ruken Eddin and Bab Touma neighborhoods in Damascus.")
    assert found["Ruken Eddin"].id == "region:rukn-eddine"


@pytest.mark.parametrize("text", [
    "The militants filmed the Roman colonnades and a Roman-era theatre.",
    "Shells fell near the Central Prison and the Media Center.",
    "Vladimir Putin spoke to Hamas leaders.",
    "The commander, Abu Yassine, said Nour Eddin had left.",
])
def test_words_that_are_not_places_here(pipeline, text):
    assert places_by_surface(pipeline, text) == {}


def test_a_new_sentences_in_after_a_lost_full_stop_puts_no_neighbourhood_in_its_town(pipeline):
    # "... Sheikh Maqsoud In Damascus a car bomb ...": a lost full stop, not Sheikh Maqsoud in Damascus
    found = places_by_surface(pipeline, 'Troops killed dozens of "terrorists" in Bustan al-Qasr and Sheikh Maqsoud '
                                        "In Damascus a car bomb near the Baath party headquarters killed 53 people.")
    assert (found["Sheikh Maqsoud"].name, found["Sheikh Maqsoud"].admin1) == ("Ash-Sheikh Maqsoud", "Aleppo")
    assert found["Bustan al-Qasr"].admin1 == "Aleppo"
    # a title-case headline's "In" still does; so does a lower-case "in"
    assert places_by_surface(pipeline, "Car Bomb Kills 5 In al-Sabil In Daraa")["Sabil"].admin1 == "Dar'a"
    assert places_by_surface(pipeline, "Clashes in al-Sabil neighborhood in Daraa city.")["Sabil"].admin1 == "Dar'a"


def test_a_district_of_the_capital_is_damascuss(pipeline):
    # "the Barzeh district of the capital", in a text that names Homs and no Damascus: Damascus's
    # Barzeh, not an unlisted district of Homs, nor Homs's village Barzah; later uses follow it
    found = pipeline.parse(Article(id="x", text=(
        "The missiles targeted the research center in the Barzeh district of the capital and facilities "
        "near Him Shinshar west of Homs. The building of the research center in Barzeh was destroyed."))).places
    assert [(pm.text, pm.place.name, pm.place.admin1) for pm in found if pm.text == "Barzeh"] == [
        ("Barzeh", "Barza Al Balad", "Damascus")] * 2
    # another capital named after it is that one's
    found = places_by_surface(pipeline, "Clashes hit the Dahiyeh district of the capital Beirut.")
    assert found["Beirut"].country == "LB"
