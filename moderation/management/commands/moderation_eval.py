"""Measure the engine (with the database's word lists) on a labelled CSV or JSONL file."""
import json

from django.core.management.base import BaseCommand, CommandError

from moderation.engine.evaluation import Row, evaluate_rows, format_report, read_rows
from moderation.engine.types import Context


def read_jsonl(path: str) -> list[Row]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                rows.append(Row(str(item["text"]), 1 if int(item["label"]) else 0, str(item.get("category") or "")))
            except (ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"line {number}: expected an object with text and label ({exc})")
    return rows


class Command(BaseCommand):
    help = "Print leak, false-block and automation rates, category match, per-category recall and worst misses."

    def add_arguments(self, parser):
        parser.add_argument("file", help="labelled CSV (text,label[,category]) or JSONL with the same fields")
        parser.add_argument("--misses", type=int, default=10, help="how many worst misses to list (0: none)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--strict", action="store_true", help="evaluate as if every article were strict")

    def handle(self, *args, file, misses, json: bool, strict, **options):
        from moderation.runtime import get_engine

        try:
            rows = read_jsonl(file) if file.endswith((".jsonl", ".ndjson")) else read_rows(file)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"cannot read {file}: {exc}")
        if not rows:
            raise CommandError(f"{file} has no labelled rows")
        engine = get_engine()
        report = evaluate_rows(engine, rows, misses, Context(strict=True) if strict else None)
        if json:
            import json as jsonlib

            payload = {"version": engine.version, **report.as_dict()}
            self.stdout.write(jsonlib.dumps(payload, ensure_ascii=False, indent=1, default=str))
        else:
            self.stdout.write(f"engine {engine.version}")
            self.stdout.write(format_report(report, show_text=misses > 0))
