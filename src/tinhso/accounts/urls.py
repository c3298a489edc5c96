from django.urls import path

from tinhso.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.sign_in, name="login"),
    path("dang-xuat/", views.sign_out, name="logout"),
    path("dang-ky/", views.register_citizen, name="register"),
    path("dang-ky/doanh-nghiep/", views.register_business, name="register_business"),
    path("thong-tin-ca-nhan/", views.profile, name="profile"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
]
