from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tinhso.reports"
    label = "reports"
    verbose_name = "Báo cáo, thống kê"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register

        register(
            NavItem(
                _("Báo cáo tình hình giải quyết TTHC (Biểu II.06a)"),
                "reports:ii06a",
                section=_("Báo cáo"),
                order=400,
            )
        )
        register(
            NavItem(_("Báo cáo tổng kết năm"), "reports:annual:preview", section=_("Báo cáo"), order=410)
        )
