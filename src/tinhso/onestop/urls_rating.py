"""The applicant's rating of a returned dossier, under /ho-so/ next to the citizen pages."""

from django.urls import path

from tinhso.onestop import views_office

app_name = "onestop_rating"

urlpatterns = [
    path("<str:code>/danh-gia/", views_office.rating, name="rate"),
]
