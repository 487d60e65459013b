"""Who may read the activity log (django-rules predicates)."""

import rules

from stakeholders.rules import is_secretariat

rules.add_perm("activity.view_log", is_secretariat)
