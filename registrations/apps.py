from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from portal import personal_data
        from registrations import (
            notices,  # noqa: F401  notices registers its kinds
            receivers,  # noqa: F401  receivers connect to the signals of other apps
        )
        from registrations.queries import answers as queries
        from registrations.services import answers as services

        personal_data.register(
            "participation",
            export=queries.participation_export,
            erase=services.erase_answers_of,
            ends=queries.ended_by_account_deletion,
        )
