"""Root pytest configuration, loaded for both `pytest tests` and `pytest --nbval notebooks/`.

Kernels that nbval starts inherit this process's environment. ipykernel picks the inline
matplotlib backend only when MPLBACKEND is unset or inline, so a headless shell's
``MPLBACKEND=Agg`` would make every plot cell produce no output and fail nbval. Unit tests set
Agg themselves (tests/conftest.py).
"""

import os

if "inline" not in os.environ.get("MPLBACKEND", "inline"):
    del os.environ["MPLBACKEND"]
