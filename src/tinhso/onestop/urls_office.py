from django.urls import path

from tinhso.onestop import views_office

app_name = "onestop_office"

urlpatterns = [
    path("", views_office.worklist, name="worklist"),
    path("tiep-nhan/", views_office.desk, name="desk"),
    path("tiep-nhan/truc-tiep/", views_office.walk_in, name="walk_in"),
    path("so-theo-doi/", views_office.register, name="register"),
    path("danh-gia/", views_office.evaluation_page, name="evaluation"),
    path("tep/<int:pk>/", views_office.file_download, name="file"),
    path("ho-so/<str:code>/", views_office.detail, name="detail"),
    path("ho-so/<str:code>/dinh-kem/", views_office.file_add, name="file_add"),
    path("ho-so/<str:code>/mau-<str:number>.pdf", views_office.form_pdf, name="form_pdf"),
    path("ho-so/<str:code>/<slug:action>/", views_office.act, name="act"),
]
