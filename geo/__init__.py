"""geo: offline place and actor extraction for conflict news.

Data flows one way::

    articles -> names/gazetteer -> places, actors -> pipeline -> store -> maplayers

Nothing is loaded at import time; call :func:`geo.gazetteer.load_gazetteer`,
:func:`geo.pipeline.Pipeline.default` etc. explicitly.
"""

__version__ = "0.1.0"
