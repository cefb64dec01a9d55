"""The shipped engine on the team's red-team comments that need their context
(tests/engine/redteam_context.tsv): the article's writer by name, and replies to other commenters,
where "you" is the other commenter rather than the writer.  Targets as in the engine issue."""
import csv
from pathlib import Path

import pytest

from moderation.engine import default_engine
from moderation.engine.types import Context

ROWS = list(csv.DictReader(open(Path(__file__).with_name("redteam_context.tsv"), encoding="utf-8"),
                           delimiter="\t"))


@pytest.fixture(scope="module")
def verdicts():
    e = default_engine()
    return [(r, e.evaluate(r["text"], Context(article_writer=r["writer"], is_reply=r["is_reply"] == "1")))
            for r in ROWS]


def test_set_has_writers_and_replies():
    assert any(r["writer"] for r in ROWS) and any(r["is_reply"] == "1" for r in ROWS)
    assert any(r["category"] == "abuse_writer" for r in ROWS)


def test_rates_meet_the_red_team_targets(verdicts):
    bad = [(r, v) for r, v in verdicts if r["label"] == "1"]
    clean = [(r, v) for r, v in verdicts if r["label"] == "0"]
    leaks = [r["text"] for r, v in bad if v.decision == "approve"]
    blocks = [(r["text"], v.reasons) for r, v in clean if v.decision in ("reject", "spam")]
    rejected = [(r, v) for r, v in bad if v.decision == "reject"]
    matched = [1 for r, v in rejected if v.categories and (
        v.categories[0] == r["category"]
        or (r["category"] == "abuse_person" and v.categories[0] == "abuse_writer"))]
    assert len(leaks) / len(bad) <= 0.10, leaks
    assert len(blocks) / len(clean) <= 0.05, blocks
    assert len(matched) / len(rejected) >= 0.70


def test_in_a_reply_you_is_the_other_commenter():
    v = default_engine().evaluate("You're an idiot, the writer is right.",
                                  Context(article_writer="Leila Haddad", is_reply=True))
    assert v.decision == "reject" and v.categories[0] == "abuse_person", v.reasons
    v = default_engine().evaluate("يا معتوه", Context(article_writer="ليلى حداد"))
    assert v.categories[0] == "abuse_writer", v.reasons
