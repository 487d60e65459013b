"""Session materials as people open them: public ones for everyone; those for registered participants
only to a confirmed participant or the consultation's organizers."""

from django.http import Http404, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views.generic import View
from rules.contrib.views import PermissionRequiredMixin

from consultations.models import SessionMaterial
from portal.downloads import uploaded_document
from registrations.queries.materials import material_of


class MaterialView(PermissionRequiredMixin, View):
    """A document streamed from private storage as an attachment named after its title (never the
    name it was uploaded with; portal.downloads), or a link followed; a visitor is asked to sign in,
    anyone else refused."""

    permission_required = "registrations.view_material"
    http_method_names = ["get", "head"]

    @cached_property
    def material(self):
        try:
            return material_of(self.kwargs["pk"])
        except SessionMaterial.DoesNotExist:
            raise Http404 from None

    def get_permission_object(self):
        return self.material

    def get(self, request, pk):
        material = self.material
        if material.link:
            return HttpResponseRedirect(material.link)
        try:
            document = material.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        name = f"{slugify(material.title, allow_unicode=True) or 'material'}.pdf"
        return uploaded_document(document, filename=name, content_type="application/pdf")
