"""Evaluation metrics on a tiny hand-made set with a stub engine (no model, no word lists)."""
import pytest

from moderation.engine.evaluation import Row, auc, category_matches, evaluate_rows, format_report
from moderation.engine.types import Verdict


class StubEngine:
    """Decides from a lookup table: text -> (decision, categories, score)."""

    def __init__(self, table):
        self.table = table

    def evaluate(self, text, context=None):
        decision, cats, score = self.table[text]
        return Verdict(decision, tuple(cats), score, ("stub",))


ROWS = [
    Row("v1", 1, "offensive"), Row("v2", 1, "obscene"), Row("v3", 1, "hate_race"),
    Row("v4", 1, "hate_religion"),
    Row("c1", 0, "clean"), Row("c2", 0, "clean"), Row("c3", 0, "clean"), Row("c4", 0, "clean"),
]
TABLE = {
    "v1": ("reject", ["abuse_person"], 0.95),  # caught, category fits
    "v2": ("reject", ["abuse_person"], 0.90),  # caught, wrong category (obscene -> profanity)
    "v3": ("approve", [], 0.10),  # leak
    "v4": ("hold", ["sectarian_incitement"], 0.60),
    "c1": ("approve", [], 0.05),
    "c2": ("hold", [], 0.40),
    "c3": ("reject", ["profanity"], 0.85),  # false block
    "c4": ("spam", ["spam"], 0.20),  # false block too
}


def test_rates():
    rep = evaluate_rows(StubEngine(TABLE), ROWS)
    assert rep.n == 8 and rep.n_violating == 4 and rep.n_clean == 4
    assert rep.leak_rate == pytest.approx(1 / 4)
    assert rep.false_block_rate == pytest.approx(2 / 4)
    assert rep.false_hold_rate == pytest.approx(1 / 4)
    assert rep.automation_rate == pytest.approx(6 / 8)
    assert rep.category_match == pytest.approx(1 / 2)
    assert rep.per_category["hate_race"]["recall"] == 0
    assert rep.per_category["hate_religion"]["recall"] == 1
    assert rep.per_category["offensive"]["reject_recall"] == 1


def test_worst_misses_are_ordered():
    rep = evaluate_rows(StubEngine(TABLE), ROWS)
    assert [s.row.text for s in rep.worst_leaks] == ["v3"]
    assert [s.row.text for s in rep.worst_blocks] == ["c3", "c4"]  # highest score first
    text = format_report(rep)
    assert "leak rate" in text and "25.0 %" in text


def test_auc():
    assert auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]) == 1.0
    assert auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]) == 0.0
    assert auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]) == 0.5
    assert auc([0.3, 0.4], [1, 1]) is None


def test_category_mapping():
    assert category_matches("obscene", ["profanity"])
    assert not category_matches("obscene", ["abuse_person"])
    assert category_matches("hate_religion", ["abuse_sacred"])
    assert category_matches("hate_religion", ["sectarian_incitement"])
    assert category_matches("offensive", ["abuse_writer"])
    assert category_matches("", ["abuse_person"]) is None
    assert not category_matches("hate_race", [])


def test_cli_runs_without_django(tmp_path, capsys):
    import csv

    from moderation.engine.evaluation import main

    path = tmp_path / "tiny.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label", "category"])
        w.writerow(["مقال مفيد جدا شكرا للكاتب", 0, "clean"])
        w.writerow(["يا حمار يا حقير", 1, "offensive"])
    assert main([str(path), "--misses", "0"]) == 0
    out = capsys.readouterr().out
    assert "leak rate" in out and "automation rate" in out and "engine-" in out
