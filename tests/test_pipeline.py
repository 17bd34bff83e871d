"""End-to-end: the pipeline on the real seed articles and the dev corpus."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.evaluation import load_expected, score_seed, toponym_correct
from geo.model import Article

REPO = Path(__file__).resolve().parent.parent
EXPECTED = load_expected(REPO / "tests/fixtures/seeds_expected.jsonl")


def seed_article(exp: dict) -> Article:
    text = (REPO / "data/seeds" / exp["source"]).read_text(encoding="utf-8")
    return Article(id=exp["id"], text=text, path=exp["source"])


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["id"] for e in EXPECTED])
def test_every_seed_toponym_is_found_and_resolved(pipeline, exp):
    parsed = pipeline.parse(seed_article(exp))
    by_span = {(pm.start, pm.end): pm for pm in parsed.places}
    wrong = []
    for topo in exp["toponyms"]:
        got = by_span.get((topo["start"], topo["end"]))
        if got is None or not toponym_correct(topo, got):
            wrong.append((topo["surface"], topo["start"], got and got.place.name))
    assert wrong == []


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["id"] for e in EXPECTED])
def test_every_named_seed_actor_gets_its_canonical_actor(pipeline, exp):
    parsed = pipeline.parse(seed_article(exp))
    got = {(a.start, a.end, a.actor) for a in parsed.actors}
    missing = [(a["surface"], a["start"], a["canonical"]) for a in exp["actors"]
               if not a["coref"] and (a["start"], a["end"], a["canonical"]) not in got]
    assert missing == []


def test_seed_offsets_index_the_text(pipeline):
    for exp in EXPECTED:
        article = seed_article(exp)
        parsed = pipeline.parse(article)
        for span in (*parsed.places, *parsed.actors, *parsed.unresolved):
            assert article.text[span.start:span.end] == span.text


def test_seed_scores_are_complete(pipeline):
    for exp in EXPECTED:
        score = score_seed(exp, pipeline.parse(seed_article(exp)))
        assert score.correct == score.toponyms, score.problems


def test_no_place_is_found_in_ordinary_words(pipeline):
    text = "At least 20 people died in March. Police said More was to come. The man is here."
    parsed = pipeline.parse(Article(id="x", text=text))
    assert [pm.text for pm in parsed.places] == []


def test_zawiya_inside_jabal_al_zawiya_is_not_libya(pipeline):
    text = "Fighters moved to the Jabal al-Zawiya region south of Idlib."
    parsed = pipeline.parse(Article(id="x", text=text))
    names = {pm.text: pm.place for pm in parsed.places}
    assert "Jabal al-Zawiya" in names
    assert names["Jabal al-Zawiya"].country == "SY"
    assert "Zawiya" not in names


def test_niha_in_idlib_context_is_the_idlib_village(pipeline):
    text = "Daesh seized the villages of Niha and Abu Dali in southeastern Idlib province."
    parsed = pipeline.parse(Article(id="x", text=text))
    niha = next(pm for pm in parsed.places if pm.text == "Niha")
    assert niha.place.country == "SY" and niha.place.admin1 == "Idleb"


def test_niha_in_lebanese_context_is_not_the_idlib_village(pipeline):
    text = "Israeli jets struck near Niha in the Bekaa valley, close to Zahle and Baalbek in Lebanon."
    parsed = pipeline.parse(Article(id="x", text=text))
    niha = next(pm for pm in parsed.places if pm.text == "Niha")
    assert niha.place.country == "LB"


@pytest.mark.parametrize("text, surface, country", [
    ("Talks opened in Damascus on Monday.", "Damascus", "SY"),
    ("A delegation flew to Moscow for talks.", "Moscow", "RU"),
    ("Peace talks were held in the Kazakh capital Astana.", "Astana", "KZ"),
])
def test_capitals_resolve_to_their_country(pipeline, text, surface, country):
    parsed = pipeline.parse(Article(id="x", text=text))
    pm = next(pm for pm in parsed.places if pm.text == surface)
    assert pm.place.country == country


def test_province_cue_makes_a_governorate(pipeline):
    parsed = pipeline.parse(Article(id="x", text="Shelling hit Hama province and the city of Hama."))
    kinds = [(pm.text, pm.place.kind) for pm in parsed.places]
    assert kinds == [("Hama province", "governorate"), ("Hama", "town")] or \
        kinds == [("Hama", "governorate"), ("Hama", "town")]


def test_the_headline_is_evidence_for_the_body(pipeline):
    # al-Quria is a Deir ez-Zor town and a Raqqa village; the body names Raqqa city
    # (close to the village) and the headline says the story is in Deir ez-Zor
    text = ("Bodies of children were pulled from the rubble in the town of al-Quria. "
            "The strikes in Deir Ez-Zor province followed an offensive near Raqqa.")
    body_only = pipeline.parse(Article(id="x", text=text))
    headed = pipeline.parse(Article(id="x", text=text, title="25 children among Deir Ez-Zor dead"))
    quria = {pm.text: pm.place.admin1 for pm in headed.places}["Quria"]
    assert quria == "Deir-ez-Zor"
    # the headline is context, not mentions: offsets still index the body
    assert [pm.text for pm in headed.places] == [pm.text for pm in body_only.places]
    assert all(text[pm.start:pm.end] == pm.text for pm in headed.places)


def test_unknown_name_in_place_context_is_reported_unresolved(pipeline):
    parsed = pipeline.parse(Article(id="x", text="Clashes broke out near the village of Qzwxtyrb."))
    assert [u.text for u in parsed.unresolved] == ["Qzwxtyrb"]


def test_dev_corpus_dominant_governorate_agrees_with_labels(pipeline):
    from scripts.evaluate import corpus_labels, row_number
    from geo.articles import read_paths
    from geo.evaluation import score_corpus

    corpus = REPO / "data/corpus/fakes_dev.csv"
    labels = corpus_labels(corpus)
    pairs = [(pipeline.parse(a), labels[row_number(a) - 1])
             for a in read_paths([corpus]) if isinstance(a, Article)]
    assert len(pairs) == 381
    # The target is 0.90; we measure 0.882 (336/381). Most of the remaining misses are
    # multi-governorate reports whose label names one event while most mentions name
    # another (see docs/accuracy.md): a hand-judged pass over all 42 found that reading
    # every mention right would make at most one of them agree. Right readings have
    # cost articles: Damascus's al-Mazraa in a bulletin the corpus holds four times
    # (labelled Aleppo three times), two Hama villages spelled otherwise in a report
    # whose Hama section appears twice, Aleppo's Tal al-Zarazir in a Deir ez-Zor story, two
    # Homs villages that tip a four-way tie in a many-province round-up.
    # The bound guards against regressions.
    assert score_corpus(pairs).accuracy >= 0.88


def test_a_title_the_text_opens_with_is_not_counted_twice(pipeline):
    title = "25 children among Deir Ez-Zor dead"
    text = ("Bodies of children were pulled from the rubble in the town of al-Quria. "
            "The strikes in Deir Ez-Zor province followed an offensive near Raqqa.")
    opened = pipeline.parse(Article(id="x", text=f"{title}\n\n{text}", title=title))
    body_only = pipeline.parse(Article(id="x", text=f"{title}\n\n{text}"))
    # the title is in the text (as trafilatura gives HTML pages): its places are
    # mentions there, and it adds no second vote as a headline
    assert [(pm.text, pm.place.id, pm.confidence) for pm in opened.places[1:]] == \
        [(pm.text, pm.place.id, pm.confidence) for pm in body_only.places[1:]]
    # known as the title, its bare "Deir Ez-Zor" is what the story's first one is: the province
    assert [pm.place.kind for pm in opened.places if pm.text.startswith("Deir")] == ["governorate"] * 2


def test_a_second_pipeline_in_the_process_parses_as_the_first(pipeline):
    """Module-level memos must not hand one pipeline's places to another: the resolver
    tells places apart by identity, and a second gazetteer's equal places are other
    objects (this changed 6 corpus articles before the memo held positions)."""
    from geo.articles import read_paths
    from geo.ingest import bundled_paths
    from geo.pipeline import Pipeline

    articles = [a for a in read_paths(bundled_paths()) if isinstance(a, Article)]

    def places(p):
        return [[(m.start, m.end, m.place.id, m.confidence) for m in p.parse(a).places] for a in articles]

    assert places(Pipeline.default()) == places(pipeline)


@pytest.mark.parametrize("text, surface", [
    ("Airstrikes on Maarat al-Numan killed five civilians.", "Maarat al-Numan"),
    ("A car bomb went off in Qamishli on Friday.", "Qamishli"),
    ("Pro-government media reported new clashes near Qardaha.", "Qardaha"),
])
def test_a_town_beats_the_district_named_after_it(pipeline, text, surface):
    # a district's population is the sum of its towns': it does not make the district likelier
    pm = next(pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface)
    assert pm.place.kind == "town"


@pytest.mark.parametrize("text, surface", [
    ("At Least 10 Civilians killed in Rocket Fire in Daraa Syria.", "Daraa"),
    ("A shell struck a school in Deraa, the monitor said.", "Deraa"),
    ("Medical sources said al-Qamishli National Hospital was damaged.", "Qamishli"),
])
def test_a_bare_governorate_capital_is_the_city(pipeline, text, surface):
    # as a bare "Homs" is: the sources give Daraa's and Qamishli's towns no population, GeoNames does
    pm = next(pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface)
    assert pm.place.kind == "town" and pm.place.population


@pytest.mark.parametrize("text, surface, name", [
    ("Syrian government forces shelled Daraa al-Balad.", "Daraa al-Balad", "Daraa al-Balad"),
    ("Rebels hold Daraa al-Mahata.", "Daraa al-Mahata", "Daraa al-Mahatta"),
])
def test_a_qualifier_after_a_place_is_part_of_its_name(pipeline, text, surface, name):
    # al-Balad is Daraa's old town (its own row in data/regions.csv), not Balad in Iraq
    places = [(pm.text, pm.place.name, pm.place.country) for pm in pipeline.parse(Article(id="x", text=text)).places]
    assert places == [(surface, name, "SY")]


def test_a_list_that_lost_its_commas_stays_a_list(pipeline):
    text = "Shells hit Bab al-Faraj al-Ismailiya and Saraqeb."
    surfaces = [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places]
    assert "Bab al-Faraj al-Ismailiya" not in surfaces and "Saraqeb" in surfaces


def places_in(pipeline, text: str) -> list[tuple[str, str, str]]:
    return [(pm.text, pm.place.name, pm.place.country) for pm in pipeline.parse(Article(id="x", text=text)).places]


@pytest.mark.parametrize("text", [
    # a one-word name that speaks is a person, there and later in the article
    "YPG spokesman Redur Xelil spoke on Monday. Xelil said the town fell. Later Xelil warned of more attacks.",
    "Jundi said the army lost 20 men. Jundi appealed to the United Nations for help.",
    # a word that makes the name an institution's: a hospital in Aleppo, a Turkish news agency
    "Doctors at Al-Quds hospital treated 20 people.",
    "The Dogan news agency reported the shelling.",
    # plural or possessive days, demonyms, the North of "North Caucasus"
    "Fridays bombing raids were the worst. Kurd fighters and Turkmen fighters came from the North Caucasus.",
    # a far city's name beside another name is a person's: Kennedy (Colombia), George (South Africa)
    "The UN's Kevin Kennedy met opposition figure George Sabra.",
    # ... also when the name's other readings are villages: Arabi (a big Ethiopian town, Iraqi villages)
    "Arab League chief Nabil al-Arabi urged the inspectors.",
    # a family name after a given name (data/given_names.txt), even a big town's or a capital's
    "The killed included Abdelsalam Sido, Fayez Jarboua and a commander, Samir al-Asmar.",
    # ... and later alone; a role after a name; more verbs of speech
    "Imad al-Ahmad al-Hamad was killed. Al-Hamad was also the Emir of al-Nusra.",
    "The army killed Abu Hassan, an al-Nusra leader. Abu Jahjah a Tunisian terrorist was killed too.",
    "Rebel chief Zahran Alloush spoke. Alloush described the shelling.",
    # a given name and what follows it: "Yusuf" was a village of Idlib
    "The brigade and those led by Mithal al-Abdallah and Yusuf al-Hassan fought on.",
    # a title before a name, a kunya with a nisba after it
    "Ahrar al-Sham leader Hassan Aboud died; commander Abu Omar al-Shishani too. A fighter known as Abu Jaber fled.",
    # media named after a place, a charity's words, a gun
    "According to Al-Mayadeen channel, Aid to the Church in Need sent help. Rebels carried Uzi rifles.",
    "The Aleppo Media Center and the Damascus Media Office counted the dead.",  # sources, not places
    "Syria Civil Defence workers and The Syria Campaign spoke to Syria TV.",  # organisations
    "The wounded were taken to Teshrin Hospital.",  # (Tishreen: October) not the village Tishrin
    "An official source said the bombing took place in Nisreen Street.",  # a street, not Hama's village Nisrin
])
def test_people_institutions_and_words_are_not_places(pipeline, text):
    assert places_in(pipeline, text) == []


def test_a_quote_ending_in_a_place_keeps_the_place(pipeline):
    # the comma of '"... within metres of Tabaqa," said the observatory' is often lost
    text = "SDF fighters are within a few hundred metres of Tabaqa said observatory head Rami Abdel Rahman."
    assert places_in(pipeline, text) == [("Tabaqa", "Tabqa", "SY")]


@pytest.mark.parametrize("text, expected", [
    ("The council met in New York on Monday.", [("New York", "New York", "US")]),
    ("The Salem Mosque in Ariha was hit.", [("Ariha", "Ariha", "SY")]),
    # a far city whose name starts with "The": the chunk starts after the opener
    ("Diplomats would meet in The Hague next Wednesday.", [("Hague", "The Hague", "NL")]),
    # a family name that holds a town's name leaves the town alone
    ("Commander Kamal Kirkuki said the frontline west of Kirkuk held.", [("Kirkuk", "Kirkuk", "IQ")]),
    ("Foreign Secretary William Hague said on a visit to Paris.", [("Paris", "Paris", "FR")]),
])
def test_far_names_and_institutions(pipeline, text, expected):
    assert places_in(pipeline, text) == expected


@pytest.mark.parametrize("text, surface, name, admin1", [
    # a place the text puts in a town is that town's place spelled alike, not a homonym elsewhere
    ("Jets struck Barzah in eastern Damascus.", "Barzah", "Barza Al Balad", "Damascus"),
    ("Shells hit Hamdaniyeh in Aleppo city.", "Hamdaniyeh", "Hamadaniyeh", "Aleppo"),
    ("Clashes in the Ferdous neighbourhood of east Aleppo.", "Ferdous", "Fardos", "Aleppo"),
    # "eastern Homs" may be the governorate's east: a village there stays where it is
    ("Jets hit Jubb al-Jarrah in eastern Homs.", "Jubb al-Jarrah", "Jubb al Jarrah", "Homs"),
])
def test_a_place_in_a_named_town(pipeline, text, surface, name, admin1):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found[surface].name, found[surface].admin1) == (name, admin1)


@pytest.mark.parametrize("text, surface, name, admin1", [
    # a many-word name the gazetteer spells otherwise is that place, not its first word's namesake
    ("Rockets fell on the town of Jeb al-Jarrah east of Homs.", "Jeb al-Jarrah", "Jubb al Jarrah", "Homs"),
    ("An airstrike hit the village of Maaret Harmeh.", "Maaret Harmeh", "Ma`arrat Hurmah", "Idleb"),
    ("Barrels fell on the neighbourhoods of Seif al Dawla and al-Mashhad.", "Seif al Dawla", "Sayf Ad-Dauleh",
     "Aleppo"),
    # a border crossing the sources lack (data/regions.csv), not a Hasakeh village spelled alike
    ("A car bomb exploded close to the Bab al Salama crossing.", "Bab al Salama crossing", "Bab al-Salama",
     "Aleppo"),
    # a direction before "countryside" keeps the governorate's reading
    ("Clashes erupted in Aleppo northern countryside.", "Aleppo", "Aleppo Governorate", "Aleppo"),
    # a qualifier names the town's quarter whatever the article's other "Daraa"s are
    ("Nusra fought in Daraa southern province. Troops hit the neighbourhoods of Daraa al-Balad area.",
     "Daraa al-Balad", "Daraa al-Balad", "Dar'a"),
])
def test_names_spelled_otherwise_and_qualified(pipeline, text, surface, name, admin1):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found[surface].name, found[surface].admin1) == (name, admin1)


def test_a_name_spelled_alike_needs_the_articles_support(pipeline):
    # Tall Mallah is in Hama; a report from Quneitra names another hill: reported, not placed in Hama
    parsed = pipeline.parse(Article(id="x", text="Units killed terrorists around Tal al-Mal in the countryside "
                                                 "of Quneitra."))
    # (the text puts it in Quneitra's countryside, which nothing else contradicts: an unlisted village there)
    assert [(pm.text, pm.place.admin1, pm.method) for pm in parsed.places] == [
        ("Tal al-Mal", "Quneitra", "container"), ("Quneitra", "Quneitra", "exact")]
    found = {pm.text: pm for pm in pipeline.parse(Article(id="y", text="Rebels advanced in the Dahiyet al-Assad "
                                                                        "district of Aleppo.")).places}
    assert found["Dahiyet al-Assad"].place.admin1 == "Aleppo"  # (hand-placed: the gazetteer's is near Damascus)


@pytest.mark.parametrize("text, names", [
    # a run of names after a place cue, one a sure place, is a list that lost its commas
    ("Units hit terrorists in Khan al-Jouz al-Eido al-Hor Kansaba Salma and al-Aliyeh in the northern countryside "
     "of Lattakia.", ["Khan al-Jouz", "Eido", "Hor", "Kansaba", "Salma", "Aliyeh", "Lattakia"]),
    ("Units killed terrorists in Morek Kafr Zita al-Latamneh and Kafr Nabouda.",
     ["Morek", "Kafr Zita", "Latamneh", "Kafr Nabouda"]),
    # ... but not a headline's capitalised words, nor a name that speaks
    ("Regime attacks kill 16 civilians in Idlib Will Sochi Talks End the War", ["Idlib"]),
    ("Shells fell near Damascus British Foreign Secretary William Hague said.", ["Damascus"]),
])
def test_a_list_that_lost_its_commas(pipeline, text, names):
    assert [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places] == names


def test_a_bulletins_section_header_says_where_its_names_are(pipeline):
    text = ("Army units killed terrorists. Idleb The army destroyed vehicles near Abu al-Duhour and Tal Salmo. "
            "Latakia Army units killed terrorists in Kansaba and al-Aliyeh.")
    found = {pm.text: pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Aliyeh"] == "Lattakia"  # not the Aliyah by Abu al-Duhour's section, nor Aleppo's


@pytest.mark.parametrize("text, surface, name", [
    # an article glued onto a name: the name without it
    ("Civilian homes in the district of Alwaer in Homs were hit.", "Alwaer", "Wa'er"),
    ("Jets struck the town of Maaret Alnouman.", "Maaret Alnouman", "Ma`arrat an Nu`man"),
    ("Barrels fell on Karm Aljabal and Bab Alfaraj in Aleppo.", "Bab Alfaraj", "Bab al-Faraj"),
])
def test_a_name_with_its_article_glued_on(pipeline, text, surface, name):
    found = {pm.text: pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found[surface] == name


def test_a_word_starting_with_al_is_not_unglued(pipeline):
    assert places_in(pipeline, "Almost all allies met. Also, Alalam Syria reported.") == [
        ("Syria", "Syria", "SY")]


@pytest.mark.parametrize("surface, name, admin1", [
    # a name's first word written onto the second, in spellings the gazetteer lacks
    ("Kfarnabel", "Kafr Nabl", "Idleb"),
    ("Kafarbatna", "Kafr Batna", "Rural Damascus"),
    ("Kafrzita", "Kafr Zita", "Hama"),
    ("Telabyad", "Tall Abyad", "Ar-Raqqa"),
    ("Deirezzor", "Deir ez-Zor", "Deir-ez-Zor"),
    # Ma`arr and Abu / Albu (news: "Maardebsah", "Maarzita", "Abukamal", "Albukamal")
    ("Maardebsah", "Ma`arr Dibsah", "Idleb"),
    ("Maarzita", "Ma`arr Zaytah", "Idleb"),
    ("Abukamal", "Abu Kamal", "Deir-ez-Zor"),
    ("Albukamal", "Abu Kamal", "Deir-ez-Zor"),
])
def test_a_glued_first_word_is_read_as_two(pipeline, surface, name, admin1):
    parsed = pipeline.parse(Article(id="x", text=f"Fighting was reported in {surface} on Monday."))
    assert [(pm.text, pm.place.name, pm.place.admin1) for pm in parsed.places] == [(surface, name, admin1)]


@pytest.mark.parametrize("text, surface, name", [
    # a name opening with an opener's letters before an apostrophe ("A" of "A'zaz")
    ("Fighting was reported in A'zaz on Monday.", "A'zaz", "Azaz"),
    ("Fighting was reported in A’zaz on Monday.", "A’zaz", "Azaz"),
    # a name that needs a cue, followed by the governorate the text puts it in
    ("Regime aircraft struck Marea in the northern Aleppo countryside on Monday.", "Marea", "Mari`"),
])
def test_names_read_with_their_apostrophe_or_their_governorate(pipeline, text, surface, name):
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface] == [name]


def test_an_opener_with_a_contraction_opens_no_name(pipeline):
    assert places_in(pipeline, "It's near Idlib, they said. That's all.") == [("Idlib", "Idlib", "SY")]


@pytest.mark.parametrize("word", ["Director", "Telecom", "Bitterness", "Khanate", "Tellurium"])
def test_a_word_opening_like_a_glued_name_is_no_place(pipeline, word):
    assert places_in(pipeline, f"Fighting was reported in {word} on Monday.") == []


def test_a_list_of_provinces_is_not_read_as_one_name_spelled_alike(pipeline):
    # "Homs Hama" is also the name of a Deir ez-Zor village ("Hims - Hamah")
    found = places_in(pipeline, "Terrorists were killed in the provinces of Aleppo Raqqa Homs Hama and Deir Ezzor.")
    assert [name for _, name, _ in found] == ["Aleppo Governorate", "Raqqa Governorate", "Homs Governorate",
                                              "Hama Governorate", "Deir ez-Zor Governorate"]


def test_a_many_word_name_followed_by_a_verb_of_speech_is_a_person(pipeline):
    assert places_in(pipeline, '"The number of casualties is huge," Abu Laila said.') == []


@pytest.mark.parametrize("text, surface, name", [
    # a name the gazetteer lacks that the text calls a part of a town: unlisted there, not a village elsewhere
    ("Air strikes hit the opposition-held al-Qaterji neighbourhood of Aleppo.", "Qaterji",
     "Qaterji (unlisted, in Aleppo)"),
    # (Tareeq al-Bab and Rashidin, examples here until the gazetteer had them, are its rows now)
    ("Rockets fell on the neighborhood of Tareeq al-Bab in Aleppo.", "Tareeq al-Bab", "Tariq al-Bab"),
    # a place the text gives a big town as its own is the town's: spelled alike, or unlisted there
    ("Biggest destruction is in Aleppo's southern Hamdaniya.", "Hamdaniya", "Hamadaniyeh"),
    ("Rebels pushed into Aleppos Rashidin district.", "Rashidin", "al-Rashidin"),
])
def test_a_place_a_town_owns_is_in_that_town(pipeline, text, surface, name):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found[surface].name, found[surface].admin1) == (name, "Aleppo")


def test_a_neighbourhood_the_text_puts_in_a_city_is_that_citys_whatever_the_article_is_about(pipeline):
    text = ("Rockets hit al-Ramouseh, Salah al-Din and al-Hamadaniyeh in Aleppo city. Shells fell on al-Zahraa "
            "neighborhood in the city of Homs.")
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found["Zahraa"].kind, found["Zahraa"].admin1) == ("neighbourhood", "Homs")


def test_the_passages_other_uses_of_a_name_the_text_put_in_a_city_follow_it(pipeline):
    text = ("Rockets hit al-Ramouseh, Salah al-Din and al-Hamadaniyeh in Aleppo city. Shells fell on al-Zahraa "
            "neighborhood in the city of Homs. Another shell landed on the main square in al-Zahraa neighborhood.")
    zahraa = [pm.place for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Zahraa"]
    assert [p.admin1 for p in zahraa] == ["Homs", "Homs"]


def test_the_towns_of_rural_damascus_are_in_the_governorate(pipeline):
    assert kinds_in(pipeline, "Militants were killed in Hajira and other towns of rural Damascus.")[-1] == (
        "Damascus", "governorate")


@pytest.mark.parametrize("text", [
    # Deir ez-Zor's Kanamat is not in the gazetteer (Howayqa, the example here until it was, is al-Huwayqa now): put in the town once, it is that unlisted
    # neighbourhood wherever else the article names it (it was unresolved, or missed for want of a cue)
    "Islamic State militants shelled the Kanamat neighbourhood of Deir Ezzor on Monday, killing four civilians, "
    "activists said. Government warplanes later struck the city's Rashdiyeh and Hameidiyyeh districts. "
    "Residents said the shelling of Kanamat continued into the night.",
    "A commander was killed in an operation by the Syrian army in Kanamat neighborhood of Deir Ezzor. He was "
    "also the Emir of al-Nusra Front, Al-Alam said. Two other commanders were among the dead. Lately militants "
    "attacks focused on Kanamat neighborhood which contains security centers and government buildings.",
    "Militants shelled the al-Kanamat neighbourhood of Deir Ezzor on Monday. Families fled al-Kanamat towards "
    "the Jourah district. Al-Kanamat has been a front line since 2012.",
])
def test_every_use_of_an_unlisted_neighbourhood_is_reported_alike(pipeline, text):
    parsed = pipeline.parse(Article(id="x", text=text))
    uses = [pm for pm in parsed.places if pm.text == "Kanamat"]
    assert len(uses) == text.count("Kanamat") and not [u for u in parsed.unresolved if "Kanamat" in u.text]
    assert {(pm.place.id, pm.place.kind, pm.place.admin1, pm.method) for pm in uses} == {
        (uses[0].place.id, "neighbourhood", "Deir-ez-Zor", "container")}


def test_a_longer_name_holding_an_unlisted_neighbourhoods_name_is_not_a_use_of_it(pipeline):
    text = ("Shells fell on the Howayqa neighbourhood of Deir Ezzor. Abu Howayqa, a commander, was wounded near "
            "the Howayqa al-Jadida school and the Howayqa Brigade's base.")
    assert [pm.start for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Howayqa"] == [19]


@pytest.mark.parametrize("text, surface, town, name", [
    # a gate's quarter is named after where the gate leads: Aleppo's Bab al-Nairab is no village An Nayrab
    # (nor the Nayrab neighbourhood by the airport); it is its row of data/regions.csv
    ("Rebel shells landed on the Bab Alnairab neighbourhood in Aleppo on Friday, killing two children, state "
     "news agency SANA reported. Government jets struck opposition-held districts in the east of the city.",
     "Bab Alnairab", "Aleppo", "Bab al-Nairab"),
    ("A regime helicopter struck a mourning tent in the opposition-held Bab al-Nairab district in Aleppo, a civil "
     "defence official told Anadolu Agency. Twenty people were killed.", "Bab al-Nairab", "Aleppo", "Bab al-Nairab"),
    ('"Fifteen civilians among them 11 children were killed in a barrel bomb attack on the Bab al-Nayrab '
     'neighbourhood" in southern Aleppo city, the Observatory said.', "Bab al-Nayrab", "Aleppo", "Bab al-Nairab"),
    # the gazetteer lacks these: unlisted in the town
    ("In March two blasts occurred near Bab al-Saghir cemetery in Damascus, killing at least 40 people.",
     "Bab al-Saghir", "Damascus", None),
    ("Rebels shelled the Bab Antakya area of Aleppo's old city on Sunday.", "Bab Antakya", "Aleppo", None),
])
def test_a_gates_quarter_is_one_name_in_its_town(pipeline, text, surface, town, name):
    places = pipeline.parse(Article(id="x", text=text)).places
    found = {pm.text: pm.place for pm in places}
    assert found[surface].kind == "neighbourhood" \
        and found[surface].name == (name or f"{surface} (unlisted, in {town})")
    assert [pm.text for pm in places if surface.endswith(pm.text) and pm.text != surface] == []


def test_a_name_called_a_neighbourhood_among_a_towns_neighbourhoods_is_that_towns(pipeline):
    # Aleppo's Ard al-Hamra in a list of Aleppo's neighbourhoods: no village of Rural Damascus (its row
    # of data/regions.csv; an unlisted neighbourhood of Aleppo before the gazetteer had it)
    text = ("Activists said 67 people were killed in airstrikes on Aleppo on Sunday, adding that the airstrikes "
            "were concentrated on the neighborhoods of Sakhour, Shaar, Jabal Badro, Ard Alhamra and Karm Aljabal "
            "in the besieged eastern parts of the city. Civil defence teams pulled survivors from the rubble.")
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found["Ard Alhamra"].name, found["Ard Alhamra"].kind) == ("Ard al-Hamra", "neighbourhood")
    assert found["Jabal Badro"].admin1 == "Aleppo"


def test_an_unlisted_neighbourhood_is_in_the_town_whose_neighbourhoods_the_article_names(pipeline):
    # "the neighborhood of Bab Alnairab" with no town after it, in a report whose neighbourhoods are all Aleppo's
    # (unlisted in Aleppo until data/regions.csv had it)
    text = ("54 Killed in Aleppo as Regime Commits Massacre. The Assad regime on Tuesday morning committed a horrific "
            "massacre in the neighborhood of Bab Alnairab, killing at least 25 civilians. The victims were hit by "
            "airstrikes while trying to escape on foot. Dozens more were injured. The Syrian Coalition condemned "
            "the onslaught on Aleppo. A total of 54 civilians were killed on Tuesday, including 8 in Ansari and 1 "
            "in each of the districts of Marjah and Salah Addin.")
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found["Bab Alnairab"].name, found["Bab Alnairab"].admin1) == ("Bab al-Nairab", "Aleppo")
    assert found["Marjah"].admin1 == "Aleppo" and found["Marjah"].kind == "neighbourhood"  # was a Hasakeh village


@pytest.mark.parametrize("text, surface, admin1", [
    # the neighbourhoods of the next sentence are another story's: the village the text calls a
    # neighbourhood stays the Quneitra countryside's
    ("The Syrian army clashed on Thursday with the terrorist groups in Quneitra countryside on Golan Heights. "
     "Military sources said the army repelled the militants' attempts to infiltrate into Nabea al-Sakhr "
     "neighborhood. The army also advanced in the neighborhood of Jobar in eastern Damascus.",
     "Nabea al-Sakhr", "Quneitra"),
])
def test_a_village_called_a_neighbourhood_keeps_its_reading_without_its_sentences_town(
        pipeline, text, surface, admin1):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found[surface].admin1 == admin1 and found[surface].kind == "village"


def test_an_unlisted_neighbourhood_in_a_report_of_two_cities_stays_unresolved(pipeline):
    text = ("Shells hit al-Shaar neighbourhood in Aleppo and al-Midan in Damascus. In a separate attack, "
            "mortars fell on the neighbourhood of Qaterji on Monday, the Observatory said.")
    parsed = pipeline.parse(Article(id="x", text=text))
    assert "Qaterji" in [u.text for u in parsed.unresolved]


def test_a_roundabout_in_a_city_is_in_that_city(pipeline):
    found = pipeline.parse(Article(id="x", text="A bomber blew himself up at al-Hilaliyeh roundabout in central "
                                                "Qamishli.")).places
    hilaliyeh = next(pm for pm in found if pm.text == "Hilaliyeh")
    # the roundabout's district, Qamishli's al-Hilaliya (data/regions.csv; unlisted there before)
    assert hilaliyeh.place.kind == "neighbourhood" and hilaliyeh.place.id == "region:hilaliya-qamishli"
    assert next(pm.place.name for pm in found if pm.text == "Qamishli") == "Qamishli"


def test_eastern_ghoutas_al_marj_is_a_region_of_rural_damascus(pipeline):
    # data/regions.csv: the centroid of its villages; Idlib's village al-Marj took its mentions
    found = places_in(pipeline, "Jets bombed Housh Salhiya and Otaya in Almarj area.")
    assert found[-1] == ("Almarj", "al-Marj", "SY")


def test_aleppos_bab_al_faraj_is_a_neighbourhood_of_aleppo(pipeline):
    # a hand-placed point (data/regions.csv): OCHA's neighbourhoods lack it; a Hasakeh village has its name
    found = places_in(pipeline, "Rocket shells fell on Bab al-Faraj and al-Hamadaniyeh.")
    assert found == [("Bab al-Faraj", "Bab al-Faraj", "SY"), ("Hamadaniyeh", "Hamadaniyeh", "SY")]


def test_a_foreign_namesake_put_north_of_a_syrian_town_is_an_unlisted_place_there(pipeline):
    # (al-Maleh north of Aleppo, the example here until QA pass 23, is now Aleppo's Mallah Farms)
    text = "Rebels were killed around Ain Ebel north of Aleppo. The army tried to seize Ain Ebel for two years."
    found = [pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Ain Ebel"]
    assert len(found) == 2
    assert all(pm.place.country == "SY" and pm.place.admin1 == "Aleppo" and pm.method == "container"
               and pm.place.id.startswith("near:") for pm in found)
    text = "Rebels were killed around al-Maleh north of Aleppo. The army tried to seize al-Maleh for two years."
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Maleh"] \
        == ["Mallah Farms", "Mallah Farms"]


@pytest.mark.parametrize("text, surface, name, admin1", [
    # a foreign namesake in a Syrian governorate: an unlisted place of that governorate
    ("Regime forces took Tal al-Samn in the Daraa countryside.", "Tal al-Samn",
     "Tal al-Samn (unlisted, in Daraa Governorate)", "Dar'a"),
    # a town 40 km away is no district of Aleppo
    ("Shells fell on the Tariq al-Bab district of Aleppo.", "Tariq al-Bab", "Tariq al-Bab", "Aleppo"),
    ("Rockets hit al-Adawi residential area in Damascus.", "Adawi", "Al 'Adwi", "Damascus"),
])
def test_a_place_in_a_named_governorate_or_district_of_a_town(pipeline, text, surface, name, admin1):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found[surface].name, found[surface].admin1) == (name, admin1)


def kinds_in(pipeline, text: str) -> list[tuple[str, str]]:
    return [(pm.text, pm.place.kind) for pm in pipeline.parse(Article(id="x", text=text)).places]


def test_a_list_after_provinces_of_and_rural_names_are_governorates(pipeline):
    text = "Jets hit targets in the Syrian provinces of Aleppo Raqqa Lattakia and Homs. Activists in rural Idlib said so."
    assert {kind for _, kind in kinds_in(pipeline, text)} == {"governorate"}
    # Rural Damascus is a governorate of its own: "rural Damascus" is neither the city nor its governorate
    rural = pipeline.parse(Article(id="x", text="Clashes in Damascus and rural Damascus.")).places
    assert [(pm.place.kind, pm.place.admin1) for pm in rural] == [("town", "Damascus"), ("governorate", "Rural Damascus")]


def test_al_rai_is_the_border_town(pipeline):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text="Tanks south of the town of al-Rai.")).places}
    assert found["Rai"].name == "al-Rai" and abs(found["Rai"].lon - 37.45) < 0.05


@pytest.mark.parametrize("text, holder, kind", [
    # a town or village in a governorate, not in the city of its name
    ("A car bomb in Khan Sheikhoun in Idlib killed five.", "Idlib", "governorate"),
    ("Rebels were killed in Hardatnin village in Aleppo.", "Aleppo", "governorate"),
    ("Shells fell on al-Fouaa town in Idleb.", "Idleb", "governorate"),  # a town 8 km from the city
    # two villages 8 km from the city, named apart or called towns: the governorate's localities
    ("Rockets hit the besieged towns of al-Fouaa and Kafraya in Idleb in a new breach.", "Idleb", "governorate"),
    ("Eight persons wounded in Foaa and Kefraya in Idleb Meanwhile civil sources said so.", "Idleb", "governorate"),
    ("Rockets hit the village of Binnish in Idleb.", "Idleb", "governorate"),
    ("The attack took place in Khanaser southeast Aleppo.", "Aleppo", "governorate"),
    # a neighbourhood, or the city said to be one
    ("Shells hit Bab al-Faraj in Aleppo.", "Aleppo", "town"),
    ("A market in Kafr Zita in Hama, Syria's fourth largest city, burned.", "Hama", "town"),
])
def test_the_holder_of_a_town_is_its_governorate(pipeline, text, holder, kind):
    assert dict(kinds_in(pipeline, text))[holder] == kind


@pytest.mark.parametrize("text, holder, kind", [
    # "capital" before a name is the city's, whatever the article's province
    ("Kurds hold most of Hasakeh province, Tal Tamr and Amuda and areas of the provincial capital Hasakeh.",
     "Hasakeh", "town"),
    ("Daesh holds Raqqa province. Kurds advanced near Tabqa and Ain Issa towards the de-facto IS capital Raqqa.",
     "Raqqa", "town"),
])
def test_a_capital_before_a_name_is_the_city(pipeline, text, holder, kind):
    assert dict(kinds_in(pipeline, text))[holder] == kind


def test_a_capital_before_a_name_says_nothing_of_the_articles_other_mentions(pipeline):
    from geo.articles import read_paths
    # a corpus article: "An Islamic State counteroffensive in Raqqa ... in Syrias Raqqa province ...
    # recapturing the de-facto IS capital Raqqa": only the capital's Raqqa is the city
    article = next(a for a in read_paths([REPO / "data/corpus/fakes_dev.csv"])
                   if isinstance(a, Article) and "counteroffensive in Raqqa" in a.text)
    raqqa = [pm for pm in pipeline.parse(article).places if pm.text.startswith("Raqqa")]
    capital = next(pm for pm in raqqa if article.text[:pm.start].endswith("capital "))
    assert capital.place.kind == "town"
    assert raqqa[0].place.kind == "governorate"  # "a counteroffensive in Raqqa", the province


def kinds_at(pipeline, text: str, surface: str) -> list[str]:
    """The kinds of the places ``surface`` is read as, in the order of the text."""
    return [pm.place.kind for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface]


def test_a_bare_name_after_the_capital_named_a_city_stays_the_city(pipeline):
    # "the provincial capital Deir Ezzor city" is "Deir Ezzor city": the later bare "Deir Ezzor"
    # was made the governorate by the "province" at the end of the airport's sentence
    text = ("At least 10 Syrian soldiers were killed on Tuesday in clashes with Islamic State jihadists in the "
            "eastern province of Deir Ezzor, a monitor said. The clashes took place near Deir Ezzor military "
            "airport, a key post for the army in the province. Parts of the provincial capital Deir Ezzor city "
            "are still in government hands. Deir Ezzor has been a target of strikes by the US-led coalition.")
    assert kinds_at(pipeline, text, "Deir Ezzor")[2:] == ["town", "town"]


def test_a_bare_name_after_the_capital_hasaka_city(pipeline):
    # the bombing's "in Hasaka" follows "the provincial capital Hasaka city"; "the city of Qamishli,
    # Hasaka." (its comma kept or lost) is Qamishli in Hasaka province
    for sep in (", ", " "):
        text = ("A truck bomb exploded near a Kurdish security headquarters in the city of Qamishli" + sep
                + "Hasaka. Islamic State has previously targeted Qamishli and the provincial capital Hasaka "
                "city with bombs. In July a suicide bomb killed at least 16 people in Hasaka.")
        assert kinds_at(pipeline, text, "Hasaka") == ["governorate", "town", "town"]


@pytest.mark.parametrize("text, kinds", [
    # the capital cue makes its own "Hasakeh" the city and leaves the province's uses alone
    ("US-backed forces advanced on Sunday in the countryside of Hasakeh, activists said. The Kurdish YPG "
     "already controls most of the provincial capital Hasakeh. Fighting has displaced thousands of families "
     "across northeastern Hasakeh, where Islamic State still holds villages near Shaddadi.",
     ["governorate", "town", "governorate"]),
    ("Kurdish forces took full control of the provincial capital Hasakeh on Saturday after a week of clashes "
     "with government troops. The fighting in Hasakeh killed dozens of people and forced thousands to flee, "
     "the Syrian Observatory said.", ["town", "town"]),
])
def test_the_capital_hasakeh_leaves_the_other_uses_right(pipeline, text, kinds):
    assert kinds_at(pipeline, text, "Hasakeh") == kinds


@pytest.mark.parametrize("text, holder", [
    ("Syrian Coalition Condemns Attack on Interim Government Headquarters in Azaz Aleppo.", "Aleppo"),
    ("7 Civilians Killed 25 Injured in Terrorist Car Attack in Tal Abyad, Raqqa.", "Raqqa"),
])
def test_a_town_then_its_governorate_closing_the_sentence_is_the_governorate(pipeline, text, holder):
    assert kinds_at(pipeline, text, holder) == ["governorate"]
    # not a list that lost its commas
    assert kinds_at(pipeline, text.replace(".", " and Homs."), holder) == ["town"]


@pytest.mark.parametrize("text, surface", [
    ("One activist from Talbisseh said the town was shelled.", "Talbisseh"),  # "activist" + "from"
    ("Daesh lost the region known as the Manbij pocket.", "Manbij"),
    ("Shells hit the neighborhoods of al-Shaar al-Ansari.", "Shaar"),  # a list, not a nisba
])
def test_titles_and_nisbas_leave_places_alone(pipeline, text, surface):
    assert surface in [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places]


@pytest.mark.parametrize("text, surface, name", [
    ("Shells hit Bustan al-Qasr in Aleppo.", "Bustan al-Qasr", "Bustan Al-Qaser"),  # OCHA writes Qaser
    ("Terrorists positioned in Bani Zaid fired shells on Aleppo.", "Bani Zaid", "Bani Zaid"),  # not the West Bank's
    ("Shells fell on al-Sulimaniah neighborhood in Aleppo.", "Sulimaniah", "Suleimaniyeh"),  # not Iraq's
])
def test_aleppo_neighbourhoods_by_news_spellings(pipeline, text, surface, name):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found[surface].name, found[surface].admin1) == (name, "Aleppo")


@pytest.mark.parametrize("text, holder, kind", [
    ("Operations continued in Eastern Homs near Palmyra.", "Homs", "governorate"),  # the desert
    ("Daesh advanced into southeastern Idlib.", "Idlib", "governorate"),
    # Aleppo's and Damascus's halves are the cities'
    ("Shells fell on eastern Aleppo.", "Aleppo", "town"),
])
def test_a_direction_before_a_name_reads_its_governorate_but_for_divided_cities(pipeline, text, holder, kind):
    assert dict(kinds_in(pipeline, text))[holder] == kind


def test_a_village_abroad_needs_its_country_in_the_article(pipeline):
    syrian = pipeline.parse(Article(id="x", text="Regime jets struck Barna, Zeitan and Khalsa south of Aleppo."))
    assert [pm.text for pm in syrian.places if pm.place.country == "SY"] == ["Barna", "Zeitan", "Khalsa", "Aleppo"]
    # (not Gaziantep's Barna: Aleppo's Birnah, spelled alike near the article's places)
    # a small town abroad too: "in One Week" is not Turkey's Ünye, al-Hamidiyeh by Quneitra not Iran's
    assert places_in(pipeline, "Over 500 Civilians Killed in One Week.") == []
    assert "IR" not in [c for _, _, c in places_in(pipeline, "Rebels shelled al-Hamidiyeh village west of "
                                                              "Quneitra city.")]
    # the country must be named in the passage, not anywhere in the article
    far = pipeline.parse(Article(id="z", text="Rebels recaptured villages in southern Aleppo from government "
                                              "control - Zeitan Khalsa and Barna - causing losses. "
                                 + "The siege went on. " * 4 + "Turkey closed its border.")).places
    assert [pm.place.country for pm in far if pm.text == "Barna"] in ([], ["SY"])  # was Gaziantep's
    lebanese = pipeline.parse(Article(id="y", text="Shells fell on Aadoui in north Lebanon.")).places
    assert [pm.place.country for pm in lebanese] == ["LB", "LB"]


def test_a_place_the_text_calls_syrian_is_no_foreign_namesake(pipeline):
    parsed = pipeline.parse(Article(id="x", text="Militants abducted Christians in the Syrian town of Hassak."))
    assert parsed.places == () and [u.text for u in parsed.unresolved] == ["Hassak"]  # not Lebanon's El Hassek
    lebanese = pipeline.parse(Article(id="y", text="Shells hit the Lebanese town of Hassak.")).places
    assert [pm.place.country for pm in lebanese] == ["LB"]


def test_a_place_the_text_calls_a_neighbours_is_that_neighbours_though_syria_spells_it_alike(pipeline):
    # Hasakeh's Ar Rabi`ah has "Rabia" as written, Iraq's Rabi'ah only a folded spelling of it
    text = "Families crossed at al-Yarubiyah, opposite the Iraqi town of Rabia, on Thursday."
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found["Rabia"].country, found["Rabia"].admin1) == ("IQ", "Ninawa")
    syrian = {pm.text: pm.place for pm in pipeline.parse(Article(id="y", text=text.replace("Iraqi", "Syrian"))).places}
    assert syrian["Rabia"].country == "SY"


def test_a_neighbours_town_in_a_sentence_naming_it_beats_a_syrian_village_spelt_alike(pipeline):
    lebanese = "The Lebanese army said its units had closed four illegal crossings in Hermel."
    assert [(pm.place.name, pm.place.country) for pm in pipeline.parse(Article(id="x", text=lebanese)).places] \
        == [("El Hermel", "LB")]  # not Tartous's village Al Hirmil
    syrian = "Army shells hit Hermel near Tartous."
    assert [pm.place.country for pm in pipeline.parse(Article(id="y", text=syrian)).places] == ["SY", "SY"]


def test_a_place_before_a_peoples_adjective_is_no_persons_name(pipeline):
    text = "Dozens of wounded were taken to hospitals in Hasakah and al-Darbasiyah Kurdish officials said."
    assert "Al-Darbasiyah" in [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places]
    # a capitalised word that is no people's adjective still makes the pair a person's name
    assert pipeline.parse(Article(id="y", text="Commander Ahmed Darbasiyah Khalil said.")).places == ()


def test_a_surname_after_a_two_word_given_name_is_no_place(pipeline):
    text = "The governor of Homs Abdul Rahman al-Aama called on residents to show restraint."
    assert [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places] == ["Homs"]  # not Amman


def test_a_many_word_name_listed_as_no_place_hides_its_first_word(pipeline):
    outlet = pipeline.parse(Article(id="x", text="Homs – Enab Baladi The security command imposed a curfew on Homs."))
    assert [pm.text for pm in outlet.places] == ["Homs", "Homs"] and outlet.unresolved == ()
    village = pipeline.parse(Article(id="y", text="Shells hit the village of Enab in Hama.")).places
    assert [pm.place.name for pm in village][:1] == ["`Aynab"]


def test_governorates_listed_together_with_a_province_are_provinces(pipeline):
    def kinds(text):
        return [pm.place.kind for pm in pipeline.parse(Article(id="x", text=text)).places]
    assert kinds("The committee gave funds to the affected areas in Aleppo Latakia Hama and Idleb.") == ["governorate"] * 4
    assert kinds("Shelling hit Aleppo, Homs and Hama on Monday.") == ["town"] * 3  # no province among them
    assert kinds("Residents of Aleppo Latakia Hama and Idleb said the lights went out.")[:3] == ["town"] * 3


def test_the_port_of_a_city_is_the_city_though_its_province_is_named_beside_it(pipeline):
    text = ("The government cancelled the contract to run the port of Tartous according to the director of "
            "customs in Tartous province. The port of Latakia is run under a contract with a French company. "
            "Traders in Tartous and Baniyas welcomed the decision.")
    kinds = [(pm.text, pm.place.kind) for pm in pipeline.parse(Article(id="x", text=text)).places if "Tartous" in pm.text]
    assert kinds == [("Tartous", "town"), ("Tartous province", "governorate"), ("Tartous", "town")]


def test_a_town_abroad_listed_after_a_citys_quarter_is_the_next_quarter(pipeline):
    text = ("Troops stormed Deir Ezzor. The army pounded the rebel-held neighbourhoods of al-Hamidiyah "
            "al-Sheikh Yassin and al-Orfi with artillery.")
    parsed = pipeline.parse(Article(id="x", text=text))
    orfi = [pm.place for pm in parsed.places if pm.text == "Orfi"] + [u for u in parsed.unresolved if u.text == "Orfi"]
    assert orfi and all(getattr(p, "country", "SY") == "SY" for p in orfi)  # not Turkey's Sanliurfa
    assert [pm.place.country for pm in pipeline.parse(Article(id="y", text="Refugees fled to Orfi in Turkey.")).places] \
        == ["TR", "TR"]


def test_a_name_taken_earlier_needs_no_cue_again(pipeline):
    text = "Rebels stormed the Alawite village of Maan in Hama. Maan lies about 25 kilometres north of Hama."
    assert [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places].count("Maan") == 2
    # not beside another capitalised word: a person's or a title's name
    person = "Shells hit the village of Abbas. Speaker Hadiya Khalaf Abbas condemned it."
    assert [pm.start for pm in pipeline.parse(Article(id="y", text=person)).places if pm.text == "Abbas"] == [26]
    # and not a name that was not taken before ("Maan" alone folds as "man")
    assert pipeline.parse(Article(id="z", text="Maan lies about 25 kilometres from the road.")).places == ()


def test_the_mountains_of_a_province_are_the_provinces(pipeline):
    text = "The army has captured more than 20 hills and villages in the mountains of Latakia."
    assert [pm.place.kind for pm in pipeline.parse(Article(id="x", text=text)).places] == ["governorate"]
    assert [pm.place.kind for pm in pipeline.parse(Article(id="y", text="Shells hit the city of Latakia.")).places] \
        == ["town"]


def test_of_two_rows_of_one_place_the_one_with_the_name_as_written(pipeline):
    # As-Sweida's Malah and Mallah are one town twice in the sources, 1 km apart
    found = [pm.place.name for pm in pipeline.parse(
        Article(id="x", text="The strikes hit a house in the town of Malah near Salkhad.")).places]
    assert found == ["Malah", "Salkhad"]
    assert [pm.place.name for pm in pipeline.parse(
        Article(id="y", text="The strikes hit a house in the town of Mallah near Salkhad.")).places][0] == "Mallah"


def test_a_governorates_seat_is_a_big_town_whatever_its_dated_population(pipeline):
    # GeoNames gives al-Hasakah 81,539 people: its quarters are still the city's at hand
    text = ("Bombings hit the Arzoneh bridge near Tartous and a checkpoint in Homs. In Hasaka city five people "
            "were killed in a bombing near a checkpoint in the al-Salehiya area.")
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found["Salehiya"].kind, found["Salehiya"].admin1) == ("neighbourhood", "Al-Hasakeh")


def test_a_camp_the_gazetteer_has_as_a_quarter_is_read_whole(pipeline):
    found = [(pm.text, pm.place.kind) for pm in pipeline.parse(
        Article(id="x", text="The siege was imposed on Tariq al-Sad and the Daraa camp for a month.")).places]
    assert ("Daraa camp", "neighbourhood") in found and ("Daraa", "town") not in found
    assert [pm.place.name for pm in pipeline.parse(Article(id="y", text="Shells hit the Yarmouk camp.")).places] \
        == ["Yarmouk camp"]


def test_a_district_named_after_its_seat_is_the_seat_unless_the_text_says_district(pipeline):
    # (the rule alone: the votes of a long article had read "liberated Tadmur" as the desert district)
    from geo.places import _Cue, _NO_CUE, _district_seats
    text = "The army liberated Tadmur and al-Qaryatain."
    matches, _ = pipeline.finder.find(text)
    tadmur = next(m for m in matches if m.text == "Tadmur")
    district = next(p for p in tadmur.candidates if p.kind == "district")
    chosen = [(district, 1.0)]
    _district_seats([tadmur], chosen, [_NO_CUE])
    assert (chosen[0][0].name, chosen[0][0].kind) == ("Palmyra", "town")
    said = [(district, 1.0)]
    _district_seats([tadmur], said, [_Cue("district", ("the",), False)])  # "the Tadmur district"
    assert said[0][0] is district


def test_one_place_on_the_border_twice_is_syrias_row(pipeline):
    # the Rukban camp's row (Homs) and the Jordanian town of the name lie 1.4 km apart
    text = ("Last Families Leave Rukban Camp on Syrias Border With Jordan\n\nDamascus- The last families living in "
            "the Rukban camp in the desert of southeastern Syria have left for their home towns. The camp near the "
            "al-Tanf garrison held more than 70000 people at its peak after Jordan closed its border in 2016. "
            "For years the residents lived under a siege imposed by the Assad regime and its Russian allies.")
    found = [(pm.text, pm.place.country) for pm in pipeline.parse(Article(id="x", text=text)).places
             if pm.text.startswith("Rukban")]
    assert found == [("Rukban Camp", "SY"), ("Rukban", "SY")]


def test_a_forest_the_gazetteer_lacks_is_reported(pipeline):
    parsed = pipeline.parse(Article(id="x", text="Fires spread around Qastal Maaf and the Frunloq forest."))
    assert [u.text for u in parsed.unresolved] == ["Frunloq"]


def test_a_list_that_lost_its_commas_keeps_a_name_after_a_place(pipeline):
    # Zamalka right after Ain Tarma is the list's next place, not a person's surname
    names = [pm.place.name for pm in pipeline.parse(Article(id="x", text="Clashes in Ain Tarma Zamalka and Jobar.")).places]
    assert names == ["`Ayn Tarma", "Zamalka", "Jobar"]


def test_the_old_city_of_aleppo_is_in_aleppo(pipeline):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text="Shells hit the Old City of Aleppo.")).places}
    assert found["Old City"].admin1 == "Aleppo"  # not Jerusalem's
    # a part of the town, as "Aleppos Old City" is: a neighbourhood in it, not a village by it
    assert (found["Old City"].kind, found["Old City"].name) == ("neighbourhood", "Old City (unlisted, in Aleppo)")


def test_a_bulletins_section_header_is_its_governorate(pipeline):
    text = "Two were injured in the city. Homs The army units destroyed a den near Talbiseh. Homs is calm."
    assert kinds_in(pipeline, text)[0] == ("Homs", "governorate")  # the header; the city later
    assert kinds_in(pipeline, text)[-1] == ("Homs", "town")



@pytest.mark.parametrize("text, surface, kinds", [
    # a governorate's institutions (its police command, health directorate, governor) name the
    # governorate, there only: the city the text names beside them stays the city
    ("Shells hit al-Midan neighborhood in Aleppo city. A source at Aleppo Police Command told SANA "
     "that a woman was killed.", "Aleppo", ["town", "governorate"]),
    ("Mounzer Khalil, head of Idlib's health authority, told a news conference in Idlib city.", "Idlib",
     ["governorate", "town"]),
    ("Rockets hit Daraa city. A source at Daraa Police Command said so.", "Daraa", ["town", "governorate"]),
    ("Homs governor Talal Barazi said the last buses left the Waer neighbourhood of Homs city.", "Homs",
     ["governorate", "town"]),
])
def test_a_governorates_institution_names_the_governorate(pipeline, text, surface, kinds):
    assert kinds_at(pipeline, text, surface) == kinds


@pytest.mark.parametrize("text, surface, kinds", [
    # a possessive whose apostrophe was lost may be the governorate's, as the words after it say
    ("Shells hit Aleppo city and al-Hader town in Aleppos southern countryside.", "Aleppo", ["town", "governorate"]),
    ("Mounzer Khalil head of Idlibs health authority told a news conference in Idlib city.", "Idlib",
     ["governorate", "town"]),
    ("Warplanes struck Aleppos Salah Eddin neighborhood.", "Aleppo", ["town"]),
])
def test_a_possessive_without_its_apostrophe_may_be_the_governorates(pipeline, text, surface, kinds):
    assert kinds_at(pipeline, text, surface) == kinds
    # (a town under 100,000 people too, when its governorate is named after it)
    assert kinds_at(pipeline, "Troops fought in Daraas Manshiyah district.", "Daraa") == ["town"]


def test_the_surrounding_province_does_not_make_the_name_a_governorate(pipeline):
    # the province is the one around Raqqa, which is the city: one sense for the article's Raqqas
    text = ("US-backed fighters advanced in their push towards the Daesh terror groups Raqqa stronghold. Fighters "
            "advanced towards the Daesh bastion of Raqqa. SDF fighters surrounded Tabaqa in early April. The SDF "
            "launched its campaign for Raqqa in November and has since captured most of the surrounding province. "
            "Raqqa was home to around 240000 residents before the war. Tabaqa sits on a key supply route into Raqqa.")
    assert set(kinds_at(pipeline, text, "Raqqa")) == {"town"}


def test_a_town_abroad_put_in_a_syrian_town_is_a_part_of_it(pipeline):
    text = ("Shells hit the neighborhoods of al-Sabaa Bahrat and al-Sinaa in Damascus city. "
            "The attack on al-Sinaa neighborhood caused material damage.")
    found = [(pm.text, pm.place.admin1, pm.place.country) for pm in pipeline.parse(Article(id="x", text=text)).places]
    assert [f for f in found if f[0] == "Sinaa"] == [("Sinaa", "Damascus", "SY")] * 2  # was Iraq's Sinah
    # a town abroad the text puts elsewhere stays itself
    assert ("Gaziantep", None, "TR") in [(pm.text, pm.place.admin1 if pm.place.country == "SY" else None,
                                          pm.place.country) for pm in pipeline.parse(Article(
        id="y", text="Refugees fled to Gaziantep in Turkey and to Azaz.")).places]


def places_at(pipeline, text: str, surface: str) -> list[tuple[str, str | None, str]]:
    """(kind, governorate, country) of the places ``surface`` is read as, in the order of the text."""
    return [(pm.place.kind, pm.place.admin1, pm.place.country)
            for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface]


def test_the_town_suburb_of_a_name_holds_it(pipeline):
    # "the Damascus suburb of Ghouta" is Eastern Ghouta, not Homs's Ghota neighbourhood
    text = ("Dozens were killed in Idlib province. The previous two attacks were reported in Hama province near "
            "Khan Sheikhoun. The worst attack was a sarin gas attack in August 2013 on the Damascus suburb of "
            "Ghouta that killed hundreds of civilians.")
    assert places_at(pipeline, text, "Ghouta") == [("region", "Rural Damascus", "SY")]


def test_a_far_village_nothing_supports_is_in_the_governorate_its_sentence_names(pipeline):
    # Al Mawakir is a village of Aleppo; the text puts "Al-Muaker" in Hama province, and the
    # article names no other place of Aleppo: an unlisted village of Hama, not Aleppo's
    text = ("The civilians were freed in Al-Saan in Hamas eastern countryside and taken to the city of Salamiyah. "
            "Russian jets struck Daesh near the village of Al-Muaker which is located in the eastern part of "
            "Hama province.")
    assert places_at(pipeline, text, "Muaker") == [("village", "Hama", "SY")]
    # the article's evidence, when it all points to one governorate: "the Abedin camp" (Daraa's `Abidin)
    # in a report of a camp near al-Habeet in Idlib
    text = ("The bombs were dropped on a camp near al-Habeet in the northern province of Idlib on Wednesday. "
            "Footage showed burning tents. People ran. Others wept. A voice spoke. Nobody came. "
            "The attack on the Abedin camp was nothing short of barbaric said a spokeswoman.")
    assert places_at(pipeline, text, "Abedin") == [("village", "Idleb", "SY")]


def test_a_village_its_article_supports_keeps_its_reading(pipeline):
    # Daraa is named: its village stays, whatever governorate the sentence names
    text = ("Rebels in Idlib province shelled the village of Abedin in Daraa. Shells also fell on Daraa city.")
    assert places_at(pipeline, text, "Abedin") == [("village", "Dar'a", "SY")]


def test_a_far_village_called_a_neighbourhood_is_in_the_town_of_its_passages_neighbourhoods(pipeline):
    # `Izah is a village of Hama; "al-Izaa (radio) neighborhood" among Aleppo's neighbourhoods is Aleppo's
    text = ("Rockets hit several neighborhoods in Aleppo city on Monday. "
            "A source at Aleppo Police Command said three of the shells fell in al-Sulaimaniyeh neighborhood. "
            "19 more civilians were injured by shells that hit al-Izaa (radio) neighborhood according to the "
            "source. Two other shells hit Bab al-Faraj neighborhood.")
    assert places_at(pipeline, text, "Izaa") == [("neighbourhood", "Aleppo", "SY")]


def test_a_place_in_a_towns_countryside_is_by_that_town(pipeline):
    # Aleppo's Salheen neighbourhood is 380 km away: "al-Salhin ... in al-Bu Kamal countryside" is by Abu Kamal
    text = ("Warplanes struck Aleppo city. The airstrikes destroyed al-Shihan Bridge near al-Salhin neighborhood in "
            "al-Bu Kamal countryside.")
    assert places_at(pipeline, text, "Salhin") == [("village", "Deir-ez-Zor", "SY")]


def test_a_place_abroad_the_text_calls_a_neighbourhood_is_not_that_place(pipeline):
    # "Shamal" (north) is North Lebanon's Arabic name; "Shamal al-Khatt neighborhoods" in Daraa city are not
    parsed = pipeline.parse(Article(id="x", text=(
        "Terrorists fired rocket shells at residential neighborhoods in Daraa city. They hit al-Kashef and "
        "Shamal al-Khatt neighborhoods in the city.")))
    assert {pm.place.country for pm in parsed.places} == {"SY"}
    # (an unlisted neighbourhood of the city the text names before it)
    assert [(pm.text, pm.place.admin1) for pm in parsed.places if pm.place.kind != "town"] == [
        ("Shamal al-Khatt", "Dar'a")]


@pytest.mark.parametrize("text, surface, reading", [
    # a name the gazetteer lacks in a list opened by a plural type word, commas kept or lost
    ("Shells hit the neighborhoods of al-Jamiliyeh Mogambo and al-Ashrafiyeh in Aleppo.", "Mogambo",
     ("Mogambo (unlisted, in Aleppo)", "Aleppo")),
    ("Shells hit the neighborhoods of al-Sabil al-Mogambo al-Furqan and al-Midan in Aleppo.", "Mogambo",
     ("Mogambo (unlisted, in Aleppo)", "Aleppo")),
    # the list's first name after "al- " (a space after the article's hyphen; al-Rashidin of data/regions.csv)
    ("The army targeted the neighborhoods of al- Rashidin Bustan al-Qasr and Qadi Askar in Aleppo city.",
     "Rashidin", ("al-Rashidin", "Aleppo")),
    ("ISIL seized control of the areas of Hafez and Muhassen in Deir Ezzor.", "Muhassen",
     ("Muh Hasan", "Deir-ez-Zor")),
    # a word that alone is no place ("Sabah"), with its article, opening a name the gazetteer lacks
    ("Shells hit the neighborhoods of al-Sabaa Bahrat and al-Sinaa in Damascus city.", "Sabaa Bahrat",
     ("Sabaa Bahrat (unlisted, in Damascus)", "Damascus")),
])
def test_names_the_gazetteer_lacks_in_a_list_of_places_are_read(pipeline, text, surface, reading):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found[surface].name, found[surface].admin1) == reading


@pytest.mark.parametrize("text", [
    "The buses waited at a transit point in Rashidin west of Aleppo.",
    "AFPs reporter in rebel-held Rashidin saw several bodies.",
])
def test_a_name_the_gazetteer_lacks_west_of_a_town_or_rebel_held_is_a_place(pipeline, text):
    parsed = pipeline.parse(Article(id="x", text=text))
    assert "Rashidin" in [s.text for s in parsed.unresolved] + [pm.text for pm in parsed.places]


@pytest.mark.parametrize("text, surface", [
    ("Air strikes kill 12 in rebel-held areas of Syrias Aleppo Monitor AFP Thursday 14 Jul 2016", "Monitor"),
    ("the pro-regime districts of Wadi Dahab and al-Walid in Homs", "Dahab"),
    ("28 Terrorists Killed in Idleb Syrian Army Regains Several Towns in Hamah.", "Army"),
])
def test_headline_words_and_a_lone_generic_head_are_no_list_names(pipeline, text, surface):
    parsed = pipeline.parse(Article(id="x", text=text))
    assert surface not in [s.text for s in parsed.unresolved] + [pm.text for pm in parsed.places]


@pytest.mark.parametrize("text, name", [
    # a name the gazetteer lacks after a place's own head word is reported whole, cue or not
    ("the pro-regime districts of Wadi Dahab and al-Walid in Homs", "Wadi Dahab"),
    ("The families went back to Tal Hormizd last week.", "Tal Hormizd"),
    ("Kurdish forces captured Tal Dhuman.", "Tal Dhuman"),
    ("Aid entered through the Kafr Lusin border crossing.", "Kafr Lusin"),
])
def test_an_unknown_name_after_a_place_head_is_reported_whole(pipeline, text, name):
    parsed = pipeline.parse(Article(id="x", text=text))
    assert name in [s.text for s in parsed.unresolved] + [pm.text for pm in parsed.places]


@pytest.mark.parametrize("text, name", [
    ("Since July regime bombardment of IS-held towns and villages in Aleppo has cost 136 lives.", "Aleppo"),
    ("The bombardment hit at least 11 towns and villages across Idlib on Tuesday.", "Idlib"),
    ("Syrian Army Regains Several Towns in Hama.", "Hama"),
    # one settlement too, and settlements in a part of it
    ("Investigators look into the chemical attack on the Syrian town in Idlib.", "Idlib"),
    ("Jets targeted ISIL gatherings near two key villages in the Eastern part of Deir Ezzur.", "Deir Ezzur"),
    ("Jets killed 60 civilians in Salsana village in the Northeastern parts of Aleppo.", "Aleppo"),
    # "villages of" a governorate's name, as written: the governorate's
    ('The OPCW said chlorine had been used "systematically" in villages of Idlib including Kafr Zita.', "Idlib"),
])
def test_towns_and_villages_in_a_name_are_its_governorates(pipeline, text, name):
    assert dict(kinds_in(pipeline, text))[name] == "governorate"
    # there only: the city named later is the city
    kinds = [kind for surface, kind in kinds_in(pipeline, text + f" Later shells hit the city of {name}.")
             if surface == name]
    assert kinds == ["governorate", "town"]


@pytest.mark.parametrize("text, name, kind", [
    # the second of "A and B" shares the first one's governorate cue
    ("Shelling hit villages in Idlib and Hama.", "Hama", "governorate"),
    ("The US forces took control of the oil fields in Deir Ezzor and Hasaka.", "Hasaka", "governorate"),
    ("Families fled their homes in the southern countryside of Idlib and in Hama.", "Hama", "governorate"),
    # not where it has a cue of its own, nor after a name without one
    ("Shelling hit villages in Idlib and Hama city.", "Hama", "town"),
    ("Clashes broke out in Aleppo and Hama.", "Hama", "town"),
])
def test_the_second_of_a_pair_shares_the_firsts_governorate_cue(pipeline, text, name, kind):
    assert dict(kinds_in(pipeline, text))[name] == kind


def test_the_towns_of_a_list_are_towns(pipeline):
    # "the border towns of Kilis and Reyhanli": the towns themselves; a list's "villages of" cue
    # does not reach a name after it that is no list's ("the 35 villages of the Khabur valley have
    # fled to Hasaka")
    assert kinds_at(pipeline, "Rockets hit the Turkish border towns of Kilis and Reyhanli.", "Kilis") == ["town"]
    assert kinds_at(pipeline, "Most of the Assyrians who lived in the 35 villages of the Khabur valley have fled "
                              "to Hasaka and Qamishli.", "Hasaka") == ["town"]


def test_a_village_in_a_city_is_in_the_city(pipeline):
    assert kinds_at(pipeline, "Shells hit a village in Aleppo city and several towns in Hama city.",
                    "Aleppo") == ["town"]


@pytest.mark.parametrize("text, person", [
    # a kunya and a nisba whose hyphen was lost: a person, not Hasakeh's village Abu Bakr
    ("Daesh releases purported new audio of Abu Bakr al Baghdadi Category News", "Abu Bakr"),
    # a given name (data/given_names.txt) before a family name: not Iraq's Az Zubayr
    ("On Sunday Zouhir al-Shimale The New Arabs correspondent in east Aleppo reported 15 dead.", "Zouhir"),
])
def test_people_named_like_places_are_not_places(pipeline, text, person):
    assert person not in dict(kinds_in(pipeline, text))


@pytest.mark.parametrize("text, name", [
    # Aleppo's Jabriyeh neighbourhood is spelled alike, but the text puts the village in Hama
    ("Shells fell on the New Aleppo neighborhood of Aleppo. Mortars also hit al-Sqeilbiyeh city and "
     "al-Jaberiyeh village in Hama province.", "Jaberiyeh"),
    ("Clashes erupted in the village of Qassiab in Hasakeh province.", "Qassiab"),
    # "in the northern countryside of X province" puts it there too; its later uses follow it
    ("Ten civilians were killed in an airstrike on al-Salehia village in the northern countryside of Raqqa "
     "province. Aircraft targeted a cotton plant in al-Salehia village.", "Salehia"),
])
def test_a_name_the_gazetteer_lacks_is_in_the_governorate_the_text_puts_it_in(pipeline, text, name):
    parsed = pipeline.parse(Article(id="x", text=text)).places
    governorate = next(pm.place for pm in parsed if pm.place.kind == "governorate")
    uses = [pm.place for pm in parsed if pm.text == name]
    assert uses and all(p.admin1 == governorate.admin1 and p.kind == "village" for p in uses)


@pytest.mark.parametrize("text, name, gazetteer_name", [
    # a spelling the gazetteer lacks, with no cue before it, put in a governorate by the words after it:
    # a similar name there, else an unlisted village there (never silently dropped)
    ("Regime jets struck Kfarnabel in the southern Idlib countryside on Monday.", "Kfarnabel", "Kafr Nabl"),
    ("Four medical staff from a dispensary in Maarzita in southern Idlib province were killed.", "Maarzita", None),
    ("Rockets fell on al-Foaa and Kafrya in Idleb countryside.", "Kafrya", "Kafraya"),
    ("The sorties killed 17 terrorists in Kanasba, in the countryside of Lattakia.", "Kanasba", None),
])
def test_a_name_the_gazetteer_lacks_before_its_governorate_is_placed_there(pipeline, text, name, gazetteer_name):
    parsed = pipeline.parse(Article(id="x", text=text)).places
    governorate = next(pm.place for pm in parsed if pm.place.kind == "governorate")
    [use] = [pm.place for pm in parsed if pm.text == name]
    assert use.admin1 == governorate.admin1 and use.kind in ("town", "village")
    if gazetteer_name:
        assert use.name == gazetteer_name


@pytest.mark.parametrize("text", [
    # a headline's capitalised words before a governorate are not a place
    "Syria Kurds Advance in Aleppo Countryside.",
    "Terrorist Bombings Kill Injure Civilians in Hama Countryside.",
    "Syrian Army Destroys Daeshs Mortar Shells Plant in Deir ez-Zor Province.",
])
def test_a_headlines_words_before_a_governorate_are_no_place(pipeline, text):
    parsed = pipeline.parse(Article(id="x", text=text))
    assert [pm.place.kind for pm in parsed.places if pm.place.kind != "country"] == ["governorate"]
    assert not parsed.unresolved


@pytest.mark.parametrize("text, surface", [
    # Homs's and Hasakeh's villages al-Isma`iliyah are not it: the list closes "in Aleppo city" (its
    # Maisaloun, read first as Deir ez-Zor's Maysalun, hid the town its sentence's neighbourhoods name)
    ("Rockets hit the neighborhoods of New Aleppo Bab al-Faraj al-Ismailiya al-Furqan Maisaloun and "
     "al-Jabiryieh in Aleppo city.", "Ismailiya"),
])
def test_a_village_in_a_list_of_neighbourhoods_closed_by_a_town_is_that_towns(pipeline, text, surface):
    assert places_at(pipeline, text, surface) == [("neighbourhood", "Aleppo", "SY")]


def test_a_far_village_is_the_neighbourhood_spelled_alike_of_the_town_whose_neighbourhoods_the_article_names(
        pipeline):
    # Hasakeh's village Al Firdaws, 300 km from anything the report names, is east Aleppo's Fardos
    text = ("A bomb hit a home near Masaken Hanano neighbourhood in eastern Aleppo. Clashes continued around "
            "eastern Aleppo. Aerial bombardments were focused on Ferdous and areas of Der Hafir according to "
            "activists.")
    assert [(pm.place.name, pm.place.admin1) for pm in pipeline.parse(Article(id="x", text=text)).places
            if pm.text == "Ferdous"] == [("Fardos", "Aleppo")]
    # the town of neighbourhoods named by a city and its suburbs (Douma, Harasta, 10 km from Qabun) is the city
    # of their governorate: Tishreen is no village of Deir ez-Zor
    text = ("The highest toll was in Douma the largest town in the Eastern Ghouta region. One was killed in the "
            "town of Harasta. The regime is fighting to push rebels out of five neighbourhoods in Damascus. The "
            "rebels control almost all of Qabun and Tishreen in the northeast as well as half of Jobar in the east.")
    assert places_at(pipeline, text, "Tishreen") == [("neighbourhood", "Damascus", "SY")]
    # a village its article supports keeps its reading
    text = "Clashes erupted in Hasakeh province. Aerial bombardments were focused on Ferdous."
    assert places_at(pipeline, text, "Ferdous") == [("village", "Al-Hasakeh", "SY")]


@pytest.mark.parametrize("text, surface, kinds", [
    # an airport named after a governorate's capital is by the city, even in a sentence naming the province
    ("Clashes raged in the eastern province of Deir Ezzor. The clashes took place not far from Deir Ezzor "
     "military airport a key post in the oil-rich province.", "Deir Ezzor", ["governorate", "town"]),
    # a field lies in the governorate's countryside, there only
    ("One of those al-Omar is the biggest oil and gas field in Deir al-Zor. Shells fell on Deir al-Zor city.",
     "Deir al-Zor", ["governorate", "town"]),
    ("IS killed 270 guards during a jihadist assault on a gas field in Homs central Syria.", "Homs",
     ["governorate"]),
    ("The Air Force destroyed ISIL positions in al-Shaer field in Homs to the east of Jazal field.", "Homs",
     ["governorate"]),
    # a governorate's directorate "in" or "for" its name is the governorate's, there only
    ("Shells slammed into the Old City of Aleppo. Health director for Aleppo Mohammad Hazouri said five "
     "people died.", "Aleppo", ["town", "governorate"]),
    ("Idlib University and the Department of Education in Idlib closed. Shells hit Idlib.", "Idlib",
     ["town", "governorate", "town"]),
    ("Six injured civilians were taken to hospital according to sources at the Directorate of Health in Aleppo.",
     "Aleppo", ["governorate"]),
])
def test_facilities_named_after_a_capital_or_lying_in_its_governorate(pipeline, text, surface, kinds):
    assert kinds_at(pipeline, text, surface) == kinds


@pytest.mark.parametrize("text, person", [
    # given names (data/given_names.txt) open a person's name: Kinda is no Idlib village, and
    # "Leith Abou Fadel" no Turkish village Fadil (a Turkish town named nearby)
    ("Additional reporting by Kinda Makieh in Damascus and Tom Miles in Geneva.", "Kinda"),
    ("Look at the devastation in Qamishli. Leith Abou Fadel (leithfadel) July 27 2016. Shops in the "
     "nearby Turkish town of Nusaybin were hit.", "Fadel"),
    # a broadcaster named after a town is no place (as "Al-Mayadeen channel")
    ("According to the Al Mayadeen broadcaster the clashes in Qaboun are still underway.", "Mayadeen"),
    # a nisba of a land abroad makes a fighter's name (Salah al-Din is an Aleppo neighbourhood too)
    ("Russia killed Omar Al Shishani and Salah Al Din Al Shishani near Albu Kamal.", "Salah Al Din"),
    # a role before a name: "resident Yassin Abu Raed" is no Lattakia village Yasinas
    ('People are not safe in Aleppo even in shelters" resident Yassin Abu Raed said.', "Yassin"),
])
def test_people_and_media_named_like_places_are_not_places(pipeline, text, person):
    assert person not in dict(kinds_in(pipeline, text))


@pytest.mark.parametrize("title, body, name, kinds", [
    # the story's first "Raqqa" is the province: so is the title's, which the text carries after a date
    ("ISIL terrorists massacre 250 Syrian troops in Raqqa",
     "The terrorists massacred 250 troops at an airbase in the northern province of Raqqa. The base lies "
     "45 kilometers outside Raqqa.", "Raqqa", ["governorate", "governorate", "town"]),
    # the title as the text spells it ('"Chemical" Massacre'); "Khan Sheikhoun in Idlib" is the province's
    ('"Chemical" Massacre in Idlib Defies the World', "Warplanes targeted the town of Khan Sheikhoun in Idlib.",
     "Idlib", ["governorate", "governorate"]),
    # not from an institution ("Aleppo Police Command"): the story's own first "Aleppo" is the city's
    ("Four killed in terrorist attacks in Aleppo", "A source at Aleppo Police Command said shells hit "
     "al-Jamiliyeh neighborhood in Aleppo city.", "Aleppo", ["town", "governorate", "town"]),
    # a title's name with a cue of its own keeps it
    ("Shells hit Aleppo city", "Clashes raged in Aleppo province.", "Aleppo", ["town", "governorate"]),
])
def test_a_titles_capital_is_what_the_storys_first_use_of_it_is(pipeline, title, body, name, kinds):
    text = f"Thu Aug 28 2014 {title}. {body}"
    parsed = pipeline.parse(Article(id="x", text=text, title=title.replace('"', "")))
    assert [pm.place.kind for pm in parsed.places if pm.text.startswith(name)] == kinds


def test_a_province_word_after_a_titles_end_is_no_cue_of_the_title(pipeline):
    # the text's copy of the title runs into the first sentence (no full stop between): the title's
    # "Idlib" is what the story's first use is, the province, not a town with a province "in its sentence"
    title = "135 Civilians Killed in Escalating Bombardment on Idlib in Last Three Days"
    text = (f"Wednesday 07 December 2016 {title} Activists in Idlib province said that at least 135 civilians "
            "were killed. Idlib University closed.")
    parsed = pipeline.parse(Article(id="x", text=text, title=title))
    assert [pm.place.kind for pm in parsed.places if pm.text.startswith("Idlib")] == \
        ["governorate", "governorate", "town"]


def test_a_section_header_before_an_actors_name_is_the_governorate(pipeline):
    # "Quneitra Jabhat al-Nusra-linked ...": a SANA section header (its line break lost), as "Quneitra The ..."
    text = ("The neighborhoods of Damascus are attacked with shells. Quneitra Jabhat al-Nusra-linked terrorist "
            "groups targeted with 8 rocket shells the village of Hadar in Quneitra countryside.")
    assert kinds_at(pipeline, text, "Quneitra") == ["governorate"]


def test_two_villages_abroad_do_not_hold_each_other_up(pipeline):
    # Israel's Sajur and Usha, each the other's "place of its country" in the passage: the text is about Manbij
    text = ("The SDF repelled attacks on its positions near the al-Sajour river and the villages of Qoraa "
            "al-Kabireh Qoraa al-Saghireh Owsah Jeli near the town of Manbij.")
    assert "IL" not in [country for _, _, country in places_in(pipeline, text)]
    # a village its country backs still backs another: both are Lebanon's
    text = "Shells fell on Aadoui and Niha in north Lebanon."
    assert [country for _, _, country in places_in(pipeline, text)][:2] == ["LB", "LB"]


@pytest.mark.parametrize("text, surface, kinds", [
    # a bearing is taken from the city, there only: the article's province and bare uses do not move it
    ("The fighters attacked Tel Abyad and the nearby town of Suluk. The YPG captured Tel Abyad last year. The "
     "town lies north of Raqqa and had been a key supply line.", "Raqqa", ["town"]),
    ("Fighters were killed in the Euphrates Valley south of Deir Ezzor. The advances against Daesh in "
     "Deir Ezzor have cost lives. Russia struck Daesh in Deir Ezzor province.", "Deir Ezzor",
     ["town", "governorate"]),
    # "the Homs region" is the governorate (not "the Al-Hasakah region of Syria", a gloss for readers abroad)
    ("The helicopter was downed east of Palmyra city. The pilots were attacking DAESH in the Homs region on "
     "Friday.", "Homs", ["governorate"]),
])
def test_a_bearing_is_from_the_city_and_the_region_of_a_capital_is_its_governorate(pipeline, text, surface, kinds):
    assert kinds_at(pipeline, text, surface) == kinds


@pytest.mark.parametrize("text, surface, kinds", [
    # "across X": spread over the governorate, there only (the article's bare "in Idlib" keeps its own reading)
    ("Some 200 fighters are based near Atmeh. The Observatory had earlier reported 26 airstrikes on Sunday across "
     "Idlib one of the last remaining opposition bastions.", "Idlib", ["governorate"]),
    # not a city whose halves are its own ("air strikes across Aleppo"), nor "across Idlib city"
    ("Regime jets pounded rebel-held districts. Air strikes across Aleppo killed 20 people on Monday.", "Aleppo",
     ["town"]),
    ("Shops closed across Idlib city on Monday after the strike on the market.", "Idlib", ["town"]),
    # a seat in parliament is the governorate's
    ("Those civilians were kidnapped said Dr Ammar al-Assad a Member of Parliament for Latakia.", "Latakia",
     ["governorate"]),
    ("The MP for Homs spoke on Sunday.", "Homs", ["governorate"]),
])
def test_a_bare_capital_across_which_things_happen_or_a_seat_in_parliament_is_its_governorate(pipeline, text, surface, kinds):
    assert kinds_at(pipeline, text, surface) == kinds


def test_a_village_then_its_governorates_name_closing_a_sub_headline_is_in_the_governorate(pipeline):
    # "al-Fouaa Idleb", a sub-headline whose line break is lost (the next sentence opens "In the ..."):
    # "al-Fouaa, Idleb", the governorate, though al-Fouaa is 8 km from the city
    text = ("Rockets hit al-Midan neighborhood in Aleppo city. A woman injured due to terrorist attack on al-Fouaa "
            "Idleb In the meantime a woman was injured as terrorists attacked the besieged al-Fouaa town located "
            "10 km north of Idleb city.")
    assert kinds_at(pipeline, text, "Idleb") == ["governorate", "town"]


@pytest.mark.parametrize("text, surface, name", [
    # news spellings the gazetteer lacked (data/place_aliases.csv): AFP's "Waar" is Homs's al-Waer district,
    # not the village Al Wa`r 5 km north; "Akrameh" Homs's Ikrima, not Tartous's Karmaya
    ("Most of the city except the battered district of Waar has returned to regime control.", "Waar", "Wa'er"),
    ("Children were killed in the Houla massacre in Homs province. Homs Akrameh neighbourhood is home to "
     "Alawites.", "Akrameh", "Ikrima"),
])
def test_news_spellings_of_homs_districts(pipeline, text, surface, name):
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface] == [name]


@pytest.mark.parametrize("text, name", [
    # a given name (data/given_names.txt) opens a person's name, here and later: Furati is no Lebanese Frat
    ("Beirut- Rebels in Aleppo launched an assault. Wird Furati head of press office at Fastaqim told Asharq "
     "Al-Awsat the battle began in Aleppo. It is not possible to discuss its details said Furati.", "Furati"),
    # "bin" after a name makes a person's (a brigade named after him): not Iraq's Az Zubayr
    ("The operations chief of al-Zubair bin Awam phalanges in Duma in rural Damascus was killed.", "Zubair"),
    # a quoted broadcaster's name before "TV network": "Cham" (al-Sham) is not Damascus here
    ('The clashes took place in rural Damascus according to the opposition "Cham" TV network.', "Cham"),
    # the rebels' "Hell Cannon" (data/not_places.txt) is no Iraqi al-Hillah
    ("Terrorists launched mortar shells gas canisters Hell Canon and home-made missiles into western Aleppo.",
     "Hell"),
    # a capitalised "Hall" after a name the gazetteer lacks makes the hall's own name, as "Street" does
    ("Shells hit Salah-Eddin neighborhood in Aleppo city. A suicide terrorist blew himself up near al-Sanabel Hall "
     "in Safiyeh village on Hasaka-Qamishli road.", "Sanabel"),
])
def test_a_person_a_brigade_a_broadcaster_a_weapon_and_a_hall_named_like_places(pipeline, text, name):
    assert name not in dict(kinds_in(pipeline, text))


def test_a_direction_before_a_name_is_the_region_named_with_it(pipeline):
    # "eastern Ghouta" after "Homs and" is the region Eastern Ghouta, not Homs's neighbourhood Ghota
    text = ("Airstrikes targeted civilian areas in Aleppo Idlib Homs and eastern Ghouta. The directorate of health "
            "in Aleppo province suspended work in its hospitals.")
    assert [name for surface, name, _ in places_in(pipeline, text) if surface == "Ghouta"] == ["Eastern Ghouta"]


@pytest.mark.parametrize("text, surface, name", [
    # a district the text puts in the big town it is about is that town's, not a far namesake:
    # after "Aleppo city", the Maghayir district is no village of Rural Damascus
    ("A shell hit the old quarter of Aleppo city on Friday. It fell on houses in the Maghayir district.",
     "Maghayir", "Maghayir (unlisted, in Aleppo)"),
    # in a report from Homs, "Khaldiyeh District" is Homs's Khalidiyah, not Aleppo's Khaldiyeh
    ("A depot blew up in the central city of Homs. Later the army captured Khaldiyeh District.",
     "Khaldiyeh", "Khalidiyah"),
    # a neighbourhood "of Aleppo city" after it: not Homs's Zahra'
    ("Soldiers stopped a car bomb before it reached Jamiyet al-Zahraa neighborhood on the western outskirts of "
     "Aleppo city.", "Zahraa", "Az-Zahraa"),
    # a list closed by "neighborhoods in Aleppo city": al-Zahraa is no village of the countryside
    ("Shells hit al-Zahraa and Nile Street neighborhoods in Aleppo city.", "Zahraa", "Az-Zahraa"),
])
def test_a_district_is_the_big_towns_at_hand(pipeline, text, surface, name):
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface] == [name]


def test_a_district_of_another_named_big_town_stays(pipeline):
    # Homs's Waer after Idlib (the nearest big town) stays Homs's; "in Aleppo City Meanwhile in Damascus
    # city ... al-Mazraa neighborhood" is Damascus's, not moved to Aleppo by the run-on sentence's list
    text = ("Strikes hit Idlibs countryside. Regime forces targeted Waer neighbourhood in western Homs city.")
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Waer"] \
        == ["Wa'er"]
    text = ("Shells hit the neighborhoods of Maisaloun and al-Jabiryieh in Aleppo City Meanwhile in Damascus city "
            "one person was injured by rounds fired on al-Mazraa neighborhood.")
    assert [pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Mazraa"] \
        == ["Damascus"]


@pytest.mark.parametrize("text, lat_sign", [
    # Aleppo has an Ash Shaykh `Isa south of the city and one north of it (by Tel Rifaat)
    ("The so-called Democratic Syria Troops managed on Saturday to control Sheikh Issa town in Aleppo northern "
     "countryside after clashes with ISIL.", 1),
    ("Rebels took Sheikh Issa in the northern countryside of Aleppo.", 1),
    ("Rebels took Sheikh Issa in the southern countryside of Aleppo.", -1),
])
def test_a_village_on_a_bearing_from_a_town_is_its_namesake_lying_that_way(pipeline, text, lat_sign):
    aleppo_lat = 36.2
    got = [pm.place for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Sheikh Issa"]
    assert len(got) == 1 and (got[0].lat - aleppo_lat) * lat_sign > 0.1, got


@pytest.mark.parametrize("text, surface, name", [
    # Aleppo's Mallah Farms by the Castello road, not Menbij's village Mallah 80 km east
    ("Syrian rebel forces advanced into a key regime-held district in Aleppo on Monday. The offensive to gain "
     "control of the strategic Castello Road in the Al Mallah district came at dawn.", "Mallah", "Mallah Farms"),
    ("The army repelled a major terrorist attack on Mallah Farms in Aleppo northern countryside.",
     "Mallah Farms", "Mallah Farms"),
    # Minian on Aleppo's south-western outskirts, not the village Min`aya 45 km south-east
    ("The army established full control over the town of Minian at the southwestern outskirts of Aleppo city.",
     "Minian", "Minian"),
    # the Salamiyah district's Hardanah, not Harran north-east of Hama (which holds the spelling Hardâne)
    ("Jets pounded ISILs strongholds in Abu Hanaya Abu Hbeilat and al-Hardaneh in the Eastern side of Salamiyah.",
     "Hardaneh", "Hardanah"),
])
def test_places_of_aleppos_outskirts_and_salamiyahs_east(pipeline, text, surface, name):
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface] == [name]


@pytest.mark.parametrize("text, surface, kinds", [
    # a headline's list of big places: Hama is Hama, not Aleppo's village Hamah that the Aleppo votes pulled in
    ("Al-Nusra Terrorists Attacks Kill 12 Civilians in Syrias Aleppo Hama. Rocket attacks by militants on two "
     "residential neighborhoods in the northern city of Aleppo left 11 people dead. Rocket shells also fell in "
     "al-Hamadaniyeh neighborhood of Aleppo and on the New Aleppo neighborhood.", "Hama", ("town", "governorate")),
    # the text calls it a village: the rule leaves it
    ("Shells fell on Aleppo and the village of Hama.", "Hama", ("village",)),
])
def test_a_big_towns_name_listed_beside_a_big_place_is_the_big_town(pipeline, text, surface, kinds):
    got = [pm.place for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface]
    assert len(got) == 1 and got[0].kind in kinds and (got[0].admin1 == "Hama") == (kinds != ("village",)), got


@pytest.mark.parametrize("text, name", [
    # "the X area" of the big town at hand is its listed neighbourhood, not Menbij's village Mallah 80 km east
    ("Syrian government forces intensified their bombing on Saturday of a strategic rebel-held area of Aleppo that "
     "is near the only route into opposition-held parts of the northern city. If the Malah area were to fall to "
     "the army and its allies they would besiege the rebel-held east.", "Mallah Farms"),
    # no neighbourhood of the name by the town: "area" moves nothing ("Ain Tarma area outside the capital")
    ("Regime air strikes hit the Ain Tarma area outside the capital Damascus.", "`Ayn Tarma"),
])
def test_an_area_of_the_big_town_at_hand_is_its_listed_neighbourhood(pipeline, text, name):
    surface = "Malah" if "Malah" in text else "Ain Tarma"
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface] == [name]


def test_the_ends_of_a_road_linking_two_places_are_towns(pipeline):
    text = ("ISIL took the strategic town of Markada in the south of Hasake province. Markada is important because "
            "it provides ISIL with a supply route from Iraq into the road linking Hasake to Deir Ezzor said the "
            "Observatory. Oil-rich Hasake and Deir Ezzor provinces border Iraq.")
    got = [(pm.text, pm.place.kind) for pm in pipeline.parse(Article(id="x", text=text)).places
           if pm.text in ("Hasake", "Deir Ezzor")]
    assert got == [("Hasake", "town"), ("Deir Ezzor", "town"), ("Hasake", "governorate"),
                   ("Deir Ezzor", "governorate")], got


@pytest.mark.parametrize("furniture", [
    # TRT World's and Sputnik's lists of other stories, each with the site's footer after it
    " Source TRTWorld and agencies Related News Air strike kills 54 in Syrias Deir Ezzor monitor Category News "
    "Turkey working with Russia on Idlib A picture is worth a thousand words. Follow us on Instagram.",
    " ... 48 Related Syrian Army Kicks Out Daesh From Suburbs of Qaryatayn Town Tags Daesh Palmyra Syria "
    "Community standardsDiscussion Comment via FacebookComment via Sputnik News",
])
def test_other_stories_listed_after_the_article_are_not_its_places_or_actors(pipeline, furniture):
    story = "Regime shells hit Saraqeb in Idlib province, HTS said."
    parsed = pipeline.parse(Article(id="x", text=story + furniture))
    assert [pm.text for pm in parsed.places] == ["Saraqeb", "Idlib province"]
    assert [a.text for a in parsed.actors] == ["Regime", "HTS"]
    # the text is kept whole, for the reader
    assert parsed.sentences[-1][1] == len(story + furniture)


def test_a_related_box_inside_the_story_is_read(pipeline):
    # Reuters sets its "Related Coverage" box inside the story, which goes on after it
    text = ("Regime shells hit Saraqeb. Related Coverage Aid reaches Homs. Rebels said fighting went on in "
            "Hama province all day. " + "The monitor counted the dead. " * 80 + "Tags Syria")
    assert {"Saraqeb", "Homs", "Hama province"} <= {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}


def test_adra_is_the_town_near_damascus_not_daraas_ancient_name(pipeline):
    # Daraa's ancient name Adraa folded to Adra's key, and the bigger place won
    assert [(pm.place.name, pm.place.admin1) for pm in pipeline.parse(
        Article(id="x", text="Shells hit Adra industrial city.")).places] == [("`Adra", "Rural Damascus")]


def test_madaya_alone_is_the_besieged_town_near_damascus(pipeline):
    # the Idlib village Madayah spelled its name more closely than the town's source name Medaya
    places = pipeline.parse(Article(id="x", text="The siege of Madaya continues.")).places
    assert [(pm.place.name, pm.place.admin1) for pm in places] == [("Madaya", "Rural Damascus")]


@pytest.mark.parametrize("text, expected", [
    # a big town far abroad counts half its size against a Syrian village of its name
    ("Fighting was reported in Arak on Monday.", ("Arak", "SY")),
    # but keeps the names that are only abroad, and the famous ones the news meets
    ("Talks resumed in Sochi and Geneva.", ("Sochi", "RU")),
    ("Talks resumed in Sochi and Geneva.", ("Geneva", "CH")),
])
def test_a_far_city_against_a_syrian_village_of_its_name(pipeline, text, expected):
    assert expected in [(pm.place.name, pm.place.country) for pm in pipeline.parse(Article(id="x", text=text)).places]


@pytest.mark.parametrize("surface, name", [
    # Kurdish names of Hasakeh towns; a district abroad has no population bonus (its people are
    # its towns'), so Mardin's district Derik no longer takes al-Malikiyah's Kurdish name
    ("Derik", "Al Malikiyah"),
    ("Tirbespi", "Al Qahtaniyah"),
])
def test_kurdish_names_of_hasakeh_towns(pipeline, surface, name):
    parsed = pipeline.parse(Article(id="x", text=f"Fighting was reported in {surface} on Monday."))
    assert [(pm.place.name, pm.place.admin1) for pm in parsed.places] == [(name, "Al-Hasakeh")]


@pytest.mark.parametrize("text, surface, name, admin1", [
    # Damascus's Abbasiyin (a point the sources lack; Daraa's neighbourhood Alabbasiah took it)
    ("Army units advanced from Jobar towards Abbasiyin Square.", "Abbasiyin Square", "Abbasiyin", "Damascus"),
    # the town of Dreikish, not the district of its name
    ("Funerals were held in Dreikish for soldiers.", "Dreikish", "Duraykish", "Tartous"),
])
def test_places_the_unseen_articles_found_missing(pipeline, text, surface, name, admin1):
    [pm] = [pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface]
    assert (pm.place.name, pm.place.admin1) == (name, admin1) and pm.place.kind != "district"


@pytest.mark.parametrize("text, expected", [
    # a list's last place before "said" is a place (the residents speak), not a speaker
    ("Residents of Jasim and Inkhil said the shelling went on.", ["Jasim", "Inkhil"]),
    ("Residents of Douma and Harasta said the shelling went on.", ["Douma", "Harasta"]),
    # a one-word name before "said" is still a person
    ("YPG spokesman Redur Xelil said the town fell.", []),
])
def test_a_lists_last_place_before_said_is_no_speaker(pipeline, text, expected):
    assert [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places] == expected


@pytest.mark.parametrize("text, surface", [
    # a governor heads a governorate
    ("The governor of Tartous said the funerals were held on Monday.", "Tartous"),
    ("Homs governor Talal Barazi said the buses left.", "Homs"),
])
def test_a_governors_place_is_the_governorate(pipeline, text, surface):
    assert kinds_at(pipeline, text, surface) == ["governorate"]


@pytest.mark.parametrize("text, surface", [
    # the ends of a road are towns, however the road is named (linking, between, from ... to)
    ("Sweida province was calm. Traffic resumed on the road between al-Sweida and Damascus.", "Sweida"),
    ("Homs province was calm. Trucks used the highway from Homs to Palmyra.", "Homs"),
])
def test_a_roads_ends_are_towns(pipeline, text, surface):
    assert kinds_at(pipeline, text, surface)[-1] == "town"


@pytest.mark.parametrize("text, surface, kind", [
    # a type word after a two-name list is each name's
    ("Shells hit the Idlib and Hama countryside.", "Idlib", "governorate"),
    ("Clashes went on in Raqqa and Deir Ezzor provinces.", "Raqqa", "governorate"),
    ("Clashes went on in Raqqa and Deir ez-Zor provinces.", "Raqqa", "governorate"),
])
def test_a_type_word_after_a_two_name_list_is_each_names(pipeline, text, surface, kind):
    assert kinds_at(pipeline, text, surface) == [kind]


@pytest.mark.parametrize("text, surface, name", [
    # two places of the battle for Tabqa (2017) the sources lack
    ("SDF fighters crossed Lake Assad in boats to reach Tabqa.", "Lake Assad", "Lake Assad"),
    ("The Tabqa Dam is Syria's largest.", "Tabqa Dam", "Tabqa Dam"),
    ("Fighting near the Euphrates Dam went on.", "Euphrates Dam", "Tabqa Dam"),
])
def test_lake_assad_and_the_tabqa_dam(pipeline, text, surface, name):
    assert [(pm.place.name, pm.place.admin1) for pm in pipeline.parse(Article(id="x", text=text)).places
            if pm.text == surface] == [(name, "Ar-Raqqa")]


@pytest.mark.parametrize("text, surface", [
    ("The jihadists took the city, known in Arabic as Tadmur, after a week of fighting.", "Tadmur"),
    ("Ras al-Ain, known in Kurdish as Serekaniye, fell to the Turkish army.", "Serekaniye"),
])
def test_the_english_as_between_two_names_joins_no_person_name(pipeline, text, surface):
    # "Arabic as Tadmur" is one run of capitalised words with a romanised article ("as") inside:
    # read apart, "Tadmur" stands beside no other name
    assert surface in {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}


@pytest.mark.parametrize("text, surface, place_id, admin1", [
    # war-news neighbourhoods the sources lack, hand-placed in data/regions.csv: the town's part, not
    # a namesake village elsewhere (Nishwah, Jubaylah) or abroad (Iraq's Sinah), nor the town's bare point
    ("SDF fighters took the al-Mashlab district of Raqqa.", "Mashlab", "region:mashlab-raqqa", "Ar-Raqqa"),
    ("The SDF has taken the al-Mashlab and al-Sinaa districts in the east of Raqqa.", "Sinaa",
     "region:sinaa-raqqa", "Ar-Raqqa"),
    ("Air strikes hit the al-Badu and al-Thakana neighbourhoods near the old city of Raqqa.", "Thakana",
     "region:thakana-raqqa", "Ar-Raqqa"),
    ("Kurdish fighters took back the Ghwayran and al-Nashwa districts of Hasakeh.", "Nashwa",
     "region:nashwa-hasakah", "Al-Hasakeh"),
    ("Government forces shelled the Ghweiran district of al-Hasakah.", "Ghweiran", "region:ghwayran-hasakah",
     "Al-Hasakeh"),
    ("Clashes broke out in al-Tai neighborhood in Qamishli.", "Tai", "region:tay-qamishli", "Al-Hasakeh"),
    ("Warplanes struck al-Jubeila district in Deir ez-Zor.", "Jubeila", "region:jubeila-deir-ez-zor",
     "Deir-ez-Zor"),
    ("The ISIL offensive in al-Sinaah district near Deir Ezzor was repelled.", "Sinaah",
     "region:sinaa-deir-ez-zor", "Deir-ez-Zor"),
    ("Barrel bombs hit Daraa al-Balad.", "Daraa al-Balad", "region:daraa-al-balad", "Dar'a"),
    ("Army troops stormed the Inshaat district of Homs.", "Inshaat", "region:inshaat-homs", "Homs"),
    ("Navy gunboats shelled al-Raml al-Filastini in Latakia.", "Raml al-Filastini", "region:raml-filastini-latakia",
     "Lattakia"),
    ("Mortars fell on Dweilaa in Damascus.", "Dweilaa", "region:dweilaa-damascus", "Damascus"),
    ("Airstrikes hit Tariq al-Bab in Aleppo.", "Tariq al-Bab", "region:tariq-al-bab-aleppo", "Aleppo"),
    # news spellings of listed neighbourhoods (data/place_aliases.csv)
    ("Troops stormed al-Sleibeh in Latakia.", "Sleibeh", "nbhd:N0344", "Lattakia"),
])
def test_war_news_neighbourhoods_the_sources_lack(pipeline, text, surface, place_id, admin1):
    found = {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert (found[surface].id, found[surface].kind, found[surface].admin1) == (place_id, "neighbourhood", admin1)


@pytest.mark.parametrize("text, surfaces", [
    # a scraper's lost commas: a name beside a Syrian town is the next place of a list
    ("The strikes hit Sarmin Taftanaz and the outskirts of Maarat al-Numan.", ["Sarmin", "Taftanaz"]),
    ("Many displaced live in Safita Dreikish and Banias.", ["Safita", "Dreikish", "Banias"]),
    ("The Kurds also control the towns of Amuda Darbasiyah and Ras al-Ain.", ["Amuda", "Darbasiyah"]),
    ("Warplanes bombed the towns of Mesraba Harasta and Eastern Ghouta.", ["Harasta"]),
])
def test_a_name_beside_a_syrian_town_is_listed_with_it(pipeline, text, surfaces):
    found = {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert set(surfaces) <= found


def test_a_given_name_before_a_village_is_a_person(pipeline):
    # "Kassem Kassab", a person killed: neither the town Jasim nor the village Kassab
    text = "The army eliminated the terrorists Kassem Kassab and Qutaiba Ghabash near Zebdin."
    assert not {"Kassem", "Kassab"} & {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}


@pytest.mark.parametrize("text, surfaces", [
    # two names or more before "and" and a place: each is a place of the list, articles and all
    ("Regime artillery also shelled Misraba Mudeira and Beit Sawa on Monday.", ["Misraba", "Mudeira"]),
    ("The army took the villages of Um Jalal al-Khiyara and Sinjar.", ["Khiyara"]),
    ("Rebels captured three villages south of Aleppo - Zeitan Khalsa and Barna.", ["Zeitan", "Khalsa"]),
    # the place after "and" with its article
    ("The army units entered Mashara Umm Batna and al-Hamidiyah and raised the flag.", ["Mashara", "Umm Batna"]),
])
def test_names_before_and_a_place_are_a_list(pipeline, text, surfaces):
    found = {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert set(surfaces) <= found


def test_a_capital_read_as_its_state_is_the_capital(pipeline):
    # "Ankara" as Turkey's government is Turkey's capital, not the village Anqarah near the
    # article's Hasakah towns
    text = ("The YPG controls Ras al-Ain Amuda and Darbasiyah in Hasakah province. "
            "Ankara considers the YPG a terrorist group.")
    (ankara,) = [pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Ankara"]
    assert ankara.place.capital_of == "TR" and ankara.metonymy


def test_a_village_said_to_be_in_a_province_is_there_whatever_the_article_s_other_places(pipeline):
    text = ("Regime jets struck Aleppo city, al-Bab, Manbij and Tel Rifaat in Aleppo province. "
            "Rebels shelled al-Safira and Hadher. In the south Israeli jets struck a weapons depot "
            "near Hader in Quneitra province.")
    (hader,) = [pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Hader"]
    assert hader.place.admin1 == "Quneitra"


def test_the_euphrates_in_a_province_is_no_unlisted_village(pipeline):
    # a river (lake, plain) with "the" before it: reported unresolved, not a village invented
    # in the governorate after it; "the X village in Y province" still is one
    text = ("The SDF advanced along the eastern bank of the Euphrates in Deir al-Zour province. "
            "Regime forces crossed the Euphrates near Deir al-Zour city.")
    parsed = pipeline.parse(Article(id="x", text=text))
    assert "Euphrates" not in {pm.text for pm in parsed.places}
    assert [u.text for u in parsed.unresolved] == ["Euphrates"]
    village = pipeline.parse(Article(id="y", text="Rebels took the al-Jaberiyeh village in Hama province."))
    assert [pm.place.admin1 for pm in village.places if pm.text == "Jaberiyeh"] == ["Hama"]


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["id"] for e in EXPECTED])
def test_a_seed_wrapped_at_72_columns_reads_as_the_seed(pipeline, exp):
    # a plain-text export or an e-mail: names and sentences run across the line breaks
    seed = seed_article(exp)
    wrapped_text = "\n\n".join(textwrap.fill(line, 72, break_on_hyphens=False)  # as fmt and mail do
                                 for line in seed.text.splitlines() if line.strip())
    flat_text = "\n\n".join(line for line in seed.text.splitlines() if line.strip())
    wrapped = pipeline.parse(Article(id="w", text=wrapped_text))
    flat = pipeline.parse(Article(id="f", text=flat_text))

    def readings(parsed):
        return ([(" ".join(p.text.split()), p.place.id) for p in parsed.places],
                [(" ".join(a.text.split()), a.actor, a.coref) for a in parsed.actors])

    assert readings(wrapped) == readings(flat)
    for span in (*wrapped.places, *wrapped.actors, *wrapped.unresolved):
        assert wrapped_text[span.start:span.end] == span.text


def test_the_first_of_two_districts_is_in_the_city_of_the_second(pipeline):
    text = ("A car bomb exploded in Idlib city killing four people. "
            "In Deir Ezzor city residents began to return to the al-Jora and al-Qusour districts.")
    (jora,) = [pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == "Jora"]
    assert jora.place.admin1 == "Deir-ez-Zor" and jora.place.kind == "neighbourhood"


@pytest.mark.parametrize("text, person, place", [
    ('"We came with nothing" said Umm Ahmad who fled eastern Aleppo with her children.', "Umm Ahmad", "Aleppo"),
    # not a place a person is in
    ("A woman at Bustan al-Qasr who was covering her face said she hoped to leave.", None, "Bustan al-Qasr"),
    ("Rebels in Saraqeb who had fought for years left.", None, "Saraqeb"),
])
def test_said_name_who_is_a_speaker(pipeline, text, person, place):
    found = {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert place in found and (person is None or person not in found)


def test_a_news_agency_s_credit_line_names_people_not_places(pipeline):
    text = ("Reporting by Tom Perry and Laila Bassam in Beirut; Additional reporting by Tulay Karadeniz "
            "in Ankara; Editing by Louise Ireland and Jordan Hama.")
    found = [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places]
    assert found == ["Beirut", "Ankara"]


@pytest.mark.parametrize("text, surface, governorate", [
    ("Regime forces also shelled Beit Jinn in the countryside of Damascus.", "Damascus", "Rural Damascus"),
    ("Clashes in the countryside of Aleppo went on.", "Aleppo", "Aleppo"),  # no Rural Aleppo
])
def test_the_countryside_of_damascus_is_rural_damascus(pipeline, text, surface, governorate):
    (pm,) = [pm for pm in pipeline.parse(Article(id="x", text=text)).places if pm.text == surface]
    assert pm.place.kind == "governorate" and pm.place.admin1 == governorate


@pytest.mark.parametrize("text, surfaces", [
    # a governorate word after a list, or "the countryside of" before one, is each name's
    ("Russian jets struck parts of Latakia Hama and Aleppo provinces.", ["Latakia", "Hama", "Aleppo"]),
    ("Violations were registered in Latakia, Hama and Aleppo provinces.", ["Latakia", "Hama", "Aleppo"]),
    ("Fighting raged in the countryside of Lattakia, Hama and Idleb.", ["Lattakia", "Hama", "Idleb"]),
])
def test_a_governorate_word_is_each_listed_name_s(pipeline, text, surfaces):
    kinds = {pm.text: pm.place.kind for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert [kinds.get(s) for s in surfaces] == ["governorate"] * len(surfaces)


def test_an_english_noun_of_action_is_no_village_of_the_governorate_after_it(pipeline):
    text = "Shelling in the countryside of Hama killed five people."
    assert "Shelling" not in {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}


def test_a_name_glued_to_a_tweet_s_link_is_read(pipeline):
    text = "Rescuers pulled a girl from the rubble in Sarmin east of Idlibhttpst.co4KdLx9QwPz pic.twitter.com8Hq"
    places = pipeline.parse(Article(id="x", text=text)).places
    assert [(pm.text, text[pm.start:pm.end]) for pm in places] == [("Sarmin", "Sarmin"), ("Idlib", "Idlib")]


@pytest.mark.parametrize("text, surface, admin1", [
    # a bearing before "of" is a place cue ("the President of X" is none)
    ("FSA fighters cleared seven villages east of Marea on Tuesday.", "Marea", "Aleppo"),
    ("The army advanced north-west of Marea.", "Marea", "Aleppo"),
    # so is a move "to" a place
    ("The families fled to Marea last week.", "Marea", "Aleppo"),
    ("Thousands were bussed to al-Hol after the battle.", "Hol", "Al-Hasakeh"),
    # a role after the name makes it a person's, not after a strict place cue
    ("The militants withdrew towards al-Hol a YPG spokesman told Sputnik.", "Hol", "Al-Hasakeh"),
])
def test_a_bearing_or_a_move_before_a_name_is_a_place_cue(pipeline, text, surface, admin1):
    found = {pm.text: pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found.get(surface) == admin1, found


@pytest.mark.parametrize("text", [
    "The minister sent a letter to Marea Hassan.",
    "Abu Omar, a Nusra commander, said the attack failed.",
])
def test_a_bare_to_or_a_role_after_a_name_is_still_no_place(pipeline, text):
    assert not pipeline.parse(Article(id="x", text=text)).places


def test_a_city_standing_for_its_state_is_a_place_too(pipeline):
    # as "Ankara, Moscow and Tehran" in the seeds: Tel Aviv (no capital in the gazetteer) for Israel
    parsed = pipeline.parse(Article(id="x", text="Tel Aviv is worried that Tehran will deploy near the heights."))
    assert {pm.text for pm in parsed.places} == {"Tel Aviv", "Tehran"}
    assert {(a.text, a.actor) for a in parsed.actors} >= {("Tel Aviv", "Israel"), ("Tehran", "Iran")}


@pytest.mark.parametrize("text", ["Clashes raged near Euphrates River on Monday.",
                                  "ISIL strongholds near the villages South of Euphrates River fell."])
def test_a_river_is_no_unresolved_place(pipeline, text):
    assert "Euphrates" not in {u.text for u in pipeline.parse(Article(id="x", text=text)).unresolved}


def test_a_loosely_cued_unknown_name_is_a_similar_name_of_the_passage(pipeline):
    # "in Kabani" (no gazetteer spelling, "in" no strict cue) beside Lattakia's countryside: Kabanah
    text = ("In Lattakia northern countryside army units targeted gatherings of Jabhat al-Nusra "
            "terrorists in Kabani destroying a number of their dens.")
    found = {pm.text: (pm.place.name, pm.place.admin1, pm.method) for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Kabani"] == ("Kabanah", "Lattakia", "fuzzy")


@pytest.mark.parametrize("text", [
    "Army units targeted gatherings of terrorists in Kabani destroying their dens.",  # no place around it
    "The bomb went off in Hassia 40 km (25 miles) south of Homs on a bus.",  # no quarter of Homs
])
def test_a_loosely_cued_unknown_name_alone_is_neither_placed_nor_reported(pipeline, text):
    parsed = pipeline.parse(Article(id="x", text=text))
    assert not {pm.text for pm in parsed.places} & {"Kabani", "Hassia"}
    assert not {u.text for u in parsed.unresolved} & {"Kabani", "Hassia"}


def test_a_street_after_and_makes_no_list(pipeline):
    # city quarters that lost their commas, ending in a street: not villages of a list
    text = "Shells hit Bab al-Faraj al-Midan al-Muhafaza Saif al-Dawleh al-Izaa al-Martini and al-Neel Street."
    assert "Martini" not in {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}


@pytest.mark.parametrize("text, surface, admin1", [
    # a name that needs a cue, after a Syrian village or quarter and "and": the list's next place
    ("Shells hit al-Kalasa and al-Maadi on Monday.", "Maadi", "Aleppo"),
    ("Terrorists targeted al-Furqan and al-Fayed neighborhoods.", "Fayed", "Aleppo"),
])
def test_a_name_listed_after_a_village_is_a_place(pipeline, text, surface, admin1):
    found = {pm.text: pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found.get(surface) == admin1, found


@pytest.mark.parametrize("text, name", [
    ("Additional reporting by Kinda Makieh in Damascus and Tom Miles in Geneva.", "Tom"),  # after a big place
    ("The army took Morek Kafr Zita and Jana al-Ulbawi in Hama countryside.", "Jana"),  # a longer name
])
def test_a_name_after_and_is_not_always_listed(pipeline, text, name):
    assert name not in {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}


def test_in_the_countryside_after_a_name_is_a_place_cue(pipeline):
    text = "In Daraa army units targeted their positions in Atman and Alma in the eastern countryside."
    found = {pm.text: pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found.get("Alma") == "Dar'a", found


def test_in_the_countryside_is_no_cue_for_the_end_of_a_longer_name(pipeline):
    # "Janah al-Salama" (Jinni as Salamah) is not As Sallum, a village of the other side of Aleppo
    text = "Clashes hit the al-Sekkari and al-Merja neighbourhoods and Janah al-Salama in the countryside east of Aleppo."
    assert "Salama" not in {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places}


def test_a_far_village_follows_the_one_governorate_of_its_sentences_villages(pipeline):
    # "Tell Kroûm" is an old name of Lattakia's Ar Rumaylah; among Quneitra's villages it is none of it
    text = ("The army units entered Mashara Umm Batna and al-Hamidiyah and raised the Syrian flag over the "
            "hill of Tal Kroum which overlooks the ceasefire line.")
    found = {pm.text: (pm.place.admin1, pm.method) for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Tal Kroum"] == ("Quneitra", "container")


@pytest.mark.parametrize("text, surface, kind", [
    # a round-up's sections, "In" and a governorate's name opening two sentences or more: the governorates
    ("The army killed dozens of terrorists near Idlib city. In Deir Ezzor the air force struck ISIL "
     "positions near the airport. In Hasaka the army repelled an attack.", "Hasaka", "governorate"),
    # one alone is the place as any other: "In Tartous, two bombers ..." is the city
    ("Two bombs hit Jableh on Monday. In Tartous, two bombers blew themselves up at a bus station.",
     "Tartous", "town"),
])
def test_in_and_a_governorate_opening_sentences_of_a_round_up_are_its_sections(pipeline, text, surface, kind):
    found = {pm.text: pm.place.kind for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found[surface] == kind, found


@pytest.mark.parametrize("text, found", [
    # a place's other name after "known as" is the place; a person's after a role is not
    ("Daesh fighters hoisted their flag over the town also known as Ayn al-Arab.", {"Ayn al-Arab"}),
    ("The town, known as Kobani, fell.", {"Kobani"}),
    ("The commander known as Abu Omar was killed.", set()),
])
def test_a_place_known_as_another_name_is_that_place(pipeline, text, found):
    assert {pm.text for pm in pipeline.parse(Article(id="x", text=text)).places} == found


def test_the_villages_of_the_x_are_in_x(pipeline):
    # "the villages of the Bekaa": the Bekaa holds them (Lebanon's), it is no village of the list
    text = "In Idleb the army advanced. The operation aims to protect the villages of the Bekaa from the attacks."
    found = {pm.text: (pm.place.name, pm.place.kind) for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Bekaa"] == ("Beqaa", "governorate")


def test_a_name_in_a_part_of_the_city_is_its_quarter(pipeline):
    # al-Haidariya "in the east of the city" (Aleppo's Haydariyeh), not the village Al Haydariyah
    text = ("Rebels in Aleppo fought on. Shells hit al-Shaar Sheikh Khodr and al-Haidariya in the east of "
            "the city where rebels have set up positions.")
    found = {pm.text: (pm.place.kind, pm.place.admin1) for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Haidariya"] == ("neighbourhood", "Aleppo")


@pytest.mark.parametrize("text", [
    "The shells were fired from the Idlib de-escalation zone.",
    "Rebels withdrew heavy weapons from the demilitarised zone around Idlib.",
    "The two states agreed to set up a safe zone in Idlib.",
])
def test_a_zone_of_a_name_is_its_governorate(pipeline, text):
    assert [(pm.text, pm.place.kind) for pm in pipeline.parse(Article(id="x", text=text)).places] == [
        ("Idlib", "governorate")]


@pytest.mark.parametrize("text, expected", [
    # "residents of" and "the people of" are place cues, as "the village of" ("أهالي", "سكان" in Arabic)
    ("The people of Safireh and al-Nayrab celebrated the end of the siege.", ["Al-Safira", "An Nayrab"]),
])
def test_the_people_of_a_place(pipeline, text, expected):
    assert [pm.place.name for pm in pipeline.parse(Article(id="x", text=text)).places] == expected


@pytest.mark.parametrize("before, cue", [
    ("Residents of ", True), ("the inhabitants of ", True), ("The people of ", True),
    ("The Syrian people said ", False), ("the president of ", False),
])
def test_the_people_of_is_a_place_cue(before, cue):
    from geo.places import _has_place_cue, _has_place_cue_by_words
    text = before + "Ariha"
    assert _has_place_cue(text, len(before), len(text)) is cue
    assert _has_place_cue_by_words(text, len(before), len(text)) is cue


@pytest.mark.parametrize("text, surface, country", [
    # a neighbour's place where the passage names that country, written as its own name
    ("Dozens of families crossed into Lebanon. The Lebanese army set up checkpoints on the roads leading "
     "to Akkar.", "Akkar", "LB"),
    ("Jordan closed its border crossing at Jaber near Ramtha.", "Jaber", "JO"),
    # not a folded spelling of one, nor over a big Syrian place of the name
    ("Army units killed terrorists in the village of Binan al-Hos near Iraq.", "Hos", None),
    ("Israel seized 1200 square kilometres of the Golan in 1967.", "Golan", "SY"),
])
def test_a_neighbours_place_where_its_country_is_named(pipeline, text, surface, country):
    found = {pm.text: pm.place.country for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found.get(surface) == country


def test_a_village_by_the_city_called_a_neighbourhood_is_the_citys_neighbourhood(pipeline):
    # Jubaylah is a village beside Deir ez-Zor; "the al-Jubeila and al-Hweiqa neighborhoods" of the
    # city are its quarters (al-Jubeila has a row)
    text = "In Deir Ezzor city the army units advanced in the al-Jubeila and al-Hweiqa neighborhoods."
    found = {pm.text: (pm.place.kind, pm.place.admin1) for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Jubeila"] == ("neighbourhood", "Deir-ez-Zor")


def test_a_role_word_ending_the_place_before_makes_no_person():
    # "Imam" of "Tayyibat al-Imam" is the place's word, not a cleric's title for "Halfaya"
    from geo.pipeline import Pipeline
    text = "Warplanes carried out strikes on Tayyibat al-Imam Halfaya and Lataminah."
    names = [pm.place.name for pm in Pipeline.default().parse(Article(id="x", text=text)).places]
    assert names == ["Taybat al-Imam", "Halfaya", "Al Lataminah"]


@pytest.mark.parametrize("text, expected", [
    # evacuees sent away under a deal go to a province: the governorate, the second of a list too
    ("About 300 fighters would be bussed to Idlib in the northwest.", [("Idlib", "governorate")]),
    ("Fighters will be taken with their families to Jarablus and Idlib.",
     [("Jarablus", "town"), ("Idlib", "governorate")]),
    ("The notables negotiate with the terrorists their departure to Idleb.", [("Idleb", "governorate")]),
    # not a hospital or an airport of the city, nor a move that is no evacuation
    ("The wounded were taken to Damascus hospital.", [("Damascus", "town")]),
    ("The minister flew to Damascus.", [("Damascus", "town")]),
])
def test_evacuees_go_to_a_province(pipeline, text, expected):
    assert [(pm.text, pm.place.kind) for pm in pipeline.parse(Article(id="x", text=text)).places] == expected


def test_a_plural_quarter_word_after_a_name_is_its_cue(pipeline):
    # "the nearby al-Hariqa and Bab Srija districts": Damascus's Bab Sreijeh (a gate's name, taken with a cue)
    text = "A car bomb in Damascus shattered windows in the nearby al-Hariqa and Bab Srija districts."
    found = {pm.text: (pm.place.name, pm.place.admin1) for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Bab Srija"] == ("Bab Sreijeh", "Damascus")


def test_no_two_place_mentions_overlap(pipeline):
    # every rule that adds a mention (a list, a cue, a name the gazetteer lacks) must leave the others'
    # spans alone: an overlap would put one name on the map twice. Read over the 554 unseen articles
    # and the dev corpus (where "Khatt" of "Shamal al-Khatt neighborhoods" was once placed twice).
    from geo.articles import read_paths
    root = Path(__file__).parent / "fixtures"
    articles = [Article(id=path.name, text=path.read_text(encoding="utf-8"))
                for path in sorted(root.glob("unseen_articles*/[0-9][0-9].txt"))]
    articles += [a for a in read_paths([Path(__file__).parent.parent / "data/corpus/fakes_dev.csv"])
                 if isinstance(a, Article)]
    assert len(articles) == 554 + 381
    for article in articles:
        spans = sorted((pm.start, pm.end) for pm in pipeline.parse(article).places)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), (article.id, spans)


@pytest.mark.parametrize("text", [
    "Engineering units continue to dismantle the devices. Haifa Said / Mazen Eyon",  # SANA's byline
    "Witnesses saw army vehicles along the Sajur river north of the town.",  # a river
    "The regime controls the airport where the Tayy tribe fights alongside the army.",  # a tribe
    "The army squeezed the terrorists into a small pocket Al-Alam reported.",  # an outlet that reports
])
def test_bylines_rivers_tribes_and_outlets_are_no_places(pipeline, text):
    parsed = pipeline.parse(Article(id="x", text=text))
    assert not {pm.text for pm in parsed.places} & {"Haifa", "Sajur", "Tayy", "Alam"}


def test_a_place_before_a_slash_in_running_text_is_still_one(pipeline):
    assert {pm.text for pm in pipeline.parse(Article(id="x", text="The delegation flew to Haifa / Israel.")).places} \
        == {"Haifa", "Israel"}


def test_a_refugee_camp_or_military_airport_after_a_name_is_its_cue(pipeline):
    text = "Thousands of Iraqis reached the al-Hol refugee camp in Hasakeh province."
    assert ("Hol", "Al-Hasakeh") in {(pm.text, pm.place.admin1) for pm in pipeline.parse(Article(id="x", text=text)).places}


@pytest.mark.parametrize("text", [
    "Shells fell on the Yarmouk Palestinian refugee camp overnight.",
    "Troops reached the edges of the Yarmouk Palestinian camp on Monday.",
])
def test_a_demonym_between_a_name_and_its_camp_word_leaves_the_cue(pipeline, text):
    # the people's adjective between the name and "camp" is no second name beside it (a person's
    # "Yarmouk Palestinian"): the camp is found, and is the camp; the demonym is no unknown place
    parsed = pipeline.parse(Article(id="x", text=text))
    assert [(pm.text, pm.place.name, pm.place.admin1) for pm in parsed.places] == [("Yarmouk", "Yarmouk camp", "Damascus")]
    assert not [s for s in parsed.unresolved if s.text == "Palestinian"]


@pytest.mark.parametrize("text, expected", [
    ("Trucks lined up at the Albukamal-Qaim border crossing between Syria and Iraq on Monday.",
     [("Albukamal", "Abu Kamal", "SY"), ("Qaim", "Al Qa'im", "IQ")]),
    ("Rebels cut the Khanasser-Ithriya road on Sunday.",
     [("Khanasser", "Khanasir", "SY"), ("Ithriya", "Athriya", "SY")]),
])
def test_two_places_joined_by_a_dash_before_a_way_are_its_ends(pipeline, text, expected):
    # a way's two ends ("X-Y border crossing", "X-Y road") are places, though two names side by side,
    # neither a big place, read as a person's name
    found = [(pm.text, pm.place.name, pm.place.country) for pm in pipeline.parse(Article(id="x", text=text)).places]
    assert found[:2] == expected


def test_a_crossing_after_a_name_is_the_crossing_or_base_not_a_village_abroad(pipeline):
    # "the al-Tanf crossing" is the garrison at the crossing (a row of kind other), not Anbar's
    # village Tanf, though Anbar and Qaim are named
    text = ("Trade through the Albukamal-Qaim border crossing resumed on Monday, officials in Deir Ezzor and "
            "Anbar said, while US forces still hold the al-Tanf crossing.")
    found = {pm.text: (pm.place.name, pm.place.admin1) for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Tanf"] == ("al-Tanf", "Homs")


def test_a_village_listed_after_two_of_one_governorate_is_its_namesake_there(pipeline):
    # three Qalamoun towns of Rural Damascus; Jarablus later in the sentence had pulled al-Nasiriyah to Aleppo
    text = ("Fighters in al-Ruhaybah Jayroud and al-Nasiriyah will be taken with their families to Jarablus "
            "and Idlib the Syrian Observatory for Human Rights said.")
    found = {pm.text: pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found["Nasiriyah"] == "Rural Damascus"


@pytest.mark.parametrize("text, surface, admin1", [
    ("In Deir Ezzor the air force struck ISIL positions around the airport. The army also repelled an "
     "attack on al-Jafra east of the city.", "Jafra", "Deir-ez-Zor"),
    # far from the city named last, and no namesake near it: left as read
    ("Shells hit Aleppo. In Hama countryside the army took Kafr Zita north of the city.", "Kafr Zita", "Hama"),
])
def test_a_village_east_of_the_city_is_by_the_city_at_hand(pipeline, text, surface, admin1):
    found = {pm.text: pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places}
    assert found[surface] == admin1, found


def test_in_opens_no_name_inside_a_glued_headline(pipeline):
    # a Manar sub-headline glued to the text: "In Deir" would fold as a village "Ayn Dir"
    text = "Army Kills ISIL Terrorists in al-Sinaa In Deir Ezzor city army units killed a number of ISIL terrorists."
    assert [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places] == ["Sinaa", "Deir Ezzor"]


def test_a_lists_last_place_before_said_is_no_speaker_with_its_article(pipeline):
    text = "The residents of Mhardeh and al-Suqaylabiyah said they heard the sound of heavy clashes."
    assert [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places] == ["Mhardeh", "Suqaylabiyah"]


@pytest.mark.parametrize("text, places", [
    # a group's name holds no place: no pin in Iraq for ISIL
    ("Fighters of the Islamic State of Iraq and the Levant seized Tabqa.", ["Tabqa"]),
    ("The so-called Democratic Syria Troops took the village.", []),
    # a state opening an actor's mention is a place too (the seeds' "Iran-backed militia groups"),
    # and so is a state by its formal name
    ("Iran-backed militia groups withdrew from Tabqa.", ["Iran", "Tabqa"]),
    ("The Kingdom of Saudi Arabia warned on Monday.", ["Saudi Arabia"]),
])
def test_a_state_inside_a_groups_name_is_no_place(pipeline, text, places):
    assert [pm.text for pm in pipeline.parse(Article(id="x", text=text)).places] == places


_FOOTER_PIECES = ["Tags", "tags", "TAGS", "Tagsx", "xTags", "Follow us on", "follow US ON", "Subscribe to our",
                  "ſubscribe to our", "Comment via Faceboo\u212a", "COMMUNITY STANDARDS", "FOLLOW TRTWORLD", "Follow",
                  "us", "on", "é", "_", "1", "Related", "\u0130", "\u0131", "subscr\u0131be to our", "\u212aTags",
                  "Tags\u00e9", "\u00c9", "COMMUN\u0130TY STANDARDS", "hashtags"]
_FOOTER_SEPS = [" ", "  ", "\n", ".", "-", ""]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FOOTER_PIECES + _FOOTER_SEPS), max_size=20), st.integers(0, 30))
@example(["xTags", "Tags"], 1)
@example(["Syria", " ", "Tags"], 0)
def test_has_footer_answers_as_the_footer_regex(pieces, start) -> None:
    """_has_footer, which searches the footer regex from the first of its phrases on, finds one where
    the regex does; its phrases are the regex's, lower-cased."""
    from geo.pipeline import _FOOTER, _FOOTER_PHRASES, _has_footer

    assert _FOOTER_PHRASES == tuple(p.replace(r"\b", "").lower() for p in _FOOTER.pattern.split("|"))
    text = "".join(pieces)
    start = min(start, len(text))
    assert _has_footer(text, start) == (_FOOTER.search(text, start) is not None)


def test_lower_casing_reads_the_footer_phrases_as_their_ignorecase_regex_does() -> None:
    """_has_footer reads a text lower-cased where no "\u0130", "\u0131" or "\u017f" is in it: then every
    character keeps its offset, and one matches a letter of the phrases under IGNORECASE if and only
    if it lower-cases to it (over every code point)."""
    import re
    import sys

    from geo.pipeline import _FOOTER_PHRASES

    letters = sorted(set("".join(_FOOTER_PHRASES)))
    any_letter = re.compile("[" + re.escape("".join(letters)) + "]", re.IGNORECASE)
    for char in map(chr, range(sys.maxunicode + 1)):
        if char in "\u0130\u0131\u017f":
            continue
        low = char.lower()
        assert len(low) == 1
        assert (any_letter.fullmatch(char) is not None) == (low in letters), hex(ord(char))
        if low in letters:
            assert re.fullmatch(re.escape(low), char, re.IGNORECASE)


# --- the date an article is read as of (the lexicon's dated phrases) -------------------------

GENERAL_SECURITY = "The General Security said it had sent reinforcements to Fahel."


@pytest.mark.parametrize("text, date, read_as", [
    (GENERAL_SECURITY, dt.date(2025, 2, 1), dt.date(2025, 2, 1)),  # its own date first
    ("Date of publication 1 February 2025 " + GENERAL_SECURITY, dt.date(2016, 3, 1), dt.date(2016, 3, 1)),
    ("Date of publication 1 February 2025 " + GENERAL_SECURITY, None, dt.date(2025, 2, 1)),  # its dateline
    ("Gunmen loyal to the former regime attacked. " + GENERAL_SECURITY, None, dt.date(2024, 12, 8)),  # its era
    (GENERAL_SECURITY, None, None),
])
def test_an_article_is_read_as_of_its_date_its_datelines_or_its_eras(pipeline, text, date, read_as):
    article = Article(id="a", text=text, date=date)
    assert pipeline.date_of(article) == read_as
    actors = [(m.text, m.actor) for m in pipeline.parse(article).actors]
    assert (("General Security", "Syrian government") in actors) == (read_as is not None and read_as.year >= 2025
                                                                      or read_as == dt.date(2024, 12, 8))


def test_a_headline_is_read_as_of_its_articles_date(pipeline):
    article = Article(id="a", title="General Security deploys in Sheikh Maqsoud",
                      text="Units deployed at the entrances of the neighbourhood in Aleppo.", date=dt.date(2025, 4, 4))
    assert pipeline.parse(article).actors == ()  # the title's actors are not the body's mentions
    assert pipeline.lexicon.at(pipeline.date_of(article)) is pipeline.lexicon.at(dt.date(2025, 4, 4))


_DATE_BITS = st.sampled_from(["14", "1", "31", "2012", "2025", "1999", "142016", "-", ".", ",", " ", "  ", "\n",
                              "th", "Sept", "september", "Oct", "MAY", "04", "10", "2024-12-08", "Published ",
                              "x", "20", "19", "Aleppo SANA- "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_BITS, max_size=60))
@example(["Last updated at ", "Oct", " ", "142016", " DAMASCUS"])
@example(["Sun", " ", "29", " ", "Apr", "        ", "2018"])
def test_opening_date_reads_as_its_spec_tried_everywhere(bits):
    # the fast path tries the regex only around a year; the spec, at every position of the opening
    from geo.pipeline import _opening_date_everywhere, opening_date
    text = "".join(bits)
    assert opening_date(text) == _opening_date_everywhere(text)
    assert opening_date("x" * 380 + text) == _opening_date_everywhere("x" * 380 + text)  # across the reach


@pytest.mark.parametrize("text", [
    "Last updated at Oct 142016 DAMASCUS Hundreds of rebels left two towns.",
    "14th September, 2012 - Shells hit Hama.",
    "Mon Oct 16 2017 BEIRUT - Shells hit Hama.",
    "Published 2025-04-04 10:00 Shells hit Hama.",
])
def test_opening_date_reads_the_datelines_of_the_fixtures(text):
    from geo.pipeline import opening_date
    assert opening_date(text) is not None
