"""The organizers give the link to join online, at any time: it is often known only days before."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from consultations import services
from consultations.forms.joining import JoiningForm
from consultations.views.manage import ConsultationMixin


class JoiningEditView(ConsultationMixin, FormView):
    """The secretariat and the consultation's focal points, published or not."""

    permission_required = "consultations.manage_joining"
    template_name = "consultations/manage/joining.html"
    form_class = JoiningForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.consultation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)

    def form_valid(self, form):
        services.set_joining(self.consultation, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The joining details are saved."))
        return redirect("consultations:manage-consultation", slug=self.consultation.slug)
