"""Measuring the pipeline against hand-made answers and the FA-KES labels.

Used by ``scripts/evaluate.py`` and the end-to-end tests, so the figures in
the README and the tests come from one piece of code.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from geopy.distance import great_circle

from .model import ParsedArticle, PlaceMention

#: OCHA governorate (Place.admin1) -> the FA-KES ``location`` label.
FAKES_LABELS = {
    "Aleppo": "aleppo", "Damascus": "damascus", "Rural Damascus": "damascus",
    "Idleb": "idlib", "Deir-ez-Zor": "deir ezzor", "Ar-Raqqa": "raqqa",
    "Al-Hasakeh": "hasakeh", "Homs": "homs", "Hama": "hama", "Lattakia": "lattakia",
    "Dar'a": "daraa", "Quneitra": "quneitra", "Tartous": "tartus", "As-Sweida": "sweida",
}


@dataclass
class SeedScore:
    """How one article's places and actors compare with its expected answers."""

    toponyms: int = 0
    found: int = 0
    correct: int = 0
    actors: int = 0
    actors_found: int = 0
    coref_actors: int = 0
    coref_found: int = 0
    problems: list[str] = field(default_factory=list)


def load_expected(path: Path) -> list[dict]:
    """The expected answers, one JSON object per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def toponym_correct(expected: dict, got: PlaceMention, max_km: float = 10.0) -> bool:
    """Right if within ``max_km`` of the truth; a province must be its governorate, a country that country."""
    place = got.place
    if expected["kind"] == "country":
        return place.kind == "country" and place.country == expected["country"]
    if expected["kind"] == "governorate":
        wof = expected.get("wof_id")
        return place.kind == "governorate" and (wof is None or place.wof_id == wof)
    km = great_circle((expected["lat"], expected["lon"]), (place.lat, place.lon)).km
    return km <= max_km


def score_seed(expected: dict, parsed: ParsedArticle) -> SeedScore:
    """Compare a parsed seed article with its expected toponyms and actor mentions."""
    score = SeedScore()
    by_span = {(pm.start, pm.end): pm for pm in parsed.places}
    for topo in expected["toponyms"]:
        score.toponyms += 1
        got = by_span.get((topo["start"], topo["end"]))
        if got is None:
            score.problems.append(f"missed {topo['surface']!r} at {topo['start']}")
            continue
        score.found += 1
        if toponym_correct(topo, got):
            score.correct += 1
        else:
            score.problems.append(
                f"{topo['surface']!r} at {topo['start']}: got {got.place.name} ({got.place.id}, "
                f"{got.place.lat:.3f},{got.place.lon:.3f}), expected {topo['name']}")
    actors = {(a.start, a.end, a.actor) for a in parsed.actors}
    for exp in expected["actors"]:
        hit = (exp["start"], exp["end"], exp["canonical"]) in actors
        if exp["coref"]:
            score.coref_actors += 1
            score.coref_found += hit
        else:
            score.actors += 1
            score.actors_found += hit
        if not hit:
            score.problems.append(f"actor {exp['surface']!r} at {exp['start']} -> {exp['canonical']} not found")
    return score


def dominant_governorate(parsed: ParsedArticle) -> str | None:
    """The governorate (OCHA English name) holding most of the article's Syrian place mentions."""
    votes = Counter(pm.place.admin1 for pm in parsed.places
                    if pm.place.country == "SY" and pm.place.kind != "country" and pm.place.admin1)
    if not votes:
        return None
    # Counter keeps first-seen order, so a tie goes to the governorate named first
    return max(votes, key=lambda a: votes[a])


@dataclass
class CorpusScore:
    """Agreement of the dominant governorate with the FA-KES ``location`` label."""

    articles: int = 0
    agree: int = 0
    no_place: int = 0
    confusion: Counter = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.agree / self.articles if self.articles else 0.0


def score_corpus(pairs: Iterable[tuple[ParsedArticle, str]]) -> CorpusScore:
    """Score (parsed article, FA-KES label) pairs."""
    score = CorpusScore()
    for parsed, label in pairs:
        score.articles += 1
        gov = dominant_governorate(parsed)
        predicted = FAKES_LABELS.get(gov or "", None)
        if gov is None:
            score.no_place += 1
        if predicted == label.strip().lower():
            score.agree += 1
        else:
            score.confusion[(label, predicted)] += 1
    return score
