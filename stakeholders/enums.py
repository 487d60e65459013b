from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """Roles granted by the secretariat (design note §2); each is a Django group of the same name."""

    FOCAL_POINT = "focal-point", _("Focal point")
    REVIEWER = "reviewer", _("Reviewer")
    SECRETARIAT = "secretariat", _("Secretariat")
