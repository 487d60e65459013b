from django.core.management.base import BaseCommand
from django.db import transaction

from consultations.demo import seed_demo_consultations
from registrations.demo import seed_demo_answers
from registrations.demo_programme import seed_demo_programme
from stakeholders.demo import DEMO_PASSWORD, seed_demo_organizations, seed_demo_people


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again refreshes the same records)."

    @transaction.atomic
    def handle(self, *args, **options):
        people = seed_demo_people()
        organizations = seed_demo_organizations()
        consultations = seed_demo_consultations(by=people[2])
        seed_demo_answers()
        speakers = seed_demo_programme()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password {DEMO_PASSWORD}):"))
        for user in people:
            roles = ", ".join(str(grant) for grant in user.role_grants.active()) or "stakeholder"
            self.stdout.write(f"  {user.email:40} {roles}")
        self.stdout.write(self.style.SUCCESS(f"{len(organizations)} demo organizations."))
        self.stdout.write(self.style.SUCCESS(f"{len(consultations)} demo consultations with sessions and calls."))
        self.stdout.write(
            self.style.SUCCESS(f"A full programme with {speakers} confirmed speakers: /en/consultations/europe-2026/")
        )
