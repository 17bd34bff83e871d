"""Kurdish (Kurmanji) names of towns of north and north-east Syria, as Kurdish-led and
Kurdish outlets write them (data/place_aliases.csv): each reads as its Syrian place."""

from __future__ import annotations

import pytest

from geo.geocoder import OfflineGazetteer
from geo.model import Article

ALEPPO, HASAKAH, RAQQA = "Aleppo", "Al-Hasakeh", "Ar-Raqqa"

#: (spelling, place id, governorate)
KURDISH_NAMES = [
    ("Cindirês", "wof:1209604917", ALEPPO),  # Jindires
    ("Cindires", "wof:1209604917", ALEPPO),
    ("Jindires", "wof:1209604917", ALEPPO),
    ("Şiyê", "wof:1242858995", ALEPPO),  # Sheikh al-Hadid
    ("Shiye", "wof:1242858995", ALEPPO),
    ("Efrin", "wof:890436241", ALEPPO),
    ("Reco", "wof:1260267483", ALEPPO),  # Raju
    ("Mabeta", "wof:1242667301", ALEPPO),  # Maabatli
    ("Kobanê", "wof:1360282145", ALEPPO),
    ("Şêxmeqsûd", "nbhd:N0123", ALEPPO),  # Aleppo's Sheikh Maqsoud
    ("Til Rifet", "wof:890449827", ALEPPO),
    ("Minbic", "wof:1141906291", ALEPPO),
    ("Dirik", "wof:1209733291", HASAKAH),  # al-Malikiyah
    ("Dêrik", "wof:1209733291", HASAKAH),
    ("Til Koçer", "wof:1209931935", HASAKAH),  # al-Yarubiyah
    ("Til Kocer", "wof:1209931935", HASAKAH),
    ("Girke Lege", "wof:1259487399", HASAKAH),  # al-Maabada
    ("Rmelan", "wof:1259698061", HASAKAH),
    ("Tirbespiyê", "wof:1243085261", HASAKAH),  # al-Qahtaniyah
    ("Çilaxa", "wof:1293214817", HASAKAH),  # al-Jawadiyah
    ("Dirbêsiyê", "wof:890449859", HASAKAH),
    ("Serêkaniyê", "wof:1276457637", HASAKAH),  # Ras al-Ain
    ("Hesekê", "wof:421168649", HASAKAH),
    ("Silûk", "wof:1343762621", RAQQA),
    ("Eyn Îsa", "wof:1259789621", RAQQA),  # Ain Issa
]


@pytest.fixture(scope="module")
def geocoder() -> OfflineGazetteer:
    return OfflineGazetteer()


@pytest.mark.parametrize(("spelling", "place_id", "governorate"), KURDISH_NAMES,
                         ids=[n for n, _, _ in KURDISH_NAMES])
def test_kurdish_name_looks_up_to_its_syrian_place(geocoder, spelling, place_id, governorate):
    place, match = geocoder.candidates(spelling)[0]
    assert (place.id, place.admin1, place.country, match) == (place_id, governorate, "SY", "exact")


@pytest.mark.parametrize(("spelling", "wrong_before"), [
    ("Cindirese", "wof:1209495449"),  # Tshandrish, a village of Idlib
    ("Til Kocer", "wof:1260184075"),  # Bayt Katsir, a village of Quneitra
    ("Dirik", "wof:1243197735"),  # a village of Siirt, Turkey
])
def test_kurdish_name_no_longer_reads_as_a_far_place(geocoder, spelling, wrong_before):
    ids = [p.id for p, _ in geocoder.candidates(spelling)]
    assert ids[0] != wrong_before and ids[0] in {"wof:1209604917", "wof:1209931935", "wof:1209733291"}


@pytest.mark.parametrize(("name", "place_id"), [
    ("Shiyi", "wof:1293512429"),  # the Sirnak village keeps its own name
    ("Rumaylan", "wof:1292917493"),  # the Hasakah-district villages keep theirs (Rmelan is elsewhere)
    ("Bulbul", "wof:1260171169"),  # unchanged: Afrin's town before the Deir ez-Zor village
])
def test_aliases_take_no_other_place_s_own_name(geocoder, name, place_id):
    assert geocoder.candidates(name)[0][0].id == place_id


def _places(pipeline, text):
    return {pm.text: (pm.place.id, pm.place.admin1) for pm in pipeline.parse(Article(id="k", text=text)).places}


def test_kurdish_names_of_afrin_parse_in_aleppo(pipeline):
    got = _places(pipeline, "Turkish shelling hit Cindirês and Şiyê in Efrîn.")
    assert got == {"Cindirês": ("wof:1209604917", ALEPPO), "Şiyê": ("wof:1242858995", ALEPPO),
                   "Efrîn": ("wof:890436241", ALEPPO)}


def test_kurdish_names_of_the_jazira_parse_in_hasakah(pipeline):
    got = _places(pipeline, "The SDF said Turkish drones struck Dirik, Til Koçer and Girkê Legê near Rmelan.")
    assert got == {"Dirik": ("wof:1209733291", HASAKAH), "Til Koçer": ("wof:1209931935", HASAKAH),
                   "Girkê Legê": ("wof:1259487399", HASAKAH), "Rmelan": ("wof:1259698061", HASAKAH)}
