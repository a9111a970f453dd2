"""Libraries a module needs only on some paths, named at the module's head and imported on
first use (issue 19 item 3).

`titlecli check` must start fast, so the libraries of the interview, the dossier and batch
(questionary, reportlab, pypdf, openpyxl, Pillow) and those only validation needs (pydantic,
PyYAML) are not imported by merely importing a module that can use them.  Imports inside
functions did that but hid what a module depends on; instead a module's head says

    if TYPE_CHECKING:
        import openpyxl
    else:
        openpyxl = lazy("openpyxl")

and uses `openpyxl.load_workbook(...)` as usual: the name stands for the module and imports it
the first time an attribute is read.  Type checkers see the real import.
"""

from __future__ import annotations

import importlib
from typing import Any


class _Lazy:
    """Stands for the module `name` until an attribute of it is read; then imports it once."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: Any = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}{'' if self._module is None else ' (imported)'}>"


def lazy(name: str) -> Any:
    """A stand-in for the module `name` (dotted, as for `import name`), imported on first use."""
    return _Lazy(name)


__all__ = ["lazy"]
