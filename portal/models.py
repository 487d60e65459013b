"""The notice outbox: every notice is a row first, written in the transaction of the change that causes it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NoticeState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", pgettext_lazy("notice state", "Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Not sent: its reason has gone")


class Notice(models.Model):
    """One message of one kind about one object to one address, at most once (per reminder)."""

    kind = models.CharField(_("kind"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("content_type", "object_id")
    email = models.EmailField(_("e-mail address"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True
    )
    # A visitor's language and time zone, said when subscribing; a person's come from the profile when sent.
    language = models.CharField(_("language"), max_length=10, default="en")
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    reminder = models.CharField(
        _("reminder"), max_length=20, blank=True, help_text=_("Which reminder this is, e.g. 7d or 1d; empty otherwise.")
    )
    due_at = models.DateTimeField(_("due at"))
    state = models.CharField(_("state"), max_length=10, choices=NoticeState, default=NoticeState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Fixed when queued: a send repeated after a crash carries the same Message-ID, so mail clients drop it.
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "email", "reminder"], name="notice_once_per_recipient"
            ),
            models.CheckConstraint(
                condition=~Q(state=NoticeState.SENT) | Q(sent_at__isnull=False), name="notice_sent_has_time"
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="notice_due")]

    def __str__(self):
        return f"{self.kind} → {self.email}"
