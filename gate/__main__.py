"""``python -m gate`` is ``chirogate``."""

from gate.cli import main

main()
