"""Tỉnh số — nền tảng chính quyền số cho Sở Thông tin và Truyền thông."""

__version__ = "0.1.0"
