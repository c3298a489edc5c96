from django.urls import path

from tinhso.activities import views
from tinhso.backoffice.registers import register_urls

app_name = "activities"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("hop-truc-tuyen/<int:pk>/", views.session_detail, name="session_detail"),
    path("hop-truc-tuyen/<int:pk>/tham-du/", views.session_attendance, name="session_attendance"),
    *register_urls(views.REGISTERS, app_name),
]
