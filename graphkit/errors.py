"""The errors graphkit raises.

The library never prints and never exits: it raises a :class:`GraphkitError`
subclass whose message is one line that names the file (or server) and the
problem. The CLI turns them into that line on stderr and an exit code.
"""

from __future__ import annotations


class GraphkitError(Exception):
    """Base class: a failure a user can understand and act on.

    ``exit_code`` is what the CLI exits with: 1 when the input or the world is
    wrong (a file, the store, the server), 2 when the command line is wrong (an
    option, a parameter, a query name, a name to look up).
    """

    exit_code = 1


class InputError(GraphkitError):
    """An input file cannot be read as an article (missing, binary, bad encoding, empty)."""

    exit_code = 1


class NoStoreError(InputError):
    """A read found no graphkit store where it looked (a missing file, a database without graphkit data)."""


class OutputError(GraphkitError):
    """An output file (a map, an export, the store) cannot be written."""


class UsageError(GraphkitError):
    """The command was called wrongly (bad parameter, unknown query name)."""

    exit_code = 2


class ModelNotFoundError(GraphkitError):
    """No spaCy pipeline is installed that graphkit can load."""


class StoreError(GraphkitError):
    """The store file or server cannot be read or written."""


class StoreUnavailableError(StoreError):
    """The store cannot be reached at all (a server down): no retry article by article helps."""


class QueryError(GraphkitError):
    """A Cypher query is invalid or uses a construct the backend cannot run."""

    exit_code = 2
