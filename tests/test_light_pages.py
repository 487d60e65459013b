"""Pages for slow and costly connections, and the portal's name in account e-mails and the admin."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import translation
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from portal.middleware import strip_indentation
from tests.factories import PASSWORD, OrganizationFactory, UserFactory, call, consultation

pytestmark = pytest.mark.django_db


def test_a_big_enough_page_is_sent_compressed_and_caches_vary_on_accept_encoding(client):
    OrganizationFactory.create_batch(5)
    response = client.get("/en/stakeholders/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_a_page_is_sent_plain_to_a_client_that_takes_no_compression(client):
    response = client.get("/en/stakeholders/")
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]


def test_pages_leave_out_the_templates_indentation(client):
    html = client.get("/en/stakeholders/").content.decode()
    assert "\n " not in html
    assert "\n\t" not in html
    assert int(client.get("/en/stakeholders/")["Content-Length"]) == len(html.encode())


def test_what_a_person_typed_and_preformatted_text_keep_their_spaces():
    html = (
        b"<div>\n    <p>one\n\n      two</p>\n  <pre>\n  x\n   y</pre>\n  <textarea name=t>\n  kept\n</textarea>\n  end"
    )
    assert strip_indentation(html) == (
        b"<div>\n<p>one\ntwo</p>\n<pre>\n  x\n   y</pre>\n<textarea name=t>\n  kept\n</textarea>\nend"
    )


@pytest.mark.parametrize("url", ["/en/calls/", "/en/stakeholders/"])
def test_filter_forms_have_no_empty_action(client, url):
    call(consultation=consultation())
    html = client.get(url).content.decode()
    assert 'role="search"' in html
    assert 'action=""' not in html


@pytest.mark.parametrize("url", ["/en/calls/", "/en/stakeholders/"])
def test_filter_lists_show_their_results_before_their_filters(client, url):
    html = client.get(url).content.decode()
    assert html.index('id="results-heading"') < html.index('id="filters-heading"')


def test_the_favicon_is_linked_and_favicon_ico_leads_to_it(client):
    html = client.get("/en/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == icon
    assert client.get(icon).status_code == 200


def test_the_address_confirmation_e_mail_carries_the_portals_name_and_an_html_part(client):
    client.post(
        "/fr/accounts/signup/",
        {"display_name": "Amina", "email": "amina@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    message = mail.outbox[-1]
    assert message.subject.startswith("[WoS Engage] ")
    assert "testserver" not in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="fr"' in html
    with translation.override("fr"):
        assert translation.gettext("Whole-of-Society Engage") in html
    assert "Whole-of-Society Engage" in message.body  # allauth's text part names the portal, not the host
    assert "/fr/accounts/confirm-email/" in html


def test_the_password_reset_e_mail_carries_the_portals_name_and_an_html_part(client):
    UserFactory(email="amina@example.org")
    client.post("/en/accounts/password/reset/", {"email": "amina@example.org"})
    message = mail.outbox[-1]
    assert message.subject.startswith("[WoS Engage] ")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Whole-of-Society Engage" in html
    assert re.search(r'href="http://testserver/en/accounts/password/reset/key/[^"]+"', html)


def test_the_admin_header_is_the_portals_and_translated(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, display_name="Root"))
    html = client.get("/fr/admin/").content.decode()
    with translation.override("fr"):
        header = translation.gettext("Whole-of-Society Engage administration")
    assert header in html
    assert "Django" not in re.search(r"<h1[^>]*>.*?</h1>", html, re.DOTALL).group(0)


def test_the_task_schedule_is_shown_to_superusers_only(client):
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    task = PeriodicTask.objects.create(name="sweep", task="portal.sweep_notices", interval=every_minute)
    staff = UserFactory(is_staff=True, display_name="Staff")
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="django_celery_beat"))
    client.force_login(staff)
    assert "django_celery_beat" not in client.get("/en/admin/").content.decode()
    assert client.get(f"/en/admin/django_celery_beat/periodictask/{task.pk}/change/").status_code in (302, 403)

    client.force_login(UserFactory(is_staff=True, is_superuser=True, display_name="Root"))
    assert "django_celery_beat" in client.get("/en/admin/").content.decode()
    assert client.get(f"/en/admin/django_celery_beat/periodictask/{task.pk}/change/").status_code == 200
