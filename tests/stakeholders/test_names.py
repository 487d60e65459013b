"""A person has a name from the first minute: sign-up asks for it, the profile edits it, an account
without one is asked for it before any other page, and nobody is ever shown by e-mail address."""

import re

import pytest
from django.contrib import auth
from django.core import mail

from stakeholders.services import delete_account
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = "/en/accounts/signup/"
NAME_PAGE = "/en/stakeholders/name/"


def sign_up(client, **data):
    return client.post(SIGN_UP, {"email": "amina@example.org", "password1": PASSWORD, "password2": PASSWORD, **data})


def confirmation_link(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


@pytest.mark.parametrize("name", ["", "   "])
def test_sign_up_without_a_name_is_refused_beside_the_field_and_keeps_the_address(client, name):
    response = sign_up(client, display_name=name)

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == ["Tell us the name you want to be called."]
    assert response.context["form"]["email"].value() == "amina@example.org"
    assert 'value="amina@example.org"' in response.content.decode()
    assert not auth.get_user_model().objects.exists()


def test_sign_up_asks_the_name_first_and_keeps_it(client):
    form = client.get(SIGN_UP).context["form"]
    assert list(form.fields)[:2] == ["display_name", "email"]

    sign_up(client, display_name="  Amina Diallo ")

    assert auth.get_user_model().objects.get().display_name == "Amina Diallo"


def test_a_name_longer_than_150_characters_is_refused(client):
    response = sign_up(client, display_name="A" * 151)

    assert "display_name" in response.context["form"].errors
    assert not auth.get_user_model().objects.exists()


def test_confirming_the_address_signs_in_and_leads_to_how_do_you_take_part(client):
    sign_up(client, display_name="Amina Diallo")

    response = client.post(confirmation_link(mail.outbox[0]))

    assert auth.get_user(client).display_name == "Amina Diallo"
    assert response.status_code == 302
    assert response.url == "/en/stakeholders/welcome/"


def test_an_account_without_a_name_is_asked_for_one_and_goes_on_to_the_page_it_wanted(client):
    person = UserFactory(display_name="")
    client.force_login(person)

    response = client.get("/en/my-participation/")

    assert response.status_code == 302
    assert response.url == f"{NAME_PAGE}?next=%2Fen%2Fmy-participation%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    assert 'name="next" value="/en/my-participation/"' in page.content.decode()

    response = client.post(NAME_PAGE, {"display_name": "Carlos Mendoza", "next": "/en/my-participation/"})

    assert response.status_code == 302
    assert response.url == "/en/my-participation/"
    person.refresh_from_db()
    assert person.display_name == "Carlos Mendoza"
    assert client.get("/en/my-participation/").status_code == 200


def test_signing_in_without_a_name_leads_to_the_name_page_first(client):
    person = UserFactory(display_name="")

    response = client.post("/en/accounts/login/", {"login": person.email, "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == f"{NAME_PAGE}?next=%2Fen%2Fstakeholders%2Fwelcome%2F"
    assert response.context["form"].fields["display_name"].required


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/stakeholders/welcome/", "/en/stakeholders/my-data/", "/en/calls/", "/fr/stakeholders/profile/"],
)
def test_without_a_name_no_other_page_can_be_reached(client, path):
    client.force_login(UserFactory(display_name=""))

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(("/en/stakeholders/name/?next=", "/fr/stakeholders/name/?next="))


@pytest.mark.parametrize("path", ["/en/accounts/email/", "/en/accounts/password/change/", "/en/stakeholders/name/"])
def test_without_a_name_the_account_pages_and_the_name_page_stay_open(client, path):
    client.force_login(UserFactory(display_name=""))

    assert client.get(path).status_code == 200


def test_without_a_name_one_can_still_sign_out(client):
    client.force_login(UserFactory(display_name=""))

    client.post("/en/accounts/logout/")

    assert not auth.get_user(client).is_authenticated


def test_the_name_page_refuses_an_empty_name_and_keeps_where_to_go(client):
    person = UserFactory(display_name="")
    client.force_login(person)

    response = client.post(NAME_PAGE, {"display_name": "  ", "next": "/en/my-participation/"})

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == ["Tell us the name you want to be called."]
    assert response.context["next"] == "/en/my-participation/"
    person.refresh_from_db()
    assert person.display_name == ""


def test_the_name_page_never_sends_a_person_to_another_site(client):
    client.force_login(UserFactory(display_name=""))

    response = client.post(NAME_PAGE, {"display_name": "Carlos", "next": "https://elsewhere.example.com/"})

    assert response.url == "/en/stakeholders/welcome/", "a newcomer without a profile is asked how they take part"


def test_the_profile_page_edits_the_name_and_requires_it(client):
    person = ProfileFactory(person__display_name="Amina").person
    client.force_login(person)
    assert client.get("/en/stakeholders/profile/").context["form"]["display_name"].value() == "Amina"

    refused = client.post("/en/stakeholders/profile/", {"display_name": "", "notice_language": "fr"})
    client.post("/en/stakeholders/profile/", {"display_name": "Amina Diallo", "notice_language": "fr"})

    assert refused.context["form"].errors["display_name"] == ["Tell us the name you want to be called."]
    assert refused.context["form"]["notice_language"].value() == "fr", "what was chosen is kept"
    person.refresh_from_db()
    assert person.display_name == "Amina Diallo"
    assert person.profile.notice_language == "fr"


def test_a_person_is_never_shown_by_their_email_address():
    named = UserFactory(display_name="Amina Diallo")
    nameless = UserFactory(display_name="", email="carlos.join@example.org")
    gone = UserFactory(display_name="Gone Person")
    delete_account(gone)

    assert str(named) == "Amina Diallo"
    assert str(nameless) == f"Person #{nameless.pk}"
    assert str(gone) == "Deleted account"
    assert "@" not in nameless.get_short_name() + nameless.name
