"""Entry point of the frozen desktop app: the same `koers` command as `ui.launcher:main`."""

from ui.launcher import main

if __name__ == "__main__":
    main()
