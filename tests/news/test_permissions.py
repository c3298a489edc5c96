"""Who may do what: roles × actions, in the article's department and in another one."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.core.errors import NotAllowed
from tinhso.news import access
from tinhso.news.models import ArticleStatus
from tinhso.news.services import (
    article_create,
    article_publish,
    article_return,
    article_submit,
    article_unpublish,
    article_update,
)

pytestmark = pytest.mark.django_db

PEOPLE = ["mai", "em", "giang", "chi", "an", "other_editor", "other_director"]
# who may create / submit (write) and publish / return / unpublish (approve) an article of the Sở
WRITE = {"mai"}
APPROVE = {"em", "giang"}


@pytest.fixture
def people(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {name: request.getfixturevalue(name) for name in PEOPLE}


def _state(make_article: Any, mai: Any, em: Any, state: str) -> Any:
    a = make_article()
    if state in ("pending", "published"):
        a = article_submit(actor=mai, article=a)
    if state == "published":
        a = article_publish(actor=em, article=a)
    return a


@pytest.mark.parametrize("who", PEOPLE)
def test_create(people: dict[str, Any], so: Any, who: str) -> None:
    values = {"title": "Tin", "summary": "T.", "body": "N.", "category": "thong_bao"}
    if who in WRITE:
        assert article_create(actor=people[who], agency=so, **values).pk
    else:
        with pytest.raises(NotAllowed):
            article_create(actor=people[who], agency=so, **values)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize(
    ("service", "state", "allowed"),
    [
        (article_submit, "draft", WRITE),
        (article_publish, "pending", APPROVE),
        (article_return, "pending", APPROVE),
        (article_unpublish, "published", APPROVE),
    ],
)
def test_transitions(
    people: dict[str, Any],
    make_article: Any,
    mai: Any,
    em: Any,
    who: str,
    service: Any,
    state: str,
    allowed: set[str],
) -> None:
    a = _state(make_article, mai, em, state)
    if who in allowed:
        service(actor=people[who], article=a)
    else:
        with pytest.raises(NotAllowed):
            service(actor=people[who], article=a)
        a.refresh_from_db()
        assert a.status == state


@pytest.mark.parametrize("who", PEOPLE)
def test_update_a_draft(people: dict[str, Any], make_article: Any, who: str) -> None:
    a = make_article()
    if who in WRITE | APPROVE:
        assert article_update(actor=people[who], article=a, changes={"title": "Sửa"}).title == "Sửa"
    else:
        with pytest.raises(NotAllowed):
            article_update(actor=people[who], article=a, changes={"title": "Sửa"})
        a.refresh_from_db()
        assert a.status == ArticleStatus.DRAFT and a.title != "Sửa"


def test_other_department_roles_count_there_only(
    other_editor: Any, other_director: Any, other_department: Any, so: Any
) -> None:
    assert access.can_write(other_editor, other_department) and not access.can_write(other_editor, so)
    assert access.can_approve(other_director, other_department) and not access.can_approve(other_director, so)
    a = article_create(
        actor=other_editor,
        agency=other_department,
        title="Tin Vị Thanh",
        summary="T.",
        body="N.",
        category="thong_bao",
    )
    a = article_submit(actor=other_editor, article=a)
    article_publish(actor=other_director, article=a)


def test_editor_of_a_unit_writes_for_its_department(mai: Any, so: Any) -> None:
    assert access.writable_departments(mai) == [so]
    assert access.department_ids(mai) == {so.pk}


def test_an_inactive_role_gives_no_right(mai: Any, so: Any) -> None:
    from tinhso.org.models import StaffRole

    StaffRole.objects.filter(user=mai).update(is_active=False)
    mai.refresh_from_db()
    fresh = type(mai).objects.get(pk=mai.pk)
    assert not access.can_write(fresh, so) and not access.can_read(fresh)
