"""A workshop's address for phones is kept across runs of the app for a while: a restart in the middle of a
workshop keeps the link the room scanned and the pages phones have open; later, or after "New link for phones",
the workshop gets a new one."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from darbnica.share.addresses import KEEP, Addresses

START = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


def test_the_same_workshop_gets_the_same_address_again_within_the_hours_kept(tmp_path: Path) -> None:
    path = tmp_path / "share-links.json"
    first = Addresses(path).get("tuja", 8765, now=START)
    again = Addresses(path).get("tuja", 8765, now=START + KEEP - timedelta(minutes=1))  # another run of the app
    assert again == first and len({first.token, first.scribe}) == 2 and len(first.key) == 32
    other = Addresses(path).get("salaca", 8765, now=START)
    assert other.token != first.token and other.key != first.key
    later = Addresses(path).get("tuja", 8765, now=START + KEEP + timedelta(minutes=1))
    assert later.token != first.token and later.scribe != first.scribe and later.key != first.key


def test_a_new_link_is_forgotten_and_a_changed_port_kept(tmp_path: Path) -> None:
    addresses = Addresses(tmp_path / "share-links.json")
    first = addresses.get("tuja", 8765, now=START)
    addresses.forget("tuja")
    new = addresses.get("tuja", 8765, now=START)
    assert new.token != first.token
    from dataclasses import replace

    addresses.keep("tuja", replace(new, port=8766), now=START)  # another program had 8765
    assert addresses.get("tuja", 8765, now=START).port == 8766


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps only a file's read-only bit")
def test_the_links_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "share-links.json"
    path.write_text('{"workshops": {}}')
    path.chmod(0o644)  # as an earlier darbnica wrote it
    first = Addresses(path).get("tuja", 8765, now=START)
    assert path.stat().st_mode & 0o777 == 0o600  # the tokens in it let anyone post to the wall and be the scribe
    path.chmod(0o644)  # an earlier darbnica's file whose address is still kept: used again without a write
    assert Addresses(path).get("tuja", 8765, now=START + timedelta(hours=1)) == first
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"workshops": {"tuja": {"token": 1}}}', b"\xff\xfe"])
def test_a_damaged_file_only_means_new_links(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "share-links.json"
    path.write_bytes(damage)
    address = Addresses(path).get("tuja", 8765, now=START)
    assert Addresses(path).get("tuja", 8765, now=START) == address  # written whole again


def test_a_disk_that_refuses_the_file_still_shares(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")  # the file cannot be made (as on a full or read-only disk, also for root)
    addresses = Addresses(blocked / "share-links.json")
    first = addresses.get("tuja", 8765, now=START)
    assert first.token and len(first.key) == 32
