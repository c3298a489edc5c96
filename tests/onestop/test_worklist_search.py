"""The worklist's search box: the rule of every search box (``vntext.folded_q``: each folded word of the
query begins a word of the dossier's search text), only inside the tab's scope, and a fixed number of
queries — the scope's rows, then the page — whatever the number of dossiers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tinhso.accounts.models import User
from tinhso.core.vntext import folded_q
from tinhso.onestop import services, worklists
from tinhso.onestop.models import Channel, Dossier

pytestmark = pytest.mark.django_db

NAMES = [
    "Công ty TNHH In ấn Phúc Hậu",
    "Cơ sở in Tín Nghĩa",
    "Hộ kinh doanh Đức Tín",
    "Công ty Cổ phần Bao bì Hậu Giang",
    "Nhà in Báo Hậu Giang",
    "Doanh nghiệp tư nhân Ấn Độ Dương",
]
QUERIES = [
    "in an",
    "IN ẤN",
    "tin",
    "duc tin",
    "Đức",
    "hau giang",
    "hau gian",
    "in",
    "an",
    "bao",
    "cong ty in",
    "phuc hau tin",
    "nghia",
    "ng",
    "---",
    "h30",
]


def _received(procedure: Any, people: Any, name: str, at: dt.datetime, *, assignee: Any = None) -> Dossier:
    dossier = services.dossier_create_draft(
        actor=people.binh,
        procedure=procedure,
        channel=Channel.DIRECT,
        applicant_name=name,
        applicant_phone="0293 3870 123",
        form_data={"ten_co_so": name},
        at=at,
    )
    dossier = services.dossier_submit(actor=people.binh, dossier=dossier, at=at)
    return services.dossier_receive(actor=people.binh, dossier=dossier, at=at, assignee=assignee)


def _load(procedure: Any, people: Any, rounds: int = 1) -> list[Dossier]:
    """Each name twice per round: assigned to Chi and unassigned (her role may take it), received an
    hour apart so the due times differ; one of them then goes on to the division head."""
    start = timezone.now() - dt.timedelta(days=3)
    out = []
    for r in range(rounds):
        for i, name in enumerate(NAMES):
            at = start + dt.timedelta(hours=2 * (r * len(NAMES) + i))
            out.append(_received(procedure, people, name, at, assignee=people.chi))
            out.append(_received(procedure, people, name, at + dt.timedelta(hours=1)))
    services.dossier_forward(actor=people.chi, dossier=out[0], at=timezone.now())
    return out


def _by_sql(user: Any, scope: str, query: str) -> list[int]:
    """What the search gave when it was a filter of the worklist's query."""
    qs = worklists.worklist(user, scope).filter(folded_q("dossier__search_text", query))
    return list(qs.values_list("id", flat=True))


def test_search_finds_what_the_folded_filter_finds_in_each_scope(procedure: Any, people: Any) -> None:
    dossiers = _load(procedure, people)
    for user in (people.chi, people.dung, people.em):
        for scope in worklists.SCOPES:
            for query in [*QUERIES, dossiers[3].code, dossiers[3].code.lower().replace("-", " ")]:
                found = worklists.worklist_search(user, scope, query)
                assert found.ids == _by_sql(user, scope, query), (user.username, scope, query)


def test_search_is_accent_insensitive_by_word_beginning_and_inside_the_scope(
    procedure: Any, people: Any
) -> None:
    dossiers = _load(procedure, people)
    forwarded = dossiers[0]  # "Công ty TNHH In ấn Phúc Hậu", now at the division head's step

    def names(user: Any, scope: str, query: str) -> list[str]:
        return [s.dossier.applicant_name for s in worklists.worklist_search(user, scope, query)]

    assert names(people.chi, "mine", "in an") == ["Công ty TNHH In ấn Phúc Hậu"]  # the other one moved on
    assert names(people.dung, "mine", "IN ẤN") == ["Công ty TNHH In ấn Phúc Hậu"]  # the head's step
    assert names(people.chi, "unit", "in an") == ["Công ty TNHH In ấn Phúc Hậu"] * 2
    # "tin" begins "Tín" but is not the end of "in"; "Đức" is "duc"
    assert sorted(set(names(people.chi, "mine", "tin"))) == ["Cơ sở in Tín Nghĩa", "Hộ kinh doanh Đức Tín"]
    assert set(names(people.chi, "mine", "duc tin")) == {"Hộ kinh doanh Đức Tín"}
    assert set(names(people.chi, "mine", "gian")) == {
        "Công ty Cổ phần Bao bì Hậu Giang",
        "Nhà in Báo Hậu Giang",
    }
    assert names(people.chi, "mine", "iang") == []  # inside a word, not at its beginning
    # by code, as typed (dots and dashes are word breaks)
    code = dossiers[5].code
    assert [s.dossier.code for s in worklists.worklist_search(people.chi, "mine", code)] == [code]
    # another person's scope: Khánh's division has none of these; no step open for a dossier not received
    assert names(people.khanh, "unit", "in") == []
    assert forwarded.code not in [s.dossier.code for s in worklists.worklist_search(people.chi, "mine", "in")]
    # earliest due first, as the tabs
    found = list(worklists.worklist_search(people.chi, "mine", "cong ty"))
    assert [s.due_at for s in found] == sorted(s.due_at for s in found) and len(found) == 3
    with pytest.raises(ValueError):
        worklists.worklist_search(people.chi, "everything", "in")


def test_search_results_page_like_a_list(procedure: Any, people: Any) -> None:
    _load(procedure, people, rounds=2)
    found = worklists.worklist_search(people.chi, "mine", "hau giang")  # 2 names × 2 × 2 rounds
    assert len(found) == 8
    rows = list(found)
    assert [s.pk for s in rows] == found.ids
    assert [s.pk for s in found[2:5]] == found.ids[2:5]
    assert found[0].pk == found.ids[0] and found[-1].pk == found.ids[-1]
    assert found[8:] == []
    with pytest.raises(IndexError):
        found[8]


def _search_queries(user_pk: int, django_assert_num_queries: Any, django_assert_max_num_queries: Any) -> int:
    chi = User.objects.get(pk=user_pk)  # a fresh object: nothing cached yet
    with django_assert_max_num_queries(5):  # grants: roles and the agency tree (cached), then the scope
        worklists.worklist_search(chi, "unit", "hau")
    for scope in worklists.SCOPES:
        with django_assert_num_queries(1):  # the scope's ids, due times and search texts
            found = worklists.worklist_search(chi, scope, "cong ty hau")
        with django_assert_num_queries(1):  # one page, its dossiers, procedures, agencies, assignees
            page = found[:20]
        with django_assert_num_queries(0):
            for step in page:
                assert step.dossier.procedure.name and step.agency.name
                _ = step.assignee.full_name if step.assignee else ""
    return len(worklists.worklist_search(chi, "mine", "cong ty hau"))


def test_search_queries_do_not_grow_with_dossiers(
    procedure: Any, people: Any, django_assert_num_queries: Any, django_assert_max_num_queries: Any
) -> None:
    _load(procedure, people)  # "Công ty … Phúc Hậu" ×2 (one forwarded), "Công ty … Hậu Giang" ×2
    assert _search_queries(people.chi.pk, django_assert_num_queries, django_assert_max_num_queries) == 3
    _load(procedure, people, rounds=3)
    assert _search_queries(people.chi.pk, django_assert_num_queries, django_assert_max_num_queries) == 14


def _page_queries(client: Client, params: dict[str, str], django_assert_num_queries: Any, n: int) -> str:
    with django_assert_num_queries(n):
        r = client.get(reverse("onestop_office:worklist"), params)
    assert r.status_code == 200
    return str(r.content.decode())


# One request of the page, signed in (session read before): session, user, Chi's roles and the agency
# tree (the grants), the back-office menu's reads, the four counts, the scope's rows (a search) or the
# paginator's count (a tab), the page of rows. The same with and without a search, with 12 dossiers
# and with 72.
PAGE_QUERIES = 11


def test_search_page_query_count_is_pinned(
    procedure: Any, people: Any, django_assert_num_queries: Any
) -> None:
    _load(procedure, people)
    chi = Client()
    chi.force_login(people.chi)
    chi.get(reverse("onestop_office:worklist"))  # warm the session
    html = _page_queries(chi, {"ds": "cua-toi", "q": "hậu giang"}, django_assert_num_queries, PAGE_QUERIES)
    assert html.count("/quan-tri/mot-cua/ho-so/") == 4 and "Nhà in Báo Hậu Giang" in html
    assert 'value="hậu giang"' in html
    _page_queries(chi, {"ds": "cua-toi"}, django_assert_num_queries, PAGE_QUERIES)
    html = _page_queries(chi, {"ds": "don-vi", "q": "zzz"}, django_assert_num_queries, PAGE_QUERIES - 1)
    assert "Không có hồ sơ." in html  # nothing found: no page of rows to load
    _load(procedure, people, rounds=5)
    html = _page_queries(chi, {"ds": "cua-toi", "q": "hau giang"}, django_assert_num_queries, PAGE_QUERIES)
    assert html.count("/quan-tri/mot-cua/ho-so/") == 24
    # "in" begins a word of three names; two dossiers each per round, six rounds, all in Chi's
    # division: 36, on pages of 30
    html = _page_queries(chi, {"ds": "don-vi", "q": "in"}, django_assert_num_queries, PAGE_QUERIES)
    assert "(36)" in html and html.count("/quan-tri/mot-cua/ho-so/") == 30
    html = _page_queries(
        chi, {"ds": "don-vi", "q": "in", "trang": "2"}, django_assert_num_queries, PAGE_QUERIES
    )
    assert html.count("/quan-tri/mot-cua/ho-so/") == 6 and "Trang 2/2" in html
