from django.urls import path

from tinhso.catalog import views_public

app_name = "catalog"

urlpatterns = [
    path("", views_public.directory, name="directory"),
    path("<str:national_code>/", views_public.procedure, name="procedure"),
    path("<str:national_code>/mau/<int:order>/", views_public.document_template, name="document_template"),
]
