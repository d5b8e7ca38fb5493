"""The YAML reader of the rule packs: safe YAML that remembers each mapping's line and refuses duplicate keys."""

from __future__ import annotations

from typing import Any

import yaml

from ..core.errors import RuleError


class _Mapping(dict[str, Any]):
    line: int = 0

    def __reduce__(self) -> tuple[type[dict[str, Any]], tuple[dict[str, Any]]]:
        # pickled as a plain dict (the compiled rules in the cache folder, the rules sent to --jobs workers): the
        # line is read only while a pack is parsed, and unpickling a _Mapping imported this module and PyYAML,
        # 9 ms of a one-article run that reads no YAML
        return (dict, (dict(self),))


# libyaml's parser when PyYAML was built with it: ten times faster on the shipped packs
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe YAML that remembers the line of every mapping and refuses duplicate keys."""


def _construct_mapping(loader: Loader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    out = _Mapping()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise RuleError(f"keys must be strings, got {key!r}", line=key_node.start_mark.line + 1)
        if key in out:
            raise RuleError("duplicate key", line=key_node.start_mark.line + 1, key=key)
        out[key] = loader.construct_object(value_node, deep=True)
    return out


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
