"""manage.py erase_my_data EMAIL: anonymise that author's comments (see comments/privacy.py for what is kept)."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.privacy import author_comments, author_erase


class Command(BaseCommand):
    help = ("Erase the author of EMAIL: name, email, website, IP address, user agent and comment text are removed; "
            "the comments stay as placeholders so threads and the moderation history remain consistent.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, email, yes=False, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError("not a valid email address")
        count = author_comments(email=email).count()
        if count and not yes:
            try:
                answer = input(f"Erase the author of {count} comment(s)? This cannot be undone. [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("nothing erased (answer y, or pass --yes)")
        erased = author_erase(email=email)
        self.stdout.write(f"erased {erased} comment(s)")
