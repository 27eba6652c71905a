"""The plain commands: each reads (or, for one, writes) the database without the interface."""


class UserError(Exception):
    """A mistake the user can fix; main prints it on one line and exits 1."""
