"""Speakers in public, as each chose to appear: their pages, their photos, a session's calendar; and
the speaker's own choice of how to appear."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView

from consultations.calendar import session_calendar
from consultations.models import Session
from consultations.queries import public_session
from portal.downloads import guarded
from registrations.forms.speakers import AppearanceForm
from registrations.models import ExpressionOfInterest
from registrations.queries.speakers import PUBLIC, confirmed_speakers, photo_audience, speaker_page
from registrations.services.selection import set_appearance
from registrations.views.answers import OwnAnswerMixin
from stakeholders.photos import FOLDER, STORED_EXTENSION

# A stored photo's name: the hash of its bytes (stakeholders.photos.stored).
PHOTO_NAME = re.compile(rf"(?P<hash>[0-9a-f]{{32}})\.{STORED_EXTENSION}")
AN_HOUR = 60 * 60


class SpeakerView(TemplateView):
    """Public: everyone, for a person who appears by name at a published consultation; the others are
    not found (an anonymous speaker has no page)."""

    template_name = "registrations/speakers/speaker.html"

    def get_context_data(self, **kwargs):
        speaker = speaker_page(self.kwargs["pk"])
        if speaker is None:
            raise Http404
        return super().get_context_data(speaker=speaker, **kwargs)


@require_safe
def speaker_photo(request, name):
    """Everyone, for the photo of a speaker who appears with their full profile somewhere public; the
    person themself, for their own. Its name is the hash of its bytes, which is its ETag: a browser
    asks again after an hour and gets a bodiless 304 while it is unchanged. Not longer, and never
    "immutable": a speaker who turns anonymous or deletes their account must leave shared caches
    within the hour, not within a year."""
    match = PHOTO_NAME.fullmatch(name)
    if match is None:
        raise Http404
    audience = photo_audience(FOLDER + name, request.user)
    if audience is None:
        raise Http404
    etag = f'"{match["hash"]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        try:
            response = FileResponse(default_storage.open(FOLDER + name, "rb"), content_type=f"image/{STORED_EXTENSION}")
        except FileNotFoundError:
            raise Http404 from None
    response["ETag"] = etag
    # Shown in pages by <img>, so not an attachment; made again by the portal, yet guarded all the same.
    guarded(response)
    if audience == PUBLIC:
        patch_cache_control(response, public=True, max_age=AN_HOUR)
    else:
        patch_cache_control(response, private=True, max_age=AN_HOUR)
    return response


@require_safe
def session_ics(request, slug, pk):
    """Public: everyone. One session of a published consultation as an iCalendar file, with its
    speakers as each chose to appear; never an address nor the link to join."""
    try:
        session = public_session(slug, pk)
    except Session.DoesNotExist:
        raise Http404 from None
    speakers = [str(speaker) for speaker in confirmed_speakers(session.consultation).get(session.pk, [])]
    url = request.build_absolute_uri(session.consultation.get_absolute_url()) + f"#session-{session.pk}"
    body = session_calendar(session, host=request.get_host(), url=url, speakers=speakers, speakers_label=_("Speakers:"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-session-{session.pk}.ics"'
    return response


class AppearanceView(OwnAnswerMixin, FormView):
    """The speaker themself: how they appear in the public programme, changed at any time."""

    model = ExpressionOfInterest
    form_class = AppearanceForm
    template_name = "registrations/speakers/appearance.html"

    def get_initial(self):
        return {"appearance": self.answer.appearance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(interest=self.answer, **kwargs)

    def form_valid(self, form):
        try:
            set_appearance(self.answer, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("appearance", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your choice is saved: the public programme shows you this way now."))
        return redirect("registrations:my-participation")
