from django.urls import path

from tinhso.activities import views
from tinhso.activities.registers import register_urls

app_name = "activities"

urlpatterns = [
    path("", views.overview, name="overview"),
    *register_urls(views.REGISTERS, app_name),
]
