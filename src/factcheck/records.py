"""`@dataclass` for our value classes, without importing `dataclasses` at start-up.

`dataclasses` imports `inspect` (with `ast`, `dis` and `tokenize`) and writes six methods per
class with `exec`: about a sixth of a one-paragraph check. A class declared here gets the same
`__init__` (the one method still written with `exec`, so it is as fast), `__repr__`, `__eq__`,
`__hash__`, frozen `__setattr__`/`__delattr__` (raising `dataclasses.FrozenInstanceError`),
`__match_args__`, `__slots__` and pickling as `dataclasses` would give it. Its
`__dataclass_fields__` are made by `dataclasses` on first use (a twin of the class), so
`dataclasses.fields`, `replace`, `asdict` and `is_dataclass` work on it as before.

Supported: `@dataclass` and `@dataclass(frozen=..., slots=...)`, fields with a default or
`field(default=..., default_factory=..., init=..., repr=..., compare=...)`, `__post_init__`; no
inheritance between them, no `ClassVar`/`InitVar` (a TypeError says so).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")


class _Marker:
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


MISSING: Any = _Marker("MISSING")
_FACTORY = _Marker("<factory>")  # an __init__ argument left to its default_factory (as shown)


class Field:
    """A field's options, as `dataclasses.Field` keeps them."""

    __slots__ = ("name", "type", "default", "default_factory", "init", "repr", "compare", "hash")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING, init: bool = True,
                 repr: bool = True, compare: bool = True, hash: bool | None = None) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name, self.type = "", ""
        self.default, self.default_factory, self.init = default, default_factory, init
        self.repr, self.compare, self.hash = repr, compare, hash


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] = MISSING,
          init: bool = True, repr: bool = True, compare: bool = True,
          hash: bool | None = None) -> Any:
    """`dataclasses.field` with these options."""
    return Field(default, default_factory, init, repr, compare, hash)


@overload
def dataclass(cls: type[_T], /) -> type[_T]: ...


@overload
def dataclass(*, frozen: bool = False, slots: bool = False,
              order: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(field_specifiers=(Field, field))  # type checkers read records as dataclasses
def dataclass(cls: type | None = None, /, *, frozen: bool = False, slots: bool = False,
              order: bool = False) -> Any:
    """`dataclasses.dataclass` with these options (order only False)."""
    if order:
        raise TypeError("factcheck.records: order=True is not supported")
    if cls is None:
        return lambda c: _build(c, frozen, slots)
    return _build(cls, frozen, slots)


def _build(cls: type, frozen: bool, slots: bool) -> type:
    flds = _fields(cls)
    _check_defaults(cls, flds)
    if not slots:
        _class_defaults(cls, flds)
    _set(cls, "__init__", _init(cls, flds, frozen, slots))
    _set(cls, "__repr__", _repr(cls, flds))
    _set(cls, "__eq__", _eq(cls, flds))
    _hash(cls, flds, frozen)
    if frozen:
        _frozen(cls, flds)
    _set(cls, "__match_args__", tuple(f.name for f in flds if f.init))
    cls.__record_fields__ = tuple(flds)  # type: ignore[attr-defined]
    for name in ("__dataclass_fields__", "__dataclass_params__"):
        setattr(cls, name, _Twin(name, frozen, slots))
    return _slotted(cls, flds, frozen) if slots else cls


def _fields(cls: type) -> list[Field]:
    if any("__record_fields__" in b.__dict__ or "__dataclass_fields__" in b.__dict__
           for b in cls.__mro__[1:]):
        raise TypeError(f"factcheck.records: {cls.__name__} cannot inherit fields")
    out = []
    for name, kind in cls.__dict__.get("__annotations__", {}).items():
        if not isinstance(kind, str) or kind.split("[")[0].rsplit(".", 1)[-1] in ("ClassVar", "InitVar"):
            raise TypeError(f"factcheck.records: field {name} of {cls.__name__} is not supported")
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name, f.type = name, kind
        out.append(f)
    return out


def _check_defaults(cls: type, flds: list[Field]) -> None:
    """The errors `dataclasses` raises for a mutable default or a default before a required field."""
    seen_default = False
    for f in flds:
        if f.default is not MISSING and f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {f.name} is not "
                             "allowed: use default_factory")
        if f.init:
            if f.default is MISSING and f.default_factory is MISSING and seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            seen_default |= f.default is not MISSING or f.default_factory is not MISSING


def _class_defaults(cls: type, flds: list[Field]) -> None:
    """As `dataclasses`: a default stays a class attribute, a `field()` goes."""
    for f in flds:
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)


def _set(cls: type, name: str, value: Any) -> None:
    if name not in cls.__dict__:
        if callable(value):
            value.__qualname__ = f"{cls.__qualname__}.{value.__name__}"
        setattr(cls, name, value)


def _init(cls: type, flds: list[Field], frozen: bool, slots: bool = False) -> Any:
    """The `__init__` dataclasses writes (same arguments, defaults, stores and __post_init__).

    A frozen class with slots stores each field through its slot's own `__set__` (`__set_NAME`,
    bound by `_slotted` once the slots exist): what `object.__setattr__` ends in, without
    looking the name up (a `Claim` of 24 fields 1.8 -> 1.1 µs)."""
    env: dict[str, Any] = {"__object_setattr": object.__setattr__, "__FACTORY": _FACTORY}
    args, body = ["self"], []
    for f in flds:
        value = _init_value(f, env, args)
        if value is None:
            continue
        if frozen and slots:
            env[f"__set_{f.name}"] = None  # the slot's, set by `_slotted`
            body.append(f"__set_{f.name}(self, {value})")
        else:
            body.append(f"__object_setattr(self, {f.name!r}, {value})" if frozen
                        else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = f"def __init__({', '.join(args)}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, env)  # noqa: S102 (our own field names: what dataclasses does)
    init = env["__init__"]
    init.__annotations__ = {**{f.name: f.type for f in flds if f.init}, "return": None}
    return init


def _init_value(f: Field, env: dict[str, Any], args: list[str]) -> str | None:
    """The expression `__init__` stores in a field (adding its argument), or None."""
    if f.default_factory is not MISSING:
        env[f"__factory_{f.name}"] = f.default_factory
        if not f.init:
            return f"__factory_{f.name}()"
        args.append(f"{f.name}=__FACTORY")
        return f"__factory_{f.name}() if {f.name} is __FACTORY else {f.name}"
    if not f.init:
        return None
    if f.default is not MISSING:
        env[f"__default_{f.name}"] = f.default
        args.append(f"{f.name}=__default_{f.name}")
    else:
        args.append(f.name)
    return f.name


def _repr(cls: type, flds: list[Field]) -> Any:
    names = [f.name for f in flds if f.repr]

    @recursive_repr()
    def __repr__(self: Any) -> str:
        return (self.__class__.__qualname__ + "("
                + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")")
    return __repr__


def _values(names: list[str]) -> Any:
    """The tuple of these attributes (`attrgetter` gives a bare value for one name)."""
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names) if names else (lambda obj: ())


def _eq(cls: type, flds: list[Field]) -> Any:
    values = _values([f.name for f in flds if f.compare])

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented
    return __eq__


def _hash(cls: type, flds: list[Field], frozen: bool) -> None:
    """As `dataclasses` with eq=True: unhashable unless frozen or given its own `__hash__`."""
    if "__hash__" in cls.__dict__ and not (cls.__dict__["__hash__"] is None and "__eq__" in cls.__dict__):
        return
    if not frozen:
        cls.__hash__ = None  # type: ignore[assignment]
        return
    values = _values([f.name for f in flds if (f.compare if f.hash is None else f.hash)])

    def __hash__(self: Any) -> int:
        return hash(values(self))
    __hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
    cls.__hash__ = __hash__  # type: ignore[assignment]


def _frozen(cls: type, flds: list[Field]) -> None:
    names = tuple(f.name for f in flds)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    for method in (__setattr__, __delattr__):
        if method.__name__ in cls.__dict__:
            raise TypeError(f"Cannot overwrite attribute {method.__name__} in class {cls.__name__}")
        _set(cls, method.__name__, method)


def _frozen_error(message: str) -> Exception:
    from dataclasses import FrozenInstanceError  # only when a frozen field is assigned

    return FrozenInstanceError(message)


def _slotted(cls: type, flds: list[Field], frozen: bool) -> type:
    """The class made again with `__slots__`, as `dataclasses` does (pickled as a list of values)."""
    names = tuple(f.name for f in flds)
    body = {k: v for k, v in cls.__dict__.items() if k not in (*names, "__dict__", "__weakref__")}
    body["__slots__"] = names
    new = type(cls)(cls.__name__, cls.__bases__, body)
    new.__qualname__ = cls.__qualname__
    setters = [new.__dict__[n].__set__ for n in names]  # the slots' own stores
    env = getattr(body.get("__init__"), "__globals__", {})
    for name, store in zip(names, setters):
        if f"__set_{name}" in env:  # the `__init__` written by `_init`
            env[f"__set_{name}"] = store
    if frozen and "__getstate__" not in body:
        new.__getstate__ = _getstate(names)  # type: ignore[attr-defined]
    if frozen and "__setstate__" not in body:
        new.__setstate__ = _setstate(setters)  # type: ignore[attr-defined]
    return new


def _getstate(names: tuple[str, ...]) -> Any:
    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, n) for n in names]
    return __getstate__


def _setstate(setters: list[Callable[[Any, Any], None]]) -> Any:
    def __setstate__(self: Any, state: list[Any]) -> None:
        for store, value in zip(setters, state):
            store(self, value)
    return __setstate__


class _Twin:
    """`__dataclass_fields__` / `__dataclass_params__`: taken, on first use, from a twin of the
    class that `dataclasses` makes from the same fields, then kept on the class."""

    def __init__(self, name: str, frozen: bool, slots: bool) -> None:
        self.name, self.frozen, self.slots = name, frozen, slots

    def __get__(self, obj: Any, owner: type) -> Any:
        import dataclasses

        flds = owner.__record_fields__  # type: ignore[attr-defined]
        body: dict[str, Any] = {"__annotations__": {f.name: f.type for f in flds},
                                "__module__": owner.__module__, "__qualname__": owner.__qualname__,
                                "__doc__": owner.__doc__}
        for f in flds:
            body[f.name] = dataclasses.field(
                default=dataclasses.MISSING if f.default is MISSING else f.default,
                default_factory=dataclasses.MISSING if f.default_factory is MISSING else f.default_factory,
                init=f.init, repr=f.repr, compare=f.compare, hash=f.hash)
        twin = dataclasses.dataclass(type(owner.__name__, (), body), frozen=self.frozen,
                                     slots=self.slots)
        for name in ("__dataclass_fields__", "__dataclass_params__"):
            type.__setattr__(owner, name, twin.__dict__[name])
        return twin.__dict__[self.name]


def fields(obj: Any) -> tuple[Field, ...]:
    """The fields of a record (class or instance), as `dataclasses.fields` lists them."""
    return obj.__record_fields__


def replace(obj: Any, /, **changes: Any) -> Any:
    """`dataclasses.replace` (a record made again with some fields changed)."""
    flds = getattr(type(obj), "__record_fields__", None)
    if flds is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)
    for f in flds:
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be "
                                 "specified with replace()")
        elif f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def asdict(obj: Any) -> dict[str, Any]:
    """`dataclasses.asdict`."""
    import dataclasses

    return dataclasses.asdict(obj)
