"""Background tasks of the programme: they only load the object and call the service."""

from __future__ import annotations

from django_tasks import task

from tinhso.programs.models import HouseholdImport


@task()
def household_import_task(import_id: int) -> str:
    from tinhso.programs.services import household_import_run

    record = HouseholdImport.objects.get(pk=import_id)
    return household_import_run(record=record).status
