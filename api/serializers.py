"""How each public object reads in the API. Only what the public pages show, and less where a page
shows something the brief of the open data keeps out: never an address, a personal attribute, an
author, a link to join online, a note of staff, or an organization outside the public directory."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from api.languages import LANGUAGE_CODES, LanguageSerializer, language_of, shown
from consultations.enums import CallKind, CallState, ConsultationKind, Modality, SessionFormat
from consultations.queries import languages_of, texts_of
from portal.languages import direction
from registrations.enums import ChangeReason
from stakeholders.enums import Commission, LedBy, StakeholderCategory
from stakeholders.models import in_language, shown_language

NULLABLE_URL = serializers.URLField(allow_null=True)


def absolute(request, name, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


class Reference(serializers.Serializer):
    """Another object of the API: its id and address."""

    url = serializers.URLField()


class ConsultationReference(Reference):
    slug = serializers.SlugField()


class CallReference(Reference):
    id = serializers.IntegerField()


class OrganizationReference(Reference):
    slug = serializers.SlugField()
    name = serializers.CharField()
    name_language = serializers.ChoiceField(choices=LANGUAGE_CODES)


class Eligibility(serializers.Serializer):
    category = serializers.ChoiceField(choices=StakeholderCategory.choices, allow_blank=True)
    region = serializers.ChoiceField(choices=Commission.choices, allow_blank=True)


class ApiSerializer(serializers.Serializer):
    """Reads the request and the language asked for from the context the view gives."""

    @property
    def request(self):
        return self.context["request"]

    @property
    def language(self) -> str:
        return self.context["language"]

    def consultation_reference(self, consultation) -> dict:
        return {
            "slug": consultation.slug,
            "url": absolute(self.request, "api:consultation-detail", slug=consultation.slug),
        }

    def call_reference(self, call_id) -> dict:
        return {"id": call_id, "url": absolute(self.request, "api:call-detail", pk=call_id)}

    def organization_reference(self, organization) -> dict | None:
        """Only an organization of the public directory (the query gives None for the others)."""
        if organization is None:
            return None
        code = shown_language(organization, "name", self.language)
        return {
            "slug": organization.slug,
            "url": absolute(self.request, "api:organization-detail", slug=organization.slug),
            "name": getattr(organization, in_language("name", code)) if code else "",
            "name_language": code,
        }


class OneLanguageSerializer(ApiSerializer):
    """An object shown wholly in one language (api.languages), saying which, and which languages it
    exists in."""

    language = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()

    def to_representation(self, instance):
        available = languages_of(instance, texts_of(instance)[0])
        copy = shown(instance, self.context.get("shown_in") or self.language)
        copy.available_languages = available
        return super().to_representation(copy)

    @extend_schema_field(LanguageSerializer)
    def get_language(self, item) -> dict:
        return language_of(item)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGE_CODES)))
    def get_languages(self, item) -> list[str]:
        return item.available_languages


class CallSerializer(OneLanguageSerializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=CallKind.choices)
    title = serializers.CharField()
    text = serializers.CharField(help_text="Markdown.")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    state = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()
    eligibility = serializers.SerializerMethodField()

    def get_url(self, call) -> str:
        return absolute(self.request, "api:call-detail", pk=call.pk)

    def get_page(self, call) -> str:
        return absolute(self.request, "consultations:call-detail", pk=call.pk)

    @extend_schema_field(serializers.ChoiceField(choices=CallState.choices))
    def get_state(self, call) -> str:
        return call.state_at(timezone.now()).value

    @extend_schema_field(ConsultationReference)
    def get_consultation(self, call) -> dict:
        return self.consultation_reference(call.consultation)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_objectives(self, call) -> list[int]:
        """Numbers of the GCM objectives the call is about; none: every objective."""
        return [objective.number for objective in call.objectives.all()]

    @extend_schema_field(Eligibility(many=True))
    def get_eligibility(self, call) -> list[dict]:
        return [{"category": row.category, "region": row.commission} for row in call.eligibility.all()]


class SpeakerSerializer(serializers.Serializer):
    """A confirmed speaker as they chose to appear (registrations.queries.speakers.public_speaker):
    with their name, affiliation and photo; with their name only; or anonymously, described by
    sub-region and category, with no name nor page."""

    is_anonymous = serializers.BooleanField()
    name = serializers.CharField()
    affiliation = serializers.CharField()
    description = serializers.CharField()
    page = serializers.SerializerMethodField()
    photo = serializers.SerializerMethodField()

    @extend_schema_field(NULLABLE_URL)
    def get_page(self, speaker) -> str | None:
        return self.context["request"].build_absolute_uri(speaker.url) if speaker.url else None

    @extend_schema_field(NULLABLE_URL)
    def get_photo(self, speaker) -> str | None:
        return self.context["request"].build_absolute_uri(speaker.photo_url) if speaker.photo_url else None


class SessionSerializer(OneLanguageSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    format = serializers.ChoiceField(choices=SessionFormat.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    speakers = serializers.SerializerMethodField()

    @extend_schema_field(SpeakerSerializer(many=True))
    def get_speakers(self, session) -> list[dict]:
        speakers = self.context["speakers"].get(session.consultation_id, {}).get(session.pk, [])
        return SpeakerSerializer(speakers, many=True, context=self.context).data


class ConsultationSerializer(OneLanguageSerializer):
    slug = serializers.SlugField()
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=ConsultationKind.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    region = serializers.ChoiceField(source="commission", choices=Commission.choices, allow_blank=True)
    country = serializers.CharField(source="country.code", allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField()
    modality = serializers.ChoiceField(choices=Modality.choices)
    venue = serializers.CharField()
    accessibility = serializers.CharField()
    meeting_languages = serializers.SerializerMethodField()
    interpretation = serializers.SerializerMethodField()
    co_organizers = serializers.SerializerMethodField()
    calls = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    sessions = serializers.SerializerMethodField()
    speakers = serializers.SerializerMethodField()

    def get_url(self, consultation) -> str:
        return absolute(self.request, "api:consultation-detail", slug=consultation.slug)

    def get_page(self, consultation) -> str:
        return self.request.build_absolute_uri(consultation.get_absolute_url())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_meeting_languages(self, consultation) -> list[str]:
        return [language.code for language in consultation.languages.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_interpretation(self, consultation) -> list[str]:
        return [language.code for language in consultation.interpretation.all()]

    @extend_schema_field(OrganizationReference(many=True))
    def get_co_organizers(self, consultation) -> list[dict]:
        return [self.organization_reference(organization) for organization in consultation.co_organizers.all()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_calls(self, consultation) -> str:
        """The consultation's published calls."""
        return f"{absolute(self.request, 'api:call-list')}?consultation={consultation.slug}"

    @extend_schema_field(NULLABLE_URL)
    def get_summary(self, consultation) -> str | None:
        if not consultation.has_summary:
            return None
        return absolute(self.request, "api:summary-detail", slug=consultation.slug)

    @extend_schema_field(SessionSerializer(many=True))
    def get_sessions(self, consultation) -> list[dict]:
        # Sessions follow the consultation's language where they can.
        context = {**self.context, "shown_in": consultation.shown_language}
        return SessionSerializer(consultation.sessions.all(), many=True, context=context).data

    @extend_schema_field(SpeakerSerializer(many=True))
    def get_speakers(self, consultation) -> list[dict]:
        """Confirmed speakers not tied to one session."""
        speakers = self.context["speakers"].get(consultation.pk, {}).get(None, [])
        return SpeakerSerializer(speakers, many=True, context=self.context).data


class SideEventSerializer(ApiSerializer):
    """An accepted side event: what the consultation's page shows, without its online link."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    description = serializers.CharField()
    co_organizers = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    time_zone = serializers.CharField(source="call.consultation.time_zone")
    place = serializers.CharField()
    organization = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    call = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()

    def get_url(self, event) -> str:
        return absolute(self.request, "api:side-event-detail", pk=event.pk)

    @extend_schema_field(OrganizationReference(allow_null=True))
    def get_organization(self, event) -> dict | None:
        return self.organization_reference(event.organization)

    @extend_schema_field(ConsultationReference)
    def get_consultation(self, event) -> dict:
        return self.consultation_reference(event.call.consultation)

    @extend_schema_field(CallReference)
    def get_call(self, event) -> dict:
        return self.call_reference(event.call_id)

    @extend_schema_field(LanguageSerializer(allow_null=True))
    def get_language(self, event) -> None:
        """Unknown: the proposers write in the language they choose, and do not say which."""
        return None


class SummarySerializer(OneLanguageSerializer):
    consultation = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    body = serializers.CharField(help_text="Markdown.")
    published_at = serializers.DateTimeField()
    submissions = serializers.SerializerMethodField()

    @extend_schema_field(ConsultationReference)
    def get_consultation(self, summary) -> dict:
        return self.consultation_reference(summary.consultation)

    def get_url(self, summary) -> str:
        return absolute(self.request, "api:summary-detail", slug=summary.consultation.slug)

    def get_page(self, summary) -> str:
        return self.request.build_absolute_uri(summary.consultation.get_absolute_url())

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_submissions(self, summary) -> list[str]:
        """The published written submissions the summary draws on."""
        return [absolute(self.request, "api:submission-detail", pk=item.pk) for item in summary.submissions.all()]


class SubmissionSerializer(ApiSerializer):
    """A published written submission, without its author, as its public page shows it."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    title = serializers.CharField()
    text = serializers.CharField()
    document = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    organization = serializers.SerializerMethodField()
    call = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()

    def get_url(self, submission) -> str:
        return absolute(self.request, "api:submission-detail", pk=submission.pk)

    def get_page(self, submission) -> str:
        return absolute(self.request, "consultations:submission-detail", pk=submission.pk)

    @extend_schema_field(NULLABLE_URL)
    def get_document(self, submission) -> str | None:
        """The PDF, if it came with one."""
        if not submission.document:
            return None
        return absolute(self.request, "consultations:submission-document", pk=submission.pk)

    @extend_schema_field(OrganizationReference(allow_null=True))
    def get_organization(self, submission) -> dict | None:
        return self.organization_reference(submission.organization)

    @extend_schema_field(CallReference)
    def get_call(self, submission) -> dict:
        return self.call_reference(submission.call_id)

    @extend_schema_field(ConsultationReference)
    def get_consultation(self, submission) -> dict:
        return self.consultation_reference(submission.call.consultation)

    @extend_schema_field(LanguageSerializer)
    def get_language(self, submission) -> dict:
        """The language its author wrote it in: always the original."""
        return {
            "code": submission.language,
            "direction": direction(submission.language),
            "provenance": "original",
            "is_fallback": submission.language != self.language,
        }


class OrganizationSerializer(ApiSerializer):
    """An organization of the public directory (a values() row of stakeholders.queries). Its name,
    acronym and description exist in languages of their own: each says which it is in."""

    slug = serializers.SlugField()
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    name_language = serializers.SerializerMethodField()
    acronym = serializers.SerializerMethodField()
    acronym_language = serializers.SerializerMethodField()
    category = serializers.ChoiceField(choices=StakeholderCategory.choices)
    country = serializers.SerializerMethodField()
    led_by = serializers.SerializerMethodField()

    def field(self, row, field) -> tuple[str, str | None]:
        code = shown_language(row, field, self.language)
        if not code:
            return ("", None)
        return (self.value(row, in_language(field, code)) or "", code)

    def get_url(self, row) -> str:
        return absolute(self.request, "api:organization-detail", slug=self.value(row, "slug"))

    def get_page(self, row) -> str:
        return absolute(self.request, "stakeholders:organization-detail", slug=self.value(row, "slug"))

    def get_name(self, row) -> str:
        return self.field(row, "name")[0]

    @extend_schema_field(serializers.ChoiceField(choices=LANGUAGE_CODES))
    def get_name_language(self, row) -> str | None:
        return self.field(row, "name")[1]

    def get_acronym(self, row) -> str:
        return self.field(row, "acronym")[0]

    @extend_schema_field(serializers.ChoiceField(choices=LANGUAGE_CODES, allow_null=True))
    def get_acronym_language(self, row) -> str | None:
        return self.field(row, "acronym")[1]

    def get_country(self, row) -> str:
        return str(self.value(row, "country"))

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=LedBy.choices)))
    def get_led_by(self, row) -> list[str]:
        return [choice.value for choice in LedBy if self.value(row, f"is_{choice.value}_led")]

    @staticmethod
    def value(row, name):
        return row[name] if isinstance(row, dict) else getattr(row, name)


class OrganizationDetailSerializer(OrganizationSerializer):
    description = serializers.SerializerMethodField()
    description_language = serializers.SerializerMethodField()
    website = serializers.URLField(allow_blank=True)
    countries_of_work = serializers.SerializerMethodField()
    working_languages = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()

    def get_description(self, organization) -> str:
        return self.field(organization, "description")[0]

    @extend_schema_field(serializers.ChoiceField(choices=LANGUAGE_CODES, allow_null=True))
    def get_description_language(self, organization) -> str | None:
        return self.field(organization, "description")[1]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_countries_of_work(self, organization) -> list[str]:
        return [country.code for country in organization.countries_of_work]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_working_languages(self, organization) -> list[str]:
        return [language.code for language in organization.languages.all()]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_objectives(self, organization) -> list[int]:
        return [objective.number for objective in organization.objectives.all()]


class ObjectiveSerializer(ApiSerializer):
    number = serializers.IntegerField()
    title = serializers.SerializerMethodField()
    title_language = serializers.SerializerMethodField()

    def get_title(self, objective) -> str:
        return getattr(objective, in_language("title", self.title_code(objective))) or ""

    @extend_schema_field(serializers.ChoiceField(choices=LANGUAGE_CODES))
    def get_title_language(self, objective) -> str:
        return self.title_code(objective)

    def title_code(self, objective) -> str:
        return shown_language(objective, "title", self.language) or self.language


class CodeSerializer(serializers.Serializer):
    """An entry of a code list; its name is in the language of the answer (Content-Language)."""

    code = serializers.CharField()
    name = serializers.CharField()


class RegionSerializer(CodeSerializer):
    countries = serializers.ListField(child=serializers.CharField(), help_text="ISO 3166 codes of its members.")


class SubRegionSerializer(CodeSerializer):
    region = serializers.CharField(help_text="The UN M49 code of its region.")
    region_name = serializers.CharField()


# Published figures: participation indicators and the record of how a call was run (api.figures).


class CountSerializer(serializers.Serializer):
    """A count of people as the page publishes it (portal.counts): a band of five ("10 to 14": `low`
    10, `high` 14), or hidden (`shown` false, `low` and `high` null), never the exact figure behind."""

    shown = serializers.BooleanField(source="is_shown")
    low = serializers.IntegerField(allow_null=True)
    high = serializers.IntegerField(allow_null=True)
    is_small = serializers.BooleanField(
        allow_null=True,
        help_text="When hidden: true for a group of fewer than 5 (0 included), false for a count hidden so that "
        "no small group can be worked out; null when shown, or when the page does not say which.",
    )
    text = serializers.SerializerMethodField(help_text="As the page says it, in the language of the answer.")

    def get_text(self, count) -> str:
        return str(count)


class KeyedCountSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="A stable code of the group.")
    label = serializers.CharField()
    count = CountSerializer()


class StageCountsSerializer(serializers.Serializer):
    """A count at each stage of the funnel, by the stage's key."""

    applied = CountSerializer()
    shortlisted = CountSerializer()
    selected = CountSerializer()
    confirmed = CountSerializer()
    spoke = CountSerializer()


class StageSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=["applied", "shortlisted", "selected", "confirmed", "spoke"])
    label = serializers.CharField()


class FunnelGroupSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="A stable code: a stakeholder category or `individuals`; a UN M49 sub-region; a gender or "
        "`not-answered`; `first-time` or `took-part-before`; who leads the organization (led_by)."
    )
    label = serializers.CharField()
    counts = StageCountsSerializer()


class FunnelBreakdownSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=["category", "sub_region", "gender", "first_time", "led_by"])
    label = serializers.CharField()
    groups = FunnelGroupSerializer(
        many=True, help_text="Only the groups with a count shown at some stage, as the page lists them."
    )


class FunnelSerializer(serializers.Serializer):
    """The people who offered to speak, each counted once at the furthest stage they reached and at
    every stage before it."""

    stages = StageSerializer(many=True)
    totals = StageCountsSerializer()
    breakdowns = FunnelBreakdownSerializer(many=True)
    someone_may_have_spoken = serializers.BooleanField(help_text="Some consultation of the scope has ended.")


class RegistrationsSerializer(serializers.Serializer):
    total = CountSerializer(help_text="People with a confirmed place.")
    by_attendance = KeyedCountSerializer(many=True, help_text="By way of taking part (in-person, online).")


class RegistrySerializer(serializers.Serializer):
    total = CountSerializer(help_text="Verified organizations in the registry for this scope.")
    by_category = KeyedCountSerializer(many=True, help_text="Only the groups with a count shown.")
    by_sub_region = KeyedCountSerializer(many=True, help_text="Only the groups with a count shown.")


class KeyedLabelSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class NotInTheRoomSerializer(serializers.Serializer):
    """In the registry, but not shown among the people who offered to speak (nobody, fewer than 5, or
    hidden to protect others)."""

    category = KeyedLabelSerializer(many=True)
    sub_region = KeyedLabelSerializer(many=True)


class IndicatorsReference(serializers.Serializer):
    slug = serializers.SlugField()
    url = serializers.URLField()
    page = serializers.URLField()


class FiguresSerializer(serializers.Serializer):
    """What an indicators page shows, every count in bands of five or hidden (api.figures)."""

    answers = KeyedCountSerializer(many=True)
    registrations = RegistrationsSerializer()
    funnel = FunnelSerializer()
    registry = RegistrySerializer()
    not_in_the_room = NotInTheRoomSerializer()


class ScopeSerializer(serializers.Serializer):
    cycle = serializers.SlugField(allow_null=True, help_text="The review cycle's slug; null: every cycle.")
    region = serializers.ChoiceField(
        choices=Commission.choices, allow_null=True, help_text="The UN regional commission; null: every region."
    )


@extend_schema_serializer(many=False)  # one object, though a viewset's list answers it
class ScopeIndicatorsSerializer(FiguresSerializer):
    """The indicators of the published consultations of a review cycle and/or a UN region, each person
    counted once, with a link to each consultation's own indicators."""

    scope = ScopeSerializer()
    page = serializers.URLField()
    consultations = IndicatorsReference(many=True)


class ConsultationIndicatorsSerializer(FiguresSerializer):
    consultation = ConsultationReference()
    url = serializers.URLField()
    page = serializers.URLField()


class TextLanguageSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=LANGUAGE_CODES)
    direction = serializers.ChoiceField(choices=["ltr", "rtl"])


class CriterionSerializer(serializers.Serializer):
    name = serializers.CharField()
    weight = serializers.IntegerField(help_text="The weights of a call add up to 100.")
    language = serializers.SerializerMethodField()

    @extend_schema_field(TextLanguageSerializer)
    def get_language(self, criterion) -> dict:
        return {"code": criterion["language"], "direction": criterion["direction"]}


class RecordGroupSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="A category, a UN M49 sub-region or a gender; `not-given` for those who did not say."
    )
    label = serializers.CharField()
    applied = CountSerializer()
    selected = CountSerializer()


class RecordBreakdownSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=["category", "sub_region", "gender"])
    title = serializers.CharField()
    groups = RecordGroupSerializer(many=True, help_text="Only the groups with a count shown.")


class ChangesByHandSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=ChangeReason.choices)
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Changes by hand for this reason (not people).")


class CallRecordSerializer(ApiSerializer):
    """How a call was run, as its public page says once its selection is published: generated, never
    typed; people only as counts in bands; no name, no address, no reason written for a change by hand."""

    call = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=CallKind.choices)
    kind_label = serializers.CharField()
    title = serializers.CharField()
    language = serializers.SerializerMethodField(help_text="The language of the title.")
    time_zone = serializers.CharField(help_text="The consultation's, in which its pages give dates.")
    published_at = serializers.DateTimeField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    selection_published_at = serializers.DateTimeField()
    notice_days = serializers.IntegerField(help_text="Whole days from publication (or opening, if later) to closing.")
    rule_days = serializers.IntegerField(help_text="The days of notice the rule asks for.")
    is_short_notice = serializers.BooleanField()
    short_notice_reason = serializers.CharField(
        allow_blank=True, help_text="Why the notice was shorter than the rule, as recorded; empty when it was not."
    )
    answers_label = serializers.CharField()
    answers = CountSerializer(help_text="Every answer that arrived, withdrawn ones too.")
    selected = CountSerializer()
    blind_review = serializers.BooleanField()
    criteria = CriterionSerializer(many=True)
    rules = serializers.ListField(child=serializers.CharField(), help_text="The rules of balance, as written.")
    balance = RecordBreakdownSerializer(many=True)
    counts_changes_by_hand = serializers.BooleanField()
    changes_by_hand = ChangesByHandSerializer(many=True, help_text="Only the reasons given at least once.")
    changes_by_hand_total = serializers.IntegerField()
    programme = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()

    @extend_schema_field(CallReference)
    def get_call(self, record) -> dict:
        return self.call_reference(record["call_id"])

    def get_url(self, record) -> str:
        return absolute(self.request, "api:call-record-detail", pk=record["call_id"])

    def get_page(self, record) -> str:
        return absolute(self.request, "registrations:how-call-was-run", pk=record["call_id"])

    @extend_schema_field(TextLanguageSerializer)
    def get_language(self, record) -> dict:
        return {"code": record["language"], "direction": record["direction"]}

    @extend_schema_field(ConsultationReference)
    def get_consultation(self, record) -> dict:
        slug = record["consultation_slug"]
        return {"slug": slug, "url": absolute(self.request, "api:consultation-detail", slug=slug)}

    def get_programme(self, record) -> str:
        return self.request.build_absolute_uri(record["programme_url"])

    @extend_schema_field(NULLABLE_URL)
    def get_summary(self, record) -> str | None:
        return self.request.build_absolute_uri(record["summary_url"]) if record["summary_url"] else None


class CallRecordItemSerializer(ApiSerializer):
    """A call whose record of how it was run is public (its selection published)."""

    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    call = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=CallKind.choices)
    title = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    selection_published_at = serializers.DateTimeField()

    def to_representation(self, instance):
        return super().to_representation(shown(instance, self.language))

    def get_url(self, call) -> str:
        return absolute(self.request, "api:call-record-detail", pk=call.pk)

    def get_page(self, call) -> str:
        return absolute(self.request, "registrations:how-call-was-run", pk=call.pk)

    @extend_schema_field(CallReference)
    def get_call(self, call) -> dict:
        return self.call_reference(call.pk)

    @extend_schema_field(ConsultationReference)
    def get_consultation(self, call) -> dict:
        return self.consultation_reference(call.consultation)

    def get_title(self, call) -> str:
        return call.title or str(CallKind(call.kind).label)

    @extend_schema_field(TextLanguageSerializer)
    def get_language(self, call) -> dict:
        return {"code": call.shown_language, "direction": call.shown_direction}
