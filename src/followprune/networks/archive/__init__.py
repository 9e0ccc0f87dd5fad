"""The X personal data archive (free, no API): a safe streaming reader, pure of the store."""

from __future__ import annotations

from followprune.networks.archive.derive import ArchivePost, InteractionDeriver
from followprune.networks.archive.reader import MANIFEST, REQUIRED, XArchive
from followprune.networks.archive.source import AS_SENT_HINT, Limits

__all__ = [
    "AS_SENT_HINT",
    "MANIFEST",
    "REQUIRED",
    "ArchivePost",
    "InteractionDeriver",
    "Limits",
    "XArchive",
]
