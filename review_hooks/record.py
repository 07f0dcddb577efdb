"""Record: an immutable tuple with named fields, declared like a ``typing.NamedTuple``, built without ``exec``.

Every value a hook passes around (``Finding``, ``Check``, ``Link``, ``Target``...) is one, and a one-file
``review-hooks check`` builds about 30 of these classes before it reads its file. ``typing.NamedTuple``
compiles each field's annotation (a ``ForwardRef`` per field under ``from __future__ import annotations``) and
then ``collections.namedtuple`` compiles a ``__new__`` from source: a tenth of the instructions of that whole
run on a clean document (244 million with NamedTuples, 219 million with Records, counted by ``valgrind
--tool=callgrind``; ``python -c pass`` is 38 million; issue 13). A ``Record`` class gets the same behaviour
from one shared ``__new__`` and C field accessors: positional and keyword construction with defaults (the same
``TypeError`` cases), ``_replace``, ``_asdict``, ``_make``, ``_fields``, ``_field_defaults``, tuple equality,
hashing and order, ``NamedTuple``'s ``repr``, immutability (no attribute can be set), ``match`` by position,
and pickling (the scan's worker processes send them). ``tests/record_test.py`` holds it to
``typing.NamedTuple``, case by case.

Declare fields with annotations, defaults after the fields without one; methods and properties as usual::

    class Target(Record):
        path: str
        named: bool = True
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, dataclass_transform

try:  # the C accessor ``collections.namedtuple`` uses
    from _collections import _tuplegetter
except ImportError:  # pragma: no cover - other interpreters

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


@dataclass_transform(kw_only_default=False)
class RecordType(type):
    """Turns the annotated names of a direct ``Record`` subclass into its fields (a subclass of that is plain)."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> RecordType:
        if "Record" not in globals() or Record not in bases:  # Record itself, or a plain subclass of a record
            return super().__new__(mcs, name, bases, namespace, **kwargs)
        fields = tuple(namespace.get("__annotations__", {}))
        defaults: dict[str, Any] = {}
        for index, field in enumerate(fields):
            if field.startswith("_"):
                raise TypeError(f"{name}: a field name cannot start with an underscore: {field!r}")
            if field in namespace:
                defaults[field] = namespace[field]
            elif defaults:
                raise TypeError(f"{name}: the field {field!r} without a default follows one with a default")
            namespace[field] = _tuplegetter(index, f"Alias for field number {index}")
        namespace.update(__slots__=(), _fields=fields, _field_defaults=defaults, __match_args__=fields,
                         _tail=tuple(defaults.values()), _required=len(fields) - len(defaults))
        return super().__new__(mcs, name, bases, namespace, **kwargs)


class Record(tuple, metaclass=RecordType):  # type: ignore[type-arg]
    """The base of every record class (see the module's docstring)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}  # noqa: RUF012 - each record class has its own, never changed
    _tail: tuple[Any, ...] = ()  # the defaults, in field order
    _required = 0  # how many fields have no default

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if not kwargs:  # the common case, kept short: every field given by position, or the last defaulted
            given = len(args)
            if given == len(cls._fields):
                return tuple.__new__(cls, args)
            if cls._required <= given < len(cls._fields):
                return tuple.__new__(cls, args + cls._tail[given - cls._required :])
        return tuple.__new__(cls, cls._values(args, kwargs))

    @classmethod
    def _values(cls, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """The fields from positional and keyword arguments and the defaults; TypeError as a call would raise."""
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} positional arguments but {len(args)} were given")
        values = list(args)
        missing = []
        for field in fields[len(args) :]:
            if field in kwargs:
                values.append(kwargs.pop(field))
            elif field in cls._field_defaults:
                values.append(cls._field_defaults[field])
            else:
                missing.append(field)
        if kwargs:
            name = next(iter(kwargs))
            problem = "got multiple values for argument" if name in fields else "got an unexpected keyword argument"
            raise TypeError(f"{cls.__name__}() {problem} {name!r}")
        if missing:
            raise TypeError(f"{cls.__name__}() missing {len(missing)} required argument{'s' * (len(missing) > 1)}: "
                            + ", ".join(repr(field) for field in missing))
        return tuple(values)

    @classmethod
    def _make(cls, iterable: Any) -> Any:
        """A record from an iterable of all its fields."""
        result = tuple.__new__(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
        return result

    def _replace(self, /, **changes: Any) -> Any:
        """A copy with the given fields changed; ValueError names an unknown field."""
        result = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return result

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({fields})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)
