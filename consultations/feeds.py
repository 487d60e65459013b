from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from consultations import queries


class OpenCallsFeed(Feed):
    """Public: everyone. The open and upcoming calls as an Atom feed, in the page's language."""

    feed_type = Atom1Feed
    title = _("Open calls — Whole-of-Society Engage")
    subtitle = _("Calls to take part in consultations and Regional Reviews of the Global Compact for Migration.")

    def link(self):
        return reverse("consultations:calls")

    def items(self):
        return queries.public_calls()[:100]

    def item_title(self, call):
        return f"{call.title} — {call.consultation.title}"

    def item_description(self, call):
        return call.text

    def item_link(self, call):
        return f"{call.consultation.get_absolute_url()}#call-{call.pk}"

    def item_pubdate(self, call):
        return call.published_at

    def item_updateddate(self, call):
        return call.published_at or call.opens_at
