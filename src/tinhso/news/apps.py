from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "tinhso.news"
    label = "news"
    verbose_name = "Tin tức cổng thông tin"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register
        from tinhso.news.access import APPROVER_ROLES, WRITER_ROLES

        register(
            NavItem(
                _("Tin bài cổng thông tin"),
                "news_office:list",
                roles=frozenset(WRITER_ROLES | APPROVER_ROLES),
                section=_("Cổng thông tin"),
                order=450,
            )
        )
