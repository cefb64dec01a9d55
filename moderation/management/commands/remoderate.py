"""Bulk re-moderation with the current engine and word lists, on the `bulk` queue (live traffic keeps its own).

    python manage.py remoderate [--status held] [--since 2026-11-01] [--dry-run]

Comments a moderator decided are never touched (neither listed nor sent). With --dry-run nothing is
sent and nothing changes: the engine is run here, in this process, and what would move is printed.
"""
from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from comments.models import Comment


def parse_since(value: str) -> datetime:
    """A date (midnight, current time zone) or an ISO date-time."""
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--since: not a date or date-time: {value!r} (use YYYY-MM-DD or ISO 8601)")
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Progress:
    """A one-line text progress bar on stderr (no dependency)."""

    def __init__(self, total: int, stream, label: str, *, enabled: bool = True, width: int = 30):
        self.total, self.stream, self.label, self.width, self.done = total, stream, label, width, 0
        self.enabled = enabled

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        filled = int(self.width * self.done / self.total) if self.total else self.width
        percent = 100 * self.done // self.total if self.total else 100
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{self.done}/{self.total} ({percent}%)", ending="")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("")


class Command(BaseCommand):
    help = "Re-moderate comments with the current engine on the bulk queue; --dry-run prints what would change."

    def add_arguments(self, parser):
        parser.add_argument("--status", action="append", choices=Comment.Status.values,
                            help="only comments with this status (repeatable); default: every status")
        parser.add_argument("--since", type=parse_since, help="only comments posted at or after this date/time")
        parser.add_argument("--dry-run", action="store_true", help="send nothing, change nothing; print what would change")
        parser.add_argument("--chunk-size", type=int, default=500, help="comments per broker round trip (default 500)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        comments = Comment.objects.filter(human_decided=False)
        if options["status"]:
            comments = comments.filter(status__in=options["status"])
        if options["since"]:
            comments = comments.filter(created_at__gte=options["since"])
        comments = comments.order_by("pk")
        total = comments.count()
        progress = Progress(total, self.stderr, "dry run" if options["dry_run"] else "enqueued",
                            enabled=not options["no_progress"])
        if options["dry_run"]:
            self._dry_run(comments, progress, options["chunk_size"])
        else:
            self._enqueue(comments, progress, options["chunk_size"])

    def _dry_run(self, comments, progress, chunk_size):
        from moderation.backtest import backtest
        from moderation.runtime import get_engine

        def counted(rows):
            for i, comment in enumerate(rows, 1):
                yield comment
                if i % chunk_size == 0:
                    progress.advance(chunk_size)

        rows = comments.select_related("article").iterator(chunk_size=chunk_size)
        result = backtest(engine=get_engine(), comments=counted(rows), gates=True)
        progress.advance(result.total - progress.done)
        progress.finish()
        for change in result.changes:
            categories = ",".join(change.categories) or "-"
            reasons = "; ".join(change.reasons) or "-"
            self.stdout.write(f"#{change.comment_id} {change.from_status} -> {change.to_status} "
                              f"[{categories}] {reasons}")
        self.stdout.write(
            f"dry run: {result.total} comment(s) checked, {result.would_change} would change "
            f"(approve {result.would_approve}, hold {result.would_hold}, reject {result.would_reject}, "
            f"spam {result.would_spam}), {result.unchanged} unchanged; nothing was changed or sent"
        )

    def _enqueue(self, comments, progress, chunk_size):
        from moderation.dispatch import BULK, BrokerUnavailable, comment_enqueue_many

        ids = comments.values_list("pk", flat=True).iterator(chunk_size=chunk_size)
        try:
            for sent in comment_enqueue_many(ids, queue=BULK, chunk_size=chunk_size):
                progress.advance(sent)
        except BrokerUnavailable as exc:
            progress.finish()
            raise CommandError(
                f"the broker is not answering ({exc}); {progress.done} of {progress.total} comment(s) were "
                "enqueued. Run the command again when Redis is back (already re-moderated comments are skipped)."
            ) from exc
        progress.finish()
        self.stdout.write(f"{progress.done} comment(s) enqueued on the '{BULK}' queue; "
                          "moderators' decisions are never changed")
