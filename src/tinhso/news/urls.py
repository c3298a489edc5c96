from django.urls import path

from tinhso.news import views_office

app_name = "news_office"

urlpatterns = [
    path("", views_office.article_list, name="list"),
    path("them/", views_office.article_create, name="create"),
    path("<int:pk>/", views_office.article_edit, name="edit"),
    path("<int:pk>/<str:action>/", views_office.article_action, name="action"),
]
