from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def languages(request):
    """The same page in every interface language, for the switcher and the hreflang links."""
    path = request.get_full_path()
    page_languages = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        page_languages.append(
            {"info": get_language_info(code), "url": url, "absolute_url": request.build_absolute_uri(url)}
        )
    return {"page_languages": page_languages}
