"""Comment text with the matched words marked, for moderators; every piece of text is escaped."""
from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def _clean_spans(spans, length: int) -> list[tuple[int, int, str]]:
    out = []
    for span in spans or []:
        try:
            start, end = int(span["start"]), int(span["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= length:
            out.append((start, end, str(span.get("category", ""))))
    out.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, cat in out:
        if merged and start < merged[-1][1]:  # overlapping hits: keep one mark
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2])
        else:
            merged.append((start, end, cat))
    return merged


def highlight(body: str, spans, *, limit: int | None = None) -> SafeString:
    """`body` with <mark> around each span; with `limit`, a window of that many characters around the first hit."""
    body = body or ""
    marks = _clean_spans(spans, len(body))
    lo, hi = 0, len(body)
    if limit and len(body) > limit:
        first = marks[0][0] if marks else 0
        lo = max(0, min(first - limit // 4, len(body) - limit))
        hi = lo + limit
    pieces, pos = [], lo
    for start, end, cat in marks:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        if start > pos:
            pieces.append(("{}", (body[pos:start],)))
        pieces.append(('<mark class="hit" data-category="{}" title="{}">{}</mark>', (cat, cat, body[start:end])))
        pos = end
    if pos < hi:
        pieces.append(("{}", (body[pos:hi],)))
    inner = format_html_join("", "{}", ((format_html(fmt, *args),) for fmt, args in pieces))
    return format_html("{}{}{}", "… " if lo > 0 else "", inner, " …" if hi < len(body) else "")
