"""Base fixtures shared by every test module."""

from __future__ import annotations

import os

os.environ.setdefault("TINHSO_TESTING", "1")
os.environ.setdefault("EMAIL_URL", "locmem://")
