from django.urls import path

from tinhso.backoffice.registers import register_urls
from tinhso.inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("cuoc-thanh-tra/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    *register_urls(views.REGISTERS, app_name),
]
