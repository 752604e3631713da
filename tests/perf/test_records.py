"""factcheck.records: every class declared with it behaves as the dataclass it replaces.

Each module that declares records is run again with `dataclasses` in place of
`factcheck.records`, and each class compared with its dataclass twin: signature, fields,
repr, equality, hash, frozen-ness, slots, pickling and `dataclasses` functions."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
import sys
import types

import pytest

import factcheck
from factcheck import records


def _record_modules() -> list[str]:
    names = []
    for m in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        if any(s in m.name for s in ("__main__", ".lsp", ".dask")):
            continue
        module = importlib.import_module(m.name)
        if any(isinstance(v, type) and "__record_fields__" in v.__dict__ for v in vars(module).values()):
            names.append(m.name)
    return names


MODULES = _record_modules()


def _as_dataclasses(name: str) -> types.ModuleType:
    """The module run again from its source with `dataclasses` in place of factcheck.records."""
    module = sys.modules[name]
    source = inspect.getsource(module).replace("from factcheck.records import", "from dataclasses import")
    twin = types.ModuleType(name)
    twin.__file__ = module.__file__
    exec(compile(source, module.__file__, "exec"), twin.__dict__)  # noqa: S102
    return twin


def _pairs() -> list[tuple[type, type]]:
    out = []
    for name in MODULES:
        twin = _as_dataclasses(name)
        for key, cls in vars(sys.modules[name]).items():
            if isinstance(cls, type) and "__record_fields__" in cls.__dict__ and cls.__module__ == name:
                out.append(pytest.param(cls, getattr(twin, key), id=f"{name}.{key}"))
    return out


PAIRS = _pairs()


def test_the_records_are_found():
    names = {p.id.rsplit(".", 1)[-1] for p in PAIRS}
    assert {"Claim", "Finding", "ClaimRef", "Quantity", "Document", "Config", "Request"} <= names


def _args(cls: type) -> dict:
    """A distinct value for each required argument (text: Document reads it)."""
    return {f.name: f"v{i}" for i, f in enumerate(dataclasses.fields(cls))
            if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


def _field_view(cls: type) -> list[tuple]:
    return [(f.name, f.type, f.default, f.default_factory is dataclasses.MISSING, f.init, f.repr,
             f.compare, f.hash) for f in dataclasses.fields(cls)]


@pytest.mark.parametrize("rec, dc", PAIRS)
def test_a_record_class_is_its_dataclass(rec, dc):
    assert dataclasses.is_dataclass(rec) and dataclasses.is_dataclass(dc)
    assert str(inspect.signature(rec)) == str(inspect.signature(dc))
    assert _field_view(rec) == _field_view(dc)
    assert [f.name for f in records.fields(rec)] == [f.name for f in dataclasses.fields(dc)]
    assert rec.__dataclass_params__.frozen == dc.__dataclass_params__.frozen
    for attr in ("__match_args__", "__slots__", "__doc__"):
        assert getattr(rec, attr, None) == getattr(dc, attr, None), attr
    assert (rec.__hash__ is None) == (dc.__hash__ is None)
    assert hasattr(rec, "__getstate__") == hasattr(dc, "__getstate__")
    for f in dataclasses.fields(dc):  # a slot, or the default left as a class attribute
        mine, theirs = rec.__dict__.get(f.name, "none"), dc.__dict__.get(f.name, "none")
        assert type(mine) is type(theirs) and ("__slots__" in dc.__dict__ or mine == theirs), f.name


@pytest.mark.parametrize("rec, dc", PAIRS)
def test_a_record_behaves_as_its_dataclass(rec, dc):
    args = _args(dc)
    r, d = rec(**args), dc(**args)
    assert repr(r) == repr(d)
    assert dataclasses.asdict(r) == dataclasses.asdict(d) == records.asdict(r)
    assert (r == rec(**args)) is (d == dc(**args)) is True
    assert r != d and (r == d) is False  # another class: NotImplemented both ways
    _same_outcome(hash, r, d)
    if _hashable(d):
        assert hash(r) == hash(d)
    for f in dataclasses.fields(dc):
        if f.init:
            other = {f.name: "another"}
            assert (r == records.replace(r, **other)) == (d == dataclasses.replace(d, **other))
            assert (r == dataclasses.replace(r, **other)) == (d == dataclasses.replace(d, **other))
    _same_outcome(lambda o: setattr(o, dataclasses.fields(dc)[0].name, 1), r, d)
    _same_outcome(lambda o: delattr(o, dataclasses.fields(dc)[0].name), r, d)
    _same_outcome(lambda o: setattr(o, "not_a_field", 1), r, d)


def _hashable(obj) -> bool:
    try:
        hash(obj)
    except TypeError:
        return False
    return True


def _same_outcome(action, r, d) -> None:
    outcomes = []
    for obj in (r, d):
        try:
            action(obj)
            outcomes.append(None)
        except Exception as exc:  # noqa: BLE001 (the type is what is compared)
            outcomes.append(type(exc))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("rec, dc", PAIRS)
def test_a_record_pickles_and_copies(rec, dc):
    r = rec(**_args(dc))
    for again in (pickle.loads(pickle.dumps(r)), copy.copy(r), copy.deepcopy(r)):
        assert type(again) is rec and repr(again) == repr(r)
        assert dataclasses.astuple(again) == dataclasses.astuple(r)
    if hasattr(dc, "__getstate__") and "__getstate__" in dc.__dict__:
        assert r.__getstate__() == dc(**_args(dc)).__getstate__()


def test_a_frozen_record_raises_dataclasses_error():
    @records.dataclass(frozen=True, slots=True)
    class Point:
        """A point."""

        x: int
        y: int = 0
        tags: tuple = records.field(default_factory=tuple)

    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    assert (p, hash(p), Point.__match_args__) == (Point(1, 0, ()), hash((1, 0, ())), ("x", "y", "tags"))
    assert repr(p) == "test_a_frozen_record_raises_dataclasses_error.<locals>.Point(x=1, y=0, tags=())"
    with pytest.raises(ValueError, match="init=False"):
        records.replace(Document("a", "b"), line_starts=None)


def test_a_frozen_record_with_slots_stores_through_its_slots():
    """Its `__init__` and `__setstate__` store each field with the slot's own `__set__`, not
    `object.__setattr__` by name; a class's own `__init__` is kept as it is."""
    @records.dataclass(frozen=True, slots=True)
    class Point:
        """A point."""

        x: int
        y: int = 0

    init = Point.__init__
    assert "__object_setattr" not in init.__code__.co_names
    for name in ("x", "y"):
        assert init.__globals__[f"__set_{name}"] == Point.__dict__[name].__set__
    p = Point(1, 2)
    assert (p.x, p.y) == (1, 2) and copy.copy(p) == p  # through `__setstate__`
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.y = 3  # type: ignore[misc]

    @records.dataclass(frozen=True, slots=True)
    class Named:
        """Built by its own `__init__`."""

        name: str

        def __init__(self, text: str) -> None:
            object.__setattr__(self, "name", text.strip())

    assert Named(" a ").name == "a"


def test_what_records_refuse_as_dataclasses_do():
    with pytest.raises(ValueError, match="mutable default"):
        @records.dataclass
        class A:
            """A."""

            x: list = []  # noqa: RUF012
    with pytest.raises(TypeError, match="non-default argument 'y' follows default argument"):
        @records.dataclass
        class B:
            """B."""

            x: int = 0
            y: int
    with pytest.raises(TypeError):
        records.dataclass(order=True)


from factcheck.text.document import Document  # noqa: E402
