from django.urls import include, path

from tinhso.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ii06a, name="ii06a"),
    path("bieu-ii06a.xlsx", views.ii06a_xlsx, name="ii06a_xlsx"),
    path("tong-ket/", include("tinhso.reports.annual.urls")),
]
