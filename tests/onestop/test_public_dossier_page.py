"""The citizen's dossier page and form: the link to the rating page once the result is returned, and
the checked uploads of a bound ``DossierForm`` (``uploaded_files()``, not shadowed by ``Form.files``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from tinhso.catalog.models import ProcedureDocument
from tinhso.onestop import evaluation, services
from tinhso.onestop.forms_public import DossierForm

from .conftest import PDF, received, to_director

pytestmark = pytest.mark.django_db


def test_dossier_page_links_to_the_rating_when_returned_and_not_yet_rated(
    client: Any, procedure: Any, people: Any
) -> None:
    now = timezone.now()
    d = received(procedure, people, now)
    client.force_login(people.an)
    rate_url = reverse("onestop_rating:rate", args=[d.code])
    page = reverse("onestop_public:detail", args=[d.code])
    assert rate_url not in client.get(page).content.decode()  # still being processed
    d = to_director(d, people, now)
    d = services.dossier_approve(actor=people.em, dossier=d, at=now)
    d = services.dossier_finish(actor=people.hoa, dossier=d, at=now)
    assert rate_url not in client.get(page).content.decode()  # 9: not returned yet
    d = services.dossier_return(actor=people.binh, dossier=d, at=now)
    html = client.get(page).content.decode()
    assert rate_url in html and "Đánh giá dịch vụ" in html
    evaluation.dossier_rate(actor=people.an, dossier=d, satisfaction="very_satisfied")
    assert rate_url not in client.get(page).content.decode()  # rated once: no more link


def test_bound_form_keeps_djangos_files_and_gives_the_checked_uploads(procedure: Any) -> None:
    version = procedure.versions.get()
    documents = list(ProcedureDocument.objects.filter(version=version).order_by("order"))
    files = MultiValueDict({f"tep_{documents[0].pk}": [SimpleUploadedFile("don.pdf", PDF)]})
    form = DossierForm(
        {
            "applicant_name": "Nguyễn Văn An",
            "applicant_address": "Vị Thanh",
            "applicant_phone": "0912345678",
            "applicant_email": "an@example.vn",
            "tk_ten_co_so": "Cơ sở in",
        },
        files,
        version=version,
        documents=documents,
    )
    assert form.is_valid(), form.errors
    assert form.files is files  # Django's attribute is untouched
    [(document, checked)] = form.uploaded_files()
    assert document == documents[0] and checked.content == PDF and checked.content_type == "application/pdf"


def test_citizen_pages_have_english_translations() -> None:
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Đánh giá dịch vụ") == "Rate the service"
        assert translation.gettext("Nộp hồ sơ trực tuyến") == "Submit a dossier online"
        assert translation.gettext("Hồ sơ") == "Dossier"  # was a wrong fuzzy guess ("Dossier code")
        assert translation.ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", 3) == "%(n)s working days"
