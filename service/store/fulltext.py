"""Full-text search over quote text: the one place that knows each database's dialect.

SQLite: the FTS5 table ``quotes_fts`` that the migration creates and triggers keep current.
PostgreSQL: ``to_tsvector('english', text)``, the expression the migration's GIN index covers.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Integer, column, false, func, literal_column, text

from .keys import normalise
from .models import Quote

# spelled exactly as in the index expression, so the planner can use the index
ENGLISH = literal_column("'english'")


def search_terms(query: str) -> list[str]:
    """The words of a search, without operators: users type words, not FTS syntax."""
    return normalise(query).split()


def quote_text_matches(dialect: str, query: str) -> ColumnElement[bool]:
    """A WHERE clause: the quote's text contains every word of ``query`` (stemmed)."""
    terms = search_terms(query)
    if not terms:
        return false()
    if dialect == "postgresql":
        return func.to_tsvector(ENGLISH, Quote.text).op("@@")(func.plainto_tsquery(ENGLISH, " ".join(terms)))
    if dialect == "sqlite":
        # each word double-quoted: a string token to FTS5, never an operator or column filter
        fts_query = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
        rowids = text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts").bindparams(fts=fts_query)
        return Quote.id.in_(rowids.columns(column("rowid", Integer)))
    # any other database: a plain substring match per word, slow but correct
    condition: ColumnElement[bool] = Quote.text.isnot(None)
    for term in terms:
        condition = condition & Quote.text.icontains(term, autoescape=True)
    return condition
