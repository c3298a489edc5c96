from django.urls import path

from tinhso.payments import views

app_name = "payments"

urlpatterns = [
    path("vnpay/ipn/", views.vnpay_ipn, name="vnpay_ipn"),
    path("vnpay/ket-qua/", views.vnpay_return, name="vnpay_return"),
    path("ho-so/<str:code>/", views.start, name="start"),
]
