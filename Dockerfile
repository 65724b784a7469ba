# claimtrack production image: gunicorn + whitenoise for web; the same image runs the Celery
# worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 1000 claimtrack

# requirements.txt is the lock file: every dependency pinned, each download checked by hash.
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt

COPY . .
# Static files are collected at build time and served by whitenoise.
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && chown -R claimtrack:claimtrack /app \
    && mkdir -p /var/lib/claimtrack/media && chown claimtrack:claimtrack /var/lib/claimtrack/media

USER claimtrack
EXPOSE 8000
CMD ["gunicorn", "claimtrack.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "60", "--access-logfile", "-", "--limit-request-line", "8190"]
