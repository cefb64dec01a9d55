"""manage.py export_my_data EMAIL: print (or write) everything stored about that author, as JSON."""
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.privacy import author_export


class Command(BaseCommand):
    help = "Export, as JSON, every comment and moderation decision of the author of EMAIL (a privacy request)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", "-o", help="write to this file instead of standard output")

    def handle(self, *args, email, output=None, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError("not a valid email address")
        data = json.dumps(author_export(email=email), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(data + "\n")
            self.stderr.write(f"wrote {output}")
        else:
            self.stdout.write(data)
