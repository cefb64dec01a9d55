"""Bring the word lists up to the engine's default lists (safe to run again)."""
from django.core.management.base import BaseCommand

from moderation.models import RuleChange
from moderation.runtime import reset_engine
from moderation.terms import sync_default_terms


class Command(BaseCommand):
    help = ("Add the engine's default word-list terms missing from the database and bring untouched default "
            "terms to the engine's current values; terms a moderator edited or added are kept unless --overwrite.")

    def add_arguments(self, parser):
        parser.add_argument("--overwrite", action="store_true",
                            help="give every default term the engine's values again, edited or not")

    def handle(self, *args, overwrite=False, **options):
        def log(row, action, summary):
            RuleChange.objects.create(target=RuleChange.Target.TERM, object_id=row.pk, action=action,
                                      summary=summary[:400], actor=None)

        result = sync_default_terms(overwrite=overwrite, log=log)
        reset_engine()
        self.stdout.write(f"{result.created} terms added, {result.updated} updated, {result.retired} disabled "
                          f"({result.total} defaults).")
