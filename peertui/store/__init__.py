"""The store: the only package that imports tinydb."""

from peertui.store.repository import Store
from peertui.store.storage import StoreError

__all__ = ["Store", "StoreError"]
