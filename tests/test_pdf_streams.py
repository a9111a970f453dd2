"""A PDF titlecli draws has the same bytes whatever the process drew before it, and leaves
reportlab's process-wide ASCII85 switch as it found it (a library caller's own PDFs unchanged)."""

from __future__ import annotations

import io

import pytest
from reportlab import rl_config

from titlecli import upload
from titlecli.batch import unitdocs


def _placeholder() -> bytes:
    data, ext = upload._placeholder(["pdf"])
    assert ext == "pdf"
    return data


def _report() -> bytes:
    return unitdocs.report_pdf([unitdocs.Block("title", "推荐报告"), unitdocs.Block("item", "任现职以来的主要业绩")])


def _scan() -> bytes:
    from PIL import Image

    img = Image.new("RGB", (40, 30), "white")
    out = io.BytesIO()
    upload._images_to_pdf([img], out)
    return out.getvalue()


@pytest.fixture
def a85():
    was = rl_config.useA85
    yield
    rl_config.useA85 = was


@pytest.mark.parametrize("draw", [_placeholder, _report, _scan], ids=["placeholder", "report", "images"])
def test_bytes_do_not_depend_on_the_switch_left_by_an_earlier_pdf(a85, draw):
    rl_config.useA85 = 1
    first = draw()
    assert rl_config.useA85 == 1, "the switch is put back for the caller"
    rl_config.useA85 = 0
    second = draw()
    assert rl_config.useA85 == 0
    assert first == second
    assert b"ASCII85Decode" not in first
