"""Published summaries: Markdown from people, never raw HTML or script, and never before the consultation ends."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations import services
from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.models import Summary, WrittenSubmission
from portal.markdown import render_markdown
from stakeholders.enums import StaffRole
from tests.factories import UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Every element of a piece of HTML with its attributes: what a browser would act on."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://example.org" onclick="alert(1)">link</a>',
    ],
)
def test_no_script_survives_the_markdown(attack):
    elements = Elements()
    elements.feed(render_markdown(f"Outcome\n\n{attack}"))

    assert "script" not in [tag for tag, _attributes in elements.found]
    assert "img" not in [tag for tag, _attributes in elements.found]
    for _tag, attributes in elements.found:
        assert not [name for name, _value in attributes if name.startswith("on")]
        assert not [value for name, value in attributes if name == "href" and "javascript" in (value or "")]


def test_markdown_keeps_what_a_summary_needs():
    html = render_markdown("## Key messages\n\n- **Decent work** for migrants\n- [Report](https://example.org)")

    assert "<h2>Key messages</h2>" in html
    assert "<li><strong>Decent work</strong> for migrants</li>" in html
    assert '<a href="https://example.org"' in html


def test_the_published_summary_shows_on_the_consultation_page_in_the_page_language(client):
    place = consultation(slug="africa", status=PublicationStatus.PUBLISHED)
    Summary.objects.create(
        consultation=place,
        body_en="**Migrants' voices** were heard. <script>alert(1)</script>",
        body_fr="Les **voix des migrants** ont été entendues.",
        written_by=UserFactory(display_name="Amina Diallo"),
        published_at=timezone.now(),
    )

    english = client.get("/en/consultations/africa/").content.decode()
    french = client.get("/fr/consultations/africa/").content.decode()

    assert (
        "<strong>Migrants' voices</strong> were heard." in english
        or "<strong>Migrants&#x27; voices</strong>" in english
    )
    assert "<script>alert(1)</script>" not in english
    assert "Amina Diallo" in english
    assert "Les <strong>voix des migrants</strong> ont été entendues." in french


def test_an_unpublished_summary_stays_hidden(client):
    place = consultation(slug="africa", status=PublicationStatus.PUBLISHED)
    Summary.objects.create(consultation=place, body_en="Draft outcome")

    assert "Draft outcome" not in client.get("/en/consultations/africa/").content.decode()


def test_a_summary_links_the_published_submissions_it_draws_on_and_never_shows_an_email(client):
    held = consultation(slug="held", status=PublicationStatus.PUBLISHED)
    submission_call = call(consultation=held, kind=CallKind.WRITTEN_SUBMISSION)
    drawn_on, withheld = (
        WrittenSubmission.objects.create(
            call=submission_call, title=title, text="…", language="en", may_publish=True, status=status
        )
        for title, status in [("Decent work first", SubmissionStatus.PUBLISHED), ("Private", SubmissionStatus.RECEIVED)]
    )
    summary = Summary.objects.create(
        consultation=held, body_en="What was said.", published_at=timezone.now(), written_by=UserFactory()
    )
    summary.submissions.set([drawn_on, withheld])

    html = client.get("/en/consultations/held/").content.decode()

    assert f'href="/en/submissions/{drawn_on.pk}/">Decent work first</a>' in html
    assert "Private" not in html
    assert summary.written_by.email not in html


def test_a_summary_is_not_published_before_the_consultation_ends():
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    coming = consultation(status=PublicationStatus.PUBLISHED)  # 10 March 2027, still ahead

    with pytest.raises(ValidationError) as refused:
        services.save_summary(coming, by=secretariat, data={"body_en": "What we heard."}, provenance={}, publish=True)

    assert "once the consultation has ended" in str(refused.value)
    assert not Summary.objects.exists()


def test_the_summary_form_says_why_it_cannot_publish_yet_and_keeps_the_text(client):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    coming = consultation(slug="coming", status=PublicationStatus.PUBLISHED)
    client.force_login(secretariat)

    response = client.post(
        "/en/manage/consultations/coming/summary/",
        {"body_en": "Participants asked for safe pathways.", "provenance_en": "original", "publish": "on"},
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["publish"]
    assert error.startswith("The summary can be published once the consultation has ended")
    assert "Participants asked for safe pathways." in response.content.decode()
    assert not Summary.objects.filter(consultation=coming, published_at__isnull=False).exists()


def test_once_the_consultation_has_ended_its_summary_is_published(client):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    ended = timezone.now() - timedelta(minutes=1)
    held = consultation(
        slug="held", status=PublicationStatus.PUBLISHED, starts_at=ended - timedelta(hours=8), ends_at=ended
    )
    client.force_login(secretariat)

    client.post(
        "/en/manage/consultations/held/summary/",
        {"body_en": "Participants asked for safe pathways.", "provenance_en": "original", "publish": "on"},
    )

    assert Summary.objects.get(consultation=held).published_at is not None
