FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY portal portal
COPY stakeholders stakeholders
COPY consultations consultations
COPY registrations registrations
RUN pip install --no-cache-dir -c requirements.lock .
COPY . .
# collectstatic and compilemessages need settings but no secrets or services.
RUN SECRET_KEY=build-only DATABASE_URL=sqlite:// python manage.py compilemessages --verbosity 0 \
 && SECRET_KEY=build-only DATABASE_URL=sqlite:// python manage.py collectstatic --noinput --verbosity 0
RUN useradd --create-home engage && mkdir -p var/media && chown -R engage var
USER engage
EXPOSE 8000
