"""Session materials as people open them: public ones for everyone; those for registered participants
only to a confirmed participant or the consultation's organizers."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views.generic import View
from rules.contrib.views import PermissionRequiredMixin

from consultations.models import SessionMaterial
from registrations.queries.materials import material_of


# Chrome shows a PDF through an internal <embed>, which the site-wide `object-src 'none'` would block.
@method_decorator(csp_replace({"object-src": [SELF]}), name="get")
class MaterialView(PermissionRequiredMixin, View):
    """A document streamed from private storage under its title (never the name it was uploaded
    with), or a link followed; a visitor is asked to sign in, anyone else refused."""

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
        response = FileResponse(document, content_type="application/pdf", filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        # Who may read it can change (a registration cancelled, the audience changed): shared caches keep none.
        patch_cache_control(response, private=True)
        return response
