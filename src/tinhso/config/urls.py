from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from tinhso.api.main import api
from tinhso.backoffice.views import home_redirect
from tinhso.core.views import language_choose

admin.site.site_header = "Tỉnh số — Quản trị cấu hình"
admin.site.site_title = "Tỉnh số"
admin.site.index_title = "Cấu hình hệ thống"

urlpatterns = [
    path("api/v1/", api.urls),  # first: an API call is not matched against every page's pattern
    path("", include("tinhso.portal.urls")),
    path("thu-tuc/", include("tinhso.catalog.urls_public")),
    path("ho-so/", include("tinhso.onestop.urls_public")),
    path("ho-so/", include("tinhso.onestop.urls_rating")),
    path("tai-khoan/", include("tinhso.accounts.urls")),
    path("thanh-toan/", include("tinhso.payments.urls")),
    path("quan-tri/thanh-tra/", include("tinhso.inspections.urls")),
    path("quan-tri/hoat-dong/", include("tinhso.activities.urls")),
    path("quan-tri/thi-dua/", include("tinhso.emulation.urls")),
    path("quan-tri/nganh/", include("tinhso.sector.urls")),
    path("quan-tri/chuong-trinh/", include("tinhso.programs.urls")),
    path("quan-tri/bao-cao/", include("tinhso.reports.urls")),
    path("thong-ke/ho-so/", include("tinhso.reports.urls_public")),
    path("quan-tri/mot-cua/", include("tinhso.onestop.urls_office")),
    path("quan-tri/tin-tuc/", include("tinhso.news.urls")),
    path("quan-tri/van-ban/", include("tinhso.documents.urls")),
    path("quan-tri/", include("tinhso.backoffice.urls")),
    path("trang-cua-toi/", home_redirect, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("ngon-ngu/<str:code>/", language_choose, name="language_choose"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
