from django.urls import path

from tinhso.onestop import views_public

app_name = "onestop_public"

urlpatterns = [
    path("", views_public.my_dossiers, name="mine"),
    path("tra-cuu/", views_public.track, name="track"),
    path("nop/<str:national_code>/", views_public.start, name="start"),
    path("nhap/<int:pk>/", views_public.draft, name="draft"),
    path("nhap/<int:pk>/xem-lai/", views_public.review, name="review"),
    path("tep/<int:pk>/", views_public.dossier_file, name="file"),
    path("<str:code>/", views_public.detail, name="detail"),
    path("<str:code>/giay-tiep-nhan.pdf", views_public.receipt, name="receipt"),
    path("<str:code>/bo-sung/", views_public.supplement, name="supplement"),
    path("<str:code>/rut-ho-so/", views_public.withdraw, name="withdraw"),
]
