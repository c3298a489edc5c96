from django.urls import path

from tinhso.sector import views

app_name = "sector"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/them/", views.report_create_view, name="report_create"),
    path("bao-cao/<int:pk>/sua/", views.report_edit_view, name="report_edit"),
    path("bao-cao/mau.xlsx", views.template_download, name="template"),
    path("bao-cao/nhap-excel/", views.import_view, name="import"),
    path("chi-tieu/", views.target_list, name="target_list"),
    path("chi-tieu/them/", views.target_edit_view, name="target_create"),
    path("chi-tieu/<int:pk>/sua/", views.target_edit_view, name="target_edit"),
    path("doanh-nghiep/", views.operator_list, name="operator_list"),
    path("doanh-nghiep/them/", views.operator_edit_view, name="operator_create"),
    path("doanh-nghiep/<int:pk>/sua/", views.operator_edit_view, name="operator_edit"),
]
