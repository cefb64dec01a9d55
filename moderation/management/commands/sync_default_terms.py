"""Add the engine's default word-list terms missing from the database (safe to run again)."""
from django.core.management.base import BaseCommand

from moderation.runtime import reset_engine
from moderation.terms import sync_default_terms


class Command(BaseCommand):
    help = "Seed the word lists from the engine's defaults; existing (edited) rows are kept unless --overwrite."

    def add_arguments(self, parser):
        parser.add_argument("--overwrite", action="store_true", help="reset action/language of default terms")

    def handle(self, *args, overwrite=False, **options):
        created, total = sync_default_terms(overwrite=overwrite)
        reset_engine()
        self.stdout.write(f"{created} terms added ({total} defaults).")
