"""Keep numpy out of web workers until something really needs it.

numpy is installed because the selection engine's solver (highspy) needs it. openpyxl, which
django-import-export loads when the admin starts (for XLSX), imports numpy whenever it is installed,
only to recognise numpy number types, which the portal never writes. That costs each gunicorn worker
about 18 MB (design note §8: a worker stays under 100 MB). openpyxl is therefore loaded once with
numpy hidden; numpy itself still imports normally later, when the engine runs.
"""

import sys


def load_openpyxl_without_numpy() -> None:
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # makes `import numpy` raise ImportError
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        pass
    finally:
        del sys.modules["numpy"]
