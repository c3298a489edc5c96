from django.urls import path

from tinhso.reports import views

app_name = "reports_public"

urlpatterns = [
    path("", views.statistics, name="statistics"),
]
