from django.urls import path
from django.views.generic import RedirectView

from tinhso.backoffice.registers import register_urls
from tinhso.emulation import views

app_name = "emulation"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="emulation:decision_list"), name="index"),
    *register_urls(views.REGISTERS, app_name),
]
