"""Rules for a notice's several buyers: each joint buyer is another organisation, once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .derive import slugify
from .problems import Problem
from .source import NoticeSource
from .values import get


def joint_buyers_distinct(source: NoticeSource) -> Iterator[Problem]:
    """No joint buyer is the buyer itself, and none is listed twice (by id or by name: names
    that differ only in case or punctuation are one buyer, and file under one buyer page)."""
    joint = source.data.get("joint_buyers")
    seen = dict.fromkeys(same_buyer_keys(source.data.get("buyer")), "buyer")
    for index, other in enumerate(joint if isinstance(joint, list) else []):
        keys = same_buyer_keys(other)
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier == "buyer":
            yield source.problem(
                ("joint_buyers", index),
                f"'{get(other, 'name')}' is the buyer who publishes the notice",
                "list only the other buyers in joint_buyers, or correct its name and id",
            )
        elif earlier is not None:
            yield source.problem(
                ("joint_buyers", index),
                f"'{get(other, 'name')}' is listed twice (also at {earlier})",
                "remove the repeated buyer",
            )
        for key in keys:
            seen.setdefault(key, f"joint_buyers[{index}]")


def same_buyer_keys(organisation: Any) -> list[str]:
    """What names an organisation: its id, and its name as its buyer page's address does."""
    if not isinstance(organisation, dict):
        return []
    keys = []
    if isinstance(organisation.get("id"), str):
        keys.append(f"id:{organisation['id']}")
    if isinstance(organisation.get("name"), str) and slugify(organisation["name"]):
        keys.append(f"name:{slugify(organisation['name'])}")
    return keys
