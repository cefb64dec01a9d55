import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from comments.models import Comment
from moderation.engine.scorer import Scorer
from tests.conftest import make_comment

pytestmark = pytest.mark.django_db

CLEAN = ["شكراً على التقرير المفيد", "أتمنى متابعة الموضوع", "معلومات جديدة ومهمة", "مقال واضح ومرتب",
         "thanks for the clear report", "good analysis of the market"]
BAD = ["انت حمار وغبي", "يا كلب يا حقير", "الكاتب جاهل وحقير", "يا زبالة", "you are an idiot", "shut up you moron"]


def write_csv(path, rows, permissive="yes"):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "label", "category", "source", "permissive"])
        for text, label in rows:
            writer.writerow([text, label, "offensive" if label else "clean", "handmade", permissive])


def test_moderation_eval_prints_the_rates(tmp_path):
    path = tmp_path / "set.csv"
    write_csv(path, [(t, 0) for t in CLEAN] + [(t, 1) for t in BAD])
    out = io.StringIO()
    call_command("moderation_eval", str(path), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["n"] == 12 and report["n_violating"] == 6
    for key in ("leak_rate", "false_block_rate", "automation_rate", "category_match", "per_category"):
        assert key in report
    assert report["leak_rate"] <= 0.5


def test_moderation_eval_reads_jsonl_and_refuses_bad_files(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "label": 1}, ensure_ascii=False) for t in BAD), encoding="utf-8")
    out = io.StringIO()
    call_command("moderation_eval", str(path), stdout=out)
    assert "leak" in out.getvalue().lower()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n')
    with pytest.raises(CommandError):
        call_command("moderation_eval", str(bad))


def test_train_from_csv_and_decisions_writes_a_loadable_model(tmp_path):
    csv_path = tmp_path / "train.csv"
    write_csv(csv_path, [(t, 0) for t in CLEAN * 4] + [(t, 1) for t in BAD * 4])
    write_csv(tmp_path / "unlicensed.csv", [("نص", 1)], permissive="no")
    make_comment(body="تعليق وافق عليه المشرف", status=Comment.Status.APPROVED, human_decided=True)
    make_comment(body="تعليق رفضه المشرف لأنه شتيمة", status=Comment.Status.REJECTED, human_decided=True,
                 categories=["abuse_person"])
    out_path = tmp_path / "model.npz"
    out = io.StringIO()
    call_command("train_moderation_model", str(csv_path), "--from-decisions", "--out", str(out_path), stdout=out,
                 stderr=io.StringIO())
    assert "2 moderator decisions" in out.getvalue()
    scorer = Scorer(str(out_path))
    assert 0.0 <= scorer.score("شكراً على التقرير") <= 1.0


def test_train_needs_some_data():
    with pytest.raises(CommandError):
        call_command("train_moderation_model")
