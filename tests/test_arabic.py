"""Arabic-script news: the actors of the lexicon under their Arabic names.

The lexicon (``data/actors.csv``) lists Arabic aliases next to the English ones:
the same rules apply (whole words, the longest name wins, hamza forms folded).
"""

from __future__ import annotations

import pytest

from test_actors import GOV, HTS, actors_in, lexicon  # noqa: F401 - lexicon is the shared fixture


@pytest.mark.parametrize("text, expected", [
    ("قصفت قوات النظام مدينة سراقب بينما اشتبكت هيئة تحرير الشام مع تنظيم داعش في ريف إدلب.",
     [("قوات النظام", GOV), ("هيئة تحرير الشام", HTS), ("تنظيم داعش", "ISIS")]),
    # the longest name wins: the Free Syrian Army is not the Syrian army
    ("أعلن الجيش السوري الحر سيطرته على البلدة بعد معارك مع الجيش السوري.",
     [("الجيش السوري الحر", "Free Syrian Army"), ("الجيش السوري", GOV)]),
    ("وقالت قوات سوريا الديمقراطية (قسد) إن التحالف الدولي قصف الرقة.",
     [("قوات سوريا الديمقراطية", "Syrian Democratic Forces"), ("قسد", "Syrian Democratic Forces"),
      ("التحالف الدولي", "US-led coalition")]),
    # hamza forms are folded: أحرار = احرار
    ("اشتبكت حركة احرار الشام مع جبهة النصرة قرب الحدود.",
     [("حركة احرار الشام", "Ahrar al-Sham"), ("جبهة النصرة", "Jabhat Fateh al-Sham / al-Nusra Front")]),
    ("شنت الطائرات الروسية غارات بينما أرسل الحرس الثوري الإيراني مستشارين.",
     [("الطائرات الروسية", "Russia"), ("الحرس الثوري الإيراني", "Iran")]),
])
def test_arabic_names_of_actors(lexicon, text, expected):
    assert actors_in(text, lexicon) == expected


def test_arabic_aliases_match_whole_words_only(lexicon):
    # داعشي ("a Daesh member", an adjective) and النظامية ("regular") are other words
    assert actors_in("قال مقاتل داعشي سابق إن القوات النظامية انسحبت.", lexicon) == []


def test_an_arabic_report_links_its_places_to_the_actors_of_their_sentence():
    from geo.model import Article
    from geo.pipeline import Pipeline

    text = ("اشتبكت هيئة تحرير الشام مع تنظيم داعش في مدينة سراقب بريف إدلب.\n"
            "وقصفت الطائرات الروسية مدينة حماة.")
    parsed = Pipeline.default().parse(Article("ar-1", text, None, None, None))
    places = {m.text: (m.place.name, m.place.admin1) for m in parsed.places}
    assert places["سراقب"] == ("Saraqib", "Idleb") and places["حماة"][1] == "Hama"
    first, second = (0, text.index("\n")), (text.index("\n") + 1, len(text))
    in_first = {a.actor for a in parsed.actors if first[0] <= a.start < first[1]}
    in_second = {a.actor for a in parsed.actors if second[0] <= a.start < second[1]}
    assert in_first == {HTS, "ISIS"} and in_second == {"Russia"}


@pytest.mark.parametrize("text, expected", [
    # and / in / for written onto the name
    ("اشتبكت الفصائل وداعش قرب الحدود.", [("داعش", "ISIS")]),
    ("انضم مقاتلون لتنظيم داعش وبهيئة تحرير الشام.", [("تنظيم داعش", "ISIS"), ("هيئة تحرير الشام", HTS)]),
    # for + the article: the preposition stays in the mention, the article's alef is gone
    ("قال إن للنظام السوري دورا.", [("للنظام السوري", GOV)]),
])
def test_arabic_actor_names_carry_their_proclitics(lexicon, text, expected):
    assert actors_in(text, lexicon) == expected


@pytest.mark.parametrize("text, expected", [
    ("أعلنت روسيا وتركيا وإيران اتفاقا في أستانا.", [("روسيا", "Russia"), ("تركيا", "Turkey"), ("إيران", "Iran")]),
    # a place after in / to / from, also across a list joined by "و"
    ("فر اللاجئون إلى لبنان والأردن وتركيا.", []),
    ("عاد الوفد من روسيا وتركيا.", []),
    ("قال مسؤول بروسيا إن الولايات المتحدة تدعم قسد.",
     [("الولايات المتحدة", "United States"), ("قسد", "Syrian Democratic Forces")]),
])
def test_arabic_country_names_are_actors_unless_they_are_places(lexicon, text, expected):
    assert actors_in(text, lexicon) == expected


@pytest.fixture(scope="module")
def pipeline():
    from geo.pipeline import Pipeline

    return Pipeline.default()


def places_of(pipeline, text):
    from geo.model import Article

    parsed = pipeline.parse(Article("ar-places", text, None, None, None))
    return [(m.text, m.place.name, m.place.kind) for m in parsed.places]


@pytest.mark.parametrize("text, expected", [
    ("قصفت الطائرات بسراقب وبالرقة.", [("سراقب", "Saraqib", "town"), ("الرقة", "Raqqa", "town")]),
    # (a bare Idlib is the province, the news's sense: geo.places._PROVINCE_FIRST)
    ("وإدلب وحماة تحت القصف.", [("إدلب", "Idlib Governorate", "governorate"), ("حماة", "Hama", "town")]),
    ("وصلت تعزيزات للحسكة.", [("لحسكة", "Al-Hasakah", "town")]),
    # a name that starts with a proclitic letter is kept whole: بنش is Binnish
    ("اشتباكات في بنش.", [("بنش", "Binnish", "town")]),
    # a preposition before a one-word name says it is a place, as "in X" does in English
    ("وصلت الاشتباكات إلى كفرنبل.", [("كفرنبل", "Kafr Nabl", "town")]),
    # words that only start like a proclitic and a name are left alone
    ("ولكن فقط بعد ذلك قال إن القتال للقتال والحرب بالحرب.", []),
])
def test_arabic_place_names_carry_their_proclitics(pipeline, text, expected):
    assert places_of(pipeline, text) == expected


def test_arabic_country_names_are_in_the_gazetteer(pipeline):
    found = places_of(pipeline, "فر اللاجئون إلى لبنان والأردن وتركيا، وقصفت الطائرات مواقع في العراق.")
    assert [(name, kind) for _, name, kind in found] == [
        ("Lebanon", "country"), ("Jordan", "country"), ("Turkey", "country"), ("Iraq", "country")]


@pytest.mark.parametrize("text, expected", [
    # qaf read as kaf: the gazetteer's تل الطوكان is written back from "Tall at Tukan"
    ("وصلت تعزيزات إلى تل طوقان.", [("تل طوقان", "Tall at Tukan", "village")]),
    # a long vowel written or not: the gazetteer has أم حلاحيل (a spelling near the article's places)
    ("قصفت الطائرات بلدة أم حلاحل وبلدة تل طوقان.",
     [("أم حلاحل", "Umm Halahil", "village"), ("تل طوقان", "Tall at Tukan", "village")]),
    # "and" on a short first word of a longer name
    ("اشتباكات في سراقب وتل طوقان.", [("سراقب", "Saraqib", "town"), ("تل طوقان", "Tall at Tukan", "village")]),
    # a one-word name in a list after a place is a place, as after "in"
    ("اشتباكات في سراقب والقامشلي، والقصير.",
     [("سراقب", "Saraqib", "town"), ("القامشلي", "Qamishli", "town"), ("القصير", "Al-Qusayr", "town")]),
])
def test_arabic_spellings_and_lists_of_places(pipeline, text, expected):
    assert places_of(pipeline, text) == expected
    english = places_of(pipeline, "Clashes in Tel Touqan, Um Halahil, Saraqeb, Qamishli and Qusayr.")
    assert {(name, kind) for _, name, kind in places_of(pipeline, text)} <= {(n, k) for _, n, k in english}


@pytest.mark.parametrize("text, expected", [
    # "east of the Euphrates" is the north-east's name, not Raqqa's al-Furat neighbourhood
    ("قصفت الطائرات مواقع قسد في شرق الفرات.", [("شرق الفرات", "East of the Euphrates", "region")]),
    # the gazetteer's name is "Tell-Mardikh-Ebla"; its Arabic name is a hand-made alias
    ("سيطرت القوات على بلدة تل مرديخ جنوب سراقب.",
     [("تل مرديخ", "Tell Mardikh", "village"), ("سراقب", "Saraqib", "town")]),
])
def test_arabic_region_and_alias_names(pipeline, text, expected):
    assert places_of(pipeline, text) == expected


@pytest.mark.parametrize("text", [
    "وأشار إلى أن القصف استمر.",        # أن (that) names a village in Turkey
    "وأكد على أن الهدنة صامدة.",        # على أن: two function words, one name in Jordan
    "ودعا إلى الحوار.",                 # dialogue
    "تظاهر المئات في ساحة الحرية.",     # square
    "قالت قناة الجزيرة إن القصف مستمر.",  # the Al Jazeera channel, not the Jazira region
])
def test_frequent_arabic_words_are_not_places_after_a_preposition(pipeline, text):
    assert places_of(pipeline, text) == []


@pytest.mark.parametrize("text, expected", [
    # a frequent word that is a town's name, after a type word; the article makes باب (gate) al-Bab
    ("انسحب داعش من مدينة الباب.", [("الباب", "al-Bab", "town")]),
    # "on" before a place, as in shelling reports
    ("غارات على سراقب.", [("سراقب", "Saraqib", "town")]),
    # a plural type word, then a list
    ("سيطرت الفصائل على بلدات سراقب وبنش وتفتناز.",
     [("سراقب", "Saraqib", "town"), ("بنش", "Binnish", "town"), ("تفتناز", "Taftanaz", "town")]),
    # vowel marks inside the words
    ("قُتِلَ ثلاثةُ مدنيينَ في مدينةِ دَرعا.", [("دَرعا", "Daraa", "town")]),
    # the type word picks the kind: مدينة the town, ريف (countryside) the governorate
    ("تظاهرات في مدينة درعا.", [("درعا", "Daraa", "town")]),
    ("قصف على ريف حلب الشمالي.", [("حلب", "Aleppo Governorate", "governorate")]),
])
def test_arabic_places_after_type_words_and_prepositions(pipeline, text, expected):
    assert places_of(pipeline, text) == expected


@pytest.mark.parametrize("text", [
    "وكالة الأنباء السورية (سانا)",         # the adjective Syrian is not Syria
    "في إطار عملية نبع السلام",             # within the framework of: not Tyre
    "فرض النظام حصار المدينة.",             # siege: not Hisar (India)
    "قالت السلطات التركية إن قواتها ردت.",  # the authorities: not Settat (Morocco)
    'تصدت "حماة الديار" لهجوم.',              # guardians of the homeland (the army): not Hama
    "نقل الجرحى إلى مشافي المنطقة.",          # hospitals: not a village in Iraq
])
def test_arabic_words_that_name_big_places_abroad_are_not_places(pipeline, text):
    assert places_of(pipeline, text) == []


@pytest.mark.parametrize("text, expected", [
    ("مفاوضات السلام في جنيف", [("جنيف", "Geneva", "town")]),        # a far place by its Arabic name
    ("قتل مدنيون في تدمر.", [("تدمر", "Palmyra", "town")]),          # a Syrian town that is a word too
    ("اشتباكات في مدينة رأس العين.", [("رأس العين", "Ras al-Ain", "town")]),  # not Ceylanpinar in Turkey
    # "the desert of", "the road", "residents of" place the name; a dash joins a list
    ("معارك في بادية تدمر.", [("تدمر", "Palmyra", "town")]),
    ("قطع طريق دير الزور - تدمر.", [("دير الزور", "Deir ez-Zor", "town"), ("تدمر", "Palmyra", "town")]),
    ("في العراق وسورية", [("العراق", "Iraq", "country"), ("سورية", "Syria", "country")]),
])
def test_arabic_names_of_places_near_and_far(pipeline, text, expected):
    assert places_of(pipeline, text) == expected


def test_an_arabic_neighbourhood_in_a_named_town_is_placed_in_it(pipeline):
    from geo.model import Article

    parsed = pipeline.parse(Article("ar-midan", "سقطت قذائف على حي الميدان في دمشق", None, None, None))
    midan = next(m for m in parsed.places if m.text == "الميدان")
    assert midan.method == "container" and midan.place.admin1 == "Damascus"
    assert midan.place.kind == "neighbourhood"


@pytest.mark.parametrize("text, expected", [
    # the adjective follows its noun in Arabic: الطائرات الحربية الروسية, the Russian warplanes
    ("شنت الطائرات الحربية الروسية غارات على سراقب.", [("الروسية", "Russia")]),
    ("قالت وزارة الدفاع التركية إن قواتها ردت.", [("التركية", "Turkey")]),
    ("هاجم الجيش الوطني مواقع قسد.", [("الجيش الوطني", "Syrian National Army"),
                                     ("قسد", "Syrian Democratic Forces")]),
])
def test_arabic_state_adjectives_and_short_names(lexicon, text, expected):
    assert actors_in(text, lexicon) == expected
