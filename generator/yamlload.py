"""Line-aware YAML loading for annotation files.

Editors need errors that name a line, so every mapping remembers where each of
its values starts. Timestamps are not resolved: a date such as ``2023-11`` or
``2017-12-05`` stays the string the editor typed, and the model decides what it
means (a date with its precision).
"""

from __future__ import annotations

import yaml


class Located(dict):
    """A YAML mapping that knows the line (1-based) of each of its values."""

    line: int = 1
    lines: dict

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LocatedList(list):
    line: int = 1
    lines: list


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line = line
        self.column = column


MAX_DEPTH = 12  # annotation files nest four levels deep; anything far deeper is a mistake or an attack


# LibYAML (C) when PyYAML has it: parsing is most of the cost of reading the sources.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AnnotationLoader(_BaseLoader):
    line_offset = 0
    depth = 0  # of the collection being constructed


# LibYAML's composer recurses in C: tens of thousands of nested collections crash the
# process. Nesting that deep takes one indicator per level (the indentation it would
# take otherwise is quadratic, beyond the file size limit).
_NESTING_INDICATORS = ("[", "{", "- ", "-\t", "? ")
_INDICATORS_WITHOUT_RISK = 1000


def _needs_event_check(text: str) -> bool:
    """Whether the text could hold an alias or nest deep enough to crash the composer."""
    return "*" in text or sum(text.count(mark) for mark in _NESTING_INDICATORS) > _INDICATORS_WITHOUT_RISK


def _check_structure(text: str, line_offset: int) -> None:
    """Refuse what annotation files never need, before anything is built: aliases (a
    "billion laughs" bomb expands them) and deep nesting (it exhausts the composer's
    recursion, in C a crash). LibYAML's event parser itself does not recurse.

    Parsing twice costs a third of the reading time, so it runs only on the texts that
    could hold either (``_needs_event_check``); the constructors below enforce the same
    depth limit on every other text."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise YamlSyntaxError("YAML aliases (*name) are not allowed in annotation files: write the value out",
                                  mark.line + 1 + line_offset, mark.column + 1)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep",
                                      mark.line + 1 + line_offset, mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# Keep every implicit resolver except the timestamp one, so dates stay text.
_AnnotationLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _deeper(loader: _AnnotationLoader, node: yaml.Node) -> None:
    loader.depth += 1
    if loader.depth > MAX_DEPTH:
        raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep",
                              node.start_mark.line + 1 + loader.line_offset, node.start_mark.column + 1)


def _construct_mapping(loader: _AnnotationLoader, node: yaml.MappingNode) -> Located:
    _deeper(loader, node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1 + loader.line_offset
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise YamlSyntaxError(
                f"duplicate key '{key}'", key_node.start_mark.line + 1 + loader.line_offset,
                key_node.start_mark.column + 1,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    loader.depth -= 1
    return mapping


def _construct_sequence(loader: _AnnotationLoader, node: yaml.SequenceNode) -> LocatedList:
    _deeper(loader, node)
    items = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    loader.depth -= 1
    items.line = node.start_mark.line + 1 + loader.line_offset
    items.lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    return items


_AnnotationLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_AnnotationLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str, line_offset: int = 0):
    """Parse one YAML document; ``line_offset`` is added to every line number."""
    loader = None
    try:
        if _needs_event_check(text):
            _check_structure(text, line_offset)
        loader = _AnnotationLoader(text)
        loader.line_offset = line_offset
        return loader.get_single_data()
    except YamlSyntaxError:
        raise
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise YamlSyntaxError(f"YAML tag not allowed ({error.problem.split('tag ')[-1]}): annotation files hold "
                              "plain texts, numbers, lists and mappings", mark.line + 1 + line_offset,
                              mark.column + 1) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else line_offset + 1
        column = mark.column + 1 if mark else 1
        message = f"YAML syntax error: {error.problem or error.context}"
        lines = text.split("\n")
        if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
            message += " (indent with spaces, not tabs)"
        raise YamlSyntaxError(message, line, column) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(f"YAML error: {error}", line_offset + 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()
