"""The frozen LV CAD's entry script: ``LV_CAD.exe [FILE]`` runs ``lvcad [FILE]``."""

import sys

from lvcad.__main__ import main

sys.exit(main())
