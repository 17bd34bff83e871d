"""Plain-JSON forms of the pipeline's results (``python -m geo parse --json``).

One function per shape, so the CLI, the dashboard's downloads and the tests
agree on the contract.

>>> from geo.model import Article, ParsedArticle, Span
>>> parsed_to_json(ParsedArticle(Article("a1", "Near Zerzur.", path="x.txt"), unresolved=(Span("Zerzur", 5, 11),)))
{'path': 'x.txt', 'title': None, 'text': 'Near Zerzur.', 'places': [], 'actors': [], 'unresolved': [{'text': 'Zerzur', 'start': 5, 'end': 11}]}
"""

from __future__ import annotations

from typing import Any

from geo.model import ActorMention, ParsedArticle, PlaceMention, Span

#: The keys of each object of ``parse --json``, in order (the contract tests check them).
ARTICLE_KEYS = ("path", "title", "text", "places", "actors", "unresolved")
PLACE_KEYS = ("text", "start", "end", "name", "lat", "lon", "kind", "country", "admin1", "gazetteer_id", "confidence")
ACTOR_KEYS = ("text", "start", "end", "actor", "category")
SPAN_KEYS = ("text", "start", "end")


def parsed_to_json(parsed: ParsedArticle) -> dict[str, Any]:
    """The JSON object of one parsed article; offsets are code points into ``text``.

    ``path`` is where the article came from (``Article.path``, else its id),
    ``gazetteer_id`` the place id (``wof:…``, ``gn:…``, ``region:…``).
    """
    article = parsed.article
    return {
        "path": article.path if article.path is not None else article.id,
        "title": article.title,
        "text": article.text,
        "places": [place_to_json(m) for m in parsed.places],
        "actors": [actor_to_json(m) for m in parsed.actors],
        "unresolved": [span_to_json(s) for s in parsed.unresolved],
    }


def place_to_json(m: PlaceMention) -> dict[str, Any]:
    """One resolved place mention."""
    p = m.place
    return {
        "text": m.text, "start": m.start, "end": m.end, "name": p.name, "lat": p.lat, "lon": p.lon,
        "kind": p.kind, "country": p.country, "admin1": p.admin1, "gazetteer_id": p.id,
        "confidence": m.confidence,
    }


def actor_to_json(m: ActorMention) -> dict[str, Any]:
    """One actor mention (a coreferring phrase gives one object per actor)."""
    return {"text": m.text, "start": m.start, "end": m.end, "actor": m.actor, "category": m.category}


def span_to_json(s: Span) -> dict[str, Any]:
    """One unresolved name."""
    return {"text": s.text, "start": s.start, "end": s.end}
