from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "stakeholders"
    verbose_name = _("Stakeholders")

    def ready(self):
        from portal import personal_data
        from stakeholders import notices  # noqa: F401  registers the registry's notice kinds

        # The account and what hangs on it are exported by stakeholders.queries.personal_data and
        # erased by stakeholders.services.delete_account itself, which runs the registry's erasers.
        deleted = personal_data.erased_with_the_account
        deleted("stakeholders.User", how="stays as an anonymous, unusable row: no address, no name, no password")
        deleted("stakeholders.Profile", how="deleted, with the photo's file")
        deleted("stakeholders.Membership", how="ended on record, then deleted")
        deleted("stakeholders.JoinRequest", how="withdrawn on record while waiting, then deleted")
        deleted("stakeholders.RoleGrant", how="taken back on record; the row names only the anonymous account")
        deleted("stakeholders.Invitation", how="those to any of the person's addresses, or accepted by them, deleted")
        deleted("account.EmailAddress", how="deleted, with their confirmations")
        deleted("sessions.Session", how="every session of the person deleted, on every device")
        deleted("mfa.Authenticator", how="deleted: second-factor keys and recovery codes")
        deleted("admin.LogEntry", how="the person's name and addresses taken out of its texts")
        deleted("activity.Activity", how="activity.services.forget: notes about them emptied, name and addresses out")
        deleted("portal.Notice", how="portal.notices.forget_recipient: cancelled if not sent, address replaced")
        personal_data.not_personal_data(
            "stakeholders.Organization.verified_by",
            reason="who decided the organization's verification, for the secretariat: their work, on record",
        )
