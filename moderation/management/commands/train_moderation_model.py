"""Train the statistical scorer from a labelled CSV and/or the site's own moderator decisions."""
from django.core.management.base import BaseCommand, CommandError

from comments.models import Comment
from moderation.engine import training
from moderation.engine.scorer import DEFAULT_MODEL_PATH


def site_decisions():
    """(text, label, category) from comments a moderator decided: rejected = 1, approved = 0 (spam left out)."""
    decided = Comment.objects.filter(
        human_decided=True, status__in=[Comment.Status.APPROVED, Comment.Status.REJECTED]
    ).values_list("body", "status", "categories")
    for body, status, categories in decided.iterator():
        label = 1 if status == Comment.Status.REJECTED else 0
        yield body, label, (categories[0] if label and categories else "")


class Command(BaseCommand):
    help = (
        "Train the scorer. Only CSV rows whose `permissive` is yes or rehost are used (see the data licence "
        "notes in moderation/engine/MODEL.md); --from-decisions adds the site's own moderated comments."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="?", help="labelled CSV: text,label[,category,source,permissive]")
        parser.add_argument("--out", default=DEFAULT_MODEL_PATH, help="model file to write (default: the shipped one)")
        parser.add_argument("--from-decisions", action="store_true", help="also learn from moderators' decisions")
        parser.add_argument("--all-rows", action="store_true",
                            help="also use rows not licensed for shipping (for measurement only: never ship it)")

    def handle(self, *args, csv, out, from_decisions, all_rows, **options):
        if not csv and not from_decisions:
            raise CommandError("give a CSV path, --from-decisions, or both")
        extra = list(site_decisions()) if from_decisions else []
        if from_decisions:
            self.stdout.write(f"{len(extra)} moderator decisions added")
        try:
            training.train(csv, out, extra=extra, all_rows=all_rows, log=lambda m: self.stderr.write(str(m)))
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc))
        self.stdout.write(self.style.SUCCESS(f"model written to {out}; restart the web and worker processes to load it"))
