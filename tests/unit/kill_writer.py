"""A writer for the kill test: adds and removes records, acknowledging each write.

Run as: python kill_writer.py DB SEED. Prints "+ID" once the insert of ID has
returned, "~ID" before removing ID and "-ID" once the removal has returned; the
test kills it at a random moment.
"""

import random
import sys

from tinydb import TinyDB

from peertui.store.lock import WriterLock
from peertui.store.storage import AtomicJSONStorage

path, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
lock = WriterLock(__import__("pathlib").Path(path))
lock.acquire()
db = TinyDB(path, storage=AtomicJSONStorage)
table = db.table("records")
print("ready", flush=True)
n = seed * 100_000
while True:
    n += 1
    # Records of very different sizes, so that many writes shorten the file.
    table.insert({"id": n, "text": "é" * rng.choice((1, 10, 3000, 20000))})
    print(f"+{n}", flush=True)
    if rng.random() < 0.5 and len(table) > 1:
        victim = rng.choice(table.all())
        print(f"~{victim['id']}", flush=True)  # may be gone if killed from here on
        table.remove(doc_ids=[victim.doc_id])
        print(f"-{victim['id']}", flush=True)
