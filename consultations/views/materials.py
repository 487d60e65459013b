"""The organizers attach documents and links to a consultation's programme, and remove them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from consultations import queries, services
from consultations.forms.materials import MaterialForm
from consultations.models import SessionMaterial
from consultations.views.manage import ConsultationMixin


class MaterialsView(ConsultationMixin, FormView):
    """The secretariat and the consultation's focal points, at any time (published or not)."""

    permission_required = "consultations.manage_materials"
    template_name = "consultations/manage/materials.html"
    form_class = MaterialForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation": self.consultation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consultation=self.consultation, materials=queries.materials_of(self.consultation), **kwargs
        )

    def form_valid(self, form):
        try:
            material = services.add_material(self.consultation, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("“%(title)s” is added to the programme.") % {"title": material.title})
        return redirect("consultations:materials", slug=self.consultation.slug)


class MaterialRemoveView(ConsultationMixin, View):
    """POST only: the same people take a material off the programme."""

    permission_required = "consultations.manage_materials"
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        material = get_object_or_404(SessionMaterial, pk=pk, consultation=self.consultation)
        material.consultation = self.consultation
        services.remove_material(material, by=request.user)
        messages.success(request, _("“%(title)s” is removed from the programme.") % {"title": material.title})
        return redirect("consultations:materials", slug=self.consultation.slug)
