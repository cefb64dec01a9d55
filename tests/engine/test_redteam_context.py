"""The shipped engine on the team's red-team comments that need their context
(tests/engine/redteam_context.tsv): the article's writer by name, and replies to other commenters,
where "you" is the other commenter rather than the writer.  Targets as in the engine issue."""
import csv
from pathlib import Path

import pytest

from moderation.engine import default_engine

from .redteam_targets import assert_red_team_targets
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
    assert_red_team_targets(verdicts)


def test_in_a_reply_you_is_the_other_commenter():
    v = default_engine().evaluate("You're an idiot, the writer is right.",
                                  Context(article_writer="Leila Haddad", is_reply=True))
    assert v.decision == "reject" and v.categories[0] == "abuse_person", v.reasons
    v = default_engine().evaluate("يا معتوه", Context(article_writer="ليلى حداد"))
    assert v.categories[0] == "abuse_writer", v.reasons
