"""Entry point of the frozen desktop app: the same `koers` command as `ui.launcher:main`."""

import multiprocessing

from ui.launcher import main

if __name__ == "__main__":
    # The de-identification worker is a spawned process: in a frozen app the executable
    # itself is started for it, and this hands it to multiprocessing instead of the window.
    multiprocessing.freeze_support()
    main()
