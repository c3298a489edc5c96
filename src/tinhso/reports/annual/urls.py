from django.urls import path

from tinhso.reports.annual import views

app_name = "annual"

urlpatterns = [
    path("", views.preview, name="preview"),
    path("tai-ve/<str:fmt>/", views.download, name="download"),
]
