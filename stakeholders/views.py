import csv

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from portal.counts import SMALL_GROUP
from portal.labels import choice_labels, country_names
from portal.personal_data import ended_by_erasing
from stakeholders import queries, services
from stakeholders.enums import LedBy, StakeholderCategory
from stakeholders.filters import DirectoryFilter
from stakeholders.forms import (
    DecisionForm,
    InvitationForm,
    JoinDecisionForm,
    JoinRequestForm,
    NameForm,
    OrganizationForm,
    ProfileForm,
    RoleGrantForm,
    SpeakerProfileForm,
)
from stakeholders.heatmap import heatmap
from stakeholders.models import Invitation, JoinRequest, Membership, Organization, Profile, RoleGrant, in_language
from stakeholders.photos import photo_url, save_speaker_profile
from stakeholders.services import TRANSLATED_ORGANIZATION_FIELDS


class DirectoryView(FilterView):
    """Public: everyone. Verified organizations that chose to be listed."""

    filterset_class = DirectoryFilter
    template_name = "stakeholders/organization_list.html"
    paginate_by = 50

    def get_queryset(self):
        return queries.directory_organizations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Plain values, labels looked up once per language: the template reads them far faster than
        # model attributes, Country.name and get_*_display (3 ms of 50 cards).
        categories, countries, leaders = choice_labels(StakeholderCategory), country_names(), choice_labels(LedBy)
        context["organizations"] = [
            {
                "url": reverse("stakeholders:organization-detail", kwargs={"slug": row["slug"]}),
                # Every language's name and acronym too: |in_its_language says which one is shown.
                **row,
                "category": categories.get(row["category"], row["category"]),
                "country": countries.get(row["country"], ""),
                "led_by": [label for value, label in leaders.items() if row[f"is_{value}_led"]],
            }
            for row in context["object_list"]
        ]
        return context


class OrganizationDetailView(DetailView):
    """Public: everyone, for listed organizations; others are not found."""

    template_name = "stakeholders/organization_detail.html"
    context_object_name = "organization"

    def get_object(self, queryset=None):
        try:
            return queries.public_organization(self.kwargs["slug"])
        except Organization.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        """A signed-in person also sees where they stand with the organization, and may ask to join."""
        context = super().get_context_data(**kwargs)
        if self.request.user.is_authenticated:
            context.update(queries.join_state(self.request.user, self.object))
            context["join_form"] = JoinRequestForm(
                organizations=queries.organizations_to_join(), organization=self.object
            )
        return context


class WelcomeView(PermissionRequiredMixin, TemplateView):
    """Signed-in people: how do you take part?"""

    permission_required = "stakeholders.onboard"
    template_name = "stakeholders/welcome.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=queries.memberships_of(self.request.user),
            join_requests=queries.pending_join_requests_of(self.request.user),
            **kwargs,
        )


class NameView(PermissionRequiredMixin, FormView):
    """Signed-in people: "What should we call you?" An account without a name is sent here before
    any other page (stakeholders.middleware), then on to the page it asked for."""

    permission_required = "stakeholders.onboard"
    template_name = "stakeholders/name.html"
    form_class = NameForm

    def get_initial(self):
        return {"display_name": self.request.user.display_name}

    def next_url(self) -> str:
        """The page asked for, if it is one of ours; "" otherwise."""
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        is_ours = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if is_ours else ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)

    def form_valid(self, form):
        services.set_display_name(self.request.user, name=form.cleaned_data["display_name"])
        messages.success(self.request, _("Thank you, %(name)s.") % {"name": self.request.user.display_name})
        return redirect(self.next_url() or get_adapter(self.request).get_login_redirect_url(self.request))


class AskToJoinView(PermissionRequiredMixin, FormView):
    """Signed-in people: ask to join an organization of the directory (chosen here, or fixed by the
    organization's own page, whose form comes here)."""

    permission_required = "stakeholders.ask_to_join"
    template_name = "stakeholders/join_request_form.html"
    form_class = JoinRequestForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organizations": queries.organizations_to_join()}

    def get_initial(self):
        chosen = queries.organizations_to_join().filter(slug=self.request.GET.get("organization", "")).first()
        return {"organization": chosen}

    def form_valid(self, form):
        organization = form.cleaned_data["organization"]
        try:
            services.ask_to_join(organization, by=self.request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_error("organization", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request to join %(name)s is sent to its administrators.") % {"name": organization.name},
        )
        return redirect(organization)


class WithdrawJoinRequestView(PermissionRequiredMixin, View):
    """The person who asked: take back a request to join that waits for an answer."""

    permission_required = "stakeholders.withdraw_join_request"
    http_method_names = ["post"]

    def get_permission_object(self):
        return get_object_or_404(JoinRequest.objects.select_related("organization"), pk=self.kwargs["pk"])

    def post(self, request, pk):
        join_request = self.get_permission_object()
        try:
            services.withdraw_join_request(join_request, by=request.user)
            messages.success(
                request, _("Your request to join %(name)s is withdrawn.") % {"name": join_request.organization.name}
            )
        except ValidationError as error:
            messages.error(request, error.message)
        return redirect("stakeholders:welcome")


class ProfileView(PermissionRequiredMixin, FormView):
    """Signed-in people: their own profile (taking part as an individual needs nothing more)."""

    permission_required = "stakeholders.onboard"
    template_name = "stakeholders/profile_form.html"
    form_class = ProfileForm
    success_url = reverse_lazy("stakeholders:my-data")

    def get_initial(self):
        return {"display_name": self.request.user.display_name}

    def get_form_kwargs(self):
        profile = Profile.objects.filter(person=self.request.user).first()
        return {**super().get_form_kwargs(), "instance": profile}

    def form_valid(self, form):
        data = form.cleaned_data
        if "individual" in self.request.GET:
            data["is_individual"] = True
        services.save_profile(self.request.user, data=data)
        messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)


class RegisterOrganizationView(PermissionRequiredMixin, FormView):
    """Signed-in people: register an organization and become its administrator."""

    permission_required = "stakeholders.onboard"
    template_name = "stakeholders/organization_form.html"
    form_class = OrganizationForm

    def form_valid(self, form):
        organization = services.register_organization(by=self.request.user, data=form.cleaned_data)
        messages.success(
            self.request,
            _("%(name)s is registered. The secretariat will verify it; you will see the decision here.")
            % {"name": organization.name},
        )
        return redirect("stakeholders:my-data")


class VerificationQueueView(PermissionRequiredMixin, ListView):
    """Secretariat: organizations waiting for verification."""

    permission_required = "stakeholders.verify_organization"
    template_name = "stakeholders/verification_queue.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return queries.pending_organizations()


class DecideVerificationView(PermissionRequiredMixin, FormView):
    """Secretariat: verify or reject one organization, with a reason."""

    permission_required = "stakeholders.verify_organization"
    template_name = "stakeholders/verification_form.html"
    form_class = DecisionForm
    success_url = reverse_lazy("stakeholders:verification-queue")

    def get_context_data(self, **kwargs):
        organization = get_object_or_404(Organization, pk=self.kwargs["pk"])
        return super().get_context_data(organization=organization, **kwargs)

    def form_valid(self, form):
        organization = get_object_or_404(Organization, pk=self.kwargs["pk"])
        services.decide_verification(organization, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The decision on %(name)s is recorded.") % {"name": organization.name})
        return super().form_valid(form)


class RoleGrantView(PermissionRequiredMixin, FormView):
    """Secretariat: who holds which staff role; grant one."""

    permission_required = "stakeholders.grant_role"
    template_name = "stakeholders/role_grants.html"
    form_class = RoleGrantForm
    success_url = reverse_lazy("stakeholders:role-grants")

    def get_context_data(self, **kwargs):
        return super().get_context_data(grants=queries.active_role_grants(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        grant = services.grant_role(
            data["email"],
            by=self.request.user,
            role=data["role"],
            country=data["country"],
            commission=data["commission"],
        )
        messages.success(self.request, _("%(person)s is now %(role)s.") % {"person": grant.person, "role": grant})
        return super().form_valid(form)


class RevokeRoleView(PermissionRequiredMixin, View):
    """Secretariat: take a role back (the grant stays on record)."""

    permission_required = "stakeholders.grant_role"
    http_method_names = ["post"]

    def post(self, request, pk):
        grant = services.revoke_role(get_object_or_404(RoleGrant, pk=pk), by=request.user)
        messages.success(request, _("%(person)s is no longer %(role)s.") % {"person": grant.person, "role": grant})
        return redirect("stakeholders:role-grants")


class MyDataView(PermissionRequiredMixin, TemplateView):
    """Signed-in people: everything the portal holds about them."""

    permission_required = "stakeholders.view_own_data"
    template_name = "stakeholders/my_data.html"

    def get_context_data(self, **kwargs):
        person = self.request.user
        profile = queries.own_profile(person)
        return super().get_context_data(
            personal_data=queries.personal_data(person, profile),
            profile_rows=queries.profile_rows(profile),
            memberships=queries.memberships_of(person),
            **kwargs,
        )


class MyDataDownloadView(PermissionRequiredMixin, View):
    """Signed-in people: the same, as a JSON file."""

    permission_required = "stakeholders.view_own_data"

    def get(self, request):
        response = JsonResponse(
            queries.personal_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False}
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        add_never_cache_headers(response)  # personal data: kept by no cache, the browser's included
        return response


class DeleteAccountView(PermissionRequiredMixin, TemplateView):
    """Signed-in people: delete their own account after confirming."""

    permission_required = "stakeholders.view_own_data"
    template_name = "stakeholders/delete_account.html"

    def get_context_data(self, **kwargs):
        """What the deletion would end, said before the person confirms it (GET changes nothing)."""
        return super().get_context_data(ended=ended_by_erasing(self.request.user), **kwargs)

    def post(self, request):
        services.delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data are deleted."))
        return redirect("home")


class GapMapView(PermissionRequiredMixin, TemplateView):
    """Secretariat and focal points: verified organizations by category and place, as a heat map with
    its table. The first view is by region (a focal point's: by sub-region), and `?region=` opens one
    onto its own places; the full table and the CSV give every sub-region (or country) at once, and
    the CSV of a region its places."""

    permission_required = "stakeholders.view_gap_map"
    template_name = "stakeholders/gap_map.html"

    def get(self, request, *args, **kwargs):
        self.gap_map = self.published()
        self.place = request.GET.get("region", "")
        if self.place and self.place not in self.gap_map.within:
            raise Http404(_("There is no such region on this map."))
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def published(self):
        """The secretariat sees every sub-region; a focal point the countries they answer for."""
        if self.request.user.has_perm("stakeholders.verify_organization"):
            return queries.gap_map()
        return queries.gap_map(countries=queries.focal_point_countries(self.request.user))

    def shown(self):
        """The grid of the table and the CSV: a region's places, or every one of them."""
        return self.gap_map.within[self.place] if self.place else self.gap_map.everything

    def get_context_data(self, **kwargs):
        by_country = not self.request.user.has_perm("stakeholders.verify_organization")
        names = dict(self.gap_map.places)
        if self.place:
            picture = self.gap_map.within[self.place]
            title = (
                _("Verified organizations in %(place)s by category and country")
                if by_country
                else _("Verified organizations in %(place)s by category and sub-region")
            ) % {"place": names[self.place]}
        else:
            picture = self.gap_map.overview
            title = (
                _("Verified organizations by category and sub-region")
                if by_country
                else _("Verified organizations by category and region")
            )
        grid = self.shown()
        return super().get_context_data(
            gap_map=self.gap_map,
            place=self.place,
            place_name=names.get(self.place, ""),
            by_country=by_country,
            picture=picture,
            heatmap=heatmap(picture, title=title, rtl=get_language_bidi()),
            columns=grid.columns,
            rows=grid.rows,
            column_totals=grid.column_totals,
            total=grid.total,
            small_group=SMALL_GROUP,
            **kwargs,
        )

    def csv(self):
        """The same counts as the page's table, with their totals; hidden ones in words ("fewer than 5",
        "not shown")."""
        grid = self.shown()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"representation-gap-map-{self.place}" if self.place else "representation-gap-map"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response)
        writer.writerow([_("Category"), *(name for _code, name in grid.columns), _("Total")])
        for label, cells, row_total in grid.rows:
            writer.writerow([label, *(str(cell) for cell in cells), str(row_total)])
        writer.writerow([_("Total"), *(str(cell) for cell in grid.column_totals), str(grid.total)])
        add_never_cache_headers(response)  # an export for staff: kept by no cache
        return response


class OrganizationPermissionMixin(PermissionRequiredMixin):
    """The organization named in the URL, whatever its status, checked against its admins."""

    permission_required = "stakeholders.change_organization"

    def get_permission_object(self):
        if not hasattr(self, "organization"):
            self.organization = get_object_or_404(Organization, slug=self.kwargs["slug"])
        return self.organization

    def get_context_data(self, **kwargs):
        return super().get_context_data(organization=self.get_permission_object(), **kwargs)


class OrganizationUpdateView(OrganizationPermissionMixin, FormView):
    """The organization's admins and the secretariat: edit it, texts in the page's language."""

    template_name = "stakeholders/organization_edit.html"
    form_class = OrganizationForm

    def get_form_kwargs(self):
        organization = self.get_permission_object()
        language = get_language()
        initial = {
            field: getattr(organization, in_language(field, language)) or "" for field in TRANSLATED_ORGANIZATION_FIELDS
        }
        return {**super().get_form_kwargs(), "instance": organization, "initial": initial}

    def form_valid(self, form):
        services.update_organization(self.organization, data=form.cleaned_data)
        messages.success(self.request, _("The changes are saved."))
        return redirect("stakeholders:members", slug=self.organization.slug)


class MembersView(OrganizationPermissionMixin, FormView):
    """The organization's admins and the secretariat: members, open invitations, a new invitation."""

    template_name = "stakeholders/members.html"
    form_class = InvitationForm

    def get_context_data(self, **kwargs):
        organization = self.get_permission_object()
        return super().get_context_data(
            members=queries.members_of(organization),
            invitations=organization.invitations.open().order_by("email"),
            join_requests=queries.waiting_join_requests(organization),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.invite_member(self.organization, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The invitation is on its way to %(email)s.") % form.cleaned_data)
        return redirect("stakeholders:members", slug=self.organization.slug)


class RemoveMemberView(OrganizationPermissionMixin, View):
    """The organization's admins and the secretariat: remove a member (never the last admin)."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        membership = get_object_or_404(Membership, pk=pk, organization=self.get_permission_object())
        try:
            services.remove_member(membership, by=request.user)
            messages.success(request, _("%(person)s is no longer a member.") % {"person": membership.person.name})
        except ValidationError as error:
            messages.error(request, error.message)
        return redirect("stakeholders:members", slug=slug)


class AnswerJoinRequestView(OrganizationPermissionMixin, FormView):
    """The organization's admins and the secretariat: accept or decline a request to join, with an
    optional note to the person. A request already answered or withdrawn says so."""

    permission_required = "stakeholders.answer_join_request"
    template_name = "stakeholders/join_request_answer.html"
    form_class = JoinDecisionForm

    @cached_property
    def join_request(self):
        return get_object_or_404(
            JoinRequest.objects.select_related("person"),
            pk=self.kwargs["pk"],
            organization=self.get_permission_object(),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(join_request=self.join_request, **kwargs)

    def form_valid(self, form):
        accept = form.cleaned_data["decision"] == JoinDecisionForm.ACCEPT
        try:
            services.decide_join_request(
                self.join_request, by=self.request.user, accept=accept, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if accept:
            message = _("%(person)s is now a member.")
        else:
            message = _("The request of %(person)s is declined; they will be told.")
        messages.success(self.request, message % {"person": self.join_request.person.name})
        return redirect("stakeholders:members", slug=self.organization.slug)


class AcceptInvitationView(PermissionRequiredMixin, TemplateView):
    """Signed-in people holding the invited e-mail address: join the organization."""

    permission_required = "stakeholders.onboard"
    template_name = "stakeholders/invitation.html"

    def get_invitation(self):
        return get_object_or_404(Invitation.objects.open().select_related("organization"), token=self.kwargs["token"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.get_invitation(), **kwargs)

    def post(self, request, token):
        membership = services.accept_invitation(self.get_invitation(), person=request.user)
        messages.success(request, _("You are now a member of %(name)s.") % {"name": membership.organization.name})
        return redirect("stakeholders:my-data")


class DiversityView(PermissionRequiredMixin, TemplateView):
    """Secretariat: who takes part, as totals of the optional personal attributes."""

    permission_required = "stakeholders.view_diversity"
    template_name = "stakeholders/diversity.html"

    def get_context_data(self, **kwargs):
        total, figures = queries.diversity_figures()
        return super().get_context_data(total=total, figures=figures, small_group=SMALL_GROUP, **kwargs)


class SpeakerProfileView(PermissionRequiredMixin, FormView):
    """Signed-in people: their own speaker profile (affiliation, biography, photo), private until they
    confirm as a speaker and choose to appear with it."""

    permission_required = "stakeholders.onboard"
    template_name = "stakeholders/speaker_profile.html"
    form_class = SpeakerProfileForm
    success_url = reverse_lazy("stakeholders:speaker-profile")

    @cached_property
    def profile(self):
        return queries.own_profile(self.request.user)

    def get_initial(self):
        profile = self.profile
        if profile is None:
            return {"biography_language": get_language()}
        return {
            "affiliation": profile.affiliation,
            "biography": profile.biography,
            "biography_language": profile.biography_language or get_language(),
        }

    def get_context_data(self, **kwargs):
        photo = self.profile.photo.name if self.profile else ""
        return super().get_context_data(photo_url=photo_url(photo), **kwargs)

    def form_valid(self, form):
        try:
            save_speaker_profile(self.request.user, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("photo", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your speaker profile is saved."))
        return super().form_valid(form)
