"""The activity log: every change of a state, on record (who, when, which object, from → to, why).

Rows are written only by `activity.services.record`, in the transaction of the change itself, so a
change that rolls back leaves no row and no change goes unrecorded. They are never edited. They
hold no optional personal attribute; when a person deletes their account, their account stays as an
anonymous row, so the log keeps its shape and names nobody.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal import limits


def kind_label(content_type: ContentType) -> str:
    """The kind of object in the reader's language: the model's own verbose name."""
    model = content_type.model_class()
    return str(capfirst(model._meta.verbose_name)) if model else content_type.model


class Activity(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the portal itself acted: a deadline passed, a task ran."),
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of object"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("object"))
    subject = GenericForeignKey("content_type", "object_id")
    subject_label = models.CharField(_("object"), max_length=300)
    field = models.CharField(_("what changed"), max_length=40)
    before = models.CharField(_("from"), max_length=40, blank=True)
    after = models.CharField(_("to"), max_length=40, blank=True)
    note = models.TextField(_("reason or note"), blank=True, max_length=limits.NOTE)
    # Whose answer or registration it is: they see what others changed on it.
    concerns = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("concerns"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_concerning",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="activity_of_object"),
            models.Index(fields=["concerns", "at"], name="activity_concerning"),
            models.Index(fields=["actor", "at"], name="activity_by"),
        ]

    def __str__(self):
        return f"{self.subject_label}: {self.field} {self.before} → {self.after}"

    def _label(self, value: str) -> str:
        """The state's name in the reader's language, from the model field's own choices."""
        if not value:
            return ""
        try:
            choices = dict(self.content_type.model_class()._meta.get_field(self.field).flatchoices)
        except (FieldDoesNotExist, AttributeError):
            return value
        return str(choices.get(value, value))

    @property
    def before_label(self) -> str:
        return self._label(self.before)

    @property
    def after_label(self) -> str:
        return self._label(self.after)

    @property
    def kind_label(self) -> str:
        return kind_label(self.content_type)

    @property
    def actor_is_deleted(self) -> bool:
        """The actor deleted their account: it stays as an anonymous, inactive row."""
        return self.actor is not None and self.actor.is_deleted

    @property
    def actor_name(self) -> str:
        """Who acted, as people read it: a name, never an e-mail address in its place."""
        if self.actor_id is None:
            return str(_("the portal"))
        if self.actor_is_deleted:
            return str(_("a deleted account"))
        return self.actor.display_name or str(_("someone without a display name"))

    @property
    def actor_contact(self) -> str:
        """The actor's e-mail address, for staff pages' contact column; none for the portal or a deleted account."""
        if self.actor_id is None or self.actor_is_deleted:
            return ""
        return self.actor.email

    @property
    def field_label(self) -> str:
        try:
            return str(self.content_type.model_class()._meta.get_field(self.field).verbose_name)
        except (FieldDoesNotExist, AttributeError):
            return self.field
