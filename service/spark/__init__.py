"""The corpus job on Apache Spark: ``python -m service spark IN OUT`` or ``spark-submit``.

PySpark is an optional dependency (``pip install quote-service[spark]``, or
``requirements-spark.txt``); nothing here imports it until the job runs.
"""
