"""factcheck: check Chinese news drafts against a claims registry built from a source article.

The public API (`load_registry`, `check_text`, `check_paths`, `extract_article`, `Finding`,
`FactcheckError`, …) lives in `factcheck.api` and is loaded on first use, so that
`import factcheck` stays cheap (docs/api.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from factcheck.api import (  # noqa: F401
        ClaimRef,
        ConfigError,
        Document,
        FactcheckError,
        Finding,
        InputError,
        Registry,
        RegistryError,
        Severity,
        Source,
        check_document,
        check_paths,
        check_text,
        draft_files,
        extract_article,
        load_registry,
        registry_json,
        save_registry,
    )

_API = frozenset({
    "ClaimRef", "ConfigError", "Document", "FactcheckError", "Finding", "InputError", "Registry",
    "RegistryError", "Severity", "Source", "check_document", "check_paths", "check_text",
    "draft_files",
    "extract_article", "load_registry", "registry_json", "save_registry",
})

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    """The public API's names, imported from factcheck.api when first asked for."""
    if name in _API:
        from factcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
