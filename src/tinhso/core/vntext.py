"""Vietnamese text folding, for searching without tone marks.

``fold("Cấp Giấy phép  hoạt động in")`` → ``"cap giay phep hoat dong in"``: lower case, every
diacritic removed (tone marks and the marks of ă â ê ô ơ ư), ``đ``/``Đ`` → ``d``, whitespace
collapsed. Composed (NFC) and decomposed (NFD) input give the same result.

How every search box searches accent-insensitively: a model keeps a ``search_text`` column holding
``search_text(name, code, …)`` (set by the service that writes the object: the folded words joined
by single spaces), and the selector calls ``filter_folded(queryset, "search_text", query)``: every
folded word of the query must begin a word of the column (``istartswith`` or ``icontains`` of
``" " + word``; plain SQL ``LIKE``, on SQLite and PostgreSQL; a ``pg_trgm`` GIN index makes it fast at
scale). "giay phep in" then finds "Cấp giấy phép hoạt động in" but not "giấy phép xuất bản bản tin",
and "giay ph" already finds both. For lists already in memory: ``matches``, with the same rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

__all__ = ["MAX_QUERY_WORDS", "filter_folded", "fold", "folded_q", "matches", "search_text", "words"]

MAX_QUERY_WORDS = 12  # more words than this in a search box are ignored (each one is a LIKE)

# Letters that do not decompose into a base letter and marks: the Vietnamese đ (and the look-alike
# eth that legacy fonts and keyboards put in its place).
_STROKE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_WORD = re.compile(r"\w+")

_M = TypeVar("_M", bound=models.Model)


def _fold_general(text: str) -> str:
    s = unicodedata.normalize("NFKD", text.translate(_STROKE)).casefold()
    s = unicodedata.normalize("NFKD", s).translate(_STROKE)
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith("M"))
    return unicodedata.normalize("NFC", " ".join(s.split()))


def _build_table() -> dict[int, str]:
    """Every precomposed Latin letter (this covers all 134 Vietnamese letters) → its ASCII fold."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x1F00):
        ch = chr(code)
        if not ch.isalpha():
            continue
        folded = _fold_general(ch)
        if folded.isascii() and folded.isalpha() and len(folded) == 1:
            table[code] = folded
    return table


_TABLE = _build_table()


def fold(text: str | None) -> str:
    """Lower case, no tone marks or other diacritics, ``đ`` → ``d``, single spaces, no leading or
    trailing space. Idempotent: ``fold(fold(x)) == fold(x)``."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.lower().split())
    quick = unicodedata.normalize("NFC", text).translate(_TABLE)
    if quick.isascii():  # all Vietnamese (and other Latin) text takes this path
        return " ".join(quick.lower().split())
    return _fold_general(text)


def words(text: str | None) -> list[str]:
    """The folded words (letters and digits) of a text: ``"Bưu chính - Viễn thông"`` →
    ``["buu", "chinh", "vien", "thong"]``."""
    return _WORD.findall(fold(text))


def matches(query: str | None, text: str | None) -> bool:
    """Whether every folded word of ``query`` begins some word of ``text`` (the rule of the database
    search). An empty query matches everything."""
    text_words = words(text)
    return all(any(w.startswith(q) for w in text_words) for q in words(query))


def search_text(*parts: Any) -> str:
    """The value of a ``search_text`` column: the folded words of the searchable values (None and
    empty values skipped), joined by single spaces."""
    return " ".join(words(" ".join(str(part) for part in parts if part is not None and part != "")))


def folded_q(fields: str | Sequence[str], query: str | None) -> Q:
    """A ``Q`` requiring every folded word of ``query`` to begin a word of one of ``fields`` (columns
    filled by ``search_text``). An empty query gives an empty ``Q`` (no condition)."""
    names = [fields] if isinstance(fields, str) else list(fields)
    if not names:
        raise ValueError("folded_q cần ít nhất một trường.")
    condition = Q()
    for word in words(query)[:MAX_QUERY_WORDS]:
        any_field = Q()
        for name in names:
            any_field |= Q(**{f"{name}__istartswith": word}) | Q(**{f"{name}__icontains": " " + word})
        condition &= any_field
    return condition


def filter_folded(
    queryset: models.QuerySet[_M], fields: str | Sequence[str], query: str | None
) -> models.QuerySet[_M]:
    """``queryset`` narrowed to the rows whose folded column(s) have a word beginning with each word of
    ``query``."""
    return queryset.filter(folded_q(fields, query))
