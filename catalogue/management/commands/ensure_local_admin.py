"""Create the local `admin` account that README.md tells a newcomer to log in with.

Only with DEBUG on: a known password has no place on a deployed site.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # local development only; refused below unless DEBUG


class Command(BaseCommand):
    help = "Create the local admin/admin superuser if it does not exist (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a user with a known password while DEBUG is off. "
                "Use `manage.py createsuperuser` on a deployed site."
            )
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"The local admin account exists: log in as {USERNAME}.")
            return
        User.objects.create_superuser(USERNAME, "admin@localhost", PASSWORD)
        self.stdout.write(
            f"Created the local admin account: log in at /admin/ as {USERNAME} / {PASSWORD}."
        )
