"""What a store can be asked: every read of the CLI, the web app, the notebook and ingest, as methods.

Each method takes a read-only connection (from the pool, when the store has one) for its own duration
and hands back frozen rows; the SQL is in the per-area modules (``queries``, ``gender``, ``families``,
``diversity``, ``checking``, ``export``, ``resolved``), which only this package imports. Streams
(``quote_records``, ``gold_documents``) hold their connection while they are consumed.
The modules are imported in the methods, so a command that reads one area never loads another's
libraries (datasketch for families, pyarrow for exports).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saidwhat.store.connection import Connections

if TYPE_CHECKING:
    from saidwhat.store.checking import CheckItem
    from saidwhat.store.corrections import Correction
    from saidwhat.store.diversity import DiversityReport
    from saidwhat.store.families import Family, FamilyLink
    from saidwhat.store.gender import GenderDetail
    from saidwhat.store.queries import (
        ArticleDetail,
        ArticleRow,
        ArticleSummary,
        FacetValue,
        Page,
        QuoteMarks,
        SpeakerDetail,
        SpeakerSummary,
        Stats,
    )


class Reading(Connections):
    """The read methods of ``Store``."""

    # -- quotes ---------------------------------------------------------------------------------------

    def search(self, text: str | None = None, **filters: Any) -> Page:
        """A page of quotes matching ``text`` (FTS5 syntax) and the filters of ``queries.search_quotes``
        (speaker, speaker_id, since, until, month, source, type, kind, min_confidence, sort, limit, offset)."""
        from saidwhat.store.queries import search_quotes

        with self.read() as conn:
            return search_quotes(conn, text, **filters)

    def quote_records(
        self, kinds: Sequence[str] = (), *, filters: Mapping[str, Any] | None = None, sort: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every matching quote as a flat export record (the columns of ``store.export.COLUMNS``), streamed."""
        from saidwhat.store.export import quote_rows

        with self.read() as conn:
            yield from quote_rows(conn, kinds, filters=filters, sort=sort)

    def export(
        self,
        fmt: str,
        out: str | Path | None = None,
        kinds: Sequence[str] = (),
        *,
        filters: Mapping[str, Any] | None = None,
        sort: str | None = None,
    ) -> int:
        """Write every matching quote as JSONL, CSV or Parquet to ``out`` (stdout when None); the count."""
        from saidwhat.store.export import export

        with self.read() as conn:
            return export(conn, fmt, out, kinds, filters=filters, sort=sort)

    def facets(self, *, limit: int = 10, **filters: Any) -> dict[str, list[FacetValue]]:
        """Matching quotes counted by speaker, source, type, kind and month (the top ``limit`` of each)."""
        from saidwhat.store.queries import facet_counts

        with self.read() as conn:
            return facet_counts(conn, limit=limit, **filters)

    def quotes_per_day(self) -> list[tuple[str, int]]:
        from saidwhat.store.queries import quotes_per_day

        with self.read() as conn:
            return quotes_per_day(conn)

    def resolved_rows(self, **filters: Any) -> list[tuple[Any, ...]]:
        """Rows of the ``quotes_resolved`` view (``store.resolved.COLUMNS``) matching ``filters``."""
        from saidwhat.store.resolved import resolved_query

        with self.read() as conn:
            query = resolved_query(conn, **filters)
            if query is None:
                return []
            sql, params = query
            return [tuple(row) for row in conn.execute(sql, params)]

    def quotes_frame(self, **filters: Any) -> Any:
        """The ``quotes_resolved`` view as a pandas DataFrame: one row per quote with its canonical
        speaker and article, filtered as ``search`` filters (``speaker=``, ``since=``, ``kind=``...).
        Needs the ``pandas`` extra."""
        from saidwhat.frames import require_pandas
        from saidwhat.store.resolved import COLUMNS

        pandas = require_pandas()
        return pandas.DataFrame.from_records(
            self.resolved_rows(**filters), columns=list(COLUMNS), coerce_float=True
        )

    # -- speakers -------------------------------------------------------------------------------------

    def speakers(
        self,
        *,
        name: str | None = None,
        limit: int = 50,
        offset: int = 0,
        include_descriptions: bool = False,
        gender: str | None = None,
        genders: bool = True,
    ) -> list[SpeakerSummary]:
        """Canonical speakers, most quoted first (``limit`` -1: all); ``genders`` fills in each one's
        gender (deciding it reads the evidence tables, which a count alone does not need)."""
        from saidwhat.store.gender import with_genders
        from saidwhat.store.queries import list_speakers

        with self.read() as conn:
            rows = list_speakers(
                conn,
                name=name,
                limit=limit,
                offset=offset,
                include_descriptions=include_descriptions,
                gender=gender,
            )
            return with_genders(conn, rows) if genders else rows

    def speaker(self, speaker_id: int) -> SpeakerDetail:
        """One canonical speaker (a partial name's id gives its canonical); NotFoundError if none."""
        from saidwhat.store.queries import get_speaker

        with self.read() as conn:
            return get_speaker(conn, speaker_id)

    def speaker_gender(self, speaker_id: int) -> GenderDetail:
        """One speaker's gender with the evidence behind it."""
        from saidwhat.store.gender import gender_detail

        with self.read() as conn:
            return gender_detail(conn, speaker_id)

    def speaker_matches(self, name: str, limit: int = 20) -> list[SpeakerSummary]:
        """The speakers a name may mean."""
        from saidwhat.store.queries import speaker_matches

        with self.read() as conn:
            return speaker_matches(conn, name, limit)

    def suggest_speakers(self, text: str | None, limit: int = 5) -> list[SpeakerSummary]:
        """Speakers that the words of a search name (a reader who typed a name in the words box)."""
        from saidwhat.store.queries import suggest_speakers

        with self.read() as conn:
            return suggest_speakers(conn, text, limit)

    # -- articles -------------------------------------------------------------------------------------

    def article(self, article_id: int) -> ArticleDetail:
        """One article with its text and quotes; NotFoundError if none."""
        from saidwhat.store.queries import get_article

        with self.read() as conn:
            return get_article(conn, article_id)

    def quote_marks(self, article_id: int) -> dict[int, QuoteMarks]:
        """Where each quote's speaker mention and cue are in its article, by quote id."""
        from saidwhat.store.queries import quote_marks

        with self.read() as conn:
            return quote_marks(conn, article_id)

    def articles(
        self,
        *,
        sort: str = "newest",
        source: str | None = None,
        q: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> tuple[list[ArticleRow], int]:
        """A page of the article index and the count of every match (``limit`` None: all)."""
        from saidwhat.store.queries import list_articles

        with self.read() as conn:
            return list_articles(conn, sort=sort, source=source, q=q, limit=limit, offset=offset)

    def recent_articles(self, limit: int = 8) -> list[ArticleSummary]:
        from saidwhat.store.queries import recent_articles

        with self.read() as conn:
            return recent_articles(conn, limit)

    def sources(self, limit: int = 200) -> list[str]:
        """The outlets, most articles first."""
        from saidwhat.store.queries import sources

        with self.read() as conn:
            return sources(conn, limit)

    def has_article(self, ext_id: str) -> bool:
        """Whether an article with this id is stored (extracted, not failed)."""
        from saidwhat.store.queries import article_stored

        with self.read() as conn:
            return article_stored(conn, ext_id)

    # -- the store as a whole -------------------------------------------------------------------------

    def stats(self) -> Stats:
        from saidwhat.store.queries import stats

        with self.read() as conn:
            return stats(conn)

    def failures(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """What could not be read or processed, newest first."""
        from saidwhat.store.queries import list_failures

        with self.read() as conn:
            return list_failures(conn, limit=limit, offset=offset)

    def diversity(
        self,
        *,
        by: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        top: int = 10,
    ) -> DiversityReport:
        """Quotes and people by gender, named and unnamed sources, per group of ``by``."""
        from saidwhat.store.diversity import diversity

        with self.read() as conn:
            return diversity(conn, by=by, since=since, until=until, source=source, top=top)

    # -- families -------------------------------------------------------------------------------------

    def trace(self, text: str, *, limit: int = 20) -> list[Family]:
        """The families whose quotes match the words."""
        from saidwhat.store.families import trace

        with self.read() as conn:
            return trace(conn, text, limit=limit)

    def families(
        self,
        *,
        conflicts: bool = False,
        min_articles: int = 2,
        speaker: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[list[Family], int]:
        """Quote families, most widely reported first, and the count of every match."""
        from saidwhat.store.families import list_families

        with self.read() as conn:
            return list_families(
                conn,
                conflicts=conflicts,
                min_articles=min_articles,
                speaker=speaker,
                limit=limit,
                offset=offset,
            )

    def family(self, family_id: int) -> Family:
        from saidwhat.store.families import get_family

        with self.read() as conn:
            return get_family(conn, family_id)

    def family_links(self, quote_ids: Iterable[int]) -> dict[int, FamilyLink]:
        """The family of each quote that has one, by quote id."""
        from saidwhat.store.families import family_links

        with self.read() as conn:
            return family_links(conn, quote_ids)

    # -- checking -------------------------------------------------------------------------------------

    def check_queue(self, *, limit: int = 20, offset: int = 0) -> tuple[list[CheckItem], int]:
        """The quotes to check first, least certain on top, and how many there are."""
        from saidwhat.store.checking import check_queue

        with self.read() as conn:
            return check_queue(conn, limit=limit, offset=offset)

    def gold_documents(self) -> Iterator[dict[str, Any]]:
        """Every checked or corrected article as EVAL.md gold, streamed."""
        from saidwhat.store.checking import gold_documents

        with self.read() as conn:
            yield from gold_documents(conn)

    def corrections(self, *, orphaned: bool = False, undone: bool = False) -> list[Correction]:
        """Readers' corrections, oldest first (``orphaned``: only those whose quote is gone)."""
        from saidwhat.store.corrections import list_corrections

        with self.read() as conn:
            return list_corrections(conn, orphaned=orphaned, undone=undone)
