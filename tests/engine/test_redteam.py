"""The shipped engine on the team's own hand-written red-team set (tests/engine/redteam.tsv).

Hard negatives (civil criticism, condemning racism, scripture, innocent words that contain bad
ones, literal animals) and violations written to evade (elongation, diacritics, spacing, dots,
Arabizi, leetspeak, English, incitement without a swear word).  Targets as in the engine issue:
leak <= 10 %, false block <= 5 %, category match >= 70 %.
"""
import csv
from pathlib import Path

import pytest

from moderation.engine import default_engine

from .redteam_targets import assert_red_team_targets

ROWS = list(csv.DictReader(open(Path(__file__).with_name("redteam.tsv"), encoding="utf-8"),
                           delimiter="\t"))


@pytest.fixture(scope="module")
def verdicts():
    e = default_engine()
    return [(r, e.evaluate(r["text"])) for r in ROWS]


def test_set_has_both_sides_and_every_rule():
    labels = {r["label"] for r in ROWS}
    cats = {r["category"] for r in ROWS if r["label"] == "1"}
    assert labels == {"0", "1"}
    assert {"abuse_writer", "abuse_person", "abuse_sacred", "sectarian_incitement",
            "racist_incitement", "profanity"} <= cats


def test_no_row_takes_the_engine_error_path(verdicts):
    # Fail-closed holds hide bugs: a rule that raises still "holds", so the rates above would pass.
    failed = [(r["text"], v.reasons) for r, v in verdicts
              if any(reason.startswith("fail-closed") for reason in v.reasons)]
    assert not failed


def test_literal_animal_hold_names_its_reason():
    v = default_engine().evaluate("نفوق مئات الخنازير في مزرعة بسبب المرض")
    assert v.decision == "hold"
    assert not any(reason.startswith("fail-closed") for reason in v.reasons), v.reasons


def test_rates_meet_the_red_team_targets(verdicts):
    assert_red_team_targets(verdicts)


@pytest.mark.parametrize("text", [
    "وجعل منهم القردة والخنازير وعبد الطاغوت، صدق الله العظيم",
    "قال السيّد المسيح: لا تلقوا جواهركم أمام الخنازير",
    "انتشار الخنازير البرية في المزارع يهدد محاصيل القمح",
    "سمعت أن الحمير تستخدم في نقل البضائع في القرى الجبلية",
    "بالتوفيق يا أستاذ، دوما مبدع وعطائك جميل",
    "من يصف اللاجئين بالحشرات يجب أن يحاسب، هذا خطاب كراهية",
    "نفوق مئات الخنازير في مزرعة بسبب المرض",
    "الحمار حيوان صبور ويستخدمه المزارعون منذ آلاف السنين",
    "لعنة الله على الحرب وما تفعله بالأطفال",
    "الإعلام الذي يسمي اللاجئين صراصير يمارس تحريضا واضحا ويجب محاسبته",
])
def test_scripture_and_literal_uses_are_never_rejected(text):
    assert default_engine().evaluate(text).decision not in ("reject", "spam")


def test_scripture_quote_is_held_not_rejected_by_the_model_alone():
    v = default_engine().evaluate("قال تعالى: وجعل منهم القردة والخنازير")
    assert v.decision != "reject"
    # an insult next to the quote is still rejected
    v = default_engine().evaluate("قال تعالى كذا وكذا، وانت يا حمار لا تفهم")
    assert v.decision == "reject"


def test_an_animal_aimed_at_someone_is_still_an_insult_on_a_farm():
    assert default_engine().evaluate("يا حمار المزرعة").decision == "reject"
    assert default_engine().evaluate("انت كلب مزارع").decision == "reject"
