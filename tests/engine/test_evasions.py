"""The shipped engine on the team's evasion matrix (tests/engine/evasions.tsv).

Thirty-two violations written by the team (all six rules, eight of them aimed at the writer), each
rewritten with one evasion at a time and a few combinations, plus civil sentences that contain letters
of listed words put through the same rewrites.  The evasions the engine issue names must never leak;
the harder ones (Arabizi with leetspeak, letters written backwards, Arabic and Latin in one word) are
held to the red-team targets overall.
"""
import csv
from collections import defaultdict
from pathlib import Path

import pytest

from moderation.engine import default_engine

ROWS = list(csv.DictReader(open(Path(__file__).with_name("evasions.tsv"), encoding="utf-8"), delimiter="\t"))

# rewrites the normaliser must see through completely
NEVER_LEAK = {
    "none", "diacritics", "tatweel", "repetition", "zwj", "zwnj", "rlm", "lrm", "persian_letters",
    "presentation_forms", "emoji_in_word", "symbol_in_word", "tilde_in_word", "hashtag", "cyrillic",
    "diacritics+spaces", "diacritics+tatweel", "emoji+diacritics", "hashtag+persian", "persian+dots",
    "persian+zwnj", "tatweel+repetition", "accents+fullwidth", "leet+cyrillic",
}


@pytest.fixture(scope="module")
def verdicts():
    e = default_engine()
    return [(r, e.evaluate(r["text"])) for r in ROWS]


def test_the_matrix_covers_the_listed_evasions():
    assert NEVER_LEAK <= {r["transform"] for r in ROWS}


def test_normalisation_evasions_never_leak(verdicts):
    leaks = defaultdict(list)
    for r, v in verdicts:
        if r["label"] == "1" and r["transform"] in NEVER_LEAK and v.decision == "approve":
            leaks[r["transform"]].append(r["text"])
    assert not leaks, dict(leaks)


def test_overall_rates(verdicts):
    bad = [(r, v) for r, v in verdicts if r["label"] == "1"]
    clean = [(r, v) for r, v in verdicts if r["label"] == "0"]
    leaks = [r["text"] for r, v in bad if v.decision == "approve"]
    blocks = [r["text"] for r, v in clean if v.decision in ("reject", "spam")]
    assert len(leaks) / len(bad) <= 0.10, len(leaks)
    assert len(blocks) / len(clean) <= 0.05, blocks
