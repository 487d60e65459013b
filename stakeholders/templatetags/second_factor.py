"""What the two-step sign-in pages (templates/mfa/) ask: is this person required to enrol, where do they
go once enrolled, and the authenticator key written in groups that a person can type."""

from urllib.parse import quote

from django import template

from stakeholders import mfa

register = template.Library()


@register.simple_tag(takes_context=True)
def second_step_required(context) -> bool:
    return mfa.needs_second_step(context["request"].user)


@register.simple_tag(takes_context=True)
def wanted_page(context) -> str:
    return mfa.take_wanted_page(context["request"])


@register.filter
def in_groups(text: str, size: int = 4) -> str:
    """ "JBSWY3DPEHPK3PXP" as "JBSW Y3DP EHPK 3PXP": authenticator apps ignore the spaces."""
    return " ".join(text[start : start + size] for start in range(0, len(text), size))


@register.filter
def as_text_file(codes) -> str:
    """The recovery codes as a text file in a link (data: URL), one a line: downloaded with the page that
    shows them once, without a second request that could no longer show them."""
    return "data:text/plain;charset=utf-8," + quote("".join(f"{code}\r\n" for code in codes))
