"""The job's output rows, with Spark schemas derived from the extractor's result dataclasses.

A quote row carries every field ``Quote.to_dict()`` has (the API's quote), so a field added to
the result model reaches the Parquet output without a change here.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from ..extraction.model import Quote

# the articles table: one row per input record, whatever happened to it
ARTICLE_FIELDS: tuple[tuple[str, type], ...] = (
    ("id", str), ("status", str), ("error", str), ("quotes", int), ("speakers", int), ("words", int),
    ("elapsed_ms", float), ("stored", str), ("database_id", int), ("published_at", str),
)
STATUSES = ("ok", "failed", "timeout")


def spark_type(hint: Any) -> Any:
    """The Spark SQL type for a Python type hint of the result model."""
    from pyspark.sql import types as T

    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(inner) == 1:
            return spark_type(inner[0])
    if origin in (tuple, list):
        return T.ArrayType(spark_type(typing.get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        return struct_of(hint)
    simple = {str: T.StringType(), int: T.LongType(), float: T.DoubleType(), bool: T.BooleanType()}
    if hint in simple:
        return simple[hint]
    raise TypeError(f"no Spark type for {hint!r}: extend service.spark.rows.spark_type")


def struct_of(cls: type) -> Any:
    """A StructType with the dataclass's fields, in order, all nullable."""
    from pyspark.sql import types as T

    hints = typing.get_type_hints(cls)
    return T.StructType([T.StructField(f.name, spark_type(hints[f.name]), True) for f in dataclasses.fields(cls)])


def result_schema() -> Any:
    """What the extraction step returns per article: the article row plus its quotes."""
    from pyspark.sql import types as T

    article = [T.StructField(name, spark_type(kind), True) for name, kind in ARTICLE_FIELDS]
    return T.StructType(article + [T.StructField("quote_rows", T.ArrayType(struct_of(Quote)), True)])
