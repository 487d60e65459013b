"""Who may do what in the registry (django-rules predicates)."""

import rules

from stakeholders.enums import MembershipRole, StaffRole
from stakeholders.queries import has_role


@rules.predicate
def is_secretariat(user):
    """Only through the role: the superuser flag is a break-glass for the server's administrator,
    not a way to act as the secretariat (design note §9)."""
    return user.is_authenticated and has_role(user, StaffRole.SECRETARIAT)


@rules.predicate
def is_focal_point(user):
    return has_role(user, StaffRole.FOCAL_POINT)


@rules.predicate
def is_reviewer(user):
    return has_role(user, StaffRole.REVIEWER)


@rules.predicate
def is_organization_admin(user, organization):
    if organization is None or not user.is_authenticated:
        return False
    return organization.memberships.filter(person=user, role=MembershipRole.ADMIN).exists()


is_signed_in = rules.is_authenticated


@rules.predicate
def is_own_join_request(user, join_request):
    return join_request is not None and user.is_authenticated and join_request.person_id == user.pk


# Requests to join an organization are answered by its administrators, or by the secretariat.
answers_join_requests = is_secretariat | is_organization_admin

rules.add_perm("stakeholders.verify_organization", is_secretariat)
rules.add_perm("stakeholders.grant_role", is_secretariat)
rules.add_perm("stakeholders.view_gap_map", is_secretariat | is_focal_point)
rules.add_perm("stakeholders.view_diversity", is_secretariat)
rules.add_perm("stakeholders.change_organization", is_secretariat | is_organization_admin)
rules.add_perm("stakeholders.view_own_data", is_signed_in)
rules.add_perm("stakeholders.onboard", is_signed_in)
rules.add_perm("stakeholders.ask_to_join", is_signed_in)
rules.add_perm("stakeholders.withdraw_join_request", is_own_join_request)
rules.add_perm("stakeholders.answer_join_request", answers_join_requests)
