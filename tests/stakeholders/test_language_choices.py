"""Choices people can find: every language CLDR names among the languages spoken, and countries
named in the page's language, worked out at each request."""

import pytest
from django.utils import translation

from stakeholders.enums import StaffRole
from stakeholders.models import Profile
from tests.factories import UserFactory
from tests.factories.stakeholders import grant

pytestmark = pytest.mark.django_db

# Amharic, Tigrinya, Somali, Pashto, Dari, Hausa, Tagalog, Haitian Creole, Wolof, Kurmanji (Kurdish),
# Yoruba, Oromo, Kinyarwanda and Lingala, with their names in Arabic and in Chinese as CLDR gives them.
MIGRANT_LANGUAGES = {
    "am": ("الأمهرية", "阿姆哈拉语"),
    "ti": ("التغرينية", "提格利尼亚语"),
    "so": ("الصومالية", "索马里语"),
    "ps": ("البشتو", "普什图语"),
    "fa-AF": ("الدارية", "达里语"),
    "ha": ("الهوسا", "豪萨语"),
    "tl": ("التاغالوغية", "他加禄语"),
    "ht": ("الكريولية الهايتية", "海地克里奥尔语"),
    "wo": ("الولوفية", "沃洛夫语"),
    "ku": ("الكردية", "库尔德语"),
    "yo": ("اليوروبا", "约鲁巴语"),
    "om": ("الأورومية", "奥罗莫语"),
    "rw": ("الكينيارواندا", "卢旺达语"),
    "ln": ("اللينجالا", "林加拉语"),
}


def spoken_choices(client, language) -> dict[str, str]:
    form = client.get(f"/{language}/stakeholders/profile/").context["form"]
    return dict(form.fields["languages_spoken"].choices)


def test_the_languages_spoken_include_the_migrant_languages_named_in_arabic_and_chinese(client):
    client.force_login(UserFactory())

    arabic, chinese = spoken_choices(client, "ar"), spoken_choices(client, "zh-hans")

    for code, (in_arabic, in_chinese) in MIGRANT_LANGUAGES.items():
        assert arabic[code].startswith(in_arabic), code
        assert chinese[code].startswith(in_chinese), code


def test_a_language_chosen_for_the_first_time_is_kept(client):
    person = UserFactory(display_name="Hiwet")
    client.force_login(person)

    response = client.post(
        "/en/stakeholders/profile/",
        {"display_name": "Hiwet", "notice_language": "en", "languages_spoken": ["ti", "ar"]},
    )

    assert response.status_code == 302
    profile = Profile.objects.get(person=person)
    assert sorted(profile.languages_spoken.values_list("code", flat=True)) == ["ar", "ti"]
    form = client.get("/ar/stakeholders/profile/").context["form"]
    assert sorted(form["languages_spoken"].value()) == ["ar", "ti"]
    with translation.override("en"):
        assert str(profile.languages_spoken.get(code="ti")) == "Tigrinya"


def test_the_roles_page_names_countries_in_arabic(client):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    arabic = dict(client.get("/ar/stakeholders/roles/").context["form"].fields["country"].choices)
    english = dict(client.get("/en/stakeholders/roles/").context["form"].fields["country"].choices)

    assert arabic["KE"] == "كينيا"
    assert arabic["DE"] == "ألمانيا"
    assert english["KE"] == "Kenya"
