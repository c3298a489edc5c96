from django.urls import path

from tinhso.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc-hanh-chinh/", views.procedures, name="procedures"),
    path("tra-cuu-ho-so/", views.tracking, name="tracking"),
    path("tin-tuc/", views.news, name="news"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("ho-so-cua-toi/", views.my_dossiers, name="my_dossiers"),
]
