from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tinhso.programs"
    label = "programs"
    verbose_name = "Chương trình hỗ trợ đầu thu, Tiêu chí số 8"
