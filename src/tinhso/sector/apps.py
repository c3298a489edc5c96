from django.apps import AppConfig


class SectorConfig(AppConfig):
    name = "tinhso.sector"
    label = "sector"
    verbose_name = "Quản lý ngành viễn thông"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register
        from tinhso.sector.permissions import READ_ROLES

        section = _("Quản lý ngành")
        roles = frozenset(READ_ROLES)
        register(
            NavItem(_("Chỉ tiêu viễn thông"), "sector:dashboard", roles=roles, section=section, order=300)
        )
        register(
            NavItem(_("Báo cáo doanh nghiệp"), "sector:report_list", roles=roles, section=section, order=301)
        )
        register(
            NavItem(_("Chỉ tiêu kế hoạch"), "sector:target_list", roles=roles, section=section, order=302)
        )
        register(NavItem(_("Doanh nghiệp"), "sector:operator_list", roles=roles, section=section, order=303))
