from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from consultations import notices, queries, services  # noqa: F401  notices registers its kinds
        from portal import personal_data

        personal_data.register(
            "written_submissions", export=queries.submissions_export, erase=services.erase_submissions_of
        )
