"""Bulk moderation without a web server: JSON lines in, one verdict line out per input line, same order."""
import json
import sys

from django.core.management.base import BaseCommand

from comments.models import Article
from moderation.engine.types import Context


def _error(line_id, message: str) -> dict:
    return {"id": line_id, "error": message}


class Command(BaseCommand):
    help = (
        'Read {"id", "text", "name"?, "article"?} JSON lines from stdin and write '
        '{"id", "decision", "categories", "score", "reasons"} lines to stdout; bad lines get an "error".'
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", help="read this file instead of standard input")
        parser.add_argument("--output", help="write this file instead of standard output")

    def handle(self, *args, **options):
        from moderation.runtime import get_engine

        engine = get_engine()
        source = open(options["input"], encoding="utf-8", errors="replace") if options["input"] else sys.stdin
        sink = open(options["output"], "w", encoding="utf-8") if options["output"] else self.stdout
        writers: dict[str, str] = {}
        try:
            for raw in source:
                if not raw.strip():
                    continue  # blank lines carry no comment
                result = self._one(raw, engine, writers)
                sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        finally:
            if options["output"]:
                sink.close()

    def _one(self, raw: str, engine, writers: dict) -> dict:
        try:
            item = json.loads(raw)
        except ValueError as exc:
            return _error(None, f"invalid JSON: {exc.msg} (column {exc.colno})")
        if not isinstance(item, dict):
            return _error(None, "each line must be a JSON object")
        line_id = item.get("id")
        text = item.get("text")
        if not isinstance(text, str):
            return _error(line_id, "missing or non-string field: text")
        name = item.get("name") if isinstance(item.get("name"), str) else ""
        slug = item.get("article") if isinstance(item.get("article"), str) else ""
        context = Context(author_name=name, article_writer=self._writer(slug, writers))
        try:
            verdict = engine.evaluate(text, context)
        except Exception as exc:  # the engine fails closed itself; this guards the command's contract
            return {"id": line_id, "decision": "hold", "categories": [], "score": 0.5,
                    "reasons": [f"engine error ({type(exc).__name__}): held for a moderator"]}
        return {
            "id": line_id,
            "decision": verdict.decision,
            "categories": list(verdict.categories),
            "score": round(float(verdict.score), 4),
            "reasons": list(verdict.reasons),
        }

    @staticmethod
    def _writer(slug: str, writers: dict) -> str:
        if not slug:
            return ""
        if slug not in writers:
            article = Article.objects.filter(slug=slug).only("writer_name").first()
            writers[slug] = article.writer_name if article else ""
        return writers[slug]
