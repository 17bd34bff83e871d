"""War landmarks hand-placed in data/regions.csv (air bases, crossings, fields, dams, camps,
mountains, squares), looked up and resolved in context."""

from __future__ import annotations

import pytest

from conftest import places_by_surface
from geo.names import name_key


# ------------------------------------------------------------ lookup


@pytest.mark.parametrize("spelling, place_id, admin1", [
    ("Hmeimim", "region:hmeimim-airbase", "Lattakia"),
    ("Khmeimim", "region:hmeimim-airbase", "Lattakia"),
    ("Bassel al-Assad International Airport", "region:hmeimim-airbase", "Lattakia"),
    ("T4", "region:t4-airbase", "Homs"),
    ("Tayfur", "region:t4-airbase", "Homs"),
    ("Menagh", "region:menagh-airbase", "Aleppo"),
    ("Kshesh", "region:jirah-airbase", "Aleppo"),
    ("Sayqal", "region:sayqal-airbase", "Rural Damascus"),
    ("Mezzeh military airport", "region:mezzeh-airbase", "Damascus"),
    ("Bab al-Hawa crossing", "region:bab-al-hawa-crossing", "Idleb"),
    ("Nasib border crossing", "region:nasib-crossing", "Dar'a"),
    ("Semalka", "region:semalka-crossing", "Al-Hasakeh"),
    ("al-Qaim crossing", "region:bukamal-crossing", "Deir-ez-Zor"),
    ("al-Omar oil field", "region:al-omar-field", "Deir-ez-Zor"),
    ("Conoco", "region:conoco-field", "Deir-ez-Zor"),
    ("al-Shaer", "region:al-shaer-field", "Homs"),
    ("Tishreen Dam", "region:tishrin-dam", "Aleppo"),
    ("Baath Dam", "region:baath-dam", "Ar-Raqqa"),
    ("Rukban", "region:rukban-camp", "Homs"),
    ("al-Tanf", "region:tanf-garrison", "Homs"),
    ("al-Tanf base", "region:tanf-garrison", "Homs"),
    ("Jabal al-Sheikh", "region:mount-hermon", "Rural Damascus"),
    ("Kezwan", "region:jabal-abdulaziz", "Al-Hasakeh"),
    ("Thardeh", "region:jabal-al-tharda", "Deir-ez-Zor"),
    ("Mishtenour", "region:mishtenour-hill", "Aleppo"),
    ("Qasioun", "region:mount-qasioun", "Damascus"),
    ("Marjeh Square", "region:marjeh-square-damascus", "Damascus"),
    ("Great Mosque of Aleppo", "region:umayyad-mosque-aleppo", "Aleppo"),
    ("Castello road", "region:castello-road-aleppo", "Aleppo"),
    ("Sednaya prison", "region:saydnaya-prison", "Rural Damascus"),
])
def test_landmark_spellings_are_known(gaz, spelling, place_id, admin1):
    found = {p.id: p for p in gaz.by_key(name_key(spelling))}
    assert place_id in found
    assert found[place_id].admin1 == admin1 and found[place_id].country == "SY"


@pytest.mark.parametrize("spelling", ["Hmeimim", "Khmeimim", "T4", "Menagh", "Semalka", "Tharda"])
def test_a_landmark_name_is_the_landmark_only(gaz, spelling):
    # the village beside the base (or Ma`arrin, to which WOF gave Menagh) no longer shares the key
    assert [p.id for p in gaz.by_key(name_key(spelling))] == [
        {"Hmeimim": "region:hmeimim-airbase", "Khmeimim": "region:hmeimim-airbase", "T4": "region:t4-airbase",
         "Menagh": "region:menagh-airbase", "Semalka": "region:semalka-crossing",
         "Tharda": "region:jabal-al-tharda"}[spelling]]


def test_landmarks_are_hand_placed_points_with_their_precision(gaz):
    for place_id in ("region:hmeimim-airbase", "region:bab-al-hawa-crossing", "region:al-omar-field",
                     "region:tishrin-dam", "region:rukban-camp", "region:mount-hermon",
                     "region:castello-road-aleppo", "region:marjeh-square-damascus"):
        rec = gaz.record(place_id)
        assert rec["source"] == "regions.csv"
        assert rec["method"].startswith("hand-placed point (") and "to about" in rec["method"]


def test_landmark_kinds(gaz):
    assert gaz.get("region:hmeimim-airbase").kind == "other"
    assert gaz.get("region:tishrin-dam").kind == "other"
    assert gaz.get("region:bab-al-hawa-crossing").kind == "region"  # as bab-al-salama-crossing
    assert gaz.get("region:mount-hermon").kind == "region"
    assert gaz.get("region:marjeh-square-damascus").kind == "neighbourhood"  # as Umayyad Square


def test_landmarks_sit_where_they_are(gaz):
    hmeimim, village = gaz.get("region:hmeimim-airbase"), gaz.get("wof:1259882989")
    assert abs(hmeimim.lat - village.lat) < 0.01 and abs(hmeimim.lon - village.lon) < 0.015
    assert 36.2 < gaz.get("region:bab-al-hawa-crossing").lat < 36.25  # not the Quneitra village (33.1)
    assert gaz.get("region:rukban-camp").lat > gaz.get("wof:1360167629").lat  # north of the Jordanian row


# ------------------------------------------------------------ resolution in context


def test_hmeimim_airbase_near_jableh_is_in_lattakia(pipeline):
    found = places_by_surface(pipeline, "Russian officers met at the Hmeimim airbase near Jableh.")
    assert found["Hmeimim"].id == "region:hmeimim-airbase" and found["Hmeimim"].admin1 == "Lattakia"


@pytest.mark.parametrize("text", [
    "Russian warplanes took off from the Hmeimim airbase and struck towns in Idlib province.",
    "Russian officers held talks at the Hmeimim airbase but the Kurds in Hasakah refused.",
])
def test_hmeimim_in_a_report_from_elsewhere_stays_in_lattakia(pipeline, text):
    assert places_by_surface(pipeline, text)["Hmeimim"].admin1 == "Lattakia"


def test_bab_al_hawa_crossing_is_in_idleb(pipeline):
    found = places_by_surface(pipeline, "Aid entered through the Bab al-Hawa crossing.")
    assert found["Bab al-Hawa crossing"].id == "region:bab-al-hawa-crossing"
    assert found["Bab al-Hawa crossing"].admin1 == "Idleb"


def test_bab_al_hawa_border_crossing_in_a_quneitra_report_is_the_crossing(pipeline):
    found = places_by_surface(pipeline, "Fighting in Quneitra province; aid passed the Bab al-Hawa border crossing.")
    assert found["Bab al-Hawa border"].admin1 == "Idleb"


def test_al_tanf_is_the_coalition_garrison_not_the_iraqi_village(pipeline):
    # (the Syrian village WOF puts at the same point keeps a name of its own, "At Tanf village"; the
    # Iraqi village Tanf shares the key)
    assert {p.id for p in pipeline.gazetteer.by_key(name_key("al-Tanf"))} == {"region:tanf-garrison", "wof:1259501317"}
    found = places_by_surface(pipeline, "Drones attacked the US base of al-Tanf on the border with Iraq and Jordan.")
    assert found["Tanf"].id == "region:tanf-garrison" and found["Tanf"].admin1 == "Homs"


def test_rukban_camp_is_in_syria_not_jordan(pipeline):
    found = places_by_surface(pipeline, "Clashes erupted near Rukban camp on the Jordanian border.")
    assert found["Rukban"].id == "region:rukban-camp" and found["Rukban"].country == "SY"


@pytest.mark.parametrize("text, surface, place_id", [
    ("US forces at the al-Omar field were attacked.", "Omar field", "region:al-omar-field"),
    ("Rockets hit the Conoco gas field in eastern Deir ez-Zor.", "Conoco", "region:conoco-field"),
    ("IS seized the al-Shaer gas field east of Homs.", "Shaer", "region:al-shaer-field"),
    ("Government forces cut the Castello road north of Aleppo.", "Castello road", "region:castello-road-aleppo"),
    ("Israeli jets flew over Mount Hermon.", "Mount Hermon", "region:mount-hermon"),
    ("IS fighters attacked Jabal al-Tharda near Deir ez-Zor airport.", "Jabal al-Tharda", "region:jabal-al-tharda"),
    ("Kurdish fighters retook the Mishtenour hill in Kobani.", "Mishtenour hill", "region:mishtenour-hill"),
    ("Security forces dispersed protesters in Marjeh Square in Damascus.", "Marjeh Square", "region:marjeh-square-damascus"),
    ("Shells hit the Umayyad Mosque in Aleppo's old city.", "Umayyad Mosque", "region:umayyad-mosque-aleppo"),
    ("Worshippers prayed in the Umayyad Mosque in Damascus.", "Umayyad Mosque", "region:umayyad-mosque-damascus"),
    ("SDF fighters took control of Tishrin Dam near Manbij.", "Tishrin Dam", "region:tishrin-dam"),
    ("Israeli missiles hit the T4 airbase in Homs.", "T4", "region:t4-airbase"),
    ("The YPG took the Menagh airbase north of Aleppo.", "Menagh", "region:menagh-airbase"),
    ("The Semalka crossing to Iraqi Kurdistan was closed.", "Semalka crossing", "region:semalka-crossing"),
])
def test_landmarks_in_sentences(pipeline, text, surface, place_id):
    assert places_by_surface(pipeline, text)[surface].id == place_id


@pytest.mark.parametrize("text", [
    "Saudi King Abdulaziz founded the kingdom.",  # 'Abdulaziz' alone is no name of Jabal Abdulaziz
    "Residents of Marjeh in Aleppo were shelled.",
])
def test_landmark_names_do_not_take_other_readings(pipeline, text):
    found = places_by_surface(pipeline, text)
    assert not any(p.id.startswith("region:") and p.id != "region:eastern-ghouta" for p in found.values())


@pytest.mark.parametrize("text, surface, place_id", [
    ("Turkish forces also struck positions in the Qandil mountains of northern Iraq.", "Qandil", "region:qandil-mountains"),
    ("PKK cadres sent from the Qandil mountains in northern Iraq took command.", "Qandil", "region:qandil-mountains"),
    ("Gunmen handed over their weapons and others fled to Wadi Khaled.", "Wadi Khaled", "region:wadi-khaled"),
])
def test_regions_across_the_border_are_read_as_regions(pipeline, text, surface, place_id):
    # the PKK's mountains in Iraq (not Kandil, a Hatay village) and Akkar's border area (not
    # Aaouade, one of its 27 villages)
    assert places_by_surface(pipeline, text)[surface].id == place_id
    assert pipeline.gazetteer.get(place_id).country in ("IQ", "LB")
