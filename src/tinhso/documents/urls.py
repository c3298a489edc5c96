from django.urls import path
from django.views.generic import RedirectView

from tinhso.documents import views

app_name = "documents"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="documents:outgoing_list"), name="home"),
    path("di/", views.outgoing_list, name="outgoing_list"),
    path("di/xuat-excel/", views.outgoing_export, name="outgoing_export"),
    path("di/soan-thao/", views.outgoing_create, name="outgoing_create"),
    path("di/<int:pk>/", views.outgoing_detail, name="outgoing_detail"),
    path("di/<int:pk>/tep/", views.outgoing_file, name="outgoing_file"),
    path("di/<int:pk>/edxml/", views.outgoing_edxml, name="outgoing_edxml"),
    path("di/<int:pk>/<str:action>/", views.outgoing_action, name="outgoing_action"),
    path("den/", views.incoming_list, name="incoming_list"),
    path("den/xuat-excel/", views.incoming_export, name="incoming_export"),
    path("den/vao-so/", views.incoming_create, name="incoming_create"),
    path("den/nhan-edxml/", views.incoming_import, name="incoming_import"),
    path("den/<int:pk>/", views.incoming_detail, name="incoming_detail"),
    path("den/<int:pk>/tep/", views.incoming_file, name="incoming_file"),
    path("den/<int:pk>/chuyen-xu-ly/", views.incoming_assign, name="incoming_assign"),
    path("den/<int:pk>/xu-ly-xong/", views.incoming_complete, name="incoming_complete"),
]
