import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def moderate(lines: str) -> list[dict]:
    out = io.StringIO()
    import sys

    stdin, sys.stdin = sys.stdin, io.StringIO(lines)
    try:
        call_command("moderate", stdout=out)
    finally:
        sys.stdin = stdin
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_contract_fields_and_order():
    lines = "\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": 1, "text": "شكراً على المقال الواضح"},
        {"id": "b", "text": "الكاتب حمار", "name": "زائر", "article": "no-such-article"},
        {"id": 3, "text": "اشتر الآن http://a.example http://b.example http://c.example http://d.example"},
    ])
    results = moderate(lines)
    assert [r["id"] for r in results] == [1, "b", 3]
    for r in results:
        assert set(r) == {"id", "decision", "categories", "score", "reasons"}
        assert r["decision"] in {"approve", "hold", "reject", "spam"}
        assert 0.0 <= r["score"] <= 1.0
    assert results[1]["decision"] == "reject"
    assert "abuse_writer" in results[1]["categories"]
    assert any("حمار" in reason for reason in results[1]["reasons"])
    assert results[2]["decision"] in {"hold", "spam"}


def test_bad_lines_get_an_error_and_never_crash():
    lines = "\n".join([
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": 7}),
        json.dumps({"id": 8, "text": 5}),
        json.dumps({"id": 9, "text": ""}),
    ])
    results = moderate(lines)
    assert len(results) == 5
    assert all("error" in r for r in results[:4])
    assert results[2]["id"] == 7 and results[3]["id"] == 8
    assert results[4]["decision"] in {"hold", "spam", "approve"}


def test_empty_input_gives_empty_output():
    assert moderate("") == []


def test_large_and_foreign_script_texts():
    lines = "\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "big", "text": "كلام عادي عن الاقتصاد " * 5000},
        {"id": "zh", "text": "这是一个关于经济的评论"},
        {"id": "ru", "text": "Это комментарий об экономике"},
        {"id": "emoji", "text": "👍👍👍"},
    ])
    results = moderate(lines)
    assert [r["id"] for r in results] == ["big", "zh", "ru", "emoji"]
    assert all("decision" in r for r in results)
