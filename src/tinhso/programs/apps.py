from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tinhso.programs"
    label = "programs"
    verbose_name = "Hỗ trợ đầu thu, Tiêu chí số 8"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register
        from tinhso.sector.permissions import READ_ROLES

        section = _("Quản lý ngành")
        roles = frozenset(READ_ROLES)
        register(
            NavItem(_("Hỗ trợ đầu thu DVB-T2"), "programs:overview", roles=roles, section=section, order=310)
        )
        register(
            NavItem(_("Hộ gia đình"), "programs:household_list", roles=roles, section=section, order=311)
        )
        register(NavItem(_("Đợt hỗ trợ"), "programs:batch_list", roles=roles, section=section, order=312))
        register(NavItem(_("Tiêu chí số 8"), "programs:c8_list", roles=roles, section=section, order=313))
