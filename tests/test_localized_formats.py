"""Dates, times, time zones, lists, label colons and amounts as each language writes them (CLDR)."""

import zoneinfo
from datetime import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from portal.l10n import canonical_zones, zone_label
from stakeholders.forms import ProfileForm
from tests.factories.stakeholders import PASSWORD, ProfileFactory

ADDIS_ABABA = zoneinfo.ZoneInfo("Africa/Addis_Ababa")
NOON = datetime(2026, 12, 19, 12, 0, tzinfo=ADDIS_ABABA)


def render(source, language, **context):
    with translation.override(language):
        return Template(
            "{% load l10n_extras tz %}{% timezone 'Africa/Addis_Ababa' %}" + source + "{% endtimezone %}"
        ).render(Context(context))


def test_arabic_dates_read_day_month_year_with_the_arabic_comma():
    assert render('{{ moment|date:"DATE_FORMAT" }}', "ar", moment=NOON) == "19 ديسمبر 2026"
    assert render('{{ moment|date:"DATETIME_FORMAT" }}', "ar", moment=NOON) == "19 ديسمبر 2026، 12:00 م"
    assert render('{{ moment|time:"TIME_FORMAT" }}', "ar", moment=NOON) == "12:00 م"


def test_chinese_dates_read_year_month_day():
    assert render('{{ moment|date:"DATE_FORMAT" }}', "zh-hans", moment=NOON) == "2026年12月19日"
    assert render('{{ moment|date:"DATETIME_FORMAT" }}', "zh-hans", moment=NOON) == "2026年12月19日 12:00"
    assert render('{{ moment|date:"SHORT_DATETIME_FORMAT" }}', "zh-hans", moment=NOON) == "2026年12月19日 12:00"


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Addis Ababa Time UTC+3"),
        ("ar", "توقيت أديس أبابا UTC+3"),
        ("zh-hans", "亚的斯亚贝巴时间 UTC+3"),
        # Russian, not look-alike Latin; and not "..., летнее время": there is no summer time there
        ("ru", "Аддис-Абеба UTC+3"),  # noqa: RUF001
        ("fr", "heure : Addis-Abeba UTC+3"),
    ],
)
def test_a_time_zone_shows_as_its_city_in_the_language_with_its_offset(language, label):
    with translation.override(language):
        assert zone_label("Africa/Addis_Ababa", NOON) == label
    assert (
        render("{{ zone|zone_name:moment }}", language, zone="Africa/Addis_Ababa", moment=NOON) == f"<bdi>{label}</bdi>"
    )


def test_a_zone_offset_follows_summer_time_and_half_hours():
    with translation.override("en"):
        assert (
            zone_label("America/New_York", datetime(2026, 7, 1, 12, 0, tzinfo=ADDIS_ABABA))
            == "New York Time UTC\u22124"
        )
        assert zone_label("America/New_York", NOON) == "New York Time UTC\u22125"
        assert zone_label("Asia/Kolkata", NOON) == "Kolkata Time UTC+5:30"
        assert zone_label("UTC", NOON) == "UTC"


def test_a_text_email_gets_the_zone_name_without_markup():
    source = "{% autoescape off %}{{ zone|zone_name:moment }}{% endautoescape %}"
    assert render(source, "en", zone="Africa/Addis_Ababa", moment=NOON) == "Addis Ababa Time UTC+3"


@pytest.mark.parametrize(
    ("language", "joined"),
    [("en", "English, French, and Arabic"), ("ar", "English وFrench وArabic"), ("zh-hans", "English、French和Arabic")],
)
def test_lists_are_joined_as_the_language_joins_them(language, joined):
    assert render("{{ items|join_list }}", language, items=["English", "French", "Arabic"]) == joined


def test_a_joined_list_escapes_its_items():
    assert render("{{ items|join_list }}", "en", items=["<b>", "C&A"]) == "&lt;b&gt; and C&amp;A"


class AskingForm(forms.Form):
    name = forms.CharField()
    visa = forms.BooleanField(label="Do you need a visa?", required=False)
    arabic = forms.CharField(label="هل تحتاج إلى تأشيرة؟")
    quiet = forms.CharField(label_suffix="")


@pytest.mark.parametrize(("language", "suffix"), [("en", ":"), ("zh-hans", "\uff1a"), ("fr", "\u00a0:"), ("ar", ":")])
def test_a_label_ends_in_the_language_s_colon(language, suffix):
    with translation.override(language):
        assert str(AskingForm()["name"].label_tag()) == f'<label for="id_name">Name{suffix}</label>'


def test_a_label_ending_in_a_question_mark_gets_no_colon():
    with translation.override("zh-hans"):
        form = AskingForm()
        assert str(form["visa"].label_tag()) == '<label for="id_visa">Do you need a visa?</label>'
        assert str(form["arabic"].label_tag()) == '<label for="id_arabic">هل تحتاج إلى تأشيرة؟</label>'
        assert str(form["quiet"].label_tag()) == '<label for="id_quiet">Quiet</label>'


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "USD\u00a0420"), ("fr", "420\u00a0USD"), ("ar", "420\u00a0USD")]
)
def test_an_amount_reads_as_the_language_writes_it(language, shown):
    assert render("{% load money %}{{ value|amount }}", language, value=Decimal("420")).replace("\u200f", "").replace(
        "\u061c", ""
    ) in (shown, shown.replace("\u00a0", " "))


def zone_values(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from (value for value, _label in label)
        else:
            yield value


@pytest.mark.django_db
def test_a_kenyan_resident_s_zone_list_starts_with_nairobi():
    profile = ProfileFactory(country_of_residence="KE")
    with translation.override("en"):
        choices = ProfileForm(instance=profile).fields["time_zone"].choices
    assert choices[1] == ("Kenya", [("Africa/Nairobi", zone_label("Africa/Nairobi"))])
    assert choices[2][0] == "Other zones"
    values = list(zone_values(choices))
    assert "Factory" not in values
    assert "W-SU" not in values
    assert not [value for value in values if value.startswith("Etc/") or value == "Asia/Calcutta"]
    assert values.count("Africa/Nairobi") == 1


def test_the_zone_list_holds_real_places_only():
    zones = canonical_zones()
    assert "Africa/Nairobi" in zones
    assert "Asia/Kolkata" in zones
    assert not {"Factory", "W-SU", "US/Eastern", "Etc/GMT+3", "Asia/Calcutta", "EST5EDT"} & set(zones)


@pytest.mark.django_db
def test_the_profile_page_names_zones_in_arabic(client):
    profile = ProfileFactory(country_of_residence="KE")
    client.login(email=profile.person.email, password=PASSWORD)
    with translation.override("ar"):
        response = client.get(reverse("stakeholders:profile"))
        label = zone_label("Africa/Nairobi")
    assert response.request["PATH_INFO"].startswith("/ar/")
    assert label.startswith("توقيت نيروبي")
    assert f'<option value="Africa/Nairobi">{label}</option>' in response.content.decode()
