"""Command line: ``python -m geo ingest|stats|parse|lookup|reparse|check``.

Exit codes: 0 success; 1 some input failed, nothing found, or the store is
unsound; 2 usage errors (bad arguments or options). Results go to stdout,
progress, errors and warnings to stderr, one line each.

    python -m geo ingest data/seeds data/corpus/fakes_dev.csv
    python -m geo stats --json
    python -m geo parse data/seeds --json
    python -m geo lookup Saraqeb --limit 5
    python -m geo reparse          # after an upgrade: the stored articles read by this engine
    python -m geo check
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from geo import config
from geo.errors import ArticleError, GeoError
from geo.export import parsed_to_json
from geo.model import Article, ParsedArticle

if TYPE_CHECKING:  # imported lazily: loading the pipeline or tqdm is work, not needed for --help
    from geo.ingest import IngestReport, Progress
    from geo.pipeline import Pipeline

logger = logging.getLogger(__name__)

#: Exceptions a parser bug on one odd article may raise; the batch goes on without it.
PARSE_ERRORS = (GeoError, ValueError, IndexError, KeyError, TypeError, RecursionError)


class UsageError(Exception):
    """Bad arguments: reported on stderr with exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and on usage errors (2)
        return int(exc.code or 0)
    _safe_output(utf8=getattr(args, "json", False))
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, handlers=[handler])
    if not args.verbose:
        # trafilatura logs its own ERROR lines for a page we then report in one line of ours,
        # geopy's rate limiter a traceback for each failed try of a geocoder we report too
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("geopy").setLevel(logging.CRITICAL)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"{parser.prog} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except GeoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _safe_output(*, utf8: bool) -> None:
    """Never fail on a character the terminal's encoding lacks (an Arabic place name on
    a latin-1 console); JSON output is always UTF-8, as RFC 8259 requires of JSON text."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    if utf8 and isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", errors="strict")


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m geo", description="Offline map of places and actors in news.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    # -v also after the command (python -m geo ingest -v ...); SUPPRESS keeps a -v given before it
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                         help="log progress details to stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", parents=[verbose], help="read, parse and store articles (files or folders)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="txt/md/html/csv/jsonl files or folders")
    _add_db(ingest)
    _add_read_options(ingest)
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")
    ingest.add_argument("--top-unresolved", type=_positive, default=10, metavar="N",
                        help="how many frequent unresolved names to list (default 10)")
    ingest.set_defaults(run=run_ingest)

    stats = commands.add_parser("stats", parents=[verbose], help="counts of the store")
    _add_db(stats)
    stats.add_argument("--json", action="store_true", help="one JSON object")
    stats.set_defaults(run=run_stats)

    parse = commands.add_parser("parse", parents=[verbose], help="parse articles and print what was found (store untouched)")
    parse.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parse.add_argument("--json", action="store_true", help="one JSON object per article (JSON Lines)")
    _add_read_options(parse)
    parse.set_defaults(run=run_parse)

    lookup = commands.add_parser("lookup", parents=[verbose], help="the gazetteer's ranked candidates for a name")
    lookup.add_argument("name", help="a place name in any spelling (Saraqeb, Saraqib, سراقب)")
    lookup.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N candidates (default 10)")
    lookup.add_argument("--country", metavar="CC", help="only places in this ISO country code (SY, TR, ...)")
    lookup.add_argument("--json", action="store_true", help="one JSON object per candidate")
    lookup.set_defaults(run=run_lookup)

    reparse = commands.add_parser("reparse", parents=[verbose],
                                  help="read the stored articles again with this engine (after an upgrade)")
    _add_db(reparse)
    reparse.add_argument("--all", action="store_true",
                         help="every article, also those this engine read already (skipped by default)")
    reparse.add_argument("--no-progress", action="store_true", help="no progress bar")
    reparse.set_defaults(run=run_reparse)

    check = commands.add_parser("check", parents=[verbose], help="check the store's integrity; exit 0 only when sound")
    _add_db(check)
    check.set_defaults(run=run_check)
    return parser


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help=f"the SQLite store (default: $GEO_DB or {config.default_db()})")


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("corpus columns (CSV headers / JSON keys, case-insensitive; default: auto)")
    for role in ("text", "title", "source", "date", "url"):
        group.add_argument(f"--{role}-column", type=_column_name, metavar="NAME")
    group.add_argument("--date-format", type=_date_format, metavar="FMT",
                       help="strptime format of the date column, e.g. %%m/%%d/%%y")


def _column_name(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("must name a column, got an empty name")
    return value


def _date_format(value: str) -> str:
    if "%" not in value:
        raise argparse.ArgumentTypeError(f"not a strptime format (no % directive, as in %m/%d/%y): {value!r}")
    try:
        dt.datetime.strptime("", value)
    except ValueError as exc:
        if "directive" in str(exc):  # "'Q' is a bad directive in format '%Q'" (else: "" did not match, fine)
            raise argparse.ArgumentTypeError(f"not a strptime format: {exc}") from exc
    return value


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from exc
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {value!r}")
    return number


def _read_options(args: argparse.Namespace) -> Any:
    """``ReadOptions`` from the column options (UsageError when invalid)."""
    from geo.articles import ReadOptions

    try:
        return ReadOptions(text_column=args.text_column, title_column=args.title_column,
                           source_column=args.source_column, date_column=args.date_column,
                           url_column=args.url_column, date_format=args.date_format)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def _read(args: argparse.Namespace) -> Iterator[Article | ArticleError]:
    from geo.articles import read_paths

    return read_paths([str(p) for p in args.paths], _read_options(args))


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline on the shipped data, built on first use (about a second) and kept."""
    from geo.pipeline import Pipeline

    return Pipeline.default()


def _open_store(path: Path | None, *, must_exist: bool) -> Any:
    """The store at ``path`` (default path when None); GeoError if ``must_exist`` and it does not."""
    from geo.errors import StoreError
    from geo.store import Store

    target = path or config.default_db()
    if must_exist and not Path(target).exists():
        raise StoreError(f"no store at {target} (create it with: python -m geo ingest PATHS)")
    return Store(target)


# --------------------------------------------------------------------------- ingest


class _BatchTally:
    """Parses lazily and remembers what the articles actually added contained.

    Wraps the pipeline for :func:`geo.ingest.ingest_articles`: the pipeline is
    only loaded when some article is new, and the progress callback credits
    the last parsed article when the report's ``added`` count goes up.
    """

    def __init__(self) -> None:
        self.last: ParsedArticle | None = None
        self.added = 0
        self.places: set[str] = set()
        self.unresolved: Counter[str] = Counter()

    def parse(self, article: Article) -> ParsedArticle:
        self.last = None
        self.last = default_pipeline().parse(article)
        return self.last

    def update(self, progress: Progress) -> None:
        if progress.added > self.added and self.last is not None:
            self.places.update(m.place.id for m in self.last.places)
            self.unresolved.update(s.text for s in self.last.unresolved)
        self.added = progress.added


def run_ingest(args: argparse.Namespace) -> int:
    """``ingest``: read, parse and save; summary on stdout, failures on stderr."""
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    from geo.ingest import ingest_articles

    items = _read(args)
    tally = _BatchTally()
    # warnings (an unparseable date, ...) are written above the bar, not into its line
    with _open_store(args.db, must_exist=False) as store, logging_redirect_tqdm(), tqdm(
        desc="ingest", unit=" articles", file=sys.stderr, disable=True if args.no_progress else None,
        dynamic_ncols=True,
    ) as bar:
        def progress(p: Progress) -> None:
            tally.update(p)
            bar.update(1)
            bar.set_postfix(added=p.added, present=p.skipped, failed=p.errors, refresh=False)

        report = ingest_articles(items, store, tally, progress)
        totals = store.stats()
        db_path = store.path
    _print_ingest_summary(report, tally, totals, db_path, args.top_unresolved)
    return 1 if report.errors else 0


def _print_ingest_summary(report: IngestReport, tally: _BatchTally, totals: dict[str, int], db: str,
                          top: int, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    for line in report.errors:
        print(f"failed: {_one_line(line)}", file=sys.stderr)
    from geo.ingest import older_versions
    replaced = f" (replacing {older_versions(report.replaced)})" if report.replaced else ""
    print(f"{report.added} added{replaced}, {report.skipped} already present, {len(report.errors)} failed "
          f"({report.seconds:.1f} s)", file=out)
    print(f"found {report.place_mentions} place mentions of {len(tally.places)} places, "
          f"{report.actor_mentions} actor mentions", file=out)
    if tally.unresolved:
        names = ", ".join(f"{_one_line(name)} ({n})" for name, n in tally.unresolved.most_common(top))
        print(f"most frequent unresolved names: {names}", file=out)
    print(f"store {db}: {_counts_text(totals)}", file=out)


def _counts_text(counts: dict[str, int]) -> str:
    """The store's counts in a line: "2 articles, 46 place mentions, ..."."""
    return ", ".join(f"{n} {key.replace('_', ' ')}" for key, n in counts.items())


#: C0 and C1 control characters but tab and newline: ESC in a file name or an article's
#: title would drive the terminal (colours, cursor moves, its window title)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """``text`` with every control character but tab and newline shown as "?" (as
    :func:`geo.ingest.upload_name` shows them in an upload's name).

    >>> _printable("a\x1b[31m.txt")
    'a?[31m.txt'
    """
    return _CONTROL.sub("?", str(text))


def _one_line(text: str) -> str:
    """``text`` on one printable line: runs of whitespace as one space, controls as "?"."""
    return _printable(" ".join(str(text).split()))


class _PrintableFormatter(logging.Formatter):
    """Log records as printable text (a warning names a file; a traceback keeps its lines)."""

    def format(self, record: logging.LogRecord) -> str:
        return _printable(super().format(record))


# --------------------------------------------------------------------------- reparse


def run_reparse(args: argparse.Namespace) -> int:
    """``reparse``: the stored articles another engine read (``--all``: every one) parsed
    again by this engine, and their annotations replaced where they changed (see
    :func:`geo.ingest.reparse_store`). Failures are reported and leave their article as it was."""
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    from geo.ingest import reparse_store

    with _open_store(args.db, must_exist=True) as store:
        pipeline = default_pipeline()
        with logging_redirect_tqdm(), tqdm(desc="reparse", unit=" articles", file=sys.stderr,
                                           disable=True if args.no_progress else None, dynamic_ncols=True) as bar:
            def progress(p: Progress) -> None:
                bar.total = p.total
                bar.update(1)
                bar.set_postfix(changed=p.added, failed=p.errors, refresh=False)

            report = reparse_store(store, pipeline, progress, engine=pipeline.engine, every=args.all)
        totals = store.stats()
        path = store.path
    for line in report.errors:
        print(f"failed: {_one_line(line)}", file=sys.stderr)
    print(f"{report.summary()} ({pipeline.engine}; {report.seconds:.1f} s)")
    print(f"store {path}: {_counts_text(totals)}")
    return 1 if report.errors else 0


# --------------------------------------------------------------------------- stats, check


def run_stats(args: argparse.Namespace) -> int:
    """``stats``: the store's counts (``--json``: exactly one JSON object)."""
    from geo.pipeline import engine_id  # (this engine's id, without loading the pipeline)

    with _open_store(args.db, must_exist=True) as store:
        counts = store.stats()
        path = store.path
        older = None if args.json else store.count_read_by_others(engine_id())
    if args.json:
        print(json.dumps(counts))
    else:
        print(f"store {path}")
        for key, n in counts.items():
            print(f"  {key.replace('_', ' '):15s} {n:>10,}")
        if older:
            print(f"{older:,} of the articles were read by another version of the engine: "
                  "python -m geo reparse reads them again")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """``check``: run the store's integrity check; 0 only when sound."""
    with _open_store(args.db, must_exist=True) as store:
        problems = store.check()
        counts = store.stats() if not problems else {}
        path = store.path
    if problems:
        for problem in problems:
            print(_one_line(problem))
        print(f"store {path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        return 1
    print(f"store {path} is sound: {_counts_text(counts)}")
    return 0


# --------------------------------------------------------------------------- parse


def run_parse(args: argparse.Namespace) -> int:
    """``parse``: print what the pipeline finds in each article; the store is not touched."""
    failed = 0
    for parsed in _parse_all(_read(args)):
        if isinstance(parsed, str):
            failed += 1
            print(parsed, file=sys.stderr)
        elif args.json:
            print(json.dumps(parsed_to_json(parsed), ensure_ascii=False))
        else:
            _print_parsed(parsed)
    return 1 if failed else 0


def _parse_all(items: Iterable[Article | ArticleError]) -> Iterator[ParsedArticle | str]:
    """Each article parsed, or a one-line error message for what could not be read or parsed."""
    for item in items:
        if isinstance(item, ArticleError):
            yield _one_line(str(item))
            continue
        try:
            yield default_pipeline().parse(item)
        except PARSE_ERRORS as exc:
            logger.debug("parse failed", exc_info=True)
            yield _one_line(f"{item.path or item.id}: could not be parsed ({type(exc).__name__}: {exc})")


def _print_parsed(parsed: ParsedArticle) -> None:
    article = parsed.article
    print(_one_line(f"{article.path or article.id}") + (f"  {_one_line(article.title)}" if article.title else ""))
    for m in parsed.places:
        p = m.place
        print(f"  place  {m.start:>6}-{m.end:<6} {m.text!r} -> {p.name} ({p.kind}, {p.admin1 or p.country or '?'}) "
              f"{p.lat:.4f},{p.lon:.4f} {p.id} conf {m.confidence:.2f}")
    for a in parsed.actors:
        print(f"  actor  {a.start:>6}-{a.end:<6} {a.text!r} -> {a.actor} [{a.category}]" + (" (coref)" if a.coref else ""))
    for s in parsed.unresolved:
        print(f"  ?      {s.start:>6}-{s.end:<6} {s.text!r}")


# --------------------------------------------------------------------------- lookup


def run_lookup(args: argparse.Namespace) -> int:
    """``lookup``: the gazetteer's candidates for a name, best first; 1 when none."""
    from geopy.exc import GeocoderQueryError, GeocoderServiceError, GeopyError

    from geo import geocoder as geocoders

    # GEO_GEOCODER=nominatim swaps in geopy's Nominatim (network) behind the same call;
    # unset or empty means the offline gazetteer, as for the other GEO_* variables
    setting = os.environ.get("GEO_GEOCODER") or "offline"
    choice = setting.strip().lower()
    try:
        geocoder = geocoders.make_geocoder(choice)
    except ValueError as exc:
        raise UsageError(f"GEO_GEOCODER={setting!r}: {exc}") from exc
    try:
        found = geocoder.geocode(args.name, exactly_one=False, limit=args.limit,
                                 country_codes=args.country)
    except GeocoderQueryError as exc:  # a bad query (an empty name): a usage error, whichever geocoder
        raise UsageError(str(exc)) from exc
    except GeocoderServiceError as exc:  # down, unreachable, timed out, over quota: not a usage error
        print(f"error: geocoder {choice} failed: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except (GeopyError, ValueError) as exc:
        raise UsageError(str(exc)) from exc
    if not found:
        where = "in the gazetteer" if choice == "offline" else f"by {choice}"
        name = args.name if len(args.name) <= 80 else args.name[:77] + "..."  # (one readable line)
        print(f"no place named {name!r} found {where}", file=sys.stderr)
        return 1
    for rank, location in enumerate(found, 1):
        raw = location.raw
        if args.json:
            print(json.dumps({"rank": rank, "address": location.address, **raw}, ensure_ascii=False))
        elif "kind" not in raw:  # another geocoder's record (Nominatim's): its address and point
            print(f"{rank:>2}. {location.address} {location.latitude:.4f},{location.longitude:.4f}")
        else:
            print(f"{rank:>2}. {raw['name']} ({raw['kind']}, {raw.get('admin1') or raw.get('country') or '?'}) "
                  f"{raw['lat']:.4f},{raw['lon']:.4f} {raw['id']} [{raw.get('match', '')}]  {location.address}")
    return 0
