"""Default word lists shipped with the engine (data files next to this module).

``default_terms()`` loads every ``*.tsv`` here: columns ``term, category, action, lang, kind``
and optionally ``affix`` and ``note``; lines starting with ``#`` are comments.
``default_allow_words()`` loads ``allow_words.txt``: innocent words that a term glued to a
clitic would otherwise hit.  Results are cached; callers get fresh lists.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..types import BLOCK, CATEGORIES, MARKER, SUSPECT, TermSpec

__all__ = ["default_terms", "default_allow_words", "default_arabizi_stop", "load_tsv", "WORDLIST_DIR"]

WORDLIST_DIR = Path(__file__).resolve().parent
_ACTIONS = (BLOCK, SUSPECT, MARKER)


def load_tsv(path: Path) -> list[TermSpec]:
    """Parse one TSV word list; malformed lines are skipped, never fatal."""
    out: list[TermSpec] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 5:
                continue
            term, category, action, lang, kind = (c.strip() for c in cols[:5])
            affix = cols[5].strip() if len(cols) > 5 and cols[5].strip() else "auto"
            if not term or category not in CATEGORIES or action not in _ACTIONS:
                continue
            out.append(TermSpec(term=term, category=category, action=action, lang=lang or "ar",
                                kind=kind or "insult", affix=affix))
    return out


@lru_cache(maxsize=1)
def _terms() -> tuple[TermSpec, ...]:
    terms: list[TermSpec] = []
    for path in sorted(WORDLIST_DIR.glob("*.tsv")):
        terms.extend(load_tsv(path))
    return tuple(terms)


def default_terms() -> list[TermSpec]:
    """All default word-list entries (block, suspect and context markers)."""
    return list(_terms())


def _read_words(name: str, *, lower: bool = False) -> tuple[str, ...]:
    """One word per line from a text file here; blank lines and "#" comments skipped."""
    path = WORDLIST_DIR / name
    if not path.exists():
        return ()
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.strip().lower() if lower else line.strip()
        if w and not w.startswith("#"):
            words.append(w)
    return tuple(words)


@lru_cache(maxsize=1)
def _allow() -> tuple[str, ...]:
    return _read_words("allow_words.txt")


def default_allow_words() -> list[str]:
    return list(_allow())


@lru_cache(maxsize=1)
def _arabizi_stop() -> tuple[str, ...]:
    return _read_words("arabizi_stop.txt", lower=True)


def default_arabizi_stop() -> list[str]:
    """Latin words never read as Arabizi (English words that share a consonant skeleton)."""
    return list(_arabizi_stop())
