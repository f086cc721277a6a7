"""An annotation file's bytes as line-aware YAML: a mapping of fields, or the problem
that stops it (not UTF-8 text, too large, a YAML error, a refused character…).

Editors need errors that name a line, so every mapping remembers where each of
its values starts. A plain (unquoted) scalar is not given a type by YAML's rules, whose
1.1 version turns ``010`` into 8, ``12:30`` into 750 and ``no`` into false: it stays the
text the editor typed, marked as :class:`Plain`, and the reader reads it as the field it
is in (a number, true or false, a date, a text). Keys are texts. What the fields must be
is the reader's.
"""

from __future__ import annotations

import errno
import os
import stat
import typing
import unicodedata
from pathlib import Path
from typing import NamedTuple

import frontmatter
import yaml

from . import characters
from .problems import Problem

MAX_FILE_BYTES = 1_000_000  # the largest seed article is 6 kB


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Located(dict):
    """A YAML mapping that knows the line (1-based) of each of its values."""

    line: int = 1
    lines: dict

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LocatedList(list):
    line: int = 1
    lines: list


class Plain(str):
    """A scalar written without quotes: its meaning (a number, a flag, nothing) is the field's."""

    __slots__ = ()


NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})  # what YAML 1.2 reads as no value


def is_null(value: object) -> bool:
    return value is None or isinstance(value, Plain) and value in NULL_WORDS


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line = line
        self.column = column


MAX_DEPTH = 12  # annotation files nest four levels deep; anything far deeper is a mistake or an attack


# LibYAML (C) when PyYAML has it: parsing is most of the cost of reading the sources.
if typing.TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AnnotationLoader(_BaseLoader):
    line_offset = 0
    depth = 0  # of the collection whose values the loader builds (see _build)


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


# No implicit types: every plain scalar is a text (Plain), which the reader reads as its field.
_AnnotationLoader.yaml_implicit_resolvers = {}


_STR_TAG = "tag:yaml.org,2002:str"
_MAPPING_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQUENCE_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


def _build(loader: _AnnotationLoader, node: yaml.Node, depth: int):
    """The value of a composed node. Texts, mappings and lists, nearly all of an annotation
    file, are built here directly: PyYAML's generic construct_object, with its bookkeeping for
    anchors and recursion that annotation files cannot hold, cost as much as parsing. A scalar
    with a tag (!!int, !!binary) is refused; a collection with one (!!omap, !!set, a Python
    object) is left to the loader, which builds its mappings and lists here or refuses it."""
    kind, tag = node.__class__, node.tag
    if kind is yaml.ScalarNode and tag == _STR_TAG:
        value = node.value
        refused = characters.first_refused(value)
        if refused >= 0:  # made by an escape ("\\e", "\\u202e"): the file's own text was checked
            mark = node.start_mark
            raise YamlSyntaxError(_refused_message(value[refused], "the value"),
                                  mark.line + 1 + loader.line_offset, mark.column + 1)
        plain = not typing.cast(yaml.ScalarNode, node).style  # LibYAML gives a plain scalar the style "", PyYAML None
        return Plain(value) if plain else value
    if kind is yaml.MappingNode and tag == _MAPPING_TAG:
        return _build_mapping(loader, node, depth + 1)
    if kind is yaml.SequenceNode and tag == _SEQUENCE_TAG:
        return _build_sequence(loader, node, depth + 1)
    if kind is yaml.ScalarNode and tag not in (_MAPPING_TAG, _SEQUENCE_TAG):  # those: a message of their own
        mark = node.start_mark
        raise YamlSyntaxError(f"YAML tag not allowed ({tag}): write the value without it",
                              mark.line + 1 + loader.line_offset, mark.column + 1)
    loader.depth = depth
    return loader.construct_object(node, deep=True)


def _enter(loader: _AnnotationLoader, node: yaml.Node, depth: int, kind: type, tag: str, what: str) -> int:
    """Refuse a collection nested too deep, or a ``tag`` (!!map, !!seq) on a value that is not of
    its ``kind``; returns what turns a line of the parsed text (0-based) into a line of the file."""
    first_line, mark = 1 + loader.line_offset, node.start_mark
    if depth > MAX_DEPTH:
        raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", mark.line + first_line, mark.column + 1)
    if not isinstance(node, kind):
        raise YamlSyntaxError(f"a {tag} tag on a value that is not {what}: remove the tag",
                              mark.line + first_line, mark.column + 1)
    return first_line


def _build_mapping(loader: _AnnotationLoader, node: yaml.Node, depth: int) -> Located:
    first_line = _enter(loader, node, depth, yaml.MappingNode, "!!map", "a mapping")
    mapping, lines = Located(), {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlSyntaxError("a key must be a plain word, not a list or a mapping",
                                  key_node.start_mark.line + first_line, key_node.start_mark.column + 1)
        key = str(_build(loader, key_node, depth))  # a key is a field's name or a language: a text
        if key in mapping:
            raise YamlSyntaxError(f"duplicate key '{key}'", key_node.start_mark.line + first_line,
                                  key_node.start_mark.column + 1)
        mapping[key] = _build(loader, value_node, depth)
        lines[key] = key_node.start_mark.line + first_line
    mapping.line = node.start_mark.line + first_line
    mapping.lines = lines
    return mapping


def _build_sequence(loader: _AnnotationLoader, node: yaml.Node, depth: int) -> LocatedList:
    first_line = _enter(loader, node, depth, yaml.SequenceNode, "!!seq", "a list")
    items = LocatedList(_build(loader, child, depth) for child in node.value)
    items.line = node.start_mark.line + first_line
    items.lines = [child.start_mark.line + first_line for child in node.value]
    return items


# Inside a collection with another tag (!!omap, !!set), the loader builds the mappings and lists.
def _construct_mapping(loader: _AnnotationLoader, node: yaml.Node) -> Located:
    return _build_mapping(loader, node, loader.depth + 1)


def _construct_sequence(loader: _AnnotationLoader, node: yaml.Node) -> LocatedList:
    return _build_sequence(loader, node, loader.depth + 1)


_AnnotationLoader.add_constructor(_MAPPING_TAG, _construct_mapping)
_AnnotationLoader.add_constructor(_SEQUENCE_TAG, _construct_sequence)


# The usual causes of YAML's syntax errors in an editor's file, and what to do.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", " (a ': ' inside a value: put the value in double quotes)"),
    ("did not find expected ',' or ']'", " (a '[' not closed, or a ', ' or ': ' inside a list item: quote the item)"),
    ("did not find expected ',' or '}'", " (a '{' not closed, or a ': ' inside a text: quote the text)"),
    ("found unexpected end of stream", " (a quote not closed: end the value with the quote it starts with)"),
    ("could not find expected ':'", " (a line that is neither 'key: value' nor a list item '- …')"),
)


def load_yaml(text: str, line_offset: int = 0):
    """Parse one YAML document; ``line_offset`` is added to every line number."""
    loader = None
    try:
        if _needs_event_check(text):
            _check_structure(text, line_offset)
        loader = _AnnotationLoader(text)
        loader.line_offset = line_offset
        node = loader.get_single_node()
        return None if node is None else _build(loader, node, 0)
    except YamlSyntaxError:
        raise
    except yaml.constructor.ConstructorError as error:
        tag, mark = (error.problem or "").split("tag ")[-1], error.problem_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (line_offset + 1, 1)
        raise YamlSyntaxError(f"YAML tag not allowed ({tag}): annotation files hold plain texts, numbers, lists "
                              "and mappings", line, column) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else line_offset + 1
        column = mark.column + 1 if mark else 1
        message = f"YAML syntax error: {error.problem or error.context}"
        lines = text.split("\n")
        if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
            message += " (indent with spaces, not tabs)"
        else:
            message += next((hint for cause, hint in _SYNTAX_HINTS if cause in message), "")
        raise YamlSyntaxError(message, line, column) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(f"YAML error: {error}", line_offset + 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; of a file larger than MAX_FILE_BYTES, which is refused, no more
    than one past the limit. (Asking for that much of every file would allocate a megabyte each.)
    A symbolic link or anything but a regular file (a device has no size to check) raises OSError."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with open(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file")
        return file.read(MAX_FILE_BYTES + 1 if status.st_size > MAX_FILE_BYTES else -1)


def _refused_message(char: str, where: str) -> str:
    return f"{where} holds {characters.describe(char)}, an invisible or control character: delete it"


def load_mapping(data: bytes, path: Path, relpath: str, problems: list[Problem]) -> Located | None:
    """The mapping of fields of a YAML file (``data``: its bytes); None, and a problem, if there is none."""
    text = _decode(data, path, relpath, problems)
    return None if text is None else _mapping(text, relpath, problems)


class Article(NamedTuple):
    front_matter: Located
    body: str  # the text below the closing '---'
    last_line: int  # the number of the file's last line
    body_line: int  # the number of the body's first line


def load_article(data: bytes, path: Path, relpath: str, problems: list[Problem]) -> Article | None:
    """An article file (``data``: its bytes): its front matter as a mapping of fields, and its text;
    None, and a problem, if it has no such front matter."""
    text = _decode(data, path, relpath, problems)
    if text is None:
        return None
    if text.split("\n", 1)[0].rstrip() != "---":
        problems.append(Problem(relpath, 1, 1, "no front matter: the file must start with a '---' line"))
        return None
    try:
        meta_text, body = frontmatter.YAMLHandler().split(text)
    except ValueError:  # python-frontmatter's split finds no closing '---'
        problems.append(Problem(relpath, 1, 1, "the front matter is not closed: end it with a '---' line, "
                                               "above the article's text"))
        return None
    front_matter = _mapping(meta_text, relpath, problems, line_offset=text[:text.index(meta_text)].count("\n"))
    body_line = text.count("\n", 0, len(text) - len(body)) + 1 if text.endswith(body) else 1
    return None if front_matter is None else Article(front_matter, body, text.count("\n") + 1, body_line)


def _decode(data: bytes, path: Path, relpath: str, problems: list[Problem]) -> str | None:
    """The file as NFC text with Unix line ends; None (and a problem) if it is not UTF-8 text."""
    if len(data) > MAX_FILE_BYTES:
        size = path.stat().st_size
        problems.append(Problem(relpath, 1, 1, f"the file is {size:,} bytes, above the limit of "
                                               f"{MAX_FILE_BYTES:,}: is it really one article or one entity?"))
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(relpath, 1, 1, "the file is UTF-16 text: save it as UTF-8"))
        return None
    if data[:200].count(b"\x00") > 10:
        problems.append(Problem(relpath, 1, 1, "the file is not text (a binary file, such as a font or an image, "
                                               "or UTF-16 without a byte-order mark): save the annotation as UTF-8"))
        return None
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is accepted and dropped
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        problems.append(Problem(relpath, line, 1, "not UTF-8 text (a legacy encoding such as Windows-1258 or "
                                                  "TCVN3?): save the file as UTF-8"))
        return None
    if "\x00" in text:
        problems.append(Problem(relpath, text[:text.index("\x00")].count("\n") + 1, 1,
                                "the file holds a NUL character: it is not a text file"))
        return None
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    refused = characters.first_refused(text)
    if refused >= 0:
        line_start = text.rfind("\n", 0, refused) + 1
        problems.append(Problem(relpath, text.count("\n", 0, refused) + 1, refused - line_start + 1,
                                _refused_message(text[refused], "the file")))
        return None
    return text


def _mapping(text: str, relpath: str, problems: list[Problem], line_offset: int = 0) -> Located | None:
    try:
        data = load_yaml(text, line_offset)
    except YamlSyntaxError as error:
        problems.append(Problem(relpath, error.line, error.column, str(error)))
        return None
    if not isinstance(data, Located):
        problems.append(Problem(relpath, line_offset + 1, 1, "the file must hold a mapping of fields"))
        return None
    return data
