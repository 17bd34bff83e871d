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
