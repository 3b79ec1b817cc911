"""The ``saidwhat`` command as a program: ``python -m saidwhat ...``, and the file spark-submit runs.

    spark-submit --master yarn "$(python -c 'import saidwhat.__main__ as m; print(m.__file__)')" \
        spark 's3a://bucket/crawl/*.warc.gz' --output s3a://bucket/saidwhat/

Spark's driver gets ``saidwhat spark``'s arguments this way, with its options declared once in the CLI,
while the ``saidwhat.spark`` package itself never depends on the command line.
"""

from __future__ import annotations

from saidwhat.cli import main

if __name__ == "__main__":
    main()
