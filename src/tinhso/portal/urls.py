from django.urls import path

from tinhso.news import views_public as news_views
from tinhso.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc-hanh-chinh/", views.procedures, name="procedures"),
    path("tra-cuu-ho-so/", views.tracking, name="tracking"),
    path("tin-tuc/", views.news, name="news"),
    path("tin-tuc/<slug:slug>/", news_views.article_detail, name="news_article"),
    path("tin-tuc/<slug:slug>/danh-gia/", news_views.article_rate, name="news_rate"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("ho-so-cua-toi/", views.my_dossiers, name="my_dossiers"),
]
