"""The SQL dialect seam: the store's SQL is written for SQLite; this turns it into PostgreSQL's.

Store code (and the migrations) keep one spelling. What is translated, token by token and never inside
string literals:

- `?` placeholders become `%s` and `:name` ones `%(name)s` (a literal `%` becomes `%%`, as psycopg requires);
- `[name]` identifiers become `"name"`;
- `INSERT OR IGNORE INTO ...` becomes `INSERT INTO ... ON CONFLICT DO NOTHING`;
- `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case; PostgreSQL's does not);
- `IFNULL(` becomes `COALESCE(`; `UPDATE OR REPLACE` becomes `UPDATE` (a key clash raises instead);

- a subquery in FROM without an alias gets one (PostgreSQL before 16 requires it).

Created on PostgreSQL before migrating (see `pg_compat_sql`): `group_concat(x[, sep])`, `sum(boolean)`,
two-argument `max`/`min`,
`json_valid(text)`,
`json_extract(text, '$.a.b')` (text result) and `json_each(text)` (key, value as text). Anything else
SQLite-only (PRAGMA, FTS5 `MATCH`, `strftime`, `rowid`, `INSERT OR REPLACE`, `json_extract` typed results)
needs a per-dialect branch: check `dialect_of(db)`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_TOKEN = re.compile(
    r"'(?:[^']|'')*'|\"[^\"]*\"|\[[^\]]*\]|\?|%|(?<![:\w]):[A-Za-z_]\w*|\bINSERT\s+OR\s+IGNORE\s+INTO\b|\bLIKE\b"
    r"|\bIFNULL\s*\(|\bUPDATE\s+OR\s+REPLACE\b",
    re.IGNORECASE,
)


def dialect_of(db: Any) -> str:
    """`postgresql` for the PostgreSQL database facade, `sqlite` for a sqlite-utils Database."""
    return str(getattr(db, "dialect", SQLITE))


@lru_cache(maxsize=2048)
def to_postgres(sql: str) -> str:
    """The PostgreSQL spelling of one SQLite statement (see the module docstring for what changes)."""
    ignore = False

    def sub(match: re.Match[str]) -> str:
        nonlocal ignore
        tok = match.group(0)
        first = tok[0]
        if first in "'\"":
            return tok.replace("%", "%%")
        if first == "[":
            return '"' + tok[1:-1] + '"'
        if tok == "?":
            return "%s"
        if tok == "%":
            return "%%"
        if first == ":":  # a named parameter (:name); PostgreSQL's ::type casts are left alone
            return f"%({tok[1:]})s"
        upper = tok.upper()
        if upper.startswith("INSERT"):
            ignore = True
            return "INSERT INTO"
        if upper.startswith("UPDATE"):  # a clash then raises instead of replacing the other row
            return "UPDATE"
        if upper == "LIKE":
            return "ILIKE"
        return "COALESCE("

    out = _alias_subqueries(_TOKEN.sub(sub, sql))
    if ignore:
        out = out.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return out


def iso_plus_days(dialect: str, column: str) -> str:
    """SQL for `column` (ISO-8601 UTC text) plus `?` days, as the same ISO text the columns hold."""
    if dialect == POSTGRESQL:
        return (
            f"to_char(({column}::timestamptz + (? || ' days')::interval) AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS.MS') || '+00:00'"
        )
    return f"strftime('%Y-%m-%dT%H:%M:%f', {column}, '+' || ? || ' days') || '+00:00'"


def pg_compat_sql() -> list[str]:
    """Functions PostgreSQL lacks and the store's SQL uses; created (idempotently) before migrating."""
    return [
        "CREATE OR REPLACE FUNCTION shopbot_concat_step(acc text, value text) RETURNS text LANGUAGE sql IMMUTABLE AS "
        "$$ SELECT CASE WHEN value IS NULL THEN acc WHEN acc IS NULL THEN value ELSE acc || ',' || value END $$",
        "CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = shopbot_concat_step, STYPE = text)",
        "CREATE OR REPLACE FUNCTION shopbot_concat_sep(acc text, value text, sep text) RETURNS text LANGUAGE sql "
        "IMMUTABLE AS $$ SELECT CASE WHEN value IS NULL THEN acc WHEN acc IS NULL THEN value ELSE acc || sep || value END $$",
        "CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = shopbot_concat_sep, STYPE = text)",
        # SQLite sums comparisons (true is 1)
        "CREATE OR REPLACE FUNCTION shopbot_bool_sum(acc bigint, value boolean) RETURNS bigint LANGUAGE sql IMMUTABLE "
        "AS $$ SELECT coalesce(acc, 0) + CASE WHEN value THEN 1 ELSE 0 END $$",
        "CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = shopbot_bool_sum, STYPE = bigint)",
        # SQLite's two-argument max()/min() (PostgreSQL's max and min are aggregates only)
        "CREATE OR REPLACE FUNCTION max(a anycompatible, b anycompatible) RETURNS anycompatible LANGUAGE sql "
        "IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE GREATEST(a, b) END $$",
        "CREATE OR REPLACE FUNCTION min(a anycompatible, b anycompatible) RETURNS anycompatible LANGUAGE sql "
        "IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE LEAST(a, b) END $$",
        # SQLite's JSON1 functions over TEXT columns, for the shapes the store uses: '$.key.key' paths, and
        # json_each over an array (key = index) or an object; values come back as text
        "CREATE OR REPLACE FUNCTION json_valid(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS "
        "$$ BEGIN PERFORM value::jsonb; RETURN value IS NOT NULL; EXCEPTION WHEN others THEN RETURN false; END $$",
        "CREATE OR REPLACE FUNCTION json_extract(value text, path text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS "
        "$$ BEGIN RETURN value::jsonb #>> string_to_array(substr(path, 3), '.'); "
        "EXCEPTION WHEN others THEN RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION json_each(doc text) RETURNS TABLE(key text, value text) LANGUAGE sql IMMUTABLE AS "
        "$$ SELECT (t.n - 1)::text, t.e #>> '{}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof($1::jsonb) = 'array' "
        "THEN $1::jsonb ELSE '[]'::jsonb END) WITH ORDINALITY AS t(e, n) UNION ALL "
        "SELECT o.key, o.value #>> '{}' FROM jsonb_each(CASE WHEN jsonb_typeof($1::jsonb) = 'object' THEN $1::jsonb "
        "ELSE '{}'::jsonb END) AS o $$",
        "CREATE OR REPLACE FUNCTION shopbot_json_array(value text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS "
        "$$ BEGIN IF jsonb_typeof(value::jsonb) = 'array' THEN RETURN value::jsonb; END IF; RETURN '[]'::jsonb; "
        "EXCEPTION WHEN others THEN RETURN '[]'::jsonb; END $$",
    ]


_FROM_SUBQUERY = re.compile(r"\bFROM\s*\(\s*SELECT\b", re.IGNORECASE)
_ALIAS_FOLLOWS = re.compile(
    r"\s*(?:AS\b|(?!(?:WHERE|ORDER|GROUP|LIMIT|OFFSET|JOIN|LEFT|RIGHT|INNER|CROSS|UNION|HAVING|ON)\b)[A-Za-z_])",
    re.IGNORECASE,
)


def _alias_subqueries(sql: str) -> str:
    """`FROM (SELECT ...)` with no alias after the closing parenthesis gets `AS _subN` (nested ones too)."""
    out, pos, n = [], 0, 0
    for match in _FROM_SUBQUERY.finditer(sql):
        if match.start() < pos:
            continue
        open_at = sql.index("(", match.start())
        close = _closing_paren(sql, open_at)
        if close < 0:
            break
        out.append(sql[pos : open_at + 1] + _alias_subqueries(sql[open_at + 1 : close]) + ")")
        if not _ALIAS_FOLLOWS.match(sql, close + 1):
            n += 1
            out.append(f" AS _sub{n}_{close}")
        pos = close + 1
    out.append(sql[pos:])
    return "".join(out)


def _closing_paren(sql: str, start: int) -> int:
    depth, i, quote = 0, start, ""
    while i < len(sql):
        ch = sql[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
