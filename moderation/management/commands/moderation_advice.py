"""What moderators' decisions teach the engine, for operators (the statistics page shows the same).

    python manage.py moderation_advice [--days 90] [--json]

Prints the words moderators keep rejecting that no listed term catches, how they decided the comments
with no listed word by engine score, and the threshold moves those decisions support. Read only.
"""
import json

from django.core.management.base import BaseCommand, CommandError

from moderation import learning


class Command(BaseCommand):
    help = "Words to list and threshold moves that moderators' decisions support (read only)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90, help="decisions of the last N days (1-365)")
        parser.add_argument("--json", action="store_true", dest="as_json", help="one JSON object instead of text")

    def handle(self, *args, days: int, as_json: bool, **options):
        if not 1 <= days <= 365:
            raise CommandError("--days must be from 1 to 365")
        terms = learning.suggest_terms(days=days)
        advice = learning.threshold_advice(days=days)
        if as_json:
            self.stdout.write(json.dumps({"days": days, "terms": [t.as_dict() for t in terms], "thresholds": advice},
                                         ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Comments moderators decided in the last {days} days.\n")
        self.stdout.write("Words moderators keep rejecting that no listed term catches:")
        if not terms:
            self.stdout.write("  (none stands out yet)")
        for t in terms:
            examples = ", ".join(f"#{c}" for c in t.examples)
            self.stdout.write(f"  {t.term}\trejected {t.rejected}, approved {t.approved}\t{t.rule}\t{examples}")
        self.stdout.write(f"\nComments with no listed word, decided by a moderator: {advice['reviewed']}")
        for band in advice["bands"]:
            self.stdout.write(f"  score {band['low']:.2f}-{band['high']:.2f}: approved {band['approved']}, "
                              f"rejected {band['rejected']}")
        for side, verb, other in (("approve", "published", "rejected"), ("reject", "rejected", "approved")):
            move = advice[side]
            if move["suggested"] is None:
                self.stdout.write(f"{move['env']}: keep {move['current']} (the decisions do not support a move)")
            else:
                self.stdout.write(f"{move['env']}: {move['current']} -> {move['suggested']} would have {verb} "
                                  f"{move['would_decide']} reviewed comments; moderators {other} "
                                  f"{move['moderators_disagreed']} of them")

