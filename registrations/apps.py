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
            models=[
                "registrations.Registration",
                "registrations.ExpressionOfInterest",
                "registrations.SideEventProposal",
                "registrations.FundingApplication",
                "registrations.Review",  # the comments on the person's answers; a reviewer's own pointer below
            ],
        )
        personal_data.not_personal_data(
            "registrations.Review.reviewer",
            "registrations.ReviewerAssignment.reviewer",
            reason="a review is work done for the organizers in a staff role; its scores count in selections made",
        )
        personal_data.not_personal_data(
            "registrations.Selection.created_by",
            "registrations.ProposalRequest.requested_by",
            reason="who proposed a selection or asked for one, as staff: their work, on record",
        )
