"""The build's process ends without collecting its whole memory once more.

When Python exits, it runs full garbage collections over every object still
alive: after a build, the pages, files and navigation of the whole site.
Nothing is left to do with them then, and those collections took longer
than any step of the build's end (bench/README.md). Objects alive at exit
are frozen instead (``gc.freeze``): the collections skip them, and the
system takes the process's memory back at once.

Event and priority:
- ``on_shutdown`` at priority -1000, after every plugin's and hook's own
  end: the freeze is registered to run when the process exits (``atexit``),
  not at once, since a process that builds several times (tests, `mkdocs
  serve`) still needs its garbage collected between builds. Exit handlers
  registered before it (logging's, temporary folders') still run after it;
  files are closed where they are written (``with``), so none waits on a
  collection to be flushed.
"""

from __future__ import annotations

import atexit
import gc

from mkdocs.plugins import event_priority

_registered = False


@event_priority(-1000)
def on_shutdown() -> None:
    global _registered
    if not _registered:
        _registered = True
        atexit.register(gc.freeze)
