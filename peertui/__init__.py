"""peertui: run co-development and peer learning sessions from the terminal."""

__version__ = "0.1.0"
