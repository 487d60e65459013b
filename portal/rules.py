"""Role predicates shared by every app (django-rules)."""

import rules

from stakeholders.enums import StaffRole

is_secretariat = rules.is_group_member(StaffRole.SECRETARIAT.value)
is_focal_point = rules.is_group_member(StaffRole.FOCAL_POINT.value)
is_reviewer = rules.is_group_member(StaffRole.REVIEWER.value)
