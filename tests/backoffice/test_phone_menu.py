"""On a phone the back-office menu follows the page; a header link jumps to it (no JavaScript)."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_menu_link_points_at_the_side_navigation(client, clerk_binh):
    client.force_login(clerk_binh)
    html = client.get(reverse("backoffice:dashboard")).content.decode()
    assert '<a class="bo-menu-link" href="#chuc-nang">Chức năng</a>' in html
    assert '<nav class="bo-side" id="chuc-nang"' in html
