from django.apps import AppConfig


class OnestopConfig(AppConfig):
    name = "tinhso.onestop"
    label = "onestop"
    verbose_name = "Một cửa điện tử"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register
        from tinhso.org.models import Role

        section = _("Một cửa điện tử")
        handling = frozenset(
            {
                Role.CLERK,
                Role.SPECIALIST,
                Role.DIVISION_HEAD,
                Role.DIRECTOR,
                Role.DEPUTY_DIRECTOR,
                Role.DOCUMENT_CLERK,
            }
        )
        leaders = frozenset({Role.DIVISION_HEAD, Role.DIRECTOR, Role.DEPUTY_DIRECTOR})
        register(
            NavItem(
                _("Hồ sơ cần xử lý"), "onestop_office:worklist", roles=handling, section=section, order=200
            )
        )
        register(
            NavItem(
                _("Quầy tiếp nhận"),
                "onestop_office:desk",
                roles=frozenset({Role.CLERK}),
                section=section,
                order=201,
            )
        )
        register(
            NavItem(
                _("Sổ theo dõi hồ sơ"), "onestop_office:register", roles=handling, section=section, order=202
            )
        )
        register(
            NavItem(
                _("Đánh giá giải quyết TTHC"),
                "onestop_office:evaluation",
                roles=leaders,
                section=section,
                order=203,
            )
        )
