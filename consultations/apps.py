from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from consultations import notices, queries, services  # noqa: F401  notices registers its kinds
        from portal import personal_data

        personal_data.register(
            "written_submissions",
            export=queries.submissions_export,
            erase=services.erase_submissions_of,
            models=["consultations.WrittenSubmission"],
        )
        personal_data.register(
            "call_subscriptions",
            export=queries.subscriptions_export,
            erase=services.erase_subscriptions_of,
            ends=queries.subscriptions_ended_by_account_deletion,
            models=["consultations.CallSubscription"],
        )
        personal_data.not_personal_data(
            "consultations.Consultation.created_by",
            "consultations.OpenCall.created_by",
            "consultations.SessionMaterial.added_by",
            "consultations.Summary.written_by",
            reason="who drafted or added it, as staff or rapporteur: their work for the consultation",
        )
        personal_data.not_personal_data(
            "consultations.Consultation.rapporteur",
            reason="a staff assignment made by the organizers; a deleted account holds it naming nobody",
        )
