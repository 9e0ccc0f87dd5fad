"""What the answers followprune reads from a Mastodon instance must hold
(networks/shapes.py), from the API's entities, narrowed to what this package reads.

Mastodon.py has parsed them already: times may be datetimes and ids numbers, so neither is
checked beyond being there (and text ids being valid Unicode); texts read as HTML (a bio, a
post) must be text.
"""

from __future__ import annotations

from followprune.networks.shapes import ID, Either, Required

_ID = Either(ID, int)
ACCOUNT = {"id": Required(_ID), "note": str}
RELATIONSHIPS = [{"id": Required(_ID)}]
_POSTED = {"id": Required(_ID), "account": {"id": _ID}, "content": str,
           "reblog": {"account": {"id": _ID}}, "in_reply_to_account_id": _ID,
           "mentions": [{"id": _ID}]}
FOLLOWING = [ACCOUNT]
STATUSES = [_POSTED]
NOTIFICATIONS = [{"id": Required(_ID), "type": str, "account": {"id": _ID},
                  "status": dict}]
