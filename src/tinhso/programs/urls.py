from django.urls import path

from tinhso.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("ho-gia-dinh/", views.household_list, name="household_list"),
    path("ho-gia-dinh/them/", views.household_create_view, name="household_create"),
    path("ho-gia-dinh/<int:pk>/so-trung/", views.household_review_view, name="household_review"),
    path("nhap-danh-sach/", views.import_view, name="import"),
    path("nhap-danh-sach/<int:pk>/", views.import_detail, name="import_detail"),
    path("dot/", views.batch_list, name="batch_list"),
    path("dot/them/", views.batch_create_view, name="batch_create"),
    path("dot/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("dot/<int:pk>/<slug:action>/", views.batch_action, name="batch_action"),
    path("giao-dau-thu/<int:pk>/bien-ban.pdf", views.handover_view, name="handover"),
    path("tieu-chi-8/", views.c8_list, name="c8_list"),
    path("tieu-chi-8/<str:code>/<int:year>/", views.c8_edit, name="c8_edit"),
]
